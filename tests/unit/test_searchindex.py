"""Splitting the theme's bilingual search index into one compact index per language, documents apart."""

import json

import pytest

from scripts import searchindex

DATA = {"config": {"lang": ["ru", "en"], "separator": "[\\s\\-]+"}, "docs": [
    {"location": "", "title": "Главная", "text": "удержание"},
    {"location": "calculators/", "title": "Калькуляторы", "text": ""},
    {"location": "en/", "title": "Home", "text": "retention"},
    {"location": "en/calculators/#cli", "title": "CLI", "text": ""},
]}


def read(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def site(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(DATA), encoding="utf-8")
    return tmp_path


def test_split_by_language_and_rebase_locations(site):
    written = searchindex.split(str(site), ["en"])
    assert len(written) == 4
    ru_text = (site / "search" / "search_docs.json").read_text(encoding="utf-8")
    assert "удержание" in ru_text and "\\u" not in ru_text
    ru = read(site / "search" / "search_docs.json")
    en = read(site / "en" / "search" / "search_docs.json")
    assert [d["location"] for d in ru["docs"]] == ["", "calculators/"]
    assert [d["location"] for d in en["docs"]] == ["", "calculators/#cli"]


def test_what_every_page_fetches_is_the_configuration_and_where_the_documents_are(site):
    searchindex.split(str(site), ["en"])
    ru = read(site / "search" / "search_index.json")
    en = read(site / "en" / "search" / "search_index.json")
    assert ru["docs"] == [] and en["docs"] == []
    assert ru["config"] == dict(DATA["config"], clienting_docs="search/search_docs.json")
    assert en["config"] == dict(DATA["config"], clienting_docs="en/search/search_docs.json")
    for path in ("search/search_docs.json", "en/search/search_docs.json"):
        assert (site / path).exists()


def test_splitting_twice_is_refused(site):
    searchindex.split(str(site), ["en"])
    with pytest.raises(RuntimeError, match="already split"):
        searchindex.split(str(site), ["en"])


def test_split_without_an_index_does_nothing(tmp_path):
    assert searchindex.split(str(tmp_path), ["en"]) == []


def test_search_base_per_language():
    assert searchindex.search_base("../..", "ru", "ru") == "../.."
    assert searchindex.search_base("../..", "en", "ru") == "../../en/"
    assert searchindex.search_base(".", "en", "ru") == "./en/"
