"""`make site-zensical`: the same docs built by Zensical carry every calculator with the same numbers.

Zensical is installed by `make site-zensical` into .venv-zensical (requirements-zensical.txt); the suite
does not install it (it is a check of independence from MkDocs, not part of the product).  Without that
environment this module is skipped, saying so."""

import os
import tarfile
import re
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from scripts import dev  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.path.exists(dev.venv_python(dev.ZENSICAL_VENV)),
                       reason="no .venv-zensical: run `make site-zensical` once to check the Zensical build"),
]
VALUES = re.compile(r'data-calculator="([a-z_]+)"|data-output="([a-z_]+)" data-value="([^"]*)"')


def numbers(path):
    with open(path, encoding="utf-8") as handle:
        return VALUES.findall(handle.read())


@pytest.fixture(scope="module")
def zensical_site():
    done = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "dev.py"), "zensical"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return dev.ZENSICAL_SITE


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_chapter_and_calculator_page_carries_its_calculators_with_the_same_numbers(zensical_site, built_site, lang):
    mkdocs_root = os.path.join(str(built_site), "" if lang == "ru" else "en")
    checked = 0
    for section in ("chapters", "calculators"):
        for name in sorted(os.listdir(os.path.join(mkdocs_root, section))):
            ours = os.path.join(mkdocs_root, section, name, "index.html")
            if not os.path.isfile(ours):
                continue
            theirs = os.path.join(zensical_site, lang, section, name, "index.html")
            assert os.path.isfile(theirs), theirs
            assert numbers(theirs) == numbers(ours), (lang, section, name)
            checked += 1 if numbers(ours) else 0
    assert checked >= 15


def test_the_post_build_step_ran_over_it(zensical_site):
    assert os.path.isfile(os.path.join(zensical_site, "assets", "vendor", "micropython", "micropython.wasm"))
    with tarfile.open(os.path.join(zensical_site, "assets", "py", "calculators.tar")) as shared:
        assert "calculators/web.mpy" in shared.getnames()  # the modules every page shares, compiled
    assert os.path.isfile(os.path.join(zensical_site, "sw.js"))
    with open(os.path.join(zensical_site, "en", "chapters", "after-the-sale", "index.html"), encoding="utf-8") as handle:
        page = handle.read()
    assert '<meta http-equiv="Content-Security-Policy"' in page and 'property="og:title"' in page
