"""The limits of plansite/limits.py: stated in SECURITY.md and the schemas, and a site at
the largest counts they allow gets its pages, menu and open data (issue 19).

The largest site: 50 plans (``limits.PLANS``, each the real plan under another id),
their groups of people padded so that groups and task areas reach
``limits.MENU_ENTRIES``, every group's name as long as a name may be, and agencies up
to ``limits.AGENCIES``, each with its glossary entry and a place in a plan. What makes
pages and menu entries is at its maximum; the bulk of text is not (each plan keeps one
sub-task per area: the cost of text is linear, and measured by ``bench/``). One process
loads it, writes the page stubs and each edition's menu, and writes every open-data
file, as ``make build`` does before MkDocs runs; the test checks that every step
succeeds and that what it writes is bounded (menu labels cut, no spreadsheet cell cut).
Its time and memory are printed (``pytest -s``), not asserted: speed is measured, not tested.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from conftest import DATA, PLAN_ID, ROOT

from plansite import limits
from plansite.schema import SCHEMAS, schema_text


def test_every_limit_is_in_the_schemas_and_in_security_md() -> None:
    security = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    for name, figure in limits.table().items():
        for model in SCHEMAS.values():
            assert json.loads(schema_text(model))["x-plansite-limits"][name] == figure
        assert f"`{name}`" in security and f"{figure:,}" in security, name


class _NoAliases(yaml.SafeDumper):
    """Writes a value shared by several plans out in full: the loader refuses aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _write(path: Path, data: object) -> None:
    path.write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=1_000_000), encoding="utf-8")


def _read(path: Path) -> dict[str, Any]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _plan_files(groups_wanted: int, agency_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The real plan's files cut to one sub-task per task area and one target, with
    ``groups_wanted`` groups of people named as long as a name may be, its recipients naming
    ``agency_ids`` (whatever the cut sub-tasks named): the counts that make pages and menu
    entries stay, the bulk of text that only makes the test slow goes."""
    files = {name: _read(DATA / "plans" / PLAN_ID / name) for name in ("plan.yml", "targets.yml", "tasks.yml", "groups.yml")}
    for area in files["tasks.yml"]["areas"]:
        area["blocks"] = area["blocks"][:1]
        area["blocks"][0]["tasks"] = area["blocks"][0]["tasks"][:1]
    bullet = files["targets.yml"]["bullets"][0]
    bullet["targets"] = bullet["targets"][:1]
    files["targets.yml"]["bullets"] = [bullet]
    groups = files["groups.yml"]["groups"][:groups_wanted]
    groups += [{"id": f"extra-{g}", "name": {"vi": f"Nhóm {g}", "en": f"Group {g}"}} for g in range(len(groups), groups_wanted)]
    kept = {group["id"] for group in groups}
    for group in groups:
        group["name"]["vi"] = (group["name"]["vi"] + " " + "ơ" * limits.NAME.chars)[: limits.NAME.chars]
        group.update({"targets": [bullet["targets"][0]["id"]], "tasks": []})
        # The plan's words for the group were in the items just replaced; related groups may be cut.
        group.pop("summary", None)
        group.pop("named_as", None)
        group["related"] = [other for other in group.get("related", []) if other in kept]
    task_ids = [area["blocks"][0]["tasks"][0]["id"] for area in files["tasks.yml"]["areas"]]
    files["groups.yml"] = {"groups": groups, "general": {"tasks": task_ids}}
    recipients = [{"text": {"vi": f"Cơ quan {a}", "en": f"Body {a}"}, "agency": a} for a in agency_ids]
    files["plan.yml"]["recipients"]["items"] = recipients
    return files


def largest_site(out: Path) -> None:
    """The data folder ``out``: the site at the largest counts ``limits`` allows (plans,
    groups and task areas in the menu, agencies), names as long as a name may be."""
    (out / "plans").mkdir(parents=True)
    agencies, glossary, settings = _read(DATA / "agencies.yml"), _read(DATA / "glossary.yml"), _read(DATA / "site.yml")
    shutil.copy(DATA / "units.yml", out / "units.yml")
    listed: list[dict[str, Any]] = agencies["agencies"]
    for n in range(len(listed), limits.AGENCIES):
        name = f"Tổ công tác số {n} " + "ư" * (limits.NAME.chars - 30)
        listed.append({"id": f"to-cong-tac-{n}", "kind": "recipient", "name": {"vi": name, "en": f"Working team {n}"}, "spellings": [name]})
        glossary["terms"].append({"id": f"to-cong-tac-{n}", "vi": name, "en": f"Working team {n}", "basis": "chosen"})
    _write(out / "agencies.yml", agencies)
    _write(out / "glossary.yml", glossary)
    ids = [str(agency["id"]) for agency in listed]
    areas = len(_read(DATA / "plans" / PLAN_ID / "tasks.yml")["areas"])
    room, share = limits.MENU_ENTRIES - areas * limits.PLANS, len(ids) // limits.PLANS + 1
    guide = settings["plans"].pop(PLAN_ID)
    for k in range(limits.PLANS):
        wanted = min(limits.GROUPS, room // (limits.PLANS - k))
        room -= wanted
        # Every agency is a recipient of some plan, so none is "referenced nowhere".
        files = _plan_files(wanted, ids[k * share : (k + 1) * share])
        plan_id = files["plan.yml"]["id"] = f"{k + 1}-kh-ubnd-2024"
        (out / "plans" / plan_id).mkdir()
        for name, content in files.items():
            _write(out / "plans" / plan_id / name, content)
        settings["plans"][plan_id] = guide
    _write(out / "site.yml", settings)


MEASURE = """
import json, resource, sys, time
from pathlib import Path
from plansite.languages import CODES
from plansite.load import load_site
from plansite.opendata.files import export
from plansite.pages import navigation, write_pages
from plansite.render import Renderer
data, work = Path(sys.argv[1]), Path(sys.argv[2])
times = {}
start = time.perf_counter()
site = load_site(data)
times["load"] = time.perf_counter() - start
start = time.perf_counter()
stubs = write_pages(site, work / "docs", work / "build")
renderer = Renderer(site)
menus = {lang: navigation(renderer, lang) for lang in CODES}
times["pages and menus"] = time.perf_counter() - start
start = time.perf_counter()
files = export(site, work / "out")
times["export"] = time.perf_counter() - start
(work / "menus.json").write_text(json.dumps(menus, ensure_ascii=False))
print(json.dumps({"seconds": times, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "plans": len(site.plans), "agencies": len(site.agencies), "stubs": len(stubs),
    "data_bytes": sum((data / name).stat().st_size for name in site.files),
    "open_data_bytes": sum(file.size for file in files), "open_data_files": len(files)}))
"""


@pytest.fixture(scope="module")
def largest(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    work = tmp_path_factory.mktemp("largest")
    largest_site(work / "data")
    done = subprocess.run([sys.executable, "-c", MEASURE, str(work / "data"), str(work)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    measured: dict[str, object] = json.loads(done.stdout)
    print(f"\nthe largest site: {json.dumps(measured)}")
    return work, measured


def test_the_largest_site_gets_its_pages_menu_and_open_data(largest: tuple[Path, dict[str, object]]) -> None:
    work, measured = largest
    assert (measured["plans"], measured["agencies"]) == (limits.PLANS, limits.AGENCIES)
    menus: dict[str, list[dict[str, object]]] = json.loads((work / "menus.json").read_text(encoding="utf-8"))

    def labels(entries: list[dict[str, object]]) -> list[str]:
        found = []
        for entry in entries:
            [(label, children)] = entry.items()
            found.append(label)
            if isinstance(children, list):
                found += labels(children)
        return found

    for menu in menus.values():
        # Labels are escaped for the theme (&#…;): count the characters the reader sees.
        shown = [re.sub(r"&#?\w+;", "x", label) for label in labels(menu)]
        assert len(shown) > limits.MENU_ENTRIES
        assert max(len(label) for label in shown) <= limits.MENU_LABEL
    vietnamese = [re.sub(r"&#?\w+;", "x", label) for label in labels(menus["vi"])]
    assert sum(len(label) == limits.MENU_LABEL and label.endswith("…") for label in vietnamese) >= limits.MENU_ENTRIES // 2


def test_no_cell_of_the_largest_site_is_cut(largest: tuple[Path, dict[str, object]]) -> None:
    work, _ = largest
    sheets = sorted((work / "out" / "duty-sheets").glob("*.xlsx"))
    book = openpyxl.load_workbook(max(sheets, key=lambda path: path.stat().st_size), read_only=True)
    longest = max(len(str(value)) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for value in row if value)
    assert 0 < longest <= limits.SPREADSHEET_CELL
