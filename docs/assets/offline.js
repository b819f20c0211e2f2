/* Offline copy of the site: registers the service worker (sw.js, written by the build at the site's
 * root) and offers a new version when one is deployed, never reloading by itself.
 *
 * Service workers exist only in secure contexts (HTTPS, localhost): a page opened over plain HTTP
 * from a laptop's address on a local network simply goes without one, and everything else works.
 * <html data-offline> says what happened: "unavailable" (no service worker here), "registered",
 * "ready" (this page is served by the offline copy), "failed".
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
  var TEXTS = {
    ru: { message: "Новая версия практикума.", reload: "Обновить", later: "Позже" },
    en: { message: "A new version of the playbook.", reload: "Reload", later: "Later" }
  };
  var texts = TEXTS[(root.lang || "ru").slice(0, 2)] || TEXTS.ru;
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

  // A small banner at the bottom: the reader decides when the page reloads.
  function offer(worker) {
    if (document.querySelector("[data-role=update]")) return;
    var banner = document.createElement("div");
    banner.setAttribute("data-role", "update");
    banner.setAttribute("role", "status");
    banner.setAttribute("aria-live", "polite");
    var style = banner.style;
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
    text.textContent = texts.message;
    var reload = button(texts.reload, true);
    reload.setAttribute("data-role", "update-reload");
    var later = button(texts.later, false);
    reload.addEventListener("click", function () {
      accepted = true;
      reload.disabled = true;
      worker.postMessage("clienting:update");
    });
    later.addEventListener("click", function () { banner.remove(); });
    banner.appendChild(text);
    banner.appendChild(reload);
    banner.appendChild(later);
    document.body.appendChild(banner);
    // Not part of a printed handout.
    window.addEventListener("beforeprint", function () { banner.style.display = "none"; });
    window.addEventListener("afterprint", function () { banner.style.display = "flex"; });
  }

  function watch(registration) {
    if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
    registration.addEventListener("updatefound", function () {
      var worker = registration.installing;
      if (!worker) return;
      worker.addEventListener("statechange", function () {
        if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
      });
    });
  }

  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (accepted) {
      window.location.reload();
    } else {
      root.setAttribute("data-offline", "ready");  // the first visit: now served by the offline copy
    }
  });

  window.addEventListener("load", function () {
    navigator.serviceWorker.register(new URL("sw.js", site).href, { scope: site.href }).then(function (registration) {
      if (!registration) {  // registration refused by the browser's settings
        root.setAttribute("data-offline", "unavailable");
        return;
      }
      root.setAttribute("data-offline", navigator.serviceWorker.controller ? "ready" : "registered");
      watch(registration);
      // A workshop lasts hours: look for a new version now and then (the browser also does on each visit).
      window.setInterval(function () { registration.update().catch(function () {}); }, 30 * 60 * 1000);
    }).catch(function (error) {
      root.setAttribute("data-offline", "failed");
      console.warn("offline copy unavailable: " + error);
    });
  });
})();
