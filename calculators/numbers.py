"""Reading and writing numbers the same way on CPython and MicroPython.

One parser for every face (page, build, command line) and our own formatting, because MicroPython's
``round()`` and ``"{:,.2f}"`` differ from CPython's. Rounding is done on integers: half away from zero.

Russian: ``1 234 567,89 ₽`` (no-break spaces), ``7,5 %``.  English: ``$1,234,567.89``, ``7.5%``.
Negative numbers use the minus sign U+2212.  The symbols and patterns are each language's catalog's
(``calculators/catalog.py``, from CLDR); how a typed number is read follows its decimal mark.
"""

import math

from . import catalog
from .errors import CalculatorError

NBSP = "\u00a0"
MINUS = "\u2212"
# Group separators a user may type: space, no-break space, narrow no-break space, thin space.
_SPACES = (" ", "\u00a0", "\u202f", "\u2009", "\t")
_DIGITS = "0123456789"
MAX_TEXT_LENGTH = 32
MAX_SIGNIFICANT_DIGITS = 15
# The smallest non-zero magnitude that fits in MAX_TEXT_LENGTH characters: 0,000…001 (1e-30).
MIN_MAGNITUDE = 1e-30

CURRENCIES = ("RUB", "USD", "EUR", "UAH", "KZT")
CURRENCY_SYMBOLS = {"RUB": "₽", "USD": "$", "EUR": "€", "UAH": "₴", "KZT": "₸"}


def default_currency(lang):
    """The currency a page in ``lang`` starts with (its catalog's)."""
    return catalog.get(lang)["currency"]


# Currency signs and words accepted before or after money, with the currency each names.  Letters of
# the codes are matched in either case (ASCII only: MicroPython's str.upper() knows no Cyrillic).
CURRENCY_SIGNS = (
    ("₽", "RUB"), ("руб.", "RUB"), ("руб", "RUB"), ("Руб.", "RUB"), ("Руб", "RUB"), ("РУБ.", "RUB"),
    ("РУБ", "RUB"), ("р.", "RUB"), ("р", "RUB"), ("Р.", "RUB"), ("Р", "RUB"), ("RUB", "RUB"),
    ("$", "USD"), ("USD", "USD"), ("€", "EUR"), ("EUR", "EUR"),
    ("₴", "UAH"), ("UAH", "UAH"), ("₸", "KZT"), ("KZT", "KZT"),
)
_SIGN_ORDER = sorted(CURRENCY_SIGNS, key=lambda pair: -len(pair[0]))  # longest first: «руб.» before «р»


def _ascii_upper(text):
    return "".join(chr(ord(ch) - 32) if "a" <= ch <= "z" else ch for ch in text)


def _strip(text):
    start, end = 0, len(text)
    while start < end and text[start] in _SPACES:
        start += 1
    while end > start and text[end - 1] in _SPACES:
        end -= 1
    return text[start:end]


def _currency_at(text, at_end):
    """(sign as typed, currency code) of a currency sign or word at the start (or end) of ``text``."""
    for sign, code in _SIGN_ORDER:
        n = len(sign)
        if len(text) < n:
            continue
        part = text[len(text) - n:] if at_end else text[:n]
        if part == sign or (sign == code and _ascii_upper(part) == code):
            return part, code
    return None


def _sign(text):
    """(negative or None when there is no sign, the rest) of ``text`` after a leading ``-``, ``+`` or ``−``."""
    if text and text[0] in ("-", MINUS, "+"):
        return text[0] != "+", _strip(text[1:])
    return None, text


def _before(text, suffix):
    """``text`` without ``suffix`` at its end, when a number ends before it (not a word ending so); else None."""
    rest = _strip(text[:len(text) - len(suffix)])
    return rest if rest and (rest[-1] in _DIGITS or rest[-1] in ".,") else None


def _affixes(text, field, kind, currency, lang="ru"):
    """Take the sign, a currency sign or word (money), a trailing ``%`` (percentages) and the unit the
    field shows (``с``, ``s`` after seconds: the catalog's ``units``) off ``text``.

    Returns ``(negative, body)``; raises for a sign that does not belong to the input's kind, and for a
    currency other than the calculator's (``currency``; None accepts any on the list).
    """
    negative, text = _sign(text)
    found = _currency_at(text, False)
    if found is not None:
        text = _strip(text[len(found[0]):])
        if negative is None:
            negative, text = _sign(text)
    else:
        found = _currency_at(text, True)
        if found is not None:
            rest = _before(text, found[0])
            if rest is None:
                found = None
            else:
                text = rest
    unit = catalog.get(lang)["units"].get(kind) if kind is not None else None
    if unit and found is None and text.endswith(unit):
        text = _before(text, unit) or text
    percent = False
    if text.endswith("%"):
        percent = True
        text = _strip(text[:-1])
    if found is not None:
        if percent or kind is None:
            raise CalculatorError(field, "not_a_number")
        if kind != "money":
            raise CalculatorError(field, "currency_here", {"sign": found[0]})
        if currency is not None and found[1] != currency:
            raise CalculatorError(field, "currency_mismatch", {
                "sign": found[0], "typed": found[1], "chosen": CURRENCY_SYMBOLS[currency] + NBSP + currency})
    if percent:
        if kind is None:
            raise CalculatorError(field, "not_a_number")
        if kind != "pct":
            raise CalculatorError(field, "percent_here")
    return bool(negative), text


def _grouped_form(compact, group):
    """(whole, fraction) when ``compact`` is digits grouped in threes by ``group`` (at least one), with
    an optional fraction after the other mark (``1.500.000``, ``1,500.50``); otherwise None."""
    other = "," if group == "." else "."
    whole, _, fraction = compact.partition(other)
    if other in fraction:
        return None
    parts = whole.split(group)
    if len(parts) < 2 or not 1 <= len(parts[0]) <= 3 or parts[0][0] == "0":
        return None
    for part in parts:
        if part == "" or any(ch not in _DIGITS for ch in part):
            return None
    for part in parts[1:]:
        if len(part) != 3:
            return None
    return "".join(parts), fraction


def _value_of(whole, fraction):
    fraction = fraction.rstrip("0")
    return _decimal_to_float(int(whole + fraction or "0"), len(fraction))


def _both(value):
    """``value`` as each language writes it in a field, for a message in any language."""
    return dict((lang, format_field(value, lang)) for lang in catalog.languages())


def _two_readings(field, code, first, second):
    """An ``ambiguous`` error stating both readings, each written as a page would write it."""
    raise CalculatorError(field, code, {"first": _both(first), "second": _both(second)})


def _point_decimal(lang):
    """Whether ``lang`` marks decimals with a point (English rules: commas group digits in threes);
    otherwise a comma or a point marks them and spaces group the digits (Russian rules)."""
    return catalog.get(lang)["decimal"] == "."


def _read(body, lang, field):
    """(whole digits, fraction digits) of an unsigned number written in ``lang`` (raises otherwise)."""
    compact = "".join(ch for ch in body if ch not in _SPACES)
    for ch in compact:
        if ch not in _DIGITS and ch not in ".,":
            raise CalculatorError(field, "not_a_number")
    marks = [i for i, ch in enumerate(compact) if ch in ".,"]
    if not marks:
        return compact, ""
    first_mark = 0
    while body[first_mark] not in ".,":
        first_mark += 1
    # Digits already grouped by spaces before the mark: the mark can only be the decimal one.
    spaced = any(ch in _SPACES for ch in _strip(body[:first_mark]))
    if _point_decimal(lang):
        points = compact.count(".")
        if points > 1 or (points == 1 and "," in compact[compact.index("."):]):
            grouped = _grouped_form(compact, ".")
            if grouped is None:
                raise CalculatorError(field, "not_a_number" if points > 1 else "comma_groups")
            raise CalculatorError(field, "point_groups", {"suggestion": format_field(_value_of(*grouped), lang)})
        whole, _, fraction = compact.partition(".")
        if "," not in whole:
            if whole == "" and fraction == "":
                raise CalculatorError(field, "not_a_number")
            return whole, fraction
        parts = whole.split(",")
        if points == 0 and len(parts) == 2:
            w, f = parts
            if w == "" and f == "":
                raise CalculatorError(field, "not_a_number")
            if w == "" or w[0] == "0" or f == "":  # a leading 0 settles it: 0,125 is a decimal
                return w, f
            if len(f) != 3:
                decimal, group = _value_of(w, f), _value_of(w + f, "")
                _two_readings(field, "ambiguous_comma", decimal, group)
        if parts[0] == "" or len(parts[0]) > 3 or parts[0][0] == "0":
            raise CalculatorError(field, "comma_groups")
        for part in parts[1:]:
            if len(part) != 3:
                raise CalculatorError(field, "comma_groups")
        return "".join(parts), fraction
    if len(marks) == 1:
        mark = compact[marks[0]]
        whole, fraction = compact[:marks[0]], compact[marks[0] + 1:]
        if whole == "" and fraction == "":
            raise CalculatorError(field, "not_a_number")
        if len(fraction) == 3 and 1 <= len(whole) <= 3 and whole[0] != "0" and not spaced:
            decimal, group = _value_of(whole, fraction), _value_of(whole + fraction, "")
            if mark == ".":
                _two_readings(field, "ambiguous", group, decimal)
            _two_readings(field, "ambiguous", decimal, group)
        return whole, fraction
    for group in (".", ","):
        grouped = _grouped_form(compact, group)
        if grouped is not None:
            raise CalculatorError(field, "group_marks", {"suggestion": format_field(_value_of(*grouped), lang)})
    raise CalculatorError(field, "not_a_number")


def parse_number(text, field=None, lang="ru", kind=None, currency=None):
    """Read a number typed by a person on a page in ``lang``; return a float.

    The same rules on every face (page, build, command line, ``custom.json``):

    - Russian: spaces group the digits, a comma or a point marks the decimals (``1 200 000,50``,
      ``1,5``, ``1.5``).  English: commas group the digits in threes, a point marks the decimals
      (``12,000``, ``1,200,000.50``).  Spaces of any width group digits in both.
    - A form that reads two ways is an error stating both readings: on a Russian page one point or
      comma before exactly three digits (``1.500``, ``12,000``: ``ambiguous``), on an English page a
      comma not followed by three digits (``1,5``, ``12,00``: ``ambiguous_comma``).  A leading ``0``
      settles it (``0,125``).  Digits grouped by points or commas on a Russian page (``1.500.000``:
      ``group_marks``), or by points on an English one (``point_groups``), are errors suggesting the
      page's own form; other misplaced commas in English are ``comma_groups``.
    - ``kind`` (an input's kind) allows a trailing ``%`` on ``pct`` and a currency sign or word of
      :data:`CURRENCY_SIGNS` before or after ``money``; a currency other than ``currency`` (the
      calculator's, None for any) is ``currency_mismatch``; after a number of seconds, the unit the
      field shows (``15 с``, ``15 s``).  Without a kind none of these is accepted.
    - A leading ``-``, ``+`` or the minus sign ``−``; no exponents, ``inf``/``nan`` or other scripts'
      digits; at most 15 significant digits and 32 characters.

    A number (not text) is taken as it is, unless it is not finite or is smaller in magnitude than
    anything that can be typed (below 1e-30, other than zero).  The value is built from integers
    (``digits / 10**k``), so it is the correctly rounded double on every runtime.  Raises
    :class:`CalculatorError` with a code of a catalog's ``errors``.
    """
    if text is None:
        raise CalculatorError(field, "required")
    if not isinstance(text, str):
        if isinstance(text, bool):
            raise CalculatorError(field, "not_a_number")
        if isinstance(text, (int, float)):
            try:
                value = float(text)
            except (OverflowError, ValueError):
                raise CalculatorError(field, "not_a_number")
            if value != value or value in (float("inf"), float("-inf")):
                raise CalculatorError(field, "not_a_number")
            if value != 0 and -MIN_MAGNITUDE < value < MIN_MAGNITUDE:
                # No one can type it in 32 characters, and dividing by it could overflow.
                raise CalculatorError(field, "too_long")
            return value
        raise CalculatorError(field, "not_a_number")
    if len(text) > MAX_TEXT_LENGTH * 4:
        raise CalculatorError(field, "too_long")
    text = _strip(text)
    if text == "":
        raise CalculatorError(field, "required")
    negative, body = _affixes(text, field, kind, currency, lang)
    compact = "".join(ch for ch in body if ch not in _SPACES)
    if len(compact) + (1 if negative else 0) > MAX_TEXT_LENGTH:
        raise CalculatorError(field, "too_long")
    if compact == "":
        raise CalculatorError(field, "not_a_number")
    whole, fraction = _read(body, lang, field)
    # Zeros at the end of the fraction change nothing ("100,000000000000000" is 100).
    fraction = fraction.rstrip("0")
    digits = (whole + fraction).lstrip("0")
    if len(digits) > MAX_SIGNIFICANT_DIGITS:
        raise CalculatorError(field, "too_precise")
    value = _decimal_to_float(int(whole + fraction or "0"), len(fraction))
    return -value if negative else value


def parse_decimal(text, field=None):
    """Read a number from a scenario link: an optional ``-``, digits, at most one ``.`` (``1500.5``).

    The same on every page, whatever its language; the limits of :func:`parse_number` apply (32
    characters, 15 significant digits).  Raises :class:`CalculatorError` (``link_number``).
    """
    if not isinstance(text, str):
        raise CalculatorError(field, "link_number")
    negative = text.startswith("-")
    body = text[1:] if negative else text
    if len(text) > MAX_TEXT_LENGTH:
        raise CalculatorError(field, "too_long")
    whole, point, fraction = body.partition(".")
    if whole + fraction == "" or any(ch not in _DIGITS for ch in whole + fraction):
        raise CalculatorError(field, "link_number")
    fraction = fraction.rstrip("0")
    if len((whole + fraction).lstrip("0")) > MAX_SIGNIFICANT_DIGITS:
        raise CalculatorError(field, "too_precise")
    value = _decimal_to_float(int(whole + fraction or "0"), len(fraction))
    return -value if negative else value


def _decimal_to_float(n, k):
    """The double nearest to ``n / 10**k`` for 0 <= n < 10**15, the same on every runtime.

    Up to 10**22 both operands are exact doubles and one IEEE division rounds correctly; beyond,
    CPython divides the integers exactly but MicroPython converts them to floats first, so the
    quotient is rounded here with integers (round half to even).
    """
    if n == 0:
        return 0.0
    if k <= 22:
        return float(n) / float(10 ** k)
    d = 10 ** k
    # Scale so that the quotient has 55 bits: 2**54 <= (n << s) // d < 2**55.
    s = 0
    while (n << s) < (d << 54):
        s += 1
    q, rest = divmod(n << s, d)
    low = q & 3
    q >>= 2
    if low > 2 or (low == 2 and (rest or q & 1)):
        q += 1
    return math.ldexp(float(q), 2 - s)


def round_half_away(value, decimals=0):
    """Round ``value`` to ``decimals`` places, halves away from zero; return an int scaled by 10**decimals.

    ``round_half_away(2.5) == 3``, ``round_half_away(1.005, 2) == 100`` (1.005 is stored as 1.00499…).
    Not integer arithmetic: ``value × 10**decimals`` is one rounded multiplication of doubles, so a
    value a hair below a half (1.005 × 100 = 100.49999999999999) rounds down.  The same on CPython and
    MicroPython, because both do that multiplication, the truncation and the comparison in IEEE 754
    doubles, which round identically.
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
    symbols = catalog.get(lang)
    sign = symbols["minus"] if units < 0 else ""
    text = str(abs(units))
    if decimals:
        if len(text) <= decimals:
            text = "0" * (decimals - len(text) + 1) + text
        whole, fraction = text[:-decimals], text[-decimals:]
    else:
        whole, fraction = text, ""
    body = _group(whole, symbols["group"])
    if fraction:
        body += symbols["decimal"] + fraction
    return sign + body


def format_money(value, lang="ru", currency=None, decimals=2):
    """Format money: ru ``1 234 567,89 ₽``, en ``$1,234,567.89``; the currency is a label only."""
    symbol = CURRENCY_SYMBOLS[currency or default_currency(lang)]
    text = format_number(value, lang, decimals)
    symbols = catalog.get(lang)
    prefix, suffix = symbols["money_affixes"]
    sign = ""
    if text.startswith(symbols["minus"]):
        sign, text = symbols["minus"], text[1:]
    return sign + prefix.replace("¤", symbol) + text + suffix.replace("¤", symbol)


def format_percent(value, lang="ru", decimals=1):
    """Format a value already in percent (7.5 means 7.5 %): ru ``7,5 %``, en ``7.5%``."""
    prefix, suffix = catalog.get(lang)["percent_affixes"]
    return prefix + format_number(value, lang, decimals) + suffix


def format_plain(value):
    """The unrounded value as a JSON number (dot decimal), as ``data-value`` and ``--json`` carry it.

    The shortest decimal that reads back to the same double (as CPython's ``repr``), computed with
    integers so that MicroPython, whose ``"%.17g"`` is not exact, writes the same text.  Integers
    below 10**16 print without a fraction; a decimal exponent below −4 or from 16 up is written
    ``1.5e-7`` / ``1e16``.  ``None`` gives "".
    """
    if value is None:
        return ""
    value = float(value)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("not a finite number")
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    value = abs(value)
    if value < 1e16 and value == int(value):
        return sign + str(int(value))
    digits, exponent = _shortest_digits(value)
    point = len(digits) + exponent  # the value is 0.DIGITS × 10**point
    if -4 < point <= 16:
        if exponent >= 0:
            return sign + digits + "0" * exponent
        if point > 0:
            return sign + digits[:point] + "." + digits[point:]
        return sign + "0." + "0" * (-point) + digits
    mantissa = digits[0]
    if len(digits) > 1:
        mantissa += "." + digits[1:]
    return sign + mantissa + "e" + str(point - 1)


def _shortest_digits(value):
    """For a finite double > 0: (digits, exponent) with value ≈ int(digits) × 10**exponent, the
    shortest digit string that rounds back to ``value``, nearest to it among those (no trailing
    zeros).  Exact integer arithmetic only."""
    fraction, exp2 = math.frexp(value)  # value = fraction × 2**exp2, 0.5 <= fraction < 1
    mant = int(fraction * 9007199254740992.0)  # × 2**53: exact
    shift = exp2 - 53
    if shift < -1074:  # subnormal: the last bit is worth 2**-1074
        mant >>= -1074 - shift
        shift = -1074
    # value = num / den; the neighbouring doubles are ±1 unit of the last bit (= ulp / den).
    if shift >= 0:
        num, den, ulp = mant << shift, 1, 1 << shift
    else:
        num, den, ulp = mant, 1 << -shift, 1
    # Everything × 4 so that half and quarter units stay integers.  Below a power of two the
    # gap to the next lower double is half as wide.
    up = 2 * ulp
    down = ulp if (mant == 4503599627370496 and shift > -1074) else 2 * ulp
    inclusive = mant % 2 == 0  # round half to even: the bounds themselves read back to value
    num4 = 4 * num
    den4 = 4 * den
    # k: 10**(k-1) <= value < 10**k
    k = len(str(num // den)) if num >= den else 1 - len(str(den // num))
    while _scaled(num, den, 1 - k)[0] < _scaled(num, den, 1 - k)[1]:
        k -= 1
    while _scaled(num, den, -k)[0] >= _scaled(num, den, -k)[1]:
        k += 1
    for precision in range(1, 18):
        s = precision - k
        scale_num, scale_den = _scaled(1, 1, s)
        # candidates c × 10**-s; compare c × den4 × scale_den with (num4 ± bound) × scale_num
        target = num4 * scale_num
        unit = den4 * scale_den
        low = target - down * scale_num
        high = target + up * scale_num
        c = target // unit
        best = None
        for candidate in (c, c + 1):
            at = candidate * unit
            inside = (low <= at <= high) if inclusive else (low < at < high)
            if inside:
                distance = abs(at - target)
                if best is None or distance < best[1] or (distance == best[1] and candidate % 2 == 0):
                    best = (candidate, distance)
        if best is not None:
            digits = str(best[0])
            exponent = -s
            while len(digits) > 1 and digits[-1] == "0":
                digits = digits[:-1]
                exponent += 1
            return digits, exponent
    raise ValueError("no shortest form")  # unreachable: 17 digits always suffice


def _exact(value):
    """(num, den, k) for a finite double > 0: value = num / den exactly, 10**(k-1) <= value < 10**k."""
    fraction, exp2 = math.frexp(value)
    mant = int(fraction * 9007199254740992.0)  # × 2**53: exact
    shift = exp2 - 53
    if shift >= 0:
        num, den = mant << shift, 1
    else:
        num, den = mant, 1 << -shift
    k = len(str(num // den)) if num >= den else 1 - len(str(den // num))
    while _scaled(num, den, 1 - k)[0] < _scaled(num, den, 1 - k)[1]:
        k -= 1
    while _scaled(num, den, -k)[0] >= _scaled(num, den, -k)[1]:
        k += 1
    return num, den, k


def _decimal_digits(value, most=MAX_SIGNIFICANT_DIGITS):
    """(digits, exponent) of a finite double > 0 with at most ``most`` significant digits: the shortest
    decimal that reads back to ``value`` when it is that short (every number typed or read from a
    link is), else the nearest decimal of ``most`` digits (halves up)."""
    digits, exponent = _shortest_digits(value)
    if len(digits) <= most:
        return digits, exponent
    num, den, k = _exact(value)
    s = most - k
    top, bottom = _scaled(num, den, s)
    q, rest = divmod(top, bottom)
    if 2 * rest >= bottom:
        q += 1
    digits, exponent = str(q), -s
    while len(digits) > 1 and digits[-1] == "0":
        digits = digits[:-1]
        exponent += 1
    return digits, exponent


def _decimal_parts(value):
    """(negative, whole, fraction): ``value`` as decimal digits that :func:`parse_number` and
    :func:`parse_decimal` read back, never with an exponent: at most 15 significant digits, and a
    fraction cut (rounded, halves up) so that the text holds at most 32 characters.  Read back for
    every magnitude up to 999 999 999 999 999 (beyond, a number has 16 digits: no one can type it)."""
    value = float(value)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("not a finite number")
    if value == 0:
        return False, "0", ""
    negative = value < 0
    digits, exponent = _decimal_digits(abs(value))
    if exponent >= 0:
        return negative, digits + "0" * exponent, ""
    places = -exponent
    room = MAX_TEXT_LENGTH - (1 if negative else 0) - 2  # the sign, "0" or more, the mark
    if len(digits) > places:
        room -= len(digits) - places - 1
    if places > room:
        # Too long to type (below 1e-16 with many digits): round to the places that fit.
        n = int(digits)
        cut = 10 ** (places - room)
        n, rest = divmod(n, cut)
        if 2 * rest >= cut:
            n += 1
        if n == 0:
            return False, "0", ""
        digits, places = str(n), room
        while places > 0 and digits[-1] == "0":
            digits = digits[:-1]
            places -= 1
    if len(digits) <= places:
        digits = "0" * (places - len(digits) + 1) + digits
    return negative, digits[:len(digits) - places], digits[len(digits) - places:] if places else ""


def format_decimal(value):
    """``value`` as a scenario link writes it: ``-``, digits, a ``.`` (``1500.5``, ``0.00001``).

    Written from the value's own decimal digits (see :func:`_decimal_parts`), the same on every
    runtime, never with an exponent: :func:`parse_decimal` reads it back to the same number.
    """
    negative, whole, fraction = _decimal_parts(value)
    return ("-" if negative else "") + whole + ("." + fraction if fraction else "")


def format_field(value, lang="ru"):
    """``value`` as a field shows it: grouped as the page writes numbers, every digit kept.

    Russian ``600 000`` and ``1 234,5`` (no-break spaces), English ``600,000`` and ``1,234.5``.
    :func:`parse_number` reads it back to the same number: on a Russian page a fraction of exactly three
    digits after a short whole part gets a closing zero (``1,1250``), since ``1,125`` reads two ways.
    """
    negative, whole, fraction = _decimal_parts(value)
    symbols = catalog.get(lang)
    if not _point_decimal(lang) and len(fraction) == 3 and whole != "0" and len(whole) <= 3:
        fraction += "0"
    body = _group(whole, symbols["group"]) + (symbols["decimal"] + fraction if fraction else "")
    return (symbols["minus"] if negative else "") + body


def _scaled(num, den, power):
    """(num × 10**power, den) as an integer pair with ``power`` of either sign."""
    if power >= 0:
        return num * 10 ** power, den
    return num, den * 10 ** (-power)


_EXACT_LIMIT = 2 ** 53


def exact_fraction(value):
    """``value`` (≥ 0) as an exact fraction ``(numerator, denominator)`` of integers.

    Prefers the shortest decimal that reads back as the same float, so 0.7 gives (7, 10), the number a
    person typed, rather than the binary double's 0.6999… .  A float with no such decimal of at most
    17 places (a value no one typed) is taken exactly as the binary double it is.  The same on CPython
    and MicroPython: the search multiplies doubles (each product rounded by IEEE 754, identically on
    both), and a candidate counts only if dividing it back gives the very same double.
    """
    scale = 1
    for _ in range(18):
        scaled = value * scale
        if scaled >= _EXACT_LIMIT:
            break
        units = int(scaled)
        if scaled - units >= 0.5:
            units += 1
        if units / scale == value:
            return units, scale
        scale *= 10
    mantissa, exponent = math.frexp(value)
    units = int(mantissa * _EXACT_LIMIT)  # exact: 53 bits
    exponent -= 53
    if exponent >= 0:
        return units * 2 ** exponent, 1
    return units, 2 ** -exponent
