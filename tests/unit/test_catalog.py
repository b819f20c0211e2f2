"""One catalog per language (calculators/catalog.py): CLDR stays the source of calculators/cldr.py, every
language has every string, and the plural rules compiled for MicroPython answer as Babel does."""

import decimal
import re
import os
import sys

import pytest
from babel import Locale
from babel.numbers import format_decimal as babel_decimal
from babel.numbers import format_percent as babel_percent

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

from calculators import catalog, catalog_en, catalog_ru, cldr  # noqa: E402
from calculators.numbers import NBSP, format_number, format_percent  # noqa: E402
from scripts import catalogs  # noqa: E402


def test_cldr_module_is_what_babel_gives():
    """calculators/cldr.py is generated, never edited: regenerating it from Babel changes nothing."""
    with open(catalogs.TARGET, encoding="utf-8") as handle:
        assert handle.read() == catalogs.source(catalog.LANGS), "run python3 scripts/catalogs.py"
    assert catalogs.main(["--check"]) == 0


def _keys(tree, prefix=""):
    out = set()
    for key, value in tree.items():
        out.add(prefix + key)
        if isinstance(value, dict) and key not in ("plurals",):
            out |= _keys(value, prefix + key + ".")
    return out


def test_every_language_has_every_string():
    assert _keys(catalog_ru.CATALOG) == _keys(catalog_en.CATALOG)
    for lang in catalog.LANGS:
        assert catalog.get(lang)["plural"] is cldr.PLURALS[lang]
        for key in _keys(catalog.get(lang)["calculator"]):
            assert catalog.get(lang)["calculator"][key].strip(), (lang, key)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_word_forms_cover_the_languages_plural_categories(lang):
    """Each word with forms by number has one for every category CLDR's rule can give in that language."""
    categories = set(Locale.parse(lang).plural_form.tags) | {"other"}
    for name, forms in catalog.get(lang)["plurals"].items():
        assert set(forms) == categories, (lang, name)
    from scripts import speedpage  # its words by number too (requests, runs…)
    tables = [(key, value) for key, value in speedpage.TEXTS[lang].items() if isinstance(value, dict) and "one" in value]
    assert tables
    for name, forms in tables:
        assert set(forms) == categories, (lang, name)


@pytest.mark.parametrize("lang", ["ru", "en", "de", "fr", "ar", "pl", "cy"])
def test_compiled_plural_rule_answers_as_babel(lang):
    """The rule compiled for MicroPython gives Babel's category for whole numbers and shown fractions."""
    namespace = {}
    exec(catalogs.HEAD % {"cldr": "", "babel": ""} + catalogs.plural_source(lang)[1], namespace)
    rule = namespace["_plural_" + lang]
    babel_rule = Locale.parse(lang).plural_form
    saved = catalog._CATALOGS.get(lang)
    try:
        catalog._CATALOGS[lang] = {"plural": rule}
        for decimals in (0, 1, 2):
            for units in list(range(0, 250)) + [1000, 1001, 1000000, 1000001, 10 ** 7]:
                text = str(units) if decimals == 0 else "%d.%0*d" % (units // 10 ** decimals, decimals,
                                                                    units % 10 ** decimals)
                assert catalog.plural(lang, units, decimals) == babel_rule(decimal.Decimal(text)), (lang, text)
    finally:
        if saved is None:
            catalog._CATALOGS.pop(lang)
        else:
            catalog._CATALOGS[lang] = saved


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_numbers_are_written_with_cldrs_symbols(lang):
    """Grouping, decimal mark and percent as Babel writes them (CLDR), less the site's own minus sign."""
    for value, decimals in ((1234567.891, 2), (0.5, 1), (1000, 0), (12, 0)):
        want = babel_decimal(value, format="#,##0" + ("." + "0" * decimals if decimals else ""), locale=lang)
        assert format_number(value, lang, decimals) == want
    assert format_number(-1234.5, lang, 1).startswith("\u2212")  # the catalog's choice over CLDR's "-"
    pattern = Locale.parse(lang).percent_formats[None].pattern.replace("#,##0", "#,##0.0")
    assert format_percent(7.5, lang, 1) == babel_percent(0.075, format=pattern, locale=lang)
    assert format_percent(7.5, lang, 1).endswith((NBSP + "%") if lang == "ru" else "7.5%")


def test_month_names_are_the_format_context():
    assert catalog.get("ru")["months"][11] == "декабря"  # «7 декабря», not «декабрь»
    assert catalog.get("en")["months"][0] == "January"


def test_languages_are_the_sites():
    assert catalog.languages()[:2] == catalog.LANGS
    with pytest.raises(ValueError):
        catalog.unregister("ru")


# --- the page's scripts read their strings from the built page ---------------------------------------------

ASSETS = os.path.join(ROOT, "docs", "assets")
SCRIPTS = sorted(name for name in os.listdir(ASSETS) if name.endswith(".js"))
LANGUAGE_TEST = re.compile(r"""[=!]==?\s*["'](?:ru|en)["']|["'](?:ru|en)["']\s*[=!]==?|\{\s*ru\s*:|\ben\s*:\s*\{""")
# Which object holds a script's strings, and the catalog's part it comes from.
READERS = {"presenter.js": (r"\bT\.(\w+)", "presenter"), "offline.js": (r"\btexts\.(\w+)", "offline"),
           "a11y.js": (r"\bnames\.(\w+)", "a11y"), "search.js": (r"\btexts\.(\w+)", "search")}


def _code(name):
    """A script's text without its comments."""
    with open(os.path.join(ASSETS, name), encoding="utf-8") as handle:
        text = handle.read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"(?m)(^|[^:\\])//.*$", r"\1", text)


@pytest.mark.parametrize("name", SCRIPTS)
def test_scripts_hold_no_language_tests_or_ui_words(name):
    code = _code(name)
    assert not LANGUAGE_TEST.search(code), LANGUAGE_TEST.search(code).group(0)
    assert not re.search("[А-Яа-яЁё]", code), re.search("[А-Яа-яЁё].{0,30}", code).group(0)
    for lang in catalog.LANGS:
        for part in catalog.get(lang)["page"].values():
            for words in part.values():
                if len(words) > 3 and words[0].isalpha() and " " in words:
                    assert words not in code, (name, words)


@pytest.mark.parametrize("name", sorted(READERS))
def test_every_string_a_script_reads_is_in_every_catalog(name):
    pattern, part = READERS[name]
    used = set(re.findall(pattern, _code(name)))
    assert used, name
    for lang in catalog.LANGS:
        assert used <= set(catalog.get(lang)["page"][part]), (lang, used - set(catalog.get(lang)["page"][part]))


def test_the_base_template_renders_the_strings_for_every_page():
    with open(os.path.join(ROOT, "overrides", "main.html"), encoding="utf-8") as handle:
        template = handle.read()
    assert ('<script type="application/json" id="clienting-strings">'
            '{{ clienting_strings(config.theme.language) | tojson }}</script>') in template
    strings = catalog.page_strings("en", "ru")
    assert strings["home"] == "en/" and catalog.page_strings("ru", "ru")["home"] == ""
    assert set(strings) == set(catalog.get("en")["page"]) | {"lang", "home"}
