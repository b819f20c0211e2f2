#!/usr/bin/env python3
"""Benchmark only: the site with its calculators running on Pyodide (CPython) instead of MicroPython.

    python3 benchmarks/pyodide_site.py DEST

Builds the site as it ships into DEST (``mkdocs build --strict``), then turns it into the Pyodide
variant by post-processing the built folder, so the shipped build knows nothing of Pyodide:

- Pyodide's files (``benchmarks/pyodide/``, its own ``package-lock.json``, installed with
  ``npm ci --prefix benchmarks/pyodide`` when missing or changed; the site's own build and CI never
  download it) go to ``assets/vendor/pyodide/``, the calculators' modules as ``.py`` sources next to
  their ``.mpy``;
- in every page (read with the HTML parser, changed by splices at its offsets: ``scripts/htmlpage.py``)
  ``<script type="mpy" config=…>`` becomes ``<script type="py">`` with Pyodide as the interpreter and the
  same modules as sources, and the preloads of MicroPython's loader and WebAssembly become Pyodide's;
  a trainer's ``custom.json`` goes as written (Pyodide is CPython, which checks it on load);
- the offline list and the precompressed copies are written again (``scripts/postbuild.py``).

Same pages, same calculators, same self-hosting, same Content Security Policy (the page's inline
scripts are unchanged): only the runtime differs, so the two can be measured side by side
(``scripts/bench.py``).  Running it again rebuilds DEST.
"""

import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

from calculators import custom  # noqa: E402
from scripts import dev, htmlpage, postbuild, runtime  # noqa: E402

PREFIX = os.path.join(HERE, "pyodide")
PYODIDE_DIR = os.path.join(PREFIX, "node_modules", "pyodide")
LOCKFILE = os.path.join(PREFIX, "package-lock.json")
STAMP = os.path.join(PREFIX, "node_modules", ".package-lock.sha256")
VENDOR = "pyodide"
# What Pyodide fetches when PyScript starts it in a page (seen in the browser): its loader, the
# Emscripten module it imports, the WebAssembly, the standard library and the package lock (read at
# start-up even with no packages).  No package wheels: the calculators need only the standard library.
FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
MICROPYTHON = "micropython/micropython.mjs"
MICROPYTHON_WASM = "micropython/micropython.wasm"


def installed():
    """Whether every Pyodide file the variant copies is there, from the current lockfile."""
    wanted = dev.digest([os.path.relpath(LOCKFILE, dev.ROOT)])
    return dev.stamp_ok(STAMP, wanted) and all(os.path.exists(os.path.join(PYODIDE_DIR, name)) for name in FILES)


def ensure_pyodide():
    """``npm ci --prefix benchmarks/pyodide`` unless the lockfile's Pyodide is already installed."""
    if installed():
        return
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm (Node.js 20 or newer) is needed to install the benchmark's Pyodide")
    dev.run([npm, "ci", "--prefix", os.path.relpath(PREFIX, dev.ROOT), "--no-audit", "--no-fund"])
    dev.write_stamp(STAMP, dev.digest([os.path.relpath(LOCKFILE, dev.ROOT)]))


def _folder(url, suffix):
    """``../../assets/vendor/`` of ``../../assets/vendor/micropython/micropython.mjs``."""
    return url[:-len(suffix)] if url.endswith(suffix) else None


def sources(files):
    """A page's ``files`` with the modules as ``.py`` sources one by one: each archive
    (``assets/py/<name>.tar``) becomes the modules it holds, a ``.mpy`` its source."""
    found = {}
    for url, target in files.items():
        if url.endswith(runtime.ARCHIVE_SUFFIX):
            folder, name = url.rsplit("/", 1)
            name = name[:-len(runtime.ARCHIVE_SUFFIX)]
            for module in runtime.archive_members(name):
                found["%s/calculators/%s" % (folder, module)] = "calculators/" + module
            if name == runtime.SHARED and custom.in_use():
                found["%s/calculators/%s" % (folder, custom.FILE_NAME)] = "calculators/" + custom.FILE_NAME
        else:
            found[url[:-4] + ".py" if url.endswith(".mpy") else url] = (
                target[:-4] + ".py" if target.endswith(".mpy") else target)
    return found


def rewrite_page(html):
    """One built page with its MicroPython runtime tags turned into Pyodide's (unchanged without them)."""
    edits = []
    for element in htmlpage.elements(html):
        attrs = element.attrs
        if element.name == "script" and attrs.get("type") == "mpy" and "config" in attrs:
            config = json.loads(attrs["config"])
            vendor = _folder(config["interpreter"], MICROPYTHON)
            config["interpreter"] = vendor + VENDOR + "/pyodide.mjs"
            config["files"] = sources(config["files"])
            if "on_demand" in config:  # the QR code's module, fetched when asked for: its source
                config["on_demand"] = dict((name, url[:-4] + ".py" if url.endswith(".mpy") else url)
                                           for name, url in config["on_demand"].items())
            text = json.dumps(config, sort_keys=True, separators=(",", ":"))
            edits.append((element.start, element.end,
                          '<script type="py" config="%s">' % htmlpage.attribute(text)))
        elif element.name == "link" and attrs.get("href", "").endswith(runtime.ARCHIVE_SUFFIX):
            edits.append((element.start, element.end, ""))  # the archives' modules come one by one as sources
        elif element.name == "link" and _folder(attrs.get("href", ""), MICROPYTHON):
            folder = _folder(attrs["href"], MICROPYTHON) + VENDOR + "/"
            edits.append((element.start, element.end,
                          '<link rel="modulepreload" href="%spyodide.mjs">\n  '
                          '<link rel="modulepreload" href="%spyodide.asm.mjs">' % (folder, folder)))
        elif element.name == "link" and _folder(attrs.get("href", ""), MICROPYTHON_WASM):
            folder = _folder(attrs["href"], MICROPYTHON_WASM) + VENDOR + "/"
            edits.append((element.start, element.end, "\n  ".join(
                ['<link rel="preload" href="%spyodide.asm.wasm" as="fetch" type="application/wasm" crossorigin>'
                 % folder] + ['<link rel="preload" href="%s%s" as="fetch" crossorigin>' % (folder, name)
                              for name in ("python_stdlib.zip", "pyodide-lock.json")])))
    return htmlpage.splice(html, edits)


def convert(site_dir, pyodide_dir=PYODIDE_DIR):
    """Turn the built site ``site_dir`` into the Pyodide variant; return the pages changed."""
    for name in FILES:
        target = os.path.join(site_dir, runtime.VENDOR, VENDOR, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(os.path.join(pyodide_dir, name), target)
    for name in runtime.python_files():
        shutil.copyfile(os.path.join(runtime.PACKAGE_DIR, name), os.path.join(site_dir, runtime.PY, "calculators", name))
    found = custom.in_use()
    if found:  # as written: only MicroPython takes the build's checked form as it is; CPython checks the file
        shutil.copyfile(found, os.path.join(site_dir, runtime.PY, "calculators", custom.FILE_NAME))
    changed = [relative for _, relative in postbuild.rewrite_pages(site_dir, lambda html, _: rewrite_page(html))]
    postbuild.run(postbuild.from_config(site_dir, ""), ["offline", "compress"])
    return changed


def build(dest):
    """Build the Pyodide variant of the site into ``dest`` (replaced); return ``dest``."""
    dev.ensure()  # the venv and the site's own runtime, as for any build
    ensure_pyodide()
    if os.path.isdir(dest):
        shutil.rmtree(dest)
    dev.build(site_dir=os.path.abspath(dest))
    convert(dest)
    return dest


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0].startswith("-"):
        sys.exit("usage: python3 benchmarks/pyodide_site.py DEST")
    print("Built the Pyodide variant into %s" % build(args[0]))


if __name__ == "__main__":
    try:
        main()
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode or 1)
