"""Build face: the service worker that keeps the site working offline (``site/sw.js``).

After the build, :func:`write` lists the files a reader needs offline (every page, the runtime, the
calculators' modules, CSS, scripts, the search), hashes each, and writes ``sw.js`` at the
site's root from ``scripts/sw.template.js`` with that list, split by language, and a version: the
hash of the list and the hashes.  Any change to any listed file gives a new version, so a new
deployment is noticed; ``assets/offline.js`` registers the worker and offers the update.

The copy holds one language: the files every page shares (``""``: styles, scripts, the runtime, the
modules, the search's interface) and the reader's language (its pages, its 404 page, its search:
Pagefind's WebAssembly, index and excerpts for that language, ``scripts/search.py``).  The default
language's pages are those outside the other languages' folders (``en/``).

Stored when first opened rather than up front: the page holding the whole playbook for print
(``print/``; its chapters are in the copy already, page by page) and the programmes' handout packs
(``print/<id>/``, the same chapters and the kit's sheets again); the calculators' archives that only
those pages fetch; the modules a page fetches only when a reader asks for them (``qr``:
``scripts/runtime.py`` ``ON_DEMAND``).

Stored compressed: the text files (those ``scripts/compress.py`` would compress: pages, styles,
scripts, JSON, the interpreter's WebAssembly) are kept gzip-compressed by the worker itself
(``CompressionStream``) and decoded when a page asks for them, so the copy takes on the reader's
device about what it cost to download.  A browser without those streams keeps the files as they are.
:func:`sizes` gives both figures: ``bytes`` decoded, ``stored`` as kept (gzip at the browser's level,
6, estimated here with Python's zlib).

Left out: source maps, the sitemaps (their dates change with every build), the precompressed copies
the server sends in place of a file (``NAME.gz``, ``NAME.br``: ``scripts/compress.py``; the worker
gets them through ordinary requests, decoded), PyScript's chunks that no page loads (its editor,
terminal, Pyodide and TOML chunks: only those a page names are kept) and the theme's own search
(its worker and its lunr languages), which the site does not use.
"""

import gzip
import hashlib
import json
import os
import posixpath
import re

from scripts import compress, htmlpage, runtime

from scripts import search

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATE = os.path.join(HERE, "sw.template.js")
WORKER = "sw.js"

SKIP_FILES = (WORKER, "sitemap.xml", "sitemap.xml.gz")
SKIP_SUFFIXES = (".map", ".gz", ".br")
# PyScript's lazily loaded chunks for its code editor, terminal and Pyodide: not used here.
# The theme's search, replaced by Pagefind's (scripts/search.py): no page loads it.
SKIP_PREFIXES = ("assets/vendor/pyscript/codemirror", "assets/vendor/pyscript/xterm",
                 "assets/vendor/pyscript/pyodide_graph", "assets/javascripts/lunr/", "assets/javascripts/workers/")
PYSCRIPT = "assets/vendor/pyscript/"
COMMON = ""  # the key of the files every language needs
# Pages stored when first opened: the whole playbook on one page and the handout packs (the contents
# list of scripts/printable.py and scripts/handouts.py: <nav class="print-contents">).
ON_DEMAND_CLASS = "print-contents"


def _pages(site_dir, paths=None, mentioning=""):
    """(relative path, elements, text) of the HTML pages of ``site_dir`` (or of ``paths`` in it); with
    ``mentioning``, only the pages whose text holds it are parsed (the others cannot match)."""
    if paths is None:
        paths = []
        for folder, _, names in os.walk(site_dir):
            paths += [os.path.relpath(os.path.join(folder, name), site_dir).replace(os.sep, "/")
                      for name in names if name.endswith(".html")]
    for path in paths:
        full = os.path.join(site_dir, *path.split("/"))
        with open(full, encoding="utf-8") as handle:
            text = handle.read()
        if mentioning in text:
            yield path, _elements(full, text), text


_PARSED = {}  # (file, its text's digest) -> its elements: a page read for the manifest is parsed once


def _elements(full, text):
    key = (full, hashlib.sha256(text.encode("utf-8")).digest())
    if key not in _PARSED:
        if len(_PARSED) > 1000:
            _PARSED.clear()
        _PARSED[key] = htmlpage.elements(text)
    return _PARSED[key]


# The calculators' modules and archives a page names (scripts/runtime.py).
PY = runtime.PY + "/"
PY_REFERENCE = re.compile(r"assets/py/([A-Za-z0-9_./-]+\.(?:tar|mpy|py|json))\b")


def pyscript_loaded(site_dir):
    """The names of PyScript's files that some page of ``site_dir`` loads (its script tags and preloads)."""
    found = set()
    for _, elements, _ in _pages(site_dir, mentioning=PYSCRIPT):
        for element in elements:
            url = element.attrs.get("src" if element.name == "script" else "href", "")
            if element.name in ("script", "link") and "/" + PYSCRIPT in "/" + url.split("?", 1)[0]:
                found.add(posixpath.basename(url.split("?", 1)[0]))
    return found


def wanted(path, languages=("ru", "en"), pyscript=None):
    """Whether the site file ``path`` (relative, with ``/``) belongs in the offline copy.

    ``pyscript``: the names of PyScript's files pages load (:func:`pyscript_loaded`); None keeps all.
    """
    if path in SKIP_FILES or path.endswith(SKIP_SUFFIXES[:1]) or path.startswith(SKIP_PREFIXES):
        return False
    if path.endswith(SKIP_SUFFIXES[1:]) and compress.compressible(path[:path.rindex(".")]):
        return False  # a precompressed copy (NAME.gz, NAME.br; x.tar.gz of x.tar too)
    if pyscript is not None and path.startswith(PYSCRIPT):
        return path[len(PYSCRIPT):] in pyscript
    return search.language_of(path) in (None,) + tuple(languages)  # no search of a language not offered


def url_of(path):
    """The address a page is opened at: ``index.html`` -> ``./``, ``x/index.html`` -> ``x/``."""
    if path == "index.html":
        return "./"
    if path.endswith("/index.html"):
        return path[:-len("index.html")]
    return path


def manifest(site_dir, languages=("ru", "en")):
    """``{path: sha256}`` of every file of ``site_dir`` an offline copy may hold (any language), paths with ``/``."""
    found = {}
    pyscript = pyscript_loaded(site_dir)
    for folder, _, names in os.walk(site_dir):
        for name in names:
            full = os.path.join(folder, name)
            path = os.path.relpath(full, site_dir).replace(os.sep, "/")
            if wanted(path, languages, pyscript):
                with open(full, "rb") as handle:
                    found[path] = hashlib.sha256(handle.read()).hexdigest()
    return dict(sorted(found.items()))


def language_of(path, languages=("ru", "en")):
    """The language a file belongs to (``COMMON`` for what every page shares).

    The other languages' folders (``en/…``) are theirs; pages outside them are the default language's
    (the first of ``languages``); a language's search files are its own (``search.language_of``);
    the rest is shared.
    """
    for lang in languages[1:]:
        if path.startswith(lang + "/"):
            return lang
    if path.endswith(".html"):
        return languages[0]
    return search.language_of(path) or COMMON


def on_demand(site_dir, files):
    """The files of a manifest stored only when first used: the pages holding a ``<nav class="print-contents">``,
    the calculators' files that only those pages name, and the modules pages fetch on demand."""
    pages, named = [], set()
    for path, elements, text in _pages(site_dir, [p for p in files if p.endswith(".html")]):
        if any(e.name == "nav" and ON_DEMAND_CLASS in e.classes() for e in elements):
            pages.append(path)
        else:
            named.update(PY + found for found in PY_REFERENCE.findall(text))
    fetched_later = set("%scalculators/%s" % (PY, name[:-3] + suffix)
                        for name in runtime.ON_DEMAND for suffix in (".mpy", ".py"))
    modules = [path for path in files if path.startswith(PY)
               and (path in fetched_later or (path not in named and not path.endswith(runtime.custom.FILE_NAME)))]
    return sorted(pages + modules)


def by_language(files, languages=("ru", "en"), later=()):
    """``{COMMON: [paths], lang: [paths] …}`` of a manifest, every language present even if empty.

    Paths in ``later`` (stored when opened) are left out.
    """
    split = dict((key, []) for key in [COMMON] + list(languages))
    for path in files:
        if path not in later:
            split[language_of(path, languages)].append(path)
    return split


def packed(files):
    """The files of a manifest the worker keeps compressed: the text files (by their names)."""
    return [path for path in files if compress.compressible(path)]


# The level of the browser's CompressionStream("gzip") (zlib's default).
PACKED_LEVEL = 6


def _sizes(site_dir, paths, packs=()):
    stored = compressed = kept = 0
    for path in paths:
        full = os.path.join(site_dir, *path.split("/"))
        size = os.path.getsize(full)
        stored += size
        compressed += os.path.getsize(full + ".gz") if os.path.exists(full + ".gz") else size
        if path in packs:
            with open(full, "rb") as handle:
                size = len(gzip.compress(handle.read(), compresslevel=PACKED_LEVEL, mtime=0))
        kept += size
    return {"files": len(paths), "bytes": stored, "gzip": compressed, "stored": kept}


def later_in(path, lang, languages):
    """Whether a file stored when first used belongs to ``lang``'s copy (shared ones to every copy)."""
    return language_of(path, languages) in (lang, COMMON)


def sizes(site_dir, languages=("ru", "en")):
    """``{lang: {"files", "bytes", "gzip", "stored", "later"}}``: what a reader's offline copy holds in each
    language.

    ``bytes`` decoded; ``gzip``: what downloading it costs from a server that sends the build's gzip
    copies (the file itself where it has none); ``stored``: what the copy takes on the device (the same:
    the worker keeps those copies); ``later``: the same for the files stored only when first used.
    """
    files = manifest(site_dir, languages)
    later = on_demand(site_dir, files)
    packs = set(packed(files))
    split = by_language(files, languages, later)
    found = {}
    for lang in languages:
        found[lang] = _sizes(site_dir, split[COMMON] + split[lang], packs)
        found[lang]["later"] = _sizes(site_dir, [path for path in later if later_in(path, lang, languages)], set())
    return found


def version(files):
    """A short version that changes whenever a listed file, or the list, changes."""
    text = json.dumps(files, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def service_worker(files, languages=("ru", "en"), later=(), packs=()):
    """The text of ``sw.js`` for a manifest: the addresses by language (``later``: stored when first
    used; ``packs``: kept as their gzip copy), the default language, the version."""
    with open(TEMPLATE, encoding="utf-8") as handle:
        template = handle.read()
    split = by_language(files, languages, later)
    urls = dict((key, [url_of(path) for path in paths]) for key, paths in split.items())
    pending = dict((lang, [url_of(path) for path in later if later_in(path, lang, languages)])
                   for lang in languages)
    text = template.replace('"__VERSION__"', json.dumps(version(files)))
    text = text.replace('"__DEFAULT__"', json.dumps(languages[0]))
    text = text.replace("__LATER__", json.dumps(pending, sort_keys=True, separators=(",", ":")))
    text = text.replace("__PACKED__", json.dumps(sorted(url_of(path) for path in packs if path not in later),
                                                 separators=(",", ":")))
    return text.replace("__FILES__", json.dumps(urls, sort_keys=True, separators=(",", ":")))


def write(site_dir, languages=("ru", "en")):
    """Write ``sw.js`` at the root of ``site_dir``; return its version."""
    files = manifest(site_dir, languages)
    # Written beside it, then put in its place: a browser checking for a new version while the file is
    # written (it does after each page it opens) must never read it half written, or empty, which is a
    # valid worker that does nothing.
    path = os.path.join(site_dir, WORKER)
    with open(path + ".part", "w", encoding="utf-8") as handle:
        handle.write(service_worker(files, languages, on_demand(site_dir, files), packed(files)))
    os.replace(path + ".part", path)
    return version(files)
