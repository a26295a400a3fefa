"""The chain of documents a plan implements, with numbers and dates as the plan cites them."""

from __future__ import annotations

from plansite import routes
from plansite.families.base import Family, PageInput, PlanContext, plan_context, plan_sources
from plansite.load import SiteData
from plansite.routes import PageRef
from plansite.seo import plan_page_description


def context(page: PageInput) -> PlanContext:
    return plan_context(page)


def title(page: PageInput) -> str:
    return page.t("documents_title")


def description(page: PageInput) -> str:
    return plan_page_description(page.words, page.plan_data.id, title(page), page.t("documents_intro"), page.lang)


def _pages(site: SiteData, plan_id: str | None) -> list[PageRef]:
    assert plan_id is not None
    return [routes.documents(plan_id)]


FAMILY = Family(
    kind="documents",
    context=context,
    title=title,
    description=description,
    pages=_pages,
    sources=plan_sources("plan.yml"),
    per_plan=True,
)
