"""A plan's objectives: the general objective, every specific target with its reading, the vision."""

from __future__ import annotations

from plansite import routes
from plansite.families.base import Family, PageInput, PlanContext, plan_context, plan_sources
from plansite.load import SiteData
from plansite.routes import PageRef
from plansite.seo import plan_page_description


def context(page: PageInput) -> PlanContext:
    return plan_context(page)


def title(page: PageInput) -> str:
    return page.t("targets_title")


def description(page: PageInput) -> str:
    body = page.plan_data.plan.objectives.general.text[page.lang]
    return plan_page_description(page.words, page.plan_data.id, title(page), body, page.lang)


def _pages(site: SiteData, plan_id: str | None) -> list[PageRef]:
    assert plan_id is not None
    return [routes.targets(plan_id)]


FAMILY = Family(
    kind="targets",
    context=context,
    title=title,
    description=description,
    pages=_pages,
    sources=plan_sources("targets.yml"),
    per_plan=True,
)
