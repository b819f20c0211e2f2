"""Front matter that does not parse stops the build.

MkDocs reads the YAML block between ``---`` lines at the top of a page and, when it is not valid
YAML (a plain value holding ``: ``, say), quietly drops it: the page then shows the block as text and
ships it as its description.  :func:`problem` finds that; the build (``scripts/hooks.py``) and a test
over every page under ``docs/`` refuse it.
"""

import re

import yaml

# MkDocs's own pattern (mkdocs.utils.meta.YAML_RE): a block MkDocs would take for front matter.
BLOCK = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
OPENING = re.compile(r"^-{3}[ \t]*\n")


def problem(text):
    """Why the front matter of ``text`` (a page's Markdown) does not parse, or None (also when there is none)."""
    text = text.replace("\r\n", "\n")
    found = BLOCK.match(text)
    if found is None:
        if OPENING.match(text) and re.search(r"^[A-Za-z_][\w-]*:[ \t]", text.split("\n", 2)[1]):
            return "the front matter opened by '---' on the first line is never closed by a '---' line"
        return None
    try:
        data = yaml.safe_load(found.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = " (line %d)" % (mark.line + 2) if mark is not None else ""
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return "the front matter is not valid YAML%s: %s; put a value that holds ': ' or starts with a " \
               "quote, '[', '{', '*', '&', '!', '|', '>', '%%' or '@' in double quotes" % (where, reason)
    if not isinstance(data, dict):
        return "the front matter must be 'key: value' lines, not %s" % type(data).__name__
    return None
