"""The built page "How fast is it" shows the benchmark's results file of the repository, in both languages."""

import html
import json
import os

from scripts import speedpage

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def results():
    with open(os.path.join(ROOT, "benchmarks", "results.json"), encoding="utf-8") as handle:
        return json.load(handle)


def test_speed_page_shows_machine_date_and_browser_from_the_results_file(built_site):
    data = results()
    for prefix, lang in (("", "ru"), ("en/", "en")):
        text = html.unescape((built_site / prefix / "speed" / "index.html").read_text(encoding="utf-8"))
        assert data["machine"] in text
        assert data["browser"] in text
        assert '<time datetime="%s">%s</time>' % (data["date"], speedpage.long_date(data["date"], lang)) in text
        for table in ("targets", "cold", "warm", "build", "pyodide", "about"):
            assert 'data-benchmark="%s"' % table in text
        assert ":::" not in text
        assert 'type="mpy"' not in text  # tables only: the page loads no runtime


def test_speed_page_is_linked_from_the_footer_not_from_the_reader_menu(built_site):
    """An engineering page: every page's footer leads to it in its own language; the menu does not."""
    for prefix, label in (("", "О сайте: насколько он быстрый"), ("en/", "About the site: how fast is it")):
        glossary = (built_site / prefix / "glossary" / "index.html").read_text(encoding="utf-8")
        assert glossary.count('href="../speed/"') == 1
        footer = glossary[glossary.index('<footer class="md-footer"'):]
        assert '<a class="clienting-speed" data-speed-page href="../speed/">%s</a>' % label in footer
        chapter = (built_site / prefix / "chapters" / "after-the-sale" / "index.html").read_text(encoding="utf-8")
        assert chapter.count('href="../../speed/"') == 1 and "data-speed-page" in chapter
        # the page itself is still built, with no link to itself
        speed = (built_site / prefix / "speed" / "index.html").read_text(encoding="utf-8")
        assert "data-speed-page" not in speed
