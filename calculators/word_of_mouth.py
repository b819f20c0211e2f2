"""Word of mouth: a charm budget spent on unexpected gestures, and its return on experience (ROE).

Money is in currency units; ``*_pct`` inputs are percentages; t and i are the fractions of
told_conversion_pct and incremental_pct.

Each output's formula is declared once with the output: in words for the page's table
(``formula``) and as code (``expression``), which tests/unit/test_formulas.py holds to
:func:`compute` and ``python -m calculators word_of_mouth --help`` lists.
"""

from .charts import (bar_beside, bar_desc, bar_heading, bar_legend, bar_letter, bar_money, bar_panel, bar_pinned,
                     bars_svg, drawable)
from .core import (Calculator, Input, Output, Unavailable, first_unavailable, format_value, ratio,
                   savings_vs_paid, shared_input, shared_output)
from .numbers import round_half_away

PEOPLE_MAX = 1e6


def compute(v):
    budget_cents = round_half_away(v["charm_budget"], 2)
    gesture_cents = round_half_away(v["cost_per_gesture"], 2)
    if gesture_cents == 0:
        gestures = spent = Unavailable("free_gesture")
        new_customers = Unavailable("free_gesture")
    else:
        count = budget_cents // gesture_cents
        gestures = float(count)
        spent = count * gesture_cents / 100
        new_customers = (gestures * v["people_told"] * v["told_conversion_pct"]
                         * v["incremental_pct"] / 10000)
    cost_per_new = ratio(spent, new_customers, "no_new_customers")
    missing = first_unavailable(new_customers)
    value_created = missing if missing is not None else new_customers * v["clv"]
    if isinstance(spent, Unavailable):
        roe = spent
    elif spent == 0:
        roe = Unavailable("nothing_spent")
    else:
        roe = (value_created - spent) * 100 / spent
    return {
        "gestures": gestures,
        "spent": spent,
        "new_customers": new_customers,
        "cost_per_new_customer": cost_per_new,
        "value_created": value_created,
        "roe_pct": roe,
        "savings_vs_paid_pct": savings_vs_paid(cost_per_new, v["paid_cac"]),
    }


_SPEND = ("charm_budget", "cost_per_gesture")
_NEW = _SPEND + ("people_told", "told_conversion_pct", "incremental_pct")


# --- the chart: what the gestures cost against what their stories bring -----------------------------------------

_CHART_TEXT = {
    "ru": {
        "title": "Бюджет очарования против ценности клиентов, которых приводят рассказы",
        "roe": "Отдача от впечатлений (ROE): {roe}",
        "spent": "Потрачено на жесты",
        "value": "Ценность новых клиентов",
        "per_customer": "Цена нового клиента",
        "cheaper": "Клиент через рассказы на {pct} дешевле, чем из рекламы",
        "dearer": "Клиент через рассказы на {pct} дороже, чем из рекламы",
        "same": "Клиент через рассказы стоит столько же, сколько из рекламы",
        "word": "Через рассказы",
        "paid": "Из платных каналов (CAC)",
        "desc": "На жесты потрачено {spent}, а новые клиенты, которых приводят рассказы о них ({n}), стоят "
                "{value}: отдача от впечатлений (ROE) — {roe}.",
        "desc_paid": " Один новый клиент через рассказы обходится в {word}, из платных каналов — в {paid}",
        "desc_cheaper": ": на {pct} дешевле.",
        "desc_dearer": ": на {pct} дороже.",
        "desc_same": ", столько же.",
    },
    "en": {
        "title": "The charm budget against the value of the customers its stories bring",
        "roe": "Return on experience (ROE): {roe}",
        "spent": "Spent on gestures",
        "value": "Value of the new customers",
        "per_customer": "Cost of a new customer",
        "cheaper": "A customer by word of mouth costs {pct} less than one from paid channels",
        "dearer": "A customer by word of mouth costs {pct} more than one from paid channels",
        "same": "A customer by word of mouth costs the same as one from paid channels",
        "word": "By word of mouth",
        "paid": "From paid channels (CAC)",
        "desc": "The gestures cost {spent}; the new customers their stories bring ({n}) are worth {value}: a "
                "return on experience (ROE) of {roe}.",
        "desc_paid": " A new customer by word of mouth costs {word}, one from paid channels {paid}",
        "desc_cheaper": ": {pct} less.",
        "desc_dearer": ": {pct} more.",
        "desc_same": ", the same.",
    },
}


def _fill(template, params):
    for key in params:
        template = template.replace("{" + key + "}", params[key])
    return template


def _return(result):
    """The chart's figures for ``result``: spent, value, ROE and, when the stories bring someone and the
    paid CAC is valid, the cost of a customer each way (else ``word`` is None); None when nothing is spent."""
    out = result.outputs
    f = {"spent": out["spent"], "value": out["value_created"], "roe": out["roe_pct"], "n": out["new_customers"],
         "word": None, "paid": None, "savings": None}
    if not drawable((f["spent"], f["value"], f["roe"], f["n"])):
        return None
    word, paid = out["cost_per_new_customer"], result.values["paid_cac"]
    if "paid_cac" not in result.errors and drawable((word, paid)):
        f["word"], f["paid"] = word, paid
        if drawable((out["savings_vs_paid_pct"],)):
            f["savings"] = out["savings_vs_paid_pct"]
    return f


def _return_rows(f, result):
    words = _CHART_TEXT[result.lang]
    first = [
        {"key": "spent", "label": words["spent"], "end": f["spent"], "text": bar_money(f["spent"], result),
         "cls": "chart-step"},
        {"key": "value", "label": words["value"], "end": f["value"], "text": bar_money(f["value"], result),
         "cls": "chart-negative" if f["value"] < f["spent"] else ""},
    ]
    if f["word"] is None:
        return first, None
    second = [
        {"key": "word", "label": words["word"], "end": f["word"], "text": bar_money(f["word"], result),
         "cls": "chart-negative" if f["word"] > f["paid"] else ""},
        {"key": "paid", "label": words["paid"], "end": f["paid"], "text": bar_money(f["paid"], result),
         "cls": "chart-bar-other"},
    ]
    return first, second


def _savings_words(f, lang):
    """(heading, the description's ending) for the cost of a customer each way."""
    words = _CHART_TEXT[lang]
    savings = f["savings"]
    if savings is None:
        return words["per_customer"], "."
    pct = format_value("pct", abs(savings), lang)
    if savings > 0:
        heading, verdict = words["cheaper"], words["desc_cheaper"]
    elif savings < 0:
        heading, verdict = words["dearer"], words["desc_dearer"]
    else:
        heading, verdict = words["same"], words["desc_same"]
    return heading.replace("{pct}", pct), verdict.replace("{pct}", pct)


def _return_desc(f, result):
    lang = result.lang
    words = _CHART_TEXT[lang]
    desc = _fill(words["desc"], {"spent": bar_money(f["spent"], result), "value": bar_money(f["value"], result),
                                 "roe": format_value("pct", f["roe"], lang), "n": result.text("new_customers")})
    if f["word"] is not None:
        desc += _fill(words["desc_paid"], {"word": bar_money(f["word"], result), "paid": bar_money(f["paid"], result)})
        desc += _savings_words(f, lang)[1]
    return desc


def return_chart(result, pinned=None, names=None):
    """Two pairs of bars: what the gestures cost against the value of the new customers (with the ROE),
    and what one such customer costs against one from paid channels (with the saving).  The second pair
    is left out when the stories bring nobody or the paid CAC is not valid; None when nothing is spent.
    With ``pinned``, A's bars hollow under B's, each pair on one scale."""
    f = _return(result)
    if f is None:
        return None
    lang = result.lang
    words = _CHART_TEXT[lang]
    first, second = _return_rows(f, result)
    desc = _return_desc(f, result)
    a = bar_pinned(result, pinned, _return)
    body = []
    y = 6
    if a is not None:
        a_first, a_second = _return_rows(a, pinned)
        bar_beside(first, a_first)
        if second is not None and a_second is not None:
            bar_beside(second, a_second)
        y = bar_legend(y, lang, names, body) + 2
        desc = bar_desc(lang, names, desc, _return_desc(a, pinned))
    y = bar_heading(y + 15, words["roe"].replace("{roe}", format_value("pct", f["roe"], lang)), body)
    y = bar_panel(y, first, (), body, bar_letter(lang))
    if second is not None:
        y = bar_heading(y + 14 + 15, _savings_words(f, lang)[0], body)
        y = bar_panel(y, second, (), body, bar_letter(lang))
    return bars_svg("return", y, words["title"], desc, body)


CALCULATOR = Calculator(
    name="word_of_mouth",
    order=50,
    title={"ru": "Бюджет очарования и сарафанное радио", "en": "Charm budget and word of mouth"},
    summary={
        "ru": "Сколько неожиданных жестов оплатит бюджет очарования, сколько новых клиентов приведут "
              "их рассказы и какова отдача от впечатлений (ROE).",
        "en": "How many unexpected gestures a charm budget pays for, how many new customers the stories "
              "about them bring, and the return on experience (ROE).",
    },
    inputs=[
        Input("charm_budget", "money",
              {"ru": "Бюджет очарования за год", "en": "Charm budget per year"},
              {"ru": 30000, "en": 600},
              help={"ru": "Деньги, которые сотрудники могут сами потратить на неожиданные знаки внимания "
                          "клиентам, без согласования в каждом случае.",
                    "en": "Money staff may spend on their own judgement on unexpected gestures for "
                          "customers, without asking each time."}),
        Input("cost_per_gesture", "money",
              {"ru": "Цена одного жеста", "en": "Cost per gesture"},
              {"ru": 500, "en": 10},
              help={"ru": "Сколько в среднем стоит один подарок или услуга сверх ожиданий: цветы, "
                          "открытка от руки, бесплатная услуга по себестоимости.",
                    "en": "What one gift or service beyond expectations costs on average: flowers, a "
                          "handwritten card, a free service at cost."}),
        Input("people_told", "count",
              {"ru": "Скольким людям расскажет довольный клиент", "en": "People each delighted customer tells"},
              5, maximum=PEOPLE_MAX,
              help={"ru": "В среднем, лично и в соцсетях; можно дробное число.",
                    "en": "On average, in person and online; a fraction is fine."}),
        Input("told_conversion_pct", "pct",
              {"ru": "Из услышавших станут клиентами, %", "en": "Of those told, become customers, %"},
              8),
        Input("incremental_pct", "pct",
              {"ru": "Пришли бы только благодаря рассказу, %", "en": "Would not have come otherwise, %"},
              100,
              help={"ru": "Доля новых клиентов, которые без рассказа не пришли бы вовсе. Остальные ничего "
                          "не экономят: они пришли бы и так.",
                    "en": "The share of new customers who would not have come at all without the story. "
                          "The rest save nothing: they would have come anyway."}),
        Input("clv", "money",
              {"ru": "Пожизненная ценность нового клиента (CLV)", "en": "Lifetime value of a new customer (CLV)"},
              {"ru": 7700, "en": 154},
              help={"ru": "Маржа, которую клиент принесёт за всё время, — как её считает калькулятор "
                          "«Привлечение или удержание».",
                    "en": "The margin a customer brings over their whole life with you, as the "
                          "acquisition versus retention calculator computes it."}),
        shared_input("paid_cac", {"ru": 1500, "en": 30},
              help={"ru": "Во что обходится новый клиент из рекламы и других платных источников.",
                    "en": "What a new customer from advertising and other paid sources costs."}),
    ],
    outputs=[
        Output("gestures", "count", {"ru": "Жестов на этот бюджет", "en": "Gestures the budget pays for"},
               _SPEND, decimals=0,
               formula={"ru": "⌊бюджет ÷ цена жеста⌋: целая часть, обе суммы в копейках",
                        "en": "⌊budget ÷ cost per gesture⌋: the whole part, both amounts in cents"},
               expression="floor(round_half_away(charm_budget, 2) / round_half_away(cost_per_gesture, 2))"),
        Output("spent", "money", {"ru": "Потрачено", "en": "Spent"}, _SPEND,
               formula={"ru": "жесты × цена жеста", "en": "gestures × cost per gesture"},
               expression="gestures * round_half_away(cost_per_gesture, 2) / 100"),
        Output("new_customers", "count", {"ru": "Новых клиентов от рассказов", "en": "New customers from the stories"},
               _NEW,
               formula={"ru": "жесты × p × t × i, где p — скольким рассказывает клиент, t — доля "
                              "услышавших, ставших клиентами, i — доля тех, кто без рассказа не пришёл бы",
                        "en": "gestures × p × t × i, where p is the people each customer tells, t the share "
                              "of them who buy, i the share who would not have come otherwise"},
               expression="gestures * people_told * told_conversion_pct / 100 * incremental_pct / 100"),
        Output("cost_per_new_customer", "money",
               {"ru": "Цена нового клиента через сарафанное радио", "en": "Cost of a new customer by word of mouth"},
               _NEW, formula={"ru": "потрачено ÷ новые клиенты", "en": "spent ÷ new customers"},
               expression="spent / new_customers"),
        Output("value_created", "money",
               {"ru": "Ценность новых клиентов", "en": "Value of the new customers"}, _NEW + ("clv",),
               formula={"ru": "новые клиенты × CLV", "en": "new customers × CLV"},
               expression="new_customers * clv"),
        Output("roe_pct", "pct",
               {"ru": "Отдача от впечатлений (ROE, return on experience)",
                "en": "Return on experience (ROE)"}, _NEW + ("clv",), decimals=1,
               formula={"ru": "(ценность новых клиентов − потрачено) ÷ потрачено × 100",
                        "en": "(value of the new customers − spent) ÷ spent × 100"},
               expression="(value_created - spent) / spent * 100"),
        shared_output("savings_vs_paid_pct", _NEW + ("paid_cac",),
              decimals=1,
              formula={"ru": "(1 − цена нового клиента ÷ CAC платных каналов) × 100; меньше нуля — "
                              "дороже рекламы",
                        "en": "(1 − cost of a new customer ÷ paid-channel CAC) × 100; below zero means "
                              "dearer than paid channels"},
               expression="(1 - cost_per_new_customer / paid_cac) * 100"),
    ],
    compute=compute,
    chart=return_chart,
    reasons={
        "free_gesture": {"ru": "Нет данных: жест ничего не стоит (меньше копейки), число жестов не определено.",
                         "en": "Not available: a gesture costs nothing (under a cent), so the number of "
                               "gestures is not defined."},
        "no_new_customers": {"ru": "Нет данных: рассказы не приводят новых клиентов (или бюджета не хватает "
                                   "ни на один жест).",
                             "en": "Not available: the stories bring no new customers (or the budget does not "
                                   "cover a single gesture)."},
        "nothing_spent": {"ru": "Нет данных: бюджета не хватает ни на один жест, тратить нечего.",
                          "en": "Not available: the budget does not cover a single gesture, so nothing is spent."},
    },
    notes={
        "ru": [
            "Бюджет и цена жеста округляются до копеек; жестов — целое число, остаток бюджета не тратится.",
            "Каждый жест дарится отдельному клиенту, и каждый такой клиент рассказывает о нём одинаковому "
            "числу людей.",
            "Считаются только клиенты первого круга: те, кому расскажут уже новые клиенты, не учитываются.",
            "Дробные клиенты не округляются: это среднее ожидание, а не люди поштучно.",
            "Ценность нового клиента — его CLV, то есть маржа за всё время, а не выручка.",
            "Отрицательная экономия означает, что клиент через рассказы обходится дороже, чем из платных "
            "каналов; отдача от впечатлений при этом может оставаться положительной.",
            "Не учтены повторные покупки и лояльность самих клиентов, получивших жест.",
        ],
        "en": [
            "The budget and the cost per gesture are rounded to cents; gestures are whole, and any "
            "remainder of the budget is left unspent.",
            "Each gesture goes to a different customer, and each of them tells the same number of people.",
            "Only the first round counts: people told by the new customers in turn are left out.",
            "Fractions of customers are kept: the result is an expectation, not a head count.",
            "A new customer is worth their CLV, the margin over their whole life with you, not revenue.",
            "A negative saving means customers from stories cost more than customers from paid channels; "
            "the return on experience may still be positive.",
            "The extra loyalty and repeat purchases of the customers who received a gesture are not counted.",
        ],
    },
    presets={
        "car_dealer": {
            "title": {"ru": "Автосалон: машина с бантом и подарками", "en": "Car dealer: a car with a bow and gifts"},
            "values": {"charm_budget": {"ru": 300000, "en": 6000}, "cost_per_gesture": {"ru": 15000, "en": 300},
                "people_told": 10, "told_conversion_pct": 4, "incremental_pct": 100,
                "clv": {"ru": 120000, "en": 2400}, "paid_cac": {"ru": 50000, "en": 1000}},
        },
        "oil_change": {
            "title": {"ru": "Автосервис: подарок будущей маме", "en": "Oil change: a gift for a mother-to-be"},
            "values": {"charm_budget": {"ru": 120000, "en": 2400}, "cost_per_gesture": {"ru": 6000, "en": 120},
                "people_told": 8, "told_conversion_pct": 10, "incremental_pct": 100,
                "clv": {"ru": 30000, "en": 600}, "paid_cac": {"ru": 6000, "en": 120}},
        },
        "ribbon": {
            "title": {"ru": "Интернет-магазин: атласная лента и бирка от руки",
                      "en": "Online shop: a satin ribbon and a handwritten tag"},
            "values": {"charm_budget": {"ru": 30000, "en": 600}, "cost_per_gesture": {"ru": 60, "en": 1.2},
                "people_told": 3, "told_conversion_pct": 2, "incremental_pct": 100,
                "clv": {"ru": 8000, "en": 160}, "paid_cac": {"ru": 1500, "en": 30}},
        },
    },
)
