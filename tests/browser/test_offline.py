"""The offline copy: after one visit the site keeps working with the network gone, and a new
deployment is offered, never forced.  The copy waits until the page is live, holds the reader's
language only, and is not made when the reader saves data.  Served under a sub-path, as a deployment
would be."""

import json
import os
import re
import shutil

import pytest

from calculators import registry
from scripts import exercises, offline
from scripts.serve import serve_in_background

from browsing import recomputes, site_pages, wait_until

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
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers="allow")
    yield context
    context.close()


def watch(page):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def wait_ready(page, lang=None):
    """The service worker has cached this version (in ``lang``) and now serves the page."""
    page.wait_for_function(
        "document.documentElement.dataset.offline === 'ready' && !!navigator.serviceWorker.controller",
        timeout=READY_TIMEOUT_MS)
    if lang:
        page.wait_for_function("lang => document.documentElement.dataset.offlineLanguage === lang", arg=lang,
                               timeout=READY_TIMEOUT_MS)


# Polled from here: the site's policy forbids the eval behind wait_for_function's polling.
READY = "() => document.documentElement.dataset.offline === 'ready' && !!navigator.serviceWorker.controller"
WAITING = "navigator.serviceWorker.getRegistration().then(r => r.waiting)"
UPDATE = "navigator.serviceWorker.getRegistration().then(r => r.update())"  # look for a new version now

# The bytes each language's copy keeps in the browser's cache.
STORED_BYTES = """async () => {
  let total = 0;
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) total += (await (await cache.match(request)).arrayBuffer()).byteLength;
  }
  return total;
}"""

STORED = """() => caches.keys().then(names => Promise.all(names.map(name =>
  caches.open(name).then(cache => cache.keys()).then(keys => [name, keys.map(k => k.url)]))))"""


def stored(page, base):
    """{cache name: [paths under the site, "" for the home page]} of the page's origin."""
    return dict((name, sorted(url[len(base):] for url in urls)) for name, urls in page.evaluate(STORED))


def search_offline(page, query):
    """Open the search, type ``query``, return the result links (some are expected)."""
    page.click("button[data-role=search]")
    page.fill("dialog[data-role=search-dialog] input", query)
    page.wait_for_selector("dialog[data-role=search-dialog] li a", timeout=READY_TIMEOUT_MS)
    links = page.eval_on_selector_all("dialog[data-role=search-dialog] li a", "els => els.map(e => e.href)")
    page.keyboard.press("Escape")
    return links


def test_the_manifest_lists_pages_runtime_modules_and_search(built_site):
    files = offline.manifest(str(built_site))
    for path in ("index.html", "en/calculators/conversion-funnel/index.html", "pagefind/chunks.json",
                 "pagefind/pagefind.js", "pagefind/pagefind-worker.js", "pagefind/pagefind-entry.json",
                 "pagefind/wasm.ru.pagefind", "pagefind/wasm.en.pagefind",
                 "assets/vendor/micropython/micropython.wasm", "assets/vendor/micropython/micropython.mjs",
                 "assets/vendor/pyscript/core.js", "assets/py/calculators.tar", "assets/offline.js",
                 "assets/search.js"):
        assert path in files
    # The theme's own search (its worker, its lunr languages) is not used: not in the copy.
    assert not [path for path in files if path.startswith(("assets/javascripts/lunr/", "assets/javascripts/workers/"))]
    assert "sw.js" not in files and "sitemap.xml" not in files
    assert not [path for path in files if path.endswith((".map", ".gz", ".br"))]
    # PyScript's chunks that no page loads (editor, terminal, Pyodide, TOML) are left out.
    pyscript = [path for path in files if path.startswith("assets/vendor/pyscript/")]
    assert pyscript and not [path for path in pyscript if any(
        word in path for word in ("codemirror", "xterm", "toml", "pyodide", "index-", "storage", "service-worker"))]
    text = (built_site / "sw.js").read_text(encoding="utf-8")
    assert '"%s"' % offline.version(files) in text
    assert '"calculators/acquisition-vs-retention/"' in text and "__FILES__" not in text
    # Stored when opened: the whole playbook and each programme's handout pack, per language, with the
    # calculators' archives only they fetch; the QR code's module when first asked for.
    later = json.loads(re.search(r"var LATER = (\{.*?\});", text).group(1))
    packs = ["print/%s/" % ident for ident in exercises.load_programmes("ru")]
    modules = sorted(path for path in later["ru"] if path.startswith("assets/py/"))
    assert modules == sorted(path for path in later["en"] if path.startswith("assets/py/"))
    assert "assets/py/calculators/qr.mpy" in modules
    archives = [path for path in modules if path.endswith(".tar")]
    assert archives and all("-" in path for path in archives)  # several calculators' (a printable page's)
    assert "assets/py/calculators.tar" not in modules and "assets/py/word_of_mouth.tar" not in modules
    assert dict((lang, sorted(path for path in paths if path not in modules)) for lang, paths in later.items()) == {
        "ru": sorted(["print/"] + packs), "en": sorted("en/" + path for path in ["print/"] + packs)}
    assert "__LATER__" not in text and "__DEFAULT__" not in text


def test_the_copy_of_each_language_fits_in_3_5_mb_with_no_file_of_the_other(built_site):
    """What the reader's device keeps, per language: the text files gzip-compressed by the worker
    (decoded when asked for), the other files as they are."""
    files = offline.manifest(str(built_site))
    later = offline.on_demand(str(built_site), files)
    split = offline.by_language(files, ["ru", "en"], later)
    sizes = offline.sizes(str(built_site))
    for lang, other in (("ru", "en"), ("en", "ru")):
        assert sizes[lang]["stored"] <= 3500000, sizes
        kept = split[""] + split[lang]
        assert not [path for path in kept if offline.language_of(path) == other]
        assert not [path for path in kept if path.startswith(("en/", "print/") if lang == "ru" else "en/print/")]
    # the big ones travel and stay packed: the pages, the interpreter
    packs = offline.packed(files)
    for path in ("index.html", "en/index.html", "assets/vendor/micropython/micropython.wasm"):
        assert path in packs


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
    # A page never opened before, with another calculator.
    page.goto(base + "calculators/conversion-funnel/")
    recomputes(page, "conversion_funnel", "ru")
    # A chapter, and an address without its final slash.
    page.goto(base + "chapters/after-the-sale")
    assert page.url.endswith("/chapters/after-the-sale/")
    assert page.locator("h1").count() == 1
    # The search, never opened while online: its interface, WebAssembly and index come from the copy.
    assert search_offline(page, "послевкусием") and page.url.endswith("/chapters/after-the-sale/")
    # The other language is not in the copy: the language menu says so, and the page stays.
    page.hover(".md-header .md-select")
    page.click(".md-select__link[hreflang=en]")
    notice = page.locator("[data-role=offline-language]")
    notice.wait_for(state="visible")
    assert notice.get_attribute("role") == "status"
    assert "«English» не сохранена" in notice.text_content()
    assert page.url.endswith("/chapters/after-the-sale/")
    # Addresses the site does not have, with and without the final slash: the copy's "page not found".
    for missing in ("chapters/no-such-page/", "chapters/no-such-page", "no-such-page.html"):
        page.goto(base + missing)
        assert page.url == base + missing
        assert "Page not found" in page.locator("h1").first.text_content(), missing
    assert errors == []


def test_no_copy_before_the_calculator_is_live(context, deployment):
    """The worker is registered only once the page is live: nothing of the copy competes with it."""
    _, _, base = deployment
    held = []
    context.route("**/micropython.wasm", lambda route: held.append(route))  # the runtime cannot start yet
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    errors = watch(page)
    page.goto(base + "calculators/word-of-mouth/")
    page.wait_for_load_state("load")
    page.wait_for_function("() => new Promise(done => requestIdleCallback(() => done(true)))")
    page.wait_for_timeout(1000)
    assert page.evaluate("document.querySelector('[data-calculator]').dataset.state") == "starting"
    assert page.evaluate("document.documentElement.dataset.offline") == "pending"
    assert page.evaluate("navigator.serviceWorker.getRegistration().then(r => r === undefined)") is True
    assert not [url for url in requests if url.endswith("/sw.js") or "sw.js?" in url]
    assert not [url for url in requests if "/chapters/" in url or "/pagefind/" in url]

    assert held  # the runtime's WebAssembly was asked for, and is held back
    for route in held:
        route.continue_()
    context.unroute("**/micropython.wasm")
    recomputes(page, "word_of_mouth", "ru")
    wait_ready(page, "ru")
    assert [url for url in requests if "sw.js?lang=ru" in url]
    assert errors == []


def test_the_copy_holds_one_language_and_follows_the_reader(context, deployment):
    site, _, base = deployment
    requests = []
    context.on("request", lambda request: requests.append((request.url, request.service_worker is not None)))
    page = context.new_page()
    errors = watch(page)
    page.goto(base + "chapters/word-of-mouth/")  # no calculator: the copy starts after the load event
    wait_ready(page, "ru")
    copies = stored(page, base)
    assert len(copies) == 1
    name, paths = list(copies.items())[0]
    assert name.endswith(" ru")
    ru_pages = [path for path in site_pages(site, "ru") if not path.startswith("print/")]
    assert set(ru_pages) <= set(paths)
    search = [path for path in paths if path.startswith("pagefind/")]
    assert "pagefind/wasm.ru.pagefind" in search and "pagefind/pagefind.js" in search
    assert [path for path in search if path.startswith("pagefind/fragment/ru_")]
    assert not [path for path in search if "/en_" in path or ".en" in path]  # not the other language's search
    assert "assets/vendor/micropython/micropython.wasm" in paths and "assets/py/calculators.tar" in paths
    assert "assets/py/calculators/qr.mpy" not in paths  # stored when a QR code is first asked for
    assert not [path for path in paths if path.startswith("en/")]
    assert not [path for path in paths if path.startswith("print/")]  # the printable pages: stored when opened
    assert page.evaluate(STORED_BYTES) <= 3500000

    # The reader goes on in English: the copy changes language; the shared files are not downloaded again.
    requests.clear()
    page.goto(base + "en/calculators/customer-value/")
    recomputes(page, "customer_value", "en")
    wait_ready(page, "en")
    copies = stored(page, base)
    assert len(copies) == 1
    name, paths = list(copies.items())[0]
    assert name.endswith(" en")
    assert set(path for path in site_pages(site, "en") if not path.startswith("en/print/")) <= set(paths)
    assert "pagefind/wasm.en.pagefind" in paths and "assets/vendor/micropython/micropython.wasm" in paths
    assert [path for path in paths if path.startswith("pagefind/index/en_")]
    assert not [path for path in paths if path.endswith("/") and not path.startswith("en/")]
    assert not [path for path in paths if path.startswith("pagefind/") and ("/ru_" in path or ".ru" in path)]
    assert not [path for path in paths if path in ("", "404.html")]
    by_worker = [url for url, from_worker in requests if from_worker]
    assert [url for url in by_worker if "/en/chapters/" in url]
    assert not [url for url in by_worker if url.endswith(("micropython.wasm", ".tar", ".css"))]

    # With the network gone, the English search works from the copy too.
    context.set_offline(True)
    page.goto(base + "en/chapters/word-of-mouth/")
    links = search_offline(page, "starfish")
    assert [link for link in links if link.startswith(base + "en/chapters/word-of-mouth/")], links
    assert not [link for link in links if not link.startswith(base + "en/")], links
    context.set_offline(False)

    # The printable playbook joins the copy once opened.
    page.goto(base + "en/print/")
    page.wait_for_function("base => caches.match(base + 'en/print/').then(r => !!r)", arg=base,
                           timeout=READY_TIMEOUT_MS)
    assert errors == []


def test_no_copy_when_the_reader_saves_data(context, deployment):
    _, _, base = deployment
    context.add_init_script("Object.defineProperty(navigator, 'connection', "
                            "{value: {saveData: true, effectiveType: '4g'}, configurable: true})")
    page = context.new_page()
    errors = watch(page)
    page.goto(base + "calculators/acquisition-vs-retention/")
    recomputes(page, "acquisition_vs_retention", "ru")
    page.wait_for_function("() => new Promise(done => requestIdleCallback(() => done(true)))")
    page.wait_for_timeout(1000)
    assert page.evaluate("document.documentElement.dataset.offline") == "skipped"
    assert page.evaluate("navigator.serviceWorker.getRegistration().then(r => r === undefined)") is True
    assert page.evaluate("caches.keys()") == []
    assert errors == []


def deploy(target, note):
    """A new deployment of the copy: one file changes, so does the manifest (``sw.js`` is rewritten)."""
    with open(os.path.join(str(target), "assets", "clienting.css"), "a", encoding="utf-8") as handle:
        handle.write("\n/* %s */\n" % note)
    offline.write(str(target))


def test_a_new_version_is_offered_not_forced(context, deployment):
    target, _, base = deployment
    page = context.new_page()
    errors = watch(page)
    page.goto(base + "en/calculators/referral-payback/")
    recomputes(page, "referral_payback", "en")
    wait_ready(page)
    first = page.evaluate("caches.keys()")
    assert len(first) == 1

    deploy(target, "new version")
    page.evaluate("window.__sameDocument = true")
    page.fill("[data-calculator=referral_payback] input[name=%s]" % registry.get("referral_payback").inputs[0].name,
              "7")
    page.evaluate(UPDATE)

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


def test_a_later_deployment_replaces_the_version_offered_and_reload_takes_the_newest(context, deployment):
    """Two deployments while a page is open: the banner offered the first; by the time the reader presses
    "Reload" the second has replaced it.  The page reloads into the second."""
    target, _, base = deployment
    page = context.new_page()
    errors = watch(page)
    page.goto(base + "en/glossary/")  # a page without the runtime: its policy allows no eval, so polled from here
    wait_until(page, "() => (%s)() && document.documentElement.dataset.offlineLanguage === 'en'" % READY,
               timeout_ms=READY_TIMEOUT_MS)
    deploy(target, "first deployment")
    page.evaluate(UPDATE)
    page.locator("[data-role=update]").wait_for(state="visible", timeout=READY_TIMEOUT_MS)
    page.evaluate("%s.then(w => { window.__offered = w; })" % WAITING)
    deploy(target, "second deployment")
    page.evaluate(UPDATE)
    wait_until(page, "() => %s.then(w => !!w && w !== window.__offered && w.state === 'installed')" % WAITING,
               timeout_ms=READY_TIMEOUT_MS)
    assert page.evaluate("window.__offered.state") == "redundant"
    assert page.locator("[data-role=update]").count() == 1
    with page.expect_navigation():
        page.click("[data-role=update-reload]")
    wait_until(page, READY, timeout_ms=READY_TIMEOUT_MS)
    assert "second deployment" in page.evaluate("fetch('../../assets/clienting.css').then(r => r.text())")
    assert errors == []


def test_a_version_accepted_in_one_tab_reloads_the_other_tabs_when_asked(context, deployment):
    target, _, base = deployment
    first = context.new_page()
    errors = watch(first)
    first.goto(base + "en/chapters/word-of-mouth/")
    wait_ready(first, "en")
    second = context.new_page()
    errors += watch(second)
    second.goto(base + "en/glossary/")
    wait_until(second, READY, timeout_ms=READY_TIMEOUT_MS)

    deploy(target, "new version")
    for page in (first, second):
        page.evaluate("window.__sameDocument = true")
    first.evaluate(UPDATE)
    for page in (first, second):
        page.locator("[data-role=update]").wait_for(state="visible", timeout=READY_TIMEOUT_MS)

    with first.expect_navigation():
        first.click("[data-role=update-reload]")
    wait_until(first, READY, timeout_ms=READY_TIMEOUT_MS)
    # The other tab keeps its page until the reader there says so; then "Reload" reloads it.
    second.wait_for_timeout(500)
    assert second.evaluate("window.__sameDocument") is True
    with second.expect_navigation(timeout=10000):
        second.click("[data-role=update-reload]")
    wait_until(second, READY, timeout_ms=READY_TIMEOUT_MS)
    assert second.evaluate("window.__sameDocument") is None
    assert second.locator("[data-role=update]").count() == 0
    assert "new version" in second.evaluate("fetch('../../assets/clienting.css').then(r => r.text())")
    assert errors == []
