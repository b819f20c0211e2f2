"""scripts/offline.py: what the offline copy holds, and a version that follows every file."""

import json
import re

from scripts import offline


def site(tmp_path, files):
    for path, text in files.items():
        target = tmp_path.joinpath(*path.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return str(tmp_path)


SITE = {
    "index.html": '<h1>Клиентинг</h1><script src="assets/vendor/pyscript/core.js"></script>'
                  '<link rel="preload" href="assets/py/calculators.tar" as="fetch" crossorigin>'
                  '<link rel="preload" href="assets/py/x.tar" as="fetch" crossorigin>',
    "en/chapters/x/index.html": "<h1>x</h1>",
    "en/index.html": '<link rel="modulepreload" href="../assets/vendor/pyscript/core-AbC12345.js">',
    "en/print/index.html": '<nav class="print-contents" aria-labelledby="print-contents"></nav>'
                           '<script type="mpy" config="{&#34;../assets/py/x-y.tar&#34;:&#34;./*&#34;}">',
    "print/index.html": '<nav class="print-contents" aria-labelledby="print-contents"></nav>',
    "pagefind/pagefind.js": "the search's API",
    "pagefind/pagefind-entry.json": "{}",
    "pagefind/wasm.ru.pagefind": "ru wasm",
    "pagefind/wasm.en.pagefind": "en wasm",
    "pagefind/wasm.de.pagefind": "a language the site does not offer",
    "pagefind/pagefind.ru_2cc311a1c4.pf_meta": "ru meta",
    "pagefind/index/ru_12f0837.pf_index": "ru chunk",
    "pagefind/index/en_45f446f.pf_index": "en chunk",
    "pagefind/fragment/ru_1bc5a63.pf_fragment": "ru excerpt",
    "pagefind/fragment/en_1d2564e.pf_fragment": "en excerpt",
    "assets/vendor/pyscript/core-AbC12345.js": "chunk every page with a calculator preloads",
    "assets/vendor/pyscript/toml-XyZ12345.js": "toml: no page loads it",
    "assets/vendor/pyscript/zip-XyZ12345.js": "zip: no page loads it",
    "404.html": "missing",
    "sitemap.xml": "<urlset/>",
    "sitemap.xml.gz": "gz",
    "index.html.gz": "precompressed copy (scripts/compress.py)",
    "index.html.br": "precompressed copy",
    "assets/vendor/micropython/micropython.wasm.br": "precompressed copy",
    "assets/javascripts/bundle.js": "js",
    "assets/javascripts/bundle.js.map": "map",
    "assets/javascripts/lunr/min/lunr.ru.min.js": "ru",
    "assets/javascripts/lunr/min/lunr.ja.min.js": "ja",
    "assets/javascripts/lunr/min/lunr.multi.min.js": "multi",
    "assets/javascripts/lunr/min/lunr.stemmer.support.min.js": "support",
    "assets/javascripts/lunr/wordcut.js": "wordcut",
    "assets/vendor/pyscript/core.js": "core",
    "assets/vendor/pyscript/xterm-abc.js": "xterm",
    "assets/vendor/pyscript/codemirror-abc.js": "cm",
    "assets/vendor/micropython/micropython.wasm": "wasm",
    "assets/py/calculators.tar": "the shared modules",
    "assets/py/x.tar": "the calculator x",
    "assets/py/x-y.tar": "x and y: only a printable page fetches it",
    "assets/py/calculators/qr.mpy": "fetched when a QR code is asked for",
    "assets/py/calculators/custom.json": "{}",
    "assets/javascripts/workers/search.a7633da7.min.js": "the theme's search worker, unused",
    "sw.js": "old worker",
}


def test_the_copy_holds_what_a_reader_needs_and_nothing_unused(tmp_path):
    files = offline.manifest(site(tmp_path, SITE), ["ru", "en"])
    assert sorted(files) == [
        "404.html", "assets/javascripts/bundle.js",
        "assets/py/calculators.tar", "assets/py/calculators/custom.json", "assets/py/calculators/qr.mpy",
        "assets/py/x-y.tar", "assets/py/x.tar",
        "assets/vendor/micropython/micropython.wasm", "assets/vendor/pyscript/core-AbC12345.js",
        "assets/vendor/pyscript/core.js", "en/chapters/x/index.html", "en/index.html", "en/print/index.html",
        "index.html", "pagefind/fragment/en_1d2564e.pf_fragment", "pagefind/fragment/ru_1bc5a63.pf_fragment",
        "pagefind/index/en_45f446f.pf_index", "pagefind/index/ru_12f0837.pf_index",
        "pagefind/pagefind-entry.json", "pagefind/pagefind.js",
        "pagefind/pagefind.ru_2cc311a1c4.pf_meta", "pagefind/wasm.en.pagefind", "pagefind/wasm.ru.pagefind",
        "print/index.html"]
    assert len(files["index.html"]) == 64


def test_one_language_per_copy_and_the_printable_playbook_when_opened(tmp_path):
    root = site(tmp_path, SITE)
    files = offline.manifest(root)
    later = offline.on_demand(root, files)
    # The printable pages, the archive only they fetch, the module fetched when asked for.
    assert later == ["assets/py/calculators/qr.mpy", "assets/py/x-y.tar", "en/print/index.html",
                     "print/index.html"]
    split = offline.by_language(files, ["ru", "en"], later)
    # A language's search (its WebAssembly, index and excerpts) goes with its pages, the interface is shared.
    assert split["ru"] == ["404.html", "index.html", "pagefind/fragment/ru_1bc5a63.pf_fragment",
                           "pagefind/index/ru_12f0837.pf_index", "pagefind/pagefind.ru_2cc311a1c4.pf_meta",
                           "pagefind/wasm.ru.pagefind"]
    assert split["en"] == ["en/chapters/x/index.html", "en/index.html", "pagefind/fragment/en_1d2564e.pf_fragment",
                           "pagefind/index/en_45f446f.pf_index", "pagefind/wasm.en.pagefind"]
    assert "assets/vendor/micropython/micropython.wasm" in split[""]
    assert "pagefind/pagefind.js" in split[""] and "pagefind/pagefind-entry.json" in split[""]
    assert not [path for path in split[""] if path.endswith(".html") or "_" in path.split("/")[-1]]
    assert offline.language_of("en/assets/x.js") == "en" and offline.language_of("assets/en/x.js") == ""

    sizes = offline.sizes(root)
    shared = sum(len(SITE[path].encode("utf-8")) for path in split[""])
    assert sizes["ru"]["files"] == len(split[""]) + 6
    assert sizes["ru"]["bytes"] == shared + sum(len(SITE[path].encode("utf-8")) for path in split["ru"])
    assert sizes["en"]["later"]["files"] == 3 and sizes["ru"]["later"]["bytes"] == len(SITE["print/index.html"]) + len(
        SITE["assets/py/x-y.tar"]) + len(SITE["assets/py/calculators/qr.mpy"])
    # What the download costs: a file's gzip copy where the build wrote one, else the file.
    assert sizes["ru"]["gzip"] == sizes["ru"]["bytes"] - len(SITE["index.html"].encode("utf-8")) + len(
        SITE["index.html.gz"])
    (tmp_path / "index.html.gz").write_bytes(b"x" * 5)
    assert offline.sizes(root)["ru"]["gzip"] == sizes["ru"]["gzip"] - len(SITE["index.html.gz"]) + 5


def test_pages_are_listed_at_the_address_they_are_opened_at():
    assert offline.url_of("index.html") == "./"
    assert offline.url_of("en/chapters/x/index.html") == "en/chapters/x/"
    assert offline.url_of("404.html") == "404.html"
    assert offline.url_of("assets/x/index.html.bak") == "assets/x/index.html.bak"


def test_any_change_to_a_listed_file_changes_the_version(tmp_path):
    root = site(tmp_path, SITE)
    first = offline.version(offline.manifest(root))
    assert first == offline.version(offline.manifest(root))
    (tmp_path / "sitemap.xml").write_text("<urlset>new date</urlset>", encoding="utf-8")
    assert offline.version(offline.manifest(root)) == first
    (tmp_path / "assets" / "py" / "x.tar").write_text("changed", encoding="utf-8")
    assert offline.version(offline.manifest(root)) != first


def test_the_worker_is_written_at_the_root_with_the_list_and_version(tmp_path):
    root = site(tmp_path, SITE)
    version = offline.write(root)
    text = (tmp_path / "sw.js").read_text(encoding="utf-8")
    assert 'var VERSION = "%s";' % version in text
    assert 'var DEFAULT = "ru";' in text
    urls = json.loads(re.search(r"var FILES = (\{.*?\});", text).group(1))
    assert sorted(urls) == ["", "en", "ru"]
    assert urls["ru"][0] == "404.html" and "./" in urls["ru"] and "en/chapters/x/" in urls["en"]
    assert "sw.js" not in urls[""] and "print/" not in urls["ru"]
    shared = ["assets/py/calculators/qr.mpy", "assets/py/x-y.tar"]
    assert json.loads(re.search(r"var LATER = (\{.*?\});", text).group(1)) == {
        "en": shared + ["en/print/"], "ru": shared + ["print/"]}

    assert "__" not in text.split("var FILES")[1].split("var BASE")[0]
    # Writing again gives the same worker: sw.js itself is not part of the list.
    assert offline.write(root) == version


def test_the_copy_keeps_the_text_files_compressed(tmp_path):
    """Kept gzip-compressed by the worker (decoded when a page asks): the text files and the calculators'
    archives, not images, which are compressed already."""
    import gzip

    root = site(tmp_path, dict(SITE, **{"assets/images/x.png": "png", "assets/javascripts/bundle.js": "x" * 5000}))
    files = offline.manifest(root)
    packs = offline.packed(files)
    assert "index.html" in packs and "en/chapters/x/index.html" in packs and "pagefind/pagefind-entry.json" in packs
    assert "assets/vendor/micropython/micropython.wasm" in packs and "assets/javascripts/bundle.js" in packs
    assert "assets/images/x.png" not in packs and "assets/py/calculators.tar" in packs
    offline.write(root)
    text = (tmp_path / "sw.js").read_text(encoding="utf-8")
    listed = json.loads(re.search(r"var PACKED = (\[.*?\]);", text).group(1))
    assert "./" in listed and "en/chapters/x/" in listed and "assets/javascripts/bundle.js" in listed
    assert "print/" not in listed and "assets/py/calculators/qr.mpy" not in listed  # stored as fetched, later
    sizes = offline.sizes(root)
    saved = 5000 - len(gzip.compress(b"x" * 5000, compresslevel=6, mtime=0))
    assert 0 < sizes["ru"]["bytes"] - sizes["ru"]["stored"]
    assert sizes["ru"]["bytes"] - sizes["ru"]["stored"] >= saved - 200 * len(packs)
