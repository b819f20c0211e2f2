/* The playbook's offline copy: a service worker written into the built site by scripts/offline.py.
 *
 * It sits at the site's root, so its scope is the whole site, under any sub-path.  On install it
 * caches every file of this version (pages, the runtime, the calculators' modules, CSS, scripts and
 * the search indexes) and serves them from the cache, so the site keeps working when the network
 * drops.  A new deployment changes VERSION, so the browser installs the new worker beside this one;
 * the new one waits until the reader accepts the update the page offers (assets/offline.js), and
 * never reloads a page by itself.
 */
"use strict";

var VERSION = "__VERSION__";
var FILES = __FILES__;
var BASE = new URL("./", self.location.href).href;
var PREFIX = "clienting " + BASE + " ";
var CACHE = PREFIX + VERSION;

// The cache key of a URL: no query or fragment, ".../index.html" as ".../".
function key(url) {
  var parsed = new URL(url);
  parsed.search = "";
  parsed.hash = "";
  var text = parsed.href;
  return /\/index\.html$/.test(text) ? text.slice(0, -"index.html".length) : text;
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(FILES.map(function (path) {
      var url = new URL(path, BASE).href;
      return fetch(url, { cache: "no-cache", credentials: "same-origin" }).then(function (response) {
        if (!response.ok || response.redirected) throw new Error("offline copy: " + url + " " + response.status);
        return cache.put(key(url), response);
      });
    }));
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("message", function (event) {
  if (event.data === "clienting:update") self.skipWaiting();
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(BASE) !== 0) return;
  event.respondWith(caches.open(CACHE).then(function (cache) {
    return cache.match(key(request.url)).then(function (hit) {
      if (hit) {
        if (hit.url === request.url) return hit;
        // A copy without the cached URL: a worker started with "?worker=…" must still see its query.
        return new Response(hit.body, { status: hit.status, statusText: hit.statusText, headers: hit.headers });
      }
      var path = new URL(request.url).pathname;
      if (request.mode === "navigate" && !/\/$/.test(path) && !/\.[a-z0-9]+$/i.test(path)) {
        // ".../chapters/x" -> ".../chapters/x/", as the server would redirect.
        var folder = new URL(request.url);
        folder.pathname += "/";
        return cache.match(key(folder.href)).then(function (page) {
          return page ? Response.redirect(folder.href, 301) : fetch(request);
        });
      }
      return fetch(request).catch(function (error) {
        if (request.mode !== "navigate") throw error;
        return cache.match(key(new URL("404.html", BASE).href)).then(function (page) {
          if (page) return page;
          throw error;
        });
      });
    });
  }));
});
