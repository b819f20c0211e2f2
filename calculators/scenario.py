"""A calculator's scenario in the page address: what a shared link carries, and how it is read back.

The format (query string, so that it survives messengers, QR codes and the page's own ``#anchors``)::

    ?<key>.<input>=<number>&<key>.preset=<preset>&<key>.currency=<code>

``<key>`` names one calculator on the page: its element id without the ``calc-`` prefix
(``acquisition-vs-retention-1``; the second copy of the same calculator on a page is ``…-2``), so
several calculators share one address without clashing, and parameters of other calculators or of
anything else are left as they are.  Only what differs from the scenario the page opens with is
written: inputs whose value differs from the chosen preset's (or the defaults), the preset when it
is not the page's own (``default`` for none), the currency when it is not the language's.  Numbers
are read by their own parser, the same whatever the page's language (:func:`numbers.parse_decimal`:
an optional ``-``, digits, at most one ``.``), and written from the value's decimal digits
(:func:`numbers.format_decimal`: ``2.5``, ``1500``, ``0.00001``), never from the typed text and
never with an exponent: the same link works on the Russian and the English page, and links written
before (the typed text without spaces, ``,`` turned into ``.``) read as they always did.

Reading (:func:`decode`) never trusts the address: unknown names, values that are not numbers or
break an input's limits, unknown presets and currencies are ignored, each with a notice in plain
text (the page writes it with ``textContent``); whatever is missing keeps the scenario's value.  A
value that is not valid UTF-8 (``%FF``) is one more invalid value, quoted as it stands in the address.

Plain Python for CPython and MicroPython alike (no ``urllib``, no ``re``).
"""

from .errors import CalculatorError
from . import catalog
from .numbers import CURRENCIES, default_currency, format_decimal, parse_decimal

PRESET = "preset"
CURRENCY = "currency"
NO_PRESET = "default"
# Characters kept as they are in a query component (RFC 3986 unreserved).
_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
_HEX = "0123456789ABCDEF"
# How much of a rejected value a notice quotes.
QUOTE_LENGTH = 24



def instance_key(element_id):
    """The key of one calculator in the address: ``calc-customer-value-1`` -> ``customer-value-1``."""
    if element_id.startswith("calc-"):
        return element_id[5:]
    return element_id


def percent_decode(text):
    """``%XX`` escapes (as UTF-8) and ``+`` as a space; None when the text is not valid UTF-8."""
    out = bytearray()
    i = 0
    raw = text.encode("utf-8")
    n = len(raw)
    while i < n:
        byte = raw[i]
        if byte == 0x25 and i + 2 < n and _is_hex(raw[i + 1]) and _is_hex(raw[i + 2]):
            out.append(int(raw[i + 1:i + 3].decode("ascii"), 16))
            i += 3
            continue
        out.append(0x20 if byte == 0x2B else byte)
        i += 1
    if not valid_utf8(out):
        return None
    return bytes(out).decode("utf-8")


def valid_utf8(data):
    """Whether ``data`` is well-formed UTF-8 (checked here: MicroPython's ``decode`` does not check)."""
    i = 0
    n = len(data)
    while i < n:
        byte = data[i]
        if byte < 0x80:
            i += 1
            continue
        if 0xC2 <= byte <= 0xDF:
            count, low, high = 1, 0x80, 0xBF
        elif 0xE0 <= byte <= 0xEF:
            count = 2
            low = 0xA0 if byte == 0xE0 else 0x80
            high = 0x9F if byte == 0xED else 0xBF
        elif 0xF0 <= byte <= 0xF4:
            count = 3
            low = 0x90 if byte == 0xF0 else 0x80
            high = 0x8F if byte == 0xF4 else 0xBF
        else:
            return False
        if i + count >= n:
            return False
        if not low <= data[i + 1] <= high:
            return False
        for k in range(2, count + 1):
            if not 0x80 <= data[i + k] <= 0xBF:
                return False
        i += count + 1
    return True


def _is_hex(byte):
    return (0x30 <= byte <= 0x39) or (0x41 <= byte <= 0x46) or (0x61 <= byte <= 0x66)


def percent_encode(text):
    """Escape everything but the unreserved characters, as UTF-8 ``%XX``."""
    out = []
    for ch in text:
        if ch in _SAFE:
            out.append(ch)
        else:
            for byte in ch.encode("utf-8"):
                out.append("%" + _HEX[byte >> 4] + _HEX[byte & 15])
    return "".join(out)


def split_query(query):
    """The raw ``name=value`` segments of a query string (with or without the leading ``?``)."""
    if query.startswith("?"):
        query = query[1:]
    return [segment for segment in query.split("&") if segment]


def _segments(query):
    """``[(name, value, broken), ...]``: :func:`parse_query`'s pairs, each saying whether its value was
    not valid UTF-8."""
    out = []
    for segment in split_query(query):
        name, _, raw = segment.partition("=")
        name, value = percent_decode(name), percent_decode(raw)
        if name is None:
            out.append((None, None, True))
        else:
            out.append((name, raw if value is None else value, value is None))
    return out


def parse_query(query):
    """``[(name, value), ...]`` decoded, in order; a name that cannot be decoded gives ``(None, None)``,
    a value that cannot be decoded stays as it is in the address (``%FF``), which no reader accepts."""
    return [(name, value) for name, value, _ in _segments(query)]


def _quote(value):
    """A rejected value as a notice quotes it: control characters dropped, at most QUOTE_LENGTH long."""
    clean = "".join(ch for ch in value if ord(ch) >= 32 and ord(ch) != 127)
    if len(clean) > QUOTE_LENGTH:
        clean = clean[:QUOTE_LENGTH] + "…"
    return clean


def _notice(code, lang, **values):
    text = catalog.get(lang)["link_notices"][code]
    for name in values:
        text = text.replace("{" + name + "}", values[name])
    return text


def decode(calculator, key, query, lang="ru", page_preset=None):
    """Read one calculator's scenario from ``query`` (``location.search``).

    Returns a dict: ``found`` (the address names this calculator at all), ``preset`` (a preset key,
    or None for the defaults), ``currency`` (a code), ``values`` (input name -> number: the
    scenario's values with the link's valid ones laid over them), ``taken`` (names of the inputs
    the link set) and ``notices`` (plain-text sentences in ``lang`` about what was ignored).
    """
    prefix = key + "."
    found = False
    preset = page_preset
    currency = default_currency(lang)
    raw = {}
    notices = []
    unreadable = False
    for name, value, broken in _segments(query):
        if name is None:
            unreadable = True
            continue
        if not name.startswith(prefix):
            continue
        field = name[len(prefix):]
        if field == NAME or field.startswith(PINNED + "."):
            # the comparison's own (see comparison()); a name that cannot be read is skipped, said here
            unreadable = unreadable or (broken and field in (NAME, PINNED + "." + NAME))
            continue
        found = True
        if field == PRESET:
            if value == NO_PRESET:
                preset = None
            elif value in calculator.presets:
                preset = value
            else:
                notices.append(_notice("preset", lang, value=_quote(value)))
        elif field == CURRENCY:
            if value in CURRENCIES:
                currency = value
            else:
                notices.append(_notice("currency", lang, value=_quote(value), default=default_currency(lang)))
        elif field in calculator.input_by_name:
            raw[field] = value
        else:
            notices.append(_notice("unknown", lang, name=_quote(field)))
    if unreadable:
        notices.append(_notice("unreadable", lang))
    values = calculator.defaults(lang, preset)
    taken = []
    for spec in calculator.inputs:
        if spec.name not in raw:
            continue
        try:
            values[spec.name] = spec.check(parse_decimal(raw[spec.name], spec.name), lang, currency)
            taken.append(spec.name)
        except CalculatorError as error:
            notices.append(_notice("invalid", lang, value=_quote(raw[spec.name]), label=spec.label[lang],
                                   reason=error.message(lang)))
    return {"found": found, "preset": preset, "currency": currency, "values": values, "taken": taken,
            "notices": notices}


def encode(calculator, key, raw, lang="ru", currency=None, preset=None, page_preset=None):
    """The address parameters ``[(name, value), ...]`` of a scenario: ``raw`` holds the fields' texts.

    Only what differs from the scenario the page opens with is written; invalid fields are left out.
    Fields are read by ``lang``'s rules, as the page reads them, and written as link numbers.
    """
    pairs = []
    prefix = key + "."
    if preset != page_preset:
        pairs.append((prefix + PRESET, preset if preset is not None else NO_PRESET))
    if currency is not None and currency != default_currency(lang):
        pairs.append((prefix + CURRENCY, currency))
    base = calculator.defaults(lang, preset)
    for spec in calculator.inputs:
        text = raw.get(spec.name)
        if text is None:
            continue
        try:
            value = spec.parse(text, lang, currency or default_currency(lang))
        except CalculatorError:
            continue
        if value != base[spec.name]:
            pairs.append((prefix + spec.name, link_number(value)))
    return pairs


def merge_query(query, key, pairs):
    """``query`` with this calculator's parameters replaced by ``pairs``; others kept as they were.

    Returns the new query string with its ``?``, or ``""`` when nothing is left.
    """
    prefix = percent_encode(key + ".")
    kept = []
    for segment in split_query(query):
        name = segment.partition("=")[0]
        decoded = percent_decode(name)
        if decoded is not None and decoded.startswith(key + "."):
            continue
        if name.startswith(prefix):
            continue
        kept.append(segment)
    for name, value in pairs:
        kept.append(percent_encode(name) + "=" + percent_encode(value))
    return "?" + "&".join(kept) if kept else ""


# --- the pinned scenario A beside the current one (B) ------------------------------------------------
#
# A comparison travels in the same address:  ``<key>.a.<input>=<number>``, ``<key>.a.preset=<preset>``,
# ``<key>.a.currency=<code>`` and ``<key>.a.name=<text>`` describe A; ``<key>.name=<text>`` names B.
# A is written like B, only what differs from the page's scenario, and its name only when it is not the
# one the scenario has anyway (see :func:`default_name`).  When nothing of A differs, ``<key>.a.preset``
# alone says that A is there.  The device keeps A in the same form, every value written out.

PINNED = "a"
NAME = "name"
# How long a scenario's name may be (characters).
NAME_LENGTH = 40
# Spaces and line breaks a name may hold (listed: MicroPython's isspace knows only ASCII).
_NAME_SPACES = " \t\n\r\x0b\x0c\x85\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008" \
               "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def clean_name(text):
    """A scenario's name as kept and shown: spaces and line breaks of any kind become one space, none at
    either end; control and direction-override characters are dropped; at most NAME_LENGTH characters.
    Not a string gives ""."""
    if not isinstance(text, str):
        return ""
    out = []
    space = False
    for ch in text:
        code = ord(ch)
        if ch in _NAME_SPACES:
            space = True
            continue
        if code < 32 or 127 <= code < 160 or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
            continue
        if 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
            continue
        if space and out:
            out.append(" ")
        space = False
        out.append(ch)
    return "".join(out)[:NAME_LENGTH].rstrip()


def default_name(calculator, values, preset, lang):
    """The name a scenario has when no one typed one: its preset's title (or the defaults' name) while
    its values are exactly that preset's, else ""."""
    try:
        base = calculator.defaults(lang, preset)
    except KeyError:
        return ""
    for spec in calculator.inputs:
        if values.get(spec.name) != base[spec.name]:
            return ""
    if preset is None:
        return catalog.get(lang)["calculator"]["preset_default"]  # the preset menu's word for them
    return calculator.presets[preset]["title"][lang]


def link_number(value):
    """A number as a link writes it: ``-``, digits and at most one ``.``, from the value's own decimal
    digits; never an exponent (:func:`numbers.format_decimal`)."""
    return format_decimal(value)


def pinned_pairs(calculator, key, pinned, lang, page_preset=None, everything=False):
    """The address parameters of A: ``pinned`` is a dict with ``values`` (input name -> number),
    ``preset``, ``currency`` and ``name`` (typed, or "").

    Only what differs from the page's scenario, unless ``everything`` (as the device keeps it).
    """
    prefix = key + "." + PINNED + "."
    preset = pinned.get("preset")
    currency = pinned.get("currency") or default_currency(lang)
    values = pinned["values"]
    pairs = []
    if everything or preset != page_preset:
        pairs.append((prefix + PRESET, preset if preset is not None else NO_PRESET))
    if everything or currency != default_currency(lang):
        pairs.append((prefix + CURRENCY, currency))
    base = calculator.defaults(lang, preset)
    for spec in calculator.inputs:
        if everything or values[spec.name] != base[spec.name]:
            pairs.append((prefix + spec.name, link_number(values[spec.name])))
    name = clean_name(pinned.get("name"))
    if name and name != default_name(calculator, values, preset, lang):
        pairs.append((prefix + NAME, name))
    if not pairs:
        pairs.append((prefix + PRESET, preset if preset is not None else NO_PRESET))
    return pairs


def name_pairs(calculator, key, name, values, preset, lang):
    """B's name in the address, when one was typed and it is not the name B has anyway."""
    name = clean_name(name)
    if name and name != default_name(calculator, values, preset, lang):
        return [(key + "." + NAME, name)]
    return []


def comparison(calculator, key, query, lang="ru", page_preset=None):
    """Read A and B's name from ``query``: a dict with ``pinned`` (None when the address has no A, else
    :func:`decode`'s dict for A plus its typed ``name``), ``name`` (B's typed name, or "") and
    ``notices`` (about A, in ``lang``; :func:`decode` reports the rest)."""
    own = key + "." + PINNED + "."
    name_key = key + "." + NAME
    segments = []
    pinned_name = ""
    name = ""
    for segment in split_query(query):
        decoded = percent_decode(segment.partition("=")[0])
        if decoded is None:
            continue
        value = percent_decode(segment.partition("=")[2])
        if decoded == name_key:
            name = clean_name(value)
        elif decoded == own + NAME:
            pinned_name = clean_name(value)
        elif decoded.startswith(own):
            segments.append(segment)
    if not segments and not pinned_name:
        return {"pinned": None, "name": name, "notices": []}
    found = decode(calculator, key + "." + PINNED, "?" + "&".join(segments), lang, page_preset)
    found["name"] = pinned_name
    notices = [catalog.get(lang)["link_notices"]["pinned"] + text for text in found["notices"]]
    return {"pinned": found, "name": name, "notices": notices}


def restore_comparison(calculator, key, query, kept, lang="ru", page_preset=None):
    """What the page opens with: :func:`comparison` of the address, whose A wins; without one, the A
    the device keeps (``kept``, as :func:`pinned_stored` wrote it, or None).  Adds ``from_link``."""
    found = comparison(calculator, key, query, lang, page_preset)
    found["from_link"] = found["pinned"] is not None
    if found["pinned"] is None and isinstance(kept, str) and kept:
        found["pinned"] = comparison(calculator, key, kept, lang, None)["pinned"]
    return found


def pinned_stored(calculator, key, pinned, lang):
    """A as the device keeps it: a query with every value written out (defaults may change later)."""
    return merge_query("", key, pinned_pairs(calculator, key, pinned, lang, None, True))
