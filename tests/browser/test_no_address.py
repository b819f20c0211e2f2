"""A build with no site address (``make site`` without ``--site-url``): nothing in it points at an address
it does not know (no canonical links, no og:url, no sitemap.xml), and the language switcher still leads
to the same page in the other language with no failed request, at the root and under a sub-path."""

import os
import re
import subprocess
import sys

import pytest

from scripts import meta
from scripts.serve import serve_in_background

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PAGES = ["", "calculators/acquisition-vs-retention/", "chapters/after-the-sale/", "glossary/"]


@pytest.fixture(scope="module")
def bare_site(tmp_path_factory):
    target = tmp_path_factory.mktemp("bare-site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("CLIENTING_SITE_URL", None)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail("mkdocs build --strict failed:\n" + done.stdout[-4000:] + done.stderr[-4000:])
    return target, done.stdout + done.stderr


def test_nothing_points_at_an_address_the_build_does_not_know(bare_site):
    site, output = bare_site
    assert meta.NO_ADDRESS in output  # said once, in plain words
    for name in ("sitemap.xml", "sitemap.xml.gz", "sitemap.xml.br"):
        assert not (site / name).exists(), name
    checked = 0
    for folder, _, files in os.walk(site):
        for name in files:
            if not name.endswith(".html"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                head = handle.read().split("</head>")[0]
            assert 'rel="canonical"' not in head and 'property="og:url"' not in head, name
            assert not re.search(r"(?:127\.0\.0\.1|localhost)", head), (folder, name)
            checked += 1
    assert checked > 40


@pytest.mark.parametrize("prefix", ["/", "/playbook/"])
def test_the_language_switch_works_with_no_failed_request(bare_site, chromium, prefix):
    site, _ = bare_site
    server = serve_in_background(str(site), prefix=prefix)
    base = "http://127.0.0.1:%d%s" % (server.server_port, prefix)
    context = chromium.new_context(service_workers="block")
    page = context.new_page()
    failed, errors = [], []
    page.on("response", lambda r: failed.append((r.status, r.url)) if r.status >= 400 else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        for path in PAGES:
            page.goto(base + path)
            page.eval_on_selector(".md-header__option .md-select__link[hreflang=en]", "e => e.click()")
            page.wait_for_url(base + "en/" + path)
            page.wait_for_load_state("load")
            page.eval_on_selector(".md-header__option .md-select__link[hreflang=ru]", "e => e.click()")
            page.wait_for_url(base + path)
            page.wait_for_load_state("load")
        page.wait_for_timeout(300)  # anything the theme fetches after the load
    finally:
        context.close()
        server.shutdown()
    assert failed == [] and errors == []
