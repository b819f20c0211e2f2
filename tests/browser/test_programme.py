"""A programme as a presenter playlist: its blocks' sections in order across pages, the speaker's clock."""

import pytest

from browsing import wait_until as _wait_until


def wait_until(page, expression, arg=None, timeout_ms=10000):
    """wait_until that also waits through a navigation the key press started."""
    for _ in range(50):
        try:
            return _wait_until(page, expression, arg, timeout_ms)
        except Exception as error:  # the page navigated while the expression ran
            if "context was destroyed" not in str(error) and "navigat" not in str(error):
                raise
            page.wait_for_load_state()
    raise AssertionError("the page kept navigating")

PROJECTOR = {"width": 1366, "height": 768}
PREFIX = {"ru": "", "en": "en/"}


@pytest.fixture
def context(chromium):
    context = chromium.new_context(viewport=PROJECTOR)
    yield context
    context.close()


def blocks(page, programme):
    return page.eval_on_selector_all(
        "[data-programme='%s'] [data-minutes]" % programme,
        "els => els.map(e => ({minutes: +e.dataset.minutes, target: e.dataset.target ? new URL(e.dataset.target, location.href).href : null, title: e.dataset.title}))")


# The calculators of the section on the screen (its sub-slides), in order.
SECTION_CALCULATORS = """() => {
    const shown = [...document.querySelectorAll('article.md-content__inner > h2')].filter(e => e.offsetParent !== null);
    let node = shown.length ? shown[0] : document.querySelector('article.md-content__inner').firstElementChild;
    const ids = [];
    for (; node && !(node.tagName === 'H2' && node !== shown[0]); node = node.nextElementSibling) {
        const found = node.matches('[data-calculator]') ? [node] : [...node.querySelectorAll('[data-calculator]')];
        found.filter(c => !c.closest('.trainer')).forEach(c => ids.push(c.id));
    }
    return ids;
}"""


def walk_calculators(page, label):
    """→ shows each calculator of the block's section on its own slide before the next block."""
    for calculator in page.evaluate(SECTION_CALCULATORS):
        page.keyboard.press("ArrowRight")
        wait_until(page, "(id) => location.hash === '#' + id", calculator)
        assert page.locator("#" + calculator).is_visible()
        assert page.locator(".pm-bar__block").text_content() == label
        assert "." in page.text_content(".pm-bar__counter")


def hash_section(page):
    """The section (h2 id, or the h1 for the top) the presenter shows."""
    return page.evaluate("""() => {
        const shown = [...document.querySelectorAll('article.md-content__inner > h2')].filter(e => e.offsetParent !== null);
        return shown.length ? shown[0].id : 'top';
    }""")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_start_this_programme_walks_its_blocks_across_pages(context, site_url, lang):
    errors = []
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(site_url + PREFIX[lang] + "workshop/")
    plan = blocks(page, "90")
    assert sum(b["minutes"] for b in plan) == 90
    button = page.locator("[data-programme='90'] [data-action=start-programme]")
    assert button.is_visible()
    with page.expect_navigation():
        button.click()
    # The first block: the join screen, in presenter mode.
    assert page.url.split("#")[0] == plan[0]["target"].split("#")[0]
    wait_until(page, "() => document.documentElement.classList.contains('pm-on')")
    label = {"ru": "Блок %d из %d", "en": "Block %d of %d"}[lang]
    assert page.locator(".pm-bar__block").text_content() == label % (1, len(plan))
    walked = 0
    for index, block in enumerate(plan[1:], start=1):
        target = block["target"]
        if plan[index - 1]["target"] is not None:
            before = page.evaluate(SECTION_CALCULATORS)
            walk_calculators(page, label % (index, len(plan)))
            walked += len(before)
        page.keyboard.press("ArrowRight")
        if target is None:
            wait_until(page, "() => !document.querySelector('.pm-break').hidden")
            continue
        wait_until(page, "(t) => location.pathname === new URL(t).pathname", target)
        wait_until(page, "() => document.documentElement.classList.contains('pm-on')")
        fragment = target.split("#")[1]
        expected = page.evaluate("""(id) => {
            let el = document.getElementById(id);
            while (el && el.parentElement && !el.parentElement.matches('article.md-content__inner')) el = el.parentElement;
            while (el && el.tagName !== 'H2' && el.tagName !== 'H1') el = el.previousElementSibling;
            return el && el.tagName === 'H2' ? el.id : 'top';
        }""", fragment)
        wait_until(page, "(e) => { const s = [...document.querySelectorAll('article.md-content__inner > h2')].filter(h => h.offsetParent !== null); return (s.length ? s[0].id : 'top') === e; }", expected)
        assert page.locator(".pm-bar__block").text_content() == label % (index + 1, len(plan))
    assert walked >= 2  # the 90-minute programme shows a chapter's two calculators
    # Past the last block the show stays; going back returns to the previous block.
    walk_calculators(page, label % (len(plan), len(plan)))
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert page.locator(".pm-bar__block").text_content() == label % (len(plan), len(plan))
    page.click(".pm-bar .pm-stop")
    assert page.locator(".pm-bar__block").is_hidden()
    assert errors == []


def test_the_speaker_view_shows_the_programme_clock(context, site_url):
    speaker = context.new_page()
    speaker.goto(site_url + "en/speaker/")
    presenter = context.new_page()
    presenter.goto(site_url + "en/workshop/")
    with presenter.expect_navigation():
        presenter.click("[data-programme='half-day'] [data-action=start-programme]")
    wait_until(speaker, "() => !document.querySelector('[data-role=programme]').hidden")
    assert speaker.text_content("[data-role=programme-title]").startswith("Half a day")
    assert speaker.text_content("[data-role=programme-block]").startswith("Block 1 of ")
    assert speaker.text_content("[data-role=programme-planned]") == "0:00–0:10 / 4:00"
    left = int(speaker.get_attribute("[data-role=programme-left]", "data-seconds"))
    assert 560 <= left <= 600
    with presenter.expect_navigation():
        presenter.keyboard.press("ArrowRight")
    wait_until(speaker, "() => document.querySelector('[data-role=programme-block]').textContent.startsWith('Block 2')")
    assert speaker.text_content("[data-role=programme-planned]") == "0:10–0:20 / 4:00"
    # The exercise timer reads the exercise's minutes when a block shows a chapter with one.
    assert speaker.text_content("[data-role=programme-drift]")


def test_the_timer_takes_the_exercise_minutes_from_the_markup(context, site_url):
    speaker = context.new_page()
    speaker.goto(site_url + "speaker/")
    presenter = context.new_page()
    presenter.goto(site_url + "chapters/permission-and-trust/")
    presenter.keyboard.press("Shift+P")
    wait_until(speaker, "() => document.getElementById('speaker-screen').dataset.active === 'true'")
    minutes = presenter.get_attribute("[data-exercise]", "data-exercise-minutes")
    wait_until(speaker, "(m) => document.querySelector('[data-role=clock]').textContent === m + ':00'", minutes)
    choices = speaker.eval_on_selector_all("[data-role=choices] button", "bs => bs.map(b => +b.dataset.minutes)")
    assert choices[0] == int(minutes) and sum(choices[1:]) == int(minutes)
