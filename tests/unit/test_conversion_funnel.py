"""conversion_funnel: hand-computed examples, unavailable cases, formatting, properties.

What every calculator shares is checked once, in test_all_calculators.py.
"""

import math
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calcstrategies import MINUS, NBSP, inputs_strategy, runner, value_strategy
from calculators.conversion_funnel import CALCULATOR
from calculators.core import Unavailable, compute_checked, evaluate
from calculators.numbers import exact_fraction

BASE = {
    "visitors": 10000,
    "lead_rate_pct": 5,
    "sale_rate_pct": 20,
    "average_order": 2500,
    "gross_margin_pct": 40,
    "traffic_cost": 80000,
    "target_customers": 300,
}


run = runner(CALCULATOR, BASE)


# --- hand-computed examples, every output -------------------------------------------------------


def test_base_example_every_output():
    out = run()
    # 10 000 visitors × 5 % = 500 leads
    assert out["leads"] == 500
    # 500 leads × 20 % = 100 customers
    assert out["customers"] == 100
    # 5 % × 20 % = 5 × 20 / 100 = 1 % of visitors buy
    assert out["conversion_pct"] == 1
    # 100 customers × 2 500 = 250 000
    assert out["revenue"] == 250000
    # 250 000 × 40 % = 100 000
    assert out["gross_profit"] == 100000
    # 80 000 ÷ 500 leads = 160 a lead
    assert out["cost_per_lead"] == 160
    # 80 000 ÷ 100 customers = 800 a customer
    assert out["cac"] == 800
    # (100 000 − 80 000) ÷ 80 000 × 100 = 25 %
    assert out["first_order_roi_pct"] == 25
    # 300 customers ÷ 1 % = 30 000 visitors (the float 300 / (0.05 × 0.2) is 29 999.99…)
    assert out["visitors_needed"] == 30000


def test_default_scenario_ru_and_en():
    ru = compute_checked(CALCULATOR, CALCULATOR.defaults("ru"), "ru")
    # 20 000 × 5 % = 1 000 leads; × 20 % = 200 customers; 200 × 2 500 ₽ = 500 000 ₽; × 40 % = 200 000 ₽
    assert (ru["leads"], ru["customers"], ru["revenue"], ru["gross_profit"]) == (1000, 200, 500000, 200000)
    # 100 000 ₽ ÷ 1 000 = 100 ₽ a lead; ÷ 200 = 500 ₽ a customer; (200 000 − 100 000) ÷ 100 000 = 100 %
    assert (ru["cost_per_lead"], ru["cac"], ru["first_order_roi_pct"]) == (100, 500, 100)
    # 300 ÷ 1 % = 30 000 people
    assert ru["visitors_needed"] == 30000
    en = compute_checked(CALCULATOR, CALCULATOR.defaults("en"), "en")
    # 200 × $50 = $10 000; × 40 % = $4 000; $2 000 ÷ 1 000 = $2 a lead; ÷ 200 = $10 a customer
    assert (en["revenue"], en["gross_profit"], en["cost_per_lead"], en["cac"]) == (10000, 4000, 2, 10)
    assert en["first_order_roi_pct"] == 100


def test_fractional_people_are_kept():
    out = run(visitors=1234, lead_rate_pct=3, sale_rate_pct=7, average_order=1000, traffic_cost=5000)
    # 1 234 × 3 % = 37.02 leads; × 7 % = 2.5914 customers
    assert out["leads"] == pytest.approx(37.02)
    assert out["customers"] == pytest.approx(2.5914)
    # 2.5914 × 1 000 = 2 591.40 revenue; 5 000 ÷ 2.5914 = 1 929.46 a customer
    assert out["revenue"] == pytest.approx(2591.4)
    assert out["cac"] == pytest.approx(5000 / 2.5914)
    # 3 × 7 / 100 = 0.21 %
    assert out["conversion_pct"] == pytest.approx(0.21)


def test_negative_first_order_roi():
    # coffee-shop numbers: 20 000 × 10 % × 40 % = 800 customers; 800 × 350 × 65 % = 182 000;
    # (182 000 − 240 000) ÷ 240 000 × 100 = −24.17 %
    out = run(visitors=20000, lead_rate_pct=10, sale_rate_pct=40, average_order=350, gross_margin_pct=65,
              traffic_cost=240000)
    assert out["gross_profit"] == pytest.approx(182000)
    assert out["first_order_roi_pct"] == pytest.approx(-58000 / 240000 * 100)
    # 240 000 ÷ 800 = 300 a customer
    assert out["cac"] == pytest.approx(300)


def test_whole_percent_roi_stays_whole():
    # B2B preset: 12 000 × 4 % × 12.5 % = 60 customers × 45 000 × 70 % = 1 890 000;
    # (1 890 000 − 4 500 000) ÷ 4 500 000 × 100 = −58 % exactly, shown without a stray decimal
    out = run(visitors=12000, lead_rate_pct=4, sale_rate_pct=12.5, average_order=45000, gross_margin_pct=70,
              traffic_cost=4500000)
    assert out["customers"] == 60
    assert out["first_order_roi_pct"] == -58


# --- visitors_needed: an exact ceiling ----------------------------------------------------------


def test_visitors_needed_exact_where_float_ceil_is_wrong():
    # 7 customers ÷ 0.7 % = 1 000 exactly; the float 7 / 0.007 is 1 000.000…1 and ceil() gives 1 001
    assert math.ceil(7 / (0.7 / 100)) == 1001
    assert run(target_customers=7, lead_rate_pct=0.7, sale_rate_pct=100)["visitors_needed"] == 1000
    # 7 ÷ 0.35 % = 2 000 exactly (float: 2 000.000…2)
    assert run(target_customers=7, lead_rate_pct=100, sale_rate_pct=0.35)["visitors_needed"] == 2000
    # 100 ÷ 5 % = 2 000
    assert run(target_customers=100, lead_rate_pct=5, sale_rate_pct=100)["visitors_needed"] == 2000


def test_visitors_needed_rounds_up():
    # 1 customer ÷ 3 % = 33.33… → 34 people
    assert run(target_customers=1, lead_rate_pct=3, sale_rate_pct=100)["visitors_needed"] == 34
    # 10 ÷ (4 % × 12.5 % = 0.5 %) = 2 000 exactly
    assert run(target_customers=10, lead_rate_pct=4, sale_rate_pct=12.5)["visitors_needed"] == 2000
    # 10 ÷ (3.3 % × 3.3 % = 0.1089 %) = 9 182.7… → 9 183
    assert run(target_customers=10, lead_rate_pct=3.3, sale_rate_pct=3.3)["visitors_needed"] == 9183
    # no target, no visitors needed
    assert run(target_customers=0)["visitors_needed"] == 0


def test_visitors_needed_from_typed_text():
    result = evaluate(CALCULATOR, {"target_customers": "7", "lead_rate_pct": "0,7", "sale_rate_pct": "100"})
    assert result.raw("visitors_needed") == 1000


def test_exact_fraction():
    assert exact_fraction(0.7) == (7, 10)
    assert exact_fraction(0.0) == (0, 1)
    assert exact_fraction(1e9) == (1000000000, 1)
    num, den = exact_fraction(12.5)
    assert Fraction(num, den) == Fraction(25, 2)
    # a float no one typed is taken as the exact binary value
    num, den = exact_fraction(0.1 + 0.2)
    assert Fraction(num, den) == Fraction(0.1 + 0.2)
    num, den = exact_fraction(5e-324)
    assert Fraction(num, den) == Fraction(5e-324)


# --- unavailable outputs ------------------------------------------------------------------------


def test_no_leads():
    out = run(lead_rate_pct=0)
    # 10 000 × 0 % = 0 leads, 0 customers
    assert out["leads"] == 0 and out["customers"] == 0 and out["revenue"] == 0
    assert out["conversion_pct"] == 0
    assert out["cost_per_lead"] == Unavailable("no_leads")
    assert out["cac"] == Unavailable("no_customers")
    assert out["visitors_needed"] == Unavailable("no_conversion")
    # (0 − 80 000) ÷ 80 000 × 100 = −100 %: all the money lost
    assert out["first_order_roi_pct"] == -100


def test_no_visitors():
    out = run(visitors=0)
    assert out["cost_per_lead"] == Unavailable("no_leads")
    assert out["cac"] == Unavailable("no_customers")
    # the target still has an answer: 300 ÷ 1 % = 30 000
    assert out["visitors_needed"] == 30000


def test_no_sales():
    out = run(sale_rate_pct=0)
    # leads exist, so a lead still has a price: 80 000 ÷ 500 = 160
    assert out["cost_per_lead"] == 160
    assert out["cac"] == Unavailable("no_customers")
    assert out["visitors_needed"] == Unavailable("no_conversion")


def test_free_traffic():
    out = run(traffic_cost=0)
    assert out["first_order_roi_pct"] == Unavailable("free_traffic")
    # 0 ÷ 500 leads = 0; 0 ÷ 100 customers = 0
    assert out["cost_per_lead"] == 0
    assert out["cac"] == 0


def test_reason_texts_both_languages():
    ru = evaluate(CALCULATOR, {"lead_rate_pct": "0", "traffic_cost": "0"}, "ru")
    assert ru.text("cac") == "Нет данных: покупателей 0."
    assert "никто не сказал «да»" in ru.text("cost_per_lead")
    assert "ничего не стоил" in ru.text("first_order_roi_pct")
    assert "нулевой конверсии" in ru.text("visitors_needed")
    assert ru.raw("cac") is None
    en = evaluate(CALCULATOR, {"lead_rate_pct": "0", "traffic_cost": "0"}, "en")
    assert en.text("cac") == "Not available: there are no customers."
    assert "nobody said “yes”" in en.text("cost_per_lead")
    assert "cost nothing" in en.text("first_order_roi_pct")
    assert "zero conversion" in en.text("visitors_needed")


def test_out_of_range_guard():
    # the pure compute, given an absurd rate no one can type: 80 000 ÷ (1 × 1e-320 %) would be infinite
    values = dict((name, float(value)) for name, value in BASE.items())
    out = CALCULATOR.compute(dict(values, visitors=1.0, lead_rate_pct=1e-320))
    assert out["cost_per_lead"] == Unavailable("out_of_range")
    for value in out.values():
        assert isinstance(value, Unavailable) or math.isfinite(value)


# --- error messages -----------------------------------------------------------------------------


# --- formatting ---------------------------------------------------------------------------------


def test_formatted_text_ru():
    result = evaluate(CALCULATOR, {}, "ru")
    assert result.text("cac") == "500,00" + NBSP + "₽"
    assert result.text("revenue") == "500" + NBSP + "000" + NBSP + "₽"
    assert result.text("conversion_pct") == "1,00" + NBSP + "%"
    assert result.text("visitors_needed") == "30" + NBSP + "000"
    assert result.text("first_order_roi_pct") == "100" + NBSP + "%"


def test_formatted_text_en():
    result = evaluate(CALCULATOR, {}, "en")
    assert result.text("cac") == "$10.00"
    assert result.text("revenue") == "$10,000"
    assert result.text("conversion_pct") == "1.00%"
    assert result.text("visitors_needed") == "30,000"


def test_fractional_people_shown_with_one_decimal():
    values = {"visitors": "1234", "lead_rate_pct": "3", "sale_rate_pct": "7"}
    # 2.5914 customers → "2,6" / "2.6"; 37.02 leads → "37,0" / "37.0"
    assert evaluate(CALCULATOR, values, "ru").text("customers") == "2,6"
    assert evaluate(CALCULATOR, values, "en").text("customers") == "2.6"
    assert evaluate(CALCULATOR, values, "en").text("leads") == "37.0"
    # the raw value stays unrounded
    assert evaluate(CALCULATOR, values, "en").raw("customers") == pytest.approx(2.5914)


def test_negative_roi_formatted_with_minus():
    ru = evaluate(CALCULATOR, {}, "ru")
    ru_coffee = evaluate(CALCULATOR, CALCULATOR.defaults("ru", "coffee_shop"), "ru")
    assert ru.text("first_order_roi_pct") == "100" + NBSP + "%"
    assert ru_coffee.text("first_order_roi_pct") == MINUS + "24,2" + NBSP + "%"
    en_coffee = evaluate(CALCULATOR, CALCULATOR.defaults("en", "coffee_shop"), "en")
    assert en_coffee.text("first_order_roi_pct") == MINUS + "24.2%"


# --- declaration --------------------------------------------------------------------------------


def test_public_names():
    assert CALCULATOR.name == "conversion_funnel"
    assert [i.name for i in CALCULATOR.inputs] == [
        "visitors", "lead_rate_pct", "sale_rate_pct", "average_order", "gross_margin_pct", "traffic_cost",
        "target_customers"]
    assert [o.key for o in CALCULATOR.outputs] == [
        "leads", "customers", "conversion_pct", "revenue", "gross_profit", "cost_per_lead", "cac",
        "first_order_roi_pct", "visitors_needed"]


def test_presets_give_every_output():
    # the chapter's three businesses; in each every figure of the funnel has a value
    assert {"coffee_shop", "online_store", "b2b_service"} <= set(CALCULATOR.presets)
    for name in CALCULATOR.presets:
        for lang in ("ru", "en"):
            result = evaluate(CALCULATOR, CALCULATOR.defaults(lang, name), lang)
            assert not any(isinstance(v, Unavailable) for v in result.outputs.values()), (name, lang)


def test_preset_stories():
    # online store: 150 000 × 5 % × 20 % = 1 500 buyers, 1 % conversion (Littledata's average is ≈ 1.4 %);
    # 3 000 000 ₽ ÷ 1 500 = 2 000 ₽ a buyer; first orders return (1 440 000 − 3 000 000) ÷ 3 000 000 = −52 %
    out = compute_checked(CALCULATOR, CALCULATOR.defaults("ru", "online_store"), "ru")
    assert out["customers"] == 1500 and out["conversion_pct"] == 1
    assert out["cac"] == 2000
    assert out["first_order_roi_pct"] == -52
    # 2 000 ÷ 1 % = 200 000 people
    assert out["visitors_needed"] == 200000
    # B2B: 12 000 × 4 % = 480 requests, 60 contracts; 4 500 000 ₽ ÷ 480 = 9 375 ₽ a request
    b2b = compute_checked(CALCULATOR, CALCULATOR.defaults("ru", "b2b_service"), "ru")
    assert b2b["cost_per_lead"] == 9375 and b2b["cac"] == 75000
    # 100 ÷ 0.5 % = 20 000 people
    assert b2b["visitors_needed"] == 20000


# --- properties ---------------------------------------------------------------------------------


SPEC = CALCULATOR.input_by_name
VALID = inputs_strategy(CALCULATOR)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10 ** 6), st.decimals("0.0001", "100", places=4), st.decimals("0.0001", "100", places=4))
def test_visitors_needed_is_the_exact_ceiling(target, lead, sale):
    result = evaluate(CALCULATOR, {"target_customers": str(target), "lead_rate_pct": str(lead),
                                   "sale_rate_pct": str(sale)}, "en")
    needed = result.raw("visitors_needed")
    assert needed == int(needed)
    needed = int(needed)
    # beyond 2**53 a float cannot hold every whole number; the ceiling is exact below that
    assume(needed < 2 ** 53)
    conversion = Fraction(str(lead)) * Fraction(str(sale)) / 10000
    # the smallest whole number of people whose expected buyers reach the target
    assert needed * conversion >= target
    assert (needed - 1) * conversion < target or needed == 0


@settings(max_examples=200, deadline=None)
@given(VALID, st.integers(0, 10 ** 9), st.integers(0, 10 ** 9))
def test_more_visitors_more_customers(values, a, b):
    low, high = min(a, b), max(a, b)
    fewer = compute_checked(CALCULATOR, dict(values, visitors=low))
    more = compute_checked(CALCULATOR, dict(values, visitors=high))
    assert more["leads"] >= fewer["leads"]
    assert more["customers"] >= fewer["customers"]
    assert more["revenue"] >= fewer["revenue"]


def test_more_visitors_strictly_more_customers():
    assert run(visitors=10001)["customers"] > run(visitors=10000)["customers"]


@settings(max_examples=200, deadline=None)
@given(VALID, value_strategy(SPEC["traffic_cost"]), value_strategy(SPEC["traffic_cost"]))
def test_higher_traffic_cost_higher_cac(values, a, b):
    low, high = min(a, b), max(a, b)
    cheap = compute_checked(CALCULATOR, dict(values, traffic_cost=low))
    dear = compute_checked(CALCULATOR, dict(values, traffic_cost=high))
    # (an output may be out of range for untypeable subnormal rates)
    assume(not isinstance(cheap["cac"], Unavailable) and not isinstance(dear["cac"], Unavailable))
    assume(not isinstance(dear["cost_per_lead"], Unavailable))
    assert dear["cac"] >= cheap["cac"]
    assert dear["cost_per_lead"] >= cheap["cost_per_lead"]


@settings(max_examples=200, deadline=None)
@given(VALID, value_strategy(SPEC["lead_rate_pct"]), value_strategy(SPEC["lead_rate_pct"]))
def test_better_conversion_needs_fewer_visitors(values, a, b):
    low, high = min(a, b), max(a, b)
    worse = compute_checked(CALCULATOR, dict(values, lead_rate_pct=low))
    better = compute_checked(CALCULATOR, dict(values, lead_rate_pct=high))
    assume(not isinstance(worse["visitors_needed"], Unavailable))
    assume(not isinstance(better["visitors_needed"], Unavailable))
    assert better["visitors_needed"] <= worse["visitors_needed"]
