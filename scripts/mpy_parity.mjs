#!/usr/bin/env node
// Run calculator cases in MicroPython (the WebAssembly build the site ships) under Node, and print
// the results as JSON, for comparison with CPython (tests/test_micropython.py).
//
//   node scripts/mpy_parity.mjs cases.json > results.json
//   node scripts/mpy_parity.mjs < cases.json > results.json
//   node scripts/mpy_parity.mjs --modules DIR cases.json    (the package from DIR/*.mpy, as the site ships it)
//
// Cases are a JSON list, described in scripts/mpy_parity_runner.py, which runs them: this script
// copies calculators/*.py (or, with --modules, the compiled DIR/*.mpy) and that runner into
// MicroPython's file system as /calculators and /parity_runner.py, and calls it.
// Exit status: 0 done, 1 MicroPython failed, 2 bad input, 3 runtime not installed (`npm ci`).
// Diagnostics go to stderr; stdout holds only the JSON list of results, one per case.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const loader = path.join(root, "node_modules", "@micropython", "micropython-webassembly-pyscript",
  "micropython.mjs");

function fail(status, message) {
  process.stderr.write("mpy_parity: " + message + "\n");
  process.exit(status);
}

if (!fs.existsSync(loader)) {
  fail(3, "MicroPython runtime not found at " + loader + "; run `npm ci` first");
}

const args = process.argv.slice(2);
let modules = null;
const at = args.indexOf("--modules");
if (at >= 0) {
  modules = args[at + 1];
  if (!modules || !fs.existsSync(modules)) {
    fail(2, "--modules needs a directory of .mpy files");
  }
  args.splice(at, 2);
}
const source = args[0];
let text;
try {
  text = source && source !== "-" ? fs.readFileSync(source, "utf8") : fs.readFileSync(0, "utf8");
} catch (error) {
  fail(2, "cannot read cases: " + error.message);
}
let cases;
try {
  cases = JSON.parse(text);
} catch (error) {
  fail(2, "cases are not JSON: " + error.message);
}
if (!Array.isArray(cases)) {
  fail(2, "cases must be a JSON list");
}

const { loadMicroPython } = await import(pathToFileURL(loader).href);
const echo = (line) => process.stderr.write(line + "\n");
const mp = await loadMicroPython({ heapsize: 64 * 1024 * 1024, stdout: echo, stderr: echo });

mp.FS.mkdir("/calculators");
const packageDir = modules ? path.resolve(modules) : path.join(root, "calculators");
const suffix = modules ? ".mpy" : ".py";
let copied = 0;
for (const name of fs.readdirSync(packageDir).sort()) {
  if (name.endsWith(suffix)) {
    mp.FS.writeFile("/calculators/" + name, fs.readFileSync(path.join(packageDir, name)));
    copied += 1;
  }
}
if (copied === 0) {
  fail(2, "no " + suffix + " modules in " + packageDir);
}
mp.FS.writeFile("/parity_runner.py", fs.readFileSync(path.join(here, "mpy_parity_runner.py")));
mp.FS.writeFile("/cases.json", text);

try {
  mp.runPython([
    "import sys",
    "if '/' not in sys.path:",
    "    sys.path.insert(0, '/')",
    "import parity_runner",
    "parity_runner.main('/cases.json', '/results.json')",
  ].join("\n"));
} catch (error) {
  fail(1, "MicroPython raised: " + (error && error.message ? error.message : String(error)));
}

const results = mp.FS.readFile("/results.json", { encoding: "utf8" });
const parsed = JSON.parse(results);
if (parsed.length !== cases.length) {
  fail(1, "expected " + cases.length + " results, got " + parsed.length);
}
process.stdout.write(results + "\n");
