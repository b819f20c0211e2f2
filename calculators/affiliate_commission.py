"""Affiliate commission: a partner programme paying a share of the order value for each sale.

Money is in currency units; ``*_pct`` inputs are percentages; g and c are the fractions of
gross_margin_pct and commission_pct.  Each partner sale is a first order from a new customer.

Each output's formula is declared once with the output: in words for the page's table
(``formula``) and as code (``expression``), which tests/unit/test_formulas.py holds to
:func:`compute` and ``python -m calculators affiliate_commission --help`` lists.
"""

from .charts import (bar_beside, bar_desc, bar_heading, bar_legend, bar_letter, bar_money, bar_panel, bar_pinned,
                     bars_svg, drawable)
from .core import Calculator, Input, Output, format_value, savings_vs_paid, shared_input, shared_output



def compute(v):
    order = v["average_order"]
    commission = order * v["commission_pct"] / 100
    profit = order * (v["gross_margin_pct"] - v["commission_pct"]) / 100
    sales = v["partner_sales"]
    return {
        "commission_per_sale": commission,
        "profit_per_sale": profit,
        "partner_income": commission * sales,
        "total_profit": profit * sales,
        "max_commission_pct": v["gross_margin_pct"],
        "savings_vs_paid_pct": savings_vs_paid(commission, v["paid_cac"]),
    }


_COMMISSION = ("average_order", "commission_pct")
_PROFIT = ("average_order", "gross_margin_pct", "commission_pct")


# --- the chart: the commission against the margin and the cost of a paid customer -------------------------------

_CHART_TEXT = {
    "ru": {
        "title": "Вознаграждение партнёру против маржи и цены клиента из рекламы",
        "keep": "Вам остаётся {profit} с каждой продажи",
        "loss": "Каждая продажа в убыток на {loss}: вознаграждение больше маржи",
        "even": "Вознаграждение съедает всю маржу: с продажи не остаётся ничего",
        "margin": "Маржа с продажи",
        "commission": "Партнёру с продажи",
        "paid": "Клиент из рекламы (CAC)",
        "limit": "Предел вознаграждения: маржа с продажи",
        "limit_a": "Предел в сценарии {a}: его маржа с продажи",
        "desc": "С продажи на {order} маржа — {margin}, партнёру — {commission}; ",
        "desc_keep": "вам остаётся {profit}.",
        "desc_loss": "каждая продажа в убыток на {loss}: вознаграждение больше маржи.",
        "desc_even": "вознаграждение съедает всю маржу.",
        "desc_paid": " Клиент из платных каналов стоит {paid}",
        "desc_cheaper": ": партнёрский на {pct} дешевле.",
        "desc_dearer": ": партнёрский на {pct} дороже.",
        "desc_same": ", столько же, сколько партнёрский.",
    },
    "en": {
        "title": "The commission against the margin and the cost of a customer from paid channels",
        "keep": "You keep {profit} on each sale",
        "loss": "Each sale loses {loss}: the commission is more than the margin",
        "even": "The commission eats the whole margin: nothing is left on a sale",
        "margin": "Gross margin per sale",
        "commission": "Commission per sale",
        "paid": "Customer from paid channels (CAC)",
        "limit": "Commission limit: the margin per sale",
        "limit_a": "The limit in scenario {a}: its margin per sale",
        "desc": "On an order of {order} the margin is {margin} and the partner gets {commission}; ",
        "desc_keep": "you keep {profit}.",
        "desc_loss": "each sale loses {loss}: the commission is more than the margin.",
        "desc_even": "the commission eats the whole margin.",
        "desc_paid": " A customer from paid channels costs {paid}",
        "desc_cheaper": ": a partner's customer costs {pct} less.",
        "desc_dearer": ": a partner's customer costs {pct} more.",
        "desc_same": ", the same as a partner's.",
    },
}


def _fill(template, params):
    for key in params:
        template = template.replace("{" + key + "}", params[key])
    return template


def _per_sale(result):
    """Margin, commission, profit and paid CAC per sale, with the saving (None when it has none); None when an
    input the chart draws is invalid, a number is beyond drawing, or all three amounts are zero."""
    for name in _PROFIT + ("paid_cac",):
        if name in result.errors:
            return None
    v, out = result.values, result.outputs
    f = {"order": v["average_order"], "margin": v["average_order"] * v["gross_margin_pct"] / 100,
         "commission": out["commission_per_sale"], "profit": out["profit_per_sale"], "paid": v["paid_cac"],
         "savings": out["savings_vs_paid_pct"]}
    if not drawable((f["margin"], f["commission"], f["profit"], f["paid"])):
        return None
    if f["margin"] == f["commission"] == f["paid"] == 0:
        return None
    if not drawable((f["savings"],)):
        f["savings"] = None
    return f


def _state(f):
    if f["profit"] > 0:
        return "keep"
    if f["profit"] < 0:
        return "loss"
    return "even"


def _params(f, result):
    params = {}
    for key in ("order", "margin", "commission", "profit", "paid"):
        params[key] = bar_money(f[key], result)
    params["loss"] = bar_money(-f["profit"], result)
    return params


def _commission_rows(f, result):
    words = _CHART_TEXT[result.lang]
    params = _params(f, result)
    return [
        {"key": "margin", "label": words["margin"], "end": f["margin"], "text": params["margin"]},
        {"key": "commission", "label": words["commission"], "end": f["commission"], "text": params["commission"],
         "cls": "chart-step", "limit": f["margin"]},
        {"key": "paid", "label": words["paid"], "end": f["paid"], "text": params["paid"], "cls": "chart-bar-other"},
    ]


def _commission_desc(f, result):
    lang = result.lang
    words = _CHART_TEXT[lang]
    desc = _fill(words["desc"] + words["desc_" + _state(f)] + words["desc_paid"], _params(f, result))
    savings = f["savings"]
    if savings is None:
        return desc + "."
    key = "desc_cheaper" if savings > 0 else ("desc_dearer" if savings < 0 else "desc_same")
    return desc + words[key].replace("{pct}", format_value("pct", abs(savings), lang))


def commission_chart(result, pinned=None, names=None):
    """Bars per sale: the gross margin, the commission (its part beyond the margin in the loss colour)
    and the paid-channel CAC, with the margin as a dashed line across them.  With ``pinned``, A's bars
    hollow under B's on one scale and A's margin dash-dotted.  None when an input is invalid or all three
    are zero."""
    f = _per_sale(result)
    if f is None:
        return None
    lang = result.lang
    words = _CHART_TEXT[lang]
    rows = _commission_rows(f, result)
    mark = {"key": "margin", "value": f["margin"], "legend": words["limit"]}
    desc = _commission_desc(f, result)
    a = bar_pinned(result, pinned, _per_sale)
    body = []
    y = 6
    if a is not None:
        bar_beside(rows, _commission_rows(a, pinned))
        mark["a_value"] = a["margin"]
        mark["a_legend"] = words["limit_a"].replace("{a}", bar_letter(lang))
        y = bar_legend(y, lang, names, body) + 2
        desc = bar_desc(lang, names, desc, _commission_desc(a, pinned))
    y = bar_heading(y + 15, _fill(words[_state(f)], _params(f, result)), body)
    y = bar_panel(y, rows, (mark,), body, bar_letter(lang))
    return bars_svg("commission", y, words["title"], desc, body)


CALCULATOR = Calculator(
    name="affiliate_commission",
    order=60,
    title={"ru": "Партнёрская программа", "en": "Affiliate programme"},
    summary={
        "ru": "Сколько получает партнёр и сколько остаётся вам с каждой продажи при данной ставке, и "
              "дешевле ли такой клиент, чем клиент из рекламы.",
        "en": "What a partner earns and what is left to you on each sale at a given commission, and whether "
              "such a customer is cheaper than one from advertising.",
    },
    inputs=[
        shared_input("average_order", {"ru": 3000, "en": 60}),
        shared_input("gross_margin_pct", 30,
              help={"ru": "Что остаётся от чека после себестоимости товара или услуги, до партнёрского "
                          "вознаграждения.",
                    "en": "What is left of the order after the cost of the goods or service, before the "
                          "partner's commission."}),
        Input("commission_pct", "pct",
              {"ru": "Партнёрское вознаграждение, % от чека", "en": "Partner commission, % of the order"},
              10,
              help={"ru": "В большинстве партнёрских программ — 6–10 %; для инфопродуктов Дмитрий Кот "
                          "считает справедливыми 30–50 %.",
                    "en": "Most affiliate programmes pay 6–10%; for information products Dmitry Kot "
                          "considers 30–50% fair."}),
        Input("partner_sales", "count",
              {"ru": "Продаж через партнёров за год", "en": "Partner sales per year"},
              200, integer=True),
        shared_input("paid_cac", {"ru": 1500, "en": 30},
              help={"ru": "Во что обходится новый клиент из рекламы — для сравнения с вознаграждением "
                          "партнёру.",
                    "en": "What a new customer from advertising costs, to compare with the partner's "
                          "commission."}),
    ],
    outputs=[
        Output("commission_per_sale", "money",
               {"ru": "Партнёру с одной продажи", "en": "Commission per sale"}, _COMMISSION,
               formula={"ru": "средний чек × c, где c — ставка вознаграждения",
                        "en": "average order × c, where c is the commission rate"},
               expression="average_order * commission_pct / 100"),
        Output("profit_per_sale", "money",
               {"ru": "Вам с одной продажи после вознаграждения", "en": "Your profit per sale after commission"},
               _PROFIT,
               formula={"ru": "средний чек × (g − c), где g — валовая маржа",
                        "en": "average order × (g − c), where g is the gross margin"},
               expression="average_order * (gross_margin_pct - commission_pct) / 100"),
        Output("partner_income", "money",
               {"ru": "Заработок партнёров за год", "en": "Partners' income per year"},
               _COMMISSION + ("partner_sales",),
               formula={"ru": "вознаграждение с продажи × продажи через партнёров",
                        "en": "commission per sale × partner sales"},
               expression="commission_per_sale * partner_sales"),
        Output("total_profit", "money",
               {"ru": "Ваша прибыль с партнёрских продаж за год", "en": "Your profit from partner sales per year"},
               _PROFIT + ("partner_sales",),
               formula={"ru": "прибыль с продажи × продажи через партнёров",
                        "en": "profit per sale × partner sales"},
               expression="profit_per_sale * partner_sales"),
        Output("max_commission_pct", "pct",
               {"ru": "Предельная ставка: выше неё первая продажа убыточна",
                "en": "Highest commission before a first sale loses money"},
               ("gross_margin_pct",), decimals=1,
               formula={"ru": "g: вознаграждение, равное валовой марже, съедает её целиком",
                        "en": "g: a commission equal to the gross margin eats all of it"},
               expression="gross_margin_pct"),
        shared_output("savings_vs_paid_pct", _COMMISSION + ("paid_cac",),
              decimals=1,
              formula={"ru": "(1 − вознаграждение с продажи ÷ CAC платных каналов) × 100; меньше нуля — "
                              "дороже рекламы",
                        "en": "(1 − commission per sale ÷ paid-channel CAC) × 100; below zero means dearer "
                              "than paid channels"},
               expression="(1 - commission_per_sale / paid_cac) * 100"),
    ],
    compute=compute,
    chart=commission_chart,
    notes={
        "ru": [
            "Вознаграждение — доля от суммы чека, а не от маржи, и платится с каждой продажи партнёра.",
            "Считается только первая продажа: повторные покупки приведённого клиента, с которых партнёр "
            "ничего не получает, не учтены.",
            "Каждая продажа через партнёра — новый клиент, который иначе не пришёл бы; поэтому вознаграждение "
            "сравнивается с CAC платных каналов.",
            "Отрицательная экономия означает, что клиент от партнёра обходится дороже, чем из платных "
            "каналов.",
            "Расходы на саму программу (сервис учёта, материалы для партнёров, выплаты) не учтены.",
        ],
        "en": [
            "The commission is a share of the order value, not of the margin, and is paid on every partner sale.",
            "Only the first sale counts: the repeat purchases of a referred customer, on which the partner "
            "earns nothing, are left out.",
            "Each partner sale is a new customer who would not have come otherwise, so the commission is set "
            "against the paid-channel CAC.",
            "A negative saving means a customer from a partner costs more than one from paid channels.",
            "The costs of running the programme (tracking service, partner materials, payouts) are left out.",
        ],
    },
    presets={
        "online_shop": {
            "title": {"ru": "Интернет-магазин: 8 % партнёру", "en": "Online shop: 8% to partners"},
            "values": {"average_order": {"ru": 3000, "en": 60}, "gross_margin_pct": 25, "commission_pct": 8,
                "partner_sales": 300, "paid_cac": {"ru": 1500, "en": 30}},
        },
        "info_product": {
            "title": {"ru": "Онлайн-курс: 40 % партнёру", "en": "Online course: 40% to partners"},
            "values": {"average_order": {"ru": 15000, "en": 300}, "gross_margin_pct": 90, "commission_pct": 40,
                "partner_sales": 200, "paid_cac": {"ru": 8000, "en": 160}},
        },
        "shop_at_course_rates": {
            "title": {"ru": "Магазин платит 40 %, как за курс", "en": "A shop paying 40%, like a course"},
            "values": {"average_order": {"ru": 3000, "en": 60}, "gross_margin_pct": 25, "commission_pct": 40,
                "partner_sales": 300, "paid_cac": {"ru": 1500, "en": 30}},
        },
        "ebook_ten_pct": {
            "title": {"ru": "Книга за 100 ₽, 10 % партнёру", "en": "A $2 e-book, 10% to partners"},
            "values": {"average_order": {"ru": 100, "en": 2}, "gross_margin_pct": 90, "commission_pct": 10,
                "partner_sales": 500, "paid_cac": {"ru": 60, "en": 1.2}},
        },
    },
)
