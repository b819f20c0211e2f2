"""Front matter: every page's parses, and one that does not stops the build instead of being shown as text."""

import glob
import os
import types

import pytest
import yaml

from scripts import frontmatter

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PAGES = sorted(os.path.relpath(path, ROOT) for path in glob.glob(os.path.join(ROOT, "docs", "**", "*.md"),
                                                                   recursive=True))


@pytest.mark.parametrize("page", PAGES)
def test_every_pages_front_matter_parses(page):
    with open(os.path.join(ROOT, page), encoding="utf-8") as handle:
        text = handle.read()
    assert frontmatter.problem(text) is None, page
    found = frontmatter.BLOCK.match(text)
    if found:
        data = yaml.safe_load(found.group(1))
        for key in ("title", "description"):
            value = data.get(key)
            # A value that swallowed the next line ("title: Calculators description: …") is a sign of
            # a block that was read wrongly.
            assert value is None or (isinstance(value, str)
                                     and not any(other + ":" in value for other in ("title", "description"))), page


def test_the_calculators_index_has_its_own_description():
    for lang in ("ru", "en"):
        with open(os.path.join(ROOT, "docs", lang, "calculators", "index.md"), encoding="utf-8") as handle:
            data = yaml.safe_load(frontmatter.BLOCK.match(handle.read()).group(1))
        assert set(data) == {"title", "description"}
        assert not data["description"].startswith("title")


@pytest.mark.parametrize("text, words", [
    ("---\ntitle: Calculators\ndescription: All of them: the funnel and more.\n---\n\n# Calculators\n",
     ["not valid YAML", "line 3", "mapping values", "double quotes"]),
    ("---\ntitle: \"unclosed\n---\n\n# X\n", ["not valid YAML"]),
    ("---\n- title\n- description\n---\n\n# X\n", ["'key: value' lines", "list"]),
    ("---\njust words\n---\n\n# X\n", ["'key: value' lines", "str"]),
    ("---\ntitle: Open\n\n# X\n\nText.\n", ["never closed"]),
    ("---\r\ntitle: a: b\r\n---\r\n\r\n# X\r\n", ["not valid YAML", "line 2"]),
])
def test_front_matter_that_does_not_parse_is_named(text, words):
    message = frontmatter.problem(text)
    assert message is not None
    for word in words:
        assert word in message


@pytest.mark.parametrize("text", [
    "# No front matter\n\nText: with a colon.\n",
    "---\ntitle: Plain\ndescription: \"Quoted: with a colon.\"\n---\n\n# X\n",
    "---\ntitle: Plain\n...\n\n# X\n",
    "# Heading\n\n---\n\nkey: value after a rule\n",
    "",
])
def test_good_or_absent_front_matter_passes(text):
    assert frontmatter.problem(text) is None


def test_the_build_stops_on_a_page_whose_front_matter_does_not_parse():
    from mkdocs.exceptions import PluginError

    from scripts import hooks
    path = os.path.join(ROOT, "docs", "en", "calculators", "index.md")
    page = types.SimpleNamespace(file=types.SimpleNamespace(
        content_string="---\ntitle: Calculators\ndescription: All: of them\n---\n\n# Calculators\n",
        abs_src_path=path, src_uri="en/calculators/index.md"), meta={})
    with pytest.raises(PluginError) as caught:
        hooks.on_page_markdown("# Calculators\n", page, {"theme": {"language": "en"}}, None)
    message = str(caught.value)
    assert message.startswith(os.path.join("docs", "en", "calculators", "index.md") + ": ")
    assert "not valid YAML" in message
