"""scripts/postbuild.py over a tiny hand-made built site: no MkDocs, any generator's folder."""

import gzip
import json

import pytest

from scripts import csp, postbuild, search, search

CONFIG = json.dumps({"files": {"../../assets/py/calculators.tar": "calculators.tar",
                               "../../assets/py/acquisition_vs_retention.tar": "acquisition_vs_retention.tar"},
                     "interpreter": "../assets/vendor/micropython/micropython.mjs"})
CALCULATOR_PAGE = """<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="description" content="Сколько стоит удержать клиента &amp; привлечь нового.">
<title>Калькулятор - Клиентинг</title>
<script>var scope = 1;</script>
</head>
<body>
<main data-pagefind-body><p>Удержать клиента дешевле, чем привлечь нового.</p>
<div data-calculator="acquisition_vs_retention" data-state="static" data-pagefind-ignore><p>1 000 ₽</p></div></main>
<script type="module" async src="../assets/vendor/pyscript/core.js"></script>
<script type="mpy" config='%s'>
from calculators.web import start
start()
</script>
</body>
</html>
""" % CONFIG.replace("'", "&#39;")
HOME_EN = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="description" content="An open playbook.">
<title>Clienting</title></head><body><main data-pagefind-body><p>Hello, customers.</p></main></body></html>
"""
NOT_FOUND = """<!doctype html>
<html lang="%s"><head><meta charset="utf-8"><title>404 - Site</title>
<script>console.log("lost")</script></head><body></body></html>
"""


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    files = {"calculators/x/index.html": CALCULATOR_PAGE, "en/index.html": HOME_EN,
             "ru/404.html": NOT_FOUND % "ru", "en/404.html": NOT_FOUND % "en",
             "assets/style.css": "body { color: black; }\n" * 50,
             "sitemap.xml": "<urlset></urlset>"}
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def read(root, path):
    return (root / path).read_text(encoding="utf-8")


def test_every_step_over_a_built_folder(site):
    assert postbuild.main([str(site)]) == 0

    # 1. The runtime and the calculators' bytecode.
    assert (site / "assets/vendor/pyscript/core.js").exists()
    assert (site / "assets/vendor/micropython/micropython.wasm").exists()
    assert (site / "assets/py/calculators.tar").exists()  # the shared modules
    assert (site / "assets/py/acquisition_vs_retention.tar").exists()  # the page's calculator
    assert (site / "assets/py/calculators/qr.mpy").exists()  # fetched when a QR code is asked for

    # 2. Pages: the policy, with the runtime's allowances only where PyScript's script is.
    page = read(site, "calculators/x/index.html")
    policy = '<meta http-equiv="Content-Security-Policy" content="%s">' % csp.policy(
        [csp.script_hash("var scope = 1;")], runtime=True)
    assert page.startswith(CALCULATOR_PAGE.split('<meta charset="utf-8">')[0] + '<meta charset="utf-8">\n  '
                           + policy)
    home = read(site, "en/index.html")
    assert "'unsafe-eval'" not in home and "'wasm-unsafe-eval'" in home  # the search's, on every page
    # The sharing tags from what the page says; the theme's description is left as it was, once.
    assert '<meta property="og:title" content="Калькулятор">' in page
    assert '<meta property="og:site_name" content="Клиентинг">' in page
    assert ('<meta property="og:description" content="Сколько стоит удержать клиента &amp; привлечь нового.">'
            in page)
    assert page.count('name="description"') == 1
    assert '<meta property="og:type" content="website">' in home
    assert '<meta property="og:site_name" content="Clienting">' in home
    assert '<meta property="og:locale" content="en_US">' in home
    # Nothing else of the page changed: remove what was added and the page is as it was written.
    added = [line for line in page.splitlines() if "Content-Security-Policy" in line or 'property="og:' in line]
    assert "\n".join(line for line in page.splitlines() if line not in added) + "\n" == CALCULATOR_PAGE

    # 3. One 404 page per language, with its policy and no sharing tags.
    assert not (site / "ru").exists()
    assert 'lang="ru"' in read(site, "404.html") and 'lang="en"' in read(site, "en/404.html")
    for path in ("404.html", "en/404.html"):
        assert csp.script_hash('console.log("lost")') in read(site, path)
        assert "og:" not in read(site, path)

    # 4. The search index, one per language (Pagefind, scripts/search.py).
    assert "/calculators/x/" in [page["url"] for page in search.pages(str(site), "ru")]
    assert "/en/" in [page["url"] for page in search.pages(str(site), "en")]
    assert (site / "pagefind" / "pagefind-entry.json").exists()

    # 5. Search: an index per language, of the pages' text.
    entry = json.loads((site / search.BUNDLE / search.ENTRY).read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == ["en", "ru"]

    # 6. No site address: no sitemap of relative addresses.
    assert not (site / "sitemap.xml").exists()

    # 7. The offline copy lists the final pages; 8. precompressed copies, sw.js's included.
    worker = read(site, "sw.js")
    assert "calculators/x/" in worker and "assets/py/calculators.tar" in worker
    assert "pagefind/pagefind.js" in worker
    assert gzip.decompress((site / "sw.js.gz").read_bytes()).decode("utf-8") == worker
    assert gzip.decompress((site / "calculators/x/index.html.gz").read_bytes()).decode("utf-8") == page


def test_running_it_again_changes_nothing(site):
    postbuild.main([str(site), "--steps", "pages,notfound,sitemap,offline"])
    before = dict((p, p.read_bytes()) for p in site.rglob("*") if p.is_file())
    postbuild.main([str(site), "--steps", "pages,notfound,sitemap,offline"])
    assert dict((p, p.read_bytes()) for p in site.rglob("*") if p.is_file()) == before


def test_the_site_address_gives_og_url_and_keeps_the_sitemap(site):
    page = read(site, "calculators/x/index.html").replace(
        "<title>", '<link rel="canonical" href="https://e.org/calculators/x/">\n<title>')
    (site / "calculators/x/index.html").write_text(page, encoding="utf-8")
    postbuild.main([str(site), "--site-url", "https://e.org/", "--steps", "pages,sitemap"])
    assert '<meta property="og:url" content="https://e.org/calculators/x/">' in read(site, "calculators/x/index.html")
    assert (site / "sitemap.xml").exists()


def test_an_unknown_step_is_refused(site):
    with pytest.raises(ValueError) as raised:
        postbuild.run(postbuild.from_config(str(site)), ["pages", "minify"])
    assert "minify" in str(raised.value) and "compress" in str(raised.value)


def test_the_languages_and_names_come_from_mkdocs_yml():
    site = postbuild.from_config("/nowhere", "")
    assert (site.default, site.others) == ("ru", ["en"])
    assert site.names == {"ru": "Клиентинг", "en": "Clienting"}
    assert site.lang_of("en/chapters/x/index.html") == "en" and site.lang_of("chapters/x/index.html") == "ru"
