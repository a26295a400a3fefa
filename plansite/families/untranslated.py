"""A plan's one page in an edition it is not translated into: it says so, and links to
the plan's pages in Vietnamese, the language the plan is written in. No page of the
plan's own text is made in that edition, so none can pass Vietnamese off as a translation."""

from __future__ import annotations

from plansite import routes
from plansite.families.base import Family, PageInput, PlanContext, plan_context, plan_sources
from plansite.languages import CODES
from plansite.load import SiteData
from plansite.routes import PageRef


def context(page: PageInput) -> PlanContext:
    return plan_context(page)


def title(page: PageInput) -> str:
    return page.t("untranslated_title", plan=page.words.plan_name(page.plan_data.id, page.lang))


def description(page: PageInput) -> str:
    return page.t("untranslated_description", plan=page.words.plan_name(page.plan_data.id, page.lang))


def _pages(site: SiteData, plan_id: str | None) -> list[PageRef]:
    """The notice page, where some edition lacks the plan's translation."""
    assert plan_id is not None
    page = routes.untranslated(plan_id)
    return [page] if _languages(site, page) else []


def _languages(site: SiteData, page: PageRef) -> tuple[str, ...]:
    assert page.plan is not None
    data = site.plans[page.plan]
    return tuple(code for code in CODES if not data.has(code))


FAMILY = Family[PlanContext](
    kind="untranslated",
    context=context,
    title=title,
    description=description,
    pages=_pages,
    sources=plan_sources("plan.yml"),
    per_plan=True,
    languages=_languages,
    edition_notice=False,
)
