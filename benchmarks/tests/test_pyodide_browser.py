"""Benchmark only: the site's Pyodide variant (benchmarks/pyodide_site.py) runs the same calculators.

Not part of the suite (pytest.ini collects tests/ only): ``pytest benchmarks/tests``.

Skipped unless the benchmark's Pyodide is installed (``npm ci --prefix benchmarks/pyodide``), so CI,
which never downloads it, skips it.  Every request that is not to the local server is aborted and
recorded: Pyodide falls back to a CDN when a file is not where it looks, and the site must never
need one.  Service workers are blocked so that every request goes through the recording route.
The site's Content Security Policy would refuse such a request before the route sees it (a console
error), so the page is also opened with the policy bypassed, where the route alone must see nothing.
"""

import os
import sys

import pytest

from calculators import registry
from calculators.view import input_text, view

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

from benchmarks import pyodide_site  # noqa: E402
from scripts.serve import serve_in_background  # noqa: E402

INSTALLED = os.path.isdir(os.path.join(pyodide_site.PREFIX, "node_modules"))
pytestmark = pytest.mark.skipif(
    not INSTALLED, reason="benchmark only: the Pyodide runtime is not installed "
                          "(npm ci --prefix benchmarks/pyodide)")

# Pyodide is ~14 MB and a full CPython: on a loaded machine it takes several seconds to start.
LIVE_TIMEOUT_MS = 60000
PAGES = [("acquisition_vs_retention", "ru", "calculators/acquisition-vs-retention/"),
         ("referral_payback", "en", "en/calculators/referral-payback/")]
LOCAL = "http://127.0.0.1:"


@pytest.fixture(scope="module")
def pyodide_url(tmp_path_factory):
    target = tmp_path_factory.mktemp("site-pyodide")
    pyodide_site.build(str(target))
    server = serve_in_background(str(target))
    yield "http://127.0.0.1:%d/" % server.server_port
    server.shutdown()


def visit(chromium, url, name, field, text, bypass_csp=False):
    """Open ``url``; return (outputs when live, outputs after ``field`` := ``text``, requests, blocked, errors)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers="block",
                                   bypass_csp=bypass_csp)
    blocked, requested, console = [], [], []

    def route(request_route):
        if request_route.request.url.startswith(LOCAL):
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: console.append((m.type, m.text)))
    page.on("pageerror", lambda e: console.append(("pageerror", str(e))))
    page.on("request", lambda r: requested.append(r.url))
    try:
        page.goto(url)
        root = "[data-calculator=%s]" % name
        page.wait_for_selector(root + "[data-state=live]", timeout=LIVE_TIMEOUT_MS)
        read = ("els => els.map(e => [e.dataset.output, e.dataset.value, e.textContent])")
        before = page.eval_on_selector_all(root + " [data-output]", read)
        page.fill("%s input[name=%s]" % (root, field), text)
        page.wait_for_function(
            "([sel, was]) => JSON.stringify([...document.querySelectorAll(sel + ' [data-output]')]"
            ".map(e => [e.dataset.output, e.dataset.value, e.textContent])) !== JSON.stringify(was)",
            arg=[root, before], timeout=10000)
        after = page.eval_on_selector_all(root + " [data-output]", read)
        errors = [text for kind, text in console if kind in ("error", "pageerror")]
        return before, after, requested, blocked, errors
    finally:
        context.close()


@pytest.mark.slow
@pytest.mark.parametrize("name,lang,path", PAGES)
def test_pyodide_page_goes_live_offline_and_matches_micropython(chromium, pyodide_url, site_url, name, lang, path):
    calculator = registry.get(name)
    spec = calculator.inputs[0]
    value = spec.default[lang] * 2 or 1
    if spec.maximum is not None and value > spec.maximum:
        value = spec.maximum
    field, text = spec.name, input_text(value, lang)

    before, after, requested, blocked, errors = visit(chromium, pyodide_url + path, name, field, text)
    assert blocked == []
    assert errors == []
    assert all(url.startswith(LOCAL) for url in requested)
    # Pyodide, self-hosted, and not MicroPython, did the computing.
    assert pyodide_url + "assets/vendor/pyodide/pyodide.asm.wasm" in requested
    assert pyodide_url + "assets/py/calculators/web.py" in requested
    assert not [url for url in requested if "micropython" in url or url.endswith(".mpy")]
    # Not thanks to the policy alone: without it, nothing is requested from another host either.
    unguarded = visit(chromium, pyodide_url + path, name, field, text, bypass_csp=True)
    assert unguarded[3] == [] and unguarded[4] == []
    assert unguarded[:2] == (before, after)

    mp_before, mp_after, mp_requested, mp_blocked, mp_errors = visit(chromium, site_url + path, name, field, text)
    assert mp_blocked == [] and mp_errors == []
    assert site_url + "assets/vendor/micropython/micropython.wasm" in mp_requested

    # The same numbers and texts as MicroPython, before and after the edit, and as CPython computes.
    assert before == mp_before
    assert after == mp_after
    assert after != before
    defaults = dict((key, input_text(value, lang)) for key, value in calculator.defaults(lang).items())
    expected = view(calculator, dict(defaults, **{field: text}), lang)["outputs"]
    assert after == [[item["key"], item["value"], item["text"]] for item in expected]
