"""The site's search (Pagefind, scripts/search.py and assets/search.js) finds every chapter by its key
words, in Russian and in English, by keyboard, within the reader's language, with nothing fetched
before the reader opens it.

Each Russian word is an inflected form that appears nowhere in the indexed text (the first test checks
this against the built index), so only stemming can lead from it to the chapter.
"""

import re

import pytest

from scripts import search

# chapter slug -> (two Russian words, two English words)
KEY_WORDS = {
    "permission-and-trust": (["ступенями", "лагерями"], ["Arowhon", "permission"]),
    "after-the-sale": (["послевкусием", "атласными"], ["aftertaste", "ribbon"]),
    "who-answers-the-phone": (["столиками", "операторами"], ["Scharffen", "agents"]),
    "customer-not-always-right": (["скандалистами", "Келлехером"], ["Kelleher", "Bethune"]),
    "front-line": (["эрлангами", "неустойками"], ["Erlang", "Yandex"]),
    "three-kinds-of-interaction": (["стамесками", "Беловым"], ["chisel", "Belov"]),
    "word-of-mouth": (["очарованием", "бантами"], ["charm", "starfish"]),
    "words-that-sell": (["копирайтером", "концовками"], ["copywriter", "endings"]),
}
BUTTON = "button[data-role=search]"
DIALOG = "dialog[data-role=search-dialog]"
INPUT = DIALOG + " input"

# What the results show: their links, and any word marked as missing or struck through; with a slug,
# only once the chapter is among them (the query typed being the field's), else false.  Read in one go:
# the list is redrawn as results come in.
SHOWN = """([slug, query]) => {
    const modal = document.querySelector("dialog[data-role=search-dialog]");
    const input = modal && modal.querySelector("input");
    if (!input || (query !== null && input.value !== query)) return false;
    const links = [...modal.querySelectorAll("a")].map(a => a.href);
    if (slug !== null && !links.some(href => href.includes(slug))) return false;
    return {links, struck: [...modal.querySelectorAll("del, s, strike")].map(e => e.textContent),
            text: modal.textContent};
}"""
MISSING = re.compile(r"Отсутствует:|Missing:")  # the label the theme put before a struck-out word


def test_russian_key_words_appear_only_in_other_forms(built_site):
    pages = search.pages(str(built_site), "ru")
    present = set(re.findall(r"[а-яё]+", " ".join(p["title"] + " " + p["content"] for p in pages).lower()))
    literal = [w for ru, _ in KEY_WORDS.values() for w in ru if w.lower() in present]
    assert literal == [], "these words occur as typed, so they do not prove stemming: %s" % literal
    chapters = [p["url"] for p in pages if p["url"].startswith("/chapters/")]
    assert sorted(chapters) == sorted("/chapters/%s/" % slug for slug in KEY_WORDS)


def focused(page, selector, timeout=10000):
    page.wait_for_function("s => document.activeElement && document.activeElement.matches(s)", arg=selector,
                           timeout=timeout)


def query(page, text, slug):
    """Type ``text`` as a person would (the last letter a key press); what the results show once ``slug``
    is among them, or after waiting in vain (the assertions then report it)."""
    page.fill(INPUT, text[:-1])
    page.locator(INPUT).press_sequentially(text[-1])
    try:
        return page.wait_for_function(SHOWN, arg=[slug, text], timeout=15000).json_value()
    except Exception:  # noqa: BLE001 - the assertion reports the links actually shown
        return page.evaluate(SHOWN, [None, None])


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_search_finds_every_chapter_by_its_key_words(chromium, site_url, lang):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    requests, errors = [], []
    # The page's requests and its search worker's, not the offline copy's (the service worker stores the
    # site, search included, after the page has loaded: assets/offline.js).
    context.on("request", lambda request: None if request.service_worker else requests.append(request.url))
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    home = site_url if lang == "ru" else site_url + "en/"
    page.goto(home)
    page.wait_for_load_state("networkidle")
    assert [url for url in requests if "/pagefind/" in url] == []  # nothing before the reader asks
    assert page.get_attribute(BUTTON, "aria-label") == ("Поиск" if lang == "ru" else "Search")

    # By keyboard: the button takes the focus, Enter opens the dialog with the cursor in its field.
    page.focus(BUTTON)
    page.keyboard.press("Enter")
    focused(page, INPUT)
    assert page.get_attribute(BUTTON, "aria-expanded") == "true"
    index = 0 if lang == "ru" else 1
    missed, marked = {}, {}
    for slug, words in KEY_WORDS.items():
        for word in words[index]:
            shown = query(page, word, "/chapters/%s/" % slug)
            if not any(link.startswith(home + "chapters/%s/" % slug) for link in shown["links"]):
                missed[word] = shown["links"]
            # Results link within the reader's language only.
            if lang == "ru":
                assert shown["links"] and all("/en/" not in link for link in shown["links"]), (word, shown)
            else:
                assert shown["links"] and all(link.startswith(home) for link in shown["links"]), (word, shown)
            if shown["struck"] or MISSING.search(shown["text"]):
                marked[word] = shown["struck"] or MISSING.findall(shown["text"])
    assert missed == {}
    assert marked == {}  # no word shown as missing on a result it matched
    summary = page.text_content(DIALOG + " [data-role=search-summary]") or ""
    assert ("Найдено" in summary) if lang == "ru" else ("result" in summary), summary
    assert not re.search(r"[2-4] результатов", summary), summary

    # Esc closes it and gives the focus back to the button; "/" opens it again.
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.querySelector('dialog[data-role=search-dialog][open]')")
    focused(page, BUTTON)
    assert page.get_attribute(BUTTON, "aria-expanded") == "false"
    page.keyboard.press("/")
    focused(page, INPUT)
    # Arrows move through the results, Enter opens one.
    slug, words = "word-of-mouth", KEY_WORDS["word-of-mouth"][index]
    query(page, words[0], "/chapters/%s/" % slug)
    for attempt in range(3):  # a result still loading its excerpt is redrawn, and the focus with it
        page.focus(INPUT)
        page.keyboard.press("ArrowDown")
        try:
            focused(page, DIALOG + " a", 3000)
            break
        except Exception:  # noqa: BLE001 - the last attempt fails below
            pass
    focused(page, DIALOG + " a")
    target = page.evaluate("() => document.activeElement.href")
    assert target.startswith(home)
    page.keyboard.press("Enter")
    page.wait_for_url(target.split("#")[0] + "**")
    assert errors == []
    context.close()
