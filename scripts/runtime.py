"""Build face: the self-hosted Python runtime of the site.

PyScript and MicroPython come from ``node_modules`` (pinned in ``package-lock.json``) and are copied
into ``site/assets/vendor/``; the calculators' Python files into ``site/assets/py/``.  Every page that
holds a calculator gets a PyScript config whose URLs are relative to that page, so the site works on
nested pages and under any sub-path.
"""

import json
import os
import shutil

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


def pyscript_files():
    """PyScript's distributed files the site serves: every JS chunk and the CSS, no source maps."""
    _check()
    return sorted(name for name in os.listdir(PYSCRIPT_DIST)
                  if name.endswith((".js", ".css")) and not name.endswith(".map"))


def core_chunk():
    """The hashed main chunk that ``core.js`` imports (``core-XXXX.js``), preloaded with it."""
    for name in pyscript_files():
        if name.startswith("core-") and name.endswith(".js"):
            return name
    raise RuntimeMissing("no core-*.js chunk in %s" % PYSCRIPT_DIST)


def python_files():
    """The calculators package's modules the page imports, in a stable order."""
    return sorted(name for name in os.listdir(PACKAGE_DIR)
                  if name.endswith(".py") and name not in PAGE_EXCLUDES)


def page_runtime(base_url):
    """URLs and the PyScript config for a page whose ``base_url`` (relative, as MkDocs gives it) is given."""
    base = (base_url or ".").rstrip("/")
    vendor = base + "/" + VENDOR
    files = {}
    for name in python_files():
        files["%s/%s/calculators/%s" % (base, PY, name)] = "calculators/" + name
    config = {"interpreter": vendor + "/micropython/micropython.mjs", "files": files}
    return {
        "core": vendor + "/pyscript/core.js",
        "core_chunk": vendor + "/pyscript/" + core_chunk(),
        "interpreter": config["interpreter"],
        "wasm": vendor + "/micropython/micropython.wasm",
        "config": json.dumps(config, sort_keys=True, separators=(",", ":")),
    }


def copy_runtime(site_dir):
    """Copy PyScript, MicroPython and the calculators' modules into ``site_dir``; idempotent."""
    _check()
    targets = []
    for name in pyscript_files():
        targets.append((os.path.join(PYSCRIPT_DIST, name), os.path.join(site_dir, VENDOR, "pyscript", name)))
    for name in MICROPYTHON_FILES:
        targets.append((os.path.join(MICROPYTHON_DIR, name),
                        os.path.join(site_dir, VENDOR, "micropython", name)))
    for name in python_files():
        targets.append((os.path.join(PACKAGE_DIR, name), os.path.join(site_dir, PY, "calculators", name)))
    for source, target in targets:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(source, target)
    return [target for _, target in targets]
