"""SVG charts (the drawing helpers of calculators/charts.py; the line and funnel charts of
acquisition_vs_retention, conversion_funnel and referral_payback): well-formed, accessible, in the
result's language, no colours."""

import re
import xml.etree.ElementTree as ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import charts
from calculators.acquisition_vs_retention import clv_by_retention
from calculators.conversion_funnel import funnel
from calculators.referral_payback import referral_payback
from calculators.core import evaluate
from calculators.numbers import NBSP
from calculators.registry import get

SVG = "{http://www.w3.org/2000/svg}"
AVR = get("acquisition_vs_retention")
def floats(low, high):
    """Values a person can enter: the parser refuses non-zero magnitudes below 1e-30."""
    return st.floats(low, high).filter(lambda v: v == 0 or abs(v) >= 1e-30)


HOSTILE = "<script>alert('x')</script> & \"quotes\" \x00\x07 ]]> <!-- -->"


def parse(svg):
    assert isinstance(svg, str)
    root = ElementTree.fromstring(svg)
    assert root.tag == SVG + "svg"
    return root


def check_svg(svg, lang):
    """Structure every chart shares; returns (root, title, desc)."""
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert re.match(r"^0 0 \d+ \d+$", root.get("viewBox"))
    assert root.get("height") is None  # the height follows the width
    children = list(root)
    assert children[0].tag == SVG + "title" and children[1].tag == SVG + "desc"
    title, desc = children[0].text, children[1].text
    assert title and title.strip() and desc and len(desc) > 30
    cyrillic = re.search("[а-яё]", desc, re.IGNORECASE) is not None
    assert cyrillic == (lang == "ru"), desc
    assert re.search("[а-яё]", title, re.IGNORECASE) is not None or lang == "en"
    shown = " ".join(root.itertext())
    assert not re.search(r"\b(nan|inf|infinity|undefined|null)\b|\d[eE][+-]?\d", shown, re.IGNORECASE), shown
    assert "None" not in svg
    number = re.compile(r"^-?\d+(\.\d)?$")
    for element in root.iter():
        for attribute in ("x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height"):
            if element.get(attribute) is not None and element.tag != SVG + "svg":
                assert number.match(element.get(attribute)), (attribute, element.get(attribute))
        if element.get("points"):
            for pair in element.get("points").split():
                assert all(number.match(c) for c in pair.split(",")), pair
        for attribute in ("data-x", "data-y", "data-value"):
            if element.get(attribute) is not None:
                assert float(element.get(attribute)) == float(element.get(attribute))  # a JSON number
    # colours are left to the stylesheet: no hard-coded ones, and every part has a class
    assert not re.search(r"#[0-9a-f]{3,8}\b|rgb\(|hsl\(|\bblack\b|\bwhite\b", svg.lower())
    for element in root.iter():
        if element.tag in (SVG + "line", SVG + "polyline", SVG + "circle", SVG + "rect", SVG + "text"):
            assert element.get("class", "").startswith("chart-"), element.tag
            for attribute in ("fill", "stroke"):
                assert element.get(attribute) in (None, "none", "currentColor")
    return root, title, desc


def elements(root, cls):
    """Elements with the class ``cls``, legend samples left out."""
    return [e for e in root.iter() if cls in e.get("class", "").split()
            and "chart-legend" not in e.get("class", "").split()]


def polyline_points(root, cls):
    (line,) = [e for e in elements(root, cls) if e.tag == SVG + "polyline"]
    return [tuple(float(c) for c in pair.split(",")) for pair in line.get("points").split()]


# --- escape ------------------------------------------------------------------------------------------------------

def test_escape():
    assert charts.escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;"
    assert charts.escape("x\x00y\x07z\tw\n") == "xyz\tw\n"
    assert charts.escape(42) == "42"
    assert charts.escape("1" + NBSP + "000 ₽") == "1" + NBSP + "000 ₽"


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_escape_always_gives_well_formed_xml(text):
    escaped = charts.escape(text)
    for where in ("<a>" + escaped + "</a>", '<a b="' + escaped + '"/>'):
        root = ElementTree.fromstring(where)
    expected = "".join(ch for ch in text if ord(ch) >= 32 or ch in "\t\n\r")
    expected = "".join(ch for ch in expected if not (0xD800 <= ord(ch) <= 0xDFFF or ord(ch) in (0xFFFE, 0xFFFF)))
    parsed = ElementTree.fromstring("<a>" + escaped + "</a>").text or ""
    assert parsed.replace("\r\n", "\n").replace("\r", "\n") == expected.replace("\r\n", "\n").replace("\r", "\n")
    assert root is not None


def test_coordinates_are_plain_numbers():
    assert charts._n(12.34) == "12.3"
    assert charts._n(12.35) == "12.4"
    assert charts._n(-0.04) == "0"
    assert charts._n(-3.25) == "-3.3"
    assert charts._n(100.0) == "100"


def test_nice_scale():
    assert charts._scale([0, 35000]) == (0.0, 40000.0, [0.0, 10000.0, 20000.0, 30000.0, 40000.0])
    low, high, ticks = charts._scale([-280, -2800])
    assert low <= -2800 and high == 0 and ticks[-1] == 0
    low, high, ticks = charts._scale([0, 0])
    assert low == 0 and high == 1
    assert len(charts._scale([0, 1e40])[2]) <= 6


# --- acquisition_vs_retention ---------------------------------------------------------------------------------------

def test_the_calculator_declares_the_chart():
    assert AVR.chart is clv_by_retention


def clv_chart(lang="ru", currency=None, **values):
    result = evaluate(AVR, values, lang, currency)
    return result, clv_by_retention(result)


def test_clv_chart_ru_defaults():
    result, svg = clv_chart("ru")
    root, title, desc = check_svg(svg, "ru")
    assert "CLV" in title
    # m = 3 850, d = 0.1: 3 850 / 1.1 = 3 500 at 0 %, 3 850 / 0.11 = 35 000 at 99 %, 7 700 at 60 %
    assert desc == ("Пожизненная ценность (CLV) растёт с 3" + NBSP + "500" + NBSP + "₽ при удержании 0" + NBSP + "% до 35"
                    + NBSP + "000" + NBSP + "₽ при 99" + NBSP + "%; при ваших 60" + NBSP + "% — 7" + NBSP + "700" + NBSP
                    + "₽.")
    (marker,) = elements(root, "chart-marker")
    assert marker.get("data-x") == "60"
    assert float(marker.get("data-y")) == result.outputs["clv"]
    points = polyline_points(root, "chart-line")
    assert (float(marker.get("cx")), float(marker.get("cy"))) in points
    assert len(points) == 21  # 0, 5, …, 95 and 99; 60 is one of them
    assert [p[0] for p in points] == sorted(p[0] for p in points)
    labels = [e.text for e in elements(root, "chart-value")]
    assert labels == ["60" + NBSP + "%: 7" + NBSP + "700" + NBSP + "₽"]


def test_clv_chart_en_defaults():
    result, svg = clv_chart("en")
    root, title, desc = check_svg(svg, "en")
    assert title == "Customer lifetime value (CLV) across retention rates"
    # m = 77: 77 / 1.1 = $70 at 0 %, 77 / 0.11 = $700 at 99 %, $154 at 60 %
    assert desc == ("Customer lifetime value (CLV) rises from $70.00 at 0% retention to $700 at 99%; "
                    "at your 60% it is $154.")
    assert "60%: $154" in svg


def test_clv_chart_marks_a_rate_between_grid_points():
    result, svg = clv_chart("en", retention_rate_pct="62.5")
    root, _, desc = check_svg(svg, "en")
    (marker,) = elements(root, "chart-marker")
    assert marker.get("data-x") == "62.5"
    points = polyline_points(root, "chart-line")
    assert len(points) == 22
    assert (float(marker.get("cx")), float(marker.get("cy"))) in points
    xs = [p[0] for p in points]
    assert xs == sorted(xs)
    assert "at your 62.5%" in desc


@pytest.mark.parametrize("rate", [0, 99])
def test_clv_chart_at_the_ends(rate):
    result, svg = clv_chart("ru", retention_rate_pct=rate)
    root, _, desc = check_svg(svg, "ru")
    points = polyline_points(root, "chart-line")
    assert len(points) == 21
    (marker,) = elements(root, "chart-marker")
    assert (float(marker.get("cx")), float(marker.get("cy"))) == (points[0] if rate == 0 else points[-1])


def test_clv_chart_negative_margin():
    # m = 100 × 1 × 0.4 − 150 = −110: CLV falls from −100 to −1 000
    result, svg = clv_chart("ru", average_order=100, orders_per_year=1)
    root, _, desc = check_svg(svg, "ru")
    assert "снижается" in desc and "−100" in desc
    ticks = [e.text for e in elements(root, "chart-tick")]
    assert any(t.startswith("−") for t in ticks)
    result, svg = clv_chart("en", average_order=1, orders_per_year=1)
    assert "falls" in check_svg(svg, "en")[2]


def test_clv_chart_zero_margin():
    # m = 375 × 1 × 0.4 − 150 = 0
    result, svg = clv_chart("en", average_order=375, orders_per_year=1, retention_spend=150000,
                            retained_customers=1000, acquisition_spend=1)
    assert result.outputs["net_annual_margin"] == 0
    _, _, desc = check_svg(svg, "en")
    assert desc == "Customer lifetime value (CLV) is $0.00 at any retention rate: the margin after retention cost is zero."


def test_clv_chart_currency_is_a_label():
    result, svg = clv_chart("en", "EUR")
    assert "€154" in check_svg(svg, "en")[2]
    result, svg = clv_chart("ru", "KZT")
    assert "₸" in check_svg(svg, "ru")[2]


@pytest.mark.parametrize("values", [{"retained_customers": 0}, {"retention_rate_pct": "150"},
                                    {"discount_rate_pct": "abc"}, {"average_order": "-1"}])
def test_clv_chart_absent_without_data(values):
    assert clv_chart("ru", **values)[1] is None


def test_clv_chart_ignores_inputs_it_does_not_draw():
    # CAC does not enter CLV: an invalid acquisition spend leaves the chart as it is
    assert clv_chart("ru", acquisition_spend="x")[1] == clv_chart("ru")[1]
    assert clv_chart("ru", new_customers=0)[1] == clv_chart("ru")[1]


def test_clv_chart_escapes_hostile_labels(monkeypatch):
    monkeypatch.setitem(AVR.output_by_key["clv"].label, "en", HOSTILE)
    monkeypatch.setitem(AVR.input_by_name["retention_rate_pct"].label, "en", HOSTILE)
    result, svg = clv_chart("en")
    root, title, desc = check_svg(svg, "en")
    clean = HOSTILE.replace("\x00", "").replace("\x07", "")
    assert title == clean + " across retention rates"
    assert desc.startswith(clean + " rises")
    assert "<script>" not in svg
    assert any(e.text == clean for e in elements(root, "chart-axis-title"))


@given(floats(0, 1e6), floats(0, 99), floats(0, 100), st.integers(0, 10 ** 9))
@settings(max_examples=150, deadline=None)
def test_clv_chart_any_input(order, rate, discount, retained):
    result, svg = clv_chart("en", average_order=order, retention_rate_pct=rate, discount_rate_pct=discount,
                            retained_customers=retained)
    if retained == 0:
        assert svg is None
        return
    root, _, _ = check_svg(svg, "en")
    (marker,) = elements(root, "chart-marker")
    assert float(marker.get("data-x")) == rate
    assert (float(marker.get("cx")), float(marker.get("cy"))) in polyline_points(root, "chart-line")


# --- conversion_funnel ---------------------------------------------------------------------------------------------------

def test_funnel_ru_defaults():
    calculator = get("conversion_funnel")
    result = evaluate(calculator, {"visitors": 20000, "lead_rate_pct": 5, "sale_rate_pct": 20}, "ru")
    svg = funnel(result)
    root, title, desc = check_svg(svg, "ru")
    bars = elements(root, "chart-bar")
    # 20 000 reached → 20 000 × 5 % = 1 000 leads → 1 000 × 20 % = 200 customers
    assert [float(b.get("data-value")) for b in bars] == [20000, 1000, 200]
    widths = [float(b.get("width")) for b in bars]
    assert widths[1] == pytest.approx(widths[0] * 0.05, abs=0.1)
    assert widths[2] == pytest.approx(widths[0] * 0.01, abs=0.1)
    values = [e.text for e in elements(root, "chart-value")]
    assert values == ["20" + NBSP + "000", "1" + NBSP + "000 · 5" + NBSP + "%", "200 · 20" + NBSP + "%"]
    assert "20" + NBSP + "000" in desc and "(5" + NBSP + "% от предыдущего этапа)" in desc
    assert desc.endswith("Итоговая конверсия из охвата в покупку — 1" + NBSP + "%.")
    labels = [e.text for e in elements(root, "chart-label")]
    assert labels == [calculator.input_by_name["visitors"].label["ru"],
                      calculator.output_by_key["leads"].label["ru"],
                      calculator.output_by_key["customers"].label["ru"]]


def test_funnel_en_fractional_people():
    calculator = get("conversion_funnel")
    result = evaluate(calculator, {"visitors": 1000, "lead_rate_pct": "2.5", "sale_rate_pct": 10}, "en")
    root, title, desc = check_svg(funnel(result), "en")
    # 1 000 × 2.5 % = 25 leads; 25 × 10 % = 2.5 customers (an expectation, kept unrounded)
    assert [float(b.get("data-value")) for b in elements(root, "chart-bar")] == [1000, 25, 2.5]
    assert "2.5 · 10%" in [e.text for e in elements(root, "chart-value")]
    assert desc.endswith("Overall conversion from reach to purchase: 0.25%.")


def test_funnel_with_nobody_converting():
    calculator = get("conversion_funnel")
    result = evaluate(calculator, {"visitors": 1000, "lead_rate_pct": 0}, "en")
    root, _, _ = check_svg(funnel(result), "en")
    assert [float(b.get("width")) for b in elements(root, "chart-bar")][1:] == [0, 0]


@pytest.mark.parametrize("values", [{"visitors": 0}, {"visitors": "x"}, {"lead_rate_pct": "101"},
                                    {"sale_rate_pct": ""}])
def test_funnel_absent_without_data(values):
    result = evaluate(get("conversion_funnel"), values, "ru")
    assert funnel(result) is None


def test_funnel_escapes_hostile_labels(monkeypatch):
    calculator = get("conversion_funnel")
    monkeypatch.setitem(calculator.output_by_key["leads"].label, "ru", HOSTILE)
    root, _, desc = check_svg(funnel(evaluate(calculator, {}, "ru")), "ru")
    assert HOSTILE.replace("\x00", "").replace("\x07", "") in desc


@given(st.integers(0, 10 ** 9), floats(0, 100), floats(0, 100))
@settings(max_examples=100, deadline=None)
def test_funnel_any_input(visitors, lead, sale):
    result = evaluate(get("conversion_funnel"), {"visitors": visitors, "lead_rate_pct": lead,
                                                 "sale_rate_pct": sale}, "en")
    svg = funnel(result)
    if visitors == 0:
        assert svg is None
    else:
        root, _, _ = check_svg(svg, "en")
        widths = [float(b.get("width")) for b in elements(root, "chart-bar")]
        assert widths[0] >= widths[1] >= widths[2] >= 0


# --- referral_payback ---------------------------------------------------------------------------------------------------

def referral(lang="en", **values):
    calculator = get("referral_payback")
    result = evaluate(calculator, values, lang)
    return result, referral_payback(result)


def monthly_margin(result):
    v = result.values
    return result.outputs["incremental_customers"] * v["average_order"] * (v["gross_margin_pct"] / 100) \
        * v["orders_per_year"] / 12


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_referral_chart_defaults(lang):
    result, svg = referral(lang)
    root, title, desc = check_svg(svg, lang)
    monthly = monthly_margin(result)
    cost = result.outputs["total_cost"]
    points = polyline_points(root, "chart-margin")
    assert len(points) == 13 and points[0][0] < points[-1][0]
    (cost_line,) = elements(root, "chart-cost")
    assert cost_line.get("y1") == cost_line.get("y2")
    markers = elements(root, "chart-marker")
    if monthly > 0 and cost <= 12 * monthly:
        # the month in which the cumulative margin first covers the cost
        month = 1
        while monthly * month < cost:
            month += 1
        (marker,) = markers
        assert marker.get("data-month") == str(month)
        assert float(marker.get("data-x")) == pytest.approx(cost / monthly)
        assert str(month) in desc
    else:
        assert markers == []


def test_referral_chart_hand_computed():
    # 1 000 customers × 10 % × 2 referrals × 50 % = 100 referred, all incremental;
    # margin 100 × $50 × 40 % × 6 orders / 12 = $1 000 a month.
    values = {"customers": 1000, "participation_pct": 10, "referrals_per_referrer": 2,
              "referral_conversion_pct": 50, "incremental_pct": 100, "average_order": 50,
              "gross_margin_pct": 40, "orders_per_year": 6}
    result = evaluate(get("referral_payback"), values, "en")
    assert monthly_margin(result) == pytest.approx(1000)
    cost = result.outputs["total_cost"]
    svg = referral_payback(result)
    root, _, desc = check_svg(svg, "en")
    assert "$12,000 in 12 months" in desc
    if cost <= 12000:
        month = max(1, -int(-cost // 1000))
        assert elements(root, "chart-marker")[0].get("data-month") == str(month)
        assert desc.endswith("the programme pays back in month %d." % month)


def test_referral_chart_never_pays_back():
    result, svg = referral("ru", program_cost=10 ** 12)
    root, _, desc = check_svg(svg, "ru")
    assert elements(root, "chart-marker") == []
    assert desc.endswith("за 12 месяцев программа не окупается.")


def test_referral_chart_absent_without_data():
    assert referral("en", customers=0)[1] is None or monthly_margin(referral("en", customers=0)[0]) == 0
    assert referral("en", gross_margin_pct="abc")[1] is None
    assert referral("en", orders_per_year="-1")[1] is None


def test_referral_chart_escapes_hostile_labels(monkeypatch):
    monkeypatch.setitem(get("referral_payback").output_by_key["total_cost"].label, "en", HOSTILE)
    result, svg = referral("en")
    root, _, _ = check_svg(svg, "en")
    clean = HOSTILE.replace("\x00", "").replace("\x07", "")
    assert any(e.text.startswith(clean + ": $") for e in elements(root, "chart-cost-label"))


# --- referral_payback on a stand-in result: the outputs it draws set directly ------------------------------

class _StandIn:
    """Just what the chart reads from a calculator: the label of ``total_cost``."""

    def __init__(self):
        from calculators.core import Output
        self.output_by_key = {"total_cost": Output("total_cost", "money", {"ru": "Затраты на программу",
                                                                          "en": "Total cost"}, ("x",))}


def stand_in(lang, incremental, cost, average_order=50, margin=40, orders=6, errors=None):
    from calculators.core import Result
    values = {"average_order": float(average_order), "gross_margin_pct": float(margin),
              "orders_per_year": float(orders)}
    outputs = {"incremental_customers": incremental, "total_cost": cost}
    return Result(_StandIn(), lang, {"ru": "RUB", "en": "USD"}[lang], values, errors or {}, outputs)


@pytest.mark.parametrize("cost, month", [(4500.0, 5), (5000.0, 5), (12000.0, 12), (0.0, 1), (300.0, 1)])
def test_referral_chart_break_even_month(cost, month):
    # 100 incremental customers × $50 × 40 % × 6 orders / 12 = $1 000 of margin a month
    svg = referral_payback(stand_in("en", 100.0, cost))
    root, title, desc = check_svg(svg, "en")
    assert title == "Programme payback, month by month"
    points = polyline_points(root, "chart-margin")
    assert len(points) == 13
    (marker,) = elements(root, "chart-marker")
    assert marker.get("data-month") == str(month)
    assert float(marker.get("data-x")) == cost / 1000
    assert desc.endswith("the programme pays back in month %d." % month)
    assert "reaches $12,000 in 12 months" in desc
    # the marker sits on the cost line
    (line,) = elements(root, "chart-cost")
    assert marker.get("cy") == line.get("y1") == line.get("y2")


def test_referral_chart_ru_never_pays_back():
    svg = referral_payback(stand_in("ru", 100.0, 12000.5))
    root, title, desc = check_svg(svg, "ru")
    assert elements(root, "chart-marker") == []
    assert desc == ("Накопленная маржа приростных клиентов за 12 месяцев достигает 12" + NBSP + "000"
                    + NBSP + "₽ при затратах 12" + NBSP + "001" + NBSP + "₽; за 12 месяцев программа не окупается.")
    assert "Затраты на программу: 12" + NBSP + "001" + NBSP + "₽" in [e.text for e in elements(root, "chart-cost-label")]


def test_referral_chart_without_data():
    from calculators.core import Unavailable
    assert referral_payback(stand_in("en", Unavailable("x"), 100.0)) is None
    assert referral_payback(stand_in("en", 10.0, Unavailable("x"))) is None
    assert referral_payback(stand_in("en", 0.0, 0.0)) is None
    assert referral_payback(stand_in("en", 10.0, 10.0, errors={"gross_margin_pct": object()})) is None
    # no margin but a cost: a flat line under the cost, never paying back
    root, _, desc = check_svg(referral_payback(stand_in("en", 0.0, 500.0)), "en")
    assert desc.endswith("does not pay back within 12 months.")


@given(floats(0, 1e9), floats(0, 1e12), floats(0, 1e12), floats(0, 100), floats(0, 1e4))
@settings(max_examples=150, deadline=None)
def test_referral_chart_any_numbers(incremental, cost, order, margin, orders):
    svg = referral_payback(stand_in("en", incremental, cost, order, margin, orders))
    if svg is None:
        return
    root, _, _ = check_svg(svg, "en")
    ys = [p[1] for p in polyline_points(root, "chart-margin")]
    assert ys == sorted(ys, reverse=True)  # cumulative margin never falls (y grows downwards)


# --- A beside B ------------------------------------------------------------------------------------------------

# For each chart: its calculator, B's inputs (A is the defaults), and A's own parts: (class, attribute read
# back, what it must equal on A's result).
COMPARED = {
    "clv_by_retention": ("acquisition_vs_retention", {"retention_rate_pct": "75", "average_order": "3000"}),
    "funnel": ("conversion_funnel", {"visitors": "30000", "lead_rate_pct": "3"}),
    "referral_payback": ("referral_payback", {"customers": "1500", "program_cost": "20000"}),
    "service_level_chart": ("call_staffing", {"calls_per_hour": "150"}),
}


def compared(chart, lang, names=("Now", "Plan"), a_values=None, b_values=None):
    name, values = COMPARED[chart]
    calculator = get(name)
    b = evaluate(calculator, values if b_values is None else b_values, lang)
    a = evaluate(calculator, a_values or {}, lang)
    return calculator, a, b, calculator.chart(b, a, names)


@pytest.mark.parametrize("chart", sorted(COMPARED))
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_chart_draws_a_beside_b(chart, lang):
    names = ("Сейчас", "План") if lang == "ru" else ("Now", "Plan")
    calculator, a, b, svg = compared(chart, lang, names)
    assert calculator.chart.__name__ == chart
    root, title, desc = check_svg(svg, lang)
    alone = check_svg(calculator.chart(b), lang)
    assert title == alone[1]
    letters = ("А", "Б") if lang == "ru" else ("A", "B")
    # the description tells both scenarios by letter and name, B's own sentence as it was
    scenario = "Сценарий " if lang == "ru" else "Scenario "
    assert desc.startswith(scenario + letters[1] + " · " + names[1] + ": " + alone[2])
    assert (" " + scenario + letters[0] + " · " + names[0] + ": ") in desc
    # the legend names both; A's parts are there, dashed or hollow, and B's are what they were
    legend = [e.text for e in root.iter() if "chart-legend-text" in e.get("class", "") or
              "chart-axis-title" in e.get("class", "")]
    assert any(letters[0] + " · " + names[0] in (t or "") for t in legend), legend
    assert any(letters[1] + " · " + names[1] in (t or "") for t in legend), legend
    parts = elements(root, "chart-a")
    assert parts
    assert all(e.get("stroke-dasharray") or e.get("fill") == "none" or e.tag == SVG + "text" for e in parts)
    for cls in ("chart-bar", "chart-line", "chart-margin", "chart-marker"):
        assert len(elements(root, cls)) >= len(elements(alone[0], cls)) if cls == "chart-bar" else \
            len(elements(root, cls)) == len(elements(alone[0], cls))
    # A's drawn values are A's
    if chart == "clv_by_retention":
        (ring,) = elements(root, "chart-a-marker")
        assert float(ring.get("data-x")) == a.values["retention_rate_pct"]
        assert float(ring.get("data-y")) == a.outputs["clv"]
        (curve,) = [e for e in elements(root, "chart-a-line") if e.tag == SVG + "polyline"]
        assert len(curve.get("points").split()) == 21
    elif chart == "funnel":
        bars = elements(root, "chart-a-bar")
        assert [float(e.get("data-value")) for e in bars] == [a.values["visitors"], a.outputs["leads"],
                                                              a.outputs["customers"]]
        # one scale for both: the wider reach fills the same width
        widest = max(float(e.get("width")) for e in elements(root, "chart-bar") + bars)
        assert float(elements(root, "chart-bar")[0].get("width")) == widest
    elif chart == "referral_payback":
        (line,) = [e for e in elements(root, "chart-a-margin") if e.tag == SVG + "polyline"]
        assert len(line.get("points").split()) == 13
        (cost,) = elements(root, "chart-a-cost")
        assert cost.get("y1") == cost.get("y2")
        rings = elements(root, "chart-a-marker")
        assert [r.get("data-month") for r in rings] == ([] if not rings else [rings[0].get("data-month")])
    else:
        bars = elements(root, "chart-a-bar")
        assert [e for e in bars if "chart-a-current" in e.get("class")][0].get("data-agents") == \
            str(int(a.outputs["agents_needed"]))
        assert "…" in [e.text for e in elements(root, "chart-tick")]  # 14 and 55 agents: two runs


@pytest.mark.parametrize("chart", sorted(COMPARED))
def test_a_chart_without_a_or_with_an_unusable_a_is_drawn_as_before(chart):
    name, values = COMPARED[chart]
    calculator = get(name)
    b = evaluate(calculator, values, "en")
    svg = calculator.chart(b)
    assert calculator.chart(b, None, ("x", "y")) == svg
    broken = dict((spec.name, "x") for spec in calculator.inputs)
    assert calculator.chart(b, evaluate(calculator, broken, "en"), ("x", "y")) == svg
    # A in another language is not drawn beside B
    assert calculator.chart(b, evaluate(calculator, {}, "ru"), ("x", "y")) == svg


@pytest.mark.parametrize("chart", sorted(COMPARED))
def test_names_in_a_chart_are_text_and_fit(chart):
    hostile = ("<script>alert('a')</script> & \"A\"", "]]> <b>B</b> " + "x" * 60)
    calculator, a, b, svg = compared(chart, "en", hostile)
    root, _, desc = check_svg(svg, "en")
    assert "<script>" not in svg and "<b>" not in svg
    assert hostile[0] in desc and hostile[1] in desc
    for element in root.iter():
        if element.tag == SVG + "text":
            x = float(element.get("x"))
            anchor = element.get("text-anchor")
            start = x - (charts._text_width(element.text) if anchor == "end" else 0)
            if "chart-legend-text" in element.get("class") or "chart-axis-title" in element.get("class"):
                assert start + charts._text_width(element.text) <= charts.WIDTH + 1, element.text


def test_close_staffing_scenarios_share_one_axis():
    calculator, a, b, svg = compared("service_level_chart", "en", ("", ""), {"calls_per_hour": "140"},
                                     {"calls_per_hour": "150"})
    root, _, desc = check_svg(svg, "en")
    assert "…" not in [e.text for e in elements(root, "chart-tick")]
    counts = sorted(set(int(e.get("data-agents")) for e in elements(root, "chart-bar") + elements(root, "chart-a-bar")))
    assert counts == list(range(counts[0], counts[-1] + 1))
    needed = (int(a.outputs["agents_needed"]), int(b.outputs["agents_needed"]))
    assert needed[0] != needed[1] and all(counts[0] <= m <= counts[-1] for m in needed)
    assert desc.startswith("Scenario B: ") and " Scenario A: " in desc


def test_charts_beside_a_are_the_same_on_micropython():
    import os
    import sys
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from micropython_check import run_both

    code = r'''
import json
from calculators import registry
from calculators.core import evaluate
cases = [("acquisition_vs_retention", {"retention_rate_pct": "75", "average_order": "3000"}, {}),
         ("acquisition_vs_retention", {"average_order": "100", "orders_per_year": "1"}, {"retention_rate_pct": "99"}),
         ("conversion_funnel", {"visitors": "30000", "lead_rate_pct": "3"}, {"visitors": "1"}),
         ("referral_payback", {"customers": "1500", "program_cost": "20000"}, {"program_cost": "1000000000"}),
         ("call_staffing", {"calls_per_hour": "150"}, {}),
         ("call_staffing", {"calls_per_hour": "150"}, {"calls_per_hour": "140"})]
out = []
for name, b_values, a_values in cases:
    c = registry.get(name)
    for lang in ("ru", "en"):
        b, a = evaluate(c, b_values, lang), evaluate(c, a_values, lang)
        out.append(c.chart(b, a, ("<b>Сейчас</b> & 😀", "x" * 50)))
        out.append(c.chart(b, a, None))
print(json.dumps(out))
'''
    cpython, micro = run_both(code)
    assert all(cpython) and micro == cpython
