"""MkDocs hooks of the playbook: thin dispatch to tested modules in ``scripts/``.

- custom.json is checked before anything else, and a page's front matter that is not valid YAML
  stops the build (MkDocs would silently drop it).
- The navigation's calculators section gets every calculator's page (scripts/embed.py,
  ``calculator_nav``): adding a calculator needs no line in mkdocs.yml.
- The Markdown markers (``::: calculator NAME``, ``::: exercise ID``…) are a Python-Markdown extension
  (scripts/markers.py), which the hook adds and tells which page it converts.
- Pages that hold a calculator load the self-hosted runtime (and only those pages).
- The printable pages, the whole playbook (``print.md``, scripts/printable.py) and each programme's
  handout pack (``print/<id>.md``, scripts/handouts.py), get their table of contents and their
  chapters' calculators here, the other pages' content in the post-build step.
- Each page's description is decided here (front matter, else its first paragraph) and written once
  by the theme; each language's 404 page is put in that language's folder.
- Everything done to the finished site is the post-build step (scripts/postbuild.py), one call here
  and runnable over any generator's output.
"""

import logging
import os
import sys

log = logging.getLogger("mkdocs.hooks.clienting")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from calculators import catalog, custom, registry  # noqa: E402
from scripts import (  # noqa: E402
    embed, exercises, frontmatter, handouts, markers, meta, notfound, postbuild, printable, runtime)


@event_priority(100)  # first: a mistake in custom.json stops the build before any page is read
def on_config(config):
    try:
        registry.CALCULATORS  # reads custom.json and lays it over every calculator, checking each value
    except custom.CustomError as error:
        raise PluginError(str(error))
    config["markdown_extensions"].append(markers.MarkersExtension())
    if not embed.calculator_nav(config["nav"]):
        raise PluginError("mkdocs.yml: no nav section lists calculators/index.md, where the calculators' "
                          "pages go")
    return config


def on_env(env, config, files):
    # The strings of the page's scripts, from the language's catalog: overrides/main.html renders them
    # as a JSON data block on every page, the 404 pages included.
    env.globals["clienting_strings"] = lambda lang: catalog.page_strings(lang, _languages(config)[0])
    return env


def on_page_markdown(markdown, page, config, files):
    wrong = frontmatter.problem(page.file.content_string)  # MkDocs would drop it without a word
    if wrong:
        where = os.path.relpath(page.file.abs_src_path, ROOT) if page.file.abs_src_path else page.file.src_uri
        raise PluginError("%s: %s" % (where, wrong))
    lang = config["theme"]["language"]
    if handouts.pack_id(page.meta) is not None:  # a programme's handout pack: its file is front matter only
        try:
            markdown = handouts.markdown(page, lang, embed.environment()) + markdown
        except (handouts.HandoutError, exercises.ExerciseError) as error:
            raise PluginError(str(error))
    page.meta["clienting"] = markers.start(lang, page.file.src_uri, config["site_url"])
    return markdown


def on_page_content(html, page, config, files):
    page.meta["calculators"] = page.meta["clienting"].calculators  # the markers extension found them
    return html


def _languages(config):
    """(default language, other languages) as the language plugin declares them."""
    languages = config["plugins"]["i18n"].config["languages"]
    default = [item["locale"] for item in languages if item["default"]][0]
    return default, [item["locale"] for item in languages if not item["default"]]


def on_page_context(context, page, config, nav):
    context["clienting_site_path"] = meta.site_path(config["site_url"])
    printable.prepare(page, nav)  # the whole playbook (print.md): its table of contents and calculators
    try:
        handouts.prepare(page, nav, config["theme"]["language"])  # a programme's handouts: contents, calculators
    except (handouts.HandoutError, exercises.ExerciseError) as error:
        raise PluginError(str(error))
    if page.meta.get("calculators"):
        names = sorted(set(name for name, _ in page.meta["calculators"]))
        context["clienting_runtime"] = runtime.page_runtime(context.get("base_url"), names)
    # The page's description, decided once: the theme writes it (overrides/main.html).
    page.meta["description"] = meta.description(page.meta, page.content, config.get("site_description"))
    return context


def on_post_template(output, template_name, config):
    if template_name != "404.html":  # 404.html is a template, not a page
        return output
    # Each language's into its folder; the post-build step moves the default language's to the root.
    notfound.stage(config["site_dir"], config["theme"]["language"], output)
    return ""  # MkDocs writes no root 404.html of its own (the last language's would win)


@event_priority(-100)  # after the language plugin has written its files
def on_post_build(config):
    # The language plugin builds the other languages from inside the default language's post-build,
    # so this runs once per language; only the outermost call, after every language, does the work.
    if not config["plugins"]["i18n"].building:
        postbuild.run(postbuild.from_config(config["site_dir"], config["site_url"], config.config_file_path))
