"""The built handout packs: one page per programme and language, holding its chapters, templates and
kit sheets (scripts/handouts.py) and nothing else; each programme in the guide links to its pack."""

import html.parser
import os
import re

import pytest

from scripts import exercises, handouts

pytestmark = pytest.mark.slow
LANG_ROOTS = {"ru": "", "en": "en"}
H1 = re.compile(r"^# (.+?)\s*(?:\{[^}]*\})?\s*$", re.M)
H2 = re.compile(r"^## (.+?)\s*\{#([a-z0-9-]+)[^}]*\}\s*$", re.M)


class Pack(html.parser.HTMLParser):
    """The parts of a built pack: copied pages (data-source), chapter titles, sheet ids, all ids."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sources, self.titles, self.sheets, self.ids, self.scripts = [], [], [], set(), []
        self._title = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "div" and ("print-chapter" in classes or "print-kit" in classes):
            self.sources.append(a["data-source"])
        if "print-chapter-title" in classes:
            self._title = []
        if tag == "h2" and "clc-print-sheet" in classes:
            self.sheets.append(a["id"])
        if tag == "script":
            self.scripts.append(a.get("src") or a.get("type") or "")

    def handle_endtag(self, tag):
        if tag == "h2" and self._title is not None:
            self.titles.append("".join(self._title).replace("¶", "").strip())
            self._title = None

    def handle_data(self, data):
        if self._title is not None:
            self._title.append(data)


def source_title(lang, src):
    with open(os.path.join(exercises.DOCS, lang, *src.split("/")), encoding="utf-8") as handle:
        return H1.search(handle.read()).group(1)


def read_pack(built_site, lang, ident):
    path = os.path.join(str(built_site), LANG_ROOTS[lang], "print", ident, "index.html")
    assert os.path.exists(path), path
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    parser = Pack()
    parser.feed(text)
    return text, parser


def page_url(lang, src):
    return (lang + "/" if LANG_ROOTS[lang] else "") + exercises.page_url(src)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_each_pack_holds_its_chapters_templates_and_sheets_and_nothing_else(built_site, lang):
    for ident, programme in exercises.load_programmes(lang).items():
        text, pack = read_pack(built_site, lang, ident)
        selection = handouts.selection(programme, lang)
        expected = [page_url(lang, src) for src in selection.chapters] + [page_url(lang, "templates.md")] \
            + [page_url(lang, src) for src, _ in selection.kit]
        assert pack.sources == expected, ident
        # The chapters' titles, in programme order, then the templates' title; no other chapter, no glossary.
        titles = [source_title(lang, src) for src in selection.chapters] + [source_title(lang, "templates.md")]
        assert pack.titles == titles, ident
        article = text[text.index("<article"):text.index("</article>")]
        assert "glossary/" not in " ".join(pack.sources) and 'id="glossary' not in article
        # Every sheet the programme's exercises and blocks name, at a stable address, and no other.
        assert pack.sheets == ["%s--%s" % (handouts.printable.slug(src), anchor)
                               for src, anchor in selection.sheets()], ident
        # Only the programme's templates.
        for anchor in handouts.sections_of("templates.md", lang):
            assert (("templates--" + anchor) in pack.ids) == (anchor in selection.templates), (ident, anchor)
        assert '<nav class="print-contents"' in text
        assert "assets/print.js" in " ".join(pack.scripts)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_90_minute_pack_by_name(built_site, lang):
    _, pack = read_pack(built_site, lang, "90")
    assert pack.titles == {"ru": ["Разрешение и доверие", "Кто отвечает на звонки", "Шаблоны"],
                           "en": ["Permission and trust", "Who answers the phone", "Templates"]}[lang]
    for sheet in ["observer-sheets--obs-call", "cases--case-delivery-cold-food", "role-cards--role-rude-employee",
                  "forms--monday-plan", "forms--feedback-form"]:
        assert sheet in pack.sheets
    assert "role-cards--role-abusive-customer" not in pack.ids
    assert "knowledge-check--knowledge-check" not in pack.ids
    # Its chapters' calculators come along, and the page loads the runtime for them.
    assert any(script.endswith("assets/calculators.js") for script in pack.scripts)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_each_programme_in_the_guide_links_to_its_pack(built_site, lang):
    path = os.path.join(str(built_site), LANG_ROOTS[lang], "workshop", "index.html")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    for ident in exercises.load_programmes(lang):
        section = text[text.index('data-programme="%s"' % ident):]
        section = section[:section.index("</section>")]
        link = re.search(r'<a class="md-button clc-programme-handouts" href="([^"]+)" data-role="handouts">', section)
        assert link and link.group(1) == "../print/%s/" % ident, ident
