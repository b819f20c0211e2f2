/* Offline copy of the site: registers the service worker (sw.js, written by the build at the site's
 * root) and offers a new version when one is deployed, never reloading by itself.
 *
 * The copy waits for the page: it starts once every calculator on the page is live (on pages without
 * one, after the load event) and the browser is idle, so it never competes with the page the reader
 * opened.  It holds the language the reader reads (a page in the other language switches it), and is
 * not made at all when the reader asked to save data (navigator.connection.saveData).  Offline, the
 * language menu says plainly that the other language is not stored instead of opening an error.
 *
 * Service workers exist only in secure contexts (HTTPS, localhost): a page opened over plain HTTP
 * from a laptop's address on a local network simply goes without one, and everything else works.
 * <html data-offline> says what happened: "unavailable" (no service worker here), "pending" (waiting
 * for the page to be live and the browser idle), "skipped" (the reader saves data), "registered",
 * "ready" (this page is served by the offline copy), "failed"; <html data-offline-language> the
 * language of the finished copy.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  if (!window.isSecureContext || !("serviceWorker" in navigator)) {
    root.setAttribute("data-offline", "unavailable");
    return;
  }
  var script = document.currentScript;
  var site = new URL("../", script.src);  // this file is assets/offline.js
  // The strings in the page's language, from its catalog, as the build rendered them (overrides/main.html).
  var strings = document.getElementById("clienting-strings");
  if (!strings) return;
  strings = JSON.parse(strings.textContent);
  var lang = strings.lang;
  var texts = strings.offline;
  var accepted = false;

  function button(text, primary) {
    var element = document.createElement("button");
    element.type = "button";
    element.textContent = text;
    var style = element.style;
    style.font = "inherit";
    style.padding = "0.4em 0.9em";
    style.borderRadius = "0.2rem";
    style.cursor = "pointer";
    style.border = "1px solid currentColor";
    style.background = primary ? "#fff" : "transparent";
    style.color = primary ? "var(--md-primary-fg-color--dark, #00695c)" : "#fff";
    style.fontWeight = primary ? "700" : "400";
    return element;
  }

  // A small banner at the bottom, announced politely; hidden when printing.
  function banner(role, message, buttons) {
    var old = document.querySelector("[data-role=" + role + "]");
    if (old) old.remove();
    var element = document.createElement("div");
    element.setAttribute("data-role", role);
    element.setAttribute("role", "status");
    element.setAttribute("aria-live", "polite");
    var style = element.style;
    style.position = "fixed";
    style.left = "1rem";
    style.right = "1rem";
    style.bottom = "1rem";
    style.margin = "0 auto";
    style.width = "max-content";
    style.maxWidth = "calc(100% - 2rem)";
    style.zIndex = "5";
    style.padding = "0.6rem 0.8rem";
    style.borderRadius = "0.3rem";
    style.boxShadow = "0 0.2rem 0.8rem rgba(0, 0, 0, 0.35)";
    style.background = "var(--md-primary-fg-color--dark, #00695c)";  // opaque in both schemes
    style.color = "#fff";
    style.gap = "0.5em";
    style.fontSize = "0.8rem";
    style.display = "flex";
    style.flexWrap = "wrap";
    style.alignItems = "center";
    var text = document.createElement("span");
    text.textContent = message;
    element.appendChild(text);
    buttons.forEach(function (item) { element.appendChild(item); });
    document.body.appendChild(element);
    // Not part of a printed handout.
    window.addEventListener("beforeprint", function () { element.style.display = "none"; });
    window.addEventListener("afterprint", function () { element.style.display = "flex"; });
    return element;
  }

  // The reader decides when the page reloads.  The banner stands for whichever version waits when
  // "Reload" is pressed: a later deployment installed meanwhile replaces the one first offered.
  function offer(registration) {
    if (document.querySelector("[data-role=update]")) return;
    var reload = button(texts.reload, true);
    reload.setAttribute("data-role", "update-reload");
    var later = button(texts.later, false);
    var element = banner("update", texts.message, [reload, later]);
    reload.addEventListener("click", function () {
      accepted = true;
      reload.disabled = true;
      var waiting = registration.waiting;
      if (waiting) {
        waiting.postMessage("clienting:update");  // the page reloads once the new version takes over
      } else {
        reloadOnce();  // already accepted in another tab: the new version is in charge, just reload
      }
    });
    later.addEventListener("click", function () { element.remove(); });
  }

  function watch(registration) {
    if (registration.waiting && navigator.serviceWorker.controller) offer(registration);
    registration.addEventListener("updatefound", function () {
      var worker = registration.installing;
      if (!worker) return;
      worker.addEventListener("statechange", function () {
        if (worker.state === "installed" && navigator.serviceWorker.controller) offer(registration);
      });
    });
  }

  // Tell the worker which language this page is in: the copy follows the reader's language.
  function follow() {
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.active) registration.active.postMessage({ type: "clienting:language", lang: lang });
    });
  }

  navigator.serviceWorker.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type === "clienting:copy") root.setAttribute("data-offline-language", data.lang);
  });
  navigator.serviceWorker.startMessages();

  var reloading = false;

  function reloadOnce() {
    if (reloading) return;
    reloading = true;
    window.location.reload();
  }

  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (accepted) {
      reloadOnce();
    } else {
      root.setAttribute("data-offline", "ready");  // the first visit: now served by the offline copy
      follow();
    }
  });

  function register() {
    var scope = site.href;
    navigator.serviceWorker.getRegistration(scope).then(function (existing) {
      // Once registered, the same worker address always: another one would be a new worker.
      if (existing && existing.scope === scope) return existing;
      return navigator.serviceWorker.register(new URL("sw.js?lang=" + lang, site).href, { scope: scope });
    }).then(function (registration) {
      if (!registration) {  // registration refused by the browser's settings
        root.setAttribute("data-offline", "unavailable");
        return;
      }
      root.setAttribute("data-offline", navigator.serviceWorker.controller ? "ready" : "registered");
      watch(registration);
      if (navigator.serviceWorker.controller) follow();
      // A workshop lasts hours: look for a new version now and then (the browser also does on each visit).
      window.setInterval(function () { registration.update().catch(function () {}); }, 30 * 60 * 1000);
    }).catch(function (error) {
      root.setAttribute("data-offline", "failed");
      console.warn("offline copy unavailable: " + error);
    });
  }

  // After the page: every calculator live (or given up on), the load event, then an idle moment.
  function settled() {
    var roots = document.querySelectorAll("[data-calculator]");
    for (var i = 0; i < roots.length; i++) {
      var state = roots[i].getAttribute("data-state");
      if (state !== "live" && state !== "failed") return false;
    }
    return document.readyState === "complete";
  }

  function whenSettled(callback) {
    if (settled()) return callback();
    var done = false;
    function check() {
      if (done || !settled()) return;
      done = true;
      observer.disconnect();
      callback();
    }
    var observer = new MutationObserver(check);
    observer.observe(root, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
    window.addEventListener("load", check);
  }

  function whenIdle(callback) {
    if ("requestIdleCallback" in window) {
      window.requestIdleCallback(callback, { timeout: 10000 });
    } else {
      window.setTimeout(callback, 1000);
    }
  }

  if (navigator.connection && navigator.connection.saveData) {
    root.setAttribute("data-offline", "skipped");  // the reader asked to save data: no copy is made
  } else {
    root.setAttribute("data-offline", "pending");
    whenSettled(function () { whenIdle(register); });
  }

  // The language menu, offline: a language that is not in the copy cannot open; say so instead of
  // leaving the reader on an error page.
  function stored(url) {
    var clean = new URL(url);
    clean.search = "";
    clean.hash = "";
    var text = clean.href.replace(/\/index\.html$/, "/");
    return window.caches ? window.caches.match(text) : Promise.resolve(undefined);
  }

  function notStored(link) {
    var name = (link.textContent || link.getAttribute("hreflang") || "").trim();
    var close = button(texts.close, true);
    var element = banner("offline-language", texts.missing.replace("%s", name), [close]);
    close.addEventListener("click", function () { element.remove(); });
    close.focus();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[hreflang]") : null;
    if (!link || !navigator.serviceWorker.controller || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if ((link.getAttribute("hreflang") || "").slice(0, 2) === lang || link.origin !== window.location.origin) return;
    event.preventDefault();
    var target = link.href;
    stored(target).then(function (hit) {
      if (hit) return true;
      if (!navigator.onLine) return false;
      // Not in the copy: open it if the network answers (a laptop that left the room's network).
      return fetch(target, { method: "HEAD", cache: "no-store" }).then(function () { return true; }, function () {
        return false;
      });
    }).then(function (reachable) {
      if (reachable) {
        window.location.href = target;
      } else {
        notStored(link);
      }
    });
  }, true);
})();
