"""Write the Markdown stubs and the navigation that the site generator reads.

MkDocs (and its i18n plugin) only builds pages that exist as files, so every page
in ``registry.all_pages`` gets a stub per language that calls the ``plansite_page``
macro, and ``build/nav.yml`` lists them in order. Both are written from the data
on every build (``make build``), so a new plan folder needs no code change.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from plansite import dates, registry, routes
from plansite.load import SiteData
from plansite.render import Renderer
from plansite.seo import legislation

MANIFEST = "generated.txt"  # beside the nav file: the stubs the last run wrote
GUIDE = "guide.md"  # the editor's guide, docs/guide.md and docs/guide.en.md
STUB = """---
title: {title}
description: {description}
revision_date: {updated}
{extra}---

{{{{ plansite_page({path}, {lang}) }}}}
"""


def localized(path: str, lang: str) -> str:
    """The file of ``path`` for ``lang``: Vietnamese is the default, English has ``.en.md``."""
    return path if lang == "vi" else path[: -len(".md")] + f".{lang}.md"


def write_pages(site: SiteData, docs_dir: Path, nav_file: Path) -> list[Path]:
    """Write every page stub under ``docs_dir`` and the navigation; return the files written."""
    renderer = Renderer(site)
    manifest = nav_file.parent / MANIFEST
    # Remove what the previous run wrote, so a page whose data is gone does not linger.
    if manifest.is_file():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            (docs_dir / line).unlink(missing_ok=True)
    written = []
    for page in registry.all_pages(site):
        updated = dates.last_changed(dates.page_sources(site, page))
        for lang in ("vi", "en"):
            target = docs_dir / localized(page.path, lang)
            target.parent.mkdir(parents=True, exist_ok=True)
            # json.dumps gives a valid YAML scalar; the title is HTML-escaped because
            # themes print it unescaped in <title> and the navigation.
            title, description = (
                json.dumps(escape(text, quote=False), ensure_ascii=False)
                for text in (renderer.title(page, lang), renderer.description(page, lang))
            )
            # Plan pages carry the plan as schema.org/Legislation for the theme to print as JSON-LD.
            extra = f"jsonld: {json.dumps(legislation(renderer.words, page.plan, lang), ensure_ascii=False)}\n" if page.plan else ""
            # Material shows `revision_date` at the foot of the page.
            updated_text = (
                renderer.words.t(lang, "data_updated", date=renderer.words.date(updated, lang))
                if updated
                else renderer.words.t(lang, "data_updated_unknown")
            )
            stub = STUB.format(
                title=title,
                description=description,
                updated=json.dumps(escape(updated_text, quote=False), ensure_ascii=False),
                extra=extra,
                path=json.dumps(page.path),
                lang=json.dumps(lang),
            )
            target.write_text(stub, encoding="utf-8")
            written.append(target)
    nav_file.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text("".join(f"{path.relative_to(docs_dir).as_posix()}\n" for path in written), encoding="utf-8")
    nav_file.write_text(json.dumps({"nav": navigation(site)}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return written


def navigation(site: SiteData) -> list[object]:
    """The site's navigation: page paths only, so each language shows its own titles.

    A plan's section is named by its number, the same in both languages.
    """
    nav: list[object] = [routes.home().path]
    for plan_id, data in site.plans.items():
        nav.append({data.plan.number: [page.path for page in registry.plan_pages(site, plan_id)]})
    # One page per agency is too many for the menu: they are reached from the index.
    nav += [routes.agencies().path, routes.downloads().path, routes.dictionary().path, routes.glossary().path]
    # Hand-written pages (docs/), after the generated ones.
    nav.append(GUIDE)
    return nav
