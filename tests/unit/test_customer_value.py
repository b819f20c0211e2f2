"""customer_value: hand-computed examples, unavailable cases, formatting, properties.

What every calculator shares is checked once, in test_all_calculators.py.
"""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calcstrategies import MINUS, NBSP, inputs_strategy, runner, value_strategy
from calculators.core import Unavailable, compute_checked, evaluate
from calculators.customer_value import CALCULATOR

BASE = {
    "annual_revenue": 100000,
    "gross_margin_pct": 40,
    "service_hours": 25,
    "hourly_cost": 1000,
    "other_costs": 5000,
}


run = runner(CALCULATOR, BASE)


# --- hand-computed examples, every output -------------------------------------------------------


def test_base_example_every_output():
    out = run()
    # 100 000 revenue × 40 % = 40 000 gross profit
    assert out["gross_profit"] == 40000
    # 25 hours × 1 000 + 5 000 other costs = 30 000 to serve
    assert out["cost_to_serve"] == 30000
    # 40 000 − 30 000 = 10 000 net
    assert out["net_value"] == 10000
    # (40 000 − 5 000) ÷ 1 000 an hour = 35 hours before a loss
    assert out["break_even_hours"] == 35


def test_default_scenario_ru_and_en():
    ru = compute_checked(CALCULATOR, CALCULATOR.defaults("ru"), "ru")
    # 120 000 ₽ × 40 % = 48 000 ₽; 20 h × 800 ₽ + 10 000 ₽ = 26 000 ₽; 48 000 − 26 000 = 22 000 ₽
    assert (ru["gross_profit"], ru["cost_to_serve"], ru["net_value"]) == (48000, 26000, 22000)
    # (48 000 − 10 000) ÷ 800 = 47.5 hours
    assert ru["break_even_hours"] == 47.5
    en = compute_checked(CALCULATOR, CALCULATOR.defaults("en"), "en")
    # $2 400 × 40 % = $960; 20 h × $16 + $200 = $520; $960 − $520 = $440; ($960 − $200) ÷ $16 = 47.5 h
    assert (en["gross_profit"], en["cost_to_serve"], en["net_value"]) == (960, 520, 440)
    assert en["break_even_hours"] == 47.5


def test_demanding_client_has_negative_value():
    out = compute_checked(CALCULATOR, CALCULATOR.defaults("ru", "demanding_client"), "ru")
    # 540 000 ₽ × 70 % = 378 000 ₽ gross profit
    assert out["gross_profit"] == 378000
    # 300 h × 1 500 ₽ + 60 000 ₽ = 510 000 ₽ to serve
    assert out["cost_to_serve"] == 510000
    # 378 000 − 510 000 = −132 000 ₽: the client costs more than they bring
    assert out["net_value"] == -132000
    # (378 000 − 60 000) ÷ 1 500 = 212 hours: 88 hours over the line
    assert out["break_even_hours"] == 212


def test_other_presets():
    coffee = compute_checked(CALCULATOR, CALCULATOR.defaults("ru", "coffee_shop"), "ru")
    # 14 000 ₽ × 65 % = 9 100 ₽; 3 h × 400 ₽ = 1 200 ₽; 9 100 − 1 200 = 7 900 ₽; 9 100 ÷ 400 = 22.75 h
    assert (coffee["gross_profit"], coffee["cost_to_serve"], coffee["net_value"]) == (9100, 1200, 7900)
    assert coffee["break_even_hours"] == 22.75
    b2b = compute_checked(CALCULATOR, CALCULATOR.defaults("en", "b2b_service"), "en")
    # $10 800 × 70 % = $7 560; 120 h × $30 + $600 = $4 200; $3 360 net; ($7 560 − $600) ÷ $30 = 232 h
    assert (b2b["gross_profit"], b2b["cost_to_serve"], b2b["net_value"]) == (7560, 4200, 3360)
    assert b2b["break_even_hours"] == 232


def test_fractional_hours():
    out = run(annual_revenue=10000, gross_margin_pct=33, service_hours=2.5, hourly_cost=700, other_costs=0)
    # 10 000 × 33 % = 3 300; 2.5 h × 700 = 1 750; 3 300 − 1 750 = 1 550; 3 300 ÷ 700 = 4.714… h
    assert out["gross_profit"] == pytest.approx(3300)
    assert out["cost_to_serve"] == pytest.approx(1750)
    assert out["net_value"] == pytest.approx(1550)
    assert out["break_even_hours"] == pytest.approx(3300 / 700)


# --- unavailable outputs ------------------------------------------------------------------------


def test_other_costs_eat_the_profit():
    # returns preset: 40 000 × 30 % = 12 000 gross profit; 6 h × 600 + 15 000 = 18 600; −6 600 net
    out = compute_checked(CALCULATOR, CALCULATOR.defaults("ru", "online_store"), "ru")
    assert out["gross_profit"] == 12000
    assert out["cost_to_serve"] == 18600
    assert out["net_value"] == -6600
    # 12 000 − 15 000 < 0: no number of hours breaks even
    assert out["break_even_hours"] == Unavailable("costs_exceed_profit")


def test_other_costs_exactly_equal_to_profit():
    # 40 000 − 40 000 = 0 left for staff time: every hour is a loss
    out = run(other_costs=40000)
    assert out["break_even_hours"] == Unavailable("costs_exceed_profit")
    # 40 000 − (25 × 1 000 + 40 000) = −25 000
    assert out["net_value"] == -25000


def test_no_revenue():
    out = run(annual_revenue=0, other_costs=0)
    # 0 gross profit, nothing left for time
    assert out["break_even_hours"] == Unavailable("costs_exceed_profit")
    # 0 − 25 × 1 000 = −25 000
    assert out["net_value"] == -25000


def test_free_staff_time():
    out = run(hourly_cost=0)
    assert out["break_even_hours"] == Unavailable("free_staff_time")
    # 25 h × 0 + 5 000 = 5 000; 40 000 − 5 000 = 35 000
    assert out["cost_to_serve"] == 5000
    assert out["net_value"] == 35000


def test_costs_exceed_profit_wins_over_free_time():
    assert run(hourly_cost=0, other_costs=50000)["break_even_hours"] == Unavailable("costs_exceed_profit")


def test_reason_texts_both_languages():
    ru = evaluate(CALCULATOR, {"other_costs": "1 000 000"}, "ru")
    assert "съедают всю валовую прибыль" in ru.text("break_even_hours")
    assert ru.raw("break_even_hours") is None
    en = evaluate(CALCULATOR, {"other_costs": "1,000,000".replace(",", "")}, "en")
    assert "eat the whole gross profit" in en.text("break_even_hours")
    assert evaluate(CALCULATOR, {"hourly_cost": "0"}, "ru").text("break_even_hours") == (
        "Предела нет: час сотрудника указан бесплатным, и время не уменьшает прибыль.")
    assert evaluate(CALCULATOR, {"hourly_cost": "0"}, "en").text("break_even_hours") == (
        "No limit: staff time is priced at zero, so hours never eat into the profit.")


def test_out_of_range_guard():
    # the pure compute, given a cost of an hour no one can type: 35 000 ÷ 1e-320 would be infinite
    values = dict((name, float(value)) for name, value in BASE.items())
    out = CALCULATOR.compute(dict(values, hourly_cost=1e-320))
    assert out["break_even_hours"] == Unavailable("out_of_range")


# --- formatting ---------------------------------------------------------------------------------


def test_formatted_text_ru():
    result = evaluate(CALCULATOR, {}, "ru")
    assert result.text("gross_profit") == "48" + NBSP + "000" + NBSP + "₽"
    assert result.text("net_value") == "22" + NBSP + "000" + NBSP + "₽"
    assert result.text("break_even_hours") == "47,5"
    demanding = evaluate(CALCULATOR, CALCULATOR.defaults("ru", "demanding_client"), "ru")
    assert demanding.text("net_value") == MINUS + "132" + NBSP + "000" + NBSP + "₽"
    assert demanding.text("break_even_hours") == "212"


def test_formatted_text_en():
    result = evaluate(CALCULATOR, {}, "en")
    assert result.text("gross_profit") == "$960"
    assert result.text("break_even_hours") == "47.5"
    demanding = evaluate(CALCULATOR, CALCULATOR.defaults("en", "demanding_client"), "en")
    assert demanding.text("net_value") == MINUS + "$2,640"
    assert demanding.text("cost_to_serve") == "$10,200"


# --- declaration --------------------------------------------------------------------------------


def test_public_names():
    assert CALCULATOR.name == "customer_value"
    assert [i.name for i in CALCULATOR.inputs] == [
        "annual_revenue", "gross_margin_pct", "service_hours", "hourly_cost", "other_costs"]
    assert [o.key for o in CALCULATOR.outputs] == [
        "gross_profit", "cost_to_serve", "net_value", "break_even_hours"]


def test_notes_state_the_caveat():
    # the caveat the chapter relies on
    assert any("не всегда" in note for note in CALCULATOR.notes["ru"])
    assert any("does not always save" in note for note in CALCULATOR.notes["en"])


def test_presets_describe_whole_customers():
    # the chapter's four customers, each described by every input (nothing left to the defaults)
    assert {"coffee_shop", "online_store", "b2b_service", "demanding_client"} <= set(CALCULATOR.presets)
    names = set(CALCULATOR.input_by_name)
    for name, preset in CALCULATOR.presets.items():
        for lang in ("ru", "en"):
            assert set(preset["values"][lang]) == names, name


def test_presets_tell_the_same_story_in_both_languages():
    for name in CALCULATOR.presets:
        ru = compute_checked(CALCULATOR, CALCULATOR.defaults("ru", name), "ru")
        en = compute_checked(CALCULATOR, CALCULATOR.defaults("en", name), "en")
        assert (ru["net_value"] > 0) == (en["net_value"] > 0), name
        assert ru["break_even_hours"] == en["break_even_hours"], name


# --- properties ---------------------------------------------------------------------------------


SPEC = CALCULATOR.input_by_name
VALID = inputs_strategy(CALCULATOR)


@settings(max_examples=300, deadline=None)
@given(VALID)
def test_net_value_is_gross_profit_less_cost_to_serve(values):
    outputs = compute_checked(CALCULATOR, values)
    assert outputs["net_value"] == pytest.approx(outputs["gross_profit"] - outputs["cost_to_serve"])


@settings(max_examples=200, deadline=None)
@given(VALID, value_strategy(SPEC["service_hours"]), value_strategy(SPEC["service_hours"]))
def test_more_service_hours_lower_net_value(values, a, b):
    low, high = min(a, b), max(a, b)
    light = compute_checked(CALCULATOR, dict(values, service_hours=low))
    heavy = compute_checked(CALCULATOR, dict(values, service_hours=high))
    assert heavy["net_value"] <= light["net_value"]
    assert heavy["cost_to_serve"] >= light["cost_to_serve"]
    # the break-even line does not move with the hours actually spent
    assert heavy["break_even_hours"] == light["break_even_hours"]


def test_more_service_hours_strictly_lower_net_value():
    assert run(service_hours=26)["net_value"] < run(service_hours=25)["net_value"]


# a customer whose break-even line exists: gross profit above other costs, staff time not free
PROFITABLE = st.fixed_dictionaries({
    "annual_revenue": st.integers(1, 10 ** 9).map(float),
    "gross_margin_pct": st.integers(1, 10000).map(lambda n: n / 100),
    "hourly_cost": st.integers(1, 10 ** 6).map(lambda n: n / 100),
    "service_hours": st.integers(0, 10 ** 8).map(lambda n: n / 100),
    "other_share": st.floats(0, 0.99),
})


def _profitable(draw):
    values = dict(draw)
    share = values.pop("other_share")
    values["other_costs"] = float(int(values["annual_revenue"] * values["gross_margin_pct"] * share)) / 100
    return values


@settings(max_examples=200, deadline=None)
@given(PROFITABLE, st.integers(0, 1000), st.integers(0, 1000))
def test_higher_other_costs_fewer_affordable_hours(draw, a, b):
    values = _profitable(draw)
    gross = values["annual_revenue"] * values["gross_margin_pct"] / 100
    # other costs from 0 to the whole gross profit, in thousandths of it
    low, high = min(a, b) * gross / 1000, max(a, b) * gross / 1000
    cheap = compute_checked(CALCULATOR, dict(values, other_costs=low))
    dear = compute_checked(CALCULATOR, dict(values, other_costs=high))
    assert dear["net_value"] <= cheap["net_value"]
    if isinstance(dear["break_even_hours"], Unavailable):
        assert dear["break_even_hours"] == Unavailable("costs_exceed_profit")
    else:
        assert dear["break_even_hours"] <= cheap["break_even_hours"]


@settings(max_examples=200, deadline=None)
@given(PROFITABLE)
def test_break_even_hours_is_where_net_value_hits_zero(draw):
    values = _profitable(draw)
    outputs = compute_checked(CALCULATOR, values)
    hours = outputs["break_even_hours"]
    assume(not isinstance(hours, Unavailable) and hours <= 1e6)
    at_line = CALCULATOR.compute(dict(values, service_hours=hours))
    scale = max(1.0, outputs["gross_profit"])
    assert abs(at_line["net_value"]) <= 1e-9 * scale
