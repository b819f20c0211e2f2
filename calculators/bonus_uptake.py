"""Bonus uptake: an after-sale bonus (a week of free support, say) that only some customers use, paid
back by one more order within the year from the customers it brings back.

Money is in currency units; ``*_pct`` inputs are percentages; u and g are the fractions of uptake_pct
and gross_margin_pct; "with" and "without" are the yearly repeat rates with and without the bonus.

Each output's formula is declared once with the output: in words for the page's table
(``formula``) and as code (``expression``), which tests/unit/test_formulas.py holds to
:func:`compute` and ``python -m calculators bonus_uptake --help`` lists.
"""

from .charts import (bar_beside, bar_desc, bar_heading, bar_legend, bar_letter, bar_money, bar_panel, bar_pinned,
                     bars_svg, drawable)
from .core import Calculator, Input, Output, Unavailable, format_value, shared_input, unit_word
from .numbers import format_number, round_half_away



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


# --- the chart: the lift needed against the lift expected ---------------------------------------------------------

_CHART_TEXT = {
    "ru": {
        "title": "Нужный прирост повторных покупок против ожидаемого",
        "pays": "Бонус окупается: итог за год {net}",
        "even": "Бонус ровно окупается: итог за год {net}",
        "short": "Бонус не окупается: итог за год {net}",
        "never": "Бонус не окупится никогда: итог за год {net}",
        "needed": "Нужен прирост, чтобы окупить бонус",
        "expected": "Ожидаемый прирост (с бонусом − без)",
        "more_than": "больше {pp}",
        "break_even": "Точка окупаемости: {pp}",
        "ceiling": "Предел: повторно покупают все клиенты",
        "a_break_even": "Точка окупаемости в сценарии {a}: {pp}",
        "a_ceiling": "Предел в сценарии {a}: повторно покупают все",
        "desc": "Чтобы бонус окупился, доля повторных покупок должна вырасти на {needed}; ожидается {change} "
                "(с {without} до {with}). ",
        "desc_never": "Бонус не окупится никогда: даже если повторно купят все клиенты (прирост на {ceiling}), "
                      "маржа с их заказов не покроет его стоимость; ожидается {change} (с {without} до {with}). ",
        "rise": "рост на {pp}",
        "fall": "падение на {pp}",
        "none": "без изменений",
        "desc_pays": "Бонус окупается: итог за год {net}.",
        "desc_even": "Бонус ровно окупается.",
        "desc_short": "Бонус не окупается: итог за год {net}.",
        "desc_net": "Итог за год {net}.",
        "pp": "п.\u00a0п.",
    },
    "en": {
        "title": "The lift in repeat purchases needed against the lift expected",
        "pays": "The bonus pays back: {net} a year",
        "even": "The bonus just breaks even: {net} a year",
        "short": "The bonus does not pay back: {net} a year",
        "never": "The bonus can never pay back: {net} a year",
        "needed": "Lift needed to pay for the bonus",
        "expected": "Lift expected (with − without)",
        "more_than": "over {pp}",
        "break_even": "Break-even: {pp}",
        "ceiling": "The limit: every customer buys again",
        "a_break_even": "Break-even in scenario {a}: {pp}",
        "a_ceiling": "The limit in scenario {a}: everyone buys again",
        "desc": "To pay for the bonus the repeat rate must rise by {needed}; the expected change is {change} "
                "(from {without} to {with}). ",
        "desc_never": "The bonus can never pay back: even if every customer bought again (a lift of {ceiling}), "
                      "the margin on their orders would not cover its cost; the expected change is {change} "
                      "(from {without} to {with}). ",
        "rise": "a rise of {pp}",
        "fall": "a fall of {pp}",
        "none": "none",
        "desc_pays": "The bonus pays back: {net} a year.",
        "desc_even": "The bonus just breaks even.",
        "desc_short": "The bonus does not pay back: {net} a year.",
        "desc_net": "The net effect is {net} a year.",
        "pp": None,
    },
}


def _fill(template, params):
    for key in params:
        template = template.replace("{" + key + "}", params[key])
    return template


def points(value, lang):
    """Percentage points, as few decimals as the value needs (at most 2): ru ``4,17 п. п.``, en ``4.17 points``."""
    hundredths = round_half_away(value, 2)
    decimals = 0 if hundredths % 100 == 0 else (1 if hundredths % 10 == 0 else 2)
    text = format_number(value, lang, decimals)
    unit = _CHART_TEXT[lang]["pp"]
    if unit is None:
        unit = unit_word("points", round_half_away(value, decimals), decimals, lang)
    return text + "\u00a0" + unit


def _signed(value, result):
    text = bar_money(value, result)
    return "+" + text if value > 0 else text


def _lift(result):
    """Lift needed (the limit when it can never pay back), lift expected, net effect and the rates; None
    when an input is invalid or there are no customers or no margin."""
    for name in _COST + _EXTRA + _MARGIN:
        if name in result.errors:
            return None
    v, out = result.values, result.outputs
    needed = out["break_even_lift_pp"]
    f = {"without": v["repeat_rate_without_pct"], "with": v["repeat_rate_with_pct"], "net": out["net_effect"],
         "never": isinstance(needed, Unavailable) and needed.code == "never_pays_back"}
    f["expected"] = f["with"] - f["without"]
    f["needed"] = 100 - f["without"] if f["never"] else needed
    if not drawable((f["needed"], f["net"], f["expected"])):
        return None
    if f["never"]:
        f["state"] = "never"
    else:
        f["state"] = "pays" if f["net"] > 0 else ("short" if f["net"] < 0 else "even")
    return f


def _lift_rows(f, result):
    lang = result.lang
    words = _CHART_TEXT[lang]
    needed = points(f["needed"], lang)
    return [
        {"key": "needed", "label": words["needed"], "end": f["needed"], "cls": "chart-bar-other",
         "text": words["more_than"].replace("{pp}", needed) if f["never"] else needed},
        {"key": "expected", "label": words["expected"], "end": f["expected"], "text": points(f["expected"], lang),
         "cls": "chart-negative" if f["net"] < 0 else ""},
    ]


def _lift_desc(f, result):
    lang = result.lang
    words = _CHART_TEXT[lang]
    expected = f["expected"]
    change = words["rise" if expected > 0 else ("fall" if expected < 0 else "none")]
    needed = points(f["needed"], lang)
    params = {"needed": needed, "ceiling": needed, "change": change.replace("{pp}", points(abs(expected), lang)),
              "without": format_value("pct", f["without"], lang), "with": format_value("pct", f["with"], lang),
              "net": _signed(f["net"], result)}
    if f["never"]:
        return _fill(words["desc_never"] + words["desc_net"], params)
    return _fill(words["desc"] + words["desc_" + f["state"]], params)


def _lift_legend(f, lang, key):
    words = _CHART_TEXT[lang]
    return words[key + ("ceiling" if f["never"] else "break_even")].replace(
        "{pp}", points(f["needed"], lang)).replace("{a}", bar_letter(lang))


def lift_chart(result, pinned=None, names=None):
    """Two bars in percentage points: the lift in the repeat rate needed to pay for the bonus, and the lift
    expected (with − without; below zero it runs left of the axis), the break-even as a dashed line.  The
    expected bar takes the loss colour when the bonus does not pay back.  When it can never pay back, the
    needed bar reaches the limit (every customer buying again) and says "over".  With ``pinned``, A's bars
    hollow under B's and A's break-even dash-dotted.  None when an input is invalid or there are no
    customers or no margin."""
    f = _lift(result)
    if f is None:
        return None
    lang = result.lang
    words = _CHART_TEXT[lang]
    rows = _lift_rows(f, result)
    mark = {"key": "needed", "value": f["needed"], "legend": _lift_legend(f, lang, "")}
    desc = _lift_desc(f, result)
    a = bar_pinned(result, pinned, _lift)
    body = []
    y = 6
    if a is not None:
        bar_beside(rows, _lift_rows(a, pinned))
        mark["a_value"] = a["needed"]
        mark["a_legend"] = _lift_legend(a, lang, "a_")
        y = bar_legend(y, lang, names, body) + 2
        desc = bar_desc(lang, names, desc, _lift_desc(a, pinned))
    y = bar_heading(y + 15, words[f["state"]].replace("{net}", _signed(f["net"], result)), body)
    y = bar_panel(y, rows, (mark,), body, bar_letter(lang))
    return bars_svg("lift", y, words["title"], desc, body)


CALCULATOR = Calculator(
    name="bonus_uptake",
    order=70,
    title={"ru": "Бонус после продажи", "en": "An after-sale bonus"},
    summary={
        "ru": "Во что обходится бонус после покупки, которым пользуется лишь часть клиентов, и окупится ли "
              "он повторными заказами тех, кого он вернёт.",
        "en": "What an after-sale bonus that only some customers use costs, and whether the repeat orders "
              "of the customers it brings back pay for it.",
    },
    inputs=[
        shared_input("customers", 500,
              help={"ru": "Все, кому бонус предлагается, — а не только те, кто им воспользуется.",
                    "en": "Everyone who is offered the bonus, not only those who will use it."}),
        Input("bonus_cost_per_use", "money",
              {"ru": "Стоимость бонуса на одного воспользовавшегося", "en": "Bonus cost per customer who uses it"},
              {"ru": 400, "en": 8},
              help={"ru": "Время сотрудников, материалы, подарок — во что обходится бонус, когда им "
                          "действительно пользуются.",
                    "en": "Staff time, materials, the gift: what the bonus costs when someone actually "
                          "uses it."}),
        Input("uptake_pct", "pct",
              {"ru": "Пользуются бонусом, %", "en": "Customers who use the bonus, %"},
              20,
              help={"ru": "У Ирины Титовой неделей бесплатной поддержки пользуется примерно каждый пятый, "
                          "то есть 20 %.",
                    "en": "In Irina Titova's practice about one customer in five, 20%, uses a week of "
                          "free support."}),
        shared_input("average_order", {"ru": 5000, "en": 100}),
        shared_input("gross_margin_pct", 40,
              help=None),
        Input("repeat_rate_without_pct", "pct",
              {"ru": "Повторно покупают без бонуса, %", "en": "Buy again without the bonus, %"},
              20,
              help={"ru": "Доля клиентов, которые делают ещё один заказ в течение года, если бонуса нет.",
                    "en": "The share of customers who place another order within the year without the bonus."}),
        Input("repeat_rate_with_pct", "pct",
              {"ru": "Повторно покупают с бонусом, %", "en": "Buy again with the bonus, %"},
              25,
              help={"ru": "Та же доля, если бонус предлагается всем. Может быть и ниже, чем без бонуса: "
                          "тогда бонус только вредит.",
                    "en": "The same share when everyone is offered the bonus. It may even be lower than "
                          "without: then the bonus only does harm."}),
    ],
    outputs=[
        Output("bonus_cost", "money", {"ru": "Стоимость бонуса за год", "en": "Bonus cost per year"},
               _COST, formula={"ru": "клиенты × u × стоимость на одного, где u — доля воспользовавшихся",
                               "en": "customers × u × cost per use, where u is the share who use it"},
               expression="customers * uptake_pct / 100 * bonus_cost_per_use"),
        Output("extra_repeat_customers", "count",
               {"ru": "Дополнительных повторных покупателей", "en": "Extra repeat customers"}, _EXTRA,
               formula={"ru": "клиенты × (доля с бонусом − доля без бонуса)",
                        "en": "customers × (repeat rate with − repeat rate without)"},
               expression="customers * (repeat_rate_with_pct - repeat_rate_without_pct) / 100"),
        Output("extra_margin", "money",
               {"ru": "Маржа с дополнительных заказов", "en": "Margin from the extra orders"},
               _EXTRA + _MARGIN,
               formula={"ru": "дополнительные покупатели × средний чек × g",
                        "en": "extra repeat customers × average order × g"},
               expression="extra_repeat_customers * average_order * gross_margin_pct / 100"),
        Output("net_effect", "money", {"ru": "Итог бонуса за год", "en": "Net effect per year"},
               _COST + _MARGIN + ("repeat_rate_without_pct", "repeat_rate_with_pct"),
               formula={"ru": "маржа с дополнительных заказов − стоимость бонуса",
                        "en": "margin from the extra orders − bonus cost"},
               expression="extra_margin - bonus_cost"),
        Output("break_even_lift_pp", "number",
               {"ru": "Нужный прирост повторных покупок, п. п.",
                "en": "Lift in repeat rate needed to break even, points"},
               _COST + _MARGIN + ("repeat_rate_without_pct",), decimals=2,
               formula={"ru": "стоимость бонуса ÷ (клиенты × средний чек × g) × 100, в процентных пунктах; "
                              "не окупится никогда, если больше 100 − доля без бонуса",
                        "en": "bonus cost ÷ (customers × average order × g) × 100, in percentage points; "
                              "can never pay back if above 100 − repeat rate without"},
               expression="bonus_cost / (customers * average_order * gross_margin_pct / 100) * 100"),
    ],
    compute=compute,
    chart=lift_chart,
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
            "values": {"customers": 60, "bonus_cost_per_use": {"ru": 7500, "en": 150}, "uptake_pct": 20,
                "average_order": {"ru": 30000, "en": 600}, "gross_margin_pct": 80,
                "repeat_rate_without_pct": 15, "repeat_rate_with_pct": 25},
        },
        "satin_ribbon": {
            "title": {"ru": "Заказ, перевязанный атласной лентой", "en": "Every order tied with a satin ribbon"},
            "values": {"customers": 2000, "bonus_cost_per_use": {"ru": 60, "en": 1.2}, "uptake_pct": 100,
                "average_order": {"ru": 4000, "en": 80}, "gross_margin_pct": 45, "repeat_rate_without_pct": 20,
                "repeat_rate_with_pct": 24},
        },
        "free_assembly": {
            "title": {"ru": "Магазин мебели: бесплатная сборка при низкой марже",
                      "en": "Furniture shop: free assembly on a thin margin"},
            "values": {"customers": 300, "bonus_cost_per_use": {"ru": 1500, "en": 30}, "uptake_pct": 60,
                "average_order": {"ru": 4000, "en": 80}, "gross_margin_pct": 25, "repeat_rate_without_pct": 30,
                "repeat_rate_with_pct": 40},
        },
    },
)
