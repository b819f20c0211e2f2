"""Reading and writing numbers the same way on CPython and MicroPython.

One parser for every face (page, build, command line) and our own formatting, because MicroPython's
``round()`` and ``"{:,.2f}"`` differ from CPython's. Rounding is done on integers: half away from zero.

Russian: ``1 234 567,89 ₽`` (no-break spaces), ``7,5 %``.  English: ``$1,234,567.89``, ``7.5%``.
Negative numbers use the minus sign U+2212.
"""

import math

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
DEFAULT_CURRENCY = {"ru": "RUB", "en": "USD"}
LANGS = ("ru", "en")


def parse_number(text, field=None):
    """Read a number typed by a person; return a float.

    Accepts ASCII digits, one decimal mark (``.`` or ``,``), spaces of any width as group
    separators and a leading minus (so that "below the minimum" can be reported plainly).
    Rejects exponents, ``inf``/``nan``, other scripts' digits and more than 15 significant digits.
    A number (not text) is taken as it is, unless it is not finite or is smaller in magnitude than
    anything that can be typed (below 1e-30, other than zero).
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
    # Zeros at the end of the fraction change nothing ("100,000000000000000" is 100).
    fraction = fraction.rstrip("0")
    digits = (whole + fraction).lstrip("0")
    if len(digits) > MAX_SIGNIFICANT_DIGITS:
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
    and MicroPython: every step is integer arithmetic or an exactly representable float.
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
