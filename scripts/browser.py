#!/usr/bin/env python3
"""Find a Chromium for the browser tests and the benchmark.

Order: $CHROMIUM (a path), a system Chromium or Chrome on PATH, then Playwright's own browser.
``--install`` runs ``playwright install chromium`` when neither is there (it needs to download, which
some networks forbid; then install Chromium from your system's packages, e.g. `apt-get install chromium`).
"""

import glob
import os
import shutil
import subprocess
import sys

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
MAC_PATHS = ("/Applications/Chromium.app/Contents/MacOS/Chromium",
             "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")
# The flags the project starts Chromium with: quiet, no sandbox (containers run as root), offline.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


def system_chromium():
    """The path of a system Chromium/Chrome, or None."""
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit if os.path.exists(explicit) else None
    for name in NAMES:
        path = shutil.which(name)
        if path:
            return path
    for path in MAC_PATHS:
        if os.path.exists(path):
            return path
    return None


def playwright_chromium():
    """The path of Playwright's downloaded Chromium, or None."""
    base = os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or os.path.expanduser(
        "~/Library/Caches/ms-playwright" if sys.platform == "darwin" else
        ("~/AppData/Local/ms-playwright" if os.name == "nt" else "~/.cache/ms-playwright"))
    found = glob.glob(os.path.join(base, "chromium-*", "*", "chrome")) + \
        glob.glob(os.path.join(base, "chromium_headless_shell-*", "*", "chrome-headless-shell"))
    return sorted(found)[-1] if found else None


def find():
    """``(executable_path or None, where)``: None means "let Playwright use its own"."""
    path = system_chromium()
    if path:
        return path, "system"
    if playwright_chromium():
        return None, "playwright"
    return None, None


def main():
    path, where = find()
    if where is None and "--install" in sys.argv:
        print("No Chromium found: trying `playwright install chromium`…", flush=True)
        subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"])
        path, where = find()
    if where is None:
        print("No Chromium found. Install one (Debian/Ubuntu: `apt-get install chromium`; macOS: Chrome or "
              "Chromium; or `python -m playwright install chromium`), or set CHROMIUM=/path/to/chrome. "
              "The browser tests will fail without it.", file=sys.stderr)
        return 0
    print("Browser for tests: %s" % (path or "Playwright's own Chromium"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
