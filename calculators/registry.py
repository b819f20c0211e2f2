"""Every calculator of the playbook, by public name, found by discovery.

A calculator is a module of this package with a line starting ``CALCULATOR = `` (its declaration,
:class:`calculators.core.Calculator`).  Adding one is adding its module: the command line, the
build, the pages and the calculators index find it here, with nothing else to edit.

:func:`names` reads the package's source files and imports none of them.  :func:`get` reads and
imports only the module asked for, so a page imports only the calculators it shows (and needs no
source where it ships bytecode).  ``CALCULATORS`` (every calculator, in the order of the
calculators index: each declaration's ``order``, then its name) is built when first asked for.
"""

from . import custom

MARK = b"CALCULATOR = "

_LOADED = {}
_NAMES = []


def _package():
    """The directory of this package's files."""
    try:
        path = __file__
    except NameError:
        return "calculators"
    cut = path.rfind("/")
    if cut < 0:
        cut = path.rfind("\\")
    return path[:cut] if cut > 0 else "."


def _declares(path):
    """Whether the source file at ``path`` declares a calculator (a line starting ``CALCULATOR = ``);
    None when there is no such file (a page may ship bytecode only)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    return data.startswith(MARK) or (b"\n" + MARK) in data


def _listing(directory):
    import os
    try:
        return os.listdir(directory)
    except OSError:
        return []


def names():
    """The calculators' public names (their modules' names), sorted; found once, by reading the
    package's source files."""
    if not _NAMES:
        directory = _package()
        found = []
        for file_name in _listing(directory):
            if file_name.endswith(".py") and not file_name.startswith("_"):
                if _declares(directory + "/" + file_name):  # MicroPython has no os.path
                    found.append(file_name[:-3])
        found.sort()
        _NAMES.extend(found)
    return tuple(_NAMES)


def _valid(name):
    if not isinstance(name, str) or not name or name[0] == "_":
        return False
    for ch in name:
        if ch not in "abcdefghijklmnopqrstuvwxyz0123456789_":
            return False
    return True


def get(name):
    """The calculator called ``name``; ``KeyError`` naming the known ones otherwise.

    Only a module whose source declares a calculator is imported (its own file is read, no other);
    where there is no source (a page that ships bytecode) the module of that name is tried and must
    declare ``CALCULATOR``."""
    if name not in _LOADED:
        calculator = None
        says = _declares(_package() + "/" + name + ".py") if _valid(name) else False
        if says is not False:
            try:
                module = __import__("calculators." + name, None, None, ("CALCULATOR",))
            except ImportError:
                if says:  # its source is there: a real error inside it
                    raise
                module = None
            calculator = getattr(module, "CALCULATOR", None)
        if calculator is None:
            raise KeyError("unknown calculator %r; known: %s" % (name, ", ".join(names())))
        # A trainer's own defaults and presets (custom.json), checked and laid over the declaration.
        _LOADED[name] = custom.apply(calculator)
    return _LOADED[name]


def __getattr__(attribute):
    # ``registry.NAMES`` and ``registry.CALCULATORS``, found on demand (PEP 562; MicroPython has it too).
    if attribute == "NAMES":
        return names()
    if attribute == "CALCULATORS":
        loaded = [get(name) for name in names()]
        loaded.sort(key=lambda calculator: (calculator.order, calculator.name))
        return dict((calculator.name, calculator) for calculator in loaded)
    raise AttributeError(attribute)
