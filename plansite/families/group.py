"""A group of people's page: the targets and sub-tasks of one plan that concern it,
quoted word for word with their levels, offices and timelines, in the order the editors
set (what the plan sets out most concretely first), the plan's words for the group
marked, and the groups a sentence of the plan names with it (a reading aid made by the
site's editors from ``groups.yml``)."""

from __future__ import annotations

import dataclasses

from plansite import routes
from plansite.families.base import GROUPS_SECTION, REFERENCE, Family, PageInput, PlanContext, plan_context, plan_sources
from plansite.load import PlanData, SiteData
from plansite.models import Area, Block, Group, GroupItems, GroupsFile, Target, TargetBullet, Task
from plansite.routes import PageRef
from plansite.seo import plan_page_description, shorten


@dataclasses.dataclass(frozen=True)
class GroupTask:
    """A sub-task with what the page shows beside it: its area and its block's assignment."""

    area: Area
    block: Block
    task: Task


@dataclasses.dataclass(frozen=True)
class GroupItemsInPlan:
    """Targets and sub-tasks of a list of ids, in the list's order."""

    targets: list[tuple[TargetBullet, Target]]
    tasks: list[GroupTask]

    @property
    def editors_numbers(self) -> bool:
        """Do some sub-tasks have numbers the editors gave ("[5.1]")?"""
        return any(not item.task.numbered for item in self.tasks)


@dataclasses.dataclass(frozen=True)
class RelatedGroup:
    """Another group a sentence of the plan names with this one, and the items both list
    (in this page's order) as (label, anchor): links to where its own page quotes them."""

    group: Group
    shared: list[tuple[str, str]]


@dataclasses.dataclass(frozen=True)
class GroupContext(PlanContext):
    group: Group
    items: GroupItemsInPlan
    year: int
    marked: list[str]  # the plan's words for the group, in the page's language
    related: list[RelatedGroup]


def in_plan(data: PlanData, items: GroupItems) -> GroupItemsInPlan:
    """The targets and sub-tasks ``items`` lists, in the order it lists them."""
    targets = {target.id: (bullet, target) for bullet, target in data.all_targets()}
    tasks = {task.id: GroupTask(area, block, task) for area in data.tasks.areas for block in area.blocks for task in block.tasks}
    return GroupItemsInPlan([targets[i] for i in items.targets], [tasks[i] for i in items.tasks])


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
    groups = {g.id: g for g in plan_groups(page).groups}
    related = []
    for other in (groups[i] for i in group.related):
        both = in_plan(
            plan.data,
            GroupItems(targets=[i for i in group.targets if i in other.targets], tasks=[i for i in group.tasks if i in other.tasks]),
        )
        # A target by its measure or the start of its words; a sub-task by its number.
        shared = [
            (
                f"{page.t('target')}: {shorten(page.words.measure_name(target, page.lang) or target.clause[page.lang], 50)}",
                routes.target_anchor(target.id),
            )
            for _, target in both.targets
        ]
        shared += [(f"{page.t('task')} {item.task.id}", routes.task_anchor(item.task.id)) for item in both.tasks]
        related.append(RelatedGroup(other, shared))
    return GroupContext(
        plan.data,
        plan.plan,
        plan.plan_name,
        group,
        in_plan(plan.data, group),
        plan.data.targets.year,
        [words[page.lang] for words in group.named_as],
        related,
    )


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
