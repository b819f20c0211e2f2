"""bonus_uptake: hand-computed examples, unavailable cases, formatting, properties.

What every calculator shares is checked once, in test_all_calculators.py.
"""

import pytest
from hypothesis import given

from calcstrategies import MINUS, NBSP, inputs_strategy, runner, value_strategy
from calculators.bonus_uptake import CALCULATOR
from calculators.core import Unavailable, compute_checked, evaluate

BASE = {
    "customers": 1000,
    "bonus_cost_per_use": 500,
    "uptake_pct": 20,
    "average_order": 3000,
    "gross_margin_pct": 50,
    "repeat_rate_without_pct": 30,
    "repeat_rate_with_pct": 35,
}


run = runner(CALCULATOR, BASE)


# --- hand-computed examples, every output -------------------------------------------------------


def test_base_example_every_output():
    out = run()
    # 1 000 customers × 20 % uptake × 500 ₽ = 100 000 ₽
    assert out["bonus_cost"] == pytest.approx(100000)
    # 1 000 × (35 % − 30 %) = 50 extra repeat customers
    assert out["extra_repeat_customers"] == pytest.approx(50)
    # 50 × 3 000 ₽ × 50 % margin = 75 000 ₽
    assert out["extra_margin"] == pytest.approx(75000)
    # 75 000 − 100 000 = −25 000 ₽
    assert out["net_effect"] == pytest.approx(-25000)
    # 100 000 ÷ (1 000 × 3 000 × 0.5) × 100 = 6.67 points of repeat rate needed (5 were gained)
    assert out["break_even_lift_pp"] == pytest.approx(100000 / 1500000 * 100)


def test_default_scenario_ru():
    out = compute_checked(CALCULATOR, CALCULATOR.defaults("ru"), "ru")
    # 500 × 20 % × 400 ₽ = 40 000 ₽
    assert out["bonus_cost"] == pytest.approx(40000)
    # 500 × (25 % − 20 %) = 25
    assert out["extra_repeat_customers"] == pytest.approx(25)
    # 25 × 5 000 ₽ × 40 % = 50 000 ₽
    assert out["extra_margin"] == pytest.approx(50000)
    # 50 000 − 40 000 = 10 000 ₽
    assert out["net_effect"] == pytest.approx(10000)
    # 40 000 ÷ (500 × 5 000 × 0.4) × 100 = 4 points
    assert out["break_even_lift_pp"] == pytest.approx(4)


def test_exact_break_even():
    # lift of 6 points: 1 000 × 6 % = 60 customers × 1 500 ₽ margin = 90 000; cost 60 000 at 12 % uptake
    # 1 000 × 12 % × 500 = 60 000; 60 000 ÷ 1 500 000 × 100 = 4 points; net 90 000 − 60 000 = 30 000
    out = run(uptake_pct=12, repeat_rate_with_pct=36)
    assert out["bonus_cost"] == pytest.approx(60000)
    assert out["extra_margin"] == pytest.approx(90000)
    assert out["net_effect"] == pytest.approx(30000)
    assert out["break_even_lift_pp"] == pytest.approx(4)
    # a lift exactly at break even: 4 points → 40 customers × 1 500 = 60 000 = the cost; net 0
    out = run(uptake_pct=12, repeat_rate_with_pct=34)
    assert out["net_effect"] == pytest.approx(0, abs=1e-6)


def test_negative_lift_allowed():
    # with the bonus 25 % instead of 30 %: 1 000 × (−5 %) = −50 customers
    out = run(repeat_rate_with_pct=25)
    assert out["extra_repeat_customers"] == pytest.approx(-50)
    # −50 × 1 500 ₽ = −75 000 ₽; −75 000 − 100 000 = −175 000 ₽
    assert out["extra_margin"] == pytest.approx(-75000)
    assert out["net_effect"] == pytest.approx(-175000)
    # the lift needed does not depend on the rate with the bonus
    assert out["break_even_lift_pp"] == pytest.approx(100000 / 1500000 * 100)


def test_customers_cancel_in_break_even():
    # 10 customers: 10 × 20 % × 500 = 1 000 ₽; 1 000 ÷ (10 × 1 500) × 100 = 6.67 points, as for 1 000
    out = run(customers=10)
    assert out["bonus_cost"] == pytest.approx(1000)
    assert out["break_even_lift_pp"] == pytest.approx(20 / 3)


def test_free_bonus_needs_no_lift():
    # a bonus nobody uses costs nothing: 0 points needed, the extra margin is the net effect
    out = run(uptake_pct=0)
    assert out["bonus_cost"] == 0
    assert out["break_even_lift_pp"] == 0
    assert out["net_effect"] == pytest.approx(75000)


@pytest.mark.parametrize("preset, expected", [
    # 60 × 20 % × 7 500 = 90 000; 60 × 10 % = 6; 6 × 30 000 × 80 % = 144 000; 144 000 − 90 000 = 54 000;
    # 90 000 ÷ (60 × 24 000) × 100 = 6.25 points
    ("free_support_week", (90000, 6, 144000, 54000, 6.25)),
    # 2 000 × 100 % × 60 = 120 000; 2 000 × 4 % = 80; 80 × 4 000 × 45 % = 144 000; 24 000;
    # 120 000 ÷ (2 000 × 1 800) × 100 = 3.33 points
    ("satin_ribbon", (120000, 80, 144000, 24000, 10 / 3)),
    # 300 × 60 % × 1 500 = 270 000; 300 × 10 % = 30; 30 × 4 000 × 25 % = 30 000; −240 000;
    # 270 000 ÷ (300 × 1 000) × 100 = 90 points > 100 − 30 = 70: can never pay back
    ("free_assembly", (270000, 30, 30000, -240000, None)),
])
@pytest.mark.parametrize("lang, scale", [("ru", 1), ("en", 50)])
def test_presets(preset, expected, lang, scale):
    # the dollar presets are the rouble ones divided by 50: money outputs scale, the rest do not
    out = compute_checked(CALCULATOR, CALCULATOR.defaults(lang, preset), lang)
    cost, extra, margin, net, lift = expected
    assert out["bonus_cost"] == pytest.approx(cost / scale)
    assert out["extra_repeat_customers"] == pytest.approx(extra)
    assert out["extra_margin"] == pytest.approx(margin / scale)
    assert out["net_effect"] == pytest.approx(net / scale)
    if lift is None:
        assert out["break_even_lift_pp"] == Unavailable("never_pays_back")
    else:
        assert out["break_even_lift_pp"] == pytest.approx(lift)


def test_free_support_week_is_taken_by_one_in_five():
    assert CALCULATOR.presets["free_support_week"]["values"]["ru"]["uptake_pct"] == 20
    assert CALCULATOR.presets["free_support_week"]["values"]["en"]["uptake_pct"] == 20


# --- unavailable --------------------------------------------------------------------------------


def test_no_customers():
    out = run(customers=0)
    assert out["bonus_cost"] == 0
    assert out["extra_repeat_customers"] == 0
    assert out["net_effect"] == 0
    assert out["break_even_lift_pp"] == Unavailable("no_customers")


@pytest.mark.parametrize("field", ["average_order", "gross_margin_pct"])
def test_no_margin(field):
    out = run(**{field: 0})
    assert out["break_even_lift_pp"] == Unavailable("no_margin")
    assert out["extra_margin"] == 0
    # nothing comes back, the whole bonus is lost: −100 000 ₽
    assert out["net_effect"] == pytest.approx(-100000)


def test_never_pays_back():
    # 1 000 × 80 % × 3 000 = 2 400 000; 2 400 000 ÷ 1 500 000 × 100 = 160 points > 70 possible
    out = run(uptake_pct=80, bonus_cost_per_use=3000)
    assert out["break_even_lift_pp"] == Unavailable("never_pays_back")
    assert out["bonus_cost"] == pytest.approx(2400000)


def test_never_pays_back_boundary():
    # 1 000 × 12 % × 500 = 60 000 ₽; 60 000 ÷ 1 500 000 × 100 = 4 points needed
    # with 96 % already coming back exactly 4 points remain: still possible (not "exceeds")
    out = run(uptake_pct=12, repeat_rate_without_pct=96, repeat_rate_with_pct=100)
    assert out["break_even_lift_pp"] == pytest.approx(4)
    assert out["net_effect"] == pytest.approx(0, abs=1e-6)
    # with 96.5 % already coming back only 3.5 points remain: can never pay back
    out = run(uptake_pct=12, repeat_rate_without_pct=96.5, repeat_rate_with_pct=100)
    assert out["break_even_lift_pp"] == Unavailable("never_pays_back")
    assert out["net_effect"] < 0
    # everyone already comes back: any cost at all can never pay back, a free bonus needs 0
    assert run(repeat_rate_without_pct=100)["break_even_lift_pp"] == Unavailable("never_pays_back")
    assert run(repeat_rate_without_pct=100, uptake_pct=0)["break_even_lift_pp"] == 0


def test_never_pays_back_says_so():
    assert "never pay back" in CALCULATOR.reasons["never_pays_back"]["en"].lower()
    assert "не окупится никогда" in CALCULATOR.reasons["never_pays_back"]["ru"].lower()


def test_reason_text_both_locales():
    ru = evaluate(CALCULATOR, CALCULATOR.defaults("ru", "free_assembly"), "ru")
    assert ru.text("break_even_lift_pp").startswith("Не окупится никогда")
    en = evaluate(CALCULATOR, {"customers": "0"}, "en")
    assert en.text("break_even_lift_pp") == "Not available: no customers."


# --- formatting ---------------------------------------------------------------------------------


def test_formatted_ru():
    result = evaluate(CALCULATOR, {}, "ru")
    assert result.text("bonus_cost") == "40" + NBSP + "000,00" + NBSP + "₽"
    assert result.text("extra_repeat_customers") == "25"
    assert result.text("break_even_lift_pp") == "4,00"
    result = evaluate(CALCULATOR, BASE, "ru")
    assert result.text("net_effect") == MINUS + "25" + NBSP + "000,00" + NBSP + "₽"
    assert result.text("break_even_lift_pp") == "6,67"


def test_formatted_en():
    result = evaluate(CALCULATOR, {}, "en")
    assert result.text("net_effect") == "$200.00"
    assert result.text("break_even_lift_pp") == "4.00"
    result = evaluate(CALCULATOR, dict(BASE, repeat_rate_with_pct=25), "en")
    assert result.text("net_effect") == MINUS + "$175,000.00"


# --- the verdict: a negative "extra" said in words ---------------------------------------------


def test_a_lower_repeat_rate_with_the_bonus_is_said_in_words_ru():
    # 1 000 × (25 % − 30 %) = −50 repeat customers; −50 × 3 000 ₽ × 50 % = −75 000 ₽; cost 100 000 ₽
    result = evaluate(CALCULATOR, dict(BASE, repeat_rate_with_pct=25), "ru")
    assert result.text("extra_repeat_customers") == MINUS + "50"
    assert CALCULATOR.verdict(result) == (
        "С бонусом повторно покупают реже, чем без него: повторных покупателей за год меньше на 50, это "
        "75" + NBSP + "000,00" + NBSP + "₽ упущенной маржи сверх стоимости самого бонуса — "
        "100" + NBSP + "000,00" + NBSP + "₽.")


def test_a_lower_repeat_rate_with_the_bonus_is_said_in_words_en():
    result = evaluate(CALCULATOR, dict(BASE, repeat_rate_with_pct=25), "en", "EUR")
    assert CALCULATOR.verdict(result) == (
        "With the bonus fewer customers buy again than without it: repeat customers fall by 50 a year, "
        "which loses €75,000.00 of margin on top of the bonus’s own cost, €100,000.00.")


def test_the_verdict_leaves_out_what_is_zero():
    # A free bonus: no cost to add the lost margin to.
    result = evaluate(CALCULATOR, dict(BASE, repeat_rate_with_pct=25, uptake_pct=0), "en")
    assert CALCULATOR.verdict(result).endswith("which loses $75,000.00 of margin.")
    # No margin on an order: nothing is lost in money, the customers still are.
    result = evaluate(CALCULATOR, dict(BASE, repeat_rate_with_pct=25, gross_margin_pct=0), "en")
    assert CALCULATOR.verdict(result) == ("With the bonus fewer customers buy again than without it: "
                                          "repeat customers fall by 50 a year.")


def test_a_fraction_of_a_customer_is_not_shown_as_zero():
    # 5 × (19,99 % − 20 %) = −0,0005 customers: shown as 0,0, so the verdict says "less than 0,1".
    result = evaluate(CALCULATOR, dict(BASE, customers=5, repeat_rate_with_pct=29.99), "ru")
    assert "разница — меньше 0,1 покупателя за год" in CALCULATOR.verdict(result)
    result = evaluate(CALCULATOR, dict(BASE, customers=5, repeat_rate_with_pct=29.99), "en")
    assert "slightly fewer" in CALCULATOR.verdict(result) and "less than 0.1 a year" in CALCULATOR.verdict(result)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_verdict_when_the_bonus_brings_customers_back_or_changes_nothing(lang):
    assert CALCULATOR.verdict(evaluate(CALCULATOR, {}, lang)) is None
    assert CALCULATOR.verdict(evaluate(CALCULATOR, dict(BASE, repeat_rate_with_pct=30), lang)) is None
    # An invalid rate: the outputs that need it are unavailable, and so is the sentence.
    result = evaluate(CALCULATOR, dict(BASE, repeat_rate_with_pct="abc"), lang)
    assert result.errors and CALCULATOR.verdict(result) is None


def test_the_verdict_is_on_the_page_and_the_command_line():
    from calculators import cli
    from calculators.view import view
    import io
    shown = view(CALCULATOR, {"repeat_rate_with_pct": "10"}, "en")  # the default without it is 20 %
    assert shown["verdict"].startswith("With the bonus fewer customers buy again")
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["bonus_uptake", "--repeat-rate-with-pct", "10", "--lang", "en"], out, err) == 0
    assert "repeat customers fall by 50 a year" in out.getvalue()


# --- declaration --------------------------------------------------------------------------------


def test_public_names():
    assert CALCULATOR.name == "bonus_uptake"
    assert [i.name for i in CALCULATOR.inputs] == [
        "customers", "bonus_cost_per_use", "uptake_pct", "average_order", "gross_margin_pct",
        "repeat_rate_without_pct", "repeat_rate_with_pct"]
    assert [o.key for o in CALCULATOR.outputs] == [
        "bonus_cost", "extra_repeat_customers", "extra_margin", "net_effect", "break_even_lift_pp"]
    assert CALCULATOR.input_by_name["customers"].integer


# --- properties -------------------------------------------------------------------------------------


SPEC = CALCULATOR.input_by_name
VALID = inputs_strategy(CALCULATOR)


@given(VALID, value_strategy(SPEC["uptake_pct"]))
def test_higher_uptake_higher_bonus_cost(values, other):
    low, high = sorted([values["uptake_pct"], other])
    a = compute_checked(CALCULATOR, dict(values, uptake_pct=low))
    b = compute_checked(CALCULATOR, dict(values, uptake_pct=high))
    assert a["bonus_cost"] <= b["bonus_cost"]
    assert a["net_effect"] >= b["net_effect"]
    if values["customers"] > 0 and values["bonus_cost_per_use"] >= 0.01 and high - low > 1e-6:
        assert a["bonus_cost"] < b["bonus_cost"]


@given(VALID, value_strategy(SPEC["repeat_rate_with_pct"]))
def test_higher_repeat_rate_with_better_net_effect(values, other):
    low, high = sorted([values["repeat_rate_with_pct"], other])
    a = compute_checked(CALCULATOR, dict(values, repeat_rate_with_pct=low))
    b = compute_checked(CALCULATOR, dict(values, repeat_rate_with_pct=high))
    assert a["extra_repeat_customers"] <= b["extra_repeat_customers"]
    assert a["net_effect"] <= b["net_effect"]


@given(VALID)
def test_net_effect_zero_at_break_even_lift(values):
    out = compute_checked(CALCULATOR, values)
    lift = out["break_even_lift_pp"]
    if isinstance(lift, Unavailable):
        return
    assert lift <= 100 - values["repeat_rate_without_pct"] + 1e-9
    if values["customers"] > 0 and 1e-6 < lift < 100 and values["average_order"] * values["gross_margin_pct"] > 1e-3:
        at = compute_checked(CALCULATOR, dict(
            values, repeat_rate_with_pct=min(100, values["repeat_rate_without_pct"] + lift)))
        assert at["net_effect"] == pytest.approx(0, abs=1e-6 * max(1.0, out["bonus_cost"]))
