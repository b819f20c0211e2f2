"""The site opened over plain HTTP from another device on the room's network: not a secure context.

127.0.0.1 counts as secure, so the browser here maps a made-up host name to it: to the page,
http://playbook.test:PORT/ is a laptop on the local network.  What the site uses that needs a secure
context is only the service worker (the offline copy): it is simply not registered there.
PyScript, MicroPython's WebAssembly, the search worker and the calculators need none.
"""

import pytest

from browsing import recomputes
from conftest import LAN_HOST as HOST


@pytest.mark.parametrize("name, lang", [("acquisition_vs_retention", "ru"), ("word_of_mouth", "en")])
def test_a_calculator_goes_live_over_plain_http_on_the_local_network(lan_browser, site_url, name, lang):
    port = site_url.rsplit(":", 1)[1].split("/")[0]
    base = "http://%s:%s/" % (HOST, port)
    context = lan_browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    encodings = {}
    page.on("response", lambda r: encodings.__setitem__(r.url.split("?")[0], r.all_headers().get("content-encoding")))
    try:
        address = base + ("en/" if lang == "en" else "") + "calculators/%s/" % name.replace("_", "-")
        page.goto(address)
        assert page.evaluate("window.isSecureContext") is False
        recomputes(page, name, lang, with_text=True)

        # The room's Wi-Fi carries the build's gzip copies (a browser offers brotli only over HTTPS).
        assert encodings[address] == "gzip"
        assert encodings[base + "assets/vendor/micropython/micropython.wasm"] == "gzip"
        assert encodings[base + "assets/py/calculators.tar"] == "gzip"  # the calculators' modules

        # The offline copy degrades silently: no service worker, no banner, nothing said in the console.
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.dataset.offline") == "unavailable"
        assert page.evaluate("'serviceWorker' in navigator") is False
        assert page.locator("[data-role=update]").count() == 0
        assert errors == []
    finally:
        context.close()
