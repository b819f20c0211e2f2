"""Run a snippet of Python in the MicroPython the site ships (WebAssembly, under Node) and in CPython.

For modules whose cases do not fit ``tests/test_micropython.py``'s runner: the snippet imports from
``calculators`` and prints one JSON line; :func:`run_both` returns both parsed results (or skips
when Node or the runtime is missing).
"""

import contextlib
import io
import json
import os
import shutil
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LOADER = os.path.join(ROOT, "node_modules", "@micropython", "micropython-webassembly-pyscript", "micropython.mjs")

SCRIPT = r"""
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
const loader = process.env.MPY_LOADER;
const packageDir = process.env.MPY_PACKAGE;
const code = fs.readFileSync(0, "utf8");
const { loadMicroPython } = await import(pathToFileURL(loader).href);
const lines = [];
const mp = await loadMicroPython({ heapsize: 64 * 1024 * 1024, stdout: (l) => lines.push(l),
                                   stderr: (l) => process.stderr.write(l + "\n") });
mp.FS.mkdir("/calculators");
for (const name of fs.readdirSync(packageDir)) {
  if (name.endsWith(".py")) mp.FS.writeFile("/calculators/" + name, fs.readFileSync(path.join(packageDir, name)));
}
mp.runPython(code);
process.stdout.write(lines.join("\n"));
"""


def run_micropython(code):
    if shutil.which("node") is None:
        pytest.skip("node is not installed: the MicroPython checks need Node 20+")
    if not os.path.exists(LOADER):
        pytest.skip("node_modules lacks the MicroPython runtime: run `npm ci`")
    env = dict(os.environ, MPY_LOADER=LOADER, MPY_PACKAGE=os.path.join(ROOT, "calculators"))
    done = subprocess.run(["node", "--input-type=module", "-e", SCRIPT], input=code, capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_cpython(code):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<snippet>", "exec"), {"__name__": "snippet"})
    return json.loads(out.getvalue().strip().splitlines()[-1])


def run_both(code):
    return run_cpython(code), run_micropython(code)
