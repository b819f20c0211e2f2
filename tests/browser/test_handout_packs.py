"""A programme's handout pack in the browser: one click from the guide, a Print button, and a PDF whose
pages are numbered, whose chapters and kit sheets each start a page, without trainer notes unless asked."""

import re

import pytest

from browsing import wait_until
from test_print import pdf_pages, squeeze

PREFIX = {"ru": "", "en": "en/"}
TITLE = {"ru": "90 минут: цена клиента и первый контакт", "en": "90 minutes"}
NOTES = {"ru": "Вопросы для обсуждения", "en": "Discussion questions"}  # the chapters' trainer blocks
LIVE_TIMEOUT_MS = 25000


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def all_live(page):
    page.wait_for_selector("[data-calculator][data-state=live]", timeout=LIVE_TIMEOUT_MS)
    wait_until(page, "() => Array.from(document.querySelectorAll('[data-calculator]'))"
               ".every(c => c.dataset.state === 'live')", timeout_ms=15000)


def starts(texts, titles):
    """The titles that open a page of the PDF, in page order (the longest, where one title begins another:
    "Observer", "Observer sheet: the call")."""
    found = []
    for number, text in enumerate(texts, start=1):
        body = text.replace("%d/%d" % (number, len(texts)), "", 1)
        opening = [title for title in titles if body.startswith(squeeze(title))]
        if opening:
            found.append(max(opening, key=len))
    return found


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_one_click_from_a_programme_in_the_guide_opens_its_pack(site_url, page, lang):
    page.goto(site_url + PREFIX[lang] + "workshop/")
    page.locator("[data-programme='90'] [data-role=handouts]").click()
    page.wait_for_url(re.compile(r"/%sprint/90/$" % PREFIX[lang]))
    assert TITLE[lang] in page.locator("h1").inner_text()
    # Back to the plan from the pack.
    assert page.locator(".clc-handouts-intro a[href$='workshop/#programme-90']").count() == 1


def test_the_print_button_prints_and_stays_off_paper(site_url, page):
    for address in ["print/90/", "print/"]:  # a pack, and the whole playbook
        page.goto(site_url + address)
        button = page.locator("[data-action=print]")
        assert button.is_visible()  # shown by its script; hidden in the markup without one
        page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
        button.click()
        assert page.evaluate("window.printed") == 1
        page.emulate_media(media="print")
        assert not button.is_visible()
        page.emulate_media(media="screen")
    page.goto(site_url + "print/90/")
    page.emulate_media(media="print")
    assert not page.locator(".clc-handouts-intro").is_visible()


def test_without_scripts_there_is_no_button_that_does_nothing(chromium, site_url):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "print/90/")
        assert page.locator("[data-action=print]").count() == 1
        assert not page.locator("[data-action=print]").is_visible()
        page.goto(site_url + "workshop/")
        assert not page.locator("[data-programme='90'] [data-action=start-programme]").is_visible()
        assert page.locator("[data-programme='90'] [data-role=handouts]").is_visible()  # a plain link
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_pack_prints_numbered_each_chapter_and_sheet_on_a_page_of_its_own(site_url, page, lang):
    page.goto(site_url + PREFIX[lang] + "print/90/")
    all_live(page)
    chapters = page.eval_on_selector_all(".print-chapter-title", "els => els.map(e => e.textContent.replace(/¶/g, ''))")
    sheets = page.eval_on_selector_all(".print-kit h2.clc-print-sheet:not(.clc-print-key)",
                                       "els => els.map(e => e.textContent.replace(/¶/g, ''))")
    answers = page.eval_on_selector_all(".print-kit details.trainer > summary", "els => els.map(e => e.textContent)")
    assert len(chapters) == 3 and len(sheets) == 16 and answers  # 2 chapters and the templates; 16 sheets
    texts = pdf_pages(page)
    count = len(texts)
    for number, text in enumerate(texts, start=1):
        assert "%d/%d" % (number, count) in text, (number, text[:80])
    assert starts(texts, chapters + sheets) == chapters + sheets
    whole = "".join(texts)
    assert squeeze(TITLE[lang]) in texts[0]
    # Trainer notes stay off paper: the chapters' trainer blocks and the cases' model answers.
    assert squeeze(NOTES[lang]) not in whole
    for summary in answers:
        assert squeeze(summary) not in whole, summary
    # Nothing else: the whole pack is its contents page, its chapters, templates and sheets.
    assert count <= 40, count


def test_in_a_pack_trainer_notes_print_with_the_switch(site_url, page):
    page.goto(site_url + "en/print/90/")
    switch = page.locator("[data-role=print-notes]")
    switch.check()
    assert page.evaluate("document.documentElement.classList.contains('print-notes')")
    answers = page.eval_on_selector_all(".print-kit details.trainer > summary", "els => els.map(e => e.textContent)")
    whole = "".join(pdf_pages(page))
    assert squeeze(NOTES["en"]) in whole
    for summary in answers:
        assert squeeze(summary) in whole, summary
    switch.uncheck()
