"""The build option CLIENTING_RUNTIME (benchmark only): MicroPython by default, Pyodide on request.

No Pyodide is needed here: the copy is checked against a stand-in directory of its files.
"""

import json
import os
import re

import jinja2
import markupsafe
import pytest

from scripts import csp, runtime

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NAMES = ["acquisition_vs_retention"]


@pytest.fixture(autouse=True)
def no_option(monkeypatch):
    monkeypatch.delenv(runtime.RUNTIME_ENV, raising=False)


def config_of(info):
    return json.loads(info["config"])


@pytest.mark.parametrize("environ, expected", [
    ({}, "micropython"), ({"CLIENTING_RUNTIME": ""}, "micropython"),
    ({"CLIENTING_RUNTIME": "micropython"}, "micropython"), ({"CLIENTING_RUNTIME": "pyodide"}, "pyodide")])
def test_the_option_chooses_the_runtime(environ, expected):
    assert runtime.runtime_name(environ) == expected


@pytest.mark.parametrize("value", ["cpython", "Pyodide", " pyodide", "mpy"])
def test_an_unknown_runtime_fails_naming_the_allowed_values(value, monkeypatch):
    with pytest.raises(runtime.UnknownRuntime) as raised:
        runtime.runtime_name({"CLIENTING_RUNTIME": value})
    message = str(raised.value)
    assert "CLIENTING_RUNTIME" in message and repr(value) in message
    assert "micropython" in message and "pyodide" in message
    monkeypatch.setenv(runtime.RUNTIME_ENV, value)
    with pytest.raises(runtime.UnknownRuntime):
        runtime.page_runtime("..", NAMES)
    with pytest.raises(runtime.UnknownRuntime):
        runtime.copy_runtime("/nonexistent-site-dir")


def test_the_default_is_micropython_as_before(monkeypatch):
    info = runtime.page_runtime("../..", NAMES)
    vendor = "../../assets/vendor/"
    files = dict(("../../assets/py/calculators/%s.mpy" % name[:-3], "calculators/%s.mpy" % name[:-3])
                 for name in runtime.python_files(NAMES))
    if runtime.custom.in_use():
        files["../../assets/py/calculators/custom.json"] = "calculators/custom.json"
    assert info == {
        "type": "mpy",
        "core": vendor + "pyscript/core.js",
        "chunks": [vendor + "pyscript/" + name for name in runtime.eager_chunks()],
        "interpreter": vendor + "micropython/micropython.mjs",
        "wasm": vendor + "micropython/micropython.wasm",
        "config": json.dumps({"interpreter": vendor + "micropython/micropython.mjs", "files": files},
                             sort_keys=True, separators=(",", ":")),
    }
    monkeypatch.setenv(runtime.RUNTIME_ENV, "micropython")
    assert runtime.page_runtime("../..", NAMES) == info
    assert runtime.page_runtime("../..", NAMES, "micropython") == info


def test_pyodide_pages_load_the_self_hosted_pyodide_and_the_same_modules_as_sources(monkeypatch):
    micropython = config_of(runtime.page_runtime("../..", NAMES, "micropython"))
    monkeypatch.setenv(runtime.RUNTIME_ENV, "pyodide")
    info = runtime.page_runtime("../..", NAMES)
    config = config_of(info)
    assert info["type"] == "py"
    assert config["interpreter"] == "../../assets/vendor/pyodide/pyodide.mjs" == info["interpreter"]
    assert sorted(config) == ["files", "interpreter"]  # no packages: they would come from the internet
    # The same selection of modules as MicroPython's, as .py sources beside them.
    expected = dict((url[:-4] + ".py", target[:-4] + ".py") if url.endswith(".mpy") else (url, target)
                    for url, target in micropython["files"].items())
    assert config["files"] == expected
    assert "calculators/web.py" in config["files"].values()
    assert "calculators/conversion_funnel.py" not in config["files"].values()
    urls = [info["core"], info["interpreter"], info["wasm"]] + info["chunks"] + info["interpreter_modules"]
    urls += info["fetches"] + list(config["files"])
    assert all(url.startswith("../../assets/") for url in urls)
    assert not [url for url in urls if "micropython" in url or url.endswith(".mpy")]
    pyodide = [url for url in urls if "/vendor/pyodide/" in url]
    assert sorted(url.rsplit("/", 1)[1] for url in pyodide) == sorted(runtime.PYODIDE_FILES)


def test_csp_sees_the_runtime_of_either_kind():
    assert csp.has_runtime('<script type="mpy" config="{}">start()</script>')
    assert csp.has_runtime('<script type="py" config="{}">start()</script>')
    assert not csp.has_runtime('<script type="python">x</script><script type="module" src="a.js"></script>')


def runtime_blocks(info):
    """The two runtime blocks of overrides/main.html rendered for ``info`` (the theme's part left out)."""
    with open(os.path.join(ROOT, "overrides", "main.html"), encoding="utf-8") as handle:
        source = handle.read()
    rendered = []
    for block in ("extrahead", "scripts"):
        body = re.search(r"{%% block %s %%}(.*?){%% endblock %%}" % block, source, re.S).group(1)
        template = jinja2.Environment(autoescape=False).from_string(body.replace("{{ super() }}", ""))
        rendered.append([line.strip() for line in template.render(clienting_runtime=info, base_url="../..")
                         .splitlines() if line.strip()])
    return rendered


def test_the_template_writes_the_micropython_tags_as_before():
    info = runtime.page_runtime("../..", NAMES)
    head, scripts = runtime_blocks(info)
    assert head[0].startswith('<script type="speculationrules">')  # every page's, calculator or not
    head = head[1:]
    assert head == (['<link rel="modulepreload" href="%s">' % info["core"]]
                    + ['<link rel="modulepreload" href="%s">' % chunk for chunk in info["chunks"]]
                    + ['<link rel="modulepreload" href="%s">' % info["interpreter"],
                       '<link rel="preload" href="%s" as="fetch" type="application/wasm" crossorigin>'
                       % info["wasm"]])
    assert scripts == ['<script src="../../assets/calculators.js"></script>',
                       '<script type="module" async src="%s"></script>' % info["core"],
                       '<script type="mpy" config="%s">' % markupsafe.escape(info["config"]),
                       "from calculators.web import start", "start()", "</script>"]


def test_the_template_writes_pyodide_tags_and_preloads():
    info = runtime.page_runtime("../..", NAMES, "pyodide")
    head, scripts = runtime_blocks(info)
    vendor = "../../assets/vendor/pyodide/"
    assert '<link rel="modulepreload" href="%spyodide.mjs">' % vendor in head
    assert '<link rel="modulepreload" href="%spyodide.asm.mjs">' % vendor in head
    assert ('<link rel="preload" href="%spyodide.asm.wasm" as="fetch" type="application/wasm" crossorigin>'
            % vendor) in head
    for name in ("python_stdlib.zip", "pyodide-lock.json"):
        assert '<link rel="preload" href="%s%s" as="fetch" crossorigin>' % (vendor, name) in head
    assert '<script type="py" config="%s">' % markupsafe.escape(info["config"]) in scripts
    assert not [line for line in head + scripts if "micropython" in line or 'type="mpy"' in line]


def fake_pyodide(folder):
    folder.mkdir(parents=True)
    for name in runtime.PYODIDE_FILES:
        (folder / name).write_bytes(b"stand-in " + name.encode("ascii"))
    return folder


def test_copy_runtime_for_pyodide_copies_its_files_and_the_sources(tmp_path, monkeypatch):
    monkeypatch.setattr(runtime, "PYODIDE_DIR", str(fake_pyodide(tmp_path / "pyodide")))
    site = tmp_path / "site"
    first = runtime.copy_runtime(str(site), "pyodide")
    assert runtime.copy_runtime(str(site), "pyodide") == first
    vendor = site / "assets" / "vendor"
    assert sorted(p.name for p in (vendor / "pyodide").iterdir()) == sorted(runtime.PYODIDE_FILES)
    assert (vendor / "pyodide" / "pyodide.mjs").read_bytes() == b"stand-in pyodide.mjs"
    assert (vendor / "pyscript" / "core.js").exists()
    assert not (vendor / "micropython").exists()
    modules = site / "assets" / "py" / "calculators"
    assert sorted(p.name for p in modules.glob("*.py")) == runtime.python_files()
    assert not list(modules.glob("*.mpy"))
    with open(os.path.join(runtime.PACKAGE_DIR, "web.py"), "rb") as handle:
        assert (modules / "web.py").read_bytes() == handle.read()


def test_copy_runtime_without_the_benchmark_pyodide_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr(runtime, "PYODIDE_DIR", str(tmp_path / "absent" / "pyodide"))
    monkeypatch.setenv(runtime.RUNTIME_ENV, "pyodide")
    with pytest.raises(runtime.RuntimeMissing) as raised:
        runtime.copy_runtime(str(tmp_path / "site"))
    assert "npm ci --prefix benchmarks/pyodide" in str(raised.value)
    assert not (tmp_path / "site").exists()
