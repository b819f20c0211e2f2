"""The permission funnel: people reached → a "yes" (a lead: subscription, request, call) → a purchase.

All money and counts are per year; ``*_pct`` inputs are percentages; g is the fraction of margin.
Fractional people are kept unrounded: 12.5 customers is an expectation, not half a person.

Each output's formula is declared once with the output: in words for the page's table
(``formula``) and as code (``expression``), which tests/unit/test_formulas.py holds to
:func:`compute` and ``python -m calculators conversion_funnel --help`` lists.
"""

from .charts import (WIDTH, _LETTERS, _SCENARIO, _beside, _fit, _is_number, _labels, _n, _plain, _svg, _text,
                     _usable)
from .core import Calculator, Input, Output, Unavailable, format_value, ratio, shared_input
from .numbers import exact_fraction



def visitors_needed(target_customers, lead_rate_pct, sale_rate_pct):
    """ceil(target / (lead_rate × sale_rate)) in exact integer arithmetic, or Unavailable."""
    t_num, t_den = exact_fraction(target_customers)
    a_num, a_den = exact_fraction(lead_rate_pct)
    b_num, b_den = exact_fraction(sale_rate_pct)
    if a_num == 0 or b_num == 0:
        return Unavailable("no_conversion")
    # target / (a/100 × b/100) = target × 10 000 / (a × b)
    numerator = t_num * 10000 * a_den * b_den
    denominator = t_den * a_num * b_num
    needed = -((-numerator) // denominator)
    if needed > 10 ** 300:
        return Unavailable("out_of_range")
    return float(needed)


def compute(v):
    traffic_cost = v["traffic_cost"]
    leads = v["visitors"] * v["lead_rate_pct"] / 100
    customers = leads * v["sale_rate_pct"] / 100
    revenue = customers * v["average_order"]
    gross_profit = revenue * v["gross_margin_pct"] / 100
    # × 100 before ÷ cost: whole percentages stay whole (−58 rather than −57.999…).
    roi = ratio((gross_profit - traffic_cost) * 100, traffic_cost, "free_traffic")
    outputs = {
        "leads": leads,
        "customers": customers,
        "conversion_pct": v["lead_rate_pct"] * v["sale_rate_pct"] / 100,
        "revenue": revenue,
        "gross_profit": gross_profit,
        "cost_per_lead": ratio(traffic_cost, leads, "no_leads"),
        "cac": ratio(traffic_cost, customers, "no_customers"),
        "first_order_roi_pct": roi,
        "visitors_needed": visitors_needed(v["target_customers"], v["lead_rate_pct"],
                                           v["sale_rate_pct"]),
    }
    return outputs


_LEADS = ("visitors", "lead_rate_pct")
_CUSTOMERS = _LEADS + ("sale_rate_pct",)
_REVENUE = _CUSTOMERS + ("average_order",)
_PROFIT = _REVENUE + ("gross_margin_pct",)


# --- conversion_funnel: stage by stage ------------------------------------------------------------------------

_FUNNEL_TEXT = {
    "ru": {
        "title": "Воронка по этапам",
        "of_previous": " от предыдущего этапа",
        "overall": "Итоговая конверсия из охвата в покупку — {pct}.",
    },
    "en": {
        "title": "The funnel, stage by stage",
        "of_previous": " of the previous stage",
        "overall": "Overall conversion from reach to purchase: {pct}.",
    },
}


def _funnel_usable(result):
    if not _usable(result, ("leads", "customers"), ("visitors", "lead_rate_pct", "sale_rate_pct")):
        return False
    return result.values["visitors"] > 0


def _funnel_stages(result):
    """[(label, count, rate of the previous stage or None)] for reach, leads and customers."""
    lang = result.lang
    calculator = result.calculator
    return [
        (calculator.input_by_name["visitors"].label[lang], result.values["visitors"], None),
        (calculator.output_by_key["leads"].label[lang], result.outputs["leads"], result.values["lead_rate_pct"]),
        (calculator.output_by_key["customers"].label[lang], result.outputs["customers"],
         result.values["sale_rate_pct"]),
    ]


def _funnel_desc(result):
    words = _FUNNEL_TEXT[result.lang]
    parts = []
    for label, count, rate in _funnel_stages(result):
        part = label + ": " + format_value("count", count, result.lang)
        if rate is not None:
            part += " (" + format_value("pct", rate, result.lang) + words["of_previous"] + ")"
        parts.append(part)
    overall = result.outputs.get("conversion_pct")
    if not _is_number(overall):
        overall = result.values["lead_rate_pct"] * result.values["sale_rate_pct"] / 100
    return " → ".join(parts) + ". " + words["overall"].replace(
        "{pct}", format_value("pct", overall, result.lang, None, 2 if overall != int(overall) else 0))


def _bar_width(count, scale, span):
    width = span * count / scale
    if count > 0 and width < 2:
        width = 2.0
    return width


def _stage_value(count, rate, lang):
    value = format_value("count", count, lang)
    if rate is not None:
        value += " · " + format_value("pct", rate, lang)
    return value


def funnel(result, pinned=None, names=None):
    """Horizontal bars for people reached, leads and customers, with counts and each stage's rate; with
    ``pinned``, A's bar (hollow, dashed) under each of B's."""
    if not _funnel_usable(result):
        return None
    pinned = _beside(result, pinned, _funnel_usable)
    lang = result.lang
    words = _FUNNEL_TEXT[lang]
    stages = _funnel_stages(result)
    scale = result.values["visitors"]
    a_stages = None
    row = 58
    top = 8
    left = 4.0
    span = WIDTH * 0.58
    body = []
    if pinned is not None:
        a_stages = _funnel_stages(pinned)
        scale = max(scale, pinned.values["visitors"])
        row = 80
        top = 52
        label_a, label_b = _labels(lang, names)
        body.append('<rect class="chart-bar chart-legend" x="' + _n(left) + '" y="7" width="22" height="14" rx="2" '
                    'fill="currentColor" stroke="none"/>')
        body.append(_text(left + 30, 18, _fit(label_b, WIDTH - 34), "chart-label chart-legend-text"))
        body.append('<rect class="chart-a-bar chart-a chart-legend" x="' + _n(left + 1) + '" y="30" width="20" '
                    'height="12" rx="2" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="4 2"/>')
        body.append(_text(left + 30, 40, _fit(label_a, WIDTH - 34), "chart-label chart-legend-text"))
    height = top + row * len(stages) + 4
    for index, (label, count, rate) in enumerate(stages):
        y = top + index * row
        width = _bar_width(count, scale, span)
        value = _stage_value(count, rate, lang)
        body.append(_text(left, y + 14, label, "chart-label"))
        body.append('<rect class="chart-bar chart-bar-' + str(index + 1) + '" x="' + _n(left) + '" y="'
                    + _n(y + 22) + '" width="' + _n(width) + '" height="24" rx="2" data-value="'
                    + _plain(count) + '" fill="currentColor" stroke="none"/>')
        body.append(_text(left + width + 8, y + 39, value, "chart-value", "start", ' font-weight="bold"'))
        if a_stages is not None:
            a_count, a_rate = a_stages[index][1], a_stages[index][2]
            a_width = _bar_width(a_count, scale, span)
            body.append('<rect class="chart-a-bar chart-a" x="' + _n(left + 1) + '" y="' + _n(y + 51) + '" width="'
                        + _n(a_width) + '" height="14" rx="2" data-value="' + _plain(a_count)
                        + '" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="4 2"/>')
            body.append(_text(left + a_width + 8, y + 63, _LETTERS[lang][0] + ": " + _stage_value(a_count, a_rate, lang),
                              "chart-label chart-a-value chart-a"))
    desc = _funnel_desc(result)
    if pinned is not None:
        label_a, label_b = _labels(lang, names)
        desc = (_SCENARIO[lang].replace("{label}", label_b) + desc + " " + _SCENARIO[lang].replace("{label}", label_a)
                + _funnel_desc(pinned))
    return _svg("funnel", height, words["title"], desc, body)


CALCULATOR = Calculator(
    name="conversion_funnel",
    order=20,
    title={"ru": "Воронка разрешения", "en": "The permission funnel"},
    summary={
        "ru": "Сколько людей из охваченных скажут «да», сколько купят и во что обойдётся каждый покупатель.",
        "en": "How many of the people you reach say “yes”, how many buy, and what each buyer costs.",
    },
    inputs=[
        Input("visitors", "count",
              {"ru": "Охват: людей увидели предложение", "en": "People reached (visitors)"},
              20000, integer=True,
              help={"ru": "Посетители сайта, читатели объявления, прохожие у вывески — за год.",
                    "en": "Site visitors, readers of the ad, passers-by who saw the sign: per year."}),
        Input("lead_rate_pct", "pct",
              {"ru": "Сказали «да», % охвата", "en": "Said “yes”, % of those reached"},
              5,
              help={"ru": "Доля охваченных, кто оставил заявку, подписался или позвонил: это лиды.",
                    "en": "The share of people reached who left a request, subscribed or called: the leads."}),
        Input("sale_rate_pct", "pct",
              {"ru": "Купили, % лидов", "en": "Bought, % of leads"},
              20,
              help={"ru": "Доля лидов, сделавших первую покупку. Считается от лидов, а не от всего охвата.",
                    "en": "The share of leads who made a first purchase: of the leads, not of everyone reached."}),
        shared_input("average_order", {"ru": 2500, "en": 50}),
        shared_input("gross_margin_pct", 40),
        Input("traffic_cost", "money",
              {"ru": "Расходы на охват за год", "en": "Traffic cost per year"},
              {"ru": 100000, "en": 2000},
              help={"ru": "Реклама, листовки, размещения — всё, чем оплачен этот охват.",
                    "en": "Ads, flyers, placements: everything paid to reach these people."}),
        Input("target_customers", "count",
              {"ru": "Цель: покупателей за год", "en": "Target: customers per year"},
              300, integer=True,
              help={"ru": "Сколько первых покупок вы хотите; калькулятор покажет нужный охват.",
                    "en": "How many first purchases you want; the calculator shows the reach it takes."}),
    ],
    outputs=[
        Output("leads", "count", {"ru": "Лиды (сказали «да»)", "en": "Leads (said “yes”)"}, _LEADS,
               formula={"ru": "охват × доля «да»: V × a", "en": "people reached × “yes” rate: V × a"},
               expression="visitors * lead_rate_pct / 100"),
        Output("customers", "count", {"ru": "Покупатели", "en": "Customers"}, _CUSTOMERS,
               formula={"ru": "лиды × доля покупок: V × a × b", "en": "leads × sale rate: V × a × b"},
               expression="leads * sale_rate_pct / 100"),
        Output("conversion_pct", "pct",
               {"ru": "Конверсия из охвата в покупку", "en": "Conversion from reach to purchase"},
               ("lead_rate_pct", "sale_rate_pct"), decimals=2,
               formula={"ru": "доля «да» × доля покупок: a × b", "en": "“yes” rate × sale rate: a × b"},
               expression="lead_rate_pct * sale_rate_pct / 100"),
        Output("revenue", "money", {"ru": "Выручка с первых заказов", "en": "Revenue from first orders"},
               _REVENUE, decimals=0,
               formula={"ru": "покупатели × средний чек: V × a × b × P",
                        "en": "customers × average order: V × a × b × P"},
               expression="customers * average_order"),
        Output("gross_profit", "money",
               {"ru": "Валовая прибыль с первых заказов", "en": "Gross profit from first orders"},
               _PROFIT, decimals=0,
               formula={"ru": "выручка × маржа: V × a × b × P × g", "en": "revenue × margin: V × a × b × P × g"},
               expression="revenue * gross_margin_pct / 100"),
        Output("cost_per_lead", "money", {"ru": "Цена лида", "en": "Cost per lead"},
               _LEADS + ("traffic_cost",),
               formula={"ru": "расходы на охват ÷ лиды: C ÷ (V × a)", "en": "traffic cost ÷ leads: C ÷ (V × a)"},
               expression="traffic_cost / leads"),
        Output("cac", "money", {"ru": "Цена покупателя (CAC)", "en": "Customer acquisition cost (CAC)"},
               _CUSTOMERS + ("traffic_cost",),
               formula={"ru": "расходы на охват ÷ покупатели: C ÷ (V × a × b)",
                        "en": "traffic cost ÷ customers: C ÷ (V × a × b)"},
               expression="traffic_cost / customers"),
        Output("first_order_roi_pct", "pct",
               {"ru": "Окупаемость рекламы на первых заказах (ROI)",
                "en": "Return on traffic from first orders (ROI)"},
               _PROFIT + ("traffic_cost",),
               formula={"ru": "(валовая прибыль − расходы на охват) ÷ расходы на охват × 100: "
                              "(V × a × b × P × g − C) ÷ C × 100",
                        "en": "(gross profit − traffic cost) ÷ traffic cost × 100: "
                              "(V × a × b × P × g − C) ÷ C × 100"},
               expression="(gross_profit - traffic_cost) / traffic_cost * 100"),
        Output("visitors_needed", "count",
               {"ru": "Нужный охват для цели", "en": "Reach needed for the target"},
               ("target_customers", "lead_rate_pct", "sale_rate_pct"),
               formula={"ru": "цель ÷ конверсия, вверх до целого человека: ⌈T ÷ (a × b)⌉",
                        "en": "target ÷ conversion, rounded up to a whole person: ⌈T ÷ (a × b)⌉"},
               expression="ceil(target_customers / (conversion_pct / 100))"),
    ],
    compute=compute,
    chart=funnel,
    reasons={
        "no_leads": {"ru": "Нет данных: никто не сказал «да», лидов 0.",
                     "en": "Not available: nobody said “yes”, there are no leads."},
        "no_customers": {"ru": "Нет данных: покупателей 0.",
                         "en": "Not available: there are no customers."},
        "free_traffic": {"ru": "Нет данных: охват ничего не стоил, окупать нечего.",
                         "en": "Not available: the traffic cost nothing, there is nothing to pay back."},
        "no_conversion": {"ru": "Недостижимо: при нулевой конверсии никакой охват не даст покупателей.",
                          "en": "Out of reach: with zero conversion no amount of traffic brings a customer."},
    },
    notes={
        "ru": [
            "Обозначения: V — охват, a — доля сказавших «да», b — доля купивших из лидов, P — средний чек, "
            "g — валовая маржа, C — расходы на охват, T — цель по покупателям.",
            "Все числа — за один период (по умолчанию год), и каждая доля считается от предыдущего шага "
            "воронки: покупки — от лидов, лиды — от охвата.",
            "ROI учитывает только первые заказы: повторные покупки не входят, поэтому отрицательный ROI ещё "
            "не значит, что реклама убыточна, — сравните CAC с пожизненной ценностью клиента.",
            "Все расходы на охват отнесены на эту воронку; зарплата продавцов и скидки новичкам в них не входят, "
            "если вы их не добавили.",
            "Дробные люди не округляются: 12,5 покупателя — это среднее ожидание.",
            "Нужный охват округлён вверх до целого человека и предполагает, что доли не изменятся, когда "
            "трафика станет больше.",
        ],
        "en": [
            "Notation: V people reached, a the “yes” rate, b the share of leads who buy, P the average order, "
            "g the gross margin, C the traffic cost, T the target number of customers.",
            "All figures cover one period (a year by default), and each rate is a share of the step before it: "
            "purchases of leads, leads of people reached.",
            "ROI counts first orders only: repeat purchases are left out, so a negative ROI does not yet mean "
            "the advertising loses money; compare CAC with the customer's lifetime value.",
            "The whole traffic cost is charged to this funnel; sales staff and first-order discounts are not in "
            "it unless you add them.",
            "Fractional people are not rounded: 12.5 customers is an average expectation.",
            "The reach needed is rounded up to a whole person and assumes the rates stay the same as traffic "
            "grows.",
        ],
    },
    presets={
        "coffee_shop": {
            "title": {"ru": "Кофейня: листовки и карты", "en": "Coffee shop: flyers and map listings"},
            "values": {"visitors": 20000, "lead_rate_pct": 10, "sale_rate_pct": 40,
                "average_order": {"ru": 350, "en": 7}, "gross_margin_pct": 65,
                "traffic_cost": {"ru": 240000, "en": 4800}, "target_customers": 1000},
        },
        "online_store": {
            "title": {"ru": "Интернет-магазин: реклама и рассылка", "en": "Online store: ads and a newsletter"},
            "values": {"visitors": 150000, "lead_rate_pct": 5, "sale_rate_pct": 20,
                "average_order": {"ru": 3200, "en": 64}, "gross_margin_pct": 30,
                "traffic_cost": {"ru": 3000000, "en": 60000}, "target_customers": 2000},
        },
        "b2b_service": {
            "title": {"ru": "B2B-сервис: заявки на демонстрацию", "en": "B2B service: demo requests"},
            "values": {"visitors": 12000, "lead_rate_pct": 4, "sale_rate_pct": 12.5,
                "average_order": {"ru": 45000, "en": 900}, "gross_margin_pct": 70,
                "traffic_cost": {"ru": 4500000, "en": 90000}, "target_customers": 100},
        },
    },
)
