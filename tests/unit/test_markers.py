"""The markers as a Python-Markdown extension: the same output under MkDocs and under any generator."""

import os

import markdown
import pytest

from scripts import embed, markers

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(autouse=True)
def no_page():
    markers.forget()
    yield
    markers.forget()


def convert(text):
    return markdown.markdown(text, extensions=["scripts.markers", "admonition", "attr_list", "md_in_html"])


def test_a_calculator_marker_becomes_the_calculator_computed_for_the_page_s_language():
    record = markers.start("en", "en/chapters/x.md")
    html = convert("Intro\n\n::: calculator acquisition_vs_retention preset=coffee_shop\n\nOutro\n")
    assert 'data-calculator="acquisition_vs_retention"' in html and 'data-lang="en"' in html
    assert 'id="calc-acquisition-vs-retention-1"' in html
    assert ":::" not in html and "clc-placeholder" not in html
    assert record.calculators == [("acquisition_vs_retention", "coffee_shop")]
    assert record.src_uri == "chapters/x.md"


def test_without_the_hook_the_page_is_recognised_by_its_text_among_docs():
    """Another generator hands over the page's Markdown (front matter stripped) and nothing else."""
    path = os.path.join(ROOT, "docs", "en", "chapters", "after-the-sale.md")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    html = convert(markers.FRONT_MATTER.sub("", text, count=1))
    assert 'data-lang="en"' in html and 'data-calculator="bonus_uptake"' in html
    assert 'data-exercise="satin-ribbon"' in html
    # The exercise's links are written for this page's address.
    assert 'href="../../calculators/bonus-uptake/"' in html
    with open(path.replace(os.sep + "en" + os.sep, os.sep + "ru" + os.sep), encoding="utf-8") as handle:
        assert 'data-lang="ru"' in convert(handle.read())


def test_an_exercise_inside_a_trainer_block_is_rendered_in_place():
    markers.start("ru", "chapters/after-the-sale.md")
    html = convert('??? trainer "Для ведущего"\n\n    Вопросы.\n\n    ::: exercise satin-ribbon\n\n    После.\n')
    assert html.index("Вопросы.") < html.index('data-exercise="satin-ribbon"') < html.index("После.")
    assert "<p><div" not in html


@pytest.mark.parametrize("line, rule", [
    ("::: calculator no_such_thing", "unknown calculator 'no_such_thing'"),
    ("::: exercise no-such-thing", "unknown exercise 'no-such-thing'"),
    ("::: programme 75", "unknown programme '75'"),
])
def test_an_unknown_name_fails_naming_the_file_and_line(line, rule):
    markers.start("ru", "chapters/x.md")
    with pytest.raises(embed.EmbedError) as caught:
        convert("text\n\n" + line + "\n")
    assert rule in str(caught.value) and "chapters/x.md" in str(caught.value)


def test_the_prescan_checks_every_page_before_a_build(tmp_path):
    (tmp_path / "ru").mkdir()
    (tmp_path / "ru" / "fine.md").write_text("# Fine\n\n::: calculator bonus_uptake\n", encoding="utf-8")
    (tmp_path / "ru" / "wrong.md").write_text("# Wrong\n\nText.\n\n::: calculator bonus_uptak\n", encoding="utf-8")
    with pytest.raises(embed.EmbedError) as caught:
        markers.prescan(str(tmp_path))
    assert "docs/ru/wrong.md:5" in str(caught.value) and "bonus_uptak" in str(caught.value)
    (tmp_path / "ru" / "wrong.md").unlink()
    known = markers.prescan(str(tmp_path))
    assert list(known.values()) == [("ru", "fine.md")]
