"""Handout packs: for each workshop programme, one printable page with what its session hands out.

A pack is a page whose front matter says ``printable: programme-<id>`` (``docs/<lang>/print/<id>.md``,
nothing else in the file); the guide's programmes link to it ("Print the handouts").  Its content
is derived from one source, the programme (``docs/<lang>/programmes.yml``) and the exercises its
blocks run, by :func:`selection`:

- **chapters**: the chapters the blocks' targets point into, in programme order, each once;
- **templates**: the sections of ``templates.md`` that a block targets or that a block's procedure or
  exercise links to (only those, not the whole page), in the order the session first needs them;
- **kit sheets**: the sheets (``## Title {#anchor .clc-print-sheet}``) of the workshop kit
  (``kit/*.md``) that a block targets or that a procedure or exercise links to.  A link to a section
  inside a sheet takes the sheet; a link to a kit page without an anchor takes all its sheets.
  Sheets of one kit page stay together, in the page's order (an answer key stays last), and the
  kit pages come in the order the session first needs them.

Nothing else: not the join screen, the calculators' own pages, the guide, the glossary or the kit's
index.  At build time :func:`fill` copies those parts' rendered HTML into the pack, through the same
rewriting as the whole playbook (``scripts/printable.py``): ids prefixed with their page's slug,
links between copied parts made same-page links, other links re-based; a chapter's title opens a
new page, and every kit sheet does too.  Trainer notes stay out of print unless the print-notes
switch is on (``assets/print.css``); the chapters' calculators come along and go live.
"""

import html as html_lib
import os
import posixpath
import re

from scripts import exercises, htmlpage, printable

DOCS = exercises.DOCS
PACK = re.compile(r"^programme-(?P<id>.+)$")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*\{([^}]*)\}\s*$", re.MULTILINE)
H2 = re.compile(r'<h2\b[^>]*?\sid="([^"]+)"[^>]*>(.*?)</h2>', re.S)
H1 = re.compile(r"<h1\b[^>]*>.*?</h1>", re.S)
ANY_ID = re.compile(r'\sid="([^"]+)"')
LOCAL_HREF = re.compile(r'(\shref)="#([^"]+)"')
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
TAG = re.compile(r"<[^>]+>")

TEXTS = {
    "ru": {
        "title": "Раздаточные материалы — %s",
        "lead": "Всё, что нужно распечатать к этой программе: главы, которые она разбирает, шаблоны и листы "
                "из раздаточных материалов для её упражнений — и ничего больше. Каждая глава и каждый лист "
                "начинаются с новой страницы, страницы пронумерованы.",
        "calculators": "Калькуляторы в главах работают и здесь: впишите цифры группы перед печатью, и на бумагу "
                       "выйдут они.",
        "notes": "Заметки для ведущих и образцы ответов к кейсам не печатаются, пока не включён переключатель ниже.",
        "print": "Печатать",
        "switch": "Печатать заметки для ведущих (раскрытыми)",
        "programme": "Программа по минутам — в руководстве для ведущего",
        "contents": "Содержание",
        "templates": "Шаблоны",
    },
    "en": {
        "title": "Handouts — %s",
        "lead": "Everything to print for this programme: the chapters it works through, the templates and the "
                "workshop kit's sheets its exercises use, and nothing else. Each chapter and each sheet starts "
                "a new page, and the pages are numbered.",
        "calculators": "The chapters' calculators work here too: type in the group's figures before printing, "
                       "and those are what comes out on paper.",
        "notes": "Facilitator notes and the cases' model answers do not print unless the switch below is on.",
        "print": "Print",
        "switch": "Print the facilitator notes (expanded)",
        "programme": "The minute-by-minute plan is in the workshop guide",
        "contents": "Contents",
        "templates": "Templates",
    },
}


class HandoutError(ValueError):
    """A pack that names an unknown programme, or a link that does not lead to a sheet; fails the build."""


# ---- which pages and sections a programme needs ------------------------------------------------

def pack_id(meta):
    """The programme id of a pack page's front matter (``printable: programme-90`` -> ``"90"``), else None."""
    value = (meta or {}).get("printable")
    if not isinstance(value, str):
        return None
    match = PACK.match(value.strip())
    return match.group("id") if match else None


def headings(src, lang):
    """``[(level, anchor, classes)]`` of a page's headings with an explicit ``{#anchor}``, in order."""
    with open(os.path.join(DOCS, lang, *src.split("/")), encoding="utf-8-sig") as handle:
        text = handle.read()
    found = []
    for hashes, _, attrs in HEADING.findall(text):
        words = attrs.split()
        anchors = [w[1:] for w in words if w.startswith("#")]
        if anchors:
            found.append((len(hashes), anchors[0], [w[1:] for w in words if w.startswith(".")]))
    return found


def sheets_of(src, lang):
    """The anchors of a kit page's sheets, in page order."""
    return [anchor for level, anchor, classes in headings(src, lang) if level == 2 and "clc-print-sheet" in classes]


def sections_of(src, lang):
    """The anchors of a page's h2 sections, in page order."""
    return [anchor for level, anchor, _ in headings(src, lang) if level == 2]


def _enclosing(src, lang, fragment, sheets_only):
    """The h2 section (or kit sheet) holding ``#fragment``, or None if it is above the first one."""
    current = None
    for level, anchor, classes in headings(src, lang):
        if level == 2:
            current = anchor if (not sheets_only or "clc-print-sheet" in classes) else None
        if anchor == fragment:
            return current
    return None


def is_chapter(src):
    return bool(printable.CHAPTER.search(src))


def is_kit(src):
    return src.startswith("kit/") and src != "kit/index.md" and src.endswith(".md")


def _links(text, source_dir):
    """``(path, fragment)`` of the Markdown page links in ``text``, resolved from ``source_dir``."""
    found = []
    for match in exercises.MD_LINK.finditer(text):
        target = match.group("target")
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue
        path, _, fragment = target.partition("#")
        if path.endswith(".md"):
            found.append((posixpath.normpath(posixpath.join(source_dir, path)), fragment))
    return found


def needs(block):
    """Everything a block points at, ``[(path, fragment, where)]``: its target, then the links of its
    procedure (written from the language root) and of its exercise (written from ``exercises/``)."""
    found = []
    if block.target:
        path, _, fragment = block.target.partition("#")
        found.append((path, fragment, "target"))
    for path, fragment in _links(block.procedure or "", ""):
        found.append((path, fragment, "procedure"))
    if block.exercise:
        for path, fragment in _links(block.exercise.body, "exercises"):
            found.append((path, fragment, "exercise %s" % block.exercise.id))
    return found


class Pack(object):
    """What a programme's pack holds: ``chapters`` (page paths), ``templates`` (section anchors of
    templates.md) and ``kit`` (``[(kit page path, [sheet anchors])]``), each in print order."""

    def __init__(self, programme, chapters, templates, kit):
        self.programme = programme
        self.chapters = chapters
        self.templates = templates
        self.kit = kit

    def sheets(self):
        """``[(kit page path, anchor)]`` in print order."""
        return [(src, anchor) for src, anchors in self.kit for anchor in anchors]


def selection(programme, lang):
    """The :class:`Pack` of a programme (from :func:`exercises.load_programmes`) in ``lang``."""
    chapters, templates, kit_pages, wanted = [], [], [], {}
    for block in programme.blocks:
        for path, fragment, where in needs(block):
            if is_chapter(path):
                if where == "target" and path not in chapters:
                    chapters.append(path)
            elif path == "templates.md":
                chosen = [_enclosing(path, lang, fragment, False)] if fragment else sections_of(path, lang)
                if None in chosen:
                    raise HandoutError("%s: programme %r (%s) links to templates.md#%s, which is above the first "
                                       "template" % (programme.where, programme.id, where, fragment))
                templates.extend(anchor for anchor in chosen if anchor not in templates)
            elif is_kit(path):
                chosen = [_enclosing(path, lang, fragment, True)] if fragment else sheets_of(path, lang)
                if None in chosen or not chosen:
                    raise HandoutError("%s: programme %r (%s) links to %s%s, which is not a sheet to print "
                                       "(## Title {#anchor .clc-print-sheet})"
                                       % (programme.where, programme.id, where, path,
                                          "#" + fragment if fragment else ""))
                if path not in wanted:
                    kit_pages.append(path)
                    wanted[path] = set()
                wanted[path].update(chosen)
    kit = [(path, [anchor for anchor in sheets_of(path, lang) if anchor in wanted[path]]) for path in kit_pages]
    return Pack(programme, chapters, templates, kit)


def pack_path(ident, lang):
    return os.path.join(DOCS, lang, *exercises.handouts_src(ident).split("/"))


def pack_ids(lang):
    """The programme ids that have a pack page in ``lang`` (``docs/<lang>/print/*.md``)."""
    folder = os.path.dirname(pack_path("x", lang))
    if not os.path.isdir(folder):
        return []
    return sorted(name[:-3] for name in os.listdir(folder) if name.endswith(".md"))


# ---- the pack page ----------------------------------------------------------------------------

def _in_language(src_uri, lang):
    return src_uri[len(lang) + 1:] if src_uri.startswith(lang + "/") else src_uri


def _programme_of(page, lang):
    ident = pack_id(page.meta)
    src = _in_language(page.file.src_uri, lang)
    programmes = exercises.load_programmes(lang)
    if ident not in programmes:
        raise HandoutError("%s: printable: programme-%s names no programme of %s (known: %s)"
                           % (src, ident, exercises.programmes_path(lang), ", ".join(programmes)))
    if src != exercises.handouts_src(ident):
        raise HandoutError("%s: the pack of programme %r belongs in %s" % (src, ident, exercises.handouts_src(ident)))
    return programmes[ident]


def markdown(page, lang, environment):
    """The Markdown of a pack page (its file holds only front matter): its title, then a short
    introduction with the print button and the notes switch, on screen only."""
    programme = _programme_of(page, lang)
    words = TEXTS[lang if lang in TEXTS else "en"]
    src = _in_language(page.file.src_uri, lang)
    guide = exercises.target_url(exercises.page_src_uri_for_guide(lang) + "#programme-" + programme.id, src)
    intro = environment.get_template("partials/handouts.html").render(
        programme=programme, w=words, guide=guide)
    return "# %s {#handouts}\n\n%s\n" % (words["title"] % programme.title, intro.strip())


def _title(html):
    return " ".join(html_lib.unescape(TAG.sub("", HEADERLINK.sub("", html))).split())


def split_sections(content):
    """``(head, [(anchor, title, html)])``: a rendered page cut at its h2 headings."""
    found = list(H2.finditer(content))
    if not found:
        return content, []
    head = content[:found[0].start()]
    sections = []
    for index, match in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(content)
        sections.append((match.group(1), _title(match.group(2)), content[match.start():end]))
    return head, sections


def outside_links(html):
    """Same-page links of a page's extract to ids the extract does not hold point at the page itself
    (``#x`` -> ``./#x``), so that they lead somewhere once the extract is in a pack."""
    ids = set(ANY_ID.findall(html))
    return LOCAL_HREF.sub(lambda m: m.group(0) if m.group(2) in ids else '%s="./#%s"' % (m.group(1), m.group(2)),
                          html)


class Part(object):
    """A page a pack copies from: its address (``chapters/x/``, ``en/templates/``), title, content and
    calculators (``[(name, preset)]``, known only while MkDocs renders: empty after the build)."""

    def __init__(self, url, title, content, calculators=()):
        self.url, self.title, self.content, self.calculators = url, title, content, list(calculators)


def assemble(pack, lang, to_url, part, where):
    """A pack's contents list and copied parts (HTML to append to the page's own text) and its table of
    contents (``[(title, id, [(title, id)…])]``), from ``part(src)`` (a :class:`Part` or None)."""
    words = TEXTS[lang if lang in TEXTS else "en"]
    needed = pack.chapters + (["templates.md"] if pack.templates else []) + [src for src, _ in pack.kit]
    pages = dict((src, part(src)) for src in needed)
    missing = [src for src in needed if pages[src] is None or pages[src].content is None]
    if missing:
        raise HandoutError("pack %s: not rendered yet or not in the navigation: %s" % (where, ", ".join(missing)))

    # What each copied page contributes: the whole page (chapters) or some sections (templates, kit).
    chosen = {}
    for src in pack.chapters:
        chosen[src] = None
    if pack.templates:
        chosen["templates.md"] = pack.templates
    for src, anchors in pack.kit:
        chosen[src] = anchors
    parts = {}
    for src, anchors in chosen.items():
        content = pages[src].content
        if anchors is None:
            parts[src] = (content, None)
            continue
        head, sections = split_sections(content)
        by_anchor = dict((anchor, (title, html)) for anchor, title, html in sections)
        absent = [anchor for anchor in anchors if anchor not in by_anchor]
        if absent:
            raise HandoutError("pack %s: %s has no section %s" % (where, src, ", ".join(absent)))
        html = ((H1.search(head).group(0) if src == "templates.md" and H1.search(head) else "")
                + "".join(by_anchor[anchor][1] for anchor in anchors))
        parts[src] = (outside_links(html), [(anchor, by_anchor[anchor][0]) for anchor in anchors])
    anchors = dict((printable._page_path(pages[src].url), printable.slug(src)) for src in parts)
    present = dict((printable._page_path(pages[src].url), set(ANY_ID.findall(html)))
                   for src, (html, sections) in parts.items() if sections is not None)

    contents = ['<nav class="print-contents" aria-labelledby="print-contents">',
                '<h2 id="print-contents">%s</h2>' % html_lib.escape(words["contents"]), "<ol>"]
    body, links = [], []
    for src in pack.chapters:
        page, prefix = pages[src], printable.slug(src)
        title = page.title or prefix
        contents.append('<li><a href="#%s">%s</a></li>' % (prefix, html_lib.escape(title)))
        body.append(printable.chapter_html(parts[src][0], prefix, page.url, to_url, anchors, present))
        links.append((title, prefix, []))
    if pack.templates:
        html, sections = parts["templates.md"]
        page, prefix = pages["templates.md"], "templates"
        title = page.title or words["templates"]
        contents.append('<li><a href="#%s">%s</a>\n<ol>' % (prefix, html_lib.escape(title)))
        contents.extend('<li><a href="#%s--%s">%s</a></li>' % (prefix, anchor, html_lib.escape(name))
                        for anchor, name in sections)
        contents.append("</ol></li>")
        body.append(printable.chapter_html(html, prefix, page.url, to_url, anchors, present))
        links.append((title, prefix, []))
    for src, _ in pack.kit:
        html, sections = parts[src]
        page, prefix = pages[src], printable.slug(src)
        title = page.title or prefix
        contents.append('<li>%s\n<ol>' % html_lib.escape(title))
        contents.extend('<li><a href="#%s--%s">%s</a></li>' % (prefix, anchor, html_lib.escape(name))
                        for anchor, name in sections)
        contents.append("</ol></li>")
        body.append(printable.sheets_html(html, prefix, page.url, to_url, anchors, present))
        links.append((title, "%s--%s" % (prefix, sections[0][0]),
                      [(name, "%s--%s" % (prefix, anchor)) for anchor, name in sections]))
    contents.append("</ol>\n</nav>")
    return "\n".join(contents) + "\n" + "\n".join(body), links


def prepare(page, nav, lang):
    """While MkDocs renders a pack page (``printable: programme-<id>``): its table of contents and the
    chapters' calculators in ``page.meta["calculators"]`` (its content comes after the build:
    :func:`fill_site`)."""
    if pack_id(page.meta) is None:
        return
    from mkdocs.structure.toc import AnchorLink

    pack = selection(_programme_of(page, lang), lang)
    pages = dict((_in_language(p.file.src_uri, lang), p) for p in nav.pages)

    def part(src):
        found = pages.get(src)
        return None if found is None else Part(found.url, found.title, found.content, found.meta.get("calculators") or [])

    _, links = assemble(pack, lang, page.url, part, page.file.src_uri)
    calculators = []
    for src in pack.chapters:
        calculators.extend(part(src).calculators)
    page.meta["calculators"] = list(page.meta.get("calculators") or []) + calculators
    toc = page.toc
    if toc is not None and len(toc.items) and toc.items[0].level == 1:
        children = []
        for title, ident, sections in links:
            link = AnchorLink(title, ident, 2)
            link.children = [AnchorLink(name, anchor, 3) for name, anchor in sections]
            children.append(link)
        toc.items[0].children = list(toc.items[0].children) + children


def fill_site(site_dir, languages, site_names):
    """After the build: fill each language's pack pages (``<folder>print/<id>/``) with their parts as
    built (each page's ``<article>``); ``languages``: ``{lang: folder}``.  Return the pages filled."""
    filled = []
    for lang, folder in sorted(languages.items()):
        programmes = None
        read = {}  # the parts as built, read once for all of this language's packs

        def part(src, folder=folder, lang=lang, read=read):
            url = folder + printable.source_url(src)
            if url not in read:
                built = os.path.join(site_dir, *(url + "index.html").split("/"))
                if not os.path.exists(built):
                    return None
                with open(built, encoding="utf-8") as handle:
                    read[url] = Part(url, *printable.built_part(handle.read(), site_names.get(lang, "")))
            return read[url]

        for ident in pack_ids(lang):
            to_url = folder + posixpath.splitext(exercises.handouts_src(ident))[0] + "/"
            path = os.path.join(site_dir, *(to_url + "index.html").split("/"))
            if not os.path.exists(path):
                continue
            with open(path, encoding="utf-8") as handle:
                html = handle.read()
            if any(e.name == "nav" and "print-contents" in e.classes() for e in htmlpage.elements(html)):
                continue
            programmes = programmes or exercises.load_programmes(lang)
            if ident not in programmes:
                raise HandoutError("%s: names no programme of %s" % (to_url, exercises.programmes_path(lang)))

            added, _ = assemble(selection(programmes[ident], lang), lang, to_url, part, to_url)
            where = printable.article(html)
            if where is None:
                raise HandoutError("pack %s has no <article>" % to_url)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(htmlpage.splice(html, [(where[1], where[1], added)]))
            filled.append(path)
    return filled
