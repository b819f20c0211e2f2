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


def built(title, content, site="Clienting", marked=False):
    """A built page as a theme writes it: the title in <title>, the content in <article> (``marked``:
    with search's mark on it, as a chapter is after the post-build step)."""
    return ('<!doctype html><html><head><title>%s - %s</title></head><body><div class="md-content">\n'
            '<article class="md-content__inner md-typeset"%s>\n\n  %s\n\n</article></div>'
            '<script>var x = "<article>not this</article>";</script></body></html>'
            % (title, site, " data-pagefind-body" if marked else "", content))


def test_fill_page_appends_the_built_chapters_in_order_and_lists_them():
    pages = {
        "en/chapters/one/index.html": built("One", '<h1 id="one-title">One</h1>'
                                                   '<h2 id="story">Story</h2><a href="../two/#story">two</a>',
                                              marked=True),
        "en/chapters/two/index.html": built("Two &amp; more", '<h1 id="two">Two</h1><h2 id="story">Story</h2>'
                                                              '<a href="../../glossary/#cac">CAC</a>'),
        "en/glossary/index.html": built("Glossary", '<h1 id="glossary">Glossary</h1><h2 id="cac">CAC</h2>'),
    }
    nav = ["index.md", "chapters/one.md", "workshop.md", "glossary.md", "chapters/two.md"]
    page = built("Print", '<h1 id="print">Print</h1><p>Own text.</p>')
    html = printable.fill_page(page, "en", "en/", nav, pages.__getitem__, "Clienting")
    assert html.index('id="one"') < html.index('id="two"') < html.index('id="glossary"')
    assert '<p>Own text.</p><nav class="print-contents"' in html  # right after the page's own text
    assert '<h2 id="one" class="print-chapter-title">One</h2>' in html
    assert 'id="one--story"' in html and 'id="two--story"' in html
    assert 'href="#two--story"' in html and 'href="#glossary--cac"' in html
    assert '<li><a href="#one">One</a></li>' in html and '<li><a href="#two">Two &amp; more</a></li>' in html
    assert '<div class="print-chapter" data-source="en/chapters/one/">' in html
    assert "data-pagefind-body" not in html  # the chapters are found as chapters, not in the print page
    # Only an insertion into the article: the rest of the page is as it was, and a second pass changes nothing.
    assert html.startswith(page.split("<nav")[0].split("<p>Own text.</p>")[0])
    assert html.endswith("\n\n</article></div>" + page.split("</article></div>", 1)[1])
    assert printable.fill_page(html, "en", "en/", nav, pages.__getitem__, "Clienting") == html


def test_the_default_language_at_the_root():
    pages = {"chapters/one/index.html": built("Один", '<h1 id="one">Один</h1><a href="../../glossary/">г</a>', "Клиентинг")}
    html = printable.fill_page(built("Печать", "<h1>П</h1>", "Клиентинг"), "ru", "", ["chapters/one.md"],
                               pages.__getitem__, "Клиентинг")
    assert "<h2 id=\"print-contents\">Содержание</h2>" in html and '<li><a href="#one">Один</a></li>' in html
    assert 'href="../glossary/"' in html  # re-based on print/


def test_fill_site_refuses_a_chapter_not_built(tmp_path):
    (tmp_path / "print").mkdir()
    (tmp_path / "print" / "index.html").write_text(built("P", "<h1>P</h1>"), encoding="utf-8")
    with pytest.raises(ValueError, match="chapters/one/index.html was not built"):
        printable.fill_site(str(tmp_path), {"ru": ""}, ["chapters/one.md"], {"ru": "S"})


def test_prepare_lists_the_chapters_and_their_calculators_for_the_page():
    first = fake_page("en/chapters/one.md", "en/chapters/one/", "One", "")
    second = fake_page("en/chapters/two.md", "en/chapters/two/", "Two", "",
                       {"calculators": [("bonus_uptake", "free_support_week"), ("word_of_mouth", None)]})
    glossary = fake_page("en/glossary.md", "en/glossary/", "Glossary", "")
    other = fake_page("en/workshop.md", "en/workshop/", "Workshop", "", {"calculators": [("qr", None)]})
    page = fake_page("en/print.md", "en/print/", "Print", '<h1 id="print">Print</h1>',
                     {"printable": True, "calculators": []})
    page.toc = TableOfContents([AnchorLink("Print", "print", 1)])
    printable.prepare(page, types.SimpleNamespace(pages=[first, other, glossary, second, page]))
    assert [link.id for link in page.toc.items[0].children] == ["one", "two", "glossary"]
    # The chapters' calculators are the page's: it loads the runtime for them.
    assert page.meta["calculators"] == [("bonus_uptake", "free_support_week"), ("word_of_mouth", None)]
    assert page.content == '<h1 id="print">Print</h1>'  # the content comes after the build


def test_prepare_leaves_other_pages_alone():
    page = fake_page("en/workshop.md", "en/workshop/", "Workshop", "<h1>W</h1>")
    printable.prepare(page, types.SimpleNamespace(pages=[page]))
    assert page.content == "<h1>W</h1>" and page.meta == {}
