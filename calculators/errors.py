"""The one exception family of the calculators, with stable codes and messages in Russian and English."""

# Each rule has a stable code; messages may use {label}, {min} and {max} (already formatted).
MESSAGES = {
    "required": {
        "ru": "Введите число.",
        "en": "Enter a number.",
    },
    "not_a_number": {
        "ru": "Нужно число: цифры, пробелы между тысячами и запятая перед дробью, например 1 500,50.",
        "en": "Enter a number: digits, commas between thousands and a point before decimals, for example 1,500.50.",
    },
    "ambiguous": {
        "ru": "{first} или {second}? Точка или запятая перед тремя цифрами читается двояко: "
              "тысячи отделяйте пробелом, дробь — запятой.",
        "en": "{first} or {second}? On a Russian page a point or a comma before exactly three digits reads two ways: "
              "group thousands with spaces, put a comma before decimals.",
    },
    "ambiguous_comma": {
        "ru": "{first} или {second}? В английской записи запятая отделяет по три цифры, а дробь — точка.",
        "en": "{first} or {second}? A comma groups digits in threes and a point marks decimals.",
    },
    "group_marks": {
        "ru": "Так разряды не разделяют: напишите {suggestion} — тысячи через пробел, дробь через запятую.",
        "en": "On a Russian page digits are grouped by spaces: write {suggestion}.",
    },
    "point_groups": {
        "ru": "В английской записи точка отделяет дробь, а разряды — запятые: напишите {suggestion}.",
        "en": "A point marks decimals and commas group thousands: write {suggestion}.",
    },
    "comma_groups": {
        "ru": "В английской записи запятая отделяет ровно три цифры, а точка — дробь: 1,234,567.89.",
        "en": "A comma groups exactly three digits and a point marks decimals: 1,234,567.89.",
    },
    "percent_here": {
        "ru": "Это поле не в процентах: уберите «%».",
        "en": "This input is not a percentage: remove the “%”.",
    },
    "currency_here": {
        "ru": "Это поле не в деньгах: уберите «{sign}».",
        "en": "This input is not money: remove the “{sign}”.",
    },
    "currency_mismatch": {
        "ru": "«{sign}» — это {typed}, а в калькуляторе выбрана валюта {chosen}: уберите знак или выберите {typed}.",
        "en": "“{sign}” is {typed}, but the calculator’s currency is {chosen}: remove the sign or choose {typed}.",
    },
    "link_number": {
        "ru": "В ссылке число пишется цифрами с точкой перед дробью, например 1500.5.",
        "en": "In a link a number is digits with a point before decimals, for example 1500.5.",
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


# The rules of parse_number in one short paragraph per language: the calculators' help on the page
# (overrides/partials/calculator.html), the command line's --help, the Adapt page (``::: number-rules``)
# and the README (tests/unit/test_number_input.py checks that it quotes the English one).
NUMBER_RULES = {
    "ru": "Числа читаются по языку страницы. На русской разряды разделяют пробелом, а дробь — запятой "
          "или точкой: 1\u00a0200\u00a0000,50; 1,5; 1.5. На английской разряды разделяют запятые, а дробь — точка: "
          "12,000 — двенадцать тысяч, 1,200,000.50. Число, которое читается двояко, не угадывается: "
          "сообщение называет оба прочтения (1.500 и 12,000 на русской странице, 1,5 на английской); "
          "ноль впереди снимает вопрос (0,125 и 0.001 — дроби). После процента можно поставить %, у денег — "
          "₽, руб., р., RUB, $, USD, €, EUR (и ₴, UAH, ₸, KZT), если это выбранная валюта; годятся любые "
          "пробелы и знак минуса −. Командная строка читает числа по --lang (по умолчанию русский), "
          "а в ссылке на сценарий число всегда записано цифрами с точкой.",
    "en": "Numbers are read by the page's language. In English, commas group thousands and a point marks "
          "decimals: 12,000 is twelve thousand, 1,200,000.50 reads as written. In Russian, spaces group "
          "thousands and a comma or a point marks decimals: 1\u00a0200\u00a0000,50; 1,5; 1.5. A number that reads two "
          "ways is not guessed: the message gives both readings (1,5 on an English page, 1.500 and 12,000 on "
          "a Russian one); a leading 0 settles it (0,125 and 0.001 are decimals). A percentage may end in %, "
          "money may carry ₽, руб., р., RUB, $, USD, €, EUR (or ₴, UAH, ₸, KZT) if it is the chosen "
          "currency; any kind of space and the minus sign − are fine. The command line reads numbers by its "
          "--lang (Russian by default), and a scenario link always holds digits with a point.",
}


class CalculatorError(ValueError):
    """Invalid input: ``field`` names the input, ``code`` the broken rule (a key of ``MESSAGES``).

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
        template = MESSAGES[self.code][lang]
        if not self.params:
            return template
        values = {}
        for key in self.params:
            value = self.params[key]
            values[key] = value[lang] if isinstance(value, dict) else value
        return template.format(**values)

    def __str__(self):
        return "%s: %s" % (self.field, self.message("en"))
