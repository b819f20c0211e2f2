/* The theme's search worker, with Russian (and English) stemming applied to what is typed.
 *
 * The theme searches as you type: every term gets a trailing wildcard, and the search library skips
 * stemming for wildcard terms.  The index holds stems («удержание» -> «удержан»), so a whole word
 * such as «удержанию» found nothing.  Here each wildcard term is reduced to its stem first
 * («удержанию*» -> «удержан*»), so any form of a word finds the others, and a half-typed word still
 * matches as a prefix.  The theme's worker is loaded unchanged (its file name comes after "?worker=").
 */
importScripts(new URL(self.location.href).searchParams.get("worker"));

(function (lunr) {
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
})(self.lunr);
