"""Build face: the service worker that keeps the site working offline (``site/sw.js``).

After the build, :func:`write` lists the files a reader needs offline (every page, the runtime, the
calculators' modules, CSS, scripts, the search indexes), hashes each, and writes ``sw.js`` at the
site's root from ``scripts/sw.template.js`` with that list and a version: the hash of the list and
the hashes.  Any change to any listed file gives a new version, so a new deployment is noticed;
``assets/offline.js`` registers the worker and offers the update.

Left out: source maps, the sitemaps (their dates change with every build), the precompressed copies
the server sends in place of a file (``NAME.gz``, ``NAME.br``: ``scripts/compress.py``; the worker
gets them through ordinary requests, decoded), PyScript's editor and terminal chunks (never used by
these pages) and the search library's languages the site does not search in.
"""

import hashlib
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATE = os.path.join(HERE, "sw.template.js")
WORKER = "sw.js"

SKIP_FILES = (WORKER, "sitemap.xml", "sitemap.xml.gz")
SKIP_SUFFIXES = (".map", ".gz", ".br")
# PyScript's lazily loaded chunks for its code editor, terminal and Pyodide: not used here.
SKIP_PREFIXES = ("assets/vendor/pyscript/codemirror", "assets/vendor/pyscript/xterm",
                 "assets/vendor/pyscript/pyodide_graph")
LUNR = "assets/javascripts/lunr/"


def wanted(path, languages=("ru", "en")):
    """Whether the site file ``path`` (relative, with ``/``) belongs in the offline copy."""
    if path in SKIP_FILES or path.endswith(SKIP_SUFFIXES) or path.startswith(SKIP_PREFIXES):
        return False
    if path.startswith(LUNR):
        keep = ["min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js"]
        keep += ["min/lunr.%s.min.js" % lang for lang in languages]
        return path[len(LUNR):] in keep
    return True


def url_of(path):
    """The address a page is opened at: ``index.html`` -> ``./``, ``x/index.html`` -> ``x/``."""
    if path == "index.html":
        return "./"
    if path.endswith("/index.html"):
        return path[:-len("index.html")]
    return path


def manifest(site_dir, languages=("ru", "en")):
    """``{path: sha256}`` of every file of ``site_dir`` the offline copy holds, paths with ``/``."""
    found = {}
    for folder, _, names in os.walk(site_dir):
        for name in names:
            full = os.path.join(folder, name)
            path = os.path.relpath(full, site_dir).replace(os.sep, "/")
            if wanted(path, languages):
                with open(full, "rb") as handle:
                    found[path] = hashlib.sha256(handle.read()).hexdigest()
    return dict(sorted(found.items()))


def version(files):
    """A short version that changes whenever a listed file, or the list, changes."""
    text = json.dumps(files, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def service_worker(files):
    """The text of ``sw.js`` for a manifest."""
    with open(TEMPLATE, encoding="utf-8") as handle:
        template = handle.read()
    urls = json.dumps([url_of(path) for path in files], separators=(",", ":"))
    return template.replace('"__VERSION__"', json.dumps(version(files))).replace("__FILES__", urls)


def write(site_dir, languages=("ru", "en")):
    """Write ``sw.js`` at the root of ``site_dir``; return its version."""
    files = manifest(site_dir, languages)
    with open(os.path.join(site_dir, WORKER), "w", encoding="utf-8") as handle:
        handle.write(service_worker(files))
    return version(files)
