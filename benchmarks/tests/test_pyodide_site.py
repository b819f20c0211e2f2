"""Benchmark only: the Pyodide variant is the built site with its runtime tags rewritten.

No Pyodide is needed here: the copy is checked against a stand-in directory of its files.
"""

import json

from benchmarks import pyodide_site
from scripts import csp, runtime

BASE = "../../assets/vendor/"
CONFIG = {"files": {"../../assets/py/calculators/web.mpy": "calculators/web.mpy",
                    "../../assets/py/calculators/custom.json": "calculators/custom.json"},
          "interpreter": BASE + "micropython/micropython.mjs"}
PAGE = """<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="x">
  <link rel="modulepreload" href="../../assets/vendor/pyscript/core.js">
  <link rel="modulepreload" href="../../assets/vendor/micropython/micropython.mjs">
  <link rel="preload" href="../../assets/vendor/micropython/micropython.wasm" as="fetch" type="application/wasm" crossorigin>
<script>var a = 1;</script>
</head><body>
  <script type="module" async src="../../assets/vendor/pyscript/core.js"></script>
  <script type="mpy" config="%s">
from calculators.web import start
start()
  </script>
</body></html>
""" % json.dumps(CONFIG, sort_keys=True, separators=(",", ":")).replace('"', "&#34;")


def test_a_page_loads_the_self_hosted_pyodide_and_the_same_modules_as_sources():
    html = pyodide_site.rewrite_page(PAGE)
    assert "micropython" not in html and ".mpy" not in html
    assert '<link rel="modulepreload" href="%spyodide/pyodide.mjs">' % BASE in html
    assert '<link rel="modulepreload" href="%spyodide/pyodide.asm.mjs">' % BASE in html
    assert ('<link rel="preload" href="%spyodide/pyodide.asm.wasm" as="fetch" type="application/wasm" crossorigin>'
            % BASE in html)
    for name in ("python_stdlib.zip", "pyodide-lock.json"):
        assert '<link rel="preload" href="%spyodide/%s" as="fetch" crossorigin>' % (BASE, name) in html
    script = [e for e in pyodide_site.htmlpage.elements(html) if e.name == "script" and e.attrs.get("type") == "py"]
    config = json.loads(script[0].attrs["config"])
    assert config == {"interpreter": BASE + "pyodide/pyodide.mjs",
                      "files": {"../../assets/py/calculators/web.py": "calculators/web.py",
                                "../../assets/py/calculators/custom.json": "calculators/custom.json"}}
    # The same inline scripts, so the page's policy still holds; the rest of the page is untouched.
    assert csp.inline_scripts(html) == csp.inline_scripts(PAGE)
    assert (html.split('<script type="py"', 1)[1].split(">", 1)[1]
            == PAGE.split('<script type="mpy"', 1)[1].split(">", 1)[1])
    assert pyodide_site.rewrite_page(html) == html


def test_convert_copies_pyodide_and_the_sources(tmp_path, monkeypatch):
    trainer = tmp_path / "custom.json"
    trainer.write_text(json.dumps({"acquisition_vs_retention": {"defaults": {"retention_rate_pct": 60}}}),
                       encoding="utf-8")
    monkeypatch.setenv("CLIENTING_CUSTOM", str(trainer))
    stand_in = tmp_path / "pyodide"
    stand_in.mkdir()
    for name in pyodide_site.FILES:
        (stand_in / name).write_bytes(b"stand-in " + name.encode())
    site = tmp_path / "site"
    (site / "calculators" / "x").mkdir(parents=True)
    (site / runtime.PY / "calculators").mkdir(parents=True)
    (site / "calculators" / "x" / "index.html").write_text(PAGE, encoding="utf-8")
    assert pyodide_site.convert(str(site), str(stand_in)) == ["calculators/x/index.html"]
    vendor = site / runtime.VENDOR / "pyodide"
    assert sorted(p.name for p in vendor.iterdir() if not p.name.endswith((".gz", ".br"))) == sorted(pyodide_site.FILES)
    modules = site / runtime.PY / "calculators"
    assert sorted(p.name for p in modules.glob("*.py")) == runtime.python_files()
    assert "pyodide/pyodide.asm.wasm" in (site / "sw.js").read_text(encoding="utf-8")
    # The trainer's file as written: CPython checks it on load (the checked form is MicroPython's).
    assert (modules / "custom.json").read_bytes() == trainer.read_bytes()


def test_the_archives_become_their_modules_as_sources():
    config = {"files": {"../assets/py/calculators.tar": "calculators.tar",
                        "../assets/py/word_of_mouth.tar": "word_of_mouth.tar"},
              "interpreter": "../assets/vendor/micropython/micropython.mjs",
              "on_demand": {"qr": "../assets/py/calculators/qr.mpy"}}
    page = ('<link rel="preload" href="../assets/py/calculators.tar" as="fetch" crossorigin>'
            '<script type="mpy" config="%s">start()</script>'
            % json.dumps(config).replace('"', "&#34;"))
    html = pyodide_site.rewrite_page(page)
    assert ".tar" not in html.split("<script")[0]  # no preload of the archives
    script = [e for e in pyodide_site.htmlpage.elements(html) if e.name == "script" and e.attrs.get("type") == "py"]
    found = json.loads(script[0].attrs["config"])
    expected = ["calculators/" + name for name in runtime.archive_members(runtime.SHARED) + ["word_of_mouth.py"]]
    if runtime.custom.in_use():
        expected.append("calculators/custom.json")
    assert sorted(found["files"].values()) == sorted(expected)
    assert found["on_demand"] == {"qr": "../assets/py/calculators/qr.py"}
