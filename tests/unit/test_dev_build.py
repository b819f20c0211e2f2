"""scripts/dev.py build: without an address it says what the site lacks and how to give the address;
with one (flag or CLIENTING_SITE_URL) the build gets it."""

import pytest

from scripts import dev, meta


@pytest.fixture
def builds(monkeypatch):
    seen = []
    monkeypatch.setattr(dev, "ensure", lambda: None)
    monkeypatch.setattr(dev, "run", lambda cmd, **kwargs: seen.append(kwargs["env"].get("CLIENTING_SITE_URL")))
    monkeypatch.delenv("CLIENTING_SITE_URL", raising=False)
    return seen


def test_no_address_is_said_plainly(builds, capsys):
    dev.main(["build"])
    out = capsys.readouterr().out
    assert builds == [None]
    assert dev.NO_ADDRESS in out and "--site-url" in out and "sitemap.xml" in out and "canonical" in out


def test_an_address_from_the_flag_or_the_environment_is_used(builds, capsys, monkeypatch):
    dev.main(["build", "--site-url", "https://example.org/playbook/"])
    assert builds == ["https://example.org/playbook/"]
    out = capsys.readouterr().out
    assert "for https://example.org/playbook/" in out and dev.NO_ADDRESS not in out
    monkeypatch.setenv("CLIENTING_SITE_URL", "https://example.net/")
    dev.main(["build"])
    assert builds[-1] == "https://example.net/" and dev.NO_ADDRESS not in capsys.readouterr().out


def test_serving_locally_needs_no_address(builds, capsys, monkeypatch):
    monkeypatch.setattr(dev, "run", lambda cmd, **kwargs: builds.append(cmd[1:3]))
    dev.main(["serve"])
    assert dev.NO_ADDRESS not in capsys.readouterr().out


def test_the_mkdocs_default_is_no_address():
    # mkdocs.yml: without CLIENTING_SITE_URL the address is empty, never a laptop's 127.0.0.1.
    import os
    with open(os.path.join(os.path.dirname(dev.__file__), os.pardir, "mkdocs.yml"), encoding="utf-8") as handle:
        line = [text for text in handle if text.startswith("site_url:")][0]
    assert line.strip() == "site_url: !ENV [CLIENTING_SITE_URL, '']"


def test_drop_sitemap(tmp_path):
    for name in ("sitemap.xml", "sitemap.xml.gz", "index.html"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert sorted(p.rsplit("/", 1)[-1] for p in meta.drop_sitemap(str(tmp_path))) == ["sitemap.xml", "sitemap.xml.gz"]
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]
    assert meta.drop_sitemap(str(tmp_path)) == []
