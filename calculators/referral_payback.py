"""Referral payback: "bring a friend", with rewards for the referrer and the friend.

All money and counts are per year; ``*_pct`` inputs are percentages; g, s (participation), q, i, d₁, d₂ below
are their fractions.

- ``viral_coefficient`` K = s × referrals_per_referrer × q: new customers one customer brings in a year
- ``referred_customers`` = customers × K
- ``incremental_customers`` = referred_customers × i (those who would not have come anyway)
- ``reward_cost`` = referred_customers × (referrer_reward + (d₁ + d₂) × average_order): rewards are paid
  for every referred customer, incremental or not
- ``total_cost`` = reward_cost + program_cost
- ``cost_per_incremental_customer`` = total_cost / incremental_customers
- ``savings_vs_paid_pct`` = (1 − cost_per_incremental_customer / paid_cac) × 100; negative means dearer
  than paid channels
- ``payback_months`` = cost_per_incremental_customer / (average_order × g × orders_per_year / 12)
- ``first_year_roi_pct`` = (incremental_customers × average_order × g × orders_per_year − total_cost)
  / total_cost × 100, assuming the incremental customers stay the whole year
- ``customers_per_paid_customer`` = 1 / (1 − K) for K < 1 (every generation of referrals: 1 + K + K² + …);
  for K ≥ 1 growth is self-sustaining and the sum has no limit.  Whether K ≥ 1 is decided on the
  decimals as typed, so 40 % × 2.5 × 100 % is exactly 1.
"""

from .charts import referral_payback as referral_payback_chart
from .core import Calculator, Input, Output, Unavailable, bounded, first_unavailable, ratio
from .numbers import exact_fraction

MONEY_MAX = 1e12
COUNT_MAX = 1e9


def self_sustaining(participation_pct, referrals_per_referrer, referral_conversion_pct):
    """True when K = s × n × q ≥ 1, compared exactly on the numbers as typed."""
    p_num, p_den = exact_fraction(participation_pct)
    n_num, n_den = exact_fraction(referrals_per_referrer)
    q_num, q_den = exact_fraction(referral_conversion_pct)
    # (p_num/p_den %) × (n_num/n_den) × (q_num/q_den %) ≥ 1
    return p_num * n_num * q_num >= 10000 * p_den * n_den * q_den


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
    savings = first_unavailable(cost_per_customer)
    if savings is None:
        if paid_cac == 0:
            savings = Unavailable("no_paid_cac")
        else:
            savings = (paid_cac - cost_per_customer) * 100 / paid_cac

    # margin per customer per year, g × orders × order
    yearly_margin = average_order * v["gross_margin_pct"] * v["orders_per_year"] / 100
    payback = first_unavailable(cost_per_customer)
    if payback is None:
        if yearly_margin == 0:
            payback = Unavailable("no_margin")
        else:
            payback = cost_per_customer * 12 / yearly_margin

    roi = ratio((incremental * yearly_margin - total_cost) * 100, total_cost, "free_programme")

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
    for key in outputs:
        outputs[key] = bounded(outputs[key])
    return outputs


_K = ("participation_pct", "referrals_per_referrer", "referral_conversion_pct")
_REFERRED = ("customers",) + _K
_INCREMENTAL = _REFERRED + ("incremental_pct",)
_REWARDS = _REFERRED + ("referrer_reward", "referrer_discount_pct", "friend_discount_pct", "average_order")
_TOTAL = _REWARDS + ("program_cost",)
_PER_CUSTOMER = _TOTAL + ("incremental_pct",)
_MARGIN = ("gross_margin_pct", "orders_per_year")  # with average_order, already in _REWARDS

CALCULATOR = Calculator(
    name="referral_payback",
    title={"ru": "Окупаемость реферальной программы", "en": "Referral payback"},
    summary={
        "ru": "«Приведи друга»: сколько клиентов приведёт программа, во что обойдётся каждый приростной "
              "и когда он окупится.",
        "en": "“Bring a friend”: how many customers the programme brings, what each incremental one costs, and "
              "when they pay back.",
    },
    inputs=[
        Input("customers", "count",
              {"ru": "Клиентов за год", "en": "Customers per year"},
              {"ru": 1000, "en": 1000}, maximum=COUNT_MAX, integer=True,
              help={"ru": "Все, кто покупал у вас за год, — те, кто может кого-то привести.",
                    "en": "Everyone who bought from you in the year: the people who might bring someone."}),
        Input("participation_pct", "pct",
              {"ru": "Рекомендуют, % клиентов", "en": "Customers who refer, %"},
              {"ru": 10, "en": 10}, maximum=100,
              help={"ru": "Доля клиентов, которые хотя бы раз пригласят знакомого.",
                    "en": "The share of customers who invite at least one friend."}),
        Input("referrals_per_referrer", "number",
              {"ru": "Приглашений от одного рекомендателя", "en": "Invitations per referring customer"},
              {"ru": 3, "en": 3}, maximum=1000,
              help={"ru": "Скольким знакомым в среднем расскажет или отправит приглашение тот, кто участвует.",
                    "en": "How many friends a referring customer tells or invites, on average."}),
        Input("referral_conversion_pct", "pct",
              {"ru": "Приглашённые, которые купили, %", "en": "Invited friends who buy, %"},
              {"ru": 25, "en": 25}, maximum=100),
        Input("average_order", "money",
              {"ru": "Средний чек", "en": "Average order"},
              {"ru": 2500, "en": 50}, maximum=MONEY_MAX),
        Input("gross_margin_pct", "pct",
              {"ru": "Валовая маржа, %", "en": "Gross margin, %"},
              {"ru": 40, "en": 40}, maximum=100,
              help={"ru": "Что остаётся от выручки после себестоимости товара или услуги.",
                    "en": "What is left of revenue after the cost of the goods or the service."}),
        Input("orders_per_year", "number",
              {"ru": "Покупок в год на клиента", "en": "Orders per customer per year"},
              {"ru": 4, "en": 4}, maximum=10000),
        Input("referrer_reward", "money",
              {"ru": "Награда рекомендателю за друга", "en": "Referrer's reward per friend who buys"},
              {"ru": 0, "en": 0}, maximum=MONEY_MAX,
              help={"ru": "Деньги или бонусы рекомендателю за каждого друга, который сделал покупку.",
                    "en": "Money or bonus points for the referrer for each friend who makes a purchase."}),
        Input("referrer_discount_pct", "pct",
              {"ru": "Скидка рекомендателю, % следующего заказа", "en": "Referrer's discount, % of the next order"},
              {"ru": 30, "en": 30}, maximum=100,
              help={"ru": "Скидка на следующий заказ за каждого приведённого друга — как в «приведи друга и "
                          "получи скидку на заказ 30 %».",
                    "en": "A discount on the next order for each friend brought in, as in “bring a friend and "
                          "get 30% off your order”."}),
        Input("friend_discount_pct", "pct",
              {"ru": "Скидка другу на первый заказ, %", "en": "Friend's discount on the first order, %"},
              {"ru": 10, "en": 10}, maximum=100),
        Input("program_cost", "money",
              {"ru": "Расходы на программу за год", "en": "Programme cost per year"},
              {"ru": 30000, "en": 600}, maximum=MONEY_MAX,
              help={"ru": "Настройка, печать карточек, сервис учёта, время сотрудников — всё, кроме самих наград.",
                    "en": "Set-up, printed cards, a tracking service, staff time: everything but the rewards."}),
        Input("paid_cac", "money",
              {"ru": "Цена клиента из рекламы (CAC)", "en": "Cost of a customer from paid channels (CAC)"},
              {"ru": 2000, "en": 40}, maximum=MONEY_MAX,
              help={"ru": "Во что обходится новый клиент из платных каналов; её считает калькулятор "
                          "«Привлечение или удержание».",
                    "en": "What a new customer from paid channels costs; the Acquisition versus retention "
                          "calculator works it out."}),
        Input("incremental_pct", "pct",
              {"ru": "Не пришли бы без программы, %", "en": "Would not have come otherwise, %"},
              {"ru": 100, "en": 100}, maximum=100,
              help={"ru": "Доля приведённых, которых без программы у вас бы не было. Остальные пришли бы и так, "
                          "и награды за них — чистый расход.",
                    "en": "The share of referred customers you would not have had without the programme. The "
                          "rest would have come anyway, and their rewards are pure cost."}),
    ],
    outputs=[
        Output("viral_coefficient", "number", {"ru": "Вирусный коэффициент K", "en": "Viral coefficient K"},
               _K, decimals=3,
               formula={"ru": "доля рекомендующих × приглашений на одного × доля купивших: K = s × n × q",
                        "en": "share who refer × invitations each × share who buy: K = s × n × q"}),
        Output("referred_customers", "count", {"ru": "Приведённых клиентов", "en": "Referred customers"},
               _REFERRED, formula={"ru": "клиенты × K: N × K", "en": "customers × K: N × K"}),
        Output("incremental_customers", "count",
               {"ru": "Из них приростных", "en": "Of whom incremental"}, _INCREMENTAL,
               formula={"ru": "приведённые × доля приростных: N × K × i",
                        "en": "referred × incremental share: N × K × i"}),
        Output("reward_cost", "money", {"ru": "Расходы на награды и скидки", "en": "Rewards and discounts"},
               _REWARDS, decimals=0,
               formula={"ru": "приведённые × (награда + (скидка рекомендателю + скидка другу) × средний чек): "
                              "N × K × (W + (d₁ + d₂) × P)",
                        "en": "referred × (reward + (referrer's discount + friend's discount) × average order): "
                              "N × K × (W + (d₁ + d₂) × P)"}),
        Output("total_cost", "money", {"ru": "Все расходы на программу", "en": "Total programme cost"},
               _TOTAL, decimals=0,
               formula={"ru": "награды и скидки + расходы на программу: … + F",
                        "en": "rewards and discounts + programme cost: … + F"}),
        Output("cost_per_incremental_customer", "money",
               {"ru": "Цена приростного клиента", "en": "Cost per incremental customer"}, _PER_CUSTOMER,
               formula={"ru": "все расходы ÷ приростные клиенты", "en": "total cost ÷ incremental customers"}),
        Output("savings_vs_paid_pct", "pct",
               {"ru": "Экономия против рекламы", "en": "Saving against paid channels"},
               _PER_CUSTOMER + ("paid_cac",),
               formula={"ru": "(1 − цена приростного клиента ÷ CAC рекламы) × 100; меньше нуля — дороже рекламы",
                        "en": "(1 − cost per incremental customer ÷ paid CAC) × 100; below zero is dearer "
                              "than paid channels"}),
        Output("payback_months", "months",
               {"ru": "Окупаемость приростного клиента", "en": "Payback of an incremental customer"},
               _PER_CUSTOMER + _MARGIN, decimals=1,
               formula={"ru": "цена приростного клиента ÷ его маржа за месяц: ÷ (P × g × f ÷ 12)",
                        "en": "cost per incremental customer ÷ their monthly margin: ÷ (P × g × f ÷ 12)"}),
        Output("first_year_roi_pct", "pct",
               {"ru": "Отдача за первый год (ROI)", "en": "First-year return (ROI)"},
               _PER_CUSTOMER + _MARGIN,
               formula={"ru": "(приростные × P × g × f − все расходы) ÷ все расходы × 100",
                        "en": "(incremental × P × g × f − total cost) ÷ total cost × 100"}),
        Output("customers_per_paid_customer", "number",
               {"ru": "Клиентов на одного оплаченного, все поколения",
                "en": "Customers per paid customer, all generations"}, _K, decimals=2,
               formula={"ru": "1 + K + K² + … = 1 ÷ (1 − K), при K < 1",
                        "en": "1 + K + K² + … = 1 ÷ (1 − K), for K < 1"}),
    ],
    compute=compute,
    chart=referral_payback_chart,
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
        "out_of_range": {"ru": "Нет значения: числа слишком малы или велики для осмысленного результата.",
                         "en": "Not available: the numbers are too extreme for a meaningful result."},
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
            "values": {
                "ru": {"customers": 1500, "participation_pct": 15, "referrals_per_referrer": 2,
                       "referral_conversion_pct": 30, "average_order": 350, "gross_margin_pct": 65,
                       "orders_per_year": 40, "referrer_reward": 0, "referrer_discount_pct": 30,
                       "friend_discount_pct": 0, "program_cost": 5000, "paid_cac": 300, "incremental_pct": 70},
                "en": {"customers": 1500, "participation_pct": 15, "referrals_per_referrer": 2,
                       "referral_conversion_pct": 30, "average_order": 7, "gross_margin_pct": 65,
                       "orders_per_year": 40, "referrer_reward": 0, "referrer_discount_pct": 30,
                       "friend_discount_pct": 0, "program_cost": 100, "paid_cac": 6, "incremental_pct": 70},
            },
        },
        "online_store": {
            "title": {"ru": "Интернет-магазин: бонусы за друга", "en": "Online store: bonus points for a friend"},
            "values": {
                "ru": {"customers": 2500, "participation_pct": 5, "referrals_per_referrer": 4,
                       "referral_conversion_pct": 15, "average_order": 3200, "gross_margin_pct": 30,
                       "orders_per_year": 3, "referrer_reward": 300, "referrer_discount_pct": 0,
                       "friend_discount_pct": 10, "program_cost": 60000, "paid_cac": 2000, "incremental_pct": 80},
                "en": {"customers": 2500, "participation_pct": 5, "referrals_per_referrer": 4,
                       "referral_conversion_pct": 15, "average_order": 64, "gross_margin_pct": 30,
                       "orders_per_year": 3, "referrer_reward": 6, "referrer_discount_pct": 0,
                       "friend_discount_pct": 10, "program_cost": 1200, "paid_cac": 40, "incremental_pct": 80},
            },
        },
        "b2b_service": {
            "title": {"ru": "B2B-сервис: вознаграждение за рекомендацию",
                      "en": "B2B service: a fee for a recommendation"},
            "values": {
                "ru": {"customers": 200, "participation_pct": 20, "referrals_per_referrer": 2,
                       "referral_conversion_pct": 25, "average_order": 45000, "gross_margin_pct": 70,
                       "orders_per_year": 12, "referrer_reward": 20000, "referrer_discount_pct": 0,
                       "friend_discount_pct": 50, "program_cost": 100000, "paid_cac": 75000,
                       "incremental_pct": 100},
                "en": {"customers": 200, "participation_pct": 20, "referrals_per_referrer": 2,
                       "referral_conversion_pct": 25, "average_order": 900, "gross_margin_pct": 70,
                       "orders_per_year": 12, "referrer_reward": 400, "referrer_discount_pct": 0,
                       "friend_discount_pct": 50, "program_cost": 2000, "paid_cac": 1500,
                       "incremental_pct": 100},
            },
        },
    },
)
