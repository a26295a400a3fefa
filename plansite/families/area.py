"""One task area of section III: its sub-tasks, each with its lead, coordinating agencies and timeline."""

from __future__ import annotations

import dataclasses

from plansite import routes
from plansite.families.base import Family, MenuSection, PageInput, PlanContext, plan_context, plan_sources
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


def menu_label(page: PageInput) -> str:
    """A short label from site.yml (the editors' words, with the area's number), where there is one."""
    area = _area(page)
    guide = page.site.settings.plans.get(page.plan_data.id)
    label = guide.areas.get(area.id) if guide else None
    return f"{area.number} {label[page.lang]}" if label else title(page)


def _pages(site: SiteData, plan_id: str | None) -> list[PageRef]:
    assert plan_id is not None
    return [routes.area(plan_id, area.id) for area in site.plans[plan_id].tasks.areas]


FAMILY = Family(
    kind="area",
    context=context,
    title=title,
    description=description,
    pages=_pages,
    sources=plan_sources("tasks.yml"),
    per_plan=True,
    menu_label=menu_label,
    menu_section=MenuSection("areas", lambda words, plan_id, lang: words.areas_heading(plan_id, lang)),
)
