#!/usr/bin/env python3
"""Benchmark the calculator pages in headless Chromium against a baseline measured in the same run.

    python scripts/bench.py [--runs 5] [--site site] [--pages all|acquisition_vs_retention,...] [--json FILE]

For each calculator page (Russian), with a cold cache (a new browser context per run) and a warm
cache (a second visit in the same context), it measures:

- ``live``: navigation start → the last calculator on the page has ``data-state="live"``;
- ``load``: navigation start → the ``load`` event;
- ``bytes``: the size of everything the page loaded (response bodies, uncompressed: the local server
  does not compress), and ``transferred``: what actually crossed the network (0 for cache hits);
- ``input``: one input → all outputs rewritten (the handler runs synchronously on the main thread).

The baseline is the same page with the runtime removed (its script tags and preloads), served from a
copy of the site; its "ready" is its ``load`` event. The runtime's own cost is ``live − baseline load``.
The floor is the same page with PyScript and MicroPython but a one-line Python script that only marks
the calculators live: what the runtime costs before any of the calculators' own code runs.
Medians of ``--runs`` runs, with min and max.  Build the site first (``make site``).
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from calculators import registry  # noqa: E402
from scripts import browser as browser_finder  # noqa: E402
from scripts.serve import serve_in_background  # noqa: E402

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
  const res = performance.getEntriesByType('resource');
  const size = e => (e.decodedBodySize || 0);
  const sent = e => (e.transferSize || 0);
  return {load: nav.loadEventEnd, bytes: size(nav) + res.reduce((s, e) => s + size(e), 0),
          transferred: sent(nav) + res.reduce((s, e) => s + sent(e), 0),
          live: window.__liveAt, requests: res.length + 1};
}
"""


def serve(directory):
    """Serve with caching allowed, so warm runs use the cache as they would on a real host."""
    return serve_in_background(directory, cache_control="max-age=3600")


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
    for folder, _, files in os.walk(target):
        for name in files:
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as handle:
                    text = handle.read()
                stripped = change(text)
                if stripped != text:
                    with open(path, "w", encoding="utf-8") as handle:
                        handle.write(stripped)
    return target


def visit(context, url, wait_live):
    page = context.new_page()
    page.add_init_script(OBSERVER)
    page.goto(url, wait_until="load")
    if wait_live:
        page.wait_for_function("() => window.__liveAt !== null", timeout=30000)
    else:
        page.wait_for_timeout(50)
    data = page.evaluate(TIMINGS)
    if wait_live:
        data["input"] = page.evaluate(MEASURE_INPUT)
    page.close()
    return data


def measure(browser, url, runs, wait_live):
    cold, warm = [], []
    for _ in range(runs):
        context = browser.new_context(service_workers="block")  # the HTTP cache, not the offline copy
        cold.append(visit(context, url, wait_live))
        warm.append(visit(context, url, wait_live))
        context.close()
    return {"cold": cold, "warm": warm}


def summary(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site", default=os.path.join(ROOT, "site"))
    parser.add_argument("--pages", default="all", help="calculator names, comma-separated, or all")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    names = sorted(registry.CALCULATORS) if args.pages == "all" else args.pages.split(",")
    site = os.path.abspath(args.site)
    if not os.path.exists(os.path.join(site, "index.html")):
        sys.exit("no built site in %s: run `make site` first" % site)
    base_dir = site_copy(site, strip_runtime, "clienting-baseline-")
    floor_dir = site_copy(site, floor_runtime, "clienting-floor-")
    live_server, base_server, floor_server = serve(site), serve(base_dir), serve(floor_dir)
    path, _ = browser_finder.find()
    results = {"date": time.strftime("%Y-%m-%d"), "machine": "%s, %s, %d cores" % (
        platform.platform(), platform.processor() or platform.machine(), os.cpu_count() or 0),
        "runs": args.runs, "pages": {}}
    with sync_playwright() as p:
        kwargs = {"args": browser_finder.ARGS}
        if path:
            kwargs["executable_path"] = path
        browser = p.chromium.launch(**kwargs)
        print("%-26s %-5s %8s %8s %8s %9s %9s %8s %8s %8s" % (
            "page", "cache", "live ms", "load ms", "base ms", "runtime+", "floor+", "KB", "sent KB", "input ms"))
        for name in names:
            page_path = "calculators/%s/" % name.replace("_", "-")
            live = measure(browser, "http://127.0.0.1:%d/%s" % (live_server.server_port, page_path), args.runs, True)
            base = measure(browser, "http://127.0.0.1:%d/%s" % (base_server.server_port, page_path), args.runs, False)
            floor = measure(browser, "http://127.0.0.1:%d/%s" % (floor_server.server_port, page_path), args.runs, True)
            entry = {}
            for cache in ("cold", "warm"):
                row = {
                    "live_ms": summary([r["live"] for r in live[cache]]),
                    "load_ms": summary([r["load"] for r in live[cache]]),
                    "baseline_load_ms": summary([r["load"] for r in base[cache]]),
                    "bytes": summary([r["bytes"] for r in live[cache]]),
                    "transferred": summary([r["transferred"] for r in live[cache]]),
                    "baseline_bytes": summary([r["bytes"] for r in base[cache]]),
                    "input_ms": summary([r["input"] for r in live[cache]]),
                    "floor_live_ms": summary([r["live"] for r in floor[cache]]),
                }
                row["runtime_cost_ms"] = row["live_ms"]["median"] - row["baseline_load_ms"]["median"]
                row["floor_cost_ms"] = row["floor_live_ms"]["median"] - row["baseline_load_ms"]["median"]
                entry[cache] = row
                print("%-26s %-5s %8.0f %8.0f %8.0f %9.0f %9.0f %8.0f %8.0f %8.2f" % (
                    name, cache, row["live_ms"]["median"], row["load_ms"]["median"],
                    row["baseline_load_ms"]["median"], row["runtime_cost_ms"], row["floor_cost_ms"],
                    row["bytes"]["median"] / 1024, row["transferred"]["median"] / 1024,
                    row["input_ms"]["median"]), flush=True)
            results["pages"][name] = entry
        browser.close()
    for server in (live_server, base_server, floor_server):
        server.shutdown()
    shutil.rmtree(base_dir, ignore_errors=True)
    shutil.rmtree(floor_dir, ignore_errors=True)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(results, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
