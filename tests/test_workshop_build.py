"""The built workshop: programmes whose minutes add up, one text per exercise wherever it appears."""

import html.parser
import os
import re

import pytest

from scripts import exercises

pytestmark = pytest.mark.slow
LANG_ROOTS = {"ru": "", "en": "en"}


class Workshop(html.parser.HTMLParser):
    """Programmes (their minutes and blocks) and every exercise's text and minutes on one page."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.programmes = []     # [{"id", "minutes", "blocks": [(minutes, target)]}]
        self.exercises = []      # [(id, minutes, text)]
        self.ids = set()
        self._exercise = None    # [id, minutes, depth, [text]]
        self._programme = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag in self.VOID:
            return
        self.stack.append(tag)
        if "data-programme-minutes" in a:
            self._programme = {"id": a["data-programme"], "minutes": int(a["data-programme-minutes"]),
                               "depth": len(self.stack), "blocks": []}
            self.programmes.append(self._programme)
        elif self._programme and "data-minutes" in a:
            self._programme["blocks"].append((int(a["data-minutes"]), a.get("data-target")))
        if "data-exercise" in a and self._exercise is None:
            self._exercise = [a["data-exercise"], int(a["data-exercise-minutes"]), len(self.stack), []]

    def handle_endtag(self, tag):
        if tag in self.VOID or not self.stack:
            return
        depth = len(self.stack)
        self.stack.pop()
        if self._exercise and depth == self._exercise[2]:
            ident, minutes, _, text = self._exercise
            self.exercises.append((ident, minutes, " ".join("".join(text).split())))
            self._exercise = None
        if self._programme and depth == self._programme["depth"]:
            self._programme = None

    def handle_data(self, data):
        if self._exercise:
            self._exercise[3].append(data)


def parse(path):
    parser = Workshop()
    with open(path, encoding="utf-8") as handle:
        parser.feed(handle.read())
    return parser


def html_pages(site, lang):
    root = os.path.join(str(site), LANG_ROOTS[lang])
    for folder, dirs, files in os.walk(root):
        if lang == "ru":
            dirs[:] = [d for d in dirs if not (folder == root and d in ("en", "assets", "search"))]
        for name in files:
            if name.endswith(".html"):
                yield os.path.join(folder, name)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_programmes_add_up_and_point_at_sections_that_exist(built_site, lang):
    guide = os.path.join(str(built_site), LANG_ROOTS[lang], "workshop", "index.html")
    found = parse(guide).programmes
    assert sorted(p["id"] for p in found) == sorted(exercises.LENGTHS)
    for programme in found:
        assert sum(minutes for minutes, _ in programme["blocks"]) == programme["minutes"], programme["id"]
        for minutes, target in programme["blocks"]:
            if target is None:
                continue  # a break
            path, _, fragment = target.partition("#")
            page = os.path.normpath(os.path.join(os.path.dirname(guide), path, "index.html"))
            assert os.path.exists(page), target
            assert fragment in parse(page).ids, target


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_each_exercise_reads_the_same_everywhere_it_appears(built_site, lang):
    seen = {}
    for path in html_pages(built_site, lang):
        for ident, minutes, text in parse(path).exercises:
            seen.setdefault(ident, []).append((os.path.relpath(path, str(built_site)), minutes, text))
    assert sorted(seen) == exercises.exercise_ids(lang)
    for ident, places in seen.items():
        pages = [place for place, _, _ in places]
        assert any(p.endswith(os.path.join("workshop", "index.html")) for p in pages), (ident, pages)
        assert len({(minutes, text) for _, minutes, text in places}) == 1, (ident, pages)
        assert places[0][1] == exercises.load_exercise(ident, lang).minutes


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_chapter_trainer_block_shows_its_exercise(built_site, lang):
    chapters = os.path.join(str(built_site), LANG_ROOTS[lang], "chapters")
    for name in sorted(os.listdir(chapters)):
        page = os.path.join(chapters, name, "index.html")
        found = parse(page).exercises
        assert found, "%s has no exercise in its trainer block" % name
        with open(page, encoding="utf-8") as handle:
            html = handle.read()
        trainer = html.find('class="trainer')
        assert 0 <= trainer < html.find("data-exercise="), name
