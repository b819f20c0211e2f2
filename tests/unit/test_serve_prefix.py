"""scripts/serve.py at the edges of its address space: outside ``--prefix`` a 404, a NUL byte a 400,
always an answer, never a dropped connection or a traceback."""

import http.client

import pytest

from scripts import serve

PREFIX = "/playbook/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    (root / "index.html").write_text("<!doctype html><title>home</title>", encoding="utf-8")
    (root / "en").mkdir()
    (root / "en" / "index.html").write_text("<!doctype html><title>en</title>", encoding="utf-8")
    return root


@pytest.fixture(scope="module", params=[PREFIX, "/"], ids=["prefix", "root"])
def server(site, request):
    running = serve.serve_in_background(str(site), prefix=request.param)
    yield running, request.param
    running.shutdown()


def ask(server, path, method="GET"):
    connection = http.client.HTTPConnection("127.0.0.1", server[0].server_port, timeout=10)
    connection.putrequest(method, path, skip_host=False, skip_accept_encoding=True)
    connection.endheaders()
    response = connection.getresponse()  # raises (RemoteDisconnected) if the server drops the connection
    body = response.read()
    connection.close()
    return response.status, response.headers, body


@pytest.mark.parametrize("method", ["GET", "HEAD"])
@pytest.mark.parametrize("path", ["/%00", "/%00/", "/en/%00", "/en%00/", "/a%00b.html", "/%00?x=1", "/en/%2500%00"])
def test_a_nul_byte_is_a_bad_request(server, path, method, capsys):
    status, headers, body = ask(server, path.replace("/", server[1], 1), method)
    assert status == 400
    if method == "GET":
        assert b"%00" in body
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("method", ["GET", "HEAD"])
@pytest.mark.parametrize("path", ["/", "/en/", "/en", "/index.html", "/other/", "/playbooks/", "/play",
                                  "/%2e%2e/playbook/"])
def test_an_address_outside_the_prefix_is_not_found(site, path, method, capsys):
    running = serve.serve_in_background(str(site), prefix=PREFIX)
    try:
        status, _, body = ask((running, PREFIX), path, method)
    finally:
        running.shutdown()
    assert status == 404
    if method == "GET":
        assert PREFIX.encode() in body  # the page says where the site is
    assert "Traceback" not in capsys.readouterr().err


def test_inside_the_prefix_the_site_is_served(server, capsys):
    prefix = server[1]
    assert ask(server, prefix)[0] == 200
    assert ask(server, prefix + "en/")[0] == 200
    status, headers, _ = ask(server, prefix + "en")
    assert status == 301 and headers["Location"].endswith(prefix + "en/")
    assert ask(server, prefix + "missing/")[0] == 404
    if prefix != "/":
        status, headers, _ = ask(server, prefix.rstrip("/"))
        assert status == 301 and headers["Location"] == prefix
    assert "Traceback" not in capsys.readouterr().err
