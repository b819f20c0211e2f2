"""affiliate_commission: hand-computed examples, unavailable cases, formatting, properties.

What every calculator shares is checked once, in test_all_calculators.py.
"""

import pytest
from hypothesis import given

from calcstrategies import MINUS, NBSP, inputs_strategy, runner, value_strategy
from calculators.affiliate_commission import CALCULATOR
from calculators import catalog
from calculators.core import Unavailable, compute_checked, evaluate

BASE = {
    "average_order": 100,
    "gross_margin_pct": 60,
    "commission_pct": 10,
    "partner_sales": 1000,
    "paid_cac": 50,
}


run = runner(CALCULATOR, BASE)


# --- hand-computed examples, every output -------------------------------------------------------


def test_kot_example_every_output():
    out = run()
    # Dmitry Kot's example: a 100-rouble book at 10 % gives the partner 10 ₽ ("a loaf of bread")
    assert out["commission_per_sale"] == pytest.approx(10)
    # 100 ₽ × (60 % − 10 %) = 50 ₽ left to the seller
    assert out["profit_per_sale"] == pytest.approx(50)
    # 10 ₽ × 1 000 sales = 10 000 ₽ to partners
    assert out["partner_income"] == pytest.approx(10000)
    # 50 ₽ × 1 000 sales = 50 000 ₽
    assert out["total_profit"] == pytest.approx(50000)
    # the margin itself: 60 %
    assert out["max_commission_pct"] == 60
    # (1 − 10 ÷ 50) × 100 = 80 %
    assert out["savings_vs_paid_pct"] == pytest.approx(80)


def test_default_scenario_ru():
    out = compute_checked(CALCULATOR, CALCULATOR.defaults("ru"), "ru")
    # 3 000 ₽ × 10 % = 300 ₽
    assert out["commission_per_sale"] == pytest.approx(300)
    # 3 000 ₽ × (30 % − 10 %) = 600 ₽
    assert out["profit_per_sale"] == pytest.approx(600)
    # 300 ₽ × 200 = 60 000 ₽
    assert out["partner_income"] == pytest.approx(60000)
    # 600 ₽ × 200 = 120 000 ₽
    assert out["total_profit"] == pytest.approx(120000)
    assert out["max_commission_pct"] == 30
    # (1 − 300 ÷ 1 500) × 100 = 80 %
    assert out["savings_vs_paid_pct"] == pytest.approx(80)


def test_commission_at_the_margin_breaks_even():
    # commission 60 % = margin 60 %: 100 × (60 % − 60 %) = 0 per sale, 0 in all
    out = run(commission_pct=60)
    assert out["profit_per_sale"] == 0
    assert out["total_profit"] == 0
    # 100 × 60 % = 60 ₽ a sale: (1 − 60 ÷ 50) × 100 = −20 %, dearer than advertising
    assert out["commission_per_sale"] == pytest.approx(60)
    assert out["savings_vs_paid_pct"] == pytest.approx(-20)


def test_commission_above_margin_loses_money():
    # 100 ₽ × (60 % − 75 %) = −15 ₽ a sale; × 1 000 = −15 000 ₽
    out = run(commission_pct=75)
    assert out["profit_per_sale"] == pytest.approx(-15)
    assert out["total_profit"] == pytest.approx(-15000)
    # 75 ₽ × 1 000 = 75 000 ₽ to partners
    assert out["partner_income"] == pytest.approx(75000)


@pytest.mark.parametrize("preset, expected", [
    # 3 000 × 8 % = 240; 3 000 × (25 % − 8 %) = 510; 240 × 300 = 72 000; 510 × 300 = 153 000;
    # max 25 %; (1 − 240 ÷ 1 500) × 100 = 84 %
    ("online_shop", (240, 510, 72000, 153000, 25, 84)),
    # 15 000 × 40 % = 6 000; 15 000 × (90 % − 40 %) = 7 500; × 200 = 1 200 000 and 1 500 000;
    # max 90 %; (1 − 6 000 ÷ 8 000) × 100 = 25 %
    ("info_product", (6000, 7500, 1200000, 1500000, 90, 25)),
    # 3 000 × 40 % = 1 200; 3 000 × (25 % − 40 %) = −450; 1 200 × 300 = 360 000; −450 × 300 = −135 000;
    # max 25 %; (1 − 1 200 ÷ 1 500) × 100 = 20 %: cheaper than ads, yet every first sale loses money
    ("shop_at_course_rates", (1200, -450, 360000, -135000, 25, 20)),
    # 100 × 10 % = 10; 100 × (90 % − 10 %) = 80; 10 × 500 = 5 000; 80 × 500 = 40 000; max 90 %;
    # (1 − 10 ÷ 60) × 100 = 83.33 %
    ("ebook_ten_pct", (10, 80, 5000, 40000, 90, 250 / 3)),
])
@pytest.mark.parametrize("lang, scale", [("ru", 1), ("en", 50)])
def test_presets(preset, expected, lang, scale):
    # the dollar presets are the rouble ones divided by 50: money outputs scale, percentages do not
    out = compute_checked(CALCULATOR, CALCULATOR.defaults(lang, preset), lang)
    commission, profit, income, total, top, savings = expected
    assert out["commission_per_sale"] == pytest.approx(commission / scale)
    assert out["profit_per_sale"] == pytest.approx(profit / scale)
    assert out["partner_income"] == pytest.approx(income / scale)
    assert out["total_profit"] == pytest.approx(total / scale)
    assert out["max_commission_pct"] == top
    assert out["savings_vs_paid_pct"] == pytest.approx(savings)


def test_presets_tell_the_story():
    # a shop pays partners a few per cent, an online course a third to a half
    shop = CALCULATOR.presets["online_shop"]["values"]["ru"]
    course = CALCULATOR.presets["info_product"]["values"]["ru"]
    assert 6 <= shop["commission_pct"] <= 10
    assert 30 <= course["commission_pct"] <= 50


# --- unavailable --------------------------------------------------------------------------------


def test_no_paid_cac():
    out = run(paid_cac=0)
    assert out["savings_vs_paid_pct"] == Unavailable("no_paid_cac")
    assert out["commission_per_sale"] == pytest.approx(10)


def test_out_of_range_instead_of_infinity():
    # 1e12 order at 100 % against a CAC of 1e-300: −Infinity would follow; the guard every calculator's
    # compute has makes it unavailable (the parser refuses magnitudes below 1e-30, which no one could type)
    values = dict((k, float(v)) for k, v in BASE.items())
    values.update(average_order=1e12, commission_pct=100.0, paid_cac=1e-300)
    out = CALCULATOR.compute(values)
    assert out["savings_vs_paid_pct"] == Unavailable("out_of_range")


def test_zero_sales_and_zero_orders_are_plain_zeros():
    out = run(partner_sales=0)
    assert out["partner_income"] == 0 and out["total_profit"] == 0
    out = run(average_order=0)
    # 0 commission against a 50 ₽ CAC: (1 − 0 ÷ 50) × 100 = 100 %
    assert out["commission_per_sale"] == 0
    assert out["savings_vs_paid_pct"] == 100


def test_reason_text_both_locales():
    ru = evaluate(CALCULATOR, {"paid_cac": "0"}, "ru")
    assert ru.text("savings_vs_paid_pct") == catalog.get("ru")["reasons"]["no_paid_cac"]
    en = evaluate(CALCULATOR, {"paid_cac": "0"}, "en")
    assert en.text("savings_vs_paid_pct").startswith("Not available")


# --- formatting ---------------------------------------------------------------------------------


def test_formatted_ru():
    result = evaluate(CALCULATOR, {}, "ru")
    assert result.text("commission_per_sale") == "300,00" + NBSP + "₽"
    assert result.text("max_commission_pct") == "30,0" + NBSP + "%"
    result = evaluate(CALCULATOR, CALCULATOR.defaults("ru", "shop_at_course_rates"), "ru")
    assert result.text("total_profit") == MINUS + "135" + NBSP + "000,00" + NBSP + "₽"


def test_formatted_en():
    result = evaluate(CALCULATOR, {}, "en")
    assert result.text("partner_income") == "$1,200.00"
    assert result.text("savings_vs_paid_pct") == "80.0%"
    result = evaluate(CALCULATOR, CALCULATOR.defaults("en", "shop_at_course_rates"), "en")
    assert result.text("profit_per_sale") == MINUS + "$9.00"


# --- declaration --------------------------------------------------------------------------------


def test_public_names():
    assert CALCULATOR.name == "affiliate_commission"
    assert [i.name for i in CALCULATOR.inputs] == [
        "average_order", "gross_margin_pct", "commission_pct", "partner_sales", "paid_cac"]
    assert [o.key for o in CALCULATOR.outputs] == [
        "commission_per_sale", "profit_per_sale", "partner_income", "total_profit", "max_commission_pct",
        "savings_vs_paid_pct"]
    assert CALCULATOR.input_by_name["partner_sales"].integer


# --- properties -------------------------------------------------------------------------------------


SPEC = CALCULATOR.input_by_name
VALID = inputs_strategy(CALCULATOR)


@given(VALID, value_strategy(SPEC["commission_pct"]))
def test_higher_commission_lower_profit_per_sale(values, other):
    low, high = sorted([values["commission_pct"], other])
    a = compute_checked(CALCULATOR, dict(values, commission_pct=low))
    b = compute_checked(CALCULATOR, dict(values, commission_pct=high))
    assert a["profit_per_sale"] >= b["profit_per_sale"]
    assert a["total_profit"] >= b["total_profit"]
    assert a["commission_per_sale"] <= b["commission_per_sale"]
    if values["average_order"] >= 0.01 and high - low > 1e-6:
        assert a["profit_per_sale"] > b["profit_per_sale"]


@given(VALID)
def test_profit_sign_follows_max_commission(values):
    out = compute_checked(CALCULATOR, values)
    if values["average_order"] > 0:
        if values["commission_pct"] > out["max_commission_pct"]:
            assert out["profit_per_sale"] < 0
        elif values["commission_pct"] < out["max_commission_pct"]:
            assert out["profit_per_sale"] >= 0
    # the seller's profit and the partner's commission add up to the gross margin of the order
    assert out["commission_per_sale"] + out["profit_per_sale"] == pytest.approx(
        values["average_order"] * values["gross_margin_pct"] / 100, rel=1e-9,
        abs=1e-9 + 1e-12 * values["average_order"] * (values["gross_margin_pct"] + values["commission_pct"]))
