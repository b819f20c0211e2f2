"""scripts/runtime.py: what a page with a calculator loads (MicroPython's tags and PyScript config)."""

import json
import os
import re

import jinja2
import markupsafe

from scripts import csp, runtime

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NAMES = ["acquisition_vs_retention"]


def test_a_calculator_page_loads_micropython_and_only_its_modules():
    info = runtime.page_runtime("../..", NAMES)
    vendor = "../../assets/vendor/"
    files = dict(("../../assets/py/calculators/%s.mpy" % name[:-3], "calculators/%s.mpy" % name[:-3])
                 for name in runtime.python_files(NAMES))
    if runtime.custom.in_use():
        files["../../assets/py/calculators/custom.json"] = "calculators/custom.json"
    assert "calculators/conversion_funnel.mpy" not in files.values()
    assert info == {
        "type": "mpy",
        "core": vendor + "pyscript/core.js",
        "chunks": [vendor + "pyscript/" + name for name in runtime.eager_chunks()],
        "interpreter": vendor + "micropython/micropython.mjs",
        "wasm": vendor + "micropython/micropython.wasm",
        "config": json.dumps({"interpreter": vendor + "micropython/micropython.mjs", "files": files},
                             sort_keys=True, separators=(",", ":")),
    }


def test_csp_sees_the_runtime_in_the_page():
    assert csp.has_runtime('<script type="mpy" config="{}">start()</script>')
    assert not csp.has_runtime('<script type="python">x</script><script type="module" src="a.js"></script>')
    assert not csp.has_runtime('<script>var s = \'<script type="mpy">\';</script>')  # text, not a tag


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
