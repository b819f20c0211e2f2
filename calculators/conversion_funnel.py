"""The permission funnel: people reached → a "yes" (a lead: subscription, request, call) → a purchase.

All money and counts are per year; ``*_pct`` inputs are percentages; g is the fraction of margin.
Fractional people are kept unrounded: 12.5 customers is an expectation, not half a person.

- ``leads`` = visitors × lead_rate
- ``customers`` = leads × sale_rate
- ``conversion_pct`` = lead_rate_pct × sale_rate_pct / 100 (from a visitor to a buyer)
- ``revenue`` = customers × average_order
- ``gross_profit`` = revenue × g
- ``cost_per_lead`` = traffic_cost / leads
- ``cac`` = traffic_cost / customers
- ``first_order_roi_pct`` = (gross_profit − traffic_cost) / traffic_cost × 100, first orders only
- ``visitors_needed`` = ceil(target_customers / conversion), computed on integers so that 100 / 5 %
  gives exactly 2000 and not 2001: each input is read back as the short decimal a person typed.
"""

from .charts import funnel as funnel_chart
from .core import Calculator, Input, Output, Unavailable, bounded, ratio
from .numbers import exact_fraction

MONEY_MAX = 1e12
COUNT_MAX = 1e9
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
    for key in outputs:
        outputs[key] = bounded(outputs[key])
    return outputs


_LEADS = ("visitors", "lead_rate_pct")
_CUSTOMERS = _LEADS + ("sale_rate_pct",)
_REVENUE = _CUSTOMERS + ("average_order",)
_PROFIT = _REVENUE + ("gross_margin_pct",)

CALCULATOR = Calculator(
    name="conversion_funnel",
    title={"ru": "Воронка разрешения", "en": "The permission funnel"},
    summary={
        "ru": "Сколько людей из охваченных скажут «да», сколько купят и во что обойдётся каждый покупатель.",
        "en": "How many of the people you reach say “yes”, how many buy, and what each buyer costs.",
    },
    inputs=[
        Input("visitors", "count",
              {"ru": "Охват: людей увидели предложение", "en": "People reached (visitors)"},
              {"ru": 20000, "en": 20000}, maximum=COUNT_MAX, integer=True,
              help={"ru": "Посетители сайта, читатели объявления, прохожие у вывески — за год.",
                    "en": "Site visitors, readers of the ad, passers-by who saw the sign: per year."}),
        Input("lead_rate_pct", "pct",
              {"ru": "Сказали «да», % охвата", "en": "Said “yes”, % of those reached"},
              {"ru": 5, "en": 5}, maximum=100,
              help={"ru": "Доля охваченных, кто оставил заявку, подписался или позвонил: это лиды.",
                    "en": "The share of people reached who left a request, subscribed or called: the leads."}),
        Input("sale_rate_pct", "pct",
              {"ru": "Купили, % лидов", "en": "Bought, % of leads"},
              {"ru": 20, "en": 20}, maximum=100,
              help={"ru": "Доля лидов, сделавших первую покупку. Считается от лидов, а не от всего охвата.",
                    "en": "The share of leads who made a first purchase: of the leads, not of everyone reached."}),
        Input("average_order", "money",
              {"ru": "Средний чек", "en": "Average order"},
              {"ru": 2500, "en": 50}, maximum=MONEY_MAX),
        Input("gross_margin_pct", "pct",
              {"ru": "Валовая маржа, %", "en": "Gross margin, %"},
              {"ru": 40, "en": 40}, maximum=100,
              help={"ru": "Что остаётся от выручки после себестоимости товара или услуги.",
                    "en": "What is left of revenue after the cost of the goods or the service."}),
        Input("traffic_cost", "money",
              {"ru": "Расходы на охват за год", "en": "Traffic cost per year"},
              {"ru": 100000, "en": 2000}, maximum=MONEY_MAX,
              help={"ru": "Реклама, листовки, размещения — всё, чем оплачен этот охват.",
                    "en": "Ads, flyers, placements: everything paid to reach these people."}),
        Input("target_customers", "count",
              {"ru": "Цель: покупателей за год", "en": "Target: customers per year"},
              {"ru": 300, "en": 300}, maximum=COUNT_MAX, integer=True,
              help={"ru": "Сколько первых покупок вы хотите; калькулятор покажет нужный охват.",
                    "en": "How many first purchases you want; the calculator shows the reach it takes."}),
    ],
    outputs=[
        Output("leads", "count", {"ru": "Лиды (сказали «да»)", "en": "Leads (said “yes”)"}, _LEADS,
               formula={"ru": "охват × доля «да»: V × a", "en": "people reached × “yes” rate: V × a"}),
        Output("customers", "count", {"ru": "Покупатели", "en": "Customers"}, _CUSTOMERS,
               formula={"ru": "лиды × доля покупок: V × a × b", "en": "leads × sale rate: V × a × b"}),
        Output("conversion_pct", "pct",
               {"ru": "Конверсия из охвата в покупку", "en": "Conversion from reach to purchase"},
               ("lead_rate_pct", "sale_rate_pct"), decimals=2,
               formula={"ru": "доля «да» × доля покупок: a × b", "en": "“yes” rate × sale rate: a × b"}),
        Output("revenue", "money", {"ru": "Выручка с первых заказов", "en": "Revenue from first orders"},
               _REVENUE, decimals=0,
               formula={"ru": "покупатели × средний чек: V × a × b × P",
                        "en": "customers × average order: V × a × b × P"}),
        Output("gross_profit", "money",
               {"ru": "Валовая прибыль с первых заказов", "en": "Gross profit from first orders"},
               _PROFIT, decimals=0,
               formula={"ru": "выручка × маржа: V × a × b × P × g", "en": "revenue × margin: V × a × b × P × g"}),
        Output("cost_per_lead", "money", {"ru": "Цена лида", "en": "Cost per lead"},
               _LEADS + ("traffic_cost",),
               formula={"ru": "расходы на охват ÷ лиды: C ÷ (V × a)", "en": "traffic cost ÷ leads: C ÷ (V × a)"}),
        Output("cac", "money", {"ru": "Цена покупателя (CAC)", "en": "Customer acquisition cost (CAC)"},
               _CUSTOMERS + ("traffic_cost",),
               formula={"ru": "расходы на охват ÷ покупатели: C ÷ (V × a × b)",
                        "en": "traffic cost ÷ customers: C ÷ (V × a × b)"}),
        Output("first_order_roi_pct", "pct",
               {"ru": "Окупаемость рекламы на первых заказах (ROI)",
                "en": "Return on traffic from first orders (ROI)"},
               _PROFIT + ("traffic_cost",),
               formula={"ru": "(валовая прибыль − расходы на охват) ÷ расходы на охват × 100: "
                              "(V × a × b × P × g − C) ÷ C × 100",
                        "en": "(gross profit − traffic cost) ÷ traffic cost × 100: "
                              "(V × a × b × P × g − C) ÷ C × 100"}),
        Output("visitors_needed", "count",
               {"ru": "Нужный охват для цели", "en": "Reach needed for the target"},
               ("target_customers", "lead_rate_pct", "sale_rate_pct"),
               formula={"ru": "цель ÷ конверсия, вверх до целого человека: ⌈T ÷ (a × b)⌉",
                        "en": "target ÷ conversion, rounded up to a whole person: ⌈T ÷ (a × b)⌉"}),
    ],
    compute=compute,
    chart=funnel_chart,
    reasons={
        "no_leads": {"ru": "Нет данных: никто не сказал «да», лидов 0.",
                     "en": "Not available: nobody said “yes”, there are no leads."},
        "no_customers": {"ru": "Нет данных: покупателей 0.",
                         "en": "Not available: there are no customers."},
        "free_traffic": {"ru": "Нет данных: охват ничего не стоил, окупать нечего.",
                         "en": "Not available: the traffic cost nothing, there is nothing to pay back."},
        "no_conversion": {"ru": "Недостижимо: при нулевой конверсии никакой охват не даст покупателей.",
                          "en": "Out of reach: with zero conversion no amount of traffic brings a customer."},
        "out_of_range": {"ru": "Нет значения: числа слишком малы или велики для осмысленного результата.",
                         "en": "Not available: the numbers are too extreme for a meaningful result."},
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
            "values": {
                "ru": {"visitors": 20000, "lead_rate_pct": 10, "sale_rate_pct": 40, "average_order": 350,
                       "gross_margin_pct": 65, "traffic_cost": 240000, "target_customers": 1000},
                "en": {"visitors": 20000, "lead_rate_pct": 10, "sale_rate_pct": 40, "average_order": 7,
                       "gross_margin_pct": 65, "traffic_cost": 4800, "target_customers": 1000},
            },
        },
        "online_store": {
            "title": {"ru": "Интернет-магазин: реклама и рассылка", "en": "Online store: ads and a newsletter"},
            "values": {
                "ru": {"visitors": 150000, "lead_rate_pct": 5, "sale_rate_pct": 20, "average_order": 3200,
                       "gross_margin_pct": 30, "traffic_cost": 3000000, "target_customers": 2000},
                "en": {"visitors": 150000, "lead_rate_pct": 5, "sale_rate_pct": 20, "average_order": 64,
                       "gross_margin_pct": 30, "traffic_cost": 60000, "target_customers": 2000},
            },
        },
        "b2b_service": {
            "title": {"ru": "B2B-сервис: заявки на демонстрацию", "en": "B2B service: demo requests"},
            "values": {
                "ru": {"visitors": 12000, "lead_rate_pct": 4, "sale_rate_pct": 12.5, "average_order": 45000,
                       "gross_margin_pct": 70, "traffic_cost": 4500000, "target_customers": 100},
                "en": {"visitors": 12000, "lead_rate_pct": 4, "sale_rate_pct": 12.5, "average_order": 900,
                       "gross_margin_pct": 70, "traffic_cost": 90000, "target_customers": 100},
            },
        },
    },
)
