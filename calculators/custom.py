"""A trainer's own defaults and preset scenarios, from a plain data file (``custom.json``).

No Python to touch: the file sits at the repository's root (or wherever ``CLIENTING_CUSTOM`` points,
on CPython) and :func:`calculators.registry.get` lays it over each calculator, so the build, the page
and the command line all show the same numbers.  The build puts the file next to the page's
modules (``calculators/custom.json`` in the shared archive, ``scripts/runtime.py``), where this module
finds it in the page.

The file (every part optional; keys starting with ``_`` are comments and ignored)::

    {
      "acquisition_vs_retention": {
        "defaults": {"average_order": {"ru": 450, "en": 7}, "retention_rate_pct": 60},
        "presets": {
          "flower_shop": {
            "title": {"ru": "Цветочная лавка", "en": "Flower shop"},
            "values": {"average_order": {"ru": "1 800", "en": 30}, "orders_per_year": 6}
          }
        }
      }
    }

A value is a JSON number (taken as it is), text as a person would type it on a Russian page
(``"1 800,50"``), the same for both languages, or ``{"ru": …, "en": …}``, where each text is read as
on that language's page (``{"ru": "1 800,50", "en": "1,800.50"}``).  Every value goes through the page's parser and the input's limits; a
mistake raises :class:`CustomError` naming the calculator, the preset and the field.  A preset with
the key of a built-in one replaces it; ``default`` is no preset's key (links use it for the defaults).
The file is read as UTF-8 (a byte-order mark is skipped) and laid over copies of the declarations:
each calculator's module keeps the playbook's own numbers.

Plain Python that runs unchanged on CPython and MicroPython (which has ``json``).
"""

import json

from .errors import CalculatorError

FILE_NAME = "custom.json"
LANGS = ("ru", "en")
SECTIONS = ("defaults", "presets")
PRESET_KEYS = ("title", "values")
_KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_"
# Words a preset's key may not be: ``preset=default`` in a link means the calculator's own defaults.
RESERVED_KEYS = ("default",)
BOM = "\ufeff"
# The deepest a sensible file goes: file, calculator, section, preset, "values", field, language is 6.
MAX_DEPTH = 16
# The key of the file as the build checked it (:func:`checked`).
CHECKED = "_checked_by_build"

_cache = {}


class CustomError(ValueError):
    """A mistake in ``custom.json``; the message names the file, calculator, preset and field."""


def _where(calculator=None, preset=None, field=None, lang=None):
    parts = []
    if calculator is not None:
        parts.append("calculator %r" % calculator)
    if preset is not None:
        parts.append("preset %r" % preset)
    if field is not None:
        parts.append("field %r" % field + (" (%s)" % lang if lang is not None else ""))
    return FILE_NAME + (": " + ", ".join(parts) if parts else "")


def _fail(message, calculator=None, preset=None, field=None, lang=None):
    raise CustomError("%s: %s" % (_where(calculator, preset, field, lang), message))


def _split(path):
    """(directory, name) of a path with ``/`` or ``\\`` separators (MicroPython has no ``os.path``)."""
    cut = max(path.rfind("/"), path.rfind("\\"))
    if cut < 0:
        return "", path
    return path[:cut], path[cut + 1:]


def _join(directory, name):
    return directory + "/" + name if directory else name


def _exists(path):
    try:
        with open(path, "rb"):
            return True
    except OSError:
        return False


def _explicit():
    """``$CLIENTING_CUSTOM`` on CPython; None when unset or where there is no environment (the page)."""
    try:
        import os
        return os.getenv("CLIENTING_CUSTOM") or None
    except (ImportError, AttributeError):
        return None


def candidates():
    """Where the file is looked for, in order: ``$CLIENTING_CUSTOM`` (alone, when it is set), next to
    these modules (the page), the directory above them (the repository's root)."""
    explicit = _explicit()
    if explicit:
        return [explicit]
    try:
        package = _split(__file__)[0]
    except NameError:
        package = "calculators"
    parent = _split(package)[0] if package not in ("", ".") else ".."
    return [_join(package, FILE_NAME), _join(parent, FILE_NAME)]


def path():
    """The custom file in use, or None when there is none (the playbook's own numbers then).

    A ``$CLIENTING_CUSTOM`` that names no file is a mistake, not a reason to look elsewhere.
    """
    for candidate in candidates():
        if _exists(candidate):
            return candidate
    explicit = _explicit()
    if explicit:
        raise CustomError("%s: CLIENTING_CUSTOM names %s, which does not exist; correct the path or unset "
                          "the variable" % (FILE_NAME, explicit))
    return None


def in_use():
    """The custom file when it changes anything (names a calculator), else None: a file of comments
    or ``{}`` need not be shipped to the page."""
    found = path()
    if found is None:
        return None
    for key in settings():
        if not key.startswith("_"):
            return found
    return None


def read(file_path):
    """Parse a custom file; :class:`CustomError` for a file that cannot be read, is not UTF-8, is not
    JSON, is nested beyond any sensible depth or whose top level is not an object.

    The bytes are decoded as UTF-8 here, whatever the platform's default encoding (Windows, MicroPython),
    and a byte-order mark (Windows Notepad writes one) is skipped.
    """
    try:
        with open(file_path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise CustomError("%s: cannot read %s: %s" % (FILE_NAME, file_path, error))
    try:
        text = data.decode("utf-8")
    except UnicodeError:
        raise CustomError("%s: %s is not UTF-8 text (perhaps saved as Windows-1251); open it in a text "
                          "editor and save it with the encoding UTF-8" % (FILE_NAME, file_path))
    if text.startswith(BOM):
        text = text[len(BOM):]
    depth = _depth(text)
    if depth > MAX_DEPTH:
        raise CustomError("%s: %s nests objects and lists %d levels deep; a custom file needs 6 at most "
                          "(calculator, section, preset, values, field, language): compare it with "
                          "custom.example.json" % (FILE_NAME, file_path, depth))
    try:
        parsed = json.loads(text)
    except ValueError as error:
        raise CustomError("%s: %s is not valid JSON (%s); check the commas, quotes and brackets"
                          % (FILE_NAME, file_path, error))
    if not isinstance(parsed, dict):
        raise CustomError("%s: the file must hold one object {...} keyed by calculator name" % FILE_NAME)
    return parsed


def _depth(text):
    """How deeply ``[`` and ``{`` nest in JSON text (brackets inside strings do not count).

    Checked before parsing: CPython's parser recurses and would fail on a deep enough file with a
    RecursionError instead of a message.
    """
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "[" or char == "{":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif char == "]" or char == "}":
            depth -= 1
    return deepest


def settings():
    """The parsed custom file, or ``{}``; each file is read once per process."""
    found = path()
    if found not in _cache:
        _cache[found] = read(found) if found else {}
    return _cache[found]


def _per_lang(value, calculator, preset, field):
    """``{"ru": v, "en": v}`` from a plain value or a per-language object."""
    if isinstance(value, dict):
        for key in value:
            if key not in LANGS:
                _fail("unknown language %r (use \"ru\" and \"en\")" % key, calculator, preset, field)
        return value
    return dict((lang, value) for lang in LANGS)


def _values(calculator, entry, preset, section):
    """Parsed values ``{lang: {name: float}}`` of a ``defaults`` or preset ``values`` object."""
    if not isinstance(entry, dict):
        _fail("%s must be an object {\"field\": value, ...}" % section, calculator.name, preset)
    parsed = dict((lang, {}) for lang in LANGS)
    for name in entry:
        if name.startswith("_"):
            continue
        spec = calculator.input_by_name.get(name)
        if spec is None:
            _fail("no such field; known: %s" % ", ".join(i.name for i in calculator.inputs),
                  calculator.name, preset, name)
        given = entry[name]
        for lang, raw in _per_lang(given, calculator.name, preset, name).items():
            if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
                _fail("a value must be a number or text such as \"1 500,50\"", calculator.name, preset, name,
                      lang)
            # Text given per language is read by that language's rules, text for both by Russian rules
            # (the file's examples are Russian); JSON numbers are taken as they are.  Any currency sign.
            rules = lang if isinstance(given, dict) else "ru"
            try:
                parsed[lang][name] = spec.check(spec.read(raw, rules), lang)
            except CalculatorError as error:
                _fail(error.message("en"), calculator.name, preset, name, lang)
    return parsed


def _title(value, calculator, preset):
    if isinstance(value, str):
        value = dict((lang, value) for lang in LANGS)
    if not isinstance(value, dict):
        _fail("title must be text or {\"ru\": ..., \"en\": ...}", calculator, preset)
    for lang in LANGS:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            _fail("title needs a text for %r" % lang, calculator, preset)
    for key in value:
        if key not in LANGS:
            _fail("unknown language %r in title" % key, calculator, preset)
    return dict((lang, value[lang].strip()) for lang in LANGS)


def _check_key(key, calculator):
    if not key or any(ch not in _KEY_CHARS for ch in key):
        _fail("a preset's key may hold only a-z, 0-9 and _ (it goes into page markers and links)",
              calculator, key)
    if key in RESERVED_KEYS:
        _fail("%r is taken: a link's preset=%s means the calculator's own defaults; choose another key"
              % (key, key), calculator, key)


def validate(calculator, entry):
    """Check one calculator's entry against its declaration; return ``(defaults, presets)`` parsed.

    ``defaults``: ``{lang: {name: float}}``; ``presets``: ``{key: {"title": {...}, "values": {...}}}``.
    """
    name = calculator.name
    if not isinstance(entry, dict):
        _fail("the entry must be an object with \"defaults\" and/or \"presets\"", name)
    for key in entry:
        if key not in SECTIONS and not key.startswith("_"):
            _fail("unknown key %r (allowed: defaults, presets)" % key, name)
    defaults = _values(calculator, entry.get("defaults", {}), None, "defaults")
    presets = {}
    given = entry.get("presets", {})
    if not isinstance(given, dict):
        _fail("presets must be an object keyed by preset name", name)
    for key in given:
        if key.startswith("_"):
            continue
        _check_key(key, name)
        preset = given[key]
        if not isinstance(preset, dict):
            _fail("a preset must be an object with \"title\" and \"values\"", name, key)
        for part in preset:
            if part not in PRESET_KEYS and not part.startswith("_"):
                _fail("unknown key %r (allowed: title, values)" % part, name, key)
        if "title" not in preset:
            _fail("a preset needs a \"title\"", name, key)
        presets[key] = {"title": _title(preset["title"], name, key),
                        "values": _values(calculator, preset.get("values", {}), key, "values")}
    return defaults, presets


def check_names(data, names):
    """Every calculator named in the file exists."""
    for key in data:
        if not key.startswith("_") and key not in names:
            raise CustomError("%s: unknown calculator %r; known: %s"
                              % (FILE_NAME, key, ", ".join(sorted(names))))


def _clone(thing):
    """A shallow copy of a plain object (MicroPython has no ``copy`` module)."""
    twin = object.__new__(thing.__class__)
    for key in thing.__dict__:
        setattr(twin, key, getattr(thing, key))
    return twin


def checked(data=None):
    """The file as the build checked it, for the page: ``{CHECKED: 1, name: [defaults, presets]}``
    with each calculator's entry already parsed and within its limits (what :func:`validate` returns).

    The build writes this in place of the file next to the page's modules (``scripts/runtime.py``), so
    the page lays it over without checking every value again on every load; a mistake has stopped the
    build before.  The marker is trusted only in the page (MicroPython): anywhere else a file carrying
    it is checked like any other, so it cannot be used to slip a file past the build's check.
    """
    from .registry import NAMES
    if data is None:
        data = settings()
    check_names(data, NAMES)
    done = {CHECKED: 1}
    for name in NAMES:
        if name in data:
            declared = __import__("calculators." + name, None, None, ("CALCULATOR",)).CALCULATOR
            done[name] = list(validate(declared, data[name]))
    return done


def _trusted(data):
    """Whether ``data`` is the build's checked form, read in the page."""
    import sys
    return data.get(CHECKED) == 1 and sys.implementation.name == "micropython"


def apply(calculator, data=None):
    """The declaration ``calculator`` with the custom entry laid over it, as a copy.

    The declaration itself is never changed: its module keeps the playbook's own numbers whatever
    the file says.  ``data`` defaults to :func:`settings` (the file).  Called once per calculator by
    the registry; without an entry for ``calculator`` it comes back as it is.  The page's file is the
    build's :func:`checked` form: laid over as it is.
    """
    if data is None:
        data = settings()
    if not data:
        return calculator
    trusted = _trusted(data)
    if not trusted:
        from .registry import NAMES
        check_names(data, NAMES)
    entry = data.get(calculator.name)
    if entry is None:
        return calculator
    defaults, presets = entry if trusted else validate(calculator, entry)
    inputs = []
    for spec in calculator.inputs:
        if any(spec.name in defaults[lang] for lang in LANGS):
            default = dict(spec.default)
            for lang in LANGS:
                if spec.name in defaults[lang]:
                    default[lang] = defaults[lang][spec.name]
            spec = _clone(spec)
            spec.default = default
        inputs.append(spec)
    merged = dict(calculator.presets)
    for key in presets:
        merged[key] = presets[key]
    adapted = _clone(calculator)
    adapted.inputs = inputs
    adapted.input_by_name = dict((spec.name, spec) for spec in inputs)
    adapted.presets = merged
    return adapted
