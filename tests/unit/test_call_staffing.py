"""call_staffing (Erlang C): the published check, hand-computed cases, every unavailable case, the limits,
the chart, the verdict and properties (service level never falls as agents grow; agents_needed is
minimal; thousands of Erlangs without overflow).

What every calculator shares is checked once, in test_all_calculators.py.
"""

import json
import math
import random
import re
import xml.etree.ElementTree as ElementTree
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calcstrategies import NBSP, SETTINGS, runner
from calculators import cli
from calculators.call_staffing import (
    CALCULATOR,
    TRAFFIC_MAX,
    _staff,
    exp_neg,
    fewest_agents,
    service_level_chart,
    service_levels,
)
from calculators.core import Unavailable, compute_checked, evaluate

# The published check (Call Centre Helper's Erlang C guide): 360 calls per half hour, 240 s, 80 % in 15 s.
PUBLISHED = {
    "calls_per_hour": 720,
    "handle_time_seconds": 240,
    "target_answer_seconds": 15,
    "target_service_level_pct": 80,
    "shrinkage_pct": 30,
    "agent_cost_per_hour": 500,
}
STAFFING = ("agents_needed", "service_level_pct", "probability_wait_pct", "average_speed_of_answer_seconds",
            "occupancy_pct", "staff_on_shift", "staffing_cost_per_hour", "service_level_one_fewer_pct")

run = runner(CALCULATOR, PUBLISHED)


def reference_erlang_c(agents, traffic):
    """Erlang C the textbook way, A^m ÷ m! × m ÷ (m − A) over the sum, in logarithms (lgamma): an
    independent computation that does not overflow either."""
    logs = [k * math.log(traffic) - math.lgamma(k + 1) for k in range(agents)]
    last = agents * math.log(traffic) - math.lgamma(agents + 1) + math.log(agents / (agents - traffic))
    top = max(logs + [last])
    total = sum(math.exp(x - top) for x in logs) + math.exp(last - top)
    return math.exp(last - top) / total


def reference_level(agents, traffic, handle, answer):
    return 1 - reference_erlang_c(agents, traffic) * math.exp(-(agents - traffic) * answer / handle)


# --- the published check ----------------------------------------------------------------------------------------


def test_published_check():
    out = run()
    # A = 720 × 240 ÷ 3600 = 48 Erlangs
    assert out["traffic_erlangs"] == 48
    assert out["agents_needed"] == 55
    # the guide's rounded figures: 84.6 % answered in 15 s, 23.9 % wait, 8.2 s on average, 87.3 % busy
    assert round(out["service_level_pct"], 1) == 84.6
    assert round(out["probability_wait_pct"], 1) == 23.9
    assert round(out["average_speed_of_answer_seconds"], 1) == 8.2
    assert round(out["occupancy_pct"], 1) == 87.3
    # 54 agents give 79.3 %: below the 80 % target, so 55 is the answer
    assert round(out["service_level_one_fewer_pct"], 1) == 79.3
    # occupancy is exactly 48 ÷ 55
    assert out["occupancy_pct"] == pytest.approx(4800 / 55)
    # 55 ÷ (1 − 0.3) = 78.57 → 79 people on the roster; 79 × 500 = 39 500 per hour
    assert out["staff_on_shift"] == 79
    assert out["staffing_cost_per_hour"] == 39500


def test_published_check_is_the_default_in_both_languages():
    for lang in ("ru", "en"):
        out = compute_checked(CALCULATOR, CALCULATOR.defaults(lang), lang)
        assert out["agents_needed"] == 55
        assert round(out["service_level_pct"], 1) == 84.6


def test_published_check_against_the_textbook_formula():
    out = run()
    assert out["probability_wait_pct"] / 100 == pytest.approx(reference_erlang_c(55, 48), rel=1e-12)
    assert out["service_level_pct"] / 100 == pytest.approx(reference_level(55, 48, 240, 15), rel=1e-12)
    assert out["service_level_one_fewer_pct"] / 100 == pytest.approx(reference_level(54, 48, 240, 15), rel=1e-12)


# --- hand-computed cases ------------------------------------------------------------------------------------------


def test_one_erlang_two_agents():
    # 60 calls × 60 s ÷ 3600 = 1 Erlang.  B(1) = 1 ÷ (1 + 1) = 0.5; B(2) = 0.5 ÷ (2 + 0.5) = 0.2;
    # C = 2 × 0.2 ÷ (2 − 1 × 0.8) = 0.4 ÷ 1.2 = 1/3.  With t = 0: SL = 1 − 1/3 = 66.67 % ≥ 60 %.
    out = run(calls_per_hour=60, handle_time_seconds=60, target_answer_seconds=0, target_service_level_pct=60,
              shrinkage_pct=50, agent_cost_per_hour=100)
    assert out["traffic_erlangs"] == 1
    assert out["agents_needed"] == 2
    assert out["probability_wait_pct"] == pytest.approx(100 / 3)
    assert out["service_level_pct"] == pytest.approx(200 / 3)
    # ASA = C × AHT ÷ (m − A) = 1/3 × 60 ÷ 1 = 20 s; occupancy = 1 ÷ 2 = 50 %
    assert out["average_speed_of_answer_seconds"] == pytest.approx(20)
    assert out["occupancy_pct"] == 50
    # m − 1 = 1 ≤ A = 1: one agent fewer cannot keep up at all, so 0
    assert out["service_level_one_fewer_pct"] == 0
    # ⌈2 ÷ (1 − 0.5)⌉ = 4 people; 4 × 100 = 400
    assert out["staff_on_shift"] == 4
    assert out["staffing_cost_per_hour"] == 400


def test_one_erlang_three_agents():
    # as above with a 70 % target: 2 agents give 66.67 % < 70 %, so 3.  B(3) = 0.2 ÷ (3 + 0.2) = 0.0625;
    # C = 3 × 0.0625 ÷ (3 − 0.9375) = 0.1875 ÷ 2.0625 = 1/11; SL = 10/11 = 90.9 %
    out = run(calls_per_hour=60, handle_time_seconds=60, target_answer_seconds=0, target_service_level_pct=70)
    assert out["agents_needed"] == 3
    assert out["probability_wait_pct"] == pytest.approx(100 / 11)
    assert out["service_level_pct"] == pytest.approx(1000 / 11)
    assert out["service_level_one_fewer_pct"] == pytest.approx(200 / 3)
    # ASA = 1/11 × 60 ÷ 2 = 2.73 s; occupancy = 1 ÷ 3
    assert out["average_speed_of_answer_seconds"] == pytest.approx(30 / 11)
    assert out["occupancy_pct"] == pytest.approx(100 / 3)


def test_one_erlang_with_a_target_time():
    # the same two agents with t = 60 s = one handle time: SL = 1 − 1/3 × e^(−(2 − 1) × 60 ÷ 60) = 1 − e⁻¹ ÷ 3
    out = run(calls_per_hour=60, handle_time_seconds=60, target_answer_seconds=60, target_service_level_pct=80)
    assert out["agents_needed"] == 2
    assert out["service_level_pct"] == pytest.approx((1 - math.exp(-1) / 3) * 100)


def test_single_agent_is_m_m_1():
    # 30 calls × 60 s = 0.5 Erlang; one agent: B(1) = 0.5 ÷ 1.5 = 1/3, C = (1/3) ÷ (1 − 0.5 × 2/3) = 0.5 = A
    # (in M/M/1 the chance of waiting is the load itself); ASA = 0.5 × 60 ÷ 0.5 = 60 s;
    # SL in 60 s = 1 − 0.5 × e^(−0.5) = 69.7 %
    out = run(calls_per_hour=30, handle_time_seconds=60, target_answer_seconds=60, target_service_level_pct=60)
    assert out["traffic_erlangs"] == 0.5
    assert out["agents_needed"] == 1
    assert out["probability_wait_pct"] == pytest.approx(50)
    assert out["average_speed_of_answer_seconds"] == pytest.approx(60)
    assert out["service_level_pct"] == pytest.approx((1 - 0.5 * math.exp(-0.5)) * 100)
    assert out["service_level_one_fewer_pct"] == 0


def test_agents_always_more_than_traffic():
    # 48 Erlangs and the loosest target (0.1 % in an hour): still 49 agents, never 48 (the queue would grow)
    out = run(target_service_level_pct=0.1, target_answer_seconds=3600)
    assert out["agents_needed"] == 49
    assert out["service_level_one_fewer_pct"] == 0
    # a fractional load: 100 calls × 180 s = 5 Erlangs exactly; 2 calls × 0.1 s is 1/18000 Erlang
    assert run(calls_per_hour=100, handle_time_seconds=180, target_service_level_pct=0.1)["agents_needed"] == 6
    assert run(calls_per_hour=2, handle_time_seconds=0.1)["agents_needed"] == 1


def test_decimal_traffic_is_read_as_typed():
    # 4.48 × 5 625 ÷ 3600 = 7 exactly, which binary floats make 7.000000000000001: the smallest m above A is
    # still 8, decided on the decimals as typed
    out = run(calls_per_hour=4.48, handle_time_seconds=5625, target_service_level_pct=0.1)
    assert out["traffic_erlangs"] == pytest.approx(7)
    assert out["agents_needed"] == 8
    # and 7 agents for exactly 7 Erlangs cannot keep up: 0, not a level computed from a rounding error
    assert out["service_level_one_fewer_pct"] == 0


@pytest.mark.parametrize("agents, shrinkage, expected", [
    (70, 30, 100),  # 70 ÷ 0.7 = 100 exactly (floats give 100.00000000000001, which would round up to 101)
    (55, 30, 79),  # 78.57 → 79
    (55, 0, 55),
    (7, 90, 70),  # 7 ÷ 0.1 = 70 exactly
    (1, 33.3, 2),  # 1.4993 → 2
    (3, 12.5, 4),  # 3.4286 → 4
    (7, 12.5, 8),  # 7 ÷ 0.875 = 8 exactly
])
def test_staff_rounds_up_exactly(agents, shrinkage, expected):
    assert _staff(agents, shrinkage) == expected


def test_staff_on_shift_in_the_calculator():
    out = run(shrinkage_pct=0)
    assert out["staff_on_shift"] == 55
    assert out["staffing_cost_per_hour"] == 55 * 500
    out = run(shrinkage_pct=90)
    # 55 ÷ 0.1 = 550 people for 55 on the line
    assert out["staff_on_shift"] == 550


@pytest.mark.parametrize("preset, expected", [
    # A = 150 × 150 ÷ 3600 = 6.25; 9 agents; ⌈9 ÷ 0.65⌉ = 14 people
    ("clinic_monday", (6.25, 9, 83.6, 66.9, 14)),
    # A = 30 × 240 ÷ 3600 = 2; 5 agents for 90 % in 10 s; ⌈5 ÷ 0.8⌉ = 7
    ("bank_night", (2, 5, 94.7, 84.0, 7)),
    # A = 400 × 120 ÷ 3600 = 13.33; 17 agents; ⌈17 ÷ 0.75⌉ = 23
    ("delivery_friday", (40 / 3, 17, 86.0, 75.2, 23)),
    # A = 2 400 × 330 ÷ 3600 = 220; 229 agents; ⌈229 ÷ 0.7⌉ = 328
    ("marketplace_sale", (220, 229, 80.7, 76.6, 328)),
])
def test_presets(preset, expected):
    traffic, agents, level, fewer, staff = expected
    for lang in ("ru", "en"):
        out = compute_checked(CALCULATOR, CALCULATOR.defaults(lang, preset), lang)
        assert out["traffic_erlangs"] == pytest.approx(traffic)
        assert out["agents_needed"] == agents
        assert round(out["service_level_pct"], 1) == level
        assert round(out["service_level_one_fewer_pct"], 1) == fewer
        assert out["staff_on_shift"] == staff


# --- unavailable ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("changes", [{"calls_per_hour": 0}, {"handle_time_seconds": 0},
                                     {"calls_per_hour": 0, "handle_time_seconds": 0}])
def test_no_traffic_is_valid_with_outputs_unavailable(changes):
    result = evaluate(CALCULATOR, dict(PUBLISHED, **changes), "en")
    assert result.errors == {}
    assert result.outputs["traffic_erlangs"] == 0
    for key in STAFFING:
        assert result.outputs[key] == Unavailable("no_traffic"), key
    assert result.text("agents_needed") == "Not available: no calls, or a handle time of 0, so there is nothing to answer."
    assert service_level_chart(result) is None
    assert CALCULATOR.verdict(result) is None


def test_traffic_limit_edges():
    # 75 000 × 240 ÷ 3600 = 5 000 Erlangs exactly: computed
    out = run(calls_per_hour=75000, handle_time_seconds=240)
    assert out["traffic_erlangs"] == TRAFFIC_MAX
    assert out["agents_needed"] > 5000
    # 75 000 × 240.01 ÷ 3600 = 5 000.21: refused with a reason, the traffic itself still shown
    out = run(calls_per_hour=75000, handle_time_seconds=240.01)
    assert out["traffic_erlangs"] == pytest.approx(5000.2083333)
    for key in STAFFING:
        assert out[key] == Unavailable("too_much_traffic"), key
    # the largest inputs: 10⁶ calls × 7 200 s = 2 000 000 Erlangs
    out = run(calls_per_hour=1e6, handle_time_seconds=7200)
    assert out["agents_needed"] == Unavailable("too_much_traffic")
    result = evaluate(CALCULATOR, {"calls_per_hour": "75000", "handle_time_seconds": "241"}, "ru")
    assert result.text("agents_needed").startswith("Нет данных: нагрузка больше 5" + NBSP + "000 эрлангов")


def test_target_of_zero_or_a_hundred_is_refused():
    result = evaluate(CALCULATOR, {"target_service_level_pct": "0"}, "ru")
    assert result.errors["target_service_level_pct"].message("ru") == "Не меньше 0,1" + NBSP + "%."
    result = evaluate(CALCULATOR, {"target_service_level_pct": "100"}, "en")
    assert result.errors["target_service_level_pct"].message("en") == "Must be at most 99.9%."
    assert result.outputs["agents_needed"] == Unavailable("invalid_input")
    assert result.outputs["traffic_erlangs"] == 48  # does not read the target


def test_strictest_target_at_the_largest_traffic():
    # 99.9 % answered at once (t = 0) with 5 000 Erlangs: C must fall below 0.1 %
    out = run(calls_per_hour=75000, handle_time_seconds=240, target_answer_seconds=0,
              target_service_level_pct=99.9)
    agents = int(out["agents_needed"])
    assert 5000 < agents < 5400
    assert out["service_level_pct"] >= 99.9
    assert out["service_level_one_fewer_pct"] < 99.9
    assert out["probability_wait_pct"] / 100 == pytest.approx(reference_erlang_c(agents, 5000), rel=1e-9)


# --- large traffic ---------------------------------------------------------------------------------------------------


def test_four_thousand_erlangs_without_overflow():
    # 60 000 calls × 240 s ÷ 3600 = 4 000 Erlangs: A^m ÷ m! alone would overflow a float long before
    out = run(calls_per_hour=60000, handle_time_seconds=240)
    assert out["traffic_erlangs"] == 4000
    agents = int(out["agents_needed"])
    assert 4000 < agents < 4100
    for key in STAFFING:
        assert math.isfinite(out[key])
    assert out["service_level_pct"] >= 80 > out["service_level_one_fewer_pct"]
    assert out["service_level_pct"] / 100 == pytest.approx(reference_level(agents, 4000, 240, 15), rel=1e-9)
    assert out["service_level_one_fewer_pct"] / 100 == pytest.approx(
        reference_level(agents - 1, 4000, 240, 15), rel=1e-9)
    with pytest.raises(OverflowError):
        float(4000 ** agents) / math.factorial(agents)


# --- exp_neg -----------------------------------------------------------------------------------------------------------


def test_exp_neg_matches_math_exp():
    rng = random.Random(5)
    values = [0.0, -1e-300, -1e-12, -0.5, -1.0, -0.34657359, -0.34657360, -1.5, -10.0, -100.0, -699.99, -700.0]
    values += [-rng.random() * 10 ** rng.randint(-6, 2) for _ in range(2000)]
    values += [-rng.random() * 700 for _ in range(500)]
    for x in values:
        assert exp_neg(x) == pytest.approx(math.exp(x), rel=4e-16, abs=0), x
    assert exp_neg(-700.5) == 0.0
    assert exp_neg(5.0) == 1.0  # not used above 0: it says "no decay"


# --- properties ----------------------------------------------------------------------------------------------------------

traffics = st.one_of(
    st.floats(0.001, 50, allow_nan=False),
    st.floats(50, 5000, allow_nan=False),
    st.integers(1, 5000).map(float),
)


@given(traffics, st.floats(1, 7200), st.floats(0, 3600))
@settings(max_examples=150, **SETTINGS)
def test_service_level_never_falls_as_agents_grow(traffic, handle, answer):
    first = int(traffic) + 1
    levels = service_levels(traffic, handle, answer, first, first + 60)
    assert [m for m, _, _ in levels] == list(range(first, first + 61))
    for (m, wait, level), (_, next_wait, next_level) in zip(levels, levels[1:]):
        assert 0 <= level <= 1 and 0 <= wait <= 1
        assert next_level >= level, (m, level, next_level)
        assert next_wait <= wait


@given(traffics, st.floats(1, 7200), st.floats(0, 3600), st.floats(0.1, 99.9))
@settings(max_examples=150, **SETTINGS)
def test_agents_needed_is_minimal(traffic, handle, answer, goal_pct):
    first = int(traffic) + 1
    found = fewest_agents(traffic, handle, answer, goal_pct / 100, first)
    assert found is not None
    agents, wait, level, fewer = found
    assert level >= goal_pct / 100
    if agents - 1 > traffic:
        assert fewer < goal_pct / 100
        table = dict((m, lv) for m, _, lv in service_levels(traffic, handle, answer, agents - 1, agents))
        assert table[agents - 1] == fewer and table[agents] == level
    else:
        assert fewer == 0 and agents == first


@given(st.integers(1, 60000), st.integers(1, 7200), st.integers(0, 120), st.integers(1, 999))
@settings(max_examples=150, **SETTINGS)
def test_the_calculator_against_the_textbook(calls, handle, answer, goal_tenths):
    goal = goal_tenths / 10
    values = dict(PUBLISHED, calls_per_hour=calls, handle_time_seconds=handle, target_answer_seconds=answer,
                  target_service_level_pct=goal)
    out = compute_checked(CALCULATOR, values)
    exact = Fraction(calls * handle, 3600)
    if exact > TRAFFIC_MAX:
        assert out["agents_needed"] == Unavailable("too_much_traffic")
        return
    traffic = calls * handle / 3600
    agents = int(out["agents_needed"])
    assert agents > exact and agents == int(out["agents_needed"])
    assert reference_level(agents, traffic, handle, answer) >= goal / 100 - 1e-9
    if agents - 1 > exact:
        assert reference_level(agents - 1, traffic, handle, answer) < goal / 100 + 1e-9
    assert out["service_level_one_fewer_pct"] <= out["service_level_pct"]
    assert 0 < out["occupancy_pct"] < 100
    assert out["staff_on_shift"] >= agents


@given(st.integers(1, 20000), st.integers(1, 20000), st.integers(1, 900))
@settings(max_examples=80, **SETTINGS)
def test_more_calls_never_need_fewer_agents(calls, more, handle):
    low, high = sorted([calls, more])
    a = compute_checked(CALCULATOR, dict(PUBLISHED, calls_per_hour=low, handle_time_seconds=handle))
    b = compute_checked(CALCULATOR, dict(PUBLISHED, calls_per_hour=high, handle_time_seconds=handle))
    if isinstance(b["agents_needed"], Unavailable):
        return
    assert a["agents_needed"] <= b["agents_needed"]


@given(st.floats(0.1, 99.9), st.floats(0.1, 99.9))
@settings(max_examples=60, **SETTINGS)
def test_a_higher_target_never_needs_fewer_agents(goal, other):
    low, high = sorted([goal, other])
    a = run(target_service_level_pct=low)
    b = run(target_service_level_pct=high)
    assert a["agents_needed"] <= b["agents_needed"]


# --- formatting, verdict, chart, command line ----------------------------------------------------------------------------


def test_formatted_ru_and_en():
    ru = evaluate(CALCULATOR, {}, "ru")
    assert ru.text("traffic_erlangs") == "48" + NBSP + "Эрл"
    assert ru.text("service_level_pct") == "84,6" + NBSP + "%"
    assert ru.text("average_speed_of_answer_seconds") == "8,2" + NBSP + "с"
    assert ru.text("staffing_cost_per_hour") == "39" + NBSP + "500" + NBSP + "₽"
    en = evaluate(CALCULATOR, {"calls_per_hour": "400", "handle_time_seconds": "120"}, "en")
    assert en.text("traffic_erlangs") == "13.33" + NBSP + "Erl"
    assert en.text("average_speed_of_answer_seconds").endswith(NBSP + "s")
    assert en.text("probability_wait_pct").endswith("%")


def test_verdict_says_what_one_agent_fewer_costs():
    ru = CALCULATOR.verdict(evaluate(CALCULATOR, {}, "ru"))
    assert ru == ("Операторов на линии: 55; за 15" + NBSP + "с ответят на 84,6" + NBSP + "% звонков (цель — 80"
                  + NBSP + "%). На одного меньше (54) — только 79,3" + NBSP + "%: один человек из 55 — это 1,8"
                  + NBSP + "% команды, а доля звонков с ответом вовремя падает на 5,3" + NBSP + "п." + NBSP + "п.")
    en = CALCULATOR.verdict(evaluate(CALCULATOR, {}, "en"))
    assert en == ("With 55 agents on the line, 84.6% of calls are answered within 15" + NBSP + "s (target 80%). "
                  "With one fewer, 54, only 79.3%: one person in 55 is 1.8% of the team, yet the share answered "
                  "in time falls by 5.3" + NBSP + "points.")


def test_verdict_when_one_fewer_cannot_keep_up():
    result = evaluate(CALCULATOR, {"calls_per_hour": "60", "handle_time_seconds": "60",
                                   "target_answer_seconds": "0", "target_service_level_pct": "60"}, "en")
    assert CALCULATOR.verdict(result).endswith("With one fewer, 1, the agents cannot keep up with the calls: "
                                                "the queue grows without end.")
    result = evaluate(CALCULATOR, {"handle_time_seconds": "abc"}, "ru")
    assert CALCULATOR.verdict(result) is None


def test_chart_shows_m_minus_3_to_m_plus_3_with_the_target():
    result = evaluate(CALCULATOR, {}, "en")
    svg = service_level_chart(result)
    root = ElementTree.fromstring(svg)
    bars = [e for e in root.iter("{http://www.w3.org/2000/svg}rect")]
    assert [int(b.get("data-agents")) for b in bars] == [52, 53, 54, 55, 56, 57, 58]
    current = [b for b in bars if "chart-bar-current" in b.get("class")]
    assert [b.get("data-agents") for b in current] == ["55"]
    levels = [float(b.get("data-value")) for b in bars]
    assert levels == sorted(levels)
    assert round(levels[2], 1) == 79.3 and round(levels[3], 1) == 84.6
    heights = [float(b.get("height")) for b in bars]
    assert heights == sorted(heights)
    target = [e for e in root.iter("{http://www.w3.org/2000/svg}line") if "chart-target" in e.get("class", "")]
    assert len(target) == 1
    # the target line sits at 80 % of the scale, between the 54 and the 55 bars' tops
    y = float(target[0].get("y1"))
    tops = [float(b.get("y")) for b in bars]
    assert tops[3] < y < tops[2]
    assert "Target: 80% within 15" + NBSP + "s" in svg
    assert "52: " in root.find("{http://www.w3.org/2000/svg}desc").text


def test_chart_only_counts_above_the_traffic():
    # 1 Erlang, 2 agents: m − 3 … m + 3 would be −1 … 5; only 2 … 5 are above A
    result = evaluate(CALCULATOR, {"calls_per_hour": "60", "handle_time_seconds": "60",
                                   "target_answer_seconds": "0", "target_service_level_pct": "60"}, "ru")
    svg = service_level_chart(result)
    assert re.findall(r'data-agents="(\d+)"', svg) == ["2", "3", "4", "5"]
    assert service_level_chart(evaluate(CALCULATOR, {"target_service_level_pct": "x"}, "ru")) is None
    assert service_level_chart(evaluate(CALCULATOR, {"calls_per_hour": "1000000"}, "ru")) is None


def test_command_line_prints_the_verdict(capsys):
    assert cli.main(["call_staffing", "--json", "--lang", "en"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["outputs"]["agents_needed"] == 55
    assert payload["verdict"].startswith("With 55 agents on the line")
    assert cli.main(["call_staffing", "--lang", "en", "--calls-per-hour", "0"]) == 0
    out = capsys.readouterr().out
    assert "Not available: no calls" in out
    assert cli.main(["call_staffing", "--target-service-level-pct", "100"]) == 2
    assert "--target-service-level-pct" in capsys.readouterr().err
