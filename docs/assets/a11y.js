/* Clienting: accessibility fixes that need a script (docs/assets/a11y.css holds the rest).
 *
 * Wide tables on narrow screens: the theme wraps every table in a box that scrolls sideways
 * (.md-typeset__scrollwrap).  A box that scrolls must be reachable from the keyboard, or its hidden
 * columns cannot be read without a pointer (axe-core: scrollable-region-focusable).  While a box
 * actually overflows it takes a place in the tab order and is named after its table; once it fits
 * again (a wider window, a turned phone) it gives the place back.
 */
(function () {
  "use strict";
  // The names in the page's language, from its catalog, as the build rendered them (overrides/main.html).
  var strings = document.getElementById("clienting-strings");
  if (!strings) return;
  var names = JSON.parse(strings.textContent).a11y;
  // What scrolls sideways, and what it is called: tables, and a row of tabs' labels too long for a phone.
  var BOXES = [
    [".md-typeset__scrollwrap", names.table],
    [".tabbed-labels", names.tabs]
  ];

  // "Table, scrolls sideways: <the section's heading>", so that two such boxes are told apart.
  function label(box, name) {
    var table = box.querySelector("table");
    var caption = table && table.caption && table.caption.textContent.trim();
    if (caption) return name + ": " + caption;
    var start = box.closest(".tabbed-set") || box;  // a tab row's heading is before its whole set
    for (var element = start.previousElementSibling; element; element = element.previousElementSibling) {
      if (/^H[1-6]$/.test(element.tagName)) {
        var heading = element.cloneNode(true);
        var anchors = heading.querySelectorAll(".headerlink");
        for (var i = 0; i < anchors.length; i++) anchors[i].remove();
        return name + ": " + heading.textContent.trim();
      }
    }
    return name;
  }

  function update() {
    BOXES.forEach(function (kind) {
      var boxes = document.querySelectorAll(kind[0]);
      for (var i = 0; i < boxes.length; i++) mark(boxes[i], kind[1]);
    });
  }

  function mark(box, name) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls && !box.hasAttribute("data-clienting-scroll")) {
      box.setAttribute("data-clienting-scroll", "");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", label(box, name));
    } else if (!scrolls && box.hasAttribute("data-clienting-scroll")) {
      box.removeAttribute("data-clienting-scroll");
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }

  var pending = 0;
  function soon() {
    if (pending) return;
    pending = window.requestAnimationFrame(function () { pending = 0; update(); });
  }
  // The theme wraps the tables once its own script has run: after DOMContentLoaded, by the load event.
  window.addEventListener("load", update);
  window.addEventListener("resize", soon);
})();
