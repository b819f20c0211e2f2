"""The benchmark's baseline is the same page without any of the runtime's tags."""

from scripts.bench import RUNTIME_TAGS


def test_baseline_strips_every_runtime_tag(built_site):
    page = (built_site / "calculators" / "acquisition-vs-retention" / "index.html").read_text(encoding="utf-8")
    stripped = RUNTIME_TAGS.sub("", page)
    for needle in ("/assets/vendor/", "/assets/py/", 'type="mpy"', "calculators.js"):
        assert needle in page
        assert needle not in stripped
    assert 'data-calculator="acquisition_vs_retention"' in stripped
