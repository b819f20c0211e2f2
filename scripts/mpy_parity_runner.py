"""Run parity cases against the calculators: the same code on CPython and on MicroPython.

``scripts/mpy_parity.mjs`` copies this file and ``calculators/*.py`` into MicroPython's file system
and calls :func:`main`; ``tests/test_micropython.py`` imports it in CPython and calls
:func:`run_cases` on the same cases.  Results are plain JSON (strings, lists, dicts) so that the two
can be compared exactly:

- a float is ``{"f": "<mantissa>p<exponent>", "plain": format_plain(value)}``: its exact bits, and the
  text the page would put in ``data-value``;
- in cases, a float is written ``{"$f": [mantissa, exponent]}`` (mantissa × 2**exponent, exact),
  because MicroPython's JSON reader does not promise the correctly rounded double (``{"$f": "nan"}``
  for the non-finite ones).

Case kinds:

- ``{"op": "view", "calculator", "lang", "currency", "raw", "preset"}``: ``calculators.view.view``
  (what the build renders and the page writes) plus the exact outputs, values and errors;
- ``{"op": "call", "func": "numbers.format_money", "args": [...]}``: one function of the package;
- ``{"op": "round_trip", "value", "lang", "kind", "currency"}``: a number written into a field
  (``numbers.format_field``) and read back by the page's parser, and written into a link
  (``numbers.format_decimal``) and read back by the link's parser: the texts and the numbers read.

Plain Python for both runtimes: no f-string format specs, no typing.
"""

import json
import math

from calculators import charts, core, errors, numbers, registry
from calculators.core import Unavailable

MODULES = {"numbers": numbers, "core": core, "charts": charts, "errors": errors}


def float_bits(value):
    """The exact double as ``mantissa p exponent`` (value = mantissa × 2**exponent)."""
    if value == 0:
        return "-0" if str(value).startswith("-") else "0"
    fraction, exponent = math.frexp(value)
    return str(int(fraction * 9007199254740992.0)) + "p" + str(exponent - 53)


def decode(data):
    """Cases as read from JSON: ``{"$f": [m, e]}`` becomes the float m × 2**e."""
    if isinstance(data, dict):
        if "$f" in data and len(data) == 1:
            if isinstance(data["$f"], str):  # "nan", "inf", "-inf"
                return float(data["$f"])
            mantissa, exponent = data["$f"]
            return math.ldexp(float(int(mantissa)), int(exponent))
        out = {}
        for key in data:
            out[key] = decode(data[key])
        return out
    if isinstance(data, list):
        return [decode(item) for item in data]
    return data


def encode(value):
    """Any result as JSON that compares exactly."""
    if value is None:
        return None
    if isinstance(value, bool):
        return {"b": value}
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return {"f": "nonfinite", "plain": str(value)}
        return {"f": float_bits(value), "plain": numbers.format_plain(value)}
    if isinstance(value, int):
        return {"i": str(value)}
    if isinstance(value, str):
        return value
    if isinstance(value, Unavailable):
        return {"u": value.code}
    if isinstance(value, (list, tuple)):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        out = {}
        for key in value:
            out[str(key)] = encode(value[key])
        return out
    return {"repr": type(value).__name__}


def _result_data(calculator, result):
    out = {
        "outputs": {},
        "texts": {},
        "values": {},
        "errors": {},
    }
    for spec in calculator.outputs:
        out["outputs"][spec.key] = encode(result.outputs[spec.key])
        out["texts"][spec.key] = result.text(spec.key)
    for spec in calculator.inputs:
        out["values"][spec.name] = encode(result.values[spec.name])
    for name in result.errors:
        error = result.errors[name]
        out["errors"][name] = [error.code, error.field, error.message("ru"), error.message("en"), str(error)]
    return out


def _view(case):
    from calculators.view import view

    calculator = registry.get(case["calculator"])
    raw = case.get("raw")
    if raw is not None:
        raw = decode(raw)
    shown = view(calculator, raw, case["lang"], case.get("currency"), case.get("preset"))
    out = _result_data(calculator, shown["result"])
    out["currency"] = shown["currency"]
    out["inputs"] = [[i["name"], i["text"], i["error"], i["unit"]] for i in shown["inputs"]]
    out["shown"] = [[o["key"], o["text"], o["value"], o["unavailable"]] for o in shown["outputs"]]
    out["chart"] = shown["chart"]
    out["verdict"] = shown["verdict"]
    return out


def _call(case):
    module, name = case["func"].split(".")
    function = getattr(MODULES[module], name)
    return {"result": encode(function(*decode(case["args"])))}


def _round_trip(case):
    value = decode(case["value"])
    field = numbers.format_field(value, case["lang"])
    link = numbers.format_decimal(value)
    return {"field": field, "link": link,
            "from_field": encode(numbers.parse_number(field, "x", case["lang"], case.get("kind"), case.get("currency"))),
            "from_link": encode(numbers.parse_decimal(link, "x"))}


def run_case(case):
    op = case["op"]
    try:
        if op == "round_trip":
            return _round_trip(case)
        if op == "view":
            return _view(case)
        if op == "call":
            return _call(case)
        return {"exception": "unknown op " + str(op)}
    except errors.CalculatorError as error:
        return {"error": [error.code, error.field, error.message("ru"), error.message("en")]}
    except Exception as error:  # compared by type only: messages differ between runtimes
        return {"exception": type(error).__name__}


def run_cases(cases):
    return [run_case(case) for case in cases]


def main(source, target):
    with open(source) as stream:
        cases = json.load(stream)
    results = run_cases(cases)
    with open(target, "w") as stream:
        stream.write(json.dumps(results))
