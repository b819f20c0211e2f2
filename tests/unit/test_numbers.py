"""The one parser and the formatting helpers (calculators/numbers.py), by hand-written cases."""

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.errors import CalculatorError
from calculators.numbers import (
    CURRENCY_SYMBOLS,
    MINUS,
    NBSP,
    format_money,
    format_number,
    format_percent,
    format_plain,
    parse_number,
    round_half_away,
)

NNBSP = "\u202f"  # narrow no-break space
THIN = "\u2009"


# --- parse_number: what is accepted -------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("0", 0.0),
    ("1234", 1234.0),
    ("007", 7.0),
    ("1234.5", 1234.5),
    ("1234,5", 1234.5),
    ("0,5", 0.5),
    (",5", 0.5),
    (".25", 0.25),
    ("5.", 5.0),
    ("5,", 5.0),
    ("1 234 567", 1234567.0),
    ("1 234 567,89", 1234567.89),
    ("1" + NBSP + "234" + NBSP + "567,89", 1234567.89),
    ("1" + NNBSP + "234" + NNBSP + "567.89", 1234567.89),
    ("1" + THIN + "234", 1234.0),
    ("1\t234", 1234.0),
    ("  42  ", 42.0),
    ("12 34", 1234.0),  # groups are not checked: spaces are simply ignored
    ("-3", -3.0),
    (MINUS + "3,5", -3.5),
    ("+7", 7.0),
    ("100,000000000000000000", 100.0),  # zeros closing a fraction are not significant
    ("123456789012345", 123456789012345.0),  # 15 significant digits: the limit
    ("0,000000000000000000000000000001", 1e-30),  # 32 characters, correctly rounded
    ("00000000000000000000000000000001", 1.0),  # leading zeros are not significant
    ("1000000000000", 1e12),
])
def test_parse_accepts(text, expected):
    value = parse_number(text, "x")
    assert isinstance(value, float)
    assert value == expected


def test_parse_is_exact_for_decimal_fractions():
    # 0.1 + 0.2 style artefacts must not come from the parser: each value is the double nearest
    # to the decimal typed (digits / 10**k, correctly rounded).
    assert parse_number("0,1") == 0.1
    assert parse_number("2.675") == 2.675
    assert parse_number("999,995") == 999.995
    assert parse_number("0.000123456789012345") == 0.000123456789012345
    assert parse_number("0,0000000000000000000000012345") == 1.2345e-24


@pytest.mark.parametrize("number, expected", [(5, 5.0), (2.5, 2.5), (0, 0.0), (-1, -1.0), (1e-30, 1e-30),
                                              (-0.0, 0.0), (0.1 + 0.2, 0.30000000000000004)])
def test_parse_passes_numbers_through(number, expected):
    value = parse_number(number)
    assert isinstance(value, float) and value == expected


# --- parse_number: what is rejected, and why -------------------------------------------------------

@pytest.mark.parametrize("text, code", [
    (None, "required"),
    ("", "required"),
    ("   ", "required"),
    (NBSP + THIN, "required"),
    ("1e5", "not_a_number"),
    ("1E5", "not_a_number"),
    ("1e-3", "not_a_number"),
    ("inf", "not_a_number"),
    ("-inf", "not_a_number"),
    ("Infinity", "not_a_number"),
    ("nan", "not_a_number"),
    ("NaN", "not_a_number"),
    ("\u0661\u0662\u0663", "not_a_number"),  # Arabic-Indic ١٢٣
    ("\u06f1\u06f2", "not_a_number"),  # Extended Arabic-Indic (Persian) ۱۲
    ("\uff11\uff12\uff13", "not_a_number"),  # full-width １２３
    ("\u0967\u0968", "not_a_number"),  # Devanagari १२
    ("1\u0662", "not_a_number"),  # a foreign digit among ASCII ones
    ("1.2.3", "not_a_number"),
    ("1,2.3", "not_a_number"),
    ("1,234.5", "not_a_number"),  # a comma is a decimal mark, never a group separator
    (".", "not_a_number"),
    (",", "not_a_number"),
    ("-", "not_a_number"),
    ("--1", "not_a_number"),
    ("+-1", "not_a_number"),
    ("1-", "not_a_number"),
    ("0x10", "not_a_number"),
    ("1_000", "not_a_number"),
    ("abc", "not_a_number"),
    ("12abc", "not_a_number"),
    ("12%", "not_a_number"),
    ("1\n", "not_a_number"),
    ("1" * 33, "too_long"),
    ("0," + "0" * 31, "too_long"),
    ("1 " * 200, "too_long"),
    ("1234567890123456", "too_precise"),  # 16 significant digits
    ("0,1234567890123456", "too_precise"),
    ("1 000 000 000 000 000", "too_precise"),  # integer zeros count: 16 digits
    (True, "not_a_number"),
    (False, "not_a_number"),
    (float("nan"), "not_a_number"),
    (float("inf"), "not_a_number"),
    (float("-inf"), "not_a_number"),
    (10 ** 400, "not_a_number"),
    ([1], "not_a_number"),
    (b"12", "not_a_number"),
    (2.2e-309, "too_long"),  # a number no one can type in 32 characters
    (-9e-31, "too_long"),
])
def test_parse_rejects(text, code):
    with pytest.raises(CalculatorError) as caught:
        parse_number(text, "average_order")
    error = caught.value
    assert error.code == code
    assert error.field == "average_order"
    assert error.message("ru") and error.message("en")
    assert error.message("ru") != error.message("en")
    assert "average_order" in str(error)


def test_parse_length_counts_characters_without_spaces():
    assert parse_number("1" * 15 + " " * 20) == float("1" * 15)
    assert parse_number("0," + "0" * 30) == 0.0  # 32 characters exactly


@given(st.integers(min_value=0, max_value=10 ** 15 - 1), st.integers(min_value=0, max_value=14),
       st.sampled_from([".", ","]), st.sampled_from(["", " ", NBSP, NNBSP, THIN]))
@settings(max_examples=300, deadline=None)
def test_parse_reads_any_typed_decimal(digits, places, mark, space):
    text = str(digits).rjust(places + 1, "0")
    whole, fraction = (text[:-places], text[-places:]) if places else (text, "")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    typed = space.join([whole] + groups) + (mark + fraction if fraction else "")
    expected = float(whole + "".join(groups) + "." + fraction) if fraction else float(text)
    assert parse_number(typed) == expected
    assert parse_number("-" + typed) == -expected


# --- round_half_away -------------------------------------------------------------------------------

@pytest.mark.parametrize("value, decimals, expected", [
    (2.5, 0, 3),
    (-2.5, 0, -3),
    (0.5, 0, 1),
    (1.5, 0, 2),
    (0.49999999999999994, 0, 0),  # the double just below one half
    (2.4, 0, 2),
    (-2.4, 0, -2),
    (0, 0, 0),
    (1.005, 2, 100),  # 1.005 is stored as 1.00499999999999989…
    (2.675, 2, 268),  # 2.675 × 100 rounds to exactly 267.5 in double arithmetic
    (0.125, 2, 13),  # exact half: away from zero (CPython's round() gives 0.12)
    (-0.125, 2, -13),
    (-0.005, 2, -1),
    (999.995, 2, 100000),
    (1234567.891, 2, 123456789),
    (1e12, 2, 100000000000000),
    (1e18, 0, 10 ** 18),
    (7.25, 1, 73),
])
def test_round_half_away(value, decimals, expected):
    result = round_half_away(value, decimals)
    assert result == expected
    assert isinstance(result, int)


# --- format_number -----------------------------------------------------------------------------------

@pytest.mark.parametrize("value, lang, decimals, expected", [
    (1234567.891, "ru", 2, "1" + NBSP + "234" + NBSP + "567,89"),
    (1234567.891, "en", 2, "1,234,567.89"),
    (0, "ru", 0, "0"),
    (0, "en", 2, "0.00"),
    (999, "ru", 0, "999"),
    (1000, "ru", 0, "1" + NBSP + "000"),
    (1000, "en", 0, "1,000"),
    (100000, "en", 0, "100,000"),
    (1e12, "ru", 0, NBSP.join(["1", "000", "000", "000", "000"])),
    (1e12, "en", 0, "1,000,000,000,000"),
    (0.05, "ru", 1, "0,1"),
    (0.001, "en", 3, "0.001"),
    (0.5, "en", 0, "1"),
    (-1234.5, "ru", 0, MINUS + "1" + NBSP + "235"),
    (-1234.5, "en", 1, MINUS + "1,234.5"),
    (-0.004, "ru", 2, "0,00"),  # no negative zero
    (2.675, "en", 2, "2.68"),
    (0.125, "en", 2, "0.13"),
    (-0.005, "en", 2, MINUS + "0.01"),
    (999.995, "ru", 2, "1" + NBSP + "000,00"),
])
def test_format_number(value, lang, decimals, expected):
    assert format_number(value, lang, decimals) == expected


# --- format_money ------------------------------------------------------------------------------------

def test_format_money_defaults():
    assert format_money(1234567.89, "ru") == "1" + NBSP + "234" + NBSP + "567,89" + NBSP + "₽"
    assert format_money(1234567.89, "en") == "$1,234,567.89"
    assert format_money(1234567.891, "en") == "$1,234,567.89"


def test_format_money_negative_uses_the_minus_sign():
    assert format_money(-1234.5, "ru") == MINUS + "1" + NBSP + "234,50" + NBSP + "₽"
    assert format_money(-1234.5, "en") == MINUS + "$1,234.50"
    assert format_money(-0.001, "en") == "$0.00"


def test_format_money_decimals():
    assert format_money(2500, "ru", decimals=0) == "2" + NBSP + "500" + NBSP + "₽"
    assert format_money(2500, "en", None, 0) == "$2,500"


@pytest.mark.parametrize("currency, symbol", [("RUB", "₽"), ("USD", "$"), ("EUR", "€"), ("UAH", "₴"),
                                              ("KZT", "₸")])
def test_format_money_every_currency_in_both_languages(currency, symbol):
    assert CURRENCY_SYMBOLS[currency] == symbol
    assert format_money(1234.5, "ru", currency) == "1" + NBSP + "234,50" + NBSP + symbol
    assert format_money(1234.5, "en", currency) == symbol + "1,234.50"
    assert format_money(-7, "ru", currency, 0) == MINUS + "7" + NBSP + symbol
    assert format_money(-7, "en", currency, 0) == MINUS + symbol + "7"


def test_currency_list_is_the_five_of_the_issue():
    assert sorted(CURRENCY_SYMBOLS) == ["EUR", "KZT", "RUB", "UAH", "USD"]


# --- format_percent -----------------------------------------------------------------------------------

@pytest.mark.parametrize("value, lang, decimals, expected", [
    (7.5, "ru", 1, "7,5" + NBSP + "%"),
    (7.5, "en", 1, "7.5%"),
    (7, "ru", 1, "7,0" + NBSP + "%"),
    (30, "en", 0, "30%"),
    (99.95, "ru", 1, "100,0" + NBSP + "%"),
    (-2.5, "en", 1, MINUS + "2.5%"),
    (-2.5, "ru", 1, MINUS + "2,5" + NBSP + "%"),
    (1234.5, "en", 0, "1,235%"),
])
def test_format_percent(value, lang, decimals, expected):
    assert format_percent(value, lang, decimals) == expected


def test_format_percent_default_decimals():
    assert format_percent(12.34, "en") == "12.3%"


# --- format_plain ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    (None, ""),
    (0, "0"),
    (0.0, "0"),
    (-0.0, "0"),
    (5, "5"),
    (5.0, "5"),
    (-5.0, "-5"),
    (7.5, "7.5"),
    (2.675, "2.675"),
    (0.125, "0.125"),
    (-0.005, "-0.005"),
    (999.995, "999.995"),
    (1234567.891, "1234567.891"),
    (0.1 + 0.2, "0.30000000000000004"),
    (1 / 3, "0.3333333333333333"),
    (4.675324675324676, "4.675324675324676"),
    (1e12, "1000000000000"),
    (1e15, "1000000000000000"),
    (1e16, "1e16"),
    (1.5e16, "1.5e16"),
    (123456789012345.6, "123456789012345.6"),
    (0.0001, "0.0001"),
    (0.00012, "0.00012"),
    (1.5e-7, "1.5e-7"),
    (1e-30, "1e-30"),
    (5e-324, "5e-324"),
    (1.7976931348623157e308, "1.7976931348623157e308"),
    (2 ** 53 + 0.0, "9007199254740992"),
])
def test_format_plain(value, expected):
    assert format_plain(value) == expected


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_format_plain_refuses_non_finite(value):
    with pytest.raises(ValueError):
        format_plain(value)


def _digits(text):
    mantissa = text.lstrip("-").split("e")[0].replace(".", "")
    return mantissa.lstrip("0").rstrip("0")


@given(st.floats(allow_nan=False, allow_infinity=False))
@settings(max_examples=1000, deadline=None)
def test_format_plain_is_the_shortest_round_trip(value):
    text = format_plain(value)
    assert json.loads(text) == value  # a JSON number that reads back to the same double
    assert float(text) == value
    assert "+" not in text and "E" not in text and " " not in text
    if value != 0:
        assert _digits(text) == _digits(repr(value))  # as short as CPython's repr, same digits


@given(st.floats(min_value=-1e12, max_value=1e12))
@settings(max_examples=300, deadline=None)
def test_format_number_agrees_with_exact_rounding(value):
    # Against an independent reference: the double's exact value, rounded half away on integers.
    from fractions import Fraction
    exact = abs(Fraction(value)) * 100
    units = int(exact)
    if exact - units >= Fraction(1, 2):
        units += 1
    ours = abs(round_half_away(value, 2))
    # ours multiplies in floating point first, so it may differ from the exact value only at a
    # tie created by that multiplication (one unit at most).
    assert abs(ours - units) <= 1
    text = format_number(value, "en", 2)
    assert text.replace(",", "").replace(MINUS, "-").lstrip("-") == "%d.%02d" % (ours // 100, ours % 100)
    assert not math.isnan(value)
