"""Agency pages, the agency index and the responsibility matrix against the data.

Expectations come from the YAML read as plain data and from the published
responsibilities.csv, never from plansite's own computation of duties.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path
from typing import Any

import pytest
from conftest import PLAN_ID, build_site
from playwright.sync_api import Page
from rawdata import raw, raw_tasks
from toolkit.html import Element, read_page, resolve, text

from plansite.load import load_site
from plansite.source import DataError

LANGS = {"vi": "", "en": "en/"}
AGENCIES: dict[str, dict[str, Any]] = {a["id"]: a for a in raw("agencies.yml")["agencies"]}
PLAN = raw("plan.yml")


def agency_url(agency_id: str, lang: str) -> str:
    return f"{LANGS[lang]}agencies/{agency_id}/"


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
    """The sub-task ids a section of an agency page lists (None: no such section)."""
    fragment = page.article().section(f"{key}-{PLAN_ID}")
    if fragment is None:
        return None
    return [link.text for link in fragment.links() if "#task-" in link.href]


@pytest.mark.parametrize("lang", LANGS)
def test_every_agency_page_lists_exactly_its_tasks(built_site: Path, lang: str) -> None:
    rows = responsibilities(built_site)
    for agency_id, agency in AGENCIES.items():
        page = read_page(built_site, agency_url(agency_id, lang))
        h1 = page.article().find("h1")
        assert h1 is not None and h1.words() == agency["name"][lang], agency_id
        for key, task_ids in expected_tasks(agency_id).items():
            listed = listed_tasks(page, key)
            assert (listed or []) == task_ids, (agency_id, lang, key)
            assert listed is None or listed, f"{agency_id} {key}: an empty section is shown"
        for role in ("lead", "coordinate"):
            given = [r["task_id"] for r in rows if r["agency_id"] == agency_id and r["role"] == role]
            assert (listed_tasks(page, role) or []) == given, (agency_id, lang, role)


def test_every_task_link_reaches_its_sub_task(built_site: Path) -> None:
    checked = 0
    for lang in LANGS:
        for agency_id in AGENCIES:
            url = agency_url(agency_id, lang)
            for link in read_page(built_site, url).article().links():
                if "#task-" not in link.href:
                    continue
                target, anchor = resolve(url, link.href)
                heading = read_page(built_site, target).section(anchor)
                assert heading is not None, (url, link.href)
                assert heading.words().startswith(link.text + " "), (url, link.href, heading.words()[:40])
                checked += 1
    assert checked >= 2 * len(raw_tasks())


def addressed(agency_id: str) -> list[dict[str, Any]]:
    """Section IV items addressed to the agency or to a collective it belongs to."""
    names = {agency_id, *AGENCIES[agency_id].get("member_of", [])}
    return [item for item in PLAN["implementation"]["items"] if names & set(item["addressed_to"])]


@pytest.mark.parametrize("lang", LANGS)
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
    for lang in LANGS:
        for collective in sorted(with_members & set(named)):
            page = read_page(built_site, agency_url("bhxh-huyen", lang)).article()
            assert AGENCIES[collective]["name"][lang] in page.words()
            assert page.section(f"member-{collective}-{PLAN_ID}") is None
            members_page = read_page(built_site, agency_url(collective, lang)).article().words()
            assert AGENCIES["bhxh-huyen"]["name"][lang] in members_page
            for member, agency in AGENCIES.items():
                if collective in agency.get("member_of", []):
                    assert agency["name"][lang] in members_page, member


def test_the_agency_index_counts_and_groups(built_site: Path) -> None:
    for lang, prefix in LANGS.items():
        page = read_page(built_site, f"{prefix}agencies/").article()
        seen = []
        for kind in {a["kind"] for a in AGENCIES.values()}:
            fragment = page.section(f"kind-{kind}")
            assert fragment is not None and fragment.find("caption") and fragment.find("th", scope="col"), kind
            for cells in fragment.table_rows()[1:]:
                (link,) = cells[0].links()
                agency_id = resolve(f"{prefix}agencies/", link.href)[0].rstrip("/").rsplit("/", 1)[-1]
                assert AGENCIES[agency_id]["kind"] == kind and link.text == AGENCIES[agency_id]["name"][lang]
                tasks = expected_tasks(agency_id)
                members = sum(len(v) for k, v in tasks.items() if k.startswith("member-"))
                assert [int(c.words()) for c in cells[1:]] == [len(tasks["lead"]), len(tasks["coordinate"]), members], agency_id
                seen.append(agency_id)
        assert sorted(seen) == sorted(AGENCIES)


@pytest.mark.parametrize("lang", LANGS)
def test_the_matrix_agrees_with_the_data_cell_for_cell(built_site: Path, lang: str) -> None:
    url = f"{LANGS[lang]}plans/{PLAN_ID}/matrix/"
    page = read_page(built_site, url).article()
    assert page.find("caption") is not None
    rows = page.table_rows()
    task_ids = [cell.words() for cell in rows[0][1:]]
    assert task_ids == [task["id"] for _, task in raw_tasks()]
    given = {(r["agency_id"], r["task_id"]): r["role"] for r in responsibilities(built_site)}
    # The marks are explained in words on the page (the legend), and each mark carries its meaning.
    marks = {}
    for cells in rows[1:]:
        for cell in cells[1:]:
            for abbr in cell.iter("abbr"):
                marks[abbr.text()] = abbr.attrs["title"]
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
    for lang, prefix in LANGS.items():
        for agency_id in ("phong-y-te", "co-quan-ban-nganh-huyen"):
            page.goto(site_url + prefix)
            page.locator("article a[href$='agencies/']").first.click()
            assert page.url == site_url + prefix + "agencies/"
            page.locator("article a", has_text=AGENCIES[agency_id]["name"][lang]).first.click()
            assert page.url == site_url + agency_url(agency_id, lang)
            assert page.locator("h1").inner_text().strip() == AGENCIES[agency_id]["name"][lang]


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


def test_a_block_without_a_lead_agency_is_an_error_and_stops_the_build(copy_of_data: Path, tmp_path: Path) -> None:
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
    build = build_site(copy_of_data, workdir)
    assert build.returncode != 0 and f"[areas[{a}].blocks[{b}].lead]" in build.output
    assert not (workdir / "site" / "index.html").exists()
