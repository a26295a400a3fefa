"""MkDocs hooks (mkdocs.yml, ``hooks``) that set up each language's build, after
static-i18n (priority -100) has chosen the language: the site's name, description and
the frame around every page from data/site.yml (``plansite.theme``), the menu of the
pages published in that language (``plansite.pages.navigation``), and which build
writes the 404 page; hand-written pages (the guide) get the status line under their title,
as the data pages get it from ``plansite.render``.

With ``macros.py``, the only bridge between MkDocs and ``plansite`` (which imports
nothing from MkDocs). A separate file because MkDocs takes every ``on_*`` function of
a hooks file for one of its events, and macros.py's ``on_post_page_macros`` is not one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from plansite import editions, pages, theme
from plansite.build import cached_renderer
from plansite.render import Renderer
from plansite.routes import PageRef
from plansite.source import DataError

# The data the site is built from: the copy `python -m plansite build` validated.
DATA = Path(os.environ.get("PLANSITE_DATA", Path(__file__).parent / "build" / "data"))


def _renderer(config: Any) -> Renderer:
    try:
        return cached_renderer(DATA, config.get("site_url"))
    except DataError as err:
        raise PluginError(str(err)) from None


def edition(config: Any) -> str:
    """The language being built: static-i18n's current one (the theme's language may be
    another, for a language Material lacks: languages.yml, ``theme``)."""
    i18n = config.plugins.get("i18n")
    return str(i18n.current_language) if i18n is not None else editions.AUTHORITATIVE


@event_priority(-200)
def on_config(config: Any) -> Any:
    """The site's name, description and frame (plansite.theme) in the language being built."""
    renderer = _renderer(config)
    lang = edition(config)
    try:
        frame = theme.frame(renderer.words, renderer.site.settings, lang, os.environ)
    except ValueError as err:
        raise PluginError(str(err)) from None
    # The menu of this edition: its own pages, with their labels in its language.
    config.nav = pages.navigation(renderer, lang)
    config.site_name = frame["site_name"]
    config.site_description = frame["description"]
    config.extra["plansite"] = frame | {"offline_control": renderer.offline_control(lang)}
    # GitHub Pages serves one 404.html for every address: the authoritative edition's
    # build writes it (Vietnamese first, overrides/404.html), the others do not overwrite it.
    if lang == editions.AUTHORITATIVE:
        config.theme.static_templates.add("404.html")
    else:
        config.theme.static_templates.discard("404.html")
    return config


def _plan_of_section(nav_item: Any) -> str:
    """The plan whose pages a top-level menu entry holds (its first page is under
    plans/<id>/), or "": the search fetches the first plan's text first."""
    while getattr(nav_item, "children", None):
        nav_item = nav_item.children[0]
    file = getattr(nav_item, "file", None)
    parts = str(file.src_uri).split("/") if file is not None else []
    return parts[1] if len(parts) > 2 and parts[0] == "plans" else ""


def _menu(items: list[Any], limit: int) -> list[tuple[int, Any]]:
    """The top-level entries of the menu and the tabs, each with its place in the menu
    (from 1): past ``limit`` plans (limits.MENU_PLANS), the plans other than the page's own
    are one entry, None ("All plans", the home page lists them all), at the place of the
    first of them, so that a page does not grow with the number of plans."""
    grouped = sum(1 for item in items if _plan_of_section(item)) > limit
    entries: list[tuple[int, Any]] = []
    all_plans = False
    for place, item in enumerate(items, 1):
        if grouped and _plan_of_section(item) and not item.active:
            if all_plans:
                continue
            all_plans, item = True, None
        entries.append((place, item))
    return entries


def on_env(env: Any, config: Any, files: Any) -> Any:
    # `tojson` (the pages' JSON-LD) writes Vietnamese letters as they are, not as \u escapes
    # three times their size; "<", ">", "&" and "'" are still escaped, so it stays data.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.filters["plansite_plan_id"] = _plan_of_section
    env.filters["plansite_menu"] = _menu
    return env


@event_priority(-200)
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """A hand-written page's Markdown with the status line under its title (a data page
    has it already, from ``plansite.render``)."""
    if "plansite_page" in page.meta:
        return markdown
    lang = edition(config)
    # "guide.en.md" is the English edition of "guide.md": the address is the page's own.
    path = page.file.src_uri.removesuffix(f".{lang}.md").removesuffix(".md") + ".md"
    return _renderer(config).with_status(markdown, PageRef("page", path), lang)
