"""What every page family is made of, and what its builders are given.

A family (``Family``) is one kind of page: its template, the function that works
out what the page shows (a typed context, one dataclass per family), its title and
its one-sentence description, and the pages of that kind the data calls for.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from plansite import editions
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


@dataclasses.dataclass(frozen=True)
class Family:
    """A kind of page. ``pages`` is given the site and, for a family with ``per_plan``, a plan id."""

    kind: str
    context: Callable[[PageInput], object]
    title: Callable[[PageInput], str]
    description: Callable[[PageInput], str]
    pages: Callable[[SiteData, str | None], list[PageRef]]
    per_plan: bool = False

    @property
    def template(self) -> str:
        return f"{self.kind}.md.j2"
