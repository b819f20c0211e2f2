/* The search's documents, fetched when the search field gets the focus.
 *
 * Pages carry only the search's settings; the search worker (javascripts/workers/stemmed-search.js)
 * fetches the documents on the first query (scripts/searchindex.py).  Someone who puts the cursor in
 * the search field is about to type: fetching the documents then puts them in the browser's cache
 * while the first word is typed, so on a slow connection the first query does not wait for them.
 */
(function () {
  "use strict";
  var input = document.querySelector("input.md-search__input");
  var config = document.getElementById("__config");
  if (!input || !config || !window.fetch) return;
  var documents;
  try {  // beside the search settings of this page's language (the theme's "base")
    documents = new URL("search/search_docs.json",
                        new URL(JSON.parse(config.textContent).base, location.href)).href;
  } catch (error) {
    return;
  }
  var asked = false;
  input.addEventListener("focus", function () {
    if (asked) return;
    asked = true;
    fetch(documents).catch(function () { asked = false; });  // offline for now: the next focus tries again
  });
})();
