"""Build face: turn ``::: calculator NAME [preset=KEY]`` lines into rendered calculators.

A marker is a line of its own at column 0.  :func:`replace_markers` swaps each for a placeholder and
the markers extension (:mod:`scripts.markers`) puts the rendered HTML (:func:`render`) in its place,
in Python-Markdown's store of raw HTML, so Markdown never touches the form's HTML.  An unknown calculator or preset raises :class:`EmbedError`, which
fails the build.

``::: benchmark-results [table=NAME]`` becomes the benchmark's tables (:mod:`scripts.speedpage`, from
``benchmarks/results.json``).  They go into the Markdown as one raw HTML block, which Markdown stashes
and puts back untouched, like a placeholder: the list of placeholders a page returns is the list of its
calculators, which decides where the runtime loads, and a page of tables needs no runtime.
"""

import os
import re

import jinja2

from calculators import numbers, registry
from calculators import catalog
from calculators.view import view
from scripts import exercises, speedpage

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEMPLATES = os.path.join(ROOT, "overrides")

LIST_MARKER = re.compile(r"^:::[ \t]*calculators-list[ \t]*$", re.MULTILINE)
RULES_MARKER = re.compile(r"^:::[ \t]*number-rules[ \t]*$", re.MULTILINE)
MARKER = re.compile(r"^:::[ \t]*calculator\b(?P<args>[^\n]*)$", re.MULTILINE)
INDENTED_MARKER = re.compile(r"^[ \t]+:::[ \t]*(?:calculator|benchmark-results|programme)\b", re.MULTILINE)
# Exercises may sit inside a trainer block, so their marker may be indented like the block's content.
EXERCISE_MARKER = re.compile(r"^(?P<indent>[ \t]*):::[ \t]*exercise\b(?P<args>[^\n]*)$", re.MULTILINE)
PROGRAMME_MARKER = re.compile(r"^:::[ \t]*programme\b(?P<args>[^\n]*)$", re.MULTILINE)
JOIN_MARKER = re.compile(r"^:::[ \t]*join[ \t]*$", re.MULTILINE)
BLOCK_PLACEHOLDER = '<div class="clc-placeholder" data-block="{index}"></div>'
BLOCK_PLACEHOLDER_RE = re.compile(r'<div class="clc-placeholder" data-block="(\d+)"></div>')
BENCHMARK_MARKER = re.compile(r"^:::[ \t]*benchmark-results\b(?P<args>[^\n]*)$", re.MULTILINE)
PLACEHOLDER = '<div class="clc-placeholder" data-embed="{index}"></div>'
PLACEHOLDER_RE = re.compile(r'<div class="clc-placeholder" data-embed="(\d+)"></div>')

_env = None


class EmbedError(ValueError):
    """A calculator marker that names something unknown or is malformed; fails the build."""


def environment():
    """The Jinja environment for calculator markup: ``overrides/``, autoescaped."""
    global _env
    if _env is None:
        _env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
    return _env


def parse_marker(args, where="page"):
    """``" acquisition_vs_retention preset=coffee_shop"`` -> ``("acquisition_vs_retention", "coffee_shop")``."""
    words = args.split()
    if not words:
        raise EmbedError("%s: '::: calculator' needs a calculator name" % where)
    name, preset = words[0], None
    for word in words[1:]:
        key, sep, value = word.partition("=")
        if key != "preset" or not sep or not value:
            raise EmbedError("%s: unknown option %r in '::: calculator %s' (allowed: preset=NAME)"
                             % (where, word, name))
        preset = value
    if name not in registry.CALCULATORS:
        raise EmbedError("%s: unknown calculator %r; known: %s"
                         % (where, name, ", ".join(sorted(registry.CALCULATORS))))
    calculator = registry.CALCULATORS[name]
    if preset is not None and preset not in calculator.presets:
        raise EmbedError("%s: calculator %r has no preset %r; known: %s"
                         % (where, name, preset, ", ".join(sorted(calculator.presets)) or "none"))
    return name, preset


def page_slug(name):
    """The page of a calculator, relative to ``calculators/``: ``acquisition-vs-retention.md``."""
    return name.replace("_", "-") + ".md"


def calculators_list(lang):
    """Markdown: every registered calculator with a link to its page and its summary."""
    lines = []
    for name in registry.CALCULATORS:
        calculator = registry.CALCULATORS[name]
        lines.append("- [**%s**](%s) — %s" % (calculator.title[lang], page_slug(name), calculator.summary[lang]))
    return "\n".join(lines)


def calculator_nav(nav):
    """Complete the navigation: the section that lists ``calculators/index.md`` gets the page of every
    calculator it does not list yet, in the index's order, so a new calculator's two pages appear with
    no line added to ``mkdocs.yml``.  Changes ``nav`` (MkDocs' ``config["nav"]``) in place; True if
    that section was found."""
    for item in nav or []:
        if not isinstance(item, dict):
            continue
        for entries in item.values():
            if not isinstance(entries, list):
                continue
            listed = [entry if isinstance(entry, str) else list(entry.values())[0] for entry in entries]
            if "calculators/index.md" in listed:
                for name in registry.CALCULATORS:
                    page = "calculators/" + page_slug(name)
                    if page not in listed:
                        entries.append(page)
                return True
            if calculator_nav(entries):
                return True
    return False


def number_rules(lang):
    """Markdown: the paragraph on how numbers are read (the catalog's ``number_rules``), the same
    words the calculators' help and the command line's ``--help`` show."""
    text = catalog.get(lang)["number_rules"]
    for ch in "\\`*_[]<>#|":  # plain text: nothing in it is Markdown
        text = text.replace(ch, "\\" + ch)
    return text


def replace_markers(markdown, where="page", lang="ru"):
    """Swap markers for placeholders; return ``(markdown, [(name, preset), ...])``.

    ``::: calculators-list`` becomes a Markdown list of every calculator (links checked by MkDocs);
    ``::: number-rules`` the paragraph on how numbers are read (the catalog's ``number_rules``);
    ``::: benchmark-results`` the benchmark's tables as a raw HTML block (not a placeholder: see above).
    """
    markdown = LIST_MARKER.sub(lambda match: calculators_list(lang), markdown)
    markdown = RULES_MARKER.sub(lambda match: number_rules(lang), markdown)
    found = INDENTED_MARKER.search(markdown)
    if found:
        line = markdown.count("\n", 0, found.start()) + 1
        raise EmbedError("%s:%d: a '%s' marker must start at column 0"
                         % (where, line, markdown[found.start():found.end()].strip()))

    def benchmark(match):
        try:
            html = speedpage.render_marker(match.group("args"), lang, where)
        except speedpage.SpeedPageError as error:
            raise EmbedError(str(error))
        return "\n\n" + html + "\n\n"

    markdown = BENCHMARK_MARKER.sub(benchmark, markdown)
    embeds = []

    def swap(match):
        line = markdown.count("\n", 0, match.start()) + 1
        embeds.append(parse_marker(match.group("args"), "%s:%d" % (where, line)))
        return "\n" + PLACEHOLDER.format(index=len(embeds) - 1) + "\n"

    return MARKER.sub(swap, markdown), embeds


def render(name, preset, lang, uid):
    """The HTML of one calculator with its default (or preset) scenario computed."""
    calculator = registry.get(name)
    presets = [(key, calculator.presets[key]["title"][lang]) for key in calculator.presets]
    currencies = [(code, numbers.CURRENCY_SYMBOLS[code]) for code in numbers.CURRENCIES]
    return environment().get_template("partials/calculator.html").render(
        v=view(calculator, None, lang, None, preset),
        uid=uid,
        preset=preset,
        presets=presets,
        currencies=currencies,
    )


def replace_workshop_markers(markdown, src_uri, lang, extensions=None, configs=None, site_url=None):
    """Swap ``::: exercise ID [heading=N]`` and ``::: programme ID`` lines for placeholders; return
    ``(markdown, [html, ...])``.  ``src_uri`` is the page's path inside its language folder
    (``chapters/x.md``), for the links.  Unknown names fail the build with the file and line.
    ``::: join`` is the join screen: the site's address and its QR code (``site_url``, when the build
    knows a public one)."""
    blocks = []

    def line_of(match):
        return "%s:%d" % (src_uri, markdown.count("\n", 0, match.start()) + 1)

    def exercise(match):
        words = match.group("args").split()
        where = line_of(match)
        if not words:
            raise EmbedError("%s: '::: exercise' needs an exercise id" % where)
        heading = _heading_option(words, where, "exercise")
        try:
            html = exercises.render_exercise(words[0], lang, src_uri, environment(), extensions, configs)
            title = exercises.load_exercise(words[0], lang).title
        except exercises.ExerciseError as error:
            raise EmbedError("%s: %s" % (where, error))
        blocks.append(html)
        indent = match.group("indent")
        out = "\n" + indent + BLOCK_PLACEHOLDER.format(index=len(blocks) - 1) + "\n"
        if heading:
            if indent:
                raise EmbedError("%s: heading=%d needs the marker at column 0" % (where, heading))
            out = "\n%s %s {#exercise-%s}\n" % ("#" * heading, title, words[0]) + out
        return out

    def programme(match):
        words = match.group("args").split()
        where = line_of(match)
        if not words:
            raise EmbedError("%s: '::: programme' needs a programme id" % where)
        heading = _heading_option(words, where, "programme")
        try:
            html = exercises.render_programme(words[0], lang, src_uri, environment(), extensions, configs)
            programme = exercises.load_programmes(lang)[words[0]]
        except exercises.ExerciseError as error:
            raise EmbedError("%s: %s" % (where, error))
        blocks.append(html)
        out = "\n" + BLOCK_PLACEHOLDER.format(index=len(blocks) - 1) + "\n"
        if heading:
            out = "\n%s %s {#programme-%s}\n\n%s\n" % ("#" * heading, programme.title, programme.id,
                                                       programme.summary) + out
        return out

    def join(match):
        blocks.append(exercises.render_join(lang, site_url, environment()))
        return "\n" + BLOCK_PLACEHOLDER.format(index=len(blocks) - 1) + "\n"

    markdown = EXERCISE_MARKER.sub(exercise, markdown)
    markdown = PROGRAMME_MARKER.sub(programme, markdown)
    markdown = JOIN_MARKER.sub(join, markdown)
    return markdown, blocks


def _heading_option(words, where, kind):
    """``heading=N`` (2, 3 or 4) among a marker's options, else None; anything else fails the build."""
    heading = None
    for word in words[1:]:
        key, _, value = word.partition("=")
        if key != "heading" or value not in ("2", "3", "4"):
            raise EmbedError("%s: unknown option %r in '::: %s %s' (allowed: heading=2|3|4)"
                             % (where, word, kind, words[0]))
        heading = int(value)
    return heading
