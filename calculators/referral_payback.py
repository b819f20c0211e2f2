"""Referral payback: "bring a friend", with rewards for the referrer and the friend.

All money and counts are per year; ``*_pct`` inputs are percentages; g, s (participation), q, i, d₁, d₂ below
are their fractions.

Each output's formula is declared once with the output: in words for the page's table
(``formula``) and as code (``expression``), which tests/unit/test_formulas.py holds to
:func:`compute` and ``python -m calculators referral_payback --help`` lists.
"""

import math

from .charts import (WIDTH, _LETTERS, _SCENARIO, _beside, _labels, _legend_line, _line, _money, _n,
                     _named, _plain, _scale, _svg, _text, _text_width, _tick_money, _usable, _within)
from .core import (Calculator, Input, Output, Unavailable, first_unavailable, ratio, savings_vs_paid,
                   shared_input, shared_output)
from .numbers import exact_fraction



def self_sustaining(participation_pct, referrals_per_referrer, referral_conversion_pct):
    """True when K = s × n × q ≥ 1, compared exactly on the numbers as typed."""
    p_num, p_den = exact_fraction(participation_pct)
    n_num, n_den = exact_fraction(referrals_per_referrer)
    q_num, q_den = exact_fraction(referral_conversion_pct)
    # (p_num/p_den %) × (n_num/n_den) × (q_num/q_den %) ≥ 1
    return p_num * n_num * q_num >= 10000 * p_den * n_den * q_den


def yearly_margin(v):
    """Margin a customer brings in a year: average order × g × orders per year (the chart's too)."""
    return v["average_order"] * v["gross_margin_pct"] * v["orders_per_year"] / 100


def compute(v):
    average_order = v["average_order"]
    k = v["participation_pct"] * v["referrals_per_referrer"] * v["referral_conversion_pct"] / 10000
    referred = v["customers"] * k
    incremental = referred * v["incremental_pct"] / 100
    per_referred = v["referrer_reward"] + (
        v["referrer_discount_pct"] + v["friend_discount_pct"]) * average_order / 100
    reward_cost = referred * per_referred
    total_cost = reward_cost + v["program_cost"]
    cost_per_customer = ratio(total_cost, incremental, "no_incremental")

    paid_cac = v["paid_cac"]
    savings = savings_vs_paid(cost_per_customer, paid_cac)

    margin = yearly_margin(v)
    payback = first_unavailable(cost_per_customer)
    if payback is None:
        if margin == 0:
            payback = Unavailable("no_margin")
        else:
            payback = cost_per_customer * 12 / margin

    roi = ratio((incremental * margin - total_cost) * 100, total_cost, "free_programme")

    if self_sustaining(v["participation_pct"], v["referrals_per_referrer"], v["referral_conversion_pct"]):
        per_paid = Unavailable("self_sustaining")
    elif 1 - k <= 0:
        per_paid = Unavailable("out_of_range")  # K below 1 by less than a float can show
    else:
        per_paid = 1 / (1 - k)

    outputs = {
        "viral_coefficient": k,
        "referred_customers": referred,
        "incremental_customers": incremental,
        "reward_cost": reward_cost,
        "total_cost": total_cost,
        "cost_per_incremental_customer": cost_per_customer,
        "savings_vs_paid_pct": savings,
        "payback_months": payback,
        "first_year_roi_pct": roi,
        "customers_per_paid_customer": per_paid,
    }
    return outputs


_K = ("participation_pct", "referrals_per_referrer", "referral_conversion_pct")
_REFERRED = ("customers",) + _K
_INCREMENTAL = _REFERRED + ("incremental_pct",)
_REWARDS = _REFERRED + ("referrer_reward", "referrer_discount_pct", "friend_discount_pct", "average_order")
_TOTAL = _REWARDS + ("program_cost",)
_PER_CUSTOMER = _TOTAL + ("incremental_pct",)
_MARGIN = ("gross_margin_pct", "orders_per_year")  # with average_order, already in _REWARDS


# --- referral_payback: cumulative margin against the cost, month by month ----------------------------------------

_REFERRAL_TEXT = {
    "ru": {
        "title": "Окупаемость программы по месяцам",
        "margin": "Накопленная маржа приростных клиентов",
        "month": "Месяц",
        "break_even": "окупается на {n}-м месяце",
        "desc": "Накопленная маржа приростных клиентов за 12 месяцев достигает {margin} при затратах "
                "{cost}; ",
        "pays_back": "программа окупается на {n}-м месяце.",
        "never": "за 12 месяцев программа не окупается.",
        "margin_short": "накопленная маржа",
    },
    "en": {
        "title": "Programme payback, month by month",
        "margin": "Cumulative margin of incremental customers",
        "month": "Month",
        "break_even": "pays back in month {n}",
        "desc": "The cumulative margin of the incremental customers reaches {margin} in 12 months against "
                "a total cost of {cost}; ",
        "pays_back": "the programme pays back in month {n}.",
        "never": "the programme does not pay back within 12 months.",
        "margin_short": "cumulative margin",
    },
}


def _referral_series(result):
    """(monthly margin, total cost, cumulative margin for months 0–12, month it pays back or None), or
    None when there is nothing to draw."""
    names = ("average_order", "gross_margin_pct", "orders_per_year")
    if not _usable(result, ("incremental_customers", "total_cost"), names):
        return None
    incremental = result.outputs["incremental_customers"]
    cost = result.outputs["total_cost"]
    monthly = incremental * yearly_margin(result.values) / 12
    if monthly == 0 and cost == 0:
        return None
    cumulative = [monthly * month for month in range(13)]
    month = None
    if monthly > 0 and cost <= monthly * 12:
        exact = cost / monthly
        month = int(math.ceil(exact))
        if month < 1:
            month = 1
    return monthly, cost, cumulative, month


def _referral_desc(result, series):
    words = _REFERRAL_TEXT[result.lang]
    monthly, cost, cumulative, month = series
    desc = words["desc"].replace("{margin}", _money(cumulative[12], result)).replace("{cost}", _money(cost, result))
    if month is not None:
        return desc + words["pays_back"].replace("{n}", str(month))
    return desc + words["never"]


def referral_payback(result, pinned=None, names=None):
    """Cumulative margin of the incremental customers over 12 months against the total cost; with
    ``pinned``, A's margin and cost as thinner dashed lines, its break-even marked with a ring."""
    series = _referral_series(result)
    if series is None:
        return None
    pinned = _beside(result, pinned, lambda r: _referral_series(r) is not None)
    a_series = _referral_series(pinned) if pinned is not None else None
    lang = result.lang
    words = _REFERRAL_TEXT[lang]
    monthly, cost, cumulative, month = series

    legend = 48 if pinned is not None else 0
    height = 300 + legend
    left, right, top, bottom = 14.0, WIDTH - 16.0, 66.0 + legend, height - 50.0
    values = cumulative + [cost]
    if a_series is not None:
        values += a_series[2] + [a_series[1]]
    low, high, ticks = _scale(values)
    step = ticks[1] - ticks[0]

    def x_of(m):
        return left + (right - left) * m / 12

    def y_of(v):
        return top + (bottom - top) * (high - v) / (high - low)

    body = []
    for tick in ticks:
        y = y_of(tick)
        body.append(_line(left, y, right, y, "chart-grid" if tick != 0 else "chart-axis",
                          ' stroke-width="1"' + ('' if tick == 0 else ' stroke-opacity="0.25"')))
        body.append(_text(left + 2, y - 4, _tick_money(tick, step, result), "chart-label chart-tick"))
    for m in range(13):
        x = x_of(m)
        body.append(_line(x, bottom, x, bottom + 4, "chart-axis", ' stroke-width="1"'))
        if m % 3 == 0 or m == month:
            body.append(_text(x, bottom + 19, str(m), "chart-label chart-tick", "middle"))
    body.append(_text((left + right) / 2, height - 8, words["month"], "chart-label chart-axis-title", "middle"))
    # Legend: what the line and the dashed line are (with A: whose they are, and A's thinner ones).
    cost_name = result.calculator.output_by_key["total_cost"].label[lang]
    cost_label = cost_name + ": " + _money(cost, result)
    margin_label = words["margin"]
    if pinned is not None:
        label_a, label_b = _labels(lang, names)
        letter_a, letter_b = _LETTERS[lang]
        room = right - left - 30
        margin_label = _named(label_b, " — " + words["margin_short"], room)
        cost_label = letter_b + " — " + cost_label
    body.append(_line(left, 13, left + 22, 13, "chart-margin chart-legend", ' stroke-width="2"'))
    body.append(_text(left + 30, 18, margin_label, "chart-label chart-axis-title"))
    body.append(_line(left, 37, left + 22, 37, "chart-cost chart-legend",
                      ' stroke-width="2" stroke-dasharray="6 4"'))
    body.append(_text(left + 30, 42, cost_label, "chart-label chart-cost-label"))
    if pinned is not None:
        body += _legend_line(left, 66, "chart-a-margin chart-a", ' stroke-width="1.5" stroke-dasharray="2 3"',
                             _named(label_a, " — " + words["margin_short"], room), right - left)
        body += _legend_line(left, 90, "chart-a-cost chart-a", ' stroke-width="1.5" stroke-dasharray="8 3 2 3"',
                             letter_a + " — " + cost_name + ": " + _money(a_series[1], pinned), right - left)
        a_cy = y_of(a_series[1])
        body.append(_line(left, a_cy, right, a_cy, "chart-a-cost chart-a",
                          ' stroke-width="1.5" stroke-dasharray="8 3 2 3"'))
        coordinates = " ".join(_n(x_of(m)) + "," + _n(y_of(v)) for m, v in zip(range(13), a_series[2]))
        body.append('<polyline class="chart-a-margin chart-a" points="' + coordinates + '" fill="none" '
                    'stroke="currentColor" stroke-width="1.5" stroke-dasharray="2 3" stroke-linejoin="round"/>')
        if a_series[3] is not None:
            ax = x_of(a_series[1] / a_series[0])
            body.append('<circle class="chart-a-marker chart-a" cx="' + _n(ax) + '" cy="' + _n(a_cy)
                        + '" r="6" data-x="' + _plain(a_series[1] / a_series[0]) + '" data-month="'
                        + str(a_series[3]) + '" fill="none" stroke="currentColor" stroke-width="2"/>')
            body.append(_text(ax + 9, _within(a_cy + 20, top, bottom), letter_a,
                              "chart-label chart-a-label chart-a", "start", ' font-weight="bold"'))
    cy = y_of(cost)
    body.append(_line(left, cy, right, cy, "chart-cost", ' stroke-width="2" stroke-dasharray="6 4"'))
    coordinates = " ".join(_n(x_of(m)) + "," + _n(y_of(v)) for m, v in zip(range(13), cumulative))
    body.append('<polyline class="chart-margin" points="' + coordinates
                + '" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>')
    for m in range(1, 13):
        body.append('<circle class="chart-point" cx="' + _n(x_of(m)) + '" cy="' + _n(y_of(cumulative[m]))
                    + '" r="2.5" fill="currentColor" stroke="none"/>')
    if month is not None:
        mx, my = x_of(cost / monthly), cy
        body.append('<circle class="chart-marker" cx="' + _n(mx) + '" cy="' + _n(my) + '" r="5" data-x="'
                    + _plain(cost / monthly) + '" data-month="' + str(month)
                    + '" fill="currentColor" stroke="none"/>')
        # Before the crossing the margin is under the cost line, after it above: the label goes
        # above-left, or below-right when there is no room on the left.
        label = words["break_even"].replace("{n}", str(month))
        if pinned is not None:
            label = _LETTERS[lang][1] + ": " + label
        if mx - left >= _text_width(label) + 12:
            body.append(_text(mx - 9, _within(my - 10, top, bottom), label, "chart-label chart-value", "end",
                              ' font-weight="bold"'))
        else:
            body.append(_text(mx + 9, _within(my + 20, top, bottom), label, "chart-label chart-value", "start",
                              ' font-weight="bold"'))
    desc = _referral_desc(result, series)
    if pinned is not None:
        desc = (_SCENARIO[lang].replace("{label}", label_b) + desc + " " + _SCENARIO[lang].replace("{label}", label_a)
                + _referral_desc(pinned, a_series))
    return _svg("referral", height, words["title"], desc, body)


CALCULATOR = Calculator(
    name="referral_payback",
    order=30,
    title={"ru": "Окупаемость реферальной программы", "en": "Referral payback"},
    summary={
        "ru": "«Приведи друга»: сколько клиентов приведёт программа, во что обойдётся каждый приростной "
              "и когда он окупится.",
        "en": "“Bring a friend”: how many customers the programme brings, what each incremental one costs, and "
              "when they pay back.",
    },
    inputs=[
        shared_input("customers", 1000,
              help={"ru": "Все, кто покупал у вас за год, — те, кто может кого-то привести.",
                    "en": "Everyone who bought from you in the year: the people who might bring someone."}),
        Input("participation_pct", "pct",
              {"ru": "Рекомендуют, % клиентов", "en": "Customers who refer, %"},
              10,
              help={"ru": "Доля клиентов, которые хотя бы раз пригласят знакомого.",
                    "en": "The share of customers who invite at least one friend."}),
        Input("referrals_per_referrer", "number",
              {"ru": "Приглашений от одного рекомендателя", "en": "Invitations per referring customer"},
              3, maximum=1000,
              help={"ru": "Скольким знакомым в среднем расскажет или отправит приглашение тот, кто участвует.",
                    "en": "How many friends a referring customer tells or invites, on average."}),
        Input("referral_conversion_pct", "pct",
              {"ru": "Приглашённые, которые купили, %", "en": "Invited friends who buy, %"},
              25),
        shared_input("average_order", {"ru": 2500, "en": 50}),
        shared_input("gross_margin_pct", 40),
        shared_input("orders_per_year", 4),
        Input("referrer_reward", "money",
              {"ru": "Награда рекомендателю за друга", "en": "Referrer's reward per friend who buys"},
              0,
              help={"ru": "Деньги или бонусы рекомендателю за каждого друга, который сделал покупку.",
                    "en": "Money or bonus points for the referrer for each friend who makes a purchase."}),
        Input("referrer_discount_pct", "pct",
              {"ru": "Скидка рекомендателю, % следующего заказа", "en": "Referrer's discount, % of the next order"},
              30,
              help={"ru": "Скидка на следующий заказ за каждого приведённого друга — как в «приведи друга и "
                          "получи скидку на заказ 30 %».",
                    "en": "A discount on the next order for each friend brought in, as in “bring a friend and "
                          "get 30% off your order”."}),
        Input("friend_discount_pct", "pct",
              {"ru": "Скидка другу на первый заказ, %", "en": "Friend's discount on the first order, %"},
              10),
        Input("program_cost", "money",
              {"ru": "Расходы на программу за год", "en": "Programme cost per year"},
              {"ru": 30000, "en": 600},
              help={"ru": "Настройка, печать карточек, сервис учёта, время сотрудников — всё, кроме самих наград.",
                    "en": "Set-up, printed cards, a tracking service, staff time: everything but the rewards."}),
        shared_input("paid_cac", {"ru": 2000, "en": 40},
              label={"ru": "Цена клиента из рекламы (CAC)", "en": "Cost of a customer from paid channels (CAC)"},
              help={"ru": "Во что обходится новый клиент из платных каналов; её считает калькулятор "
                          "«Привлечение или удержание».",
                    "en": "What a new customer from paid channels costs; the Acquisition versus retention "
                          "calculator works it out."}),
        Input("incremental_pct", "pct",
              {"ru": "Не пришли бы без программы, %", "en": "Would not have come otherwise, %"},
              100,
              help={"ru": "Доля приведённых, которых без программы у вас бы не было. Остальные пришли бы и так, "
                          "и награды за них — чистый расход.",
                    "en": "The share of referred customers you would not have had without the programme. The "
                          "rest would have come anyway, and their rewards are pure cost."}),
    ],
    outputs=[
        Output("viral_coefficient", "number", {"ru": "Вирусный коэффициент K", "en": "Viral coefficient K"},
               _K, decimals=3,
               formula={"ru": "доля рекомендующих × приглашений на одного × доля купивших: K = s × n × q",
                        "en": "share who refer × invitations each × share who buy: K = s × n × q"},
               expression="participation_pct / 100 * referrals_per_referrer * referral_conversion_pct / 100"),
        Output("referred_customers", "count", {"ru": "Приведённых клиентов", "en": "Referred customers"},
               _REFERRED, formula={"ru": "клиенты × K: N × K", "en": "customers × K: N × K"},
               expression="customers * viral_coefficient"),
        Output("incremental_customers", "count",
               {"ru": "Из них приростных", "en": "Of whom incremental"}, _INCREMENTAL,
               formula={"ru": "приведённые × доля приростных: N × K × i",
                        "en": "referred × incremental share: N × K × i"},
               expression="referred_customers * incremental_pct / 100"),
        Output("reward_cost", "money", {"ru": "Расходы на награды и скидки", "en": "Rewards and discounts"},
               _REWARDS, decimals=0,
               formula={"ru": "приведённые × (награда + (скидка рекомендателю + скидка другу) × средний чек): "
                              "N × K × (W + (d₁ + d₂) × P)",
                        "en": "referred × (reward + (referrer's discount + friend's discount) × average order): "
                              "N × K × (W + (d₁ + d₂) × P)"},
               expression="referred_customers * (referrer_reward + (referrer_discount_pct + friend_discount_pct) / 100 * average_order)"),
        Output("total_cost", "money", {"ru": "Все расходы на программу", "en": "Total programme cost"},
               _TOTAL, decimals=0,
               formula={"ru": "награды и скидки + расходы на программу: … + F",
                        "en": "rewards and discounts + programme cost: … + F"},
               expression="reward_cost + program_cost"),
        Output("cost_per_incremental_customer", "money",
               {"ru": "Цена приростного клиента", "en": "Cost per incremental customer"}, _PER_CUSTOMER,
               formula={"ru": "все расходы ÷ приростные клиенты", "en": "total cost ÷ incremental customers"},
               expression="total_cost / incremental_customers"),
        shared_output("savings_vs_paid_pct", _PER_CUSTOMER + ("paid_cac",),
              label={"ru": "Экономия против рекламы", "en": "Saving against paid channels"},
              formula={"ru": "(1 − цена приростного клиента ÷ CAC рекламы) × 100; меньше нуля — дороже рекламы",
                        "en": "(1 − cost per incremental customer ÷ paid CAC) × 100; below zero is dearer "
                              "than paid channels"},
               expression="(1 - cost_per_incremental_customer / paid_cac) * 100"),
        Output("payback_months", "months",
               {"ru": "Окупаемость приростного клиента", "en": "Payback of an incremental customer"},
               _PER_CUSTOMER + _MARGIN, decimals=1,
               formula={"ru": "цена приростного клиента ÷ его маржа за месяц: ÷ (P × g × f ÷ 12)",
                        "en": "cost per incremental customer ÷ their monthly margin: ÷ (P × g × f ÷ 12)"},
               expression="cost_per_incremental_customer / (average_order * gross_margin_pct / 100 * orders_per_year / 12)"),
        Output("first_year_roi_pct", "pct",
               {"ru": "Отдача за первый год (ROI)", "en": "First-year return (ROI)"},
               _PER_CUSTOMER + _MARGIN,
               formula={"ru": "(приростные × P × g × f − все расходы) ÷ все расходы × 100",
                        "en": "(incremental × P × g × f − total cost) ÷ total cost × 100"},
               expression="(incremental_customers * average_order * gross_margin_pct / 100 * orders_per_year - total_cost) / total_cost * 100"),
        Output("customers_per_paid_customer", "number",
               {"ru": "Клиентов на одного оплаченного, все поколения",
                "en": "Customers per paid customer, all generations"}, _K, decimals=2,
               formula={"ru": "1 + K + K² + … = 1 ÷ (1 − K), при K < 1",
                        "en": "1 + K + K² + … = 1 ÷ (1 − K), for K < 1"},
               expression="1 / (1 - viral_coefficient)"),
    ],
    compute=compute,
    chart=referral_payback,
    reasons={
        "no_incremental": {
            "ru": "Нет данных: приростных клиентов 0 — программа никого не привела или все пришли бы и так.",
            "en": "Not available: no incremental customers — the programme brought nobody, or all would have "
                  "come anyway.",
        },
        "no_paid_cac": {"ru": "Не с чем сравнить: клиент из рекламы указан бесплатным.",
                        "en": "Nothing to compare with: a customer from paid channels is set to cost nothing."},
        "no_margin": {
            "ru": "Не окупается: клиент не приносит маржи — средний чек, маржа или число покупок равны нулю.",
            "en": "Never pays back: a customer brings no margin — the average order, margin or number of "
                  "orders is zero.",
        },
        "free_programme": {"ru": "Нет данных: программа ничего не стоит, окупать нечего.",
                           "en": "Not available: the programme costs nothing, there is nothing to pay back."},
        "self_sustaining": {
            "ru": "Самоподдерживающийся рост: при K ≥ 1 каждое поколение приведённых "
                  "не меньше предыдущего, и один оплаченный клиент приводит неограниченно многих.",
            "en": "Self-sustaining growth: with K ≥ 1 each generation of referrals is at least as large as the "
                  "one before, so one paid customer brings an unlimited number.",
        },
    },
    notes={
        "ru": [
            "Обозначения: N — клиенты, s — доля рекомендующих, n — приглашений на одного, q — доля купивших "
            "приглашённых, i — доля приростных, P — средний чек, g — маржа, f — покупок в год, W — награда, "
            "d₁ и d₂ — скидки рекомендателю и другу, F — расходы на программу.",
            "Приведённые за год считаются одним поколением; цепочку из всех поколений показывает только "
            "последний результат, если приведённые рекомендуют так же охотно, как остальные.",
            "Скидки оцениваются по полной сумме заказа, как недополученная выручка; скидку рекомендатель "
            "получает за каждого приведённого друга.",
            "Награды платятся за всех приведённых, а выгода считается только по приростным: за тех, кто "
            "пришёл бы и так, программа платит впустую.",
            "Окупаемость и отдача за год предполагают, что приростные клиенты остаются весь год и покупают "
            "так же часто и на ту же сумму, что и остальные.",
            "Экономия ниже нуля значит, что клиент по рекомендации обходится дороже клиента из рекламы.",
        ],
        "en": [
            "Notation: N customers, s the share who refer, n invitations each, q the share of invited friends "
            "who buy, i the incremental share, P the average order, g the margin, f orders a year, W the reward, "
            "d₁ and d₂ the referrer's and the friend's discounts, F the programme cost.",
            "The year's referrals are counted as one generation; only the last result follows every generation, "
            "assuming referred customers refer as readily as the others.",
            "Discounts are valued at the full order amount, as revenue forgone; the referrer gets the discount "
            "for each friend brought in.",
            "Rewards are paid for every referred customer, but the gain is counted only for incremental ones: "
            "for those who would have come anyway the programme pays for nothing.",
            "The payback and first-year return assume that incremental customers stay the whole year and buy as "
            "often and as much as the others.",
            "A saving below zero means a referred customer costs more than one from paid channels.",
        ],
    },
    presets={
        "coffee_shop": {
            "title": {"ru": "Кофейня: скидка 30 % за приведённого друга",
                      "en": "Coffee shop: 30% off for bringing a friend"},
            "values": {"customers": 1500, "participation_pct": 15, "referrals_per_referrer": 2,
                "referral_conversion_pct": 30, "average_order": {"ru": 350, "en": 7}, "gross_margin_pct": 65,
                "orders_per_year": 40, "referrer_reward": 0, "referrer_discount_pct": 30,
                "friend_discount_pct": 0, "program_cost": {"ru": 5000, "en": 100},
                "paid_cac": {"ru": 300, "en": 6}, "incremental_pct": 70},
        },
        "online_store": {
            "title": {"ru": "Интернет-магазин: бонусы за друга", "en": "Online store: bonus points for a friend"},
            "values": {"customers": 2500, "participation_pct": 5, "referrals_per_referrer": 4,
                "referral_conversion_pct": 15, "average_order": {"ru": 3200, "en": 64}, "gross_margin_pct": 30,
                "orders_per_year": 3, "referrer_reward": {"ru": 300, "en": 6}, "referrer_discount_pct": 0,
                "friend_discount_pct": 10, "program_cost": {"ru": 60000, "en": 1200},
                "paid_cac": {"ru": 2000, "en": 40}, "incremental_pct": 80},
        },
        "b2b_service": {
            "title": {"ru": "B2B-сервис: вознаграждение за рекомендацию",
                      "en": "B2B service: a fee for a recommendation"},
            "values": {"customers": 200, "participation_pct": 20, "referrals_per_referrer": 2,
                "referral_conversion_pct": 25, "average_order": {"ru": 45000, "en": 900},
                "gross_margin_pct": 70, "orders_per_year": 12, "referrer_reward": {"ru": 20000, "en": 400},
                "referrer_discount_pct": 0, "friend_discount_pct": 50,
                "program_cost": {"ru": 100000, "en": 2000}, "paid_cac": {"ru": 75000, "en": 1500},
                "incremental_pct": 100},
        },
    },
)
