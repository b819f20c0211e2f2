"""scripts/meta.py: descriptions and Open Graph tags of a page."""

import re

from scripts import meta

HEAD = ('<html><head><meta charset="utf-8"><meta name="description" content="site">'
        "<title>Page - Site</title><link rel=x></head><body><p>Body</p></body></html>")


def test_front_matter_description_wins():
    assert meta.description({"description": "Given."}, "<p>First paragraph of the page.</p>", "site") == "Given."


def test_first_paragraph_outside_forms_and_admonitions_nested_or_not():
    content = ('<div class="admonition note"><p class="admonition-title">Note</p><div><p>Not this one, '
               'a nested note.</p></div><p>Nor this one, still in the note.</p></div>'
               '<form><p>Nor the calculator text inside a form.</p></form>'
               '<p>The <a href="x">first</a> real paragraph &amp; its text.</p><p>Second.</p>')
    assert meta.description({}, content, "site") == "The first real paragraph & its text."


def test_fallback_and_shortening_at_a_word():
    assert meta.description({}, "<p>short</p>", "Site text.") == "Site text."
    text = meta.shorten("слово " * 60)
    assert len(text) <= meta.MAX_DESCRIPTION and text.endswith("слово…")


def test_tags_come_from_the_page_and_are_escaped():
    page = ('<html lang="ru"><head><meta charset="utf-8">'
            '<meta name="description" content="Tom &amp; Jerry &quot;say&quot;">'
            '<link rel="canonical" href="https://e.org/p/">'
            "<title>A &quot;quoted&quot; &lt;title&gt; - Клиентинг</title><link rel=x></head>"
            "<body><p>Body</p></body></html>")
    html = meta.add_tags(page, "Клиентинг", ["ru", "en"])
    assert html.count('name="description"') == 1  # the theme's, decided once, left where it is
    assert '<meta property="og:description" content="Tom &amp; Jerry &quot;say&quot;">' in html
    assert '<meta property="og:title" content="A &quot;quoted&quot; &lt;title&gt;">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:site_name" content="Клиентинг">' in html
    assert '<meta property="og:url" content="https://e.org/p/">' in html
    assert '<meta property="og:locale" content="ru_RU">' in html
    assert '<meta property="og:locale:alternate" content="en_US">' in html
    assert "ru_RU\"" not in re.findall(r'og:locale:alternate" content="[^"]*"', html)[0]
    assert html.index("og:title") > html.index("</title>") and html.index("og:title") < html.index("</head>")
    # Only insertions: the page's own text is untouched, and a second pass changes nothing.
    assert html.replace(html[html.index("</title>") + 8:html.index("<link rel=x>")], "") == page
    assert meta.add_tags(html, "Клиентинг", ["ru", "en"]) == html


def test_the_home_page_is_the_website():
    page = '<html lang="en"><head><title>Clienting</title></head><body></body></html>'
    html = meta.add_tags(page, "Clienting", ["ru", "en"])
    assert '<meta property="og:type" content="website">' in html
    assert '<meta property="og:title" content="Clienting">' in html
    assert "og:url" not in html  # no canonical address: built without the site's address
    relative = page.replace("<title>", '<link rel="canonical" href="/en/"><title>')
    assert "og:url" not in meta.add_tags(relative, "Clienting", ["ru", "en"])  # not an address a preview can use


def test_a_title_inside_a_script_or_an_svg_is_not_the_page_title():
    page = ('<html lang="en"><head><script>var t = "<title>x</title>";</script>'
            '<title>Real - S</title></head><body></body></html>')
    assert '<meta property="og:title" content="Real">' in meta.add_tags(page, "S", ["en"])


def test_page_without_url_has_no_og_url():
    assert "og:url" not in meta.tags("T", "D", None, "en", ["ru", "en"], "S")
