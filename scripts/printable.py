"""The whole playbook on one page, for print: every chapter in the order of the navigation, then the glossary.

A page whose front matter says ``printable: true`` (``docs/<lang>/print.md``) gets, after its own text,
a table of contents and the rendered content of those pages.  MkDocs renders every page's Markdown
before it writes any page, so by the time the printable page reaches ``on_page_context`` the other
pages' HTML is there to copy.  Each copied page is rewritten to live inside the printable one:

- ids are prefixed with the page's slug (``story`` -> ``after-the-sale--story``), and so are the
  references to them (``href="#…"``, ``for``, ``aria-labelledby``/``aria-describedby``, ``url(#…)``);
- a chapter's title becomes an ``<h2 id="after-the-sale">`` and its headings move one level down;
- links to another copied page point into this page (``#glossary--cac``); other relative links are
  re-based on the printable page's address;
- the calculators come along as rendered at build time (the chapters' examples, values and chart);
  the page lists them in ``page.meta["calculators"]``, so it loads the runtime like any page with a
  calculator and they go live: what prints is what is on screen.
"""

import html as html_lib
import posixpath
import re

from mkdocs.structure.toc import AnchorLink

CHAPTER = re.compile(r"(?:^|/)chapters/(?!index\.md$)[^/]+\.md$")
APPENDIX = re.compile(r"(?:^|/)glossary\.md$")

TEXTS = {"ru": {"contents": "Содержание"}, "en": {"contents": "Contents"}}

ID_ATTR = re.compile(r'(\s(?:id|for))="([^"]+)"')
ID_LIST_ATTR = re.compile(r'(\saria-(?:labelledby|describedby|controls|owns))="([^"]+)"')
LOCAL_HREF = re.compile(r'(\s(?:href|xlink:href))="#([^"]*)"')
URL_REF = re.compile(r"url\(#([^)]+)\)")
LINK_ATTR = re.compile(r'(\s(?:href|src))="([^"#][^"]*)"')
HEADING = re.compile(r"<(/?)h([1-5])\b")
FIRST_H1 = re.compile(r'<h1 id="([^"]*)"')
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


def is_printable(page):
    """The whole playbook's page (``printable: true``); a handout pack says ``printable: programme-<id>``."""
    return page.meta.get("printable") is True


def slug(src_uri):
    """``en/chapters/after-the-sale.md`` -> ``after-the-sale``."""
    return posixpath.splitext(posixpath.basename(src_uri))[0]


def prefix_ids(html, prefix):
    """Prefix every id, and every same-page reference to one, with ``prefix--``."""
    def one(value):
        return "%s--%s" % (prefix, value)

    html = ID_ATTR.sub(lambda m: '%s="%s"' % (m.group(1), one(m.group(2))), html)
    html = ID_LIST_ATTR.sub(lambda m: '%s="%s"' % (m.group(1), " ".join(one(v) for v in m.group(2).split())), html)
    html = LOCAL_HREF.sub(lambda m: '%s="#%s"' % (m.group(1), one(m.group(2)) if m.group(2) else prefix), html)
    return URL_REF.sub(lambda m: "url(#%s)" % one(m.group(1)), html)


def _page_path(url):
    """A page address without ``index.html`` and slashes at the ends: ``en/chapters/x/`` -> ``en/chapters/x``."""
    path = url.split("#", 1)[0].split("?", 1)[0]
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    path = posixpath.normpath(path.strip("/")) if path.strip("/") else ""
    return "" if path == "." else path


def rebase_links(html, from_url, to_url, anchors, present=None):
    """Make the relative links of a page at ``from_url`` work from ``to_url``.

    ``anchors`` maps page addresses (as ``_page_path`` gives them) to the prefix of their copy in
    the printable page: links to those pages become same-page links.  ``present`` maps the pages
    copied only in part (some sections) to the ids their copy holds: a link to anything else of such
    a page, or to the page itself, stays a link to that page.
    """
    present = present or {}
    source = _page_path(from_url)
    target_dir = _page_path(to_url)

    def fix(match):
        attr, value = match.group(1), html_lib.unescape(match.group(2))
        if EXTERNAL.match(value) or value.startswith("/"):
            return match.group(0)
        path, sep, fragment = value.partition("#")
        resolved = _page_path(posixpath.join(source, path)) if path else source
        partial = present.get(resolved)
        if partial is not None and (not fragment or fragment not in partial):
            resolved_in_copy = False
        else:
            resolved_in_copy = resolved in anchors
        if resolved_in_copy and attr.strip() == "href":
            prefix = anchors[resolved]
            return '%s="#%s"' % (attr, "%s--%s" % (prefix, fragment) if fragment else prefix)
        relative = posixpath.relpath(resolved or ".", target_dir or ".")
        if path.endswith("/") and not relative.endswith("/"):
            relative += "/"
        return '%s="%s%s"' % (attr, html_lib.escape(relative, quote=True), sep + fragment if sep else "")

    return LINK_ATTR.sub(fix, html)


def demote_headings(html):
    """h1 -> h2 … h5 -> h6: the copied pages sit under the printable page's own title."""
    return HEADING.sub(lambda m: "<%sh%d" % (m.group(1), int(m.group(2)) + 1), html)


def chapter_html(content, prefix, from_url, to_url, anchors, present=None):
    """One page's rendered content, rewritten to live inside the printable page (``present``: see
    :func:`rebase_links`)."""
    title = FIRST_H1.search(content)
    html = prefix_ids(content, prefix)
    if title:
        # The title's own id (now "prefix--its-id") becomes the chapter's anchor, "prefix".
        old = "%s--%s" % (prefix, title.group(1))
        html = html.replace(' id="%s"' % old, ' id="%s" class="print-chapter-title"' % prefix, 1)
        html = html.replace(' href="#%s"' % old, ' href="#%s"' % prefix)
    html = rebase_links(html, from_url, to_url, anchors, present)
    html = demote_headings(html)
    return '<div class="print-chapter" data-source="%s">\n%s\n</div>' % (html_lib.escape(from_url, quote=True), html)


def sheets_html(content, prefix, from_url, to_url, anchors, present=None):
    """Sheets of the workshop kit (h2 sections with the class clc-print-sheet), rewritten like a
    chapter but with their headings kept: each sheet stays an h2 that starts a printed page."""
    html = rebase_links(prefix_ids(content, prefix), from_url, to_url, anchors, present)
    return '<div class="print-kit" data-source="%s">\n%s\n</div>' % (html_lib.escape(from_url, quote=True), html)


def included(pages):
    """The pages to print, in navigation order: the chapters, then the glossary."""
    chapters = [p for p in pages if CHAPTER.search(p.file.src_uri)]
    appendix = [p for p in pages if APPENDIX.search(p.file.src_uri)]
    return chapters + appendix


def fill(page, nav, lang):
    """Append the chapters to a printable page's content and list them in its table of contents.

    Call it before the page's runtime is chosen: it adds the chapters' calculators to the page's own.
    """
    if not is_printable(page):
        return
    lang = lang if lang in TEXTS else "en"
    parts = included(nav.pages)
    missing = [p.file.src_uri for p in parts if p.content is None]
    if missing:
        raise ValueError("printable page %s: not rendered yet: %s" % (page.file.src_uri, ", ".join(missing)))
    anchors = dict((_page_path(p.url), slug(p.file.src_uri)) for p in parts)
    contents = ['<nav class="print-contents" aria-labelledby="print-contents">',
                '<h2 id="print-contents">%s</h2>' % html_lib.escape(TEXTS[lang]["contents"]), "<ol>"]
    body = []
    links = []
    calculators = []
    for part in parts:
        prefix = slug(part.file.src_uri)
        title = part.title or prefix
        contents.append('<li><a href="#%s">%s</a></li>' % (prefix, html_lib.escape(title)))
        body.append(chapter_html(part.content, prefix, part.url, page.url, anchors))
        calculators.extend(part.meta.get("calculators") or [])
        links.append(AnchorLink(title, prefix, 2))
    contents.append("</ol>\n</nav>")
    page.content = (page.content or "") + "\n".join(contents) + "\n" + "\n".join(body)
    page.meta["calculators"] = list(page.meta.get("calculators") or []) + calculators
    toc = page.toc
    if toc is not None and len(toc.items) and toc.items[0].level == 1:
        toc.items[0].children = list(toc.items[0].children) + links
