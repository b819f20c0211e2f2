"""Bonus uptake: an after-sale bonus (a week of free support, say) that only some customers use, paid
back by one more order within the year from the customers it brings back.

Money is in currency units; ``*_pct`` inputs are percentages; u and g are the fractions of uptake_pct
and gross_margin_pct; "with" and "without" are the yearly repeat rates with and without the bonus.

- ``bonus_cost`` = customers × u × bonus_cost_per_use
- ``extra_repeat_customers`` = customers × (with − without); negative when the bonus lowers the repeat
  rate (allowed: the net effect is then simply worse, and the verdict says in words that fewer
  customers buy again and what that costs)
- ``extra_margin`` = extra_repeat_customers × average_order × g
- ``net_effect`` = extra_margin − bonus_cost
- ``break_even_lift_pp`` = bonus_cost ÷ (customers × average_order × g) × 100, the lift in percentage
  points of the repeat rate at which the net effect is zero; "can never pay back" when it exceeds
  100 − without (even every customer coming back would not cover the bonus)
"""

from .core import Calculator, Input, Output, Unavailable, format_value
from .numbers import round_half_away

MONEY_MAX = 1e12
COUNT_MAX = 1e9


def compute(v):
    customers = v["customers"]
    margin_per_order = v["average_order"] * v["gross_margin_pct"] / 100
    bonus_cost = customers * v["uptake_pct"] / 100 * v["bonus_cost_per_use"]
    lift = v["repeat_rate_with_pct"] - v["repeat_rate_without_pct"]
    extra_repeat = customers * lift / 100
    extra_margin = extra_repeat * margin_per_order
    if customers == 0:
        break_even = Unavailable("no_customers")
    elif margin_per_order == 0:
        break_even = Unavailable("no_margin")
    else:
        # customers cancel out algebraically: the same lift is needed whatever their number
        break_even = bonus_cost / (customers * margin_per_order) * 100
        if break_even > 100 - v["repeat_rate_without_pct"]:
            break_even = Unavailable("never_pays_back")
    return {
        "bonus_cost": bonus_cost,
        "extra_repeat_customers": extra_repeat,
        "extra_margin": extra_margin,
        "net_effect": extra_margin - bonus_cost,
        "break_even_lift_pp": break_even,
    }


# --- the verdict: what a negative "extra" means -------------------------------------------------------

_VERDICT = {
    "ru": {
        "fewer": "С бонусом повторно покупают реже, чем без него: повторных покупателей за год меньше на {n}",
        "slightly": "С бонусом повторно покупают чуть реже, чем без него: разница — меньше {n} покупателя за год",
        "lost": ", это {margin} упущенной маржи",
        "cost": " сверх стоимости самого бонуса — {cost}",
    },
    "en": {
        "fewer": "With the bonus fewer customers buy again than without it: repeat customers fall by {n} a year",
        "slightly": "With the bonus slightly fewer customers buy again than without it: repeat customers fall "
                    "by less than {n} a year",
        "lost": ", which loses {margin} of margin",
        "cost": " on top of the bonus’s own cost, {cost}",
    },
}


def bonus_verdict(result):
    """One sentence when the bonus lowers the repeat rate ("extra" repeat customers below zero): fewer
    customers buy again, the margin that loses and the cost it comes on top of; None otherwise."""
    outputs = result.outputs
    extra = outputs["extra_repeat_customers"]
    if isinstance(extra, Unavailable) or extra >= 0:
        return None
    lang, currency = result.lang, result.currency
    words = _VERDICT[lang]
    if round_half_away(-extra, 1) == 0:  # shown as 0,0: a fraction of a customer on a small base
        text = words["slightly"].replace("{n}", format_value("count", 0.1, lang))
    else:
        text = words["fewer"].replace("{n}", format_value("count", -extra, lang))
    margin = outputs["extra_margin"]
    if not isinstance(margin, Unavailable) and margin < 0:
        text += words["lost"].replace("{margin}", format_value("money", -margin, lang, currency))
        cost = outputs["bonus_cost"]
        if not isinstance(cost, Unavailable) and cost > 0:
            text += words["cost"].replace("{cost}", format_value("money", cost, lang, currency))
    return text + "."


_COST = ("customers", "bonus_cost_per_use", "uptake_pct")
_EXTRA = ("customers", "repeat_rate_without_pct", "repeat_rate_with_pct")
_MARGIN = ("average_order", "gross_margin_pct")

CALCULATOR = Calculator(
    name="bonus_uptake",
    title={"ru": "Бонус после продажи", "en": "An after-sale bonus"},
    summary={
        "ru": "Во что обходится бонус после покупки, которым пользуется лишь часть клиентов, и окупится ли "
              "он повторными заказами тех, кого он вернёт.",
        "en": "What an after-sale bonus that only some customers use costs, and whether the repeat orders "
              "of the customers it brings back pay for it.",
    },
    inputs=[
        Input("customers", "count",
              {"ru": "Клиентов за год", "en": "Customers per year"},
              {"ru": 500, "en": 500}, maximum=COUNT_MAX, integer=True,
              help={"ru": "Все, кому бонус предлагается, — а не только те, кто им воспользуется.",
                    "en": "Everyone who is offered the bonus, not only those who will use it."}),
        Input("bonus_cost_per_use", "money",
              {"ru": "Стоимость бонуса на одного воспользовавшегося", "en": "Bonus cost per customer who uses it"},
              {"ru": 400, "en": 8}, maximum=MONEY_MAX,
              help={"ru": "Время сотрудников, материалы, подарок — во что обходится бонус, когда им "
                          "действительно пользуются.",
                    "en": "Staff time, materials, the gift: what the bonus costs when someone actually "
                          "uses it."}),
        Input("uptake_pct", "pct",
              {"ru": "Пользуются бонусом, %", "en": "Customers who use the bonus, %"},
              {"ru": 20, "en": 20}, maximum=100,
              help={"ru": "У Ирины Титовой неделей бесплатной поддержки пользуется примерно каждый пятый, "
                          "то есть 20 %.",
                    "en": "In Irina Titova's practice about one customer in five, 20%, uses a week of "
                          "free support."}),
        Input("average_order", "money",
              {"ru": "Средний чек", "en": "Average order"},
              {"ru": 5000, "en": 100}, maximum=MONEY_MAX),
        Input("gross_margin_pct", "pct",
              {"ru": "Валовая маржа, %", "en": "Gross margin, %"},
              {"ru": 40, "en": 40}, maximum=100),
        Input("repeat_rate_without_pct", "pct",
              {"ru": "Повторно покупают без бонуса, %", "en": "Buy again without the bonus, %"},
              {"ru": 20, "en": 20}, maximum=100,
              help={"ru": "Доля клиентов, которые делают ещё один заказ в течение года, если бонуса нет.",
                    "en": "The share of customers who place another order within the year without the bonus."}),
        Input("repeat_rate_with_pct", "pct",
              {"ru": "Повторно покупают с бонусом, %", "en": "Buy again with the bonus, %"},
              {"ru": 25, "en": 25}, maximum=100,
              help={"ru": "Та же доля, если бонус предлагается всем. Может быть и ниже, чем без бонуса: "
                          "тогда бонус только вредит.",
                    "en": "The same share when everyone is offered the bonus. It may even be lower than "
                          "without: then the bonus only does harm."}),
    ],
    outputs=[
        Output("bonus_cost", "money", {"ru": "Стоимость бонуса за год", "en": "Bonus cost per year"},
               _COST, formula={"ru": "клиенты × u × стоимость на одного, где u — доля воспользовавшихся",
                               "en": "customers × u × cost per use, where u is the share who use it"}),
        Output("extra_repeat_customers", "count",
               {"ru": "Дополнительных повторных покупателей", "en": "Extra repeat customers"}, _EXTRA,
               formula={"ru": "клиенты × (доля с бонусом − доля без бонуса)",
                        "en": "customers × (repeat rate with − repeat rate without)"}),
        Output("extra_margin", "money",
               {"ru": "Маржа с дополнительных заказов", "en": "Margin from the extra orders"},
               _EXTRA + _MARGIN,
               formula={"ru": "дополнительные покупатели × средний чек × g",
                        "en": "extra repeat customers × average order × g"}),
        Output("net_effect", "money", {"ru": "Итог бонуса за год", "en": "Net effect per year"},
               _COST + _MARGIN + ("repeat_rate_without_pct", "repeat_rate_with_pct"),
               formula={"ru": "маржа с дополнительных заказов − стоимость бонуса",
                        "en": "margin from the extra orders − bonus cost"}),
        Output("break_even_lift_pp", "number",
               {"ru": "Нужный прирост повторных покупок, п. п.",
                "en": "Lift in repeat rate needed to break even, points"},
               _COST + _MARGIN + ("repeat_rate_without_pct",), decimals=2,
               formula={"ru": "стоимость бонуса ÷ (клиенты × средний чек × g) × 100, в процентных пунктах; "
                              "не окупится никогда, если больше 100 − доля без бонуса",
                        "en": "bonus cost ÷ (customers × average order × g) × 100, in percentage points; "
                              "can never pay back if above 100 − repeat rate without"}),
    ],
    compute=compute,
    verdict=bonus_verdict,
    reasons={
        "no_customers": {"ru": "Нет данных: клиентов 0.", "en": "Not available: no customers."},
        "no_margin": {"ru": "Нет данных: повторный заказ не приносит маржи (средний чек или маржа равны 0), "
                            "окупить бонус нечем.",
                      "en": "Not available: a repeat order brings no margin (the average order or the margin "
                            "is 0), so nothing can pay for the bonus."},
        "never_pays_back": {"ru": "Не окупится никогда: даже если вернутся все клиенты до одного, маржа с их "
                                  "заказов не покроет стоимость бонуса.",
                            "en": "Can never pay back: even if every single customer came back, the margin "
                                  "on their orders would not cover the bonus."},
    },
    notes={
        "ru": [
            "Бонус предлагается всем клиентам, а платите вы только за тех, кто им воспользовался.",
            "Каждый вернувшийся благодаря бонусу клиент делает в течение года ровно один дополнительный "
            "заказ на сумму среднего чека.",
            "Всё, что бонус даёт сверх повторных заказов, — отзывы, рекомендации, довольство тех, кто им не "
            "воспользовался, — здесь не учтено.",
            "Доли повторных покупок с бонусом и без — ваши оценки; честнее всего сравнить две группы клиентов.",
            "Если с бонусом покупают повторно реже, чем без него, прирост отрицателен: калькулятор это "
            "допускает, показывает, насколько итог хуже, и пишет под результатами, сколько повторных "
            "покупателей бонус отнимает.",
            "Нужный прирост не зависит ни от числа клиентов, ни от доли с бонусом: сравните его с "
            "разницей двух долей повторных покупок.",
        ],
        "en": [
            "The bonus is offered to every customer, and you pay only for those who use it.",
            "Each customer the bonus brings back places exactly one extra order of the average value "
            "within the year.",
            "Whatever else the bonus brings — reviews, recommendations, the goodwill of those who never use "
            "it — is not counted here.",
            "The repeat rates with and without the bonus are your estimates; comparing two groups of "
            "customers is the honest way to get them.",
            "If customers buy again less often with the bonus than without, the lift is negative: the "
            "calculator allows it, shows how much worse the net effect is and says under the results how "
            "many repeat customers the bonus costs.",
            "The lift needed depends neither on the number of customers nor on the repeat rate with the "
            "bonus: compare it with the difference between the two repeat rates.",
        ],
    },
    presets={
        "free_support_week": {
            "title": {"ru": "Неделя бесплатной поддержки после консультации",
                      "en": "A free week of support after a consultation"},
            "values": {
                "ru": {"customers": 60, "bonus_cost_per_use": 7500, "uptake_pct": 20, "average_order": 30000,
                       "gross_margin_pct": 80, "repeat_rate_without_pct": 15, "repeat_rate_with_pct": 25},
                "en": {"customers": 60, "bonus_cost_per_use": 150, "uptake_pct": 20, "average_order": 600,
                       "gross_margin_pct": 80, "repeat_rate_without_pct": 15, "repeat_rate_with_pct": 25},
            },
        },
        "satin_ribbon": {
            "title": {"ru": "Заказ, перевязанный атласной лентой", "en": "Every order tied with a satin ribbon"},
            "values": {
                "ru": {"customers": 2000, "bonus_cost_per_use": 60, "uptake_pct": 100, "average_order": 4000,
                       "gross_margin_pct": 45, "repeat_rate_without_pct": 20, "repeat_rate_with_pct": 24},
                "en": {"customers": 2000, "bonus_cost_per_use": 1.2, "uptake_pct": 100, "average_order": 80,
                       "gross_margin_pct": 45, "repeat_rate_without_pct": 20, "repeat_rate_with_pct": 24},
            },
        },
        "free_assembly": {
            "title": {"ru": "Магазин мебели: бесплатная сборка при низкой марже",
                      "en": "Furniture shop: free assembly on a thin margin"},
            "values": {
                "ru": {"customers": 300, "bonus_cost_per_use": 1500, "uptake_pct": 60, "average_order": 4000,
                       "gross_margin_pct": 25, "repeat_rate_without_pct": 30, "repeat_rate_with_pct": 40},
                "en": {"customers": 300, "bonus_cost_per_use": 30, "uptake_pct": 60, "average_order": 80,
                       "gross_margin_pct": 25, "repeat_rate_without_pct": 30, "repeat_rate_with_pct": 40},
            },
        },
    },
)
