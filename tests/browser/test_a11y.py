"""Accessibility in headless Chromium: axe-core on every page of the built site, in both languages and
both colour schemes, with the calculators live; and the calculators used with the keyboard alone.

Each page is loaded once: axe-core runs in the light scheme, then the page is switched to the dark one
(the reader's system preference, which the theme's automatic palette follows) and the rules that depend
on colour run again.  Violations of impact "serious" or "critical" fail; the message lists them all.
The same pass checks what ``test_csp.py`` asks of every page: no policy violation, no console error,
no request to another host, calculators live.
"""

import os
import re

import pytest

from axe_playwright_python.base import AXE_SCRIPT

from browsing import LISTEN, page_html, site_pages, violations

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LIVE_TIMEOUT_MS = 25000
FAILING = ("serious", "critical")
# The rules that depend on colours; the others see the same page in both schemes.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
SCHEMES = {"light": "default", "dark": "slate"}
# The header and the site navigation come from one template and look the same on every page (the
# current page's link is styled the same wherever it is): axe-core checks them whole on these pages,
# and on the others checks everything else, which keeps the run short.
WHOLE_PAGES = {"", "en/", "404.html",
               "calculators/acquisition-vs-retention/", "en/calculators/acquisition-vs-retention/"}
SAME_ON_EVERY_PAGE = [[".md-header"], [".md-sidebar--primary"]]
# A programme's handout pack (print/<programme>/) is put together from pages this pass checks whole
# (chapters, templates, kit sheets) in the whole playbook's layout (print/, checked whole too): the
# colour rules, most of axe-core's time on these long pages, would check the same elements again.
# Every other rule runs on it: ids, headings and landmarks of the combined page among them.
PACK = re.compile(r"^(?:en/)?print/[^/]+/$")

# axe-core's result, reduced in the page to what a failure message needs.
RUN_AXE = """async ([context, options]) => {
  const result = await axe.run(context, options);
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))
  }));
}"""


def wait_calculators_live(page):
    """On a page that starts the Python runtime, wait until every calculator has left static/starting and
    require that all went live; whether the page runs Python.  (The printable handout shows calculators
    without the runtime.)"""
    if not page.locator("script[type=mpy]").count():
        return False
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-calculator]')]"
        ".every(e => !['static', 'starting'].includes(e.dataset.state))", timeout=LIVE_TIMEOUT_MS)
    states = page.eval_on_selector_all("[data-calculator]", "els => els.map(e => e.dataset.state)")
    assert set(states) == {"live"}, "calculators did not go live on %s: %s" % (page.url, states)
    return True


def use_scheme(page, scheme):
    """Put the page in a colour scheme as the reader's system would, and wait for the theme to follow."""
    page.emulate_media(color_scheme=scheme)
    page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s",
                           arg=SCHEMES[scheme], timeout=5000)


def failures(page, label, rules=None, exclude=(), skip=()):
    """axe-core's serious and critical violations on the page, one line each: ``rules`` only, if given,
    and never those in ``skip``."""
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    if skip:
        options["rules"] = dict((rule, {"enabled": False}) for rule in skip)
    context = {"exclude": list(exclude)} if exclude else {"exclude": []}
    found = []
    for v in page.evaluate(RUN_AXE, [context, options]):
        if v["impact"] in FAILING:
            for node in v["nodes"]:
                found.append("%s: %s (%s) at %s\n    %s" % (
                    label, v["id"], v["impact"], node["target"], (node["summary"] or "").replace("\n", " ")))
    return found


class Sweep(list):
    """Two pages in two contexts (each its own renderer), axe-core and the policy listener injected before
    the page's scripts: one loads the next page while axe-core checks the other.  Requests to other
    hosts are refused and kept in ``elsewhere``; console errors in ``console``."""
    elsewhere = console = None


@pytest.fixture(scope="module")
def axe_pages(chromium, subpath_url):
    contexts = [chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
                for _ in range(2)]
    pages = Sweep()
    pages.elsewhere, pages.console = [], []
    origin = subpath_url.split("/playbook/")[0] + "/"

    def route(request_route):
        if request_route.request.url.startswith(origin):
            request_route.continue_()
        else:
            pages.elsewhere.append(request_route.request.url)
            request_route.abort()
    for context in contexts:
        context.add_init_script(script=AXE_SCRIPT)
        context.add_init_script(LISTEN)
        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m, p=page: pages.console.append((p.url, m.text)) if m.type == "error" else None)
        page.on("pageerror", lambda e, p=page: pages.console.append((p.url, str(e))))
        pages.append(page)
    yield pages
    for context in contexts:
        context.close()


@pytest.fixture
def axe_page(axe_pages):
    axe_pages[0].emulate_media(color_scheme="light")
    return axe_pages[0]


def start_loading(page, url):
    """Begin loading ``url`` in the light scheme and return as soon as the server has answered."""
    page.emulate_media(color_scheme="light")
    response = page.goto(url, wait_until="commit")
    assert response.ok, (url, response.status)


BOXES = """els => els.map(e => [e.scrollWidth > e.clientWidth + 1, e.getAttribute('tabindex'),
                                 e.getAttribute('aria-label')])"""
SCROLLING = ".md-typeset__scrollwrap, .tabbed-labels"
CONSISTENT = """() => [...document.querySelectorAll('%s')]
    .every(e => (e.getAttribute('tabindex') === '0') === (e.scrollWidth > e.clientWidth + 1))""" % SCROLLING


def wide_boxes(page, path, boxes):
    """A page with tables at desktop width, then turned into a 360 px phone and back: in both, a box
    (a table's scrolling wrapper, a row of tab labels) is a tab stop exactly when it overflows; at
    360 px axe-core finds no scrolling region out of the keyboard's reach.  The labels of the boxes
    that scroll on the phone are added to ``boxes``; returns the failures."""
    for overflows, tabindex, _ in page.eval_on_selector_all(SCROLLING, BOXES):
        assert (tabindex == "0") == overflows, ("1280px", path, tabindex, overflows)
    page.set_viewport_size({"width": 360, "height": 780})
    try:
        page.wait_for_function(CONSISTENT, timeout=3000)
        found = failures(page, "360px /" + path, ["scrollable-region-focusable", "landmark-unique"])
        boxes += [label for overflows, _, label in page.eval_on_selector_all(SCROLLING, BOXES) if overflows]
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
    return found


def sources(lang):
    """The Markdown pages of a language that the build turns into pages (mkdocs.yml's exclude_docs left out)."""
    with open(os.path.join(ROOT, "mkdocs.yml"), encoding="utf-8") as handle:
        block = re.search(r"^exclude_docs: \|\n((?:  .*\n)+)", handle.read(), re.M)
    excluded = [line.strip() for line in block.group(1).splitlines()] if block else []
    found = []
    base = os.path.join(ROOT, "docs", lang)
    for folder, _, names in os.walk(base):
        for name in names:
            relative = os.path.relpath(os.path.join(folder, name), base).replace(os.sep, "/")
            if name.endswith(".md") and not any(relative.startswith(item) for item in excluded if item.endswith("/")):
                found.append(relative)
    return found


@pytest.mark.parametrize("lang", ["ru", "en"])  # one language per test: the suite's workers share the pages
def test_every_page_loads_cleanly_and_passes_axe_in_light_and_dark(axe_pages, built_site, subpath_url, lang):
    """Every page of a language, loaded once: no policy violation, no console error, no request to another
    host (each is refused and recorded), pages that run Python go live, and axe-core finds nothing
    serious in the light scheme nor, for the colour rules, in the dark one."""
    # The sub-path server: the site is built for /playbook/, which the 404 page's links start from.
    paths = site_pages(built_site, lang)
    expected = ["en/", "en/404.html"] if lang == "en" else ["", "404.html"]
    assert all(path in paths for path in expected), paths
    assert len(paths) == len(sources(lang)) + 1  # every page of the language, and its 404 page
    assert len([path for path in paths if PACK.match(path)]) >= 5  # the packs, and PACK still finds them
    del axe_pages.elsewhere[:], axe_pages.console[:]
    found, blocked, live, boxes = [], {}, 0, []
    start_loading(axe_pages[0], subpath_url + paths[0])
    for index, path in enumerate(paths):
        page = axe_pages[index % 2]
        if index + 1 < len(paths):
            start_loading(axe_pages[(index + 1) % 2], subpath_url + paths[index + 1])
        page.wait_for_load_state("load")
        use_scheme(page, "light")
        live += wait_calculators_live(page)
        exclude = () if path in WHOLE_PAGES else SAME_ON_EVERY_PAGE
        if PACK.match(path):
            found += failures(page, "light /" + path, exclude=exclude, skip=COLOUR_RULES)
        else:
            found += failures(page, "light /" + path, exclude=exclude)
            use_scheme(page, "dark")
            found += failures(page, "dark /" + path, COLOUR_RULES, exclude)
        stopped = violations(page)
        if stopped:
            blocked[path] = stopped
        if "<table" in page_html(built_site, path) and not path.endswith("404.html"):
            found += wide_boxes(page, path, boxes)
    assert not found, "%d serious or critical accessibility violations:\n%s" % (len(found), "\n".join(found))
    assert blocked == {}
    assert axe_pages.elsewhere == []
    assert axe_pages.console == []
    assert live >= 7  # every calculator page of the language, and the chapters that embed one
    # At 360 px, wide tables (and rows of tab labels) scroll, each a named stop in the tab order.
    assert len(boxes) >= 3 and len(set(boxes)) >= 2, boxes


def test_not_found_page_speaks_both_languages_from_any_depth(chromium, built_site, subpath_url):
    """A server shows /404.html at the missing address itself: its links must not depend on that address."""
    # The site's offline service worker would answer navigations itself, past page.route: keep it out.
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    try:
        not_found(context.new_page(), built_site, subpath_url)
    finally:
        context.close()


def not_found(page, built_site, subpath_url):
    page.goto(subpath_url + "404.html")
    heading = page.locator("article h1").text_content()
    assert "Страница не найдена" in heading and "Page not found" in heading
    assert page.locator("article [lang=ru]").count() and page.locator("article [lang=en]").count()
    links = page.eval_on_selector_all("article a", "els => els.map(e => e.getAttribute('href'))")
    assert links == ["/playbook/", "/playbook/?q=", "/playbook/en/", "/playbook/en/?q="], links
    # The language menu leads to the two home pages (not to whichever page was built last).
    menu = page.eval_on_selector_all(".md-select__link", "els => els.map(e => [e.hreflang, e.getAttribute('href')])")
    assert menu == [["ru", "/playbook/"], ["en", "/playbook/en/"]], menu
    assert page.get_attribute("html", "lang") == "ru"  # the default language's page, around both texts
    # en/404.html, served as the answer for a missing address deep inside the English half, as a web
    # server that picks the page by folder does (deploy/nginx.conf):
    with open(os.path.join(str(built_site), "en", "404.html"), encoding="utf-8") as handle:
        html = handle.read()
    page.route("**/en/no/such/page/", lambda route: route.fulfill(status=404, body=html,
                                                                    content_type="text/html; charset=utf-8"))
    page.goto(subpath_url + "en/no/such/page/")
    assert page.get_attribute("html", "lang") == "en"
    menu = page.eval_on_selector_all(".md-select__link", "els => els.map(e => [e.hreflang, e.getAttribute('href')])")
    assert menu == [["ru", "/playbook/"], ["en", "/playbook/en/"]], menu
    page.click("article a[href='/playbook/en/?q=']")
    page.wait_for_url(subpath_url + "en/**")
    # ?q= opens the search (assets/search.js), with the cursor in it.
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('dialog[data-role=search-dialog] input')")


def test_every_page_offers_to_report_an_error(built_site):
    """The footer's report link carries the page's own address and speaks the page's language."""
    from urllib.parse import parse_qs, urlsplit

    for path in site_pages(built_site):
        html = page_html(built_site, path)
        assert html.count("data-report") == 1, path
        start = html.index('href="', html.index("data-report")) + len('href="')
        href = html[start:html.index('"', start)].replace("&amp;", "&")
        assert href.startswith("mailto:playbook@clienting.example?"), (path, href)
        query = parse_qs(urlsplit(href).query)
        body = query["body"][0]
        if path.endswith("404.html"):
            assert "Address" in body and "Адрес" in body, body
            continue
        english = path.startswith("en/")
        assert ("Page: " if english else "Страница: ") + "http://127.0.0.1:8000/playbook/" + path in body, body
        assert query["subject"][0].startswith("Error on the page" if english else "Ошибка на странице"), query


def calculator_pages(built_site, lang):
    prefix = "en/" if lang == "en" else ""
    folder = os.path.join(str(built_site), prefix, "calculators")
    return sorted(prefix + "calculators/" + name + "/" for name in os.listdir(folder)
                  if os.path.isfile(os.path.join(folder, name, "index.html"))
                  and 'data-calculator="' in open(os.path.join(folder, name, "index.html"), encoding="utf-8").read())


def test_every_calculator_control_has_a_label_and_every_chart_a_text(axe_page, built_site, subpath_url):
    page = axe_page
    checked = 0
    for lang in ("ru", "en"):
        for path in calculator_pages(built_site, lang):
            page.goto(subpath_url + path)
            wait_calculators_live(page)
            unlabelled = page.eval_on_selector_all(
                "[data-calculator] :is(input, select, textarea, button)",
                """els => els.filter(e => {
                     const own = (e.getAttribute('aria-label') || '').trim()
                       || [...(e.labels || [])].map(l => l.textContent.trim()).join('')
                       || (e.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean)
                            .map(id => (document.getElementById(id) || {}).textContent || '').join('').trim()
                       || (e.tagName === 'BUTTON' ? e.textContent.trim() : '');
                     return !own;
                   }).map(e => e.outerHTML.slice(0, 120))""")
            assert unlabelled == [], (path, unlabelled)
            # Error messages are live regions the fields point to.
            fields = page.eval_on_selector_all(
                "[data-calculator] .clc-inputs input",
                """els => els.map(e => {
                     const ids = (e.getAttribute('aria-describedby') || '').split(' ');
                     const live = ids.map(id => document.getElementById(id)).filter(Boolean)
                       .filter(x => ['polite', 'assertive'].includes(x.getAttribute('aria-live'))
                                    || ['alert', 'status'].includes(x.getAttribute('role')));
                     return [e.name, live.length];
                   })""")
            assert fields and all(count == 1 for _, count in fields), (path, fields)
            charts = page.eval_on_selector_all(
                "[data-calculator] .clc-chart:not([hidden]) svg",
                """els => els.map(s => [s.getAttribute('role'),
                     (s.querySelector(':scope > title') || {}).textContent || '',
                     (s.querySelector(':scope > desc') || {}).textContent || ''])""")
            for role, title, desc in charts:
                assert role == "img" and title.strip() and len(desc.strip()) > 20, (path, role, title, desc)
            checked += 1
    assert checked >= 2


def tab_until(page, predicate, limit=400):
    """Press Tab until the focused element satisfies ``predicate`` (JS, gets the element); return the count."""
    for count in range(limit):
        if page.evaluate("(f) => { const e = document.activeElement; return !!e && (%s)(e); }" % predicate, None):
            return count
        page.keyboard.press("Tab")
    raise AssertionError("Tab never reached an element matching " + predicate)


def outputs(page, root):
    return page.eval_on_selector_all(root + " [data-output]", "els => els.map(e => e.dataset.value)")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_calculator_works_with_the_keyboard_alone(axe_page, subpath_url, lang):
    page = axe_page
    page.goto(subpath_url + ("en/" if lang == "en" else "") + "calculators/acquisition-vs-retention/")
    wait_calculators_live(page)
    root = "[data-calculator=acquisition_vs_retention]"
    controls = page.eval_on_selector_all(
        root + " form :is(input, select):not([hidden]):not([disabled])", "els => els.map(e => e.id)")
    assert len(controls) >= 4, controls

    # From the top of the page, Tab reaches the calculator, then every field in the order it is drawn.
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    tab_until(page, "e => e.closest('%s form')" % root)
    visited = []
    while True:
        focused = page.evaluate("() => document.activeElement.id")
        if focused in controls and focused not in visited:
            visited.append(focused)
        if len(visited) == len(controls):
            break
        page.keyboard.press("Tab")
        assert page.evaluate("(r) => !!document.activeElement.closest(r)", root), (visited, controls)
    assert visited == controls

    # Type into a field: select what is there, type a new number; the results follow.
    first_input = page.eval_on_selector(root + " .clc-inputs input", "e => e.id")
    while page.evaluate("() => document.activeElement.id") != first_input:
        page.keyboard.press("Shift+Tab")
    before = outputs(page, root)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("777")
    page.wait_for_function("([r, b]) => JSON.stringify([...document.querySelectorAll(r + ' [data-output]')]"
                           ".map(e => e.dataset.value)) !== JSON.stringify(b)", arg=[root, before], timeout=5000)

    # A wrong value: the field is marked invalid and its message is in a live region, announced.
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("12abc")
    page.wait_for_function("id => document.getElementById(id).getAttribute('aria-invalid') === 'true'",
                           arg=first_input, timeout=5000)
    message = page.evaluate("""id => {
        const errorId = document.getElementById(id).getAttribute('aria-describedby').split(' ').pop();
        const error = document.getElementById(errorId);
        return [error.getAttribute('aria-live'), error.textContent.trim()];
      }""", first_input)
    assert message[0] == "polite" and message[1], message
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("500")
    page.wait_for_function("id => document.getElementById(id).getAttribute('aria-invalid') !== 'true'",
                           arg=first_input, timeout=5000)

    # The scenario and currency menus: arrow keys on the focused menu change them, and the page follows.
    preset = page.eval_on_selector(root + " [data-role=preset]", "e => e.id")
    while page.evaluate("() => document.activeElement.id") != preset:
        page.keyboard.press("Shift+Tab")
    values = page.eval_on_selector_all(root + " .clc-inputs input", "els => els.map(e => e.value)")
    page.keyboard.press("ArrowDown")
    assert page.eval_on_selector(root + " [data-role=preset]", "e => e.selectedIndex") == 1
    page.wait_for_function("([r, b]) => JSON.stringify([...document.querySelectorAll(r + ' .clc-inputs input')]"
                           ".map(e => e.value)) !== JSON.stringify(b)", arg=[root, values], timeout=5000)

    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.dataset.role") == "currency"
    units = page.eval_on_selector_all(root + " [data-unit=money]", "els => els.map(e => e.textContent)")
    before = outputs(page, root)
    page.keyboard.press("ArrowDown")
    page.wait_for_function("([r, b]) => JSON.stringify([...document.querySelectorAll(r + ' [data-unit=money]')]"
                           ".map(e => e.textContent)) !== JSON.stringify(b)", arg=[root, units], timeout=5000)
    assert outputs(page, root) == before  # the same numbers in another currency


def test_a_wide_table_on_a_phone_scrolls_from_the_keyboard(chromium, built_site, subpath_url):
    """At 360 px a wide table is a named stop in the tab order and the arrow keys scroll it; turned into
    a wide screen, the same table fits and leaves the tab order.  (Every page's tables are checked at
    360 px in the pass over every page above.)"""
    paths = [path for path in site_pages(built_site, "ru")
             if "<table" in page_html(built_site, path) and not path.endswith("404.html")]
    context = chromium.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    try:
        for path in paths:  # the first page with a table that scrolls on a phone
            page.goto(subpath_url + path, wait_until="load")
            if page.locator(".md-typeset__scrollwrap[tabindex='0']").count():
                break
        else:
            raise AssertionError("no table scrolls at 360 px")
        for _ in range(300):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.matches('.md-typeset__scrollwrap')"):
                break
        assert page.evaluate("() => document.activeElement.matches('.md-typeset__scrollwrap')")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.activeElement.scrollLeft > 0", timeout=3000)
        assert page.evaluate("() => document.activeElement.getAttribute('aria-label')").startswith("Таблица")
        page.set_viewport_size({"width": 1366, "height": 900})
        page.wait_for_function("() => !document.querySelector('.md-typeset__scrollwrap[tabindex]')"
                               " || [...document.querySelectorAll('.md-typeset__scrollwrap[tabindex]')]"
                               ".every(e => e.scrollWidth > e.clientWidth + 1)", timeout=3000)
    finally:
        context.close()


@pytest.mark.parametrize("lang, query", [("ru", "удержанию"), ("en", "retention")])
def test_the_open_search_with_results_passes_axe_in_light_and_dark(axe_page, subpath_url, lang, query):
    """The search dialog (assets/search.js) with results, in the page's language, in both schemes."""
    page = axe_page
    page.goto(subpath_url + ("" if lang == "ru" else "en/") + "glossary/")
    use_scheme(page, "light")
    page.click("button[data-role=search]")
    page.fill("dialog[data-role=search-dialog] input", query)
    page.wait_for_selector("dialog[data-role=search-dialog] li a", timeout=20000)
    assert page.get_attribute("dialog[data-role=search-dialog]", "aria-label") == ("Поиск" if lang == "ru" else "Search")
    found = failures(page, "light search " + lang, exclude=SAME_ON_EVERY_PAGE)
    use_scheme(page, "dark")
    found += failures(page, "dark search " + lang, COLOUR_RULES, SAME_ON_EVERY_PAGE)
    assert not found, "%d serious or critical accessibility violations:\n%s" % (len(found), "\n".join(found))
