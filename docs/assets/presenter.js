/* Presenter mode and the speaker view.
 *
 * Presenter mode (a button in the header, or Shift+P): the page on a projector, one section (h2) at a
 * time, large type, no navigation, no facilitator notes (.trainer).  A section holding calculators is
 * split into sub-slides: its text first, then one slide per calculator, laid out to fit the screen
 * (inputs, results and chart side by side; the tools and formulas stay on the page).  The counter
 * reads "3 / 8" for the third section's text and "3.1 / 8", "3.2 / 8" for its calculators; the address
 * is the section's id (#try-it) or the calculator's (#calc-bonus-uptake-1), and opening either shows
 * that slide.  Keys: → / ← a slide, PageDown / PageUp / Space (what clickers send) scroll a long
 * section first and then move on, Home / End the first / last slide, Esc leaves.  Past the last slide
 * it goes on to the next page.  The mode is kept in localStorage, so it stays on across pages and
 * reloads (without storage it lasts for the page).  Keys are ignored while typing in a field, and
 * with Ctrl, Alt or Cmd held.  A page prerendered for the next click is laid out in the mode already
 * but tells the speaker view nothing until it is shown.
 *
 * Speaker view (the page holding #speaker-screen): a second window that follows the presenter over a
 * BroadcastChannel (a storage event where there is none) and shows the current section's facilitator
 * notes (else the page's), what comes next, and a timer for the exercises.
 */
(function () {
  "use strict";

  var MODE_KEY = "clienting.presenter";
  var ENTRY_KEY = "clienting.presenter.entry";
  var STATE_KEY = "clienting.presenter.state";
  var COMMAND_KEY = "clienting.presenter.command";
  /* The programme being run, if any: {id, title, url, blocks: [{minutes, title, url|null}], index,
     startedAt, blockStartedAt} (times in ms since the epoch). */
  var PROGRAMME_KEY = "clienting.presenter.programme";
  var CHANNEL = "clienting-presenter";
  var DEFAULT_MINUTES = 10;

  /* The strings in the page's language, from its catalog (calculators/catalog_<lang>.py), as the build
     rendered them into the page (overrides/main.html): no page, no presenter. */
  var strings = document.getElementById("clienting-strings");
  if (!strings) return;
  strings = JSON.parse(strings.textContent);
  var lang = strings.lang;
  var T = strings.presenter;

  /* ---- Storage that may be missing (private windows, blocked cookies) ----------------------- */
  var memory = {};
  var store = {
    get: function (key) {
      try { return window.localStorage.getItem(key); } catch (e) { return memory[key] || null; }
    },
    set: function (key, value) {
      try { window.localStorage.setItem(key, value); } catch (e) { memory[key] = value; }
    },
    remove: function (key) {
      try { window.localStorage.removeItem(key); } catch (e) { delete memory[key]; }
    }
  };

  function channel() {
    try { return "BroadcastChannel" in window ? new window.BroadcastChannel(CHANNEL) : null; } catch (e) { return null; }
  }

  function typing(target) {
    if (!target || target === document.body) return false;
    if (target.isContentEditable) return true;
    var tag = target.tagName;
    return tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA";
  }

  function plainKey(event) {
    return !(event.ctrlKey || event.altKey || event.metaKey);
  }

  /* The site's root, from this script's own address: ".../assets/presenter.js". */
  var script = document.currentScript;
  var siteRoot = script ? script.src.replace(/assets\/presenter\.js(\?.*)?$/, "") : "/";

  var LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;
  var local = LOOPBACK.test(location.hostname);
  var roomLookup = null;

  printing();
  shareFromTheRoom();
  Array.prototype.forEach.call(document.querySelectorAll("[data-role=join]"), join);

  var speakerRoot = document.getElementById("speaker-screen");
  if (speakerRoot) {
    speaker(speakerRoot);
    return;
  }
  var article = document.querySelector("article.md-content__inner");
  if (article) presenter(article);

  /* ---- The room's address ----------------------------------------------------------------------
     On this computer's own loopback address, links and QR codes would point at 127.0.0.1, which no phone
     can open.  The room server (make room) answers room.json with the laptop's address on the room's
     network: it goes on <html data-room-url> (calculators/web.py builds links from it) and a
     "clienting:room" event on the document tells the calculators already live.  With no room server, the calculators'
     QR panels say so ([data-role=qr-warning]).  Asked once per page, only on a loopback address. */

  function shareFromTheRoom() {
    var lookup = local ? roomAddress() : null;
    if (!lookup) return;
    lookup.then(function (url) {
      if (url) {
        document.documentElement.setAttribute("data-room-url", url);
        document.dispatchEvent(new Event("clienting:room"));
      } else {
        Array.prototype.forEach.call(document.querySelectorAll("[data-role=qr-warning]"), function (warning) {
          warning.hidden = false;
        });
      }
    });
  }

  function roomAddress() {
    if (!roomLookup) {
      roomLookup = !local || !window.fetch || !window.Promise ? (window.Promise ? Promise.resolve(null) : null) :
        window.fetch(siteRoot + "room.json", { cache: "no-store", credentials: "same-origin" }).then(function (response) {
          return response.status === 200 ? response.json() : null;
        }).then(function (room) {
          return room && typeof room.url === "string" && /^https?:\/\/[^\s"<>]+\/$/.test(room.url) ? room.url : null;
        }).catch(function () { return null; });
    }
    return roomLookup;
  }


  /* ---- The join screen: the address phones should open, and its QR code ----------------------------
     On the room server, the laptop's address in the room and its QR code (room.svg); elsewhere the page's
     own address, with the QR code the build drew for the site's public address.  On this computer's own
     loopback address with no room server, phones could open nothing: say so instead of showing a code
     that would fail. */
  function join(box) {
    var address = box.querySelector("[data-role=join-address]");
    var qr = box.querySelector("[data-role=join-qr]");
    var warning = box.querySelector("[data-role=join-warning]");
    var missing = box.querySelector("[data-role=join-missing]");
    var home = siteRoot + strings.home;
    function own() {
      address.textContent = home;
      if (local) {
        qr.hidden = true;
        missing.hidden = true;
        warning.hidden = false;
      } else if (box.getAttribute("data-url") !== home) {
        qr.hidden = true;  /* the build's code is of another address than the one this page is on */
        missing.hidden = false;
      }
    }
    var lookup = local ? roomAddress() : null;
    if (!lookup) return own();
    lookup.then(function (url) {
      if (!url) return own();
      var path = new URL(home).pathname.replace(new URL(siteRoot).pathname, "/");
      address.textContent = url.replace(/\/$/, "") + path;
      var img = document.createElement("img");
      img.src = siteRoot + "room.svg?path=" + encodeURIComponent(path);
      img.alt = address.textContent;
      qr.textContent = "";
      qr.appendChild(img);
      qr.hidden = false;
      missing.hidden = true;
      warning.hidden = true;
    });
  }

  /* ---- Print: facilitator notes in or out (the switch on the printable page) ---------------- */
  function printing() {
    var KEY = "clienting.print.notes";
    var root = document.documentElement;
    function apply(on) {
      root.classList.toggle("print-notes", on);
      Array.prototype.forEach.call(document.querySelectorAll("[data-role=print-notes]"), function (box) {
        box.checked = on;
      });
    }
    apply(store.get(KEY) === "1");
    document.addEventListener("change", function (event) {
      var box = event.target;
      if (!box.matches || !box.matches("[data-role=print-notes]")) return;
      if (box.checked) store.set(KEY, "1"); else store.remove(KEY);
      apply(box.checked);
    });
    /* Closed <details> print closed in some browsers: open them for the printout, close them after. */
    var opened = [];
    window.addEventListener("beforeprint", function () {
      var selector = "details.clc-formulas:not([open])" +
        (root.classList.contains("print-notes") ? ", details.trainer:not([open])" : "");
      opened = Array.prototype.slice.call(document.querySelectorAll(selector));
      opened.forEach(function (details) { details.open = true; });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (details) { details.open = false; });
      opened = [];
    });
  }

  /* ============================================================================================ */
  function presenter(article) {
    var root = document.documentElement;
    /* sections: {heading, nodes, title, first (its first slide), calcs}; slides: {section, sub (0 for
       the section's text, k for its k-th calculator), calc, node (the section's node holding it), title}.
       current is a slide. */
    var sections = [];
    var slides = [];
    var current = 0;
    var active = false;
    var bar = null;
    var counter = null;
    var toggle = null;
    var bus = channel();
    var lastCommand = null;
    var blockInfo = null;
    var stopButton = null;
    var breakSlide = null;

    /* The article's children, cut at each h2. */
    function parts() {
      var found = [];
      var part = { heading: null, nodes: [] };
      Array.prototype.forEach.call(article.children, function (node) {
        if (node.tagName === "H2") {
          if (part.nodes.length) found.push(part);
          part = { heading: node, nodes: [] };
        }
        part.nodes.push(node);
      });
      if (part.nodes.length) found.push(part);
      return found;
    }

    function collect() {
      sections = parts();
      slides = [];
      sections.forEach(function (section, index) {
        section.title = titleOf(section.heading || article.querySelector("h1")) || document.title;
        section.first = slides.length;
        section.calcs = [];
        slides.push({ section: index, sub: 0, calc: null, title: section.title });
        section.nodes.forEach(function (node) {
          node.setAttribute("data-pm-section", String(index));
          var found = node.matches("[data-calculator]") ? [node] : node.querySelectorAll("[data-calculator]");
          Array.prototype.forEach.call(found, function (calc) {
            if (calc.closest(".trainer")) return;  /* notes are never on a slide */
            section.calcs.push(calc);
            var title = calc.querySelector(".clc-title");
            slides.push({
              section: index, sub: section.calcs.length, calc: calc,
              title: title ? title.textContent.trim() : section.title
            });
          });
        });
      });
    }

    /* The theme wraps tables in boxes of its own after this script has run: take the article's
       children afresh before hiding any, so a wrapper goes with its table. */
    function refresh() {
      var found = parts();
      if (found.length !== sections.length) return;
      found.forEach(function (part, index) {
        sections[index].nodes = part.nodes;
        part.nodes.forEach(function (node) { node.setAttribute("data-pm-section", String(index)); });
      });
    }

    /* Hidden by an attribute, never a class: the theme styles tables that have no class at all. */
    function hide(node, hidden) {
      if (hidden) node.setAttribute("data-pm-hidden", "");
      else node.removeAttribute("data-pm-hidden");
    }

    /* "3 / 8" for a section's text, "3.2 / 8" for its second calculator. */
    function position(slide) {
      return (slide.section + 1) + (slide.sub ? "." + slide.sub : "") + " / " + sections.length;
    }

    function titleOf(heading) {
      if (!heading) return "";
      var copy = heading.cloneNode(true);
      Array.prototype.forEach.call(copy.querySelectorAll(".headerlink"), function (a) { a.remove(); });
      return copy.textContent.trim();
    }

    function sectionOf(element) {
      while (element && element !== article) {
        if (element.hasAttribute && element.hasAttribute("data-pm-section")) {
          return parseInt(element.getAttribute("data-pm-section"), 10);
        }
        element = element.parentNode;
      }
      return -1;
    }

    /* The slide showing an element: its calculator's, else its section's text. */
    function slideOf(element) {
      var index = sectionOf(element);
      if (index < 0) return -1;
      var calc = element.closest ? element.closest("[data-calculator]") : null;
      var k = calc ? sections[index].calcs.indexOf(calc) : -1;
      return sections[index].first + (k + 1);
    }

    function hashTarget(hash) {
      if (!hash || hash.length < 2) return null;
      try { return document.getElementById(decodeURIComponent(hash.slice(1))); } catch (e) { return null; }
    }

    function fromHash() {
      var target = hashTarget(location.hash);
      return target ? slideOf(target) : -1;
    }

    function addToggle() {
      var header = document.querySelector(".md-header__inner");
      if (!header) return;
      toggle = document.createElement("button");
      toggle.type = "button";
      toggle.className = "md-header__button pm-toggle";
      toggle.setAttribute("aria-pressed", "false");
      toggle.setAttribute("title", T.toggleLong);
      toggle.setAttribute("aria-keyshortcuts", "Shift+P");
      toggle.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 3h16a1 1 0 0 1 1 1v1H3V4a1 1 0 0 1 1-1m-1 3h18v10a1 1 0 0 1-1 1h-7v2.3l3.2 1.9-.5.8L12 19.6 8.3 22l-.5-.8 3.2-1.9V17H4a1 1 0 0 1-1-1zm2 2v7h14V8z"/></svg>' +
        '<span class="pm-toggle__text"></span>';
      toggle.querySelector(".pm-toggle__text").textContent = T.toggle;
      toggle.addEventListener("click", function () { active ? exit() : enter(true); });
      var search = header.querySelector("[data-role=search]");
      header.insertBefore(toggle, search || null);
    }

    function button(cls, label, text, handler) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "pm-bar__button " + cls;
      b.setAttribute("aria-label", label);
      b.setAttribute("title", label);
      b.textContent = text;
      b.addEventListener("click", handler);
      return b;
    }

    function addBar() {
      bar = document.createElement("div");
      bar.className = "pm-bar";
      bar.setAttribute("role", "toolbar");
      bar.setAttribute("aria-label", T.bar);
      counter = document.createElement("span");
      counter.className = "pm-bar__counter";
      counter.setAttribute("aria-live", "polite");
      bar.appendChild(button("pm-prev", T.prev, "‹", function () { go(current - 1); }));
      bar.appendChild(counter);
      bar.appendChild(button("pm-next", T.next, "›", function () { go(current + 1); }));
      bar.appendChild(button("pm-speaker", T.speaker, T.speaker, openSpeaker));
      blockInfo = document.createElement("span");
      blockInfo.className = "pm-bar__block";
      bar.appendChild(blockInfo);
      stopButton = button("pm-stop", T.stop, T.stopShort, stopProgramme);
      bar.appendChild(stopButton);
      var out = button("pm-exit", T.exit, T.exitShort, exit);
      bar.appendChild(out);
      document.body.appendChild(bar);
      breakSlide = document.createElement("div");
      breakSlide.className = "pm-break";
      breakSlide.hidden = true;
      breakSlide.setAttribute("role", "status");
      document.body.appendChild(breakSlide);
    }

    /* ---- A programme as a playlist: its blocks' sections in order, across pages -------------- */
    function running() {
      var p = null;
      try { p = JSON.parse(store.get(PROGRAMME_KEY) || "null"); } catch (e) { p = null; }
      return p && p.blocks && p.blocks.length && p.index >= 0 && p.index < p.blocks.length ? p : null;
    }

    function startProgramme(section) {
      var now = Date.now();
      var blocks = Array.prototype.map.call(section.querySelectorAll("[data-minutes]"), function (li) {
        var target = li.getAttribute("data-target");
        return {
          minutes: parseInt(li.getAttribute("data-minutes"), 10),
          title: li.getAttribute("data-title") || "",
          url: target ? new URL(target, location.href).href : null
        };
      });
      if (!blocks.length) return;
      var p = {
        id: section.getAttribute("data-programme"), title: section.getAttribute("data-programme-title") || "",
        url: location.href.split("#")[0], blocks: blocks, index: 0, startedAt: now, blockStartedAt: now
      };
      store.set(PROGRAMME_KEY, JSON.stringify(p));
      openBlock(p);
    }

    function stopProgramme() {
      store.remove(PROGRAMME_KEY);
      showBlock(null);
      publish();
    }

    function goBlock(index) {
      var p = running();
      if (!p || index < 0 || index >= p.blocks.length) return;
      p.index = index;
      p.blockStartedAt = Date.now();
      store.set(PROGRAMME_KEY, JSON.stringify(p));
      openBlock(p);
    }

    function openBlock(p) {
      var block = p.blocks[p.index];
      if (!block.url) {  /* a break: the slide says until when, the page stays */
        if (!active) enter(false);
        showBlock(p);
        publish();
        return;
      }
      var url = new URL(block.url, location.href);
      if (url.pathname !== location.pathname) {
        store.set(MODE_KEY, "1");
        location.href = url.href;
        return;
      }
      if (!active) enter(false);
      var target = hashTarget(url.hash);
      var index = target ? slideOf(target) : 0;
      show(index < 0 ? 0 : index);
      showBlock(p);
    }

    function clockTime(ms) {
      var d = new Date(ms);
      var m = d.getMinutes();
      return d.getHours() + ":" + (m < 10 ? "0" : "") + m;
    }

    /* The bar's block counter and the break slide follow the running programme (or hide). */
    function showBlock(p) {
      if (!blockInfo) return;
      blockInfo.hidden = stopButton.hidden = !p;
      breakSlide.hidden = true;
      if (!p) return;
      var block = p.blocks[p.index];
      blockInfo.textContent = T.block.replace("%1", p.index + 1).replace("%2", p.blocks.length);
      blockInfo.setAttribute("title", p.title);
      if (!block.url) {
        breakSlide.textContent = "";
        var h = document.createElement("p");
        h.className = "pm-break__title";
        h.textContent = block.title || T.breakTitle;
        var until = document.createElement("p");
        until.className = "pm-break__until";
        until.textContent = block.minutes + " " + T.minutes + " · " +
          T.until.replace("%1", clockTime(p.blockStartedAt + block.minutes * 60000));
        breakSlide.appendChild(h);
        breakSlide.appendChild(until);
        breakSlide.hidden = false;
      }
      /* The bar grew (the block counter, Stop): the calculator on the slide may need another layout. */
      var calc = active && slides[current] ? slides[current].calc : null;
      if (calc && !fits(calc)) fit(calc);
    }

    function openSpeaker() {
      var url = siteRoot + strings.home + "speaker/";
      var win = window.open(url, "clienting-speaker", "popup,width=960,height=720");
      if (win) win.focus();
      publish();
    }

    /* Only the current slide's nodes (and, on a calculator's slide, only that calculator). */
    function reveal() {
      var slide = slides[current];
      refresh();
      sections.forEach(function (section, i) {
        section.nodes.forEach(function (node) {
          hide(node, i !== slide.section || (slide.calc !== null && !node.contains(slide.calc)));
        });
        /* After the nodes: a calculator may be a node itself. */
        section.calcs.forEach(function (calc) {
          hide(calc, calc !== slide.calc);
          if (calc !== slide.calc) unfit(calc);
        });
      });
      root.classList.toggle("pm-calc", slide.calc !== null);
    }

    function show(index, where) {
      current = Math.max(0, Math.min(slides.length - 1, index));
      var slide = slides[current];
      reveal();
      var section = sections[slide.section];
      counter.textContent = position(slide);
      var label = T.position.replace("%1", slide.section + 1).replace("%2", sections.length);
      if (slide.sub) label += ", " + T.calculator.replace("%1", slide.sub).replace("%2", section.calcs.length);
      counter.setAttribute("title", label);
      var id = slide.calc ? slide.calc.id : section.heading ? section.heading.id : "";
      try {
        history.replaceState(history.state, "", id ? "#" + id : location.pathname + location.search);
      } catch (e) { /* an address that cannot change: nothing to keep */ }
      var top = where === "end" ? document.documentElement.scrollHeight : 0;
      window.scrollTo({ top: top, left: 0, behavior: "instant" });
      if (slide.calc) fit(slide.calc);
      publish();
    }

    /* ---- A calculator's slide, laid out to fit the screen ----------------------------------------
       The stylesheet lays the calculator out as a grid (presenter.css, "A calculator's slide"); fit()
       tries its layouts from the roomiest to the densest and keeps the first in which every field,
       result, the chart and the verdict lie on the screen, clear of the control bar, with the chart's
       text at least 14 px high: inputs beside the results (1-3 columns of each) or across the top; the
       help under each field, then only for the field being edited, then without the summary.  Only if
       none fits is the slide scaled down, never below results of 24 px and labels of 14 px; then, with
       a comparison on, its detail under each result gives way.  The layout
       is checked again when the calculator changes size (new results, an error, a comparison) and
       chosen afresh when it goes live. */
    var LAYOUTS = (function () {
      var list = [];
      [0, 1, 2, 3].forEach(function (dense) {
        ["side", "top"].forEach(function (mode) {
          (mode === "side" ? [1, 2, 3] : [0]).forEach(function (inputs) {
            [1, 2, 3].forEach(function (outputs) {
              list.push({ mode: mode, dense: dense, inputs: inputs, outputs: outputs });
            });
          });
        });
      });
      return list;
    })();
    var MIN_VALUE_PX = 24;
    var MIN_LABEL_PX = 14;
    var MIN_CHART_TEXT_PX = 14;
    var watcher = null;
    var recheck = 0;

    function layout(calc, option, zoom) {
      calc.setAttribute("data-pm-mode", option.mode);
      calc.setAttribute("data-pm-dense", String(option.dense));
      calc.style.setProperty("--pm-in-cols", String(option.inputs || 1));
      calc.style.setProperty("--pm-out-cols", String(option.outputs));
      calc.style.zoom = zoom < 1 ? String(zoom) : "";
      calc.style.removeProperty("--pm-chart-height");
      var figure = calc.querySelector(".clc-chart:not([hidden])");
      if (!figure || !laidOut(figure)) return;
      /* The chart as tall as the room under its top allows: above the bar where it would meet it,
         leaving the verdict its place below. */
      var box = figure.getBoundingClientRect();
      var avoid = bar && !bar.hidden ? bar.getBoundingClientRect() : null;
      var bottom = avoid && box.right > avoid.left - 4 && box.left < avoid.right + 4 ? avoid.top - 8 : window.innerHeight - 4;
      var verdict = calc.querySelector(".clc-verdict:not([hidden])");
      if (verdict && laidOut(verdict)) bottom -= verdict.getBoundingClientRect().height + 12 * zoom;
      calc.style.setProperty("--pm-chart-height", Math.max(0, Math.floor((bottom - box.top) / zoom)) + "px");
    }

    function unfit(calc) {
      ["data-pm-mode", "data-pm-dense"].forEach(function (name) { calc.removeAttribute(name); });
      ["--pm-in-cols", "--pm-out-cols", "--pm-chart-height", "zoom"].forEach(function (name) { calc.style.removeProperty(name); });
      if (watcher && calc === watcher.calc) {
        watcher.observer.disconnect();
        watcher = null;
      }
    }

    function laidOut(element) {
      return element.getClientRects().length > 0;
    }

    /* Every part on the screen and clear of the bar, nothing wider than the slide, the chart's text
       large enough. */
    function fits(calc) {
      var width = document.documentElement.clientWidth;
      var height = window.innerHeight;
      var avoid = bar && !bar.hidden ? bar.getBoundingClientRect() : null;
      var parts = calc.querySelectorAll(".clc-title, .clc-settings, .clc-notices, .clc-field, .clc-output, " +
        ".clc-chart, .clc-verdict, .clc-status");
      for (var i = 0; i < parts.length; i++) {
        if (!laidOut(parts[i])) continue;
        var box = parts[i].getBoundingClientRect();
        if (box.left < -0.5 || box.top < -0.5 || box.right > width + 0.5 || box.bottom > height + 0.5) return false;
        if (avoid && box.left < avoid.right + 4 && box.right > avoid.left - 4 &&
            box.top < avoid.bottom + 4 && box.bottom > avoid.top - 4) return false;
      }
      if (calc.scrollWidth > calc.clientWidth + 1) return false;
      var svg = calc.querySelector(".clc-chart:not([hidden]) svg");
      if (svg) {
        var drawn = svg.viewBox && svg.viewBox.baseVal;
        var size = svg.getBoundingClientRect();
        if (!drawn || !drawn.width || !drawn.height) return laidOut(svg);
        var scale = Math.min(size.width / drawn.width, size.height / drawn.height);
        var texts = svg.querySelectorAll("text");
        /* 14 px on a 1366×768 projector, as much more on a larger one as the slide's type: the same
           layout at every size, the chart growing with the slide. */
        var least = Math.max(MIN_CHART_TEXT_PX, MIN_CHART_TEXT_PX * parseFloat(window.getComputedStyle(root).fontSize) / 20);
        for (var j = 0; j < texts.length; j++) {
          if (parseFloat(window.getComputedStyle(texts[j]).fontSize) * scale < least - 0.01) return false;
        }
        if (!texts.length && scale < 1) return false;
      }
      return true;
    }

    /* The smallest scale that keeps the results and the labels readable. */
    function floorOf(calc) {
      var floor = 0.5;
      function at(selector, least) {
        Array.prototype.forEach.call(calc.querySelectorAll(selector), function (el) {
          if (!laidOut(el)) return;
          var size = parseFloat(window.getComputedStyle(el).fontSize);
          if (size > 0) floor = Math.max(floor, least / size);
        });
      }
      var slide = Math.max(1, parseFloat(window.getComputedStyle(root).fontSize) / 20);  /* as for the chart */
      at("[data-output]", MIN_VALUE_PX * slide);
      at(".clc-field label, .clc-output dt", MIN_LABEL_PX * slide);
      return Math.min(1, floor);
    }

    /* The layout each calculator was given, for the screen and bar it was given on: tried first the
       next time its slide is shown (the search measures up to a few dozen layouts). */
    var chosen = window.WeakMap ? new window.WeakMap() : null;

    function screenKey() {
      var box = bar && !bar.hidden ? bar.getBoundingClientRect() : null;
      return [window.innerWidth, window.innerHeight, box ? Math.round(box.width) : 0].join("x");
    }

    /* The first of the options, at the first of the scales, that fits.  Without a chart the outputs
       fill the results' width whatever their number of columns: one try is enough. */
    function first(calc, options, zooms) {
      var chart = calc.querySelector(".clc-chart:not([hidden])");
      for (var z = 0; z < zooms.length; z++) {
        for (var i = 0; i < options.length; i++) {
          if (!chart && options[i].outputs > 1) continue;
          layout(calc, options[i], zooms[z]);
          if (fits(calc)) {
            if (chosen) chosen.set(calc, { key: screenKey(), option: options[i], zoom: zooms[z] });
            return true;
          }
        }
      }
      return false;
    }

    function fit(calc) {
      watch(calc);
      var last = chosen && chosen.get(calc);
      if (last && last.key === screenKey()) {
        layout(calc, last.option, last.zoom);
        if (fits(calc)) return;
      }
      function at(level) { return LAYOUTS.filter(function (option) { return option.dense === level; }); }
      if (first(calc, LAYOUTS.filter(function (option) { return option.dense < 3; }), [1])) return;
      layout(calc, at(2)[0], 1);
      var floor = floorOf(calc);
      var zooms = [];
      for (var zoom = 0.95; zoom > floor + 0.001; zoom -= 0.05) zooms.push(Math.round(zoom * 100) / 100);
      zooms.push(floor);
      if (first(calc, at(2), zooms)) return;
      /* Last: a comparison's detail under each result gives way (the chart still shows A beside B). */
      if (calc.querySelector("[data-compare]:not([hidden])") && first(calc, at(3), [1].concat(zooms))) return;
      layout(calc, at(3)[at(3).length - 1], floor);
    }

    /* New results, an error message or a comparison change the calculator's size: fit it again if it
       no longer fits (after the frame, so the observer never loops). */
    function watch(calc) {
      if (watcher && watcher.calc === calc) return;
      if (watcher) watcher.observer.disconnect();
      watcher = null;
      if (!window.ResizeObserver) return;
      function later(again) {
        if (recheck) return;
        recheck = window.requestAnimationFrame(function () {
          recheck = 0;
          if (active && slides[current].calc === calc && (again || !fits(calc))) fit(calc);
        });
      }
      var observer = new window.ResizeObserver(function () { later(false); });
      observer.observe(calc);
      /* Live (or failed) after the static page: lay it out afresh, roomier if it now can be. */
      var state = window.MutationObserver ? new window.MutationObserver(function () { later(true); }) : null;
      if (state) state.observe(calc, { attributes: true, attributeFilter: ["data-state"] });
      watcher = {
        calc: calc,
        observer: { disconnect: function () { observer.disconnect(); if (state) state.disconnect(); } }
      };
    }

    /* In a programme, → and ← walk the slides of the block's section (its text, then its calculators),
       then go on to the next or previous block. */
    function go(index) {
      var p = running();
      if (p && index !== current) {
        var there = slides[index];
        if (!there || there.section !== slides[current].section) return goBlock(p.index + (index > current ? 1 : -1));
      }
      if (index >= slides.length) return leave("next", "first");
      if (index < 0) return leave("prev", "last");
      show(index);
    }

    function leave(rel, entry) {
      var link = document.querySelector("link[rel=" + rel + "]");
      if (!link) return;
      store.set(ENTRY_KEY, entry);
      location.href = link.href;
    }

    /* A clicker's page keys: scroll through a long section first, then move on. */
    function step(direction) {
      var page = document.scrollingElement || document.documentElement;
      var view = window.innerHeight;
      if (slides[current].calc) {  /* a calculator's slide fits the screen */
        go(current + direction);
      } else if (direction > 0 && page.scrollTop + view < page.scrollHeight - 8) {
        window.scrollTo({ top: page.scrollTop + Math.round(view * 0.8), behavior: "instant" });
      } else if (direction < 0 && page.scrollTop > 8) {
        window.scrollTo({ top: Math.max(0, page.scrollTop - Math.round(view * 0.8)), behavior: "instant" });
      } else {
        go(current + direction);
      }
    }

    function enter(byHand) {
      if (active) return;
      active = true;
      store.set(MODE_KEY, "1");
      if (toggle) toggle.setAttribute("aria-pressed", "true");
      bar.hidden = false;
      var entry = null;
      if (!document.prerendering) {  /* prerendered: the page before has not said yet (see shown()) */
        entry = store.get(ENTRY_KEY);
        store.remove(ENTRY_KEY);
      }
      var start = fromHash();
      if (start < 0 && byHand) start = visibleSlide();
      if (start < 0) start = entry === "last" ? slides.length - 1 : 0;
      root.classList.add("pm-on");  /* after measuring the page as the reader saw it */
      show(start);
      showBlock(running());
      var slide = slides[current];
      var heading = slide.calc ? slide.calc.querySelector(".clc-title") :
        sections[slide.section].heading || article.querySelector("h1");
      if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus({ preventScroll: true });
      }
    }

    /* The slide the reader is looking at when they switch the mode on: the title at the top of the
       page; else the last section starting above the upper third of the screen, or the calculator in
       it that fills that third. */
    function visibleSlide() {
      var scrolled = (document.scrollingElement || document.documentElement).scrollTop;
      if (scrolled < 16) return 0;
      var line = window.innerHeight / 3;
      var found = 0;
      sections.forEach(function (section, i) {
        if (section.nodes[0].getBoundingClientRect().top < line) found = i;
      });
      var index = sections[found].first;
      sections[found].calcs.forEach(function (calc, k) {
        var box = calc.getBoundingClientRect();
        if (box.top < line && box.bottom > line) index = sections[found].first + k + 1;
      });
      return index;
    }

    function exit() {
      if (!active) return;
      active = false;
      store.remove(MODE_KEY);
      root.classList.remove("pm-on", "pm-calc");
      sections.forEach(function (section) {
        section.nodes.forEach(function (node) { hide(node, false); });
        section.calcs.forEach(function (calc) {
          hide(calc, false);
          unfit(calc);
        });
      });
      bar.hidden = true;
      if (breakSlide) breakSlide.hidden = true;
      if (toggle) {
        toggle.setAttribute("aria-pressed", "false");
        toggle.focus({ preventScroll: true });
      }
      var slide = slides[current];
      var place = slide && (slide.calc || sections[slide.section].heading);
      if (place) {
        /* Back on the page where the slide was, below the theme's header (which sticks at the top). */
        var header = document.querySelector(".md-header");
        window.scrollTo({ top: Math.max(0, place.getBoundingClientRect().top + window.scrollY -
          (header ? header.offsetHeight : 0) - 8), behavior: "instant" });
      }
      publish();
    }

    function notesOf(nodes) {
      var notes = [];
      nodes.forEach(function (node) {
        var found = node.classList && node.classList.contains("trainer") ? [node] : node.querySelectorAll ? node.querySelectorAll(".trainer") : [];
        Array.prototype.forEach.call(found, function (note) {
          var copy = note.cloneNode(true);
          var head = copy.querySelector(":scope > summary, :scope > .admonition-title");
          var title = head ? head.textContent.trim() : "";
          if (head) head.remove();
          notes.push({ title: title, html: copy.innerHTML });
        });
      });
      return notes;
    }

    function state() {
      if (!active) return { type: "state", active: false, seq: Date.now() };
      var slide = slides[current];
      var section = sections[slide.section];
      var notes = notesOf(section.nodes);
      var scope = "section";
      if (!notes.length) {
        notes = notesOf([article]);
        scope = notes.length ? "page" : "none";
      }
      var following = slides[current + 1];
      var nextLink = document.querySelector("link[rel=next]");
      var next = following ? { title: following.title, page: false } :
        nextLink ? { title: "", page: true, url: nextLink.href } : null;
      var p = running();
      var programme = null;
      if (p) {
        var planned = 0;
        for (var i = 0; i < p.index; i++) planned += p.blocks[i].minutes;
        var total = p.blocks.reduce(function (sum, b) { return sum + b.minutes; }, 0);
        var block = p.blocks[p.index];
        var after = p.blocks[p.index + 1];
        programme = {
          title: p.title, index: p.index, count: p.blocks.length, block: block.title, minutes: block.minutes,
          isBreak: !block.url, plannedStart: planned, total: total, startedAt: p.startedAt,
          blockStartedAt: p.blockStartedAt, following: after ? after.title : ""
        };
        next = after ? { title: after.title, page: false } : null;
      }
      return {
        type: "state", active: true, seq: Date.now(), lang: lang, programme: programme,
        page: { title: titleOf(article.querySelector("h1")) || document.title, url: location.href },
        index: slide.section, count: sections.length, section: section.title,
        slide: { sub: slide.sub, count: section.calcs.length, title: slide.calc ? slide.title : "" },
        position: position(slide), next: next, notes: notes, scope: scope
      };
    }

    function publish() {
      if (document.prerendering) return;  /* not shown yet: the speaker view follows the page on screen */
      var message = state();
      if (bus) bus.postMessage(message);
      store.set(STATE_KEY, JSON.stringify(message));
    }

    function command(message) {
      if (!active || !message || message.type !== "command" || message.seq === lastCommand) return;
      lastCommand = message.seq;
      if (message.action === "next") step(1);
      else if (message.action === "prev") step(-1);
      else if (message.action === "next-section") go(current + 1);
      else if (message.action === "prev-section") go(current - 1);
    }

    function onKey(event) {
      if (!plainKey(event) || typing(event.target)) return;
      if (!active) {
        if (event.shiftKey && event.code === "KeyP") {
          event.preventDefault();
          event.stopPropagation();
          enter(true);
        }
        return;
      }
      var handled = true;
      switch (event.key) {
        case "ArrowRight": go(current + 1); break;
        case "ArrowLeft": go(current - 1); break;
        case "PageDown": step(1); break;
        case "PageUp": step(-1); break;
        case " ": step(event.shiftKey ? -1 : 1); break;
        case "Home": show(0); break;
        case "End": show(slides.length - 1); break;
        case "Escape": exit(); break;
        /* Keys that open the search (assets/search.js) and the theme's shortcuts: not while presenting. */
        case "f": case "s": case "/": break;
        default:
          if (event.shiftKey && event.code === "KeyP") exit();
          else handled = false;
      }
      if (handled) {
        event.preventDefault();
        event.stopPropagation();
      }
    }

    collect();
    if (!sections.length) return;
    addToggle();
    addBar();
    bar.hidden = true;
    Array.prototype.forEach.call(document.querySelectorAll("[data-programme]"), function (section) {
      var start = section.querySelector("[data-action=start-programme]");
      if (!start) return;
      start.hidden = false;
      start.addEventListener("click", function () { startProgramme(section); });
    });
    /* Capture phase: ahead of the theme's own key handlers on window. */
    window.addEventListener("keydown", onKey, true);
    window.addEventListener("hashchange", function () {
      if (!active) return;
      var index = fromHash();
      if (index >= 0 && index !== current) {
        var target = hashTarget(location.hash);
        var slide = slides[index];
        show(index);
        if (target && !slide.calc && target !== sections[slide.section].heading) {
          target.scrollIntoView({ block: "start", behavior: "instant" });
        }
      }
    });
    /* The theme wraps the tables once the page has loaded: hide the wrappers of other slides' tables. */
    if (window.MutationObserver) {
      new window.MutationObserver(function () { if (active) reveal(); }).observe(article, { childList: true });
    }
    window.addEventListener("resize", function () {
      if (active && slides[current].calc) fit(slides[current].calc);
    });
    if (bus) {
      bus.addEventListener("message", function (event) {
        var message = event.data || {};
        if (message.type === "hello" && active) publish();
        else command(message);
      });
    }
    window.addEventListener("storage", function (event) {
      if (event.key === COMMAND_KEY && event.newValue) {
        try { command(JSON.parse(event.newValue)); } catch (e) { /* not ours */ }
      }
      if (event.key === MODE_KEY && !event.newValue && active) exit();
    });
    window.addEventListener("pagehide", function () {
      if (active) store.set(STATE_KEY, JSON.stringify(state()));
    });
    if (store.get(MODE_KEY) === "1") enter(false);
    if (document.prerendering) document.addEventListener("prerenderingchange", shown, { once: true });

    /* A page prerendered for a likely next click (the speculation rules in overrides/main.html) runs
       before it is shown, already laid out as the projector will show it, but tells the speaker view
       nothing and reads where to enter (the first or the last slide) only once it is on screen. */
    function shown() {
      var on = store.get(MODE_KEY) === "1";
      if (!on) return exit();
      if (!active) return enter(false);
      var entry = store.get(ENTRY_KEY);
      store.remove(ENTRY_KEY);
      if (entry === "last" && fromHash() < 0) show(slides.length - 1);
      else publish();
    }
  }

  /* ============================================================================================ */
  function speaker(view) {
    var bus = channel();
    var seen = 0;
    var $ = function (role) { return view.querySelector("[data-role=" + role + "]"); };
    var text = function (key) { return view.getAttribute("data-text-" + key) || ""; };

    function render(message) {
      if (!message || message.type !== "state" || message.seq < seen) return;
      seen = message.seq;
      view.setAttribute("data-active", message.active ? "true" : "false");
      if (!message.active) {
        $("page").textContent = "";
        $("section").textContent = text("off");
        $("position").textContent = "";
        $("next").textContent = "—";
        $("notes-title").textContent = text("notes");
        $("notes").textContent = text("none");
        programmeClock.set(null);
        return;
      }
      $("page").textContent = message.page.title;
      /* A calculator's slide: "Try it · Referral payback", "3.2 / 8". */
      $("section").textContent = message.slide && message.slide.title ?
        message.section + " · " + message.slide.title : message.section;
      $("position").textContent = message.position || (message.index + 1) + " / " + message.count;
      $("next").textContent = !message.next ? "—" :
        message.next.page ? text("next-page") : message.next.title;
      programmeClock.set(message.programme);
      $("notes-title").textContent = text(message.scope === "section" ? "notes" : "notes-page");
      var box = $("notes");
      box.textContent = "";
      if (!message.notes.length) {
        box.textContent = text("none");
      }
      /* The notes are the site's own built markup, sent by a page of the same origin. */
      message.notes.forEach(function (note) {
        var part = document.createElement("section");
        part.className = "speaker-note";
        if (note.title) {
          var h = document.createElement("h3");
          h.textContent = note.title;
          part.appendChild(h);
        }
        var body = document.createElement("div");
        body.innerHTML = note.html;
        Array.prototype.forEach.call(body.querySelectorAll("script"), function (s) { s.remove(); });
        part.appendChild(body);
        box.appendChild(part);
      });
      timer.offer(box);
    }

    /* ---- Programme clock: planned against actual, and what is left of the block --------------- */
    var programmeClock = (function () {
      var box = $("programme");
      var current = null;
      var tick = null;

      function hm(minutes) {
        var m = Math.round(minutes);
        return Math.floor(m / 60) + ":" + (m % 60 < 10 ? "0" : "") + (m % 60);
      }

      function ms(seconds) {
        var sign = seconds < 0 ? "−" : "";
        var s = Math.abs(Math.round(seconds));
        var h = Math.floor(s / 3600);
        var m = Math.floor((s % 3600) / 60);
        var r = s % 60;
        return sign + (h ? h + ":" + (m < 10 ? "0" : "") : "") + m + ":" + (r < 10 ? "0" : "") + r;
      }

      function draw() {
        if (!box || !current) return;
        var p = current;
        var now = Date.now();
        var left = p.minutes * 60 - (now - p.blockStartedAt) / 1000;
        $("programme-title").textContent = p.title;
        $("programme-block").textContent = text("block").replace("%1", p.index + 1).replace("%2", p.count) +
          ": " + p.block;
        $("programme-planned").textContent = hm(p.plannedStart) + "–" + hm(p.plannedStart + p.minutes) +
          " / " + hm(p.total);
        $("programme-actual").textContent = ms((now - p.startedAt) / 1000);
        var left$ = $("programme-left");
        left$.textContent = ms(left);
        left$.setAttribute("data-seconds", String(Math.round(left)));
        box.setAttribute("data-over", left < 0 ? "true" : "false");
        var drift = Math.round((p.blockStartedAt - p.startedAt) / 60000 - p.plannedStart);
        $("programme-drift").textContent = drift > 0 ? text("late").replace("%1", drift) :
          drift < 0 ? text("early").replace("%1", -drift) : text("ontime");
      }

      function set(programme) {
        if (!box) return;
        current = programme || null;
        box.hidden = !current;
        window.clearInterval(tick);
        tick = null;
        if (current) {
          draw();
          tick = window.setInterval(draw, 1000);
        }
      }
      return { set: set };
    })();

    /* ---- Timer ---------------------------------------------------------------------------- */
    var timer = (function () {
      var display = $("clock");
      var startButton = $("start");
      var choices = $("choices");
      var total = DEFAULT_MINUTES * 60;
      var left = total;
      var running = false;
      var tick = null;
      var endsAt = 0;
      var offered = "";

      function draw() {
        var sign = left < 0 ? "−" : "";
        var s = Math.abs(Math.round(left));
        var m = Math.floor(s / 60);
        var r = s % 60;
        display.textContent = sign + m + ":" + (r < 10 ? "0" : "") + r;
        view.setAttribute("data-timer", left <= 0 ? "over" : running ? "running" : "stopped");
        startButton.textContent = text(running ? "pause" : "start");
        display.setAttribute("data-seconds", String(Math.round(left)));
      }

      function update() {
        left = (endsAt - Date.now()) / 1000;
        draw();
      }

      function start() {
        if (running) return;
        running = true;
        endsAt = Date.now() + left * 1000;
        tick = window.setInterval(update, 250);
        draw();
      }

      function pause() {
        if (!running) return;
        update();
        running = false;
        window.clearInterval(tick);
        draw();
      }

      function reset(minutes) {
        pause();
        if (minutes) total = minutes * 60;
        left = total;
        draw();
      }

      /* What to time: each exercise in the notes by its data-exercise-minutes (never by its text),
         then the exercise's timed steps ("*5 minutes.*": the catalog's stepMinutes) as shorter choices. */
      var STEP = new RegExp("^(\\d+)\\s*(?:" + T.stepMinutes + ")\\.?$", "i");

      function offer(box) {
        var found = [];
        Array.prototype.forEach.call(box.querySelectorAll("[data-exercise-minutes]"), function (el) {
          var minutes = parseInt(el.getAttribute("data-exercise-minutes"), 10);
          if (!(minutes > 0 && minutes <= 240)) return;
          found.push({ minutes: minutes, label: el.getAttribute("data-exercise-title") || "", exercise: true });
          Array.prototype.forEach.call(el.querySelectorAll("li > em:first-child"), function (em) {
            var match = STEP.exec(em.textContent.trim());
            if (match) found.push({ minutes: parseInt(match[1], 10), label: "", exercise: false });
          });
        });
        var key = JSON.stringify(found);
        if (key === offered) return;
        offered = key;
        choices.textContent = "";
        var list = found.length ? found : [{ minutes: DEFAULT_MINUTES, label: "", exercise: true }];
        list.forEach(function (item) {
          var b = document.createElement("button");
          b.type = "button";
          b.className = "speaker-choice" + (item.exercise ? " speaker-choice--exercise" : "");
          b.setAttribute("data-minutes", String(item.minutes));
          b.textContent = (item.label ? item.label + " · " : "") + item.minutes + " " + text("min");
          b.addEventListener("click", function () { reset(item.minutes); });
          choices.appendChild(b);
        });
        if (!running && left === total) {
          var first = list.filter(function (item) { return item.exercise; })[0] || list[0];
          reset(first.minutes);
        }
      }

      startButton.addEventListener("click", function () { running ? pause() : start(); });
      $("reset").addEventListener("click", function () { reset(); });
      offer(document.createElement("div"));
      draw();
      return { offer: offer };
    })();

    var commandSeq = 0;
    function send(action) {
      var message = { type: "command", action: action, seq: Date.now() + "-" + (++commandSeq) };
      if (bus) bus.postMessage(message);
      store.set(COMMAND_KEY, JSON.stringify(message));
    }

    view.querySelector("[data-role=go-prev]").addEventListener("click", function () { send("prev-section"); });
    view.querySelector("[data-role=go-next]").addEventListener("click", function () { send("next-section"); });
    window.addEventListener("keydown", function (event) {
      if (!plainKey(event) || typing(event.target)) return;
      var action = { ArrowRight: "next-section", ArrowLeft: "prev-section", PageDown: "next", PageUp: "prev" }[event.key];
      if (!action) return;
      event.preventDefault();
      send(action);
    }, true);

    if (bus) bus.addEventListener("message", function (event) { render(event.data); });
    window.addEventListener("storage", function (event) {
      if (event.key === STATE_KEY && event.newValue) {
        try { render(JSON.parse(event.newValue)); } catch (e) { /* not ours */ }
      }
    });
    var last = store.get(STATE_KEY);
    if (last) {
      try { render(JSON.parse(last)); } catch (e) { /* ignore */ }
    }
    if (bus) bus.postMessage({ type: "hello" });
    view.setAttribute("data-ready", "true");
  }
})();
