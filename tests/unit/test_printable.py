"""scripts/printable.py: chapters copied into the one printable page keep working links and unique ids."""

import types

import pytest

from mkdocs.structure.toc import AnchorLink, TableOfContents

from scripts import printable


def test_prefix_ids_and_their_references():
    html = ('<h2 id="story">S<a class="headerlink" href="#story">¶</a></h2>'
            '<label for="calc-1-x">X</label><input id="calc-1-x" aria-describedby="calc-1-x-help calc-1-x-error">'
            '<section aria-labelledby="calc-1-title"></section><path fill="url(#grad)"/><a href="#">top</a>')
    out = printable.prefix_ids(html, "ch")
    assert 'id="ch--story"' in out and 'href="#ch--story"' in out
    assert 'for="ch--calc-1-x"' in out and 'id="ch--calc-1-x"' in out
    assert 'aria-describedby="ch--calc-1-x-help ch--calc-1-x-error"' in out
    assert 'aria-labelledby="ch--calc-1-title"' in out
    assert "url(#ch--grad)" in out
    assert 'href="#ch"' in out


@pytest.mark.parametrize("href, expected", [
    ("../../glossary/#cac", "#glossary--cac"),                      # a copied page: same-page link
    ("../word-of-mouth/", "#word-of-mouth"),
    ("../../templates/#complaint-reply", "../templates/#complaint-reply"),  # re-based on print/
    ("../../calculators/bonus-uptake/", "../calculators/bonus-uptake/"),
    ("https://example.org/a?b=1&amp;c=2", "https://example.org/a?b=1&amp;c=2"),  # external: untouched
    ("mailto:someone@example.org", "mailto:someone@example.org"),
])
def test_rebase_links(href, expected):
    anchors = {"en/glossary": "glossary", "en/chapters/word-of-mouth": "word-of-mouth"}
    html = '<a href="%s">x</a>' % href
    out = printable.rebase_links(html, "en/chapters/after-the-sale/", "en/print/", anchors)
    assert out == '<a href="%s">x</a>' % expected


def test_rebase_links_from_the_default_language():
    out = printable.rebase_links('<img src="../../assets/logo.svg">', "chapters/x/", "print/", {})
    assert out == '<img src="../assets/logo.svg">'


def test_headings_move_one_level_down():
    assert printable.demote_headings("<h1 id='a'>A</h1><h3>B</h3><h6>C</h6>") == "<h2 id='a'>A</h2><h4>B</h4><h6>C</h6>"


def fake_page(src, url, title, content, meta=None):
    return types.SimpleNamespace(file=types.SimpleNamespace(src_uri=src), url=url, title=title, content=content,
                                 meta=meta or {}, toc=None)


def test_fill_appends_the_chapters_in_order_and_lists_them():
    first = fake_page("en/chapters/one.md", "en/chapters/one/", "One",
                      '<h1 id="one-title">One</h1><h2 id="story">Story</h2><a href="../two/#story">two</a>')
    second = fake_page("en/chapters/two.md", "en/chapters/two/", "Two",
                       '<h1 id="two">Two</h1><h2 id="story">Story</h2><a href="../../glossary/#cac">CAC</a>',
                       {"calculators": [("bonus_uptake", "free_support_week"), ("word_of_mouth", None)]})
    glossary = fake_page("en/glossary.md", "en/glossary/", "Glossary", '<h1 id="glossary">Glossary</h1><h2 id="cac">CAC</h2>')
    other = fake_page("en/workshop.md", "en/workshop/", "Workshop", "<h1>W</h1>")
    page = fake_page("en/print.md", "en/print/", "Print", '<h1 id="print">Print</h1>',
                     {"printable": True, "calculators": []})
    page.toc = TableOfContents([AnchorLink("Print", "print", 1)])
    nav = types.SimpleNamespace(pages=[first, other, glossary, second, page])
    printable.fill(page, nav, "en")
    html = page.content
    assert html.index('id="one"') < html.index('id="two"') < html.index('id="glossary"')
    assert "Workshop" not in html
    assert '<h2 id="one" class="print-chapter-title">One</h2>' in html
    assert 'id="one--story"' in html and 'id="two--story"' in html
    assert 'href="#two--story"' in html and 'href="#glossary--cac"' in html
    assert '<li><a href="#one">One</a></li>' in html
    assert [link.id for link in page.toc.items[0].children] == ["one", "two", "glossary"]
    # The chapters' calculators are the page's: it loads the runtime for them.
    assert page.meta["calculators"] == [("bonus_uptake", "free_support_week"), ("word_of_mouth", None)]


def test_fill_leaves_other_pages_alone():
    page = fake_page("en/workshop.md", "en/workshop/", "Workshop", "<h1>W</h1>")
    printable.fill(page, types.SimpleNamespace(pages=[page]), "en")
    assert page.content == "<h1>W</h1>"


def test_fill_refuses_pages_not_rendered_yet():
    chapter = fake_page("chapters/one.md", "chapters/one/", "One", None)
    page = fake_page("print.md", "print/", "Print", "<h1>P</h1>", {"printable": True})
    with pytest.raises(ValueError):
        printable.fill(page, types.SimpleNamespace(pages=[chapter, page]), "ru")
