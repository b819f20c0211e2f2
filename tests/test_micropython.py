"""The same cases under CPython and under MicroPython (the WebAssembly build the site ships, in Node):
identical raw outputs (exact bits and ``data-value`` text), formatted text, charts and error messages.

The cases are built here, run once in CPython (``scripts/mpy_parity_runner.py``) and in MicroPython
by ``scripts/mpy_parity.mjs`` (the same runner): once over ``calculators/*.py`` and once over the
``.mpy`` bytecode the site ships (two Node processes, side by side), then compared case by case.
"""

import json
import math
import os
import random
import shutil
import struct
import subprocess
import threading
import zlib

import pytest

from calculators.registry import CALCULATORS
from scripts import mpy_parity_runner

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPT = os.path.join(ROOT, "scripts", "mpy_parity.mjs")
LOADER = os.path.join(ROOT, "node_modules", "@micropython", "micropython-webassembly-pyscript", "micropython.mjs")
NBSP = "\u00a0"
LANGS = ("ru", "en")
CURRENCIES = ("RUB", "USD", "EUR", "UAH", "KZT")
RANDOM_CASES = 30



def exact(value):
    """A float as the runner reads it exactly: mantissa × 2**exponent."""
    if not math.isfinite(value):
        return {"$f": str(value)}  # "nan", "inf", "-inf"
    if value == 0:
        return {"$f": [0, 0]}
    fraction, exponent = math.frexp(value)
    return {"$f": [int(fraction * 2 ** 53), exponent - 53]}


def encode_case(data):
    if isinstance(data, float):
        return exact(data)
    if isinstance(data, dict):
        return dict((key, encode_case(value)) for key, value in data.items())
    if isinstance(data, (list, tuple)):
        return [encode_case(item) for item in data]
    return data


# --- values a person would type --------------------------------------------------------------------------

def typed(units, places, lang, rng):
    """``units / 10**places`` as text: ru with a decimal comma (or point) and spaces of any kind, en with
    a decimal point and commas (or spaces); in Russian three digits after one mark get a closing zero,
    as a person who means a fraction writes them (``1,1250``: ``1,125`` reads two ways)."""
    text = str(units).rjust(places + 1, "0")
    whole, fraction = (text[:-places], text[-places:]) if places else (text, "")
    if lang == "ru":
        space = rng.choice(["", " ", NBSP, "\u202f", "\u2009"])
        mark = rng.choice([",", ",", "."])
        if len(fraction) == 3 and len(whole) <= 3 and whole != "0":
            fraction += "0"
    else:
        space = rng.choice(["", ",", ",", " "])
        mark = "."
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    whole = space.join([whole] + groups)
    return whole + (mark + fraction if fraction else "")


def random_value(spec, lang, rng):
    lo, hi = float(spec.minimum), float(spec.maximum)
    draw = rng.random()
    if draw < 0.08:
        return typed(int(lo), 0, lang, rng) if lo == int(lo) else exact(lo)
    if draw < 0.16:
        return typed(int(hi), 0, lang, rng) if hi == int(hi) else exact(hi)
    if draw < 0.22 and lo <= 0:
        return "0"
    upper = min(hi, 10.0 ** rng.randint(0, 12))
    if spec.integer:
        return typed(rng.randint(int(math.ceil(lo)), int(upper)), 0, lang, rng)
    if draw < 0.35:
        # a number handed over as a float (as the build or a library caller does)
        return exact(lo + (upper - lo) * rng.random())
    digits_before = len(str(int(upper)))
    places = rng.randint(0, max(0, min(4, 15 - digits_before)))
    scale = 10 ** places
    units = rng.randint(int(math.ceil(lo * scale)), int(upper * scale))
    return typed(units, places, lang, rng)


def invalid_values(spec, index):
    lo, hi = spec.minimum, spec.maximum
    garbage = ["abc", "1e5", "inf", "nan", "", "\uff11\uff12", "\u0661\u0662", "1.2.3", "1" * 33,
               "1234567890123456", "--1", "12 %"]
    values = [
        "-1" if lo >= 0 else str(lo - 1),
        str(int(hi) * 10 + 1),
        garbage[index % len(garbage)],
        garbage[(index + 5) % len(garbage)],
    ]
    if spec.integer:
        values.append("1,5")
    return values


# --- the cases -----------------------------------------------------------------------------------------------

# Scenarios worth running on both runtimes besides the random ones: limits, large traffic, the
# published check, answers all alike, tiny surveys.
EXTRA_VIEWS = {
    "call_staffing": [
        {"calls_per_hour": "720", "handle_time_seconds": "240", "target_answer_seconds": "15",
         "target_service_level_pct": "80"},
        {"calls_per_hour": "60000", "handle_time_seconds": "240"},  # 4 000 Erlangs
        {"calls_per_hour": "75000", "handle_time_seconds": "240", "target_service_level_pct": "99,9",
         "target_answer_seconds": "0"},  # exactly 5 000 Erlangs, the strictest target
        {"calls_per_hour": "75000", "handle_time_seconds": "240.1"},  # just above the limit
        {"calls_per_hour": "0"},
        {"handle_time_seconds": "0"},
        {"calls_per_hour": "0.5", "handle_time_seconds": "7200", "target_service_level_pct": "0,1"},
        {"calls_per_hour": "1", "handle_time_seconds": "1", "target_answer_seconds": "3600"},
        {"calls_per_hour": "100", "handle_time_seconds": "180", "shrinkage_pct": "90"},
    ],
    # the bar charts at their edges: losses left of zero, nothing to draw, the largest amounts
    "customer_value": [
        {"other_costs": "900000"},  # a loss: the net value runs left of zero
        {"annual_revenue": "0", "gross_margin_pct": "0", "service_hours": "0", "hourly_cost": "0", "other_costs": "0"},
        {"annual_revenue": "1000000000000", "gross_margin_pct": "100", "service_hours": "1000000",
         "hourly_cost": "1000000000000", "other_costs": "1000000000000"},
        {"annual_revenue": "78", "gross_margin_pct": "0", "other_costs": "0,01", "service_hours": "0"},
        {"service_hours": "20", "hourly_cost": "16", "other_costs": "640", "annual_revenue": "2400"},  # exactly 0
    ],
    "word_of_mouth": [
        {"people_told": "0"},  # nobody new: the cost per customer is left out
        {"charm_budget": "5"},  # not one gesture: no chart
        {"paid_cac": "0"},
        {"people_told": "1"},  # dearer than paid channels
        {"clv": "10"},  # the stories bring back less than they cost
        {"charm_budget": "1000000000000", "cost_per_gesture": "0,01", "people_told": "1000000",
         "told_conversion_pct": "100", "clv": "1000000000000", "paid_cac": "1000000000000"},
    ],
    "affiliate_commission": [
        {"commission_pct": "40", "gross_margin_pct": "25"},  # each sale loses money
        {"commission_pct": "30"},  # the commission eats the whole margin
        {"gross_margin_pct": "0", "commission_pct": "100", "average_order": "1000000000000", "paid_cac": "0"},
        {"average_order": "0", "paid_cac": "0"},  # nothing to draw
        {"average_order": "2", "paid_cac": "1,2", "commission_pct": "10", "gross_margin_pct": "90"},
    ],
    "bonus_uptake": [
        {"repeat_rate_with_pct": "15"},  # the bonus lowers the repeat rate
        {"repeat_rate_with_pct": "22"},  # short of the break-even
        {"bonus_cost_per_use": "100000"},  # can never pay back
        {"bonus_cost_per_use": "0"},
        {"customers": "0"},
        {"repeat_rate_without_pct": "100", "repeat_rate_with_pct": "100"},
        {"customers": "1000000000", "bonus_cost_per_use": "1000000000000", "uptake_pct": "100",
         "average_order": "0,01", "gross_margin_pct": "0,1"},
    ],
    "nps_change": [
        {"promoters_before": "0", "passives_before": "0", "detractors_before": "0"},
        {"promoters_after": "0", "passives_after": "0", "detractors_after": "0"},
        {"promoters_after": "0", "passives_after": "7", "detractors_after": "0"},
        {"promoters_before": "0", "passives_before": "0", "detractors_before": "12"},
        {"promoters_before": "5", "passives_before": "3", "detractors_before": "2",
         "promoters_after": "6", "passives_after": "2", "detractors_after": "2"},
        {"promoters_after": "200", "passives_after": "100", "detractors_after": "100"},
        {"promoters_before": "1000000000", "passives_before": "1", "detractors_before": "999999999"},
    ],
}


# Per calculator, how many of its cases come before the random and invalid ones (see ``source_cases``).
FIXED = {}


def calculator_cases(name):
    calculator = CALCULATORS[name]
    rng = random.Random(zlib.crc32(name.encode()))
    cases = []

    def view(lang, raw=None, currency=None, preset=None):
        cases.append({"op": "view", "calculator": name, "lang": lang, "currency": currency, "raw": raw,
                      "preset": preset})

    for lang in LANGS:
        view(lang)
        view(lang, calculator.defaults(lang))
        for preset in sorted(calculator.presets):
            view(lang, None, None, preset)
    for currency in CURRENCIES:
        view(rng.choice(LANGS), None, currency)
    for index, raw in enumerate(EXTRA_VIEWS.get(name, [])):
        view(LANGS[index % 2], raw)
    FIXED[name] = len(cases)
    for _ in range(RANDOM_CASES):
        lang = rng.choice(LANGS)
        raw = dict((spec.name, random_value(spec, lang, rng)) for spec in calculator.inputs)
        view(lang, raw, rng.choice(CURRENCIES + (None, None)))
    for index, spec in enumerate(calculator.inputs):
        for value in invalid_values(spec, index):
            lang = LANGS[index % 2]
            raw = calculator.defaults(lang)
            raw[spec.name] = value
            view(lang, raw)
    return [encode_case(case) for case in cases]


TRICKY = [2.675, 0.125, 1234567.891, 1e12, -0.005, 999.995, 1.005, 0.045, 8.675, 4.35, 2.5, -2.5, 0.5, 1.5,
          1e15, 1e16, 1e22, 1e23, 123456789012345.6, 0.1 + 0.2, 1 / 3, 2 / 3, -1 / 3, 1e-7, 1.5e-7, 1e-30,
          0.49999999999999994, 1.0000000000000002, 9007199254740993.0, 12345.678, -1234567.891, 7699.999999999998,
          4.675324675324676, 0.0, -0.0, 100.0, 99.995, 0.005, 0.015, 1.115, 1e-5, 0.0001]
SMALL = [v for v in TRICKY if abs(v) < 1e20]


def random_doubles(count, seed):
    rng = random.Random(seed)
    out = []
    while len(out) < count:
        value = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
        if math.isfinite(value):
            out.append(value)
    return out


def decimal_ties(count, seed):
    """Doubles nearest to decimals that end in 5 just past the 15th (or 3rd…17th) significant digit:
    where a formatter that is not exact rounds the wrong way."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        digits = rng.randint(2, 16)
        n = rng.randint(10 ** (digits - 1), 10 ** digits - 1)
        out.append(float(str(n) + "5e" + str(rng.randint(-12, 6))) * rng.choice([1, -1]))
    return out


# Doubles on which MicroPython's own "%.15g" disagrees with CPython's (found by an earlier run).
PERCENT_G_MISMATCHES = [math.ldexp(m, e) for m, e in [
    (8730461844651705, 0), (6831795096545605, 0), (-4843957146440400, -6), (7242165897640900, -3),
    (6714632854863204, -3)]]


def random_amounts(count, seed):
    rng = random.Random(seed)
    return [rng.choice([1, -1]) * rng.random() * 10 ** rng.randint(-3, 13) for _ in range(count)]


PARSE_TEXTS = ["0", "1234", "1 234 567,89", "1" + NBSP + "234.5", "1\u202f234", "1\u2009234", ",5", "5.", "-3",
               "\u22123,5", "+7", "100,000000000000000000", "123456789012345", "0,000000000000000000000000000001",
               "0,0000000000000000000000012345", "0.1", "2.675", "999,995", "0.000123456789012345",
               "00000000000000000000000000000001", "1000000000000", "", " ", "1e5", "inf", "nan", "\u0661\u0662",
               "\uff11\uff12", "1.2.3", "1,234.5", ".", "-", "--1", "1" * 33, "1234567890123456", "0,1234567890123456",
               "abc", "12%", None, True, 5, 2.5, 1e-31, float("nan")]


# The rules of the page's language (calculators/numbers.py: parse_number), with every kind of input.
RULE_TEXTS = ["12,000", "1,200,000.50", "1 200 000,50", "1,5", "1.5", "1.500", "12,00", "0,125", "0.001",
              "1.500.000", "1,500,000", "1.500,50", "1,500.50", "1,20,000", "1234,567", "1 234,567", "999.999",
              "1,1250", "60%", "7,5 %", "1 500 ₽", "₽1 500", "1 500 руб.", "1500 р.", "1500р", "RUB 12", "$1,500.50",
              "-$5", "$-5", "usd 12", "€12", "12 EUR", "₴12", "12 KZT", "$5%", "$", "%", "5 рубль",
              "\u22125" + NBSP + "₽", "1" + NBSP + "200\u202f000\u2009000", "5,", ",5", ",500,000",
              "15 с", "15с", "15,5" + NBSP + "с", "15 s", "15s", "1,500 s", "с", "s", "15 сек", "15 С", "15 с %"]
RULE_KINDS = [(None, None), ("pct", None), ("count", None), ("money", "RUB"), ("money", "USD"), ("money", None),
              ("seconds", None)]
LINK_TEXTS = ["0", "1500", "1500.5", "2500.50", "007", "5.", ".5", "-0", "-3.25", "0.00001",
              "0.000000000000000000000000000001", "123456789012345", "1234567890123456", "1" * 33, "1,5", "1 500",
              "1e-5", "\u22125", "+5", "1.2.3", "", "-", ".", "inf", "%FF", "5%"]


def limit_values(spec, rng, count=6):
    """Decimals a person can type inside an input's limits: its minimum and maximum, and decimals of up
    to 15 significant digits (and at most 30 places: 32 characters)."""
    lo, hi = spec.minimum, spec.maximum
    values = [float(lo), float(hi)]
    while len(values) < count + 2:
        digits = rng.randint(1, 15)
        n = rng.randint(10 ** (digits - 1), 10 ** digits - 1)
        exponent = 0 if spec.integer else rng.randint(-30, len(str(int(hi))) - digits)
        value = float(str(n) + "e" + str(exponent))
        if lo <= value <= hi:
            values.append(value)
    return values


def round_trip_cases():
    """Each input's limits and decimals, and 10**-k (k = 1…30: the same for every input), written into a
    field and a link and read back, in both languages."""
    rng = random.Random(23)
    cases = []
    for lang in LANGS:
        for k in range(1, 31):
            cases.append(encode_case({"op": "round_trip", "value": 10.0 ** -k, "lang": lang, "kind": "number"}))
    for name in sorted(CALCULATORS):
        for spec in CALCULATORS[name].inputs:
            for value in limit_values(spec, rng):
                for lang in LANGS:
                    currency = rng.choice(CURRENCIES) if spec.kind == "money" else None
                    cases.append(encode_case({"op": "round_trip", "value": value, "lang": lang, "kind": spec.kind,
                                              "currency": currency}))
    return cases


def function_cases():
    rng = random.Random(7)
    groups = {}
    calls = []
    for text in PARSE_TEXTS:
        calls.append(("numbers.parse_number", [text, "field"]))
    for _ in range(150):
        digits = rng.randint(0, 10 ** rng.randint(1, 15) - 1)
        places = rng.randint(0, 31 - len(str(digits)))
        lang = rng.choice(LANGS)
        calls.append(("numbers.parse_number", [typed(digits, places, lang, rng), None, lang]))
    groups["parse_number"] = calls

    calls = []
    for text in RULE_TEXTS:
        for lang in LANGS:
            for kind, currency in RULE_KINDS:
                calls.append(("numbers.parse_number", [text, "field", lang, kind, currency]))
    groups["number_rules"] = calls

    calls = []
    for text in LINK_TEXTS:
        calls.append(("numbers.parse_decimal", [text, "field"]))
    for value in TRICKY + random_amounts(100, 19) + [10.0 ** -k for k in range(1, 31)]:
        calls.append(("numbers.format_decimal", [value]))
        for lang in LANGS:
            calls.append(("numbers.format_field", [value, lang]))
    groups["field_and_link"] = calls

    calls = []
    for value in TRICKY + PERCENT_G_MISMATCHES + random_doubles(300, 11) + random_amounts(200, 12) \
            + decimal_ties(300, 16):
        calls.append(("numbers.format_plain", [value]))
    groups["format_plain"] = calls

    for func in ("format_number", "format_percent"):
        calls = []
        for value in SMALL + random_amounts(100, 13) + [v for v in decimal_ties(60, 17) if abs(v) < 1e20]:
            for lang in LANGS:
                for decimals in (0, 1, 2, 3):
                    calls.append(("numbers." + func, [value, lang, decimals]))
        groups[func] = calls

    calls = []
    for value in SMALL + random_amounts(120, 14):
        for lang in LANGS:
            for currency in CURRENCIES:
                calls.append(("numbers.format_money", [value, lang, currency, rng.choice([0, 2])]))
    groups["format_money"] = calls

    calls = []
    for value in SMALL + random_amounts(100, 15) + [v for v in decimal_ties(100, 18) if abs(v) < 1e20]:
        for decimals in (0, 1, 2):
            calls.append(("numbers.round_half_away", [value, decimals]))
    groups["round_half_away"] = calls

    calls = []
    for kind in ("money", "count", "pct", "ratio", "years", "months", "number"):
        for value in SMALL + [float(n) for n in range(0, 30)] + [101.0, 111.0, 112.0, 121.0]:
            for lang in LANGS:
                calls.append(("core.format_value", [kind, value, lang, None, None]))
                calls.append(("core.format_value", [kind, value, lang, "EUR", 1]))
    groups["format_value"] = calls

    hostile = ["<script>alert('x')</script>", "a & b", "\"quoted\"", "x\x00y\x07z", "ёлочки «»", "\ud7ff\ue000",
               "1\u00a0000 ₽", "]]>", "\uffff"]
    groups["escape"] = [("charts.escape", [text]) for text in hostile]

    cases = {}
    for group, calls in groups.items():
        cases[group] = [encode_case({"op": "call", "func": func, "args": list(args)}) for func, args in calls]
    return cases


def all_cases():
    cases = {}
    for name in sorted(CALCULATORS):
        cases["calculator:" + name] = calculator_cases(name)
    cases["round_trip"] = round_trip_cases()
    for group, calls in function_cases().items():
        cases["function:" + group] = calls
    return cases


CASES = all_cases()


# --- running them --------------------------------------------------------------------------------------------------

def _compile_bytecode(target):
    """The package as the site ships it (``.mpy`` by mpy-cross); a reason string when it cannot be."""
    try:
        from scripts import runtime
        for name in runtime.python_files():
            runtime.compile_module(os.path.join(runtime.PACKAGE_DIR, name),
                                   os.path.join(target, name[:-3] + ".mpy"))
    except Exception as error:  # mpy-cross missing or of another version
        return "cannot compile the bytecode the site ships: %s" % error
    return None


def source_cases(group, bytecode):
    """The cases of ``group`` run from the calculators' source.  Each calculator view costs MicroPython
    about 30 ms: when the bytecode the site ships runs every case, the source runs each calculator's
    defaults, presets, currencies and extra views (the same modules compiled otherwise), not its random
    and invalid input again."""
    if bytecode and group.startswith("calculator:"):
        return CASES[group][:FIXED[group.split(":", 1)[1]]]
    return CASES[group]


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """{mode: {group: (cases, cpython results, micropython results)}} for mode "source" (calculators/*.py)
    and "bytecode" (the .mpy files the site ships); each mode is one Node process, both run at once.

    Once per test run: this file's tests stay on one worker (its xdist group, ``conftest.py``)."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed: the MicroPython parity tests need Node 20+")
    if not os.path.exists(LOADER):
        pytest.skip("node_modules lacks @micropython/micropython-webassembly-pyscript: run `npm ci`")
    bytecode = str(tmp_path_factory.mktemp("mpy"))
    skipped = _compile_bytecode(bytecode)
    commands = {"source": ["node", SCRIPT]}
    if skipped is None:
        commands["bytecode"] = ["node", SCRIPT, "--modules", bytecode]
    running = {}
    for mode, command in commands.items():
        chosen = dict((group, CASES[group] if mode == "bytecode" else source_cases(group, skipped is None))
                      for group in sorted(CASES))
        flat = [case for group in sorted(chosen) for case in chosen[group]]
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, cwd=ROOT)
        answers = {}
        # Fed and read in a thread of its own, so that MicroPython runs while CPython does below.
        thread = threading.Thread(target=lambda p=process, a=answers, data=json.dumps(flat).encode("utf-8"): a.update(
            zip(("stdout", "stderr"), p.communicate(data, timeout=900))))  # generous: a loaded machine is slow
        thread.start()
        running[mode] = (process, chosen, thread, answers)
    cpython = {}
    for group in sorted(CASES):
        cpython[group] = mpy_parity_runner.run_cases(json.loads(json.dumps(CASES[group])))
    out = {"bytecode": skipped}
    for mode, (process, chosen, thread, answers) in running.items():
        thread.join()
        assert process.returncode == 0 and "stdout" in answers, "%s: %s" % (
            mode, answers.get("stderr", b"no answer").decode("utf-8", "replace"))
        micro = json.loads(answers["stdout"].decode("utf-8"))
        out[mode] = {}
        start = 0
        for group in sorted(chosen):
            count = len(chosen[group])
            out[mode][group] = (chosen[group], cpython[group][:count], micro[start:start + count])
            start += count
    return out


def differences(cases, cpython, micro, limit=5):
    found = []
    for case, a, b in zip(cases, cpython, micro):
        if a != b:
            found.append(json.dumps({"case": case, "cpython": a, "micropython": b}, ensure_ascii=False,
                                    sort_keys=True)[:3000])
            if len(found) >= limit:
                break
    return found


@pytest.mark.parametrize("mode", ["source", "bytecode"])
@pytest.mark.parametrize("group", sorted(CASES))
def test_micropython_matches_cpython(results, group, mode):
    if isinstance(results[mode], str):
        pytest.skip(results[mode])
    cases, cpython, micro = results[mode][group]
    assert len(micro) == len(cases)
    diff = differences(cases, cpython, micro)
    assert diff == [], "%d of %d cases differ; first ones:\n%s" % (
        sum(1 for a, b in zip(cpython, micro) if a != b), len(cases), "\n".join(diff))


@pytest.mark.parametrize("group", sorted(g for g in CASES if g.startswith("calculator:")))
def test_cases_exercise_the_calculators(results, group):
    """The cases are meaningful: views render, charts draw, invalid input gives messages, nothing raises."""
    cases, cpython, _ = results["source" if isinstance(results["bytecode"], str) else "bytecode"][group]
    views = [r for c, r in zip(cases, cpython) if c["op"] == "view"]
    assert all("exception" not in r and "error" not in r for r in cpython), [r for r in cpython if "exception" in r]
    assert len(views) >= RANDOM_CASES + 10
    assert sum(1 for r in views if r["errors"]) >= 10
    assert sum(1 for r in views if not r["errors"]) >= RANDOM_CASES
    name = group.split(":", 1)[1]
    calculator = CALCULATORS[name]
    if calculator.chart is not None:
        assert sum(1 for r in views if r["chart"]) >= 10, "the declared chart is drawn in too few cases"
    if calculator.verdict is not None:
        assert sum(1 for r in views if r["verdict"]) >= 10, "the verdict is stated in too few cases"
    else:
        assert all(r["verdict"] == "" for r in views)


def test_round_trip_cases_read_back_the_same_number(results):
    """Every value written into a field or a link reads back as itself (on CPython; the parity tests
    above require MicroPython to give the very same results)."""
    cases, cpython, _ = results["source"]["round_trip"]
    assert len(cases) > 500
    for case, result in zip(cases, cpython):
        assert "error" not in result and "exception" not in result, (case, result)
        bits = mpy_parity_runner.float_bits(mpy_parity_runner.decode(case["value"]))
        assert result["from_field"]["f"] == bits and result["from_link"]["f"] == bits, (case, result)
        assert "e" not in result["link"] and "e" not in result["field"], result


def test_number_rule_cases_cover_every_rule(results):
    cases, cpython, _ = results["source"]["function:number_rules"]
    codes = set(r["error"][0] for r in cpython if "error" in r)
    assert codes >= {"ambiguous", "ambiguous_comma", "group_marks", "point_groups", "comma_groups", "percent_here",
                     "currency_here",
                     "currency_mismatch", "not_a_number"}
    assert sum(1 for r in cpython if "result" in r) > 100


def test_function_cases_cover_errors_and_values(results):
    cases, cpython, _ = results["source"]["function:parse_number"]
    codes = set(r["error"][0] for r in cpython if "error" in r)
    assert codes >= {"required", "not_a_number", "too_long", "too_precise"}
    assert sum(1 for r in cpython if "result" in r) > 150
