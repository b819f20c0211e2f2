"""custom.json: a trainer's defaults and presets, checked like typed input and applied on every face."""

import importlib.util
import json
import os
import subprocess
import sys

import pytest

from calculators import custom
from calculators.core import evaluate
from calculators.view import view
from scripts import runtime

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NAME = "acquisition_vs_retention"


def fresh(name=NAME):
    """A freshly imported declaration, so that applying a custom file leaks into no other test."""
    spec = importlib.util.spec_from_file_location(
        "calculators._fresh_" + name, os.path.join(ROOT, "calculators", name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CALCULATOR


GOOD = {
    "_comment": "numbers for our flower shop",
    NAME: {
        "defaults": {"average_order": {"ru": "1 800,50", "en": 30}, "retention_rate_pct": 60},
        "presets": {
            "flower_shop": {
                "title": {"ru": "Цветочная лавка", "en": "Flower shop"},
                "values": {"orders_per_year": 6, "average_order": {"ru": 2000, "en": 35}},
            },
            "coffee_shop": {"title": "Coffee", "values": {"new_customers": 10}},
        },
    },
}


def test_defaults_and_presets_are_laid_over_the_declaration():
    calculator = custom.apply(fresh(), GOOD)
    assert calculator.defaults("ru")["average_order"] == 1800.5
    assert calculator.defaults("en")["average_order"] == 30
    assert calculator.defaults("ru")["retention_rate_pct"] == 60
    assert calculator.defaults("en")["retention_rate_pct"] == 60
    untouched = fresh()
    assert calculator.defaults("ru")["new_customers"] == untouched.defaults("ru")["new_customers"]
    # A new preset is added, a built-in key is replaced, the others stay.
    assert calculator.presets["flower_shop"]["title"] == {"ru": "Цветочная лавка", "en": "Flower shop"}
    assert calculator.defaults("en", "flower_shop")["average_order"] == 35
    assert calculator.defaults("en", "flower_shop")["orders_per_year"] == 6
    assert calculator.presets["coffee_shop"]["title"] == {"ru": "Coffee", "en": "Coffee"}
    assert calculator.defaults("ru", "coffee_shop")["new_customers"] == 10
    assert set(untouched.presets) - {"coffee_shop"} <= set(calculator.presets)


def test_the_view_shows_the_custom_defaults():
    calculator = custom.apply(fresh(), GOOD)
    shown = view(calculator, None, "ru")
    assert [i["text"] for i in shown["inputs"] if i["name"] == "average_order"] == ["1800,5"]
    assert shown["result"].errors == {}
    result = evaluate(calculator, {}, "en")
    assert result.values["average_order"] == 30


def test_no_file_changes_nothing():
    calculator = fresh()
    before = calculator.defaults("ru")
    assert custom.apply(calculator, {}) is calculator
    assert calculator.defaults("ru") == before


@pytest.mark.parametrize("data, words", [
    ({"no_such_calculator": {}}, ["unknown calculator 'no_such_calculator'", NAME]),
    ({NAME: {"defaults": {"avg": 1}}}, ["calculator '%s'" % NAME, "field 'avg'", "average_order"]),
    ({NAME: {"defaults": {"retention_rate_pct": 120}}},
     ["field 'retention_rate_pct' (ru)", "Must be at most"]),
    ({NAME: {"defaults": {"new_customers": {"ru": 5, "en": "12abc"}}}},
     ["field 'new_customers' (en)", "Enter a number"]),
    ({NAME: {"defaults": {"new_customers": 2.5}}}, ["field 'new_customers'", "whole number"]),
    ({NAME: {"defaults": {"new_customers": True}}}, ["field 'new_customers'", "number or text"]),
    ({NAME: {"presets": {"Flower Shop": {"title": "x"}}}}, ["preset 'Flower Shop'", "a-z"]),
    ({NAME: {"presets": {"shop": {"values": {}}}}}, ["preset 'shop'", "title"]),
    ({NAME: {"presets": {"shop": {"title": {"ru": "Лавка"}}}}}, ["preset 'shop'", "'en'"]),
    ({NAME: {"presets": {"shop": {"title": "x", "values": {"average_order": -1}}}}},
     ["preset 'shop'", "field 'average_order'", "at least"]),
    ({NAME: {"presets": {"shop": {"title": "x", "valeus": {}}}}}, ["preset 'shop'", "'valeus'"]),
    ({NAME: {"default": {}}}, ["calculator '%s'" % NAME, "'default'", "allowed: defaults, presets"]),
    ({NAME: {"defaults": {"average_order": {"de": 5}}}}, ["field 'average_order'", "'de'"]),
])
def test_mistakes_name_the_calculator_preset_and_field(data, words):
    with pytest.raises(custom.CustomError) as caught:
        custom.apply(fresh(), data)
    message = str(caught.value)
    assert message.startswith("custom.json")
    for word in words:
        assert word in message


def test_read_reports_broken_json(tmp_path):
    broken = tmp_path / "custom.json"
    broken.write_text('{"acquisition_vs_retention": {,}}', encoding="utf-8")
    with pytest.raises(custom.CustomError, match="not valid JSON"):
        custom.read(str(broken))
    broken.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(custom.CustomError, match="one object"):
        custom.read(str(broken))


def test_the_file_is_found_by_environment_then_beside_the_modules_then_at_the_root(tmp_path, monkeypatch):
    monkeypatch.delenv("CLIENTING_CUSTOM", raising=False)
    found = [os.path.normpath(candidate) for candidate in custom.candidates()]
    assert found == [os.path.join(ROOT, "calculators", "custom.json"), os.path.join(ROOT, "custom.json")]
    target = tmp_path / "mine.json"
    target.write_text("{}", encoding="utf-8")
    monkeypatch.setenv("CLIENTING_CUSTOM", str(target))
    assert custom.candidates()[0] == str(target)
    assert custom.path() == str(target)


def test_the_example_in_the_repository_is_valid():
    data = custom.read(os.path.join(ROOT, "custom.example.json"))
    custom.check_names(data, __import__("calculators.registry", None, None, ("NAMES",)).NAMES)
    for name in data:
        if not name.startswith("_"):
            custom.apply(fresh(name), data)


def test_the_page_receives_the_file_beside_its_modules(tmp_path, monkeypatch):
    monkeypatch.setenv("CLIENTING_CUSTOM", str(tmp_path / "absent.json"))
    monkeypatch.chdir(tmp_path)
    without = json.loads(runtime.page_runtime("..", [NAME])["config"])["files"]
    if not os.path.exists(os.path.join(ROOT, "custom.json")):
        assert not [url for url in without if url.endswith("custom.json")]
    target = tmp_path / "custom.json"
    target.write_text(json.dumps(GOOD), encoding="utf-8")
    monkeypatch.setenv("CLIENTING_CUSTOM", str(target))
    files = json.loads(runtime.page_runtime("..", [NAME])["config"])["files"]
    assert files["../assets/py/calculators/custom.json"] == "calculators/custom.json"


def run_cli(args, custom_file):
    env = dict(os.environ, CLIENTING_CUSTOM=str(custom_file))
    return subprocess.run([sys.executable, "-m", "calculators"] + args, cwd=ROOT, env=env,
                          capture_output=True, text=True)


def test_the_command_line_uses_the_file(tmp_path):
    target = tmp_path / "custom.json"
    target.write_text(json.dumps(GOOD), encoding="utf-8")
    done = run_cli([NAME, "--lang", "en", "--json"], target)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["inputs"]["average_order"] == 30
    done = run_cli([NAME, "--lang", "en", "--preset", "flower_shop", "--json"], target)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["inputs"]["orders_per_year"] == 6


def test_a_mistake_stops_the_command_line_with_the_message(tmp_path):
    target = tmp_path / "custom.json"
    target.write_text(json.dumps({NAME: {"defaults": {"retention_rate_pct": 100}}}), encoding="utf-8")
    done = run_cli([NAME, "--json"], target)
    assert done.returncode != 0
    assert "custom.json: calculator 'acquisition_vs_retention', field 'retention_rate_pct' (ru)" in done.stderr


MICROPYTHON = os.path.join(ROOT, "node_modules", "@micropython", "micropython-webassembly-pyscript",
                           "micropython.mjs")
NODE_SCRIPT = r"""
import fs from "node:fs";
import { pathToFileURL } from "node:url";
const { MP_LOADER: loader, MP_PACKAGE: packageDir, MP_CUSTOM: customText } = process.env;
const { loadMicroPython } = await import(pathToFileURL(loader).href);
let out = "";
const mp = await loadMicroPython({ stdout: (line) => { out += line + "\n"; }, stderr: (line) => { out += line + "\n"; } });
mp.FS.mkdir("/calculators");
for (const name of fs.readdirSync(packageDir)) {
  if (name.endsWith(".py")) mp.FS.writeFile("/calculators/" + name, fs.readFileSync(packageDir + "/" + name));
}
mp.FS.writeFile("/calculators/custom.json", customText);
mp.runPython([
  "import sys",
  "sys.path.insert(0, '/')",
  "from calculators import registry",
  "c = registry.get('acquisition_vs_retention')",
  "print('DEFAULT', c.defaults('ru')['average_order'], c.defaults('en', 'flower_shop')['average_order'])",
].join("\n"));
process.stdout.write(out);
"""


def test_micropython_in_the_page_reads_the_file_beside_its_modules():
    import shutil
    if shutil.which("node") is None or not os.path.exists(MICROPYTHON):
        pytest.skip("node and node_modules (npm ci) are needed to run MicroPython")
    env = dict(os.environ, MP_LOADER=MICROPYTHON, MP_PACKAGE=os.path.join(ROOT, "calculators"),
               MP_CUSTOM=json.dumps(GOOD))
    done = subprocess.run(["node", "--input-type=module", "-e", NODE_SCRIPT], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "DEFAULT 1800.5 35.0" in done.stdout, done.stdout
