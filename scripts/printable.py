"""The whole playbook on one page, for print: every chapter in the order of the navigation, then the glossary.

The page ``print.md`` (front matter ``printable: true``) is built like any page.  The post-build step
(``scripts/postbuild.py``, :func:`fill_site`) then appends, after its own text, a table of contents and
the content of those pages as built (each page's ``<article>``, read with the HTML parser), whatever
generator built them: the order is the ``nav`` of ``mkdocs.yml``.  While MkDocs renders the page, the
hook (:func:`prepare`) gives it what only MkDocs' page objects know: the chapters in its sidebar table
of contents and the chapters' calculators in ``page.meta["calculators"]``, so it loads the runtime
like any page with a calculator and they go live: what prints is what is on screen.

Each copied page is rewritten to live inside the printable one:

- ids are prefixed with the page's slug (``story`` -> ``after-the-sale--story``), and so are the
  references to them (``href="#…"``, ``for``, ``aria-labelledby``/``aria-describedby``, ``url(#…)``);
- a chapter's title becomes an ``<h2 id="after-the-sale">`` and its headings move one level down;
- links to another copied page point into this page (``#glossary--cac``); other relative links are
  re-based on the printable page's address;
- the calculators come along as built (the chapters' examples, values and chart).
"""

import html as html_lib
import posixpath
import re

import os

from scripts import htmlpage

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
# Where the printable page is built, in each language's folder.
PAGE = "print/index.html"


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


def prepare(page, nav):
    """While MkDocs renders the printable page: the chapters in its table of contents, their
    calculators in its ``page.meta["calculators"]`` (call it before the page's runtime is chosen)."""
    if not is_printable(page):
        return
    from mkdocs.structure.toc import AnchorLink

    parts = included(nav.pages)
    calculators = []
    links = []
    for part in parts:
        calculators.extend(part.meta.get("calculators") or [])
        links.append(AnchorLink(part.title or slug(part.file.src_uri), slug(part.file.src_uri), 2))
    page.meta["calculators"] = list(page.meta.get("calculators") or []) + calculators
    toc = page.toc
    if toc is not None and len(toc.items) and toc.items[0].level == 1:
        toc.items[0].children = list(toc.items[0].children) + links


def source_url(src):
    """The address a page of ``docs/<lang>/`` is built at: ``chapters/x.md`` -> ``chapters/x/``."""
    stem = posixpath.splitext(src)[0]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[:-len("index")]
    return stem + "/"


def article(html, elements=None):
    """(start, end) of the content of a built page's ``<article>``, white space at both ends left out."""
    for element in htmlpage.elements(html) if elements is None else elements:
        if element.name == "article" and element.close is not None:
            inner = html[element.end:element.close]
            start = element.end + len(inner) - len(inner.lstrip())
            return start, element.end + len(inner.rstrip())
    return None


def title_of(html, site_name, elements=None):
    """A built page's title: its ``<title>`` less the `` - <site name>`` the theme appends."""
    for element in htmlpage.elements(html) if elements is None else elements:
        if element.name == "title":
            text = htmlpage.plain_text(htmlpage.inner(html, element))
            suffix = " - " + site_name
            return text[:-len(suffix)] if text.endswith(suffix) else text
    return ""


def built_part(html, site_name):
    """(title, content of its ``<article>`` or None) of a built page, from one reading."""
    elements = htmlpage.elements(html)
    where = article(html, elements)
    return title_of(html, site_name, elements), html[where[0]:where[1]] if where else None


def fill_page(html, lang, folder, nav, read, site_name):
    """The printable page ``html`` (at ``<folder>print/``) with the chapters appended and listed.

    ``nav``: the pages' sources in navigation order (``chapters/x.md``…); ``read(path)``: the text of a
    built page of the site (relative path).  Unchanged when it holds its chapters already.
    """
    if any(e.name == "nav" and "print-contents" in e.classes() for e in htmlpage.elements(html)):
        return html
    lang = lang if lang in TEXTS else "en"
    parts = [src for src in nav if CHAPTER.search(src)] + [src for src in nav if APPENDIX.search(src)]
    to_url = folder + "print/"
    anchors = dict((_page_path(folder + source_url(src)), slug(src)) for src in parts)
    contents = ['<nav class="print-contents" aria-labelledby="print-contents">',
                '<h2 id="print-contents">%s</h2>' % html_lib.escape(TEXTS[lang]["contents"]), "<ol>"]
    body = []
    for src in parts:
        url = folder + source_url(src)
        title, content = built_part(read(url + "index.html"), site_name)
        if content is None:
            raise ValueError("printable page %s: %sindex.html has no <article>" % (to_url, url))
        prefix = slug(src)
        contents.append('<li><a href="#%s">%s</a></li>' % (prefix, html_lib.escape(title or prefix)))
        body.append(chapter_html(content, prefix, url, to_url, anchors))
    contents.append("</ol>\n</nav>")
    where = article(html)
    if where is None:
        raise ValueError("printable page %s has no <article>" % to_url)
    return htmlpage.splice(html, [(where[1], where[1], "\n".join(contents) + "\n" + "\n".join(body))])


def fill_site(site_dir, languages, nav, site_names):
    """Fill the printable page of each language folder of ``site_dir`` (``languages``: ``{lang: folder}``,
    the folder ``""`` or ``"en/"``); return the pages filled."""
    def read(path):
        full = os.path.join(site_dir, *path.split("/"))
        if not os.path.exists(full):
            raise ValueError("printable page: %s was not built" % path)
        with open(full, encoding="utf-8") as handle:
            return handle.read()

    filled = []
    for lang, folder in sorted(languages.items()):
        path = os.path.join(site_dir, *(folder + PAGE).split("/"))
        if not os.path.exists(path):
            continue
        html = read(folder + PAGE)
        done = fill_page(html, lang, folder, nav, read, site_names.get(lang, ""))
        if done != html:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(done)
            filled.append(path)
    return filled
