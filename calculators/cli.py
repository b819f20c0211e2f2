"""Command-line face: ``python -m calculators NAME --input-name VALUE ... [--json]``.

    python -m calculators --list
    python -m calculators acquisition_vs_retention --new-customers 500 --lang en
    python -m calculators conversion_funnel --visitors "12 000" --json

Flags are the input names with ``-`` for ``_``; omitted inputs take the defaults of ``--lang``
(``ru`` by default), and ``--lang`` decides how values are read, by the same parser and rules as that
language's page (``--new-customers 12,000`` reads two ways in Russian: an error; with ``--lang en`` it
is twelve thousand).  Invalid input: exit status 2 and a message naming the field and the rule.
"""

import argparse
import json
import sys
import textwrap

from .core import evaluate, format_value
from .custom import CustomError
from . import catalog
from .numbers import CURRENCIES, default_currency, format_plain
from . import registry

USAGE_ERROR = 2


class _UsageError(Exception):
    """A flag argparse refuses; :func:`run` writes it to its own ``err`` and exits 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise _UsageError(message)


def _parser(calculator=None):
    prog = "python -m calculators" + (" " + calculator.name if calculator else "")
    description, epilog = __doc__.split("\n")[0], None
    if calculator is not None:
        description = textwrap.fill("%s. %s" % (calculator.title["en"], calculator.summary["en"]), 78)
        width = max([len(key) for key in calculator.presets] + [0])
        epilog = "presets (--preset):\n" + "\n".join(
            "  %s  %s" % (key + " " * (width - len(key)), calculator.presets[key]["title"]["en"])
            for key in sorted(calculator.presets))
        epilog += "\n\nformulas:\n" + "\n".join(
            textwrap.fill("%s = %s" % (spec.key, spec.expression), 78, initial_indent="  ",
                          subsequent_indent="      ", break_on_hyphens=False)
            for spec in calculator.outputs if spec.expression)
        epilog += ("\n\nIn custom.json a field is named as its flag, with underscores:\n"
                   "--%s is %s." % (calculator.inputs[0].name.replace("_", "-"), calculator.inputs[0].name))
    epilog = (epilog + "\n\n" if epilog else "") + "numbers:\n" + textwrap.fill(
        catalog.get("en")["number_rules"], 78, initial_indent="  ", subsequent_indent="  ",
        break_on_hyphens=False)
    parser = _Parser(prog=prog, description=description, epilog=epilog,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", choices=catalog.LANGS, default="ru",
                        help="language of labels and defaults, and how numbers are read")
    parser.add_argument("--currency", choices=CURRENCIES, help="currency label (nothing is converted)")
    parser.add_argument("--preset", help="start from a named preset scenario")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    if calculator is not None:
        for spec in calculator.inputs:
            text = "%s (default: ru %s, en %s)" % (spec.label["en"], format_plain(spec.default["ru"]),
                                                   format_plain(spec.default["en"]))
            parser.add_argument("--" + spec.name.replace("_", "-"), dest=spec.name, metavar="VALUE",
                                help=_literal(text))
    return parser


def _literal(text):
    """Help text shown as written: argparse reads ``%`` in help as a format (``%(default)s``), and a
    label such as "Retention rate, %" would crash ``--help``."""
    return text.replace("%", "%%")


def list_text():
    lines = []
    calculators = registry.CALCULATORS
    width = max(len(name) for name in calculators)
    for name in sorted(calculators):
        calc = calculators[name]
        lines.append("%s  %s" % (name + " " * (width - len(name)), calc.title["en"]))
    return "\n".join(lines)


def table(result):
    """A plain-text table: inputs, then outputs, labels in the result's language."""
    calc = result.calculator
    rows = [(spec.label[result.lang], result_input_text(result, spec)) for spec in calc.inputs]
    rows.append(("", ""))
    rows += [(spec.label[result.lang], result.text(spec.key)) for spec in calc.outputs]
    width = max(len(label) for label, _ in rows)
    lines = [calc.title[result.lang], ""]
    for label, value in rows:
        lines.append((label + " " * (width - len(label)) + "  " + value).rstrip())
    verdict = calc.verdict(result) if calc.verdict else None
    if verdict:
        lines += ["", verdict]
    return "\n".join(lines)


def result_input_text(result, spec):
    return format_value(spec.kind, result.values[spec.name], result.lang, result.currency)


def main(argv=None, out=None, err=None):
    err = err or sys.stderr
    try:
        return run(argv, out or sys.stdout, err)
    except CustomError as error:  # a mistake in custom.json: say where, without a traceback
        err.write("%s\n" % error)
        return USAGE_ERROR


def run(argv, out, err):
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        _parser().print_help(out)
        out.write("\ncalculators:\n" + list_text() + "\n")
        return 0
    if argv[0] == "--list":
        if len(argv) > 1:
            err.write("--list takes no other arguments (got: %s); run `python -m calculators --list`, "
                      "then `python -m calculators NAME --help`\n" % " ".join(argv[1:]))
            return USAGE_ERROR
        out.write(list_text() + "\n")
        return 0
    name = argv[0]
    if name not in registry.NAMES:
        err.write("unknown calculator %r; `python -m calculators --list` lists them\n" % name)
        return USAGE_ERROR
    calculator = registry.get(name)
    parser = _parser(calculator)
    if "-h" in argv[1:] or "--help" in argv[1:]:
        parser.print_help(out)
        return 0
    try:
        args = parser.parse_args(argv[1:])
    except _UsageError as error:
        err.write(parser.format_usage() + "%s: error: %s\n" % (parser.prog, error))
        return USAGE_ERROR
    if args.preset is not None and args.preset not in calculator.presets:
        err.write("--preset: %s has no preset %r; known: %s\n"
                  % (name, args.preset, ", ".join(sorted(calculator.presets))))
        return USAGE_ERROR
    raw = dict(calculator.defaults(args.lang, args.preset))
    for spec in calculator.inputs:
        value = getattr(args, spec.name)
        if value is not None:
            raw[spec.name] = value
    result = evaluate(calculator, raw, args.lang, args.currency or default_currency(args.lang))
    if result.errors:
        for spec in calculator.inputs:
            error = result.errors.get(spec.name)
            if error is not None:
                err.write("--%s: %s (rule: %s)\n" % (spec.name.replace("_", "-"), error.message(args.lang), error.code))
        return USAGE_ERROR
    if args.json:
        payload = {
            "calculator": name,
            "inputs": dict((k, v) for k, v in result.values.items()),
            "outputs": dict((spec.key, result.raw(spec.key)) for spec in calculator.outputs),
        }
        if calculator.verdict:
            payload["verdict"] = calculator.verdict(result) or None
        out.write(json.dumps(payload, ensure_ascii=False, sort_keys=False, allow_nan=False) + "\n")
    else:
        out.write(table(result) + "\n")
    return 0
