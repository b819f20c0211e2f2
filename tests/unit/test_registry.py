"""The registry finds calculators by discovery: adding one is adding its module (and its test file and
its two pages), with no code or configuration to edit.  A throwaway calculator in a copy of the package
shows up in the registry, the command line, the calculators index, the navigation and the page's module
list."""

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from calculators import registry

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

THROWAWAY = '''
"""A throwaway calculator for tests/unit/test_registry.py."""

from .core import Calculator, Output, shared_input


def compute(v):
    return {"orders_margin": v["average_order"] * v["gross_margin_pct"] / 100}


CALCULATOR = Calculator(
    name="zz_throwaway",
    order=55,
    title={"ru": "Проба", "en": "Throwaway"},
    summary={"ru": "Маржа с заказа.", "en": "Margin per order."},
    inputs=[shared_input("average_order", {"ru": 1000, "en": 20}), shared_input("gross_margin_pct", 40)],
    outputs=[Output("orders_margin", "money", {"ru": "Маржа с заказа", "en": "Margin per order"},
                    ("average_order", "gross_margin_pct"),
                    formula={"ru": "средний чек × маржа", "en": "average order × margin"})],
    compute=compute,
    presets={},
)
'''

CHECK = textwrap.dedent('''
    import io, json, sys
    sys.path.insert(0, sys.argv[1])          # the copy of the package first
    sys.path.insert(1, sys.argv[2])          # the repository, for scripts/
    from calculators import cli, registry
    from scripts import embed, runtime
    out = io.StringIO()
    cli.main(["--list"], out, io.StringIO())
    nav = [{"Калькуляторы": [{"Калькуляторы": "calculators/index.md"}]}]
    embed.calculator_nav(nav)
    runtime.PACKAGE_DIR = sys.argv[1] + "/calculators"
    print(json.dumps({
        "names": list(registry.NAMES),
        "index_order": list(registry.CALCULATORS),
        "module": registry.get("zz_throwaway").__class__.__module__,
        "cli": out.getvalue(),
        "list": embed.calculators_list("en"),
        "nav": nav[0]["Калькуляторы"],
        "page_modules": runtime.python_files(["zz_throwaway"]),
        "other_page_modules": runtime.python_files(["nps_change"]),
    }))
''')


@pytest.fixture(scope="module")
def seen(tmp_path_factory):
    copy = tmp_path_factory.mktemp("package")
    shutil.copytree(os.path.join(ROOT, "calculators"), str(copy / "calculators"),
                    ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "calculators" / "zz_throwaway.py").write_text(THROWAWAY, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", CHECK, str(copy), ROOT], capture_output=True, text=True,
                          timeout=120, env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_new_module_is_a_new_calculator(seen):
    assert "zz_throwaway" in seen["names"]
    assert set(seen["names"]) == set(registry.NAMES) | {"zz_throwaway"}
    # the index's order: its declared order=55 puts it after word_of_mouth (50), before affiliate (60)
    order = seen["index_order"]
    assert [n for n in order if n != "zz_throwaway"] == list(registry.CALCULATORS)
    assert order[order.index("zz_throwaway") - 1:order.index("zz_throwaway") + 2] == [
        "word_of_mouth", "zz_throwaway", "affiliate_commission"]


def test_the_command_line_lists_it(seen):
    rows = [line.split(None, 1) for line in seen["cli"].splitlines()]
    assert ["zz_throwaway", "Throwaway"] in rows
    assert [row[0] for row in rows] == sorted(seen["names"])


def test_the_calculators_index_and_the_navigation_list_it(seen):
    assert "- [**Throwaway**](zz-throwaway.md) — Margin per order." in seen["list"]
    assert "calculators/zz-throwaway.md" in seen["nav"]
    assert seen["nav"][0] == {"Калькуляторы": "calculators/index.md"}
    assert len(seen["nav"]) == len(seen["names"]) + 1


def test_the_page_that_shows_it_gets_its_module_and_no_other_page_does(seen):
    assert "zz_throwaway.py" in seen["page_modules"]
    assert "zz_throwaway.py" not in seen["other_page_modules"]
    assert "nps_change.py" in seen["other_page_modules"] and "nps_change.py" not in seen["page_modules"]


def test_discovery_reads_sources_and_imports_only_what_is_asked_for():
    """names() finds the modules declaring CALCULATOR without importing them; get() imports one."""
    code = ("import sys; from calculators import registry; names = registry.names(); "
            "loaded = sorted(m for m in sys.modules if m.startswith('calculators.')); "
            "registry.get('nps_change'); "
            "after = sorted(m for m in sys.modules if m.startswith('calculators.')); "
            "print(','.join(names)); print(','.join(loaded)); print(','.join(after))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    names, loaded, after = done.stdout.splitlines()
    assert names.split(",") == sorted(registry.CALCULATORS)
    assert not [name for name in names.split(",") if "calculators." + name in loaded.split(",")]
    assert "calculators.nps_change" in after.split(",")
    assert not [name for name in names.split(",") if name != "nps_change" and "calculators." + name in after]


@pytest.mark.parametrize("name", ["core", "cli", "__main__", "no_such", "../x", "", "CORE"])
def test_only_a_module_declaring_a_calculator_is_one(name):
    with pytest.raises(KeyError) as caught:
        registry.get(name)
    assert "unknown calculator" in str(caught.value)
