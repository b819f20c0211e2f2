"""Steps the browser tests share (fixtures are in tests/conftest.py)."""

import os

from calculators import registry
from calculators.view import input_text, view

LIVE_TIMEOUT_MS = 25000

# Collects the page's Content-Security-Policy violations from the first script on: installed (as an init
# script) before any of the page's own; :func:`violations` reads them.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push([e.violatedDirective, e.blockedURI, e.sourceFile, e.lineNumber].join(" "));
});
"""


def site_pages(site_dir, lang=None):
    """Every HTML page of the built site by its address under the site's root ("", "en/glossary/",
    "404.html"), sorted; with ``lang``, only that language's ("en/…" is English, the rest Russian)."""
    found = []
    for folder, _, files in os.walk(str(site_dir)):
        for name in files:
            if name.endswith(".html"):
                relative = os.path.relpath(os.path.join(folder, name), str(site_dir)).replace(os.sep, "/")
                if lang is None or relative.startswith("en/") == (lang == "en"):
                    found.append(relative[:-len("index.html")] if relative.endswith("index.html") else relative)
    return sorted(found)


def page_html(site_dir, address):
    """The built HTML of a page given by its address, as :func:`site_pages` lists it."""
    file_path = address if address.endswith(".html") else address + "index.html"
    with open(os.path.join(str(site_dir), file_path), encoding="utf-8") as handle:
        return handle.read()


def violations(page):
    return page.evaluate("window.__cspViolations")


def recomputes(page, name, lang, with_text=False):
    """The calculator goes live and shows what CPython computes for a changed first input: every
    output's ``data-value`` (and, ``with_text``, its formatted text)."""
    root = "[data-calculator=%s]" % name
    page.wait_for_selector(root + "[data-state=live]", timeout=LIVE_TIMEOUT_MS)
    calculator = registry.get(name)
    spec = calculator.inputs[0]
    value = spec.default[lang] * 2 or 1
    if spec.maximum is not None and value > spec.maximum:
        value = spec.maximum
    raw = dict((k, input_text(v, lang)) for k, v in calculator.defaults(lang).items())
    raw[spec.name] = input_text(value, lang)
    page.fill("%s input[name=%s]" % (root, spec.name), raw[spec.name])
    outputs = view(calculator, raw, lang)["outputs"]
    expected = [[o["key"], o["value"], o["text"]] if with_text else [o["key"], o["value"]] for o in outputs]
    shown = "[e.dataset.output, e.dataset.value, e.textContent]" if with_text else "[e.dataset.output, e.dataset.value]"
    page.wait_for_function(
        "([sel, want]) => JSON.stringify([...document.querySelectorAll(sel + ' [data-output]')]"
        ".map(e => %s)) === JSON.stringify(want)" % shown,
        arg=[root, expected], timeout=5000)


def wait_until(page, expression, arg=None, timeout_ms=10000):
    """Poll a JavaScript expression from here (the site's CSP forbids the eval of wait_for_function)."""
    waited = 0
    while not page.evaluate(expression, arg):
        if waited > timeout_ms:
            raise AssertionError("timed out waiting for %s" % expression)
        page.wait_for_timeout(100)
        waited += 100
