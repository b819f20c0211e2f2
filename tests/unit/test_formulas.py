"""Each formula is written once in words (``formula``, the page's table) and once as code (``expression``,
next to it), and the two are held to ``compute``: every output's expression, evaluated on the defaults,
the presets and seeded random inputs, gives what compute gives."""

import io
import math
import random
import sys

import pytest

from calculators.core import Unavailable, evaluate
from calculators.numbers import round_half_away
from calculators.registry import CALCULATORS

NAMES = sorted(CALCULATORS)
FUNCTIONS = {"ceil": math.ceil, "floor": math.floor, "sqrt": math.sqrt, "exp": math.exp, "min": min, "max": max,
             "int": int, "round_half_away": round_half_away}


def _points(calculator):
    rng = random.Random(calculator.name)
    points = []
    for lang in ("ru", "en"):
        points.append(calculator.defaults(lang))
        for preset in calculator.presets:
            points.append(calculator.defaults(lang, preset))
    for _ in range(60):
        point = {}
        for spec in calculator.inputs:
            high = min(spec.maximum, spec.default["en"] * 10 + 10, spec.default["ru"] * 10 + 10)
            value = rng.uniform(spec.minimum, max(spec.minimum, high))
            if rng.random() < 0.1:
                value = spec.minimum
            point[spec.name] = float(int(value)) if spec.integer else float("%.3g" % value)
        points.append(dict((k, min(max(v, calculator.input_by_name[k].minimum), calculator.input_by_name[k].maximum))
                           for k, v in point.items()))
    return points


def _close(expected, got, expression):
    tolerance = 1e-9 * max(1.0, abs(expected), abs(got))
    if "ceil(" in expression or "floor(" in expression:
        tolerance = max(tolerance, 1.0)  # the code decides on the exact decimals typed; floats may miss by one
    return abs(expected - got) <= tolerance


@pytest.mark.parametrize("name", NAMES)
def test_every_output_states_its_formula_as_code(name):
    for spec in CALCULATORS[name].outputs:
        assert spec.expression, "%s.%s has no expression" % (name, spec.key)
        assert spec.formula and spec.formula["ru"] and spec.formula["en"], spec.key


@pytest.mark.parametrize("name", NAMES)
def test_the_formulas_give_what_the_code_computes(name):
    calculator = CALCULATORS[name]
    module = sys.modules[calculator.formulas.__module__]
    checked = dict((spec.key, 0) for spec in calculator.outputs)
    for point in _points(calculator):
        result = evaluate(calculator, point, "en")
        assert result.errors == {}, (point, result.errors)
        namespace = dict(FUNCTIONS)
        namespace.update((key, getattr(module, key)) for key in dir(module) if not key.startswith("_"))
        namespace.update(result.values)
        namespace.update((key, value) for key, value in result.outputs.items() if not isinstance(value, Unavailable))
        for spec in calculator.outputs:
            value = result.outputs[spec.key]
            if isinstance(value, Unavailable):
                continue
            got = eval(spec.expression, dict(namespace))
            assert _close(value, got, spec.expression), (spec.key, spec.expression, point, value, got)
            checked[spec.key] += 1
    assert [key for key, count in checked.items() if count < 5] == [], checked


@pytest.mark.parametrize("name", NAMES)
def test_the_command_line_help_lists_the_formulas(name):
    from calculators import cli
    out = io.StringIO()
    assert cli.main([name, "--help"], out, io.StringIO()) == 0
    text = " ".join(out.getvalue().split())
    for spec in CALCULATORS[name].outputs:
        assert "%s = %s" % (spec.key, " ".join(spec.expression.split())) in text, spec.key
