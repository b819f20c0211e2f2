"""scripts/handouts.py: each programme's handout pack holds exactly what its blocks and exercises name."""

import os
import re
import types

import pytest
import yaml

from mkdocs.structure.toc import AnchorLink, TableOfContents

from scripts import exercises, handouts, printable

LANGS = ["ru", "en"]
DOCS = exercises.DOCS
KIT_LINK = re.compile(r"\]\((?:\.\./)?(kit/[a-z0-9-]+\.md)(?:#([a-z0-9-]+))?\)")
TEMPLATE_LINK = re.compile(r"\]\((?:\.\./)?templates\.md(?:#([a-z0-9-]+))?\)")
SHEET = re.compile(r"^## .*\{#([a-z0-9-]+)[^}]*\.clc-print-sheet[^}]*\}\s*$", re.M)


def read(lang, src):
    with open(os.path.join(DOCS, lang, *src.split("/")), encoding="utf-8") as handle:
        return handle.read()


def programmes(lang):
    return exercises.load_programmes(lang)


def all_packs():
    return [(lang, ident) for lang in LANGS for ident in programmes(lang)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_90_minute_pack_holds_exactly_its_chapters_templates_and_sheets(lang):
    pack = handouts.selection(programmes(lang)["90"], lang)
    assert pack.chapters == ["chapters/permission-and-trust.md", "chapters/who-answers-the-phone.md"]
    assert pack.templates == ["complaint-reply", "incoming-call-script"]
    assert pack.kit == [
        # "What a customer costs" (the first exercise) needs the calculation sheet; the reply and the
        # call exercises theirs: one group, in the kit page's order.
        ("kit/observer-sheets.md", ["obs-call", "obs-reply", "obs-numbers"]),
        ("kit/cases.md", ["case-marketplace-wrong-size", "case-marketplace-late-gift", "case-delivery-cold-food",
                          "case-delivery-rude-courier", "case-online-school-refund"]),
        ("kit/role-cards.md", ["role-operator", "role-observer", "role-manager", "role-loyal-customer",
                               "role-disappointed-connoisseur", "role-rude-employee"]),
        ("kit/forms.md", ["monday-plan", "feedback-form"]),
    ]


def test_the_full_day_adds_the_knowledge_check_with_its_answers_and_the_self_audit():
    pack = handouts.selection(programmes("ru")["full-day"], "ru")
    assert len(pack.chapters) == 8
    kit = dict(pack.kit)
    assert kit["kit/knowledge-check.md"] == ["knowledge-check", "knowledge-check-answers"]
    assert kit["kit/self-audit.md"] == SHEET.findall(read("ru", "kit/self-audit.md"))  # a page link: all its sheets
    assert "templates.md" not in pack.chapters and "glossary.md" not in pack.chapters


@pytest.mark.parametrize("lang, ident", all_packs())
def test_every_pack_includes_every_sheet_and_template_its_programme_links_to(lang, ident):
    programme = programmes(lang)[ident]
    pack = handouts.selection(programme, lang)
    sheets = set(pack.sheets())
    chapters = []
    for block in programme.blocks:
        texts = [block.procedure or ""] + ([block.exercise.body] if block.exercise else [])
        if block.target:
            texts.append("](%s)" % block.target)
            if block.target.startswith("chapters/") and block.target.split("#")[0] not in chapters:
                chapters.append(block.target.split("#")[0])
        for text in texts:
            for page, anchor in KIT_LINK.findall(text):
                if page == "kit/index.md":
                    continue
                wanted = [anchor] if anchor else SHEET.findall(read(lang, page))
                for sheet in wanted:
                    assert (page, sheet) in sheets, (block.title, page, sheet)
            for anchor in TEMPLATE_LINK.findall(text):
                assert anchor in pack.templates, (block.title, anchor)
    assert pack.chapters == chapters  # the blocks' chapters, in programme order, each once


@pytest.mark.parametrize("lang, ident", all_packs())
def test_no_pack_holds_anything_its_programme_does_not_name(lang, ident):
    programme = programmes(lang)[ident]
    pack = handouts.selection(programme, lang)
    named = "\n".join([block.procedure or "" for block in programme.blocks]
                      + [block.exercise.body for block in programme.blocks if block.exercise]
                      + ["](%s)" % block.target for block in programme.blocks if block.target])
    for chapter in pack.chapters:
        assert chapter.startswith("chapters/") and chapter != "chapters/index.md"
        assert any((block.target or "").startswith(chapter + "#") for block in programme.blocks), chapter
    for page, sheet in pack.sheets():
        assert page.startswith("kit/") and page != "kit/index.md"
        assert sheet in SHEET.findall(read(lang, page)), (page, sheet)
        # Named by its anchor, or its whole page is named (a link without an anchor).
        assert re.search(r"%s#%s\)" % (re.escape(page), sheet), named) or re.search(r"%s\)" % re.escape(page), named), \
            (page, sheet)
    for anchor in pack.templates:
        assert "templates.md#%s)" % anchor in named, anchor


def test_both_languages_hand_out_the_same_pages_and_sheets():
    for ident in programmes("ru"):
        ru = handouts.selection(programmes("ru")[ident], "ru")
        en = handouts.selection(programmes("en")[ident], "en")
        assert (ru.chapters, ru.templates, ru.kit) == (en.chapters, en.templates, en.kit), ident


@pytest.mark.parametrize("lang", LANGS)
def test_every_programme_has_its_pack_page_and_every_pack_page_its_programme(lang):
    assert handouts.pack_ids(lang) == sorted(programmes(lang))
    for ident in programmes(lang):
        text = read(lang, exercises.handouts_src(ident))
        meta = yaml.safe_load(text.split("---")[1])
        assert handouts.pack_id(meta) == ident
        assert text.rstrip().endswith("---"), "a pack page is front matter only: its text is generated"


@pytest.mark.parametrize("lang", LANGS)
def test_the_kits_table_of_materials_agrees_with_the_exercises(lang):
    """kit/index.md#by-exercise lists each exercise's sheets by hand: it must name the same ones."""
    text = read(lang, "kit/index.md")
    table = text[text.index("{#by-exercise}"):text.index("{#printing}")]
    seen = set()
    for row in table.splitlines():
        found = re.search(r"workshop\.md#exercise-([a-z0-9-]+)\)", row)
        if not found:
            continue
        ident = found.group(1)
        seen.add(ident)
        listed = set(("kit/" + page, anchor)
                     for page, anchor in re.findall(r"\]\(([a-z0-9-]+\.md)#([a-z0-9-]+)\)", row.split("|")[3]))
        body = exercises.load_exercise(ident, lang).body
        linked = set((page, anchor) for page, anchor in KIT_LINK.findall(body) if anchor)
        assert listed == linked, ident
    assert seen == set(exercises.exercise_ids(lang))


def block(target=None, procedure="", exercise_body=None):
    exercise = types.SimpleNamespace(id="probe", body=exercise_body) if exercise_body is not None else None
    return types.SimpleNamespace(target=target, procedure=procedure, exercise=exercise, title="probe")


def programme(*blocks):
    return types.SimpleNamespace(id="probe", where="docs/ru/programmes.yml", blocks=list(blocks))


def test_links_inside_a_sheet_or_a_template_take_the_whole_sheet_or_template():
    pack = handouts.selection(programme(
        block("chapters/front-line.md#law", "[x](templates.md#parting-letter)"),
        block(None, "", "[card](../kit/role-cards.md#role-operator) [sheet](../kit/forms.md)")), "ru")
    assert pack.chapters == ["chapters/front-line.md"]
    assert pack.templates == ["parting-letter"]
    assert pack.kit == [("kit/role-cards.md", ["role-operator"]), ("kit/forms.md", ["monday-plan", "feedback-form"])]


def test_pages_that_are_not_handouts_are_left_out():
    pack = handouts.selection(programme(
        block("join.md#join", "[a](calculators/customer-value.md) [b](glossary.md#clv) [c](kit/index.md#contents)"),
        block("workshop.md#programmes", "[d](chapters/word-of-mouth.md#story)")), "ru")
    # A chapter comes in as a block's target only, not because a procedure mentions it.
    assert (pack.chapters, pack.templates, pack.kit) == ([], [], [])


def test_a_link_to_something_that_is_not_a_sheet_fails_naming_it():
    with pytest.raises(handouts.HandoutError, match=r"kit/forms.md#nowhere, which is not a sheet"):
        handouts.selection(programme(block(None, "[x](kit/forms.md#nowhere)")), "ru")


@pytest.mark.parametrize("meta, ident", [
    ({"printable": "programme-90"}, "90"), ({"printable": "programme-half-day"}, "half-day"),
    ({"printable": True}, None), ({}, None), (None, None), ({"printable": "chapters"}, None),
])
def test_pack_id_reads_the_front_matter(meta, ident):
    assert handouts.pack_id(meta) == ident


def test_links_to_what_a_partial_copy_does_not_hold_stay_links_to_the_page():
    anchors = {"en/templates": "templates", "en/kit/forms": "forms"}
    present = {"en/templates": {"complaint-reply", "reply-letter"}, "en/kit/forms": {"monday-plan"}}
    html = ('<a href="../../templates/#complaint-reply">a</a><a href="../../templates/#parting-letter">b</a>'
            '<a href="../../templates/">c</a><a href="../../kit/forms/#monday-plan">d</a>'
            '<a href="../../kit/forms/#feedback-form">e</a>')
    out = printable.rebase_links(html, "en/chapters/x/", "en/print/90/", anchors, present)
    assert out == ('<a href="#templates--complaint-reply">a</a><a href="../../templates/#parting-letter">b</a>'
                   '<a href="../../templates/">c</a><a href="#forms--monday-plan">d</a>'
                   '<a href="../../kit/forms/#feedback-form">e</a>')


def test_same_page_links_to_sections_left_behind_point_at_their_page():
    html = '<h2 id="a">A</h2><a href="#a">in</a><a href="#b">out</a>'
    assert handouts.outside_links(html) == '<h2 id="a">A</h2><a href="#a">in</a><a href="./#b">out</a>'


def test_split_sections_cuts_a_page_at_its_h2_headings():
    head, sections = handouts.split_sections(
        '<h1 id="t">T</h1><p>intro</p><h2 class="clc-print-sheet" id="one">One<a class="headerlink" href="#one">'
        '&para;</a></h2><p>1</p><h3 id="x">X</h3><h2 id="two">Two &amp; more</h2><p>2</p>')
    assert head == '<h1 id="t">T</h1><p>intro</p>'
    assert [(anchor, title) for anchor, title, _ in sections] == [("one", "One"), ("two", "Two & more")]
    assert sections[0][2].endswith('<h3 id="x">X</h3>') and sections[1][2].endswith("<p>2</p>")


def fake_page(src, url, title, content, meta=None):
    return types.SimpleNamespace(file=types.SimpleNamespace(src_uri=src), url=url, title=title, content=content,
                                 meta=meta or {}, toc=None)


def test_a_pack_copies_the_chapters_the_templates_and_the_sheets_of_the_90_minute_programme():
    chapter = lambda name: fake_page(
        "en/chapters/%s.md" % name, "en/chapters/%s/" % name, name.title(),
        '<h1 id="t">%s</h1><h2 id="story">Story</h2><a href="../../kit/forms/#monday-plan">plan</a>'
        '<a href="../../kit/forms/#feedback-form">feedback</a>' % name, {"calculators": [(name, None)]})
    templates = fake_page("en/templates.md", "en/templates/", "Templates",
                          '<h1 id="_1">Templates</h1><p>All five.</p><h2 id="how-to-use">How</h2>'
                          '<h2 id="complaint-reply">Reply</h2><p>r</p><h2 id="parting-letter">Parting</h2>'
                          '<h2 id="incoming-call-script">Call</h2><p>c</p>')
    sheets = lambda name, anchors: fake_page(
        "en/kit/%s.md" % name, "en/kit/%s/" % name, name.title(),
        '<h1 class="clc-print-skip" id="_1">%s</h1><div class="clc-print-skip"><a href="#%s">x</a></div>' % (
            name, anchors[0]) + "".join('<h2 class="clc-print-sheet" id="%s">%s</h2><p>%s text</p>' % (a, a, a)
                                        for a in anchors))
    kit = [sheets("observer-sheets", ["obs-call", "obs-reply", "obs-difficult", "obs-numbers"]),
           sheets("cases", SHEET.findall(read("en", "kit/cases.md"))),
           sheets("role-cards", SHEET.findall(read("en", "kit/role-cards.md"))),
           sheets("forms", ["monday-plan", "feedback-form"])]
    glossary = fake_page("en/glossary.md", "en/glossary/", "Glossary", '<h1 id="g">Glossary</h1>')
    page = fake_page("en/print/90.md", "en/print/90/", "Handouts", '<h1 id="handouts">Handouts</h1>',
                     {"printable": "programme-90"})
    page.toc = TableOfContents([AnchorLink("Handouts", "handouts", 1)])
    nav = types.SimpleNamespace(pages=[chapter("permission-and-trust"), chapter("after-the-sale"),
                                       chapter("who-answers-the-phone"), templates, glossary] + kit + [page])
    handouts.prepare(page, nav, "en")  # while MkDocs renders: the table of contents and the calculators
    assert page.content == '<h1 id="handouts">Handouts</h1>'
    # After the build: the parts as built (here the same content), appended to the page's own text.
    pages = dict((p.file.src_uri[3:], handouts.Part(p.url, p.title, p.content)) for p in nav.pages)
    html, links = handouts.assemble(handouts.selection(exercises.load_programmes("en")["90"], "en"), "en",
                                    page.url, pages.get, "en/print/90.md")
    sources = re.findall(r'<div class="print-(?:chapter|kit)" data-source="([^"]+)"', html)
    assert sources == ["en/chapters/permission-and-trust/", "en/chapters/who-answers-the-phone/", "en/templates/",
                       "en/kit/observer-sheets/", "en/kit/cases/", "en/kit/role-cards/", "en/kit/forms/"]
    assert "Glossary" not in html and "after-the-sale" not in html
    # Only the templates the programme uses, under the templates page's title; not its introduction.
    assert '<h2 id="templates" class="print-chapter-title">Templates</h2>' in html
    assert 'id="templates--complaint-reply"' in html and 'id="templates--incoming-call-script"' in html
    assert "Parting" not in html and "How" not in html and "All five." not in html
    # Sheets stay h2 (each starts a printed page), prefixed; only those named, without the page's intro.
    assert '<h2 class="clc-print-sheet" id="observer-sheets--obs-call">' in html
    assert "obs-difficult" not in html and "clc-print-skip" not in html
    assert html.count('class="clc-print-sheet"') == 3 + 5 + 6 + 2
    # Links between copied parts stay on the page; the rest lead to the site.
    assert 'href="#forms--monday-plan"' in html and 'href="#forms--feedback-form"' in html
    assert page.meta["calculators"] == [("permission-and-trust", None), ("who-answers-the-phone", None)]
    assert [link.id for link in page.toc.items[0].children][:3] == ["permission-and-trust", "who-answers-the-phone",
                                                                     "templates"]
    assert '<li><a href="#role-cards--role-rude-employee">role-rude-employee</a></li>' in html
    assert links[-1] == ("Forms", "forms--monday-plan", [("monday-plan", "forms--monday-plan"),
                                                         ("feedback-form", "forms--feedback-form")])
    with pytest.raises(handouts.HandoutError, match="not rendered yet or not in the navigation: templates.md"):
        handouts.assemble(handouts.selection(exercises.load_programmes("en")["90"], "en"), "en", page.url,
                          dict(pages, **{"templates.md": None}).get, "en/print/90.md")


def test_fill_refuses_a_pack_in_the_wrong_file_or_for_an_unknown_programme():
    nav = types.SimpleNamespace(pages=[])
    wrong = fake_page("ru/print/45.md", "print/45/", "x", "", {"printable": "programme-90"})
    with pytest.raises(handouts.HandoutError, match="belongs in print/90.md"):
        handouts.prepare(wrong, nav, "ru")
    unknown = fake_page("ru/print/75.md", "print/75/", "x", "", {"printable": "programme-75"})
    with pytest.raises(handouts.HandoutError, match="names no programme"):
        handouts.prepare(unknown, nav, "ru")


def test_the_guide_links_each_programme_to_its_pack():
    _, blocks = __import__("scripts.embed", fromlist=["x"]).replace_workshop_markers(
        "::: programme 90 heading=3\n", "workshop.md", "en")
    assert '<a class="md-button clc-programme-handouts" href="../print/90/" data-role="handouts">Print the handouts</a>' \
        in blocks[0]
