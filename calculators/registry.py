"""Every calculator of the playbook, by public name.

Adding one: write ``calculators/<name>.py`` declaring ``CALCULATOR`` and list its name in ``NAMES``.
Modules are imported on first use, so a page imports only the calculators it shows.
``CALCULATORS`` (every calculator, in the order of ``NAMES``) is built when first asked for.
"""

from . import custom

NAMES = (
    "acquisition_vs_retention",
    "conversion_funnel",
    "referral_payback",
    "customer_value",
    "word_of_mouth",
    "affiliate_commission",
    "bonus_uptake",
    "call_staffing",
    "nps_change",
)

_LOADED = {}


def get(name):
    """The calculator called ``name``; ``KeyError`` naming the known ones otherwise."""
    if name not in NAMES:
        raise KeyError("unknown calculator %r; known: %s" % (name, ", ".join(sorted(NAMES))))
    if name not in _LOADED:
        calculator = __import__("calculators." + name, None, None, ("CALCULATOR",)).CALCULATOR
        # A trainer's own defaults and presets (custom.json), checked and laid over the declaration.
        _LOADED[name] = custom.apply(calculator)
    return _LOADED[name]


def __getattr__(attribute):
    # ``registry.CALCULATORS``: every calculator, imported on demand (PEP 562; MicroPython has it too).
    if attribute == "CALCULATORS":
        return dict((name, get(name)) for name in NAMES)
    raise AttributeError(attribute)
