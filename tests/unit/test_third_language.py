"""A third language is a catalog (and its pages): proved with a pseudo-locale ``xx`` that is not on the site.

``xx`` takes its number symbols, plural rule and month names from CLDR's French through the same
generator as the site's languages (scripts/catalogs.py: spaces group digits, a comma marks decimals,
four plural categories), and its words from a pseudo-translation of the English catalog: every string
bracketed and accented, placeholders kept.  Registered with :func:`calculators.catalog.register` only
for these tests, it renders a calculator through the real template (overrides/partials/calculator.html)
with every frame string from the xx catalog and every number in French CLDR's symbols, reads numbers as
typed there, and words input errors, link notices and the page scripts' strings in xx.  The one
calculator here is declared in this file with xx labels: the calculators' own content (labels, notes,
presets) is per language in their modules, which a real third language would translate (CONTRIBUTING).
"""

import html
import json
import os
import re
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

from calculators import catalog, catalog_en, numbers, scenario  # noqa: E402
from calculators.core import Calculator, Input, Output, evaluate  # noqa: E402
from calculators.errors import CalculatorError  # noqa: E402
from calculators.view import table_csv, table_tsv, view  # noqa: E402
from scripts import catalogs, embed  # noqa: E402

NNBSP = "\u202f"  # French CLDR groups digits with a narrow no-break space
ACCENTS = dict(zip("aeiouyAEIOUYcnsz", "àéîõüÿÅÉÎÕÜŸçñšž"))
# Kept as they are: placeholders ({label}, %1, %s) and the step word, a regular expression.
KEEP = re.compile(r"\{[a-z_]+\}|%\d|%s")


def pseudo(text):
    """``[Ŧëxŧ]``: the same words, accented and bracketed, placeholders untouched."""
    out, last = [], 0
    for match in KEEP.finditer(text):
        out.append("".join(ACCENTS.get(ch, ch) for ch in text[last:match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append("".join(ACCENTS.get(ch, ch) for ch in text[last:]))
    return "[" + "".join(out) + "]"


def pseudo_catalog(tree, path=()):
    """The English catalog with every UI string pseudo-translated; formats and codes kept."""
    if isinstance(tree, dict):
        return dict((key, pseudo_catalog(value, path + (key,))) for key, value in tree.items())
    if not isinstance(tree, str) or path[0] in ("currency", "csv", "date", "long_date", "minus", "units",
                                                "csv_units") or path[-1] == "stepMinutes":
        return tree
    if path[0] == "plurals":
        return tree + "·xx"
    return pseudo(tree)


def cldr_module(code):
    """What scripts/catalogs.py would write into calculators/cldr.py for CLDR locale ``code``."""
    namespace = {}
    exec(catalogs.source([code]), namespace)
    return namespace["LOCALES"][code], namespace["PLURALS"][code]


@pytest.fixture(scope="module")
def xx():
    words = pseudo_catalog(catalog_en.CATALOG)
    # CLDR's French has four plural categories where English has two: the words gain their forms.
    words["plurals"] = {"years": {"one": "àn·xx", "many": "àns·xx", "other": "àns·xx"},
                        "points": {"one": "põînt·xx", "many": "põînts·xx", "other": "põînts·xx"}}
    words["currency"] = "EUR"
    data, plural = cldr_module("fr")
    catalog.register("xx", words, data, plural)
    try:
        yield catalog.get("xx")
    finally:
        catalog.unregister("xx")
    assert "xx" not in catalog.languages()


def labels(text):
    return {"ru": "ru:" + text, "en": text, "xx": pseudo(text)}


CALCULATOR = Calculator(
    name="pseudo_margin",
    title=labels("Margin"),
    summary=labels("Profit on an order."),
    inputs=[
        Input("average_order", "money", labels("Average order"), {"ru": 1500, "en": 20, "xx": 1234.5},
              maximum=1e9),
        Input("margin_pct", "pct", labels("Margin"), {"ru": 30, "en": 30, "xx": 12.5}, maximum=100),
        Input("years", "number", labels("Years"), {"ru": 2, "en": 2, "xx": 2}, maximum=50),
    ],
    outputs=[
        Output("profit", "money", labels("Profit per order"), ["average_order", "margin_pct"]),
        Output("lifetime", "years", labels("Lifetime"), ["years"]),
        Output("share", "pct", labels("Share"), ["margin_pct"]),
    ],
    compute=lambda v: {"profit": v["average_order"] * v["margin_pct"] / 100.0, "lifetime": v["years"],
                       "share": v["margin_pct"]},
    notes={"ru": [], "en": [], "xx": [pseudo("An illustrative calculator.")]},
)


def test_numbers_follow_the_catalogs_cldr_symbols(xx):
    assert xx["decimal"] == "," and xx["group"] == NNBSP
    assert numbers.format_number(1234567.891, "xx", 2) == "1" + NNBSP + "234" + NNBSP + "567,89"
    assert numbers.format_money(-1234.5, "xx") == "\u22121" + NNBSP + "234,50\u00a0€"
    assert numbers.format_percent(7.5, "xx") == "7,5\u00a0%"
    assert numbers.default_currency("xx") == "EUR"
    # Read as typed on an xx page: spaces of any width group, a comma marks decimals; what is written
    # reads back to the same number.
    assert numbers.parse_number("1" + NNBSP + "234,5", lang="xx") == 1234.5
    assert numbers.parse_number("1 234,50 €", lang="xx", kind="money", currency="EUR") == 1234.5
    for value in (0.125, 1234.5, 1500, 1e-7, 123456789.25):
        assert numbers.parse_number(numbers.format_field(value, "xx"), lang="xx") == value


def test_plural_words_follow_cldrs_rule(xx):
    result = evaluate(CALCULATOR, {"years": "1"}, "xx")
    assert result.text("lifetime") == "1\u00a0àn·xx"
    assert evaluate(CALCULATOR, {"years": "2"}, "xx").text("lifetime") == "2\u00a0àns·xx"
    # French: 1,5 is "one" (i = 1); English would say "years".
    assert evaluate(CALCULATOR, {"years": "1,5"}, "xx").text("lifetime") == "1,5\u00a0àn·xx"


def test_errors_and_link_notices_are_worded_by_the_catalog(xx):
    result = evaluate(CALCULATOR, {"average_order": "abc", "margin_pct": "150"}, "xx")
    assert result.errors["average_order"].message("xx") == xx["errors"]["not_a_number"]
    assert result.errors["margin_pct"].message("xx") == xx["errors"]["above_max"].replace("{max}", "100\u00a0%")
    ambiguous = CalculatorError("x", "ambiguous", {"first": numbers._both(1.5), "second": numbers._both(1500)})
    assert "1,5" in ambiguous.message("xx") and ambiguous.message("xx").startswith("[")
    found = scenario.decode(CALCULATOR, "c1", "?c1.nonsense=1", "xx")
    assert found["notices"] == [xx["link_notices"]["unknown"].replace("{name}", "nonsense")]
    assert result.text("profit") == catalog.get("xx")["reasons"]["invalid_input"].replace(
        "{label}", pseudo("Average order"))


def test_a_calculator_renders_in_the_pseudo_locale(xx):
    shown = view(CALCULATOR, None, "xx")
    assert shown["texts"] is xx["calculator"] and shown["number_rules"] == xx["number_rules"]
    page = embed.environment().get_template("partials/calculator.html").render(
        v=shown, uid="c1", preset=None, presets=[],
        currencies=[(code, numbers.CURRENCY_SYMBOLS[code]) for code in numbers.CURRENCIES])
    text = html.unescape(page)
    for key in ("inputs", "outputs", "static", "noscript", "copy_link", "reset", "pin", "formulas", "numbers"):
        assert xx["calculator"][key] in text, key
    for key in ("starting", "stale", "failed"):
        assert 'data-msg-%s="%s"' % (key, html.escape(xx["calculator"][key])) in page, key
    assert 'data-lang="xx"' in page
    assert pseudo("Average order") in text and pseudo("Profit per order") in text
    assert "1" + NNBSP + "234,5" in text  # the default as typed into the field
    assert "154,31\u00a0€" in text  # 1 234,5 × 12,5 % (rounded half away from zero)
    assert "2\u00a0àns·xx" in text and "12,5\u00a0%" in text
    # Not a word of the site's own languages in the frame (the calculator's own labels aside).
    for lang in catalog.LANGS:
        for key, words in catalog.get(lang)["calculator"].items():
            if len(words) > 3 and words not in xx["calculator"][key]:
                assert words not in text, (lang, key)


def test_tables_use_the_catalogs_formats(xx):
    result = evaluate(CALCULATOR, {}, "xx")
    tsv = table_tsv(result, date=(2026, 12, 7))
    assert tsv.splitlines()[0] == "\t".join([xx["calculator"]["col_label"], xx["calculator"]["col_value"]])
    assert "2026-12-07" in tsv  # the date pattern kept from English
    csv = table_csv(result)
    assert csv.splitlines()[0].split(",")[:2] == [xx["calculator"]["col_section"], xx["calculator"]["col_label"]]


def test_page_scripts_strings_come_from_the_catalog(xx):
    strings = catalog.page_strings("xx", "ru")
    assert strings["lang"] == "xx" and strings["home"] == "xx/"
    assert strings["presenter"]["toggle"] == pseudo("Present")
    assert json.loads(json.dumps(strings)) == strings  # what main.html renders with tojson
    assert "xx" not in catalog.LANGS  # not a language of the site
