"""Sharing metadata of every page: description and Open Graph tags for link previews in messengers.

The description is decided once, while MkDocs still knows the page (``on_page_context`` in
``scripts/hooks.py``, :func:`description`): the page's front matter ``description`` or else the first
paragraph of its text, cut at a word boundary; the theme writes it in ``<meta name="description">``
(``overrides/main.html``).  The post-build step (``scripts/postbuild.py``, :func:`add_tags`) reads the
finished page with an HTML parser and adds, after its ``<title>``, the ``og:`` tags (title, description,
type, url, site name, locale and the other languages' locales) from what the page already says: its
``<title>``, that description, its canonical address and its ``lang``.

Without the site's address (``site_url`` empty: ``make site`` with no ``--site-url``), MkDocs writes no
canonical links and no ``og:url``, and :func:`drop_sitemap` removes the ``sitemap.xml`` it would fill
with relative addresses, which no search engine accepts.

``hreflang`` alternates between the two languages are in ``sitemap.xml`` (the language plugin writes
``<xhtml:link rel="alternate" hreflang=…>`` for every page), not in the pages: the theme fetches
``sitemap.xml`` next to every ``<link rel="alternate">`` of a page, which with per-page links is a
404 and a console error on every page (see ``overrides/main.html``).
"""

import html as html_lib
import os
import urllib.parse

from scripts import htmlpage

LOCALES = {"ru": "ru_RU", "en": "en_US"}
MAX_DESCRIPTION = 160

# Containers whose paragraphs are not the page's own prose (calculators' forms, admonitions, notes).
SKIPPED = ("form", "aside", "details", "nav", "figure")


def site_path(site_url):
    """The path of the site's address with a slash at both ends (``/playbook/``); ``/`` without one."""
    path = urllib.parse.urlsplit(site_url or "").path.strip("/")
    return "/" + path + "/" if path else "/"


def plain_text(fragment):
    """Text of an HTML fragment: tags dropped, entities decoded, white space collapsed."""
    return htmlpage.plain_text(fragment).replace(" ,", ",").replace(" .", ".")


def shorten(text, limit=MAX_DESCRIPTION):
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:—–-") + "…"


def _skipped(element):
    return any(node.name in SKIPPED or (node.name == "div" and "admonition" in node.classes())
               for node in [element] + list(element.ancestors()))


def first_paragraph(content):
    """The text of the first paragraph of a page's HTML body outside forms and admonitions, or ''."""
    content = content or ""
    for element in htmlpage.elements(content):
        if element.name == "p" and not _skipped(element):
            text = plain_text(htmlpage.inner(content, element))
            if len(text) >= 20:
                return text
    return ""


def description(front_matter, content, fallback):
    """Front matter ``description``, else the first paragraph, else ``fallback`` (the site's)."""
    given = (front_matter or {}).get("description")
    if given:
        return shorten(str(given))
    return shorten(first_paragraph(content)) or shorten(fallback or "")


def tags(title, text, url, lang, languages, site_name, page_type="article"):
    """The ``<meta>`` tags (one string, escaped) for one page."""
    def meta(attribute, key, value):
        return '<meta %s="%s" content="%s">' % (attribute, key, html_lib.escape(value, quote=True))

    lines = [meta("property", "og:type", page_type),
             meta("property", "og:site_name", site_name),
             meta("property", "og:title", title),
             meta("property", "og:description", text)]
    if url:
        lines.append(meta("property", "og:url", url))
    lines.append(meta("property", "og:locale", LOCALES.get(lang, lang)))
    for other in languages:
        if other != lang:
            lines.append(meta("property", "og:locale:alternate", LOCALES.get(other, other)))
    return "\n  ".join(lines)


def tags_edit(html, elements, site_name, languages):
    """The edit ``(at, at, text)`` that puts the Open Graph tags after the page's ``<title>``, or None
    (the page has its tags already, or has no ``<title>``): see :func:`add_tags`."""
    found = {}
    for element in elements:
        if element.name == "meta" and element.attrs.get("property") == "og:type":
            return None
        if element.name == "meta" and element.attrs.get("name") == "description":
            found.setdefault("description", element.attrs.get("content", ""))
        elif element.name == "link" and element.attrs.get("rel") == "canonical" and "://" in element.attrs.get("href", ""):
            found.setdefault("url", element.attrs["href"])  # a link preview needs the full address
        elif element.name == "html":
            found.setdefault("lang", element.attrs.get("lang", ""))
        elif element.name == "title" and element.close is not None:
            found.setdefault("title", (htmlpage.plain_text(htmlpage.inner(html, element)),
                                       html.index(">", element.close) + 1))
    if "title" not in found:
        return None
    title, at = found["title"]
    suffix = " - " + site_name
    home = title == site_name
    if title.endswith(suffix):
        title = title[:-len(suffix)]
    block = tags(title, found.get("description", ""), found.get("url"), found.get("lang", ""), languages,
                 site_name, "website" if home else "article")
    return (at, at, "\n  " + block)


def add_tags(html, site_name, languages):
    """``html`` (a finished page) with Open Graph tags after its ``<title>``, from the page itself.

    The title is the ``<title>`` less the `` - <site name>`` the theme appends (the home page's title is
    the site's name: an ``og:type`` of ``website``); the description is the page's
    ``<meta name="description">``; the address its ``<link rel="canonical">``; the locale its ``lang``.
    Unchanged: a page that has its tags already, or has no ``<title>``.
    """
    edit = tags_edit(html, htmlpage.elements(html), site_name, languages)
    return htmlpage.splice(html, [edit]) if edit else html


SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")
NO_ADDRESS = ("No site address (--site-url or CLIENTING_SITE_URL): the site is built without canonical "
              "links, link-preview addresses (og:url) and sitemap.xml, and its 404 page assumes it is served "
              "from the root of its host.")


def drop_sitemap(site_dir):
    """Remove the sitemaps MkDocs wrote into ``site_dir`` (relative addresses without ``site_url``);
    return the paths removed."""
    removed = []
    for name in SITEMAPS:
        path = os.path.join(site_dir, name)
        if os.path.exists(path):
            os.remove(path)
            removed.append(path)
    return removed
