"""Build face: smaller search indexes, one per language, whose documents load only when searched.

The theme writes one ``search/search_index.json`` for both languages, with every non-ASCII character
escaped (``\\u0443``: six bytes a Russian letter), and every page downloads it as soon as it opens.
After the build it is split by language: the default language under ``search/``, each other language
under ``<lang>/search/`` (its pages' locations relative to ``<lang>/``, which is the search base of its
pages), written as compact UTF-8, and in two parts:

- ``search_index.json``, what the theme fetches on every page: the configuration only, no documents,
  and in ``config.clienting_docs`` where the documents are (relative to the site's root);
- ``search_docs.json``, the documents, fetched by the search worker
  (``assets/javascripts/workers/stemmed-search.js``) on the first query.
"""

import json
import os

INDEX = "search_index.json"
DOCS = "search_docs.json"


def search_base(base_url, lang, default_lang):
    """The ``base`` a page gives the theme's search: the site root, or ``<lang>/`` under it."""
    base = (base_url or ".").rstrip("/")
    return base if lang == default_lang else base + "/" + lang + "/"


def _write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))


def _by_language(docs, other_langs):
    """{lang or None (the default): its documents, locations relative to its search base}."""
    prefixes = dict((lang, lang + "/") for lang in other_langs)
    split = dict((lang, []) for lang in [None] + list(other_langs))
    for doc in docs:
        for lang, prefix in prefixes.items():
            if doc["location"].startswith(prefix):
                split[lang].append(dict(doc, location=doc["location"][len(prefix):]))
                break
        else:
            split[None].append(doc)
    return split


def split(site_dir, other_langs):
    """Split the built index by language and part (see the module's docstring); return the paths written."""
    path = os.path.join(site_dir, "search", INDEX)
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    if "clienting_docs" in data["config"]:
        raise RuntimeError("%s is already split: the site's post-build ran twice on it" % path)
    written = []
    for lang, docs in _by_language(data["docs"], other_langs).items():
        folder = "search/" if lang is None else lang + "/search/"
        config = dict(data["config"], clienting_docs=folder + DOCS)
        for name, content in ((INDEX, dict(data, config=config, docs=[])), (DOCS, {"docs": docs})):
            target = os.path.join(site_dir, folder, name)
            _write(target, content)
            written.append(target)
    return written
