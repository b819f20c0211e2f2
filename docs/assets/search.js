/* The playbook's search: a button in the header that opens Pagefind's search dialog.
 *
 * The index is Pagefind's, written over the finished site (scripts/search.py): one per language,
 * chosen by the page's <html lang>, so a reader finds pages of the language being read.  Nothing of
 * it is fetched until the reader is about to search: the button's focus or press loads Pagefind's
 * Component UI (its script and style, from pagefind/), which then fetches its WebAssembly and the
 * language's index; a query fetches only the chunks and excerpts it needs.
 *
 * Open with the button, "/" or Ctrl+K (⌘K); the dialog takes the cursor, arrows move through the
 * results, Enter opens one, Esc closes it and gives the focus back.  "?q=WORDS" in the address opens
 * it with that query (the 404 pages link to "?q=").
 *
 * The button's markup (overrides/main.html) carries the bundle's address, the site's root (results
 * link under it, whatever path the site is served at) and the strings that replace Pagefind's own.
 */
(function () {
  "use strict";
  var button = document.querySelector("button[data-role=search]");
  var header = document.querySelector(".md-header__inner");
  if (!button || !header || !window.customElements) return;
  header.insertBefore(button, header.querySelector(".md-header__source"));
  button.hidden = false;

  var bundle = new URL(button.getAttribute("data-bundle"), location.href).href;
  var root = new URL(button.getAttribute("data-root"), location.href).pathname;
  var strings = {};
  try {
    strings = JSON.parse(button.getAttribute("data-strings") || "{}");
  } catch (error) { /* Pagefind's own strings */ }
  var loading = null;
  var DEBOUNCE_MS = 60;  // a query runs once typing pauses this long

  function add(tag, attributes) {
    var element = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { element.setAttribute(name, attributes[name]); });
    return element;
  }

  // The dialog, once Pagefind's UI is loaded (once per page; after a failure, e.g. offline with no
  // copy yet, the next attempt tries again).
  function load() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      document.head.appendChild(add("link", { rel: "stylesheet", href: bundle + "pagefind-component-ui.css" }));
      var script = add("script", { src: bundle + "pagefind-component-ui.js" });
      script.onload = resolve;
      script.onerror = function () {
        script.remove();
        reject(new Error("search: " + script.src));
      };
      document.head.appendChild(script);
    }).then(function () {
      var config = add("pagefind-config", { "bundle-path": bundle, "base-url": root, preload: "" });
      var modal = add("pagefind-modal", {});
      // Our strings before the dialog draws itself: it cannot take new ones once drawn (it would nest
      // a second dialog in the first).
      var instance = window.PagefindComponents.getInstanceManager().getInstance("default");
      if (Object.keys(strings).length) instance.setTranslations(strings);
      document.body.appendChild(config);
      document.body.appendChild(modal);
      // A shorter pause after a key press than Pagefind's 300 ms before a query runs.
      modal.querySelectorAll("pagefind-input").forEach(function (input) {
        input.setAttribute("debounce", String(DEBOUNCE_MS));
      });
      // The dialog's "close" does not bubble: caught on its way down.
      modal.addEventListener("close", function () { button.setAttribute("aria-expanded", "false"); }, true);
      return customElements.whenDefined("pagefind-modal").then(function () { return modal; });
    });
    loading.catch(function () { loading = null; });
    return loading;
  }

  function open(query) {
    return load().then(function (modal) {
      modal.open();
      button.setAttribute("aria-expanded", "true");
      if (query) {
        requestAnimationFrame(function () {
          var input = modal.querySelector("input");
          if (!input) return;
          input.value = query;
          input.dispatchEvent(new Event("input", { bubbles: true }));
        });
      }
      return modal;
    });
  }

  button.setAttribute("aria-expanded", "false");
  button.addEventListener("focus", function () { load().catch(function () {}); });
  button.addEventListener("pointerdown", function () { load().catch(function () {}); });
  button.addEventListener("click", function () { open().catch(function () {}); });

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }
  document.addEventListener("keydown", function (event) {
    var shortcut = (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target)) ||
      ((event.ctrlKey || event.metaKey) && !event.altKey && (event.key === "k" || event.key === "K"));
    if (!shortcut || event.defaultPrevented || document.querySelector("dialog[open]")) return;
    event.preventDefault();
    open().catch(function () {});
  });

  var asked = new URLSearchParams(location.search);
  if (asked.has("q")) open(asked.get("q")).catch(function () {});
})();
