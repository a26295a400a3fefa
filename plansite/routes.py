"""Every page of the site: what it shows and where its Markdown file lives.

Every page's address is made here, once: the families list their pages with
these constructors (``registry.all_pages``) and the templates link with them, so
a link can never point at a page that is not generated.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Collection, Iterable

from plansite import editions


class RouteConflict(Exception):
    """Two pages, or two open-data files, would be written to one path: a bug the checks
    missed (``id_problem`` refuses the ids that would do it), so the build stops."""


@dataclasses.dataclass(frozen=True)
class PageRef:
    """A page: its kind (the renderer's template), its parameters and its source path."""

    kind: str
    path: str
    plan: str | None = None
    area: str | None = None
    agency: str | None = None
    group: str | None = None

    def owner(self) -> str:
        """The page in words, for a message: "the agency page (agency 'index')"."""
        params = [f"{key} {value!r}" for key in ("plan", "area", "agency", "group") if (value := getattr(self, key))]
        return f"the {self.kind} page" + (f" ({', '.join(params)})" if params else "")

    def link(self, target: PageRef, anchor: str | None = None) -> str:
        """A relative link from this page's Markdown file to ``target``'s."""
        relative = posixpath.relpath(target.path, posixpath.dirname(self.path) or ".")
        return relative + (f"#{anchor}" if anchor else "")

    def href(self, target: PageRef, anchor: str | None = None) -> str:
        """A relative URL from this page's built address to ``target``'s, for raw HTML.

        MkDocs rewrites ``.md`` links only in Markdown; links inside HTML blocks must
        already be the built addresses (directory URLs), which stay within a language.
        """
        here, there = (editions.page_directory(p.path, editions.AUTHORITATIVE) or "." for p in (self, target))
        relative = posixpath.relpath(there, here)
        relative = "./" if relative == "." else relative + "/"
        return relative + (f"#{anchor}" if anchor else "")

    def edition_href(self, lang: str, target: PageRef, target_lang: str) -> str:
        """A relative URL from this page in ``lang`` to ``target`` in another edition."""
        here, there = editions.page_directory(self.path, lang) or ".", editions.page_directory(target.path, target_lang) or "."
        relative = posixpath.relpath(there, here)
        return "./" if relative == "." else relative + "/"

    def data_href(self, lang: str, file: str) -> str:
        """A relative URL from this page, in ``lang``, to an open-data file.

        The data is built once under ``data/`` at the site root while the English pages
        live under ``en/``, so the way up depends on the language.
        """
        here = editions.page_directory(self.path, lang)
        return "../" * (here.count("/") + 1 if here else 0) + f"{DATA_DIR}/{file}"


# Where ``python -m plansite export`` writes the open data, under the site root; beside
# the plans' folders, it holds the agencies' files and the duty sheets in folders of their own.
DATA_DIR = "data"
AGENCY_FILES = "agencies"
DUTY_SHEETS = "duty-sheets"
# MkDocs builds a folder's "index.md" as the folder's own page (the agencies' index, a
# plan's groups index), so no id may name a page "index".
INDEX = "index"


def id_problem(kind: str, page_id: str, languages: Collection[str]) -> str | None:
    """Why the id of a record of ``kind`` (plan, area, agency, group) cannot name its page
    or folder, or None. An agency's or a group's page is ``<id>.md`` beside an index page;
    an id ending in ".en" would make ``agencies/x.en.md``, which the i18n plugin reads as
    the English copy of ``agencies/x.md``; a plan's open data is in ``data/<plan>/`` beside
    the folders above."""
    if kind in ("agency", "group") and page_id == INDEX:
        return f"'{INDEX}' is the name of the page that lists every {kind}; choose another id"
    ending = page_id.rsplit(".", 1)[-1]
    if "." in page_id and ending in languages:
        return (
            f"an id ending in '.{ending}' would make a page the site reads as another page's copy in that language; choose another ending"
        )
    if kind == "plan" and page_id.split(".")[0] in (AGENCY_FILES, DUTY_SHEETS):
        return f"the open data already has a folder named {page_id.split('.')[0]!r}; choose another id"
    return None


def check_unique(paths: Iterable[tuple[str, str]]) -> None:
    """Raise ``RouteConflict`` when two of ``paths`` (path, what writes it) are the same,
    or one is a folder of another, naming both owners."""
    owners: dict[str, str] = {}
    for path, owner in paths:
        if path in owners:
            raise RouteConflict(f"two outputs would be written to {path}: {owners[path]} and {owner}")
        owners[path] = owner
    for path, owner in owners.items():
        for folder in (path[:i] for i, char in enumerate(path) if char == "/"):
            if folder in owners:
                raise RouteConflict(f"{owners[folder]} would be written to {folder}, where {owner} needs a folder")


def home() -> PageRef:
    return PageRef("home", "index.md")


def glossary() -> PageRef:
    return PageRef("glossary", "glossary.md")


def groups(plan: str) -> PageRef:
    return PageRef("groups", f"plans/{plan}/groups/index.md", plan=plan)


def group(plan: str, group_id: str) -> PageRef:
    return PageRef("group", f"plans/{plan}/groups/{group_id}.md", plan=plan, group=group_id)


def targets(plan: str) -> PageRef:
    return PageRef("targets", f"plans/{plan}/targets.md", plan=plan)


def area(plan: str, area_id: str) -> PageRef:
    return PageRef("area", f"plans/{plan}/area-{area_id}.md", plan=plan, area=area_id)


def implementation(plan: str) -> PageRef:
    return PageRef("implementation", f"plans/{plan}/implementation.md", plan=plan)


def documents(plan: str) -> PageRef:
    return PageRef("documents", f"plans/{plan}/documents.md", plan=plan)


def full_text(plan: str) -> PageRef:
    return PageRef("full_text", f"plans/{plan}/full-text.md", plan=plan)


def matrix(plan: str) -> PageRef:
    return PageRef("matrix", f"plans/{plan}/matrix.md", plan=plan)


def agencies() -> PageRef:
    return PageRef("agencies", "agencies/index.md")


def agency(agency_id: str) -> PageRef:
    return PageRef("agency", f"agencies/{agency_id}.md", agency=agency_id)


def downloads() -> PageRef:
    return PageRef("downloads", "downloads.md")


def dictionary() -> PageRef:
    return PageRef("dictionary", "data-dictionary.md")


def task_anchor(task_id: str) -> str:
    return "task-" + task_id.replace(".", "-")


def status_anchor(plan_id: str) -> str:
    """Where the home page explains a plan's status, with its sources."""
    return f"status-{plan_id}"


def target_anchor(target_id: str) -> str:
    return f"target-{target_id}"


def untranslated(plan: str) -> PageRef:
    """A plan's page in an edition it is not translated into: what there is, in Vietnamese."""
    return PageRef("untranslated", f"plans/{plan}/index.md", plan=plan)
