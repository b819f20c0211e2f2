"""Declarations of calculators, and the one evaluation every face uses.

A calculator module declares ``CALCULATOR = Calculator(...)`` with its inputs, outputs and a pure
``compute(values)`` that takes a dict of floats and returns a dict of floats or :class:`Unavailable`.
:func:`evaluate` reads raw values (text or numbers), validates them against the declared limits,
computes, and marks the outputs that depend on an invalid input as unavailable.

Plain classes only: this module runs unchanged on CPython and MicroPython.
"""

from . import catalog
from .errors import CalculatorError
from .numbers import (
    default_currency,
    format_money,
    format_number,
    format_percent,
    parse_number,
    round_half_away,
)

# Kinds of input and output, and how each is shown.  Money is in currency units; "pct" values are
# in percent (7.5 means 7.5 %).
# "seconds" are durations in seconds, "points" a difference on a scale (NPS runs from −100 to 100),
# "erlangs" telephone traffic (calls × hours of handling per hour).
INPUT_KINDS = ("money", "count", "pct", "number", "seconds")
# The largest value an input of a kind accepts unless its declaration says otherwise: a trillion in
# money, a billion of anything counted, 100 %.  "number" and "seconds" inputs declare their own.
KIND_MAX = {"money": 1e12, "count": 1e9, "pct": 100}
OUTPUT_KINDS = ("money", "count", "pct", "ratio", "years", "months", "number", "seconds", "points", "erlangs")



def unit_word(kind, units, decimals, lang):
    """The word after a number of ``kind`` (``years``, ``points``) as shown (``units`` = value ×
    10**decimals, rounded): год/года/лет, year/years, by the language's plural rule (catalog)."""
    return catalog.word(lang, kind, units, decimals)


def per_lang(value):
    """A declared value as ``{lang: value}``: one number stands for every language; a dict
    (``{"ru": 2500, "en": 50}``) says what differs."""
    if isinstance(value, dict):
        return value
    return dict((lang, value) for lang in catalog.LANGS)


def unit_label(kind, lang):
    """The unit written after a value of ``kind`` (``мес.``, ``s``), or None; the catalog's ``units``."""
    return catalog.get(lang)["units"].get(kind)

# Inputs several calculators share, each declared once: the kind, the label, the help where one fits
# every calculator, and any limit other than the kind's.  A calculator takes one with
# :func:`shared_input`, giving its own default and, where it must, its own wording.
SHARED_INPUTS = {
    "average_order": {"kind": "money", "label": {"ru": "Средний чек", "en": "Average order"}},
    "gross_margin_pct": {
        "kind": "pct", "label": {"ru": "Валовая маржа, %", "en": "Gross margin, %"},
        "help": {"ru": "Что остаётся от выручки после себестоимости товара или услуги.",
                 "en": "What is left of revenue after the cost of the goods or the service."},
    },
    "orders_per_year": {
        "kind": "number", "label": {"ru": "Покупок в год на клиента", "en": "Orders per customer per year"},
        "maximum": 10000,
    },
    "customers": {"kind": "count", "label": {"ru": "Клиентов за год", "en": "Customers per year"},
                  "integer": True},
    "paid_cac": {
        "kind": "money",
        "label": {"ru": "Стоимость клиента из платных каналов (CAC)",
                  "en": "Cost of a customer from paid channels (CAC)"},
    },
}

# Outputs several calculators share, with the reasons they give.
SHARED_OUTPUTS = {
    "savings_vs_paid_pct": {
        "kind": "pct", "label": {"ru": "Экономия против платных каналов", "en": "Saving against paid channels"},
    },
}


class Unavailable:
    """An output whose formula has no meaningful value for valid input; ``code`` says why."""

    def __init__(self, code, label=None):
        self.code = code
        self.label = label

    def __eq__(self, other):
        return isinstance(other, Unavailable) and other.code == self.code

    def __repr__(self):
        return "Unavailable(%r)" % self.code


class Input:
    """One input: ``name`` is the public parameter name (CLI flag, link, form field)."""

    def __init__(self, name, kind, label, default, minimum=0, maximum=None, integer=False, help=None,
                 step=None):
        assert kind in INPUT_KINDS, kind
        self.name = name
        self.kind = kind
        self.label = label  # {"ru": ..., "en": ...}
        self.default = per_lang(default)  # {"ru": number, "en": number}; declared as one number if the same
        self.minimum = minimum
        self.maximum = KIND_MAX.get(kind) if maximum is None else maximum
        assert self.maximum is not None, name + ": a " + kind + " input declares its maximum"
        self.integer = integer
        self.help = help  # {"ru": ..., "en": ...} or None
        self.step = step

    def format_limit(self, value, lang, currency=None):
        return format_value(self.kind, value, lang, currency, decimals=0 if self.kind == "money" else None)

    def read(self, raw, lang="ru", currency=None):
        """Read one raw value by ``lang``'s rules (see :func:`numbers.parse_number`); no limits checked.

        ``currency`` is the calculator's (a money sign naming another is an error); None accepts any.
        """
        return parse_number(raw, self.name, lang, self.kind, currency)

    def check(self, value, lang="ru", currency=None):
        """``value`` (a float) if it keeps the input's limits; raise :class:`CalculatorError` otherwise.

        ``lang`` and ``currency`` only word the message."""
        if self.integer and value != int(value):
            raise CalculatorError(self.name, "not_integer")
        if value < self.minimum:
            raise CalculatorError(self.name, "below_min",
                                  {"min": self.format_limit(self.minimum, lang, currency)})
        if self.maximum is not None and value > self.maximum:
            raise CalculatorError(self.name, "above_max",
                                  {"max": self.format_limit(self.maximum, lang, currency)})
        return value

    def parse(self, raw, lang="ru", currency=None):
        """Read and check one raw value as typed on a page in ``lang``; return a float or raise
        :class:`CalculatorError`."""
        return self.check(self.read(raw, lang, currency), lang, currency)


class Output:
    """One output: ``key`` is public (``data-output``, JSON); ``depends`` lists the inputs it reads."""

    def __init__(self, key, kind, label, depends, decimals=None, formula=None, expression=None):
        assert kind in OUTPUT_KINDS, kind
        self.key = key
        self.kind = kind
        self.label = label
        self.depends = depends
        self.decimals = decimals
        self.formula = formula  # {"ru": ..., "en": ...}: the formula in words and symbols (the page's table)
        # the same formula as a Python expression of the inputs and the other outputs, by name, held to
        # compute() by tests/unit/test_formulas.py and shown by the command line's --help
        self.expression = expression


def shared_input(name, default, **changes):
    """The :class:`Input` ``name`` of :data:`SHARED_INPUTS` with this calculator's ``default``;
    ``changes`` replace what it declares (``help=None`` drops its help)."""
    args = dict(SHARED_INPUTS[name])
    args.update(changes)
    kind = args.pop("kind")
    label = args.pop("label")
    return Input(name, kind, label, default, **args)


def shared_output(key, depends, **changes):
    """The :class:`Output` ``key`` of :data:`SHARED_OUTPUTS`, reading ``depends``; ``changes`` replace
    what it declares (``formula=``, ``decimals=``, a ``label=`` of the calculator's own)."""
    args = dict(SHARED_OUTPUTS[key])
    args.update(changes)
    kind = args.pop("kind")
    label = args.pop("label")
    return Output(key, kind, label, depends, **args)


class Calculator:
    """The declaration of one calculator; one module each, found by ``calculators.registry``."""

    def __init__(self, name, title, summary, inputs, outputs, compute, reasons=None, presets=None,
                 chart=None, notes=None, verdict=None, order=None):
        self.name = name
        self.title = title
        self.summary = summary
        self.inputs = inputs
        self.outputs = outputs
        self.formulas = compute  # the module's own compute(values), unguarded
        self.reasons = reasons or {}
        # presets: {key: {"title": {...}, "values": {name: number or {"ru": ..., "en": ...}}}}, declared
        # with only what differs between languages; kept as {"values": {lang: {name: number}}}.
        self.presets = {}
        for key in presets or {}:
            values = presets[key]["values"]
            self.presets[key] = {
                "title": presets[key]["title"],
                "values": dict((lang, dict((name, per_lang(values[name])[lang]) for name in values))
                               for lang in catalog.LANGS),
            }
        # chart(result) -> SVG text or None: drawn from a Result, in result.lang and result.currency.
        self.chart = chart
        # notes: {"ru": [...], "en": [...]}: assumptions stated under the calculator.
        self.notes = notes or {"ru": [], "en": []}
        # verdict(result) -> one sentence or None: what the numbers mean together, shown under the
        # results in result.lang (the outputs themselves stay numbers).
        self.verdict = verdict
        # order: where it comes in the calculators index and the navigation (ascending; a calculator
        # without one comes after those with one; ties by name).
        self.order = 1000000 if order is None else order
        self.input_by_name = dict((i.name, i) for i in inputs)
        self.output_by_key = dict((o.key, o) for o in outputs)

    def compute(self, values):
        """The module's ``compute(values)``, every output guarded by :func:`bounded`: a value no one
        could mean (NaN, or beyond ±1e300, reachable only from inputs the parser refuses) becomes
        ``Unavailable("out_of_range")`` whatever the calculator."""
        outputs = self.formulas(values)
        for key in outputs:
            outputs[key] = bounded(outputs[key])
        return outputs

    def defaults(self, lang="ru", preset=None):
        """Default values for ``lang``, with a named preset's values laid over them."""
        values = dict((i.name, i.default[lang]) for i in self.inputs)
        if preset is not None:
            if preset not in self.presets:
                raise KeyError("calculator %r has no preset %r" % (self.name, preset))
            values.update(self.presets[preset]["values"][lang])
        return values

    def reason_text(self, unavailable, lang="ru"):
        """The sentence shown for an unavailable output."""
        table = self.reasons.get(unavailable.code)
        text = table[lang] if table is not None else catalog.get(lang)["reasons"][unavailable.code]
        if unavailable.label is not None:
            text = text.replace("{label}", unavailable.label[lang])
        return text


class Result:
    """What :func:`evaluate` returns: the values read, the errors per field, the outputs."""

    def __init__(self, calculator, lang, currency, values, errors, outputs):
        self.calculator = calculator
        self.lang = lang
        self.currency = currency
        self.values = values  # name -> float (the default where the field is invalid)
        self.errors = errors  # name -> CalculatorError
        self.outputs = outputs  # key -> float or Unavailable

    def raw(self, key):
        """The output as a number, or None when unavailable."""
        value = self.outputs[key]
        return None if isinstance(value, Unavailable) else value

    def text(self, key):
        """The output as shown to a person: formatted value or the reason it is unavailable."""
        value = self.outputs[key]
        if isinstance(value, Unavailable):
            return self.calculator.reason_text(value, self.lang)
        output = self.calculator.output_by_key[key]
        return format_value(output.kind, value, self.lang, self.currency, output.decimals)


def format_value(kind, value, lang="ru", currency=None, decimals=None):
    """Format a value of a declared kind; ``decimals=None`` picks the kind's usual precision."""
    if kind == "money":
        return format_money(value, lang, currency, 2 if decimals is None else decimals)
    if kind == "pct":
        if decimals is None:
            decimals = 0 if value == int(value) else 1
        return format_percent(value, lang, decimals)
    if kind == "count":
        if decimals is None:
            decimals = 0 if value == int(value) or abs(value) >= 100 else 1
        return format_number(value, lang, decimals)
    if decimals is None:
        decimals = 0 if value == int(value) else (1 if kind in ("years", "months", "seconds", "points") else 2)
    text = format_number(value, lang, decimals)
    if kind == "years":
        shown = round_half_away(value, decimals)
        return text + "\u00a0" + unit_word("years", shown, decimals, lang)
    if kind == "points":
        shown = round_half_away(value, decimals)
        return text + "\u00a0" + unit_word("points", shown, decimals, lang)
    unit = unit_label(kind, lang)
    if unit is None:
        return text
    if kind == "ratio":
        return text + unit
    return text + "\u00a0" + unit


def evaluate(calculator, raw, lang="ru", currency=None):
    """Validate ``raw`` (name -> text or number; missing names take the defaults) and compute.

    Never raises for bad input: each invalid field gets a :class:`CalculatorError` in
    ``result.errors``, the computation runs with that field's default, and every output that depends
    on it becomes ``Unavailable("invalid_input")``.
    """
    currency = currency or default_currency(lang)
    defaults = calculator.defaults(lang)
    values = {}
    errors = {}
    for spec in calculator.inputs:
        if spec.name in raw:
            try:
                values[spec.name] = spec.parse(raw[spec.name], lang, currency)
            except CalculatorError as error:
                errors[spec.name] = error
                values[spec.name] = float(defaults[spec.name])
        else:
            values[spec.name] = float(defaults[spec.name])
    outputs = calculator.compute(values)
    for spec in calculator.outputs:
        for name in spec.depends:
            if name in errors:
                outputs[spec.key] = Unavailable("invalid_input",
                                                calculator.input_by_name[name].label)
                break
    return Result(calculator, lang, currency, values, errors, outputs)


def compute_checked(calculator, values, lang="en"):
    """Validate a dict of numbers strictly and compute; raise the first :class:`CalculatorError`.

    For library use: ``compute_checked(CALCULATOR, {...})`` returns the outputs dict.
    """
    for name in values:
        if name not in calculator.input_by_name:
            raise CalculatorError(name, "unknown_input")
    result = evaluate(calculator, values, lang)
    for spec in calculator.inputs:
        if spec.name in result.errors:
            raise result.errors[spec.name]
    return result.outputs


def first_unavailable(*values):
    """The first :class:`Unavailable` among ``values``, or None if all are numbers."""
    for value in values:
        if isinstance(value, Unavailable):
            return value
    return None


def ratio(numerator, denominator, reason):
    """``numerator / denominator``; ``Unavailable(reason)`` when the denominator is zero.

    An unavailable numerator or denominator passes through unchanged.
    """
    missing = first_unavailable(numerator, denominator)
    if missing is not None:
        return missing
    if denominator == 0:
        return Unavailable(reason)
    return numerator / denominator


def savings_vs_paid(cost, paid_cac):
    """``savings_vs_paid_pct``: (1 − cost ÷ paid CAC) × 100, written (paid CAC − cost) × 100 ÷ paid CAC
    so that whole percentages stay whole; below zero is dearer than paid channels.  An unavailable
    ``cost`` passes through; a paid CAC of 0 gives ``no_paid_cac``."""
    missing = first_unavailable(cost)
    if missing is not None:
        return missing
    if paid_cac == 0:
        return Unavailable("no_paid_cac")
    return (paid_cac - cost) * 100 / paid_cac


# Beyond this magnitude a result means nothing (and the next step could overflow to infinity).
RESULT_MAX = 1e300
def bounded(value):
    """``value`` unless it is NaN or beyond ±1e300 (possible only for inputs no one types)."""
    if isinstance(value, Unavailable):
        return value
    if value != value or value > RESULT_MAX or value < -RESULT_MAX:
        return Unavailable("out_of_range")
    return value
