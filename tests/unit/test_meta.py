"""scripts/meta.py: descriptions and Open Graph tags of a page."""

import re

from scripts import meta

HEAD = ('<html><head><meta charset="utf-8"><meta name="description" content="site">'
        "<title>Page - Site</title><link rel=x></head><body><p>Body</p></body></html>")


def test_front_matter_description_wins():
    assert meta.description({"description": "Given."}, "<p>First paragraph of the page.</p>", "site") == "Given."


def test_first_paragraph_outside_forms_and_admonitions():
    content = ('<div class="admonition note"><p class="admonition-title">Note</p><p>Not this one, a note.</p></div>'
               '<form><p>Nor the calculator text inside a form.</p></form>'
               '<p>The <a href="x">first</a> real paragraph &amp; its text.</p><p>Second.</p>')
    assert meta.description({}, content, "site") == "The first real paragraph & its text."


def test_fallback_and_shortening_at_a_word():
    assert meta.description({}, "<p>short</p>", "Site text.") == "Site text."
    text = meta.shorten("слово " * 60)
    assert len(text) <= meta.MAX_DESCRIPTION and text.endswith("слово…")


def test_tags_replace_description_and_escape():
    html = meta.add_tags(HEAD, 'A "quoted" <title>', {"description": "Tom & Jerry"}, "", "https://e.org/p/",
                         "ru", ["ru", "en"], "Клиентинг", "site", "article")
    assert html.count('name="description"') == 1
    assert '<meta name="description" content="Tom &amp; Jerry">' in html
    assert '<meta property="og:title" content="A &quot;quoted&quot; &lt;title&gt;">' in html
    assert '<meta property="og:url" content="https://e.org/p/">' in html
    assert '<meta property="og:locale" content="ru_RU">' in html
    assert '<meta property="og:locale:alternate" content="en_US">' in html
    assert "ru_RU\"" not in re.findall(r'og:locale:alternate" content="[^"]*"', html)[0]
    assert html.index("og:title") > html.index("</title>") and html.index("og:title") < html.index("</head>")


def test_page_without_url_has_no_og_url():
    assert "og:url" not in meta.tags("T", "D", None, "en", ["ru", "en"], "S")
