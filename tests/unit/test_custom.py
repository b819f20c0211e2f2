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
    assert [i["text"] for i in shown["inputs"] if i["name"] == "average_order"] == ["1\u00a0800,5"]
    assert shown["result"].errors == {}
    result = evaluate(calculator, {}, "en")
    assert result.values["average_order"] == 30


@pytest.mark.parametrize("given, ru, en", [
    (1800.5, 1800.5, 1800.5),  # a JSON number is taken as it is
    (12000, 12000, 12000),
    ("12 000", 12000, 12000),  # plain text: Russian rules for both languages
    ("1 800,50", 1800.5, 1800.5),
    ("1,5", 1.5, 1.5),
    ("1 800 ₽", 1800, 1800),  # no currency is chosen in the file: any sign of the list
    ({"ru": "12 000,50", "en": "12,000.50"}, 12000.5, 12000.5),  # each text by its own language's rules
    ({"ru": "1,5", "en": "$1,500"}, 1.5, 1500),
    ({"ru": 7, "en": "0.125"}, 7, 0.125),
])
def test_values_are_read_by_the_rules_of_their_language(given, ru, en):
    calculator = custom.apply(fresh(), {NAME: {"defaults": {"average_order": given}}})
    assert calculator.defaults("ru")["average_order"] == ru
    assert calculator.defaults("en")["average_order"] == en


@pytest.mark.parametrize("given, lang, words", [
    ("12,000", "ru", ["12 or 12,000?", "Russian page"]),  # plain text is read as on a Russian page
    ("1.500.000", "ru", ["1\u00a0500\u00a0000", "grouped by spaces"]),
    ({"ru": 5, "en": "1,5"}, "en", ["1.5 or 15?"]),
    ({"ru": "12,000", "en": 5}, "ru", ["12 or 12,000?"]),
    ({"ru": 5, "en": "12,00"}, "en", ["12 or 1,200?", "comma groups"]),
])
def test_text_that_reads_two_ways_is_a_mistake_naming_both(given, lang, words):
    with pytest.raises(custom.CustomError) as caught:
        custom.apply(fresh(), {NAME: {"defaults": {"average_order": given}}})
    message = str(caught.value)
    assert "field 'average_order' (%s)" % lang in message
    for word in words:
        assert word in message


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
    # preset=default in a link means the calculator's own defaults: a preset cannot take the word.
    ({NAME: {"presets": {"default": {"title": "Ours", "values": {"new_customers": 10}}}}},
     ["preset 'default'", "taken", "preset=default"]),
])
def test_mistakes_name_the_calculator_preset_and_field(data, words):
    with pytest.raises(custom.CustomError) as caught:
        custom.apply(fresh(), data)
    message = str(caught.value)
    assert message.startswith("custom.json")
    for word in words:
        assert word in message


def test_applying_leaves_the_declaration_as_it_was():
    # The module's declaration keeps the playbook's own numbers; the registry holds the adapted copy.
    from calculators import acquisition_vs_retention as module
    declared = module.CALCULATOR
    before = (declared.defaults("ru"), declared.defaults("en"), sorted(declared.presets),
              [spec.default for spec in declared.inputs])
    adapted = custom.apply(declared, GOOD)
    assert adapted is not declared
    assert adapted.defaults("ru")["average_order"] == 1800.5
    assert adapted.input_by_name["average_order"].default["en"] == 30
    assert "flower_shop" in adapted.presets
    assert (declared.defaults("ru"), declared.defaults("en"), sorted(declared.presets),
            [spec.default for spec in declared.inputs]) == before
    assert declared.input_by_name["average_order"] is not adapted.input_by_name["average_order"]
    # Inputs the file does not touch are shared, not copied; outputs and the formula are the same.
    assert declared.input_by_name["new_customers"] is adapted.input_by_name["new_customers"]
    assert adapted.formulas is declared.formulas and adapted.outputs is declared.outputs


def test_a_byte_order_mark_and_utf8_text_are_read_on_any_platform(tmp_path, monkeypatch):
    # Windows Notepad starts UTF-8 files with a byte-order mark; the platform's own encoding
    # (cp1251 on a Russian Windows) must not decide how the Russian titles are read.
    target = tmp_path / "custom.json"
    target.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD, ensure_ascii=False).encode("utf-8"))
    import builtins
    real_open = builtins.open

    def open_without_platform_encoding(file, mode="r", *args, **kwargs):
        assert "b" in mode or kwargs.get("encoding"), "text read in the platform's encoding: %r" % (file,)
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", open_without_platform_encoding)
    data = custom.read(str(target))
    assert data[NAME]["presets"]["flower_shop"]["title"]["ru"] == "Цветочная лавка"
    done = run_cli([NAME, "--preset", "flower_shop", "--json"], target)
    assert done.returncode == 0, done.stderr


def test_a_file_in_another_encoding_gets_one_message_naming_the_file_and_the_fix(tmp_path):
    target = tmp_path / "custom.json"
    target.write_bytes(json.dumps(GOOD, ensure_ascii=False).encode("cp1251"))
    with pytest.raises(custom.CustomError) as caught:
        custom.read(str(target))
    message = str(caught.value)
    assert str(target) in message and "not UTF-8" in message and "save it with the encoding UTF-8" in message
    done = run_cli([NAME, "--json"], target)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip() == message and "Traceback" not in done.stderr


@pytest.mark.parametrize("text", [
    '{"x": ' + "[" * 100000 + "]" * 100000 + "}",
    '{"x": ' + '{"y": ' * 5000 + "1" + "}" * 5000 + "}",
    "[" * 100000,
], ids=["lists", "objects", "unclosed"])  # short ids: the test's id goes into the environment of what it runs
def test_an_absurdly_nested_file_gets_one_message_not_a_traceback(tmp_path, text):
    target = tmp_path / "custom.json"
    target.write_text(text, encoding="utf-8")
    with pytest.raises(custom.CustomError) as caught:
        custom.read(str(target))
    message = str(caught.value)
    assert str(target) in message and "levels deep" in message and "custom.example.json" in message
    done = run_cli([NAME, "--json"], target)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip() == message and "Traceback" not in done.stderr


def test_nesting_is_counted_outside_strings_only(tmp_path):
    target = tmp_path / "custom.json"
    target.write_text(json.dumps({"_comment": "[[[[{{{{" * 10 + '\\"[' * 20}), encoding="utf-8")
    assert custom.read(str(target))["_comment"].startswith("[[[[")


def test_read_reports_broken_json(tmp_path):
    broken = tmp_path / "custom.json"
    broken.write_text('{"acquisition_vs_retention": {,}}', encoding="utf-8")
    with pytest.raises(custom.CustomError, match="not valid JSON"):
        custom.read(str(broken))
    broken.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(custom.CustomError, match="one object"):
        custom.read(str(broken))


def test_the_file_is_found_by_environment_alone_else_beside_the_modules_then_at_the_root(tmp_path, monkeypatch):
    monkeypatch.delenv("CLIENTING_CUSTOM", raising=False)
    found = [os.path.normpath(candidate) for candidate in custom.candidates()]
    assert found == [os.path.join(ROOT, "calculators", "custom.json"), os.path.join(ROOT, "custom.json")]
    target = tmp_path / "mine.json"
    target.write_text("{}", encoding="utf-8")
    monkeypatch.setenv("CLIENTING_CUSTOM", str(target))
    assert custom.candidates() == [str(target)]
    assert custom.path() == str(target)
    # A variable naming no file is a typo to report, not a reason to take another file.
    monkeypatch.setenv("CLIENTING_CUSTOM", str(tmp_path / "typo.json"))
    with pytest.raises(custom.CustomError, match="CLIENTING_CUSTOM names .*typo.json, which does not exist"):
        custom.path()


def test_the_suite_runs_on_the_playbooks_own_numbers():
    # tests/conftest.py points CLIENTING_CUSTOM at a file of comments, so that a trainer's custom.json
    # at the root changes nothing the tests check, and the page is not sent that file.
    assert os.path.normpath(custom.path()) == os.path.join(ROOT, "tests", "no-custom.json")
    assert custom.settings() and all(key.startswith("_") for key in custom.settings())
    assert custom.in_use() is None


def test_the_example_in_the_repository_is_valid():
    data = custom.read(os.path.join(ROOT, "custom.example.json"))
    custom.check_names(data, __import__("calculators.registry", None, None, ("NAMES",)).NAMES)
    for name in data:
        if not name.startswith("_"):
            custom.apply(fresh(name), data)


def test_the_page_receives_the_file_beside_its_modules(tmp_path, monkeypatch):
    comments = tmp_path / "comments.json"
    comments.write_text('{"_comment": "nothing yet"}', encoding="utf-8")
    monkeypatch.setenv("CLIENTING_CUSTOM", str(comments))
    monkeypatch.chdir(tmp_path)
    # In the shared archive, unpacked beside the modules (calculators/custom.json) before they are imported.
    without = tmp_path / "without"
    runtime.write_archives(str(without))
    assert "calculators/custom.json" not in shared_archive(without)
    target = tmp_path / "custom.json"
    target.write_text(json.dumps(GOOD), encoding="utf-8")
    monkeypatch.setenv("CLIENTING_CUSTOM", str(target))
    files = json.loads(runtime.page_runtime("..", [NAME])["config"])["files"]
    assert "../assets/py/calculators.tar" in files
    site = tmp_path / "site"
    runtime.write_archives(str(site))
    # as the build checked it (the page does not check it again)
    assert json.loads(shared_archive(site)["calculators/custom.json"].decode("utf-8")) == json.loads(
        json.dumps(custom.checked()))


def shared_archive(site):
    """{name: bytes} of the shared archive written into ``site``."""
    import tarfile

    with tarfile.open(str(site / "assets" / "py" / "calculators.tar"), "r:") as tar:
        return dict((member.name, tar.extractfile(member).read()) for member in tar.getmembers())


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
const { MP_LOADER: loader, MP_PACKAGE: packageDir, MP_CUSTOM: customText, MP_FORM: form } = process.env;
const { loadMicroPython } = await import(pathToFileURL(loader).href);
let out = "";
const mp = await loadMicroPython({ stdout: (line) => { out += line + "\n"; }, stderr: (line) => { out += line + "\n"; } });
mp.FS.mkdir("/calculators");
for (const name of fs.readdirSync(packageDir)) {
  if (name.endsWith(".py")) mp.FS.writeFile("/calculators/" + name, fs.readFileSync(packageDir + "/" + name));
}
mp.FS.writeFile("/calculators/custom.json", "\ufeff" + customText);
mp.runPython([
  "import sys",
  "sys.path.insert(0, '/')",
  "from calculators import custom, registry",
  // The checked form is laid over without a second check: checking would fail here.
  form === "as written" ? "" : "def refuse(*args): raise RuntimeError('checked again')",
  form === "as written" ? "" : "custom.validate = refuse",
  "c = registry.get('acquisition_vs_retention')",
  "print('DEFAULT', c.defaults('ru')['average_order'], c.defaults('en', 'flower_shop')['average_order'])",
  "print('TITLE', c.presets['flower_shop']['title']['ru'])",
  "from calculators import acquisition_vs_retention",
  "print('DECLARED', acquisition_vs_retention.CALCULATOR.defaults('ru')['average_order'])",
].join("\n"));
process.stdout.write(out);
"""


def test_the_build_checks_the_file_once_and_ships_it_as_checked():
    shipped = json.loads(json.dumps(custom.checked(GOOD)))  # what the page is sent
    assert shipped[custom.CHECKED] == 1 and sorted(shipped) == sorted([custom.CHECKED, NAME])
    defaults, presets = shipped[NAME]
    assert defaults["ru"]["average_order"] == 1800.5 and presets["coffee_shop"]["values"]["en"]["new_customers"] == 10
    # A mistake stops the build there, before anything reaches a page.
    with pytest.raises(custom.CustomError, match="retention_rate_pct"):
        custom.checked({NAME: {"defaults": {"retention_rate_pct": 100}}})
    # Outside the page the mark is not trusted: such a file is checked like any other, and fails.
    with pytest.raises(custom.CustomError):
        custom.apply(fresh(), shipped)


@pytest.mark.parametrize("form", ["as written", "as the build checked it"])
def test_micropython_in_the_page_reads_the_file_beside_its_modules(form):
    import shutil
    if shutil.which("node") is None or not os.path.exists(MICROPYTHON):
        pytest.skip("node and node_modules (npm ci) are needed to run MicroPython")
    text = json.dumps(GOOD if form == "as written" else custom.checked(GOOD))
    env = dict(os.environ, MP_LOADER=MICROPYTHON, MP_PACKAGE=os.path.join(ROOT, "calculators"),
               MP_CUSTOM=text, MP_FORM=form)
    done = subprocess.run(["node", "--input-type=module", "-e", NODE_SCRIPT], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "DEFAULT 1800.5 35.0" in done.stdout, done.stdout
    # Read as UTF-8 past Notepad's byte-order mark, and laid over a copy of the declaration.
    assert "TITLE Цветочная лавка" in done.stdout, done.stdout
    assert "DECLARED 2500\n" in done.stdout, done.stdout
