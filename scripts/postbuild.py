"""The post-build step: everything done to a finished site, over its folder, whatever generator built it.

    python -m scripts.postbuild SITE_DIR [--site-url URL]

MkDocs calls it from ``on_post_build`` (``scripts/hooks.py``); ``make site-zensical`` calls it on
``site-zensical/``.  The steps, in this order (each works on what the ones before left):

1. ``runtime``: PyScript, MicroPython and the calculators' modules compiled to ``.mpy``
   (``scripts/runtime.py``);
2. ``printable``: the whole playbook on one page (``scripts/printable.py``) and each programme's
   handout pack (``scripts/handouts.py``), from the pages as built;
3. ``pages``: every HTML page gets its Content-Security-Policy ``<meta>`` (``scripts/csp.py``: the
   hashes of its inline scripts, and the runtime's allowances where the page holds PyScript's script)
   and, but for the 404 pages, its Open Graph tags (``scripts/meta.py``) and search's mark on its
   ``<article>`` (``scripts/search.py``), all from one reading with an HTML parser;
4. ``notfound``: the default language's 404 page at the root, the others' in their folders
   (``scripts/notfound.py``);
5. ``search``: Pagefind's index of each language, over the pages as they are now (``scripts/search.py``);
6. ``sitemap``: without a site address, the sitemaps (relative addresses) are removed;
7. ``offline``: ``sw.js`` with the list and hashes of what a reader keeps offline (``scripts/offline.py``):
   after every step that changes a file it lists;
8. ``compress``: the precompressed copies (``.gz``, ``.br``) of every text file, ``sw.js`` included
   (``scripts/compress.py``): last.

Every step can run again over its own output (the same folder comes out).  The site's languages and
names come from ``mkdocs.yml`` (the language plugin's list), which Zensical reads as well.
"""

import argparse
import logging
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import yaml  # noqa: E402

from scripts import (  # noqa: E402
    compress, csp, handouts, htmlpage, meta, notfound, offline, printable, runtime, search)

log = logging.getLogger("mkdocs.hooks.clienting")
CONFIG = os.path.join(ROOT, "mkdocs.yml")
STEPS = ("runtime", "printable", "pages", "notfound", "search", "sitemap", "offline", "compress")


class Site:
    """What the steps need to know of the site: its folder, address, languages and names."""

    def __init__(self, site_dir, site_url="", default="ru", others=(), names=None, nav=()):
        self.site_dir, self.site_url = site_dir, site_url or ""
        self.default, self.others = default, list(others)
        self.languages = [default] + self.others
        self.names = dict(names or {})  # {lang: site name}
        self.nav = list(nav)  # the pages' sources in navigation order: chapters/x.md…

    def folders(self):
        """``{lang: folder}`` of the built pages: the default language at the root (MkDocs) or in
        its own folder (Zensical), the others in theirs."""
        default = "" if os.path.exists(os.path.join(self.site_dir, "index.html")) else self.default + "/"
        return dict([(self.default, default)] + [(lang, lang + "/") for lang in self.others])

    def lang_of(self, path):
        """The language of a file of the site (relative path with ``/``): its folder, else the default."""
        first = path.split("/", 1)[0]
        return first if first in self.others else self.default


def _env_tag(loader, node):
    """``!ENV [NAME, default]`` as MkDocs reads it."""
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    for name in values[:-1] if len(values) > 1 else values:
        if os.environ.get(name):
            return os.environ[name]
    return values[-1] if len(values) > 1 else None


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!ENV", _env_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def from_config(site_dir, site_url=None, config_path=CONFIG):
    """A :class:`Site` for ``site_dir`` from ``mkdocs.yml``: languages and names from the language plugin."""
    with open(config_path, encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=_Loader)
    languages = []
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages = plugin["i18n"].get("languages") or []
    default = [item["locale"] for item in languages if item.get("default")] or ["en"]
    others = [item["locale"] for item in languages if not item.get("default")]
    names = dict((item["locale"], item.get("site_name") or config["site_name"]) for item in languages)
    names.setdefault(default[0], config["site_name"])
    return Site(site_dir, config.get("site_url") if site_url is None else site_url, default[0], others, names,
                _flatten(config.get("nav") or []))


def _flatten(nav):
    """The sources of a ``nav`` (nested lists and ``{title: source}``) in order."""
    found = []
    for item in nav:
        value = list(item.values())[0] if isinstance(item, dict) and len(item) == 1 else item
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list):
            found.extend(_flatten(value))
    return found


def html_files(site_dir):
    """The HTML files of ``site_dir`` as (absolute path, relative path with ``/``), sorted."""
    found = []
    for folder, _, names in os.walk(site_dir):
        for name in names:
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                found.append((path, os.path.relpath(path, site_dir).replace(os.sep, "/")))
    return sorted(found)


def rewrite_pages(site_dir, change):
    """Apply ``change(html, relative path)`` to every HTML file of ``site_dir``, writing back only the
    files it changed; return those as (absolute path, relative path)."""
    changed = []
    for path, relative in html_files(site_dir):
        with open(path, encoding="utf-8") as handle:
            html = handle.read()
        done = change(html, relative)
        if done != html:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(done)
            changed.append((path, relative))
    return changed


def finish_page(html, site, relative):
    """One page with its policy and, but on 404 pages, its sharing tags and search's mark, from one
    reading of the page (neither holds a script, so the policy of the page as read is the policy of the
    page as written)."""
    elements = htmlpage.elements(html)
    edits = [csp.meta_edit(html, elements)]
    if os.path.basename(relative) != notfound.NAME:
        lang = site.lang_of(relative)
        edits.append(meta.tags_edit(html, elements, site.names.get(lang, ""), site.languages))
        edits.append(search.mark_edit(elements))
    return htmlpage.splice(html, [edit for edit in edits if edit])


def step_runtime(site):
    runtime.copy_runtime(site.site_dir)


def step_printable(site):
    printable.fill_site(site.site_dir, site.folders(), site.nav, site.names)
    handouts.fill_site(site.site_dir, site.folders(), site.names)


def step_pages(site):
    rewrite_pages(site.site_dir, lambda html, relative: finish_page(html, site, relative))


def step_notfound(site):
    notfound.place(site.site_dir, site.default)


def step_search(site):
    search.index(site.site_dir)  # after the pages are final, before the offline list, which holds the index


def step_sitemap(site):
    if not site.site_url:
        meta.drop_sitemap(site.site_dir)
        log.info(meta.NO_ADDRESS)


def step_offline(site):
    offline.write(site.site_dir, site.languages)  # hashes the rest


def step_compress(site):
    compress.write(site.site_dir)  # last: precompressed copies of everything, sw.js included


def run(site, steps=STEPS):
    """Run ``steps`` (names from :data:`STEPS`, always in that order) over ``site``."""
    unknown = [name for name in steps if name not in STEPS]
    if unknown:
        raise ValueError("unknown post-build step(s): %s (known: %s)" % (", ".join(unknown), ", ".join(STEPS)))
    for name in STEPS:
        if name in steps:
            globals()["step_" + name](site)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m scripts.postbuild", description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", help="the built site's folder")
    parser.add_argument("--site-url", default=None,
                        help="the address the site is served from (default: mkdocs.yml's site_url)")
    parser.add_argument("--steps", default=",".join(STEPS), help="comma-separated steps (default: all)")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.site_dir):
        parser.error("%s is not a folder" % args.site_dir)
    run(from_config(args.site_dir, args.site_url), [name for name in args.steps.split(",") if name])
    return 0


if __name__ == "__main__":
    sys.exit(main())
