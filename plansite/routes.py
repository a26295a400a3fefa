"""Every page of the site: what it shows and where its Markdown file lives.

Every page's address is made here, once: the families list their pages with
these constructors (``registry.all_pages``) and the templates link with them, so
a link can never point at a page that is not generated.
"""

from __future__ import annotations

import dataclasses
import posixpath

from plansite import editions


@dataclasses.dataclass(frozen=True)
class PageRef:
    """A page: its kind (the renderer's template), its parameters and its source path."""

    kind: str
    path: str
    plan: str | None = None
    area: str | None = None
    agency: str | None = None
    group: str | None = None

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


# Where ``python -m plansite export`` writes the open data, under the site root.
DATA_DIR = "data"


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
