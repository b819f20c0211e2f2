"""Build face: one "page not found" per language.

mkdocs-static-i18n builds the default language and then the others into the same folder, and a theme
template such as ``404.html`` is written at the root by each build: the last (English) one would win.
:func:`remember` keeps each language's rendering as it is written; :func:`write`, once every language is
built, puts the default language's at ``404.html`` and the others' at ``<lang>/404.html`` (web servers
that can choose a page per folder use it; deploy/nginx.conf does).  The page's links start at the site's
own path, so it works from any address and from either place.
"""

import os

_rendered = {}


def remember(lang, html):
    """Keep the 404 page as rendered for ``lang``; returns it unchanged."""
    _rendered[lang] = html
    return html


def write(site_dir, default_lang, other_langs):
    """Write the remembered pages (see the module's docstring); return the paths written."""
    written = []
    for lang in [default_lang] + list(other_langs):
        if lang not in _rendered:
            continue
        path = os.path.join(site_dir, "404.html") if lang == default_lang else os.path.join(site_dir, lang, "404.html")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(_rendered[lang])
        written.append(path)
    _rendered.clear()
    return written
