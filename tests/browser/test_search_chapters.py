"""The site's search finds every chapter by its key words, in Russian and in English.

Each Russian word is an inflected form that appears nowhere in the text (the first test checks this against
the built index), so only the stemming of typed words can lead from it to the chapter.
"""

import json
import os
import re

import pytest

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

# Wait until the result list shows the chapter, or give up: the assertion below then reports what was found.
SHOWS = """([slug, query]) => {
    const input = document.querySelector("input.md-search__input");
    if (!input || input.value !== query) return false;
    return [...document.querySelectorAll(".md-search-result__link")].some(a => a.href.includes(slug));
}"""


def russian_words_in_index(built_site):
    with open(os.path.join(built_site, "search", "search_docs.json"), encoding="utf-8") as handle:
        docs = json.load(handle)["docs"]
    return set(re.findall(r"[а-яё]+", " ".join(d["title"] + " " + d["text"] for d in docs).lower()))


def test_russian_key_words_appear_only_in_other_forms(built_site):
    present = russian_words_in_index(built_site)
    literal = [w for ru, _ in KEY_WORDS.values() for w in ru if w.lower() in present]
    assert literal == [], "these words occur as typed, so they do not prove stemming: %s" % literal


def search_all(page, queries):
    """Type each query into the open search, as a person would, and collect the result links."""
    found = {}
    page.click("input.md-search__input")
    for slug, query in queries:
        page.fill("input.md-search__input", query)
        page.press("input.md-search__input", "End")
        try:
            page.wait_for_function(SHOWS, arg=["/chapters/%s/" % slug, query], timeout=4000)
        except Exception:  # noqa: BLE001 - the assertion reports the links actually shown
            pass
        found[(slug, query)] = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    return found


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_search_finds_every_chapter_by_its_key_words(watched, site_url, lang):
    page = watched.page
    home = site_url if lang == "ru" else site_url + "en/"
    page.goto(home)
    index = 0 if lang == "ru" else 1
    queries = [(slug, word) for slug, words in KEY_WORDS.items() for word in words[index]]
    found = search_all(page, queries)
    missed = {}
    for (slug, query), links in found.items():
        chapter = home + "chapters/%s/" % slug
        if not any(link.startswith(chapter) for link in links):
            missed[query] = links
        if lang == "ru":
            assert all("/en/" not in link for link in links), links
        else:
            assert all(link.startswith(site_url + "en/") for link in links), links
    assert missed == {}
    assert watched.errors() == []
