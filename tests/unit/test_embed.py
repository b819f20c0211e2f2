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
    # Two archives, fetched into the file system under their names and preloaded from <head>.
    assert len(config["files"]) == 2
    for url, target in config["files"].items():
        assert url.startswith(prefix.rstrip("/") + "/assets/py/") and url.endswith(".tar")
        assert target == url.rsplit("/", 1)[1]
    assert prefix.rstrip("/") + "/assets/py/calculators.tar" in config["files"]
    assert sorted(info["fetches"]) == sorted(config["files"])
    assert config["on_demand"] == {"qr": prefix.rstrip("/") + "/assets/py/calculators/qr.mpy"}
    assert any("/core-" in chunk for chunk in info["chunks"])
    assert not any(u.startswith(("http:", "https:", "//")) for u in [info["core"], info["wasm"]] + list(config["files"]))


def test_a_page_fetches_only_the_calculators_it_shows_and_not_qr():
    config = json.loads(runtime.page_runtime(".", ["conversion_funnel"])["config"])
    assert sorted(config["files"]) == ["./assets/py/calculators.tar", "./assets/py/conversion_funnel.tar"]
    assert runtime.archive_members("conversion_funnel") == ["conversion_funnel.py"]
    shared = runtime.archive_members(runtime.SHARED)
    assert "core.py" in shared and "registry.py" in shared and "web.py" in shared
    assert "qr.py" not in shared and "cli.py" not in shared and "conversion_funnel.py" not in shared
    two = json.loads(runtime.page_runtime(".", ["word_of_mouth", "conversion_funnel"])["config"])["files"]
    assert "./assets/py/conversion_funnel-word_of_mouth.tar" in two and len(two) == 2
    with pytest.raises(ValueError):
        runtime.archive_members("conversion_funnel-no_such_calculator")


def test_archives_are_the_same_bytes_from_one_build_to_the_next_and_unpack_where_modules_are_imported():
    import io
    import tarfile

    files = [("calculators/b.mpy", b"B" * 600), ("calculators/a.mpy", b"A")]
    first = runtime.make_archive(files)
    assert first == runtime.make_archive(list(reversed(files)))
    with tarfile.open(fileobj=io.BytesIO(first), mode="r:") as tar:
        members = tar.getmembers()
        assert [m.name for m in members] == ["calculators/a.mpy", "calculators/b.mpy"]
        assert all(m.mtime == 0 and m.uid == 0 and m.isfile() for m in members)
        assert tar.extractfile("calculators/b.mpy").read() == b"B" * 600


def test_copy_runtime_is_idempotent(tmp_path):
    first = runtime.copy_runtime(str(tmp_path))
    archive = (tmp_path / "assets" / "py" / "calculators.tar").read_bytes()
    second = runtime.copy_runtime(str(tmp_path))
    assert first == second
    assert (tmp_path / "assets" / "py" / "calculators.tar").read_bytes() == archive  # compiled again, same bytes
    names = {p.name for p in tmp_path.rglob("*") if p.is_file()}
    assert {"core.js", "micropython.mjs", "micropython.wasm", "calculators.tar", "qr.mpy"} <= names
    assert not any(n.endswith(".map") for n in names)


def test_the_page_script_splits_the_archives_as_python_would_read_them(tmp_path, monkeypatch):
    """runtime.UNPACK (the page's script, run here by CPython with a stand-in pyscript module): every
    module of both archives lands under calculators/ as it was, the archives are gone, then start()."""
    import sys
    import types

    shared = [("calculators/%s.mpy" % name, bytes([i]) * (100 + 700 * i)) for i, name in enumerate("abc")]
    own = [("calculators/d.mpy", b"D" * 512)]
    (tmp_path / "calculators.tar").write_bytes(runtime.make_archive(shared))
    (tmp_path / "d.tar").write_bytes(runtime.make_archive(own))
    started = []
    marks = []
    window = types.SimpleNamespace(performance=types.SimpleNamespace(mark=marks.append))
    monkeypatch.setitem(sys.modules, "pyscript", types.SimpleNamespace(
        config={"files": {"../assets/py/calculators.tar": "calculators.tar", "../assets/py/d.tar": "d.tar"}},
        window=window))
    web = types.ModuleType("calculators.web")
    web.start = lambda: started.append(True)
    monkeypatch.setitem(sys.modules, "calculators.web", web)
    monkeypatch.chdir(tmp_path)
    exec(compile(runtime.UNPACK, "page", "exec"), {})
    for name, data in shared + own:
        assert (tmp_path / name).read_bytes() == data
    assert not (tmp_path / "calculators.tar").exists() and not (tmp_path / "d.tar").exists()
    assert started == [True] and marks == ["clienting:modules-fetched"]
