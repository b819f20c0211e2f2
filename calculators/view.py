"""What a calculator shows, as plain data: the one description both the build and the live page draw.

The build renders :func:`view` through ``overrides/partials/calculator.html``; the page
(``calculators/web.py``) writes the same texts into the DOM.  So the built page and the live page show
identical text for the same inputs.
"""

from .core import UNIT_LABELS, Unavailable, evaluate, format_value
from .numbers import CURRENCY_SYMBOLS, MINUS, NBSP, exact_fraction, format_number, format_plain, round_half_away
from .errors import NUMBER_RULES
from .numbers import format_field
from .scenario import NAME_LENGTH, default_name

# Texts of the calculator's frame, by language.
TEXTS = {
    "ru": {
        "inputs": "Исходные данные",
        "outputs": "Результаты",
        "currency": "Валюта",
        "preset": "Сценарий",
        "preset_default": "По умолчанию",
        "formulas": "Формулы и допущения",
        "numbers": "Как вводить числа",
        "chart": "График",
        "static": "Расчёт для значений по умолчанию. Калькулятор оживёт, когда загрузится страница.",
        "starting": "Калькулятор загружается… Числа ниже посчитаны для значений по умолчанию.",
        "stale": "Вы изменили данные: числа ниже обновятся, как только калькулятор загрузится.",
        "live": "Результаты пересчитываются при каждом изменении.",
        "failed": "Калькулятор не запустился: показан расчёт для значений по умолчанию.",
        "noscript": "Без JavaScript калькулятор показывает расчёт для значений по умолчанию.",
        "invalid_summary": "Исправьте отмеченные поля: зависящие от них результаты не считаются.",
        "share": "Поделиться и сравнить",
        "link": "Ссылка на этот сценарий",
        "copy_link": "Скопировать ссылку",
        "link_copied": "Ссылка скопирована.",
        "link_selected": "Копирование здесь недоступно (страница открыта не по HTTPS): ссылка выделена в поле — "
                         "скопируйте её сами (Ctrl+C или долгое нажатие).",
        "privacy": "Ссылка хранит числа, введённые в калькулятор: отправляйте её только тем, кому их можно видеть.",
        "qr_show": "Показать QR-код",
        "qr_hide": "Скрыть QR-код",
        "qr_title": "QR-код ссылки на этот сценарий",
        "qr_failed": "Ссылка слишком длинная для QR-кода.",
        "qr_dense": "Ссылка длинная, и код получился мелким: с проектора его трудно сканировать издалека. "
                    "Короче названия сценариев — крупнее код.",
        "qr_local": "Эта ссылка ведёт на этот компьютер (127.0.0.1): телефоны участников её не откроют. "
                    "Чтобы раздать сценарий в зале, запустите сайт командой make room и откройте страницу "
                    "снова: ссылка и код будут с адресом ноутбука в сети.",
        "reset": "Сбросить к значениям по умолчанию",
        "reset_done": "Восстановлены значения по умолчанию.",
        "pin": "Запомнить как А",
        "unpin": "Убрать А",
        "pinned": "А — запомненный сценарий, Б — текущий; рядом разница Б − А.",
        "pinned_named": "А — запомненный сценарий{a}, Б — текущий{b}; рядом разница Б − А.",
        "quoted": " «{name}»",
        "pin_done": "Результаты запомнены как А: меняйте данные и сравнивайте. Сравнение останется на этом "
                    "устройстве, пока вы его не уберёте.",
        "pin_not_kept": "Результаты запомнены как А, но браузер не даёт странице их сохранить: сравнение "
                        "останется только в адресе страницы и в ссылке.",
        "pin_invalid": "Сначала исправьте отмеченные поля: запомнить как А можно только верные данные.",
        "unpin_done": "Сравнение убрано.",
        "a": "А",
        "b": "Б",
        "names": "Названия сценариев",
        "name_a": "Название А",
        "name_b": "Название Б",
        "name_help": "До 40 символов. Пустое поле — название из меню «Сценарий», пока числа этого сценария "
                     "не изменены.",
        "date": "Дата",
        "link_row": "Ссылка",
        "scenario": "Сценарий",
        "copy_table": "Скопировать таблицей",
        "table_copied": "Таблица скопирована: вставьте её в таблицу или слайд.",
        "table_selected": "Копирование здесь недоступно (страница открыта не по HTTPS): таблица выделена в поле — "
                          "скопируйте её сами (Ctrl+C).",
        "table": "Результаты таблицей",
        "download_csv": "Скачать CSV",
        "notices": "Что не взято из ссылки",
        "col_section": "Раздел",
        "col_label": "Показатель",
        "col_unit": "Единица",
        "col_value": "Значение",
        "col_diff": "Б − А",
        "points": "п.\u00a0п.",
    },
    "en": {
        "inputs": "Inputs",
        "outputs": "Results",
        "currency": "Currency",
        "preset": "Scenario",
        "preset_default": "Default",
        "formulas": "Formulas and assumptions",
        "numbers": "How to type numbers",
        "chart": "Chart",
        "static": "Computed for the default values. The calculator comes alive once the page has loaded.",
        "starting": "The calculator is loading… The figures below are for the default values.",
        "stale": "You changed the inputs: the figures below will update as soon as the calculator has loaded.",
        "live": "Results update as you type.",
        "failed": "The calculator could not start: the figures shown are for the default values.",
        "noscript": "Without JavaScript the calculator shows the result for the default values.",
        "invalid_summary": "Correct the marked fields: results that depend on them are not computed.",
        "share": "Share and compare",
        "link": "Link to this scenario",
        "copy_link": "Copy link",
        "link_copied": "Link copied.",
        "link_selected": "Copying is not available here (the page is not on HTTPS): the link is selected in the "
                         "field — copy it yourself (Ctrl+C, or a long press).",
        "privacy": "The link holds the figures typed into the calculator: send it only to people who may see them.",
        "qr_show": "Show QR code",
        "qr_hide": "Hide QR code",
        "qr_title": "QR code of the link to this scenario",
        "qr_failed": "The link is too long for a QR code.",
        "qr_dense": "The link is long, so the code is dense: from a projector it is hard to scan from afar. "
                    "Shorter scenario names make it larger.",
        "qr_local": "This link leads to this computer (127.0.0.1): participants' phones cannot open it. To "
                    "share the scenario in the room, serve the site with make room and open the page again: the "
                    "link and the code will carry the laptop's address on the network.",
        "reset": "Reset to defaults",
        "reset_done": "Default values restored.",
        "pin": "Pin as A",
        "unpin": "Clear A",
        "pinned": "A is the pinned scenario, B the current one; the difference B − A is beside them.",
        "pinned_named": "A is the pinned scenario{a}, B the current one{b}; the difference B − A is beside them.",
        "quoted": " “{name}”",
        "pin_done": "Results pinned as A: change the inputs and compare. The comparison stays on this device "
                    "until you clear it.",
        "pin_not_kept": "Results pinned as A, but this browser does not let the page keep them: the comparison "
                        "lives on only in the page address and its link.",
        "pin_invalid": "Correct the marked fields first: only valid inputs can be pinned as A.",
        "unpin_done": "Comparison cleared.",
        "a": "A",
        "b": "B",
        "names": "Names of the scenarios",
        "name_a": "Name of A",
        "name_b": "Name of B",
        "name_help": "Up to 40 characters. Left empty, a scenario takes its name from the “Scenario” menu "
                     "while its figures are unchanged.",
        "date": "Date",
        "link_row": "Link",
        "scenario": "Scenario",
        "copy_table": "Copy as a table",
        "table_copied": "Table copied: paste it into a spreadsheet or a slide.",
        "table_selected": "Copying is not available here (the page is not on HTTPS): the table is selected in the "
                          "field — copy it yourself (Ctrl+C).",
        "table": "Results as a table",
        "download_csv": "Download CSV",
        "notices": "Not taken from the link",
        "col_section": "Section",
        "col_label": "Item",
        "col_unit": "Unit",
        "col_value": "Value",
        "col_diff": "B − A",
        "points": "pp",
    },
}


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
    if spec.kind in UNIT_LABELS:
        return UNIT_LABELS[spec.kind][lang]
    return ""


def view(calculator, raw=None, lang="ru", currency=None, preset=None, pinned=None, names=None):
    """Evaluate ``raw`` (or the defaults, with ``preset`` laid over them) and describe the result.

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
    chart = None
    if calculator.chart is not None:
        chart = calculator.chart(result) if pinned is None else calculator.chart(result, pinned, names)
    verdict = calculator.verdict(result) if calculator.verdict else None
    return {
        "calculator": calculator,
        "lang": lang,
        "currency": result.currency,
        "inputs": inputs,
        "outputs": outputs,
        "chart": chart,
        "verdict": verdict or "",
        # a currency to choose only where something is money
        "money": any(i.kind == "money" for i in calculator.inputs) or any(
            o.kind == "money" for o in calculator.outputs),
        "notes": calculator.notes[lang],
        "number_rules": NUMBER_RULES[lang],
        "texts": TEXTS[lang],
        "result": result,
        "name_length": NAME_LENGTH,
    }


# --- comparing scenarios, and the results as a table ----------------------------------------------

# Units of the CSV's unit column by kind (money takes the currency code).
CSV_UNITS = {
    "pct": {"ru": "%", "en": "%"},
    "ratio": {"ru": "×", "en": "×"},
    "years": {"ru": "лет", "en": "years"},
    "months": {"ru": "мес.", "en": "months"},
    "seconds": {"ru": "с", "en": "s"},
    "points": {"ru": "пункты", "en": "points"},
    "erlangs": {"ru": "Эрл", "en": "Erl"},
}
# The CSV's field separator and decimal mark: what a spreadsheet app with that language's regional
# settings reads when the file is opened directly (Russian Excel expects ";" and a decimal comma).
CSV_FORMAT = {"ru": (";", ","), "en": (",", ".")}
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
        text = format_number(size, lang, decimals) + NBSP + TEXTS[lang]["points"]
    else:
        text = format_value(kind, size, lang, currency, decimals)
    if text.startswith(MINUS):
        text = text[1:]
    if delta > 0:
        return "+" + text
    if delta < 0:
        return MINUS + text
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
    """A date ``(year, month, day)`` as the tables carry it: ru ``07.12.2026``, en ``2026-12-07`` (ISO:
    day and month cannot be mistaken for each other)."""
    year, month, day = date
    def two(n):
        return ("0" + str(n))[-2:]
    if lang == "ru":
        return two(day) + "." + two(month) + "." + str(year)
    return str(year) + "-" + two(month) + "-" + two(day)


def _footer(lang, names, compared, date, link):
    """The rows under a table: the scenario's name (when not in the columns), the date and the link."""
    t = TEXTS[lang]
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
    t = TEXTS[lang]
    name_a, name_b = names if names is not None else ("", "")
    return [scenario_label(t["a"], name_a), scenario_label(t["b"], name_b)]


def table_tsv(result, pinned=None, names=None, date=None, link=None):
    """The scenario as tab-separated text, as shown on the page (labels and formatted values in the
    page's language): pastes into a spreadsheet or a slide as a table.  With ``pinned``, the
    columns are A, B and B − A, headed with the scenarios' ``names`` (A's, B's: "" for none).  Inputs
    keep every decimal they were typed with.  Under the table: the date ``(year, month, day)`` and the
    scenario's link, when given."""
    lang = result.lang
    t = TEXTS[lang]
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
    return fixed(value, shown_decimals(kind, value, decimals), CSV_FORMAT[lang][1])


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
    unit = CSV_UNITS.get(kind)
    return unit[lang] if unit else ""


def table_csv(result, pinned=None, names=None, date=None, link=None):
    """The scenario as CSV for spreadsheet apps: section, label, unit and plain numbers (no grouping,
    no currency sign), with the language's separator and decimal mark (ru ``;`` and ``,``; en ``,``
    and ``.``).  With ``pinned``: columns A, B and B − A, headed with the scenarios' ``names``.
    Inputs keep every decimal they were typed with.  Under the table, after an empty line: the date
    ``(year, month, day)`` and the link, when given.  No byte-order mark: the page adds it."""
    lang = result.lang
    t = TEXTS[lang]
    separator = CSV_FORMAT[lang][0]
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
