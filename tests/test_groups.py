"""The plan by group of people (issue 12, items 2 and 3): groups.yml checked against the
plan, the group pages against the data, target levels in plain words, the target of a
link highlighted, and the citizen's question answered two taps from the home page.

Expectations come from the YAML read as plain data (groups.yml, targets.yml, tasks.yml,
the strings files) and from levels written out by hand, never from plansite's own
rendering of them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import PLAN_ID, problems
from playwright.sync_api import Browser, Page
from rawdata import raw, raw_tasks, shown_number
from toolkit.html import read_page, resolve

from plansite import registry
from plansite.checks import strip_emphasis
from plansite.languages import CODES, LANGUAGES
from plansite.load import SiteData, load_site
from plansite.models import Comparator, Target, Text
from plansite.wording import Wording

ROOT = Path(__file__).resolve().parent.parent
GROUPS: dict[str, Any] = raw("groups.yml")
TARGETS: dict[str, Any] = raw("targets.yml")
TARGET_BY_ID = {t["id"]: t for bullet in TARGETS["bullets"] for t in bullet["targets"]}
TASK_BY_ID = {task["id"]: (block, task) for block, task in raw_tasks()}
AREA_OF = {task["id"]: area["id"] for area in raw("tasks.yml")["areas"] for block in area["blocks"] for task in block["tasks"]}
STRINGS = {lang: yaml.safe_load((ROOT / "plansite" / "strings" / f"{lang}.yml").read_text(encoding="utf-8")) for lang in CODES}
# The year after "đến năm" / "by" in every level, as section II.2.1 gives it.
BY_YEAR = {"vi": f"— đến năm {TARGETS['year']}", "en": f"— by {TARGETS['year']}"}


def plural(entry: str | dict[str, str], count: int) -> str:
    """A count as the strings file words it (English has a form for one and for more)."""
    text = entry if isinstance(entry, str) else entry["one" if count == 1 else "other"]
    return text.format(count=count)


def group_url(group_id: str, lang: str) -> str:
    return f"{LANGUAGES[lang].prefix}plans/{PLAN_ID}/groups/{group_id}/"


def index_url(lang: str) -> str:
    return f"{LANGUAGES[lang].prefix}plans/{PLAN_ID}/groups/"


# -- groups.yml is checked against the plan ------------------------------------------


def groups_file(data: Path) -> Path:
    return data / "plans" / PLAN_ID / "groups.yml"


def edit(path: Path, old: str, new: str) -> int:
    """Replace the one ``old`` in ``path``; return the 1-based line where it was."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert text.count(needle) == 1, needle
    return text[: text.index(needle)].count("\n") + 1


def test_an_unknown_target_id_is_named_and_its_old_place_left_empty(copy_of_data: Path) -> None:
    path = groups_file(copy_of_data)
    line = edit(path, "      - t08 #", "      - t99 #")
    found = problems(copy_of_data)
    general = line_of(path, "    - t15 #")
    assert [str(p) for p in found] == [
        f"{path}:{line} [groups[1].targets[3]]: unknown target id 't99'; expected one of the target ids in targets.yml",
        f"{path}:{general} [general.targets]: target 't08' of targets.yml is in no group and not marked general; "
        "add it to the targets of a group or to general.targets",
    ]


def test_an_unknown_task_id_is_named(copy_of_data: Path) -> None:
    path = groups_file(copy_of_data)
    line = edit(path, '      - "4.3" #', '      - "4.9" #')
    general = line_of(path, '    - "1.1" #')
    assert [str(p) for p in problems(copy_of_data)] == [
        f"{path}:{line} [groups[2].tasks[1]]: unknown sub-task id '4.9'; expected one of the sub-task ids in tasks.yml",
        f"{path}:{general} [general.tasks]: sub-task '4.3' of tasks.yml is in no group and not marked general; "
        "add it to the tasks of a group or to general.tasks",
    ]


def test_an_id_twice_in_one_group_is_an_error(copy_of_data: Path) -> None:
    path = groups_file(copy_of_data)
    first = line_of(path, "      - t09 #")
    edit(path, "      - t09 #", "      - t09\n      - t09 #")
    [problem] = problems(copy_of_data)
    assert (
        str(problem)
        == f"{path}:{first + 1} [groups[1].targets[3]]: target 't09' is listed twice in group 'ho-ngheo' (first on line {first}); remove one"
    )


def test_an_id_both_in_a_group_and_general_is_an_error(copy_of_data: Path) -> None:
    path = groups_file(copy_of_data)
    grouped = line_of(path, "      - t01 #")
    line = edit(path, "    - t18 #", "    - t01\n    - t18 #")
    [problem] = problems(copy_of_data)
    assert str(problem) == (
        f"{path}:{line} [general.targets[1]]: target 't01' is marked general but is also in a group (line {grouped}); remove it from one of them"
    )


def test_a_target_in_no_group_is_an_error(copy_of_data: Path) -> None:
    path = groups_file(copy_of_data)
    edit(path, '      - t02 # "Tỷ lệ thất nghiệp chung"\n', "")
    general = line_of(path, "    - t15 #")
    [problem] = problems(copy_of_data)
    assert str(problem) == (
        f"{path}:{general} [general.targets]: target 't02' of targets.yml is in no group and not marked general; "
        "add it to the targets of a group or to general.targets"
    )


def test_a_duplicate_group_id_is_an_error(copy_of_data: Path) -> None:
    path = groups_file(copy_of_data)
    first = line_of(path, "  - id: ho-ngheo\n")
    line = edit(path, "  - id: tre-em\n", "  - id: ho-ngheo\n")
    [problem] = problems(copy_of_data)
    assert str(problem) == f"{path}:{line} [groups[3].id]: duplicate group id 'ho-ngheo' (first used on line {first})"


def test_an_empty_group_is_an_error(copy_of_data: Path) -> None:
    path = groups_file(copy_of_data)
    line = line_of(path, "  - id: nguoi-khuyet-tat\n")
    # Its two sub-tasks are in other groups too, so nothing else is left without a place.
    edit(path, '      - "6.1" # "giáo dục hoà nhập cộng đồng cho người khuyết tật"\n      - "7" #', '      - "7" #')
    edit(path, '    tasks:\n      - "7" # "vai trò của gia đình trong chăm sóc, bảo vệ người khuyết tật"\n', "    tasks: []\n")
    [problem] = problems(copy_of_data)
    assert str(problem) == (
        f"{path}:{line} [groups[5].id]: group 'nguoi-khuyet-tat' lists no target and no sub-task; add the ids that concern it, or remove the group"
    )


def test_a_misspelt_key_is_reported_and_a_plan_may_have_no_groups(copy_of_data: Path) -> None:
    path = groups_file(copy_of_data)
    line = edit(path, "    summary:\n      vi: Giáo dục hòa nhập", "    sumary:\n      vi: Giáo dục hòa nhập")
    [problem] = problems(copy_of_data)
    # The line of the key's value, as for every unknown key (tests/test_bad_input.py).
    assert str(problem) == f"{path}:{line + 1} [groups[5].sumary]: unknown key (check its spelling)"
    # groups.yml is the editors' reading aid: a plan without one (a new plan) has no pages by group.
    path.unlink()
    site = load_site(copy_of_data)
    assert site.plans[PLAN_ID].groups is None
    assert not [page for page in registry.all_pages(site) if page.kind in ("groups", "group")]


def test_related_groups_are_known_and_listed_both_ways(copy_of_data: Path) -> None:
    path = groups_file(copy_of_data)
    line = edit(path, '      - dan-toc-thieu-so # 3.1 "người có công', '      - dan-toc # 3.1 "người có công')
    back = line_of(path, '      - nguoi-co-cong # 3.1 "người có công')
    known = ", ".join(g["id"] for g in GROUPS["groups"])
    assert [str(p) for p in problems(copy_of_data)] == [
        f"{path}:{line} [groups[0].related[0]]: unknown group id 'dan-toc'; expected one of the group ids of this file: {known}",
        f"{path}:{back} [groups[6].related[0]]: group 'nguoi-co-cong' does not list 'dan-toc-thieu-so' as related; "
        f"add 'dan-toc-thieu-so' to the related of 'nguoi-co-cong' (line {line_of(path, '  - id: nguoi-co-cong')}), "
        "so that each page links to the other",
    ]


def test_a_group_related_to_itself_or_twice_is_an_error(copy_of_data: Path) -> None:
    path = groups_file(copy_of_data)
    first = line_of(path, '      - tre-em # 6.1 "người khuyết tật, trẻ em có hoàn cảnh đặc biệt"; 7')
    line = edit(
        path,
        '      - nguoi-cao-tuoi # 7 "người khuyết tật',
        '      - nguoi-khuyet-tat\n      - tre-em\n      - nguoi-cao-tuoi # 7 "người khuyết tật',
    )
    assert [str(p) for p in problems(copy_of_data)] == [
        f"{path}:{line} [groups[5].related[1]]: group 'nguoi-khuyet-tat' lists itself as related; remove it",
        f"{path}:{line + 1} [groups[5].related[2]]: group 'tre-em' is listed twice as related (first on line {first}); remove one",
    ]


def test_the_words_naming_a_group_are_the_plans(copy_of_data: Path) -> None:
    """Each language's words must occur in one of the group's items: a word of the
    editors' own (or misspelt) would be marked nowhere."""
    path = groups_file(copy_of_data)
    line = edit(
        path, "      - vi: người khuyết tật\n        en: people with disabilities", "      - vi: người tàn tật\n        en: disabled people"
    )
    assert [str(p) for p in problems(copy_of_data)] == [
        f"{path}:{line} [groups[5].named_as[0].vi]: 'người tàn tật' occurs in none of the targets and sub-tasks of group "
        "'nguoi-khuyet-tat'; write the words as the plan's text writes them, or remove them",
        f"{path}:{line + 1} [groups[5].named_as[0].en]: 'disabled people' occurs in none of the targets and sub-tasks of group "
        "'nguoi-khuyet-tat'; write the words as the plan's text writes them, or remove them",
    ]


def test_every_target_and_sub_task_has_a_place() -> None:
    """Read from the YAML: each target and sub-task of the plan is in a group or general, once per list."""
    lists = [*GROUPS["groups"], GROUPS["general"]]
    for kind, known in (("targets", set(TARGET_BY_ID)), ("tasks", set(TASK_BY_ID))):
        placed = [item for entry in lists for item in entry.get(kind, [])]
        assert set(placed) == known, (kind, set(placed) ^ known)
        for entry in lists:
            assert len(set(entry.get(kind, []))) == len(entry.get(kind, [])), entry.get("id", "general")
    assert len({g["id"] for g in GROUPS["groups"]}) == len(GROUPS["groups"])


# Words of the plan that name a group: every target and sub-task whose own words use
# them must be on that group's page (the grouping may add more, never leave these out).
NAMED_BY = {
    "nguoi-co-cong": ["người có công"],
    "ho-ngheo": ["nghèo"],
    "tre-em": ["trẻ em"],
    "nguoi-cao-tuoi": ["người cao tuổi"],
    "nguoi-khuyet-tat": ["khuyết tật"],
    "dan-toc-thieu-so": ["dân tộc thiểu số"],
    "phu-nu": ["phụ nữ"],
}


@pytest.mark.parametrize("group_id", NAMED_BY)
def test_every_item_that_names_the_group_is_in_it(group_id: str) -> None:
    group = next(g for g in GROUPS["groups"] if g["id"] == group_id)
    words = NAMED_BY[group_id]
    naming_targets = [i for i, t in TARGET_BY_ID.items() if any(w in t["clause"]["vi"].lower() for w in words)]
    naming_tasks = [i for i, (_, t) in TASK_BY_ID.items() if any(w in t["text"]["vi"].lower() for w in words)]
    assert naming_targets or naming_tasks, group_id
    assert set(naming_targets) <= set(group.get("targets", [])), (group_id, naming_targets)
    assert set(naming_tasks) <= set(group.get("tasks", [])), (group_id, naming_tasks)


# -- the pages -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", CODES)
def test_each_group_page_lists_exactly_its_targets_verbatim_with_level_and_year(built_site: Path, lang: str) -> None:
    """In the order groups.yml lists them (the editors' order), each with its level and
    year first, then the plan's words as a link to the target."""
    for group in GROUPS["groups"]:
        url = group_url(group["id"], lang)
        page = read_page(built_site, url).article()
        heading = page.find("h1")
        assert heading is not None and heading.words() == group["name"][lang], url
        targets = page.section("targets")
        if not group.get("targets"):
            assert targets is None and STRINGS[lang]["group_no_targets"] in page.words(), url
            continue
        assert targets is not None, url
        [promises] = targets.with_class("plansite-promises")
        listed = []
        for item in promises.iter("li"):
            level, clause = item.find("strong"), item.find("a")
            assert level is not None and clause is not None, item.html
            target_page, anchor = resolve(url, clause.attrs["href"])
            assert (
                target_page == f"{LANGUAGES[lang].prefix}plans/{PLAN_ID}/targets/" and anchor in read_page(built_site, target_page).ids()
            ), clause.attrs["href"]
            target_id = anchor.removeprefix("target-")
            listed.append(target_id)
            assert item.words().startswith(level.words()), (url, target_id)
            assert clause.words().endswith(TARGET_BY_ID[target_id]["clause"][lang]), (url, target_id)
            assert level.words().endswith(BY_YEAR[lang]), (url, target_id, level.words())
        assert listed == group["targets"], url


@pytest.mark.parametrize("lang", CODES)
def test_each_group_page_lists_exactly_its_sub_tasks_with_offices_and_a_link_into_the_plan(built_site: Path, lang: str) -> None:
    for group in GROUPS["groups"]:
        url = group_url(group["id"], lang)
        page = read_page(built_site, url).article()
        tasks = page.section("tasks")
        assert tasks is not None, url
        # In the order groups.yml lists them (the editors' order).
        shown = [h.attrs["id"] for h in tasks.iter("h3") if h.attrs.get("id", "").startswith("task-")]
        expected = group.get("tasks", [])
        assert shown == ["task-" + task_id.replace(".", "-") for task_id in expected], url
        for task_id in expected:
            block, task = TASK_BY_ID[task_id]
            fragment = tasks.section("task-" + task_id.replace(".", "-"))
            assert fragment is not None
            assert strip_emphasis(task["text"][lang]) in fragment.words(), (url, task_id)
            assert block["timeline"]["text"][lang] in fragment.words(), (url, task_id)
            targets = [resolve(url, link.href) for link in fragment.links()]
            assert (f"{LANGUAGES[lang].prefix}plans/{PLAN_ID}/area-{AREA_OF[task_id]}/", "task-" + task_id.replace(".", "-")) in targets, (
                url,
                task_id,
            )
            offices = [page for page, _ in targets if "/agencies/" in f"/{page}"]
            assert offices == [f"{LANGUAGES[lang].prefix}agencies/{a}/" for a in block["lead"] + block.get("coordinate", [])], (
                url,
                task_id,
            )


@pytest.mark.parametrize("lang", CODES)
def test_each_group_page_says_first_that_it_is_a_reading_aid(built_site: Path, lang: str) -> None:
    """In one line, before any of the plan's words, with a link to what it means: the whole
    notice on the groups index, which leads to the full text."""
    for group in GROUPS["groups"]:
        url = group_url(group["id"], lang)
        page = read_page(built_site, url).article()
        words = page.words()
        [line] = page.with_class("plansite-aid-line")
        assert line.words() == f"{STRINGS[lang]['reading_aid_line']} {STRINGS[lang]['reading_aid_meaning']}", url
        first_clause = min((words.find(TARGET_BY_ID[t]["clause"][lang]) for t in group.get("targets", [])), default=len(words))
        assert words.index(line.words()) < first_clause and words.index(line.words()) < words.index(STRINGS[lang]["group_tasks_heading"])
        [meaning] = line.links()
        index, anchor = resolve(url, meaning.href)
        assert index == index_url(lang)
        notice = read_page(built_site, index).article().by_id(anchor)
        assert notice is not None and STRINGS[lang]["reading_aid"] in notice.words()
        assert any(resolve(index, link.href)[0] == f"{LANGUAGES[lang].prefix}plans/{PLAN_ID}/full-text/" for link in notice.links())
        if "summary" in group:
            [editorial] = page.with_class("plansite-editorial")
            assert editorial.words().endswith(f"{STRINGS[lang]['editor_summary']}: {group['summary'][lang]}"), url


@pytest.mark.parametrize("lang", CODES)
def test_the_index_lists_every_group_and_the_general_items(built_site: Path, lang: str) -> None:
    url = index_url(lang)
    article = read_page(built_site, url).article()
    # The page's own content: what comes before the feedback and edit links that close
    # the article when the site has a contact or a repository (overrides/partials/feedback.html),
    # so the last section ends there.
    actions = next(article.with_class("plansite-actions"), None)
    page = article.before(actions) if actions is not None else article
    assert STRINGS[lang]["reading_aid"] in page.words()
    by_target = {resolve(url, link.href)[0]: link for link in page.links()}
    for group in GROUPS["groups"]:
        link = by_target[group_url(group["id"], lang)]
        assert link.text == group["name"][lang], group["id"]
        # The counts, in words when there is none: never "0 chỉ tiêu".
        [item] = [li for li in page.iter("li") if link.element in li.iter("a")]
        targets = len(group.get("targets", []))
        counted = STRINGS[lang]["no_own_targets"] if not targets else plural(STRINGS[lang]["count_targets"], targets)
        assert f"{group['name'][lang]}: {counted}, " in item.words(), item.words()
    assert "0 chỉ tiêu" not in page.words() and "0 targets" not in page.words()
    general = page.section("general")
    assert general is not None
    anchors = [resolve(url, link.href)[1] for link in general.links()]
    assert anchors == [f"target-{t}" for t in GROUPS["general"]["targets"]] + [
        "task-" + t.replace(".", "-") for t in GROUPS["general"]["tasks"]
    ]


# -- levels in plain words ---------------------------------------------------------------


def target(comparator: Comparator | None, value: float | None = None, unit: str | None = "percent", **more: Any) -> Target:
    return Target(
        id="t99",
        clause=Text(vi="x", en="x"),
        comparator=comparator,
        value=value,
        unit=unit if comparator else None,
        **more,
    )


DOCTORS = {"measure": Text(vi="bác sĩ", en="doctors")}
LEVELS = [
    (target(Comparator.lt, 2), "dưới 2% — đến năm 2030", "below 2% — by 2030"),
    (target(Comparator.le, 5), "không quá 5% — đến năm 2030", "at most 5% — by 2030"),
    (target(Comparator.eq, 35), "35% — đến năm 2030", "35% — by 2030"),
    (target(Comparator.ge, 97.5), "tối thiểu 97,5% — đến năm 2030", "at least 97.5% — by 2030"),
    (target(Comparator.gt, 95), "trên 95% — đến năm 2030", "over 95% — by 2030"),
    (target(Comparator.approx, 75, "years_of_age"), "khoảng 75 tuổi — đến năm 2030", "about 75 years — by 2030"),
    (target(Comparator.range, 35, value_max=40), "từ 35 đến 40% — đến năm 2030", "35 to 40% — by 2030"),
    (target(None), "không nêu con số — đến năm 2030", "no figure given — by 2030"),
    (
        target(Comparator.eq, 13, "per_10000_population", **DOCTORS),
        "13 bác sĩ trên 10.000 dân — đến năm 2030",
        "13 doctors per 10,000 population — by 2030",
    ),
    (
        target(Comparator.approx, 29, "m2_floor_per_person"),
        "khoảng 29 m² sàn/người — đến năm 2030",
        "about 29 m² of floor space per person — by 2030",
    ),
]


@pytest.mark.parametrize(("item", "vi", "en"), LEVELS, ids=lambda v: v if isinstance(v, str) else "")
def test_levels_in_plain_words(site_data: SiteData, item: Target, vi: str, en: str) -> None:
    words = Wording(site_data)
    assert words.level(item, 2030, "vi") == vi
    assert words.level(item, 2030, "en") == en
    assert words.level(item, 2045, "en").endswith("by 2045")


def test_every_comparator_has_a_level_case() -> None:
    assert {item.comparator for item, _, _ in LEVELS} == {*Comparator, None}


def test_a_measure_is_named_in_full(site_data: SiteData) -> None:
    words = Wording(site_data)
    doctors = target(Comparator.eq, 13, "per_10000_population", **DOCTORS)
    assert words.measure_name(doctors, "vi") == "Số bác sĩ trên 10.000 dân"
    assert words.measure_name(doctors, "en") == "Doctors per 10,000 population"
    assert words.measure_name(target(Comparator.lt, 2), "vi") is None


@pytest.mark.parametrize("lang", CODES)
def test_every_target_row_says_its_level_and_year(built_site: Path, lang: str) -> None:
    """On the targets page and the home page's table of key targets."""
    targets_page = read_page(built_site, f"{LANGUAGES[lang].prefix}plans/{PLAN_ID}/targets/").article()
    rows = [[cell.words() for cell in row] for table in targets_page.iter("table") for row in table.table_rows()]
    headings = [row for row in rows if row == rows[0]]
    body = [row for row in rows if row != rows[0]]
    assert rows[0] == [STRINGS[lang]["target"], STRINGS[lang]["reading"]]
    assert len(headings) == len(TARGETS["bullets"]) and len(body) == len(TARGET_BY_ID)
    assert all(level.endswith(BY_YEAR[lang]) for _, level in body)
    home = read_page(built_site, LANGUAGES[lang].prefix).article()
    key_rows = home.table_rows()[1:]
    assert len(key_rows) == sum(bool(t.get("key")) for t in TARGET_BY_ID.values())
    for name, level in key_rows:
        assert level.words().endswith(BY_YEAR[lang]), level.words()
        found = next((re.search(r"#target-(t\d+)$", link.href) for link in name.links()), None)
        assert found is not None, name.html
        item = TARGET_BY_ID[found.group(1)]
        if "measure" in item:
            # The measure in full: "Số bác sĩ trên 10.000 dân", "Doctors per 10,000 population".
            unit = next(u for u in raw("units.yml")["units"] if u["id"] == item["unit"])
            assert name.words().lower() == f"{'số ' if lang == 'vi' else ''}{item['measure'][lang]} {unit['label'][lang]}".lower()
        elif lang == "vi":
            assert name.words() == item["clause"][lang]  # the plan's words, as the plan writes them
        else:
            # A translated clause starts with a capital, like its neighbours (issue 21).
            clause = item["clause"][lang]
            assert name.words() == clause[:1].upper() + clause[1:]


def test_the_home_page_names_the_doctors_target_in_full(built_site: Path) -> None:
    home = read_page(built_site, "").article()
    assert any(link.text == "Số bác sĩ trên 10.000 dân" for link in home.links())
    # The plan says "phấn đấu" (it prints "phân đầu"): the level keeps the word (issue 21).
    assert any(cell.words() == "phấn đấu 13 bác sĩ trên 10.000 dân — đến năm 2030" for cell in home.iter("td"))


# -- in the browser ---------------------------------------------------------------------


def background(page: Page, selector: str) -> str:
    return str(page.eval_on_selector(selector, "e => getComputedStyle(e).backgroundColor"))


def test_the_target_of_a_link_is_highlighted_on_screen_and_on_paper(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}plans/{PLAN_ID}/targets/#target-t02")
    targeted = "tr:has(#target-t02) > td"
    other = "tr:has(#target-t03) > td"
    assert background(page, targeted) != background(page, other)
    assert page.eval_on_selector(targeted, "e => getComputedStyle(e).boxShadow") != "none"
    page.goto(f"{site_url}plans/{PLAN_ID}/area-5/#task-5-3")
    box, neighbour = ".plansite-task:has(> #task-5-3)", ".plansite-task:has(> #task-5-2)"
    assert background(page, box) != background(page, neighbour)
    bar = "e => getComputedStyle(e).borderInlineStartWidth"
    assert page.eval_on_selector(box, bar) != page.eval_on_selector(neighbour, bar)
    # The text under the heading is inside the highlighted box.
    assert page.eval_on_selector(box, "e => e.textContent").count("Minh Long vì người nghèo") == 1
    page.emulate_media(media="print")
    assert page.eval_on_selector(box, bar) != "0px"
    assert page.eval_on_selector(box, "e => getComputedStyle(e).printColorAdjust") == "exact"


# Where the first item's level and year (a target) or timeline (a sub-task) are drawn.
FIRST_ITEM = """([anchor, words]) => {
  const place = document.getElementById(anchor);
  const box = place.closest("li, .plansite-task");
  const line = [...box.querySelectorAll("strong, li")].find((e) => e.textContent.includes(words));
  if (!line) return null;
  const drawn = line.getBoundingClientRect();
  return { top: drawn.top, bottom: drawn.bottom };
}"""


def test_each_group_page_answers_on_a_phones_first_screen(browser: Browser, site_url: str) -> None:
    """On a 375 x 667 phone, in both languages: the reading-aid notice, the editors' summary
    at body size, and the first item groups.yml lists with its year (a target's level, a
    sub-task's timeline) are on the first screen, and nothing scrolls sideways."""
    context = browser.new_context(viewport={"width": 375, "height": 667})
    tab = context.new_page()
    problems = []
    try:
        for lang in CODES:
            for group in GROUPS["groups"]:
                tab.goto(site_url + group_url(group["id"], lang))
                notice = tab.locator(".plansite-aid-line").bounding_box()
                assert notice is not None and notice["y"] + notice["height"] <= 667, (group["id"], lang)
                summary, body = (
                    tab.locator(selector).first.evaluate("(e) => getComputedStyle(e).fontSize")
                    for selector in (".plansite-editorial", "article")
                )
                assert summary == body, (group["id"], lang, summary, body)
                if group.get("targets"):
                    first = [f"target-{group['targets'][0]}", BY_YEAR[lang]]
                else:
                    block, _ = TASK_BY_ID[group["tasks"][0]]
                    first = ["task-" + group["tasks"][0].replace(".", "-"), block["timeline"]["text"][lang]]
                drawn = tab.evaluate(FIRST_ITEM, first)
                if drawn is None or drawn["top"] < 0 or drawn["bottom"] > 667:
                    problems.append(f"{lang} {group['id']}: {first} at {drawn}")
                assert tab.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_a_related_group_is_one_tap_away_at_the_place_that_names_both(page: Page, site_url: str) -> None:
    """From the page on people with disabilities to the children's page, at the sub-task that
    names both: it is highlighted, and there the plan's words for children are marked."""
    page.goto(site_url + group_url("nguoi-khuyet-tat", "vi"))
    children = next(g for g in GROUPS["groups"] if g["id"] == "tre-em")
    shared = [t for t in GROUPS["groups"][5]["tasks"] if t in children["tasks"]]
    assert GROUPS["groups"][5]["id"] == "nguoi-khuyet-tat" and "tre-em" in GROUPS["groups"][5]["related"] and shared
    anchor = "task-" + shared[-1].replace(".", "-")
    page.locator("#related + p + ul li", has_text=children["name"]["vi"]).locator(f"a[href$='#{anchor}']").click()
    # The new address is set when the navigation commits, before the page is parsed.
    page.wait_for_load_state()
    assert page.url == site_url + group_url("tre-em", "vi") + "#" + anchor
    box, neighbour = f".plansite-task:has(> #{anchor})", ".plansite-task:not(:has(:target))"
    assert background(page, box) != background(page, neighbour)
    marked = page.locator(f"{box} mark").all_inner_texts()
    assert marked and {word.lower() for word in marked} == {w["vi"] for w in children["named_as"]}


@pytest.mark.parametrize(
    ("group_id", "words"),
    [("ho-ngheo", "Hộ nghèo"), ("nguoi-co-cong", "Người có công")],
)
def test_what_the_plan_promises_a_group_in_two_taps_from_home(browser: Browser, site_url: str, group_id: str, words: str) -> None:
    """Tried as a citizen on a 375 px phone: home, the groups index, the group's page,
    which shows its targets with their year and its sub-tasks."""
    context = browser.new_context(viewport={"width": 375, "height": 667})
    tab = context.new_page()
    tab.goto(site_url)
    # The page's own links (the menu, inside <main> too, lists the groups as well).
    tab.locator("article").get_by_role("link", name=STRINGS["vi"]["route_promises"]).click()
    tab.locator("article").get_by_role("link", name=re.compile("^" + words)).click()
    tab.wait_for_load_state()
    assert tab.url == site_url + group_url(group_id, "vi")
    group = next(g for g in GROUPS["groups"] if g["id"] == group_id)
    main = tab.locator("article")
    for target_id in group["targets"]:
        item = main.locator(".plansite-promises li", has_text=TARGET_BY_ID[target_id]["clause"]["vi"])
        item.scroll_into_view_if_needed()
        assert item.is_visible() and BY_YEAR["vi"] in item.inner_text(), target_id
    for task_id in group["tasks"]:
        heading = main.locator(f"#task-{task_id.replace('.', '-')}")
        number = shown_number(TASK_BY_ID[task_id][1])  # the editors' in square brackets
        assert heading.is_visible() and heading.inner_text().startswith(number + " "), task_id
    if group_id == "ho-ngheo":
        assert {"5.3", "6.5"} <= set(group["tasks"])
    context.close()
