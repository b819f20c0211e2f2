"""Presenter mode and the speaker view (assets/presenter.js) in headless Chromium, on a projector's 1280×720."""

import re

import pytest

from browsing import wait_until

CHAPTER = "chapters/after-the-sale/"
NEXT_CHAPTER = "chapters/who-answers-the-phone/"
PREVIOUS_CHAPTER = "chapters/permission-and-trust/"
PREFIX = {"ru": "", "en": "en/"}
PROJECTOR = {"width": 1280, "height": 720}
LIVE_TIMEOUT_MS = 25000


@pytest.fixture
def context(chromium):
    context = chromium.new_context(viewport=PROJECTOR)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    return page




def presenting(page):
    return page.evaluate("document.documentElement.classList.contains('pm-on')")


def counter(page):
    return page.text_content(".pm-bar__counter").strip()


def visible_h2(page):
    """Ids of the h2 headings of the article that are shown."""
    return page.eval_on_selector_all(
        "article.md-content__inner > h2", "els => els.filter(e => e.offsetParent !== null).map(e => e.id)")


def section_count(page):
    return page.eval_on_selector_all("article.md-content__inner > h2", "els => els.length") + 1


def slide_count(page):
    """Sections, and a slide more for each calculator in them (facilitator notes never show)."""
    return section_count(page) + page.eval_on_selector_all(
        "article.md-content__inner [data-calculator]", "els => els.filter(e => !e.closest('.trainer')).length")


def go_to_section(page, anchor):
    for _ in range(slide_count(page)):
        if visible_h2(page) == [anchor]:
            return
        page.keyboard.press("ArrowRight")
    raise AssertionError("no section #%s" % anchor)


def go_to_slide(page, fragment):
    """Press → until the address ends in #fragment (a section's or a calculator's id)."""
    for _ in range(slide_count(page)):
        if page.evaluate("location.hash") == "#" + fragment:
            return
        page.keyboard.press("ArrowRight")
    raise AssertionError("no slide #%s" % fragment)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_button_turns_it_on_and_off(site_url, page, lang):
    page.goto(site_url + PREFIX[lang] + CHAPTER)
    toggle = page.locator(".pm-toggle")
    assert toggle.is_visible()
    label = toggle.get_attribute("title")
    assert label.startswith("Режим показа" if lang == "ru" else "Presenter mode")
    assert toggle.get_attribute("aria-pressed") == "false"
    assert not presenting(page)
    toggle.click()
    assert presenting(page)
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert page.locator(chrome).is_hidden(), chrome
    assert visible_h2(page) == []  # the first section: the title and the lead
    assert page.locator("article h1").is_visible()
    assert counter(page) == "1 / %d" % section_count(page)
    # Large type: the body text is far bigger than the reader's 16 px.
    size = page.eval_on_selector("article > p", "p => parseFloat(getComputedStyle(p).fontSize)")
    assert size >= 22
    exit_button = page.locator(".pm-bar .pm-exit")
    assert exit_button.is_visible()
    exit_button.click()
    assert not presenting(page)
    assert page.locator(".md-header").is_visible()
    assert page.locator(".pm-bar").is_hidden()
    assert len(visible_h2(page)) == section_count(page) - 1
    assert page.errors == []


def test_the_button_works_from_the_keyboard(site_url, page):
    page.goto(site_url + "en/" + CHAPTER)
    page.focus(".pm-toggle")
    page.keyboard.press("Enter")
    assert presenting(page)
    assert page.get_attribute(".pm-toggle", "aria-pressed") == "true"


def test_shortcut_and_escape(site_url, page):
    page.goto(site_url + CHAPTER)
    page.keyboard.press("Shift+P")
    assert presenting(page)
    page.keyboard.press("Escape")
    assert not presenting(page)
    page.keyboard.press("Shift+P")
    assert presenting(page)
    page.keyboard.press("Shift+P")
    assert not presenting(page)
    # The theme's own keys are not taken: "p" and "n" still mean previous and next page.
    page.keyboard.press("n")
    page.wait_for_url(re.compile(re.escape(NEXT_CHAPTER) + "$"))


def test_sections_by_arrows_and_by_clicker(site_url, page):
    page.goto(site_url + "en/" + CHAPTER)
    page.keyboard.press("Shift+P")
    total = section_count(page)
    page.keyboard.press("ArrowRight")
    assert visible_h2(page) == ["story"]
    assert counter(page) == "2 / %d" % total
    assert page.url.endswith("#story")
    page.keyboard.press("ArrowRight")
    assert visible_h2(page) == ["principle"]
    page.keyboard.press("ArrowLeft")
    assert visible_h2(page) == ["story"]
    page.keyboard.press("Home")
    assert visible_h2(page) == []
    # A clicker: Page Down moves to the next section when this one fits on the screen...
    page.keyboard.press("PageDown")
    assert visible_h2(page) == ["story"]
    page.keyboard.press("PageUp")
    assert visible_h2(page) == []
    # ...and scrolls a long one first (this one is taller than 720 px).
    go_to_section(page, "why")
    assert page.evaluate("window.scrollY") == 0
    page.keyboard.press("PageDown")
    assert visible_h2(page) == ["why"]
    assert page.evaluate("window.scrollY") > 300
    for _ in range(30):
        page.keyboard.press("PageDown")
        if visible_h2(page) != ["why"]:
            break
    # The next section holds two calculators: its text, then a slide for each, each fitting the screen.
    assert visible_h2(page) == ["try-it"]
    assert counter(page) == "5 / %d" % total
    assert page.evaluate("window.scrollY") == 0
    page.keyboard.press("PageDown")
    assert counter(page) == "5.1 / %d" % total
    assert page.url.endswith("#calc-bonus-uptake-1")
    assert page.locator("#calc-bonus-uptake-1").is_visible()
    assert page.locator("#calc-acquisition-vs-retention-1").is_hidden()
    page.keyboard.press("PageDown")
    assert counter(page) == "5.2 / %d" % total
    assert page.url.endswith("#calc-acquisition-vs-retention-1")
    page.keyboard.press("PageDown")
    assert visible_h2(page) == ["in-practice"]
    assert page.evaluate("window.scrollY") == 0
    # The on-screen buttons do the same.
    page.click(".pm-bar .pm-prev")
    assert counter(page) == "5.2 / %d" % total
    assert page.locator("#calc-acquisition-vs-retention-1").is_visible()
    page.click(".pm-bar .pm-next")
    assert visible_h2(page) == ["in-practice"]
    assert page.errors == []


def test_facilitator_notes_hidden_in_presenter_mode_only(site_url, page):
    page.goto(site_url + "en/" + CHAPTER)
    notes = page.locator("details.trainer")
    assert notes.count() == 1
    assert notes.is_visible()
    page.keyboard.press("Shift+P")
    go_to_section(page, "law")
    assert page.locator(".admonition.warning").first.is_visible()
    assert notes.is_hidden()
    page.keyboard.press("Escape")
    assert notes.is_visible()


def test_stays_on_across_reload_and_pages(site_url, page):
    page.goto(site_url + "en/" + CHAPTER)
    page.keyboard.press("Shift+P")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.reload()
    assert presenting(page)
    assert visible_h2(page) == ["principle"]
    page.goto(site_url + "en/" + NEXT_CHAPTER)
    assert presenting(page)
    assert visible_h2(page) == []
    # Past the last section: the next page, from its first section.
    page.keyboard.press("End")
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r"/en/chapters/customer-not-always-right/$"))
    assert presenting(page)
    assert visible_h2(page) == []
    # Back before the first: the previous page, at its last section.
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(re.compile(re.escape(NEXT_CHAPTER)))
    assert presenting(page)
    last = page.eval_on_selector_all("article.md-content__inner > h2", "els => els[els.length - 1].id")
    assert visible_h2(page) == [last]
    page.keyboard.press("Escape")
    page.reload()
    assert not presenting(page)
    assert page.errors == []


def test_works_without_storage(chromium, site_url):
    context = chromium.new_context(viewport=PROJECTOR)
    context.add_init_script("""
        Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }});
    """)
    page = context.new_page()
    page.goto(site_url + "en/" + CHAPTER)
    page.keyboard.press("Shift+P")
    assert presenting(page)
    page.keyboard.press("ArrowRight")
    assert visible_h2(page) == ["story"]
    page.keyboard.press("Escape")
    assert not presenting(page)
    # (The theme's own inline scripts throw when storage is blocked; the presenter keeps working.)
    context.close()


def test_typing_in_a_calculator_is_not_hijacked(site_url, page):
    page.goto(site_url + "en/" + CHAPTER)
    page.wait_for_selector("[data-calculator][data-state=live]", timeout=LIVE_TIMEOUT_MS)
    field = page.locator("#calc-bonus-uptake-1-customers")
    if field.count() == 0:
        field = page.locator("[data-calculator=bonus_uptake] input[data-kind]").first
    # Not presenting: Shift+P in a field types a "P".
    field.click()
    page.keyboard.press("End")
    page.keyboard.press("Shift+P")
    assert not presenting(page)
    assert field.input_value().endswith("P")
    page.keyboard.press("Backspace")
    # Presenting: arrows, Page keys, Space and Escape in a field stay with the field.
    page.keyboard.press("Escape")
    page.locator("article h1").click()
    page.keyboard.press("Shift+P")
    go_to_slide(page, "calc-bonus-uptake-1")
    before = counter(page)
    field.click()
    field.fill("")
    page.keyboard.type("75")
    for key in ("ArrowLeft", "ArrowRight", "Home", "End", "PageDown", "Escape"):
        page.keyboard.press(key)
    assert presenting(page)
    assert counter(page) == before
    assert field.input_value() == "75"
    out = page.locator("[data-calculator=bonus_uptake] [data-output]").first
    wait_until(page, "el => el.dataset.value !== ''", out.element_handle())


def test_speaker_view_follows_over_broadcast_channel(context, site_url):
    presenter = context.new_page()
    speaker = context.new_page()
    speaker.goto(site_url + "en/speaker/")
    assert speaker.locator(".pm-toggle").count() == 0
    view = speaker.locator("#speaker-screen")
    assert view.get_attribute("data-active") == "false"
    presenter.goto(site_url + "en/" + CHAPTER)
    presenter.keyboard.press("Shift+P")
    wait_until(speaker, "() => document.getElementById('speaker-screen').dataset.active === 'true'")
    assert speaker.text_content("[data-role=page]") == "After the sale"
    assert speaker.text_content("[data-role=position]") == "1 / %d" % section_count(presenter)
    assert speaker.text_content("[data-role=next]") == "Story"
    # This section has no notes of its own: the chapter's are shown, with the exercise's timer.
    assert speaker.text_content("[data-role=notes-title]") == "Notes for this chapter"
    assert "Discussion questions" in speaker.text_content("[data-role=notes]")
    assert speaker.text_content("[data-role=clock]") == "30:00"
    minutes = speaker.eval_on_selector_all("[data-role=choices] button", "bs => bs.map(b => b.dataset.minutes)")
    assert minutes[0] == "30" and "5" in minutes and "10" in minutes
    presenter.keyboard.press("ArrowRight")
    wait_until(speaker, "() => document.querySelector('[data-role=section]').textContent === 'Story'")
    assert speaker.text_content("[data-role=next]") == "Principle"
    go_to_section(presenter, "law")
    wait_until(speaker, "() => document.querySelector('[data-role=section]').textContent.indexOf('law') > 0")
    assert speaker.text_content("[data-role=notes-title]") == "Notes for this section"
    # The speaker window drives the presenter too.
    speaker.click("[data-role=go-next]")
    wait_until(presenter, "() => location.hash === '#next'")
    wait_until(speaker, "() => document.querySelector('[data-role=section]').textContent === 'What next'")
    assert speaker.text_content("[data-role=next]") == "The next page"
    presenter.keyboard.press("Escape")
    wait_until(speaker, "() => document.getElementById('speaker-screen').dataset.active === 'false'")


def test_speaker_view_falls_back_to_storage_events(chromium, site_url):
    context = chromium.new_context(viewport=PROJECTOR)
    context.add_init_script("delete window.BroadcastChannel;")
    presenter = context.new_page()
    speaker = context.new_page()
    speaker.goto(site_url + "speaker/")
    presenter.goto(site_url + CHAPTER)
    presenter.keyboard.press("Shift+P")
    presenter.keyboard.press("ArrowRight")
    wait_until(speaker, "() => document.querySelector('[data-role=position]').textContent.indexOf('2 / ') === 0")
    assert speaker.text_content("[data-role=section]") == presenter.text_content("article > h2#story").strip(" ¶")
    speaker.keyboard.press("ArrowRight")
    wait_until(presenter, "() => location.hash === '#principle'")
    context.close()


def test_speaker_timer(context, site_url):
    speaker = context.new_page()
    speaker.goto(site_url + "en/speaker/")
    clock = speaker.locator("[data-role=clock]")
    assert clock.text_content() == "10:00"  # no exercise yet: the default
    speaker.click("[data-role=start]")
    assert speaker.text_content("[data-role=start]") == "Pause"
    wait_until(speaker, "() => Number(document.querySelector('[data-role=clock]').dataset.seconds) <= 598")
    speaker.click("[data-role=start]")
    paused = clock.text_content()
    speaker.wait_for_timeout(1200)
    assert clock.text_content() == paused
    speaker.click("[data-role=reset]")
    assert clock.text_content() == "10:00"
    speaker.click("[data-role=choices] button")
    assert clock.text_content() == "10:00"


def test_presenter_mode_on_a_projector_looks_right(site_url, page, tmp_path):
    """Large calculator controls on the calculator's slide, nothing cut off at the sides.
    (tests/browser/test_projector.py checks every calculator at 1366×768 and 1920×1080.)"""
    page.goto(site_url + CHAPTER)
    page.keyboard.press("Shift+P")
    go_to_slide(page, "calc-bonus-uptake-1")
    field = "#calc-bonus-uptake-1 input[data-kind]"
    assert page.eval_on_selector(field, "e => e.getBoundingClientRect().height") >= 40
    assert page.eval_on_selector(field, "e => parseFloat(getComputedStyle(e).fontSize)") >= 20
    value = page.eval_on_selector("#calc-bonus-uptake-1 [data-output]", "e => parseFloat(getComputedStyle(e).fontSize)")
    assert value >= 24
    assert page.evaluate("document.documentElement.scrollWidth") <= PROJECTOR["width"]
    page.screenshot(path=str(tmp_path / "presenter.png"))


def test_the_speaker_button_opens_the_speaker_view(context, site_url):
    presenter = context.new_page()
    presenter.goto(site_url + "en/" + CHAPTER)
    presenter.keyboard.press("Shift+P")
    with presenter.expect_popup() as popup:
        presenter.click(".pm-bar .pm-speaker")
    speaker = popup.value
    speaker.wait_for_load_state()
    assert speaker.url.endswith("/en/speaker/")
    wait_until(speaker, "() => document.getElementById('speaker-screen').dataset.active === 'true'")
    assert speaker.text_content("[data-role=page]") == "After the sale"
