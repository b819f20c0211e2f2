"""Call staffing (Erlang C): how many agents must answer the phone so that a target share of calls is
answered within a target time, and what one agent fewer does to that share.

Calls arrive at random (Poisson) and wait in one queue until an agent is free; nobody hangs up.
A is the traffic in Erlangs, m the number of agents on the line, t the target answer time and AHT the
average handle time (talk plus after-call work), both in seconds.

Each output's formula is declared once with the output: in words for the page's table
(``formula``) and as code (``expression``), which tests/unit/test_formulas.py holds to
:func:`compute` and ``python -m calculators call_staffing --help`` lists.

C(m, A) comes from Erlang B's recursion B(0) = 1, B(k) = A·B(k−1) ÷ (k + A·B(k−1)), then
C = m·B(m) ÷ (m − A·(1 − B(m))): every step stays between 0 and 1, so it is stable for thousands of
agents where the textbook's A^m ÷ m! overflows.  The exponential is computed here with + − × ÷ only
(:func:`exp_neg`), so that CPython and MicroPython give the same bits.  Whole-number decisions
(m > A, the traffic limit, rounding staff up) use the inputs as the exact decimals that were typed.
"""

import math

from .charts import _LETTERS, _SCENARIO, WIDTH, _beside, _labels, _line, _n, _named, _plain, _svg, _text
from .core import Calculator, Input, Output, Unavailable, format_value
from .numbers import exact_fraction

CALLS_MAX = 1e6
HANDLE_MAX = 7200
ANSWER_MAX = 3600
# Traffic above this many Erlangs is refused, so that the search for m stays short (≈ 5 300 steps).
TRAFFIC_MAX = 5000
# The search for m gives up after this many agents above A (it never needs more than a few hundred).
SEARCH_SPAN = 100000

_LN2_HI = 6.93147180369123816490e-01  # ln 2 split in two (fdlibm): k × _LN2_HI is exact
_LN2_LO = 1.90821492927058770002e-10
_INV_LN2 = 1.44269504088896338700e+00


def exp_neg(x):
    """e**x for x ≤ 0, to about one unit in the last place, with + − × ÷ and ``ldexp`` only.

    ``math.exp`` comes from each runtime's own C library, which may round the last bit differently;
    this gives the same double on CPython and MicroPython.  Below −700 it returns 0 (e**−700 ≈ 1e−304).
    """
    if x >= 0:
        return 1.0
    if x < -700:
        return 0.0
    k = -int(-x * _INV_LN2 + 0.5)  # the nearest whole number to x ÷ ln 2
    r = (x - k * _LN2_HI) - k * _LN2_LO  # |r| ≤ ln 2 ÷ 2
    total = 1.0
    for i in range(17, 0, -1):  # Taylor series in Horner's form; r**18 ÷ 18! < 1e−23
        total = 1.0 + r * total / i
    return math.ldexp(total, k)


def _wait_and_level(agents, traffic, b, handle, answer):
    """(C, service level) for ``agents`` > traffic, given Erlang B's value ``b`` for those agents."""
    c = agents * b / (agents - traffic * (1 - b))
    if c > 1.0:
        c = 1.0
    level = 1 - c * exp_neg(-(agents - traffic) * answer / handle)
    return c, (level if level > 0 else 0.0)


def service_levels(traffic, handle, answer, first, last):
    """[(m, C, service level)] for every whole m from ``first`` to ``last`` with m > traffic."""
    out = []
    b = 1.0
    for k in range(1, last + 1):
        b = traffic * b / (k + traffic * b)
        if k >= first and k - traffic > 0:
            c, level = _wait_and_level(k, traffic, b, handle, answer)
            out.append((k, c, level))
    return out


def fewest_agents(traffic, handle, answer, goal, first):
    """(m, C, level, level with m − 1) for the smallest m ≥ ``first`` (the smallest whole number above
    the traffic) whose service level reaches ``goal`` (a fraction); None if the search gives up."""
    b = 1.0
    for k in range(1, first):
        b = traffic * b / (k + traffic * b)
    previous = 0.0
    for m in range(first, first + SEARCH_SPAN):
        b = traffic * b / (m + traffic * b)
        if m - traffic <= 0:  # only when the float A is a hair above the exact one
            continue
        c, level = _wait_and_level(m, traffic, b, handle, answer)
        if level >= goal:
            return m, c, level, previous
        previous = level
    return None


def _staff(agents, shrinkage_pct):
    """⌈agents ÷ (1 − shrinkage)⌉ on integers: 70 agents at 30 % give exactly 100, not 101."""
    num, den = exact_fraction(shrinkage_pct)
    available = 100 * den - num  # (1 − s) = available ÷ (100 × den)
    return -((-agents * 100 * den) // available)


_STAFFING = ("average_speed_of_answer_seconds", "agents_needed", "service_level_pct", "probability_wait_pct",
             "occupancy_pct", "staff_on_shift", "staffing_cost_per_hour", "service_level_one_fewer_pct")


def compute(v):
    calls = v["calls_per_hour"]
    handle = v["handle_time_seconds"]
    traffic = calls * handle / 3600
    out = {"traffic_erlangs": traffic}
    calls_num, calls_den = exact_fraction(calls)
    handle_num, handle_den = exact_fraction(handle)
    scale = calls_den * handle_den * 3600  # A = calls_num × handle_num ÷ scale, exactly
    found = None
    if calls == 0 or handle == 0:
        missing = Unavailable("no_traffic")
    elif calls_num * handle_num > TRAFFIC_MAX * scale:
        missing = Unavailable("too_much_traffic")
    else:
        first = calls_num * handle_num // scale + 1
        found = fewest_agents(traffic, handle, v["target_answer_seconds"], v["target_service_level_pct"] / 100,
                              first)
        missing = Unavailable("too_much_traffic")  # the search gave up: never for traffic within the limit
    if found is None:
        for key in _STAFFING:
            out[key] = missing
        return out
    agents, wait, level, fewer = found
    staff = _staff(agents, v["shrinkage_pct"])
    out.update({
        "agents_needed": float(agents),
        "service_level_pct": level * 100,
        "probability_wait_pct": wait * 100,
        "average_speed_of_answer_seconds": wait * handle / (agents - traffic),
        "occupancy_pct": traffic / agents * 100,
        "staff_on_shift": float(staff),
        "staffing_cost_per_hour": staff * v["agent_cost_per_hour"],
        "service_level_one_fewer_pct": fewer * 100,
    })
    return out


# --- the chart: service level against the number of agents ----------------------------------------------------

_CHART_TEXT = {
    "ru": {
        "title": "Доля звонков с ответом за {t} при разном числе операторов",
        "target": "Цель: {goal} за {t}",
        "axis": "Операторов на линии",
        "point": "{m}: {level}",
        "desc": "Доля звонков с ответом за {t} при разном числе операторов на линии: {points}. Цель — {goal}; "
                "наименьшее число операторов, которое её достигает, — {m}.",
        "scenario": ": цель {goal} за {t}, нужно {m}",
    },
    "en": {
        "title": "Calls answered within {t} by the number of agents",
        "target": "Target: {goal} within {t}",
        "axis": "Agents on the line",
        "point": "{m}: {level}",
        "desc": "Share of calls answered within {t} by the number of agents on the line: {points}. The target "
                "is {goal}; {m} agents reach it.",
        "scenario": ": target {goal} within {t}, {m} needed",
    },
}


def _fill(template, params):
    for key in params:
        template = template.replace("{" + key + "}", params[key])
    return template


def _chart_usable(result):
    names = ("calls_per_hour", "handle_time_seconds", "target_answer_seconds", "target_service_level_pct")
    for name in names:
        if name in result.errors:
            return False
    return not isinstance(result.outputs["agents_needed"], Unavailable)


def _staffing_points(result):
    """[(m, C, level)] for m − 3 … m + 3 agents (only counts above the traffic), and m."""
    agents = int(result.outputs["agents_needed"])
    return service_levels(result.outputs["traffic_erlangs"], result.values["handle_time_seconds"],
                          result.values["target_answer_seconds"], max(1, agents - 3), agents + 3), agents


def _staffing_desc(result, points, agents):
    words = _CHART_TEXT[result.lang]
    lang = result.lang
    parts = [_fill(words["point"], {"m": str(m), "level": format_value("pct", level * 100, lang, None, 1)})
             for m, wait, level in points]
    return _fill(words["desc"], {"t": format_value("seconds", result.values["target_answer_seconds"], lang),
                                 "points": "; ".join(parts),
                                 "goal": format_value("pct", result.values["target_service_level_pct"], lang),
                                 "m": str(agents)})


# Beside A, one run of agent counts when both scenarios' fit in this many, else two runs side by side.
_RUN = 11


def _staffing_counts(points, a_points):
    """The agent counts on the axis, with None for a gap between two runs far apart."""
    ours = [p[0] for p in points]
    theirs = [p[0] for p in a_points]
    low, high = min(ours + theirs), max(ours + theirs)
    if high - low < _RUN:
        return list(range(low, high + 1))
    first, second = (ours, theirs) if ours[0] < theirs[0] else (theirs, ours)
    return first + [None] + second


def service_level_chart(result, pinned=None, names=None):
    """Bars of the service level for m − 3 … m + 3 agents (only counts above the traffic), the agents
    needed highlighted, and the target as a dashed line; with ``pinned``, A's service level for its own
    m − 3 … m + 3 as hollow bars beside B's (on one axis, or two runs when far apart), A's target as a
    dash-dot line."""
    if not _chart_usable(result):
        return None
    pinned = _beside(result, pinned, _chart_usable)
    lang = result.lang
    words = _CHART_TEXT[lang]
    points, agents = _staffing_points(result)
    answer = result.values["target_answer_seconds"]
    goal = result.values["target_service_level_pct"]
    t_text = format_value("seconds", answer, lang)
    goal_text = format_value("pct", goal, lang)
    levels = dict((m, level) for m, wait, level in points)
    counts = [p[0] for p in points]
    a_levels = {}
    a_points, a_agents = [], None
    if pinned is not None:
        a_points, a_agents = _staffing_points(pinned)
        counts = _staffing_counts(points, a_points)
        shown = [m for m in counts if m is not None]
        for m, wait, level in service_levels(pinned.outputs["traffic_erlangs"], pinned.values["handle_time_seconds"],
                                             pinned.values["target_answer_seconds"], shown[0], shown[-1]):
            a_levels[m] = level
        if len(shown) > len(points):
            for m, wait, level in service_levels(result.outputs["traffic_erlangs"], result.values["handle_time_seconds"],
                                                 answer, shown[0], shown[-1]):
                levels[m] = level

    legend = 44 if pinned is not None else 0
    height = 290 + legend
    left, right, top, bottom = 14.0, WIDTH - 8.0, 62.0 + legend, height - 50.0

    def y_of(pct):
        return bottom - (bottom - top) * pct / 100

    body = []
    for tick in (0, 25, 50, 75, 100):
        y = y_of(tick)
        body.append(_line(left, y, right, y, "chart-grid" if tick else "chart-axis",
                          ' stroke-width="1"' + ('' if tick == 0 else ' stroke-opacity="0.25"')))
        body.append(_text(left + 2, y - 4, format_value("pct", tick, lang), "chart-label chart-tick"))
    # the targets behind the bars: they show in the gaps, and the labels stay readable over them
    if pinned is not None:
        a_y = y_of(pinned.values["target_service_level_pct"])
        body.append(_line(left + 44, a_y, right, a_y, "chart-a-target chart-a",
                          ' stroke-width="1.5" stroke-dasharray="8 3 2 3"'))
    target_y = y_of(goal)
    body.append(_line(left + 44, target_y, right, target_y, "chart-cost chart-target",
                      ' stroke-width="2" stroke-dasharray="6 4"'))
    slots = max(7, len(counts))
    slot = (right - left - 44) / slots
    start = left + 44 + (slots - len(counts)) * slot / 2
    width = slot * (0.42 if pinned is not None else 0.7)
    a_width = slot * 0.3
    small = slots > 7  # narrow slots: values only over the agents needed
    for index, m in enumerate(counts):
        middle = start + index * slot + slot / 2
        if m is None:
            body.append(_text(middle, bottom + 18, "…", "chart-label chart-tick", "middle"))
            continue
        x = middle - ((width + a_width + 2) if pinned is not None else width) / 2
        current = m == agents
        if m in levels:
            pct = levels[m] * 100
            y = y_of(pct)
            if bottom - y < 1:
                y = bottom - 1
            cls = "chart-bar chart-bar-current" if current else "chart-bar chart-bar-other"
            body.append('<rect class="' + cls + '" x="' + _n(x) + '" y="' + _n(y) + '" width="' + _n(width)
                        + '" height="' + _n(bottom - y) + '" rx="2" data-agents="' + str(m) + '" data-value="'
                        + _plain(pct) + '" fill="currentColor" stroke="none"/>')
            if current or not small:
                body.append(_text(x + width / 2, y - 6, format_value("pct", pct, lang, None, 1), "chart-value",
                                  "middle", ' font-weight="bold"' if current else ''))
        if m in a_levels:
            a_pct = a_levels[m] * 100
            ay = y_of(a_pct)
            if bottom - ay < 1:
                ay = bottom - 1
            ours = m == a_agents
            body.append('<rect class="chart-a-bar chart-a' + (" chart-a-current" if ours else "") + '" x="'
                        + _n(x + width + 2) + '" y="' + _n(ay) + '" width="' + _n(a_width) + '" height="'
                        + _n(bottom - ay) + '" rx="2" data-agents="' + str(m) + '" data-value="' + _plain(a_pct)
                        + '" fill="none" stroke="currentColor" stroke-width="' + ("2.5" if ours else "1.5")
                        + '" stroke-dasharray="4 2"/>')
        if not small or current or m == a_agents or m % 5 == 0:
            body.append(_text(middle, bottom + 18, str(m), "chart-label chart-tick", "middle",
                              ' font-weight="bold"' if current or m == a_agents else ''))
    body.append(_line(left, 13, left + 22, 13, "chart-cost chart-legend", ' stroke-width="2" stroke-dasharray="6 4"'))
    target = _fill(words["target"], {"goal": goal_text, "t": t_text})
    if pinned is not None:
        label_a, label_b = _labels(lang, names)
        room = right - left - 30
        target = _named(label_b, _fill(words["scenario"], {"goal": goal_text, "t": t_text, "m": str(agents)}), room)
        body.append(_line(left, 35, left + 22, 35, "chart-a-target chart-a chart-legend",
                          ' stroke-width="1.5" stroke-dasharray="8 3 2 3"'))
        body.append(_text(left + 30, 40, _named(label_a, _fill(words["scenario"], {
            "goal": format_value("pct", pinned.values["target_service_level_pct"], lang),
            "t": format_value("seconds", pinned.values["target_answer_seconds"], lang),
            "m": str(a_agents)}), room), "chart-label chart-legend-text"))
        body.append('<rect class="chart-bar chart-bar-current chart-legend" x="' + _n(left) + '" y="51" width="14" '
                    'height="14" rx="2" fill="currentColor" stroke="none"/>')
        body.append(_text(left + 20, 63, _LETTERS[lang][1], "chart-label chart-legend-text"))
        body.append('<rect class="chart-a-bar chart-a chart-legend" x="' + _n(left + 44) + '" y="52" width="12" '
                    'height="12" rx="2" fill="none" stroke="currentColor" stroke-width="1.5" stroke-dasharray="4 2"/>')
        body.append(_text(left + 62, 63, _LETTERS[lang][0], "chart-label chart-legend-text"))
    body.append(_text(left + 30, 18, target, "chart-label chart-axis-title"))
    body.append(_text((left + right) / 2, height - 8, words["axis"], "chart-label chart-axis-title", "middle"))
    title = _fill(words["title"], {"t": t_text})
    desc = _staffing_desc(result, points, agents)
    if pinned is not None:
        desc = (_SCENARIO[lang].replace("{label}", label_b) + desc + " " + _SCENARIO[lang].replace("{label}", label_a)
                + _staffing_desc(pinned, a_points, a_agents))
    return _svg("staffing", height, title, desc, body)


# --- the verdict: what one agent fewer costs -----------------------------------------------------------------

_VERDICT = {
    "ru": {
        "met": "Операторов на линии: {m}; за {t} ответят на {level} звонков (цель — {goal}). ",
        "fewer": "На одного меньше ({m1}) — только {fewer}: один человек из {m} — это {share} команды, а доля "
                 "звонков с ответом вовремя падает на {drop}",
        "unstable": "На одного меньше ({m1}) — и операторы не успевают за потоком: очередь растёт без конца.",
        "points": "п.\u00a0п.",  # the sentence ends with the abbreviation's own full stop
    },
    "en": {
        "met": "With {m} agents on the line, {level} of calls are answered within {t} (target {goal}). ",
        "fewer": "With one fewer, {m1}, only {fewer}: one person in {m} is {share} of the team, yet the share "
                 "answered in time falls by {drop}.",
        "unstable": "With one fewer, {m1}, the agents cannot keep up with the calls: the queue grows without end.",
        "points": "points",
    },
}


def staffing_verdict(result):
    """One sentence: the service level with the agents needed, and with one agent fewer."""
    if not _chart_usable(result):
        return None
    lang = result.lang
    words = _VERDICT[lang]
    agents = result.outputs["agents_needed"]
    level = result.outputs["service_level_pct"]
    fewer = result.outputs["service_level_one_fewer_pct"]
    params = {
        "m": format_value("count", agents, lang),
        "m1": format_value("count", agents - 1, lang),
        "t": format_value("seconds", result.values["target_answer_seconds"], lang),
        "goal": format_value("pct", result.values["target_service_level_pct"], lang),
        "level": format_value("pct", level, lang, None, 1),
        "fewer": format_value("pct", fewer, lang, None, 1),
        "share": format_value("pct", 100 / agents, lang, None, 1),
        "drop": format_value("number", level - fewer, lang, None, 1) + "\u00a0" + words["points"],
    }
    unstable = agents - 1 <= result.outputs["traffic_erlangs"]
    return _fill(words["met"] + words["unstable" if unstable else "fewer"], params)


_TRAFFIC = ("calls_per_hour", "handle_time_seconds")
_AGENTS = _TRAFFIC + ("target_answer_seconds", "target_service_level_pct")

CALCULATOR = Calculator(
    name="call_staffing",
    order=80,
    title={"ru": "Сколько операторов нужно на линии", "en": "How many agents to put on the phones"},
    summary={
        "ru": "Сколько операторов должно быть на линии, чтобы нужная доля звонков получала ответ за нужное "
              "время (формула Эрланга C), — и что случится, если одного не будет.",
        "en": "How many agents must be on the line for a target share of calls to be answered within a target "
              "time (the Erlang C formula), and what happens when one of them is missing.",
    },
    inputs=[
        Input("calls_per_hour", "count",
              {"ru": "Звонков в час", "en": "Calls per hour"},
              720, maximum=CALLS_MAX,
              help={"ru": "В самый загруженный час, для которого вы планируете смену. Можно дробное: это среднее.",
                    "en": "In the busiest hour you are planning the shift for. A fraction is fine: it is an "
                          "average."}),
        Input("handle_time_seconds", "seconds",
              {"ru": "Среднее время обработки звонка", "en": "Average handle time"},
              240, maximum=HANDLE_MAX,
              help={"ru": "Разговор плюс работа после звонка (записи, письмо клиенту), в секундах.",
                    "en": "Talk plus after-call work (notes, a follow-up email), in seconds."}),
        Input("target_answer_seconds", "seconds",
              {"ru": "Ответить в течение", "en": "Answer within"},
              15, maximum=ANSWER_MAX,
              help={"ru": "Целевое время ожидания, в секундах. Распространённое «80 за 20» — 80 % звонков за "
                          "20 секунд — отраслевая привычка, а не норматив.",
                    "en": "The target wait, in seconds. The common “80/20”, 80% of calls within 20 seconds, is "
                          "an industry habit, not a standard."}),
        Input("target_service_level_pct", "pct",
              {"ru": "Доля звонков с ответом за это время, %", "en": "Share of calls answered in that time, %"},
              80, minimum=0.1, maximum=99.9),
        Input("shrinkage_pct", "pct",
              {"ru": "Потери рабочего времени, %", "en": "Shrinkage, %"},
              30, maximum=90,
              help={"ru": "Перерывы, обучение, совещания, больничные и отпуска: доля оплаченного времени, когда "
                          "человек не на линии. Общей нормы нет: посчитайте по своему графику.",
                    "en": "Breaks, training, meetings, sickness and holidays: the share of paid time an agent "
                          "is not on the line. There is no general norm: work it out from your own rota."}),
        Input("agent_cost_per_hour", "money",
              {"ru": "Стоимость часа оператора", "en": "Cost of an agent hour"},
              {"ru": 500, "en": 25},
              help={"ru": "Зарплата с налогами и рабочим местом, в пересчёте на час.",
                    "en": "Pay with taxes and the workplace, per hour."}),
    ],
    outputs=[
        Output("traffic_erlangs", "erlangs", {"ru": "Нагрузка", "en": "Traffic"}, _TRAFFIC,
               formula={"ru": "звонки в час × время обработки ÷ 3600: A, в эрлангах (сколько операторов были бы "
                              "заняты без перерыва)",
                        "en": "calls per hour × handle time ÷ 3600: A, in Erlangs (how many agents would be busy "
                              "non-stop)"},
               expression="calls_per_hour * handle_time_seconds / 3600"),
        Output("agents_needed", "count", {"ru": "Нужно операторов на линии", "en": "Agents needed on the line"},
               _AGENTS,
               formula={"ru": "наименьшее целое m больше A, при котором доля звонков с ответом вовремя не ниже "
                              "цели",
                        "en": "the smallest whole m above A whose service level reaches the target"},
               expression="min(m for m, c, level in service_levels(traffic_erlangs, handle_time_seconds, target_answer_seconds, floor(traffic_erlangs) + 1, floor(traffic_erlangs) + 3000) if level >= target_service_level_pct / 100)"),
        Output("service_level_pct", "pct",
               {"ru": "Ответят вовремя (уровень обслуживания)", "en": "Answered in time (service level)"},
               _AGENTS, decimals=1,
               formula={"ru": "1 − C × e^(−(m − A) × t ÷ AHT), где t — целевое время, AHT — время обработки",
                        "en": "1 − C × e^(−(m − A) × t ÷ AHT), where t is the target time and AHT the handle "
                              "time"},
               expression="(1 - probability_wait_pct / 100 * exp(-(agents_needed - traffic_erlangs) * target_answer_seconds / handle_time_seconds)) * 100"),
        Output("probability_wait_pct", "pct",
               {"ru": "Вероятность ждать вообще", "en": "Chance of waiting at all"}, _AGENTS, decimals=1,
               formula={"ru": "C(m, A), формула Эрланга C (через рекурсию Эрланга B)",
                        "en": "C(m, A), the Erlang C formula (through Erlang B’s recursion)"},
               expression="service_levels(traffic_erlangs, handle_time_seconds, target_answer_seconds, int(agents_needed), int(agents_needed))[0][1] * 100"),
        Output("average_speed_of_answer_seconds", "seconds",
               {"ru": "Среднее время до ответа", "en": "Average speed of answer"}, _AGENTS, decimals=1,
               formula={"ru": "C × AHT ÷ (m − A), по всем звонкам, включая отвеченные сразу",
                        "en": "C × AHT ÷ (m − A), over all calls, those answered at once included"},
               expression="probability_wait_pct / 100 * handle_time_seconds / (agents_needed - traffic_erlangs)"),
        Output("occupancy_pct", "pct", {"ru": "Загрузка операторов", "en": "Agent occupancy"}, _AGENTS,
               decimals=1,
               formula={"ru": "A ÷ m: доля времени на линии, занятая звонками",
                        "en": "A ÷ m: the share of time on the line spent on calls"},
               expression="traffic_erlangs / agents_needed * 100"),
        Output("staff_on_shift", "count", {"ru": "Людей в графике смены", "en": "Staff on the roster"},
               _AGENTS + ("shrinkage_pct",),
               formula={"ru": "⌈m ÷ (1 − потери)⌉", "en": "⌈m ÷ (1 − shrinkage)⌉"},
               expression="ceil(agents_needed / (1 - shrinkage_pct / 100))"),
        Output("staffing_cost_per_hour", "money", {"ru": "Стоимость часа смены", "en": "Staffing cost per hour"},
               _AGENTS + ("shrinkage_pct", "agent_cost_per_hour"), decimals=0,
               formula={"ru": "людей в графике × стоимость часа оператора",
                        "en": "staff on the roster × cost of an agent hour"},
               expression="staff_on_shift * agent_cost_per_hour"),
        Output("service_level_one_fewer_pct", "pct",
               {"ru": "Ответят вовремя, если операторов на одного меньше",
                "en": "Answered in time with one agent fewer"},
               _AGENTS, decimals=1,
               formula={"ru": "тот же уровень обслуживания при m − 1; 0, если m − 1 ≤ A (очередь растёт без "
                              "конца)",
                        "en": "the same service level with m − 1; 0 when m − 1 ≤ A (the queue grows without "
                              "end)"},
               expression="(service_levels(traffic_erlangs, handle_time_seconds, target_answer_seconds, int(agents_needed) - 1, int(agents_needed) - 1) or [(0, 0, 0)])[0][2] * 100"),
    ],
    compute=compute,
    chart=service_level_chart,
    verdict=staffing_verdict,
    reasons={
        "no_traffic": {"ru": "Нет данных: нет звонков или время обработки 0 — отвечать некому и не на что.",
                       "en": "Not available: no calls, or a handle time of 0, so there is nothing to answer."},
        "too_much_traffic": {"ru": "Нет данных: нагрузка больше 5\u00a0000 эрлангов — это несколько контакт-центров; "
                                   "посчитайте каждую линию отдельно.",
                             "en": "Not available: traffic above 5,000 Erlangs is several contact centres; "
                                   "work out each line separately."},
    },
    notes={
        "ru": [
            "Звонки приходят случайно и независимо (поток Пуассона) и ждут в одной общей очереди.",
            "Никто не кладёт трубку, не дождавшись ответа; на деле часть клиентов сдаётся, поэтому формула "
            "немного завышает нужное число операторов.",
            "Каждый оператор берёт любой звонок; все тратят на звонок в среднем одно и то же время.",
            "Считается один час с постоянной нагрузкой: для смены посчитайте каждый час отдельно.",
            "Потери рабочего времени переводят операторов на линии в людей в графике; одна и та же доля "
            "для всех, а 30 % по умолчанию — значение для примера, а не норма.",
        ],
        "en": [
            "Calls arrive at random and independently (a Poisson stream) and wait in one shared queue.",
            "Nobody hangs up before being answered; in reality some callers give up, so the formula slightly "
            "overstates the agents needed.",
            "Every agent takes any call, and all spend the same average time on one.",
            "One hour of steady traffic is computed: for a shift, work out each hour on its own.",
            "Shrinkage turns agents on the line into people on the roster, at the same share for everyone; "
            "the default 30% is an illustrative value, not a norm.",
        ],
    },
    presets={
        "clinic_monday": {
            "title": {"ru": "Регистратура клиники, утро понедельника",
                      "en": "A clinic’s appointment line on a Monday morning"},
            "values": {"calls_per_hour": 150, "handle_time_seconds": 150, "target_answer_seconds": 20,
                "target_service_level_pct": 80, "shrinkage_pct": 35,
                "agent_cost_per_hour": {"ru": 400, "en": 22}},
        },
        "bank_night": {
            "title": {"ru": "Ночная линия банка: блокировка карт", "en": "A bank’s night line for blocking cards"},
            "values": {"calls_per_hour": 30, "handle_time_seconds": 240, "target_answer_seconds": 10,
                "target_service_level_pct": 90, "shrinkage_pct": 20,
                "agent_cost_per_hour": {"ru": 650, "en": 30}},
        },
        "delivery_friday": {
            "title": {"ru": "Доставка еды, вечер пятницы", "en": "Food delivery on a Friday evening"},
            "values": {"calls_per_hour": 400, "handle_time_seconds": 120, "target_answer_seconds": 20,
                "target_service_level_pct": 80, "shrinkage_pct": 25,
                "agent_cost_per_hour": {"ru": 450, "en": 20}},
        },
        "marketplace_sale": {
            "title": {"ru": "Поддержка маркетплейса в день распродажи",
                      "en": "A marketplace’s support line on a sale day"},
            "values": {"calls_per_hour": 2400, "handle_time_seconds": 330, "target_answer_seconds": 30,
                "target_service_level_pct": 80, "shrinkage_pct": 30,
                "agent_cost_per_hour": {"ru": 550, "en": 24}},
        },
    },
)
