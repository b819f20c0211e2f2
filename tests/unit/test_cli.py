"""The command-line face: --list, tables, --json round trip, errors with exit status 2."""

import io
import json
import math
import subprocess
import sys

import pytest

from calculators import cli, registry
from calculators.core import evaluate


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


def test_list_names_every_calculator():
    code, out, _ = run("--list")
    assert code == 0
    for name in registry.CALCULATORS:
        assert name in out


@pytest.mark.parametrize("name", sorted(registry.CALCULATORS))
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_json_matches_the_library_and_round_trips(name, lang):
    code, out, err = run(name, "--json", "--lang", lang)
    assert code == 0, err
    payload = json.loads(out)
    assert payload["calculator"] == name
    calculator = registry.get(name)
    assert set(payload["inputs"]) == set(calculator.input_by_name)
    expected = evaluate(calculator, {}, lang)
    for key, value in payload["outputs"].items():
        assert value == expected.raw(key)
        assert value is None or math.isfinite(value)
    # Feeding the inputs back in gives the same outputs.
    flags = []
    for key, value in payload["inputs"].items():
        flags += ["--" + key.replace("_", "-"), repr(value)]
    code, again, _ = run(name, "--json", "--lang", lang, *flags)
    assert code == 0 and json.loads(again) == payload


def test_flag_values_go_through_the_page_parser():
    code, out, _ = run("acquisition_vs_retention", "--json", "--acquisition-spend", "1 200 000,50",
                       "--new-customers", "400")
    assert code == 0
    assert json.loads(out)["inputs"]["acquisition_spend"] == 1200000.5


@pytest.mark.parametrize("args, field, value", [
    (["--lang", "en", "--new-customers", "12,000"], "new_customers", 12000),
    (["--lang", "en", "--acquisition-spend", "1,200,000.50"], "acquisition_spend", 1200000.5),
    (["--lang", "en", "--acquisition-spend", "$1,200,000.50"], "acquisition_spend", 1200000.5),
    (["--acquisition-spend", "1 200 000,50 ₽"], "acquisition_spend", 1200000.5),
    (["--acquisition-spend", "1" + "\u202f" + "200" + "\u2009" + "000"], "acquisition_spend", 1200000),
    (["--currency", "USD", "--acquisition-spend", "$1 500"], "acquisition_spend", 1500),
    (["--retention-rate-pct", "62,5%"], "retention_rate_pct", 62.5),
    (["--lang", "en", "--retention-rate-pct", "62.5 %"], "retention_rate_pct", 62.5),
    (["--gross-margin-pct", "1,5"], "gross_margin_pct", 1.5),
    (["--gross-margin-pct", "1.5"], "gross_margin_pct", 1.5),
    (["--lang", "en", "--orders-per-year", "0,125"], "orders_per_year", 0.125),
])
def test_lang_decides_how_flag_values_are_read(args, field, value):
    code, out, err = run("acquisition_vs_retention", "--json", *args)
    assert code == 0, err
    assert json.loads(out)["inputs"][field] == value


@pytest.mark.parametrize("args, flag, rule, words", [
    (["--new-customers", "12,000"], "--new-customers", "ambiguous", ["12 или 12\u00a0000?"]),
    (["--new-customers", "1.500"], "--new-customers", "ambiguous", ["1\u00a0500 или 1,5?"]),
    (["--lang", "en", "--gross-margin-pct", "1,5"], "--gross-margin-pct", "ambiguous_comma", ["1.5 or 15?"]),
    (["--lang", "en", "--acquisition-spend", "12,00"], "--acquisition-spend", "ambiguous_comma", ["12 or 1,200?"]),
    (["--lang", "en", "--acquisition-spend", "1.500.000"], "--acquisition-spend", "point_groups", ["1,500,000"]),
    (["--acquisition-spend", "1.500.000"], "--acquisition-spend", "group_marks", ["1\u00a0500\u00a0000"]),
    (["--lang", "en", "--acquisition-spend", "1,20,000"], "--acquisition-spend", "comma_groups", []),
    (["--acquisition-spend", "$1 500"], "--acquisition-spend", "currency_mismatch", ["$", "USD", "RUB"]),
    (["--new-customers", "40%"], "--new-customers", "percent_here", ["%"]),
    (["--retention-rate-pct", "60 ₽"], "--retention-rate-pct", "currency_here", ["₽"]),
])
def test_number_rules_exit_2_naming_field_and_rule(args, flag, rule, words):
    code, out, err = run("acquisition_vs_retention", *args)
    assert code == 2 and out == ""
    assert flag in err and "rule: " + rule in err
    for word in words:
        assert word in err


def test_table_in_russian_by_default():
    code, out, _ = run("acquisition_vs_retention")
    assert code == 0
    assert "Стоимость привлечения (CAC)" in out and "1\u00a0500,00\u00a0₽" in out


@pytest.mark.parametrize("flag, value, rule", [
    ("--retention-rate-pct", "99.5", "above_max"),
    ("--new-customers", "-3", "below_min"),
    ("--new-customers", "2.5", "not_integer"),
    ("--average-order", "1e5", "not_a_number"),
    ("--average-order", "", "required"),
])
def test_invalid_input_exits_2_naming_field_and_rule(flag, value, rule):
    code, out, err = run("acquisition_vs_retention", flag, value, "--lang", "en")
    assert code == 2 and out == ""
    assert flag in err and rule in err


def test_unknown_calculator_and_preset_exit_2():
    assert run("nope")[0] == 2
    code, _, err = run("acquisition_vs_retention", "--preset", "nope")
    assert code == 2 and "coffee_shop" in err


def test_module_entry_point():
    done = subprocess.run([sys.executable, "-m", "calculators", "--list"], capture_output=True, text=True)
    assert done.returncode == 0 and "acquisition_vs_retention" in done.stdout
    done = subprocess.run([sys.executable, "-m", "calculators", "acquisition_vs_retention", "--new-customers", "x"],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "--new-customers" in done.stderr


def test_a_mistake_in_custom_json_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    bad = tmp_path / "custom.json"
    bad.write_text('{"acquisition_vs_retention": {"defaults": {"gross_margin_pct": 150}}}',
                   encoding="utf-8")
    env = dict(__import__("os").environ, CLIENTING_CUSTOM=str(bad))
    done = subprocess.run([sys.executable, "-m", "calculators", "acquisition_vs_retention", "--json"],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "custom.json" in done.stderr and "gross_margin_pct" in done.stderr


@pytest.mark.parametrize("name", sorted(registry.NAMES))
def test_help_of_every_calculator_lists_its_flags_presets_and_labels(name):
    # Labels such as "Gross margin, %" reach argparse, which reads % as a format; the Adapt page tells
    # trainers to run exactly this to learn the field names.
    code, out, err = run(name, "--help")
    assert code == 0, err
    calculator = registry.get(name)
    assert calculator.title["en"] in out
    for spec in calculator.inputs:
        assert "--" + spec.name.replace("_", "-") in out
        assert " ".join(spec.label["en"].split()) in " ".join(out.split())
    for key in calculator.presets:
        assert key in out
    done = subprocess.run([sys.executable, "-m", "calculators", name, "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "Traceback" not in done.stderr


@pytest.mark.parametrize("extra", [["bonus_uptake"], ["--json"], ["--lang", "en"]])
def test_list_with_other_arguments_is_an_error(extra):
    code, out, err = run("--list", *extra)
    assert code == 2 and out == ""
    assert "--list" in err and extra[0] in err
