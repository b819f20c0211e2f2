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
from .core import Unavailable
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


def _named(label, suffix, width):
    """``label`` fitted so that ``label + suffix`` fits ``width`` (the suffix is never cut)."""
    return _fit(label, width - _text_width(suffix)) + suffix


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
