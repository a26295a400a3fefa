"""Checks that span records or files: ids that must exist, be unique, or agree with text.

Called by ``load.load_site`` after each file has passed its schema. Each check
returns problems instead of raising, so all of them are reported together.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping

import icu  # type: ignore[import-untyped]  # no type information shipped
from pydantic import BaseModel

from plansite import routes
from plansite.languages import CODES, LANGUAGES, TRANSLATIONS
from plansite.messages import missing_text, shorten, shorten_list
from plansite.models import (
    AgenciesFile,
    AgencyKind,
    GlossaryFile,
    GroupItems,
    GroupsFile,
    Multilingual,
    Plan,
    SiteSettings,
    TargetsFile,
    TasksFile,
    Text,
    Unit,
)
from plansite.source import Loc, Problem, Source


def _shared_languages(*texts: Multilingual) -> list[str]:
    """The languages every one of ``texts`` is written in (a check compares them language by language)."""
    return [lang for lang in CODES if all(text.get(lang) is not None for text in texts)]


def check_unique(ids: Iterable[tuple[str, Loc]], source: Source, what: str) -> list[Problem]:
    seen: dict[str, Loc] = {}
    problems = []
    for value, loc in ids:
        if value in seen:
            first = source.line(seen[value])
            problems.append(source.problem(loc, f"duplicate {what} id {value!r} (first used on line {first})"))
        else:
            seen[value] = loc
    return problems


def check_page_ids(kind: str, ids: Iterable[tuple[str, Loc]], source: Source) -> list[Problem]:
    """Ids that cannot name their record's page or folder (``routes.id_problem``): "index"
    for an agency or a group, an ending such as ".en" that the site reads as a language."""
    return [source.problem(loc, why) for value, loc in ids if (why := routes.id_problem(kind, value, CODES))]


def check_anchors(ids: Iterable[tuple[str, Loc]], source: Source, what: str, anchor: Callable[[str], str]) -> list[Problem]:
    """Two different ids whose link anchors are the same (sub-tasks 8.a and 8-a are both
    #task-8-a): a link to one would land on the other. Both lines are named."""
    first: dict[str, tuple[str, Loc]] = {}
    problems = []
    for value, loc in ids:
        name = anchor(value)
        if name in first and first[name][0] != value:
            other, other_loc = first[name]
            problems.append(
                source.problem(
                    loc,
                    f"{what} id {value!r} makes the same link anchor (#{name}) as {what} {other!r} on line {source.line(other_loc)}: "
                    "links to one would land on the other; change one of the two ids",
                )
            )
        first.setdefault(name, (value, loc))
    return problems


def check_glossary(glossary: GlossaryFile, source: Source) -> list[Problem]:
    return check_unique(((t.id, ("terms", i, "id")) for i, t in enumerate(glossary.terms)), source, "term")


def check_glossary_agencies(glossary: GlossaryFile, glossary_src: Source, agencies: AgenciesFile, agencies_src: Source) -> list[Problem]:
    """Every translated agency name has a glossary entry, and is the glossary's rendering.

    The glossary is the one place where a body's name in another language is decided;
    agencies.yml repeats it so that templates need no lookup, and this check keeps the
    two equal. An entry belongs to an agency when its ``vi`` is the agency's name or one
    of its spellings. An agency not translated yet (a body an imported plan names, for
    an editor to confirm) needs no entry until it is.
    """
    problems = []
    for i, agency in enumerate(agencies.agencies):
        translated = [lang for lang in TRANSLATIONS if agency.name.get(lang) is not None]
        if not translated:
            continue
        names = {agency.name.vi, *agency.spellings}
        entries = [(j, term) for j, term in enumerate(glossary.terms) if term.vi in names]
        if not entries:
            problems.append(
                agencies_src.problem(
                    ("agencies", i, "name", "vi"),
                    f"agency {agency.id!r} has no glossary entry; add a term to {glossary_src.path.name} "
                    f"with vi: {shorten(agency.name.vi)} and its rendering in each language",
                )
            )
        for j, term in entries:
            for lang in translated:
                name, rendering = agency.name[lang], term.get(lang)
                if rendering is not None and rendering != name:
                    english = LANGUAGES[lang].english
                    problems.append(
                        agencies_src.problem(
                            ("agencies", i, "name", lang),
                            f"{english} name {shorten(name)} differs from the glossary's rendering {shorten(rendering)} "
                            f"({glossary_src.path.name} line {glossary_src.line(('terms', j, lang))}, term {term.id!r}); "
                            f"use the glossary's rendering (language: {lang})",
                        )
                    )
    return problems


def strip_emphasis(text: str) -> str:
    """The words of a text without the plan's **bold** and *italic* markers."""
    return text.replace("**", "").replace("*", "")


# Between two names of an assignment line: ";", ",", "và" and spaces.
SPELLING_SEPARATORS = re.compile(r"(?:[\s;,]|và\s)*")


def resolve_spellings(line: str, spellings: Mapping[str, str]) -> list[str] | None:
    """Agency ids named by an assignment line such as "Phòng Nội vụ; UBND các xã.".

    Names are matched longest first, because some contain the separators
    ("Các cơ quan, ban ngành huyện"). Returns None when a part matches no spelling.
    """
    rest = line.strip().rstrip(".")
    found = []
    while rest:
        match = max((s for s in spellings if rest.startswith(s)), key=len, default=None)
        if match is None:
            return None
        found.append(spellings[match])
        rest = SPELLING_SEPARATORS.sub("", rest[len(match) :], count=1)
    return found


@dataclasses.dataclass
class References:
    """What the cross-file checks look ids up in.

    The ids are None where a file could not be read at all; where it was read but
    failed its schema, they are the ids found in it, so that unknown ids elsewhere are
    still reported. ``units`` and ``spellings`` are empty unless their file is valid.
    """

    agency_ids: set[str] | None
    unit_ids: set[str] | None
    units: dict[str, Unit]
    spellings: dict[str, str]
    referenced: set[str] = dataclasses.field(default_factory=set)
    # The agencies the plan being checked names (its translations need their names).
    in_plan: set[str] = dataclasses.field(default_factory=set)

    def agency(self, source: Source, loc: Loc, agency_id: str | None, problems: list[Problem]) -> None:
        if agency_id is None:
            return
        self.referenced.add(agency_id)
        self.in_plan.add(agency_id)
        if self.agency_ids is not None and agency_id not in self.agency_ids:
            problems.append(source.problem(loc, f"unknown agency id {agency_id!r}; expected one of the ids in agencies.yml"))


def check_agencies(agencies: AgenciesFile, source: Source) -> tuple[list[Problem], dict[str, str]]:
    """Unique ids and spellings, memberships of collectives; returns the spelling index too."""
    ids = [(a.id, ("agencies", i, "id")) for i, a in enumerate(agencies.agencies)]
    problems = check_unique(ids, source, "agency") + check_page_ids("agency", ids, source)
    by_id = {a.id: a for a in agencies.agencies}
    spellings: dict[str, str] = {}
    for i, agency in enumerate(agencies.agencies):
        for j, spelling in enumerate(agency.spellings):
            other = spellings.setdefault(spelling, agency.id)
            if other != agency.id:
                problems.append(
                    source.problem(("agencies", i, "spellings", j), f"spelling {shorten(spelling)} is already used by {other!r}")
                )
        for j, collective in enumerate(agency.member_of):
            if collective not in by_id or by_id[collective].kind is not AgencyKind.collective:
                problems.append(source.problem(("agencies", i, "member_of", j), f"{collective!r} is not the id of a collective agency"))
    return problems + check_look_alikes(agencies, source), spellings


@functools.cache
def _spoof_checker() -> icu.SpoofChecker:
    return icu.SpoofChecker()


def skeleton(text: str) -> str:
    """``text``'s confusable skeleton (Unicode UTS #39, from ICU): two texts a reader cannot
    tell apart, such as a Latin "a" and a Cyrillic "a" (U+0430), have the same skeleton."""
    return str(_spoof_checker().getSkeleton(0, text))


def _first_difference(text: str, other: str) -> str:
    """Where two texts that look alike differ, in words."""
    for index, (mine, theirs) in enumerate(zip(text, other, strict=False)):
        if mine != theirs:
            return (
                f"character {index + 1} is {unicodedata.name(mine, 'a character').lower()} (U+{ord(mine):04X}) "
                f"where the other has {unicodedata.name(theirs, 'a character').lower()} (U+{ord(theirs):04X})"
            )
    return "one of them has characters the other has not"


def check_look_alikes(agencies: AgenciesFile, source: Source) -> list[Problem]:
    """Agency names (each language) and spellings that look the same as another agency's,
    or as another of the same agency's written differently: a second agency whose name has
    a Cyrillic "a" (U+0430) would show exactly as the real one, and a spelling that only looks
    right would match no assignment line. Compared by confusable skeleton (UTS #39)."""
    seen: dict[str, tuple[str, str, Loc]] = {}
    problems = []
    for i, agency in enumerate(agencies.agencies):
        texts: list[tuple[str, Loc]] = [(agency.name[lang], ("agencies", i, "name", lang)) for lang in agency.name.languages]
        texts += [(spelling, ("agencies", i, "spellings", j)) for j, spelling in enumerate(agency.spellings)]
        for text, loc in texts:
            key = skeleton(text)
            if key not in seen:
                seen[key] = (text, agency.id, loc)
                continue
            other, other_id, other_loc = seen[key]
            where = f"line {source.line(other_loc)}"
            if other == text:
                # A spelling used twice is check_agencies' "already used" problem.
                if other_id != agency.id and "spellings" not in (loc[2], other_loc[2]):
                    problems.append(
                        source.problem(
                            loc, f"{shorten(text)} is also the name of agency {other_id!r} ({where}): two agencies cannot share a name"
                        )
                    )
            elif other != text:
                problems.append(
                    source.problem(
                        loc,
                        f"{shorten(text)} looks the same as {shorten(other)} of agency {other_id!r} ({where}) but is written with "
                        f"other characters ({_first_difference(text, other)}): readers cannot tell them apart; retype it",
                    )
                )
    return problems


def check_unreferenced(agencies: AgenciesFile, source: Source, refs: References) -> list[Problem]:
    referenced = refs.referenced | {c for a in agencies.agencies for c in a.member_of}
    return [
        source.problem(("agencies", i, "id"), f"agency {agency.id!r} is referenced nowhere in the plans; remove it or reference it")
        for i, agency in enumerate(agencies.agencies)
        if agency.id not in referenced
    ]


def check_plan(plan: Plan, source: Source, refs: References) -> list[Problem]:
    problems = check_page_ids("plan", [(plan.id, ("id",))], source)
    refs.agency(source, ("issuer",), plan.issuer, problems)
    document_ids = {d.id for d in plan.documents}
    problems += check_unique(((d.id, ("documents", i, "id")) for i, d in enumerate(plan.documents)), source, "document")
    for i, document in enumerate(plan.documents):
        refs.agency(source, ("documents", i, "issuer"), document.issuer, problems)
        for j, ref in enumerate(document.implements):
            if ref not in document_ids:
                problems.append(source.problem(("documents", i, "implements", j), f"unknown document id {ref!r}"))
    for j, ref in enumerate(plan.implements):
        if ref not in document_ids:
            problems.append(source.problem(("implements", j), f"unknown document id {ref!r}"))
    for i, item in enumerate(plan.implementation.items):
        for j, agency_id in enumerate(item.addressed_to):
            refs.agency(source, ("implementation", "items", i, "addressed_to", j), agency_id, problems)
    reporting = plan.implementation.reporting
    for j, agency_id in enumerate(reporting.from_):
        refs.agency(source, ("implementation", "reporting", "from", j), agency_id, problems)
    refs.agency(source, ("implementation", "reporting", "to"), reporting.to, problems)
    refs.agency(source, ("implementation", "reporting", "via"), reporting.via, problems)
    if reporting.item not in {item.number for item in plan.implementation.items}:
        problems.append(
            source.problem(("implementation", "reporting", "item"), f"no item numbered {shorten(reporting.item)} in implementation.items")
        )
    for i, recipient in enumerate(plan.recipients.items):
        refs.agency(source, ("recipients", "items", i, "agency"), recipient.agency, problems)
    return problems + check_reporting_date(plan, source)


def check_reporting_date(plan: Plan, source: Source) -> list[Problem]:
    """The yearly report's due day exists every year, and the first one falls after the plan's date.

    29 February is refused: the duty is yearly, and a yearly event on 29 February
    happens only in leap years (the calendar export's RRULE skips the other years).
    """
    reporting = plan.implementation.reporting
    month, day = reporting.due_month, reporting.due_day
    # 2023 is not a leap year: the days that every year has.
    days = calendar.monthrange(2023, month)[1]
    name = calendar.month_name[month]
    if (month, day) == (2, 29):
        key, message = "due_day", "29 February is not in every year, and the report is due every year; use 28 February or 1 March"
    elif day > days:
        key = "due_day"
        message = f"{name} has {days} days, so there is no due date {day} {name} (due_month: {month}, due_day: {day}); correct due_day or due_month"
    elif (first := dt.date(reporting.first_year, month, day)) <= plan.date:
        key = "first_year"
        message = (
            f"the first report would be due on {first.isoformat()}, not after the plan's date {plan.date.isoformat()}; "
            "first_year is the first year a report is due"
        )
    else:
        return []
    return [source.problem(("implementation", "reporting", key), message)]


def _range_words(unit: Unit) -> str:
    if unit.min is not None and unit.max is not None:
        return f"from {unit.min:g} to {unit.max:g}"
    if unit.min is not None:
        return f"at least {unit.min:g}"
    return f"at most {unit.max:g}"


def _in_range(value: float, unit: Unit) -> bool:
    return (unit.min is None or value >= unit.min) and (unit.max is None or value <= unit.max)


def check_targets(targets: TargetsFile, source: Source, refs: References) -> list[Problem]:
    ids = [(t.id, ("bullets", b, "targets", i, "id")) for b, bullet in enumerate(targets.bullets) for i, t in enumerate(bullet.targets)]
    problems = check_unique(ids, source, "target")
    for b, bullet in enumerate(targets.bullets):
        for i, target in enumerate(bullet.targets):
            loc: Loc = ("bullets", b, "targets", i)
            if target.unit is not None and refs.unit_ids is not None and target.unit not in refs.unit_ids:
                problems.append(source.problem((*loc, "unit"), f"unknown unit {target.unit!r}; expected one of the ids in units.yml"))
            unit = refs.units.get(target.unit) if target.unit is not None else None
            for key in ("value", "value_max"):
                value: float | None = getattr(target, key)
                if unit is not None and value is not None and not _in_range(value, unit):
                    problems.append(source.problem((*loc, key), f"must be {_range_words(unit)} in the unit {unit.id!r} (got {value:g})"))
            for lang in _shared_languages(target.clause, bullet.text):
                clause, text = target.clause[lang], bullet.text[lang]
                if clause not in text and clause[:1].swapcase() + clause[1:] not in text:
                    problems.append(
                        source.problem((*loc, "clause", lang), f"clause does not occur word for word in its bullet's text ({lang})")
                    )
    return problems


def check_tasks(tasks: TasksFile, source: Source, refs: References) -> list[Problem]:
    area_ids = [(a.id, ("areas", i, "id")) for i, a in enumerate(tasks.areas)]
    problems = check_unique(area_ids, source, "area") + check_page_ids("area", area_ids, source)
    task_ids = []
    for a, area in enumerate(tasks.areas):
        for b, block in enumerate(area.blocks):
            loc: Loc = ("areas", a, "blocks", b)
            for role in ("lead", "coordinate"):
                ids: list[str] = getattr(block, role)
                for j, agency_id in enumerate(ids):
                    refs.agency(source, (*loc, role, j), agency_id, problems)
                if not refs.spellings:
                    continue
                named = resolve_spellings(getattr(block, f"{role}_text"), refs.spellings)
                if named is None:
                    problems.append(source.problem((*loc, f"{role}_text"), "names a body that matches no spelling in agencies.yml"))
                elif named != ids:
                    problems.append(
                        source.problem(
                            (*loc, role), f"{shorten_list(ids)} does not match the agencies {role}_text names: {shorten_list(named)}"
                        )
                    )
            for t, task in enumerate(block.tasks):
                task_loc: Loc = (*loc, "tasks", t)
                task_ids.append((task.id, (*task_loc, "id")))
                for j, agency_id in enumerate(task.mentions):
                    refs.agency(source, (*task_loc, "mentions", j), agency_id, problems)
                for lang in _shared_languages(task.title, task.text):
                    if strip_emphasis(task.title[lang]) not in strip_emphasis(task.text[lang]):
                        problems.append(
                            source.problem((*task_loc, "title", lang), f"title does not occur word for word in the task's text ({lang})")
                        )
    return problems + check_unique(task_ids, source, "task") + check_anchors(task_ids, source, "task", routes.task_anchor)


# The two kinds of item a group lists: (key in groups.yml, what it is, the file that defines them).
GROUP_ITEMS = (("targets", "target", "targets.yml"), ("tasks", "sub-task", "tasks.yml"))


def check_groups(groups: GroupsFile, source: Source, targets: TargetsFile | None, tasks: TasksFile | None) -> list[Problem]:
    """groups.yml against its plan: unique group ids, no empty group; every id a target or
    sub-task of the plan, listed once per group (the list's order is the page's), never both
    in a group and in ``general``; and every target and sub-task in at least one group or in
    ``general``; related groups (``_check_related``) and the words that name a group
    (``_check_named_as``). Ids are only looked up in a file that loaded with unique ids: a
    duplicate is that file's own problem, and what it hides would be reported here again
    under other names."""
    group_ids = [(g.id, ("groups", i, "id")) for i, g in enumerate(groups.groups)]
    problems = check_unique(group_ids, source, "group") + check_page_ids("group", group_ids, source)
    problems += [
        source.problem(
            ("groups", i, "id"), f"group {g.id!r} lists no target and no sub-task; add the ids that concern it, or remove the group"
        )
        for i, g in enumerate(groups.groups)
        if not g.targets and not g.tasks
    ]
    loaded: dict[str, list[str] | None] = {
        "targets": [t.id for b in targets.bullets for t in b.targets] if targets else None,
        "tasks": [t.id for a in tasks.areas for b in a.blocks for t in b.tasks] if tasks else None,
    }
    plan_ids = {kind: ids if ids is not None and len(set(ids)) == len(ids) else None for kind, ids in loaded.items()}
    lists: list[tuple[str, Loc, GroupItems]] = [(f"group {g.id!r}", ("groups", i), g) for i, g in enumerate(groups.groups)]
    lists.append(("general", ("general",), groups.general))
    # Where each id is first listed: in any group, and in general.
    in_group: dict[str, dict[str, Loc]] = {kind: {} for kind, _, _ in GROUP_ITEMS}
    in_general: dict[str, dict[str, Loc]] = {kind: {} for kind, _, _ in GROUP_ITEMS}
    for owner, loc, items in lists:
        for kind, what, file in GROUP_ITEMS:
            known = plan_ids[kind]
            first: dict[str, Loc] = {}
            for j, item_id in enumerate(getattr(items, kind)):
                item_loc: Loc = (*loc, kind, j)
                if known is not None and item_id not in known:
                    problems.append(source.problem(item_loc, f"unknown {what} id {item_id!r}; expected one of the {what} ids in {file}"))
                elif item_id in first:
                    problems.append(
                        source.problem(
                            item_loc,
                            f"{what} {item_id!r} is listed twice in {owner} (first on line {source.line(first[item_id])}); remove one",
                        )
                    )
                else:
                    first[item_id] = item_loc
            found = in_general if owner == "general" else in_group
            for item_id, item_loc in first.items():
                found[kind].setdefault(item_id, item_loc)
    for kind, what, file in GROUP_ITEMS:
        for item_id, item_loc in in_general[kind].items():
            if item_id in in_group[kind]:
                problems.append(
                    source.problem(
                        item_loc,
                        f"{what} {item_id!r} is marked general but is also in a group (line {source.line(in_group[kind][item_id])}); "
                        "remove it from one of them",
                    )
                )
        for item_id in plan_ids[kind] or []:
            if item_id not in in_group[kind] and item_id not in in_general[kind]:
                problems.append(
                    source.problem(
                        ("general", kind),
                        f"{what} {item_id!r} of {file} is in no group and not marked general; add it to the {kind} of a group or to general.{kind}",
                    )
                )
    return problems + _check_related(groups, source) + _check_named_as(groups, source, targets, tasks)


def _check_related(groups: GroupsFile, source: Source) -> list[Problem]:
    """Each group's ``related``: ids of other groups of the file, once each, and both ways
    (the two pages link to each other). Looked up only when the group ids are unique: a
    duplicate is reported as such, and what it hides would be reported here again."""
    problems: list[Problem] = []
    by_id = {g.id: (i, g) for i, g in enumerate(groups.groups)}
    if len(by_id) < len(groups.groups):
        return problems
    for i, group in enumerate(groups.groups):
        first: dict[str, int] = {}
        for j, other in enumerate(group.related):
            loc: Loc = ("groups", i, "related", j)
            if other not in by_id:
                known = ", ".join(by_id)
                problems.append(source.problem(loc, f"unknown group id {other!r}; expected one of the group ids of this file: {known}"))
            elif other == group.id:
                problems.append(source.problem(loc, f"group {group.id!r} lists itself as related; remove it"))
            elif other in first:
                line = source.line(("groups", i, "related", first[other]))
                problems.append(source.problem(loc, f"group {other!r} is listed twice as related (first on line {line}); remove one"))
            else:
                first[other] = j
                k, back = by_id[other]
                if group.id not in back.related:
                    problems.append(
                        source.problem(
                            loc,
                            f"group {other!r} does not list {group.id!r} as related; add {group.id!r} to the related of "
                            f"{other!r} (line {source.line(('groups', k, 'id'))}), so that each page links to the other",
                        )
                    )
    return problems


def _check_named_as(groups: GroupsFile, source: Source, targets: TargetsFile | None, tasks: TasksFile | None) -> list[Problem]:
    """Each of a group's ``named_as`` words, in each of its languages, occurs (whatever the
    case) in the text of one of the group's own targets or sub-tasks in that language:
    they are the plan's words, marked where the page quotes them."""
    if targets is None or tasks is None:
        return []
    texts: dict[str, Text] = {t.id: t.clause for b in targets.bullets for t in b.targets}
    texts |= {t.id: t.text for a in tasks.areas for b in a.blocks for t in b.tasks}
    problems = []
    for i, group in enumerate(groups.groups):
        quoted = [texts[item_id] for item_id in [*group.targets, *group.tasks] if item_id in texts]
        for j, words in enumerate(group.named_as):
            for lang in words.languages:
                in_lang = [strip_emphasis(text[lang]).casefold() for text in quoted if text.get(lang) is not None]
                if in_lang and not any(words[lang].casefold() in text for text in in_lang):
                    problems.append(
                        source.problem(
                            ("groups", i, "named_as", j, lang),
                            f"{words[lang]!r} occurs in none of the targets and sub-tasks of group {group.id!r}; "
                            "write the words as the plan's text writes them, or remove them",
                        )
                    )
    return problems


def check_site(settings: SiteSettings, source: Source, plan_ids: set[str], plans: Mapping[str, tuple[Plan, TasksFile]]) -> list[Problem]:
    """site.yml against the plans it names: each plan and task area exists, the vision
    year is the one the plan's vision heading names, events fall after the plan's date.
    ``plan_ids`` are the plan folders' names and the ids their plan.yml declare; a plan
    among them whose files did not load (not in ``plans``) has its own problems listed."""
    problems = []
    for plan_id, guide in settings.plans.items():
        if plan_id not in plan_ids:
            problems.append(source.problem(("plans", plan_id), f"unknown plan id {plan_id!r}; expected a folder name under data/plans/"))
            continue
        if plan_id not in plans:
            continue
        plan, tasks = plans[plan_id]
        area_ids = [area.id for area in tasks.areas]
        for area_id in guide.areas:
            if area_id not in area_ids:
                problems.append(
                    source.problem(
                        ("plans", plan_id, "areas", area_id), f"unknown task area {area_id!r}; expected one of {shorten_list(area_ids)}"
                    )
                )
        vision = plan.objectives.specific.vision
        if guide.vision_year is not None and vision is None:
            problems.append(
                source.problem(("plans", plan_id, "vision_year"), "the plan has no vision (objectives.specific.vision); remove vision_year")
            )
        elif (
            guide.vision_year is not None
            and vision
            and not all(str(guide.vision_year) in vision.heading[lang] for lang in vision.heading.languages)
        ):
            problems.append(
                source.problem(
                    ("plans", plan_id, "vision_year"),
                    f"{guide.vision_year} is not the year the vision heading names: {shorten(vision.heading.vi)}",
                )
            )
        for i, event in enumerate(guide.events):
            if event.date <= plan.date:
                problems.append(
                    source.problem(
                        ("plans", plan_id, "events", i, "date"),
                        f"{event.date.isoformat()} is not after the plan's date {plan.date.isoformat()}",
                    )
                )
    return problems


# -- translations ----------------------------------------------------------------


def texts(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, Multilingual]]:
    """Every multilingual text of ``model`` (a ``Text`` or a glossary ``Term``) with its key path."""
    if isinstance(model, Multilingual):
        yield loc, model
    for name, field in type(model).model_fields.items():
        yield from _texts_in(getattr(model, name), (*loc, field.alias or name))


def _texts_in(value: object, loc: Loc) -> Iterator[tuple[Loc, Multilingual]]:
    if isinstance(value, BaseModel):
        yield from texts(value, loc)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts_in(item, (*loc, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts_in(item, (*loc, key))


def check_translations(model: BaseModel, source: Source, languages: Iterable[str], why: str, loc: Loc = ()) -> list[Problem]:
    """Every text of ``model`` (found at ``loc`` in ``source``) in each of ``languages``: one
    problem per missing text, at the line of the text, saying ``why`` it is needed."""
    wanted = [lang for lang in languages if lang in LANGUAGES]
    return [
        source.problem((*at, lang), f"{missing_text(lang)}; {why}")
        for at, text in texts(model, loc)
        for lang in wanted
        if text.get(lang) is None
    ]


def translated_share(models: Iterable[BaseModel], lang: str) -> tuple[int, int]:
    """How many of the texts of ``models`` are written in ``lang``, and how many there are."""
    found = [text for model in models for _, text in texts(model)]
    return sum(1 for text in found if text.get(lang) is not None), len(found)
