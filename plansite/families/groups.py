"""The index of a plan's groups of people: each group with its name, the editors'
summary and how many targets and sub-tasks concern it (in words when it is none), the
whole reading-aid notice the group pages link to, and the items that concern no
particular group."""

from __future__ import annotations

import dataclasses

from plansite import routes
from plansite.families.base import GROUPS_SECTION, REFERENCE, Family, PageInput, PlanContext, plan_context, plan_sources
from plansite.families.group import GroupItemsInPlan, in_plan, plan_groups
from plansite.load import SiteData
from plansite.models import Group
from plansite.routes import PageRef
from plansite.seo import plan_page_description


@dataclasses.dataclass(frozen=True)
class GroupsContext(PlanContext):
    groups: list[tuple[Group, GroupItemsInPlan]]
    general: GroupItemsInPlan


def context(page: PageInput) -> GroupsContext:
    plan = plan_context(page)
    groups_file = plan_groups(page)
    groups = [(group, in_plan(plan.data, group)) for group in groups_file.groups]
    return GroupsContext(plan.data, plan.plan, plan.plan_name, groups, in_plan(plan.data, groups_file.general))


def title(page: PageInput) -> str:
    return page.t("groups_title")


def description(page: PageInput) -> str:
    return plan_page_description(page.words, page.plan_data.id, title(page), page.t("groups_intro"), page.lang)


def _pages(site: SiteData, plan_id: str | None) -> list[PageRef]:
    assert plan_id is not None
    return [routes.groups(plan_id)] if site.plans[plan_id].groups else []


FAMILY = Family(
    kind="groups",
    context=context,
    title=title,
    description=description,
    pages=_pages,
    sources=plan_sources("groups.yml"),
    per_plan=True,
    menu_section=GROUPS_SECTION,
    search_weight=REFERENCE,
)
