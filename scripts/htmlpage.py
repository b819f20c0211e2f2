"""Reading and changing built HTML with Python's own HTML parser (``html.parser``), not regular expressions.

:func:`elements` lists a page's elements with the offsets where the parser found them; changes are
splices at those offsets (:func:`splice`), so everything else stays byte for byte as the generator
wrote it.  Re-serialising a parsed tree would re-quote attributes, re-encode entities and re-indent:
a page would change in ways nobody asked for.  The parser follows the HTML rules that matter here:
``<script>`` and ``<style>`` hold raw text (a ``<p>`` inside a script is not an element), void elements
(``<meta>``, ``<input>``…) have no end tag, attribute values are unquoted and decoded, names lower-cased.
"""

import html as html_lib
import re
from html.parser import HTMLParser

VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                  "track", "wbr", "param"))


class Element:
    """One element: ``name``, ``attrs`` (a dict, the first of a repeated attribute wins), ``start`` and
    ``end`` (the offsets of its start tag), ``close`` (where its end tag starts; None for void or
    unclosed elements) and ``parent``."""

    __slots__ = ("name", "attrs", "start", "end", "close", "parent")

    def __init__(self, name, attrs, start, end, parent):
        self.name, self.start, self.end, self.close, self.parent = name, start, end, None, parent
        self.attrs = {}
        for key, value in attrs:
            self.attrs.setdefault(key, "" if value is None else value)

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def classes(self):
        return self.attrs.get("class", "").split()

    def __repr__(self):
        return "<%s %r at %d>" % (self.name, self.attrs, self.start)


NEWLINE = re.compile("\n")


class _Lister(HTMLParser):
    def __init__(self, text):
        HTMLParser.__init__(self, convert_charrefs=True)
        self.lines = [0] + [found.end() for found in NEWLINE.finditer(text)]  # where each line starts
        self.text, self.found, self.open = text, [], []

    def _offset(self):
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag, attrs):
        start = self._offset()
        element = Element(tag, attrs, start, start + len(self.get_starttag_text()),
                          self.open[-1] if self.open else None)
        self.found.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        start = self._offset()
        self.found.append(Element(tag, attrs, start, start + len(self.get_starttag_text()),
                                  self.open[-1] if self.open else None))

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth].name == tag:
                self.open[depth].close = self._offset()
                del self.open[depth:]
                return


def elements(text):
    """Every element of the HTML ``text`` (a page or a fragment), in document order."""
    lister = _Lister(text)
    lister.feed(text)
    lister.close()
    return lister.found


def inner(text, element):
    """The source text between an element's start and end tags ('' when it has no end tag)."""
    return text[element.end:element.close] if element.close is not None else ""


class _Text(HTMLParser):
    def __init__(self):
        HTMLParser.__init__(self, convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs=None):
        self.parts.append(" ")

    handle_endtag = handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(fragment):
    """The text of an HTML fragment: a space for every tag, entities decoded, white space collapsed."""
    reader = _Text()
    reader.feed(fragment)
    reader.close()
    return " ".join("".join(reader.parts).split())


def splice(text, edits):
    """``text`` with each ``(start, end, replacement)`` applied (offsets into the original ``text``)."""
    for start, end, replacement in sorted(edits, key=lambda edit: (edit[0], edit[1]), reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def attribute(value):
    """A value escaped for a double-quoted attribute."""
    return html_lib.escape(value, quote=True)
