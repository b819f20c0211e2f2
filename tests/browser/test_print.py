"""Print: a chapter and the whole playbook rendered to PDF by Chromium (page.pdf), then read back.

The PDF's text is read with the small reader below (Chromium writes plain, uncompressed cross-reference
tables, Flate-compressed content streams and a ToUnicode map for each font), so no PDF library is needed.
"""

import re
import zlib

import pytest

from browsing import wait_until

CHAPTER = "chapters/after-the-sale/"
PREFIX = {"ru": "", "en": "en/"}
TITLES = {"ru": "После продажи", "en": "After the sale"}
PRINT_TITLE = {"ru": "Весь практикум для печати", "en": "The whole playbook for print"}
NOTES = {"ru": "Вопросы для обсуждения", "en": "Discussion questions"}
# Text that only the site's chrome carries (header, navigation, footer, search, presenter controls).
CHROME = {
    "ru": ["Код — MIT", "Перейти к содержанию"],
    "en": ["Code MIT", "Skip to content", "Table of contents"],
}
LIVE_TIMEOUT_MS = 25000


OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)\s*endobj", re.S)
STREAM = re.compile(rb"^(.*?)stream\r?\n(.*)\r?\nendstream$", re.S)
FONTS = re.compile(rb"/Font\s*<<(.*?)>>", re.S)
FONT_REF = re.compile(rb"/([A-Za-z0-9_.+-]+)\s+(\d+)\s+0\s+R")
BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
HEX = re.compile(rb"<([0-9A-Fa-f]*)>")
TOKENS = re.compile(rb"/[^\s/<>\[\]()]+|<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|\[|\]|[-+]?\d*\.?\d+|[A-Za-z'\"*]+")


def _utf16(hexdigits):
    return bytes.fromhex(hexdigits.decode()).decode("utf-16-be", "replace")


ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _literal(raw):
    """The bytes of a PDF literal string's body (escapes undone)."""
    def one(match):
        text = match.group(1)
        if text[:1].isdigit():
            return bytes([int(text, 8) & 0xFF])
        return ESCAPES.get(text, text)
    return re.sub(rb"\\([0-7]{1,3}|.)", one, raw, flags=re.S)


def read_pdf(data):
    """(number of pages, text, [text of each page]) of an uncompressed-xref PDF as Chromium writes it."""
    objects = {}
    for number, body in OBJECT.findall(data):
        match = STREAM.match(body)
        if match:
            head, raw = match.groups()
            if b"/FlateDecode" in head:
                try:
                    raw = zlib.decompress(raw)
                except zlib.error:
                    raw = b""
            objects[int(number)] = (head, raw)
        else:
            objects[int(number)] = (body, None)
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    cmaps = {}
    for number, (head, _) in objects.items():
        match = re.search(rb"/ToUnicode\s+(\d+)\s+0\s+R", head)
        if match and b"/Font" in head:
            cmap = {}
            stream = objects.get(int(match.group(1)), (b"", b""))[1] or b""
            for block in BFCHAR.findall(stream):
                codes = HEX.findall(block)
                for src, dst in zip(codes[0::2], codes[1::2]):
                    cmap[int(src, 16)] = _utf16(dst)
            for block in BFRANGE.findall(stream):
                for line in block.strip().splitlines():
                    codes = HEX.findall(line)
                    if len(codes) < 3:
                        continue
                    low, high = int(codes[0], 16), int(codes[1], 16)
                    if b"[" in line:
                        for offset, dst in enumerate(codes[2:]):
                            cmap[low + offset] = _utf16(dst)
                    else:
                        start = int(codes[2], 16)
                        width = len(codes[2]) // 2
                        for code in range(low, high + 1):
                            cmap[code] = (start + code - low).to_bytes(width, "big").decode("utf-16-be", "replace")
            cmaps[number] = (cmap, 2 if b"/Type0" in head else 1)
    names = {}
    for head, _ in objects.values():
        for block in FONTS.findall(head):
            for name, number in FONT_REF.findall(block):
                names[name] = int(number)
    def text_of(streams):
        out = []
        for head, raw in streams:
            if not raw or b"BT" not in raw or b"/Font" in head and b"/Subtype" in head and b"/Form" not in head:
                continue
            cmap, width = {}, 2
            operands = []
            for token in TOKENS.findall(raw):
                if token.startswith(b"/") or token.startswith(b"<") or token.startswith(b"(") or token in (b"[", b"]") \
                        or re.match(rb"^[-+]?\d*\.?\d+$", token):
                    operands.append(token)
                    continue
                if token == b"Tf" and operands:
                    name = next((t[1:] for t in operands if t.startswith(b"/")), b"")
                    cmap, width = cmaps.get(names.get(name), ({}, 2))
                elif token in (b"Tj", b"TJ", b"'", b'"'):
                    for item in operands:
                        codes = None
                        if item.startswith(b"<"):
                            codes = bytes.fromhex(re.sub(rb"\s", b"", item[1:-1]).decode())
                        elif item.startswith(b"("):
                            codes = _literal(item[1:-1])
                        if codes is not None:
                            for i in range(0, len(codes) - width + 1, width):
                                out.append(cmap.get(int.from_bytes(codes[i:i + width], "big"), ""))
                        elif item not in (b"[", b"]") and token == b"TJ" and not item.startswith(b"/"):
                            try:
                                if float(item) < -200:
                                    out.append(" ")
                            except ValueError:
                                pass
                elif token in (b"Td", b"TD", b"Tm", b"T*", b"ET"):
                    out.append("\n" if token in (b"ET", b"T*") else " ")
                operands = []
        return "".join(out)

    texts = []
    for head, _ in objects.values():
        if re.search(rb"/Type\s*/Page(?![a-zA-Z])", head):
            match = re.search(rb"/Contents\s+(\d+)\s+0\s+R", head)
            texts.append(text_of([objects[int(match.group(1))]]) if match and int(match.group(1)) in objects else "")
    streams = [item for item in objects.values()]
    return pages, text_of(streams), texts


def squeeze(text):
    return re.sub(r"\s+", "", text)


def pdf_of(page):
    screen = page.inner_text("body")
    lang = "en" if page.evaluate("document.documentElement.lang").startswith("en") else "ru"
    for chrome in CHROME[lang]:
        assert chrome in screen, chrome  # on screen, so that its absence on paper means something
    data = page.pdf(format="A4", print_background=False)
    pages, text, _ = read_pdf(data)
    return pages, squeeze(text)


def pdf_pages(page):
    """The squeezed text of each page of the page's PDF, in order."""
    return [squeeze(text) for text in read_pdf(page.pdf(format="A4", print_background=False))[2]]




@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_chapter_prints_as_a_handout_with_the_calculators_current_values(site_url, page, lang):
    page.goto(site_url + PREFIX[lang] + CHAPTER)
    page.wait_for_selector("[data-calculator=bonus_uptake][data-state=live]", timeout=LIVE_TIMEOUT_MS)
    field = page.locator("[data-calculator=bonus_uptake] input[name=customers]")
    first = page.locator("[data-calculator=bonus_uptake] [data-output]").first
    before = first.get_attribute("data-value")
    field.fill("75")
    wait_until(page, "([el, before]) => el.dataset.value !== before", [first.element_handle(), before],
               timeout_ms=15000)
    outputs = page.eval_on_selector_all("[data-calculator=bonus_uptake] [data-output]", "els => els.map(e => e.textContent)")
    pages, text = pdf_of(page)
    assert squeeze(TITLES[lang]) in text
    assert 3 <= pages <= 16, pages
    for shown in outputs:
        assert squeeze(shown) in text, shown
    inputs = page.eval_on_selector_all("[data-calculator=bonus_uptake] input[data-kind]", "els => els.map(e => e.value)")
    assert "75" in inputs
    for chrome in CHROME[lang]:
        assert squeeze(chrome) not in text, chrome
    # Facilitator notes are left out of a handout by default.
    assert squeeze(NOTES[lang]) not in text


def test_facilitator_notes_print_expanded_when_asked_for(site_url, page):
    page.goto(site_url + "en/print/")
    switch = page.locator("[data-role=print-notes]")
    assert not switch.is_checked()
    switch.check()
    page.goto(site_url + "en/" + CHAPTER)
    assert page.evaluate("document.documentElement.classList.contains('print-notes')")
    pages, text = pdf_of(page)
    assert squeeze(NOTES["en"]) in text
    # Expanded: the exercise's steps, inside the closed <details>, are on paper too.
    assert squeeze("Together, draw the customer’s path after payment") in text
    page.goto(site_url + "en/print/")
    page.locator("[data-role=print-notes]").uncheck()
    page.goto(site_url + "en/" + CHAPTER)
    _, text = pdf_of(page)
    assert squeeze(NOTES["en"]) not in text


def test_external_links_print_their_address_and_tables_fit(site_url, page):
    page.goto(site_url + "en/" + CHAPTER)
    page.evaluate("""() => {
        const p = document.querySelector('article > p');
        const a = document.createElement('a');
        a.href = 'https://example.org/handout-check';
        a.textContent = 'an outside page';
        p.append(' ', a);
    }""")
    _, text = pdf_of(page)
    assert squeeze("an outside page (https://example.org/handout-check)") in text
    page.goto(site_url + "en/chapters/permission-and-trust/")
    page.set_viewport_size({"width": 700, "height": 900})
    page.emulate_media(media="print")
    overflow = page.eval_on_selector_all(
        "article table", """tables => tables.map(t => {
            const box = document.querySelector('article').getBoundingClientRect();
            return t.getBoundingClientRect().right - box.right;
        })""")
    assert overflow and max(overflow) <= 1


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_whole_playbook_prints_from_one_page(site_url, page, lang):
    page.goto(site_url + PREFIX[lang] + "print/")
    titles = page.eval_on_selector_all(".print-contents li a", "els => els.map(e => e.textContent)")
    assert len(titles) >= 8
    assert TITLES[lang] in titles
    # The chapters' calculators, live here too: what prints is what is on screen.
    calculators = page.locator("[data-calculator]")
    assert calculators.count() >= 7
    page.wait_for_selector("[data-calculator][data-state=live]", timeout=LIVE_TIMEOUT_MS)
    wait_until(page, "() => Array.from(document.querySelectorAll('[data-calculator]'))"
               ".every(c => c.dataset.state === 'live')", timeout_ms=15000)
    field = page.locator("[data-calculator=bonus_uptake] input[name=customers]").first
    first = page.locator("[data-calculator=bonus_uptake] [data-output]").first
    before = first.get_attribute("data-value")
    field.fill("75")
    wait_until(page, "([el, before]) => el.dataset.value !== before", [first.element_handle(), before],
               timeout_ms=15000)
    values = page.eval_on_selector_all("[data-calculator] [data-output]", "els => els.map(e => e.textContent)")
    # Same-page links only point at ids that exist.
    broken = page.evaluate("""() => Array.from(document.querySelectorAll('article a[href^="#"]'))
        .map(a => decodeURIComponent(a.getAttribute('href').slice(1)))
        .filter(id => id && !document.getElementById(id))""")
    assert broken == []
    pages, text = pdf_of(page)
    assert squeeze(PRINT_TITLE[lang]) in text
    positions = [text.find(squeeze(title)) for title in titles]
    assert all(p >= 0 for p in positions), titles
    # In order: each chapter's title appears after the previous one's (the contents list comes first).
    at = max(positions)
    for title in titles:
        at = text.find(squeeze(title), at + 1)
        assert at > 0, title
    for shown in values[:12]:
        assert squeeze(shown) in text, shown
    for chrome in CHROME[lang]:
        assert squeeze(chrome) not in text, chrome
    assert len(titles) + 1 <= pages <= 150, pages


def test_the_printable_page_is_in_the_navigation(site_url, page):
    page.goto(site_url + "en/workshop/")
    link = page.locator(".md-nav--primary a[href$='print/']")
    assert link.count() >= 1
    link.first.click()
    page.wait_for_url(re.compile(r"/en/print/$"))


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_pages_are_numbered_and_each_calculator_prints_whole_with_its_results(site_url, page, lang):
    page.goto(site_url + PREFIX[lang] + CHAPTER)
    calculators = page.eval_on_selector_all("[data-calculator]", """els => els.map(c => ({
        title: c.querySelector('.clc-title').textContent,
        inputs: [...c.querySelectorAll('.clc-field label')].map(l => l.textContent),
        outputs: [...c.querySelectorAll('.clc-output dt')].map(d => d.textContent)}))""")
    assert calculators
    texts = pdf_pages(page)
    count = len(texts)
    for number, text in enumerate(texts, start=1):
        assert "%d/%d" % (number, count) in text, (number, text[:80])  # "3 / 7" in the bottom margin
    for calculator in calculators:
        holding = [text for text in texts if squeeze(calculator["title"]) in text]
        assert holding, calculator["title"]
        whole = holding[0]
        for label in calculator["inputs"] + calculator["outputs"]:
            assert squeeze(label) in whole, (calculator["title"], label)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_in_the_whole_playbook_every_chapter_starts_a_page(site_url, page, lang):
    page.goto(site_url + PREFIX[lang] + "print/")
    titles = page.eval_on_selector_all(".print-chapter-title", "els => els.map(e => e.textContent.replace(/¶/g, ''))")
    texts = pdf_pages(page)
    starts = []
    for number, text in enumerate(texts, start=1):
        body = text.replace("%d/%d" % (number, len(texts)), "", 1)
        starts.extend(title for title in titles if body.startswith(squeeze(title)))
    assert starts == titles
