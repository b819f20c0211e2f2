"""Exercises and programmes: one source per exercise, programmes whose blocks add up, loud failures."""

import os
import textwrap

import pytest

from scripts import embed, exercises

LANGS = ("ru", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_every_programme_adds_up_to_its_length(lang):
    programmes = exercises.load_programmes(lang)
    assert sorted(programmes) == sorted(exercises.LENGTHS)
    for ident, programme in programmes.items():
        assert sum(block.minutes for block in programme.blocks) == programme.minutes
        low, high = exercises.LENGTHS[ident]
        assert low <= programme.minutes <= high
        # Blocks follow one another without gaps.
        start = 0
        for block in programme.blocks:
            assert block.start == start
            start += block.minutes


@pytest.mark.parametrize("lang", LANGS)
def test_every_block_is_an_exercise_a_break_or_has_a_procedure(lang):
    for programme in exercises.load_programmes(lang).values():
        for block in programme.blocks:
            kinds = [bool(block.exercise), block.is_break, bool(block.procedure)]
            assert kinds.count(True) == 1, (programme.id, block.title)
            assert bool(block.target) != block.is_break
            if block.exercise:
                assert block.minutes == block.exercise.minutes


def test_programmes_are_the_same_plan_in_both_languages():
    ru, en = exercises.load_programmes("ru"), exercises.load_programmes("en")
    assert list(ru) == list(en)
    for ident in ru:
        shape = lambda p: [(b.minutes, b.target, b.exercise.id if b.exercise else None, b.is_break) for b in p.blocks]
        assert shape(ru[ident]) == shape(en[ident]), ident
        assert ru[ident].minutes == en[ident].minutes


def test_exercises_exist_in_both_languages_with_the_same_minutes():
    assert exercises.exercise_ids("ru") == exercises.exercise_ids("en")
    assert len(exercises.exercise_ids("ru")) >= 8
    for ident in exercises.exercise_ids("ru"):
        ru, en = exercises.load_exercise(ident, "ru"), exercises.load_exercise(ident, "en")
        assert ru.minutes == en.minutes, ident
        assert exercises.step_minutes(ru.body) == exercises.step_minutes(en.body), ident


@pytest.mark.parametrize("lang", LANGS)
def test_every_exercise_states_goal_materials_steps_and_criteria(lang):
    parts = {"ru": ("**Цель.**", "**Материалы.**", "**Критерии оценки**", "**Результат:**"),
             "en": ("**Goal.**", "**Materials.**", "**Scoring criteria**", "**Outcome:**")}[lang]
    for ident in exercises.exercise_ids(lang):
        exercise = exercises.load_exercise(ident, lang)
        for part in parts:
            assert part in exercise.body, (ident, part)
        assert sum(exercises.step_minutes(exercise.body)) == exercise.minutes, ident
        assert exercise.group.strip(), ident


def write(tmp_path, monkeypatch, files):
    docs = tmp_path / "docs"
    for name, text in files.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    monkeypatch.setattr(exercises, "DOCS", str(docs))
    monkeypatch.setattr(exercises, "ROOT", str(tmp_path))


EXERCISE = """\
    ---
    title: "«Проба»"
    minutes: 10
    group: пары
    ---

    **Цель.** Проверить. См. [главу](../chapters/a.md#story).

    1. *4 минуты.* Первое.
    2. *6 минут.* Второе.
    """
CHAPTER = "# A {#top}\n\n## Story {#story}\n"


def programme(blocks, minutes=45):
    return "- id: \"45\"\n  title: T\n  minutes: %d\n  blocks:\n%s" % (minutes, textwrap.indent(blocks, "    "))


@pytest.mark.parametrize("blocks, rule", [
    ("- {minutes: 10, exercise: probe, target: chapters/a.md#story}\n- {minutes: 30, title: X, procedure: p, target: chapters/a.md#story}\n",
     "the blocks add up to 40 minutes, the programme says 45"),
    ("- {minutes: 15, exercise: probe, target: chapters/a.md#story}\n- {minutes: 30, title: X, procedure: p, target: chapters/a.md#story}\n",
     "runs exercise 'probe' for 15 minutes, but the exercise takes 10"),
    ("- {minutes: 45, title: X, target: chapters/a.md#story}\n", "needs an exercise or a procedure"),
    ("- {minutes: 45, title: Pause, break: true, target: chapters/a.md#story}\n", "a break has no target"),
    ("- {minutes: 45, title: X, procedure: p, target: chapters/a.md#nowhere}\n", "needs a section anchor"),
    ("- {minutes: 45, title: X, procedure: p, target: chapters/missing.md#story}\n", "is not a page"),
    ("- {minutes: 45, title: X, procedure: p, target: chapters/a.md#story, colour: red}\n", "unknown field(s) colour"),
])
def test_a_programme_that_does_not_add_up_fails_naming_the_rule(tmp_path, monkeypatch, blocks, rule):
    write(tmp_path, monkeypatch, {"ru/exercises/probe.md": EXERCISE, "ru/chapters/a.md": CHAPTER,
                                  "ru/programmes.yml": programme(blocks)})
    with pytest.raises(exercises.ExerciseError) as caught:
        exercises.load_programmes("ru")
    assert rule in str(caught.value)
    assert os.path.join("docs", "ru", "programmes.yml") in str(caught.value)


def test_programmes_are_read_again_when_a_file_they_use_changes(tmp_path, monkeypatch):
    """Kept for the many markers of one build, read again once a file under docs/ changes (mkdocs serve)."""
    good = "- {minutes: 10, exercise: probe, target: chapters/a.md#story}\n" \
           "- {minutes: 35, title: X, procedure: p, target: chapters/a.md#story}\n"
    write(tmp_path, monkeypatch, {"ru/exercises/probe.md": EXERCISE, "ru/chapters/a.md": CHAPTER,
                                  "ru/programmes.yml": programme(good)})
    first = exercises.load_programmes("ru")
    assert exercises.load_programmes("ru") is first
    assert first["45"].blocks[0].minutes == 10
    # The exercise now takes 12 minutes (its steps too): the programme that runs it for 10 no longer adds up.
    (tmp_path / "docs" / "ru" / "exercises" / "probe.md").write_text(
        textwrap.dedent(EXERCISE).replace("minutes: 10", "minutes: 12").replace("*6 минут.*", "*8 минут.*"),
        encoding="utf-8")
    with pytest.raises(exercises.ExerciseError) as caught:
        exercises.load_programmes("ru")
    assert "runs exercise 'probe' for 10 minutes, but the exercise takes 12" in str(caught.value)
    (tmp_path / "docs" / "ru" / "programmes.yml").write_text(programme(good.replace("10", "12").replace("35", "33")),
                                                             encoding="utf-8")
    assert exercises.load_programmes("ru")["45"].blocks[0].minutes == 12


@pytest.mark.parametrize("text, rule", [
    (EXERCISE.replace("minutes: 10", "minutes: 12"), "the timed steps add up to 10 minutes, the exercise says 12"),
    (EXERCISE.replace("    group: пары\n", ""), "front matter needs 'group'"),
    (EXERCISE.replace("minutes: 10", "minutes: ten"), "minutes must be a whole number"),
    (EXERCISE.replace("title:", "name:"), "unknown front matter field(s) name"),
    ("no front matter\n", "starts without front matter"),
])
def test_a_malformed_exercise_fails_naming_its_file(tmp_path, monkeypatch, text, rule):
    write(tmp_path, monkeypatch, {"ru/exercises/probe.md": text, "ru/chapters/a.md": CHAPTER})
    with pytest.raises(exercises.ExerciseError) as caught:
        exercises.load_exercise("probe", "ru")
    assert rule in str(caught.value)
    assert "probe.md" in str(caught.value)


def test_links_are_rewritten_for_the_page_that_shows_the_exercise(tmp_path, monkeypatch):
    write(tmp_path, monkeypatch, {"ru/exercises/probe.md": EXERCISE, "ru/chapters/a.md": CHAPTER})
    body = exercises.load_exercise("probe", "ru").body
    assert "](../a/#story)" in exercises.rewrite_links(body, "exercises", "chapters/b.md", "ru", "x")
    assert "](../chapters/a/#story)" in exercises.rewrite_links(body, "exercises", "workshop.md", "ru", "x")
    assert "](./#story)" in exercises.rewrite_links(body, "exercises", "chapters/a.md", "ru", "x")
    broken = body.replace("#story", "#nowhere")
    with pytest.raises(exercises.ExerciseError, match="has no anchor #nowhere"):
        exercises.rewrite_links(broken, "exercises", "workshop.md", "ru", "x")


def test_the_same_exercise_renders_the_same_text_in_a_chapter_and_in_the_guide():
    guide_md, guide = embed.replace_workshop_markers("::: exercise satin-ribbon heading=3\n", "workshop.md", "ru")
    chapter_md, chapter = embed.replace_workshop_markers("    ::: exercise satin-ribbon\n", "chapters/after-the-sale.md", "ru")
    assert "### «Атласная лента» {#exercise-satin-ribbon}" in guide_md
    strip = lambda html: __import__("re").sub(r'href="[^"]*"', "", html)
    assert strip(guide[0]) == strip(chapter[0])
    assert 'data-exercise="satin-ribbon" data-exercise-minutes="30"' in guide[0]


@pytest.mark.parametrize("line, rule", [
    ("::: exercise no-such-thing", "unknown exercise 'no-such-thing'"),
    ("::: exercise satin-ribbon colour=red", "unknown option 'colour=red'"),
    ("::: exercise", "needs an exercise id"),
    ("    ::: exercise satin-ribbon heading=3", "needs the marker at column 0"),
    ("::: programme 75", "unknown programme '75'"),
    ("    ::: programme 90", "must start at column 0"),
])
def test_bad_workshop_marker_fails_loudly_with_file_and_line(line, rule):
    with pytest.raises(embed.EmbedError) as caught:
        text = "text\n\n" + line + "\n"
        embed.replace_markers(text, "ru/page.md")
        embed.replace_workshop_markers(text, "page.md", "ru")
    assert rule in str(caught.value)
    assert "page.md:3" in str(caught.value) or "ru/page.md" in str(caught.value)
