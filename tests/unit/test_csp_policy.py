"""scripts/csp.py: which inline scripts are hashed, the hash format, where the meta goes."""

import base64
import hashlib

from scripts import csp

PAGE = """<!doctype html><html><head>
<meta charset="utf-8">
<title>t</title>
<script>var a = 1;</script>
<script type="application/json" id="__config">{"x": 1}</script>
<script src="bundle.js"></script>
<script type="module">import "./x.js";</script>
<script type="mpy" config="{}">print(1)</script>
</head><body></body></html>"""


def test_only_executed_inline_scripts_are_hashed():
    assert csp.inline_scripts(PAGE) == ["var a = 1;", 'import "./x.js";']


def test_hash_is_base64_sha256_of_the_exact_text():
    digest = base64.b64encode(hashlib.sha256("var a = 1;".encode("utf-8")).digest()).decode()
    assert csp.script_hash("var a = 1;") == "'sha256-%s'" % digest
    assert csp.script_hash("var a = 1; ") != csp.script_hash("var a = 1;")


def test_meta_right_after_charset_and_idempotent():
    html = csp.add_meta(PAGE)
    assert html.index('http-equiv="Content-Security-Policy"') > html.index("<meta charset")
    assert html.index('http-equiv="Content-Security-Policy"') < html.index("<script")
    assert csp.add_meta(html) == html


def script_src(policy):
    return [part for part in policy.split("; ") if part.startswith("script-src ")][0].split()[1:]


def test_runtime_pages_get_eval_others_only_wasm_for_the_search():
    with_runtime = script_src(csp.page_policy(PAGE))
    assert "'wasm-unsafe-eval'" in with_runtime and "'unsafe-eval'" in with_runtime
    plain_policy = csp.page_policy(PAGE.replace('<script type="mpy" config="{}">print(1)</script>', ""))
    plain = script_src(plain_policy)
    # Every page compiles the search's WebAssembly; only pages running Python may eval.
    assert "'wasm-unsafe-eval'" in plain and "'unsafe-eval'" not in plain
    assert "unsafe-inline" not in plain_policy
    assert csp.script_hash("var a = 1;") in plain_policy


def test_header_only_directives_stay_out_of_the_meta():
    meta = csp.policy(["'sha256-x'"])
    header = csp.policy(["'sha256-x'"], header=True)
    for name in csp.HEADER_ONLY:
        assert name not in meta
    assert "frame-ancestors 'self'" in header
    assert "object-src 'none'" in meta and "base-uri 'self'" in meta
