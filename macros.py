"""mkdocs-macros entry point: renders the data pages, and registers one macro for
hand-written pages.

The data pages' stubs (written by ``python -m plansite pages``) hold front matter
only; ``on_post_page_macros`` puts the page's Markdown, rendered by ``plansite``
from the data, in their place. mkdocs-macros renders no page that does not opt in
(``render_by_default: false`` in mkdocs.yml), so the data never passes through its
Jinja: a ``{{ … }}`` typed into a title or a text stays text. Hand-written pages
that call a macro opt in with ``render_macros: true``.

All loading and rendering lives in the ``plansite`` package, which does not import
MkDocs; this file and ``hooks.py`` (each language's name, frame and menu) are the only
bridge, so a move to another generator replaces them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from plansite import registry
from plansite.build import cached_renderer
from plansite.languages import CODES
from plansite.models import MissingText
from plansite.render import Renderer
from plansite.source import DataError

# The data the site is built from: the copy `python -m plansite build` validated.
DATA = Path(os.environ.get("PLANSITE_DATA", Path(__file__).parent / "build" / "data"))


# The renderer of the build under way: define_env runs once per build (and per language),
# and reloads the data only when it changed; the pages then reuse it, rather than look
# at every data file again for each page (which grew with the number of plans).
_renderer: Renderer | None = None


def define_env(env: Any) -> None:
    global _renderer
    try:
        renderer = cached_renderer(DATA, env.conf.get("site_url"))
    except DataError as err:
        raise PluginError(str(err)) from None
    _renderer = renderer
    env.variables["plansite_pages"] = {page.path: page for page in registry.all_pages(renderer.site)}

    # For hand-written translated pages (data pages get the notice from render):
    # {{ plansite_edition_notice("guide.md", "en") }} under the page's title.
    @env.macro  # type: ignore[untyped-decorator]
    def plansite_edition_notice(path: str, lang: str) -> str:
        return renderer.edition_notice(path, lang)


def on_post_page_macros(env: Any) -> None:
    """A data page's body, rendered from the data; other pages are left as they are."""
    meta = env.page.meta
    if "plansite_page" not in meta:
        return
    renderer = _renderer
    assert renderer is not None, "define_env runs before any page"
    page = env.variables["plansite_pages"].get(meta["plansite_page"])
    if page is None or meta.get("plansite_lang") not in CODES:
        raise PluginError(f"{env.page.file.src_path}: no page {meta['plansite_page']!r} in the data; run `make build` again")
    try:
        env.markdown = renderer.render(page, meta["plansite_lang"])
    except MissingText as err:
        # A page published in a language one of its texts is not translated into: a gap
        # the check does not cover yet. Named, never a traceback.
        raise PluginError(f"{env.page.file.src_path}: {err}; translate it, or do not publish the page in that language") from None
