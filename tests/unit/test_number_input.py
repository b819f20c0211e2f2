"""Every input's numbers survive every way they travel: typed into a field and shown grouped, written into
a scenario link and read back, and given to the command line, in both languages.

Values are decimals a person can type: up to 15 significant digits inside the input's limits (and at
most 30 decimal places, the 32 characters a field takes), plus each minimum and maximum and 10**-k.
"""

import io
import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calcstrategies import SETTINGS
from calculators import cli, registry, scenario
from calculators.numbers import format_decimal, format_field, parse_decimal, parse_number
from calculators.errors import CalculatorError
from calculators.view import input_text

LANGS = ("ru", "en")
INPUTS = [(name, spec.name) for name in sorted(registry.NAMES) for spec in registry.get(name).inputs]


def typeable(spec):
    """A decimal inside the limits of ``spec`` that a person can type, as a float."""
    lo, hi = Decimal(str(spec.minimum)), Decimal(str(spec.maximum))
    if spec.integer:
        return st.integers(int(lo), int(hi)).map(float)
    specials = [float(lo), float(hi)] + [10.0 ** -k for k in range(1, 31) if lo <= Decimal(10) ** -k <= hi]
    top = len(str(int(hi)))

    @st.composite
    def decimal(draw):
        digits = draw(st.integers(1, 15))
        n = draw(st.integers(10 ** (digits - 1), 10 ** digits - 1))
        # at most 30 places ("0," and 30 digits fill the field's 32 characters), below the maximum's size
        return Decimal(n).scaleb(draw(st.integers(-30, top - digits)))

    return st.one_of(st.sampled_from(specials), decimal().filter(lambda v: lo <= v <= hi).map(float))


def spec_of(name, field):
    return registry.get(name).input_by_name[field]


@pytest.mark.parametrize("name, field", INPUTS)
@given(data=st.data())
@settings(max_examples=30, **SETTINGS)
def test_every_input_round_trips_through_field_link_and_command_line(name, field, data):
    calculator = registry.get(name)
    spec = calculator.input_by_name[field]
    value = data.draw(typeable(spec), label="value")
    key = name.replace("_", "-") + "-1"
    for lang in LANGS:
        currency = "RUB" if lang == "ru" else "USD"
        # the field: shown grouped (as after leaving it), read back by the page's rules and the limits
        shown = input_text(value, lang)
        assert spec.parse(shown, lang, currency) == value, (shown, lang)
        # the link: written from the value's digits, read the same on both pages
        raw = dict((k, input_text(v, lang)) for k, v in calculator.defaults(lang).items())
        raw[field] = shown
        pairs = scenario.encode(calculator, key, raw, lang, currency)
        for _, written in pairs:
            assert "e" not in written and "," not in written and " " not in written
        query = scenario.merge_query("", key, pairs)
        for reader in LANGS:
            found = scenario.decode(calculator, key, query, reader)
            assert found["notices"] == []
            if field in found["taken"] or reader == lang:
                assert found["values"][field] == value, (query, reader)
        # the command line: the same text, with --lang
        out, err = io.StringIO(), io.StringIO()
        flag = "--" + field.replace("_", "-")
        code = cli.main([name, "--json", "--lang", lang, "--currency", currency, flag, shown], out, err)
        assert code == 0, err.getvalue()
        assert json.loads(out.getvalue())["inputs"][field] == value


@pytest.mark.parametrize("name, field", INPUTS)
def test_each_limit_and_small_powers_of_ten_round_trip(name, field):
    spec = spec_of(name, field)
    values = [float(spec.minimum), float(spec.maximum)]
    if not spec.integer:
        values += [10.0 ** -k for k in range(1, 31)]
    for value in values:
        for lang in LANGS:
            assert parse_number(format_field(value, lang), field, lang, spec.kind) == value
        assert parse_decimal(format_decimal(value)) == value
        assert "e" not in format_decimal(value)


def test_a_link_with_a_tiny_value_comes_back_as_typed():
    """0.00001 used to come back from its own link as 1e-5, which the field then refused."""
    calculator = registry.get("acquisition_vs_retention")
    key = "acquisition-vs-retention-1"
    for lang, typed in (("ru", "0,00001"), ("en", "0.00001")):
        raw = dict((k, input_text(v, lang)) for k, v in calculator.defaults(lang).items())
        raw["orders_per_year"] = typed
        query = scenario.merge_query("", key, scenario.encode(calculator, key, raw, lang))
        assert query == "?%s.orders_per_year=0.00001" % key
        found = scenario.decode(calculator, key, query, lang)
        assert found["values"]["orders_per_year"] == 0.00001
        assert input_text(found["values"]["orders_per_year"], lang) == typed


# --- the rules in one paragraph, shown wherever numbers are typed -----------------------------------------

import os  # noqa: E402
import re  # noqa: E402

from calculators import catalog  # noqa: E402

NUMBER_RULES = dict((lang, catalog.get(lang)["number_rules"]) for lang in catalog.LANGS)
from calculators.numbers import CURRENCY_SIGNS  # noqa: E402
from calculators.view import view  # noqa: E402
from scripts import embed  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def words(text):
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


@pytest.mark.parametrize("text, lang, value", [
    ("15 с", "ru", 15), ("15с", "ru", 15), ("15,5\u00a0с", "ru", 15.5), ("1 500 с", "ru", 1500),
    ("15 s", "en", 15), ("15s", "en", 15), ("1,500 s", "en", 1500), ("2.5 s", "en", 2.5),
])
def test_seconds_may_end_in_the_unit_the_field_shows(text, lang, value):
    assert parse_number(text, "target_answer_seconds", lang, "seconds") == value


@pytest.mark.parametrize("text, lang, kind", [
    ("15 s", "ru", "seconds"), ("15 с", "en", "seconds"),  # the other language's unit
    ("15 с", "ru", "count"), ("15 s", "en", "number"),  # a unit the field does not show
    ("с", "ru", "seconds"), ("15 сек", "ru", "seconds"), ("15 с %", "ru", "seconds"),
])
def test_a_unit_the_field_does_not_show_is_not_a_number(text, lang, kind):
    with pytest.raises(CalculatorError):
        parse_number(text, "target_answer_seconds", lang, kind)


@pytest.mark.parametrize("lang", LANGS)
def test_the_rules_paragraph_names_each_rule(lang):
    text = words(NUMBER_RULES[lang])
    for example in ("12,000", "1,200,000.50", "1 200 000,50", "1,5", "1.500", "0,125", "0.001", "%", "−", "--lang"):
        assert example in text, example
    for sign, code in CURRENCY_SIGNS:
        if sign in ("₽", "руб.", "р.", "RUB", "$", "USD", "€", "EUR", "₴", "UAH", "₸", "KZT"):
            assert sign in text, sign
    assert len(text) < 1000  # one short paragraph


def test_the_command_line_help_shows_the_rules():
    for args in (["--help"], ["acquisition_vs_retention", "--help"]):
        out, err = io.StringIO(), io.StringIO()
        assert cli.main(args, out, err) == 0
        assert words(NUMBER_RULES["en"]) in words(out.getvalue())


@pytest.mark.parametrize("lang", LANGS)
def test_the_calculators_help_on_the_page_shows_the_rules(lang):
    shown = view(registry.get("acquisition_vs_retention"), None, lang)
    assert shown["number_rules"] == NUMBER_RULES[lang]
    html = embed.render("acquisition_vs_retention", None, lang, "calc-acquisition-vs-retention-1")
    block = re.search(r'<details class="clc-numbers">\s*<summary>([^<]+)</summary>\s*<p>([^<]+)</p>', html)
    assert block is not None
    assert block.group(1) == shown["texts"]["numbers"]
    assert words(block.group(2).replace("&#39;", "'")) == words(NUMBER_RULES[lang])


@pytest.mark.parametrize("lang", LANGS)
def test_the_adapt_page_shows_the_rules(lang):
    with open(os.path.join(ROOT, "docs", lang, "adapt.md"), encoding="utf-8") as handle:
        source = handle.read()
    assert re.search(r"^::: number-rules$", source, re.MULTILINE)
    markdown, embeds = embed.replace_markers(source, "adapt.md", lang)
    assert embeds == [] and words(NUMBER_RULES[lang]) in words(markdown)


def test_the_readme_shows_the_rules():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as handle:
        assert words(NUMBER_RULES["en"]) in words(handle.read())
