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


def test_speed_page_is_in_the_navigation_of_both_languages(built_site):
    ru = (built_site / "glossary" / "index.html").read_text(encoding="utf-8")
    en = (built_site / "en" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "Насколько он быстрый" in ru and 'href="../speed/"' in ru
    assert "How fast is it" in en and 'href="../speed/"' in en
