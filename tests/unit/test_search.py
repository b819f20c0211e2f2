"""The search index: Pagefind run over a small built folder, one index per language, only the marked text."""

import json
import os

import pytest

from scripts import search

PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>
<body>
<header><nav>Навигация Navigation menu</nav></header>
{body}
<footer>Сообщить об ошибке Report an error</footer>
</body></html>
"""
CHAPTER_RU = """<article>
<h1 id="uderzhanie">Удержание клиентов<a class="headerlink" href="#uderzhanie">¶</a></h1>
<p>Удержание стоит дешевле привлечения.</p>
<section data-calculator="x" data-pagefind-ignore><label>Средний чек</label></section>
</article>"""
CHAPTER_EN = """<article>
<h1 id="retention">Keeping customers<a class="headerlink" href="#retention">¶</a></h1>
<p>Retention costs less than acquisition.</p>
</article>"""
PRINT_RU = "<meta name=\"clienting-search\" content=\"exclude\"><article><h1>Весь практикум</h1><p>Удержание стоит дешевле привлечения.</p></article>"


def write(site, path, lang, title, body):
    """A page as the post-build step leaves it for search: its article marked, but on 404 pages."""
    full = os.path.join(str(site), *path.split("/"))
    os.makedirs(os.path.dirname(full), exist_ok=True)
    html = PAGE.format(lang=lang, title=title, body=body)
    with open(full, "w", encoding="utf-8") as handle:
        handle.write(html if path.endswith("404.html") else search.mark(html))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not os.path.exists(search.RUNNER):
        pytest.fail("Pagefind is not installed: run `npm ci`")
    root = tmp_path_factory.mktemp("site")
    write(root, "chapters/retention/index.html", "ru", "Удержание", CHAPTER_RU)
    write(root, "en/chapters/retention/index.html", "en", "Retention", CHAPTER_EN)
    write(root, "print/index.html", "ru", "Печать", PRINT_RU)  # says it is left out: not marked
    write(root, "404.html", "ru", "Нет страницы", "<h1>Страница не найдена</h1>")
    counts = search.index(str(root))
    return root, counts


def test_one_index_per_language_of_the_marked_pages(site):
    root, counts = site
    assert counts == {"ru": 1, "en": 1}
    assert [page["url"] for page in search.pages(str(root), "ru")] == ["/chapters/retention/"]
    assert [page["url"] for page in search.pages(str(root), "en")] == ["/en/chapters/retention/"]


def test_only_the_text_worth_finding_is_indexed(site):
    root, _ = site
    ru = search.pages(str(root), "ru")[0]
    assert ru["title"] == "Удержание клиентов"
    assert "Удержание стоит дешевле привлечения." in ru["content"]
    for chrome in ("Навигация", "Сообщить", "Средний чек", "¶"):  # header, footer, a calculator, permalinks
        assert chrome not in ru["content"], chrome


def test_the_unused_interfaces_are_removed_and_the_used_one_is_there(site):
    root, _ = site
    bundle = root / search.BUNDLE
    for name in search.UNUSED:
        assert not (bundle / name).exists(), name
    for name in ("pagefind.js", "pagefind-worker.js", search.ENTRY, search.CHUNKS, "wasm.ru.pagefind", "wasm.en.pagefind"):
        assert (bundle / name).exists(), name


def test_the_chunk_list_names_each_languages_index_chunks(site):
    """pagefind/chunks.json: what assets/search.js fetches ahead, every chunk of a language and nothing else."""
    root, _ = site
    bundle = root / search.BUNDLE
    chunks = json.loads((bundle / search.CHUNKS).read_text(encoding="utf-8"))
    on_disk = sorted("index/" + name for name in os.listdir(str(bundle / "index")))
    assert set(chunks) == {"ru", "en"}
    assert sorted(chunks["ru"] + chunks["en"]) == on_disk
    for lang, paths in chunks.items():
        assert paths and all(search.language_of("pagefind/" + path) == lang for path in paths)


def test_every_file_of_the_bundle_is_shared_or_one_languages(site):
    root, _ = site
    found = {}
    for folder, _, names in os.walk(str(root / search.BUNDLE)):
        for name in names:
            path = os.path.relpath(os.path.join(folder, name), str(root)).replace(os.sep, "/")
            found.setdefault(search.language_of(path), []).append(path)
    assert set(found) == {None, "ru", "en"}
    assert sorted(found[None]) == sorted("pagefind/" + name for name in
                                         ("pagefind.js", "pagefind-worker.js", search.ENTRY, search.CHUNKS))
    assert "pagefind/wasm.ru.pagefind" in found["ru"] and "pagefind/wasm.en.pagefind" in found["en"]
    assert [path for path in found["ru"] if path.startswith("pagefind/fragment/ru_")]
    assert [path for path in found["en"] if path.startswith("pagefind/index/en_")]


@pytest.mark.parametrize("path, lang", [
    ("pagefind/wasm.ru.pagefind", "ru"),
    ("pagefind/pagefind.en_8a6c3651e9.pf_meta", "en"),
    ("pagefind/index/ru_12f0837.pf_index", "ru"),
    ("pagefind/fragment/en_1bc5a63.pf_fragment", "en"),
    ("pagefind/chunks.json", None),
    ("pagefind/pagefind-entry.json", None),
    ("en/pagefind/wasm.ru.pagefind", None),
    ("assets/clienting.css", None),
])
def test_language_of(path, lang):
    assert search.language_of(path) == lang


def test_a_missing_pagefind_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "RUNNER", str(tmp_path / "missing.cjs"))
    with pytest.raises(search.SearchError, match="npm ci"):
        search.index(str(tmp_path))


def test_the_article_is_marked_unless_the_page_says_it_is_left_out():
    page = '<html><head><title>x</title></head><body><article class="md-content__inner"><h2>A</h2></article></body></html>'
    marked = search.mark(page)
    assert '<article data-pagefind-body class="md-content__inner"><h2>A</h2></article>' in marked
    assert search.mark(marked) == marked  # once only
    left_out = page.replace("<title>", '<meta name="clienting-search" content="exclude"><title>')
    assert search.mark(left_out) == left_out
    assert search.mark("<p>no article</p>") == "<p>no article</p>"
