"""nps_change: hand-computed margins, every unavailable case, the verdict in both languages, the limits and
properties (margins shrink with more answers; respondents_needed is the smallest n that reaches ±5).

What every calculator shares is checked once, in test_all_calculators.py.
"""

import json
import math
import re
import xml.etree.ElementTree as ET
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calcstrategies import NBSP, SETTINGS, runner
from calculators import cli
from calculators.core import Unavailable, compute_checked, evaluate
from calculators.nps_change import CALCULATOR, nps_chart, nps_verdict

BASE = {
    "promoters_before": 200, "passives_before": 100, "detractors_before": 100,
    "promoters_after": 230, "passives_after": 90, "detractors_after": 80,
}
run = runner(CALCULATOR, BASE)


def survey(promoters, passives, detractors):
    return {"promoters_after": promoters, "passives_after": passives, "detractors_after": detractors}


# --- hand-computed -------------------------------------------------------------------------------------------


def test_defaults_every_output():
    out = run()
    # before: n = 400, p = 0.5, d = 0.25 → NPS 25; v = 0.75 − 0.25² = 0.6875; SE = 100 × √(0.6875 ÷ 400) = 4.1458
    assert out["nps_before"] == 25
    assert out["margin_before"] == pytest.approx(1.96 * 100 * math.sqrt(0.6875 / 400))
    assert out["margin_before"] == pytest.approx(8.1258, abs=1e-4)
    # after: n = 400, p = 0.575, d = 0.2 → NPS 37.5; v = 0.775 − 0.375² = 0.634375; SE = 3.9824
    assert out["nps_after"] == pytest.approx(37.5)
    assert out["margin_after"] == pytest.approx(7.8055, abs=1e-4)
    # change 12.5; margin 1.96 × √(4.1458² + 3.9824²) = 1.96 × √(17.1875 + 15.859375) = 11.2673
    assert out["change"] == pytest.approx(12.5)
    assert out["margin_change"] == pytest.approx(1.96 * math.sqrt(17.1875 + 15.859375))
    assert out["margin_change"] == pytest.approx(11.2673, abs=1e-4)
    # ⌈1.96² × 10⁴ × 0.634375 ÷ 25⌉ = ⌈1536.64 × 0.634375⌉ = ⌈974.81⌉ = 975
    assert out["respondents_needed"] == 975
    assert out == compute_checked(CALCULATOR, CALCULATOR.defaults("ru"), "ru")


def test_half_promoters_half_detractors():
    # p = d = 0.5: NPS 0, v = 1 − 0 = 1 (the widest spread there is); SE = 100 × √(1 ÷ 100) = 10, margin 19.6
    out = run(**survey(50, 0, 50))
    assert out["nps_after"] == 0
    assert out["margin_after"] == pytest.approx(19.6)
    # ⌈1536.64 × 1⌉ = 1537: the most answers any survey needs for ±5 points
    assert out["respondents_needed"] == 1537


def test_respondents_needed_is_exact_at_a_whole_number():
    # 25 promoters, 3 passives, no detractors (n = 28): v = 25/28 − (25/28)² = 75/784, and
    # 38 416 × 75/784 ÷ 25 = 147 exactly.  Floats give 147.00000000000003, which would round up to 148.
    out = run(**survey(25, 3, 0))
    assert out["respondents_needed"] == 147
    p = 25 / 28
    assert math.ceil(1.96 ** 2 * 10 ** 4 * (p - p * p) / 25) == 148  # what the float formula would say


def test_one_promoter_one_passive():
    # p = 0.5, d = 0: NPS 50, v = 0.5 − 0.25 = 0.25; SE = 100 × √(0.25 ÷ 2) = 35.36, margin 69.3
    out = run(**survey(1, 1, 0))
    assert out["nps_after"] == 50
    assert out["margin_after"] == pytest.approx(1.96 * 100 * math.sqrt(0.125))
    # ⌈38 416 × 0.25 ÷ 25⌉ = ⌈384.16⌉ = 385
    assert out["respondents_needed"] == 385


def test_a_fall_is_negative():
    out = run(promoters_after=150, passives_after=100, detractors_after=150)
    # after: NPS 0, so the change is 0 − 25 = −25
    assert out["change"] == -25


@pytest.mark.parametrize("preset, expected", [
    # 18/12/10 → NPS 20; 24/9/7 → 42.5; a 22.5-point rise inside a 34.7-point margin
    ("coffee_cards", (20, 42.5, 22.5, 34.7, 914)),
    # 210/180/210 → 0; 270/180/150 → 20; 20 points against 9.3: real
    ("delivery_returns", (0, 20, 20, 9.3, 1015)),
    # 900/600/500 → 20; 930/590/480 → 22.5; 2.5 against 5.0: chance
    ("bank_quarter", (20, 22.5, 2.5, 5.0, 1006)),
])
def test_presets(preset, expected):
    before, after, change, margin, needed = expected
    for lang in ("ru", "en"):
        out = compute_checked(CALCULATOR, CALCULATOR.defaults(lang, preset), lang)
        assert out["nps_before"] == pytest.approx(before)
        assert out["nps_after"] == pytest.approx(after)
        assert out["change"] == pytest.approx(change)
        assert round(out["margin_change"], 1) == margin
        assert out["respondents_needed"] == needed


# --- unavailable -------------------------------------------------------------------------------------------------


def test_no_answers_before():
    out = run(promoters_before=0, passives_before=0, detractors_before=0)
    for key in ("nps_before", "margin_before", "change", "margin_change"):
        assert out[key] == Unavailable("no_answers_before"), key
    assert out["nps_after"] == pytest.approx(37.5)
    assert out["respondents_needed"] == 975


def test_no_answers_after():
    out = run(**survey(0, 0, 0))
    for key in ("nps_after", "margin_after", "change", "margin_change", "respondents_needed"):
        assert out[key] == Unavailable("no_answers_after"), key
    assert out["nps_before"] == 25


def test_no_answers_at_all():
    out = run(promoters_before=0, passives_before=0, detractors_before=0, **survey(0, 0, 0))
    assert out["change"] == Unavailable("no_answers_before")
    assert out["respondents_needed"] == Unavailable("no_answers_after")


@pytest.mark.parametrize("answers, nps", [((12, 0, 0), 100), ((0, 7, 0), 0), ((0, 0, 3), -100)])
def test_all_answers_alike_after(answers, nps):
    out = run(**survey(*answers))
    assert out["nps_after"] == nps
    assert out["change"] == nps - 25
    for key in ("margin_after", "margin_change", "respondents_needed"):
        assert out[key] == Unavailable("all_alike_after"), key


def test_all_answers_alike_before():
    out = run(promoters_before=0, passives_before=0, detractors_before=40)
    assert out["nps_before"] == -100
    assert out["margin_before"] == Unavailable("all_alike_before")
    assert out["margin_change"] == Unavailable("all_alike_before")
    assert out["respondents_needed"] == 975


def test_reasons_name_the_survey():
    result = evaluate(CALCULATOR, {"promoters_after": "0", "passives_after": "0", "detractors_after": "0"}, "ru")
    assert result.text("margin_change") == "Нет данных: в опросе «после» нет ни одного ответа."
    result = evaluate(CALCULATOR, {"promoters_before": "5", "passives_before": "0", "detractors_before": "0"}, "en")
    assert result.text("margin_before").startswith("Not available: every answer in the “before” survey is the same")


# --- the verdict --------------------------------------------------------------------------------------------------


def verdict(lang, **changes):
    raw = dict((k, str(v)) for k, v in dict(BASE, **changes).items())
    return nps_verdict(evaluate(CALCULATOR, raw, lang))


def test_verdict_real_change():
    assert verdict("ru") == (
        "NPS вырос на 12,5" + NBSP + "пункта — это больше погрешности изменения (±11,3" + NBSP + "пункта): "
        "скорее всего, изменение настоящее, а не случайность выборки (уровень доверия 95" + NBSP + "%). "
        "Оценка опирается на нормальное приближение: ей нужно хотя бы несколько десятков ответов в каждом опросе.")
    assert verdict("en") == (
        "NPS rose by 12.5" + NBSP + "points, more than the margin of the change (±11.3" + NBSP + "points): the "
        "change is most likely real, not the luck of the sample (95% confidence). The estimate rests on the "
        "normal approximation, which needs a few dozen answers in each survey.")


def test_verdict_chance():
    text = verdict("en", promoters_after=210, passives_after=100, detractors_after=90)
    # after: NPS 30; change 5 < its margin
    assert text.startswith("NPS rose by 5" + NBSP + "points, within the margin of the change (±")
    assert "cannot tell that it really changed" in text
    text = verdict("ru", promoters_after=180, passives_after=110, detractors_after=110)
    assert text.startswith("NPS снизился на 7,5" + NBSP + "пункта — это в пределах погрешности")


def test_verdict_no_change():
    text = verdict("ru", promoters_after=200, passives_after=100, detractors_after=100)
    assert text.startswith("NPS не изменился; погрешность изменения — ±11,5" + NBSP + "пункта.")


def test_verdict_warns_about_few_answers():
    text = verdict("en", promoters_before=5, passives_before=3, detractors_before=2,
                   promoters_after=6, passives_after=2, detractors_after=2)
    assert text.endswith("But one survey has only 10 answers, and the normal approximation needs a few dozen: "
                         "treat the verdict as unreliable.")
    # 30 answers each: no warning, the usual note
    text = verdict("ru", promoters_before=15, passives_before=9, detractors_before=6,
                   promoters_after=18, passives_after=6, detractors_after=6)
    assert text.endswith("ей нужно хотя бы несколько десятков ответов в каждом опросе.")


def test_verdict_for_every_unavailable_case():
    assert verdict("ru", promoters_before=0, passives_before=0, detractors_before=0) == \
        "Сравнить нельзя: в опросе «до» нет ни одного ответа."
    assert verdict("en", promoters_after=0, passives_after=0, detractors_after=0) == \
        "No comparison: the “after” survey has no answers."
    assert verdict("en", promoters_after=12, passives_after=0, detractors_after=0) == (
        "NPS rose by 75" + NBSP + "points, but its margin cannot be computed: every answer in the “after” survey "
        "is the same. Only a larger survey can tell whether the change is real.")
    assert verdict("ru", promoters_before=0, passives_before=9, detractors_before=0).startswith(
        "NPS вырос на 37,5" + NBSP + "пункта, но погрешность посчитать нельзя: все ответы в опросе «до» одинаковые.")
    assert verdict("ru", promoters_after="x") is None


def test_verdict_is_in_the_view_and_on_the_command_line(capsys):
    from calculators.view import view

    shown = view(CALCULATOR, None, "en", None, "bank_quarter")
    assert shown["verdict"].startswith("NPS rose by 2.5" + NBSP + "points, within the margin")
    assert cli.main(["nps_change", "--json", "--preset", "delivery_returns"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["outputs"]["change"] == 20
    assert payload["verdict"].startswith("NPS вырос на 20" + NBSP + "пунктов — это больше погрешности")


# --- limits and declaration --------------------------------------------------------------------------------------


def test_largest_surveys():
    # a billion answers in each group: the integers stay exact, the margins tiny but positive
    big = dict((key, 1e9) for key in BASE)
    out = compute_checked(CALCULATOR, big)
    assert out["nps_before"] == 0 and out["change"] == 0
    assert 0 < out["margin_before"] < 0.01
    # v = 2/3: ⌈1536.64 × 2/3⌉ = ⌈1024.43⌉ = 1025
    assert out["respondents_needed"] == 1025


# --- properties ----------------------------------------------------------------------------------------------------

counts = st.integers(0, 5000)


@given(counts, counts, counts, st.integers(2, 50))
@settings(max_examples=150, **SETTINGS)
def test_more_answers_at_the_same_shares_shrink_the_margin(p, o, d, k):
    out = run(**survey(p, o, d))
    bigger = run(**survey(p * k, o * k, d * k))
    if isinstance(out["margin_after"], Unavailable):
        assert bigger["margin_after"] == out["margin_after"]
        return
    assert bigger["nps_after"] == pytest.approx(out["nps_after"])
    assert bigger["margin_after"] == pytest.approx(out["margin_after"] / math.sqrt(k))
    assert bigger["respondents_needed"] == out["respondents_needed"]  # same shares, same answer


@given(counts, counts, counts)
@settings(max_examples=200, **SETTINGS)
def test_respondents_needed_is_the_smallest_n_within_five_points(p, o, d):
    out = run(**survey(p, o, d))
    needed = out["respondents_needed"]
    if isinstance(needed, Unavailable):
        assert p + o + d == 0 or max(p, o, d) == p + o + d
        return
    n = p + o + d
    v = Fraction(p + d, n) - Fraction(p - d, n) ** 2
    # margin² = 1.96² × 10⁴ × v ÷ N; within ±5 points when it is at most 25
    assert Fraction(38416, 10000) * 10000 * v / int(needed) <= 25
    assert needed == 1 or Fraction(38416, 10000) * 10000 * v / (int(needed) - 1) > 25


@given(counts, counts, counts, counts, counts, counts)
@settings(max_examples=200, **SETTINGS)
def test_bounds_and_symmetry(pb, ob, db, pa, oa, da):
    values = {"promoters_before": pb, "passives_before": ob, "detractors_before": db,
              "promoters_after": pa, "passives_after": oa, "detractors_after": da}
    swapped = {"promoters_before": pa, "passives_before": oa, "detractors_before": da,
               "promoters_after": pb, "passives_after": ob, "detractors_after": db}
    out = compute_checked(CALCULATOR, values)
    back = compute_checked(CALCULATOR, swapped)
    for key in ("nps_before", "nps_after"):
        if not isinstance(out[key], Unavailable):
            assert -100 <= out[key] <= 100
    if not isinstance(out["change"], Unavailable):
        assert back["change"] == pytest.approx(-out["change"], abs=1e-9)
    if not isinstance(out["margin_change"], Unavailable):
        assert back["margin_change"] == pytest.approx(out["margin_change"])
        # the margin of a difference is wider than either margin, narrower than their sum
        assert max(out["margin_before"], out["margin_after"]) < out["margin_change"]
        assert out["margin_change"] <= out["margin_before"] + out["margin_after"] + 1e-9
        assert out["margin_before"] <= 196 / math.sqrt(pb + ob + db) + 1e-9  # v ≤ 1


# --- the chart -----------------------------------------------------------------------------------------------------

_SVG = "{http://www.w3.org/2000/svg}"


def _chart(values, lang="ru", pinned=None):
    result = evaluate(CALCULATOR, values, lang)
    return nps_chart(result, pinned, None), result


def _bar_width(svg, key):
    root = ET.fromstring(svg)
    for rect in root.iter(_SVG + "rect"):
        if rect.get("data-row") == key and "chart-a" not in (rect.get("class") or ""):
            return float(rect.get("width"))
    raise AssertionError("no bar for %s" % key)


def test_the_chart_shows_before_after_and_the_change_against_its_margin():
    svg, result = _chart({})  # defaults: 200/100/100 then 230/90/80 -> +25, +37.5, +12.5 ± 11.3
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(_SVG + "title").text == "NPS до и после и изменение против его погрешности"
    desc = root.find(_SVG + "desc").text
    assert ("+25" + NBSP + "пунктов") in desc and ("+37,5" + NBSP + "пункта") in desc
    assert ("+12,5" + NBSP + "пункта") in desc and "±11,3" in desc
    assert "больше погрешности" in svg
    # Bars follow the numbers: after (37.5) longer than before (25), longer than the change (12.5).
    assert _bar_width(svg, "after") > _bar_width(svg, "before") > _bar_width(svg, "change") > 0
    assert "The change is larger than its margin" in _chart({}, "en")[0]


def test_a_change_within_its_margin_says_it_may_be_chance():
    svg, _ = _chart({"promoters_after": "205", "passives_after": "100", "detractors_after": "100"}, "en")
    assert "within its margin" in svg and "may be chance" in svg


def test_no_chart_without_its_figures():
    assert _chart({"promoters_before": "0", "passives_before": "0", "detractors_before": "0"})[0] is None
    assert _chart({"promoters_after": "10", "passives_after": "0", "detractors_after": "0"})[0] is None  # all alike
    assert _chart({"promoters_after": "-1"})[0] is None  # an invalid field


def test_a_pinned_scenario_is_drawn_beside():
    _, pinned = _chart({"promoters_after": "205"}, "en")
    svg, _ = _chart({}, "en", pinned)
    assert "chart-a" in svg and "Margin in scenario A" in svg
    ET.fromstring(svg)


@settings(max_examples=60)
@given(st.lists(st.integers(min_value=0, max_value=10 ** 9), min_size=6, max_size=6))
def test_the_chart_never_holds_nan_or_infinity(counts):
    names = ("promoters_before", "passives_before", "detractors_before",
             "promoters_after", "passives_after", "detractors_after")
    svg, _ = _chart(dict((name, str(count)) for name, count in zip(names, counts)), "en")
    if svg is not None:
        ET.fromstring(svg)
        assert not re.search(r"nan|inf(?!o)", svg.lower().replace("information", ""))
