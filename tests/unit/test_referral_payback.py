"""referral_payback: hand-computed examples, unavailable cases, formatting, properties.

What every calculator shares is checked once, in test_all_calculators.py.
"""

import pytest
from hypothesis import assume, given, settings

from calcstrategies import MINUS, NBSP, inputs_strategy, runner, value_strategy
from calculators.core import Unavailable, compute_checked, evaluate
from calculators.referral_payback import CALCULATOR, self_sustaining

BASE = {
    "customers": 1000,
    "participation_pct": 10,
    "referrals_per_referrer": 4,
    "referral_conversion_pct": 25,
    "average_order": 2000,
    "gross_margin_pct": 50,
    "orders_per_year": 6,
    "referrer_reward": 200,
    "referrer_discount_pct": 30,
    "friend_discount_pct": 10,
    "program_cost": 50000,
    "paid_cac": 2500,
    "incremental_pct": 80,
}


run = runner(CALCULATOR, BASE)


# --- hand-computed examples, every output -------------------------------------------------------


def test_base_example_every_output():
    out = run()
    # K = 10 % × 4 invitations × 25 % = 0.1
    assert out["viral_coefficient"] == pytest.approx(0.1)
    # 1 000 customers × 0.1 = 100 referred
    assert out["referred_customers"] == pytest.approx(100)
    # 100 × 80 % = 80 would not have come otherwise
    assert out["incremental_customers"] == pytest.approx(80)
    # 100 × (200 + (30 % + 10 %) × 2 000) = 100 × (200 + 800) = 100 000
    assert out["reward_cost"] == pytest.approx(100000)
    # 100 000 + 50 000 = 150 000
    assert out["total_cost"] == pytest.approx(150000)
    # 150 000 ÷ 80 = 1 875 an incremental customer
    assert out["cost_per_incremental_customer"] == pytest.approx(1875)
    # (1 − 1 875 ÷ 2 500) × 100 = 25 % cheaper than paid channels
    assert out["savings_vs_paid_pct"] == pytest.approx(25)
    # monthly margin 2 000 × 50 % × 6 ÷ 12 = 500; 1 875 ÷ 500 = 3.75 months
    assert out["payback_months"] == pytest.approx(3.75)
    # 80 × 2 000 × 50 % × 6 = 480 000 margin in the year; (480 000 − 150 000) ÷ 150 000 × 100 = 220 %
    assert out["first_year_roi_pct"] == pytest.approx(220)
    # 1 ÷ (1 − 0.1) = 1.111… customers per paid customer, all generations
    assert out["customers_per_paid_customer"] == pytest.approx(1 / 0.9)


def test_default_scenario_ru_and_en():
    ru = compute_checked(CALCULATOR, CALCULATOR.defaults("ru"), "ru")
    # K = 10 % × 3 × 25 % = 0.075; 1 000 × 0.075 = 75 referred, all incremental
    assert ru["viral_coefficient"] == pytest.approx(0.075)
    assert ru["referred_customers"] == pytest.approx(75)
    assert ru["incremental_customers"] == pytest.approx(75)
    # 75 × (0 + (30 % + 10 %) × 2 500 ₽) = 75 × 1 000 = 75 000 ₽; + 30 000 ₽ = 105 000 ₽
    assert ru["reward_cost"] == pytest.approx(75000)
    assert ru["total_cost"] == pytest.approx(105000)
    # 105 000 ÷ 75 = 1 400 ₽; (1 − 1 400 ÷ 2 000) × 100 = 30 %
    assert ru["cost_per_incremental_customer"] == pytest.approx(1400)
    assert ru["savings_vs_paid_pct"] == pytest.approx(30)
    # 2 500 × 40 % × 4 ÷ 12 = 333.33 ₽ a month; 1 400 ÷ 333.33 = 4.2 months
    assert ru["payback_months"] == pytest.approx(4.2)
    # 75 × 2 500 × 40 % × 4 = 300 000 ₽; (300 000 − 105 000) ÷ 105 000 × 100 = 185.71 %
    assert ru["first_year_roi_pct"] == pytest.approx(195000 / 105000 * 100)
    # 1 ÷ 0.925 = 1.081
    assert ru["customers_per_paid_customer"] == pytest.approx(1 / 0.925)
    en = compute_checked(CALCULATOR, CALCULATOR.defaults("en"), "en")
    # the same story in dollars: 75 × 0.4 × $50 = $1 500; + $600 = $2 100; ÷ 75 = $28 against $40
    assert en["total_cost"] == pytest.approx(2100)
    assert en["cost_per_incremental_customer"] == pytest.approx(28)
    assert en["savings_vs_paid_pct"] == pytest.approx(30)
    assert en["payback_months"] == pytest.approx(4.2)


def test_half_would_have_come_anyway():
    # the chapter's question: defaults with 50 % incremental
    out = compute_checked(CALCULATOR, dict(CALCULATOR.defaults("ru"), incremental_pct=50), "ru")
    # 75 × 50 % = 37.5 incremental; the rewards are still paid for all 75: 105 000 ÷ 37.5 = 2 800 ₽
    assert out["incremental_customers"] == pytest.approx(37.5)
    assert out["total_cost"] == pytest.approx(105000)
    assert out["cost_per_incremental_customer"] == pytest.approx(2800)
    # (1 − 2 800 ÷ 2 000) × 100 = −40 %: now dearer than advertising
    assert out["savings_vs_paid_pct"] == pytest.approx(-40)


def test_presets_every_story():
    coffee = compute_checked(CALCULATOR, CALCULATOR.defaults("ru", "coffee_shop"), "ru")
    # K = 15 % × 2 × 30 % = 0.09; 1 500 × 0.09 = 135 referred; × 70 % = 94.5 incremental
    assert coffee["referred_customers"] == pytest.approx(135)
    assert coffee["incremental_customers"] == pytest.approx(94.5)
    # Titova's offer: 30 % off an order for whoever brings a friend, nothing said of the friend
    for lang in ("ru", "en"):
        offer = CALCULATOR.defaults(lang, "coffee_shop")
        assert (offer["referrer_discount_pct"], offer["friend_discount_pct"]) == (30, 0)
    # 135 × 30 % × 350 ₽ = 14 175 ₽; + 5 000 ₽ = 19 175 ₽; ÷ 94.5 = 202.91 ₽
    assert coffee["total_cost"] == pytest.approx(19175)
    assert coffee["cost_per_incremental_customer"] == pytest.approx(19175 / 94.5)
    # cheaper than the 300 ₽ of paid channels: (1 − 202.91 ÷ 300) × 100 = 32.4 %
    assert coffee["savings_vs_paid_pct"] == pytest.approx((300 - 19175 / 94.5) / 3)
    # paid back in about a week: 202.91 ÷ (350 × 65 % × 40 ÷ 12 = 758.33) = 0.27 months
    assert coffee["payback_months"] == pytest.approx(19175 / 94.5 / (350 * 0.65 * 40 / 12))
    # with 30 % for the friend as well: 135 × 60 % × 350 + 5 000 = 33 350 ₽, 352.91 ₽ each, −17.6 %
    both = dict(CALCULATOR.defaults("ru", "coffee_shop"), friend_discount_pct=30)
    both = compute_checked(CALCULATOR, both, "ru")
    assert both["total_cost"] == pytest.approx(33350)
    assert both["savings_vs_paid_pct"] == pytest.approx((300 - 33350 / 94.5) / 3)
    assert both["payback_months"] == pytest.approx(33350 / 94.5 / (350 * 0.65 * 40 / 12))
    store = compute_checked(CALCULATOR, CALCULATOR.defaults("ru", "online_store"), "ru")
    # K = 5 % × 4 × 15 % = 0.03; 2 500 × 0.03 = 75; 75 × (300 + 10 % × 3 200) = 46 500; + 60 000 = 106 500
    assert store["total_cost"] == pytest.approx(106500)
    # 75 × 80 % = 60; 106 500 ÷ 60 = 1 775 ₽; (1 − 1 775 ÷ 2 000) × 100 = 11.25 %
    assert store["cost_per_incremental_customer"] == pytest.approx(1775)
    assert store["savings_vs_paid_pct"] == pytest.approx(11.25)
    # 1 775 ÷ (3 200 × 30 % × 3 ÷ 12 = 240) = 7.40 months
    assert store["payback_months"] == pytest.approx(1775 / 240)
    b2b = compute_checked(CALCULATOR, CALCULATOR.defaults("ru", "b2b_service"), "ru")
    # K = 20 % × 2 × 25 % = 0.1; 200 × 0.1 = 20; 20 × (20 000 + 50 % × 45 000) = 850 000; + 100 000
    assert b2b["total_cost"] == pytest.approx(950000)
    # 950 000 ÷ 20 = 47 500 ₽ against 75 000 ₽: (1 − 47 500 ÷ 75 000) × 100 = 36.67 %
    assert b2b["savings_vs_paid_pct"] == pytest.approx(100 / 3 + 10 / 3)
    # 47 500 ÷ (45 000 × 70 % × 12 ÷ 12 = 31 500) = 1.51 months
    assert b2b["payback_months"] == pytest.approx(47500 / 31500)
    # 20 × 378 000 = 7 560 000; (7 560 000 − 950 000) ÷ 950 000 × 100 = 695.8 %
    assert b2b["first_year_roi_pct"] == pytest.approx(6610000 / 950000 * 100)


def test_all_generations():
    # K = 50 %: 1 + 0.5 + 0.25 + … = 2 customers for every paid one
    out = run(participation_pct=50, referrals_per_referrer=1, referral_conversion_pct=100)
    assert out["viral_coefficient"] == 0.5
    assert out["customers_per_paid_customer"] == 2


# --- unavailable outputs ------------------------------------------------------------------------


def test_self_sustaining_at_k_exactly_one():
    # K = 40 % × 2.5 × 100 % = 1 exactly
    out = run(participation_pct=40, referrals_per_referrer=2.5, referral_conversion_pct=100)
    assert out["customers_per_paid_customer"] == Unavailable("self_sustaining")
    # the other outputs still have values: 1 000 × 1 = 1 000 referred
    assert out["referred_customers"] == pytest.approx(1000)


def test_self_sustaining_decided_on_typed_decimals():
    # K ≥ 1 is decided on the decimals as typed, whatever the binary floats round to.
    # 70 % × 1 × 100 % = 0.7 → 1 ÷ 0.3 = 3.33 customers per paid customer
    assert run(participation_pct=70, referrals_per_referrer=1,
               referral_conversion_pct=100)["customers_per_paid_customer"] == pytest.approx(1 / 0.3)
    # 1.6 % × 625 × 10 % = 1 exactly (1.6 has no exact binary value)
    assert self_sustaining(1.6, 625.0, 10.0)
    assert not self_sustaining(99.9999999999999, 1.0, 100.0)
    out = run(participation_pct=1.6, referrals_per_referrer=625, referral_conversion_pct=10)
    assert out["customers_per_paid_customer"] == Unavailable("self_sustaining")
    # 3.3 % × 303 × 10 % = 0.9999 < 1: 1 ÷ 0.0001 = 10 000
    out = run(participation_pct=3.3, referrals_per_referrer=303, referral_conversion_pct=10)
    assert out["customers_per_paid_customer"] == pytest.approx(10000)


def test_self_sustaining_above_one():
    # K = 100 % × 3 × 50 % = 1.5
    out = run(participation_pct=100, referrals_per_referrer=3, referral_conversion_pct=50)
    assert out["viral_coefficient"] == 1.5
    assert out["customers_per_paid_customer"] == Unavailable("self_sustaining")


def test_self_sustaining_reason_text():
    values = {"participation_pct": "100", "referrals_per_referrer": "2", "referral_conversion_pct": "50"}
    en = evaluate(CALCULATOR, values, "en")
    assert en.text("customers_per_paid_customer").startswith("Self-sustaining growth")
    assert "self-sustaining growth" in en.text("customers_per_paid_customer").lower()
    ru = evaluate(CALCULATOR, values, "ru")
    assert ru.text("customers_per_paid_customer").startswith("Самоподдерживающийся рост")


def test_no_incremental_customers():
    out = run(incremental_pct=0)
    assert out["incremental_customers"] == 0
    # rewards are still paid for the 100 referred: 100 000 + 50 000
    assert out["total_cost"] == pytest.approx(150000)
    assert out["cost_per_incremental_customer"] == Unavailable("no_incremental")
    assert out["savings_vs_paid_pct"] == Unavailable("no_incremental")
    assert out["payback_months"] == Unavailable("no_incremental")
    # (0 − 150 000) ÷ 150 000 × 100 = −100 %
    assert out["first_year_roi_pct"] == pytest.approx(-100)


def test_nobody_refers():
    out = run(participation_pct=0)
    assert out["viral_coefficient"] == 0
    assert out["referred_customers"] == 0
    assert out["reward_cost"] == 0
    # only the fixed programme cost is spent: 50 000
    assert out["total_cost"] == 50000
    assert out["cost_per_incremental_customer"] == Unavailable("no_incremental")
    assert out["first_year_roi_pct"] == pytest.approx(-100)
    # K = 0: each paid customer is just themselves
    assert out["customers_per_paid_customer"] == 1


def test_paid_cac_zero():
    out = run(paid_cac=0)
    assert out["savings_vs_paid_pct"] == Unavailable("no_paid_cac")
    assert out["cost_per_incremental_customer"] == pytest.approx(1875)


def test_no_margin():
    for change in ({"gross_margin_pct": 0}, {"orders_per_year": 0}):
        out = run(**change)
        assert out["payback_months"] == Unavailable("no_margin"), change
        # (0 − 150 000) ÷ 150 000 × 100 = −100 %
        assert out["first_year_roi_pct"] == pytest.approx(-100), change


def test_free_programme():
    out = run(referrer_reward=0, referrer_discount_pct=0, friend_discount_pct=0, program_cost=0)
    assert out["total_cost"] == 0
    assert out["first_year_roi_pct"] == Unavailable("free_programme")
    # 0 ÷ 80 = 0 a customer; (1 − 0 ÷ 2 500) × 100 = 100 % saving; paid back at once
    assert out["cost_per_incremental_customer"] == 0
    assert out["savings_vs_paid_pct"] == 100
    assert out["payback_months"] == 0


def test_reason_texts_both_languages():
    ru = evaluate(CALCULATOR, {"incremental_pct": "0", "paid_cac": "0"}, "ru")
    assert "приростных клиентов 0" in ru.text("cost_per_incremental_customer")
    assert ru.raw("savings_vs_paid_pct") is None
    en = evaluate(CALCULATOR, {"incremental_pct": "0"}, "en")
    assert "no incremental customers" in en.text("payback_months")
    assert evaluate(CALCULATOR, {"paid_cac": "0"}, "en").text("savings_vs_paid_pct") == (
        "Nothing to compare with: a customer from paid channels is set to cost nothing.")
    assert evaluate(CALCULATOR, {"orders_per_year": "0"}, "ru").text("payback_months").startswith("Не окупается")
    free = {"program_cost": "0", "referrer_discount_pct": "0", "friend_discount_pct": "0"}
    assert "ничего не стоит" in evaluate(CALCULATOR, free, "ru").text("first_year_roi_pct")


def test_out_of_range_guard():
    # the pure compute, given an incremental share no one can type: 150 000 ÷ (100 × 1e-320 %) is infinite
    values = dict((name, float(value)) for name, value in BASE.items())
    out = CALCULATOR.compute(dict(values, incremental_pct=1e-320))
    assert out["cost_per_incremental_customer"] == Unavailable("out_of_range")


# --- formatting ---------------------------------------------------------------------------------


def test_formatted_text_ru():
    result = evaluate(CALCULATOR, {}, "ru")
    assert result.text("viral_coefficient") == "0,075"
    assert result.text("total_cost") == "105" + NBSP + "000" + NBSP + "₽"
    assert result.text("cost_per_incremental_customer") == "1" + NBSP + "400,00" + NBSP + "₽"
    assert result.text("savings_vs_paid_pct") == "30" + NBSP + "%"
    assert result.text("payback_months") == "4,2" + NBSP + "мес."
    assert result.text("customers_per_paid_customer") == "1,08"
    coffee = evaluate(CALCULATOR, CALCULATOR.defaults("ru", "coffee_shop"), "ru")
    assert coffee.text("savings_vs_paid_pct") == "32,4" + NBSP + "%"
    assert coffee.text("incremental_customers") == "94,5"


def test_formatted_text_en():
    result = evaluate(CALCULATOR, {}, "en")
    assert result.text("total_cost") == "$2,100"
    assert result.text("cost_per_incremental_customer") == "$28.00"
    assert result.text("payback_months") == "4.2" + NBSP + "months"
    assert result.text("first_year_roi_pct") == "185.7%"


# --- declaration --------------------------------------------------------------------------------


def test_public_names():
    assert CALCULATOR.name == "referral_payback"
    assert [i.name for i in CALCULATOR.inputs] == [
        "customers", "participation_pct", "referrals_per_referrer", "referral_conversion_pct", "average_order",
        "gross_margin_pct", "orders_per_year", "referrer_reward", "referrer_discount_pct", "friend_discount_pct",
        "program_cost", "paid_cac", "incremental_pct"]
    assert [o.key for o in CALCULATOR.outputs] == [
        "viral_coefficient", "referred_customers", "incremental_customers", "reward_cost", "total_cost",
        "cost_per_incremental_customer", "savings_vs_paid_pct", "payback_months", "first_year_roi_pct",
        "customers_per_paid_customer"]


def test_defaults_and_notes_state_the_assumptions():
    assert CALCULATOR.input_by_name["incremental_pct"].default == {"ru": 100, "en": 100}
    assert CALCULATOR.input_by_name["referrer_discount_pct"].default == {"ru": 30, "en": 30}
    # the assumptions the issue asks to state
    assert any("весь год" in note for note in CALCULATOR.notes["ru"])
    assert any("stay the whole year" in note for note in CALCULATOR.notes["en"])


def test_presets_are_whole_programmes_with_every_output():
    # the chapter's three programmes, each described by every input, each with every figure available
    assert {"coffee_shop", "online_store", "b2b_service"} <= set(CALCULATOR.presets)
    names = set(CALCULATOR.input_by_name)
    for name, preset in CALCULATOR.presets.items():
        for lang in ("ru", "en"):
            assert set(preset["values"][lang]) == names, name
            result = evaluate(CALCULATOR, CALCULATOR.defaults(lang, name), lang)
            assert not any(isinstance(v, Unavailable) for v in result.outputs.values()), (name, lang)


def test_presets_tell_the_same_story_in_both_languages():
    for name in CALCULATOR.presets:
        ru = compute_checked(CALCULATOR, CALCULATOR.defaults("ru", name), "ru")
        en = compute_checked(CALCULATOR, CALCULATOR.defaults("en", name), "en")
        for key in ("savings_vs_paid_pct", "payback_months", "first_year_roi_pct", "customers_per_paid_customer"):
            assert ru[key] == pytest.approx(en[key]), (name, key)


# --- properties ---------------------------------------------------------------------------------


SPEC = CALCULATOR.input_by_name
VALID = inputs_strategy(CALCULATOR)


@settings(max_examples=200, deadline=None)
@given(VALID)
def test_k_at_least_one_is_self_sustaining(values):
    outputs = compute_checked(CALCULATOR, values)
    k = outputs["viral_coefficient"]
    per_paid = outputs["customers_per_paid_customer"]
    if k > 1:
        assert per_paid == Unavailable("self_sustaining")
    elif k < 1 - 1e-12:
        assert per_paid == pytest.approx(1 / (1 - k))
        assert per_paid >= 1


@settings(max_examples=200, deadline=None)
@given(VALID, value_strategy(SPEC["referrer_reward"]), value_strategy(SPEC["referrer_reward"]))
def test_bigger_referrer_reward_longer_payback(values, a, b):
    low, high = min(a, b), max(a, b)
    small = compute_checked(CALCULATOR, dict(values, referrer_reward=low))
    big = compute_checked(CALCULATOR, dict(values, referrer_reward=high))
    assume(not isinstance(small["payback_months"], Unavailable))
    assume(not isinstance(big["payback_months"], Unavailable))
    assert big["payback_months"] >= small["payback_months"]
    assert big["cost_per_incremental_customer"] >= small["cost_per_incremental_customer"]


def test_bigger_referrer_reward_strictly_longer_payback():
    # 100 × (300 + 800) + 50 000 = 160 000 ÷ 80 = 2 000 ÷ 500 = 4 months, against 3.75 at a 200 reward
    assert run(referrer_reward=300)["payback_months"] == pytest.approx(4)
    assert run(referrer_reward=300)["payback_months"] > run(referrer_reward=200)["payback_months"]


@settings(max_examples=200, deadline=None)
@given(VALID, value_strategy(SPEC["incremental_pct"]), value_strategy(SPEC["incremental_pct"]))
def test_more_incremental_cheaper_customers(values, a, b):
    low, high = min(a, b), max(a, b)
    fewer = compute_checked(CALCULATOR, dict(values, incremental_pct=low))
    more = compute_checked(CALCULATOR, dict(values, incremental_pct=high))
    assume(not isinstance(fewer["cost_per_incremental_customer"], Unavailable))
    assume(not isinstance(more["cost_per_incremental_customer"], Unavailable))
    assert more["cost_per_incremental_customer"] <= fewer["cost_per_incremental_customer"]
