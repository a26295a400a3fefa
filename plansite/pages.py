"""Write the page stubs and the navigation that the site generator reads.

MkDocs (and its i18n plugin) only builds pages that exist as files, so every page
in ``registry.all_pages`` gets a stub per language, and ``build/nav.yml`` lists them
in order. Both are written from the data on every build, so a new plan folder needs
no code change.

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

import yaml

from plansite import dates, limits, registry, routes
from plansite.load import SiteData
from plansite.opendata.dictionary import COLUMNS_FILE
from plansite.render import Renderer
from plansite.routes import PageRef
from plansite.seo import legislation

MANIFEST = "generated.txt"  # beside the nav file: the stubs the last run wrote
GUIDE = "guide.md"  # the editor's guide, docs/guide.md and docs/guide.en.md (linked from the footer)
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
    return path if lang == "vi" else path[: -len(".md")] + f".{lang}.md"


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` unless it already holds exactly that (a live preview
    then rebuilds only when something changed); True when written."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def write_pages(site: SiteData, docs_dir: Path, nav_file: Path) -> list[Path]:
    """Write every page stub under ``docs_dir`` and the navigation; return the stubs."""
    renderer = Renderer(site)
    words = renderer.words
    pages = list(registry.all_pages(site))
    # Two pages on one path would silently leave one of them out of the site.
    routes.check_unique((localized(page.path, lang), page.owner()) for page in pages for lang in ("vi", "en"))
    stubs: dict[Path, str] = {}
    for page in pages:
        updated = dates.last_changed(dates.page_sources(site, page))
        for lang in ("vi", "en"):
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
            if page.plan:
                # The plan as schema.org/Legislation, printed by the theme as JSON-LD (tojson escapes it for <script>).
                fields["jsonld"] = legislation(words, page.plan, lang)
            stubs[docs_dir / localized(page.path, lang)] = front_matter(fields)
    # Remove what the previous run wrote and this one does not, so a page whose data is gone does not linger.
    manifest = nav_file.parent / MANIFEST
    if manifest.is_file():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            if docs_dir / line not in stubs:
                (docs_dir / line).unlink(missing_ok=True)
    for path, text in stubs.items():
        write_if_changed(path, text)
    nav_file.parent.mkdir(parents=True, exist_ok=True)
    write_if_changed(manifest, "".join(f"{path.relative_to(docs_dir).as_posix()}\n" for path in stubs))
    # The menu in Vietnamese; macros.py relabels it for each other language (navigation(renderer, lang)).
    write_if_changed(nav_file, menu_text(navigation(renderer)))
    return list(stubs)


def menu_text(nav: list[object]) -> str:
    """The menu as the YAML file MkDocs reads (``INHERIT``), written by PyYAML, the library
    MkDocs reads it with: a label of any length is written so that it parses (YAML's
    implicit keys end at 1024 characters; longer ones are written as explicit ``? `` keys)."""
    return yaml.safe_dump({"nav": nav}, allow_unicode=False, sort_keys=False, width=1_000_000)


def source_file(site: SiteData, page: PageRef) -> str:
    """The data file in the repository that holds what ``page`` says: the one an editor
    opens to change it. Pages made of all the data (the downloads) name the folder, with
    a final "/"; the data dictionary's meanings are in the package (opendata/columns.yml)."""
    if page.kind == "dictionary":
        return COLUMNS_FILE.resolve().relative_to(REPOSITORY).as_posix()
    plans = site.plans
    data_dir = next(iter(plans.values())).folder.parents[1]
    # The home page's document box, status and timeline come from the (first) plan's file.
    plan_folder = plans[page.plan].folder if page.plan is not None else next(iter(plans.values())).folder
    files = {
        "targets": plan_folder / "targets.yml",
        "area": plan_folder / "tasks.yml",
        "matrix": plan_folder / "tasks.yml",
        "agencies": data_dir / "agencies.yml",
        "agency": data_dir / "agencies.yml",
        "glossary": data_dir / "glossary.yml",
        "groups": plan_folder / "groups.yml",
        "group": plan_folder / "groups.yml",
    }
    if page.kind in files:
        path = files[page.kind]
    elif page.plan is not None or page.kind == "home":
        path = plan_folder / "plan.yml"
    else:
        return DATA_FOLDER + "/"
    return "/".join((DATA_FOLDER, *path.relative_to(data_dir).parts))


def menu_label(renderer: Renderer, page: PageRef, lang: str) -> str:
    """A page's label in the menu: short, where its title is long (a task area's label from
    site.yml, with its number); the full title stays on the page itself."""
    site = renderer.site
    if page.kind == "area" and page.plan is not None and page.area is not None:
        area = next(area for area in site.plans[page.plan].tasks.areas if area.id == page.area)
        guide = site.settings.plans.get(page.plan)
        label = guide.areas.get(area.id) if guide else None
        return f"{area.number} {label[lang]}" if label else renderer.title(page, lang)
    if page.kind == "glossary":
        return renderer.words.t(lang, "menu_glossary")
    return renderer.title(page, lang)


def menu_cut(label: str) -> str:
    """A label as the menu shows it: at most ``limits.MENU_LABEL`` characters, cut with "…".
    Every page's menu lists every label, so a long one would weigh on every page."""
    return label if len(label) <= limits.MENU_LABEL else label[: limits.MENU_LABEL - 1].rstrip() + "…"


def navigation(renderer: Renderer, lang: str = "vi") -> list[object]:
    """The site's menu in ``lang``: each page with its short label, a plan's pages under
    the plan's name with its task areas together, then the site-wide pages.

    Every label is escaped for the theme, which prints them as they are. The editor's
    guide is not in the readers' menu: the footer links to it (mkdocs.yml, not_in_nav).
    """
    site = renderer.site

    def entry(page: PageRef) -> dict[str, str]:
        return {theme_text(menu_cut(menu_label(renderer, page, lang))): page.path}

    nav: list[object] = [entry(routes.home())]
    for plan_id in site.plans:
        pages: list[object] = []
        # Pages of one kind kept together under a heading: the groups of people (their
        # index first) and the task areas.
        sections: dict[str, list[object]] = {}
        headings = {"groups": renderer.words.t(lang, "groups_title"), "area": renderer.words.areas_heading(plan_id, lang)}
        for page in registry.plan_pages(site, plan_id):
            kind = "groups" if page.kind in ("groups", "group") else page.kind
            if kind in headings:
                if kind not in sections:
                    sections[kind] = []
                    pages.append({theme_text(headings[kind]): sections[kind]})
                sections[kind].append(entry(page))
            else:
                pages.append(entry(page))
        nav.append({theme_text(menu_cut(renderer.words.plan_name(plan_id, lang))): pages})
    # One page per agency is too many for the menu: they are reached from the index.
    nav += [entry(routes.agencies()), entry(routes.downloads()), entry(routes.dictionary()), entry(routes.glossary())]
    return nav
