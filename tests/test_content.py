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
