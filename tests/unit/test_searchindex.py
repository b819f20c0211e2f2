"""Splitting the theme's bilingual search index into one compact index per language."""

import json

from scripts import searchindex


def test_split_by_language_and_rebase_locations(tmp_path):
    data = {"config": {"lang": ["ru", "en"]}, "docs": [
        {"location": "", "title": "Главная", "text": "удержание"},
        {"location": "calculators/", "title": "Калькуляторы", "text": ""},
        {"location": "en/", "title": "Home", "text": "retention"},
        {"location": "en/calculators/#cli", "title": "CLI", "text": ""},
    ]}
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(data), encoding="utf-8")
    written = searchindex.split(str(tmp_path), ["en"])
    assert len(written) == 2
    ru_text = (tmp_path / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "удержание" in ru_text and "\\u" not in ru_text
    ru = json.loads(ru_text)
    en = json.loads((tmp_path / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [d["location"] for d in ru["docs"]] == ["", "calculators/"]
    assert [d["location"] for d in en["docs"]] == ["", "calculators/#cli"]
    assert en["config"] == ru["config"] == data["config"]


def test_split_without_an_index_does_nothing(tmp_path):
    assert searchindex.split(str(tmp_path), ["en"]) == []


def test_search_base_per_language():
    assert searchindex.search_base("../..", "ru", "ru") == "../.."
    assert searchindex.search_base("../..", "en", "ru") == "../../en/"
    assert searchindex.search_base(".", "en", "ru") == "./en/"
