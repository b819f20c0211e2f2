"""The build face: calculator markers, rendering, and the runtime's page config."""

import json
import re

import markdown
import pytest

from calculators import registry
from scripts import embed, markers, runtime


def test_marker_becomes_placeholder_and_is_recorded():
    text = "Intro\n\n::: calculator acquisition_vs_retention preset=coffee_shop\n\nOutro\n"
    out, embeds = embed.replace_markers(text, "x.md")
    assert embeds == [("acquisition_vs_retention", "coffee_shop")]
    assert ":::" not in out
    assert 'data-embed="0"' in out


@pytest.mark.parametrize("line, rule", [
    ("::: calculator no_such_thing", "unknown calculator 'no_such_thing'"),
    ("::: calculator acquisition_vs_retention preset=nope", "has no preset 'nope'"),
    ("::: calculator acquisition_vs_retention colour=red", "unknown option 'colour=red'"),
    ("::: calculator", "needs a calculator name"),
    ("    ::: calculator acquisition_vs_retention", "must start at column 0"),
])
def test_bad_marker_fails_loudly_naming_the_problem(line, rule):
    with pytest.raises(embed.EmbedError) as caught:
        embed.replace_markers("text\n\n" + line + "\n", "ru/page.md")
    assert rule in str(caught.value)
    assert "ru/page.md" in str(caught.value)


def test_text_that_only_mentions_a_marker_is_left_alone():
    text = "Write `::: calculator name` on a line of its own.\n"
    assert embed.replace_markers(text)[0] == text


def test_calculators_list_links_every_calculator():
    listing = embed.replace_markers("::: calculators-list\n", "x.md", "en")[0]
    for name, calculator in registry.CALCULATORS.items():
        assert "(%s)" % embed.page_slug(name) in listing
        assert calculator.title["en"] in listing


def test_rendered_calculator_follows_the_page_contract():
    html = embed.render("acquisition_vs_retention", None, "ru", "calc-a-1")
    assert 'data-calculator="acquisition_vs_retention"' in html
    assert 'id="calc-a-1"' in html and 'data-state="static"' in html
    calculator = registry.get("acquisition_vs_retention")
    for spec in calculator.inputs:
        assert re.search(r'<input id="calc-a-1-%s" name="%s" type="text" inputmode="decimal"' % (spec.name, spec.name), html)
    for spec in calculator.outputs:
        assert 'data-output="%s"' % spec.key in html
    assert 'data-output="cac" data-value="1500">1\u00a0500,00\u00a0₽<' in html


def test_the_chart_is_drawn_before_the_script_runs():
    # The figure holds the SVG itself, not its source as text (the build used to escape it).
    html = embed.render("referral_payback", None, "ru", "calc-r-1")
    figure = re.search(r'<figure class="clc-chart" data-role="chart">(.*?)</figure>', html, re.S).group(1)
    assert figure.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and figure.endswith("</svg>")
    assert "&lt;svg" not in html


def test_two_instances_on_one_page_get_unique_ids():
    markers.start("en", "page.md")
    html = markdown.markdown(
        "::: calculator acquisition_vs_retention\n\n::: calculator acquisition_vs_retention preset=b2b_service\n",
        extensions=["scripts.markers"])
    markers.forget()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert 'id="calc-acquisition-vs-retention-1"' in html and 'id="calc-acquisition-vs-retention-2"' in html
    assert 'data-preset="b2b_service"' in html


def test_labels_are_escaped_in_markup(monkeypatch):
    calculator = registry.get("acquisition_vs_retention")
    monkeypatch.setitem(calculator.title, "en", "<script>alert(1)</script>")
    html = embed.render("acquisition_vs_retention", None, "en", "c")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("base_url, prefix", [(".", "./"), ("../..", "../../"), ("", "./")])
def test_runtime_urls_are_relative_to_the_page(base_url, prefix):
    info = runtime.page_runtime(base_url)
    config = json.loads(info["config"])
    assert config["interpreter"] == prefix.rstrip("/") + "/assets/vendor/micropython/micropython.mjs"
    assert info["core"].startswith(prefix.rstrip("/") + "/assets/vendor/pyscript/")
    for url, target in config["files"].items():
        assert url.startswith(prefix.rstrip("/") + "/assets/py/calculators/")
        assert target.startswith("calculators/") and target.endswith(".mpy")
    assert "calculators/web.mpy" in config["files"].values()
    assert "calculators/cli.mpy" not in config["files"].values()
    assert any("/core-" in chunk for chunk in info["chunks"])
    assert not any(u.startswith(("http:", "https:", "//")) for u in [info["core"], info["wasm"]] + list(config["files"]))


def test_a_page_lists_only_the_calculators_it_shows():
    files = json.loads(runtime.page_runtime(".", ["conversion_funnel"])["config"])["files"].values()
    assert "calculators/conversion_funnel.mpy" in files
    assert "calculators/core.mpy" in files and "calculators/registry.mpy" in files
    assert "calculators/acquisition_vs_retention.mpy" not in files


def test_copy_runtime_is_idempotent(tmp_path):
    first = runtime.copy_runtime(str(tmp_path))
    second = runtime.copy_runtime(str(tmp_path))
    assert first == second
    names = {p.name for p in tmp_path.rglob("*") if p.is_file()}
    assert {"core.js", "micropython.mjs", "micropython.wasm", "numbers.mpy", "web.mpy"} <= names
    assert not any(n.endswith(".map") for n in names)
