"""The limits of plansite/limits.py: stated in SECURITY.md and the schemas, and a site at
the largest counts they allow gets its pages, menu and open data (issue 19).

The largest site: 50 plans (``limits.PLANS``, the benchmark's largest site, made by
``toolkit.plans.make_plans``), their groups of people padded so that groups and task
areas reach ``limits.MENU_ENTRIES``, every group's name as long as a name may be, and
agencies up to ``limits.AGENCIES``, each with its glossary entry and a place in a plan.
One process loads it, writes the page stubs and the menu, and writes every open-data
file, as ``make build`` does before MkDocs runs; the test checks that every step
succeeds and that what it writes is bounded (the menu parses, labels are cut, no
spreadsheet cell is cut). Its time and memory are printed (``pytest -s``), not asserted:
speed is measured, not tested.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import yaml
from conftest import DATA, ROOT
from toolkit.plans import make_plans

from plansite import limits
from plansite.schema import SCHEMAS, schema_text


def test_every_limit_is_in_the_schemas_and_in_security_md() -> None:
    security = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    for name, figure in limits.table().items():
        for model in SCHEMAS.values():
            assert json.loads(schema_text(model))["x-plansite-limits"][name] == figure
        assert f"`{name}`" in security and f"{figure:,}" in security, name


def _write(path: Path, data: object) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000), encoding="utf-8")


def _read(path: Path) -> dict[str, object]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def largest_site(out: Path) -> None:
    """The data folder ``out``: the site at the largest counts ``limits`` allows."""
    make_plans(DATA, out, limits.PLANS)
    folders = sorted((out / "plans").iterdir())
    areas = sum(len(_read(folder / "tasks.yml")["areas"]) for folder in folders)  # type: ignore[arg-type]
    room = limits.MENU_ENTRIES - areas
    for k, folder in enumerate(folders):
        groups = _read(folder / "groups.yml")
        listed: list[dict[str, object]] = groups["groups"]  # type: ignore[assignment]
        wanted = min(limits.GROUPS, room // (len(folders) - k))
        target = listed[0]["targets"][0]  # type: ignore[index]
        for g in range(len(listed), wanted):
            listed.append(
                {"id": f"extra-{g}", "name": {"vi": f"Nhóm {g} " + "ă" * limits.NAME.chars, "en": f"Group {g}"}, "targets": [target]}
            )
        for group in listed:
            name: dict[str, str] = group["name"]  # type: ignore[assignment]
            name["vi"] = (name["vi"] + " " + "ơ" * limits.NAME.chars)[: limits.NAME.chars]
        room -= len(listed)
        _write(folder / "groups.yml", groups)
    agencies, glossary = _read(out / "agencies.yml"), _read(out / "glossary.yml")
    listed_agencies: list[dict[str, object]] = agencies["agencies"]  # type: ignore[assignment]
    recipients: list[dict[str, object]] = []
    for n in range(len(listed_agencies), limits.AGENCIES):
        name = f"Tổ công tác số {n} " + "ư" * 400
        listed_agencies.append(
            {"id": f"to-cong-tac-{n}", "kind": "recipient", "name": {"vi": name, "en": f"Working team {n}"}, "spellings": [name]}
        )
        glossary["terms"].append({"id": f"to-cong-tac-{n}", "vi": name, "en": f"Working team {n}", "basis": "chosen"})  # type: ignore[attr-defined]
        recipients.append({"text": {"vi": name, "en": f"Working team {n}"}, "agency": f"to-cong-tac-{n}"})
    _write(out / "agencies.yml", agencies)
    _write(out / "glossary.yml", glossary)
    # The new agencies receive the plans (a list holds at most limits.LIST_ITEMS items).
    for folder, start in zip(folders, range(0, len(recipients), limits.LIST_ITEMS // 2), strict=False):
        plan = _read(folder / "plan.yml")
        plan["recipients"]["items"] += recipients[start : start + limits.LIST_ITEMS // 2]  # type: ignore[index]
        _write(folder / "plan.yml", plan)


MEASURE = """
import json, resource, sys, time
from pathlib import Path
from plansite.load import load_site
from plansite.opendata.files import export
from plansite.pages import write_pages
data, work = Path(sys.argv[1]), Path(sys.argv[2])
times = {}
start = time.perf_counter()
site = load_site(data)
times["load"] = time.perf_counter() - start
start = time.perf_counter()
stubs = write_pages(site, work / "docs", work / "nav.yml")
times["pages"] = time.perf_counter() - start
start = time.perf_counter()
files = export(site, work / "out")
times["export"] = time.perf_counter() - start
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
    assert isinstance(measured["data_bytes"], int) and measured["data_bytes"] <= limits.DATA_BYTES
    nav = yaml.safe_load((work / "nav.yml").read_text(encoding="utf-8"))["nav"]

    def labels(entries: list[dict[str, object]]) -> list[str]:
        found = []
        for entry in entries:
            [(label, children)] = entry.items()
            found.append(label)
            if isinstance(children, list):
                found += labels(children)
        return found

    menu = labels(nav)
    assert len(menu) > limits.MENU_ENTRIES
    # Labels are escaped for the theme (&#…;): count the characters the reader sees.
    shown = [re.sub(r"&#?\w+;", "x", label) for label in menu]
    assert max(len(label) for label in shown) == limits.MENU_LABEL
    assert sum(label.endswith("…") for label in shown) >= limits.MENU_ENTRIES - 8 * limits.PLANS


def test_no_cell_of_the_largest_site_is_cut(largest: tuple[Path, dict[str, object]]) -> None:
    work, _ = largest
    sheets = sorted((work / "out" / "duty-sheets").glob("*.xlsx"))
    book = openpyxl.load_workbook(max(sheets, key=lambda path: path.stat().st_size), read_only=True)
    longest = max(len(str(value)) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for value in row if value)
    assert 0 < longest <= limits.SPREADSHEET_CELL
