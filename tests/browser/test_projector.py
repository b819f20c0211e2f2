"""Calculators on the projector: every calculator fits one slide of presenter mode at 1366×768 and
1920×1080 (inputs, results and chart on the screen and clear of the control bar, the chart's text at
least 14 px high); a section's calculators get a sub-slide each (3.1 / 8, #calc-…); the show opens on
the title; headings start at the same place on every slide; tables keep the theme's styling.

The suite saves what it looked at in test-results/screenshots/ (README, "Looking and measuring"):
projector/ (every calculator's slide at both sizes, light and dark), phone/ and pdf/.
"""

import os
import re

import pytest

from browsing import LIVE_TIMEOUT_MS, wait_until
from calculators import registry
from scripts.embed import page_slug

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHOTS = os.path.join(ROOT, "test-results", "screenshots")
PREFIX = {"ru": "", "en": "en/"}
SIZES = [(1366, 768), (1920, 1080)]
ALL = sorted(registry.CALCULATORS)
# In English too: the most inputs, the most results, and a chart beside a verdict.
ENGLISH = ["referral_payback", "acquisition_vs_retention", "call_staffing"]
CHAPTER = "chapters/after-the-sale/"  # its "Try it" section holds two calculators
MIN_CHART_TEXT_PX = 14
MIN_VALUE_PX = 24
MIN_LABEL_PX = 14

# Every input, result and the chart of a calculator: where they are, and what overlaps the bar.
PLACES = """(calc) => {
    const width = document.documentElement.clientWidth, height = window.innerHeight;
    const bar = document.querySelector('.pm-bar').getBoundingClientRect();
    const parts = [...calc.querySelectorAll('input[data-kind], [data-output]')];
    const chart = calc.querySelector('.clc-chart:not([hidden])');
    if (chart) parts.push(chart);
    return parts.map(e => {
        const b = e.getBoundingClientRect();
        return {
            name: e.name || e.dataset.output || 'chart', left: b.left, top: b.top, right: b.right, bottom: b.bottom,
            width: b.width, height: b.height, viewport: [width, height],
            underBar: b.left < bar.right && b.right > bar.left && b.top < bar.bottom && b.bottom > bar.top
        };
    });
}"""

# The chart's text: its box on the screen and its size there (the SVG's font size times its scale).
CHART_TEXT = """(calc) => {
    const svg = calc.querySelector('.clc-chart:not([hidden]) svg');
    if (!svg) return null;
    const box = svg.getBoundingClientRect(), drawn = svg.viewBox.baseVal;
    const scale = Math.min(box.width / drawn.width, box.height / drawn.height);
    return {
        width: box.width,
        texts: [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => ({
            text: t.textContent.trim(), height: t.getBoundingClientRect().height,
            px: parseFloat(getComputedStyle(t).fontSize) * scale
        }))
    };
}"""

# Font sizes on the screen (a scaled-down slide counts).
SIZES_ON_SCREEN = """(calc) => {
    const zoom = parseFloat(calc.style.zoom || '1') || 1;
    const px = e => parseFloat(getComputedStyle(e).fontSize) * zoom;
    const shown = e => e.getClientRects().length > 0;
    return {
        values: [...calc.querySelectorAll('.clc-output:not(.clc-output--unavailable) [data-output]')].filter(shown).map(px),
        labels: [...calc.querySelectorAll('.clc-field label, .clc-output dt')].filter(shown).map(px)
    };
}"""


def settle(page):
    """Two frames: the layout the presenter chose after the calculator went live."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def shot(*parts):
    folder = os.path.join(SHOTS, *parts[:-1])
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, parts[-1])


@pytest.fixture
def presenting(chromium):
    """A new projector of the given size, with presenter mode on (as a trainer leaves it)."""
    contexts = []

    def open_page(width, height, scheme="light"):
        context = chromium.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
        context.add_init_script("try { localStorage.setItem('clienting.presenter', '1'); } catch (e) {}")
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        return page

    yield open_page
    for context in contexts:
        context.close()


def counter(page):
    return page.text_content(".pm-bar__counter").strip()


def assert_fits(page, calc, name, where, chart_drawn=True):
    """Every input, result and the chart on the screen, clear of the bar, readable.  ``chart_drawn``:
    the calculator draws its chart for these numbers (a scenario's data may make none)."""
    places = page.evaluate(PLACES, calc)
    calculator = registry.get(name)
    expected = [i.name for i in calculator.inputs] + [o.key for o in calculator.outputs]
    assert [p["name"] for p in places if p["name"] != "chart"] == expected, where
    if chart_drawn:
        assert any(p["name"] == "chart" for p in places) == (calculator.chart is not None), where
    for part in places:
        width, height = part["viewport"]
        assert part["width"] > 0 and part["height"] > 0, (where, part)
        assert part["left"] >= -0.5 and part["top"] >= -0.5, (where, part)
        assert part["right"] <= width + 0.5 and part["bottom"] <= height + 0.5, (where, part)
        assert not part["underBar"], (where, part)
    chart = page.evaluate(CHART_TEXT, calc)
    if chart is not None:
        assert chart["texts"], where
        for text in chart["texts"]:
            assert text["height"] >= MIN_CHART_TEXT_PX, (where, text)
            assert text["px"] >= MIN_CHART_TEXT_PX - 0.01, (where, text)
    sizes = page.evaluate(SIZES_ON_SCREEN, calc)
    assert min(sizes["values"]) >= MIN_VALUE_PX - 0.01, (where, sizes)
    assert min(sizes["labels"]) >= MIN_LABEL_PX - 0.01, (where, sizes)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"], where
    return places, chart


CASES = [(lang, name) for lang in ("ru", "en") for name in (ALL if lang == "ru" else ENGLISH)]


@pytest.mark.parametrize("lang, name", CASES)
def test_every_calculator_fits_a_slide_at_both_projector_sizes(presenting, site_url, lang, name):
    slug = page_slug(name)[:-3]
    uid = "calc-%s-1" % slug
    charts = {}
    for width, height in SIZES:
        page = presenting(width, height)
        # The calculator's address opens its own slide.
        page.goto(site_url + PREFIX[lang] + "calculators/%s/#%s" % (slug, uid))
        page.wait_for_selector("#%s[data-state=live]" % uid, timeout=LIVE_TIMEOUT_MS)
        settle(page)
        assert re.fullmatch(r"1\.1 / \d+", counter(page)), counter(page)
        assert page.evaluate("location.hash") == "#" + uid
        calc = page.query_selector("#" + uid)
        assert calc.is_visible()
        assert page.locator("article h1").is_hidden()
        where = "%s %s %dx%d" % (lang, name, width, height)
        _, chart = assert_fits(page, calc, name, where)
        charts[width] = chart
        # Another scenario: the layout follows the new results, and they fit too.
        values = "(id) => [...document.querySelectorAll('#' + id + ' [data-output]')].map(e => e.dataset.value).join()"
        for preset in list(registry.get(name).presets)[-1:]:
            before = page.evaluate(values, uid)
            page.select_option("#%s-preset" % uid, preset)
            wait_until(page, "([id, was]) => (%s)(id) !== was" % values, [uid, before])
            settle(page)
            assert_fits(page, calc, name, where + " " + preset, chart_drawn=False)
            page.select_option("#%s-preset" % uid, "")
            wait_until(page, "([id, was]) => (%s)(id) === was" % values, [uid, before])
            settle(page)
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            wait_until(page, "(s) => document.body.dataset.mdColorScheme === s", "default" if scheme == "light" else "slate")
            page.screenshot(path=shot("projector", "%s-%s-%dx%d-%s.png" % (lang, slug, width, height, scheme)))
        assert page.errors == [], (where, page.errors)
    # The chart scales with the slide.
    if charts[1366] is not None:
        assert charts[1920]["width"] > charts[1366]["width"] * 1.15, charts


def test_a_section_with_two_calculators_has_a_slide_for_each(presenting, site_url):
    page = presenting(1366, 768)
    page.goto(site_url + CHAPTER + "#try-it")
    total = page.eval_on_selector_all("article.md-content__inner > h2", "els => els.length") + 1
    number = page.evaluate("[...document.querySelectorAll('article.md-content__inner > h2')].findIndex(h => h.id === 'try-it') + 2")
    first, second = "#calc-bonus-uptake-1", "#calc-acquisition-vs-retention-1"
    # The section's text first, without its calculators.
    assert counter(page) == "%d / %d" % (number, total)
    assert page.locator("h2#try-it").is_visible()
    assert page.locator(first).is_hidden() and page.locator(second).is_hidden()
    assert page.get_attribute(".pm-bar__counter", "title") == "Раздел %d из %d" % (number, total)
    # Then one slide per calculator: the counter says which, the address names it.
    page.keyboard.press("ArrowRight")
    assert counter(page) == "%d.1 / %d" % (number, total)
    assert page.evaluate("location.hash") == first
    assert page.locator(first).is_visible() and page.locator(second).is_hidden()
    assert page.locator("h2#try-it").is_hidden()
    assert page.get_attribute(".pm-bar__counter", "title") == "Раздел %d из %d, калькулятор 1 из 2" % (number, total)
    page.keyboard.press("ArrowRight")
    assert counter(page) == "%d.2 / %d" % (number, total)
    assert page.evaluate("location.hash") == second
    assert page.locator(second).is_visible() and page.locator(first).is_hidden()
    page.wait_for_selector(second + "[data-state=live]", state="attached", timeout=LIVE_TIMEOUT_MS)
    settle(page)
    assert_fits(page, page.query_selector(second), "acquisition_vs_retention", "the chapter's second calculator")
    page.keyboard.press("ArrowRight")
    assert counter(page) == "%d / %d" % (number + 1, total)
    page.keyboard.press("ArrowLeft")
    assert counter(page) == "%d.2 / %d" % (number, total)
    page.keyboard.press("PageUp")  # a calculator's slide fits: the clicker goes straight on
    assert counter(page) == "%d.1 / %d" % (number, total)
    # Reloading, or following a link to a calculator, shows its slide.
    page.reload()
    assert counter(page) == "%d.1 / %d" % (number, total)
    page.evaluate("location.hash = '#calc-acquisition-vs-retention-1-retention_rate_pct'")
    wait_until(page, "() => location.hash === '#calc-acquisition-vs-retention-1'")
    assert counter(page) == "%d.2 / %d" % (number, total)
    # Leaving the show puts the reader at the calculator that was on the screen, everything back.
    page.keyboard.press("Escape")
    top = page.eval_on_selector(second, "e => e.getBoundingClientRect().top")
    header = page.eval_on_selector(".md-header", "e => e.getBoundingClientRect().bottom")
    assert header <= top < header + 40, (header, top)
    assert page.eval_on_selector_all("[data-pm-hidden]", "els => els.length") == 0
    assert page.eval_on_selector(second, "e => e.style.zoom + e.style.cssText + (e.dataset.pmMode || '')") == ""
    assert page.errors == []


def test_the_speaker_view_shows_the_sub_slide(chromium, site_url):
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    speaker = context.new_page()
    speaker.goto(site_url + "en/speaker/")
    presenter = context.new_page()
    presenter.goto(site_url + "en/" + CHAPTER + "#try-it")
    presenter.keyboard.press("Shift+P")
    wait_until(speaker, "() => document.querySelector('[data-role=section]').textContent === 'Try it'")
    position = speaker.text_content("[data-role=position]")
    number, total = re.fullmatch(r"(\d+) / (\d+)", position).groups()
    assert speaker.text_content("[data-role=next]") == "An after-sale bonus"
    presenter.keyboard.press("ArrowRight")
    wait_until(speaker, "(p) => document.querySelector('[data-role=position]').textContent === p",
               "%s.1 / %s" % (number, total))
    assert speaker.text_content("[data-role=section]") == "Try it · An after-sale bonus"
    assert speaker.text_content("[data-role=next]") == "Acquisition versus retention"
    # The speaker's own keys walk the sub-slides too.
    speaker.keyboard.press("ArrowRight")
    wait_until(presenter, "() => location.hash === '#calc-acquisition-vs-retention-1'")
    wait_until(speaker, "(p) => document.querySelector('[data-role=position]').textContent === p",
               "%s.2 / %s" % (number, total))
    assert speaker.text_content("[data-role=next]") == "In practice"
    context.close()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_starting_at_the_top_of_a_chapter_opens_its_title(chromium, site_url, lang):
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    names = sorted(f[:-3] for f in os.listdir(os.path.join(ROOT, "docs", lang, "chapters")) if f.endswith(".md"))
    chapters = [site_url + PREFIX[lang] + "chapters/%s/" % name for name in names if name != "index"]
    assert len(chapters) >= 8, chapters
    for url in chapters:
        page.goto(url)
        page.keyboard.press("Shift+P")
        assert page.evaluate("document.documentElement.classList.contains('pm-on')"), url
        assert re.fullmatch(r"1 / \d+", counter(page)), (url, counter(page))
        assert page.locator("article h1").is_visible(), url
        page.keyboard.press("Escape")
    # Scrolled into the page, the show starts at the section being read: the last one whose heading is
    # in the upper third of the screen or above it.
    page.goto(chapters[0])
    page.evaluate("window.scrollTo(0, document.querySelectorAll('article > h2')[2].offsetTop - 60)")
    heading = page.eval_on_selector_all(
        "article > h2", "els => els.filter(h => h.getBoundingClientRect().top < innerHeight / 3).pop().id")
    page.keyboard.press("Shift+P")
    assert page.evaluate("location.hash") == "#" + heading
    context.close()


def test_headings_start_at_the_same_place_on_every_slide(presenting, site_url):
    for width, height in SIZES:
        page = presenting(width, height)
        page.goto(site_url + CHAPTER)
        slides = page.evaluate("""() => {
            const count = +document.querySelector('.pm-bar__counter').textContent.split(' / ')[1];
            return count + document.querySelectorAll('article [data-calculator]:not(.trainer [data-calculator])').length;
        }""")
        places = []
        for _ in range(slides):
            places.append(page.evaluate("""() => {
                const heading = [...document.querySelectorAll('article.md-content__inner > h1, article.md-content__inner > h2, article .clc-title')]
                    .find(h => h.getClientRects().length > 0);
                const box = heading.getBoundingClientRect();
                return [location.hash, heading.tagName, Math.round(box.left), Math.round(box.top + scrollY)];
            }"""))
            page.keyboard.press("ArrowRight")
        kinds = set(p[1] for p in places)
        assert kinds == {"H1", "H2", "H3"}, places
        assert len(set((p[2], p[3]) for p in places)) == 1, places


def test_tables_keep_their_borders_and_header_on_a_slide(chromium, presenting, site_url):
    url = site_url + "calculators/referral-payback/#scenarios"
    style = """() => [...document.querySelectorAll('article table')]
        .filter(t => document.getElementById('scenarios').compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING)
        .filter(t => t.offsetParent !== null).map(t => {
        const css = (e, names) => Object.fromEntries(names.map(n => [n, getComputedStyle(e).getPropertyValue(n)]));
        const cell = ['border-top-width', 'border-top-style', 'border-bottom-width', 'border-bottom-style',
                      'border-top-color', 'font-weight', 'background-color'];
        return {table: css(t, ['border-top-width', 'border-top-style', 'border-collapse']),
                th: css(t.querySelector('th'), cell), td: css(t.querySelector('tbody td'), cell),
                scrolls: !!t.closest('.md-typeset__scrollwrap')};
    })"""
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    reader = context.new_page()
    reader.goto(url)
    settle(reader)
    expected = reader.evaluate(style)[:1]
    context.close()
    page = presenting(1366, 768)
    page.goto(url)
    settle(page)
    shown = page.evaluate(style)
    assert len(shown) == 1 and expected, (shown, expected)
    assert shown[0]["table"] == expected[0]["table"], (shown, expected)
    assert shown[0]["th"] == expected[0]["th"] and shown[0]["td"] == expected[0]["td"], (shown, expected)
    assert shown[0]["scrolls"], shown  # the theme's box around it goes with the table
    cell = shown[0]["td"]
    assert float(cell["border-top-width"].rstrip("px")) > 0 and cell["border-top-style"] != "none", shown
    assert int(shown[0]["th"]["font-weight"]) >= 600, shown
    page.screenshot(path=shot("projector", "ru-referral-payback-scenarios-table-1366x768-light.png"))
    # Leaving the show leaves the table as the reader had it.
    page.keyboard.press("Escape")
    assert page.evaluate(style)[0]["th"] == expected[0]["th"]


def test_phone_and_print_screenshots(chromium, site_url):
    """What a participant sees on a phone, and the printed pages (for people to look at)."""
    context = chromium.new_context(viewport={"width": 360, "height": 780}, device_scale_factor=2,
                                   is_mobile=True, has_touch=True)
    page = context.new_page()
    for path, name in (("calculators/referral-payback/", "referral-payback"), (CHAPTER, "after-the-sale")):
        page.goto(site_url + path)
        page.wait_for_selector("[data-calculator][data-state=live]", state="attached", timeout=LIVE_TIMEOUT_MS)
        target = shot("phone", "ru-%s.png" % name)
        page.screenshot(path=target)
        assert os.path.getsize(target) > 10000
        page.evaluate("window.scrollTo(0, 0)")  # page coordinates, and the header left at the top
        box = page.locator("[data-calculator]").first.bounding_box()
        page.screenshot(path=shot("phone", "ru-%s-calculator.png" % name), full_page=True, clip=box)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
    context = chromium.new_context()
    page = context.new_page()
    for path, name in (("calculators/referral-payback/", "referral-payback"), (CHAPTER, "after-the-sale")):
        page.goto(site_url + path)
        page.wait_for_selector("[data-calculator][data-state=live]", state="attached", timeout=LIVE_TIMEOUT_MS)
        target = shot("pdf", "ru-%s.pdf" % name)
        page.pdf(path=target, format="A4", print_background=False)
        with open(target, "rb") as handle:
            assert handle.read(5) == b"%PDF-"
    # On 127.0.0.1 the screen warns that phones cannot open the link; paper only with the QR code it is about.
    warning = "#calc-bonus-uptake-1 [data-role=qr-warning]"
    wait_until(page, "(s) => !document.querySelector(s).hidden", warning)
    assert page.is_visible(warning)
    page.emulate_media(media="print")
    assert page.is_hidden(warning)
    page.emulate_media(media="screen")
    page.click("#calc-bonus-uptake-1 [data-action=qr]")
    page.emulate_media(media="print")
    assert page.is_visible(warning)
    context.close()
