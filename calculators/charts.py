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


# --- acquisition_vs_retention: CLV across retention rates -----------------------------------------------------

CLV_RATES = (0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 99)

_CLV_TEXT = {
    "ru": {
        "title": " при разном удержании",
        "rises": "{label} растёт с {first} при удержании {zero} до {last} при {top}; при ваших {rate} — {current}.",
        "falls": "{label} снижается с {first} при удержании {zero} до {last} при {top}: маржа после удержания "
                 "отрицательна, и каждый лишний год добавляет убыток; при ваших {rate} — {current}.",
        "flat": "{label} равна {current} при любом удержании: маржа после удержания равна нулю.",
    },
    "en": {
        "title": " across retention rates",
        "rises": "{label} rises from {first} at {zero} retention to {last} at {top}; at your {rate} it is {current}.",
        "falls": "{label} falls from {first} at {zero} retention to {last} at {top}: the margin after retention "
                 "cost is negative, so every extra year adds a loss; at your {rate} it is {current}.",
        "flat": "{label} is {current} at any retention rate: the margin after retention cost is zero.",
    },
}


def _fill(template, params):
    for key in params:
        template = template.replace("{" + key + "}", params[key])
    return template


def clv_by_retention(result):
    """CLV at retention rates 0–95 % and 99 %, the current rate marked with a dot and its value."""
    if not _usable(result, ("clv", "net_annual_margin"), ("retention_rate_pct", "discount_rate_pct")):
        return None
    from .acquisition_vs_retention import clv

    lang = result.lang
    words = _CLV_TEXT[lang]
    net = result.outputs["net_annual_margin"]
    current = result.outputs["clv"]
    rate = result.values["retention_rate_pct"]
    discount = result.values["discount_rate_pct"] / 100
    points = []
    for step in CLV_RATES:
        if step == rate:
            continue
        points.append((float(step), clv(net, step / 100, discount)))
    points.append((rate, current))
    points.sort(key=lambda point: point[0])

    height = 280
    left, right, top, bottom = 14.0, WIDTH - 16.0, 44.0, height - 50.0
    low, high, ticks = _scale([p[1] for p in points])
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
    coordinates = " ".join(_n(x_of(p[0])) + "," + _n(y_of(p[1])) for p in points)
    body.append('<polyline class="chart-line" points="' + coordinates
                + '" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>')
    cx, cy = x_of(rate), y_of(current)
    body.append(_line(cx, bottom, cx, cy, "chart-guide", ' stroke-width="1" stroke-dasharray="3 3"'))
    body.append('<circle class="chart-marker" cx="' + _n(cx) + '" cy="' + _n(cy) + '" r="5" data-x="'
                + _plain(rate) + '" data-y="' + _plain(current) + '" fill="currentColor" stroke="none"/>')
    label = format_value("pct", rate, lang) + ": " + _money(current, result)
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


def funnel(result):
    """Horizontal bars for people reached, leads and customers, with counts and each stage's rate."""
    names = ("visitors", "lead_rate_pct", "sale_rate_pct")
    if not _usable(result, ("leads", "customers"), names):
        return None
    visitors = result.values["visitors"]
    if not visitors > 0:
        return None
    lang = result.lang
    words = _FUNNEL_TEXT[lang]
    calculator = result.calculator
    stages = [
        (calculator.input_by_name["visitors"].label[lang], visitors, None),
        (calculator.output_by_key["leads"].label[lang], result.outputs["leads"], result.values["lead_rate_pct"]),
        (calculator.output_by_key["customers"].label[lang], result.outputs["customers"],
         result.values["sale_rate_pct"]),
    ]
    row = 58
    top = 8
    height = top + row * len(stages) + 4
    left = 4.0
    span = WIDTH * 0.58
    body = []
    parts = []
    for index, (label, count, rate) in enumerate(stages):
        y = top + index * row
        width = span * count / visitors
        if count > 0 and width < 2:
            width = 2.0
        shown = format_value("count", count, lang)
        value = shown
        if rate is not None:
            value += " · " + format_value("pct", rate, lang)
        body.append(_text(left, y + 14, label, "chart-label"))
        body.append('<rect class="chart-bar chart-bar-' + str(index + 1) + '" x="' + _n(left) + '" y="'
                    + _n(y + 22) + '" width="' + _n(width) + '" height="24" rx="2" data-value="'
                    + _plain(count) + '" fill="currentColor" stroke="none"/>')
        body.append(_text(left + width + 8, y + 39, value, "chart-value", "start", ' font-weight="bold"'))
        part = label + ": " + shown
        if rate is not None:
            part += " (" + format_value("pct", rate, lang) + words["of_previous"] + ")"
        parts.append(part)
    overall = result.outputs.get("conversion_pct")
    if not _is_number(overall):
        overall = result.values["lead_rate_pct"] * result.values["sale_rate_pct"] / 100
    desc = " → ".join(parts) + ". " + words["overall"].replace(
        "{pct}", format_value("pct", overall, lang, None, 2 if overall != int(overall) else 0))
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
    },
}


def referral_payback(result):
    """Cumulative margin of the incremental customers over 12 months against the total cost."""
    names = ("average_order", "gross_margin_pct", "orders_per_year")
    if not _usable(result, ("incremental_customers", "total_cost"), names):
        return None
    lang = result.lang
    words = _REFERRAL_TEXT[lang]
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

    height = 300
    left, right, top, bottom = 14.0, WIDTH - 16.0, 66.0, height - 50.0
    low, high, ticks = _scale(cumulative + [cost])
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
    # Legend: what the line and the dashed line are.
    cost_label = result.calculator.output_by_key["total_cost"].label[lang] + ": " + _money(cost, result)
    body.append(_line(left, 13, left + 22, 13, "chart-margin chart-legend", ' stroke-width="2"'))
    body.append(_text(left + 30, 18, words["margin"], "chart-label chart-axis-title"))
    body.append(_line(left, 37, left + 22, 37, "chart-cost chart-legend",
                      ' stroke-width="2" stroke-dasharray="6 4"'))
    body.append(_text(left + 30, 42, cost_label, "chart-label chart-cost-label"))
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
        if mx - left >= _text_width(label) + 12:
            body.append(_text(mx - 9, _within(my - 10, top, bottom), label, "chart-label chart-value", "end",
                              ' font-weight="bold"'))
        else:
            body.append(_text(mx + 9, _within(my + 20, top, bottom), label, "chart-label chart-value", "start",
                              ' font-weight="bold"'))
    desc = words["desc"].replace("{margin}", _money(cumulative[12], result)).replace(
        "{cost}", _money(cost, result))
    if month is not None:
        desc += words["pays_back"].replace("{n}", str(month))
    else:
        desc += words["never"]
    return _svg("referral", height, words["title"], desc, body)
