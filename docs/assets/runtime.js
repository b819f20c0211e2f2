/* Starts the calculators' Python on a page that holds one: MicroPython's WebAssembly build, loaded
 * directly (no PyScript: its own start-up cost more than the calculators' whole start).
 *
 * The page names what to load in <script type="application/json" id="clienting-runtime">
 * (scripts/runtime.py): the interpreter, its WebAssembly, the module files (one bundle of the shared
 * modules, then each calculator's own), the Python to run, and the modules fetched on first use.
 * Every URL is relative to the page.  The files are asked for at once, while the interpreter
 * compiles (the page's <head> preloads them all), written into MicroPython's file system, and then
 * calculators/web.py binds the calculators (data-state="live").
 *
 * Performance marks (the benchmark's start-up breakdown): clienting:runtime-requested,
 * clienting:interpreter-ready, clienting:modules-fetched, then from Python
 * clienting:modules-imported, clienting:bound and clienting:live.
 * If anything fails, "clienting:failed" is dispatched: assets/calculators.js says so in each calculator,
 * which keeps its numbers computed at build time.
 */
performance.mark("clienting:runtime-requested");

const FOLDER = "calculators";

function address(path) {
  return new URL(path, document.baseURI).href;
}

function download(path) {
  return fetch(address(path)).then(function (response) {
    if (!response.ok) throw new Error(path + ": " + response.status);
    return response.arrayBuffer();
  });
}

// A bundle: a 32-bit little-endian length, a JSON index [[name, size], ...] of that length, the files.
function unpack(FS, buffer) {
  const size = new DataView(buffer).getUint32(0, true);
  const index = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, size)));
  let at = 4 + size;
  for (const [name, length] of index) {
    FS.writeFile(FOLDER + "/" + name, new Uint8Array(buffer, at, length));
    at += length;
  }
}

function store(FS, path, buffer) {
  if (/\.bundle$/.test(path)) {
    unpack(FS, buffer);
  } else {
    FS.writeFile(FOLDER + "/" + path.slice(path.lastIndexOf("/") + 1), new Uint8Array(buffer));
  }
}

function fail(error) {
  console.warn("calculators: could not start: " + error);
  window.dispatchEvent(new Event("clienting:failed"));
}

async function start() {
  const element = document.getElementById("clienting-runtime");
  if (!element) return;
  const config = JSON.parse(element.textContent);
  const files = Promise.all(config.files.map(function (path) {
    return download(path).then(function (buffer) { return [path, buffer]; });
  }));
  files.catch(function () {});  // reported below, once the interpreter is there
  const { loadMicroPython } = await import(address(config.interpreter));
  const python = await loadMicroPython({
    url: address(config.wasm), linebuffer: true, stdout: console.log, stderr: console.error
  });
  performance.mark("clienting:interpreter-ready");
  const FS = python.FS;
  FS.mkdir(FOLDER);
  for (const [path, buffer] of await files) store(FS, path, buffer);
  performance.mark("clienting:modules-fetched");
  // calculators/web.py asks for a lazy module (the QR code's) when it is first needed.
  window.clientingRuntime = {
    module: function (name) {
      const path = config.lazy[name];
      if (!path) return Promise.reject(new Error("no such module: " + name));
      return download(path).then(function (buffer) { store(FS, path, buffer); return true; });
    }
  };
  python.runPython(config.code);
}

start().catch(fail);
