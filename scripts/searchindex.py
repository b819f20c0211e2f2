"""Build face: a smaller search index, one per language.

The theme writes one ``search/search_index.json`` for both languages, with every non-ASCII character
escaped (``\\u0443``: six bytes a Russian letter), and every page downloads it.  After the build it is
split: the default language keeps ``search/search_index.json``, each other language gets
``<lang>/search/search_index.json`` (its pages' locations relative to ``<lang>/``, which is the search
base of its pages), and both are written as compact UTF-8.
"""

import json
import os


def search_base(base_url, lang, default_lang):
    """The ``base`` a page gives the theme's search: the site root, or ``<lang>/`` under it."""
    base = (base_url or ".").rstrip("/")
    return base if lang == default_lang else base + "/" + lang + "/"


def _write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))


def split(site_dir, other_langs):
    """Split the built index by language (see the module's docstring); return the paths written."""
    path = os.path.join(site_dir, "search", "search_index.json")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    prefixes = dict((lang, lang + "/") for lang in other_langs)
    by_lang = dict((lang, []) for lang in other_langs)
    default_docs = []
    for doc in data["docs"]:
        for lang, prefix in prefixes.items():
            if doc["location"].startswith(prefix):
                by_lang[lang].append(dict(doc, location=doc["location"][len(prefix):]))
                break
        else:
            default_docs.append(doc)
    _write(path, dict(data, docs=default_docs))
    written = [path]
    for lang, docs in by_lang.items():
        target = os.path.join(site_dir, lang, "search", "search_index.json")
        _write(target, dict(data, docs=docs))
        written.append(target)
    return written
