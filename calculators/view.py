"""What a calculator shows, as plain data: the one description both the build and the live page draw.

The build renders :func:`view` through ``overrides/partials/calculator.html``; the page
(``calculators/web.py``) writes the same texts into the DOM.  So the built page and the live page show
identical text for the same inputs.
"""

from . import catalog
from .core import Unavailable, evaluate, format_value, unit_label
from .numbers import CURRENCY_SYMBOLS, NBSP, exact_fraction, format_number, format_plain, round_half_away
from .numbers import format_field
from .scenario import NAME_LENGTH, default_name

def input_text(value, lang="ru"):
    """A number as it is put into a text field: grouped as the page writes numbers (``600 000``,
    ``600,000``), every digit kept, read back to the same number (:func:`numbers.format_field`)."""
    return format_field(value, lang)


def unit_of(spec, currency, lang="ru"):
    """The unit shown beside an input: the currency symbol for money, ``%`` for percentages, ``с``/``s``
    for seconds."""
    if spec.kind == "money":
        return CURRENCY_SYMBOLS[currency]
    if spec.kind == "pct":
        return "%"
    return unit_label(spec.kind, lang) or ""


def view(calculator, raw=None, lang="ru", currency=None, preset=None, pinned=None, names=None, chart=True):
    """Evaluate ``raw`` (or the defaults, with ``preset`` laid over them) and describe the result.

    ``chart=False``: the chart is not drawn (``None``): the page already shows it for these numbers.

    With ``pinned`` (the Result of a scenario pinned as A) the chart draws A beside this result (B),
    naming them by ``names`` (A's, B's; "" for none; B's None: the name B has without a typed one, from
    ``preset``, see :func:`calculators.scenario.default_name`).

    Returns a dict: ``inputs`` (name, label, help, unit, text as typed, error or None), ``outputs``
    (key, label, formula, text, value as ``data-value``, unavailable flag), ``chart`` (SVG or None),
    ``verdict`` (the calculator's sentence about the result, or ""), ``notes``, ``lang``, ``currency``, ``result``.
    """
    if raw is None:
        raw = dict((k, input_text(v, lang)) for k, v in calculator.defaults(lang, preset).items())
    result = evaluate(calculator, raw, lang, currency)
    inputs = []
    for spec in calculator.inputs:
        error = result.errors.get(spec.name)
        inputs.append({
            "name": spec.name,
            "label": spec.label[lang],
            "help": spec.help[lang] if spec.help else "",
            "unit": unit_of(spec, result.currency, lang),
            "kind": spec.kind,
            "text": raw.get(spec.name, input_text(result.values[spec.name], lang)),
            "error": error.message(lang) if error else None,
        })
    outputs = []
    for spec in calculator.outputs:
        value = result.outputs[spec.key]
        missing = isinstance(value, Unavailable)
        outputs.append({
            "key": spec.key,
            "label": spec.label[lang],
            "formula": spec.formula[lang] if spec.formula else "",
            "text": result.text(spec.key),
            "value": "" if missing else format_plain(value),
            "unavailable": missing,
        })
    if pinned is not None and names is not None and names[1] is None:
        b = "" if result.errors else default_name(calculator, result.values, preset, lang)
        names = (names[0], b)
    drawn = None
    if calculator.chart is not None and chart:
        drawn = calculator.chart(result) if pinned is None else calculator.chart(result, pinned, names)
    verdict = calculator.verdict(result) if calculator.verdict else None
    return {
        "calculator": calculator,
        "lang": lang,
        "currency": result.currency,
        "inputs": inputs,
        "outputs": outputs,
        "chart": drawn,
        "verdict": verdict or "",
        # a currency to choose only where something is money
        "money": any(i.kind == "money" for i in calculator.inputs) or any(
            o.kind == "money" for o in calculator.outputs),
        "notes": calculator.notes[lang],
        "number_rules": catalog.get(lang)["number_rules"],
        "texts": catalog.get(lang)["calculator"],
        "result": result,
        "name_length": NAME_LENGTH,
    }


# --- comparing scenarios, and the results as a table ----------------------------------------------

# The CSV's unit column by kind (money takes the currency code), field separator and decimal mark are
# the catalog's (``csv_units``, ``csv``): what a spreadsheet app with that language's regional settings
# reads when the file is opened directly (Russian Excel expects ";" and a decimal comma).
DASH = "—"


def _rows(result):
    """[(section, label, kind, value or None, decimals)] of a result: its inputs, then its outputs."""
    calculator = result.calculator
    lang = result.lang
    rows = []
    for spec in calculator.inputs:
        value = None if spec.name in result.errors else result.values[spec.name]
        rows.append(("inputs", spec.label[lang], spec.kind, value, None))
    for spec in calculator.outputs:
        rows.append(("outputs", spec.label[lang], spec.kind, result.raw(spec.key), spec.decimals))
    return rows


def shown(kind, value, lang, currency, decimals=None):
    """A value as the page shows it, or a dash when it is not available."""
    if value is None:
        return DASH
    return format_value(kind, value, lang, currency, decimals)


def difference(kind, a, b, lang, currency, decimals=None):
    """``b − a`` with its sign (``+250,00 ₽``, ``−2 п. п.``); a dash when either is missing.

    Percentages differ by percentage points; every other kind keeps its unit.
    """
    if a is None or b is None:
        return DASH
    delta = b - a
    size = abs(delta)
    if kind == "pct":
        if decimals is None:
            decimals = 0 if size == int(size) else 1
        text = format_number(size, lang, decimals) + NBSP + catalog.get(lang)["calculator"]["points"]
    else:
        text = format_value(kind, size, lang, currency, decimals)
    minus = catalog.get(lang)["minus"]
    if text.startswith(minus):
        text = text[1:]
    if delta > 0:
        return "+" + text
    if delta < 0:
        return minus + text
    return text


def compare(pinned, result):
    """Each output of ``result`` (B) beside the same output of ``pinned`` (A): a list of dicts with
    ``key``, ``a`` and ``b`` (texts), ``diff`` (signed text)."""
    calculator = result.calculator
    lang = result.lang
    out = []
    for spec in calculator.outputs:
        a, b = pinned.raw(spec.key), result.raw(spec.key)
        out.append({
            "key": spec.key,
            "a": shown(spec.kind, a, lang, pinned.currency, spec.decimals),
            "b": shown(spec.kind, b, lang, result.currency, spec.decimals),
            "diff": difference(spec.kind, a, b, lang, result.currency, spec.decimals),
        })
    return out


def _cell(text):
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def scenario_label(letter, name):
    """A scenario as a column or legend names it: ``А: Кофейня``, or the letter alone."""
    return letter + ": " + name if name else letter


def format_date(date, lang):
    """A date ``(year, month, day)`` as the tables carry it, by the catalog's ``date``: ru ``07.12.2026``,
    en ``2026-12-07`` (ISO: day and month cannot be mistaken for each other)."""
    year, month, day = date
    def two(n):
        return ("0" + str(n))[-2:]
    return catalog.get(lang)["date"].replace("{d}", two(day)).replace("{m}", two(month)).replace("{y}", str(year))


def _footer(lang, names, compared, date, link):
    """The rows under a table: the scenario's name (when not in the columns), the date and the link."""
    t = catalog.get(lang)["calculator"]
    rows = []
    if not compared and names is not None and names[1]:
        rows.append([t["scenario"], names[1]])
    if date is not None:
        rows.append([t["date"], format_date(date, lang)])
    if link:
        rows.append([t["link_row"], link])
    return rows


def _heads(lang, names):
    """The A and B column heads, with the scenarios' names."""
    t = catalog.get(lang)["calculator"]
    name_a, name_b = names if names is not None else ("", "")
    return [scenario_label(t["a"], name_a), scenario_label(t["b"], name_b)]


def table_tsv(result, pinned=None, names=None, date=None, link=None):
    """The scenario as tab-separated text, as shown on the page (labels and formatted values in the
    page's language): pastes into a spreadsheet or a slide as a table.  With ``pinned``, the
    columns are A, B and B − A, headed with the scenarios' ``names`` (A's, B's: "" for none).  Inputs
    keep every decimal they were typed with.  Under the table: the date ``(year, month, day)`` and the
    scenario's link, when given."""
    lang = result.lang
    t = catalog.get(lang)["calculator"]
    lines = []
    if pinned is None:
        lines.append([t["col_label"], t["col_value"]])
    else:
        lines.append([t["col_label"]] + _heads(lang, names) + [t["col_diff"]])
    section = None
    pinned_rows = _rows(pinned) if pinned is not None else None
    rows = _rows(result)
    for index in range(len(rows)):
        part, label, kind, value, decimals = rows[index]
        if part != section:
            section = part
            lines.append([t[part]] + [""] * (len(lines[0]) - 1))
        before = pinned_rows[index][3] if pinned is not None else None
        if part == "inputs":
            decimals = input_decimals(kind, value, before)
        now = shown(kind, value, lang, result.currency, decimals)
        if pinned is None:
            lines.append([label, now])
        else:
            lines.append([label, shown(kind, before, lang, pinned.currency, decimals), now,
                          difference(kind, before, value, lang, result.currency, decimals)])
    footer = _footer(lang, names, pinned is not None, date, link)
    if footer:
        lines.append([])
        lines.extend(footer)
    return "\r\n".join("\t".join(_cell(cell) for cell in line) for line in lines) + "\r\n"


def shown_decimals(kind, value, decimals=None):
    """The decimal places the page shows for a value of a kind (as :func:`core.format_value` picks)."""
    if decimals is not None:
        return decimals
    whole = value == int(value)
    if kind == "money":
        return 2
    if kind == "pct":
        return 0 if whole else 1
    if kind == "count":
        return 0 if whole or abs(value) >= 100 else 1
    if whole:
        return 0
    return 1 if kind in ("years", "months", "seconds", "points") else 2


# At most this many decimals for a value that is no short decimal (not one a person typed).
MAX_PLACES = 15


def decimal_places(value):
    """The decimals of the shortest decimal that reads back as ``value`` (what a person typed)."""
    _, scale = exact_fraction(abs(value))
    places = 0
    while scale > 1 and scale % 10 == 0:
        scale //= 10
        places += 1
    if scale != 1:
        return MAX_PLACES
    return places if places < MAX_PLACES else MAX_PLACES


def input_decimals(kind, *values):
    """The places an input is written with in a table: as the page shows its kind, or more when the
    value was typed with more (kopecks and cents, and finer, are never rounded away)."""
    places = 0
    for value in values:
        if value is None:
            continue
        places = max(places, shown_decimals(kind, value), decimal_places(value))
    return places


def fixed(value, places, mark="."):
    """``value`` rounded to ``places`` decimals (halves away from zero), plain digits: ``-1234.50``."""
    units = round_half_away(value, places)
    sign = "-" if units < 0 else ""
    digits = str(abs(units))
    if places == 0:
        return sign + digits
    if len(digits) <= places:
        digits = "0" * (places - len(digits) + 1) + digits
    return sign + digits[:-places] + mark + digits[-places:]


def _csv_number(value, kind, decimals, lang):
    """A number for the CSV: rounded as the page shows it, no grouping, the language's decimal mark."""
    if value is None:
        return ""
    return fixed(value, shown_decimals(kind, value, decimals), catalog.get(lang)["csv"][1])


def _csv_field(text, separator):
    if separator in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _inert(text):
    """Typed text for a spreadsheet cell: one that starts like a formula (= + - @) gets a leading
    apostrophe, so that a spreadsheet shows it instead of running it."""
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


def csv_unit(kind, lang, currency):
    if kind == "money":
        return currency
    return catalog.get(lang)["csv_units"].get(kind, "")


def table_csv(result, pinned=None, names=None, date=None, link=None):
    """The scenario as CSV for spreadsheet apps: section, label, unit and plain numbers (no grouping,
    no currency sign), with the language's separator and decimal mark (ru ``;`` and ``,``; en ``,``
    and ``.``).  With ``pinned``: columns A, B and B − A, headed with the scenarios' ``names``.
    Inputs keep every decimal they were typed with.  Under the table, after an empty line: the date
    ``(year, month, day)`` and the link, when given.  No byte-order mark: the page adds it."""
    lang = result.lang
    t = catalog.get(lang)["calculator"]
    separator = catalog.get(lang)["csv"][0]
    head = [t["col_section"], t["col_label"], t["col_unit"]]
    if pinned is None:
        lines = [head + [t["col_value"]]]
    else:
        lines = [head + [_inert(cell) for cell in _heads(lang, names)] + [t["col_diff"]]]
    pinned_rows = _rows(pinned) if pinned is not None else None
    rows = _rows(result)
    for index in range(len(rows)):
        part, label, kind, value, decimals = rows[index]
        line = [t[part], label, csv_unit(kind, lang, result.currency)]
        before = pinned_rows[index][3] if pinned is not None else None
        if part == "inputs":
            decimals = input_decimals(kind, value, before)
        if pinned is None:
            line.append(_csv_number(value, kind, decimals, lang))
        else:
            delta = None if before is None or value is None else value - before
            line += [_csv_number(before, kind, decimals, lang), _csv_number(value, kind, decimals, lang),
                     _csv_number(delta, kind, decimals, lang)]
        lines.append(line)
    footer = _footer(lang, names, pinned is not None, date, link)
    if footer:
        lines.append([])
        lines.extend([[label, _inert(text)] for label, text in footer])
    return "".join(separator.join(_csv_field(cell, separator) for cell in line) + "\r\n" for line in lines)
