/* Calculators before the Python runtime is up.
 * The build renders every calculator with its default scenario computed (data-state="static").
 * This script only says what is happening until calculators/web.py takes over (data-state="live"):
 * "starting" while the runtime loads, "stale" outputs if a field is edited meanwhile, and "failed"
 * if the runtime has not started within 20 s.  The texts come from the calculator's data-msg-*.
 * It also lends the live page a storage that never throws (window.clientingStorage).
 */
(function () {
  "use strict";
  var TIMEOUT_MS = 20000;
  var roots = Array.prototype.slice.call(document.querySelectorAll("[data-calculator]"));

  function say(root, message) {
    var status = root.querySelector("[data-role=status]");
    if (status && message) status.textContent = message;
  }

  function fail(root) {
    if (root.getAttribute("data-state") === "live") return;
    root.setAttribute("data-state", "failed");
    say(root, root.getAttribute("data-msg-failed"));
  }

  roots.forEach(function (root) {
    if (root.getAttribute("data-state") !== "static") return;
    root.setAttribute("data-state", "starting");
    say(root, root.getAttribute("data-msg-starting"));
    root.addEventListener("input", function () {
      if (root.getAttribute("data-state") === "live") return;
      root.classList.add("clc--stale");
      say(root, root.getAttribute("data-msg-stale"));
    });
    var form = root.querySelector("form");
    if (form) form.addEventListener("submit", function (event) { event.preventDefault(); });
  });

  // Where the live page keeps a calculator's pinned scenario A (calculators/web.py).  Storage may be
  // switched off, blocked (then merely reading window.localStorage throws) or full: each call here
  // answers null or false instead of throwing, because an exception thrown by JavaScript would stop
  // the page's Python altogether rather than reach its try/except.
  window.clientingStorage = {
    get: function (key) {
      try { return window.localStorage.getItem(key); } catch (error) { return null; }
    },
    set: function (key, value) {
      try { window.localStorage.setItem(key, value); return true; } catch (error) { return false; }
    },
    remove: function (key) {
      try { window.localStorage.removeItem(key); return true; } catch (error) { return false; }
    }
  };

  if (roots.length) {
    window.setTimeout(function () { roots.forEach(fail); }, TIMEOUT_MS);
    window.addEventListener("clienting:failed", function () { roots.forEach(fail); });
  }
})();
