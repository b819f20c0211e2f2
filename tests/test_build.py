"""The static build: strict, bilingual, self-contained, runtime only where needed."""

import html.parser
import os
import re

import pytest

from calculators import registry
from scripts.embed import page_slug

EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)


class Resources(html.parser.HTMLParser):
    """Collect the URLs a page loads (not links it merely points to)."""

    def __init__(self):
        super().__init__()
        self.loaded = []
        self.mpy_scripts = 0
        self.hreflang = set()
        self.calculators = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "source", "iframe", "audio", "video", "embed") and a.get("src"):
            self.loaded.append(a["src"])
        if tag == "link" and a.get("href") and (a.get("rel") or "") not in ("canonical", "prev", "next", "alternate"):
            self.loaded.append(a["href"])
        if tag == "script" and a.get("type") == "mpy":
            self.mpy_scripts += 1
        if tag == "a" and a.get("hreflang"):
            self.hreflang.add(a["hreflang"])
        if a.get("data-calculator"):
            self.calculators += 1


def pages(site):
    for folder, _, files in os.walk(site):
        for name in files:
            if name.endswith(".html"):
                yield os.path.join(folder, name)


def parse(path):
    parser = Resources()
    with open(path, encoding="utf-8") as handle:
        parser.feed(handle.read())
    return parser


def test_both_languages_have_every_calculator_page(built_site):
    for name in registry.CALCULATORS:
        slug = page_slug(name)[:-3]
        for prefix in ("", "en/"):
            path = built_site / prefix / "calculators" / slug / "index.html"
            assert path.exists(), path
            text = path.read_text(encoding="utf-8")
            assert 'data-calculator="%s"' % name in text
    assert 'lang="ru"' in (built_site / "index.html").read_text(encoding="utf-8")
    assert 'lang="en"' in (built_site / "en" / "index.html").read_text(encoding="utf-8")


def test_nothing_is_loaded_from_another_host(built_site):
    offenders = []
    for path in pages(built_site):
        for url in parse(path).loaded:
            if EXTERNAL.match(url):
                offenders.append((os.path.relpath(path, built_site), url))
    for folder, _, files in os.walk(built_site):
        for name in files:
            if name.endswith(".css"):
                text = open(os.path.join(folder, name), encoding="utf-8").read()
                for url in re.findall(r"(?:url\(|@import\s+)['\"]?((?:https?:)?//[^'\")]+)", text):
                    offenders.append((name, url))
    assert offenders == []


def test_runtime_only_on_pages_with_a_calculator_and_everywhere_a_language_switch(built_site):
    with_calculators = 0
    for path in pages(built_site):
        found = parse(path)
        if found.calculators:
            with_calculators += 1
            assert found.mpy_scripts == 1, path
            assert any("micropython" in u for u in found.loaded), path
        else:
            assert found.mpy_scripts == 0, path
            assert not any("/vendor/" in u for u in found.loaded), path
        if not path.endswith("404.html"):
            assert {"ru", "en"} <= found.hreflang, path
    assert with_calculators >= 2 * len(registry.CALCULATORS)


def test_runtime_and_modules_are_in_the_site(built_site):
    vendor = built_site / "assets" / "vendor"
    assert (vendor / "pyscript" / "core.js").exists()
    assert (vendor / "micropython" / "micropython.wasm").exists()
    assert not list(vendor.rglob("*.map"))
    import tarfile

    with tarfile.open(str(built_site / "assets" / "py" / "calculators.tar"), "r:") as tar:
        shared = {member.name for member in tar.getmembers()}
    assert {"calculators/" + name for name in ("core.mpy", "numbers.mpy", "view.mpy", "web.mpy", "registry.mpy")} <= shared
    assert "calculators/cli.mpy" not in shared and "calculators/qr.mpy" not in shared
    for name in registry.CALCULATORS:
        with tarfile.open(str(built_site / "assets" / "py" / (name + ".tar")), "r:") as tar:
            assert [member.name for member in tar.getmembers()] == ["calculators/%s.mpy" % name]
    assert [p.name for p in (built_site / "assets" / "py" / "calculators").glob("*.mpy")] == ["qr.mpy"]


def test_one_search_index_per_language_of_the_readable_pages(built_site):
    """Pagefind's index (scripts/search.py): the pages a reader reads, each in its language's index."""
    from scripts import search

    ru, en = search.pages(str(built_site), "ru"), search.pages(str(built_site), "en")
    ru_urls, en_urls = [page["url"] for page in ru], [page["url"] for page in en]
    assert "/chapters/word-of-mouth/" in ru_urls and "/calculators/conversion-funnel/" in ru_urls
    assert [url for url in ru_urls if url.startswith("/en/")] == []
    assert en_urls == ["/en" + url for url in ru_urls]  # the same pages, both languages
    # Not the printable pages (they repeat the chapters), the speaker's screen, the join screen, the 404s.
    for url in ru_urls:
        assert not url.startswith(("/print/", "/speaker/", "/join/", "/404")), url
    # The text of the page, not the site's chrome: the header, the navigation, the footer, the ¶ links.
    chapter = [page for page in ru if page["url"] == "/chapters/word-of-mouth/"][0]
    assert chapter["title"] and chapter["content"].startswith(chapter["title"])
    for chrome in ("Сообщить об ошибке", "Главы", "¶"):
        assert chrome not in chapter["content"], chrome


def test_calculators_carry_the_search_ignore_mark(built_site):
    for slug in ("conversion-funnel", "acquisition-vs-retention"):
        page = (built_site / "calculators" / slug / "index.html").read_text(encoding="utf-8")
        sections = re.findall(r"<section [^>]*data-calculator=[^>]*>", page)
        assert sections and all("data-pagefind-ignore" in tag for tag in sections), sections


def test_pages_fetch_nothing_of_the_search_until_it_is_opened(built_site):
    """The search's interface and index come when a reader opens it (assets/search.js); the theme's own
    search (its worker, its index, its lunr languages) is not used at all."""
    assert not (built_site / "search").exists() and not (built_site / "en" / "search").exists()
    for path in ("index.html", "en/chapters/after-the-sale/index.html", "calculators/conversion-funnel/index.html"):
        page = (built_site / path).read_text(encoding="utf-8")
        parser = Resources()
        parser.feed(page)
        assert not [url for url in parser.loaded if "pagefind" in url or "search" in url.split("/")[-1]
                    and not url.endswith("assets/search.js")], (path, parser.loaded)
        assert "stemmed-search" not in page and "search-ahead" not in page, path
        assert page.count('data-role="search"') == 1 and 'data-bundle="' in page, path
    assert not [name for name in os.listdir(built_site / "pagefind") if name.startswith(("pagefind-ui", "pagefind-modular"))]


@pytest.mark.parametrize("content, words", [
    (b'{"acquisition_vs_retention": {"defaults": {"gross_margin_pct": 150}}}',
     ["calculator 'acquisition_vs_retention'", "field 'gross_margin_pct' (ru)", "at most 100"]),
    ('{"bonus_uptake": {"presets": {"shop": {"title": "Лавка"}}}}'.encode("cp1251"),
     ["not UTF-8", "save it with the encoding UTF-8"]),
], ids=["out-of-limits", "cp1251"])
def test_a_mistake_in_custom_json_stops_the_build_with_one_line_naming_it(tmp_path, content, words):
    import subprocess
    import sys
    bad = tmp_path / "custom.json"
    bad.write_bytes(content)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CLIENTING_CUSTOM=str(bad))
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                          cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines[0].startswith("ERROR") and "custom.json" in lines[0], done.stderr
    for word in words:
        assert word in lines[0]
    assert "Traceback" not in done.stderr + done.stdout
    assert "Error reading page" not in done.stderr


def test_no_page_ships_its_front_matter_as_text(built_site):
    # MkDocs drops front matter that is not valid YAML and shows it as text, and the description
    # then starts with "title: …" (scripts/frontmatter.py now stops such a build).
    for path in pages(built_site):
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        for found in re.finditer(r'<meta (?:name="description"|property="og:description") content="([^"]*)"', text):
            assert not re.search(r"\b(?:title|description):", found.group(1)), (path, found.group(1))
        assert not re.search(r"<p>title: [^<]*\ndescription:", text), path
    page = (built_site / "en" / "calculators" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="All the Clienting playbook&#39;s calculators: acquisition' in page
