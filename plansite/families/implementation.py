"""Section IV of a plan: who implements it, and the yearly report with its due date."""

from __future__ import annotations

import dataclasses

from plansite import routes
from plansite.families.base import Family, PageInput, PlanContext, plan_context, plan_sources
from plansite.load import SiteData
from plansite.routes import PageRef
from plansite.seo import plan_page_description


@dataclasses.dataclass(frozen=True)
class ImplementationContext(PlanContext):
    reporting_due: str


def context(page: PageInput) -> ImplementationContext:
    plan = plan_context(page)
    return ImplementationContext(
        plan.data,
        plan.plan,
        plan.plan_name,
        reporting_due=page.words.reporting_due(plan.data.id, page.lang),
    )


def title(page: PageInput) -> str:
    return page.t("implementation_title")


def description(page: PageInput) -> str:
    body = page.plan_data.plan.implementation.items[0].text[page.lang]
    return plan_page_description(page.words, page.plan_data.id, title(page), body, page.lang)


def _pages(site: SiteData, plan_id: str | None) -> list[PageRef]:
    assert plan_id is not None
    return [routes.implementation(plan_id)]


FAMILY = Family(
    kind="implementation",
    context=context,
    title=title,
    description=description,
    pages=_pages,
    sources=plan_sources("plan.yml"),
    per_plan=True,
)
