"""The horizontal bar charts of customer_value (waterfall), word_of_mouth, affiliate_commission and
bonus_uptake: well-formed SVG with a text alternative in both languages, bars that follow the numbers,
nothing drawn from unavailable outputs or invalid inputs, and no NaN or Infinity for any valid input.

The structure every chart shares (role, title, desc, plain coordinates, no colours) is checked by
``check_svg`` from test_charts.py.
"""

import re

import pytest
from hypothesis import given, settings

from calcstrategies import MINUS, NBSP, SETTINGS, inputs_strategy
from calculators import charts
from calculators.affiliate_commission import CALCULATOR as AFFILIATE
from calculators.affiliate_commission import commission_chart
from calculators.bonus_uptake import CALCULATOR as BONUS
from calculators.bonus_uptake import lift_chart, points
from calculators.core import evaluate
from calculators.customer_value import CALCULATOR as CUSTOMER_VALUE
from calculators.customer_value import waterfall_chart
from calculators.word_of_mouth import CALCULATOR as WORD_OF_MOUTH
from calculators.word_of_mouth import return_chart
from test_charts import SVG, check_svg, elements

LANGS = ("ru", "en")
RUB = NBSP + "₽"


def chart(calculator, lang="ru", **values):
    result = evaluate(calculator, values, lang)
    return result, calculator.chart(result)


def bars(root, cls="chart-bar"):
    """{data-row: rect} of B's bars (``cls="chart-a-bar"``: A's); the overlay of a commission's excess left out."""
    return dict((e.get("data-row"), e) for e in root.iter(SVG + "rect")
                if e.get("data-row") and cls in e.get("class").split())


def span(rect):
    x, width = float(rect.get("x")), float(rect.get("width"))
    return x, x + width


def zero_x(root):
    (axis,) = [e for e in root.iter(SVG + "line") if "chart-zero" in e.get("class", "").split()]
    assert axis.get("x1") == axis.get("x2")
    return float(axis.get("x1"))


def values_shown(root):
    return [e.text for e in root.iter(SVG + "text") if e.get("class") == "chart-value"]


def headings(root):
    """The bold lines above the panels, joined (a long heading wraps onto several lines)."""
    return " ".join(e.text for e in elements(root, "chart-heading"))


def check_bars(root):
    """What every bar chart of these four promises: the viewBox is the bar charts' width, every bar
    lies inside it, and in each panel (rows on one scale) lengths are proportional to the amounts (a
    bigger amount, a longer bar) on one zero axis.  Returns ({data-row: rect}, the first panel's zero)."""
    assert root.get("viewBox").startswith("0 0 %d " % charts.BAR_WIDTH)
    panels = [g for g in root.iter(SVG + "g") if g.get("class") == "chart-panel"]
    assert panels
    found = {}
    zeros = []
    for panel in panels:
        rects = bars(panel)
        assert rects
        zeros.append(zero_x(panel))
        scale = None
        for key, rect in rects.items():
            x1, x2 = span(rect)
            assert 0 <= x1 <= x2 <= charts.BAR_WIDTH, (key, x1, x2)
            amount = abs(float(rect.get("data-value")))
            width = x2 - x1
            if amount == 0:
                assert width == 0, key
                continue
            assert width > 0, key
            if width >= 20:  # narrower bars may be held at the minimum width or rounded to 0.1 unit
                ratio = width / amount
                if scale is None:
                    scale = ratio
                assert ratio == pytest.approx(scale, rel=0.02), (key, width, amount)
        found.update(rects)
    legend = [e for e in root.iter(SVG + "rect") if "chart-legend" in e.get("class").split()]
    a_bars = [e for e in root.iter(SVG + "rect") if "chart-a-bar" in e.get("class").split()]
    excess = [e for e in root.iter() if e.get("data-excess")]
    assert len(found) == len(list(root.iter(SVG + "rect"))) - len(excess) - len(a_bars) - len(legend) + \
        len([e for e in legend if e in a_bars])
    return found, zeros[0]


def no_nonfinite(svg):
    assert not re.search(r"\b(nan|inf|infinity|undefined|null)\b", svg.lower()), svg
    assert "None" not in svg


# --- shared helpers ---------------------------------------------------------------------------------------------------

def test_wrap_cuts_at_spaces_only():
    assert charts.wrap("one two three", 1000) == ["one two three"]
    text = "Клиент через рассказы на 16,7" + NBSP + "% дешевле, чем из рекламы"
    lines = charts.wrap(text, 250)
    assert len(lines) == 3 and " ".join(lines) == text
    assert "16,7" + NBSP + "%" in lines[1]  # a no-break space holds the number to its unit
    assert all(charts._bar_text_width(line) <= 250 for line in lines)
    assert charts.wrap("averyveryverylongwordthatdoesnotfit", 50) == ["averyveryverylongwordthatdoesnotfit"]


def test_bar_money_drops_cents_only_when_whole():
    result = evaluate(CUSTOMER_VALUE, {}, "en")
    assert charts.bar_money(30.0, result) == "$30"
    assert charts.bar_money(12.5, result) == "$12.50"
    assert charts.bar_money(1234.56, result) == "$1,235"
    assert charts.bar_money(0.0, result) == "$0"
    assert charts.bar_money(-0.0, result) == "$0"


def test_drawable_refuses_what_cannot_be_scaled():
    from calculators.core import Unavailable
    assert charts.drawable((0.0, -5.0, 1e300))
    assert not charts.drawable((1.0, Unavailable("x")))
    assert not charts.drawable((float("nan"),))
    assert not charts.drawable((float("inf"),))
    assert not charts.drawable((-1e301,))
    assert not charts.drawable((None,))


# --- customer_value: the waterfall -------------------------------------------------------------------------------------

def test_customer_value_declares_its_chart():
    assert CUSTOMER_VALUE.chart is waterfall_chart


def test_waterfall_ru_defaults():
    # 120 000 ₽ × 40 % = 48 000 ₽ gross profit (72 000 ₽ cost of goods); 20 h × 800 ₽ = 16 000 ₽ of staff
    # time; 10 000 ₽ other costs; 48 000 − 26 000 = 22 000 ₽ net
    result, svg = chart(CUSTOMER_VALUE, "ru")
    root, title, desc = check_svg(svg, "ru")
    rects, zero = check_bars(root)
    assert list(rects) == ["revenue", "goods", "gross", "time", "other", "net"]
    assert [float(r.get("data-value")) for r in rects.values()] == [120000, -72000, 48000, -16000, -10000, 22000]
    assert values_shown(root) == ["120" + NBSP + "000" + RUB, MINUS + "72" + NBSP + "000" + RUB,
                                  "48" + NBSP + "000" + RUB, MINUS + "16" + NBSP + "000" + RUB,
                                  MINUS + "10" + NBSP + "000" + RUB, "22" + NBSP + "000" + RUB]
    assert title == "От выручки к чистой ценности клиента за год"
    assert desc == ("Выручка 120" + NBSP + "000" + RUB + " минус себестоимость 72" + NBSP + "000" + RUB
                    + " — валовая прибыль 48" + NBSP + "000" + RUB + "; минус время сотрудников 16" + NBSP + "000"
                    + RUB + " и прочие расходы 10" + NBSP + "000" + RUB + " — чистая ценность клиента за год 22"
                    + NBSP + "000" + RUB + ". Клиент приносит деньги.")
    # each step starts where the one before it ended
    revenue, goods, gross, time, other, net = [span(r) for r in rects.values()]
    assert revenue[0] == gross[0] == net[0] == zero
    assert goods[1] == revenue[1] and goods[0] == gross[1]
    assert time[1] == gross[1] and other[1] == time[0] and net[1] == pytest.approx(other[0], abs=0.1)
    for key in ("goods", "time", "other"):
        assert "chart-step" in rects[key].get("class").split()
    assert "chart-negative" not in svg
    # the dashed connectors: one into each row after the first, at the previous row's end
    guides = [e for e in root.iter(SVG + "line") if "chart-guide" in e.get("class", "").split()]
    assert [float(g.get("x1")) for g in guides] == pytest.approx([revenue[1], gross[1], gross[1], time[0],
                                                                  other[0]], abs=0.1)


def test_waterfall_en_negative_net_runs_left_of_zero():
    # $2,400 × 40 % = $960; 20 h × $16 = $320; $900 other: 960 − 1 220 = −$260
    result, svg = chart(CUSTOMER_VALUE, "en", other_costs=900)
    root, title, desc = check_svg(svg, "en")
    rects, zero = check_bars(root)
    assert title == "From revenue to the customer's net value per year"
    net = rects["net"]
    assert "chart-negative" in net.get("class").split()
    x1, x2 = span(net)
    assert x2 == zero and x1 < zero
    assert float(net.get("data-value")) == -260
    assert values_shown(root)[-1] == MINUS + "$260"
    assert desc.endswith("the customer's net value for the year is " + MINUS + "$260. The customer loses money: "
                         "serving them costs more than they bring.")
    # zero is marked under its axis when the scale goes below it
    assert "0" in [e.text for e in elements(root, "chart-tick")]
    # every other bar lies right of zero, the costs never past the revenue
    for key in ("revenue", "goods", "gross", "time"):
        assert span(rects[key])[0] >= zero
    assert span(rects["other"])[0] < zero < span(rects["other"])[1]


def test_waterfall_without_costs_and_at_break_even():
    result, svg = chart(CUSTOMER_VALUE, "ru", service_hours=0, other_costs=0)
    root, _, desc = check_svg(svg, "ru")
    rects, _ = check_bars(root)
    assert float(rects["time"].get("width")) == 0 and float(rects["other"].get("width")) == 0
    assert values_shown(root)[3:5] == ["0" + RUB, "0" + RUB]
    # 48 000 ₽ gross profit, 38 000 ₽ other costs, 10 000 ₽ of staff time: exactly zero
    result, svg = chart(CUSTOMER_VALUE, "en", service_hours=20, hourly_cost=16, other_costs=640)
    assert result.outputs["net_value"] == 0
    root, _, desc = check_svg(svg, "en")
    assert desc.endswith("The customer exactly pays their way.")
    assert float(bars(root)["net"].get("width")) == 0


def test_waterfall_keeps_its_order_whatever_the_size():
    # a bigger revenue, the rest the same: the revenue bar stays the longest and the net bar grows
    _, small = chart(CUSTOMER_VALUE, "en", annual_revenue=2400)
    _, large = chart(CUSTOMER_VALUE, "en", annual_revenue=24000)
    small_net = float(bars(check_svg(small, "en")[0])["net"].get("width"))
    large_net = float(bars(check_svg(large, "en")[0])["net"].get("width"))
    assert large_net > small_net


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("values", [{"annual_revenue": "x"}, {"gross_margin_pct": "101"}, {"service_hours": "-1"},
                                    {"hourly_cost": ""}, {"other_costs": "1e5"}])
def test_waterfall_absent_when_an_input_is_invalid(lang, values):
    assert chart(CUSTOMER_VALUE, lang, **values)[1] is None


def test_waterfall_at_the_limits():
    result, svg = chart(CUSTOMER_VALUE, "en", annual_revenue=1e12, gross_margin_pct=100, service_hours=1e6,
                        hourly_cost=1e12, other_costs=1e12)
    root, _, desc = check_svg(svg, "en")
    rects, zero = check_bars(root)
    no_nonfinite(svg)
    assert span(rects["net"])[1] == zero
    result, svg = chart(CUSTOMER_VALUE, "ru", annual_revenue=0, gross_margin_pct=0, service_hours=0, hourly_cost=0,
                        other_costs=0)
    root, _, desc = check_svg(svg, "ru")
    assert all(float(r.get("width")) == 0 for r in bars(root).values())
    assert desc.endswith("Клиент ровно окупает себя.")


@given(inputs_strategy(CUSTOMER_VALUE))
@settings(max_examples=150, **SETTINGS)
def test_waterfall_any_valid_input(values):
    for lang in LANGS:
        result, svg = chart(CUSTOMER_VALUE, lang, **values)
        root, _, _ = check_svg(svg, lang)
        rects, zero = check_bars(root)
        no_nonfinite(svg)
        assert (span(rects["net"])[0] < zero) == (result.outputs["net_value"] < 0 and
                                                   float(rects["net"].get("width")) > 0)


# --- word_of_mouth: the charm budget against what its stories bring ----------------------------------------------------

def test_word_of_mouth_declares_its_chart():
    assert WORD_OF_MOUTH.chart is return_chart


def test_return_chart_ru_defaults():
    # 30 000 ₽ ÷ 500 ₽ = 60 gestures; 60 × 5 × 8 % = 24 new customers × 7 700 ₽ = 184 800 ₽;
    # ROE (184 800 − 30 000) ÷ 30 000 = 516 %; 30 000 ÷ 24 = 1 250 ₽ a customer against 1 500 ₽ paid: 16.7 % less
    result, svg = chart(WORD_OF_MOUTH, "ru")
    root, title, desc = check_svg(svg, "ru")
    rects, _ = check_bars(root)
    assert list(rects) == ["spent", "value", "word", "paid"]
    assert [float(r.get("data-value")) for r in rects.values()] == [30000, 184800, 1250, 1500]
    assert headings(root) == ("Отдача от впечатлений (ROE): 516" + NBSP + "% Клиент через рассказы на 16,7" + NBSP
                              + "% дешевле, чем из рекламы")
    assert desc == ("На жесты потрачено 30" + NBSP + "000" + RUB + ", а новые клиенты, которых приводят рассказы о "
                    "них (24), стоят 184" + NBSP + "800" + RUB + ": отдача от впечатлений (ROE) — 516" + NBSP
                    + "%. Один новый клиент через рассказы обходится в 1" + NBSP + "250" + RUB
                    + ", из платных каналов — в 1" + NBSP + "500" + RUB + ": на 16,7" + NBSP + "% дешевле.")
    assert "chart-negative" not in svg
    # two panels, each on its own scale: the larger of each pair spans the whole width
    assert span(rects["value"])[1] == span(rects["paid"])[1] == charts.BAR_WIDTH - 6
    assert span(rects["spent"])[1] < span(rects["value"])[1]
    assert span(rects["word"])[1] < span(rects["paid"])[1]


def test_return_chart_en_dearer_than_paid_and_a_loss():
    # $600 ÷ $10 = 60 gestures × 1 person × 8 % = 4.8 customers × $154 = $739.20: ROE 23.2 %;
    # $600 ÷ 4.8 = $125 a customer against $30 paid: 316.7 % more
    result, svg = chart(WORD_OF_MOUTH, "en", people_told=1)
    root, title, desc = check_svg(svg, "en")
    rects, _ = check_bars(root)
    assert title == "The charm budget against the value of the customers its stories bring"
    assert headings(root) == ("Return on experience (ROE): 23.2% A customer by word of mouth costs 316.7% more than "
                              "one from paid channels")
    assert "chart-negative" in rects["word"].get("class").split()
    assert desc.endswith("A new customer by word of mouth costs $125, one from paid channels $30: 316.7% more.")
    # the stories bring back less than the gestures cost: the value bar takes the loss colour
    _, svg = chart(WORD_OF_MOUTH, "en", clv=10)
    root, _, _ = check_svg(svg, "en")
    assert "chart-negative" in bars(root)["value"].get("class").split()
    assert headings(root).startswith("Return on experience (ROE): " + MINUS + "60% ")


@pytest.mark.parametrize("lang", LANGS)
def test_return_chart_without_new_customers_leaves_out_the_cost_per_customer(lang):
    result, svg = chart(WORD_OF_MOUTH, lang, people_told=0)
    root, _, desc = check_svg(svg, lang)
    rects, _ = check_bars(root)
    assert list(rects) == ["spent", "value"]
    assert float(rects["value"].get("width")) == 0
    assert headings(root) == ("Отдача от впечатлений (ROE): " + MINUS + "100" + NBSP + "%" if lang == "ru"
                              else "Return on experience (ROE): " + MINUS + "100%")


def test_return_chart_without_a_valid_paid_cac():
    root, _, desc = check_svg(chart(WORD_OF_MOUTH, "ru", paid_cac="abc")[1], "ru")
    assert list(bars(root)) == ["spent", "value"]  # not the default CAC in place of the typed one
    root, _, desc = check_svg(chart(WORD_OF_MOUTH, "en", paid_cac=0)[1], "en")
    assert list(bars(root)) == ["spent", "value", "word", "paid"]
    assert headings(root) == "Return on experience (ROE): 516% Cost of a new customer"
    assert desc.endswith("one from paid channels $0.")


@pytest.mark.parametrize("values", [{"cost_per_gesture": 0}, {"charm_budget": 5}, {"charm_budget": "x"},
                                    {"clv": "-5"}, {"told_conversion_pct": "200"}])
def test_return_chart_absent_when_nothing_is_spent_or_an_input_is_invalid(values):
    for lang in LANGS:
        assert chart(WORD_OF_MOUTH, lang, **values)[1] is None


def test_return_chart_at_the_limits():
    # 1e14 gestures × 1e6 people: 1e20 new customers worth 1e32
    result, svg = chart(WORD_OF_MOUTH, "en", charm_budget=1e12, cost_per_gesture=0.01, people_told=1e6,
                        told_conversion_pct=100, clv=1e12, paid_cac=1e12)
    root, _, _ = check_svg(svg, "en")
    rects, _ = check_bars(root)
    no_nonfinite(svg)
    assert float(rects["spent"].get("width")) == 1.5  # tiny beside the value, still visible


@given(inputs_strategy(WORD_OF_MOUTH))
@settings(max_examples=150, **SETTINGS)
def test_return_chart_any_valid_input(values):
    for lang in LANGS:
        result, svg = chart(WORD_OF_MOUTH, lang, **values)
        if result.outputs["spent"] == 0 or not charts.drawable((result.outputs["roe_pct"],)):
            assert svg is None
            continue
        root, _, _ = check_svg(svg, lang)
        rects, _ = check_bars(root)
        no_nonfinite(svg)
        assert ("word" in rects) == charts.drawable((result.outputs["cost_per_new_customer"],))


# --- affiliate_commission: the commission against the margin and the paid CAC -----------------------------------------

def test_affiliate_commission_declares_its_chart():
    assert AFFILIATE.chart is commission_chart


def mark(root):
    (line,) = [e for e in root.iter(SVG + "line") if "chart-mark" in e.get("class", "").split()]
    assert line.get("x1") == line.get("x2")
    return line


@pytest.mark.parametrize("lang", LANGS)
def test_commission_chart_defaults(lang):
    # 3 000 × 30 % = 900 margin, 10 % = 300 to the partner, 600 kept; paid CAC 1 500 (en: 60, 18, 6, 12, 30)
    result, svg = chart(AFFILIATE, lang)
    root, title, desc = check_svg(svg, lang)
    rects, zero = check_bars(root)
    assert list(rects) == ["margin", "commission", "paid"]
    line = mark(root)
    assert float(line.get("x1")) == span(rects["margin"])[1]
    assert float(line.get("data-value")) == float(rects["margin"].get("data-value"))
    assert span(rects["commission"])[1] < span(rects["margin"])[1] < span(rects["paid"])[1]
    assert root.find(".//*[@data-excess]") is None
    if lang == "ru":
        assert [float(r.get("data-value")) for r in rects.values()] == [900, 300, 1500]
        assert headings(root) == "Вам остаётся 600" + RUB + " с каждой продажи"
        assert desc == ("С продажи на 3" + NBSP + "000" + RUB + " маржа — 900" + RUB + ", партнёру — 300" + RUB
                        + "; вам остаётся 600" + RUB + ". Клиент из платных каналов стоит 1" + NBSP + "500" + RUB
                        + ": партнёрский на 80" + NBSP + "% дешевле.")
        assert title == "Вознаграждение партнёру против маржи и цены клиента из рекламы"
    else:
        assert [float(r.get("data-value")) for r in rects.values()] == [18, 6, 30]
        assert headings(root) == "You keep $12 on each sale"
        assert desc == ("On an order of $60 the margin is $18 and the partner gets $6; you keep $12. A customer "
                        "from paid channels costs $30: a partner's customer costs 80% less.")


@pytest.mark.parametrize("lang", LANGS)
def test_commission_above_the_margin_shows_the_loss(lang):
    # a shop paying 40 % on a 25 % margin: 60 × 25 % = 15, 60 × 40 % = 24: 9 lost on each sale (ru: ×50)
    result, svg = chart(AFFILIATE, lang, average_order=60, gross_margin_pct=25, commission_pct=40, paid_cac=30)
    root, _, desc = check_svg(svg, lang)
    rects, _ = check_bars(root)
    (excess,) = [e for e in root.iter(SVG + "rect") if e.get("data-excess")]
    assert "chart-negative" in excess.get("class").split()
    assert float(excess.get("data-excess")) == 9
    assert float(excess.get("x")) == float(mark(root).get("x1")) == span(rects["margin"])[1]
    assert float(excess.get("x")) + float(excess.get("width")) == pytest.approx(span(rects["commission"])[1], abs=0.1)
    if lang == "ru":
        assert headings(root) == "Каждая продажа в убыток на 9" + RUB + ": вознаграждение больше маржи"
        assert "каждая продажа в убыток на 9" + RUB in desc and desc.endswith("партнёрский на 20" + NBSP + "% дешевле.")
    else:
        assert headings(root) == "Each sale loses $9: the commission is more than the margin"
        assert desc.endswith("each sale loses $9: the commission is more than the margin. A customer from paid "
                             "channels costs $30: a partner's customer costs 20% less.")


def test_commission_equal_to_the_margin_and_dearer_than_paid():
    result, svg = chart(AFFILIATE, "en", commission_pct=30, paid_cac=10)
    root, _, desc = check_svg(svg, "en")
    assert headings(root) == "The commission eats the whole margin: nothing is left on a sale"
    assert root.find(".//*[@data-excess]") is None
    assert desc.endswith("the commission eats the whole margin. A customer from paid channels costs $10: a "
                         "partner's customer costs 80% more.")
    result, svg = chart(AFFILIATE, "ru", paid_cac=0)
    root, _, desc = check_svg(svg, "ru")
    assert float(bars(root)["paid"].get("width")) == 0
    assert desc.endswith("Клиент из платных каналов стоит 0" + RUB + ".")


@pytest.mark.parametrize("values", [{"average_order": "x"}, {"gross_margin_pct": "-1"}, {"commission_pct": "101"},
                                    {"paid_cac": ""}, {"average_order": 0, "paid_cac": 0}])
def test_commission_chart_absent_without_data(values):
    for lang in LANGS:
        assert chart(AFFILIATE, lang, **values)[1] is None


def test_commission_chart_ignores_the_number_of_sales():
    assert chart(AFFILIATE, "ru", partner_sales="abc")[1] == chart(AFFILIATE, "ru")[1]


@given(inputs_strategy(AFFILIATE))
@settings(max_examples=150, **SETTINGS)
def test_commission_chart_any_valid_input(values):
    for lang in LANGS:
        result, svg = chart(AFFILIATE, lang, **values)
        margin = values["average_order"] * values["gross_margin_pct"] / 100
        if margin == 0 and result.outputs["commission_per_sale"] == 0 and values["paid_cac"] == 0:
            assert svg is None
            continue
        root, _, _ = check_svg(svg, lang)
        rects, _ = check_bars(root)
        no_nonfinite(svg)
        excess = root.find(".//*[@data-excess]")
        assert (excess is not None) == (result.outputs["commission_per_sale"] > margin)


# --- bonus_uptake: the lift needed against the lift expected -------------------------------------------------------------

def test_bonus_uptake_declares_its_chart():
    assert BONUS.chart is lift_chart


def test_points():
    assert points(4, "ru") == "4" + NBSP + "п." + NBSP + "п."
    assert points(4.1666, "ru") == "4,17" + NBSP + "п." + NBSP + "п."
    assert points(5.1000000000000005, "en") == "5.1" + NBSP + "points"
    assert points(1, "en") == "1" + NBSP + "point"
    assert points(-3, "en") == MINUS + "3" + NBSP + "points"
    assert points(0.004, "en") == "0" + NBSP + "points"


@pytest.mark.parametrize("lang", LANGS)
def test_lift_chart_defaults_pay_back(lang):
    # 500 × 20 % × 400 ₽ = 40 000 ₽ of bonus; 500 × 5 000 ₽ × 40 % = 1 000 000 ₽ per 100 points: 4 points needed;
    # 25 % − 20 % = 5 expected; 25 extra customers × 2 000 ₽ − 40 000 ₽ = +10 000 ₽ (en: +$200)
    result, svg = chart(BONUS, lang)
    root, title, desc = check_svg(svg, lang)
    rects, zero = check_bars(root)
    assert list(rects) == ["needed", "expected"]
    assert [float(r.get("data-value")) for r in rects.values()] == [4, 5]
    assert float(mark(root).get("x1")) == span(rects["needed"])[1] < span(rects["expected"])[1]
    assert "chart-negative" not in svg
    if lang == "ru":
        assert title == "Нужный прирост повторных покупок против ожидаемого"
        assert headings(root) == "Бонус окупается: итог за год +10" + NBSP + "000" + RUB
        assert values_shown(root) == ["4" + NBSP + "п." + NBSP + "п.", "5" + NBSP + "п." + NBSP + "п."]
        assert desc == ("Чтобы бонус окупился, доля повторных покупок должна вырасти на 4" + NBSP + "п." + NBSP
                        + "п.; ожидается рост на 5" + NBSP + "п." + NBSP + "п. (с 20" + NBSP + "% до 25" + NBSP
                        + "%). Бонус окупается: итог за год +10" + NBSP + "000" + RUB + ".")
    else:
        assert headings(root) == "The bonus pays back: +$200 a year"
        assert desc == ("To pay for the bonus the repeat rate must rise by 4" + NBSP + "points; the expected change "
                        "is a rise of 5" + NBSP + "points (from 20% to 25%). The bonus pays back: +$200 a year.")


@pytest.mark.parametrize("lang", LANGS)
def test_lift_chart_short_and_negative(lang):
    # 22 % with the bonus: 2 points expected of 4 needed
    result, svg = chart(BONUS, lang, repeat_rate_with_pct=22)
    root, _, desc = check_svg(svg, lang)
    rects, zero = check_bars(root)
    assert "chart-negative" in rects["expected"].get("class").split()
    assert span(rects["expected"])[1] < float(mark(root).get("x1"))
    assert headings(root).startswith("Бонус не окупается" if lang == "ru" else "The bonus does not pay back")
    # 15 % with the bonus: the repeat rate falls by 5 points, drawn left of zero
    result, svg = chart(BONUS, lang, repeat_rate_with_pct=15)
    root, _, desc = check_svg(svg, lang)
    rects, zero = check_bars(root)
    x1, x2 = span(rects["expected"])
    assert x2 == zero and x1 < zero
    assert float(rects["expected"].get("data-value")) == -5
    assert "0" in [e.text for e in elements(root, "chart-tick")]
    assert ("падение на 5" if lang == "ru" else "a fall of 5") in desc


@pytest.mark.parametrize("lang", LANGS)
def test_lift_chart_never_pays_back(lang):
    # 500 × 20 % × 100 000 = 10 000 000 against 1 000 000 per 100 points: 1 000 points needed, 80 possible
    result, svg = chart(BONUS, lang, bonus_cost_per_use=100000)
    assert result.outputs["break_even_lift_pp"].code == "never_pays_back"
    root, _, desc = check_svg(svg, lang)
    rects, _ = check_bars(root)
    assert float(rects["needed"].get("data-value")) == 80
    assert values_shown(root)[0] == ("больше 80" + NBSP + "п." + NBSP + "п." if lang == "ru" else "over 80" + NBSP
                                     + "points")
    legend = [e.text for e in elements(root, "chart-legend-label")]
    assert legend == (["Предел: повторно покупают все клиенты"] if lang == "ru"
                      else ["The limit: every customer buys again"])
    assert desc.startswith("Бонус не окупится никогда" if lang == "ru" else "The bonus can never pay back")


def test_lift_chart_free_bonus():
    root, _, desc = check_svg(chart(BONUS, "en", bonus_cost_per_use=0)[1], "en")
    rects, zero = check_bars(root)
    assert float(rects["needed"].get("width")) == 0 and float(mark(root).get("x1")) == zero


@pytest.mark.parametrize("values", [{"customers": 0}, {"average_order": 0}, {"gross_margin_pct": 0},
                                    {"uptake_pct": "x"}, {"repeat_rate_with_pct": "101"}, {"customers": "1,5"}])
def test_lift_chart_absent_without_data(values):
    for lang in LANGS:
        assert chart(BONUS, lang, **values)[1] is None


@given(inputs_strategy(BONUS))
@settings(max_examples=150, **SETTINGS)
def test_lift_chart_any_valid_input(values):
    for lang in LANGS:
        result, svg = chart(BONUS, lang, **values)
        needed = result.outputs["break_even_lift_pp"]
        if not charts.drawable((needed,)) and getattr(needed, "code", None) != "never_pays_back":
            assert svg is None
            continue
        root, _, _ = check_svg(svg, lang)
        rects, zero = check_bars(root)
        no_nonfinite(svg)
        expected = values["repeat_rate_with_pct"] - values["repeat_rate_without_pct"]
        assert float(rects["expected"].get("data-value")) == expected
        assert ("chart-negative" in rects["expected"].get("class", "")) == (result.outputs["net_effect"] < 0)


# --- every one of the four on its presets, in both languages -------------------------------------------------------------

@pytest.mark.parametrize("calculator", [CUSTOMER_VALUE, WORD_OF_MOUTH, AFFILIATE, BONUS], ids=lambda c: c.name)
def test_presets_draw_in_both_languages(calculator):
    for preset in sorted(calculator.presets):
        for lang in LANGS:
            values = calculator.presets[preset]["values"][lang]
            result = evaluate(calculator, values, lang)
            svg = calculator.chart(result)
            root, title, desc = check_svg(svg, lang)
            check_bars(root)
            no_nonfinite(svg)


# --- A beside B ---------------------------------------------------------------------------------------------------------

# For each chart: its calculator and B's inputs (A is the defaults, or the inputs given).
COMPARED = {
    "waterfall_chart": (CUSTOMER_VALUE, {"other_costs": "60000", "service_hours": "40"}),
    "return_chart": (WORD_OF_MOUTH, {"people_told": "2"}),
    "commission_chart": (AFFILIATE, {"commission_pct": "40", "gross_margin_pct": "25"}),
    "lift_chart": (BONUS, {"repeat_rate_with_pct": "22"}),
}
CHARTS = sorted(COMPARED)


def compared(chart_name, lang, names=("Now", "Plan"), a_values=None):
    calculator, values = COMPARED[chart_name]
    b = evaluate(calculator, values, lang)
    a = evaluate(calculator, a_values or {}, lang)
    return calculator, a, b, calculator.chart(b, a, names)


def texts_of(root, cls):
    return [e.text for e in root.iter(SVG + "text") if cls in e.get("class", "").split()]


@pytest.mark.parametrize("chart_name", CHARTS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_bar_chart_draws_a_beside_b(chart_name, lang):
    names = ("Сейчас", "План") if lang == "ru" else ("Now", "Plan")
    calculator, a, b, svg = compared(chart_name, lang, names)
    assert calculator.chart.__name__ == chart_name
    root, title, desc = check_svg(svg, lang)
    alone_root, alone_title, alone_desc = check_svg(calculator.chart(b), lang)
    assert title == alone_title
    letters = ("А", "Б") if lang == "ru" else ("A", "B")
    scenario = "Сценарий " if lang == "ru" else "Scenario "
    # the description: B's own sentence after its letter and name, then A's, as A alone would say it
    a_alone = check_svg(calculator.chart(a), lang)[2]
    assert desc == scenario + letters[1] + " · " + names[1] + ": " + alone_desc + " " + scenario + letters[0] + \
        " · " + names[0] + ": " + a_alone
    # the legend names both
    legend = texts_of(root, "chart-legend-text")
    assert legend == [letters[1] + " · " + names[1], letters[0] + " · " + names[0]]
    # B's bars are what they were, in value and order; A's bar under each, hollow and dashed, with A's values
    b_rects, _ = check_bars(root)
    alone_rects = bars(alone_root)
    assert [(k, r.get("data-value")) for k, r in b_rects.items()] == \
        [(k, r.get("data-value")) for k, r in alone_rects.items()]
    a_rects = bars(root, "chart-a-bar")
    a_alone_rects = bars(check_svg(calculator.chart(a), lang)[0])
    assert [(k, r.get("data-value")) for k, r in a_rects.items()] == \
        [(k, r.get("data-value")) for k, r in a_alone_rects.items() if k in b_rects]
    for rect in a_rects.values():
        assert rect.get("fill") == "none" and rect.get("stroke-dasharray") and "chart-a" in rect.get("class").split()
        assert float(rect.get("height")) < float(next(iter(b_rects.values())).get("height"))
    # one scale for both: the longest of all the first panel's bars, A's or B's, spans the width
    for key in a_rects:
        b_x1, b_x2 = span(b_rects[key])
        a_x1, a_x2 = span(a_rects[key])
        assert 0 <= a_x1 and a_x2 <= charts.BAR_WIDTH
    # A's value beside B's on each row: "A: …"
    a_values = texts_of(root, "chart-a-value")
    assert len(a_values) == len(a_rects) and all(t.startswith(letters[0] + ": ") for t in a_values)
    # A's reference line (margin, break-even) dash-dotted beside B's
    marks = [e for e in root.iter(SVG + "line") if "chart-mark" in e.get("class", "").split()]
    if chart_name in ("commission_chart", "lift_chart"):
        b_mark, a_mark = marks
        assert "chart-a" not in b_mark.get("class") and "chart-a" in a_mark.get("class").split()
        assert a_mark.get("stroke-dasharray") != b_mark.get("stroke-dasharray")
        key = "margin" if chart_name == "commission_chart" else "needed"
        if chart_name == "commission_chart":
            assert float(a_mark.get("data-value")) == a.values["average_order"] * a.values["gross_margin_pct"] / 100
        else:
            assert float(a_mark.get("data-value")) == a.outputs["break_even_lift_pp"]
        assert a_mark.get("data-mark") == key
    else:
        assert marks == []


@pytest.mark.parametrize("chart_name", CHARTS)
def test_a_bar_chart_without_a_or_with_an_unusable_a_is_drawn_as_before(chart_name):
    calculator, values = COMPARED[chart_name]
    b = evaluate(calculator, values, "en")
    svg = calculator.chart(b)
    assert calculator.chart(b, None, ("x", "y")) == svg
    broken = dict((spec.name, "x") for spec in calculator.inputs)
    assert calculator.chart(b, evaluate(calculator, broken, "en"), ("x", "y")) == svg
    assert calculator.chart(b, evaluate(calculator, {}, "ru"), ("x", "y")) == svg
    # and no chart for B means no chart, whatever A is
    assert calculator.chart(evaluate(calculator, broken, "en"), evaluate(calculator, {}, "en"), ("x", "y")) is None


@pytest.mark.parametrize("chart_name", CHARTS)
def test_names_in_a_bar_chart_are_text_and_fit(chart_name):
    hostile = ("<script>alert('a')</script> & \"A\"", "]]> <b>B</b> " + "x" * 60)
    calculator, a, b, svg = compared(chart_name, "en", hostile)
    root, _, desc = check_svg(svg, "en")
    assert "<script>" not in svg and "<b>" not in svg
    assert hostile[0] in desc and hostile[1] in desc
    for element in root.iter(SVG + "text"):
        if "chart-legend-text" in element.get("class"):
            assert float(element.get("x")) + charts._bar_text_width(element.text) <= charts.BAR_WIDTH + 1
    assert texts_of(root, "chart-legend-text")[0].endswith("…")


def test_a_beside_b_when_their_shapes_differ():
    # word of mouth: B brings nobody (no cost per customer), A does: A's second pair is left out with B's
    a = evaluate(WORD_OF_MOUTH, {}, "ru")
    b = evaluate(WORD_OF_MOUTH, {"people_told": "0"}, "ru")
    root, _, desc = check_svg(WORD_OF_MOUTH.chart(b, a, ("", "")), "ru")
    assert list(bars(root)) == list(bars(root, "chart-a-bar")) == ["spent", "value"]
    assert desc.startswith("Сценарий Б: ") and " Сценарий А: " in desc
    # B brings someone, A nobody: B's second pair without A's bars
    root, _, _ = check_svg(WORD_OF_MOUTH.chart(a, b, ("", "")), "ru")
    assert list(bars(root)) == ["spent", "value", "word", "paid"]
    assert list(bars(root, "chart-a-bar")) == ["spent", "value"]
    # a bonus that can never pay back beside one that does: A's limit dash-dotted, named as a limit
    b = evaluate(BONUS, {"bonus_cost_per_use": "100000"}, "en")
    root, _, desc = check_svg(BONUS.chart(evaluate(BONUS, {}, "en"), b, ("", "")), "en")
    assert " ".join(texts_of(root, "chart-legend-label")) == ("Break-even: 4" + NBSP + "points The limit in scenario A: "
                                                               "everyone buys again")
    assert " Scenario A: The bonus can never pay back" in desc
    # a loss beside a profit: both on one scale around zero
    b = evaluate(CUSTOMER_VALUE, {"other_costs": "900"}, "en")
    root, _, _ = check_svg(CUSTOMER_VALUE.chart(b, evaluate(CUSTOMER_VALUE, {}, "en"), ("", "")), "en")
    rects, zero = check_bars(root)
    a_net = bars(root, "chart-a-bar")["net"]
    assert span(rects["net"])[1] == zero and float(a_net.get("x")) >= zero


def test_bar_charts_beside_a_are_the_same_on_micropython():
    from micropython_check import run_both

    code = r"""
import json
from calculators import registry
from calculators.core import evaluate
cases = [("customer_value", {"other_costs": "60000", "service_hours": "40"}, {}),
         ("customer_value", {"other_costs": "900000"}, {"annual_revenue": "1000000000000"}),
         ("word_of_mouth", {"people_told": "2"}, {}),
         ("word_of_mouth", {"people_told": "0"}, {"paid_cac": "0"}),
         ("affiliate_commission", {"commission_pct": "40", "gross_margin_pct": "25"}, {}),
         ("affiliate_commission", {"average_order": "0"}, {"commission_pct": "100", "gross_margin_pct": "0"}),
         ("bonus_uptake", {"repeat_rate_with_pct": "22"}, {"bonus_cost_per_use": "100000"}),
         ("bonus_uptake", {"repeat_rate_with_pct": "10"}, {"bonus_cost_per_use": "0,5"})]
out = []
for name, b_values, a_values in cases:
    c = registry.get(name)
    for lang in ("ru", "en"):
        b, a = evaluate(c, b_values, lang), evaluate(c, a_values, lang)
        out.append(c.chart(b, a, ("<b>Сейчас</b> & 😀", "x" * 50)))
        out.append(c.chart(b, a, None))
        out.append(c.chart(b))
print(json.dumps(out))
"""
    cpython, micro = run_both(code)
    assert all(cpython) and micro == cpython
