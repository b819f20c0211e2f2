"""The built site holds together: every HTML file parses with balanced tags and unique ids, and every
internal link (pages, assets, #anchors) leads to something that exists, in both languages.

The site is the session's build (tests/conftest.py: ``site_url`` http://127.0.0.1:8000/playbook/).
Addresses are resolved as a browser would: relative to the page's own address, root-relative ones
(the 404 page's) against the site's path, absolute ones only when they point into the site itself.
"""

import os
import posixpath
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

import pytest

SITE_URL = "http://127.0.0.1:8000/playbook/"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
        "track", "wbr"}
# Elements whose end tag HTML lets a page leave out (the parser closes them by itself).
OPTIONAL_END = {"html", "head", "body", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
                "thead", "tbody", "tfoot", "colgroup", "caption", "rp", "rt"}
# Attributes that hold one address, by element.
ADDRESS_ATTRIBUTES = {"a": "href", "link": "href", "area": "href", "script": "src", "img": "src",
                      "source": "src", "iframe": "src", "video": "src", "audio": "src", "track": "src",
                      "embed": "src", "form": "action", "use": "href"}
NOT_FETCHED = ("mailto:", "tel:", "javascript:", "data:", "blob:")


class Page(HTMLParser):
    """One HTML file: its ids, the addresses it refers to, and what is wrong with its tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = []
        self.addresses = []
        self.problems = []
        self.open = []

    def where(self):
        line, column = self.getpos()
        return "line %d" % line

    def attributes(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids.append(value)
        if tag == "a" and values.get("name"):
            self.ids.append(values["name"])
        key = ADDRESS_ATTRIBUTES.get(tag)
        address = values.get(key) if key else None
        if tag == "use" and address is None:
            address = values.get("xlink:href")
        if address is not None:
            self.addresses.append((tag, address.strip(), self.where()))
        for candidate in (values.get("srcset") or "").split(","):
            if candidate.strip():
                self.addresses.append((tag, candidate.split()[0], self.where()))

    def handle_starttag(self, tag, attrs):
        self.attributes(tag, attrs)
        if tag not in VOID:
            self.open.append((tag, self.where()))

    def handle_startendtag(self, tag, attrs):
        self.attributes(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        names = [name for name, _ in self.open]
        if tag not in names:
            self.problems.append("%s: </%s> closes nothing that is open" % (self.where(), tag))
            return
        while self.open:
            name, opened = self.open.pop()
            if name == tag:
                return
            if name not in OPTIONAL_END:
                self.problems.append("%s: </%s> while <%s> from %s is still open" % (self.where(), tag, name, opened))

    def close(self):
        super().close()
        for name, opened in self.open:
            if name not in OPTIONAL_END:
                self.problems.append("<%s> from %s is never closed" % (name, opened))


def site_files(site_dir):
    found = []
    for folder, _, files in os.walk(site_dir):
        for name in files:
            found.append(os.path.relpath(os.path.join(folder, name), site_dir).replace(os.sep, "/"))
    return set(found)


@pytest.fixture(scope="module")
def site(built_site):
    """{relative path of each HTML file: parsed Page}, and the set of all files."""
    root = str(built_site)
    files = site_files(root)
    pages = {}
    for path in sorted(f for f in files if f.endswith(".html")):
        parser = Page()
        with open(os.path.join(root, path), encoding="utf-8") as handle:
            parser.feed(handle.read())
        parser.close()
        pages[path] = parser
    return pages, files


def page_address(path):
    """The address a page is served at, under the site's URL: "en/glossary/index.html" -> ".../en/glossary/"."""
    return SITE_URL + (path[:-len("index.html")] if path.endswith("index.html") else path)


def resolve(page_path, address):
    """(file path inside the site or None if it points outside, fragment) for an address on a page."""
    if address.startswith(NOT_FETCHED):
        return None, None
    absolute = urljoin(page_address(page_path), address)
    parts = urlsplit(absolute)
    site = urlsplit(SITE_URL)
    if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
        return None, None
    path = unquote(parts.path)
    if not path.startswith(site.path):
        return "../" + path, unquote(parts.fragment)  # inside the host, outside the site: cannot exist
    inside = posixpath.normpath(path[len(site.path):]) if path != site.path else ""
    if inside == ".":
        inside = ""
    if path.endswith("/") or inside == "":
        inside = (inside + "/index.html").lstrip("/")
    return inside, unquote(parts.fragment)


def test_site_has_pages_in_both_languages(site):
    pages, _ = site
    assert "index.html" in pages and "en/index.html" in pages and "404.html" in pages and "en/404.html" in pages
    russian = {p for p in pages if not p.startswith("en/")}
    english = {p[len("en/"):] for p in pages if p.startswith("en/")}
    assert russian == english


def test_every_html_file_is_well_formed(site):
    pages, _ = site
    problems = []
    for path, page in sorted(pages.items()):
        problems += ["%s %s" % (path, problem) for problem in page.problems]
        seen = set()
        for ident in page.ids:
            if ident in seen:
                problems.append("%s: id %r appears more than once" % (path, ident))
            seen.add(ident)
    assert not problems, "\n".join(problems[:50])


def test_every_internal_link_and_anchor_resolves(site):
    pages, files = site
    broken = []
    checked = 0
    for path, page in sorted(pages.items()):
        for tag, address, where in page.addresses:
            if not address:
                broken.append("%s %s: <%s> with an empty address" % (path, where, tag))
                continue
            target, fragment = resolve(path, address)
            if target is None:
                continue
            checked += 1
            if target not in files:
                directory_page = target.rstrip("/") + "/index.html"
                if directory_page in files:
                    target = directory_page
                else:
                    broken.append("%s %s: %s -> %s does not exist" % (path, where, address, target))
                    continue
            if fragment and target.endswith(".html") and fragment not in pages[target].ids:
                broken.append("%s %s: %s -> no id %r in %s" % (path, where, address, fragment, target))
    assert checked > 1000, checked  # the check saw the site's links
    assert not broken, "%d broken internal links:\n%s" % (len(broken), "\n".join(broken[:60]))


def test_pages_work_from_any_path(site):
    """Every address in a page is relative (README: the site works served from any path), except on the
    404 page, which a server shows at any depth and so starts its links at the site's path."""
    pages, _ = site
    rooted = []
    for path, page in sorted(pages.items()):
        for tag, address, where in page.addresses:
            if address.startswith("/") and not address.startswith("//"):
                if not path.endswith("404.html") or not address.startswith(urlsplit(SITE_URL).path):
                    rooted.append("%s %s: <%s> %s" % (path, where, tag, address))
    assert not rooted, "\n".join(rooted[:40])


def test_checks_catch_what_they_are_for():
    """The parser and the resolver themselves: a broken page and broken links are reported."""
    page = Page()
    page.feed('<div><p>one<span>two</div><ul><li>a<li>b</ul><section><em>x</section></strong>')
    page.close()
    assert any("</div> while <span>" in p for p in page.problems)
    assert any("</section> while <em>" in p for p in page.problems)
    assert any("</strong> closes nothing" in p for p in page.problems)
    assert not any("<li>" in p or "<p>" in p for p in page.problems)
    assert resolve("en/glossary/index.html", "../calculators/#top") == ("en/calculators/index.html", "top")
    assert resolve("404.html", "/playbook/en/?q=") == ("en/index.html", "")
    assert resolve("index.html", "assets/a%20b.css") == ("assets/a b.css", "")
    assert resolve("index.html", "https://example.org/") == (None, None)
    assert resolve("index.html", "mailto:someone@example.org") == (None, None)
    assert resolve("index.html", "/elsewhere/")[0].startswith("../")
    assert resolve("index.html", SITE_URL + "glossary/#cac") == ("glossary/index.html", "cac")
