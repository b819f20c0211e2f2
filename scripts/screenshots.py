#!/usr/bin/env python3
"""Screenshots of built pages, to look at what readers see: phone and desktop, light and dark, print.

    python scripts/screenshots.py [--site site] [--out screenshots] [PAGE ...]

PAGE is a path inside the site (default: the home page and the first calculator in both languages).
Writes PNG files (and a PDF per page for print) into --out.  Build the site first (`make site`).
"""

import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from scripts import browser as browser_finder  # noqa: E402
from scripts.serve import serve_in_background  # noqa: E402

SIZES = {"phone": {"width": 360, "height": 780}, "desktop": {"width": 1366, "height": 900}}
DEFAULT_PAGES = ["", "calculators/acquisition-vs-retention/", "en/", "en/calculators/acquisition-vs-retention/"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", default=os.path.join(ROOT, "site"))
    parser.add_argument("--out", default=os.path.join(ROOT, "screenshots"))
    parser.add_argument("--full", action="store_true", help="whole page, not just the first screen")
    parser.add_argument("pages", nargs="*", default=DEFAULT_PAGES)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    os.makedirs(args.out, exist_ok=True)
    server = serve_in_background(os.path.abspath(args.site))
    base = "http://127.0.0.1:%d/" % server.server_port
    path, _ = browser_finder.find()
    with sync_playwright() as p:
        kwargs = {"args": browser_finder.ARGS}
        if path:
            kwargs["executable_path"] = path
        browser = p.chromium.launch(**kwargs)
        for page_path in args.pages:
            slug = page_path.strip("/").replace("/", "_") or "home"
            for size, viewport in SIZES.items():
                for scheme in ("light", "dark"):
                    context = browser.new_context(viewport=viewport, color_scheme=scheme,
                                                  device_scale_factor=2 if size == "phone" else 1)
                    page = context.new_page()
                    page.goto(base + page_path)
                    if page.query_selector("[data-calculator]"):
                        page.wait_for_selector("[data-calculator][data-state=live]", timeout=30000)
                    target = os.path.join(args.out, "%s-%s-%s.png" % (slug, size, scheme))
                    page.screenshot(path=target, full_page=args.full)
                    print(target)
                    context.close()
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + page_path)
            if page.query_selector("[data-calculator]"):
                page.wait_for_selector("[data-calculator][data-state=live]", timeout=30000)
            target = os.path.join(args.out, "%s-print.pdf" % slug)
            page.pdf(path=target, format="A4", print_background=False)
            print(target)
            context.close()
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
