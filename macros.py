"""mkdocs-macros entry point: registers the ``plansite_page`` and ``plansite_edition_notice`` macros.

All loading and rendering lives in the ``plansite`` package, which does not import
MkDocs; this file is the only bridge, so a move to another generator replaces it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from plansite import registry
from plansite.load import load_site
from plansite.render import Renderer
from plansite.source import DataError

DATA = Path(os.environ.get("PLANSITE_DATA", Path(__file__).parent / "data"))


def define_env(env: Any) -> None:
    # Loaded once per build (static-i18n runs one build per language); a DataError
    # here stops the build with every problem listed.
    try:
        site = load_site(DATA)
    except DataError as err:
        raise PluginError(str(err)) from None
    renderer = Renderer(site, site_url=env.conf.get("site_url"))
    pages = {page.path: page for page in registry.all_pages(site)}

    @env.macro  # type: ignore[untyped-decorator]
    def plansite_page(path: str, lang: str) -> str:
        return renderer.render(pages[path], lang)

    # For hand-written translated pages (data pages get the notice from render):
    # {{ plansite_edition_notice("guide.md", "en") }} under the page's title.
    @env.macro  # type: ignore[untyped-decorator]
    def plansite_edition_notice(path: str, lang: str) -> str:
        return renderer.edition_notice(path, lang)
