/* The playbook's search: a button in the header that opens a dialog of results from Pagefind's index.
 *
 * The index is Pagefind's, written over the finished site (scripts/search.py): one per language,
 * chosen by the page's <html lang>, so a reader finds pages of the language being read.  The dialog is
 * our own small list over Pagefind's JavaScript API (pagefind/pagefind.js), not its prebuilt interface
 * (about 215 KB of script and style that the first query would fetch).  Nothing of the search is fetched
 * until the reader is about to search: the button's focus or press loads pagefind.js, which fetches its
 * WebAssembly and the language's index metadata; a query fetches only the index chunks and excerpts it
 * needs.  Once the first query's results are drawn, the rest of the language's index chunks (listed by the build
 * in pagefind/chunks.json) are fetched when the browser is idle, while the dialog stays open and unless
 * the reader asked to save data, so the next query does not wait for the network.
 *
 * Open with the button, "/" or Ctrl+K (⌘K); the dialog takes the cursor, arrows move through the
 * results, Enter opens one, Esc closes it and gives the focus back.  "?q=WORDS" in the address opens
 * it with that query (the 404 pages link to "?q=").
 *
 * Excerpts: Pagefind escapes the page's text ("<" as "&lt;") and wraps the matched words in <mark>;
 * they are rebuilt here as text nodes and <mark> elements, never parsed as markup.
 */
(function () {
  "use strict";
  var button = document.querySelector("button[data-role=search]");
  var header = document.querySelector(".md-header__inner");
  var catalog = document.getElementById("clienting-strings");
  if (!button || !header || !catalog || !window.HTMLDialogElement) return;
  var texts = JSON.parse(catalog.textContent).search;
  if (!texts) return;
  header.insertBefore(button, header.querySelector(".md-header__source"));
  button.hidden = false;

  var bundle = new URL(button.getAttribute("data-bundle"), location.href).href;
  var root = new URL(button.getAttribute("data-root"), location.href).pathname;
  var lang = (document.documentElement.getAttribute("lang") || "").toLowerCase();
  var DEBOUNCE_MS = 60;  // a query runs once typing pauses this long
  // Results whose excerpts are fetched together: the first few are shown at once, the rest follow.
  var FIRST = 3, BATCH = 5;
  var loading = null;
  var dialog = null, input, summary, list;
  var current = 0;  // the latest query's number: older ones stop drawing
  var warmed = false;

  // Pagefind's API, once per page; after a failure (offline with no copy yet) the next attempt retries.
  function load() {
    if (loading) return loading;
    loading = import(bundle + "pagefind.js").then(function (pagefind) {
      return pagefind.options({ baseUrl: root }).then(function () { return pagefind.init(); })
        .then(function () { return pagefind; });
    });
    loading.catch(function () { loading = null; });
    return loading;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function fill(template, value) {
    return template.replace("%1", value);
  }

  // Pagefind's excerpt: escaped text with <mark>…</mark> around matched words.
  var ENTITIES = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": "\"", "&#39;": "'", "&#x27;": "'" };
  function unescape(text) {
    return text.replace(/&(?:lt|gt|amp|quot|#39|#x27);/g, function (found) { return ENTITIES[found]; });
  }
  function excerpt(html) {
    var node = element("span", "clc-search__excerpt");
    html.split(/(<mark>|<\/mark>)/).reduce(function (marked, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      if (part) node.appendChild(marked ? element("mark", "", unescape(part)) : document.createTextNode(unescape(part)));
      return marked;
    }, false);
    return node;
  }

  function item(data) {
    var li = element("li");
    var link = element("a");
    link.href = data.url;
    link.appendChild(element("span", "clc-search__title", (data.meta && data.meta.title) || data.url));
    link.appendChild(excerpt(data.excerpt || ""));
    li.appendChild(link);
    return li;
  }

  // The rest of the language's index, fetched while the browser is idle, once, with the dialog open.
  function warm() {
    var connection = navigator.connection;
    if (warmed || (connection && connection.saveData)) return;
    warmed = true;
    var idle = window.requestIdleCallback || function (callback) { return setTimeout(callback, 200); };
    fetch(bundle + "chunks.json").then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (chunks) {
      var queue = (chunks[lang] || []).slice();
      function next() {
        if (!queue.length || !dialog || !dialog.open) {
          if (queue.length) warmed = false;  // closed before the end: the rest on the next opening
          return;
        }
        fetch(bundle + queue.shift()).then(function () { idle(next); }, function () { warmed = false; });
      }
      idle(next);
    }).catch(function () { warmed = false; });
  }

  function show(term) {
    var number = ++current;
    term = term.trim();
    if (!term) {
      list.textContent = "";
      summary.textContent = "";
      return;
    }
    load().then(function (pagefind) {
      return pagefind.debouncedSearch(term, {}, DEBOUNCE_MS);
    }).then(function (found) {
      if (!found || number !== current) return;  // a later query took over
      var results = found.results;
      var batches = [];
      batches.push(results.slice(0, FIRST));
      for (var i = FIRST; i < results.length; i += BATCH) batches.push(results.slice(i, i + BATCH));
      var first = true;
      function draw() {
        var batch = batches.shift();
        if (!batch) {
          warm();  // every result drawn: the rest of the index next
          return null;
        }
        return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
          if (number !== current) return null;
          var fragment = document.createDocumentFragment();
          pages.forEach(function (data) { fragment.appendChild(item(data)); });
          if (first) {
            // A reader among the older results goes back to the field, not to the page behind.
            if (list.contains(document.activeElement)) input.focus();
            list.textContent = "";
            summary.textContent = results.length ? fill(texts.found, results.length) : fill(texts.none, term);
            first = false;
          }
          list.appendChild(fragment);
          return draw();
        });
      }
      if (!results.length) {
        list.textContent = "";
        summary.textContent = fill(texts.none, term);
        warm();
        return null;
      }
      return draw();
    }).catch(function () {
      if (number === current) summary.textContent = texts.failed;
    });
  }

  // Arrows from the field to the results and between them; Enter follows the focused link; Esc closes
  // at once (in a search field the browser's own Esc would first empty the field).
  function move(event) {
    if (event.key === "Escape") {
      event.preventDefault();
      shut();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    var step = event.key === "ArrowDown" ? 1 : -1;
    if (at === -1 && document.activeElement !== input) return;
    event.preventDefault();
    var to = at + step;
    if (at === -1) to = step > 0 ? 0 : links.length - 1;
    if (to < 0 || to >= links.length) input.focus();
    else links[to].focus();
  }

  function build() {
    dialog = element("dialog", "clc-search");
    dialog.setAttribute("data-role", "search-dialog");
    dialog.setAttribute("aria-label", texts.label);
    var bar = element("div", "clc-search__bar");
    input = element("input", "clc-search__input");
    input.type = "search";
    input.id = "clc-search-input";
    input.placeholder = texts.placeholder;
    input.setAttribute("aria-label", texts.label);
    input.setAttribute("aria-controls", "clc-search-results");
    input.setAttribute("autocomplete", "off");
    input.setAttribute("spellcheck", "false");
    var close = element("button", "clc-search__close", texts.close);
    close.type = "button";
    close.addEventListener("click", shut);
    bar.appendChild(input);
    bar.appendChild(close);
    summary = element("p", "clc-search__summary");
    summary.setAttribute("role", "status");
    summary.setAttribute("data-role", "search-summary");
    list = element("ol", "clc-search__results");
    list.id = "clc-search-results";
    list.setAttribute("aria-label", texts.results);
    dialog.appendChild(bar);
    dialog.appendChild(summary);
    dialog.appendChild(list);
    input.addEventListener("input", function () { show(input.value); });
    dialog.addEventListener("keydown", move);
    // A press on the backdrop (outside the dialog's box) closes it.
    dialog.addEventListener("click", function (event) { if (event.target === dialog) shut(); });
    // Closed otherwise (the browser's own ways): the same, a task later.
    dialog.addEventListener("close", function () {
      button.setAttribute("aria-expanded", "false");
      button.focus();
    });
    document.body.appendChild(dialog);
  }

  // The button says "collapsed" before the dialog closes: closing a modal dialog gives the focus back to
  // the button at once, and its "close" event comes a task later.
  function shut() {
    button.setAttribute("aria-expanded", "false");
    dialog.close();
  }

  function open(query) {
    if (!dialog) build();
    if (!dialog.open) dialog.showModal();
    button.setAttribute("aria-expanded", "true");
    input.focus();
    if (query) input.value = query;
    if (input.value) show(input.value);
    load().catch(function () { summary.textContent = texts.failed; });
  }

  function prepare() { load().catch(function () {}); }
  button.setAttribute("aria-expanded", "false");
  button.addEventListener("focus", prepare);
  button.addEventListener("pointerdown", prepare);
  button.addEventListener("click", function () { open(); });

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }
  document.addEventListener("keydown", function (event) {
    var shortcut = (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target)) ||
      ((event.ctrlKey || event.metaKey) && !event.altKey && (event.key === "k" || event.key === "K"));
    if (!shortcut || event.defaultPrevented || document.querySelector("dialog[open]")) return;
    event.preventDefault();
    open();
  });

  var asked = new URLSearchParams(location.search);
  if (asked.has("q")) open(asked.get("q"));
})();
