"""scripts/compress.py: precompressed copies beside the built site's text files."""

import gzip
import os
import random

import pytest

from scripts import compress

brotli = pytest.importorskip("brotli")  # pinned in requirements.txt

TEXT = ("<p>Клиентинг: удержание, привлечение, рекомендации.</p>\n" * 200).encode("utf-8")


def noise(size, seed=1):
    generator = random.Random(seed)
    return bytes(generator.getrandbits(8) for _ in range(size))


def make_site(tmp_path, files):
    for path, data in files.items():
        target = tmp_path.joinpath(*path.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return str(tmp_path)


def test_copies_decode_to_the_original_and_keep_its_time(tmp_path):
    site = make_site(tmp_path, {"index.html": TEXT, "assets/x.js": TEXT, "assets/py/m.mpy": TEXT,
                                "assets/vendor/m.wasm": TEXT, "search/i.json": TEXT})
    os.utime(os.path.join(site, "index.html"), (1000000000, 1000000000))
    done = compress.write(site, cache=None)
    assert done == dict((path, [".br", ".gz"]) for path in
                        ["index.html", "assets/x.js", "assets/py/m.mpy", "assets/vendor/m.wasm", "search/i.json"])
    page = os.path.join(site, "index.html")
    with open(page + ".gz", "rb") as handle:
        assert gzip.decompress(handle.read()) == TEXT
    with open(page + ".br", "rb") as handle:
        assert brotli.decompress(handle.read()) == TEXT
    for suffix in (".gz", ".br"):
        assert os.stat(page + suffix).st_mtime_ns == os.stat(page).st_mtime_ns
    # The same bytes on every build (no time stamp in the gzip header).
    first = open(page + ".gz", "rb").read()
    compress.write(site, cache=None)
    assert open(page + ".gz", "rb").read() == first


def test_only_text_that_compresses_gets_copies(tmp_path):
    site = make_site(tmp_path, {"tiny.css": b"a{color:red}", "random.js": noise(4000),
                                "assets/images/logo.png": TEXT, "readme.txt": TEXT, "old.html": TEXT})
    # Left over from an earlier build where the page compressed well: removed when it no longer does.
    with open(os.path.join(site, "random.js.gz"), "wb") as handle:
        handle.write(b"stale")
    done = compress.write(site, cache=None)
    assert done["tiny.css"] == [] and done["random.js"] == [] and done["readme.txt"] == [".br", ".gz"]
    assert "assets/images/logo.png" not in done
    assert not os.path.exists(os.path.join(site, "random.js.gz"))
    assert not os.path.exists(os.path.join(site, "assets", "images", "logo.png.gz"))


def test_a_copy_is_a_copy_only_beside_its_original(tmp_path):
    site = make_site(tmp_path, {"index.html": TEXT, "index.html.gz": b"x", "data.tar.gz": b"x", "a.png.gz": b"x"})
    open(os.path.join(site, "a.png"), "wb").close()
    assert compress.is_copy(site, "index.html.gz")
    assert not compress.is_copy(site, "data.tar.gz")  # no "data.tar" in the site
    assert not compress.is_copy(site, "a.png.gz")  # PNG is never precompressed
    assert not compress.is_copy(site, "index.html")


def test_the_cache_serves_a_rebuild_and_forgets_what_no_build_uses(tmp_path):
    cache = str(tmp_path / "cache")
    site = make_site(tmp_path / "site", {"a.html": TEXT})
    compress.write(site, cache=cache)
    entries = [os.path.join(folder, name) for folder, _, names in os.walk(cache) for name in names]
    assert sorted(name.rsplit(".", 1)[1] for name in entries) == ["br", "gzip"]
    # A rebuild reads the cache: a planted entry is what ends up in the site.
    brotli_entry = [path for path in entries if path.endswith(".br")][0]
    planted = brotli.compress(TEXT, quality=1)
    with open(brotli_entry, "wb") as handle:
        handle.write(planted)
    os.utime(brotli_entry, (1, 1))
    compress.write(site, cache=cache)
    assert open(os.path.join(site, "a.html.br"), "rb").read() == planted
    assert os.stat(brotli_entry).st_mtime > 1  # used again: kept
    # Entries unused for longer than KEEP_DAYS go.
    os.utime(brotli_entry, (1, 1))
    assert compress.prune(cache) == 1
    assert not os.path.exists(brotli_entry)


def test_encodings_without_the_brotli_package(monkeypatch, tmp_path):
    monkeypatch.setattr(compress, "brotli", None)
    assert compress.encodings() == [("gzip", ".gz")]
    site = make_site(tmp_path, {"index.html": TEXT, "index.html.br": b"from an earlier build"})
    assert compress.write(site, cache=None) == {"index.html": [".gz"]}
    assert not os.path.exists(os.path.join(site, "index.html.br"))  # a stale copy is never left behind
