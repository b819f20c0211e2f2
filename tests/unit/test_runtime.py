"""scripts/runtime.py: what a page with a calculator loads (MicroPython's tags and PyScript config)."""

import json
import os
import re

import jinja2
import markupsafe

from scripts import csp, runtime

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NAMES = ["acquisition_vs_retention"]


def test_a_calculator_page_loads_micropython_and_its_modules_in_two_archives():
    info = runtime.page_runtime("../..", NAMES)
    vendor = "../../assets/vendor/"
    archives = ["../../assets/py/calculators.tar", "../../assets/py/acquisition_vs_retention.tar"]
    assert info == {
        "type": "mpy",
        "script": runtime.UNPACK,
        "core": vendor + "pyscript/core.js",
        "chunks": [vendor + "pyscript/" + name for name in runtime.eager_chunks()],
        "interpreter": vendor + "micropython/micropython.mjs",
        "wasm": vendor + "micropython/micropython.wasm",
        "fetches": archives,
        "config": json.dumps({"interpreter": vendor + "micropython/micropython.mjs",
                              "files": dict((url, url.rsplit("/", 1)[1]) for url in archives),
                              "on_demand": {"qr": "../../assets/py/calculators/qr.mpy"}},
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


def test_the_template_writes_the_micropython_tags_and_preloads_the_archives():
    info = runtime.page_runtime("../..", NAMES)
    head, scripts = runtime_blocks(info)
    assert head[0].startswith('<script type="speculationrules">')  # every page's, calculator or not
    head = head[1:]
    assert head == (['<link rel="modulepreload" href="%s">' % info["core"]]
                    + ['<link rel="modulepreload" href="%s">' % chunk for chunk in info["chunks"]]
                    + ['<link rel="modulepreload" href="%s">' % info["interpreter"],
                       '<link rel="preload" href="%s" as="fetch" type="application/wasm" crossorigin>'
                       % info["wasm"]]
                    + ['<link rel="preload" href="%s" as="fetch" crossorigin>' % url for url in info["fetches"]])
    assert scripts == (['<script src="../../assets/calculators.js"></script>',
                        '<script type="module" async src="%s"></script>' % info["core"],
                        '<script type="mpy" config="%s">' % markupsafe.escape(info["config"])]
                       + [line.strip() for line in runtime.UNPACK.splitlines() if line.strip()] + ["</script>"])
