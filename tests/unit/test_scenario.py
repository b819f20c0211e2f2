"""calculators/scenario.py (the scenario in the address) and the comparison/table helpers of view.py."""

import os
import random
import sys

import pytest

from calculators import registry, scenario, view
from calculators.core import evaluate
from calculators.numbers import CURRENCIES, DEFAULT_CURRENCY
from calculators.view import input_text

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from micropython_check import run_both  # noqa: E402

NAMES = sorted(registry.NAMES)
KEY = "acquisition-vs-retention-1"
AVR = registry.get("acquisition_vs_retention")


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
    assert query == "?%s.currency=EUR&%s.new_customers=1000&%s.average_order=2500.50" % (KEY, KEY, KEY)
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
    assert "«nope»" in text and "«<b>»" in text and "«XXX»" in text and "кодировка" in text
    assert len(found["notices"]) == 4


def test_query_helpers():
    assert scenario.percent_decode("a+b%20c%D1%91") == "a b cё"
    assert scenario.percent_decode("%D1") is None
    assert scenario.percent_decode("100%") == "100%"
    assert scenario.percent_encode("ё <x>&=") == "%D1%91%20%3Cx%3E%26%3D"
    assert scenario.parse_query("?a=1&&b=%3D&c") == [("a", "1"), ("b", "="), ("c", "")]
    assert scenario.merge_query("?k.a=1&x=2&k.b=3&kk.a=4", "k", []) == "?x=2&kk.a=4"
    assert scenario.merge_query("?k%2Ea=1", "k", [("k.a", "2")]) == "?k.a=2"
    assert scenario.instance_key("calc-customer-value-2") == "customer-value-2"
    assert scenario.normalized("\u22121\u00a0234,5") == "-1234.5"


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
    assert lines[0] == "Показатель\tA\tB\tB − A"
    assert lines[1] == "Исходные данные\t\t\t"
    assert "Новых клиентов за год\t400\t500\t+100" in lines
    assert all(line.count("\t") == 3 for line in lines if line)
    plain = view.table_tsv(evaluate(AVR, {}, "en")).split("\r\n")
    assert plain[0] == "Item\tValue" and "Customer acquisition cost (CAC)\t$30.00" in plain
    csv = view.table_csv(b, a).split("\r\n")
    assert csv[0] == "Раздел;Показатель;Единица;A;B;B − A"
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
