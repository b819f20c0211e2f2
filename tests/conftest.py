"""Shared fixtures: the built site (once per run), a local HTTP server, and headless Chromium."""

import os
import subprocess
import sys

import pytest
from hypothesis import settings

# Property tests judge results, not speed: on a loaded 2-core machine a case can take longer than
# hypothesis's default 200 ms deadline, which would make them flaky.
settings.register_profile("clienting", deadline=None)
settings.load_profile("clienting")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

# The suite checks the playbook's own numbers, in this process and in the builds and commands it starts:
# a trainer's custom.json at the root (the Adapt page says to create one) must not change them.
os.environ["CLIENTING_CUSTOM"] = os.path.join(ROOT, "tests", "no-custom.json")

from scripts import browser as browser_finder  # noqa: E402
from scripts.serve import serve_in_background  # noqa: E402


# The fast lane (`make fast`: unit, property and MicroPython parity tests, no build and no browser) is
# `pytest -m "not slow"`.  A test is slow when it lives outside the fast files below or asks for the built
# site or the browser, whatever its file says: the lane cannot be slowed by forgetting a marker.
FAST_FILES = ("tests/unit/", "tests/test_micropython.py", "tests/test_content.py")
SLOW_FIXTURES = {"built_site", "site_url", "subpath_url", "chromium", "watched", "lan_browser"}


# With `-n` (scripts/dev.py passes `--dist loadgroup`), a file's tests stay on one worker, so its module
# fixtures (a Node process, a Zensical build into the repository, nginx) start once and never race; the
# browser files are the exception: their tests are independent, the longest of the suite, and spread.
SPREAD = "tests/browser/"
# ...but for a browser file whose module fixture builds a site of its own: built once, not on every worker.
KEEP_TOGETHER = ("tests/browser/test_no_address.py",)


@pytest.hookimpl(wrapper=True)  # marks first, then every other hook: pytest-xdist reads the groups in its own
def pytest_collection_modifyitems(config, items):
    for item in items:
        where = os.path.relpath(str(item.path), ROOT).replace(os.sep, "/")
        if not where.startswith(FAST_FILES) or SLOW_FIXTURES.intersection(item.fixturenames):
            item.add_marker(pytest.mark.slow)
        if not where.startswith(SPREAD) or where in KEEP_TOGETHER:
            item.add_marker(pytest.mark.xdist_group(where))
    return (yield)


def build_site(target, site_url=None):
    """Run ``mkdocs build --strict`` into ``target``; return the completed process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if site_url:
        env["CLIENTING_SITE_URL"] = site_url
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
                          cwd=ROOT, env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site built once for the whole run, with a sub-path site_url as a deployment would have."""
    target = tmp_path_factory.mktemp("site")
    done = build_site(target, "http://127.0.0.1:8000/playbook/")
    if done.returncode != 0:
        pytest.fail("mkdocs build --strict failed:\n" + done.stdout[-4000:] + done.stderr[-4000:])
    return target


@pytest.fixture(scope="session")
def site_url(built_site):
    """Base URL of the built site served at the root of 127.0.0.1."""
    server = serve_in_background(str(built_site))
    yield "http://127.0.0.1:%d/" % server.server_port
    server.shutdown()


@pytest.fixture(scope="session")
def subpath_url(built_site):
    """Base URL of the same site served under /playbook/, as on a sub-path deployment."""
    server = serve_in_background(str(built_site), prefix="/playbook/")
    yield "http://127.0.0.1:%d/playbook/" % server.server_port
    server.shutdown()


@pytest.fixture(scope="session")
def chromium():
    """A headless Chromium: the system's if there is one, else Playwright's own."""
    sync_api = pytest.importorskip("playwright.sync_api")
    path, where = browser_finder.find()
    if where is None:
        pytest.fail("No Chromium for the browser tests: install one (Debian: apt-get install chromium), "
                    "run `python -m playwright install chromium`, or set CHROMIUM=/path/to/chrome")
    playwright = sync_api.sync_playwright().start()
    kwargs = {"args": browser_finder.ARGS}
    if path:
        kwargs["executable_path"] = path
    browser = playwright.chromium.launch(**kwargs)
    yield QuietBrowser(browser)
    browser.close()
    playwright.stop()


class QuietBrowser:
    """The session's Chromium, whose new contexts block service workers unless a test asks for them
    (``service_workers="allow"``: the offline tests) and close safely (:class:`SafeContext`).  Left on,
    every page a test opens would start the site's offline copy (1.7 MB fetched and compressed after
    the page is live), costing CPU in every test."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        options.setdefault("service_workers", "block")
        return SafeContext(self._browser.new_context(**options))

    def __getattr__(self, name):
        return getattr(self._browser, name)


class SafeContext:
    """A browser context whose ``close()`` first takes each page to ``about:blank``.  Chromium can leave
    ``close()`` waiting for ever when a page is leaving a page that runs Python (presenter mode's last
    arrow key opens the next chapter): seen here within a few tries, it held a test worker and with it
    the whole run.  A page that has left first closes every time (100 tries)."""

    def __init__(self, context):
        self._context = context

    def close(self):
        for page in self._context.pages:
            for _ in range(3):  # a navigation the page had started may interrupt this one: then again
                try:
                    page.goto("about:blank", timeout=10000)
                    break
                except Exception:  # noqa: BLE001 - closed or interrupted; the context closes all the same
                    if page.is_closed():
                        break
        self._context.close()

    def __getattr__(self, name):
        return getattr(self._context, name)


LAN_HOST = "playbook.test"


@pytest.fixture(scope="module")
def lan_browser(chromium):
    """A second Chromium from the same Playwright, with a made-up host name mapped to 127.0.0.1: to the
    page, http://playbook.test:PORT/ is a laptop on the room's network (not a secure context, as
    127.0.0.1 itself would be)."""
    path, _ = browser_finder.find()
    kwargs = {"args": browser_finder.ARGS + ["--host-resolver-rules=MAP %s 127.0.0.1" % LAN_HOST]}
    if path:
        kwargs["executable_path"] = path
    browser = chromium.browser_type.launch(**kwargs)
    yield browser
    browser.close()


class Watched:
    """A page plus what it said on the console and what it requested."""

    def __init__(self, page):
        self.page = page
        self.console = []
        self.requests = []
        page.on("console", lambda m: self.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: self.console.append(("pageerror", str(e))))
        page.on("request", lambda r: self.requests.append(r.url))

    def errors(self):
        return [text for kind, text in self.console if kind in ("error", "pageerror")]


@pytest.fixture
def watched(chromium):
    """A fresh browser context and page (phone-free desktop size) with console and requests recorded."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield Watched(page)
    context.close()
