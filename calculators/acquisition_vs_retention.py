"""Acquisition versus retention: what a new customer costs, what keeping one costs, and what a kept
customer is worth.

All money and counts are per year; ``*_pct`` inputs are percentages; g, r and d are the fractions of
margin, retention and discount rate.

- ``cac`` = acquisition_spend / new_customers
- ``cost_to_retain`` = retention_spend / retained_customers
- ``acquisition_to_retention_ratio`` = cac / cost_to_retain
- ``annual_margin`` = average_order × orders_per_year × g
- ``net_annual_margin`` = annual_margin − cost_to_retain
- ``expected_lifetime_years`` = 1 / (1 − r)
- ``clv`` = net_annual_margin / (1 + d − r): the first year's margin is certain and arrives at the
  year's end; the margin of year t arrives with probability r^(t−1) and is discounted by (1 + d)^t.
  Summed over all years: m · Σ r^(t−1) / (1 + d)^t = m / (1 + d − r).
- ``ltv_to_cac`` = clv / cac
- ``cac_payback_months`` = cac / (net_annual_margin / 12), "never pays back" when that margin ≤ 0
- ``clv_at_plus_5pp`` = the same CLV at retention min(r + 5 points, 99 %), shown in
  ``retention_rate_plus_5pp_pct``
"""

from .charts import clv_by_retention
from .core import Calculator, Input, Output, Unavailable, first_unavailable, ratio

MONEY_MAX = 1e12
COUNT_MAX = 1e9


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

CALCULATOR = Calculator(
    name="acquisition_vs_retention",
    title={"ru": "Привлечение или удержание", "en": "Acquisition versus retention"},
    summary={
        "ru": "Сколько стоит новый клиент, сколько — удержать прежнего и сколько приносит удержанный.",
        "en": "What a new customer costs, what keeping one costs, and what a kept customer is worth.",
    },
    inputs=[
        Input("acquisition_spend", "money",
              {"ru": "Расходы на привлечение за год", "en": "Acquisition spend per year"},
              {"ru": 600000, "en": 12000}, maximum=MONEY_MAX,
              help={"ru": "Реклама, скидки новичкам, работа продавцов — всё, что ушло на новых клиентов.",
                    "en": "Advertising, first-order discounts, sales time: all spent on winning new customers."}),
        Input("new_customers", "count",
              {"ru": "Новых клиентов за год", "en": "New customers per year"},
              {"ru": 400, "en": 400}, maximum=COUNT_MAX, integer=True),
        Input("retention_spend", "money",
              {"ru": "Расходы на удержание за год", "en": "Retention spend per year"},
              {"ru": 150000, "en": 3000}, maximum=MONEY_MAX,
              help={"ru": "Поддержка, программа лояльности, письма и звонки постоянным клиентам.",
                    "en": "Support, loyalty programme, letters and calls to existing customers."}),
        Input("retained_customers", "count",
              {"ru": "Удержанных клиентов за год", "en": "Retained customers per year"},
              {"ru": 1000, "en": 1000}, maximum=COUNT_MAX, integer=True),
        Input("average_order", "money",
              {"ru": "Средний чек", "en": "Average order"},
              {"ru": 2500, "en": 50}, maximum=MONEY_MAX),
        Input("gross_margin_pct", "pct",
              {"ru": "Валовая маржа, %", "en": "Gross margin, %"},
              {"ru": 40, "en": 40}, maximum=100),
        Input("orders_per_year", "number",
              {"ru": "Покупок в год на клиента", "en": "Orders per customer per year"},
              {"ru": 4, "en": 4}, maximum=10000),
        Input("retention_rate_pct", "pct",
              {"ru": "Удержание за год, %", "en": "Yearly retention, %"},
              {"ru": 60, "en": 60}, maximum=99,
              help={"ru": "Доля клиентов, которые остаются с вами на следующий год.",
                    "en": "The share of customers who stay with you into the next year."}),
        Input("discount_rate_pct", "pct",
              {"ru": "Ставка дисконтирования, %", "en": "Discount rate, %"},
              {"ru": 10, "en": 10}, maximum=100,
              help={"ru": "Насколько деньги через год ценнее денег сегодня: стоимость капитала.",
                    "en": "How much less money next year is worth than money today: the cost of capital."}),
    ],
    outputs=[
        Output("cac", "money", {"ru": "Стоимость привлечения (CAC)", "en": "Customer acquisition cost (CAC)"},
               _SPEND, formula={"ru": "расходы на привлечение ÷ новые клиенты",
                                "en": "acquisition spend ÷ new customers"}),
        Output("cost_to_retain", "money", {"ru": "Стоимость удержания", "en": "Cost to retain"},
               _RETAIN, formula={"ru": "расходы на удержание ÷ удержанные клиенты",
                                 "en": "retention spend ÷ retained customers"}),
        Output("acquisition_to_retention_ratio", "ratio",
               {"ru": "Привлечь дороже, чем удержать, в", "en": "Acquiring costs more than retaining by"},
               _SPEND + _RETAIN, decimals=1,
               formula={"ru": "CAC ÷ стоимость удержания", "en": "CAC ÷ cost to retain"}),
        Output("annual_margin", "money", {"ru": "Маржа с клиента за год", "en": "Margin per customer per year"},
               _MARGIN, formula={"ru": "средний чек × покупки в год × g",
                                 "en": "average order × orders per year × g"}),
        Output("net_annual_margin", "money",
               {"ru": "Маржа за год после удержания", "en": "Yearly margin after retention cost"},
               _MARGIN + _RETAIN, formula={"ru": "маржа за год − стоимость удержания",
                                           "en": "yearly margin − cost to retain"}),
        Output("expected_lifetime_years", "years",
               {"ru": "Ожидаемый срок жизни клиента", "en": "Expected customer lifetime"},
               ("retention_rate_pct",), decimals=1, formula={"ru": "1 ÷ (1 − r)", "en": "1 ÷ (1 − r)"}),
        Output("clv", "money", {"ru": "Пожизненная ценность (CLV)", "en": "Customer lifetime value (CLV)"},
               _CLV, formula={"ru": "m ÷ (1 + d − r), где m — маржа за год после удержания",
                              "en": "m ÷ (1 + d − r), where m is the yearly margin after retention cost"}),
        Output("ltv_to_cac", "ratio", {"ru": "LTV : CAC", "en": "LTV : CAC"}, _CLV + _SPEND, decimals=1,
               formula={"ru": "CLV ÷ CAC", "en": "CLV ÷ CAC"}),
        Output("cac_payback_months", "months", {"ru": "Окупаемость CAC", "en": "CAC payback"},
               _SPEND + _MARGIN + _RETAIN, decimals=1,
               formula={"ru": "CAC ÷ (m ÷ 12)", "en": "CAC ÷ (m ÷ 12)"}),
        Output("clv_at_plus_5pp", "money",
               {"ru": "CLV при удержании на 5 п. п. выше", "en": "CLV with retention 5 points higher"},
               _CLV, formula={"ru": "m ÷ (1 + d − r′), r′ = min(r + 0,05; 0,99)",
                              "en": "m ÷ (1 + d − r′), r′ = min(r + 0.05, 0.99)"}),
        Output("retention_rate_plus_5pp_pct", "pct",
               {"ru": "…при удержании", "en": "…at retention of"}, ("retention_rate_pct",),
               formula={"ru": "min(r + 5 п. п.; 99 %)", "en": "min(r + 5 points, 99%)"}),
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
            "values": {
                "ru": {"acquisition_spend": 240000, "new_customers": 800, "retention_spend": 90000,
                       "retained_customers": 1500, "average_order": 350, "gross_margin_pct": 65,
                       "orders_per_year": 40, "retention_rate_pct": 55},
                "en": {"acquisition_spend": 9000, "new_customers": 800, "retention_spend": 3000,
                       "retained_customers": 1500, "average_order": 6, "gross_margin_pct": 65,
                       "orders_per_year": 40, "retention_rate_pct": 55},
            },
        },
        "online_store": {
            "title": {"ru": "Интернет-магазин", "en": "Online store"},
            "values": {
                "ru": {"acquisition_spend": 3000000, "new_customers": 1500, "retention_spend": 400000,
                       "retained_customers": 2500, "average_order": 3200, "gross_margin_pct": 30,
                       "orders_per_year": 3, "retention_rate_pct": 35},
                "en": {"acquisition_spend": 60000, "new_customers": 1500, "retention_spend": 8000,
                       "retained_customers": 2500, "average_order": 64, "gross_margin_pct": 30,
                       "orders_per_year": 3, "retention_rate_pct": 35},
            },
        },
        "b2b_service": {
            "title": {"ru": "B2B-сервис по подписке", "en": "B2B subscription service"},
            "values": {
                "ru": {"acquisition_spend": 4500000, "new_customers": 60, "retention_spend": 1200000,
                       "retained_customers": 200, "average_order": 45000, "gross_margin_pct": 70,
                       "orders_per_year": 12, "retention_rate_pct": 85},
                "en": {"acquisition_spend": 90000, "new_customers": 60, "retention_spend": 24000,
                       "retained_customers": 200, "average_order": 900, "gross_margin_pct": 70,
                       "orders_per_year": 12, "retention_rate_pct": 85},
            },
        },
    },
)
