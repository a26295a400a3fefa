"""A group of people's page: the targets and sub-tasks of one plan that concern it,
quoted word for word with their levels, offices and timelines (a reading aid made by
the site's editors from ``groups.yml``)."""

from __future__ import annotations

import dataclasses

from plansite import routes
from plansite.families.base import GROUPS_SECTION, REFERENCE, Family, PageInput, PlanContext, plan_context, plan_sources
from plansite.load import PlanData, SiteData
from plansite.models import Area, Block, Group, GroupItems, GroupsFile, Target, TargetBullet, Task
from plansite.routes import PageRef
from plansite.seo import plan_page_description


@dataclasses.dataclass(frozen=True)
class GroupTask:
    """A sub-task with what the page shows beside it: its area and its block's assignment."""

    area: Area
    block: Block
    task: Task


@dataclasses.dataclass(frozen=True)
class GroupItemsInPlan:
    """Targets and sub-tasks of a list of ids, in the order of the plan."""

    targets: list[tuple[TargetBullet, Target]]
    tasks: list[GroupTask]

    @property
    def editors_numbers(self) -> bool:
        """Do some sub-tasks have numbers the editors gave ("[5.1]")?"""
        return any(not item.task.numbered for item in self.tasks)


@dataclasses.dataclass(frozen=True)
class GroupContext(PlanContext):
    group: Group
    items: GroupItemsInPlan
    year: int


def in_plan(data: PlanData, items: GroupItems) -> GroupItemsInPlan:
    """The targets and sub-tasks ``items`` lists, in the order the plan gives them."""
    targets = [(bullet, target) for bullet, target in data.all_targets() if target.id in items.targets]
    tasks = [
        GroupTask(area, block, task) for area in data.tasks.areas for block in area.blocks for task in block.tasks if task.id in items.tasks
    ]
    return GroupItemsInPlan(targets, tasks)


def plan_groups(page: PageInput) -> GroupsFile:
    """The plan's groups.yml: only a plan that has one has these pages."""
    groups = page.plan_data.groups
    assert groups is not None, f"{page.ref.path}: the plan has no groups.yml"
    return groups


def _group(page: PageInput) -> Group:
    return next(g for g in plan_groups(page).groups if g.id == page.ref.group)


def context(page: PageInput) -> GroupContext:
    plan = plan_context(page)
    group = _group(page)
    return GroupContext(plan.data, plan.plan, plan.plan_name, group, in_plan(plan.data, group), plan.data.targets.year)


def title(page: PageInput) -> str:
    return _group(page).name[page.lang]


def description(page: PageInput) -> str:
    group = _group(page)
    body = group.summary[page.lang] if group.summary else page.t("groups_intro")
    return plan_page_description(page.words, page.plan_data.id, title(page), body, page.lang)


def _search_terms(site: SiteData, page: PageRef, lang: str) -> tuple[str, ...]:
    """The words readers use for the group in ``lang`` (groups.yml, ``search_terms``)."""
    assert page.plan is not None
    groups = site.plans[page.plan].groups
    assert groups is not None, f"{page.path}: the plan has no groups.yml"
    group = next(g for g in groups.groups if g.id == page.group)
    return tuple(group.search_terms.get(lang, ()))


def _pages(site: SiteData, plan_id: str | None) -> list[PageRef]:
    assert plan_id is not None
    groups = site.plans[plan_id].groups
    return [routes.group(plan_id, group.id) for group in groups.groups] if groups else []


FAMILY = Family(
    kind="group",
    context=context,
    title=title,
    description=description,
    pages=_pages,
    sources=plan_sources("groups.yml"),
    per_plan=True,
    menu_section=GROUPS_SECTION,
    search_weight=REFERENCE,
    search_terms=_search_terms,
)
