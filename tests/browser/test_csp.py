"""The Content Security Policy in every page of the built site: present, strict, and nothing blocked.

Every page (both languages) is loaded in Chromium with a listener for ``securitypolicyviolation``,
every request intercepted and the console watched, in the same pass as the accessibility checks
(``test_a11y.py``: each page is loaded once); here, calculators must still go live and recompute, and
the search (a worker) must still answer.
"""

import os
import re

import pytest

from scripts import csp

from browsing import LISTEN, page_html, site_pages, violations


LIVE_TIMEOUT_MS = 25000
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def directives(policy):
    return dict((part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip())


@pytest.fixture
def listening(watched):
    watched.page.add_init_script(LISTEN)
    return watched


def csp_console(watched):
    return [text for kind, text in watched.console if "Content Security Policy" in text]


def test_every_page_has_a_strict_meta_policy(built_site):
    listed = site_pages(built_site)
    assert len(listed) > 30 and "en/" in listed and "404.html" in listed
    for relative in listed:
        html = page_html(built_site, relative)
        found = META.findall(html)
        assert len(found) == 1, relative
        policy = directives(found[0].replace("&#x27;", "'"))
        assert policy["default-src"] == ["'self'"], relative
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-inline'" not in policy["style-src"]
        assert not set(csp.HEADER_ONLY) & set(policy), relative
        # The policy comes before any script, and every inline script the browser runs is hashed.
        assert html.index(found[0]) < html.index("<script"), relative
        for text in csp.inline_scripts(html):
            assert csp.script_hash(text) in policy["script-src"], relative
        runtime = csp.has_runtime(html)
        assert ("'unsafe-eval'" in policy["script-src"]) == runtime, relative
        assert "'wasm-unsafe-eval'" in policy["script-src"], relative  # the search, on every page


def test_calculators_recompute_and_draw_under_the_policy(listening, site_url):
    page = listening.page
    page.goto(site_url + "en/calculators/acquisition-vs-retention/")
    page.wait_for_selector("[data-calculator][data-state=live]", timeout=LIVE_TIMEOUT_MS)
    page.fill("input[name=new_customers]", "500")
    page.wait_for_function("() => document.querySelector('[data-output=cac]').dataset.value === '24'")
    page.fill("input[name=new_customers]", "<b>x</b>")
    page.wait_for_function("() => document.querySelector('input[name=new_customers]')"
                           ".getAttribute('aria-invalid') === 'true'")
    assert violations(page) == []
    assert csp_console(listening) == [] and listening.errors() == []


@pytest.mark.parametrize("start, query, expect", [
    ("", "воронкой", "/calculators/conversion-funnel/"),
    ("en/", "referrals", "/en/calculators/referral-payback/"),
])
def test_search_works_under_the_policy(listening, site_url, start, query, expect):
    page = listening.page
    page.goto(site_url + start)
    page.click("button[data-role=search]")  # Pagefind: its script, worker and WebAssembly
    page.fill("dialog[data-role=search-dialog] input", query)
    page.wait_for_selector("dialog[data-role=search-dialog] li a", timeout=20000)
    links = page.eval_on_selector_all("dialog[data-role=search-dialog] li a", "els => els.map(e => e.href)")
    assert any(expect in link for link in links), links
    assert violations(page) == []
    assert csp_console(listening) == []


def test_the_policy_really_blocks_an_injected_inline_script(listening, site_url):
    """The listener works and the policy bites: a script added by markup does not run."""
    page = listening.page
    page.goto(site_url + "en/")
    page.evaluate("""() => {
      window.__ran = false;
      const holder = document.createElement('div');
      document.body.appendChild(holder);
      const script = document.createElement('script');
      script.textContent = 'window.__ran = true';
      holder.appendChild(script);
    }""")
    page.wait_for_function("() => window.__cspViolations.length > 0")
    assert page.evaluate("window.__ran") is False
    assert any(v.startswith("script-src") for v in violations(page))


def test_every_page_shares_well_and_the_sitemap_pairs_the_languages(built_site):
    """Description and Open Graph tags on every page; hreflang pairs live in sitemap.xml (scripts/meta.py)."""
    for relative in site_pages(built_site):
        if relative.endswith("404.html"):  # what a miss shows: not a page to share
            continue
        html = page_html(built_site, relative)
        english = relative.startswith("en/")
        assert html.count('<meta name="description"') == 1, relative
        for key in ("og:title", "og:description", "og:type", "og:url"):
            assert '<meta property="%s" content="' % key in html, (relative, key)
        assert '<meta property="og:locale" content="%s">' % ("en_US" if english else "ru_RU") in html
        assert '<meta property="og:locale:alternate" content="%s">' % ("ru_RU" if english else "en_US") in html
        assert 'property="og:url" content="http://127.0.0.1:8000/playbook/%s"' % relative in html
        assert '<link rel="alternate"' not in html.split("</head>")[0], relative
    with open(os.path.join(str(built_site), "sitemap.xml"), encoding="utf-8") as handle:
        sitemap = handle.read()
    for relative in site_pages(built_site, "ru"):
        if relative.endswith("404.html"):
            continue
        url = "http://127.0.0.1:8000/playbook/" + relative
        english = url.replace("/playbook/", "/playbook/en/", 1)
        if 'href="%s"' % url not in sitemap:
            continue  # pages kept out of the sitemap (not in the navigation)
        assert '<xhtml:link rel="alternate" hreflang="ru" href="%s"/>' % url in sitemap
        assert '<xhtml:link rel="alternate" hreflang="en" href="%s"/>' % english in sitemap
