"""The playbook's Markdown markers as a Python-Markdown extension, for MkDocs or any generator that
uses Python-Markdown.

    ::: calculator NAME [preset=KEY]       a calculator, computed at build time (scripts/embed.py)
    ::: calculators-list                   every calculator with its summary
    ::: number-rules                       how numbers are typed (the catalogs' number_rules)
    ::: benchmark-results [table=NAME]     the benchmark's tables (scripts/speedpage.py)
    ::: exercise ID [heading=N]            an exercise, one source wherever shown (scripts/exercises.py)
    ::: programme ID [heading=N]           a workshop programme, its blocks adding up
    ::: join                               the join screen's address and QR code

A marker is a line of its own.  The extension swaps each for its HTML, kept in Python-Markdown's own
store of raw HTML, so Markdown never touches the markup.  An unknown name fails the conversion, naming
the file and the line.

An extension sees neither the page's path nor its language.  They come from :data:`page`: under MkDocs
a one-line hook sets it for every page (``markers.start(lang, src_uri, site_url)``).  Under another
generator nothing sets it, and the page is recognised by its text among the files of ``docs/<lang>/``
(:func:`prescan`, which also checks every marker of every page before the build starts).  The
calculators a page holds are left in ``page.calculators``: the pages that hold one load the runtime.
"""

import hashlib
import os
import re

import markdown
from markdown.preprocessors import Preprocessor

from scripts import embed, exercises

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCS = os.path.join(ROOT, "docs")
DEFAULT_LANG = "ru"
# What an exercise's or a programme's own Markdown may use (it is converted on its own).
INNER_EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition"]
FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)


class Page(object):
    """The page being converted: its language, its path inside ``docs/<lang>/`` and what it holds."""

    def __init__(self, lang=None, src_uri=None, site_url=None):
        self.lang = lang
        self.src_uri = src_uri
        self.site_url = site_url
        self.calculators = []


page = Page()
_known = None  # the pre-scan: {fingerprint: (lang, src_uri)}


def start(lang, src_uri, site_url=None):
    """Say which page is converted next (the MkDocs hook's one line); returns the record to read back."""
    global page
    if src_uri.startswith(lang + "/"):
        src_uri = src_uri[len(lang) + 1:]
    page = Page(lang, src_uri, site_url)
    return page


def forget():
    """No page is known: the next conversion finds its page by the pre-scan (as under another generator)."""
    global page
    page = Page()


def fingerprint(text):
    """The same for a page's file and for the Markdown a generator hands over: front matter, line
    endings and surrounding blank lines do not count."""
    body = FRONT_MATTER.sub("", text.replace("\r\n", "\n"), count=1)
    return hashlib.sha1(body.strip().encode("utf-8")).hexdigest()


def prescan(docs_dir=DOCS, check=True):
    """Index every ``docs/<lang>/**/*.md`` by its text, and (``check``) convert each page's markers once
    so that an unknown name stops the build with the file and line before any page is written."""
    global _known
    known = {}
    for lang in sorted(os.listdir(docs_dir)):
        base = os.path.join(docs_dir, lang)
        if not os.path.isdir(base) or lang.startswith(".") or lang == "assets":
            continue
        for folder, dirs, files in os.walk(base):
            dirs[:] = [d for d in dirs if d != "exercises"]
            for name in sorted(files):
                if not name.endswith(".md"):
                    continue
                path = os.path.join(folder, name)
                src_uri = os.path.relpath(path, base).replace(os.sep, "/")
                with open(path, encoding="utf-8-sig") as handle:
                    text = handle.read()
                known[fingerprint(text)] = (lang, src_uri)
                if check and ":::" in text:
                    expand(FRONT_MATTER.sub("", text, count=1), Page(lang, src_uri), stash=None)
    _known = known
    return known


def _page_for(text):
    if page.lang:
        return page
    known = _known if _known is not None else prescan(check=False)
    lang, src_uri = known.get(fingerprint(text), (DEFAULT_LANG, "page.md"))
    return Page(lang, src_uri)


def expand(text, where, stash):
    """``text`` with every marker replaced by its HTML (stored with ``stash``, which returns the text to
    put in its place; None: only check).  Records the page's calculators on ``where``."""
    label = "docs/%s/%s" % (where.lang, where.src_uri)
    text, embeds = embed.replace_markers(text, label, where.lang)
    text, blocks = embed.replace_workshop_markers(text, where.src_uri, where.lang, INNER_EXTENSIONS, {},
                                                  where.site_url)
    where.calculators = embeds
    if stash is None:
        return text
    counts = {}

    def calculator(match):
        name, preset = embeds[int(match.group(1))]
        counts[name] = counts.get(name, 0) + 1
        uid = "calc-%s-%d" % (name.replace("_", "-"), counts[name])
        return stash(embed.render(name, preset, where.lang, uid))

    text = embed.PLACEHOLDER_RE.sub(calculator, text)
    return embed.BLOCK_PLACEHOLDER_RE.sub(lambda match: stash(blocks[int(match.group(1))]), text)


class MarkersPreprocessor(Preprocessor):
    def run(self, lines):
        text = "\n".join(lines)
        if ":::" not in text:
            page.calculators = [] if page.lang else page.calculators
            return lines
        where = _page_for(text)
        return expand(text, where, self.md.htmlStash.store).split("\n")


class MarkersExtension(markdown.Extension):
    def extendMarkdown(self, md):
        # Before the raw-HTML block processor (priority 20) and anything that reads the text.
        md.preprocessors.register(MarkersPreprocessor(md), "clienting_markers", 29)


def makeExtension(**kwargs):
    return MarkersExtension(**kwargs)
