#!/usr/bin/env python3
"""Benchmark only: build the site with the calculators running on Pyodide instead of MicroPython.

    python3 scripts/pyodide_site.py DEST

Installs the benchmark's pinned Pyodide when it is missing or its lockfile changed
(``npm ci --prefix benchmarks/pyodide``; the site's own build and CI never download it), then builds
the whole site into DEST with ``CLIENTING_RUNTIME=pyodide`` (``mkdocs build --strict``; see
``scripts/runtime.py``).  Same pages, same calculators, same self-hosting: only the runtime differs,
so the two can be measured side by side (``scripts/bench.py``).  Running it again rebuilds DEST.
"""

import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from scripts import dev, runtime  # noqa: E402

LOCKFILE = os.path.join(runtime.PYODIDE_PREFIX, "package-lock.json")
STAMP = os.path.join(runtime.PYODIDE_PREFIX, "node_modules", ".package-lock.sha256")


def installed():
    """Whether every Pyodide file the build copies is there, from the current lockfile."""
    wanted = dev.digest([os.path.relpath(LOCKFILE, dev.ROOT)])
    return dev.stamp_ok(STAMP, wanted) and all(
        os.path.exists(os.path.join(runtime.PYODIDE_DIR, name)) for name in runtime.PYODIDE_FILES)


def ensure_pyodide():
    """``npm ci --prefix benchmarks/pyodide`` unless the lockfile's Pyodide is already installed."""
    if installed():
        return
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm (Node.js 20 or newer) is needed to install the benchmark's Pyodide")
    dev.run([npm, "ci", "--prefix", os.path.relpath(runtime.PYODIDE_PREFIX, dev.ROOT), "--no-audit", "--no-fund"])
    dev.write_stamp(STAMP, dev.digest([os.path.relpath(LOCKFILE, dev.ROOT)]))


def build(dest):
    """Build the Pyodide variant of the site into ``dest`` (replaced); return ``dest``."""
    dev.ensure()  # the venv and the site's own runtime, as for any build
    ensure_pyodide()
    env = dev.mkdocs_env()
    env[runtime.RUNTIME_ENV] = runtime.PYODIDE
    dev.run([dev.venv_python(), "-m", "mkdocs", "build", "--strict", "-d", os.path.abspath(dest)], env=env)
    return dest


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0].startswith("-"):
        sys.exit("usage: python3 scripts/pyodide_site.py DEST")
    print("Built the Pyodide variant into %s" % build(args[0]))


if __name__ == "__main__":
    try:
        main()
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode or 1)
