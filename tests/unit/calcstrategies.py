"""Hypothesis strategies for calculator inputs, shared by the generic and the per-calculator tests.

Everything here is derived from an input's declaration (limits, integer or not), so one strategy
serves every calculator: valid numbers, text a person could type, and values that break a rule.
"""

import math
from decimal import Decimal

from hypothesis import HealthCheck
from hypothesis import strategies as st

from calculators.core import compute_checked
from calculators.numbers import CURRENCY_SIGNS, MAX_SIGNIFICANT_DIGITS, MIN_MAGNITUDE

LANGS = ("ru", "en")
NBSP = "\u00a0"
MINUS = "\u2212"
SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def runner(calculator, base):
    """``run(**changes)``: the outputs of ``calculator`` for ``base`` with some inputs changed."""
    def run(**changes):
        values = dict(base)
        values.update(changes)
        return compute_checked(calculator, values)
    return run


# --- valid numbers -------------------------------------------------------------------------------------------

def value_strategy(spec):
    """A valid value for one input: bounds, zero, round and arbitrary numbers within the limits."""
    lo = float(spec.minimum)
    hi = float(spec.maximum)
    if spec.integer:
        first, last = int(math.ceil(lo)), int(math.floor(hi))
        return st.one_of(
            st.sampled_from(sorted(set([first, last, min(first + 1, last)]))),
            st.integers(first, min(last, first + 1000)),
            st.integers(first, last),
        ).map(float)
    specials = [lo, hi, (lo + hi) / 2, hi / 3]
    for value in (0.0, 0.01, 0.1, 0.3, 0.5, 1.0, 2.0, 10.0, 99.0, 100.0, 1000.0):
        if lo <= value <= hi:
            specials.append(value)
    return st.one_of(
        st.sampled_from(specials),
        st.floats(lo, hi, allow_nan=False, allow_infinity=False).filter(
            lambda v: v == 0 or abs(v) >= MIN_MAGNITUDE),  # below it the parser refuses a number
        st.sampled_from([MIN_MAGNITUDE, 1e-9, 0.001]).filter(lambda v: lo <= v <= hi),
        st.integers(int(math.ceil(lo * 100)), int(math.floor(min(hi, 10 ** 6) * 100))).map(lambda n: n / 100),
    )


def inputs_strategy(calculator):
    """A valid value for every input of ``calculator``: name -> float."""
    return st.fixed_dictionaries(dict((spec.name, value_strategy(spec)) for spec in calculator.inputs))


# --- typed text ----------------------------------------------------------------------------------------------

def _grouped(whole, separator):
    digits = str(whole)
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return separator.join(groups)


def decimal_strategy(spec):
    """A decimal inside the limits with at most 15 significant digits (what the parser accepts)."""
    if spec.integer:
        return st.integers(int(math.ceil(spec.minimum)), int(math.floor(spec.maximum))).map(Decimal)
    places = min(4, MAX_SIGNIFICANT_DIGITS - len(str(int(spec.maximum))))
    # the limits as the decimals they were written as (0.1, not the binary double nearest to it)
    return st.decimals(min_value=Decimal(repr(spec.minimum)), max_value=Decimal(repr(spec.maximum)), places=places,
                       allow_nan=False, allow_infinity=False)


@st.composite
def typed_strategy(draw, spec, lang):
    """(text, value): how a person could type a valid value in ``lang``, and the number it means.

    Russian: decimal comma (or point), thousands grouped by an ordinary, no-break or narrow space (or
    not at all); English: decimal point, thousands grouped by commas or spaces (or not at all).  On a
    Russian page one mark before exactly three digits reads two ways, so such a fraction gets a
    closing zero, as a person who means it would write it (``1,1250``).
    """
    number = draw(decimal_strategy(spec))
    plain = format(number, "f")
    whole, _, fraction = plain.partition(".")
    if lang == "ru":
        separator = draw(st.sampled_from(["", " ", "\u00a0", "\u202f"]))
        mark = draw(st.sampled_from([",", ",", "."]))
        if len(fraction) == 3 and len(whole) <= 3 and whole != "0":
            fraction += "0"
    else:
        separator = draw(st.sampled_from(["", ",", ",", " "]))
        mark = "."
    text = _grouped(int(whole), separator) + (mark + fraction if fraction else "")
    return text, float(number)


def typed_inputs_strategy(calculator, lang):
    """(texts, values) for every input of ``calculator``, typed in ``lang``."""
    pairs = st.fixed_dictionaries(dict((spec.name, typed_strategy(spec, lang)) for spec in calculator.inputs))
    return pairs.map(lambda d: (dict((k, v[0]) for k, v in d.items()), dict((k, v[1]) for k, v in d.items())))


# --- invalid values ------------------------------------------------------------------------------------------

GARBAGE = ["", " ", "abc", "1e5", "1E-2", "inf", "-inf", "Infinity", "nan", "NaN", "None", "null",
           "1.2.3", "1,2,3", "1,5,0", "12abc", "--1", "1..2", "--3", "0x1F", "1_000", "½", "\u0661\u0662",
           "\uff11\uff12", "\u0967", "1" * 33, "1234567890123456", "<b>1</b>", "'; DROP TABLE", "\n", "1\n2",
           "десять", "много"]


def _no_currency(text):
    upper = text.upper()
    return not any(sign.upper() in upper for sign, _ in CURRENCY_SIGNS)


def garbage_strategy():
    letters = st.tuples(st.text(max_size=16), st.characters(categories=["L"]), st.text(max_size=16)).map(
        "".join).filter(_no_currency)  # any text holding a letter (other than a currency's: "5 руб.")
    foreign_digits = st.text(st.characters(categories=["Nd"]).filter(lambda ch: ch not in "0123456789"),
                             min_size=1, max_size=5)
    return st.one_of(st.sampled_from(GARBAGE), letters, foreign_digits)


def invalid_strategy(spec):
    """(raw value, expected error codes) that break one of the input's rules."""
    lo = float(spec.minimum)
    hi = float(spec.maximum)
    # a fractional value out of range may be reported as either rule for a whole-number input
    below = ("below_min", "not_integer") if spec.integer else ("below_min",)
    above = ("above_max", "not_integer") if spec.integer else ("above_max",)
    options = [
        st.floats(lo - 1e12, lo, exclude_max=True, allow_nan=False).filter(
            lambda v: abs(v) >= MIN_MAGNITUDE).map(lambda v: (v, below)),
        # any magnitude at all, down to the most negative float
        st.floats(max_value=min(lo, 0.0) - 1e-9, allow_nan=False, allow_infinity=False).map(lambda v: (v, below)),
        st.sampled_from([-1.0, lo - 1, lo - 0.5]).map(lambda v: (v, below)),
        st.sampled_from(["-1", "\u22121", "-0,5"]).map(lambda v: (v, below)),
        st.floats(hi, hi * 10 + 1, exclude_min=True, allow_nan=False).map(lambda v: (v, above)),
        st.floats(max(hi * 10 + 1, 1e12 + 1), allow_nan=False, allow_infinity=False).map(lambda v: (v, above)),
        st.sampled_from([hi + 1, hi * 2 + 1]).map(lambda v: (v, ("above_max",))),
        st.sampled_from([None, float("nan"), float("inf"), float("-inf"), True]).map(
            lambda v: (v, ("required", "not_a_number"))),
        garbage_strategy().map(lambda v: (v, ("not_a_number", "required", "too_long", "too_precise", "ambiguous",
                                              "ambiguous_comma", "group_marks", "point_groups", "comma_groups",
                                              "percent_here"))),
    ]
    if spec.integer:
        first, last = int(math.ceil(lo)), int(math.floor(hi))
        options.append(st.integers(first, max(first, last - 1)).map(lambda n: (n + 0.5, ("not_integer",))))
        options.append(st.sampled_from(["1.5", "2.25", "0,1"]).filter(lambda t: lo <= float(
            t.replace(",", ".")) <= hi).map(lambda v: (v, ("not_integer",))))
    return st.one_of(options)


def invalid_examples(spec):
    """A fixed table of (raw value, expected code) breaking each rule of one input, for every input alike."""
    lo = float(spec.minimum)
    hi = float(spec.maximum)
    table = [
        (lo - 1, "below_min"), ("-1" if lo == 0 else format(lo - 1, "f"), "below_min"), (-1e300, "below_min"),
        (hi + 1, "above_max"), (hi * 2 + 1, "above_max"), (1e300, "above_max"),
        ("", "required"), ("   ", "required"), (None, "required"),
        ("abc", "not_a_number"), ("12abc", "not_a_number"), ("десять", "not_a_number"), ("1e5", "not_a_number"), ("1.5.0", "not_a_number"),
        ("inf", "not_a_number"), ("nan", "not_a_number"), (float("nan"), "not_a_number"),
        (float("inf"), "not_a_number"), (True, "not_a_number"),
        ("1234567890123456", "too_precise"), ("1" * 33, "too_long"), (1e-31, "too_long"),
    ]
    if spec.integer:
        table.append((lo + 0.5, "not_integer"))
        table.append((format(lo + 0.5, "f").replace(".", ","), "not_integer"))
    return table
