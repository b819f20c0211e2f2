"""calculators/scenario.py (the scenario in the address) and the comparison/table helpers of view.py."""

import os
import random
import sys

import pytest

from calculators import registry, scenario, view
from calculators.core import evaluate
from calculators import catalog
from calculators.numbers import CURRENCIES, default_currency
from calculators.view import input_text

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from micropython_check import run_both  # noqa: E402

NAMES = sorted(registry.NAMES)
KEY = "acquisition-vs-retention-1"
AVR = registry.get("acquisition_vs_retention")
QUOTE = scenario.QUOTE_LENGTH


def random_typed(spec, lang, rng):
    """A valid value for ``spec`` as a person would type it in ``lang``."""
    hi = spec.maximum if spec.maximum is not None else 10 ** 7
    hi = min(hi, 10 ** 7)
    lo = spec.minimum
    if spec.integer:
        return input_text(rng.randint(int(lo), int(hi)), lang)
    value = round(rng.uniform(lo, hi), rng.randint(0, 2))
    return input_text(value, lang)


def query_of(calculator, key, raw, lang, currency=None, preset=None, page_preset=None, query=""):
    pairs = scenario.encode(calculator, key, raw, lang, currency, preset, page_preset)
    return scenario.merge_query(query, key, pairs)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_round_trip_of_random_scenarios(name, lang):
    calculator = registry.get(name)
    key = name.replace("_", "-") + "-1"
    rng = random.Random(name + lang)
    presets = [None] + sorted(calculator.presets)
    for _ in range(40):
        preset = rng.choice(presets)
        currency = rng.choice(CURRENCIES)
        base = calculator.defaults(lang, preset)
        raw = dict((k, input_text(v, lang)) for k, v in base.items())
        for spec in rng.sample(calculator.inputs, rng.randint(0, len(calculator.inputs))):
            raw[spec.name] = random_typed(spec, lang, rng)
        page_preset = rng.choice(presets)
        query = query_of(calculator, key, raw, lang, currency, preset, page_preset, "?utm=x&other.a=1")
        assert query.startswith("?utm=x&other.a=1")
        expected = evaluate(calculator, raw, lang, currency).values
        # the other language's page reads the link's numbers the same (its own defaults fill the rest)
        for reader in ("ru", "en"):
            found = scenario.decode(calculator, key, query, reader, page_preset)
            assert found["notices"] == []
            assert found["preset"] == preset
            for spec in calculator.inputs:
                if reader == lang or spec.name in found["taken"]:
                    assert found["values"][spec.name] == expected[spec.name], (spec.name, query)
        found = scenario.decode(calculator, key, query, lang, page_preset)
        assert found["currency"] == currency


def test_only_what_differs_is_written_and_defaults_fill_the_rest():
    raw = dict((k, input_text(v, "ru")) for k, v in AVR.defaults("ru").items())
    assert query_of(AVR, KEY, raw, "ru") == ""
    raw["new_customers"] = "1 000"
    raw["average_order"] = "2 500,50"
    query = query_of(AVR, KEY, raw, "ru", "EUR")
    # written from the values' digits, not from the typed text ("2 500,50")
    assert query == "?%s.currency=EUR&%s.new_customers=1000&%s.average_order=2500.5" % (KEY, KEY, KEY)
    found = scenario.decode(AVR, KEY, "?%s.new_customers=1000" % KEY, "en")
    assert found["found"] and found["taken"] == ["new_customers"]
    assert found["values"] == dict(AVR.defaults("en"), new_customers=1000)
    assert found["currency"] == "USD"
    assert scenario.decode(AVR, KEY, "", "en")["found"] is False
    assert scenario.decode(AVR, KEY, "?other-1.new_customers=5", "en")["found"] is False


def test_presets_against_the_page_preset():
    raw = dict((k, input_text(v, "en")) for k, v in AVR.defaults("en", "coffee_shop").items())
    assert query_of(AVR, KEY, raw, "en", None, "coffee_shop", "coffee_shop") == ""
    assert query_of(AVR, KEY, raw, "en", None, "coffee_shop", None) == "?%s.preset=coffee_shop" % KEY
    defaults = dict((k, input_text(v, "en")) for k, v in AVR.defaults("en").items())
    assert query_of(AVR, KEY, defaults, "en", None, None, "coffee_shop") == "?%s.preset=default" % KEY
    found = scenario.decode(AVR, KEY, "?%s.preset=default" % KEY, "en", "coffee_shop")
    assert found["preset"] is None and found["values"] == AVR.defaults("en")
    found = scenario.decode(AVR, KEY, "?%s.preset=b2b_service&%s.new_customers=7" % (KEY, KEY), "ru")
    assert found["values"] == dict(AVR.defaults("ru", "b2b_service"), new_customers=7)


HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>", "1e5", "inf",
           "NaN", "-5", "1" * 40, "12abc", "", "\u0000\u0007", "javascript:alert(1)"]


@pytest.mark.parametrize("value", HOSTILE)
def test_invalid_values_are_ignored_with_a_plain_text_notice(value):
    query = scenario.merge_query("", KEY, [(KEY + ".average_order", value), (KEY + ".new_customers", "500")])
    found = scenario.decode(AVR, KEY, query, "en")
    assert found["values"]["average_order"] == AVR.defaults("en")["average_order"]
    assert found["values"]["new_customers"] == 500
    assert found["taken"] == ["new_customers"]
    assert len(found["notices"]) == 1
    notice = found["notices"][0]
    assert "Average order" in notice
    assert "\u0000" not in notice and "\u0007" not in notice
    assert len(notice) < 300


def test_unknown_names_presets_currencies_and_broken_encoding():
    query = "?%s.nope=1&%s.preset=%%3Cb%%3E&%s.currency=XXX&%s.new_customers=%%FF&%s.average_order=60" % (
        KEY, KEY, KEY, KEY, KEY)
    found = scenario.decode(AVR, KEY, query, "ru")
    assert found["values"] == dict(AVR.defaults("ru"), average_order=60)
    assert found["preset"] is None and found["currency"] == "RUB"
    text = " ".join(found["notices"])
    assert "«nope»" in text and "«<b>»" in text and "«XXX»" in text
    assert len(found["notices"]) == 4
    # a value that is not UTF-8 is dropped with the notice of any other invalid value
    assert found["notices"][3] == catalog.get("ru")["link_notices"]["invalid"].replace("{value}", "%FF").replace(
        "{label}", "Новых клиентов за год").replace("{reason}", catalog.get("ru")["errors"]["link_number"])
    assert found["taken"] == ["average_order"]
    # a name that is not UTF-8 cannot be told apart from others': one notice that part was skipped
    found = scenario.decode(AVR, KEY, "?%s.new%%FF=5&%s.average_order=60" % (KEY, KEY), "en")
    assert found["values"] == dict(AVR.defaults("en"), average_order=60)
    assert found["notices"] == [catalog.get("en")["link_notices"]["unreadable"]]


@pytest.mark.parametrize("value", ["%FF", "5%FF", "%C3%28", "%ED%A0%80", "1%2E5%FF"])
def test_broken_utf8_values_are_invalid_values(value):
    for lang in ("ru", "en"):
        for field in ("new_customers", "preset", "currency"):
            found = scenario.decode(AVR, KEY, "?%s.%s=%s" % (KEY, field, value), lang)
            assert found["values"] == AVR.defaults(lang)
            assert found["preset"] is None and found["currency"] == default_currency(lang)
            assert len(found["notices"]) == 1 and value[:QUOTE] in found["notices"][0]
            assert catalog.get(lang)["link_notices"]["unreadable"] not in found["notices"]


def test_query_helpers():
    assert scenario.percent_decode("a+b%20c%D1%91") == "a b cё"
    assert scenario.percent_decode("%D1") is None
    assert scenario.percent_decode("100%") == "100%"
    assert scenario.percent_encode("ё <x>&=") == "%D1%91%20%3Cx%3E%26%3D"
    assert scenario.parse_query("?a=1&&b=%3D&c") == [("a", "1"), ("b", "="), ("c", "")]
    assert scenario.merge_query("?k.a=1&x=2&k.b=3&kk.a=4", "k", []) == "?x=2&kk.a=4"
    assert scenario.merge_query("?k%2Ea=1", "k", [("k.a", "2")]) == "?k.a=2"
    assert scenario.instance_key("calc-customer-value-2") == "customer-value-2"


def test_reserved_names_are_not_input_names():
    for name in NAMES:
        names = registry.get(name).input_by_name
        assert scenario.PRESET not in names and scenario.CURRENCY not in names
        assert scenario.NO_PRESET not in registry.get(name).presets


def test_comparison_and_tables():
    a = evaluate(AVR, {}, "ru")
    b = evaluate(AVR, {"new_customers": "500", "average_order": "x"}, "ru")
    rows = dict((row["key"], row) for row in view.compare(a, b))
    assert rows["cac"] == {"key": "cac", "a": "1\u00a0500,00\u00a0₽", "b": "1\u00a0200,00\u00a0₽",
                           "diff": "\u2212300,00\u00a0₽"}
    assert rows["clv"]["b"] == "—" and rows["clv"]["diff"] == "—"
    assert view.difference("pct", 60, 65, "ru", None) == "+5\u00a0п.\u00a0п."
    assert view.difference("pct", 60, 65, "en", None) == "+5\u00a0pp"
    assert view.difference("money", 2, 2, "en", "EUR") == "€0.00"
    tsv = view.table_tsv(b, a)
    lines = tsv.split("\r\n")
    assert lines[0] == "Показатель\tА\tБ\tБ − А"
    assert lines[1] == "Исходные данные\t\t\t"
    assert "Новых клиентов за год\t400\t500\t+100" in lines
    assert all(line.count("\t") == 3 for line in lines if line)
    plain = view.table_tsv(evaluate(AVR, {}, "en")).split("\r\n")
    assert plain[0] == "Item\tValue" and "Customer acquisition cost (CAC)\t$30.00" in plain
    csv = view.table_csv(b, a).split("\r\n")
    assert csv[0] == "Раздел;Показатель;Единица;А;Б;Б − А"
    assert "Результаты;Стоимость привлечения (CAC);RUB;1500,00;1200,00;-300,00" in csv
    assert "Исходные данные;Средний чек;RUB;2500,00;;" in csv
    en = view.table_csv(evaluate(AVR, {}, "en")).split("\r\n")
    assert en[0] == "Section,Item,Unit,Value"
    assert 'Inputs,"Gross margin, %",%,40' in en
    assert "Results,Customer lifetime value (CLV),USD,154.00" in en
    assert view.fixed(-0.005, 2) == "-0.01" and view.fixed(2.5, 0) == "3" and view.fixed(0.05, 2, ",") == "0,05"


def test_same_results_on_micropython():
    code = r'''
import json
from calculators import registry, scenario, view
from calculators.core import evaluate
c = registry.get("acquisition_vs_retention")
key = "acquisition-vs-retention-1"
out = []
queries = ["", "?x=1", "?%s.new_customers=500&%s.average_order=%%3Cscript%%3E&%s.currency=EUR" % (key, key, key),
           "?%s.preset=coffee_shop&%s.retention_rate_pct=70.5&%s.nope=%%FF" % (key, key, key),
           "?%s.gross_margin_pct=1%%2C5&%s.preset=zzz&%s.currency=%%E2%%82%%BD" % (key, key, key)]
for lang in ("ru", "en"):
    for q in queries:
        found = scenario.decode(c, key, q, lang, None)
        out.append([found["found"], found["preset"], found["currency"], sorted(found["values"].items()),
                    found["taken"], found["notices"]])
        raw = dict((k, view.input_text(v, lang)) for k, v in found["values"].items())
        pairs = scenario.encode(c, key, raw, lang, found["currency"], found["preset"], None)
        out.append(scenario.merge_query(q, key, pairs))
a = evaluate(c, {}, "ru")
b = evaluate(c, {"new_customers": "500", "average_order": "x"}, "ru")
out.append([view.table_tsv(b, a), view.table_csv(b, a), view.table_csv(evaluate(c, {}, "en")), view.compare(a, b)])
print(json.dumps(out))
'''
    cpython, micro = run_both(code)
    assert micro == cpython


# --- A beside B: the pinned scenario in the link and on the device ---------------------------------------------

PINNED_PREFIX = KEY + ".a."


def pinned_of(calculator, lang, preset=None, currency=None, name="", **changes):
    values = calculator.defaults(lang, preset)
    values.update(changes)
    return {"values": values, "preset": preset, "currency": currency, "name": name}


def link_query(calculator, key, pinned, lang, page_preset=None, raw=None, name_b=""):
    """The address of a comparison: B's parameters (from ``raw``, the fields' texts), B's name, then A's."""
    if raw is None:
        raw = dict((k, input_text(v, lang)) for k, v in calculator.defaults(lang, page_preset).items())
    b = evaluate(calculator, raw, lang)
    pairs = scenario.encode(calculator, key, raw, lang, None, page_preset, page_preset)
    pairs += scenario.name_pairs(calculator, key, name_b, b.values, page_preset, lang)
    pairs += scenario.pinned_pairs(calculator, key, pinned, lang, page_preset)
    return scenario.merge_query("", key, pairs)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_pinned_scenario_round_trips_through_the_link_and_the_device(name, lang):
    calculator = registry.get(name)
    key = name.replace("_", "-") + "-1"
    rng = random.Random("pinned" + name + lang)
    presets = [None] + sorted(calculator.presets)
    for _ in range(30):
        preset = rng.choice(presets)
        values = calculator.defaults(lang, preset)
        for spec in rng.sample(calculator.inputs, rng.randint(0, len(calculator.inputs))):
            typed = random_typed(spec, lang, rng)
            values[spec.name] = spec.parse(typed, lang)
        pinned = {"values": values, "preset": preset, "currency": rng.choice(CURRENCIES),
                  "name": rng.choice(["", "Q3 plan", "План на 2027 год", "<b>x</b> & \"y\"", "ё" * 40])}
        page_preset = rng.choice(presets)
        query = link_query(calculator, key, pinned, lang, page_preset)
        kept = scenario.pinned_stored(calculator, key, pinned, lang)
        for source, text, page in (("link", query, page_preset), ("device", kept, None)):
            found = scenario.comparison(calculator, key, text, lang, page)
            assert found["notices"] == [], (source, text)
            a = found["pinned"]
            assert a["values"] == values, (source, text)
            assert a["preset"] == preset and a["currency"] == pinned["currency"]
            shown = pinned["name"] or scenario.default_name(calculator, values, preset, lang)
            assert (a["name"] or scenario.default_name(calculator, a["values"], a["preset"], lang)) == shown
        # B reads its own parameters only: A's are not "unknown" to it
        b = scenario.decode(calculator, key, query, lang, page_preset)
        assert b["notices"] == [] and b["found"] is False and b["values"] == calculator.defaults(lang, page_preset)


def test_only_what_differs_from_the_page_is_written_for_a():
    assert scenario.pinned_pairs(AVR, KEY, pinned_of(AVR, "ru"), "ru") == [(PINNED_PREFIX + "preset", "default")]
    assert scenario.pinned_pairs(AVR, KEY, pinned_of(AVR, "en", "coffee_shop"), "en", "coffee_shop") == [
        (PINNED_PREFIX + "preset", "coffee_shop")]
    # a changed input, another currency, another preset: each once, nothing else
    pairs = scenario.pinned_pairs(AVR, KEY, pinned_of(AVR, "ru", "b2b_service", "EUR", new_customers=7.5),
                                  "ru", None)
    assert pairs == [(PINNED_PREFIX + "preset", "b2b_service"), (PINNED_PREFIX + "currency", "EUR"),
                     (PINNED_PREFIX + "new_customers", "7.5")]
    # a name is written unless it is the one the scenario has anyway (its preset's title, while unchanged)
    title = AVR.presets["coffee_shop"]["title"]["en"]
    same = pinned_of(AVR, "en", "coffee_shop", name=title)
    assert scenario.pinned_pairs(AVR, KEY, same, "en", "coffee_shop") == [(PINNED_PREFIX + "preset", "coffee_shop")]
    changed = pinned_of(AVR, "en", "coffee_shop", name=title, new_customers=1)
    assert (PINNED_PREFIX + "name", title) in scenario.pinned_pairs(AVR, KEY, changed, "en", "coffee_shop")
    assert scenario.pinned_pairs(AVR, KEY, pinned_of(AVR, "en", name="По умолчанию"), "en") == [
        (PINNED_PREFIX + "name", "По умолчанию")]
    assert scenario.pinned_pairs(AVR, KEY, pinned_of(AVR, "ru", name=" По   умолчанию "), "ru") == [
        (PINNED_PREFIX + "preset", "default")]
    # B's name likewise
    values = AVR.defaults("en", "coffee_shop")
    assert scenario.name_pairs(AVR, KEY, title, values, "coffee_shop", "en") == []
    assert scenario.name_pairs(AVR, KEY, "Plan", values, "coffee_shop", "en") == [(KEY + ".name", "Plan")]
    # the whole link, as the page writes it: B's changes, B's name, then A
    raw = dict((k, input_text(v, "ru")) for k, v in AVR.defaults("ru").items())
    raw["retention_rate_pct"] = "70,5"
    query = link_query(AVR, KEY, pinned_of(AVR, "ru", name="Сейчас"), "ru", None, raw, "План")
    assert query == ("?%s.retention_rate_pct=70.5&%s.name=%%D0%%9F%%D0%%BB%%D0%%B0%%D0%%BD"
                     "&%s.a.name=%%D0%%A1%%D0%%B5%%D0%%B9%%D1%%87%%D0%%B0%%D1%%81" % (KEY, KEY, KEY))
    found = scenario.comparison(AVR, KEY, query, "ru")
    assert found["name"] == "План" and found["pinned"]["name"] == "Сейчас"
    assert found["pinned"]["values"] == AVR.defaults("ru") and found["pinned"]["preset"] is None


def test_the_links_a_wins_over_the_one_the_device_keeps():
    kept = scenario.pinned_stored(AVR, KEY, pinned_of(AVR, "en", "b2b_service", name="Mine", new_customers=9), "en")
    link = link_query(AVR, KEY, pinned_of(AVR, "en", "coffee_shop", name="Theirs"), "en")
    found = scenario.restore_comparison(AVR, KEY, link, kept, "en")
    assert found["from_link"] is True
    assert found["pinned"]["name"] == "Theirs" and found["pinned"]["preset"] == "coffee_shop"
    assert found["pinned"]["values"] == AVR.defaults("en", "coffee_shop")
    # no A in the address: the device's; neither: none
    found = scenario.restore_comparison(AVR, KEY, "?%s.new_customers=5&other-1.a.preset=default" % KEY, kept, "en")
    assert found["from_link"] is False and found["pinned"]["name"] == "Mine"
    assert found["pinned"]["values"] == dict(AVR.defaults("en", "b2b_service"), new_customers=9)
    for nothing in (None, "", "garbage&&=", "?%s.a=1" % KEY):
        found = scenario.restore_comparison(AVR, KEY, "", nothing, "en")
        assert found["pinned"] is None and found["notices"] == []
    # the device keeps every value, so later defaults do not move it
    assert kept.count("&") == len(AVR.inputs) + 2
    assert "preset=b2b_service" in kept and "currency=USD" in kept


def test_names_are_text_escaped_in_the_link_and_at_most_40_characters():
    hostile = "<img src=x onerror=alert(1)>&\"'"
    pairs = scenario.pinned_pairs(AVR, KEY, pinned_of(AVR, "en", name=hostile), "en")
    query = scenario.merge_query("", KEY, pairs)
    assert "<" not in query and ">" not in query and "\"" not in query and " " not in query
    assert query == "?%s.a.name=%%3Cimg%%20src%%3Dx%%20onerror%%3Dalert%%281%%29%%3E%%26%%22%%27" % KEY
    assert scenario.comparison(AVR, KEY, query, "en")["pinned"]["name"] == hostile[:40]
    assert scenario.clean_name(hostile) == hostile  # kept as typed: the page shows it as text
    long = "Очень длинное название сценария для проверки"
    assert len(long) > 40
    assert scenario.clean_name(long) == long[:40].rstrip()
    query = "?%s.a.name=%s&%s.name=%s" % (KEY, scenario.percent_encode(long), KEY, scenario.percent_encode("x" * 99))
    found = scenario.comparison(AVR, KEY, query, "ru")
    assert found["pinned"]["name"] == long[:40].rstrip() and found["name"] == "x" * 40
    # line breaks, tabs and odd spaces become one space; control and direction-override characters go
    assert scenario.clean_name("  a\r\n\tb\u00a0\u2003c\u0000\u0007\u202ed\u2066 e") == "a b cd e"
    assert scenario.clean_name("\u0000\n ") == "" and scenario.clean_name(None) == ""
    assert scenario.clean_name("😀" * 50) == "😀" * 40
    # broken encoding in a name: skipped with the notice B's reading gives for every broken parameter
    query = "?%s.a.name=%%FF&%s.a.new_customers=5" % (KEY, KEY)
    assert scenario.comparison(AVR, KEY, query, "en")["pinned"]["name"] == ""
    assert any("broken encoding" in n for n in scenario.decode(AVR, KEY, query, "en")["notices"])


def test_invalid_parts_of_a_are_skipped_with_notices_about_a():
    query = "?%s.a.new_customers=-5&%s.a.preset=nope&%s.a.zzz=1&%s.a.average_order=75" % (KEY, KEY, KEY, KEY)
    found = scenario.comparison(AVR, KEY, query, "ru")
    assert found["pinned"]["values"] == dict(AVR.defaults("ru"), average_order=75)
    assert len(found["notices"]) == 3
    assert all(n.startswith("Сценарий А: ") for n in found["notices"])
    assert "«nope»" in found["notices"][0] or "«nope»" in " ".join(found["notices"])
    assert scenario.comparison(AVR, KEY, query, "en")["notices"][0].startswith("Scenario A: ")


def test_link_numbers_never_have_exponents():
    from calculators.numbers import parse_decimal
    for value in [0.00001, 1.5e-7, 1e-30, 123456789012345.0, -0.00042, 7.0, 0.0, 1e-5, 999999999999999.0]:
        text = scenario.link_number(value)
        assert "e" not in text and "E" not in text, text
        assert float(text) == value and parse_decimal(text) == value
    assert scenario.link_number(0.00001) == "0.00001" and scenario.link_number(-1.5e-7) == "-0.00000015"
    # a value no one typed (17 digits) is written as the nearest number of 15, which the link's parser reads
    assert scenario.link_number(0.1 + 0.2) == "0.3"
    assert scenario.link_number(2 / 3) == "0.666666666666667"


def test_default_names():
    assert scenario.default_name(AVR, AVR.defaults("ru"), None, "ru") == "По умолчанию"
    assert scenario.default_name(AVR, AVR.defaults("en"), None, "en") == "Default"
    assert scenario.default_name(AVR, AVR.defaults("en", "coffee_shop"), "coffee_shop", "en") == \
        AVR.presets["coffee_shop"]["title"]["en"]
    assert scenario.default_name(AVR, dict(AVR.defaults("en"), new_customers=1), None, "en") == ""
    assert scenario.default_name(AVR, AVR.defaults("en"), "gone", "en") == ""


# The address a room's laptop prints (make room) and a deployment under a sub-path.
HOSTS = ["http://192.168.100.100:8000/", "https://clienting.example.org/playbook/"]


def typical_changes(calculator, lang):
    """B as a team makes it: the page's scenario with the two inputs of the longest names (the longest
    parameters) raised by a quarter, money with kopecks or cents."""
    defaults = calculator.defaults(lang)
    raw = dict((k, input_text(v, lang)) for k, v in defaults.items())
    for spec in sorted(calculator.inputs, key=lambda s: -len(s.name))[:2]:
        value = defaults[spec.name] * 1.25 + (0.55 if spec.kind == "money" else 1)
        if spec.integer:
            value = float(int(value))
        elif spec.kind != "money":
            value = int(value * 10) / 10
        if spec.maximum is not None and value > spec.maximum:
            value = spec.maximum - 1
        raw[spec.name] = input_text(value, lang)
    return raw


@pytest.mark.parametrize("name", NAMES)
def test_a_typical_comparison_link_keeps_the_qr_code_at_version_10_or_below(name):
    """A typical A/B link: B is the page's scenario with two inputs changed, A the page's scenario or a
    preset (named by its title, so no name is written).  Its QR code must stay at version 10 (57 × 57
    modules) or below, to be scanned off a projector from the back of a room."""
    from calculators import qr

    calculator = registry.get(name)
    page = name.replace("_", "-")
    key = page + "-1"
    checked = 0
    for lang in ("ru", "en"):
        raw = typical_changes(calculator, lang)
        for preset in [None] + sorted(calculator.presets):
            query = link_query(calculator, key, pinned_of(calculator, lang, preset), lang, None, raw)
            assert query.count("&") >= 2 and ".a.preset=" in query
            for host in HOSTS:
                link = host + ("en/" if lang == "en" else "") + "calculators/" + page + "/" + query + "#calc-" + key
                code = qr.encode_for_screen(link)
                assert code.version <= 10, (len(link), link)
                checked += 1
    assert checked >= 16


def test_tables_name_both_scenarios_carry_the_date_and_link_and_keep_every_typed_decimal():
    link = "http://192.168.1.5:8000/calculators/acquisition-vs-retention/?%s.a.preset=default#calc-%s" % (KEY, KEY)
    a = evaluate(AVR, {"average_order": "2 500,55", "retention_rate_pct": "62,25"}, "ru")
    b = evaluate(AVR, {"average_order": "2 500,5", "retention_rate_pct": "62,5", "orders_per_year": "4,25"}, "ru")
    names = ("Кофейня; «лето»", "=HYPERLINK(\"x\")")
    tsv = view.table_tsv(b, a, names, (2026, 3, 7), link).split("\r\n")
    assert tsv[0] == "Показатель\tА: Кофейня; «лето»\tБ: =HYPERLINK(\"x\")\tБ − А"
    assert "Средний чек\t2\u00a0500,55\u00a0₽\t2\u00a0500,50\u00a0₽\t\u22120,05\u00a0₽" in tsv
    assert "Удержание за год, %\t62,25\u00a0%\t62,50\u00a0%\t+0,25\u00a0п.\u00a0п." in tsv
    assert "Покупок в год на клиента\t4,00\t4,25\t+0,25" in tsv
    assert tsv[-4:] == ["", "Дата\t07.03.2026", "Ссылка\t" + link, ""]
    csv = view.table_csv(b, a, names, (2026, 3, 7), link).split("\r\n")
    # a name cannot start a formula in a spreadsheet, and the separator in a name is quoted
    assert csv[0] == "Раздел;Показатель;Единица;\"А: Кофейня; «лето»\";\"Б: =HYPERLINK(\"\"x\"\")\";Б − А"
    assert "Исходные данные;Средний чек;RUB;2500,55;2500,50;-0,05" in csv
    assert "Исходные данные;Удержание за год, %;%;62,25;62,50;0,25" in csv
    assert csv[-4:] == ["", "Дата;07.03.2026", "Ссылка;" + link, ""]
    # one scenario: its name under the table, as text that no spreadsheet runs
    en = evaluate(AVR, {"average_order": "62.125", "new_customers": "1,234"}, "en")
    csv = view.table_csv(en, None, ("", "@SUM(A1)"), (2026, 12, 31), link).split("\r\n")
    assert csv[0] == "Section,Item,Unit,Value"
    assert "Inputs,Average order,USD,62.125" in csv
    assert csv[-5:] == ["", "Scenario,'@SUM(A1)", "Date,2026-12-31", "Link," + link, ""]
    tsv = view.table_tsv(en, None, ("", "Plan"), (2026, 12, 31), link).split("\r\n")
    assert "Average order\t$62.125" in tsv and tsv[-5:] == ["", "Scenario\tPlan", "Date\t2026-12-31", "Link\t" + link, ""]
    # without names, date or link the tables are as before
    plain = view.table_tsv(en)
    assert "Date" not in plain and "\r\n\r\n" not in plain and plain.endswith("\t65%\r\n")
    assert view.input_decimals("money", 5.0) == 2 and view.input_decimals("pct", 7.125) == 3
    assert view.input_decimals("count", 150.5, 150.0) == 1 and view.input_decimals("money", 1e-7) == 7
    assert view.decimal_places(0.1 + 0.2) == view.MAX_PLACES and view.decimal_places(2500.55) == 2


def test_the_comparison_is_the_same_on_micropython():
    code = r'''
import json
from calculators import registry, scenario, view
from calculators.core import evaluate
c = registry.get("acquisition_vs_retention")
key = "acquisition-vs-retention-1"
out = []
names = ["", "  Q3\r\nplan\t ", "План «лето» 😀", "<b>x</b>&", "\u00a0a\u2003b\u202ec\u0000", "ж" * 60, None]
out.append([scenario.clean_name(n) for n in names])
out.append([scenario.link_number(v) for v in [0.00001, 1.5e-7, 1e-30, 1e16, 2.5e20, 0.1 + 0.2, -0.00042, 62.5, 0.0]])
for lang in ("ru", "en"):
    for preset in (None, "coffee_shop"):
        values = c.defaults(lang, preset)
        out.append(scenario.default_name(c, values, preset, lang))
        values["new_customers"] = 7
        values["average_order"] = 0.00001
        pinned = {"values": values, "preset": preset, "currency": "EUR", "name": names[2]}
        pairs = scenario.pinned_pairs(c, key, pinned, lang, "b2b_service")
        query = scenario.merge_query("?x=1", key, pairs + scenario.name_pairs(c, key, names[3], values, None, lang))
        kept = scenario.pinned_stored(c, key, pinned, lang)
        out.append([pairs, query, kept])
        for source in (query, query + "&%s.a.zzz=%%FF&%s.a.retention_rate_pct=250" % (key, key), ""):
            found = scenario.restore_comparison(c, key, source, kept, lang, "b2b_service")
            a = found["pinned"]
            out.append([found["from_link"], found["name"], found["notices"], a["preset"], a["currency"], a["name"],
                        sorted((k, view.fixed(v, 6)) for k, v in a["values"].items())])
a = evaluate(c, {"average_order": "2 500,55", "retention_rate_pct": "62,25"}, "ru")
b = evaluate(c, {"average_order": "2 500,5", "orders_per_year": "4,25"}, "ru")
link = "http://h/x/?%s.a.preset=default#calc-%s" % (key, key)
out.append([view.table_tsv(b, a, ("Кофейня", "=x"), (2026, 3, 7), link), view.table_csv(b, a, ("А;б", ""), (2026, 3, 7), link),
            view.table_csv(evaluate(c, {"average_order": "62.125"}, "en"), None, ("", "@x"), (2026, 12, 31), link),
            [view.decimal_places(v) for v in (0.1 + 0.2, 2500.55, 1e-7, 5.0, 123456.789)]])
print(json.dumps(out))
'''
    cpython, micro = run_both(code)
    assert micro == cpython


# Links as the writer before the number rules (typed text without spaces, "," turned into ".") made them:
# printed QR codes and saved links must keep opening the same scenario.
OLD_LINKS = [
    ("acquisition_vs_retention", "acquisition-vs-retention-1", None,
     "?acquisition-vs-retention-1.preset=coffee_shop&acquisition-vs-retention-1.currency=EUR"
     "&acquisition-vs-retention-1.new_customers=1000&acquisition-vs-retention-1.average_order=2500.50"
     "&acquisition-vs-retention-1.gross_margin_pct=007&acquisition-vs-retention-1.retention_rate_pct=62.5",
     {"new_customers": 1000.0, "average_order": 2500.5, "gross_margin_pct": 7.0, "retention_rate_pct": 62.5},
     "coffee_shop", "EUR"),
    ("acquisition_vs_retention", "acquisition-vs-retention-1", "coffee_shop",
     "?acquisition-vs-retention-1.preset=default&acquisition-vs-retention-1.acquisition_spend=12000.75"
     "&acquisition-vs-retention-1.orders_per_year=0.00001&acquisition-vs-retention-1.retention_rate_pct=.5"
     "&acquisition-vs-retention-1.discount_rate_pct=5.",
     {"acquisition_spend": 12000.75, "orders_per_year": 1e-05, "retention_rate_pct": 0.5, "discount_rate_pct": 5.0},
     None, None),
    ("conversion_funnel", "conversion-funnel-2", None,
     "?conversion-funnel-2.currency=RUB&conversion-funnel-2.visitors=1500&conversion-funnel-2.lead_rate_pct=2.5"
     "&conversion-funnel-2.average_order=-0",
     {"visitors": 1500.0, "lead_rate_pct": 2.5, "average_order": 0.0}, None, "RUB"),
    ("customer_value", "customer-value-1", None,
     "?customer-value-1.annual_revenue=1234567.891&customer-value-1.service_hours=12.25"
     "&customer-value-1.hourly_cost=999999999999",
     {"annual_revenue": 1234567.891, "service_hours": 12.25, "hourly_cost": 999999999999.0}, None, None),
]


@pytest.mark.parametrize("name, key, page_preset, query, values, preset, currency", OLD_LINKS)
def test_links_made_before_the_number_rules_open_the_same_scenario(name, key, page_preset, query, values, preset,
                                                                   currency):
    calculator = registry.get(name)
    for lang in ("ru", "en"):
        found = scenario.decode(calculator, key, query, lang, page_preset)
        assert found["notices"] == [], found["notices"]
        assert found["preset"] == preset
        assert found["currency"] == (currency or default_currency(lang))
        assert sorted(found["taken"]) == sorted(values)
        for field, value in values.items():
            assert found["values"][field] == value, field
        # written again from what was read, the link reads back to the same values
        raw = dict((k, input_text(v, lang)) for k, v in found["values"].items())
        again = query_of(calculator, key, raw, lang, found["currency"], found["preset"], page_preset)
        assert scenario.decode(calculator, key, again, lang, page_preset)["values"] == found["values"]


def old_link_text(text):
    """The value the writer before the number rules put in a link for a typed text."""
    out = []
    for ch in text:
        if ch in " \u00a0\u202f\u2009\t" or ch == "+":
            continue
        out.append({",": ".", "\u2212": "-"}.get(ch, ch))
    return "".join(out)


@pytest.mark.parametrize("typed, value", [
    ("1 000", 1000), ("2 500,50", 2500.5), ("007", 7), ("5.", 5), (",5", 0.5), ("\u22120", 0), ("+12,25", 12.25),
    ("0,00001", 0.00001), ("1\u00a0234\u00a0567,891", 1234567.891), ("999 999 999 999", 999999999999),
    ("0,000000000000000000000000000001", 1e-30), ("12,000", 12), ("1.500", 1.5),
])
def test_old_link_values_read_as_they_did(typed, value):
    """What an old link holds for each kind of text the old parser took (its reading: comma or point
    always decimal) reads as that number today."""
    from calculators.numbers import parse_decimal
    assert parse_decimal(old_link_text(typed)) == value


@pytest.mark.parametrize("text, code", [
    ("1,5", "link_number"), ("1 500", "link_number"), ("1e-5", "link_number"), ("\u22125", "link_number"),
    ("+5", "link_number"), ("1.2.3", "link_number"), ("", "link_number"), ("-", "link_number"), (".", "link_number"),
    ("inf", "link_number"), ("5%", "link_number"), ("$5", "link_number"), ("0x10", "link_number"),
    ("1" * 33, "too_long"), ("1234567890123456", "too_precise"),
])
def test_link_numbers_have_one_form_on_every_page(text, code):
    query = "?%s.average_order=%s" % (KEY, scenario.percent_encode(text))
    for lang in ("ru", "en"):
        found = scenario.decode(AVR, KEY, query, lang)
        assert found["taken"] == [] and found["values"] == AVR.defaults(lang)
        assert len(found["notices"]) == 1
    from calculators.errors import CalculatorError
    from calculators.numbers import parse_decimal
    with pytest.raises(CalculatorError) as caught:
        parse_decimal(text, "average_order")
    assert caught.value.code == code


def test_links_are_written_from_the_value_not_the_typed_text():
    cases = [("0,00001", "ru", "0.00001"), ("0.00001", "en", "0.00001"), ("12,000", "en", "12000"),
             ("1,200,000.50", "en", "1200000.5"), ("1 200 000,50", "ru", "1200000.5"), ("$1,500", "en", "1500"),
             ("1500 ₽", "ru", "1500"), ("0,000000000000000000000000000001", "ru", "0.000000000000000000000000000001"),
             ("\u2212\u00a00", "ru", "0"), ("007", "ru", "7"), ("12,3400", "ru", "12.34")]
    for typed, lang, written in cases:
        raw = dict((k, input_text(v, lang)) for k, v in AVR.defaults(lang).items())
        raw["average_order"] = typed
        pairs = dict(scenario.encode(AVR, KEY, raw, lang))
        assert pairs[KEY + ".average_order"] == written, typed
        assert "e" not in written and "," not in written


def test_a_sign_or_mark_in_the_wrong_language_is_not_written():
    raw = dict((k, input_text(v, "en")) for k, v in AVR.defaults("en").items())
    raw["new_customers"] = "12,000"
    assert dict(scenario.encode(AVR, KEY, raw, "en"))[KEY + ".new_customers"] == "12000"
    ru = dict((k, input_text(v, "ru")) for k, v in AVR.defaults("ru").items())
    ru["new_customers"] = "12,000"  # two readings on a Russian page: invalid, left out of the link
    ru["average_order"] = "$5"  # the calculator counts in roubles
    assert scenario.encode(AVR, KEY, ru, "ru") == []
