#!/usr/bin/env python3
"""Benchmark the site's pages in headless Chromium against baselines measured in the same run.

    python scripts/bench.py [--runs 5] [--site site] [--pages all|home,acquisition_vs_retention,...]
                            [--build-runs 5] [--no-pyodide] [--no-nginx] [--json FILE]

``make bench`` runs it with ``--json benchmarks/results.json``; the build renders that file as the
"How fast is it" page.  For the home page and every calculator page (Russian), with a cold cache (a new
browser context per run) and a warm cache (a second visit in the same context), it measures:

- ``live``: navigation start → every calculator on the page has ``data-state="live"``;
- ``load``: navigation start → the ``load`` event;
- ``bytes``: the decoded size of every response the page received, its workers' included;
  ``transferred``: the body bytes the server actually sent for the visit (0 when all came from the
  HTTP cache);
- ``input``: one input → all outputs rewritten (the handler runs synchronously on the main thread);
- ``nginx``: one cold visit through ``deploy/nginx.conf`` (gzip on): decoded bytes and bytes on the wire;
- ``search``: on the home page, key press → the expected page among the results, for the first query
  (which loads Pagefind's WebAssembly and index chunks) and the next one, and the bytes the first
  one fetched.

The baseline is the same page with the runtime removed (its script tags and preloads), served from a
copy of the site; its "ready" is its ``load`` event.  The runtime's own cost is ``live − baseline load``.
The floor is the same page with PyScript and MicroPython but a one-line Python script that only marks
the calculators live: what the runtime costs before any of the calculators' own code runs.  Pyodide:
the first calculator page of the site turned into its Pyodide variant (``benchmarks/pyodide_site.py``,
benchmark only), measured the same way.  Build: ``mkdocs build`` of both languages, and of the same
docs with the project's hooks removed.  Medians of the runs, with min and max.  Build the site first
(``make site``).
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from calculators import registry  # noqa: E402
from scripts import browser as browser_finder  # noqa: E402
from scripts import compress, csp, nginx, offline, postbuild, runtime  # noqa: E402
from scripts.serve import ByteCounter, make_server, serve_in_background  # noqa: E402

SCHEMA = 2
# What the project holds itself to (the spine issue): the runtime's own cost over the baseline, a
# calculator page's decoded size, and one recompute within a frame.
TARGETS = {"cold_runtime_ms": 250, "warm_runtime_ms": 100, "page_bytes": 1500000, "input_ms": 16,
           "bytes_before_live": 1200000, "offline_bytes": 3500000,
           "worker_ratio": 1.10, "navigation_ratio": 1.5, "room_ratio": 1.10}
# The offline copy of one language, as stored (issue 13); carried in the results' "offline" part.
OFFLINE_TARGET_BYTES = 3500000
HOME = "home"
PYODIDE_PAGE = "acquisition_vs_retention"
HOOKS_BLOCK = re.compile(r"^hooks:\n(?:  - .*\n)+", re.M)

RUNTIME_TAGS = re.compile(
    r'\s*<link rel="(?:modulepreload|preload)" href="[^"]*/assets/(?:vendor|py)/[^"]*"[^>]*>'
    r'|\s*<script type="module"(?: async)? src="[^"]*/assets/vendor/pyscript/core\.js"></script>'
    r'|\s*<script type="mpy"[^>]*>.*?</script>'
    r'|\s*<script src="[^"]*/assets/calculators\.js"></script>', re.S)

MPY_SCRIPT = re.compile(r'<script type="mpy" config="[^"]*">.*?</script>', re.S)
MODULE_PRELOADS = re.compile(r'\s*<link rel="preload" href="[^"]*/assets/py/[^"]*"[^>]*>')
FLOOR_SCRIPT = (
    '<script type="mpy" config=\'{"interpreter": "%s"}\'>\nimport js\n'
    'for e in js.document.querySelectorAll("[data-calculator]"): e.setAttribute("data-state", "live")\n</script>')
INTERPRETER = re.compile(r'<link rel="modulepreload" href="([^"]*/micropython\.mjs)">')

OBSERVER = """
window.__liveAt = null;
new MutationObserver(() => {
  const all = document.querySelectorAll('[data-calculator]');
  if (all.length && [...all].every(e => e.dataset.state === 'live') && window.__liveAt === null)
    window.__liveAt = performance.now();
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-state']});
"""

MEASURE_INPUT = """
async () => {
  const root = document.querySelector('[data-calculator]');
  const field = root.querySelector('input[type=text]');
  const original = field.value;
  const times = [];
  for (let i = 0; i < 25; i++) {
    field.value = String(1 + (i % 7));
    const t0 = performance.now();
    field.dispatchEvent(new Event('input', {bubbles: true}));
    times.push(performance.now() - t0);
    await new Promise(r => setTimeout(r, 5));
  }
  field.value = original;
  field.dispatchEvent(new Event('input', {bubbles: true}));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
"""

TIMINGS = """
() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const live = window.__liveAt;
  const marks = {};
  for (const mark of performance.getEntriesByType('mark'))
    if (mark.name.startsWith('clienting:')) marks[mark.name.slice(10)] = mark.startTime;
  marks['dom-content-loaded'] = nav.domContentLoadedEventEnd;
  // Decoded bytes of the page and of every file it had received when the last calculator went live.
  let early = nav.decodedBodySize;
  if (live !== null)
    for (const entry of performance.getEntriesByType('resource'))
      if (entry.responseEnd <= live) early += entry.decodedBodySize;
  return {load: nav.loadEventEnd, live: live, marks: marks, bytes_before_live: live === null ? null : early};
}
"""
# The start-up's steps in order.  Under PyScript the page marks what its own script sees: the modules
# fetched (the script starts once PyScript has them; scripts/runtime.py UNPACK), imported, bound, live
# (calculators/web.py); the steps before (runtime requested, interpreter ready) are PyScript's own and are
# recorded as missing.
STARTUP_MARKS = ("runtime-requested", "dom-content-loaded", "interpreter-ready", "modules-fetched",
                 "modules-imported", "bound", "live")


def serve(directory):
    """Serve with caching allowed, so warm runs use the cache as they would on a real host."""
    counter = ByteCounter()
    return serve_in_background(directory, cache_control="max-age=3600", counter=counter), counter


def strip_runtime(text):
    return RUNTIME_TAGS.sub("", text)


def floor_runtime(text):
    interpreter = INTERPRETER.search(text)
    if not interpreter:
        return text
    text = MODULE_PRELOADS.sub("", text)
    return MPY_SCRIPT.sub(lambda m: FLOOR_SCRIPT % interpreter.group(1), text)


def site_copy(site, change, prefix):
    """A copy of the site with ``change`` applied to every page."""
    target = tempfile.mkdtemp(prefix=prefix)
    shutil.rmtree(target)
    shutil.copytree(site, target)
    for path, _ in postbuild.rewrite_pages(target, lambda html, _: change(html)):
        compress.compress_file(path)  # its copies as the build would write them
    return target


def page_path(name):
    """The page's path under the site root: ``""`` for the home page."""
    return "" if name == HOME else "calculators/%s/" % name.replace("_", "-")


def decoded_size(request):
    """The decoded size of a request's response body; a body the browser kept none of (an error
    answer such as the join screen's room.json outside the room server) counts as it was sent."""
    response = request.response()
    if response is None:
        return 0
    try:
        return len(response.body())
    except Exception:  # playwright's Error: "No data found for resource"
        return max(request.sizes()["responseBodySize"], 0)


def visit(context, url, wait_live, counter=None, throttle=1, sizes=True):
    """One visit: timings, the decoded bytes of every response (workers' too), what the server sent.

    ``throttle``: CPU slowed down that many times (DevTools ``Emulation.setCPUThrottlingRate``), a
    stand-in for a mid-range phone.
    """
    finished = []

    def collect(request):
        finished.append(request)
    context.on("requestfinished", collect)
    sent_before = counter.total if counter else 0
    page = context.new_page()
    if throttle != 1:
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    page.add_init_script(OBSERVER)
    page.goto(url, wait_until="load")
    if wait_live:
        page.wait_for_function("() => window.__liveAt !== null", timeout=60000)
    page.wait_for_load_state("networkidle")  # the search index and the workers' scripts come after load
    data = page.evaluate(TIMINGS)
    if wait_live:
        data["input"] = page.evaluate(MEASURE_INPUT)
    context.remove_listener("requestfinished", collect)
    if sizes:
        data["bytes"] = sum(decoded_size(request) for request in finished)
        data["encoded"] = sum(max(request.sizes()["responseBodySize"], 0) for request in finished)
    data["requests"] = len(finished)
    data["transferred"] = counter.total - sent_before if counter else None
    page.close()
    return data


# Two Russian queries on the home page, in the search dialog (assets/search.js): the first loads the
# search (its interface, WebAssembly and the chunks of the index the query needs), the second finds it
# loaded.  Each must show its page; «воронкой» is a form the text does not hold (stemming finds it).
SEARCHES = (("воронкой", "/calculators/conversion-funnel/"), ("сарафанное", "/chapters/word-of-mouth/"))
SEARCH_BUTTON = "button[data-role=search]"
SEARCH_INPUT = "dialog[data-role=search-dialog] input"
SEARCH_SHOWN = """slug => {
  const shown = [...document.querySelectorAll('dialog[data-role=search-dialog] a')].some(a => a.href.includes(slug));
  if (shown && window.__searchAt === null) window.__searchAt = performance.now();
  return shown;
}"""


def search_once(page, query, slug):
    """Milliseconds from the last key press of ``query`` to its page among the results (frame resolution)."""
    page.fill(SEARCH_INPUT, query[:-1])
    page.evaluate("() => { window.__searchAt = null; window.__typedAt = performance.now(); }")
    page.locator(SEARCH_INPUT).press_sequentially(query[-1])
    page.wait_for_function(SEARCH_SHOWN, arg=slug, polling="raf", timeout=30000)
    return page.evaluate("() => window.__searchAt - window.__typedAt")


def measure_search(browser, url, runs):
    """The first and the next search on a freshly loaded home page, ``runs`` times (cold).

    ``first_ms``/``next_ms``: from the last key press of each query; ``open_ms``: from the press on the
    search button to the first query's page among the results, the query typed as soon as the field
    appears; ``first_bytes``: what the search fetched up to the first query's results (decoded, the
    worker's requests included), ``first_encoded``: the same as sent (compressed where the server
    has a compressed copy; Pagefind's index and WebAssembly come compressed already); ``before_open``:
    requests for the search before the button is pressed (none expected).
    """
    first, following, opened, sizes, encoded, early = [], [], [], [], [], []
    for _ in range(runs):
        context = new_context(browser)
        finished = []
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        context.on("requestfinished", lambda request: finished.append(request))
        early.append(len([r for r in finished if "/pagefind/" in r.url]))
        started = page.evaluate("() => performance.now()")
        page.click(SEARCH_BUTTON)
        page.wait_for_selector(SEARCH_INPUT, state="visible")
        first.append(search_once(page, *SEARCHES[0]))
        opened.append(page.evaluate("() => window.__searchAt") - started)
        search = [r for r in finished if "/pagefind/" in r.url]
        sizes.append(sum(decoded_size(r) for r in search))
        encoded.append(sum(max(r.sizes()["responseBodySize"], 0) for r in search))
        following.append(search_once(page, *SEARCHES[1]))
        context.close()
    return {"page": HOME, "queries": [query for query, _ in SEARCHES],
            "first_ms": summary(first), "next_ms": summary(following), "open_ms": summary(opened),
            "first_bytes": summary(sizes), "first_encoded": summary(encoded), "before_open": max(early)}


# What the offline copy holds, read from the browser's cache: [address, decoded bytes] per file.
COPY_CONTENTS = """async () => {
  const found = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      if (request.url.endsWith('/clienting-offline-copy-complete')) continue;
      const response = await cache.match(request);
      found.push([request.url, (await response.arrayBuffer()).byteLength]);
    }
  }
  return found;
}"""


def stored_language(address):
    """The language of an address in the copy (a page is stored under its folder's address), as the
    manifest counts it: the search's files of a language are that language's."""
    return offline.language_of(address + "index.html" if address == "" or address.endswith("/") else address)


def measure_offline(browser, root, site):
    """The offline copy of each language after a first visit to its home page (service worker on)."""
    static = offline.sizes(site)
    languages = {}
    for lang in ("ru", "en"):
        context = browser.new_context()
        page = context.new_page()
        page.goto(root + ("" if lang == "ru" else lang + "/"), wait_until="load")
        page.wait_for_function("lang => document.documentElement.dataset.offlineLanguage === lang", arg=lang,
                               timeout=60000)
        contents = page.evaluate(COPY_CONTENTS)
        context.close()
        paths = [url[len(root):] for url, _ in contents]
        other = [path for path in paths if stored_language(path) not in (offline.COMMON, lang)]
        languages[lang] = {"files": len(contents), "bytes": sum(size for _, size in contents),
                           "download": static[lang]["gzip"], "later_bytes": static[lang]["later"]["bytes"],
                           "other_language_files": len(other)}
        print("offline copy (%s): %d files, %.0f KB stored, %.0f KB to download, %d of the other language" % (
            lang, languages[lang]["files"], languages[lang]["bytes"] / 1000, languages[lang]["download"] / 1000,
            len(other)), flush=True)
    return {"target_bytes": OFFLINE_TARGET_BYTES, "languages": languages}


def new_context(browser, workers=False):
    """A fresh profile; by default the HTTP cache only, not the offline copy (``workers=True``: both)."""
    return browser.new_context() if workers else browser.new_context(service_workers="block")


def measure(browser, url, runs, wait_live, counter, throttle=1, workers=False):
    """``runs`` cold visits, each followed by a warm one in the same profile; ``workers``: one cold
    visit a run with the service worker allowed, as a reader's first visit is."""
    cold, warm, first = [], [], []
    for _ in range(runs):
        context = new_context(browser)
        cold.append(visit(context, url, wait_live, counter, throttle))
        warm.append(visit(context, url, wait_live, counter, throttle))
        context.close()
        if workers:
            context = new_context(browser, workers=True)
            first.append(visit(context, url, wait_live, None, throttle, sizes=False))  # the worker's are not ours
            context.close()
    return {"cold": cold, "warm": warm, "worker": first}


def startup(runs):
    """Medians of each start-up mark over the runs (milliseconds from navigation start), None if unmarked."""
    found = {}
    for name in STARTUP_MARKS:
        values = [r["marks"].get(name) for r in runs if r.get("marks")]
        found[name.replace("-", "_")] = summary([v for v in values if v is not None])
    return found


def through_nginx(browser, url, wait_live):
    """One cold visit through deploy/nginx.conf: decoded bytes, bytes on the wire, requests."""
    context = new_context(browser)
    try:
        data = visit(context, url, wait_live)
    finally:
        context.close()
    return {"bytes": data["bytes"], "encoded": data["encoded"], "requests": data["requests"]}


def summary(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def row(live, base, floor, cache):
    """One cache state of one page, in the results' shape (the schema: docs of scripts/speedpage.py)."""
    runs = live[cache]
    result = {
        "live_ms": summary([r["live"] for r in runs]),
        "load_ms": summary([r["load"] for r in runs]),
        "baseline_load_ms": summary([r["load"] for r in base[cache]]),
        "bytes": summary([r["bytes"] for r in runs]),
        "transferred": summary([r["transferred"] for r in runs]),
        "baseline_bytes": summary([r["bytes"] for r in base[cache]]),
        "input_ms": summary([r.get("input") for r in runs]),
        "floor_live_ms": summary([r["live"] for r in floor[cache]]) if floor else None,
    }
    result["bytes_before_live"] = summary([r.get("bytes_before_live") for r in runs])
    result["startup_ms"] = startup(runs) if result["live_ms"] else None
    base_load = result["baseline_load_ms"]["median"]
    result["runtime_cost_ms"] = result["live_ms"]["median"] - base_load if result["live_ms"] else None
    result["floor_cost_ms"] = (result["floor_live_ms"]["median"] - base_load
                               if result["floor_live_ms"] else None)
    return result


def no_hooks_config():
    """mkdocs.yml without the project's hooks, written beside it (docs_dir is relative to it)."""
    with open(os.path.join(ROOT, "mkdocs.yml"), encoding="utf-8") as handle:
        text = handle.read()
    text, count = HOOKS_BLOCK.subn("", text)
    if count != 1:
        raise SystemExit("mkdocs.yml: no single 'hooks:' block to remove for the build baseline")
    path = os.path.join(ROOT, ".bench-no-hooks.yml")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def build_seconds(config, strict):
    """Wall-clock seconds of one ``mkdocs build`` in a new process, as ``make site`` runs it."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    target = tempfile.mkdtemp(prefix="clienting-build-")
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", target]
    started = time.perf_counter()
    subprocess.run(command + (["--strict"] if strict else []), cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    shutil.rmtree(target, ignore_errors=True)
    return elapsed


def measure_build(runs):
    config = no_hooks_config()
    try:
        site, plain = [], []
        for _ in range(runs):  # interleaved, so a busy moment hits both alike
            site.append(build_seconds(os.path.join(ROOT, "mkdocs.yml"), True))
            plain.append(build_seconds(config, False))
    finally:
        os.remove(config)
    return {"runs": runs, "site_s": summary(site), "no_hooks_s": summary(plain)}


def package_version(*parts):
    with open(os.path.join(ROOT, *parts), encoding="utf-8") as handle:
        return json.load(handle)["version"]


def versions(pyodide):
    from importlib.metadata import version
    found = {"pyscript": package_version("node_modules", "@pyscript", "core", "package.json"),
             "micropython": runtime.micropython_version(),
             "mkdocs_material": version("mkdocs-material")}
    if pyodide:
        found["pyodide"] = package_version("benchmarks", "pyodide", "node_modules", "pyodide", "package.json")
    return found


def print_row(name, cache, result):
    def ms(key):
        value = result[key]
        value = value["median"] if isinstance(value, dict) else value
        return "%9.0f" % value if value is not None else "%9s" % "-"
    print("%-26s %-5s %s %s %s %s %s %8.0f %8.0f %8s" % (
        name, cache, ms("live_ms"), ms("load_ms"), ms("baseline_load_ms"), ms("runtime_cost_ms"),
        ms("floor_cost_ms"), result["bytes"]["median"] / 1024, result["transferred"]["median"] / 1024,
        "%.2f" % result["input_ms"]["median"] if result["input_ms"] else "-"), flush=True)


def measure_pages(browser, args, names, servers, url):
    print("%-26s %-5s %9s %9s %9s %9s %9s %8s %8s %8s" % (
        "page", "cache", "live ms", "load ms", "base ms", "runtime+", "floor+", "KB", "sent KB", "input ms"))
    pages, bases = {}, {}
    for name in names:
        has_runtime = name != HOME
        live = measure(browser, url("live", name), args.runs, has_runtime, servers["live"][1], workers=True)
        base = measure(browser, url("base", name), args.runs, False, servers["base"][1])
        floor = measure(browser, url("floor", name), args.runs, True, servers["floor"][1]) if has_runtime else None
        bases[name] = base
        entry = {"path": page_path(name), "calculators": 1 if has_runtime else 0}
        for cache in ("cold", "warm"):
            entry[cache] = row(live, base, floor, cache)
            print_row(name, cache, entry[cache])
        entry["worker"] = worker_row(live, has_runtime)
        print("%-26s first visit with the offline copy's worker: %s" % (name, entry["worker"]), flush=True)
        entry["nginx"] = None
        pages[name] = entry
    return pages, bases


def worker_row(live, has_runtime):
    """A first visit with the service worker on against the same visit with it blocked (``ratio``)."""
    key = "live" if has_runtime else "load"
    with_worker = summary([r[key] for r in live["worker"]])
    blocked = summary([r[key] for r in live["cold"]])
    return {"measure": key, "ms": with_worker, "blocked_ms": blocked,
            "ratio": with_worker["median"] / blocked["median"] if with_worker and blocked["median"] else None}


def measure_throttled(browser, args, names, servers, url, rate):
    """The cold and warm visits again with the CPU slowed down ``rate`` times (live and baseline)."""
    pages = {}
    for name in names:
        has_runtime = name != HOME
        live = measure(browser, url("live", name), args.runs, has_runtime, servers["live"][1], throttle=rate)
        base = measure(browser, url("base", name), args.runs, False, servers["base"][1], throttle=rate)
        entry = {}
        for cache in ("cold", "warm"):
            full = row(live, base, None, cache)
            entry[cache] = dict((key, full[key]) for key in ("live_ms", "load_ms", "baseline_load_ms",
                                                              "runtime_cost_ms", "startup_ms"))
            print("%-26s %-5s ×%d CPU: live %s, runtime cost %s" % (
                name, cache, rate, full["live_ms"] and round(full["live_ms"]["median"]),
                full["runtime_cost_ms"] and round(full["runtime_cost_ms"])), flush=True)
        pages[name] = entry
    return {"rate": rate, "pages": pages}


# From a calculator page to the next page by its "next" link, as a reader does: the pointer rests on the
# link, then clicks.  Chromium prerenders on that rest, but not while DevTools is attached (as here).
NEXT_LINK = "a.md-footer__link--next"
HOVER_MS = 300


def navigate_once(browser, start, wait_live):
    """Milliseconds from the click on the next link of ``start`` to the next page live (or loaded)."""
    context = new_context(browser)
    try:
        page = context.new_page()
        page.add_init_script(OBSERVER)
        page.goto(start, wait_until="load")
        if wait_live:
            page.wait_for_function("() => window.__liveAt !== null", timeout=60000)
        page.wait_for_load_state("networkidle")
        link = page.locator(NEXT_LINK)
        target = link.evaluate("a => a.href")
        link.hover()
        page.wait_for_timeout(HOVER_MS)
        clicked = page.evaluate("() => performance.timeOrigin + performance.now()")
        link.click()
        page.wait_for_url(target)
        page.wait_for_load_state("load")
        has_calculator = page.evaluate("() => !!document.querySelector('[data-calculator]')")
        if wait_live and has_calculator:
            page.wait_for_function("() => window.__liveAt !== null", timeout=60000)
            arrived = page.evaluate("() => performance.timeOrigin + window.__liveAt")
        else:
            arrived = page.evaluate("() => performance.timeOrigin + "
                                    "performance.getEntriesByType('navigation')[0].loadEventEnd")
        return arrived - clicked, target, has_calculator
    finally:
        context.close()


def measure_navigation(browser, args, names, url):
    """Click to the next calculator live, against the same click between the pages without the runtime."""
    pairs = {}
    for name in names:
        if name == HOME:
            continue
        _, target, has_calculator = navigate_once(browser, url("live", name), True)
        if not has_calculator:
            continue
        live = [navigate_once(browser, url("live", name), True)[0] for _ in range(args.runs)]
        plain = [navigate_once(browser, url("base", name), False)[0] for _ in range(args.runs)]
        entry = {"to": target.split("/", 3)[3], "live_ms": summary(live), "plain_ms": summary(plain)}
        entry["ratio"] = entry["live_ms"]["median"] / entry["plain_ms"]["median"]
        pairs[name] = entry
        print("%-26s -> %s: %.0f ms to live, %.0f ms between plain pages (×%.2f)" % (
            name, entry["to"], entry["live_ms"]["median"], entry["plain_ms"]["median"], entry["ratio"]), flush=True)
    return {"hover_ms": HOVER_MS, "prerendered": False, "pairs": pairs}


# The same click, with the next page prerendered as a Chromium-based browser does: measured in a
# Chromium with no DevTools attached (none will prerender otherwise).  Bench-only copy of the site: every
# page prerenders its "next" page at once (the stand-in for the pointer resting on the link) and reports
# to the server; the start page, opened with #bench-next, clicks its next link once it is live.
REPORTER = """(function () {
  var sent = false;
  function live() {
    var all = document.querySelectorAll('[data-calculator]');
    if (!all.length) return false;
    for (var i = 0; i < all.length; i++) if (all[i].getAttribute('data-state') !== 'live') return false;
    return true;
  }
  function say(query) { fetch('/bench-report?' + query, {keepalive: true, cache: 'no-store'}); }
  function check() {
    if (sent || document.prerendering || !live()) return;
    sent = true;
    var nav = performance.getEntriesByType('navigation')[0];
    var mark = performance.getEntriesByName('clienting:live')[0];
    var at = performance.timeOrigin + Math.max(nav.activationStart || 0, mark ? mark.startTime : performance.now());
    say('kind=live&at=' + at + '&activation=' + (nav.activationStart || 0) + '&path=' + encodeURIComponent(location.pathname));
  }
  new MutationObserver(check).observe(document.documentElement, {subtree: true, attributes: true, attributeFilter: ['data-state']});
  document.addEventListener('prerenderingchange', check);
  check();
  if (location.hash !== '#bench-next') return;
  var timer = setInterval(function () {
    if (!live()) return;
    clearInterval(timer);
    setTimeout(function () {
      say('kind=click&at=' + (performance.timeOrigin + performance.now()));
      document.querySelector('a.md-footer__link--next').click();
    }, 2000);
  }, 50);
})();"""
NEXT_HREF = re.compile(r'<a href="([^"]+)" class="md-footer__link md-footer__link--next"')
CSP_META = re.compile(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>')


def reporting_page(text):
    """A page of the bench-only copy: its next page prerendered at once, the reporter, a policy for both."""
    found = NEXT_HREF.search(text)
    extra = "<script>%s</script>" % REPORTER
    if found:
        extra += '<script type="speculationrules">{"prerender":[{"urls":[%s],"eagerness":"immediate"}]}</script>' % (
            json.dumps(found.group(1)))
    text = CSP_META.sub("", text).replace("</body>", extra + "</body>", 1)
    return csp.add_meta(text)


def measure_prerendered(site, navigation, runs):
    """Click to the next calculator live with the next page prerendered, without DevTools: ``runs`` times
    per pair of ``navigation``, each in a fresh headless Chromium profile."""
    path, _ = browser_finder.find()
    if not path:
        return None
    copy = site_copy(site, reporting_page, "clienting-prerender-")
    reports = []
    server = make_server(copy, routes={"/bench-report": lambda query: reports.append(
        dict(urllib.parse.parse_qsl(query))) or ("text/plain", b"")})
    threading.Thread(target=server.serve_forever, daemon=True).start()
    found = {}
    try:
        for name, pair in navigation["pairs"].items():
            target = "/" + pair["to"]
            times, activated = [], 0
            for _ in range(runs):
                del reports[:]
                profile = tempfile.mkdtemp(prefix="clienting-profile-")
                browser = subprocess.Popen(
                    [path, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
                     "--disable-background-networking", "--disable-component-update", "--user-data-dir=" + profile,
                     "http://127.0.0.1:%d/%s#bench-next" % (server.server_port, page_path(name))],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                try:
                    deadline = time.time() + 60
                    while time.time() < deadline:
                        clicks = [r for r in reports if r.get("kind") == "click"]
                        arrivals = [r for r in reports if r.get("kind") == "live" and r.get("path") == target]
                        if clicks and arrivals:
                            times.append(float(arrivals[0]["at"]) - float(clicks[0]["at"]))
                            activated += float(arrivals[0]["activation"]) > 0
                            break
                        time.sleep(0.1)
                finally:
                    browser.terminate()
                    browser.wait()
                    shutil.rmtree(profile, ignore_errors=True)
            if times:
                found[name] = {"to": pair["to"], "live_ms": summary(times), "prerendered_runs": activated,
                               "runs": len(times), "ratio": statistics.median(times) / pair["plain_ms"]["median"]}
                print("%-26s -> %s prerendered: %.0f ms to live (%d of %d runs prerendered; ×%.2f of plain)" % (
                    name, pair["to"], statistics.median(times), activated, len(times), found[name]["ratio"]),
                    flush=True)
    finally:
        server.shutdown()
        shutil.rmtree(copy, ignore_errors=True)
    return found


ROOM_HOST = "playbook.test"  # a laptop's address on the room's network: plain HTTP, as the phones see it


def measure_room(playwright, site, names):
    """Bytes per phone for one cold visit of each page: the room server against nginx, both over plain
    HTTP on a "network" address (so the browser offers gzip only, as a phone on the room's Wi-Fi does)."""
    path, _ = browser_finder.find()
    kwargs = {"args": browser_finder.ARGS + ["--host-resolver-rules=MAP %s 127.0.0.1" % ROOM_HOST]}
    if path:
        kwargs["executable_path"] = path
    browser = playwright.chromium.launch(**kwargs)
    counter = ByteCounter()
    server = serve_in_background(site, counter=counter)
    pages = {}
    try:
        with nginx.serving(site) as root:
            nginx_root = root.replace("127.0.0.1", ROOM_HOST)
            room_root = "http://%s:%d/" % (ROOM_HOST, server.server_port)
            for name in names:
                wait_live = name != HOME
                before = counter.total
                room = through_nginx(browser, room_root + page_path(name), wait_live)
                sent = counter.total - before
                other = through_nginx(browser, nginx_root + page_path(name), wait_live)
                pages[name] = {"room": room["encoded"], "room_sent": sent, "nginx": other["encoded"],
                               "requests": room["requests"], "ratio": room["encoded"] / float(other["encoded"])}
                print("%-26s per phone: room server %.0f KB, nginx %.0f KB (×%.2f)" % (
                    name, room["encoded"] / 1000, other["encoded"] / 1000, pages[name]["ratio"]), flush=True)
    finally:
        server.shutdown()
        browser.close()
    return {"host": ROOM_HOST, "encoding": "gzip", "pages": pages}


def measure_nginx(browser, site, pages):
    with nginx.serving(site) as root:
        for name, entry in pages.items():
            entry["nginx"] = through_nginx(browser, root + entry["path"], entry["calculators"] > 0)
            print("%-26s nginx %8.0f KB decoded, %8.0f KB on the wire, %d requests" % (
                name, entry["nginx"]["bytes"] / 1024, entry["nginx"]["encoded"] / 1024,
                entry["nginx"]["requests"]), flush=True)


def measure_pyodide(browser, args, servers, url, bases, pyodide_dir):
    """The first calculator page with Pyodide as the runtime, against the same baseline."""
    live = measure(browser, url("pyodide", PYODIDE_PAGE), args.runs, True, servers["pyodide"][1])
    base = bases.get(PYODIDE_PAGE) or measure(browser, url("base", PYODIDE_PAGE), args.runs, False,
                                              servers["base"][1])
    entry = {"page": PYODIDE_PAGE, "path": page_path(PYODIDE_PAGE)}
    for cache in ("cold", "warm"):
        entry[cache] = row(live, base, None, cache)
        print_row("pyodide", cache, entry[cache])
    entry["nginx"] = None
    if args.nginx:
        with nginx.serving(pyodide_dir) as root:
            entry["nginx"] = through_nginx(browser, root + entry["path"], True)
    return entry


def run(args, names, site, base_dir, floor_dir, pyodide_dir):
    from playwright.sync_api import sync_playwright

    servers = {"live": serve(site), "base": serve(base_dir), "floor": serve(floor_dir)}
    if pyodide_dir:
        servers["pyodide"] = serve(pyodide_dir)

    def url(kind, name):
        return "http://127.0.0.1:%d/%s" % (servers[kind][0].server_port, page_path(name))

    results = {"schema": SCHEMA, "date": time.strftime("%Y-%m-%d"), "machine": "%s, %s, %d cores" % (
        platform.platform(), platform.processor() or platform.machine(), os.cpu_count() or 0),
        "browser": None, "versions": versions(bool(pyodide_dir)), "runs": args.runs, "language": "ru",
        "targets": TARGETS, "build": None, "pages": {}, "search": None, "offline": None, "navigation": None,
        "throttled": None, "room": None, "pyodide": None}
    path, _ = browser_finder.find()
    try:
        with sync_playwright() as p:
            kwargs = {"args": browser_finder.ARGS}
            if path:
                kwargs["executable_path"] = path
            browser = p.chromium.launch(**kwargs)
            results["browser"] = "Chromium %s" % browser.version
            results["pages"], bases = measure_pages(browser, args, names, servers, url)
            results["search"] = measure_search(browser, url("live", HOME), args.runs)
            print("search: first query %.0f ms (%.0f ms from opening it), %.0f KB fetched; next %.0f ms (medians)" % (
                results["search"]["first_ms"]["median"], results["search"]["open_ms"]["median"],
                results["search"]["first_bytes"]["median"] / 1024, results["search"]["next_ms"]["median"]), flush=True)
            results["offline"] = measure_offline(browser, url("live", HOME), site)
            results["navigation"] = measure_navigation(browser, args, names, url)
            prerendered = measure_prerendered(site, results["navigation"], args.runs)
            if prerendered:
                results["navigation"]["prerendered"] = True
                for name, entry in prerendered.items():
                    results["navigation"]["pairs"][name]["prerendered"] = entry
            if args.throttle > 1:
                results["throttled"] = measure_throttled(browser, args, names, servers, url, args.throttle)
            if args.nginx:
                measure_nginx(browser, site, results["pages"])
                results["room"] = measure_room(p, site, names)
            if pyodide_dir:
                results["pyodide"] = measure_pyodide(browser, args, servers, url, bases, pyodide_dir)
            browser.close()
    finally:
        for server, _ in servers.values():
            server.shutdown()
    results["build"] = measure_build(args.build_runs)
    print("build: %.2f s (median of %d); without the project's hooks %.2f s" % (
        results["build"]["site_s"]["median"], args.build_runs, results["build"]["no_hooks_s"]["median"]))
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--throttle", type=int, default=4,
                        help="also measure with the CPU slowed down this many times (1: skip)")
    parser.add_argument("--build-runs", type=int, default=5)
    parser.add_argument("--site", default=os.path.join(ROOT, "site"))
    parser.add_argument("--pages", default="all", help="home and/or calculator names, comma-separated, or all")
    parser.add_argument("--no-pyodide", dest="pyodide", action="store_false",
                        help="skip the Pyodide comparison (it installs Pyodide from npm the first time)")
    parser.add_argument("--no-nginx", dest="nginx", action="store_false",
                        help="skip the sizes through nginx (needs Debian's nginx)")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)

    names = [HOME] + sorted(registry.NAMES) if args.pages == "all" else args.pages.split(",")
    for name in names:
        if name != HOME and name not in registry.NAMES:
            parser.error("unknown page %r: home or one of %s" % (name, ", ".join(registry.NAMES)))
    site = os.path.abspath(args.site)
    if not os.path.exists(os.path.join(site, "index.html")):
        sys.exit("no built site in %s: run `make site` first" % site)
    if args.nginx:
        nginx.check_installed()
    temporary = []
    try:
        pyodide_dir = None
        if args.pyodide:
            from benchmarks import pyodide_site
            pyodide_dir = tempfile.mkdtemp(prefix="clienting-pyodide-")
            temporary.append(pyodide_dir)
            pyodide_site.build(pyodide_dir)
        temporary.append(site_copy(site, strip_runtime, "clienting-baseline-"))
        temporary.append(site_copy(site, floor_runtime, "clienting-floor-"))
        results = run(args, names, site, temporary[-2], temporary[-1], pyodide_dir)
    finally:
        for folder in temporary:
            shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(results, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
