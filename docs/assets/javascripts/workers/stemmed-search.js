/* The theme's search worker, loaded on the first query, with Russian (and English) stemming applied
 * to what is typed.
 *
 * On demand: every page hands the worker its language's search configuration, without documents
 * (scripts/searchindex.py).  The worker says it is ready at once; on the first real query it loads the
 * theme's worker (its file name comes after "?worker="), fetches the documents from
 * config.clienting_docs and builds the index.  A reader who never searches downloads none of it
 * (assets/search-ahead.js fetches the documents into the cache once the search field has the focus).
 *
 * Stemming: the theme searches as you type, so every term gets a trailing wildcard, and the search
 * library skips stemming for wildcard terms.  The index holds stems («удержание» -> «удержан»), so a
 * whole word such as «удержанию» found nothing.  Here each wildcard term is reduced to its stem first
 * («удержанию*» -> «удержан*»), so any form of a word finds the others, and a half-typed word still
 * matches as a prefix.
 *
 * Messages (the theme's): 0 setup {config, docs, options}, 1 ready, 2 query (text), 3 result.
 */
(function () {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var themeWorker = new URL(new URL(self.location.href).searchParams.get("worker"), self.location.href).href;
  var root = new URL("../../../", self.location.href);  // this file is assets/javascripts/workers/
  var post = self.postMessage.bind(self);
  var listen = self.addEventListener.bind(self);
  var setup = null;     // the theme's setup message, as the page sent it
  var theme = null;     // the theme's message handler, once loaded with the documents
  var loading = null;   // Promise: the theme's worker loaded and its index built
  var built = null;     // resolves `loading` when the theme says its index is ready

  // The theme's own "ready" comes after building; the page has already been told, so it is kept back.
  self.postMessage = function (message) {
    if (message && message.type === READY) {
      if (built) built();
      built = null;
      return;
    }
    post(message);
  };

  function stem(lunr) {
    var query = lunr.Index.prototype.query;
    lunr.Index.prototype.query = function (build) {
      var index = this;
      return query.call(this, function (q) {
        build.call(this, q);
        q.clauses.forEach(function (clause) {
          // A typed word arrives as "слово*": wildcard in the text, stemming switched off.
          var match = /^([^*]+)\*$/.exec(clause.term);
          if (clause.usePipeline || !match) return;
          var stems = index.pipeline.runString(match[1]);
          if (stems.length === 1 && stems[0]) clause.term = stems[0] + "*";
        });
      });
    };
  }

  function loadTheme() {
    var handlers = [];
    self.addEventListener = function (type, handler) {
      if (type === "message") handlers.push(handler);
      else listen.apply(self, arguments);
    };
    try {
      importScripts(themeWorker);
    } finally {
      self.addEventListener = listen;
    }
    if (!handlers.length || !self.lunr) throw new Error("the theme's search worker did not load: " + themeWorker);
    stem(self.lunr);
    return handlers[0];
  }

  function load() {
    if (!loading) {
      var url = new URL(setup.data.config.clienting_docs, root).href;
      loading = fetch(url).then(function (response) {
        if (!response.ok) throw new Error("search documents: " + url + " " + response.status);
        return response.json();
      }).then(function (documents) {
        var handler = loadTheme();
        return new Promise(function (resolve) {
          built = resolve;
          handler({ data: { type: SETUP, data: {
            config: setup.data.config, docs: documents.docs, options: setup.data.options } } });
        }).then(function () { theme = handler; });
      });
      loading.catch(function () { loading = null; });  // offline for now: the next query tries again
    }
    return loading;
  }

  listen("message", function (event) {
    var message = event.data;
    if (message.type === SETUP) {
      setup = message;
      post({ type: READY });
    } else if (theme) {
      theme(event);
    } else if (message.type === QUERY && setup && String(message.data).trim()) {
      load().then(function () { theme(event); }, function (error) {
        console.warn("search unavailable: " + error.message);
        post({ type: RESULT, data: { items: [] } });
      });
    } else if (message.type === QUERY) {
      post({ type: RESULT, data: { items: [] } });  // nothing typed yet: nothing to load
    }
  });
})();
