"""The one exception family of the calculators, with stable codes; the messages are in each language's
catalog (``errors``: they may use {label}, {min} and {max}, already formatted)."""

from . import catalog


class CalculatorError(ValueError):
    """Invalid input: ``field`` names the input, ``code`` the broken rule (a key of each language's
    catalog's ``errors``, ``calculators/catalog_<lang>.py``).

    ``params`` fills the message (``{"min": "0", "max": "99 %"}``); a value may be given per language
    (``{"first": {"ru": "1,5", "en": "1.5"}}``). ``message(lang)`` gives the text
    shown next to the field; ``str(error)`` names the field and the rule, for the command line.
    """

    def __init__(self, field, code, params=None):
        self.field = field
        self.code = code
        self.params = params or {}
        super().__init__("%s: %s" % (field, self.message("en")))

    def message(self, lang="ru"):
        template = catalog.get(lang)["errors"][self.code]
        if not self.params:
            return template
        values = {}
        for key in self.params:
            value = self.params[key]
            values[key] = value[lang] if isinstance(value, dict) else value
        return template.format(**values)

    def __str__(self):
        return "%s: %s" % (self.field, self.message("en"))
