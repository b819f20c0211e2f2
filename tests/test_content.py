"""The playbook's text: both languages aligned, links to the glossary resolve, nothing copied from the sources."""

import os
import re

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCS = os.path.join(ROOT, "docs")
SEEDS = os.path.join(os.path.dirname(ROOT), "shared", "seeds")
ANCHOR = re.compile(r"^#{2,6} .*\{#([a-z0-9-]+)[^}]*\}\s*$", re.M)
HEADING = re.compile(r"^(#{2,6}) (.*)$", re.M)
MARKER = re.compile(r"^::: ?calculators?(?:-list)?\b.*$", re.M)
FENCE = re.compile(r"^```.*?^```", re.M | re.S)


def pages(lang):
    base = os.path.join(DOCS, lang)
    found = []
    for folder, _, files in os.walk(base):
        for name in files:
            if name.endswith(".md"):
                found.append(os.path.relpath(os.path.join(folder, name), base))
    return sorted(found)


def read(lang, page):
    with open(os.path.join(DOCS, lang, page), encoding="utf-8") as handle:
        return FENCE.sub("", handle.read())


def test_both_languages_have_the_same_pages():
    assert pages("ru") == pages("en")


@pytest.mark.parametrize("page", pages("ru"))
def test_same_sections_and_calculators_in_both_languages(page):
    if not os.path.exists(os.path.join(DOCS, "en", page)):
        pytest.fail("docs/en/%s is missing" % page)
    ru, en = read("ru", page), read("en", page)
    assert ANCHOR.findall(ru) == ANCHOR.findall(en)
    assert MARKER.findall(ru) == MARKER.findall(en)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_heading_has_a_stable_anchor(lang):
    missing = []
    for page in pages(lang):
        for level, text in HEADING.findall(read(lang, page)):
            if "{#" not in text:
                missing.append("%s: %s %s" % (page, level, text))
    assert missing == []


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_glossary_links_resolve(lang):
    glossary = os.path.join(DOCS, lang, "glossary.md")
    if not os.path.exists(glossary):
        pytest.fail("docs/%s/glossary.md is missing" % lang)
    anchors = set(ANCHOR.findall(read(lang, "glossary.md")))
    broken = []
    for page in pages(lang):
        for target in re.findall(r"glossary\.md#([a-z0-9-]+)", read(lang, page)):
            if target not in anchors:
                broken.append("%s -> #%s" % (page, target))
    assert broken == []


def words(text):
    return re.findall(r"[а-яёa-z0-9]+", text.lower())


def unquoted(text):
    """The text without marked quotations: «…», “…”, "…" and > blockquotes."""
    text = re.sub(r"^>.*$", " ", text, flags=re.M)
    text = re.sub(r"«[^»]{0,600}»", " ", text)
    text = re.sub(r"“[^”]{0,600}”", " ", text)
    return re.sub(r'"[^"\n]{0,600}"', " ", text)


def shingles(tokens, n):
    return {" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


@pytest.mark.skipif(not os.path.isdir(SEEDS), reason="the source texts are not beside the repository")
def test_no_sentence_is_copied_from_the_sources():
    n = 8
    seed_shingles = set()
    for name in os.listdir(SEEDS):
        with open(os.path.join(SEEDS, name), encoding="utf-8") as handle:
            seed_shingles |= shingles(words(handle.read()), n)
    copied = []
    for page in pages("ru"):
        common = shingles(words(unquoted(read("ru", page))), n) & seed_shingles
        copied += ["%s: %s" % (page, s) for s in sorted(common)]
    assert copied == []


# --- one term per idea, no doubled words, no box that repeats its heading ---------------------------------

CALCULATORS = os.path.join(ROOT, "calculators")

# Wording the playbook has settled, per language: a pattern that must not appear, and what to write instead.
# The glossary holds the terms; a book's title in «…» may keep its own words.
BANNED = {
    "ru": [
        (r"(?<!«)\bдоверительн\w*\s+маркетинг", "«маркетинг разрешения» («Доверительный маркетинг» — только "
                                                 "как название книги, в кавычках)"),
        (r"\bдополнительн\w*\s+клиент|\bдол\w+\s+дополнительных\b", "«приростные клиенты»"),
        (r"\bпооперационн\w*|\bпо видам деятельности\b", "«ФСА (ABC-метод)»"),
        (r"\bчары\b", "«очарование»"),
    ],
    "en": [
        (r"\b(?:extra|additional) customers?\b", "“incremental customers”"),
        (r"\btrust marketing\b", "“permission marketing”"),
        (r"\ba perfect permission, if a brief one|\bconsiders fair a programme|\bover whom the shop begrudged",
         "plain English, not a calque"),
    ],
}


def calculator_sources():
    return sorted(name for name in os.listdir(CALCULATORS) if name.endswith(".py"))


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_one_term_per_idea(lang):
    found = []
    texts = [("docs/%s/%s" % (lang, page), read(lang, page)) for page in pages(lang)]
    for name in calculator_sources():
        with open(os.path.join(CALCULATORS, name), encoding="utf-8") as handle:
            texts.append(("calculators/" + name, handle.read()))
    for where, text in texts:
        for pattern, instead in BANNED[lang]:
            for match in re.finditer(pattern, text, re.I):
                found.append("%s: %r — write %s" % (where, match.group(0), instead))
    assert found == []


DOUBLED = re.compile(r"(?<![\w-])([^\W\d_]{2,})[ \u00a0]+\1(?![\w-])", re.I)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_word_is_doubled(lang):
    doubled = []
    for page in pages(lang):
        text = read(lang, page)
        doubled += ["%s: %r" % (page, m.group(0)) for m in DOUBLED.finditer(text)]
    assert doubled == []


BOX = re.compile(r'^\s*(?:!!!|\?\?\?\+?) *[\w-]+(?: [\w-]+)* +"([^"]*)"', re.M)
TITLE_PREFIX = re.compile(r"^(?:шаблон|template)\s*:\s*", re.I)


def title_words(text):
    text = re.sub(r"\{#[^}]*\}", " ", text)
    return set(words(TITLE_PREFIX.sub("", text.strip())))


def boxes_under_headings(text):
    """(box title, the nearest heading above it) for every titled admonition or collapsible block."""
    heading = None
    for line in text.split("\n"):
        found = re.match(r"^#{1,6} (.*)$", line)
        if found:
            heading = found.group(1)
            continue
        box = BOX.match(line)
        if box and box.group(1).strip() and heading is not None:
            yield box.group(1), heading


def test_box_titles_check_catches_a_repeat():
    sample = '## Принцип {#principle}\n\n!!! tip "Принцип"\n    …\n\n## Ответ на жалобу {#reply}\n\n' \
             '???+ example "Шаблон: ответ на жалобу"\n\n## Дальше {#next}\n\n!!! note "Оговорка"\n\n' \
             '## План {#plan}\n\n??? trainer "Для ведущего: как провести «План»"\n'
    repeats = [(t, h) for t, h in boxes_under_headings(sample) if repeats_heading(t, h)]
    assert repeats == [("Принцип", "Принцип {#principle}"), ("Шаблон: ответ на жалобу", "Ответ на жалобу {#reply}")]


def repeats_heading(title, heading):
    """The box's title says nothing its heading does not ("Template: …" aside)."""
    box, head = title_words(title), title_words(heading)
    return bool(box) and box <= head


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_box_title_repeats_the_heading_above_it(lang):
    repeats = []
    for page in pages(lang):
        for title, heading in boxes_under_headings(read(lang, page)):
            if repeats_heading(title, heading):
                repeats.append("%s: box %r under heading %r" % (page, title, heading))
    assert repeats == []
