"""Build face: one "page not found" per language.

The default language's page is served at ``404.html``, each other language's at ``<lang>/404.html``
(web servers that can choose a page per folder use it; deploy/nginx.conf does).  The page's links
start at the site's own path, so it works from any address and from either place.

A generator renders each language's page into that language's folder, ``<lang>/404.html``: under
MkDocs the hook does (:func:`stage`; mkdocs-static-i18n builds every language into one folder, and
each build would write its ``404.html`` at the root, the last one winning).  The post-build step
(:func:`place`) then moves the default language's page to the root.
"""

import os
import shutil

NAME = "404.html"


def stage(site_dir, lang, html):
    """Write ``lang``'s rendering to ``<lang>/404.html`` in ``site_dir``; return the path."""
    path = os.path.join(site_dir, lang, NAME)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(html)
    return path


def place(site_dir, default_lang):
    """Move ``<default>/404.html`` to ``404.html`` (the folder goes too when nothing else is in it);
    return the root page's path, or None when there was nothing to move (run before: idempotent)."""
    staged = os.path.join(site_dir, default_lang, NAME)
    if not os.path.exists(staged):
        return None
    target = os.path.join(site_dir, NAME)
    if os.path.isdir(os.path.join(site_dir, default_lang)) and os.listdir(os.path.join(site_dir, default_lang)) == [NAME]:
        shutil.move(staged, target)
        os.rmdir(os.path.dirname(staged))
    else:  # the default language has a folder of its own pages: its page stays there too
        shutil.copyfile(staged, target)
    return target
