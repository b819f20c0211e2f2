"""The site opened over plain HTTP from another device on the room's network: not a secure context.

127.0.0.1 counts as secure, so the browser here maps a made-up host name to it: to the page,
http://playbook.test:PORT/ is a laptop on the local network.  What the site uses that needs a secure
context is only the service worker (the offline copy): it is simply not registered there.
PyScript, MicroPython's WebAssembly, the search worker and the calculators need none.
"""

import pytest

from calculators import registry
from calculators.view import input_text, view
from scripts import browser as browser_finder

HOST = "playbook.test"
LIVE_TIMEOUT_MS = 25000


@pytest.fixture(scope="module")
def lan_browser(chromium):
    """A second Chromium from the same Playwright, told that playbook.test is 127.0.0.1."""
    path, _ = browser_finder.find()
    kwargs = {"args": browser_finder.ARGS + ["--host-resolver-rules=MAP %s 127.0.0.1" % HOST]}
    if path:
        kwargs["executable_path"] = path
    browser = chromium.browser_type.launch(**kwargs)
    yield browser
    browser.close()


@pytest.mark.parametrize("name, lang", [("acquisition_vs_retention", "ru"), ("word_of_mouth", "en")])
def test_a_calculator_goes_live_over_plain_http_on_the_local_network(lan_browser, site_url, name, lang):
    port = site_url.rsplit(":", 1)[1].split("/")[0]
    base = "http://%s:%s/" % (HOST, port)
    context = lan_browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(base + ("en/" if lang == "en" else "") + "calculators/%s/" % name.replace("_", "-"))
        assert page.evaluate("window.isSecureContext") is False
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
        expected = [[o["key"], o["value"], o["text"]] for o in view(calculator, raw, lang)["outputs"]]
        page.wait_for_function(
            "([sel, want]) => JSON.stringify([...document.querySelectorAll(sel + ' [data-output]')]"
            ".map(e => [e.dataset.output, e.dataset.value, e.textContent])) === JSON.stringify(want)",
            arg=[root, expected], timeout=5000)

        # The offline copy degrades silently: no service worker, no banner, nothing said in the console.
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.dataset.offline") == "unavailable"
        assert page.evaluate("'serviceWorker' in navigator") is False
        assert page.locator("[data-role=update]").count() == 0
        assert errors == []
    finally:
        context.close()
