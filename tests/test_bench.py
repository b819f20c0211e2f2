"""The benchmark's baseline is the same page without any of the runtime's tags."""

from scripts.bench import RUNTIME_TAGS, floor_runtime


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
