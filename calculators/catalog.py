"""One catalog per language: the words (``catalog_<lang>.py``) laid over what CLDR decides (``cldr.py``).

``get(lang)`` is a plain dict: the number symbols and patterns (``decimal``, ``group``, ``percent``,
``currency``: prefix and suffix), ``months`` and the plural rule from CLDR; the default currency, the
CSV format, the date pattern, unit words and word forms by plural category, and every shared UI string
(``calculator``, ``errors``, ``reasons``, ``link_notices``, ``number_rules``, ``page``) from the
language's own file (``catalog_<lang>.py``), which may also override a CLDR choice.  Calculator content
(labels, notes, presets) stays in each calculator's module.  Keys under ``"page"`` are read by the
page's JavaScript from the built page (``overrides/main.html``: ``#clienting-strings``).  A third
language is a file like ``catalog_en.py`` plus its pages (see CONTRIBUTING).

One choice holds for every language (``SITE``): the minus sign is U+2212, where CLDR says a hyphen-minus.

A language is usable once :func:`register` has been given its words and its CLDR data: this is what a
test does to add a pseudo-locale without adding it to the site.  ``LANGS`` are the site's languages.
"""

from . import catalog_en, catalog_ru, cldr

LANGS = ("ru", "en")

SITE = {"minus": "\u2212"}

_CATALOGS = {}
_ORDER = []


def register(lang, words, data, plural):
    """Make ``lang`` usable: ``words`` (a catalog like ``catalog_ru.CATALOG``) over ``data`` (CLDR's
    symbols and months, as ``cldr.LOCALES`` holds them) with ``plural``, CLDR's plural rule as a
    function of the operands ``n, i, v, w, f, t, c, e``."""
    merged = dict(data)
    merged.update(SITE)
    merged.update(words)
    merged["plural"] = plural
    if lang not in _CATALOGS:
        _ORDER.append(lang)
    _CATALOGS[lang] = merged


def unregister(lang):
    """Forget a language added by :func:`register` (not one of the site's)."""
    if lang in LANGS:
        raise ValueError("%s is a language of the site" % lang)
    _CATALOGS.pop(lang, None)
    if lang in _ORDER:
        _ORDER.remove(lang)


def languages():
    """Every usable language: the site's, then any registered since."""
    return tuple(_ORDER)


def get(lang):
    """The catalog of ``lang``; KeyError for a language without one."""
    return _CATALOGS[lang]


def plural(lang, units, decimals=0):
    """CLDR's plural category (``one``, ``few``, ``many``, ``other``…) of a number as shown: ``units``
    is its value × 10**decimals as an integer (``round_half_away``), so that ``1,0`` (v = 1) and ``1``
    (v = 0) differ as CLDR says they do."""
    units = abs(units)
    scale = 10 ** decimals
    i, f = units // scale, units % scale
    t = f
    while t and t % 10 == 0:
        t //= 10
    w = len(str(t)) if t else 0
    return _CATALOGS[lang]["plural"](units / scale, i, decimals, w, f, t, 0, 0)


def word(lang, name, units, decimals=0):
    """The form of the word ``name`` (a key of the catalog's ``plurals``) that goes with the number."""
    return _CATALOGS[lang]["plurals"][name][plural(lang, units, decimals)]


for _lang, _module in (("ru", catalog_ru), ("en", catalog_en)):
    register(_lang, _module.CATALOG, cldr.LOCALES[_lang], cldr.PLURALS[_lang])


def page_strings(lang, default):
    """What the page's JavaScript reads from the built page (``#clienting-strings``, a JSON data block
    rendered by ``overrides/main.html``): the catalog's ``page`` texts by script (``presenter``,
    ``offline``, ``a11y``), the language, and ``home``, the path of the language's home page below the
    site's root ("" for the default language ``default``)."""
    strings = dict(get(lang)["page"])
    strings["lang"] = lang
    strings["home"] = "" if lang == default else lang + "/"
    return strings
