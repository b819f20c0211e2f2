"""Customer value: what one customer brings in a year once the cost of serving them is counted.
Some customers have negative value.

All money is per year; ``gross_margin_pct`` is a percentage and g its fraction.

Each output's formula is declared once with the output: in words for the page's table
(``formula``) and as code (``expression``), which tests/unit/test_formulas.py holds to
:func:`compute` and ``python -m calculators customer_value --help`` lists.
"""

from .charts import bar_beside, bar_desc, bar_legend, bar_letter, bar_money, bar_panel, bar_pinned, bars_svg, drawable
from .core import Calculator, Input, Output, Unavailable, shared_input

HOURS_MAX = 1e6


def compute(v):
    gross_profit = v["annual_revenue"] * v["gross_margin_pct"] / 100
    other = v["other_costs"]
    hourly = v["hourly_cost"]
    cost_to_serve = v["service_hours"] * hourly + other
    left_for_time = gross_profit - other
    if left_for_time <= 0:
        break_even = Unavailable("costs_exceed_profit")
    elif hourly == 0:
        break_even = Unavailable("free_staff_time")
    else:
        break_even = left_for_time / hourly
    return {
        "gross_profit": gross_profit,
        "cost_to_serve": cost_to_serve,
        "net_value": gross_profit - cost_to_serve,
        "break_even_hours": break_even,
    }



_PROFIT = ("annual_revenue", "gross_margin_pct")
_SERVE = ("service_hours", "hourly_cost", "other_costs")


# --- the chart: a waterfall from revenue to net value -------------------------------------------------------

_CHART_TEXT = {
    "ru": {
        "title": "От выручки к чистой ценности клиента за год",
        "revenue": "Выручка",
        "goods": "Себестоимость",
        "gross": "Валовая прибыль",
        "time": "Время сотрудников",
        "other": "Прочие расходы",
        "net": "Чистая ценность",
        "desc": "Выручка {revenue} минус себестоимость {goods} — валовая прибыль {gross}; минус время "
                "сотрудников {time} и прочие расходы {other} — чистая ценность клиента за год {net}. ",
        "gain": "Клиент приносит деньги.",
        "loss": "Клиент убыточен: обслуживание обходится дороже, чем он приносит.",
        "even": "Клиент ровно окупает себя.",
    },
    "en": {
        "title": "From revenue to the customer's net value per year",
        "revenue": "Revenue",
        "goods": "Cost of goods",
        "gross": "Gross profit",
        "time": "Staff time",
        "other": "Other costs",
        "net": "Net value",
        "desc": "Revenue of {revenue} less the cost of goods, {goods}, leaves a gross profit of {gross}; less "
                "staff time, {time}, and other costs, {other}, the customer's net value for the year is {net}. ",
        "gain": "The customer makes money.",
        "loss": "The customer loses money: serving them costs more than they bring.",
        "even": "The customer exactly pays their way.",
    },
}


def _waterfall(result):
    """The waterfall's amounts for ``result``, or None when an input is invalid or a number is beyond drawing."""
    for name in _PROFIT + _SERVE:
        if name in result.errors:
            return None
    v, out = result.values, result.outputs
    f = {
        "revenue": v["annual_revenue"],
        "gross": out["gross_profit"],
        "time": v["service_hours"] * v["hourly_cost"],
        "other": v["other_costs"],
        "net": out["net_value"],
    }
    f["goods"] = f["revenue"] - f["gross"]
    f["after_time"] = f["gross"] - f["time"]
    if not drawable(list(f.values())):
        return None
    return f


def _waterfall_rows(f, result):
    words = _CHART_TEXT[result.lang]
    net = f["net"]
    return [
        {"key": "revenue", "label": words["revenue"], "end": f["revenue"], "text": bar_money(f["revenue"], result)},
        {"key": "goods", "label": words["goods"], "start": f["revenue"], "end": f["gross"], "cls": "chart-step",
         "text": bar_money(-f["goods"], result), "link": True},
        {"key": "gross", "label": words["gross"], "end": f["gross"], "text": bar_money(f["gross"], result),
         "link": True},
        {"key": "time", "label": words["time"], "start": f["gross"], "end": f["after_time"], "cls": "chart-step",
         "text": bar_money(-f["time"], result), "link": True},
        {"key": "other", "label": words["other"], "start": f["after_time"], "end": f["after_time"] - f["other"],
         "cls": "chart-step", "text": bar_money(-f["other"], result), "link": True},
        {"key": "net", "label": words["net"], "end": net, "text": bar_money(net, result), "link": True,
         "cls": "chart-negative" if net < 0 else "chart-total"},
    ]


def _waterfall_desc(f, result):
    words = _CHART_TEXT[result.lang]
    desc = words["desc"]
    for key in ("revenue", "goods", "gross", "time", "other", "net"):
        desc = desc.replace("{" + key + "}", bar_money(f[key], result))
    if f["net"] > 0:
        return desc + words["gain"]
    if f["net"] < 0:
        return desc + words["loss"]
    return desc + words["even"]


def waterfall_chart(result, pinned=None, names=None):
    """Revenue, minus the cost of goods, the gross profit, minus staff time and other costs, the net
    value: each cost a step down from where the last one ended; a negative net value runs left of zero.
    With ``pinned``, A's steps as hollow bars under B's, on one scale.  None when an input is invalid or
    a number is beyond drawing."""
    f = _waterfall(result)
    if f is None:
        return None
    lang = result.lang
    rows = _waterfall_rows(f, result)
    desc = _waterfall_desc(f, result)
    a = bar_pinned(result, pinned, _waterfall)
    body = []
    y = 6
    if a is not None:
        bar_beside(rows, _waterfall_rows(a, pinned))
        y = bar_legend(y, lang, names, body)
        desc = bar_desc(lang, names, desc, _waterfall_desc(a, pinned))
    height = bar_panel(y, rows, (), body, bar_letter(lang))
    return bars_svg("waterfall", height, _CHART_TEXT[lang]["title"], desc, body)


CALCULATOR = Calculator(
    name="customer_value",
    order=40,
    title={"ru": "Ценность клиента", "en": "Customer value"},
    summary={
        "ru": "Сколько клиент приносит за год, если вычесть время и деньги, которые уходят на его обслуживание.",
        "en": "What a customer brings in a year once the time and money spent on serving them is taken off.",
    },
    inputs=[
        Input("annual_revenue", "money",
              {"ru": "Выручка с клиента за год", "en": "Revenue from the customer per year"},
              {"ru": 120000, "en": 2400},
              help={"ru": "Всё, что клиент заплатил за год, за вычетом возвратов денег.",
                    "en": "Everything the customer paid in the year, less any money refunded."}),
        shared_input("gross_margin_pct", 40),
        Input("service_hours", "number",
              {"ru": "Часы сотрудников на клиента за год", "en": "Staff hours on the customer per year"},
              20, maximum=HOURS_MAX,
              help={"ru": "Звонки, письма, встречи, согласования и переделки — у всех сотрудников вместе.",
                    "en": "Calls, emails, meetings, approvals and rework, summed over everyone involved."}),
        Input("hourly_cost", "money",
              {"ru": "Стоимость часа сотрудника", "en": "Cost of a staff hour"},
              {"ru": 800, "en": 16},
              help={"ru": "Зарплата с налогами и накладными расходами в расчёте на рабочий час.",
                    "en": "Pay plus taxes and overheads, per working hour."}),
        Input("other_costs", "money",
              {"ru": "Прочие расходы на клиента за год", "en": "Other costs of the customer per year"},
              {"ru": 10000, "en": 200},
              help={"ru": "Возвраты и их доставка, списания, особые условия: отсрочка, лишние скидки, "
                          "бесплатная срочность.",
                    "en": "Returns and their shipping, write-offs, special terms: late payment, extra "
                          "discounts, free rush jobs."}),
    ],
    outputs=[
        Output("gross_profit", "money",
               {"ru": "Валовая прибыль с клиента", "en": "Gross profit from the customer"}, _PROFIT, decimals=0,
               formula={"ru": "выручка × маржа: R × g", "en": "revenue × margin: R × g"},
               expression="annual_revenue * gross_margin_pct / 100"),
        Output("cost_to_serve", "money", {"ru": "Стоимость обслуживания", "en": "Cost to serve"},
               _SERVE, decimals=0,
               formula={"ru": "часы × стоимость часа + прочие расходы: h × c + O",
                        "en": "hours × hourly cost + other costs: h × c + O"},
               expression="service_hours * hourly_cost + other_costs"),
        Output("net_value", "money",
               {"ru": "Чистая ценность клиента за год", "en": "Net value of the customer per year"},
               _PROFIT + _SERVE, decimals=0,
               formula={"ru": "валовая прибыль − стоимость обслуживания: R × g − (h × c + O)",
                        "en": "gross profit − cost to serve: R × g − (h × c + O)"},
               expression="gross_profit - cost_to_serve"),
        # "count": whole hours from 100 up, one decimal below, like the other counts.
        Output("break_even_hours", "count",
               {"ru": "Часов до убытка", "en": "Hours before a loss"},
               _PROFIT + ("hourly_cost", "other_costs"),
               formula={"ru": "(валовая прибыль − прочие расходы) ÷ стоимость часа: (R × g − O) ÷ c",
                        "en": "(gross profit − other costs) ÷ hourly cost: (R × g − O) ÷ c"},
               expression="(gross_profit - other_costs) / hourly_cost"),
    ],
    compute=compute,
    chart=waterfall_chart,
    reasons={
        "costs_exceed_profit": {
            "ru": "Такого числа часов нет: одни прочие расходы уже съедают всю валовую прибыль, и клиент "
                  "убыточен, даже если не тратить на него ни часа.",
            "en": "No such number of hours: other costs alone eat the whole gross profit, so the customer "
                  "loses money even with no time spent on them.",
        },
        "free_staff_time": {
            "ru": "Предела нет: час сотрудника указан бесплатным, и время не уменьшает прибыль.",
            "en": "No limit: staff time is priced at zero, so hours never eat into the profit.",
        },
    },
    notes={
        "ru": [
            "Обозначения: R — выручка с клиента, g — валовая маржа, h — часы сотрудников, c — стоимость часа, "
            "O — прочие расходы.",
            "Считается один год и только то, что тратится на этого клиента; его будущие покупки, рекомендации "
            "и отзывы, в том числе плохие, не учтены.",
            "Время сотрудников оценено по полной стоимости часа, но уход клиента не всегда её экономит: если "
            "люди на окладе и освободившиеся часы нечем занять, расходы останутся, а маржа клиента уйдёт.",
            "Постоянные расходы (аренда, программы, управление) на клиента не распределены: клиент, убыточный "
            "по этому расчёту, может всё же покрывать их часть.",
        ],
        "en": [
            "Notation: R revenue from the customer, g gross margin, h staff hours, c cost of an hour, "
            "O other costs.",
            "One year is counted, and only what is spent on this customer; their future purchases, referrals "
            "and reviews, bad ones included, are left out.",
            "Staff time is valued at the full cost of an hour, but losing the customer does not always save it: "
            "if people are salaried and the freed hours cannot be put to use, the cost stays and the margin goes.",
            "Fixed costs (rent, software, management) are not allocated to the customer: one who loses money by "
            "this reckoning may still be covering part of them.",
        ],
    },
    presets={
        "coffee_shop": {
            "title": {"ru": "Постоянный гость кофейни", "en": "A coffee-shop regular"},
            "values": {"annual_revenue": {"ru": 14000, "en": 280}, "gross_margin_pct": 65, "service_hours": 3,
                "hourly_cost": {"ru": 400, "en": 8}, "other_costs": 0},
        },
        "online_store": {
            "title": {"ru": "Покупатель, который много возвращает", "en": "An online shopper who returns a lot"},
            "values": {"annual_revenue": {"ru": 40000, "en": 800}, "gross_margin_pct": 30, "service_hours": 6,
                "hourly_cost": {"ru": 600, "en": 12}, "other_costs": {"ru": 15000, "en": 300}},
        },
        "b2b_service": {
            "title": {"ru": "B2B-клиент на абонентском обслуживании", "en": "A B2B client on a subscription"},
            "values": {"annual_revenue": {"ru": 540000, "en": 10800}, "gross_margin_pct": 70,
                "service_hours": 120, "hourly_cost": {"ru": 1500, "en": 30},
                "other_costs": {"ru": 30000, "en": 600}},
        },
        "demanding_client": {
            "title": {"ru": "Требовательный B2B-клиент", "en": "A demanding B2B client"},
            "values": {"annual_revenue": {"ru": 540000, "en": 10800}, "gross_margin_pct": 70,
                "service_hours": 300, "hourly_cost": {"ru": 1500, "en": 30},
                "other_costs": {"ru": 60000, "en": 1200}},
        },
    },
)
