/* The playbook's offline copy: a service worker written into the built site by scripts/offline.py.
 *
 * It sits at the site's root, so its scope is the whole site, under any sub-path.  The copy holds one
 * language: the files every page shares (styles, scripts, the runtime, the calculators' modules) and
 * the reader's language (its pages and search files).  On install it caches them (the language of
 * the copy the reader already has, else the one the page asked for: "sw.js?lang=ru"), and serves
 * them from the cache, so the site keeps working when the network drops.  When the reader reads in
 * the other language, the page says so ({type: "clienting:language"}) and the copy changes language:
 * the shared files are copied over, only the other language's files are downloaded.
 *
 * A new deployment changes VERSION, so the browser installs the new worker beside this one; the new
 * one waits until the reader accepts the update the page offers (assets/offline.js), and never
 * reloads a page by itself.
 *
 * The page holding the whole playbook for print (and each handout pack) is stored when first opened,
 * the QR code's module when first used, not up front.
 *
 * Text files (PACKED: pages, styles, scripts, the search texts, the interpreter's WebAssembly) are kept
 * compressed with the browser's own gzip (CompressionStream) and decoded when a page asks for them:
 * the copy takes on the device about what it cost to download.  A browser without those streams keeps
 * the files as they are.
 *
 * Caches are named "clienting <site> <version> <language>"; a finished copy holds the COMPLETE entry.
 */
"use strict";

var VERSION = "__VERSION__";
var FILES = __FILES__;  // {"": shared, "<language>": its own files}, addresses relative to the site
var LATER = __LATER__;  // {"<language>": pages stored when first opened (the whole playbook for print)}
var DEFAULT = "__DEFAULT__";
var PACKED = __PACKED__;  // addresses of text files, kept compressed
var CAN_PACK = typeof CompressionStream === "function" && typeof DecompressionStream === "function";
var PACKED_HEADER = "X-Clienting-Kept";
var BASE = new URL("./", self.location.href).href;
var PREFIX = "clienting " + BASE + " ";
var CURRENT = PREFIX + VERSION + " ";
var COMPLETE = new URL("clienting-offline-copy-complete", BASE).href;

// The cache key of a URL: no query or fragment, ".../index.html" as ".../".
function key(url) {
  var parsed = new URL(url);
  parsed.search = "";
  parsed.hash = "";
  var text = parsed.href;
  return /\/index\.html$/.test(text) ? text.slice(0, -"index.html".length) : text;
}

function known(lang) {
  return !!lang && Object.prototype.hasOwnProperty.call(FILES, lang);
}

// This site's caches: [{name, lang, current (this version), complete}].
function copies() {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name.indexOf(PREFIX) === 0; }).map(function (name) {
      return caches.open(name).then(function (cache) { return cache.match(COMPLETE); }).then(function (done) {
        return { name: name, lang: name.slice(name.lastIndexOf(" ") + 1), complete: !!done,
                 current: name.indexOf(CURRENT) === 0 };
      });
    }));
  });
}

function download(cache, url) {
  return fetch(url, { cache: "no-cache", credentials: "same-origin" }).then(function (response) {
    if (!response.ok || response.redirected) throw new Error("offline copy: " + url + " " + response.status);
    return cache.put(key(url), response);
  });
}

// A text file kept compressed (gzip, by the browser's own CompressionStream) and marked so; decoded
// again when a page asks for it (unpack).  The server's answer arrives decoded, whatever it sent.
function downloadPacked(cache, url) {
  return fetch(url, { cache: "no-cache", credentials: "same-origin" }).then(function (response) {
    if (!response.ok || response.redirected) throw new Error("offline copy: " + url + " " + response.status);
    var headers = new Headers(response.headers);
    headers.set(PACKED_HEADER, "gzip");
    headers.delete("Content-Length");
    headers.delete("Content-Encoding");
    return cache.put(key(url), new Response(response.body.pipeThrough(new CompressionStream("gzip")),
                                            { status: 200, statusText: "OK", headers: headers }));
  });
}

// What a page gets for a kept response: a packed one decoded on the way.
function unpack(response) {
  if (!response || response.headers.get(PACKED_HEADER) !== "gzip") return response;
  var headers = new Headers(response.headers);
  headers.delete(PACKED_HEADER);
  return new Response(response.body.pipeThrough(new DecompressionStream("gzip")),
                      { status: 200, statusText: "OK", headers: headers });
}

// Fill this version's copy in `lang`; `reuse`: a finished copy of this version to take the shared files
// from.  What an interrupted fill already stored is kept.  Resolves with the cache's name.
function fill(lang, reuse) {
  var name = CURRENT + lang;
  var packed = {};
  PACKED.forEach(function (path) { packed[new URL(path, BASE).href] = true; });
  return caches.open(name).then(function (cache) {
    var urls = FILES[""].concat(FILES[lang]).map(function (path) { return new URL(path, BASE).href; });
    return Promise.all(urls.map(function (url) {
      return cache.match(key(url)).then(function (stored) {
        if (stored) return null;
        return (reuse ? reuse.match(key(url)) : Promise.resolve(undefined)).then(function (copy) {
          if (copy) return cache.put(key(url), copy);
          return CAN_PACK && packed[url] ? downloadPacked(cache, url) : download(cache, url);
        });
      });
    })).then(function () {
      return cache.put(COMPLETE, new Response(lang));
    }).then(function () { return name; });
  });
}

function removeExcept(found, keep) {
  return Promise.all(found.filter(function (copy) { return copy.name !== keep; }).map(function (copy) {
    return caches.delete(copy.name);
  }));
}

self.addEventListener("install", function (event) {
  var asked = new URL(self.location.href).searchParams.get("lang");
  event.waitUntil(copies().then(function (found) {
    var finished = found.filter(function (copy) { return copy.complete && known(copy.lang); });
    var mine = finished.filter(function (copy) { return copy.current; });
    // An update keeps the language of the reader's copy; a first visit takes the page's.
    var lang = finished.length ? (mine[0] || finished[0]).lang : (known(asked) && asked) || DEFAULT;
    var same = mine.filter(function (copy) { return copy.lang === lang; });
    if (same.length) return null;
    return (mine.length ? caches.open(mine[0].name) : Promise.resolve(null)).then(function (reuse) {
      return fill(lang, reuse);
    });
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(copies().then(function (found) {
    return Promise.all(found.filter(function (copy) { return !copy.current; }).map(function (copy) {
      return caches.delete(copy.name);
    }));
  }).then(function () { return self.clients.claim(); }));
});

// One change of language at a time; resolves with the copy's language (or null if it failed).
var switching = Promise.resolve(null);

function switchTo(lang) {
  switching = switching.then(function () {
    return copies().then(function (found) {
      var mine = found.filter(function (copy) { return copy.current; });
      var done = mine.filter(function (copy) { return copy.complete && copy.lang === lang; })[0];
      if (done) return removeExcept(mine, done.name);
      var source = mine.filter(function (copy) { return copy.complete; })[0];
      return (source ? caches.open(source.name) : Promise.resolve(null)).then(function (reuse) {
        return fill(lang, reuse);
      }).then(function (name) { return removeExcept(mine, name); });
    }).then(function () { return lang; });
  }).catch(function (error) {
    console.warn("offline copy: language not changed: " + error);  // the copy in place stays
    return null;
  });
  return switching;
}

self.addEventListener("message", function (event) {
  var data = event.data;
  if (data === "clienting:update") {
    self.skipWaiting();
  } else if (data && data.type === "clienting:language" && known(data.lang)) {
    event.waitUntil(switchTo(data.lang).then(function (lang) {
      if (lang && event.source) event.source.postMessage({ type: "clienting:copy", lang: lang, version: VERSION });
    }));
  }
});

// The stored response for a key, from any copy of this version, decoded if it was kept packed.
function lookup(url) {
  return find(url).then(unpack);
}

function find(url) {
  if (url === COMPLETE) return Promise.resolve(undefined);
  return caches.keys().then(function (names) {
    names = names.filter(function (name) { return name.indexOf(CURRENT) === 0; });
    function next(i) {
      if (i >= names.length) return undefined;
      return caches.open(names[i]).then(function (cache) { return cache.match(url); }).then(function (hit) {
        return hit || next(i + 1);
      });
    }
    return next(0);
  });
}

// A page of LATER just fetched: into the finished copy of its language, if that is the copy's.
function later(url) {
  return Object.keys(LATER).some(function (lang) {
    return LATER[lang].some(function (path) { return key(new URL(path, BASE).href) === url; });
  });
}

function keep(url, response) {
  return copies().then(function (found) {
    var mine = found.filter(function (copy) { return copy.current && copy.complete; })[0];
    if (!mine || !(LATER[mine.lang] || []).some(function (path) { return key(new URL(path, BASE).href) === url; })) {
      return null;
    }
    return caches.open(mine.name).then(function (cache) { return cache.put(url, response); });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(BASE) !== 0) return;
  if (request.url.split("?")[0] === BASE + "room.json") {
    // The room server's address (scripts/room.py): never kept; with no network there is no room, said
    // as the plain server says it (204), not as a failed request.
    event.respondWith(fetch(request).catch(function () {
      return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
    }));
    return;
  }
  event.respondWith(lookup(key(request.url)).then(function (hit) {
    if (hit) {
      if (hit.url === request.url) return hit;
      // Stored without the query the request has (Pagefind asks for "pagefind-entry.json?ts=…").
      return new Response(hit.body, { status: hit.status, statusText: hit.statusText, headers: hit.headers });
    }
    var path = new URL(request.url).pathname;
    if (request.mode === "navigate" && !/\/$/.test(path) && !/\.[a-z0-9]+$/i.test(path)) {
      // ".../chapters/x" -> ".../chapters/x/", as the server would redirect.
      var folder = new URL(request.url);
      folder.pathname += "/";
      return find(key(folder.href)).then(function (page) {
        return page ? Response.redirect(folder.href, 301) : network(event, request);
      });
    }
    return network(event, request);
  }));
});

// A request the copy cannot answer: the network's answer, and offline, for a page, the copy's own
// "page not found".
function network(event, request) {
  return fetch(request).then(function (response) {
    var url = key(request.url);
    if (response.ok && !response.redirected && later(url)) event.waitUntil(keep(url, response.clone()));
    return response;
  }, function (error) {
    if (request.mode !== "navigate") throw error;
    // The copy's own "page not found": the default language's, or another language's in its folder.
    return lookup(key(new URL("404.html", BASE).href)).then(function (page) {
      return page || Promise.all(Object.keys(FILES).filter(Boolean).map(function (lang) {
        return lookup(key(new URL(lang + "/404.html", BASE).href));
      })).then(function (pages) { return pages.filter(Boolean)[0]; });
    }).then(function (page) {
      if (page) return page;
      throw error;
    });
  });
}
