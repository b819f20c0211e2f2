"""SVG charts drawn from a calculator's :class:`~calculators.core.Result`, in its language and currency.

The same code draws them at build time (CPython) and live in the page (MicroPython), so it uses only
plain arithmetic, our own number formatting and string concatenation.  Each chart function takes a
Result and returns SVG text, or None when the data make no chart (an output unavailable, an input
invalid, nothing to scale).

The SVG carries no colours: strokes and fills default to ``currentColor`` and every part has a class
(``chart-line``, ``chart-marker``, ``chart-bar``, ``chart-axis``, ``chart-grid``, ``chart-cost``,
``chart-margin``, ``chart-label``, ``chart-value``) for the stylesheet, so light and dark palettes
both work.  It scales with its container (``viewBox``, ``width="100%"``) and has ``role="img"``, a
``<title>`` and a ``<desc>`` that says in words what the chart shows.
"""

import math

from . import catalog
from .core import Unavailable, format_value
from .numbers import format_money, format_plain, round_half_away

WIDTH = 440
FONT_SIZE = 14


# --- text and numbers in SVG ----------------------------------------------------------------------------

def escape(text):
    """``text`` safe inside XML character data and attribute values.

    Escapes ``& < > " '`` and drops the control characters XML 1.0 does not allow.
    """
    text = str(text)
    out = []
    for ch in text:
        if ch == "&":
            out.append("&amp;")
        elif ch == "<":
            out.append("&lt;")
        elif ch == ">":
            out.append("&gt;")
        elif ch == '"':
            out.append("&quot;")
        elif ch == "'":
            out.append("&#39;")
        else:
            code = ord(ch)
            if code < 32 and ch not in "\t\n\r":
                continue
            if code in (0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
                continue
            out.append(ch)
    return "".join(out)


def _n(value):
    """A coordinate with at most one decimal, the same text on every runtime."""
    units = round_half_away(value, 1)
    sign = "-" if units < 0 else ""
    units = abs(units)
    text = str(units // 10)
    if units % 10:
        text += "." + str(units % 10)
    return sign + text


def _plain(value):
    """A data attribute value: the number as a JSON number would write it."""
    return format_plain(value)


def _is_number(value):
    return value is not None and not isinstance(value, Unavailable)


def _usable(result, outputs, inputs):
    """True when every named output is a number and none of the named inputs is invalid."""
    for key in outputs:
        if not _is_number(result.outputs.get(key)):
            return False
    for name in inputs:
        if name in result.errors:
            return False
    return True


def _money(value, result):
    """Money as the chart's labels show it: whole units from 100 up, cents below."""
    return format_money(value, result.lang, result.currency, 0 if abs(value) >= 100 else 2)


def _text(x, y, content, cls="chart-label", anchor="start", extra=""):
    return ('<text class="' + cls + '" x="' + _n(x) + '" y="' + _n(y) + '" text-anchor="' + anchor
            + '" fill="currentColor" stroke="none"' + extra + '>' + escape(content) + "</text>")


def _line(x1, y1, x2, y2, cls, extra=""):
    return ('<line class="' + cls + '" x1="' + _n(x1) + '" y1="' + _n(y1) + '" x2="' + _n(x2) + '" y2="'
            + _n(y2) + '" stroke="currentColor"' + extra + "/>")


def _svg(kind, height, title, desc, body):
    return ('<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-' + kind + '" viewBox="0 0 '
            + str(WIDTH) + " " + str(height) + '" width="100%" role="img" focusable="false" font-size="'
            + str(FONT_SIZE) + '"><title>' + escape(title) + "</title><desc>" + escape(desc) + "</desc>"
            + "".join(body) + "</svg>")


def _text_width(text):
    """A generous estimate of a label's width in user units, to keep it inside the chart."""
    return len(text) * FONT_SIZE * 0.6


def _within(y, top, bottom):
    """A text baseline kept between the plot's top and bottom."""
    if y < top + FONT_SIZE:
        return top + FONT_SIZE
    if y > bottom - 4:
        return bottom - 4
    return y


def _nice_step(span, count):
    """A step of 1, 2, 2.5 or 5 × 10**k that cuts ``span`` into at most ``count`` parts."""
    raw = span / count
    if not raw > 0:
        return 1.0
    power = 1.0
    guard = 0
    while power * 10 <= raw and guard < 400:
        power *= 10
        guard += 1
    while power > raw and guard < 800:
        power /= 10
        guard += 1
    for multiple in (1, 2, 2.5, 5, 10):
        if multiple * power >= raw:
            return multiple * power
    return 10 * power


def _scale(values, count=4):
    """(low, high, ticks) covering ``values`` and zero with round tick values."""
    low = min(0.0, min(values))
    high = max(0.0, max(values))
    if high == low:
        high = low + 1.0
    step = _nice_step(high - low, count)
    first = int(math.floor(low / step))
    last = int(math.ceil(high / step))
    if last == first:
        last = first + 1
    ticks = [i * step for i in range(first, last + 1)]
    return ticks[0], ticks[-1], ticks


def _tick_money(value, step, result):
    whole = step >= 1 and step == int(step)
    return format_money(value, result.lang, result.currency, 0 if whole else 2)


# --- A beside B -------------------------------------------------------------------------------------------------
#
# With a pinned scenario A (``pinned``, a Result in the same language), a chart draws A beside the current
# scenario B: A's parts carry the class ``chart-a`` and one of their own (``chart-a-line``, ``chart-a-bar``,
# ``chart-a-marker``, ``chart-a-margin``, ``chart-a-cost``, ``chart-a-target``), are dashed or hollow where
# B's are solid, so that they differ without colour, and a legend names both scenarios (``names``: A's and
# B's, "" for none).

class _FromCatalog:
    """``X[lang]``: a value picked from the language's catalog (calculators/catalog.py)."""

    def __init__(self, pick):
        self.pick = pick

    def __getitem__(self, lang):
        return self.pick(catalog.get(lang)["calculator"])


_LETTERS = _FromCatalog(lambda texts: (texts["a"], texts["b"]))  # the scenarios' letters: А, Б / A, B
_SCENARIO = _FromCatalog(lambda texts: texts["chart_scenario"])  # "Scenario {label}: "


def _beside(result, pinned, usable):
    """``pinned`` when it can be drawn beside ``result``, else None."""
    if pinned is None or pinned.lang != result.lang or not usable(pinned):
        return None
    return pinned


def _labels(lang, names):
    """(A's, B's) legend labels: the letter, and the name after it (``А · Кофейня``)."""
    letters = _LETTERS[lang]
    if names is None:
        names = ("", "")
    return tuple(letters[i] + (" · " + names[i] if names[i] else "") for i in (0, 1))


def _fit(text, width):
    """``text`` cut (with …) to fit ``width`` user units by :func:`_text_width`'s estimate."""
    most = int(width / (FONT_SIZE * 0.6))
    if len(text) <= most:
        return text
    return text[:max(1, most - 1)].rstrip() + "…"


def _legend_line(x, y, cls, extra, text, width):
    """A legend entry: a short sample of a line, and its text after it, fitted into ``width``."""
    return [_line(x, y - 5, x + 22, y - 5, cls + " chart-legend", extra),
            _text(x + 30, y, _fit(text, width - 30), "chart-label chart-legend-text")]


# --- acquisition_vs_retention: CLV across retention rates -----------------------------------------------------

CLV_RATES = (0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 99)

_CLV_TEXT = {
    "ru": {
        "title": " при разном удержании",
        "rises": "{label} растёт с {first} при удержании {zero} до {last} при {top}; при ваших {rate} — {current}.",
        "falls": "{label} снижается с {first} при удержании {zero} до {last} при {top}: маржа после удержания "
                 "отрицательна, и каждый лишний год добавляет убыток; при ваших {rate} — {current}.",
        "flat": "{label} равна {current} при любом удержании: маржа после удержания равна нулю.",
        "pinned": "при удержании {rate} — {current}.",
    },
    "en": {
        "title": " across retention rates",
        "rises": "{label} rises from {first} at {zero} retention to {last} at {top}; at your {rate} it is {current}.",
        "falls": "{label} falls from {first} at {zero} retention to {last} at {top}: the margin after retention "
                 "cost is negative, so every extra year adds a loss; at your {rate} it is {current}.",
        "flat": "{label} is {current} at any retention rate: the margin after retention cost is zero.",
        "pinned": "at {rate} retention it is {current}.",
    },
}


def _fill(template, params):
    for key in params:
        template = template.replace("{" + key + "}", params[key])
    return template


def _clv_usable(result):
    return _usable(result, ("clv", "net_annual_margin"), ("retention_rate_pct", "discount_rate_pct"))


def _clv_points(result):
    """(rate, CLV) at the grid's rates and the result's own, in order of rate."""
    from .acquisition_vs_retention import clv

    net = result.outputs["net_annual_margin"]
    rate = result.values["retention_rate_pct"]
    discount = result.values["discount_rate_pct"] / 100
    points = []
    for step in CLV_RATES:
        if step == rate:
            continue
        points.append((float(step), clv(net, step / 100, discount)))
    points.append((rate, result.outputs["clv"]))
    points.sort(key=lambda point: point[0])
    return points


def clv_by_retention(result, pinned=None, names=None):
    """CLV at retention rates 0–95 % and 99 %, the current rate marked with a dot and its value; with
    ``pinned``, A's curve dashed beside it, its rate marked with a ring."""
    if not _clv_usable(result):
        return None
    pinned = _beside(result, pinned, _clv_usable)
    lang = result.lang
    words = _CLV_TEXT[lang]
    net = result.outputs["net_annual_margin"]
    current = result.outputs["clv"]
    rate = result.values["retention_rate_pct"]
    points = _clv_points(result)
    a_points = _clv_points(pinned) if pinned is not None else []

    legend = 40 if pinned is not None else 0
    height = 280 + legend
    left, right, top, bottom = 14.0, WIDTH - 16.0, 44.0 + legend, height - 50.0
    low, high, ticks = _scale([p[1] for p in points + a_points])
    step = ticks[1] - ticks[0]

    def x_of(r):
        return left + (right - left) * r / 99

    def y_of(v):
        return top + (bottom - top) * (high - v) / (high - low)

    clv_label = result.calculator.output_by_key["clv"].label[lang]
    rate_label = result.calculator.input_by_name["retention_rate_pct"].label[lang]
    body = []
    for tick in ticks:
        y = y_of(tick)
        body.append(_line(left, y, right, y, "chart-grid" if tick != 0 else "chart-axis",
                          ' stroke-width="1"' + ('' if tick == 0 else ' stroke-opacity="0.25"')))
        body.append(_text(left + 2, y - 4, _tick_money(tick, step, result), "chart-label chart-tick"))
    for r in (0, 25, 50, 75, 99):
        x = x_of(r)
        body.append(_line(x, bottom, x, bottom + 5, "chart-axis", ' stroke-width="1"'))
        anchor = "start" if r == 0 else ("end" if r == 99 else "middle")
        body.append(_text(x, bottom + 20, format_value("pct", r, lang), "chart-label chart-tick", anchor))
    body.append(_text((left + right) / 2, height - 8, rate_label, "chart-label chart-axis-title", "middle"))
    body.append(_text(left, 18, clv_label, "chart-label chart-axis-title"))
    if pinned is not None:
        label_a, label_b = _labels(lang, names)
        body += _legend_line(left, 42, "chart-line", ' stroke-width="2"', label_b, right - left)
        body += _legend_line(left, 64, "chart-a-line chart-a", ' stroke-width="2" stroke-dasharray="5 4"', label_a,
                             right - left)
        coordinates = " ".join(_n(x_of(p[0])) + "," + _n(y_of(p[1])) for p in a_points)
        body.append('<polyline class="chart-a-line chart-a" points="' + coordinates + '" fill="none" '
                    'stroke="currentColor" stroke-width="2" stroke-dasharray="5 4" stroke-linejoin="round"/>')
    coordinates = " ".join(_n(x_of(p[0])) + "," + _n(y_of(p[1])) for p in points)
    body.append('<polyline class="chart-line" points="' + coordinates
                + '" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>')
    cx, cy = x_of(rate), y_of(current)
    body.append(_line(cx, bottom, cx, cy, "chart-guide", ' stroke-width="1" stroke-dasharray="3 3"'))
    if pinned is not None:
        a_rate, a_current = pinned.values["retention_rate_pct"], pinned.outputs["clv"]
        ax, ay = x_of(a_rate), y_of(a_current)
        body.append('<circle class="chart-a-marker chart-a" cx="' + _n(ax) + '" cy="' + _n(ay) + '" r="6" data-x="'
                    + _plain(a_rate) + '" data-y="' + _plain(a_current)
                    + '" fill="none" stroke="currentColor" stroke-width="2"/>')
        # its letter on the side away from B's value label (which is above the curve where it rises)
        body.append(_text(ax + 9, _within(ay + 20 if net >= 0 else ay - 10, top, bottom), _LETTERS[lang][0],
                          "chart-label chart-a-label chart-a", "start", ' font-weight="bold"'))
    body.append('<circle class="chart-marker" cx="' + _n(cx) + '" cy="' + _n(cy) + '" r="5" data-x="'
                + _plain(rate) + '" data-y="' + _plain(current) + '" fill="currentColor" stroke="none"/>')
    label = format_value("pct", rate, lang) + ": " + _money(current, result)
    if pinned is not None:
        label = _LETTERS[lang][1] + ", " + label
    # The curve rises to the right when the margin is positive (falls when negative): the label goes
    # where the curve is not, on the left if it fits there.
    fits_left = cx - left >= _text_width(label) + 12
    above = (net >= 0) == fits_left
    body.append(_text(cx - 9 if fits_left else cx + 9, _within(cy - 10 if above else cy + 20, top, bottom),
                      label, "chart-label chart-value", "end" if fits_left else "start", ' font-weight="bold"'))

    title = clv_label + words["title"]
    if net > 0:
        template = words["rises"]
    elif net < 0:
        template = words["falls"]
    else:
        template = words["flat"]
    desc = _fill(template, {
        "label": clv_label,
        "first": _money(points[0][1], result),
        "last": _money(points[-1][1], result),
        "rate": format_value("pct", rate, lang),
        "current": _money(current, result),
        "zero": format_value("pct", 0, lang),
        "top": format_value("pct", 99, lang),
    })
    if pinned is not None:
        label_a, label_b = _labels(lang, names)
        desc = _SCENARIO[lang].replace("{label}", label_b) + desc + " " + _SCENARIO[lang].replace(
            "{label}", label_a) + _fill(words["pinned"], {
                "rate": format_value("pct", pinned.values["retention_rate_pct"], lang),
                "current": _money(pinned.outputs["clv"], pinned)})
    return _svg("clv", height, title, desc, body)


# --- conversion_funnel: stage by stage ------------------------------------------------------------------------

_FUNNEL_TEXT = {
    "ru": {
        "title": "Воронка по этапам",
        "of_previous": " от предыдущего этапа",
        "overall": "Итоговая конверсия из охвата в покупку — {pct}.",
    },
    "en": {
        "title": "The funnel, stage by stage",
        "of_previous": " of the previous stage",
        "overall": "Overall conversion from reach to purchase: {pct}.",
    },
}


def _funnel_usable(result):
    if not _usable(result, ("leads", "customers"), ("visitors", "lead_rate_pct", "sale_rate_pct")):
        return False
    return result.values["visitors"] > 0


def _funnel_stages(result):
    """[(label, count, rate of the previous stage or None)] for reach, leads and customers."""
    lang = result.lang
    calculator = result.calculator
    return [
        (calculator.input_by_name["visitors"].label[lang], result.values["visitors"], None),
        (calculator.output_by_key["leads"].label[lang], result.outputs["leads"], result.values["lead_rate_pct"]),
        (calculator.output_by_key["customers"].label[lang], result.outputs["customers"],
         result.values["sale_rate_pct"]),
    ]


def _funnel_desc(result):
    words = _FUNNEL_TEXT[result.lang]
    parts = []
    for label, count, rate in _funnel_stages(result):
        part = label + ": " + format_value("count", count, result.lang)
        if rate is not None:
            part += " (" + format_value("pct", rate, result.lang) + words["of_previous"] + ")"
        parts.append(part)
    overall = result.outputs.get("conversion_pct")
    if not _is_number(overall):
        overall = result.values["lead_rate_pct"] * result.values["sale_rate_pct"] / 100
    return " → ".join(parts) + ". " + words["overall"].replace(
        "{pct}", format_value("pct", overall, result.lang, None, 2 if overall != int(overall) else 0))


def _bar_width(count, scale, span):
    width = span * count / scale
    if count > 0 and width < 2:
        width = 2.0
    return width


def _stage_value(count, rate, lang):
    value = format_value("count", count, lang)
    if rate is not None:
        value += " · " + format_value("pct", rate, lang)
    return value


def funnel(result, pinned=None, names=None):
    """Horizontal bars for people reached, leads and customers, with counts and each stage's rate; with
    ``pinned``, A's bar (hollow, dashed) under each of B's."""
    if not _funnel_usable(result):
        return None
    pinned = _beside(result, pinned, _funnel_usable)
    lang = result.lang
    words = _FUNNEL_TEXT[lang]
    stages = _funnel_stages(result)
    scale = result.values["visitors"]
    a_stages = None
    row = 58
    top = 8
    left = 4.0
    span = WIDTH * 0.58
    body = []
    if pinned is not None:
        a_stages = _funnel_stages(pinned)
        scale = max(scale, pinned.values["visitors"])
        row = 80
        top = 52
        label_a, label_b = _labels(lang, names)
        body.append('<rect class="chart-bar chart-legend" x="' + _n(left) + '" y="7" width="22" height="14" rx="2" '
                    'fill="currentColor" stroke="none"/>')
        body.append(_text(left + 30, 18, _fit(label_b, WIDTH - 34), "chart-label chart-legend-text"))
        body.append('<rect class="chart-a-bar chart-a chart-legend" x="' + _n(left + 1) + '" y="30" width="20" '
                    'height="12" rx="2" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="4 2"/>')
        body.append(_text(left + 30, 40, _fit(label_a, WIDTH - 34), "chart-label chart-legend-text"))
    height = top + row * len(stages) + 4
    for index, (label, count, rate) in enumerate(stages):
        y = top + index * row
        width = _bar_width(count, scale, span)
        value = _stage_value(count, rate, lang)
        body.append(_text(left, y + 14, label, "chart-label"))
        body.append('<rect class="chart-bar chart-bar-' + str(index + 1) + '" x="' + _n(left) + '" y="'
                    + _n(y + 22) + '" width="' + _n(width) + '" height="24" rx="2" data-value="'
                    + _plain(count) + '" fill="currentColor" stroke="none"/>')
        body.append(_text(left + width + 8, y + 39, value, "chart-value", "start", ' font-weight="bold"'))
        if a_stages is not None:
            a_count, a_rate = a_stages[index][1], a_stages[index][2]
            a_width = _bar_width(a_count, scale, span)
            body.append('<rect class="chart-a-bar chart-a" x="' + _n(left + 1) + '" y="' + _n(y + 51) + '" width="'
                        + _n(a_width) + '" height="14" rx="2" data-value="' + _plain(a_count)
                        + '" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="4 2"/>')
            body.append(_text(left + a_width + 8, y + 63, _LETTERS[lang][0] + ": " + _stage_value(a_count, a_rate, lang),
                              "chart-label chart-a-value chart-a"))
    desc = _funnel_desc(result)
    if pinned is not None:
        label_a, label_b = _labels(lang, names)
        desc = (_SCENARIO[lang].replace("{label}", label_b) + desc + " " + _SCENARIO[lang].replace("{label}", label_a)
                + _funnel_desc(pinned))
    return _svg("funnel", height, words["title"], desc, body)


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
    g = result.values["gross_margin_pct"] / 100
    monthly = incremental * result.values["average_order"] * g * result.values["orders_per_year"] / 12
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


def _named(label, suffix, width):
    """``label`` fitted so that ``label + suffix`` fits ``width`` (the suffix is never cut)."""
    return _fit(label, width - _text_width(suffix)) + suffix


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


# --- horizontal bars: labelled rows on one scale ------------------------------------------------------------------
#
# The calculators' own charts (customer_value, word_of_mouth, affiliate_commission, bonus_uptake) draw
# their rows with these helpers, in their own modules.  A row is a label (and its value, as shown, at
# the right), then a bar from ``start`` to ``end`` on the panel's scale; zero is a vertical axis, so a
# negative amount runs to the left of it.  A reference value (a margin, a break-even) is a dashed
# vertical line across the rows, named in a legend above them.  With a pinned scenario A, each row
# has A's bar too, hollow and dashed under B's, on the same scale, and A's value beside B's; A's
# reference is a dash-dot line.  These charts are narrower in user units than the others, so that
# their text stays readable on a phone: 15 units are 11 px in a 300 px column and 22 px at 600 px.

BAR_WIDTH = 400
BAR_FONT = 15
_BAR_LEFT = 4.0
_BAR_RIGHT = BAR_WIDTH - 6.0
_LINE = 19        # one line of text
_BAR = 18         # a bar's thickness
_A_BAR = 10       # A's bar under it
LIMIT = 1e300     # amounts beyond this (or not finite) are not drawn
_A_DASH = ' stroke-dasharray="4 2"'
_A_MARK_DASH = ' stroke-dasharray="8 3 2 3"'


def drawable(values):
    """True when every value is a finite number no larger than ±1e300 (the scale's span stays finite)."""
    for value in values:
        if not _is_number(value) or value != value or value > LIMIT or value < -LIMIT:
            return False
    return True


def bar_money(value, result):
    """Money as these charts label it: whole units from 100 up and for whole amounts, cents otherwise."""
    whole = abs(value) >= 100 or value == int(value)
    return format_money(value, result.lang, result.currency, 0 if whole else 2)


def _bar_text_width(text, bold=False):
    return len(text) * BAR_FONT * (0.62 if bold else 0.58)


def wrap(text, width, bold=False):
    """``text`` cut at spaces into lines no wider than ``width`` (estimated); a word longer than
    the width stays whole on its own line.  No-break spaces do not cut."""
    words = text.split(" ")
    lines = []
    line = ""
    for word in words:
        candidate = word if not line else line + " " + word
        if line and _bar_text_width(candidate, bold) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    return lines


def bar_fit(text, width):
    """``text`` cut (with …) to fit ``width`` user units of these charts' text."""
    most = int(width / (BAR_FONT * 0.58))
    if len(text) <= most:
        return text
    return text[:max(1, most - 1)].rstrip() + "…"


def bars_svg(kind, height, title, desc, body):
    """The ``<svg>`` of a bar chart: ``role="img"``, ``<title>`` and ``<desc>``, scaling with its box."""
    return ('<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-bars chart-' + kind + '" viewBox="0 0 '
            + str(BAR_WIDTH) + " " + str(int(math.ceil(height))) + '" width="100%" role="img" focusable="false"'
            + ' font-size="' + str(BAR_FONT) + '"><title>' + escape(title) + "</title><desc>" + escape(desc)
            + "</desc>" + "".join(body) + "</svg>")


def bar_heading(y, text, body, cls="chart-value chart-heading"):
    """A bold line (or lines) of text across the chart from baseline ``y``; returns the next free y."""
    for line in wrap(text, _BAR_RIGHT - _BAR_LEFT, True):
        body.append(_text(_BAR_LEFT, y, line, cls, "start", ' font-weight="bold"'))
        y += _LINE + 1
    return y - _LINE + 8


def bar_legend(y, lang, names, body):
    """The names of B (a solid bar) and A (a hollow, dashed one) from the top ``y``; returns the next free y."""
    label_a, label_b = _labels(lang, names)
    left = _BAR_LEFT
    width = _BAR_RIGHT - left - 30
    body.append('<rect class="chart-bar chart-legend" x="' + _n(left) + '" y="' + _n(y + 4) + '" width="22" height="12"'
                ' fill="currentColor" stroke="none"/>')
    body.append(_text(left + 30, y + BAR_FONT, bar_fit(label_b, width), "chart-label chart-legend-text"))
    y += _LINE + 3
    body.append('<rect class="chart-a-bar chart-a chart-legend" x="' + _n(left + 1) + '" y="' + _n(y + 5)
                + '" width="20" height="' + str(_A_BAR) + '" fill="none" stroke="currentColor" stroke-width="2"'
                + _A_DASH + '/>')
    body.append(_text(left + 30, y + BAR_FONT, bar_fit(label_a, width), "chart-label chart-legend-text"))
    return y + _LINE + 4


def bar_desc(lang, names, desc, pinned_desc):
    """The description with A beside B: B's sentence, then A's, each after its scenario's letter and name."""
    label_a, label_b = _labels(lang, names)
    return (_SCENARIO[lang].replace("{label}", label_b) + desc + " " + _SCENARIO[lang].replace("{label}", label_a)
            + pinned_desc)


def bar_pinned(result, pinned, figures):
    """A's figures (``figures(pinned)``) when A can be drawn beside B: the same language, and usable."""
    if pinned is None or pinned.lang != result.lang:
        return None
    return figures(pinned)


def _rect(cls, x, y, width, height, extra):
    return ('<rect class="' + cls + '" x="' + _n(x) + '" y="' + _n(y) + '" width="' + _n(width) + '" height="'
            + str(height) + '"' + extra + '/>')


def _extent(start, end, x_of):
    """(x, width) of a bar from ``start`` to ``end``: at least 1.5 units wide when they differ, towards ``end``."""
    x1, x2 = x_of(start), x_of(end)
    x, width = (x1, x2 - x1) if x2 >= x1 else (x2, x1 - x2)
    if start != end and width < 1.5:
        width = 1.5
        x = x1 if end >= start else x1 - width
    return x, width


def bar_panel(y, rows, marks, body, letter=None):
    """Rows of horizontal bars on one scale, from ``y`` down; appends to ``body``, returns the next free y.

    ``rows``: dicts with ``key`` (``data-row``), ``label``, ``text`` (the value as shown), ``end`` and
    optionally ``start`` (0), ``cls`` (classes after ``chart-bar``), ``link`` (a dashed connector from
    the previous row's end: a waterfall's step), ``limit`` (the part of the bar beyond it is drawn
    again over it as ``chart-excess``: a commission above the margin), ``a`` (A's ``start``, ``end``
    and ``text``, with ``letter`` A's letter: a hollow dashed bar under B's).  ``marks``: dicts with
    ``key``, ``value``, ``legend`` and optionally ``a_value`` and ``a_legend``: dashed vertical lines
    across the rows (A's dash-dot), named in a legend above them.  Every number must pass
    :func:`drawable`.  Bars go first, then the lines, then the text (which the stylesheet gives a halo,
    so a line behind a label does not cross it).
    """
    values = [0.0]
    for row in rows:
        values.append(row.get("start", 0.0))
        values.append(row["end"])
        if row.get("a") is not None:
            values.append(row["a"].get("start", 0.0))
            values.append(row["a"]["end"])
    for mark in marks:
        values.append(mark["value"])
        if mark.get("a_value") is not None:
            values.append(mark["a_value"])
    low, high = min(values), max(values)
    if high == low:
        high = low + 1.0
    span = high - low
    left, right = _BAR_LEFT, _BAR_RIGHT

    def x_of(value):
        return left + (right - left) * (value - low) / span

    shapes = []
    texts = []
    for mark in marks:
        legends = [("chart-cost chart-legend", ' stroke-width="2" stroke-dasharray="6 4"', mark["legend"])]
        if mark.get("a_value") is not None:
            legends.append(("chart-a-cost chart-a chart-legend", ' stroke-width="2"' + _A_MARK_DASH, mark["a_legend"]))
        for cls, dash, legend in legends:
            y += BAR_FONT
            shapes.append(_line(left, y - 5, left + 22, y - 5, cls, dash))
            for index, line in enumerate(wrap(legend, right - left - 30)):
                texts.append(_text(left + 30, y + index * _LINE, line, "chart-label chart-legend-label"))
                if index:
                    y += _LINE
            y += 6
    first_top = None
    previous_end = 0.0
    last_bottom = y
    for row in rows:
        label, text = row["label"], row["text"]
        a = row.get("a")
        a_text = None
        values_width = _bar_text_width(text, True)
        if a is not None:
            a_text = letter + ": " + a["text"]
            values_width += _bar_text_width(a_text) + 12
        room = right - left - values_width - 12
        together = room >= (right - left) * 0.4
        lines = wrap(label, room if together else right - left)
        y += BAR_FONT
        for index, line in enumerate(lines):
            texts.append(_text(left, y + index * _LINE, line, "chart-label chart-row-label"))
        value_y = y if together else y + len(lines) * _LINE
        texts.append(_text(right, value_y, text, "chart-value", "end", ' font-weight="bold"'))
        if a_text is not None:
            texts.append(_text(right - _bar_text_width(text, True) - 12, value_y, a_text,
                               "chart-label chart-a-value chart-a", "end"))
        y = max(y + (len(lines) - 1) * _LINE, value_y) + 7
        start = row.get("start", 0.0)
        end = row["end"]
        x, width = _extent(start, end, x_of)
        if row.get("link") and first_top is not None:
            xl = x_of(previous_end)
            shapes.append(_line(xl, last_bottom, xl, y, "chart-guide", ' stroke-width="1" stroke-dasharray="2 2"'))
        shapes.append(_rect("chart-bar" + (" " + row["cls"] if row.get("cls") else ""), x, y, width, _BAR,
                            ' data-row="' + escape(row["key"]) + '" data-value="' + _plain(end - start)
                            + '" fill="currentColor" stroke="none"'))
        limit = row.get("limit")
        if limit is not None and end > limit >= start:
            xe = x_of(limit)
            shapes.append(_rect("chart-bar chart-negative chart-excess", xe, y, x + width - xe, _BAR,
                                ' data-excess="' + _plain(end - limit) + '" fill="currentColor" stroke="none"'))
        if first_top is None:
            first_top = y
        previous_end = end
        y += _BAR
        if a is not None:
            a_start = a.get("start", 0.0)
            ax, a_width = _extent(a_start, a["end"], x_of)
            # the outline is drawn inside the bar's extent, so a bar at the edge is not cut
            shapes.append(_rect("chart-a-bar chart-a", ax + 1, y + 3, max(0.0, a_width - 2), _A_BAR,
                                ' data-row="' + escape(row["key"]) + '" data-value="' + _plain(a["end"] - a_start)
                                + '" fill="none" stroke="currentColor" stroke-width="2"' + _A_DASH))
            y += 3 + _A_BAR + 1
        last_bottom = y
        y += 6
    zero = x_of(0.0)
    shapes.append(_line(zero, first_top - 4, zero, last_bottom + 4, "chart-axis chart-zero", ' stroke-width="1.5"'))
    if low < 0:
        anchor = "start" if zero - left < 8 else ("end" if right - zero < 8 else "middle")
        texts.append(_text(zero, last_bottom + 4 + BAR_FONT, "0", "chart-label chart-tick", anchor))
        y = last_bottom + 4 + BAR_FONT + 4
    for mark in marks:
        lines = [("chart-cost chart-mark", mark["value"], ' stroke-dasharray="6 4"')]
        if mark.get("a_value") is not None:
            lines.append(("chart-a-cost chart-a chart-mark", mark["a_value"], _A_MARK_DASH))
        for cls, value, dash in lines:
            xm = x_of(value)
            shapes.append('<line class="' + cls + '" x1="' + _n(xm) + '" y1="' + _n(first_top - 6) + '" x2="'
                          + _n(xm) + '" y2="' + _n(last_bottom + 6) + '" data-mark="' + escape(mark["key"])
                          + '" data-value="' + _plain(value) + '" stroke="currentColor" stroke-width="2"' + dash + '/>')
    body.append('<g class="chart-panel">')
    body.extend(shapes)
    body.extend(texts)
    body.append("</g>")
    return max(y, last_bottom + 6)


def bar_letter(lang):
    """A's letter in ``lang``: А or A."""
    return _LETTERS[lang][0]


def bar_beside(rows, a_rows):
    """``rows`` with A's start, end and text from ``a_rows`` (matched by ``key``) under ``a``."""
    by_key = {}
    for row in a_rows:
        by_key[row["key"]] = row
    for row in rows:
        a = by_key.get(row["key"])
        if a is not None:
            row["a"] = {"start": a.get("start", 0.0), "end": a["end"], "text": a["text"]}
    return rows
