"""Exercises and workshop programmes: one source each, shown wherever a page names them.

An exercise is written once per language, in ``docs/<lang>/exercises/<id>.md``: YAML front matter
(``title``, ``minutes``, ``group``) and a Markdown body with the goal, the materials, the timed steps,
the scoring criteria and the result.  The marker ``::: exercise ID [heading=N]`` shows it on a page, in a
chapter's trainer block (indented, as the block's content is) or in the workshop guide (``heading=3``
adds a linkable heading, ``#exercise-ID``, before it).  Every place gets the same markup, marked
``data-exercise="ID"`` and ``data-exercise-minutes="N"``, which the speaker view's timer reads.

A programme is a minute-by-minute plan, ``docs/<lang>/programmes.yml``; ``::: programme ID`` shows it as
``<section data-programme="ID" data-programme-minutes="N">`` with one ``<li data-minutes="…"
data-target="…">`` per block.  The blocks must add up to the programme's length, and a block that runs
an exercise takes exactly the exercise's minutes: the build refuses anything else, naming the file.

Links inside an exercise or a programme are written relative to ``docs/<lang>/`` pages, as
``[text](../chapters/x.md#anchor)`` from the exercise file, and are rewritten for the page that shows
them.  A link to a page or anchor that does not exist fails the build.
"""

import os
import posixpath
import re
import urllib.parse

import markdown as markdown_lib
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCS = os.path.join(ROOT, "docs")

EXERCISE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Programme lengths the guide promises: (shortest, longest) in minutes.
LENGTHS = {"45": (45, 45), "90": (90, 90), "120": (120, 120), "half-day": (210, 240), "full-day": (360, 480)}
MD_LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
ANCHOR = re.compile(r"\{#([A-Za-z0-9_-]+)")
HEADING_SLUG = re.compile(r"^#{1,6}\s.*\{#([A-Za-z0-9_-]+)[^}]*\}\s*$", re.MULTILINE)

WORDS = {
    "ru": {"exercise": "Упражнение", "minutes": "мин", "group": "Группы", "break": "Перерыв",
           "total": "Всего", "go": "На экране", "run": "Упражнение", "start": "Начать эту программу",
           "handouts": "Печатать раздаточные материалы"},
    "en": {"exercise": "Exercise", "minutes": "min", "group": "Groups", "break": "Break",
           "total": "Total", "go": "On screen", "run": "Exercise", "start": "Start this programme",
           "handouts": "Print the handouts"},
}


class ExerciseError(ValueError):
    """A missing or malformed exercise or programme; fails the build with the file named."""


def _read(path):
    with open(path, encoding="utf-8-sig") as handle:
        return handle.read()


def split_front_matter(text, where):
    """``(meta dict, body)`` of a Markdown file with ``---`` YAML front matter (required here)."""
    if not text.startswith("---\n"):
        raise ExerciseError("%s: starts without front matter (---)" % where)
    end = text.find("\n---\n", 4)
    if end < 0:
        raise ExerciseError("%s: front matter is not closed by ---" % where)
    try:
        meta = yaml.safe_load(text[4:end])
    except yaml.YAMLError as error:
        raise ExerciseError("%s: front matter is not valid YAML: %s" % (where, error))
    if not isinstance(meta, dict):
        raise ExerciseError("%s: front matter must be a mapping" % where)
    return meta, text[end + 5:]


class Exercise(object):
    def __init__(self, ident, lang, title, minutes, group, body, where):
        self.id = ident
        self.lang = lang
        self.title = title
        self.minutes = minutes
        self.group = group
        self.body = body
        self.where = where


def exercise_path(ident, lang):
    return os.path.join(DOCS, lang, "exercises", ident + ".md")


def exercise_ids(lang):
    folder = os.path.join(DOCS, lang, "exercises")
    if not os.path.isdir(folder):
        return []
    return sorted(name[:-3] for name in os.listdir(folder) if name.endswith(".md"))


def load_exercise(ident, lang):
    """The exercise ``ident`` in ``lang``; :class:`ExerciseError` naming the file when it is wrong."""
    if not EXERCISE_ID.match(ident or ""):
        raise ExerciseError("exercise id %r: use lowercase ASCII letters, digits and dashes" % ident)
    path = exercise_path(ident, lang)
    where = os.path.relpath(path, ROOT)
    if not os.path.exists(path):
        raise ExerciseError("unknown exercise %r (no %s); known: %s"
                            % (ident, where, ", ".join(exercise_ids(lang)) or "none"))
    meta, body = split_front_matter(_read(path), where)
    unknown = sorted(set(meta) - {"title", "minutes", "group"})
    if unknown:
        raise ExerciseError("%s: unknown front matter field(s) %s (allowed: title, minutes, group)"
                            % (where, ", ".join(unknown)))
    for field in ("title", "minutes", "group"):
        if field not in meta:
            raise ExerciseError("%s: front matter needs %r" % (where, field))
    minutes = meta["minutes"]
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 240:
        raise ExerciseError("%s: minutes must be a whole number from 1 to 240, not %r" % (where, minutes))
    steps = step_minutes(body)
    if steps and sum(steps) != minutes:
        raise ExerciseError("%s: the timed steps add up to %d minutes, the exercise says %d"
                            % (where, sum(steps), minutes))
    return Exercise(ident, lang, str(meta["title"]), minutes, str(meta["group"]), body, where)


STEP = re.compile(r"^\s*\d+\.\s+\*(\d+)\s+(?:минут[аы]?|minutes?)\.\*", re.MULTILINE)


def step_minutes(body):
    """Minutes of the timed steps (``1. *5 минут.* …``), in order."""
    return [int(found) for found in STEP.findall(body)]


# ---- links ------------------------------------------------------------------------------------

def page_url(src_uri):
    """The directory-style address of a page, relative to its language root: ``chapters/x/``."""
    if src_uri == "index.md":
        return ""
    if src_uri.endswith("/index.md"):
        return src_uri[: -len("index.md")]
    return src_uri[:-3] + "/"


def anchors_of(path):
    """Every explicit ``{#anchor}`` a Markdown page declares (headings and attribute lists)."""
    return set(ANCHOR.findall(_read(path)))


def rewrite_links(text, source_dir, page_src_uri, lang, where):
    """Rewrite relative ``.md`` links written from ``source_dir`` (relative to ``docs/<lang>/``) so that
    they work from the built page of ``page_src_uri``; check that each target page and anchor exists."""
    page_dir = page_url(page_src_uri)

    def swap(match):
        target = match.group("target")
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            return match.group(0)
        path, _, fragment = target.partition("#")
        if not path.endswith(".md"):
            return match.group(0)
        src = posixpath.normpath(posixpath.join(source_dir, path))
        file_path = os.path.join(DOCS, lang, *src.split("/"))
        if src.startswith("..") or not os.path.exists(file_path):
            raise ExerciseError("%s: link to %s, which does not exist" % (where, target))
        if fragment and fragment not in anchors_of(file_path):
            raise ExerciseError("%s: link to %s, but %s has no anchor #%s" % (where, target, src, fragment))
        url = posixpath.relpath(page_url(src) or ".", page_dir or ".")
        url = "./" if url == "." else url + "/"
        return "](%s%s)" % (url, "#" + fragment if fragment else "")

    return MD_LINK.sub(swap, text)


# ---- rendering --------------------------------------------------------------------------------

def markdown_to_html(text, extensions=None, configs=None):
    converter = markdown_lib.Markdown(
        extensions=extensions if extensions is not None else ["attr_list", "md_in_html", "tables"],
        extension_configs=configs or {})
    return converter.convert(text)


def render_exercise(ident, lang, page_src_uri, environment, extensions=None, configs=None):
    exercise = load_exercise(ident, lang)
    body = rewrite_links(exercise.body, "exercises", page_src_uri, lang, exercise.where)
    return environment.get_template("partials/exercise.html").render(
        exercise=exercise, body=markdown_to_html(body, extensions, configs), w=WORDS[lang])


# ---- programmes ------------------------------------------------------------------------------

class Block(object):
    def __init__(self, start, minutes, title, target, exercise, procedure, is_break):
        self.start = start
        self.minutes = minutes
        self.title = title
        self.target = target
        self.exercise = exercise
        self.procedure = procedure
        self.is_break = is_break


class Programme(object):
    def __init__(self, ident, title, minutes, summary, blocks, where):
        self.id = ident
        self.title = title
        self.minutes = minutes
        self.summary = summary
        self.blocks = blocks
        self.where = where


def programmes_path(lang):
    return os.path.join(DOCS, lang, "programmes.yml")


# load_programmes' answers, each with the state of docs/ it was read from.
_PROGRAMMES = {}


def _docs_state():
    """Every file under docs/ with its size and time of change: what a programme may read."""
    state = []
    for folder, folders, names in os.walk(DOCS):
        folders.sort()
        for name in sorted(names):
            stat = os.stat(os.path.join(folder, name))
            state.append((folder, name, stat.st_size, stat.st_mtime_ns))
    return state


def load_programmes(lang):
    """Every programme of a language, checked: the blocks add up, each block is an exercise (of the
    same length), a break, or has a procedure of its own; targets are pages (and anchors) that exist.

    The markers of many pages ask for it in one build: it is read again only when a file under docs/
    has changed since (as while ``mkdocs serve`` watches).  The answer is shared: read it, never change it."""
    key = (DOCS, lang)
    state = _docs_state()
    kept = _PROGRAMMES.get(key)
    if kept is None or kept[0] != state:
        _PROGRAMMES[key] = (state, _load_programmes(lang))
    return _PROGRAMMES[key][1]


def _load_programmes(lang):
    path = programmes_path(lang)
    where = os.path.relpath(path, ROOT)
    try:
        data = yaml.safe_load(_read(path))
    except yaml.YAMLError as error:
        raise ExerciseError("%s: not valid YAML: %s" % (where, error))
    if not isinstance(data, list):
        raise ExerciseError("%s: must be a list of programmes" % where)
    programmes = {}
    for index, item in enumerate(data):
        label = "%s: programme %d" % (where, index + 1)
        if not isinstance(item, dict):
            raise ExerciseError("%s is not a mapping" % label)
        ident = item.get("id")
        if ident not in LENGTHS:
            raise ExerciseError("%s: id %r is not one of %s" % (label, ident, ", ".join(LENGTHS)))
        label = "%s: programme %r" % (where, ident)
        if ident in programmes:
            raise ExerciseError("%s appears twice" % label)
        minutes = item.get("minutes")
        low, high = LENGTHS[ident]
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not low <= minutes <= high:
            raise ExerciseError("%s: minutes must be %s, not %r"
                                % (label, low if low == high else "%d–%d" % (low, high), minutes))
        blocks = []
        start = 0
        for number, raw in enumerate(item.get("blocks") or []):
            blocks.append(_block(raw, start, "%s, block %d" % (label, number + 1), lang))
            start += blocks[-1].minutes
        if start != minutes:
            raise ExerciseError("%s: the blocks add up to %d minutes, the programme says %d"
                                % (label, start, minutes))
        programmes[ident] = Programme(ident, str(item.get("title") or ""), minutes,
                                      str(item.get("summary") or ""), blocks, where)
        if not programmes[ident].title:
            raise ExerciseError("%s needs a title" % label)
    return programmes


def _block(raw, start, label, lang):
    if not isinstance(raw, dict):
        raise ExerciseError("%s is not a mapping" % label)
    allowed = {"minutes", "title", "target", "exercise", "procedure", "break"}
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise ExerciseError("%s: unknown field(s) %s" % (label, ", ".join(unknown)))
    minutes = raw.get("minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 1:
        raise ExerciseError("%s: minutes must be a whole number above 0, not %r" % (label, minutes))
    is_break = bool(raw.get("break"))
    title = str(raw.get("title") or "")
    exercise = None
    if raw.get("exercise"):
        exercise = load_exercise(raw["exercise"], lang)
        if exercise.minutes != minutes:
            raise ExerciseError("%s: runs exercise %r for %d minutes, but the exercise takes %d"
                                % (label, exercise.id, minutes, exercise.minutes))
        title = title or exercise.title
    procedure = str(raw.get("procedure") or "").strip()
    target = raw.get("target")
    if is_break:
        if target or exercise or procedure:
            raise ExerciseError("%s: a break has no target, exercise or procedure" % label)
    else:
        if not exercise and not procedure:
            raise ExerciseError("%s: needs an exercise or a procedure of its own" % label)
        if not target:
            raise ExerciseError("%s: needs a target (page.md#section) to show" % label)
        path, _, fragment = str(target).partition("#")
        file_path = os.path.join(DOCS, lang, *path.split("/"))
        if not path.endswith(".md") or not os.path.exists(file_path):
            raise ExerciseError("%s: target %s is not a page of docs/%s" % (label, target, lang))
        if not fragment or fragment not in anchors_of(file_path):
            raise ExerciseError("%s: target %s needs a section anchor that %s has" % (label, target, path))
    if not title:
        raise ExerciseError("%s needs a title" % label)
    return Block(start, minutes, title, target, exercise, procedure, is_break)


def clock(minutes):
    return "%d:%02d" % (minutes // 60, minutes % 60)


HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{([^}]*)\})?\s*$", re.MULTILINE)


def target_title(target, lang):
    """``Page title › Section title`` of a target ``page.md#anchor``, from the page's own headings."""
    path, _, fragment = target.partition("#")
    page, section = "", ""
    for level, text, attrs in HEADING.findall(_read(os.path.join(DOCS, lang, *path.split("/")))):
        if level == "#" and not page:
            page = text
        if attrs and ("#" + fragment) in attrs.split():
            section = text
    return page if not section or section == page else "%s › %s" % (page, section)


def target_url(target, page_src_uri):
    path, _, fragment = target.partition("#")
    url = posixpath.relpath(page_url(path) or ".", page_url(page_src_uri) or ".")
    url = "./" if url == "." else url + "/"
    return url + "#" + fragment


def handouts_src(ident):
    """The page of a programme's handout pack, relative to ``docs/<lang>/`` (``scripts/handouts.py``)."""
    return "print/%s.md" % ident


def handouts_url(ident, lang, page_src_uri):
    """The address of a programme's handout pack from the page ``page_src_uri``; the pack must exist."""
    src = handouts_src(ident)
    if not os.path.exists(os.path.join(DOCS, lang, *src.split("/"))):
        raise ExerciseError("programme %r has no handout pack: add docs/%s/%s with the front matter "
                            "'printable: programme-%s'" % (ident, lang, src, ident))
    url = posixpath.relpath(page_url(src), page_url(page_src_uri) or ".")
    return url + "/"


def render_programme(ident, lang, page_src_uri, environment, extensions=None, configs=None):
    programmes = load_programmes(lang)
    if ident not in programmes:
        raise ExerciseError("unknown programme %r; known: %s" % (ident, ", ".join(programmes)))
    programme = programmes[ident]
    handouts = handouts_url(ident, lang, page_src_uri)
    rows = []
    for block in programme.blocks:
        procedure = ""
        if block.procedure:
            text = rewrite_links(block.procedure, "", page_src_uri, lang, programme.where)
            procedure = markdown_to_html(text, extensions, configs)
        rows.append({
            "block": block,
            "time": "%s–%s" % (clock(block.start), clock(block.start + block.minutes)),
            "target": target_url(block.target, page_src_uri) if block.target else None,
            "target_title": target_title(block.target, lang) if block.target else None,
            "exercise_url": target_url(page_src_uri_for_guide(lang) + "#exercise-" + block.exercise.id,
                                       page_src_uri) if block.exercise else None,
            "procedure": procedure,
        })
    return environment.get_template("partials/programme.html").render(
        programme=programme, rows=rows, w=WORDS[lang], handouts=handouts)


def page_src_uri_for_guide(lang):
    """Exercises are listed, with their anchors, in the workshop guide."""
    return "workshop.md"


# ---- the join screen ---------------------------------------------------------------------------

LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]", "0.0.0.0", "")


def public_address(site_url, lang, default_lang="ru"):
    """The address phones should open for a language, from the build's ``site_url``; None when the
    build knows none that another device could reach (unset, or a loopback address)."""
    if not site_url:
        return None
    parts = urllib.parse.urlsplit(site_url)
    if parts.scheme not in ("http", "https") or (parts.hostname or "") in LOOPBACK:
        return None
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base if lang == default_lang else base + lang + "/"


JOIN_WORDS = {
    "ru": {
        "lead": "Наведите камеру телефона на код или наберите адрес:",
        "local": "Этот адрес открывается только на этом компьютере: телефоны его не откроют. Чтобы подключить "
                 "телефоны, запустите сайт командой make room и откройте эту страницу снова.",
        "no_qr": "QR-кода нет: сайт собран без своего адреса в сети. Наберите адрес выше.",
        "note": "Телефон и ноутбук ведущего должны быть в одной сети Wi-Fi. Калькуляторы работают прямо в "
                "браузере: ничего устанавливать не нужно.",
    },
    "en": {
        "lead": "Point your phone’s camera at the code, or type the address:",
        "local": "This address opens only on this computer: phones cannot open it. To let phones join, serve "
                 "the site with make room and open this page again.",
        "no_qr": "No QR code: the site was built without its address on the network. Type the address above.",
        "note": "Your phone and the trainer’s laptop must be on the same Wi-Fi. The calculators run right in "
                "the browser: there is nothing to install.",
    },
}


def render_join(lang, site_url, environment):
    """The join screen: the site's address in large type and its QR code.  The build draws the QR code of
    the public address it knows (``site_url``) with ``calculators/qr.py``; on the room server the page
    swaps in the room's address (``room.json``, ``room.svg``: assets/presenter.js)."""
    from calculators import qr
    address = public_address(site_url, lang)
    svg = qr.svg(qr.encode(address, "M"), 4, address) if address else ""
    return environment.get_template("partials/join.html").render(
        address=address or "", svg=svg, w=JOIN_WORDS[lang], lang=lang)
