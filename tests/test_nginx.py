"""deploy/nginx.conf with Debian's nginx on 127.0.0.1: types, compression, caching, security headers,
and the browser smoke test through it.

nginx runs through scripts/nginx.py (a temporary prefix, a free port), serving the session's built
site; it is stopped at teardown.
"""

import gzip
import os
import re
import urllib.error
import urllib.request

import pytest

from scripts import csp, nginx

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


@pytest.fixture(scope="module")
def nginx_url(built_site, tmp_path_factory):
    try:
        nginx.check_installed()
    except nginx.NginxMissing as missing:
        pytest.skip(str(missing))
    with nginx.serving(str(built_site), tmp_path_factory.mktemp("nginx")) as url:
        yield url


def fetch(url, encoding="gzip"):
    """(status, headers, body decoded) for one GET with ``Accept-Encoding``."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        response = urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    body = response.read()
    if response.headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return response.status, response.headers, body


def first(site, folder, pattern):
    names = sorted(name for name in os.listdir(os.path.join(str(site), folder)) if re.match(pattern, name))
    assert names, (folder, pattern)
    return folder + "/" + names[0]


def test_types_compression_and_caching(nginx_url, built_site):
    bundle = first(built_site, "assets/javascripts", r"bundle\.[0-9a-f]{8}\.min\.js$")
    chunk = first(built_site, "assets/vendor/pyscript", r"core-[A-Za-z0-9_-]{8}\.js$")
    fragment = first(built_site, "pagefind/fragment", r"ru_[0-9a-f]+\.pf_fragment$")
    cases = [
        # path, type, gzip expected, cache-control
        ("en/calculators/acquisition-vs-retention/", "text/html; charset=utf-8", True, "no-cache"),
        ("assets/vendor/micropython/micropython.wasm", "application/wasm", True, "no-cache"),
        ("assets/vendor/micropython/micropython.mjs", "text/javascript; charset=utf-8", True, "no-cache"),
        ("assets/vendor/pyscript/core.js", "application/javascript; charset=utf-8", None, "no-cache"),  # tiny
        (chunk, "application/javascript; charset=utf-8", True, "public, max-age=31536000, immutable"),
        (bundle, "application/javascript; charset=utf-8", True, "public, max-age=31536000, immutable"),
        ("pagefind/pagefind.js", "application/javascript; charset=utf-8", True, "no-cache"),
        (fragment, "application/octet-stream", False, "public, max-age=31536000, immutable"),  # gzip inside
        ("sitemap.xml", "text/xml; charset=utf-8", True, "no-cache"),
        ("assets/favicon.svg", "image/svg+xml; charset=utf-8", None, "no-cache"),
    ]
    for path, kind, compressed, cache in cases:
        status, headers, body = fetch(nginx_url + path)
        assert status == 200, path
        assert headers["Content-Type"] == kind, (path, headers["Content-Type"])
        if compressed is not None:
            assert (headers.get("Content-Encoding") == "gzip") == compressed, path
        assert headers["Cache-Control"] == cache, path
        with open(os.path.join(str(built_site), path + ("index.html" if path.endswith("/") else "")), "rb") as handle:
            assert body == handle.read(), path
    # Without Accept-Encoding the same bytes come uncompressed.
    status, headers, body = fetch(nginx_url + "assets/vendor/micropython/micropython.wasm", encoding="identity")
    assert status == 200 and "Content-Encoding" not in headers and body[:4] == b"\0asm"


def test_security_headers_on_every_response(nginx_url):
    for path in ("", "en/", "assets/vendor/micropython/micropython.wasm", "no/such/page/"):
        status, headers, body = fetch(nginx_url + path)
        policy = headers["Content-Security-Policy"]
        assert "frame-ancestors 'self'" in policy and "default-src 'self'" in policy
        assert "'unsafe-inline'" not in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"]
        assert headers.get("Server") == "nginx"  # no version
    status, headers, body = fetch(nginx_url + "no/such/page/")
    assert status == 404 and b"Page not found" in body and b'<html lang="ru"' in body
    status, headers, body = fetch(nginx_url + "en/no/such/page/")
    assert status == 404 and b"Page not found" in body and b'<html lang="en"' in body


def test_source_maps_are_not_served(nginx_url, built_site):
    source_map = first(built_site, "assets/javascripts", r"bundle\.[0-9a-f]{8}\.min\.js\.map$")
    assert os.path.exists(os.path.join(str(built_site), source_map))
    assert fetch(nginx_url + source_map)[0] == 404


def test_header_policy_allows_what_each_page_allows(nginx_url, built_site):
    """The header is the union; every page's meta policy is within it (the browser enforces both)."""
    header = fetch(nginx_url)[1]["Content-Security-Policy"]
    allowed = set(dict((p.split()[0], p.split()[1:]) for p in header.split("; "))["script-src"])
    for folder, _, names in os.walk(str(built_site)):
        for name in names:
            if name.endswith(".html"):
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    meta = META.search(handle.read()).group(1)
                page = dict((p.split()[0], p.split()[1:]) for p in meta.split("; "))["script-src"]
                assert set(page) <= allowed, os.path.join(folder, name)


def test_a_calculator_goes_live_through_nginx(watched, nginx_url):
    page = watched.page
    responses = {}
    page.on("response", lambda r: responses.__setitem__(r.url, r))
    page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                         " e => window.__csp.push(e.violatedDirective))")
    page.goto(nginx_url + "en/calculators/acquisition-vs-retention/")
    page.wait_for_selector("[data-calculator][data-state=live]", timeout=25000)
    page.fill("input[name=new_customers]", "500")
    page.wait_for_function("() => document.querySelector('[data-output=cac]').dataset.value === '24'")
    assert watched.errors() == []
    assert page.evaluate("window.__csp") == []
    assert all(url.startswith(nginx_url) or url.startswith(("data:", "blob:")) for url in watched.requests)
    wasm = [r for url, r in responses.items() if url.endswith("micropython.wasm")]
    html = responses[nginx_url + "en/calculators/acquisition-vs-retention/"]
    assert wasm and wasm[0].all_headers().get("content-encoding") == "gzip"
    assert html.all_headers().get("content-encoding") == "gzip"
    assert "frame-ancestors" in html.all_headers()["content-security-policy"]
