/* The "Print" button of the printable pages (the whole playbook, a programme's handout pack):
 * [data-action=print] opens the browser's print dialog.  The button is in the markup hidden, so
 * that without this script there is no button that does nothing; print.css keeps it off paper. */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-action=print]");
  Array.prototype.forEach.call(buttons, function (button) {
    if (typeof window.print !== "function") return;
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
