"""A plan's full text, as the official document sets it out, numbering included. Its
headings and sub-tasks carry anchors from the data's ids, the same in every language,
so that the language switch (site.js) keeps the reader's place on this long page."""

from __future__ import annotations

import dataclasses

from plansite import routes
from plansite.families.base import Family, PageInput, PlanContext, plan_context, plan_sources
from plansite.load import SiteData
from plansite.opendata.listing import FileKind, ListedFile
from plansite.routes import PageRef
from plansite.seo import plan_page_description


@dataclasses.dataclass(frozen=True)
class FullTextContext(PlanContext):
    pdf: ListedFile | None  # the full text as a PDF document in the page's language (made by the build only)


def context(page: PageInput) -> FullTextContext:
    plan = plan_context(page)
    pdf = [f for f in page.data_files() if f.kind is FileKind.full_text and f.plan_id == plan.data.id and f.lang == page.lang]
    return FullTextContext(plan.data, plan.plan, plan.plan_name, next(iter(pdf), None))


def title(page: PageInput) -> str:
    return page.t("full_text_title")


def description(page: PageInput) -> str:
    body = page.plan_data.plan.title[page.lang]
    return plan_page_description(page.words, page.plan_data.id, title(page), body, page.lang)


def _pages(site: SiteData, plan_id: str | None) -> list[PageRef]:
    assert plan_id is not None
    return [routes.full_text(plan_id)]


FAMILY = Family(
    kind="full_text",
    context=context,
    title=title,
    description=description,
    pages=_pages,
    sources=plan_sources("plan.yml"),
    per_plan=True,
)
