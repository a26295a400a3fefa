"""Write the page stubs, and make the menu, that the site generator reads.

MkDocs (and its i18n plugin) only builds pages that exist as files, so every page
in ``registry.all_pages`` gets a stub in each language it is published in
(``registry.editions``), and ``navigation`` lists them in order, per language (the
hooks hand it to MkDocs for each edition). Both are made from the data on every
build, so a new plan folder needs no code change.

A stub is front matter only: what the theme prints around the page (title,
description, date, JSON-LD, the data file "Sửa trang này" edits) and which page it is
(``plansite_page``, ``plansite_lang``). It holds no Jinja: ``macros.py`` fills in the body from the data
after mkdocs-macros has run, and mkdocs-macros renders no page that does not opt in
(``render_by_default: false``), so no text from the data is ever evaluated as a
template, titles included.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from pathlib import Path

from plansite import dates, editions, limits, registry, routes
from plansite.editions import AUTHORITATIVE
from plansite.languages import CODES
from plansite.load import SiteData
from plansite.render import Renderer
from plansite.routes import PageRef
from plansite.seo import legislation

MANIFEST = "generated.txt"  # in the build's work folder: the stubs the last run wrote
# The editor's guide, hand-written in three pages (docs/guide.md, docs/guide-2.md: on a
# computer and the usual tasks, docs/guide-3.md: the check's messages; guide.en.md… in
# English), each within the page-weight budget: the footer links to the first, which leads on.
GUIDE = ("guide.md", "guide-2.md", "guide-3.md")
DATA_FOLDER = "data"  # where the data files are in the repository
REPOSITORY = Path(__file__).resolve().parents[1]  # the repository's root, beside plansite/


def theme_text(text: str) -> str:
    """Text the theme prints as HTML without escaping it (titles, navigation labels,
    descriptions, the date line): HTML-escaped, and with braces written as character
    references, so that not even a template engine that ran over it could find a
    ``{{``, ``{%`` or ``{#`` in it. Browsers show the characters themselves."""
    return escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")


def front_matter(fields: Mapping[str, object]) -> str:
    """YAML front matter in which every value is JSON (a subset of YAML), ASCII only,
    so no character of the data can end a value or start a key."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=True, sort_keys=True)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


def localized(path: str, lang: str) -> str:
    """The file of ``path`` for ``lang``: Vietnamese is the default, English has ``.en.md``."""
    return path if lang == AUTHORITATIVE else path[: -len(".md")] + f".{lang}.md"


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` unless it already holds exactly that (a live preview
    then rebuilds only when something changed); True when written."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def write_pages(site: SiteData, docs_dir: Path, work_dir: Path) -> list[Path]:
    """Write every page stub under ``docs_dir`` (and, in ``work_dir``, the list of them);
    return the stubs."""
    renderer = Renderer(site)
    words = renderer.words
    pages = list(registry.all_pages(site))
    # Two pages on one path would silently leave one of them out of the site.
    routes.check_unique((localized(page.path, lang), page.owner()) for page in pages for lang in registry.editions(site, page))
    stubs: dict[Path, str] = {}
    for page in pages:
        updated = dates.last_changed(registry.FAMILIES[page.kind].sources(site, page))
        for lang in registry.editions(site, page):
            fields: dict[str, object] = {
                "title": theme_text(renderer.title(page, lang)),
                "description": theme_text(renderer.description(page, lang)),
                # Material shows `revision_date` at the foot of the page.
                "revision_date": theme_text(
                    words.t(lang, "data_updated", date=words.date(updated, lang)) if updated else words.t(lang, "data_updated_unknown")
                ),
                "plansite_page": page.path,
                "plansite_lang": lang,
                # What "Sửa trang này" opens in the repository.
                "plansite_source": source_file(site, page),
            }
            if page.plan and site.plans[page.plan].has(lang):
                # The plan as schema.org/Legislation, printed by the theme as JSON-LD (tojson escapes it for <script>).
                fields["jsonld"] = legislation(words, page.plan, lang)
            if page.plan and (missing := [code for code in CODES if code not in registry.editions(site, page)]):
                # The language menu leads a plan's page to the plan's notice in an edition
                # it is not translated into (site-relative addresses, as static-i18n's own).
                notice = routes.untranslated(page.plan)
                fields["plansite_alternates"] = {code: editions.page_directory(notice.path, code) + "/" for code in missing}
            stubs[docs_dir / localized(page.path, lang)] = front_matter(fields)
    # Remove what the previous run wrote and this one does not, so a page whose data is gone does not linger.
    manifest = work_dir / MANIFEST
    if manifest.is_file():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            if docs_dir / line not in stubs:
                (docs_dir / line).unlink(missing_ok=True)
    for path, text in stubs.items():
        write_if_changed(path, text)
    work_dir.mkdir(parents=True, exist_ok=True)
    write_if_changed(manifest, "".join(f"{path.relative_to(docs_dir).as_posix()}\n" for path in stubs))
    return list(stubs)


def source_file(site: SiteData, page: PageRef) -> str:
    """The file in the repository that holds what ``page`` says: the one an editor opens
    to change it (its family's first source). A folder (the downloads, made of all the
    data) ends with "/"."""
    path = registry.FAMILIES[page.kind].sources(site, page)[0]
    if path.is_relative_to(site.data_dir):
        parts = (DATA_FOLDER, *path.relative_to(site.data_dir).parts)
    else:
        parts = path.resolve().relative_to(REPOSITORY).parts
    return "/".join(parts) + ("/" if path.is_dir() else "")


def menu_cut(label: str) -> str:
    """A label as the menu shows it: at most ``limits.MENU_LABEL`` characters, cut with "…".
    Every page's menu lists every label, so a long one would weigh on every page."""
    return label if len(label) <= limits.MENU_LABEL else label[: limits.MENU_LABEL - 1].rstrip() + "…"


def navigation(renderer: Renderer, lang: str) -> list[object]:
    """The site's menu in ``lang``: each page published in ``lang`` with its short label
    (``Family.label``), a plan's pages under the plan's name, those of one menu section
    (``Family.menu_section``) together under its heading, then the site-wide pages; the
    pages of families not in the menu are left out.

    Every label is escaped for the theme, which prints them as they are. The editor's
    guide is not in the readers' menu: the footer links to it (mkdocs.yml, not_in_nav).
    """
    site = renderer.site
    words = renderer.words

    def entry(page: PageRef) -> dict[str, str]:
        label = registry.FAMILIES[page.kind].label(renderer.page_input(page, lang))
        return {theme_text(menu_cut(label)): page.path}

    nav: list[object] = []
    listed: set[str | None] = set()
    for page in registry.pages_in(site, lang):
        family = registry.FAMILIES[page.kind]
        if not family.in_menu:
            continue
        if page.plan is None:
            nav.append(entry(page))
            continue
        if page.plan not in listed:
            listed.add(page.plan)
            plan_entries: list[object] = []
            sections: dict[str, list[object]] = {}
            nav.append({theme_text(menu_cut(words.plan_name(page.plan, lang))): plan_entries})
        section = family.menu_section
        if section is None:
            plan_entries.append(entry(page))
            continue
        if section.key not in sections:
            sections[section.key] = []
            plan_entries.append({theme_text(section.heading(words, page.plan, lang)): sections[section.key]})
        sections[section.key].append(entry(page))
    return nav
