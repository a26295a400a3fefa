"""One task area of section III: its sub-tasks, each with its lead, coordinating agencies and timeline."""

from __future__ import annotations

import dataclasses

from plansite import routes
from plansite.families.base import Family, PageInput, PlanContext, plan_context
from plansite.load import SiteData
from plansite.models import Area
from plansite.routes import PageRef
from plansite.seo import plan_page_description


@dataclasses.dataclass(frozen=True)
class AreaContext(PlanContext):
    area: Area


def _area(page: PageInput) -> Area:
    return next(a for a in page.plan_data.tasks.areas if a.id == page.ref.area)


def context(page: PageInput) -> AreaContext:
    plan = plan_context(page)
    return AreaContext(plan.data, plan.plan, plan.plan_name, _area(page))


def title(page: PageInput) -> str:
    area = _area(page)
    return f"{area.number} {area.title[page.lang]}"


def description(page: PageInput) -> str:
    body = _area(page).blocks[0].tasks[0].text[page.lang]
    return plan_page_description(page.words, page.plan_data.id, title(page), body, page.lang)


def _pages(site: SiteData, plan_id: str | None) -> list[PageRef]:
    assert plan_id is not None
    return [routes.area(plan_id, area.id) for area in site.plans[plan_id].tasks.areas]


FAMILY = Family(kind="area", context=context, title=title, description=description, pages=_pages, per_plan=True)
