"""word_of_mouth: hand-computed examples, unavailable cases, formatting, properties.

What every calculator shares is checked once, in test_all_calculators.py.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calcstrategies import MINUS, NBSP, inputs_strategy, runner, value_strategy
from calculators.core import Unavailable, compute_checked, evaluate
from calculators.numbers import round_half_away
from calculators.word_of_mouth import CALCULATOR

BASE = {
    "charm_budget": 30000,
    "cost_per_gesture": 1500,
    "people_told": 5,
    "told_conversion_pct": 10,
    "incremental_pct": 100,
    "clv": 7700,
    "paid_cac": 1500,
}


run = runner(CALCULATOR, BASE)


# --- hand-computed examples, every output -------------------------------------------------------


def test_base_example_every_output():
    out = run()
    # 30 000 ₽ budget ÷ 1 500 ₽ a gesture = 20 gestures
    assert out["gestures"] == 20
    # 20 gestures × 1 500 ₽ = 30 000 ₽
    assert out["spent"] == 30000
    # 20 gestures × 5 people told × 10 % who buy × 100 % incremental = 10 new customers
    assert out["new_customers"] == pytest.approx(10)
    # 30 000 ₽ ÷ 10 customers = 3 000 ₽ a customer
    assert out["cost_per_new_customer"] == pytest.approx(3000)
    # 10 customers × 7 700 ₽ CLV = 77 000 ₽
    assert out["value_created"] == pytest.approx(77000)
    # (77 000 − 30 000) ÷ 30 000 × 100 = 156.67 %
    assert out["roe_pct"] == pytest.approx(47000 / 30000 * 100)
    # (1 − 3 000 ÷ 1 500) × 100 = −100 %: twice as dear as a paid customer
    assert out["savings_vs_paid_pct"] == pytest.approx(-100)


def test_default_scenario_ru():
    out = compute_checked(CALCULATOR, CALCULATOR.defaults("ru"), "ru")
    # 30 000 ₽ ÷ 500 ₽ = 60 gestures, all of the budget spent
    assert out["gestures"] == 60
    assert out["spent"] == 30000
    # 60 × 5 people × 8 % × 100 % = 24 new customers
    assert out["new_customers"] == pytest.approx(24)
    # 30 000 ₽ ÷ 24 = 1 250 ₽
    assert out["cost_per_new_customer"] == pytest.approx(1250)
    # 24 × 7 700 ₽ = 184 800 ₽
    assert out["value_created"] == pytest.approx(184800)
    # (184 800 − 30 000) ÷ 30 000 × 100 = 516 %
    assert out["roe_pct"] == pytest.approx(516)
    # (1 − 1 250 ÷ 1 500) × 100 = 16.67 %
    assert out["savings_vs_paid_pct"] == pytest.approx(100 / 6)


def test_half_acquisition_cost():
    # 20 gestures × 5 people × 20 % = 20 customers; 30 000 ₽ ÷ 20 = 1 500 ₽... against a paid CAC
    # of 3 000 ₽: (1 − 1 500 ÷ 3 000) × 100 = 50 %, the "halved acquisition cost" of the source
    out = run(told_conversion_pct=20, paid_cac=3000)
    assert out["new_customers"] == pytest.approx(20)
    assert out["cost_per_new_customer"] == pytest.approx(1500)
    assert out["savings_vs_paid_pct"] == pytest.approx(50)


def test_gestures_in_cents_exact():
    # 0.30 ÷ 0.10 in floats is 2.9999999999999996; in cents 30 // 10 = 3
    out = run(charm_budget=0.3, cost_per_gesture=0.1)
    assert out["gestures"] == 3
    # 3 × 10 cents = 30 cents
    assert out["spent"] == pytest.approx(0.3)


def test_gestures_floor_and_remainder_unspent():
    # 29 cents ÷ 10 cents = 2 whole gestures, 9 cents left
    out = run(charm_budget=0.29, cost_per_gesture=0.1)
    assert out["gestures"] == 2
    assert out["spent"] == pytest.approx(0.2)
    # 10 000 ₽ ÷ 3 000 ₽ = 3 gestures (9 000 ₽ spent, 1 000 ₽ left)
    out = run(charm_budget=10000, cost_per_gesture=3000)
    assert out["gestures"] == 3
    assert out["spent"] == 9000


def test_cost_rounded_to_cents():
    # 1.004 rounds to 1.00, 1.005 to 1.01 (half away from zero, in cents)
    assert run(charm_budget=10, cost_per_gesture=1.004)["gestures"] == 10
    # 1 000 cents ÷ 101 cents = 9 gestures; 9 × 1.01 = 9.09 spent
    out = run(charm_budget=10, cost_per_gesture=1.006)
    assert out["gestures"] == 9
    assert out["spent"] == pytest.approx(9.09)


def test_fractional_customers_kept():
    # 20 gestures × 3 people × 15 % × 50 % = 4.5 customers (kept, not rounded)
    out = run(people_told=3, told_conversion_pct=15, incremental_pct=50)
    assert out["new_customers"] == pytest.approx(4.5)
    # 30 000 ₽ ÷ 4.5 = 6 666.67 ₽
    assert out["cost_per_new_customer"] == pytest.approx(30000 / 4.5)
    # 4.5 × 7 700 ₽ = 34 650 ₽; (34 650 − 30 000) ÷ 30 000 × 100 = 15.5 %
    assert out["value_created"] == pytest.approx(34650)
    assert out["roe_pct"] == pytest.approx(15.5)


def test_incremental_share_lowers_new_customers():
    # 20 × 5 × 10 % × 40 % = 4 customers; 30 000 ÷ 4 = 7 500 ₽; (1 − 7 500 ÷ 1 500) × 100 = −400 %
    out = run(incremental_pct=40)
    assert out["new_customers"] == pytest.approx(4)
    assert out["cost_per_new_customer"] == pytest.approx(7500)
    assert out["savings_vs_paid_pct"] == pytest.approx(-400)


@pytest.mark.parametrize("preset, expected", [
    # 300 000 ÷ 15 000 = 20 gestures; 20 × 10 × 4 % = 8 customers; 300 000 ÷ 8 = 37 500;
    # 8 × 120 000 = 960 000; (960 000 − 300 000) ÷ 300 000 = 220 %; 1 − 37 500 ÷ 50 000 = 25 %
    ("car_dealer", (20, 300000, 8, 37500, 960000, 220, 25)),
    # 120 000 ÷ 6 000 = 20; 20 × 8 × 10 % = 16; 120 000 ÷ 16 = 7 500; 16 × 30 000 = 480 000;
    # (480 000 − 120 000) ÷ 120 000 = 300 %; 1 − 7 500 ÷ 6 000 = −25 %
    ("oil_change", (20, 120000, 16, 7500, 480000, 300, -25)),
    # 30 000 ÷ 60 = 500 ribbons; 500 × 3 × 2 % = 30; 30 000 ÷ 30 = 1 000; 30 × 8 000 = 240 000;
    # (240 000 − 30 000) ÷ 30 000 = 700 %; 1 − 1 000 ÷ 1 500 = 33.3 %
    ("ribbon", (500, 30000, 30, 1000, 240000, 700, 100 / 3)),
])
@pytest.mark.parametrize("lang, scale", [("ru", 1), ("en", 50)])
def test_presets(preset, expected, lang, scale):
    # the dollar presets are the rouble ones divided by 50: money outputs scale, the rest do not
    out = compute_checked(CALCULATOR, CALCULATOR.defaults(lang, preset), lang)
    gestures, spent, new, per_customer, value, roe, savings = expected
    assert out["gestures"] == gestures
    assert out["spent"] == pytest.approx(spent / scale)
    assert out["new_customers"] == pytest.approx(new)
    assert out["cost_per_new_customer"] == pytest.approx(per_customer / scale)
    assert out["value_created"] == pytest.approx(value / scale)
    assert out["roe_pct"] == pytest.approx(roe)
    assert out["savings_vs_paid_pct"] == pytest.approx(savings)


# --- unavailable --------------------------------------------------------------------------------


def test_free_gesture():
    out = run(cost_per_gesture=0)
    for key in ("gestures", "spent", "new_customers", "cost_per_new_customer", "value_created",
                "roe_pct", "savings_vs_paid_pct"):
        assert out[key] == Unavailable("free_gesture"), key
    # under half a cent rounds to 0 cents: free as well
    assert run(cost_per_gesture=0.004)["gestures"] == Unavailable("free_gesture")


def test_budget_below_one_gesture():
    # 1 000 ₽ ÷ 1 500 ₽ = 0 gestures: nothing spent, no customers
    out = run(charm_budget=1000)
    assert out["gestures"] == 0
    assert out["spent"] == 0
    assert out["new_customers"] == 0
    assert out["value_created"] == 0
    assert out["cost_per_new_customer"] == Unavailable("no_new_customers")
    assert out["roe_pct"] == Unavailable("nothing_spent")
    assert out["savings_vs_paid_pct"] == Unavailable("no_new_customers")


def test_no_new_customers():
    # nobody who hears becomes a customer: 20 gestures, 30 000 ₽ spent, nothing back
    out = run(told_conversion_pct=0)
    assert out["new_customers"] == 0
    assert out["cost_per_new_customer"] == Unavailable("no_new_customers")
    assert out["savings_vs_paid_pct"] == Unavailable("no_new_customers")
    # (0 − 30 000) ÷ 30 000 × 100 = −100 %: the whole budget lost
    assert out["roe_pct"] == pytest.approx(-100)
    assert run(people_told=0)["cost_per_new_customer"] == Unavailable("no_new_customers")
    assert run(incremental_pct=0)["cost_per_new_customer"] == Unavailable("no_new_customers")


def test_no_paid_cac():
    out = run(paid_cac=0)
    assert out["savings_vs_paid_pct"] == Unavailable("no_paid_cac")
    assert out["cost_per_new_customer"] == pytest.approx(3000)


def _pure(**changes):
    # the pure compute, with floats no one could type (the parser refuses magnitudes below 1e-30)
    values = dict((k, float(v)) for k, v in BASE.items())
    values.update(changes)
    return CALCULATOR.compute(values)


def test_out_of_range_instead_of_infinity():
    # a vanishing conversion makes the cost per customer overflow: unavailable, not Infinity
    out = _pure(people_told=1e-300, told_conversion_pct=1e-10)
    assert out["cost_per_new_customer"] == Unavailable("out_of_range")
    assert out["savings_vs_paid_pct"] == Unavailable("out_of_range")
    out = _pure(paid_cac=1e-307)
    assert out["savings_vs_paid_pct"] == Unavailable("out_of_range")


def test_reason_text_both_locales():
    ru = evaluate(CALCULATOR, {"paid_cac": "0"}, "ru")
    assert ru.text("savings_vs_paid_pct").startswith("Нет данных")
    en = evaluate(CALCULATOR, {"cost_per_gesture": "0"}, "en")
    assert en.text("gestures") == CALCULATOR.reasons["free_gesture"]["en"]
    assert "costs nothing" in en.text("gestures")


# --- formatting ---------------------------------------------------------------------------------


def test_formatted_ru():
    result = evaluate(CALCULATOR, {}, "ru")
    assert result.text("gestures") == "60"
    assert result.text("spent") == "30" + NBSP + "000,00" + NBSP + "₽"
    assert result.text("roe_pct") == "516,0" + NBSP + "%"
    assert result.text("savings_vs_paid_pct") == "16,7" + NBSP + "%"


def test_formatted_en():
    result = evaluate(CALCULATOR, {}, "en")
    assert result.text("gestures") == "60"
    assert result.text("value_created") == "$3,696.00"
    assert result.text("roe_pct") == "516.0%"
    result = evaluate(CALCULATOR, CALCULATOR.defaults("en", "oil_change"), "en")
    assert result.text("savings_vs_paid_pct") == MINUS + "25.0%"


# --- declaration --------------------------------------------------------------------------------


def test_public_names():
    assert CALCULATOR.name == "word_of_mouth"
    assert [i.name for i in CALCULATOR.inputs] == [
        "charm_budget", "cost_per_gesture", "people_told", "told_conversion_pct", "incremental_pct",
        "clv", "paid_cac"]
    assert [o.key for o in CALCULATOR.outputs] == [
        "gestures", "spent", "new_customers", "cost_per_new_customer", "value_created", "roe_pct",
        "savings_vs_paid_pct"]
    assert CALCULATOR.input_by_name["incremental_pct"].default == {"ru": 100, "en": 100}
    assert "return on experience" in CALCULATOR.output_by_key["roe_pct"].label["ru"]
    assert "Return on experience" in CALCULATOR.output_by_key["roe_pct"].label["en"]


# --- properties -------------------------------------------------------------------------------------


SPEC = CALCULATOR.input_by_name
VALID = inputs_strategy(CALCULATOR)


@given(VALID, value_strategy(SPEC["charm_budget"]))
def test_bigger_budget_no_fewer_gestures(values, other):
    low, high = sorted([values["charm_budget"], other])
    a = compute_checked(CALCULATOR, dict(values, charm_budget=low))
    b = compute_checked(CALCULATOR, dict(values, charm_budget=high))
    if isinstance(a["gestures"], Unavailable):
        assert a["gestures"] == b["gestures"] == Unavailable("free_gesture")
    else:
        assert a["gestures"] <= b["gestures"]
        assert a["spent"] <= b["spent"]
        # The budget counts in whole cents, rounded half away from zero like every amount (1.125 -> 1.13).
        assert b["spent"] <= round_half_away(high, 2) / 100 + 1e-9


@given(VALID, st.floats(min_value=0.01, max_value=1e12, allow_nan=False))
def test_dearer_gesture_no_more_gestures(values, other):
    cheap, dear = sorted([max(values["cost_per_gesture"], 0.01), other])
    a = compute_checked(CALCULATOR, dict(values, cost_per_gesture=cheap))
    b = compute_checked(CALCULATOR, dict(values, cost_per_gesture=dear))
    assert a["gestures"] >= b["gestures"]


@given(VALID, value_strategy(SPEC["people_told"]))
def test_more_people_told_no_fewer_customers(values, other):
    low, high = sorted([values["people_told"], other])
    a = compute_checked(CALCULATOR, dict(values, people_told=low))
    b = compute_checked(CALCULATOR, dict(values, people_told=high))
    if not isinstance(a["new_customers"], Unavailable):
        assert a["new_customers"] <= b["new_customers"]
        assert a["value_created"] <= b["value_created"]


@given(VALID)
def test_spent_never_exceeds_budget(values):
    out = compute_checked(CALCULATOR, values)
    if not isinstance(out["spent"], Unavailable):
        assert out["spent"] <= values["charm_budget"] + 0.005
        assert out["gestures"] == int(out["gestures"])
