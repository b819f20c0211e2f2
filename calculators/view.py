"""What a calculator shows, as plain data: the one description both the build and the live page draw.

The build renders :func:`view` through ``overrides/partials/calculator.html``; the page
(``calculators/web.py``) writes the same texts into the DOM.  So the built page and the live page show
identical text for the same inputs.
"""

from .core import Unavailable, evaluate
from .numbers import CURRENCY_SYMBOLS, format_plain

# Texts of the calculator's frame, by language.
TEXTS = {
    "ru": {
        "inputs": "Исходные данные",
        "outputs": "Результаты",
        "currency": "Валюта",
        "preset": "Сценарий",
        "preset_default": "По умолчанию",
        "formulas": "Формулы и допущения",
        "chart": "График",
        "static": "Расчёт для значений по умолчанию. Калькулятор оживёт, когда загрузится страница.",
        "starting": "Калькулятор загружается… Числа ниже посчитаны для значений по умолчанию.",
        "stale": "Вы изменили данные: числа ниже обновятся, как только калькулятор загрузится.",
        "live": "Результаты пересчитываются при каждом изменении.",
        "failed": "Калькулятор не запустился: показан расчёт для значений по умолчанию.",
        "noscript": "Без JavaScript калькулятор показывает расчёт для значений по умолчанию.",
        "invalid_summary": "Исправьте отмеченные поля: зависящие от них результаты не считаются.",
    },
    "en": {
        "inputs": "Inputs",
        "outputs": "Results",
        "currency": "Currency",
        "preset": "Scenario",
        "preset_default": "Default",
        "formulas": "Formulas and assumptions",
        "chart": "Chart",
        "static": "Computed for the default values. The calculator comes alive once the page has loaded.",
        "starting": "The calculator is loading… The figures below are for the default values.",
        "stale": "You changed the inputs: the figures below will update as soon as the calculator has loaded.",
        "live": "Results update as you type.",
        "failed": "The calculator could not start: the figures shown are for the default values.",
        "noscript": "Without JavaScript the calculator shows the result for the default values.",
        "invalid_summary": "Correct the marked fields: results that depend on them are not computed.",
    },
}


def input_text(value, lang="ru"):
    """A number as it is put into a text field: no grouping, the locale's decimal mark (``2,5``)."""
    text = format_plain(value)
    return text.replace(".", ",") if lang == "ru" else text


def unit_of(spec, currency):
    """The unit shown beside an input: the currency symbol for money, ``%`` for percentages."""
    if spec.kind == "money":
        return CURRENCY_SYMBOLS[currency]
    if spec.kind == "pct":
        return "%"
    return ""


def view(calculator, raw=None, lang="ru", currency=None, preset=None):
    """Evaluate ``raw`` (or the defaults, with ``preset`` laid over them) and describe the result.

    Returns a dict: ``inputs`` (name, label, help, unit, text as typed, error or None), ``outputs``
    (key, label, formula, text, value as ``data-value``, unavailable flag), ``chart`` (SVG or None),
    ``notes``, ``lang``, ``currency``, ``result``.
    """
    if raw is None:
        raw = dict((k, input_text(v, lang)) for k, v in calculator.defaults(lang, preset).items())
    result = evaluate(calculator, raw, lang, currency)
    inputs = []
    for spec in calculator.inputs:
        error = result.errors.get(spec.name)
        inputs.append({
            "name": spec.name,
            "label": spec.label[lang],
            "help": spec.help[lang] if spec.help else "",
            "unit": unit_of(spec, result.currency),
            "kind": spec.kind,
            "text": raw.get(spec.name, input_text(result.values[spec.name], lang)),
            "error": error.message(lang) if error else None,
        })
    outputs = []
    for spec in calculator.outputs:
        value = result.outputs[spec.key]
        missing = isinstance(value, Unavailable)
        outputs.append({
            "key": spec.key,
            "label": spec.label[lang],
            "formula": spec.formula[lang] if spec.formula else "",
            "text": result.text(spec.key),
            "value": "" if missing else format_plain(value),
            "unavailable": missing,
        })
    chart = calculator.chart(result) if calculator.chart else None
    return {
        "calculator": calculator,
        "lang": lang,
        "currency": result.currency,
        "inputs": inputs,
        "outputs": outputs,
        "chart": chart,
        "notes": calculator.notes[lang],
        "texts": TEXTS[lang],
        "result": result,
    }
