"""The one exception family of the calculators, with stable codes and messages in Russian and English."""

# Each rule has a stable code; messages may use {label}, {min} and {max} (already formatted).
MESSAGES = {
    "required": {
        "ru": "Введите число.",
        "en": "Enter a number.",
    },
    "not_a_number": {
        "ru": "Нужно число: цифры и, если нужно, запятая или точка, например 1 500,50.",
        "en": "Enter a number: digits and, if needed, one decimal point, for example 1500.50.",
    },
    "too_long": {
        "ru": "Слишком длинное значение: не больше 32 знаков.",
        "en": "Too long: at most 32 characters.",
    },
    "too_precise": {
        "ru": "Слишком много цифр: не больше 15 значащих.",
        "en": "Too many digits: at most 15 significant digits.",
    },
    "below_min": {
        "ru": "Не меньше {min}.",
        "en": "Must be at least {min}.",
    },
    "above_max": {
        "ru": "Не больше {max}.",
        "en": "Must be at most {max}.",
    },
    "not_integer": {
        "ru": "Нужно целое число.",
        "en": "Must be a whole number.",
    },
    "unknown_input": {
        "ru": "Такого поля нет в калькуляторе.",
        "en": "This calculator has no such input.",
    },
}


class CalculatorError(ValueError):
    """Invalid input: ``field`` names the input, ``code`` the broken rule (a key of ``MESSAGES``).

    ``params`` fills the message (``{"min": "0", "max": "99 %"}``). ``message(lang)`` gives the text
    shown next to the field; ``str(error)`` names the field and the rule, for the command line.
    """

    def __init__(self, field, code, params=None):
        self.field = field
        self.code = code
        self.params = params or {}
        super().__init__("%s: %s" % (field, self.message("en")))

    def message(self, lang="ru"):
        template = MESSAGES[self.code][lang]
        return template.format(**self.params) if self.params else template

    def __str__(self):
        return "%s: %s" % (self.field, self.message("en"))
