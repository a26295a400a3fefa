"""What every page family is made of, and what its builders are given.

A family (``Family``) is one kind of page, and every fact about that kind is on it:
its template, the function that works out what the page shows (a typed context, one
dataclass per family), its title and its one-sentence description, the pages of that
kind the data calls for and in which languages, the data files they are made from
(what "Sửa trang này" opens, and what dates the page), its place in the menu, what
its search results count for and the readers' words it is searched by. The page builders (``pages``, ``render``, ``build``,
``search``) read these facts and know no family by name.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from plansite import editions
from plansite.languages import CODES
from plansite.load import PlanData, SiteData
from plansite.models import Plan
from plansite.opendata.listing import ListedFile
from plansite.routes import PageRef
from plansite.wording import Wording


@dataclasses.dataclass(frozen=True)
class PageInput:
    """One page in one language, with what its builders may read."""

    site: SiteData
    ref: PageRef
    lang: str
    words: Wording
    data_files: Callable[[], list[ListedFile]]  # the open-data files, made once per site on first use
    site_url: str | None = None

    def t(self, key: str, **values: object) -> str:
        return self.words.t(self.lang, key, **values)

    @property
    def plan_data(self) -> PlanData:
        assert self.ref.plan is not None, f"{self.ref.kind} is not a plan page"
        return self.site.plans[self.ref.plan]

    def address(self) -> str:
        """The page's full address (printed on paper); site-relative without a site_url."""
        base = self.site_url.rstrip("/") + "/" if self.site_url else "/"
        directory = editions.page_directory(self.ref.path, self.lang)
        return base + (directory + "/" if directory else "")


@dataclasses.dataclass(frozen=True)
class PlanContext:
    """What every page of one plan shows: the plan and its name."""

    data: PlanData
    plan: Plan
    plan_name: str


def plan_context(page: PageInput) -> PlanContext:
    data = page.plan_data
    return PlanContext(data, data.plan, page.words.plan_name(data.id, page.lang))


if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    Context = TypeVar("Context", bound=DataclassInstance)
else:
    Context = TypeVar("Context")

# What the search results of a reading aid count for (the groups of people, the matrix,
# the glossary, the downloads, the guide): they repeat the plan's words in rows and under
# titles of their own, and a reader who types a term wants what the plan says first.
REFERENCE = 0.5

# What a family's pages are made from: the data files (or folders) under data/, the
# first being the one "Sửa trang này" opens.
Sources = Callable[[SiteData, PageRef], list[Path]]


def plan_sources(*names: str) -> Sources:
    """A plan page's data: the files ``names`` in the plan's folder (the first is the one
    to edit), then the whole folder and the site-wide files every plan page names."""

    def sources(site: SiteData, page: PageRef) -> list[Path]:
        assert page.plan is not None, f"{page.kind} is not a plan page"
        folder = site.plans[page.plan].folder
        return [*(folder / name for name in names), folder, site.data_dir / "agencies.yml", site.data_dir / "units.yml"]

    return sources


def site_sources(*names: str) -> Sources:
    """A site-wide page's data: ``names`` under data/ ("" for the whole folder)."""

    def sources(site: SiteData, page: PageRef) -> list[Path]:
        return [site.data_dir / name if name else site.data_dir for name in names]

    return sources


@dataclasses.dataclass(frozen=True)
class MenuSection:
    """Several families' pages listed together in a plan's menu, under one heading
    (the groups of people, their index first; the task areas)."""

    key: str
    heading: Callable[[Wording, str, str], str]  # (words, plan id, language)


@dataclasses.dataclass(frozen=True)
class Family(Generic[Context]):
    """A kind of page. ``pages`` is given the site and, for a family with ``per_plan``, a plan id."""

    kind: str
    context: Callable[[PageInput], Context]
    title: Callable[[PageInput], str]
    description: Callable[[PageInput], str]
    pages: Callable[[SiteData, str | None], list[PageRef]]
    sources: Sources
    # One page per plan (under the plan's heading in the menu), or pages of the site.
    per_plan: bool = False
    # The label in the menu, where the title is too long for it.
    menu_label: Callable[[PageInput], str] | None = None
    menu_section: MenuSection | None = None
    # Pages reached from another page (an agency from the agencies' index), not the menu.
    in_menu: bool = True
    # What the page's search results count for (a reading aid's less than the plan's text).
    search_weight: float = 1.0
    # The words readers use for a page in a language that the page need not hold (the
    # editors' data): the site search finds the page by them as by its title.
    search_terms: Callable[[SiteData, PageRef, str], tuple[str, ...]] | None = None
    # The editions a page exists in; by default a plan's page exists in the plan's
    # languages (``PlanData.has``) and a site page in every one.
    languages: Callable[[SiteData, PageRef], tuple[str, ...]] | None = None
    # A translated page opens with the notice that the Vietnamese text is the official one.
    edition_notice: bool = True
    # The page opens with where the documents stand (``render.Renderer.status``); the home
    # page says it in its document box instead.
    status_line: bool = True

    @property
    def template(self) -> str:
        return f"{self.kind}.md.j2"

    def editions(self, site: SiteData, page: PageRef) -> tuple[str, ...]:
        """The languages ``page`` is published in."""
        if self.languages is not None:
            return self.languages(site, page)
        if page.plan is not None:
            data = site.plans[page.plan]
            return tuple(code for code in CODES if data.has(code))
        return CODES

    def label(self, page: PageInput) -> str:
        return self.menu_label(page) if self.menu_label is not None else self.title(page)


# The pages by group of people, under one heading in a plan's menu.
GROUPS_SECTION = MenuSection("groups", lambda words, plan_id, lang: words.t(lang, "groups_title"))

# The registry's table holds families of every context type.
AnyFamily = Family[Any]
