"""Load everything under ``data/``, validate it, and return one ``SiteData``.

Every problem in every file is collected before anything is raised (``DataError``),
each with its file, line, key path and what was expected, so an editor fixes them
in one pass. Used by ``macros.py`` at build time, by the CLI and by the tests.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterator
from pathlib import Path

from plansite import limits
from plansite.checks import (
    References,
    check_agencies,
    check_glossary,
    check_glossary_agencies,
    check_groups,
    check_plan,
    check_site,
    check_targets,
    check_tasks,
    check_translations,
    check_unique,
    check_unreferenced,
    translated_share,
)
from plansite.languages import AUTHORITATIVE, LANGUAGES, TRANSLATIONS
from plansite.messages import shorten
from plansite.models import (
    ID_PATTERN,
    AgenciesFile,
    Agency,
    Block,
    GlossaryFile,
    GroupsFile,
    Plan,
    SiteSettings,
    Target,
    TargetBullet,
    TargetsFile,
    Task,
    TasksFile,
    Unit,
    UnitsFile,
)
from plansite.source import DataError, DataFolder, Problem, Source, load

PLAN_FILES = ("plan.yml", "targets.yml", "tasks.yml")


@dataclasses.dataclass(frozen=True)
class PlanData:
    plan: Plan
    targets: TargetsFile
    tasks: TasksFile
    folder: Path
    # The editors' reading by group of people (groups.yml), when the plan has one.
    groups: GroupsFile | None

    @property
    def id(self) -> str:
        return self.plan.id

    def has(self, lang: str) -> bool:
        """Is the plan published in ``lang``: its own language, or one it is translated into?"""
        return lang == AUTHORITATIVE or lang in self.plan.translations

    def all_targets(self) -> Iterator[tuple[TargetBullet, Target]]:
        for bullet in self.targets.bullets:
            for target in bullet.targets:
                yield bullet, target

    def all_blocks(self) -> Iterator[tuple[str, Block]]:
        for area in self.tasks.areas:
            for block in area.blocks:
                yield area.id, block

    def all_tasks(self) -> Iterator[tuple[str, Block, Task]]:
        for area_id, block in self.all_blocks():
            for task in block.tasks:
                yield area_id, block, task


@dataclasses.dataclass(frozen=True)
class SiteData:
    agencies: dict[str, Agency]
    units: dict[str, Unit]
    glossary: GlossaryFile
    plans: dict[str, PlanData]
    settings: SiteSettings
    # Where the data was read from: the files the pages name are under it.
    data_dir: Path
    # Every data file read, relative to the data folder, in the order read: the build's
    # snapshot copies exactly these.
    files: tuple[str, ...] = ()


def _raw_ids(source: Source | None, key: str) -> set[str] | None:
    """The ids of the records under ``key`` in a file that failed its schema, read from its raw YAML.

    None (nothing can be said of ids elsewhere) unless every record has a well-formed id:
    with one id mistyped, references to it would be reported as unknown for nothing.
    """
    if source is None or not isinstance(source.value, dict) or not isinstance(records := source.value.get(key), list):
        return None
    ids = [record.get("id") if isinstance(record, dict) else None for record in records]
    if not all(isinstance(i, str) and re.fullmatch(ID_PATTERN, i) for i in ids):
        return None
    return {str(i) for i in ids}


def _folder_problem(plan: Plan, source: Source, folder: Path) -> Problem | None:
    if plan.id == folder.name:
        return None
    if re.fullmatch(ID_PATTERN, folder.name):
        return source.problem(("id",), f"must equal the folder's name {shorten(folder.name)}")
    return source.problem(
        ("id",),
        f"the plan's folder is named {shorten(folder.name)}, which cannot be an id (lower-case ASCII letters and digits "
        f"joined by '-', '_' or '.'); rename the folder to {plan.id!r}",
    )


def plan_folders(data: DataFolder, problems: list[Problem]) -> list[Path]:
    """The plan folders under ``plans/``, at most ``limits.PLANS`` of them; links and
    special files in the data folder and in ``plans/`` are refused on the way."""
    plans_dir = data.root / "plans"
    top = data.folders(data.root, problems)
    folders = data.folders(plans_dir, problems) if plans_dir in top else []
    if not folders:
        problems.append(Problem(plans_dir, None, "", "no plan folder found; expected data/plans/<plan-id>/"))
    elif len(folders) > limits.PLANS:
        problems.append(
            Problem(
                plans_dir,
                None,
                "",
                f"holds {len(folders)} plan folders; a site holds at most {limits.PLANS} plans: publish the others on a site of their own",
            )
        )
        return []
    return folders


# Why a site-wide text is needed in every language: every edition shows it.
EVERY_LANGUAGE = "every edition of the site shows this file's texts (languages.yml)"
GROUPS_FILE = "groups.yml"


def _translated_plan(plan: Plan) -> str:
    """Why a text of ``plan`` is needed in a translation: the plan says it is translated."""
    return f"the plan is published in {', '.join(LANGUAGES[lang].english for lang in plan.translations)} (plan.yml: translations)"


def load_site(data_dir: Path) -> SiteData:
    """Load and check all data under ``data_dir``; raise ``DataError`` listing every problem."""
    problems: list[Problem] = []
    data = DataFolder(data_dir)
    folders = plan_folders(data, problems)
    agencies_src, agencies = load(data, data_dir / "agencies.yml", AgenciesFile, problems)
    units_src, units = load(data, data_dir / "units.yml", UnitsFile, problems)
    glossary_src, glossary = load(data, data_dir / "glossary.yml", GlossaryFile, problems)

    spellings: dict[str, str] = {}
    if agencies and agencies_src:
        found, spellings = check_agencies(agencies, agencies_src)
        problems += found
    refs = References(
        agency_ids={a.id for a in agencies.agencies} if agencies else _raw_ids(agencies_src, "agencies"),
        unit_ids={u.id for u in units.units} if units else _raw_ids(units_src, "units"),
        units={u.id: u for u in units.units} if units else {},
        spellings=spellings,
    )
    if units and units_src:
        problems += check_unique(((u.id, ("units", i, "id")) for i, u in enumerate(units.units)), units_src, "unit")
        problems += check_translations(units, units_src, TRANSLATIONS, EVERY_LANGUAGE)
    if glossary and glossary_src:
        problems += check_glossary(glossary, glossary_src)
        problems += check_translations(glossary, glossary_src, TRANSLATIONS, EVERY_LANGUAGE)
        if agencies and agencies_src:
            problems += check_glossary_agencies(glossary, glossary_src, agencies, agencies_src)

    plans: dict[str, PlanData] = {}
    # The plan ids site.yml may name: each folder's name, and the id its plan.yml declares
    # (a renamed folder is reported once, in plan.yml, not again as an unknown id in site.yml).
    plan_ids: set[str] = set()
    all_loaded = bool(agencies)
    # The agencies whose names each translation needs: those its plans name.
    named: dict[str, set[str]] = {lang: set() for lang in TRANSLATIONS}
    for folder in folders:
        refs.in_plan = set()
        data.folders(folder, problems)
        plan_src, plan = load(data, folder / "plan.yml", Plan, problems)
        targets_src, targets = load(data, folder / "targets.yml", TargetsFile, problems)
        tasks_src, tasks = load(data, folder / "tasks.yml", TasksFile, problems)
        plan_ids.add(folder.name)
        if plan_src is not None and isinstance(plan_src.value, dict) and isinstance(declared := plan_src.value.get("id"), str):
            plan_ids.add(declared)
        # Each file that loaded is checked against the others, so one broken file
        # does not hide the problems of the rest.
        if plan and plan_src:
            problems += check_plan(plan, plan_src, refs)
            if folder_problem := _folder_problem(plan, plan_src, folder):
                problems.append(folder_problem)
        if targets and targets_src:
            problems += check_targets(targets, targets_src, refs)
        if tasks and tasks_src:
            problems += check_tasks(tasks, tasks_src, refs)
        # groups.yml is the editors' reading aid: a plan may have none (yet).
        has_groups = os.path.lexists(folder / GROUPS_FILE)
        groups_src, groups = load_groups(data, folder, targets, tasks, problems) if has_groups else (None, None)
        if plan is not None:
            why = _translated_plan(plan)
            for source, model in ((plan_src, plan), (targets_src, targets), (tasks_src, tasks), (groups_src, groups)):
                if source is not None and model is not None:
                    problems += check_translations(model, source, plan.translations, why)
            for lang in plan.translations:
                named[lang] |= refs.in_plan
        if plan and targets and tasks and (groups or not has_groups):
            plans[plan.id] = PlanData(plan, targets, tasks, folder, groups)
        else:
            all_loaded = False
    if agencies and agencies_src:
        problems += check_agency_names(agencies, agencies_src, named)
    entries = sum(len(plan_data.groups.groups if plan_data.groups else []) + len(plan_data.tasks.areas) for plan_data in plans.values())
    if entries > limits.MENU_ENTRIES:
        problems.append(
            Problem(
                data_dir / "plans",
                None,
                "",
                f"the plans hold {entries:,} groups of people and task areas together; a site holds at most "
                f"{limits.MENU_ENTRIES:,}, since every page's menu lists them all: publish some plans on a site of their own",
            )
        )
    # "Referenced nowhere" is only meaningful once every plan file has been read.
    if all_loaded and agencies and agencies_src:
        problems += check_unreferenced(agencies, agencies_src, refs)
    settings = load_settings(data, plan_ids, plans, problems)

    if problems:
        raise DataError(problems)
    assert agencies and units and glossary and settings
    return SiteData(
        agencies={a.id: a for a in agencies.agencies},
        units={u.id: u for u in units.units},
        glossary=glossary,
        plans=plans,
        settings=settings,
        data_dir=data_dir,
        files=tuple(path.relative_to(data_dir).as_posix() for path in data.read),
    )


def translation_report(site: SiteData) -> list[str]:
    """How far each plan is translated, one line per plan, for ``check`` to print."""
    lines = []
    for plan_id, data in site.plans.items():
        models = [data.plan, data.targets, data.tasks, *([data.groups] if data.groups else [])]
        shares = []
        for lang in TRANSLATIONS:
            done, total = translated_share(models, lang)
            published = "published" if data.has(lang) else "not published"
            shares.append(f"{LANGUAGES[lang].english}: {done} of {total} texts translated ({published})")
        lines.append(f"plan {plan_id}: " + "; ".join(shares))
    return lines


def check_agency_names(agencies: AgenciesFile, source: Source, named: dict[str, set[str]]) -> list[Problem]:
    """The name of every agency a translated plan names, in that plan's translations; the
    other agencies may wait for theirs (the pages show the Vietnamese name meanwhile)."""
    problems = []
    for i, agency in enumerate(agencies.agencies):
        wanted = [lang for lang, ids in named.items() if agency.id in ids]
        why = "a plan translated into that language names this agency (plan.yml: translations)"
        problems += check_translations(agency.name, source, wanted, why, ("agencies", i, "name"))
    return problems


def load_groups(
    data: DataFolder, folder: Path, targets: TargetsFile | None, tasks: TasksFile | None, problems: list[Problem]
) -> tuple[Source | None, GroupsFile | None]:
    """A plan's groups.yml (its targets and sub-tasks by group of people), checked
    against the plan's targets and tasks where those loaded."""
    source, groups = load(data, folder / GROUPS_FILE, GroupsFile, problems)
    if groups and source:
        problems += check_groups(groups, source, targets, tasks)
    return source, groups


def load_settings(data: DataFolder, plan_ids: set[str], plans: dict[str, PlanData], problems: list[Problem]) -> SiteSettings | None:
    """site.yml, checked against the plans it names (``plan_ids``: folder names and declared ids):
    its own texts in every language, each plan's aids in that plan's translations."""
    source, settings = load(data, data.root / "site.yml", SiteSettings, problems)
    if settings and source:
        problems += check_site(settings, source, plan_ids, {plan_id: (data.plan, data.tasks) for plan_id, data in plans.items()})
        site_wide = settings.model_copy(update={"plans": {}})
        problems += check_translations(site_wide, source, TRANSLATIONS, EVERY_LANGUAGE)
        for plan_id, guide in settings.plans.items():
            if plan_id in plans:
                plan = plans[plan_id].plan
                problems += check_translations(guide, source, plan.translations, _translated_plan(plan), ("plans", plan_id))
    return settings
