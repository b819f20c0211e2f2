"""Every calculator of the playbook, by public name.  Adding one: import its module, list it here."""

from . import acquisition_vs_retention, word_of_mouth, bonus_uptake, conversion_funnel, affiliate_commission, customer_value, referral_payback

CALCULATORS = {}
for _module in (acquisition_vs_retention, word_of_mouth, bonus_uptake, conversion_funnel, affiliate_commission, customer_value, referral_payback,):
    CALCULATORS[_module.CALCULATOR.name] = _module.CALCULATOR


def get(name):
    """The calculator called ``name``; ``KeyError`` naming the known ones otherwise."""
    if name not in CALCULATORS:
        raise KeyError("unknown calculator %r; known: %s" % (name, ", ".join(sorted(CALCULATORS))))
    return CALCULATORS[name]
