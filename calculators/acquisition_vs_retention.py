"""Acquisition versus retention: what a new customer costs, what keeping one costs, and what a kept
customer is worth.

All money and counts are per year; ``*_pct`` inputs are percentages; g, r and d are the fractions of
margin, retention and discount rate.

Each output's formula is declared once with the output: in words for the page's table
(``formula``) and as code (``expression``), which tests/unit/test_formulas.py holds to
:func:`compute` and ``python -m calculators acquisition_vs_retention --help`` lists.
"""

from .charts import (WIDTH, _LETTERS, _SCENARIO, _beside, _labels, _legend_line, _line, _money, _n, _plain,
                     _scale, _svg, _text, _text_width, _tick_money, _usable, _within)
from .core import Calculator, Input, Output, Unavailable, first_unavailable, format_value, ratio, shared_input



def clv(net_annual_margin, retention, discount):
    """Customer lifetime value m / (1 + d − r) for margin m per year, fractions r < 1 and d ≥ 0."""
    return net_annual_margin / (1 + discount - retention)


def compute(v):
    g = v["gross_margin_pct"] / 100
    r = v["retention_rate_pct"] / 100
    d = v["discount_rate_pct"] / 100
    cac = ratio(v["acquisition_spend"], v["new_customers"], "no_new_customers")
    cost_to_retain = ratio(v["retention_spend"], v["retained_customers"], "no_retained_customers")
    acquisition_to_retention = ratio(cac, cost_to_retain, "free_retention")
    annual_margin = v["average_order"] * v["orders_per_year"] * g
    if isinstance(cost_to_retain, Unavailable):
        net = cost_to_retain
    else:
        net = annual_margin - cost_to_retain
    plus_rate = min(v["retention_rate_pct"] + 5, 99.0)
    if isinstance(net, Unavailable):
        value = clv_plus = net
        payback = first_unavailable(cac, net)
    else:
        value = clv(net, r, d)
        clv_plus = clv(net, plus_rate / 100, d)
        if isinstance(cac, Unavailable):
            payback = cac
        elif net <= 0:
            payback = Unavailable("never_pays_back")
        else:
            payback = cac / (net / 12)
    ltv_to_cac = ratio(value, cac, "free_acquisition")
    return {
        "cac": cac,
        "cost_to_retain": cost_to_retain,
        "acquisition_to_retention_ratio": acquisition_to_retention,
        "annual_margin": annual_margin,
        "net_annual_margin": net,
        "expected_lifetime_years": 1 / (1 - r),
        "clv": value,
        "ltv_to_cac": ltv_to_cac,
        "cac_payback_months": payback,
        "clv_at_plus_5pp": clv_plus,
        "retention_rate_plus_5pp_pct": plus_rate,
    }


_SPEND = ("acquisition_spend", "new_customers")
_RETAIN = ("retention_spend", "retained_customers")
_MARGIN = ("average_order", "orders_per_year", "gross_margin_pct")
_CLV = _RETAIN + _MARGIN + ("retention_rate_pct", "discount_rate_pct")


# --- acquisition_vs_retention: CLV across retention rates -----------------------------------------------------

CLV_RATES = (0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 99)

_CLV_TEXT = {
    "ru": {
        "title": " при разном удержании",
        "rises": "{label} растёт с {first} при удержании {zero} до {last} при {top}; при ваших {rate} — {current}.",
        "falls": "{label} снижается с {first} при удержании {zero} до {last} при {top}: маржа после удержания "
                 "отрицательна, и каждый лишний год добавляет убыток; при ваших {rate} — {current}.",
        "flat": "{label} равна {current} при любом удержании: маржа после удержания равна нулю.",
        "pinned": "при удержании {rate} — {current}.",
    },
    "en": {
        "title": " across retention rates",
        "rises": "{label} rises from {first} at {zero} retention to {last} at {top}; at your {rate} it is {current}.",
        "falls": "{label} falls from {first} at {zero} retention to {last} at {top}: the margin after retention "
                 "cost is negative, so every extra year adds a loss; at your {rate} it is {current}.",
        "flat": "{label} is {current} at any retention rate: the margin after retention cost is zero.",
        "pinned": "at {rate} retention it is {current}.",
    },
}


def _fill(template, params):
    for key in params:
        template = template.replace("{" + key + "}", params[key])
    return template


def _clv_usable(result):
    return _usable(result, ("clv", "net_annual_margin"), ("retention_rate_pct", "discount_rate_pct"))


def _clv_points(result):
    """(rate, CLV) at the grid's rates and the result's own, in order of rate."""
    net = result.outputs["net_annual_margin"]
    rate = result.values["retention_rate_pct"]
    discount = result.values["discount_rate_pct"] / 100
    points = []
    for step in CLV_RATES:
        if step == rate:
            continue
        points.append((float(step), clv(net, step / 100, discount)))
    points.append((rate, result.outputs["clv"]))
    points.sort(key=lambda point: point[0])
    return points


def clv_by_retention(result, pinned=None, names=None):
    """CLV at retention rates 0–95 % and 99 %, the current rate marked with a dot and its value; with
    ``pinned``, A's curve dashed beside it, its rate marked with a ring."""
    if not _clv_usable(result):
        return None
    pinned = _beside(result, pinned, _clv_usable)
    lang = result.lang
    words = _CLV_TEXT[lang]
    net = result.outputs["net_annual_margin"]
    current = result.outputs["clv"]
    rate = result.values["retention_rate_pct"]
    points = _clv_points(result)
    a_points = _clv_points(pinned) if pinned is not None else []

    legend = 40 if pinned is not None else 0
    height = 280 + legend
    left, right, top, bottom = 14.0, WIDTH - 16.0, 44.0 + legend, height - 50.0
    low, high, ticks = _scale([p[1] for p in points + a_points])
    step = ticks[1] - ticks[0]

    def x_of(r):
        return left + (right - left) * r / 99

    def y_of(v):
        return top + (bottom - top) * (high - v) / (high - low)

    clv_label = result.calculator.output_by_key["clv"].label[lang]
    rate_label = result.calculator.input_by_name["retention_rate_pct"].label[lang]
    body = []
    for tick in ticks:
        y = y_of(tick)
        body.append(_line(left, y, right, y, "chart-grid" if tick != 0 else "chart-axis",
                          ' stroke-width="1"' + ('' if tick == 0 else ' stroke-opacity="0.25"')))
        body.append(_text(left + 2, y - 4, _tick_money(tick, step, result), "chart-label chart-tick"))
    for r in (0, 25, 50, 75, 99):
        x = x_of(r)
        body.append(_line(x, bottom, x, bottom + 5, "chart-axis", ' stroke-width="1"'))
        anchor = "start" if r == 0 else ("end" if r == 99 else "middle")
        body.append(_text(x, bottom + 20, format_value("pct", r, lang), "chart-label chart-tick", anchor))
    body.append(_text((left + right) / 2, height - 8, rate_label, "chart-label chart-axis-title", "middle"))
    body.append(_text(left, 18, clv_label, "chart-label chart-axis-title"))
    if pinned is not None:
        label_a, label_b = _labels(lang, names)
        body += _legend_line(left, 42, "chart-line", ' stroke-width="2"', label_b, right - left)
        body += _legend_line(left, 64, "chart-a-line chart-a", ' stroke-width="2" stroke-dasharray="5 4"', label_a,
                             right - left)
        coordinates = " ".join(_n(x_of(p[0])) + "," + _n(y_of(p[1])) for p in a_points)
        body.append('<polyline class="chart-a-line chart-a" points="' + coordinates + '" fill="none" '
                    'stroke="currentColor" stroke-width="2" stroke-dasharray="5 4" stroke-linejoin="round"/>')
    coordinates = " ".join(_n(x_of(p[0])) + "," + _n(y_of(p[1])) for p in points)
    body.append('<polyline class="chart-line" points="' + coordinates
                + '" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>')
    cx, cy = x_of(rate), y_of(current)
    body.append(_line(cx, bottom, cx, cy, "chart-guide", ' stroke-width="1" stroke-dasharray="3 3"'))
    if pinned is not None:
        a_rate, a_current = pinned.values["retention_rate_pct"], pinned.outputs["clv"]
        ax, ay = x_of(a_rate), y_of(a_current)
        body.append('<circle class="chart-a-marker chart-a" cx="' + _n(ax) + '" cy="' + _n(ay) + '" r="6" data-x="'
                    + _plain(a_rate) + '" data-y="' + _plain(a_current)
                    + '" fill="none" stroke="currentColor" stroke-width="2"/>')
        # its letter on the side away from B's value label (which is above the curve where it rises)
        body.append(_text(ax + 9, _within(ay + 20 if net >= 0 else ay - 10, top, bottom), _LETTERS[lang][0],
                          "chart-label chart-a-label chart-a", "start", ' font-weight="bold"'))
    body.append('<circle class="chart-marker" cx="' + _n(cx) + '" cy="' + _n(cy) + '" r="5" data-x="'
                + _plain(rate) + '" data-y="' + _plain(current) + '" fill="currentColor" stroke="none"/>')
    label = format_value("pct", rate, lang) + ": " + _money(current, result)
    if pinned is not None:
        label = _LETTERS[lang][1] + ", " + label
    # The curve rises to the right when the margin is positive (falls when negative): the label goes
    # where the curve is not, on the left if it fits there.
    fits_left = cx - left >= _text_width(label) + 12
    above = (net >= 0) == fits_left
    body.append(_text(cx - 9 if fits_left else cx + 9, _within(cy - 10 if above else cy + 20, top, bottom),
                      label, "chart-label chart-value", "end" if fits_left else "start", ' font-weight="bold"'))

    title = clv_label + words["title"]
    if net > 0:
        template = words["rises"]
    elif net < 0:
        template = words["falls"]
    else:
        template = words["flat"]
    desc = _fill(template, {
        "label": clv_label,
        "first": _money(points[0][1], result),
        "last": _money(points[-1][1], result),
        "rate": format_value("pct", rate, lang),
        "current": _money(current, result),
        "zero": format_value("pct", 0, lang),
        "top": format_value("pct", 99, lang),
    })
    if pinned is not None:
        label_a, label_b = _labels(lang, names)
        desc = _SCENARIO[lang].replace("{label}", label_b) + desc + " " + _SCENARIO[lang].replace(
            "{label}", label_a) + _fill(words["pinned"], {
                "rate": format_value("pct", pinned.values["retention_rate_pct"], lang),
                "current": _money(pinned.outputs["clv"], pinned)})
    return _svg("clv", height, title, desc, body)


CALCULATOR = Calculator(
    name="acquisition_vs_retention",
    order=10,
    title={"ru": "Привлечение или удержание", "en": "Acquisition versus retention"},
    summary={
        "ru": "Сколько стоит новый клиент, сколько — удержать прежнего и сколько приносит удержанный.",
        "en": "What a new customer costs, what keeping one costs, and what a kept customer is worth.",
    },
    inputs=[
        Input("acquisition_spend", "money",
              {"ru": "Расходы на привлечение за год", "en": "Acquisition spend per year"},
              {"ru": 600000, "en": 12000},
              help={"ru": "Реклама, скидки новичкам, работа продавцов — всё, что ушло на новых клиентов.",
                    "en": "Advertising, first-order discounts, sales time: all spent on winning new customers."}),
        Input("new_customers", "count",
              {"ru": "Новых клиентов за год", "en": "New customers per year"},
              400, integer=True),
        Input("retention_spend", "money",
              {"ru": "Расходы на удержание за год", "en": "Retention spend per year"},
              {"ru": 150000, "en": 3000},
              help={"ru": "Поддержка, программа лояльности, письма и звонки постоянным клиентам.",
                    "en": "Support, loyalty programme, letters and calls to existing customers."}),
        Input("retained_customers", "count",
              {"ru": "Удержанных клиентов за год", "en": "Retained customers per year"},
              1000, integer=True),
        shared_input("average_order", {"ru": 2500, "en": 50}),
        shared_input("gross_margin_pct", 40,
              help=None),
        shared_input("orders_per_year", 4),
        Input("retention_rate_pct", "pct",
              {"ru": "Удержание за год, %", "en": "Yearly retention, %"},
              60, maximum=99,
              help={"ru": "Доля клиентов, которые остаются с вами на следующий год.",
                    "en": "The share of customers who stay with you into the next year."}),
        Input("discount_rate_pct", "pct",
              {"ru": "Ставка дисконтирования, %", "en": "Discount rate, %"},
              10,
              help={"ru": "Насколько деньги через год ценнее денег сегодня: стоимость капитала.",
                    "en": "How much less money next year is worth than money today: the cost of capital."}),
    ],
    outputs=[
        Output("cac", "money", {"ru": "Стоимость привлечения (CAC)", "en": "Customer acquisition cost (CAC)"},
               _SPEND, formula={"ru": "расходы на привлечение ÷ новые клиенты",
                                "en": "acquisition spend ÷ new customers"},
               expression="acquisition_spend / new_customers"),
        Output("cost_to_retain", "money", {"ru": "Стоимость удержания", "en": "Cost to retain"},
               _RETAIN, formula={"ru": "расходы на удержание ÷ удержанные клиенты",
                                 "en": "retention spend ÷ retained customers"},
               expression="retention_spend / retained_customers"),
        Output("acquisition_to_retention_ratio", "ratio",
               {"ru": "Привлечь дороже, чем удержать, в", "en": "Acquiring costs more than retaining by"},
               _SPEND + _RETAIN, decimals=1,
               formula={"ru": "CAC ÷ стоимость удержания", "en": "CAC ÷ cost to retain"},
               expression="cac / cost_to_retain"),
        Output("annual_margin", "money", {"ru": "Маржа с клиента за год", "en": "Margin per customer per year"},
               _MARGIN, formula={"ru": "средний чек × покупки в год × g",
                                 "en": "average order × orders per year × g"},
               expression="average_order * orders_per_year * gross_margin_pct / 100"),
        Output("net_annual_margin", "money",
               {"ru": "Маржа за год после удержания", "en": "Yearly margin after retention cost"},
               _MARGIN + _RETAIN, formula={"ru": "маржа за год − стоимость удержания",
                                           "en": "yearly margin − cost to retain"},
               expression="annual_margin - cost_to_retain"),
        Output("expected_lifetime_years", "years",
               {"ru": "Ожидаемый срок жизни клиента", "en": "Expected customer lifetime"},
               ("retention_rate_pct",), decimals=1, formula={"ru": "1 ÷ (1 − r)", "en": "1 ÷ (1 − r)"},
               expression="1 / (1 - retention_rate_pct / 100)"),
        Output("clv", "money", {"ru": "Пожизненная ценность (CLV)", "en": "Customer lifetime value (CLV)"},
               _CLV, formula={"ru": "m ÷ (1 + d − r), где m — маржа за год после удержания",
                              "en": "m ÷ (1 + d − r), where m is the yearly margin after retention cost"},
               expression="net_annual_margin / (1 + discount_rate_pct / 100 - retention_rate_pct / 100)"),
        Output("ltv_to_cac", "ratio", {"ru": "LTV : CAC", "en": "LTV : CAC"}, _CLV + _SPEND, decimals=1,
               formula={"ru": "CLV ÷ CAC", "en": "CLV ÷ CAC"},
               expression="clv / cac"),
        Output("cac_payback_months", "months", {"ru": "Окупаемость CAC", "en": "CAC payback"},
               _SPEND + _MARGIN + _RETAIN, decimals=1,
               formula={"ru": "CAC ÷ (m ÷ 12)", "en": "CAC ÷ (m ÷ 12)"},
               expression="cac / (net_annual_margin / 12)"),
        Output("clv_at_plus_5pp", "money",
               {"ru": "CLV при удержании на 5 п. п. выше", "en": "CLV with retention 5 points higher"},
               _CLV, formula={"ru": "m ÷ (1 + d − r′), r′ = min(r + 0,05; 0,99)",
                              "en": "m ÷ (1 + d − r′), r′ = min(r + 0.05, 0.99)"},
               expression="net_annual_margin / (1 + discount_rate_pct / 100 - min(retention_rate_pct + 5, 99) / 100)"),
        Output("retention_rate_plus_5pp_pct", "pct",
               {"ru": "…при удержании", "en": "…at retention of"}, ("retention_rate_pct",),
               formula={"ru": "min(r + 5 п. п.; 99 %)", "en": "min(r + 5 points, 99%)"},
               expression="min(retention_rate_pct + 5, 99)"),
    ],
    compute=compute,
    chart=clv_by_retention,
    reasons={
        "no_new_customers": {"ru": "Нет данных: новых клиентов 0.", "en": "Not available: no new customers."},
        "no_retained_customers": {"ru": "Нет данных: удержанных клиентов 0.",
                                  "en": "Not available: no retained customers."},
        "free_retention": {"ru": "Нет данных: удержание ничего не стоит.",
                           "en": "Not available: retention costs nothing."},
        "free_acquisition": {"ru": "Нет данных: привлечение ничего не стоит.",
                             "en": "Not available: acquisition costs nothing."},
        "never_pays_back": {"ru": "Не окупается: маржа за год после удержания не больше нуля.",
                            "en": "Never pays back: the yearly margin after retention cost is not above zero."},
    },
    notes={
        "ru": [
            "Все суммы и количества — за год; маржа, удержание и ставка дисконтирования — в процентах.",
            "Маржа первого года гарантирована и приходит в конце года; маржа года t — с вероятностью "
            "r^(t−1), дисконтированная по ставке d: сумма этого ряда и есть m ÷ (1 + d − r).",
            "Удержание, средний чек, число покупок и стоимость удержания считаются неизменными из года в год.",
            "CLV считается по марже после расходов на удержание, а не по выручке.",
            "Окупаемость CAC — за сколько месяцев маржа после удержания возвращает стоимость привлечения; "
            "если эта маржа не больше нуля, затраты не окупаются никогда.",
        ],
        "en": [
            "All money and counts are per year; margin, retention and discount rate are percentages.",
            "The first year's margin is certain and arrives at the year's end; the margin of year t arrives "
            "with probability r^(t−1) and is discounted at d: the sum of that series is m ÷ (1 + d − r).",
            "Retention, average order, orders per year and the cost to retain stay the same year after year.",
            "CLV counts the margin after retention cost, not revenue.",
            "CAC payback is the number of months the margin after retention takes to return the acquisition "
            "cost; when that margin is not above zero, it never pays back.",
        ],
    },
    presets={
        "coffee_shop": {
            "title": {"ru": "Кофейня у дома", "en": "Neighbourhood coffee shop"},
            "values": {"acquisition_spend": {"ru": 240000, "en": 9000}, "new_customers": 800,
                "retention_spend": {"ru": 90000, "en": 3000}, "retained_customers": 1500,
                "average_order": {"ru": 350, "en": 6}, "gross_margin_pct": 65, "orders_per_year": 40,
                "retention_rate_pct": 55},
        },
        "online_store": {
            "title": {"ru": "Интернет-магазин", "en": "Online store"},
            "values": {"acquisition_spend": {"ru": 3000000, "en": 60000}, "new_customers": 1500,
                "retention_spend": {"ru": 400000, "en": 8000}, "retained_customers": 2500,
                "average_order": {"ru": 3200, "en": 64}, "gross_margin_pct": 30, "orders_per_year": 3,
                "retention_rate_pct": 35},
        },
        "b2b_service": {
            "title": {"ru": "B2B-сервис по подписке", "en": "B2B subscription service"},
            "values": {"acquisition_spend": {"ru": 4500000, "en": 90000}, "new_customers": 60,
                "retention_spend": {"ru": 1200000, "en": 24000}, "retained_customers": 200,
                "average_order": {"ru": 45000, "en": 900}, "gross_margin_pct": 70, "orders_per_year": 12,
                "retention_rate_pct": 85},
        },
    },
)
