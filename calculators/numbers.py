"""Reading and writing numbers the same way on CPython and MicroPython.

One parser for every face (page, build, command line) and our own formatting, because MicroPython's
``round()`` and ``"{:,.2f}"`` differ from CPython's. Rounding is done on integers: half away from zero.

Russian: ``1 234 567,89 ₽`` (no-break spaces), ``7,5 %``.  English: ``$1,234,567.89``, ``7.5%``.
Negative numbers use the minus sign U+2212.
"""

from .errors import CalculatorError

NBSP = "\u00a0"
MINUS = "\u2212"
# Group separators a user may type: space, no-break space, narrow no-break space, thin space.
_SPACES = (" ", "\u00a0", "\u202f", "\u2009", "\t")
_DIGITS = "0123456789"
MAX_TEXT_LENGTH = 32
MAX_SIGNIFICANT_DIGITS = 15

CURRENCIES = ("RUB", "USD", "EUR", "UAH", "KZT")
CURRENCY_SYMBOLS = {"RUB": "₽", "USD": "$", "EUR": "€", "UAH": "₴", "KZT": "₸"}
DEFAULT_CURRENCY = {"ru": "RUB", "en": "USD"}
LANGS = ("ru", "en")


def parse_number(text, field=None):
    """Read a number typed by a person; return a float.

    Accepts ASCII digits, one decimal mark (``.`` or ``,``), spaces of any width as group
    separators and a leading minus (so that "below the minimum" can be reported plainly).
    Rejects exponents, ``inf``/``nan``, other scripts' digits and more than 15 significant digits.
    The value is built from integers (``digits / 10**k``), so it is the correctly rounded double
    on every runtime.  Raises :class:`CalculatorError` with code ``required``, ``too_long``,
    ``not_a_number`` or ``too_precise``.
    """
    if text is None:
        raise CalculatorError(field, "required")
    if not isinstance(text, str):
        if isinstance(text, bool):
            raise CalculatorError(field, "not_a_number")
        if isinstance(text, (int, float)):
            value = float(text)
            if value != value or value in (float("inf"), float("-inf")):
                raise CalculatorError(field, "not_a_number")
            return value
        raise CalculatorError(field, "not_a_number")
    if len(text) > MAX_TEXT_LENGTH * 4:
        raise CalculatorError(field, "too_long")
    compact = "".join(ch for ch in text if ch not in _SPACES)
    if compact == "":
        raise CalculatorError(field, "required")
    if len(compact) > MAX_TEXT_LENGTH:
        raise CalculatorError(field, "too_long")
    negative = False
    if compact[0] in ("-", MINUS):
        negative = True
        compact = compact[1:]
    elif compact[0] == "+":
        compact = compact[1:]
    whole = compact
    fraction = ""
    marks = [i for i, ch in enumerate(compact) if ch in ".,"]
    if len(marks) > 1:
        raise CalculatorError(field, "not_a_number")
    if marks:
        whole = compact[: marks[0]]
        fraction = compact[marks[0] + 1 :]
    if whole == "" and fraction == "":
        raise CalculatorError(field, "not_a_number")
    for ch in whole + fraction:
        if ch not in _DIGITS:
            raise CalculatorError(field, "not_a_number")
    digits = (whole + fraction).lstrip("0")
    if len(digits) > MAX_SIGNIFICANT_DIGITS:
        raise CalculatorError(field, "too_precise")
    value = int(whole + fraction or "0") / (10 ** len(fraction))
    return -value if negative else value


def round_half_away(value, decimals=0):
    """Round ``value`` to ``decimals`` places, halves away from zero; return an int scaled by 10**decimals.

    ``round_half_away(2.5) == 3``, ``round_half_away(1.005, 2) == 100`` (1.005 is stored as 1.00499…).
    The same on CPython and MicroPython, because it is integer arithmetic on the same double.
    """
    scaled = abs(value) * (10 ** decimals)
    units = int(scaled)
    if scaled - units >= 0.5:
        units += 1
    return -units if value < 0 else units


def _group(digits, separator):
    out = []
    while len(digits) > 3:
        out.append(digits[-3:])
        digits = digits[:-3]
    out.append(digits)
    out.reverse()
    return separator.join(out)


def format_number(value, lang="ru", decimals=0):
    """Format a number with grouping: ru ``1 234,5``, en ``1,234.5``; ``decimals`` places, always shown."""
    units = round_half_away(value, decimals)
    sign = MINUS if units < 0 else ""
    text = str(abs(units))
    if decimals:
        if len(text) <= decimals:
            text = "0" * (decimals - len(text) + 1) + text
        whole, fraction = text[:-decimals], text[-decimals:]
    else:
        whole, fraction = text, ""
    if lang == "ru":
        body = _group(whole, NBSP)
        if fraction:
            body += "," + fraction
    else:
        body = _group(whole, ",")
        if fraction:
            body += "." + fraction
    return sign + body


def format_money(value, lang="ru", currency=None, decimals=2):
    """Format money: ru ``1 234 567,89 ₽``, en ``$1,234,567.89``; the currency is a label only."""
    symbol = CURRENCY_SYMBOLS[currency or DEFAULT_CURRENCY[lang]]
    text = format_number(value, lang, decimals)
    if lang == "ru":
        return text + NBSP + symbol
    if text.startswith(MINUS):
        return MINUS + symbol + text[1:]
    return symbol + text


def format_percent(value, lang="ru", decimals=1):
    """Format a value already in percent (7.5 means 7.5 %): ru ``7,5 %``, en ``7.5%``."""
    text = format_number(value, lang, decimals)
    return text + (NBSP + "%" if lang == "ru" else "%")


def format_plain(value):
    """The unrounded value as a JSON number (dot decimal), as ``data-value`` and ``--json`` carry it.

    Integers print without a fraction; other floats with 15 significant digits, trimmed, which reads
    back to the same float on both runtimes for every value our calculators produce.
    """
    if value is None:
        return ""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = "%.15g" % value
    if "e" in text:
        mantissa, exponent = text.split("e")
        return mantissa + "e" + str(int(exponent))
    return text
