"""Build face: the site's search index, written by Pagefind over the finished site.

    python3 scripts/search.py SITE_DIR

:func:`index` runs Pagefind (the npm package ``pagefind``, pinned in ``package-lock.json``) over a built
folder, whatever generator built it, and writes ``pagefind/`` at its root: one index per language,
split into chunks and fragments that a query fetches only as it needs them, with Russian and English
stemming (Pagefind picks each page's language from ``<html lang>``).  Pages say what is indexed:

- ``data-pagefind-body`` marks the text of a page worth finding: the post-build step that finishes
  each page (``scripts/postbuild.py``, :func:`mark_edit`) puts it on the ``<article>`` of every page whose head does not say ``<meta name="clienting-search"
  content="exclude">`` (``overrides/main.html`` says it on the printable pages, whose chapters are
  found as chapters, and on pages whose front matter says ``search: exclude``); once any page carries
  it, pages without it (the 404 pages, the print pages) are left out, and so are the header, the
  navigation and the footer.  The page's markup is left as the theme writes it (no box around the
  text: presenter mode and print cut the article's children into sections);
- ``data-pagefind-ignore`` marks what is inside that text but not worth finding: the calculators'
  forms, the join screen, the programmes' timetables, the benchmark's tables.

The page's script (``assets/search.js``) draws its own small list of results over Pagefind's API
(``pagefind/pagefind.js``), loaded only when a reader opens the search.  The interfaces Pagefind writes
(its Component, Default and Modular UI, the highlighting script) and the index for pages without a
language are not used: they are removed, so neither the site nor its offline copy carries them.

``pagefind/chunks.json`` lists each language's index chunks (``{"ru": ["index/ru_….pf_index", …]}``):
once the first results are shown, the page fetches the rest of its language's chunks while idle, so
the next query finds them at hand.
"""

import gzip
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from scripts import htmlpage  # noqa: E402

NODE_MODULES = os.path.join(ROOT, "node_modules")
# The npm package's runner: it starts the binary of this platform (an optional dependency, @pagefind/<platform>).
RUNNER = os.path.join(NODE_MODULES, "pagefind", "lib", "runner", "bin.cjs")
BUNDLE = "pagefind"  # the folder Pagefind writes at the site's root
ENTRY = "pagefind-entry.json"
CHUNKS = "chunks.json"  # ours: each language's index chunks, for the page to fetch ahead
UNUSED = ("pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-ui.js", "pagefind-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js", "wasm.unknown.pagefind")
# A language's own files in the bundle: its WebAssembly, its metadata, its index chunks and fragments.
LANGUAGE_FILE = re.compile(r"^%s/(?:wasm\.([a-z-]+)\.pagefind|pagefind\.([a-z-]+)_[0-9a-f]+\.pf_meta"
                           r"|(?:index|fragment|filter)/([a-z-]+)_[0-9a-f]+\.pf_[a-z]+)$" % BUNDLE)


class SearchError(Exception):
    """Pagefind is missing or failed."""


# Inside the indexed text but not worth finding: the headings' "¶" permalinks (toc's permalink).
EXCLUDE = (".headerlink",)


def command(site_dir):
    """The command that indexes ``site_dir`` (Pagefind's own defaults otherwise)."""
    return ["node", RUNNER, "--site", site_dir, "--output-subdir", BUNDLE, "--exclude-selectors",
            ", ".join(EXCLUDE), "--quiet"]


BODY = " data-pagefind-body"
LEAVE_OUT = ("clienting-search", "exclude")  # <meta name=… content=…> on a page search leaves out


def mark_edit(elements):
    """The edit ``(at, at, text)`` that puts ``data-pagefind-body`` on the page's ``<article>``, or None:
    the page has no article, is marked already, or says search leaves it out."""
    if any(e.name == "meta" and (e.attrs.get("name"), e.attrs.get("content")) == LEAVE_OUT for e in elements):
        return None
    article = next((e for e in elements if e.name == "article"), None)
    if article is None or "data-pagefind-body" in article.attrs:
        return None
    at = article.start + len("<article")
    return (at, at, BODY)


def mark(html):
    """``html`` with ``data-pagefind-body`` on its ``<article>`` (see :func:`mark_edit`)."""
    edit = mark_edit(htmlpage.elements(html))
    return htmlpage.splice(html, [edit]) if edit else html


def index(site_dir):
    """Index the built site in ``site_dir``; return ``{language: pages indexed}``."""
    if not os.path.exists(RUNNER):
        raise SearchError("%s is missing: run `npm ci` (or `make site`) to install Pagefind" % RUNNER)
    done = subprocess.run(command(site_dir), capture_output=True, text=True)
    if done.returncode != 0:
        raise SearchError("Pagefind failed on %s:\n%s%s" % (site_dir, done.stdout, done.stderr))
    bundle = os.path.join(site_dir, BUNDLE)
    for name in os.listdir(bundle):
        if name in UNUSED or any(name.startswith(unused + ".") for unused in UNUSED):  # with .gz/.br copies
            os.remove(os.path.join(bundle, name))
    with open(os.path.join(bundle, ENTRY), encoding="utf-8") as handle:
        entry = json.load(handle)
    chunks = dict((lang, sorted("index/" + name for name in os.listdir(os.path.join(bundle, "index"))
                                if name.startswith(lang + "_"))) for lang in entry["languages"])
    with open(os.path.join(bundle, CHUNKS), "w", encoding="utf-8") as handle:
        json.dump(chunks, handle, sort_keys=True, separators=(",", ":"))
    return dict((lang, found["page_count"]) for lang, found in entry["languages"].items())


def pages(site_dir, lang):
    """What the index holds of a language's pages: ``[{"url", "title", "content"}]``, read back from
    Pagefind's fragments (gzip, a signature, then JSON), sorted by address."""
    folder = os.path.join(site_dir, BUNDLE, "fragment")
    found = []
    for name in sorted(os.listdir(folder)):
        if name.startswith(lang + "_"):
            with open(os.path.join(folder, name), "rb") as handle:
                data = gzip.decompress(handle.read())
            fragment = json.loads(data[data.index(b"{"):].decode("utf-8"))
            found.append({"url": fragment["url"], "title": fragment["meta"].get("title", ""),
                          "content": fragment["content"]})
    return sorted(found, key=lambda page: page["url"])


def language_of(path):
    """The language whose search a site file (relative, with ``/``) belongs to; None for the UI and
    the files every language shares, and for anything outside the bundle."""
    found = LANGUAGE_FILE.match(path)
    if not found:
        return None
    return next(group for group in found.groups() if group)


def main(argv):
    if len(argv) != 2:
        print("usage: python3 scripts/search.py SITE_DIR", file=sys.stderr)
        return 2
    for lang, pages in sorted(index(argv[1]).items()):
        print("%s: %d pages indexed" % (lang, pages))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
