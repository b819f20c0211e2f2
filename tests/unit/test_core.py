"""core.py (evaluate, compute_checked, format_value, helpers) and acquisition_vs_retention by hand."""

import pytest

from calculators import acquisition_vs_retention as avr
from calculators.core import (
    KIND_MAX,
    Calculator,
    Input,
    Output,
    SHARED_INPUTS,
    SHARED_OUTPUTS,
    Result,
    Unavailable,
    compute_checked,
    evaluate,
    first_unavailable,
    format_value,
    ratio,
    savings_vs_paid,
    shared_input,
    shared_output,
    unit_word,
)
from calculators import catalog
from calculators.errors import CalculatorError
from calculators.numbers import MINUS, NBSP, round_half_away

CALC = avr.CALCULATOR
NAMES = [spec.name for spec in CALC.inputs]
KEYS = [spec.key for spec in CALC.outputs]


def approx(value):
    return pytest.approx(value, rel=1e-12, abs=1e-12)


def outputs(lang="ru", **values):
    """Outputs for the language's defaults with ``values`` laid over them (all must be valid)."""
    raw = CALC.defaults(lang)
    raw.update(values)
    result = evaluate(CALC, raw, lang)
    assert result.errors == {}
    return result


# --- helpers ------------------------------------------------------------------------------------------

def test_unavailable_equality_and_repr():
    assert Unavailable("a") == Unavailable("a")
    assert Unavailable("a") != Unavailable("b")
    assert Unavailable("a") != "a"
    assert repr(Unavailable("x")) == "Unavailable('x')"


def test_ratio_and_first_unavailable():
    assert ratio(6, 3, "zero") == 2
    assert ratio(6, 0, "zero") == Unavailable("zero")
    assert ratio(0, 0, "zero") == Unavailable("zero")
    assert ratio(Unavailable("a"), 0, "zero") == Unavailable("a")
    assert ratio(1, Unavailable("b"), "zero") == Unavailable("b")
    assert first_unavailable(1, 2.0) is None
    assert first_unavailable(1, Unavailable("x"), Unavailable("y")) == Unavailable("x")


def _toy(compute, inputs=None):
    inputs = inputs or [Input("x", "number", {"ru": "x", "en": "x"}, {"ru": 1, "en": 1}, maximum=10)]
    outputs = [Output(key, "number", {"ru": key, "en": key}, ("x",)) for key in ("a", "b", "c", "d", "e")]
    return Calculator("toy", {"ru": "t", "en": "t"}, {"ru": "t", "en": "t"}, inputs, outputs, compute)


def test_one_guard_for_every_calculator_against_absurd_magnitudes():
    """Calculator.compute bounds every output of the module's compute: NaN and beyond ±1e300 become
    out_of_range, with a reason every calculator shares; numbers and other reasons pass unchanged."""
    inf = float("inf")
    toy = _toy(lambda v: {"a": v["x"] / 1e-300 * 1e10, "b": -inf, "c": inf - inf, "d": 1e300,
                          "e": Unavailable("mine")})
    out = toy.compute({"x": 1.0})
    assert out == {"a": Unavailable("out_of_range"), "b": Unavailable("out_of_range"),
                   "c": Unavailable("out_of_range"), "d": 1e300, "e": Unavailable("mine")}
    assert evaluate(toy, {}, "en").text("a") == "Not available: the numbers are too extreme for a meaningful result."
    assert evaluate(toy, {}, "ru").text("b").startswith("Нет значения: числа слишком малы или велики")


def test_limits_by_kind():
    """An input's maximum defaults to its kind's (money 10¹², counts 10⁹, percentages 100); "number" and
    "seconds" have no usual size and must declare theirs."""
    assert KIND_MAX == {"money": 1e12, "count": 1e9, "pct": 100}
    for kind in KIND_MAX:
        assert Input("x", kind, {"ru": "x", "en": "x"}, {"ru": 1, "en": 1}).maximum == KIND_MAX[kind]
    assert Input("x", "pct", {"ru": "x", "en": "x"}, {"ru": 1, "en": 1}, maximum=99).maximum == 99
    for kind in ("number", "seconds"):
        with pytest.raises(AssertionError):
            Input("x", kind, {"ru": "x", "en": "x"}, {"ru": 1, "en": 1})
    assert evaluate(CALC, {"average_order": "1000000000001"}, "en").errors["average_order"].code == "above_max"


def test_a_declaration_states_only_what_differs_between_languages():
    """One number stands for every language; a dict names each; presets are kept per language."""
    calculator = _toy(lambda v: dict((key, v["x"]) for key in "abcde"), inputs=[
        Input("x", "number", {"ru": "x", "en": "x"}, 2, maximum=10),
        Input("y", "money", {"ru": "y", "en": "y"}, {"ru": 100, "en": 2}),
    ])
    calculator = Calculator("toy", calculator.title, calculator.summary, calculator.inputs, calculator.outputs,
                            calculator.formulas, presets={"p": {"title": {"ru": "П", "en": "P"},
                                                                "values": {"x": 3, "y": {"ru": 50, "en": 1}}}})
    assert calculator.input_by_name["x"].default == {"ru": 2, "en": 2}
    assert calculator.defaults("ru") == {"x": 2, "y": 100} and calculator.defaults("en") == {"x": 2, "y": 2}
    assert calculator.presets["p"]["values"] == {"ru": {"x": 3, "y": 50}, "en": {"x": 3, "y": 1}}
    assert calculator.defaults("en", "p") == {"x": 3, "y": 1}


def test_shared_inputs_and_outputs():
    """The vocabulary several calculators share is declared once in core; a calculator gives its default
    and, where it must, its own wording."""
    spec = shared_input("gross_margin_pct", 40)
    assert (spec.kind, spec.label, spec.default, spec.maximum) == (
        "pct", SHARED_INPUTS["gross_margin_pct"]["label"], {"ru": 40, "en": 40}, 100)
    assert spec.help == SHARED_INPUTS["gross_margin_pct"]["help"]
    assert shared_input("gross_margin_pct", 40, help=None).help is None
    assert shared_input("orders_per_year", 4).maximum == 10000
    assert shared_input("customers", 1).integer
    output = shared_output("savings_vs_paid_pct", ("paid_cac",), decimals=1)
    assert (output.kind, output.label, output.decimals) == ("pct", SHARED_OUTPUTS["savings_vs_paid_pct"]["label"], 1)
    assert savings_vs_paid(25.0, 100.0) == 75 and savings_vs_paid(150.0, 100.0) == -50
    assert savings_vs_paid(1.0, 0.0) == Unavailable("no_paid_cac")
    assert savings_vs_paid(Unavailable("x"), 0.0) == Unavailable("x")
    assert CALC.reason_text(Unavailable("no_paid_cac"), "en").startswith("Not available: a customer from paid")


@pytest.mark.parametrize("n, word", [
    (0, "лет"), (1, "год"), (2, "года"), (3, "года"), (4, "года"), (5, "лет"), (10, "лет"),
    (11, "лет"), (12, "лет"), (13, "лет"), (14, "лет"), (15, "лет"), (20, "лет"), (21, "год"),
    (22, "года"), (24, "года"), (25, "лет"), (101, "год"), (111, "лет"), (112, "лет"), (122, "года"),
    (1000, "лет"), (2.5, "года"), (1.5, "года"),
])
def test_years_unit_russian(n, word):
    decimals = 0 if n == int(n) else 1
    assert unit_word("years", round_half_away(n, decimals), decimals, "ru") == word


def test_years_unit_english():
    assert unit_word("years", 1, 0, "en") == "year"
    assert unit_word("years", 0, 0, "en") == "years"
    assert unit_word("years", 2, 0, "en") == "years"
    assert unit_word("years", 15, 1, "en") == "years"
    assert unit_word("years", 10, 1, "en") == "years"  # "1.0 years": CLDR's "one" is a whole 1 only


# --- format_value -------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, value, lang, decimals, expected", [
    ("years", 1, "ru", 0, "1" + NBSP + "год"),
    ("years", 2, "ru", 0, "2" + NBSP + "года"),
    ("years", 5, "ru", 0, "5" + NBSP + "лет"),
    ("years", 11, "ru", 0, "11" + NBSP + "лет"),
    ("years", 21, "ru", 0, "21" + NBSP + "год"),
    ("years", 22, "ru", None, "22" + NBSP + "года"),
    ("years", 1.04, "ru", 0, "1" + NBSP + "год"),  # the word follows the number shown
    ("years", 4.6, "ru", 0, "5" + NBSP + "лет"),
    ("years", 2.5, "ru", 1, "2,5" + NBSP + "года"),
    ("years", 2.5, "ru", None, "2,5" + NBSP + "года"),
    ("years", 100, "ru", 1, "100,0" + NBSP + "года"),  # a shown fraction takes «года»
    ("years", 1, "en", 0, "1" + NBSP + "year"),
    ("years", 2, "en", None, "2" + NBSP + "years"),
    ("years", 2.5, "en", 1, "2.5" + NBSP + "years"),
    ("months", 4.675, "ru", 1, "4,7" + NBSP + "мес."),
    ("months", 4.675, "en", 1, "4.7" + NBSP + "months"),
    ("months", 12, "en", None, "12" + NBSP + "months"),
    ("ratio", 10, "ru", 1, "10,0×"),
    ("ratio", 5.1333, "en", 1, "5.1×"),
    ("ratio", 2.5, "en", None, "2.50×"),
    ("money", 1234567.891, "ru", None, "1" + NBSP + "234" + NBSP + "567,89" + NBSP + "₽"),
    ("money", 1234567.891, "en", None, "$1,234,567.89"),
    ("money", -5, "en", 0, MINUS + "$5"),
    ("pct", 7, "ru", None, "7" + NBSP + "%"),
    ("pct", 7.5, "ru", None, "7,5" + NBSP + "%"),
    ("pct", 7.5, "en", None, "7.5%"),
    ("pct", 7.25, "en", 2, "7.25%"),
    ("count", 1234, "ru", None, "1" + NBSP + "234"),
    ("count", 12.34, "en", None, "12.3"),  # fractional people: one decimal while small
    ("count", 123.4, "en", None, "123"),
    ("count", 0.5, "ru", None, "0,5"),
    ("number", 2, "ru", None, "2"),
    ("number", 2.5, "ru", None, "2,50"),
    ("number", 2.5, "en", 1, "2.5"),
])
def test_format_value(kind, value, lang, decimals, expected):
    assert format_value(kind, value, lang, None, decimals) == expected


def test_format_value_currency_is_a_label():
    assert format_value("money", 10, "ru", "EUR") == "10,00" + NBSP + "€"
    assert format_value("money", 10, "en", "KZT") == "₸10.00"


# --- errors ---------------------------------------------------------------------------------------------

def test_every_error_code_has_both_languages():
    assert set(catalog.get("ru")["errors"]) == set(catalog.get("en")["errors"])
    for code in catalog.get("ru")["errors"]:
        assert catalog.get("ru")["errors"][code] and catalog.get("en")["errors"][code], code


def test_error_message_is_filled_and_names_the_field():
    error = CalculatorError("retention_rate_pct", "above_max", {"max": "99%"})
    assert error.message("en") == "Must be at most 99%."
    assert error.message("ru") == "Не больше 99%."
    assert str(error) == "retention_rate_pct: Must be at most 99%."
    assert isinstance(error, ValueError)


# --- evaluate ---------------------------------------------------------------------------------------------

def test_evaluate_defaults_without_errors():
    for lang in ("ru", "en"):
        result = evaluate(CALC, {}, lang)
        assert isinstance(result, Result)
        assert result.errors == {}
        assert result.currency == {"ru": "RUB", "en": "USD"}[lang]
        assert set(result.outputs) == set(KEYS)
        for key in KEYS:
            assert isinstance(result.outputs[key], float), key
        assert result.values == dict((name, float(CALC.defaults(lang)[name])) for name in NAMES)


def test_evaluate_reads_text_like_the_page():
    result = evaluate(CALC, {"acquisition_spend": "600 000", "new_customers": "400",
                             "average_order": "2" + NBSP + "500,00"}, "ru")
    assert result.errors == {}
    assert result.values["acquisition_spend"] == 600000.0
    assert result.values["average_order"] == 2500.0


def test_evaluate_invalid_field_marks_only_its_dependents():
    good = evaluate(CALC, {}, "ru")
    result = evaluate(CALC, {"new_customers": "abc"}, "ru")
    assert list(result.errors) == ["new_customers"]
    error = result.errors["new_customers"]
    assert isinstance(error, CalculatorError)
    assert error.field == "new_customers" and error.code == "not_a_number"
    assert result.values["new_customers"] == 400.0  # the default stands in
    dependent = [o.key for o in CALC.outputs if "new_customers" in o.depends]
    assert sorted(dependent) == sorted(["cac", "acquisition_to_retention_ratio", "ltv_to_cac",
                                        "cac_payback_months"])
    for key in KEYS:
        if key in dependent:
            assert result.outputs[key] == Unavailable("invalid_input")
            assert result.raw(key) is None
            assert result.text(key) == "Нет значения: исправьте поле «Новых клиентов за год»."
        else:
            assert result.outputs[key] == good.outputs[key]
            assert result.text(key) == good.text(key)
    english = evaluate(CALC, {"new_customers": "abc"}, "en")
    assert english.text("cac") == "Not available: correct “New customers per year”."


@pytest.mark.parametrize("name, raw, code, ru, en", [
    ("new_customers", "-1", "below_min", "Не меньше 0.", "Must be at least 0."),
    ("new_customers", "10.5", "not_integer", "Нужно целое число.", "Must be a whole number."),
    ("retained_customers", "1000000001", "above_max", "Не больше 1" + NBSP + "000" + NBSP + "000"
     + NBSP + "000.", "Must be at most 1,000,000,000."),
    ("retention_rate_pct", "99.5", "above_max", "Не больше 99" + NBSP + "%.", "Must be at most 99%."),
    ("gross_margin_pct", "101", "above_max", "Не больше 100" + NBSP + "%.", "Must be at most 100%."),
    ("acquisition_spend", "-5", "below_min", "Не меньше 0" + NBSP + "₽.", "Must be at least $0."),
    ("average_order", "1000000000001", "above_max",
     "Не больше 1" + (NBSP + "000") * 4 + NBSP + "₽.", "Must be at most $1,000,000,000,000."),
    ("discount_rate_pct", "", "required", "Введите число.", "Enter a number."),
    ("orders_per_year", "4x", "not_a_number", None, None),
])
def test_evaluate_messages(name, raw, code, ru, en):
    for lang, text in (("ru", ru), ("en", en)):
        result = evaluate(CALC, {name: raw}, lang)
        error = result.errors[name]
        assert error.code == code and error.field == name
        if text is not None:
            assert error.message(lang) == text
        assert "{" not in error.message(lang)
        for spec in CALC.outputs:
            if name in spec.depends:
                assert result.outputs[spec.key] == Unavailable("invalid_input")
            else:
                assert isinstance(result.outputs[spec.key], float)


def test_evaluate_limit_messages_use_the_chosen_currency():
    result = evaluate(CALC, {"average_order": "-1"}, "en", "EUR")
    assert result.errors["average_order"].message("en") == "Must be at least €0."
    assert result.text("annual_margin") == "Not available: correct “Average order”."


def test_evaluate_several_invalid_fields():
    result = evaluate(CALC, {"new_customers": "x", "retention_rate_pct": "150", "gross_margin_pct": "40"})
    assert sorted(result.errors) == ["new_customers", "retention_rate_pct"]
    assert result.outputs["expected_lifetime_years"] == Unavailable("invalid_input")
    assert result.outputs["cac"] == Unavailable("invalid_input")
    assert result.outputs["cost_to_retain"] == 150.0
    # the reason names the first invalid input in the output's ``depends``
    assert result.text("ltv_to_cac") == "Нет значения: исправьте поле «Удержание за год, %»."
    assert result.text("cac_payback_months") == "Нет значения: исправьте поле «Новых клиентов за год»."


def test_compute_checked():
    out = compute_checked(CALC, {"acquisition_spend": 1000, "new_customers": 10})
    assert out["cac"] == 100.0
    assert out["cost_to_retain"] == 3.0  # English defaults fill the rest
    with pytest.raises(CalculatorError) as caught:
        compute_checked(CALC, {"new_customers": -1})
    assert caught.value.field == "new_customers" and caught.value.code == "below_min"
    with pytest.raises(CalculatorError) as caught:
        compute_checked(CALC, {"no_such_input": 1})
    assert caught.value.field == "no_such_input" and caught.value.code == "unknown_input"
    with pytest.raises(CalculatorError) as caught:
        compute_checked(CALC, {"retention_rate_pct": "1e2"})
    assert caught.value.code == "not_a_number"
    # the first invalid input in declaration order is reported
    with pytest.raises(CalculatorError) as caught:
        compute_checked(CALC, {"discount_rate_pct": -1, "acquisition_spend": -1})
    assert caught.value.field == "acquisition_spend"


def test_defaults_and_presets():
    assert CALC.defaults("ru")["acquisition_spend"] == 600000
    coffee = CALC.defaults("en", "coffee_shop")
    assert coffee["average_order"] == 6 and coffee["discount_rate_pct"] == 10
    with pytest.raises(KeyError):
        CALC.defaults("ru", "no_such_preset")


def test_reason_text_for_unknown_code_falls_back_to_common():
    assert CALC.reason_text(Unavailable("invalid_input", {"ru": "Поле", "en": "Field"}), "en") == \
        "Not available: correct “Field”."


# --- acquisition_vs_retention, by hand ------------------------------------------------------------------------

def test_defaults_ru_by_hand():
    # acquisition 600 000, 400 new; retention 150 000, 1 000 kept; order 2 500 × 4 a year, g = 0.4;
    # r = 0.6, d = 0.1
    result = outputs("ru")
    out = result.outputs
    assert out["cac"] == approx(600000 / 400) == approx(1500)
    assert out["cost_to_retain"] == approx(150000 / 1000) == approx(150)
    assert out["acquisition_to_retention_ratio"] == approx(1500 / 150) == approx(10)
    assert out["annual_margin"] == approx(2500 * 4 * 0.4) == approx(4000)
    assert out["net_annual_margin"] == approx(4000 - 150) == approx(3850)
    assert out["expected_lifetime_years"] == approx(1 / (1 - 0.6)) == approx(2.5)
    assert out["clv"] == approx(3850 / (1 + 0.1 - 0.6)) == approx(7700)
    assert out["ltv_to_cac"] == approx(7700 / 1500)  # 5.1333…
    assert out["cac_payback_months"] == approx(1500 / (3850 / 12)) == approx(360 / 77)  # 4.675…
    assert out["clv_at_plus_5pp"] == approx(3850 / (1 + 0.1 - 0.65))  # 8 555.56
    assert out["retention_rate_plus_5pp_pct"] == 65.0
    texts = dict((key, result.text(key)) for key in KEYS)
    assert texts == {
        "cac": "1" + NBSP + "500,00" + NBSP + "₽",
        "cost_to_retain": "150,00" + NBSP + "₽",
        "acquisition_to_retention_ratio": "10,0×",
        "annual_margin": "4" + NBSP + "000,00" + NBSP + "₽",
        "net_annual_margin": "3" + NBSP + "850,00" + NBSP + "₽",
        "expected_lifetime_years": "2,5" + NBSP + "года",
        "clv": "7" + NBSP + "700,00" + NBSP + "₽",
        "ltv_to_cac": "5,1×",
        "cac_payback_months": "4,7" + NBSP + "мес.",
        "clv_at_plus_5pp": "8" + NBSP + "555,56" + NBSP + "₽",
        "retention_rate_plus_5pp_pct": "65" + NBSP + "%",
    }


def test_defaults_en_by_hand():
    # acquisition $12 000, 400 new; retention $3 000, 1 000 kept; order $50 × 4, g = 0.4
    result = outputs("en")
    out = result.outputs
    assert out["cac"] == approx(12000 / 400) == approx(30)
    assert out["cost_to_retain"] == approx(3000 / 1000) == approx(3)
    assert out["acquisition_to_retention_ratio"] == approx(10)
    assert out["annual_margin"] == approx(50 * 4 * 0.4) == approx(80)
    assert out["net_annual_margin"] == approx(80 - 3) == approx(77)
    assert out["clv"] == approx(77 / 0.5) == approx(154)
    assert out["ltv_to_cac"] == approx(154 / 30)
    assert out["cac_payback_months"] == approx(30 / (77 / 12))
    assert result.text("cac") == "$30.00"
    assert result.text("clv") == "$154.00"
    assert result.text("cac_payback_months") == "4.7" + NBSP + "months"
    assert result.text("expected_lifetime_years") == "2.5" + NBSP + "years"
    assert result.text("retention_rate_plus_5pp_pct") == "65%"


def test_published_example_clv_at_r_08_d_01():
    # m / (1 + d − r) with r = 0.8, d = 0.1: CLV = m / 0.3.  m = 1 000 × 1 × 1.0 − 0 = 1 000.
    result = outputs("ru", average_order=1000, orders_per_year=1, gross_margin_pct=100,
                     retention_spend=0, retention_rate_pct=80, discount_rate_pct=10)
    assert result.outputs["net_annual_margin"] == 1000
    assert result.outputs["clv"] == approx(1000 / 0.3)
    assert result.text("clv") == "3" + NBSP + "333,33" + NBSP + "₽"
    assert result.outputs["expected_lifetime_years"] == approx(5)  # 1 / (1 − 0.8)
    assert result.outputs["clv_at_plus_5pp"] == approx(1000 / 0.25)  # r′ = 0.85
    # the closed form is the sum of m · r^(t−1) / (1 + d)^t over the years t = 1, 2, …
    series = sum(1000 * 0.8 ** (t - 1) / 1.1 ** t for t in range(1, 400))
    assert result.outputs["clv"] == pytest.approx(series, rel=1e-9)


def test_no_new_customers():
    result = outputs("ru", new_customers=0)
    out = result.outputs
    for key in ("cac", "acquisition_to_retention_ratio", "ltv_to_cac", "cac_payback_months"):
        assert out[key] == Unavailable("no_new_customers"), key
    assert result.text("cac") == "Нет данных: новых клиентов 0."
    assert evaluate(CALC, {"new_customers": 0}, "en").text("cac") == "Not available: no new customers."
    assert out["clv"] == approx(7700)
    assert out["cost_to_retain"] == approx(150)


def test_no_retained_customers():
    result = outputs("ru", retained_customers=0)
    out = result.outputs
    for key in ("cost_to_retain", "acquisition_to_retention_ratio", "net_annual_margin", "clv",
                "ltv_to_cac", "cac_payback_months", "clv_at_plus_5pp"):
        assert out[key] == Unavailable("no_retained_customers"), key
    assert result.text("clv") == "Нет данных: удержанных клиентов 0."
    assert out["cac"] == approx(1500)
    assert out["annual_margin"] == approx(4000)
    assert out["expected_lifetime_years"] == approx(2.5)
    assert out["retention_rate_plus_5pp_pct"] == 65.0


def test_no_new_and_no_retained_customers():
    out = outputs("en", new_customers=0, retained_customers=0).outputs
    assert out["acquisition_to_retention_ratio"] == Unavailable("no_new_customers")
    assert out["ltv_to_cac"] == Unavailable("no_retained_customers")
    assert out["cac_payback_months"] == Unavailable("no_new_customers")


def test_zero_retention_spend():
    # retention costs nothing: the ratio has no meaning; the margin is kept whole
    result = outputs("en", retention_spend=0)
    out = result.outputs
    assert out["cost_to_retain"] == 0
    assert out["acquisition_to_retention_ratio"] == Unavailable("free_retention")
    assert result.text("acquisition_to_retention_ratio") == "Not available: retention costs nothing."
    assert out["net_annual_margin"] == approx(80)
    assert out["clv"] == approx(80 / 0.5) == approx(160)
    assert out["cac_payback_months"] == approx(30 / (80 / 12)) == approx(4.5)


def test_zero_acquisition_spend():
    result = outputs("ru", acquisition_spend=0)
    out = result.outputs
    assert out["cac"] == 0
    assert out["acquisition_to_retention_ratio"] == 0  # 0 / 150
    assert out["ltv_to_cac"] == Unavailable("free_acquisition")
    assert result.text("ltv_to_cac") == "Нет данных: привлечение ничего не стоит."
    assert out["cac_payback_months"] == 0  # nothing to pay back


@pytest.mark.parametrize("average_order, expected_net", [(100, 100 * 1 * 0.4 - 150), (375, 0.0)])
def test_net_margin_not_positive_never_pays_back(average_order, expected_net):
    # m = order × 1 × 0.4 − 150: −110 or exactly 0
    result = outputs("ru", average_order=average_order, orders_per_year=1)
    out = result.outputs
    assert out["net_annual_margin"] == approx(expected_net)
    assert out["cac_payback_months"] == Unavailable("never_pays_back")
    assert result.text("cac_payback_months") == \
        "Не окупается: маржа за год после удержания не больше нуля."
    assert evaluate(CALC, dict(CALC.defaults("en"), average_order=1, orders_per_year=1), "en").text(
        "cac_payback_months") == "Never pays back: the yearly margin after retention cost is not above zero."
    assert out["clv"] == approx(expected_net / 0.5)  # a negative CLV is a real answer
    assert isinstance(out["ltv_to_cac"], float)


def test_negative_clv_is_shown_with_a_minus():
    result = outputs("ru", average_order=100, orders_per_year=1)  # m = −110
    assert result.text("clv") == MINUS + "220,00" + NBSP + "₽"
    assert result.text("net_annual_margin") == MINUS + "110,00" + NBSP + "₽"


@pytest.mark.parametrize("rate, used", [(0, 5.0), (60, 65.0), (93.9, 98.9), (94, 99.0), (94.5, 99.0),
                                        (97, 99.0), (99, 99.0)])
def test_clv_at_plus_5pp_is_capped_at_99(rate, used):
    out = outputs("ru", retention_rate_pct=rate).outputs
    assert out["retention_rate_plus_5pp_pct"] == used
    assert isinstance(out["retention_rate_plus_5pp_pct"], float)
    assert out["clv_at_plus_5pp"] == approx(3850 / (1 + 0.1 - used / 100))


def test_retention_97_uses_99():
    # r = 0.97 → r′ = min(0.97 + 0.05, 0.99) = 0.99: 3 850 / (1.1 − 0.99) = 3 850 / 0.11 = 35 000
    result = outputs("ru", retention_rate_pct=97)
    assert result.outputs["clv"] == approx(3850 / 0.13)  # 29 615.38
    assert result.outputs["clv_at_plus_5pp"] == pytest.approx(35000, rel=1e-12)
    assert result.text("clv_at_plus_5pp") == "35" + NBSP + "000,00" + NBSP + "₽"
    assert result.text("retention_rate_plus_5pp_pct") == "99" + NBSP + "%"


def test_retention_99_and_zero_discount():
    # r = 0.99, d = 0: 1 + 0 − 0.99 = 0.01 → CLV = 100 m; lifetime 100 years
    out = outputs("en", retention_rate_pct=99, discount_rate_pct=0).outputs
    assert out["clv"] == approx(77 / (1 - 0.99))
    assert out["expected_lifetime_years"] == approx(100)


def test_retention_zero():
    # r = 0: one year of margin, discounted once: m / 1.1
    out = outputs("ru", retention_rate_pct=0).outputs
    assert out["clv"] == approx(3850 / 1.1) == approx(3500)
    assert out["expected_lifetime_years"] == 1


def test_presets_by_hand():
    # coffee shop (ru): 240 000 / 800 = 300; 90 000 / 1 500 = 60; 350 × 40 × 0.65 = 9 100;
    # m = 9 040; r = 0.55 → CLV = 9 040 / 0.55 = 16 436.36
    raw = CALC.defaults("ru", "coffee_shop")
    out = evaluate(CALC, raw, "ru").outputs
    assert out["cac"] == approx(300)
    assert out["cost_to_retain"] == approx(60)
    assert out["annual_margin"] == approx(9100)
    assert out["net_annual_margin"] == approx(9040)
    assert out["clv"] == approx(9040 / (1 + 0.1 - 0.55))
    assert out["cac_payback_months"] == approx(300 / (9040 / 12))
