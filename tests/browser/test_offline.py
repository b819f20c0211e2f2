"""The offline copy: after one visit the site keeps working with the network gone, and a new
deployment is offered, never forced.  Served under a sub-path, as a deployment would be."""

import os
import shutil

import pytest

from calculators import registry
from scripts import offline
from scripts.serve import serve_in_background

from browsing import recomputes

READY_TIMEOUT_MS = 30000
PREFIX = "/playbook/"


@pytest.fixture
def deployment(built_site, tmp_path):
    """A copy of the built site of its own (a test may change it), served under /playbook/."""
    target = tmp_path / "site"
    shutil.copytree(str(built_site), str(target))
    server = serve_in_background(str(target), prefix=PREFIX)
    yield target, server, "http://127.0.0.1:%d%s" % (server.server_port, PREFIX)
    server.shutdown()
    server.server_close()


@pytest.fixture
def context(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


def watch(page):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def wait_ready(page):
    """The service worker has cached this version and now serves the page."""
    page.wait_for_function(
        "document.documentElement.dataset.offline === 'ready' && !!navigator.serviceWorker.controller",
        timeout=READY_TIMEOUT_MS)


def test_the_manifest_lists_pages_runtime_modules_and_search(built_site):
    files = offline.manifest(str(built_site))
    for path in ("index.html", "en/calculators/conversion-funnel/index.html", "search/search_index.json",
                 "search/search_docs.json",
                 "assets/vendor/micropython/micropython.wasm", "assets/vendor/micropython/micropython.mjs",
                 "assets/vendor/pyscript/core.js", "assets/py/calculators/core.mpy", "assets/offline.js",
                 "assets/javascripts/lunr/min/lunr.ru.min.js"):
        assert path in files
    assert "sw.js" not in files and "sitemap.xml" not in files
    assert not [path for path in files if path.endswith(".map")]
    text = (built_site / "sw.js").read_text(encoding="utf-8")
    assert '"%s"' % offline.version(files) in text
    assert '"calculators/acquisition-vs-retention/"' in text and "__FILES__" not in text


def test_after_one_visit_the_site_works_with_the_network_gone(context, deployment):
    _, server, base = deployment
    page = context.new_page()
    errors = watch(page)
    page.goto(base + "calculators/acquisition-vs-retention/")
    recomputes(page, "acquisition_vs_retention", "ru")
    wait_ready(page)

    # The network drops: the server is gone and the browser is offline.
    server.shutdown()
    server.server_close()
    context.set_offline(True)

    page.reload()
    assert page.evaluate("navigator.onLine") is False
    recomputes(page, "acquisition_vs_retention", "ru")
    # A page never opened before, in the other language, with another calculator.
    page.goto(base + "en/calculators/conversion-funnel/")
    recomputes(page, "conversion_funnel", "en")
    # A chapter, and an address without its final slash.
    page.goto(base + "chapters/after-the-sale")
    assert page.url.endswith("/chapters/after-the-sale/")
    assert page.locator("h1").count() == 1
    assert errors == []


def test_a_new_version_is_offered_not_forced(context, deployment):
    target, _, base = deployment
    page = context.new_page()
    errors = watch(page)
    page.goto(base + "en/calculators/referral-payback/")
    recomputes(page, "referral_payback", "en")
    wait_ready(page)
    first = page.evaluate("caches.keys()")
    assert len(first) == 1

    # A new deployment: one file changes, so does the manifest.
    with open(os.path.join(str(target), "assets", "clienting.css"), "a", encoding="utf-8") as handle:
        handle.write("\n/* new version */\n")
    offline.write(str(target))
    page.evaluate("window.__sameDocument = true")
    page.fill("[data-calculator=referral_payback] input[name=%s]" % registry.get("referral_payback").inputs[0].name,
              "7")
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")

    banner = page.locator("[data-role=update]")
    banner.wait_for(state="visible", timeout=READY_TIMEOUT_MS)
    assert "new version" in banner.text_content().lower()
    assert banner.get_attribute("role") == "status"
    # Nothing reloaded under the presenter's hands: same document, the typed value kept.
    page.wait_for_timeout(500)
    assert page.evaluate("window.__sameDocument") is True
    assert page.input_value("[data-calculator=referral_payback] input[name=%s]"
                            % registry.get("referral_payback").inputs[0].name) == "7"

    with page.expect_navigation():
        page.click("[data-role=update-reload]")
    page.wait_for_function("document.documentElement.dataset.offline === 'ready'", timeout=READY_TIMEOUT_MS)
    assert page.evaluate("window.__sameDocument") is None
    after = page.evaluate("caches.keys()")
    assert len(after) == 1 and after != first
    assert "new version" in page.evaluate(
        "fetch('../../../assets/clienting.css').then(r => r.text())")
    assert errors == []
