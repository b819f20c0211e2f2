"""Generic properties of every calculator calculators.registry finds (registry.CALCULATORS).

A new calculator is picked up by being added: nothing here names one.
"""

import ast
import inspect
import math
import random
import re
import sys
import xml.etree.ElementTree as ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calcstrategies import (
    LANGS,
    SETTINGS,
    inputs_strategy,
    invalid_examples,
    invalid_strategy,
    typed_inputs_strategy,
    value_strategy,
)
from calculators import catalog
from calculators.core import (INPUT_KINDS, OUTPUT_KINDS, SHARED_INPUTS, SHARED_OUTPUTS, Unavailable, compute_checked,
                              evaluate)
from calculators.errors import CalculatorError
from calculators.numbers import CURRENCIES, format_plain
from calculators.registry import CALCULATORS
from calculators.view import input_text

NAMES = sorted(CALCULATORS)

# Formatted numbers must never show these (case-insensitive); reasons are checked for whole words.
BAD_IN_NUMBER = ("nan", "inf", "e+", "none")
BAD_WORDS = re.compile(r"\b(nan|inf|infinity|none|null|undefined)\b|e\+\d|\{|\}", re.IGNORECASE)


def calc(name):
    return CALCULATORS[name]


# --- checks ---------------------------------------------------------------------------------------------------

def check_result(calculator, result):
    """Every output a finite float or an Unavailable with a reason in both languages; texts clean."""
    assert set(result.outputs) == set(calculator.output_by_key), "compute must return exactly the outputs"
    for key, value in result.outputs.items():
        if isinstance(value, Unavailable):
            assert value.code in calculator.reasons or value.code in catalog.get("en")["reasons"], (key, value)
            for lang in LANGS:
                reason = calculator.reason_text(value, lang)
                assert isinstance(reason, str) and reason.strip(), (key, value, lang)
                assert not BAD_WORDS.search(reason), (key, reason)
            assert result.raw(key) is None
        else:
            assert type(value) is float, "%s: %r is %s, not float" % (key, value, type(value).__name__)
            assert math.isfinite(value), (key, value)
            assert float(format_plain(value)) == value
            assert result.raw(key) == value
        text = result.text(key)
        assert isinstance(text, str) and text.strip(), key
        if not isinstance(value, Unavailable):
            lowered = text.lower()
            for bad in BAD_IN_NUMBER:
                assert bad not in lowered, (key, text)
        else:
            assert not BAD_WORDS.search(text), (key, text)
    if calculator.chart is not None:
        svg = calculator.chart(result)
        if svg is not None:
            assert isinstance(svg, str)
            ElementTree.fromstring(svg)
            assert not re.search(r"\b(nan|inf|None)\b", svg), svg


def same(a, b):
    if isinstance(a, Unavailable) or isinstance(b, Unavailable):
        return a == b
    return a == b


# --- declarations ---------------------------------------------------------------------------------------------

def test_registry_is_not_empty():
    assert "acquisition_vs_retention" in CALCULATORS
    for name, calculator in CALCULATORS.items():
        assert calculator.name == name


def both(table, what):
    assert isinstance(table, dict), what
    for lang in LANGS:
        assert isinstance(table.get(lang), str) and table[lang].strip(), "%s: no %s text" % (what, lang)


@pytest.mark.parametrize("name", NAMES)
def test_every_label_and_formula_in_both_languages(name):
    calculator = calc(name)
    both(calculator.title, "title")
    both(calculator.summary, "summary")
    for spec in calculator.inputs:
        both(spec.label, "label of input " + spec.name)
        if spec.help is not None:
            both(spec.help, "help of input " + spec.name)
    for spec in calculator.outputs:
        both(spec.label, "label of output " + spec.key)
        both(spec.formula, "formula of output " + spec.key)
    for code, table in calculator.reasons.items():
        both(table, "reason " + code)
    for lang in LANGS:
        notes = calculator.notes[lang]
        assert len(notes) >= 3, "fewer than three notes (assumptions) in " + lang
        for note in notes:
            assert isinstance(note, str) and note.strip()
    assert len(calculator.notes["ru"]) == len(calculator.notes["en"])


def _codes_in_source(calculator):
    """Unavailable codes the calculator's module can give: Unavailable("code"), ratio(a, b, "code"),
    savings_vs_paid()."""
    tree = ast.parse(inspect.getsource(sys.modules[calculator.formulas.__module__]))
    codes = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        if node.func.id == "Unavailable" and node.args:
            argument = node.args[0]
        elif node.func.id == "ratio" and len(node.args) == 3:
            argument = node.args[2]
        elif node.func.id == "savings_vs_paid":
            codes.add("no_paid_cac")
            continue
        else:
            continue
        assert isinstance(argument, ast.Constant) and isinstance(argument.value, str), ast.dump(node)
        codes.add(argument.value)
    return codes


@pytest.mark.parametrize("name", NAMES)
def test_every_unavailable_code_has_its_reasons(name):
    calculator = calc(name)
    used = _codes_in_source(calculator)
    assert used, "no Unavailable code found in the module of " + name
    given = set(calculator.reasons) | set(catalog.get("en")["reasons"])
    assert used <= given, "codes without a reason: %s" % sorted(used - given)
    assert set(calculator.reasons) <= used, "reasons never given: %s" % sorted(set(calculator.reasons) - used)
    for code in calculator.reasons:
        for lang in LANGS:
            text = calculator.reason_text(Unavailable(code), lang)
            assert isinstance(text, str) and text.strip() and not BAD_WORDS.search(text), (code, lang, text)
        assert calculator.reason_text(Unavailable(code), "ru") != calculator.reason_text(Unavailable(code), "en")


def test_shared_vocabulary():
    """A name means one thing: an input or output shared by several calculators has one kind everywhere,
    and those declared in core's vocabulary keep its kind."""
    kinds = {}
    for calculator in CALCULATORS.values():
        for spec in calculator.inputs + calculator.outputs:
            name = getattr(spec, "name", None) or spec.key
            kinds.setdefault(name, set()).add(spec.kind)
            shared = SHARED_INPUTS.get(name) if hasattr(spec, "name") else SHARED_OUTPUTS.get(name)
            if shared is not None:
                assert spec.kind == shared["kind"], (calculator.name, name)
    assert dict((n, k) for n, k in kinds.items() if len(k) > 1) == {}


@pytest.mark.parametrize("name", NAMES)
def test_declarations_state_only_what_differs_between_languages(name):
    """In the module's source, a value given per language (a default, a preset's value) differs between
    the languages; the same number is written once."""
    source = inspect.getsource(sys.modules[calc(name).formulas.__module__])
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict) and [getattr(k, "value", None) for k in node.keys] == list(LANGS):
            values = [v.value for v in node.values if isinstance(v, ast.Constant)]
            if len(values) == len(LANGS) and all(isinstance(v, (int, float)) for v in values):
                assert len(set(values)) > 1, "line %d: %r for every language" % (node.lineno, values[0])


@pytest.mark.parametrize("name", NAMES)
def test_unknown_input_is_refused(name):
    calculator = calc(name)
    for unknown in ("no_such_input", calculator.inputs[0].name + "_x", calculator.inputs[0].name.upper()):
        with pytest.raises(CalculatorError) as info:
            compute_checked(calculator, dict(calculator.defaults("en"), **{unknown: 1}))
        assert info.value.field == unknown and info.value.code == "unknown_input"


@pytest.mark.parametrize("name", NAMES)
def test_declaration_is_consistent(name):
    calculator = calc(name)
    input_names = [spec.name for spec in calculator.inputs]
    keys = [spec.key for spec in calculator.outputs]
    assert len(set(input_names)) == len(input_names)
    assert len(set(keys)) == len(keys)
    for spec in calculator.inputs:
        assert spec.kind in INPUT_KINDS
        assert re.match(r"^[a-z][a-z0-9_]*$", spec.name)
        assert spec.maximum is not None, spec.name + " has no declared maximum"
        assert spec.minimum <= spec.maximum
        assert 0 <= spec.minimum, spec.name
        if spec.name.endswith("_pct"):
            assert spec.kind == "pct" and spec.maximum <= 100, spec.name
        if spec.kind == "money":
            assert spec.maximum <= 1e12, spec.name
        if spec.kind == "count":
            assert spec.maximum <= 1e9, spec.name
    for spec in calculator.outputs:
        assert spec.kind in OUTPUT_KINDS
        assert re.match(r"^[a-z][a-z0-9_]*$", spec.key)
        assert isinstance(spec.depends, (tuple, list)) and len(spec.depends) >= 1, spec.key
        for dependency in spec.depends:
            assert dependency in input_names, "%s depends on unknown %s" % (spec.key, dependency)
        assert len(set(spec.depends)) == len(spec.depends), spec.key + " lists an input twice"
        if spec.key.endswith("_pct"):
            assert spec.kind == "pct", spec.key


@pytest.mark.parametrize("name", NAMES)
def test_defaults_and_presets_are_valid(name):
    calculator = calc(name)
    for spec in calculator.inputs:
        for lang in LANGS:
            assert lang in spec.default, (spec.name, lang)
    assert len(calculator.presets) >= 3
    scenarios = [(lang, None) for lang in LANGS]
    for preset, table in calculator.presets.items():
        assert re.match(r"^[a-z][a-z0-9_]*$", preset)
        both(table["title"], "title of preset " + preset)
        assert set(table["values"]) == set(LANGS), preset
        assert set(table["values"]["ru"]) == set(table["values"]["en"]), preset
        for lang in LANGS:
            for key in table["values"][lang]:
                assert key in calculator.input_by_name, "preset %s sets unknown %s" % (preset, key)
            scenarios.append((lang, preset))
    for lang, preset in scenarios:
        values = calculator.defaults(lang, preset)
        for spec in calculator.inputs:
            value = values[spec.name]
            assert not isinstance(value, bool)
            assert spec.minimum <= value <= spec.maximum, (preset, lang, spec.name, value)
            if spec.integer:
                assert value == int(value), (preset, lang, spec.name, value)
        result = evaluate(calculator, values, lang)
        assert result.errors == {}, (preset, lang, result.errors)
        check_result(calculator, result)
        # the typed path reads the same: values given as text the page would hold
        typed = dict((key, input_text(value, lang)) for key, value in values.items())
        assert evaluate(calculator, typed, lang).outputs == result.outputs


# --- random valid input ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
@given(data=st.data())
@settings(max_examples=200, **SETTINGS)
def test_random_valid_inputs(name, data):
    calculator = calc(name)
    values = data.draw(inputs_strategy(calculator), label="values")
    currency = data.draw(st.sampled_from(CURRENCIES), label="currency")
    for lang in LANGS:
        result = evaluate(calculator, values, lang, currency)
        assert result.errors == {}, result.errors
        check_result(calculator, result)
        for key, value in result.outputs.items():
            if isinstance(value, Unavailable):
                # valid input: the calculator's own reasons or shared ones, never "correct the field"
                assert value.code != "invalid_input", (key, value)
                assert value.code in calculator.reasons or value.code in catalog.get("en")["reasons"], (key, value)
    assert compute_checked(calculator, values) == evaluate(calculator, values, "en").outputs


# --- typed text -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
@given(data=st.data())
@settings(max_examples=100, **SETTINGS)
def test_random_typed_text_reads_as_the_number(name, data):
    """Text typed the way a person writes numbers in each language gives the same result as the number."""
    calculator = calc(name)
    lang = data.draw(st.sampled_from(LANGS), label="lang")
    texts, values = data.draw(typed_inputs_strategy(calculator, lang), label="typed")
    result = evaluate(calculator, texts, lang)
    assert result.errors == {}, (texts, result.errors)
    assert result.values == values, texts
    check_result(calculator, result)
    assert result.outputs == evaluate(calculator, values, lang).outputs


# --- invalid input ----------------------------------------------------------------------------------------------------

def check_invalid(calculator, values, spec, raw, codes, lang):
    """One invalid field: reported for it alone, its dependents say which field to correct, the rest as
    computed with the field's default; compute_checked raises the same error."""
    broken = dict(values)
    broken[spec.name] = raw
    result = evaluate(calculator, broken, lang)
    assert list(result.errors) == [spec.name], (spec.name, raw)
    error = result.errors[spec.name]
    assert isinstance(error, CalculatorError)
    assert error.field == spec.name
    assert error.code in codes, (spec.name, raw, error.code)
    assert error.code in catalog.get("en")["errors"]
    for message_lang in LANGS:
        message = error.message(message_lang)
        assert message.strip() and "{" not in message and "nan" not in message.lower()
    assert error.message("ru") != error.message("en")
    without = dict(values)
    del without[spec.name]
    reference = evaluate(calculator, without, lang)
    for output in calculator.outputs:
        if spec.name in output.depends:
            assert result.outputs[output.key] == Unavailable("invalid_input"), output.key
            assert result.text(output.key) == catalog.get(lang)["reasons"]["invalid_input"].replace(
                "{label}", spec.label[lang]), output.key
        else:
            assert same(result.outputs[output.key], reference.outputs[output.key]), output.key
    check_result(calculator, result)
    with pytest.raises(CalculatorError) as info:
        compute_checked(calculator, broken, lang)
    assert (info.value.field, info.value.code) == (spec.name, error.code)


@pytest.mark.parametrize("name", NAMES)
@given(data=st.data())
@settings(max_examples=100, **SETTINGS)
def test_invalid_input_is_reported_for_its_field(name, data):
    calculator = calc(name)
    lang = data.draw(st.sampled_from(LANGS), label="lang")
    values = data.draw(inputs_strategy(calculator), label="values")
    spec = data.draw(st.sampled_from(calculator.inputs), label="input")
    raw, codes = data.draw(invalid_strategy(spec), label="invalid")
    check_invalid(calculator, values, spec, raw, codes, lang)


@pytest.mark.parametrize("name", NAMES)
def test_every_rule_of_every_input_is_reported(name):
    """A fixed table breaking each rule (below, above, empty, not a number, too precise, fractional...) of
    each input, from the defaults, in both languages."""
    calculator = calc(name)
    for spec in calculator.inputs:
        for raw, code in invalid_examples(spec):
            for lang in LANGS:
                check_invalid(calculator, calculator.defaults(lang), spec, raw, (code,), lang)


# --- depends is exact -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
@given(data=st.data())
@settings(max_examples=150, **SETTINGS)
def test_inputs_outside_depends_never_change_an_output(name, data):
    calculator = calc(name)
    values = data.draw(inputs_strategy(calculator), label="values")
    spec = data.draw(st.sampled_from(calculator.inputs), label="perturbed")
    other = data.draw(value_strategy(spec), label="new value")
    changed = dict(values)
    changed[spec.name] = other
    before = evaluate(calculator, values, "en").outputs
    after = evaluate(calculator, changed, "en").outputs
    for output in calculator.outputs:
        if spec.name not in output.depends:
            assert same(before[output.key], after[output.key]), (
                "%s changed when %s changed (%r -> %r) although it does not declare it"
                % (output.key, spec.name, values[spec.name], other))


def _bases(calculator):
    """Scenarios to perturb from: defaults, presets and seeded random points within the limits."""
    bases = []
    for lang in LANGS:
        bases.append(calculator.defaults(lang))
        for preset in calculator.presets:
            bases.append(calculator.defaults(lang, preset))
    generator = random.Random(20240601)
    for _ in range(40):
        point = {}
        for spec in calculator.inputs:
            lo, hi = float(spec.minimum), float(spec.maximum)
            choice = generator.random()
            if choice < 0.5:
                base = calculator.defaults("ru")[spec.name]
                value = min(hi, max(lo, base * generator.choice([0.5, 1, 1, 2, 3])))
            elif choice < 0.8:
                value = lo + (min(hi, lo + 1000) - lo) * generator.random()
            else:
                value = lo + (hi - lo) * generator.random()
            if spec.integer:
                value = float(int(value))
            point[spec.name] = value
        bases.append(point)
    return bases


def _perturbations(spec, value):
    lo, hi = float(spec.minimum), float(spec.maximum)
    candidates = [lo, hi, (lo + hi) / 2, hi / 3, value * 2, value / 2, value + 1, value - 1, value * 1.1 + 0.37,
                  0.0, 1.0, 3.0, 50.0, 97.0, 1000.0]
    out = []
    for candidate in candidates:
        if spec.integer:
            candidate = float(int(candidate))
        if lo <= candidate <= hi and candidate != value:
            out.append(candidate)
    return out


@pytest.mark.parametrize("name", NAMES)
def test_depends_exact_from_defaults_presets_and_fixed_points(name):
    """The deterministic companion of the property above: every base of _bases, every fixed perturbation."""
    calculator = calc(name)
    for base in _bases(calculator):
        before = evaluate(calculator, base, "en").outputs
        for spec in calculator.inputs:
            for candidate in _perturbations(spec, base[spec.name]):
                after = evaluate(calculator, dict(base, **{spec.name: candidate}), "en").outputs
                for output in calculator.outputs:
                    if spec.name not in output.depends:
                        assert same(before[output.key], after[output.key]), (
                            output.key, spec.name, base[spec.name], candidate)


def _moves(calculator, base, output, dependency):
    before = evaluate(calculator, base, "en").outputs[output.key]
    spec = calculator.input_by_name[dependency]
    for candidate in _perturbations(spec, base[dependency]):
        if not same(before, evaluate(calculator, dict(base, **{dependency: candidate}), "en").outputs[output.key]):
            return True
    return False


@pytest.mark.parametrize("name", NAMES)
def test_every_declared_dependency_moves_from_the_defaults(name):
    """From the default scenario of each language, changing any declared input changes its output."""
    calculator = calc(name)
    still = []
    for lang in LANGS:
        base = calculator.defaults(lang)
        for output in calculator.outputs:
            for dependency in output.depends:
                if not _moves(calculator, base, output, dependency):
                    still.append("%s (%s defaults) does not move with %s" % (output.key, lang, dependency))
    assert still == [], "; ".join(still)


@pytest.mark.parametrize("name", NAMES)
def test_every_declared_dependency_is_read(name):
    calculator = calc(name)
    bases = _bases(calculator)
    unused = []
    for output in calculator.outputs:
        for dependency in output.depends:
            spec = calculator.input_by_name[dependency]
            found = False
            for base in bases:
                before = evaluate(calculator, base, "en").outputs[output.key]
                for candidate in _perturbations(spec, base[dependency]):
                    changed = dict(base)
                    changed[dependency] = candidate
                    if not same(before, evaluate(calculator, changed, "en").outputs[output.key]):
                        found = True
                        break
                if found:
                    break
            if not found:
                unused.append("%s does not read %s" % (output.key, dependency))
    assert unused == [], "declared in depends but never changes the output: " + "; ".join(unused)
