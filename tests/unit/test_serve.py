"""scripts/serve.py: precompressed copies sent as the browser accepts them, with the headers that go with
them; the copies never served under their own names; caching as deploy/nginx.conf."""

import gzip
import http.client
import os
import time

import pytest

from scripts import compress, serve

brotli = pytest.importorskip("brotli")

PAGE = ("<!doctype html><title>Клиентинг</title>" + "<p>удержание и привлечение</p>" * 300).encode("utf-8")
WASM = b"\0asm\1\0\0\0" + b"\x01\x02\x03\x04" * 3000
CHUNK = "assets/vendor/pyscript/core-AbCd12_-.js"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    files = {"index.html": PAGE, "en/chapters/x/index.html": PAGE, "assets/vendor/micropython/micropython.wasm": WASM,
             CHUNK: b"export const x = 1;\n" * 400, "assets/tiny.css": b"a{color:red}",
             "assets/images/logo.png": b"\x89PNG" + PAGE, "assets/folder/note.txt": PAGE,
             "stale.html": PAGE}
    for path, data in files.items():
        target = root.joinpath(*path.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    compress.write(str(root), cache=None)
    # Edited after the build (as the benchmark's page variants are): its copies are now stale.
    stale = root / "stale.html"
    stale.write_bytes(PAGE.replace("Клиентинг".encode("utf-8"), b"Changed!!"))
    os.utime(stale, ns=(os.stat(stale).st_atime_ns, os.stat(str(stale) + ".gz").st_mtime_ns + 10 ** 9))
    return root


@pytest.fixture(scope="module")
def server(site):
    counter = serve.ByteCounter()
    running = serve.serve_in_background(str(site), counter=counter)
    yield running, counter
    running.shutdown()


def get(server, path, encoding=None, method="GET", headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", server[0].server_port, timeout=10)
    sent = dict(headers or {})
    if encoding is not None:
        sent["Accept-Encoding"] = encoding
    connection.putrequest(method, path, skip_accept_encoding=True)
    for key, value in sent.items():
        connection.putheader(key, value)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.headers, body


def decode(headers, body):
    encoding = headers.get("Content-Encoding")
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding == "br":
        return brotli.decompress(body)
    assert encoding is None, encoding
    return body


@pytest.mark.parametrize("header, expected", [
    ("gzip, deflate, br, zstd", "br"),          # Chromium over HTTPS and on localhost
    ("gzip, deflate", "gzip"),                   # Chromium over plain HTTP on the room's network
    ("br;q=0.5, gzip", "gzip"),                  # the browser's preference wins
    ("gzip;q=0, br;q=0.5", "br"),
    ("x-gzip", "gzip"),
    ("*", "br"),
    ("*, br;q=0", "gzip"),
    ("identity", None),
    ("gzip;q=0", None),
    ("", None),
    (None, None),
    ("GZIP; Q=1.0", "gzip"),
    ("gzip;q=nonsense, br;q=0.1", "br"),
])
def test_the_encoding_is_chosen_from_accept_encoding(header, expected):
    assert serve.choose_encoding(header, ["br", "gzip"]) == expected
    assert serve.choose_encoding(header, []) is None


@pytest.mark.parametrize("path, original, kind", [
    ("/", "index.html", "text/html; charset=utf-8"),
    ("/en/chapters/x/", "en/chapters/x/index.html", "text/html; charset=utf-8"),
    ("/assets/vendor/micropython/micropython.wasm", "assets/vendor/micropython/micropython.wasm", "application/wasm"),
    ("/" + CHUNK, CHUNK, "text/javascript"),
])
@pytest.mark.parametrize("accept, encoding", [("gzip, deflate, br", "br"), ("gzip, deflate", "gzip"),
                                              ("identity", None)])
def test_copies_are_sent_with_their_encoding_length_type_and_vary(site, server, path, original, kind,
                                                                  accept, encoding):
    status, headers, body = get(server, path, accept)
    with open(os.path.join(str(site), *original.split("/")), "rb") as handle:
        expected = handle.read()
    assert status == 200
    assert headers.get("Content-Encoding") == encoding
    assert headers["Content-Type"] == kind
    assert headers["Vary"] == "Accept-Encoding"
    assert int(headers["Content-Length"]) == len(body)
    assert decode(headers, body) == expected
    if encoding:
        assert len(body) < len(expected) / 2


def test_files_without_copies_are_sent_as_they_are_without_vary(site, server):
    for path in ("/assets/tiny.css", "/assets/images/logo.png"):
        status, headers, body = get(server, path, "gzip, br")
        assert status == 200 and "Content-Encoding" not in headers and "Vary" not in headers, path
        assert body == (site / path.lstrip("/")).read_bytes()


def test_a_copy_older_than_its_file_is_not_sent(site, server):
    status, headers, body = get(server, "/stale.html", "gzip, br")
    assert status == 200 and "Content-Encoding" not in headers
    assert b"Changed!!" in body


def test_copies_are_not_files_of_the_site_and_folders_are_not_listed(server):
    for path in ("/index.html.gz", "/index.html.br", "/assets/vendor/micropython/micropython.wasm.br",
                 "/assets/folder/", "/assets/"):
        status, headers, body = get(server, path, "gzip, br")
        assert status == 404, path
        assert b"index.html" not in body and b".gz" not in body, path
    status, headers, _ = get(server, "/assets/folder", "gzip")
    assert status == 301 and headers["Location"].endswith("/assets/folder/")


def test_head_sends_the_headers_of_get_without_a_body(server):
    _, full, body = get(server, "/", "gzip")
    status, headers, empty = get(server, "/", "gzip", method="HEAD")
    assert status == 200 and empty == b""
    for name in ("Content-Encoding", "Content-Length", "Content-Type", "Vary", "Cache-Control"):
        assert headers[name] == full[name], name


def test_a_current_copy_in_the_browser_gets_304_with_vary(server):
    _, headers, _ = get(server, "/", "gzip")
    status, again, body = get(server, "/", "gzip", headers={"If-Modified-Since": headers["Last-Modified"]})
    assert status == 304 and body == b""
    assert again["Vary"] == "Accept-Encoding" and again["Cache-Control"] == "no-cache"
    status, _, _ = get(server, "/", "gzip", headers={"If-Modified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"})
    assert status == 200


def test_cache_headers_follow_the_nginx_configuration(server):
    assert get(server, "/" + CHUNK, "gzip")[1]["Cache-Control"] == "public, max-age=31536000, immutable"
    for path in ("/", "/assets/vendor/micropython/micropython.wasm", "/assets/tiny.css", "/no/such/file"):
        assert get(server, path, "gzip")[1]["Cache-Control"] == "no-cache", path
    assert serve.cache_policy("/playbook/assets/javascripts/bundle.0123abcd.min.js").endswith("immutable")
    assert serve.cache_policy("/playbook/pagefind/fragment/ru_1bc5a63.pf_fragment").endswith("immutable")
    assert serve.cache_policy("/pagefind/index/en_45f446f.pf_index").endswith("immutable")
    assert serve.cache_policy("/pagefind/pagefind.ru_38f44d833c.pf_meta").endswith("immutable")
    for path in ("/pagefind/pagefind-entry.json", "/pagefind/pagefind.js", "/pagefind/wasm.ru.pagefind"):
        assert serve.cache_policy(path) == "no-cache", path
    assert serve.cache_policy("/assets/calculators.js") == "no-cache"
    assert serve.cache_policy("/sw.js") == "no-cache"


def test_a_fixed_cache_control_still_applies_to_every_file(site):
    running = serve.serve_in_background(str(site), cache_control="max-age=3600")
    try:
        for path in ("/", "/" + CHUNK):
            assert get((running,), path, "gzip")[1]["Cache-Control"] == "max-age=3600"
    finally:
        running.shutdown()


def test_the_counter_adds_up_the_bytes_sent_compressed(server):
    _, counter = server
    before = counter.total
    _, headers, body = get(server, "/assets/vendor/micropython/micropython.wasm", "gzip")
    assert headers["Content-Encoding"] == "gzip"
    # The server thread adds to the counter once the body is written, which the client may see first.
    deadline = time.monotonic() + 5
    while counter.total - before < len(body) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert counter.total - before == len(body) < len(WASM)


def test_under_a_prefix_the_copies_are_sent_too(site):
    running = serve.serve_in_background(str(site), prefix="/playbook/")
    try:
        status, headers, body = get((running,), "/playbook/en/chapters/x/", "gzip, br")
        assert status == 200 and headers["Content-Encoding"] == "br" and brotli.decompress(body) == PAGE
        assert get((running,), "/playbook/index.html.gz", "gzip")[0] == 404
    finally:
        running.shutdown()
