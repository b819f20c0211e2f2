"""The benchmark's baseline is the same page without any of the runtime's tags."""

import json
import os

import pytest

from calculators.registry import NAMES
from scripts.bench import HOME, HOOKS_BLOCK, ROOT, RUNTIME_TAGS, SCHEMA, TARGETS, floor_runtime, page_path, row, stored_language


def test_baseline_strips_every_runtime_tag(built_site):
    page = (built_site / "calculators" / "acquisition-vs-retention" / "index.html").read_text(encoding="utf-8")
    stripped = RUNTIME_TAGS.sub("", page)
    for needle in ("/assets/vendor/", "/assets/py/", 'type="mpy"', "calculators.js"):
        assert needle in page
        assert needle not in stripped
    assert 'data-calculator="acquisition_vs_retention"' in stripped


def test_floor_keeps_the_runtime_but_none_of_our_python(built_site):
    page = (built_site / "calculators" / "acquisition-vs-retention" / "index.html").read_text(encoding="utf-8")
    floor = floor_runtime(page)
    assert "micropython.mjs" in floor and 'type="mpy"' in floor
    assert "/assets/py/" not in floor and "calculators.web" not in floor


def test_row_subtracts_the_baseline_medians():
    runs = lambda key, values: [dict({key: v}, input=1.0, bytes=10, transferred=10) for v in values]  # noqa: E731
    live = {"cold": [dict(r, load=100) for r in runs("live", [500, 700, 600])]}
    base = {"cold": [dict(r, live=None) for r in runs("load", [200, 260, 230])]}
    floor = {"cold": [dict(r, load=100) for r in runs("live", [400, 450, 430])]}
    result = row(live, base, floor, "cold")
    assert result["live_ms"] == {"median": 600, "min": 500, "max": 700}
    assert result["runtime_cost_ms"] == 600 - 230
    assert result["floor_cost_ms"] == 430 - 230
    home = row({"cold": [dict(r, live=None) for r in runs("load", [90, 80, 100])]}, base, None, "cold")
    assert home["live_ms"] is None and home["runtime_cost_ms"] is None and home["floor_live_ms"] is None
    assert home["load_ms"]["median"] == 90


def test_the_copy_is_counted_by_language_as_the_manifest_splits_it():
    """What the offline copy holds, by language: a page by its folder's address, a language's search
    files (at the site's root, named by language) its own, the shared files nobody's."""
    assert [stored_language(a) for a in ("", "chapters/after-the-sale/", "404.html")] == ["ru"] * 3
    assert [stored_language(a) for a in ("en/", "en/glossary/", "en/404.html")] == ["en"] * 3
    assert stored_language("pagefind/index/en_2ea75da.pf_index") == "en"
    assert stored_language("pagefind/fragment/ru_13f0fd2.pf_fragment") == "ru"
    assert stored_language("assets/presenter.js") == stored_language("pagefind/pagefind.js") == ""


def test_pages_and_the_build_baseline():
    assert page_path(HOME) == "" and page_path("customer_value") == "calculators/customer-value/"
    with open(os.path.join(ROOT, "mkdocs.yml"), encoding="utf-8") as handle:
        config = handle.read()
    plain, count = HOOKS_BLOCK.subn("", config)
    assert count == 1 and "scripts/hooks.py" in config and "scripts/hooks.py" not in plain
    assert "plugins:" in plain


def test_results_file_is_the_current_schema():
    with open(os.path.join(ROOT, "benchmarks", "results.json"), encoding="utf-8") as handle:
        data = json.load(handle)
    assert data["schema"] == SCHEMA
    assert set(data["pages"]) <= set([HOME] + list(NAMES))
    if data["targets"] != TARGETS or list(data["pages"]) != [HOME] + sorted(NAMES):
        pytest.skip("benchmarks/results.json (%s) predates the current targets or calculators: run `make bench` "
                    "on a quiet machine to measure them" % data.get("date"))
