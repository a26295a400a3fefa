"""Agency pages, the agency index and the responsibility matrix against the data.

Expectations come from the YAML read as plain data and from the published
responsibilities.csv, never from plansite's own computation of duties.
"""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import PLAN_ID, plain_strings
from playwright.sync_api import Browser, Page, ViewportSize
from rawdata import raw, raw_tasks, shown_number
from toolkit.html import Element, read_page, resolve, text
from toolkit.site import SiteBuilder

from plansite.checks import strip_emphasis
from plansite.languages import CODES, LANGUAGES
from plansite.load import load_site
from plansite.source import DataError
from plansite.strings import load_strings

AGENCIES: dict[str, dict[str, Any]] = {a["id"]: a for a in raw("agencies.yml")["agencies"]}
PLAN = raw("plan.yml")
TASKS: dict[str, dict[str, Any]] = {task["id"]: task for _, task in raw_tasks()}


# What each abbreviation in a body's name stands for, as the page's title writes it out.
WRITTEN_OUT = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam",
    "CT": "Chủ tịch",
    "PCT": "Phó Chủ tịch",
    "VP": "Văn phòng",
    "C": "Chánh Văn phòng",
    "PCVP": "Phó Chánh Văn phòng",
}


def agency_title(name: str, lang: str) -> str:
    """A body's page title: in Vietnamese its abbreviations written out, its name as the
    plan spells it beside ("Ủy ban nhân dân các xã (UBND các xã)"), issue 21."""
    if lang != "vi":
        return name
    full = re.sub(r"(?<!\w)(" + "|".join(WRITTEN_OUT) + r")(?!\w)", lambda m: WRITTEN_OUT[m.group(1)], name)
    return name if full == name else f"{full} ({name})"


def agency_url(agency_id: str, lang: str) -> str:
    return f"{LANGUAGES[lang].prefix}agencies/{agency_id}/"


def expected_tasks(agency_id: str) -> dict[str, list[str]]:
    """Sub-task ids by section of the agency page, as the plan's assignment lines give them.

    A sub-task the agency leads or coordinates by name is listed under that role only;
    the others that a collective it belongs to coordinates are listed under the collective.
    """
    collectives = AGENCIES[agency_id].get("member_of", [])
    found: dict[str, list[str]] = {"lead": [], "coordinate": [], "mentioned": []}
    found |= {f"member-{c}": [] for c in collectives}
    for block, task in raw_tasks():
        if agency_id in block["lead"]:
            found["lead"].append(task["id"])
        elif agency_id in block.get("coordinate", []):
            found["coordinate"].append(task["id"])
        else:
            for collective in collectives:
                if collective in block.get("coordinate", []):
                    found[f"member-{collective}"].append(task["id"])
        if agency_id in task.get("mentions", []):
            found["mentioned"].append(task["id"])
    return found


@functools.cache
def responsibilities(site: Path) -> list[dict[str, str]]:
    with (site / "data" / PLAN_ID / "responsibilities.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def listed_tasks(page: Element, key: str) -> list[str] | None:
    """The sub-task ids a section of an agency page lists (None: no such section), each
    checked to be shown as its number (the editors' in square brackets); the tasks it
    leads are at the top, each link saying its number and title."""
    if key == "lead":
        numbers = [title.words().split()[0] for title in page.article().with_class("plansite-task-title")]
        ids = [number.strip("[]") for number in numbers]
        assert numbers == [shown_number(TASKS[task_id]) for task_id in ids], numbers
        return ids or None
    fragment = page.article().section(f"{key}-{PLAN_ID}")
    if fragment is None:
        return None
    shown = [link.text for link in fragment.links() if "#task-" in link.href]
    ids = [text.strip("[]") for text in shown]
    assert shown == [shown_number(TASKS[task_id]) for task_id in ids], shown
    return ids


@pytest.mark.parametrize("lang", CODES)
def test_every_agency_page_lists_exactly_its_tasks(built_site: Path, lang: str) -> None:
    rows = responsibilities(built_site)
    for agency_id, agency in AGENCIES.items():
        page = read_page(built_site, agency_url(agency_id, lang))
        h1 = page.article().find("h1")
        assert h1 is not None and h1.words() == agency_title(agency["name"][lang], lang), agency_id
        for key, task_ids in expected_tasks(agency_id).items():
            listed = listed_tasks(page, key)
            assert (listed or []) == task_ids, (agency_id, lang, key)
            assert listed is None or listed, f"{agency_id} {key}: an empty section is shown"
        for role in ("lead", "coordinate"):
            given = [r["task_id"] for r in rows if r["agency_id"] == agency_id and r["role"] == role]
            assert (listed_tasks(page, role) or []) == given, (agency_id, lang, role)


def test_every_task_link_reaches_its_sub_task(built_site: Path) -> None:
    checked = 0
    for lang in CODES:
        for agency_id in AGENCIES:
            url = agency_url(agency_id, lang)
            for link in read_page(built_site, url).article().links():
                if "#task-" not in link.href:
                    continue
                target, anchor = resolve(url, link.href)
                heading = read_page(built_site, target).section(anchor)
                assert heading is not None, (url, link.href)
                # A number, or (a task the agency leads) the number and title of the heading.
                assert (heading.words() + " ").startswith(link.text + " "), (url, link.href, heading.words()[:40])
                checked += 1
    assert checked >= 2 * len(raw_tasks())


def labelled(fragment: Element, label: str) -> list[Element]:
    """The list items and paragraphs of ``fragment`` that begin with ``label:`` (of a list
    item and the paragraph in it, the paragraph alone)."""
    blocks = [block for block in fragment.iter("li", "p") if block.words().startswith(label + ":")]
    return [block for block in blocks if not any(block in inner.ancestors() for inner in blocks)]


def named_by_links(page_url: str, block: Element, label: str, lang: str) -> list[str]:
    """The agencies a "label: A; B" line names, each of which must be a link to its page
    (the line holds nothing but the label, the links and their separators)."""
    found = [link for link in block.links() if agency_of(page_url, link.href)]
    words = block.words().removeprefix(label + ":").strip().rstrip(".")
    assert words == "; ".join(link.text for link in found), (page_url, words)
    ids = [agency_of(page_url, link.href) or "" for link in found]
    assert [link.text for link in found] == [AGENCIES[a]["name"][lang] for a in ids], page_url
    return ids


@pytest.mark.parametrize("lang", CODES)
def test_every_agency_named_on_a_plan_page_links_to_its_page(built_site: Path, lang: str) -> None:
    strings = plain_strings(lang)
    prefix = LANGUAGES[lang].prefix
    areas = {area["id"]: area for area in raw("tasks.yml")["areas"]}
    for area_id, area in areas.items():
        url = f"{prefix}plans/{PLAN_ID}/area-{area_id}/"
        page = read_page(built_site, url).article()
        for block in area["blocks"]:
            for task in block["tasks"]:
                fragment = page.section("task-" + task["id"].replace(".", "-"))
                assert fragment is not None, task["id"]
                for key, named in (
                    ("lead", block["lead"]),
                    ("coordinate", block.get("coordinate", [])),
                    ("mentions", task.get("mentions", [])),
                ):
                    lines = labelled(fragment, strings[key])
                    if not named and key == "mentions":
                        assert not lines, task["id"]
                        continue
                    (line,) = lines
                    assert named_by_links(url, line, strings[key], lang) == named, (task["id"], key)
    url = f"{prefix}plans/{PLAN_ID}/implementation/"
    page = read_page(built_site, url).article()
    lines = labelled(page, strings["addressed_to"])
    items = PLAN["implementation"]["items"]
    assert [named_by_links(url, line, strings["addressed_to"], lang) for line in lines] == [item["addressed_to"] for item in items]
    report = page.section("reporting")
    assert report is not None
    reporting = PLAN["implementation"]["reporting"]
    for key, named in (("report_from", reporting["from"]), ("report_to", [reporting["to"]]), ("report_through", [reporting["via"]])):
        (line,) = labelled(report, strings[key])
        assert named_by_links(url, line, strings[key], lang) == named, key
    # The matrix: every row is an agency's link; a group of bodies named under the
    # legend is a link too.
    url = f"{prefix}plans/{PLAN_ID}/matrix/"
    page = read_page(built_site, url).article()
    rows = page.table_rows()[1:]
    assert rows and all(agency_of(url, cells[0].links()[0].href) for cells in rows)
    collectives = [a for a, agency in AGENCIES.items() if agency["kind"] == "collective"]
    table = page.find("table")
    assert table is not None
    before_table = page.before(table)
    for collective in collectives:
        name = AGENCIES[collective]["name"][lang]
        if name in before_table.words():
            assert any(agency_of(url, link.href) == collective and link.text == name for link in before_table.links()), collective


def addressed(agency_id: str) -> list[dict[str, Any]]:
    """Section IV items addressed to the agency or to a collective it belongs to."""
    names = {agency_id, *AGENCIES[agency_id].get("member_of", [])}
    return [item for item in PLAN["implementation"]["items"] if names & set(item["addressed_to"])]


@pytest.mark.parametrize("lang", CODES)
def test_section_iv_duties_and_the_yearly_report(built_site: Path, lang: str) -> None:
    reporting = PLAN["implementation"]["reporting"]
    for agency_id in AGENCIES:
        page = read_page(built_site, agency_url(agency_id, lang)).article()
        fragment = page.section(f"implementation-{PLAN_ID}")
        items = addressed(agency_id)
        involved = {agency_id, *AGENCIES[agency_id].get("member_of", [])} & {*reporting["from"], reporting["to"], reporting["via"]}
        if not items and not involved:
            assert fragment is None, agency_id
            continue
        assert fragment is not None, agency_id
        words = fragment.words()
        for item in PLAN["implementation"]["items"]:
            wording = text(item["text"][lang].replace("*", ""))
            assert (wording in words) == (item in items), (agency_id, item.get("number"))
        report = page.section(f"reporting-{PLAN_ID}")
        assert (report is not None) == bool(involved), agency_id
        if report is not None:
            said = report.words()
            assert f"{reporting['due_day']}" in said and reporting["deadline_text"][lang] in said
            # What is due, and to whom (or, for the recipient, from whom).
            assert reporting["what"][lang] in said
            others = reporting["from"] if agency_id == reporting["to"] else [reporting["to"]]
            # A name inside a sentence may begin with a small letter ("các cơ quan, ban ngành huyện").
            names = [AGENCIES[other]["name"][lang] for other in others]
            assert all(name in said or name[:1].lower() + name[1:] in said for name in names), agency_id


def test_the_district_social_security_office_is_explained(built_site: Path) -> None:
    """Bodies the recipients list names apart from a collective of district offices do
    not inherit its duties, and their page (and the collective's) says why."""
    named = [r["agency"] for r in PLAN["recipients"]["items"] if r.get("agency")]
    with_members = {c for a in AGENCIES.values() for c in a.get("member_of", [])}
    apart = [a for a in named if AGENCIES[a]["kind"] in ("district_office", "district_body") and not AGENCIES[a].get("member_of")]
    assert apart == ["bhxh-huyen"]
    for lang in CODES:
        for collective in sorted(with_members & set(named)):
            page = read_page(built_site, agency_url("bhxh-huyen", lang)).article()
            assert AGENCIES[collective]["name"][lang] in page.words()
            assert page.section(f"member-{collective}-{PLAN_ID}") is None
            members_page = read_page(built_site, agency_url(collective, lang)).article().words()
            assert AGENCIES["bhxh-huyen"]["name"][lang] in members_page
            for member, agency in AGENCIES.items():
                if collective in agency.get("member_of", []):
                    assert agency["name"][lang] in members_page, member


def agency_of(page_url: str, href: str) -> str | None:
    """The agency whose page ``href`` on the page at ``page_url`` leads to, if it does."""
    target = resolve(page_url, href)[0]
    match = re.fullmatch(r"(?:en/)?agencies/([a-z0-9.-]+)/", target)
    return match.group(1) if match else None


def assigned(agency_id: str) -> bool:
    """Does the plan give the body work: a sub-task to lead or coordinate (by name or as
    a member), an item of section IV, or the yearly report to send or compile?"""
    tasks = expected_tasks(agency_id)
    reporting = PLAN["implementation"]["reporting"]
    own = {agency_id, *AGENCIES[agency_id].get("member_of", [])}
    return (
        any(ids for key, ids in tasks.items() if key != "mentioned")
        or bool(addressed(agency_id))
        or bool(own & set(reporting["from"]))
        or agency_id == reporting["via"]
    )


def test_the_agency_index_groups_bodies_by_what_readers_look_for(built_site: Path) -> None:
    labels = {lang: {role: load_strings()[lang][f"count_{role}"] for role in ("lead", "coordinate", "member")} for lang in CODES}
    for lang, prefix in ((code, LANGUAGES[code].prefix) for code in CODES):
        url = f"{prefix}agencies/"
        page = read_page(built_site, url).article()
        in_tables = []
        for kind in dict.fromkeys(a["kind"] for a in AGENCIES.values()):
            fragment = page.section(f"kind-{kind}")
            with_work = [a for a, agency in AGENCIES.items() if agency["kind"] == kind and assigned(a)]
            assert (fragment is not None) == bool(with_work), kind
            if fragment is None:
                continue
            assert fragment.find("caption") is not None and fragment.find("th", scope="col") is not None, kind
            header, *rows = fragment.table_rows()
            roles = [next(role for role, label in labels[lang].items() if label == cell.words()) for cell in header[1:]]
            columns: list[list[int]] = [[] for _ in roles]
            for cells in rows:
                (link,) = cells[0].links()
                agency_id = agency_of(url, link.href)
                assert agency_id in with_work and link.text == AGENCIES[agency_id]["name"][lang], (kind, link.text)
                tasks = expected_tasks(agency_id)
                expected = {
                    "lead": len(tasks["lead"]),
                    "coordinate": len(tasks["coordinate"]),
                    "member": sum(len(v) for k, v in tasks.items() if k.startswith("member-")),
                }
                shown = [int(c.words()) for c in cells[1:]]
                assert shown == [expected[role] for role in roles], agency_id
                # Every count that is not zero has its column; a row of zeros is not shown.
                assert {role for role, n in expected.items() if n} <= set(roles), agency_id
                assert any(shown), f"{agency_id}: a row of zeros"
                for column, value in zip(columns, shown, strict=True):
                    column.append(value)
                in_tables.append(agency_id)
            assert all(any(column) for column in columns), f"{kind}: a column that is zero in every row"
            assert in_tables[-len(with_work) :] == with_work, kind
        # The rest, apart: each body a link to its page, under a heading that says why, with one line on it.
        apart = page.section("apart")
        assert apart is not None
        without_work = [a for a in AGENCIES if a not in in_tables]
        assert sorted(without_work) == sorted(a for a in AGENCIES if not assigned(a))
        listed = [agency_of(url, link.href) for link in apart.links()]
        assert sorted(a for a in listed if a) == sorted(without_work), lang
        groups = [h3 for h3 in apart.iter("h3") if re.fullmatch(r"apart-[a-z]+", h3.attrs.get("id", ""))]
        assert groups, lang
        for h3 in groups:
            fragment = apart.section(h3.attrs["id"])
            assert fragment is not None
            why = h3.next_sibling()
            assert why is not None and why.tag == "p" and len(why.words()) > 20, h3.attrs["id"]
            assert any(agency_of(url, link.href) for link in fragment.links()), h3.attrs["id"]


def test_the_agency_index_has_no_note_for_editors(built_site: Path) -> None:
    for lang, prefix in ((code, LANGUAGES[code].prefix) for code in CODES):
        words = read_page(built_site, f"{prefix}agencies/").article().words().lower()
        for editorial in ("kiểm tra dữ liệu", "không được xuất bản", "data check", "is not published", "yaml", ".yml"):
            assert editorial not in words, (lang, editorial)


def abbreviation_terms() -> dict[str, dict[str, str]]:
    """The glossary's terms that an abbreviation of the recipients list stands for
    (their note says "Viết tắt “X” … Nơi nhận"), by abbreviation."""
    found = {}
    for term in raw("glossary.yml")["terms"]:
        note = term.get("note") or {}
        match = re.match(r"Viết tắt “([A-Z]+)”.*Nơi nhận", note.get("vi", ""))
        if match:
            found[match.group(1)] = term
    return found


def test_abbreviations_are_explained_where_they_appear(built_site: Path) -> None:
    terms = abbreviation_terms()
    assert {"C", "PCVP", "VT"} <= set(terms)
    recipients = " ".join(item["text"]["vi"] for item in PLAN["recipients"]["items"])
    used = [a for a in terms if re.search(rf"(?<!\w){a}(?!\w)", recipients)]
    assert {"C", "PCVP", "VT"} <= set(used)
    named = {a: agency for a, agency in AGENCIES.items() if any(re.search(rf"(?<!\w){x}(?!\w)", agency["name"]["vi"]) for x in terms)}
    assert "van-phong" in named

    def explained(abbreviation: str, words: str, lang: str) -> bool:
        term = terms[abbreviation]
        meaning = term["vi"] if lang == "vi" else f"{term['en']} ({term['vi']})"
        return f"{abbreviation}: {meaning}" in words

    for lang, prefix in ((code, LANGUAGES[code].prefix) for code in CODES):
        # The agency index, where the recipients' offices are listed.
        url = f"{prefix}agencies/"
        words = read_page(built_site, url).article().words()
        assert all(explained(a, words, lang) for a in used), url
        # The plan's full text, where the recipients list is: its abbreviations section
        # names each abbreviation and what it stands for ("C, PCVP: Chánh Văn phòng, …").
        url = f"{prefix}plans/{PLAN_ID}/full-text/"
        section = read_page(built_site, url).article().section("abbreviations")
        assert section is not None, url
        listed = section.words()
        for a in used:
            assert re.search(rf"(?<!\w){a}(?!\w)", listed) and terms[a]["vi"].lower() in listed.lower(), (url, a)
        for agency_id, agency in named.items():
            words = read_page(built_site, agency_url(agency_id, lang)).article().words()
            assert all(explained(a, words, lang) for a in terms if re.search(rf"(?<!\w){a}(?!\w)", agency["name"]["vi"])), agency_id


@pytest.mark.parametrize("lang", CODES)
def test_the_matrix_agrees_with_the_data_cell_for_cell(built_site: Path, lang: str) -> None:
    url = f"{LANGUAGES[lang].prefix}plans/{PLAN_ID}/matrix/"
    page = read_page(built_site, url).article()
    assert page.find("caption") is not None
    rows = page.table_rows()
    numbers = [cell.words() for cell in rows[0][1:]]
    assert numbers == [shown_number(task) for _, task in raw_tasks()]
    task_ids = [task["id"] for _, task in raw_tasks()]
    given = {(r["agency_id"], r["task_id"]): r["role"] for r in responsibilities(built_site)}
    # The marks are explained in words on the page (the legend), and each mark carries its meaning.
    marks = {}
    for cells in rows[1:]:
        for cell in cells[1:]:
            for mark in cell.iter("span"):
                if mark.attrs.get("role") == "img":
                    marks[mark.text()] = mark.attrs["aria-label"]
    assert len(marks) == 2 and all(f"{mark}: {title}" in page.words() for mark, title in marks.items())
    role_of_mark = {
        mark: ("lead" if "chủ trì" in title.lower() or "lead" in title.lower() else "coordinate") for mark, title in marks.items()
    }
    shown = {}
    for cells in rows[1:]:
        (link,) = cells[0].links()
        agency_id = resolve(url, link.href)[0].rstrip("/").rsplit("/", 1)[-1]
        assert link.text == AGENCIES[agency_id]["name"][lang]
        for task_id, cell in zip(task_ids, cells[1:], strict=True):
            if cell.words():
                shown[(agency_id, task_id)] = role_of_mark[cell.words()]
    assert shown == given
    assert {a for a, _ in shown} == {r["agency_id"] for r in responsibilities(built_site)}


def test_home_to_any_agency_in_two_clicks(page: Page, site_url: str) -> None:
    for lang, prefix in ((code, LANGUAGES[code].prefix) for code in CODES):
        for agency_id in ("phong-y-te", "co-quan-ban-nganh-huyen"):
            page.goto(site_url + prefix)
            page.locator("article a[href$='agencies/']").first.click()
            assert page.url == site_url + prefix + "agencies/"
            page.locator("article a", has_text=AGENCIES[agency_id]["name"][lang]).first.click()
            assert page.url == site_url + agency_url(agency_id, lang)
            assert page.locator("h1").inner_text().strip() == AGENCIES[agency_id]["name"][lang]


# A small phone's first screen, before any scrolling.
FIRST_SCREEN: ViewportSize = {"width": 375, "height": 667}
# Where a text first shows in the page's content: the box of its first occurrence.
FIRST_OCCURRENCE = """(needle) => {
  const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(needle);
    if (at < 0 || !node.parentElement.checkVisibility()) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + needle.length);
    const box = range.getBoundingClientRect();
    return { top: box.top, bottom: box.bottom };
  }
  return null;
}"""


def involved_in_the_report(agency_id: str) -> bool:
    reporting = PLAN["implementation"]["reporting"]
    own = {agency_id, *AGENCIES[agency_id].get("member_of", [])}
    return bool(own & {*reporting["from"], reporting["to"], reporting["via"]})


@pytest.mark.parametrize("lang", CODES)
def test_the_labour_office_reaches_its_duties_from_home_in_two_taps(browser: Browser, site_url: str, lang: str) -> None:
    context = browser.new_context(viewport=FIRST_SCREEN, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(site_url + LANGUAGES[lang].prefix)
        page.locator("article a[href$='agencies/']").first.tap()
        page.wait_for_url(site_url + LANGUAGES[lang].prefix + "agencies/")
        page.locator("article a", has_text=AGENCIES["phong-ldtbxh"]["name"][lang]).first.tap()
        page.wait_for_url(site_url + agency_url("phong-ldtbxh", lang))
        assert page.locator("h1").inner_text().strip() == AGENCIES["phong-ldtbxh"]["name"][lang]
    finally:
        context.close()


# A led task's title, by its number: where its first line is drawn.
TITLE = """(id) => {
  const link = [...document.querySelectorAll("article a.plansite-task-title")].find(
    (a) => a.textContent.trim().startsWith(id + " ") && a.checkVisibility());
  if (!link) return null;
  const first = link.getClientRects()[0];
  return { top: first.top, bottom: first.bottom, text: link.textContent.trim() };
}"""


@pytest.mark.parametrize("lang", CODES)
def test_an_office_page_opens_with_the_titles_of_the_tasks_it_leads(browser: Browser, site_url: str, lang: str) -> None:
    """On a 375 x 667 phone, each district office's page names every sub-task it leads by
    its title within its first two screens, before anything else it owes; the agencies
    that coordinate and the timeline follow them, then the yearly report's deadline."""
    deadline = PLAN["implementation"]["reporting"]["deadline_text"][lang]
    offices = [a for a, agency in AGENCIES.items() if agency["kind"] == "district_office"]
    assert "phong-ldtbxh" in offices
    titles = {task["id"]: task["title"][lang] for _, task in raw_tasks()}
    context = browser.new_context(viewport=FIRST_SCREEN)
    page = context.new_page()
    problems = []
    try:
        for agency_id in offices:
            page.goto(site_url + agency_url(agency_id, lang))
            led = expected_tasks(agency_id)["lead"]
            assert led, agency_id
            last = None
            for task_id in led:
                number = shown_number(TASKS[task_id])
                drawn = page.evaluate(TITLE, number)
                if drawn is None or drawn["bottom"] > 2 * FIRST_SCREEN["height"]:
                    problems.append(f"{agency_id}: {task_id} not in the first two screens ({drawn})")
                    continue
                assert drawn["text"] == f"{number} {strip_emphasis(titles[task_id])}", (agency_id, drawn["text"])
                last = drawn
            shared = next(block for block, task in raw_tasks() if task["id"] == led[-1])
            after = page.evaluate(FIRST_OCCURRENCE, shared["timeline"]["text"][lang])
            report = page.evaluate(FIRST_OCCURRENCE, deadline) if involved_in_the_report(agency_id) else None
            if last is not None:
                assert after is not None and after["top"] > last["top"], agency_id
                assert report is None or report["top"] > after["top"], agency_id
    finally:
        context.close()
    assert not problems, "\n".join(problems)


# Every link and control of a page, drawn: its box, whether it is a bare number (of a task
# or an item), and the words around it in its block that are not a link.
TARGETS = """() => [...document.querySelectorAll("a[href], button, summary, input, select, textarea")]
  .filter((e) => e.checkVisibility() && e.getClientRects().length)
  .map((e) => {
    const box = e.getBoundingClientRect();
    const block = e.closest("p, li, dd, td, th, figcaption");
    let words = "";
    if (block) {
      const copy = block.cloneNode(true);
      copy.querySelectorAll("a, ul, ol").forEach((inner) => inner.remove());
      words = copy.textContent.trim();
    }
    const text = e.textContent.trim();
    return { text: text.slice(0, 40), x: box.x, y: box.y, width: box.width, height: box.height,
             number: /^[0-9IVX]+(\\.[0-9a-z]*)*\\.?$/.test(text), words: words.split(/\\s+/).filter(Boolean).length,
             article: !!e.closest("article") };
  })"""


def spaced(target: dict[str, Any], others: list[dict[str, Any]]) -> bool:
    """WCAG 2.2's spacing exception: a 24 px circle centred on the undersized target meets no
    other target, nor the circle of another undersized one."""
    cx, cy = target["x"] + target["width"] / 2, target["y"] + target["height"] / 2
    for other in others:
        if other is target:
            continue
        small = other["width"] < 24 or other["height"] < 24
        ox, oy = other["x"] + other["width"] / 2, other["y"] + other["height"] / 2
        if small and (cx - ox) ** 2 + (cy - oy) ** 2 < 24**2:
            return False
        nearest_x = min(max(cx, other["x"]), other["x"] + other["width"])
        nearest_y = min(max(cy, other["y"]), other["y"] + other["height"])
        if (cx - nearest_x) ** 2 + (cy - nearest_y) ** 2 < 12**2:
            return False
    return True


@pytest.mark.parametrize("lang", CODES)
def test_every_link_and_control_of_an_office_page_is_big_enough(browser: Browser, site_url: str, lang: str) -> None:
    """WCAG 2.2 target size (2.5.8) on the Labour office's page, on a phone and a laptop: in
    the page's content every target is 24 x 24 CSS px or a phrase inside a sentence, and a
    task's or an item's number always 24 x 24; elsewhere (menus, footer), 24 x 24 or spaced
    as the criterion allows."""
    problems = []
    LAPTOP: ViewportSize = {"width": 1280, "height": 800}
    for viewport in (FIRST_SCREEN, LAPTOP):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        try:
            page.goto(site_url + agency_url("phong-ldtbxh", lang))
            targets = page.evaluate(TARGETS)
            assert sum(t["number"] for t in targets) >= 12, targets
            for target in targets:
                if target["width"] >= 24 and target["height"] >= 24:
                    continue
                in_sentence = not target["number"] and len(target["text"].split()) >= 2 and target["words"] >= 2
                if (target["article"] and not in_sentence) or (not target["article"] and not spaced(target, targets)):
                    problems.append(f"{viewport['width']} px: {target}")
        finally:
            context.close()
    assert not problems, "\n".join(problems)


def test_pages_read_on_a_360_px_phone(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    for url in ("agencies/phong-ldtbxh/", "en/agencies/co-quan-ban-nganh-huyen/", "agencies/", f"plans/{PLAN_ID}/matrix/", "en/downloads/"):
        page.goto(site_url + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, url
    page.goto(site_url + f"plans/{PLAN_ID}/matrix/")
    region = page.locator(".plansite-scroll").first
    first = page.locator("tbody th[scope=row]").first
    assert first.evaluate("e => getComputedStyle(e).position") == "sticky"
    left = region.bounding_box()
    assert left is not None
    region.evaluate("e => { e.scrollLeft = 400; }")
    assert region.evaluate("e => e.scrollLeft") > 0, "the matrix does not scroll sideways"
    box = first.bounding_box()
    assert box is not None and abs(box["x"] - left["x"]) < 2, "the agency column scrolled out of view"


# -- bad input -----------------------------------------------------------------
# Decision: both are errors (not warnings). The loader reports them with every
# other problem, and the build stops.


def test_an_agency_referenced_nowhere_is_an_error(copy_of_data: Path) -> None:
    path = copy_of_data / "agencies.yml"
    text_before = path.read_text(encoding="utf-8")
    path.write_text(
        text_before + "\n  - id: phong-tu-phap\n    kind: district_office\n    name:\n      vi: Phòng Tư pháp\n"
        "      en: Division of Justice\n    spellings: [Phòng Tư pháp]\n",
        encoding="utf-8",
    )
    line = text_before.count("\n") + 2
    with pytest.raises(DataError) as caught:
        load_site(copy_of_data)
    # (The new agency also lacks a glossary entry, which another check reports.)
    (problem,) = [p for p in caught.value.problems if "referenced" in p.message]
    assert (problem.file, problem.line, problem.path) == (path, line, f"agencies[{len(AGENCIES)}].id")
    assert problem.message == "agency 'phong-tu-phap' is referenced nowhere in the plans; remove it or reference it"


def test_a_block_without_a_lead_agency_is_an_error_and_stops_the_build(
    copy_of_data: Path, tmp_path: Path, site_builder: SiteBuilder
) -> None:
    path = copy_of_data / "plans" / PLAN_ID / "tasks.yml"
    source = path.read_text(encoding="utf-8")
    old = "    lead:\n    - phong-noi-vu\n"
    line = source[: source.index(old)].count("\n") + 1
    path.write_text(source.replace(old, "    lead: []\n", 1), encoding="utf-8")
    blocks = [(a, b) for a, area in enumerate(raw("tasks.yml")["areas"]) for b, block in enumerate(area["blocks"])]
    a, b = next((a, b) for a, b in blocks if raw("tasks.yml")["areas"][a]["blocks"][b]["lead"] == ["phong-noi-vu"])
    with pytest.raises(DataError) as caught:
        load_site(copy_of_data)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.path) == (path, line, f"areas[{a}].blocks[{b}].lead")
    assert problem.message == "the list is empty; expected at least 1 item"

    workdir = tmp_path / "work"
    workdir.mkdir()
    build = site_builder(copy_of_data, workdir)
    assert build.returncode != 0 and f"[areas[{a}].blocks[{b}].lead]" in build.output
    assert not (workdir / "site" / "index.html").exists()
