"""Content Security Policy of the site: one policy, computed per page from the page's own inline scripts.

The post-build step (``scripts/postbuild.py``) hashes every inline script the browser would run
on each built page (the theme's small bootstrap scripts; their text differs with the page's depth, so the
hashes are per page) and puts the policy in a ``<meta http-equiv="Content-Security-Policy">`` right
after ``<meta charset>``, before any script.  ``deploy/nginx.conf`` sends a policy as a header too,
with what only a header can carry (``frame-ancestors``); a page must satisfy both.

Found by loading every page of the built site in Chromium and collecting ``securitypolicyviolation``
events with the strictest policy, then adding only what was reported (``tests/browser/test_csp.py``
keeps it at zero violations):

- ``script-src 'self' 'wasm-unsafe-eval' 'sha256-…'`` on every page: the theme's bundle,
  ``calculators.js``, PyScript's modules and MicroPython's loader are files of the site; inline scripts
  run only by hash.  Never ``'unsafe-inline'``.  ``'wasm-unsafe-eval'`` is on every page because the
  search is on every page: Pagefind (``assets/search.js``, ``scripts/search.py``) compiles its
  WebAssembly when a reader opens it, in its worker (whose policy is the server's header, where one is
  sent) or, where a worker cannot start, in the page itself (reported as ``script-src`` /
  ``wasm-eval``).  It allows compiling WebAssembly the site serves itself, nothing else (no ``eval``);
  MicroPython's WebAssembly needs the same on the calculator pages.
- Pages with a calculator only add (the page's markup says so: PyScript's ``<script type="mpy">``,
  written by the template on the pages whose markers hold a calculator, found with the parser)
  ``'unsafe-eval'``: PyScript 0.7 (its polyscript layer) joins its lifecycle hooks into one function
  with ``Function("return(w,x)=>…")`` every time the interpreter starts (reported as ``script-src`` /
  ``eval`` from ``core-*.js``); without it no calculator goes live.  The code it builds is PyScript's
  own, never page text; the site has no sink that turns input into script (inputs and the address
  are shown as text: ``tests/browser/test_hostile.py``), and inline script stays forbidden.  Pages
  without a calculator keep the stricter policy.
- ``<script type="mpy">`` and ``<script type="application/json" id="__config">`` are data, not
  scripts the browser executes: CSP does not apply to them and they are not hashed.
- ``<script type="speculationrules">`` (the prerendering of the page a reader is about to open,
  ``overrides/main.html``) counts as an inline script: allowed by its hash.
- ``style-src 'self'``: no inline ``<style>`` or ``style`` attribute is blocked (the theme and PyScript
  set styles through the CSSOM, which CSP allows), so no ``'unsafe-inline'`` for styles either.
- ``img-src 'self' data:``: the theme's icons are ``data:`` SVG images in its CSS.
- ``worker-src 'self'``: the search runs in a worker loaded from the site (``pagefind/``).
- ``connect-src 'self'``: the interpreter, its ``.wasm``, the calculators' bytecode, the search's
  WebAssembly and index.
- Everything else falls back to ``default-src 'self'``; ``object-src 'none'``, ``base-uri 'self'`` and
  ``form-action 'self'`` because ``default-src`` does not cover them.
"""

import base64
import hashlib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # run as scripts/csp.py too

from scripts import htmlpage  # noqa: E402

# Directives browsers ignore in a <meta> policy (they log an error for each): header only.
HEADER_ONLY = ("frame-ancestors", "report-uri", "sandbox")

BASE = (
    ("default-src", ["'self'"]),
    ("script-src", ["'self'", "'wasm-unsafe-eval'"]),  # the search's WebAssembly, on every page
    ("style-src", ["'self'"]),
    ("img-src", ["'self'", "data:"]),
    ("font-src", ["'self'"]),
    ("connect-src", ["'self'"]),
    ("worker-src", ["'self'"]),
    ("manifest-src", ["'self'"]),
    ("object-src", ["'none'"]),
    ("base-uri", ["'self'"]),
    ("form-action", ["'self'"]),
)
HEADER_EXTRA = (("frame-ancestors", ["'self'"]),)
# What the Python runtime needs beyond that, on pages that run it only (see the module's docstring).
RUNTIME_SCRIPT = ["'unsafe-eval'"]
# PyScript's script types (MicroPython, or its other interpreter): data for PyScript, not for the browser.
PYSCRIPT_TYPES = ("mpy", "py")
# Types a browser runs as script (an absent or empty type is classic JavaScript).
EXECUTABLE_TYPES = ("", "text/javascript", "application/javascript", "module", "text/ecmascript",
                    "application/ecmascript", "speculationrules")


def _scripts(html, elements=None):
    """(element, type) of every ``<script>`` of ``html``."""
    return [(element, element.attrs.get("type", "").strip().lower())
            for element in (elements if elements is not None else htmlpage.elements(html))
            if element.name == "script"]


def inline_scripts(html, elements=None):
    """The texts of the inline scripts the browser executes, in document order (exactly as written)."""
    return [htmlpage.inner(html, element) for element, kind in _scripts(html, elements)
            if "src" not in element.attrs and kind in EXECUTABLE_TYPES]


def script_hash(text):
    """The CSP source for one inline script: ``'sha256-<base64>'`` of its exact UTF-8 text."""
    return "'sha256-%s'" % base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def policy(hashes=(), runtime=False, header=False):
    """The policy text.

    ``hashes``: CSP sources of inline scripts; ``runtime``: the page runs Python (PyScript and
    MicroPython); ``header=True`` adds the directives only a header can carry.
    """
    directives = list(BASE) + (list(HEADER_EXTRA) if header else [])
    parts = []
    for name, sources in directives:
        if name == "script-src":
            sources = sources + (RUNTIME_SCRIPT if runtime else []) + sorted(set(hashes))
        parts.append("%s %s" % (name, " ".join(sources)))
    return "; ".join(parts)


def page_policy(html, elements=None):
    """The meta policy for one page: the base policy plus the hashes of the page's inline scripts."""
    elements = htmlpage.elements(html) if elements is None else elements
    return policy([script_hash(text) for text in inline_scripts(html, elements)],
                  runtime=has_runtime(html, elements))


def has_runtime(html, elements=None):
    """Whether the page runs Python in the browser: it holds one of PyScript's scripts (``type="mpy"``)."""
    return any(kind in PYSCRIPT_TYPES for _, kind in _scripts(html, elements))


def meta_edit(html, elements):
    """The edit ``(at, at, text)`` that puts the policy meta right after ``<meta charset>`` (else right
    after ``<head>``), or None: the page has its policy already, or has no ``<head>`` (not a page)."""
    at = None
    for element in elements:
        if element.name == "meta" and element.attrs.get("http-equiv", "").lower() == "content-security-policy":
            return None
        if element.name == "meta" and "charset" in element.attrs and at is None:
            at = element.end
    if at is None:
        heads = [element for element in elements if element.name == "head"]
        if not heads:
            return None
        at = heads[0].end
    tag = '<meta http-equiv="Content-Security-Policy" content="%s">' % page_policy(html, elements)
    return (at, at, "\n  " + tag)


def add_meta(html):
    """``html`` with the policy as a ``<meta>`` right after ``<meta charset>`` (before any script).

    Idempotent: a page that already has a policy meta is returned unchanged; so is text with no
    ``<head>`` (not a page).
    """
    edit = meta_edit(html, htmlpage.elements(html))
    return htmlpage.splice(html, [edit]) if edit else html


def site_policy(site_dir):
    """The header policy for a whole built site: every page's hashes, the runtime's allowances, frame-ancestors.

    A header is the same for every page, so it allows the union; each page's <meta> narrows it to that
    page (the browser enforces both).
    """
    hashes, runtime = set(), False
    for folder, _, names in os.walk(site_dir):
        for name in names:
            if name.endswith(".html"):
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    html = handle.read()
                elements = htmlpage.elements(html)
                hashes.update(script_hash(text) for text in inline_scripts(html, elements))
                runtime = runtime or has_runtime(html, elements)
    return policy(sorted(hashes), runtime=runtime, header=True)


def nginx_include(site_dir):
    """The text of ``clienting-csp.conf`` for ``deploy/nginx.conf``: ``$clienting_csp`` for the built site."""
    return ("# Written by `python3 scripts/csp.py nginx %s`: rewrite it after every build.\n"
            "map $host $clienting_csp {\n    default \"%s\";\n}\n" % (site_dir, site_policy(site_dir)))


def main(argv):
    """``csp.py nginx SITE_DIR`` prints the nginx include; ``csp.py header SITE_DIR`` the policy alone."""
    if len(argv) != 3 or argv[1] not in ("nginx", "header"):
        print("usage: python3 scripts/csp.py nginx|header SITE_DIR", file=sys.stderr)
        return 2
    print(nginx_include(argv[2]) if argv[1] == "nginx" else site_policy(argv[2]), end="" if argv[1] == "nginx" else "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
