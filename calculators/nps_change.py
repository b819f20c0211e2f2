"""NPS change: two surveys of the same question ("how likely are you to recommend us, 0–10?"), before and
after, and whether the change between them is larger than what chance alone could give.

Counts are whole answers: promoters (9–10), passives (7–8), detractors (0–6).  In each survey n is the
number of answers and p, d the shares of promoters and detractors; v = p + d − (p − d)² is the
variance of one answer scored +1, 0 or −1 (multinomial), so SE = 100 × √(v ÷ n) points.

Each output's formula is declared once with the output: in words for the page's table
(``formula``) and as code (``expression``), which tests/unit/test_formulas.py holds to
:func:`compute` and ``python -m calculators nps_change --help`` lists.

A margin is unavailable when its survey has no answers or v = 0 (every answer alike); the verdict
(:func:`nps_verdict`) says in words whether the change is larger than its margin.  It rests on the
normal approximation, which needs a few dozen answers in each survey.
"""

import math

from .charts import (bar_beside, bar_desc, bar_heading, bar_legend, bar_letter, bar_panel, bar_pinned, bars_svg,
                     drawable)
from .core import Calculator, Input, Output, Unavailable, first_unavailable, format_value

Z = 1.96
# ⌈1.96² × 10⁴ × v ÷ 25⌉ = ⌈38416 × v ÷ 25⌉: the factor as a fraction of integers.
_NEEDED_NUM = 38416
_NEEDED_DEN = 25
# Fewer answers than this in a survey and the verdict says it is unreliable.
FEW_ANSWERS = 30


# Why a survey's figures are missing: (no answers, every answer alike), by survey.
_MISSING = {
    "before": (Unavailable("no_answers_before"), Unavailable("all_alike_before")),
    "after": (Unavailable("no_answers_after"), Unavailable("all_alike_after")),
}


def survey(promoters, passives, detractors, when):
    """(nps, SE², margin, numerator of v × n², n) for one survey, Unavailable where undefined.

    ``when`` is "before" or "after", for the reason codes.
    """
    p_count, d_count = int(promoters), int(detractors)
    n = p_count + int(passives) + d_count
    if n == 0:
        missing = _MISSING[when][0]
        return missing, missing, missing, None, 0
    p = p_count / n
    d = d_count / n
    nps = 100 * (p_count - d_count) / n  # one rounding: 120 of 400 is 30, not 30.000000000000004
    # v × n² = (P + D) × n − (P − D)², in integers: zero exactly when every answer is alike
    spread = (p_count + d_count) * n - (p_count - d_count) ** 2
    if spread == 0:
        missing = _MISSING[when][1]
        return nps, missing, missing, spread, n
    v = p + d - (p - d) * (p - d)
    variance = 10000 * v / n
    return nps, variance, Z * math.sqrt(variance), spread, n


def compute(v):
    before = survey(v["promoters_before"], v["passives_before"], v["detractors_before"], "before")
    after = survey(v["promoters_after"], v["passives_after"], v["detractors_after"], "after")
    nps_before, var_before, margin_before = before[0], before[1], before[2]
    nps_after, var_after, margin_after, spread, n = after
    change = first_unavailable(nps_before, nps_after)
    if change is None:
        change = nps_after - nps_before
    margin_change = first_unavailable(var_before, var_after)
    if margin_change is None:
        margin_change = Z * math.sqrt(var_before + var_after)
    if isinstance(margin_after, Unavailable):
        needed = margin_after
    else:
        # v = spread ÷ n²: ⌈38416 × spread ÷ (25 × n²)⌉, exactly
        needed = float(-((-_NEEDED_NUM * spread) // (_NEEDED_DEN * n * n)))
    return {
        "nps_before": nps_before,
        "nps_after": nps_after,
        "margin_before": margin_before,
        "margin_after": margin_after,
        "change": change,
        "margin_change": margin_change,
        "respondents_needed": needed,
    }


# --- the verdict -----------------------------------------------------------------------------------------------

_VERDICT = {
    "ru": {
        "up": "NPS вырос на {change}",
        "down": "NPS снизился на {change}",
        "same": "NPS не изменился",
        "real": " — это больше погрешности изменения (±{margin}): скорее всего, изменение настоящее, а не "
                "случайность выборки (уровень доверия 95\u00a0%).",
        "chance": " — это в пределах погрешности изменения (±{margin}): по этим опросам нельзя сказать, что он "
                  "действительно изменился.",
        "same_end": "; погрешность изменения — ±{margin}.",
        "no_answers_before": "Сравнить нельзя: в опросе «до» нет ни одного ответа.",
        "no_answers_after": "Сравнить нельзя: в опросе «после» нет ни одного ответа.",
        "all_alike_before": "{head}, но погрешность посчитать нельзя: все ответы в опросе «до» одинаковые. "
                            "Настоящее ли это изменение, покажет только опрос побольше.",
        "all_alike_after": "{head}, но погрешность посчитать нельзя: все ответы в опросе «после» одинаковые. "
                           "Настоящее ли это изменение, покажет только опрос побольше.",
        "note": " Оценка опирается на нормальное приближение: ей нужно хотя бы несколько десятков ответов в "
                "каждом опросе.",
        "few": " Но в одном из опросов всего {n} ответов, а нормальному приближению нужно хотя бы несколько "
               "десятков: вывод ненадёжен.",
    },
    "en": {
        "up": "NPS rose by {change}",
        "down": "NPS fell by {change}",
        "same": "NPS did not change",
        "real": ", more than the margin of the change (±{margin}): the change is most likely real, not the luck "
                "of the sample (95% confidence).",
        "chance": ", within the margin of the change (±{margin}): these surveys cannot tell that it really "
                  "changed.",
        "same_end": "; the margin of the change is ±{margin}.",
        "no_answers_before": "No comparison: the “before” survey has no answers.",
        "no_answers_after": "No comparison: the “after” survey has no answers.",
        "all_alike_before": "{head}, but its margin cannot be computed: every answer in the “before” survey is "
                            "the same. Only a larger survey can tell whether the change is real.",
        "all_alike_after": "{head}, but its margin cannot be computed: every answer in the “after” survey is "
                           "the same. Only a larger survey can tell whether the change is real.",
        "note": " The estimate rests on the normal approximation, which needs a few dozen answers in each "
                "survey.",
        "few": " But one survey has only {n} answers, and the normal approximation needs a few dozen: treat the "
               "verdict as unreliable.",
    },
}

_ALL = ("promoters_before", "passives_before", "detractors_before",
        "promoters_after", "passives_after", "detractors_after")


def _fill(template, params):
    for key in params:
        template = template.replace("{" + key + "}", params[key])
    return template


def nps_verdict(result):
    """One sentence: is the change larger than its margin? With the note on the normal approximation."""
    for name in _ALL:
        if name in result.errors:
            return None
    lang = result.lang
    words = _VERDICT[lang]
    change = result.outputs["change"]
    if isinstance(change, Unavailable):
        return words[change.code]
    if change > 0:
        head = words["up"]
    elif change < 0:
        head = words["down"]
    else:
        head = words["same"]
    head = _fill(head, {"change": format_value("points", abs(change), lang)})
    margin = result.outputs["margin_change"]
    if isinstance(margin, Unavailable):
        return _fill(words[margin.code], {"head": head})
    params = {"margin": format_value("points", margin, lang)}
    if change == 0:
        text = head + _fill(words["same_end"], params)
    elif abs(change) > margin:
        text = head + _fill(words["real"], params)
    else:
        text = head + _fill(words["chance"], params)
    values = result.values
    fewest = min(values["promoters_before"] + values["passives_before"] + values["detractors_before"],
                 values["promoters_after"] + values["passives_after"] + values["detractors_after"])
    if fewest < FEW_ANSWERS:
        return text + _fill(words["few"], {"n": format_value("count", fewest, lang)})
    return text + words["note"]



# --- the chart: NPS before and after, and the change against its margin ---------------------------------------------

_CHART_TEXT = {
    "ru": {
        "title": "NPS до и после и изменение против его погрешности",
        "before": "NPS до", "after": "NPS после", "change": "Изменение",
        "real": "Изменение больше погрешности: похоже на настоящее",
        "chance": "Изменение в пределах погрешности: может быть случайным",
        "same": "NPS не изменился",
        "margin": "Погрешность изменения: ±{m}",
        "a_margin": "Погрешность в сценарии {a}: ±{m}",
        "desc": "NPS до — {before}, после — {after}, изменение {change} при погрешности ±{margin}. ",
    },
    "en": {
        "title": "NPS before and after, and the change against its margin of error",
        "before": "NPS before", "after": "NPS after", "change": "Change",
        "real": "The change is larger than its margin: it looks real",
        "chance": "The change is within its margin: it may be chance",
        "same": "NPS did not change",
        "margin": "Margin of the change: ±{m}",
        "a_margin": "Margin in scenario {a}: ±{m}",
        "desc": "NPS before {before}, after {after}, a change of {change} with a margin of ±{margin}. ",
    },
}


def _nps_figures(result):
    """NPS before, after, the change and its margin, when all four are numbers; else None."""
    for name in _ALL:
        if name in result.errors:
            return None
    out = result.outputs
    f = {"before": out["nps_before"], "after": out["nps_after"], "change": out["change"],
         "margin": out["margin_change"]}
    if not drawable((f["before"], f["after"], f["change"], f["margin"])):
        return None
    if f["change"] == 0:
        f["state"] = "same"
    else:
        f["state"] = "real" if abs(f["change"]) > f["margin"] else "chance"
    return f


def _signed_points(value, lang):
    text = format_value("points", value, lang)
    return "+" + text if value > 0 else text


def _nps_rows(f, lang):
    words = _CHART_TEXT[lang]
    return [
        {"key": "before", "label": words["before"], "end": f["before"], "text": _signed_points(f["before"], lang),
         "cls": "chart-bar-other"},
        {"key": "after", "label": words["after"], "end": f["after"], "text": _signed_points(f["after"], lang),
         "cls": "chart-bar-other"},
        {"key": "change", "label": words["change"], "end": f["change"], "text": _signed_points(f["change"], lang),
         "cls": "chart-negative" if f["change"] < 0 else ""},
    ]


def _nps_margin_at(f):
    """Where the margin line stands: on the side the change went (right when there is none)."""
    return -f["margin"] if f["change"] < 0 else f["margin"]


def _nps_desc(f, lang):
    words = _CHART_TEXT[lang]
    params = {"before": _signed_points(f["before"], lang), "after": _signed_points(f["after"], lang),
              "change": _signed_points(f["change"], lang), "margin": format_value("points", f["margin"], lang)}
    return _fill(words["desc"], params) + words[f["state"]] + "."


def nps_chart(result, pinned=None, names=None):
    """Three bars in points: NPS before, NPS after, and the change, with the change's margin of error as a
    dashed line on the side the change went: a change bar past the line is larger than chance would give.
    With ``pinned``, A's bars hollow under B's and A's margin dash-dotted.  None when a figure is missing
    (an invalid field, a survey with no answers or with every answer alike)."""
    f = _nps_figures(result)
    if f is None:
        return None
    lang = result.lang
    words = _CHART_TEXT[lang]
    rows = _nps_rows(f, lang)
    margin = format_value("points", f["margin"], lang)
    mark = {"key": "margin", "value": _nps_margin_at(f), "legend": words["margin"].replace("{m}", margin)}
    desc = _nps_desc(f, lang)
    a = bar_pinned(result, pinned, _nps_figures)
    body = []
    y = 6
    if a is not None:
        bar_beside(rows, _nps_rows(a, lang))
        mark["a_value"] = _nps_margin_at(a)
        mark["a_legend"] = words["a_margin"].replace("{m}", format_value("points", a["margin"], lang)).replace(
            "{a}", bar_letter(lang))
        y = bar_legend(y, lang, names, body) + 2
        desc = bar_desc(lang, names, desc, _nps_desc(a, lang))
    y = bar_heading(y + 15, words[f["state"]], body)
    y = bar_panel(y, rows, (mark,), body, bar_letter(lang))
    return bars_svg("nps", y, words["title"], desc, body)

def _count(name, label, default, help=None):
    return Input(name, "count", label, {"ru": default, "en": default}, integer=True, help=help)


_BEFORE = ("promoters_before", "passives_before", "detractors_before")
_AFTER = ("promoters_after", "passives_after", "detractors_after")

CALCULATOR = Calculator(
    name="nps_change",
    order=90,
    title={"ru": "Изменился ли NPS на самом деле", "en": "Did NPS really change?"},
    summary={
        "ru": "Два опроса «порекомендуете ли вы нас?» — до и после — и погрешность каждого: больше ли разница "
              "между ними, чем может дать случайность, и сколько ответов нужно, чтобы это понять.",
        "en": "Two “would you recommend us?” surveys, before and after, with the margin of error of each: is "
              "the difference between them larger than chance could give, and how many answers it takes to "
              "tell.",
    },
    inputs=[
        _count("promoters_before", {"ru": "До: промоутеры (9–10 баллов)", "en": "Before: promoters (9–10)"}, 200,
               {"ru": "Сколько человек поставили 9 или 10 в первом опросе.",
                "en": "How many people answered 9 or 10 in the first survey."}),
        _count("passives_before", {"ru": "До: нейтральные (7–8)", "en": "Before: passives (7–8)"}, 100),
        _count("detractors_before", {"ru": "До: критики (0–6)", "en": "Before: detractors (0–6)"}, 100),
        _count("promoters_after", {"ru": "После: промоутеры (9–10 баллов)", "en": "After: promoters (9–10)"}, 230,
               {"ru": "То же во втором опросе — после изменения, которое вы проверяете.",
                "en": "The same in the second survey, after the change you are checking."}),
        _count("passives_after", {"ru": "После: нейтральные (7–8)", "en": "After: passives (7–8)"}, 90),
        _count("detractors_after", {"ru": "После: критики (0–6)", "en": "After: detractors (0–6)"}, 80),
    ],
    outputs=[
        Output("nps_before", "points", {"ru": "NPS до", "en": "NPS before"}, _BEFORE,
               formula={"ru": "100 × (p − d), где p и d — доли промоутеров и критиков среди n ответов",
                        "en": "100 × (p − d), where p and d are the shares of promoters and detractors among "
                              "the n answers"},
               expression="100 * (promoters_before - detractors_before) / (promoters_before + passives_before + detractors_before)"),
        Output("nps_after", "points", {"ru": "NPS после", "en": "NPS after"}, _AFTER,
               formula={"ru": "100 × (p − d) во втором опросе", "en": "100 × (p − d) in the second survey"},
               expression="100 * (promoters_after - detractors_after) / (promoters_after + passives_after + detractors_after)"),
        Output("margin_before", "points", {"ru": "Погрешность NPS до", "en": "Margin of error of NPS before"},
               _BEFORE,
               formula={"ru": "1,96 × SE, SE = 100 × √(v ÷ n), v = p + d − (p − d)²: 95 % ответов, которые "
                              "мог бы дать другой такой же опрос, легли бы в этот коридор",
                        "en": "1.96 × SE, SE = 100 × √(v ÷ n), v = p + d − (p − d)²: the 95% band another "
                              "survey of the same size would fall in"},
               expression="196 * sqrt(((promoters_before + detractors_before) / (n := promoters_before + passives_before + detractors_before) - ((promoters_before - detractors_before) / n) ** 2) / n)"),
        Output("margin_after", "points", {"ru": "Погрешность NPS после", "en": "Margin of error of NPS after"},
               _AFTER,
               formula={"ru": "1,96 × SE во втором опросе", "en": "1.96 × SE in the second survey"},
               expression="196 * sqrt(((promoters_after + detractors_after) / (n := promoters_after + passives_after + detractors_after) - ((promoters_after - detractors_after) / n) ** 2) / n)"),
        Output("change", "points", {"ru": "Изменение NPS", "en": "Change in NPS"}, _BEFORE + _AFTER,
               formula={"ru": "NPS после − NPS до", "en": "NPS after − NPS before"},
               expression="nps_after - nps_before"),
        Output("margin_change", "points", {"ru": "Погрешность изменения", "en": "Margin of error of the change"},
               _BEFORE + _AFTER,
               formula={"ru": "1,96 × √(SE до² + SE после²): опросы независимы",
                        "en": "1.96 × √(SE before² + SE after²): the surveys are independent"},
               expression="sqrt(margin_before ** 2 + margin_after ** 2)"),
        Output("respondents_needed", "count",
               {"ru": "Ответов для погрешности ±5 пунктов", "en": "Answers for a ±5-point margin"}, _AFTER,
               formula={"ru": "⌈1,96² × 10⁴ × v ÷ 5²⌉ при долях второго опроса",
                        "en": "⌈1.96² × 10⁴ × v ÷ 5²⌉ at the shares of the second survey"},
               expression="ceil(1.96 ** 2 * 10000 * ((promoters_after + detractors_after) / (n := promoters_after + passives_after + detractors_after) - ((promoters_after - detractors_after) / n) ** 2) / 5 ** 2)"),
    ],
    compute=compute,
    chart=nps_chart,
    verdict=nps_verdict,
    reasons={
        "no_answers_before": {"ru": "Нет данных: в опросе «до» нет ни одного ответа.",
                              "en": "Not available: the “before” survey has no answers."},
        "no_answers_after": {"ru": "Нет данных: в опросе «после» нет ни одного ответа.",
                             "en": "Not available: the “after” survey has no answers."},
        "all_alike_before": {"ru": "Нет данных: все ответы в опросе «до» одинаковые — разброса нет, и формула "
                                   "дала бы погрешность 0, которой на деле нет.",
                             "en": "Not available: every answer in the “before” survey is the same, so the "
                                   "formula would give a margin of 0 that is not really there."},
        "all_alike_after": {"ru": "Нет данных: все ответы в опросе «после» одинаковые — разброса нет, и формула "
                                  "дала бы погрешность 0, которой на деле нет.",
                            "en": "Not available: every answer in the “after” survey is the same, so the "
                                  "formula would give a margin of 0 that is not really there."},
    },
    notes={
        "ru": [
            "Каждый опрос — случайная выборка из ваших клиентов; опросы независимы (разные люди или разное время).",
            "Погрешность считается по нормальному приближению: ему нужно хотя бы несколько десятков ответов в "
            "каждом опросе, иначе вывод ненадёжен.",
            "Погрешность учитывает только случайность выборки. Кто ответил, а кто промолчал, как задан вопрос и "
            "когда его задали — не учтено, и это часто важнее.",
            "Уровень доверия — 95 %: примерно в одном сравнении из двадцати случайная разница покажется "
            "настоящей.",
        ],
        "en": [
            "Each survey is a random sample of your customers, and the two are independent (different people or "
            "a different time).",
            "The margin uses the normal approximation, which needs a few dozen answers in each survey; with "
            "fewer the verdict is unreliable.",
            "The margin covers only the luck of the sample. Who answered and who stayed silent, how and when the "
            "question was asked are not counted, and they often matter more.",
            "The confidence level is 95%: in about one comparison in twenty a chance difference will look real.",
        ],
    },
    presets={
        "coffee_cards": {
            "title": {"ru": "Кофейня: 40 анкет до и после новой карты лояльности",
                      "en": "A coffee shop: 40 cards before and after a new loyalty card"},
            "values": {"promoters_before": 18, "passives_before": 12, "detractors_before": 10,
                "promoters_after": 24, "passives_after": 9, "detractors_after": 7},
        },
        "delivery_returns": {
            "title": {"ru": "Доставка: новый порядок возврата, 600 ответов в каждом опросе",
                      "en": "A delivery service: new returns rules, 600 answers in each survey"},
            "values": {"promoters_before": 210, "passives_before": 180, "detractors_before": 210,
                "promoters_after": 270, "passives_after": 180, "detractors_after": 150},
        },
        "bank_quarter": {
            "title": {"ru": "Банк: квартал к кварталу, 2 000 ответов", "en": "A bank: quarter on quarter, 2,000 answers"},
            "values": {"promoters_before": 900, "passives_before": 600, "detractors_before": 500,
                "promoters_after": 930, "passives_after": 590, "detractors_after": 480},
        },
        "all_fives": {
            "title": {"ru": "Новая услуга: 12 ответов, все — промоутеры",
                      "en": "A new service: 12 answers, all promoters"},
            "values": {"promoters_before": 35, "passives_before": 10, "detractors_before": 5,
                "promoters_after": 12, "passives_after": 0, "detractors_after": 0},
        },
    },
)
