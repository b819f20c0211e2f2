"""Sharing metadata of every page: description and Open Graph tags for link previews in messengers.

Called from ``on_post_page`` (``scripts/hooks.py``): ``add_tags(html, …)`` puts, after the page's
``<title>``, a ``<meta name="description">`` and ``og:`` tags (title, description, type, url, site
name, locale and the other language's locale).  The description is the page's front matter
``description`` or else the first paragraph of its text, cut at a word boundary.

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
import re
import urllib.parse

LOCALES = {"ru": "ru_RU", "en": "en_US"}
MAX_DESCRIPTION = 160

PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S | re.I)
TAG = re.compile(r"<[^>]+>")
# Containers whose paragraphs are not the page's own prose (calculators' forms, admonitions, notes).
SKIPPED_BLOCK = re.compile(r"<(form|aside|details|nav|figure|div class=\"admonition)\b.*?</\1\b[^>]*>"
                           r"|<div class=\"admonition\b.*?</div>", re.S | re.I)
TITLE = re.compile(r"</title>", re.I)
EXISTING_DESCRIPTION = re.compile(r"\s*<meta name=\"description\"[^>]*>", re.I)


def site_path(site_url):
    """The path of the site's address with a slash at both ends (``/playbook/``); ``/`` without one."""
    path = urllib.parse.urlsplit(site_url or "").path.strip("/")
    return "/" + path + "/" if path else "/"


def plain_text(fragment):
    """Text of an HTML fragment: tags dropped, entities decoded, white space collapsed."""
    return " ".join(html_lib.unescape(TAG.sub(" ", fragment)).split()).replace(" ,", ",").replace(" .", ".")


def shorten(text, limit=MAX_DESCRIPTION):
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:—–-") + "…"


def first_paragraph(content):
    """The text of the first paragraph of a page's HTML body outside forms and admonitions, or ''."""
    content = SKIPPED_BLOCK.sub(" ", content or "")
    for match in PARAGRAPH.finditer(content):
        text = plain_text(match.group(1))
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

    lines = [meta("name", "description", text),
             meta("property", "og:type", page_type),
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


def add_tags(html, title, front_matter, content, url, lang, languages, site_name, fallback, page_type):
    """``html`` with its description replaced by the page's own and Open Graph tags after ``<title>``."""
    found = TITLE.search(html)
    if not found:
        return html
    block = tags(title, description(front_matter, content, fallback), url, lang, languages, site_name, page_type)
    head, rest = html[:found.end()], html[found.end():]
    head = EXISTING_DESCRIPTION.sub("", head)
    rest_head, sep, body = rest.partition("</head>")
    rest_head = EXISTING_DESCRIPTION.sub("", rest_head)
    return head + "\n  " + block + rest_head + sep + body


def for_page(html, page, config):
    """``add_tags`` for a MkDocs ``page`` in the build's ``config`` (the language being built)."""
    lang = config["theme"]["language"]
    languages = [item["locale"] for item in config["plugins"]["i18n"].config["languages"]]
    home = page.is_homepage
    title = config["site_name"] if home or not page.title else page.title
    return add_tags(html, title, page.meta, page.content, page.canonical_url, lang, languages,
                    config["site_name"], config.get("site_description"), "website" if home else "article")


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
