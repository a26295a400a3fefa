"""A plan's responsibility matrix: agencies by sub-task, each cell lead or coordinate."""

from __future__ import annotations

import dataclasses

from plansite import routes
from plansite.duties import Role, members, plan_duties
from plansite.families.base import REFERENCE, Family, PageInput, PlanContext, plan_context, plan_sources
from plansite.load import SiteData
from plansite.models import Task
from plansite.routes import PageRef
from plansite.seo import plan_page_description


@dataclasses.dataclass(frozen=True)
class MatrixContext(PlanContext):
    tasks: list[tuple[str, Task]]  # (area id, sub-task), the columns
    cells: dict[str, dict[str, Role]]  # agency id -> sub-task id -> role, the rows
    collectives: list[str]
    editors_numbers: bool  # some columns are numbers the editors gave ("[5.1]")


def context(page: PageInput) -> MatrixContext:
    plan = plan_context(page)
    tasks = [(area_id, task) for area_id, _, task in plan.data.all_tasks()]
    cells: dict[str, dict[str, Role]] = {}
    for agency_id in page.site.agencies:
        roles: dict[str, Role] = {
            d.task.id: d.role for d in plan_duties(page.site, plan.data, agency_id).tasks if d.role in (Role.lead, Role.coordinate)
        }
        if roles:
            cells[agency_id] = roles
    collectives = [a for a in cells if members(page.site, a)]
    editors_numbers = any(not task.numbered for _, task in tasks)
    return MatrixContext(plan.data, plan.plan, plan.plan_name, tasks, cells, collectives, editors_numbers)


def title(page: PageInput) -> str:
    return page.t("matrix_title")


def description(page: PageInput) -> str:
    return plan_page_description(page.words, page.plan_data.id, title(page), page.t("matrix_intro"), page.lang)


def _pages(site: SiteData, plan_id: str | None) -> list[PageRef]:
    assert plan_id is not None
    return [routes.matrix(plan_id)]


FAMILY = Family(
    kind="matrix",
    context=context,
    title=title,
    description=description,
    pages=_pages,
    sources=plan_sources("tasks.yml"),
    per_plan=True,
    search_weight=REFERENCE,
)
