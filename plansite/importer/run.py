"""``python -m plansite import FILE --plan-id ID``: a plan's document to a draft folder and its review report.

Called by the CLI (``plansite.__main__``). Checks the id and the data first, reads the
document, builds the draft, writes it (``writer``: whole or not at all), then loads the
whole data folder as ``check`` does, so the editor learns at once what is left to fix.
Any input it cannot use raises ``Refused`` before anything is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from plansite.importer.bodies import Bodies
from plansite.importer.draft import Drafter
from plansite.importer.figures import Figures
from plansite.importer.layout import read_layout
from plansite.importer.reading import Refused, read_document
from plansite.importer.report import report
from plansite.importer.writer import REPORT, agencies_text, render, write
from plansite.load import load_site
from plansite.models import ID_PATTERN, AgenciesFile, UnitsFile
from plansite.source import DataError, DataFolder, Problem, load


@dataclass(frozen=True)
class Imported:
    folder: Path
    report: str
    proposed: int
    spellings: int
    # What the check says of the data folder with the draft in it (nothing: it passes).
    problems: list[Problem]


def check_plan_id(plan_id: str, data_dir: Path) -> None:
    if not re.fullmatch(ID_PATTERN, plan_id) or len(plan_id) > 64:
        raise Refused(
            f"mã kế hoạch “{plan_id}” không dùng được: chỉ chữ thường không dấu, chữ số, nối bằng “-” "
            "(ví dụ 12-kh-ubnd-2025), tối đa 64 ký tự",
            f"the plan id “{plan_id}” cannot be used: lower-case ASCII letters and digits joined by “-” "
            "(for example 12-kh-ubnd-2025), 64 characters at most",
        )
    folder = data_dir / "plans" / plan_id
    if folder.exists():
        raise Refused(
            f"đã có kế hoạch mang mã “{plan_id}” ({folder}): chọn mã khác, hoặc xóa thư mục đó trước",
            f"a plan with the id “{plan_id}” exists already ({folder}): choose another id, or delete that folder first",
        )


def _known(data_dir: Path) -> tuple[AgenciesFile, UnitsFile]:
    """agencies.yml and units.yml, which the draft is matched against; they must be valid."""
    problems: list[Problem] = []
    folder = DataFolder(data_dir)
    _, agencies = load(folder, data_dir / "agencies.yml", AgenciesFile, problems)
    _, units = load(folder, data_dir / "units.yml", UnitsFile, problems)
    if agencies is None or units is None:
        listed = "\n".join(f"  - {problem}" for problem in problems[:10])
        raise Refused(
            f"agencies.yml hoặc units.yml trong {data_dir} chưa hợp lệ; chạy “python -m plansite check” và sửa trước:\n{listed}",
            f"agencies.yml or units.yml in {data_dir} is not valid; run “python -m plansite check” and fix it first",
        )
    return agencies, units


def import_plan(source: Path, plan_id: str, data_dir: Path) -> Imported:
    """Write the draft of the plan in ``source`` as ``data_dir/plans/plan_id``; ``Refused`` if it cannot."""
    check_plan_id(plan_id, data_dir)
    agencies, units = _known(data_dir)
    document = read_document(source)
    layout = read_layout(document)
    bodies = Bodies(agencies)
    figures = Figures({unit.label.vi: unit.id for unit in units.units})
    draft = Drafter(document, layout, bodies, figures, plan_id).draft()
    text = report(document, layout, draft, bodies, plan_id)
    values = {"number": layout.header.number, "source": document.name, "report": REPORT}
    files = render(
        {"plan.yml": draft.plan, "targets.yml": draft.targets, "tasks.yml": draft.tasks}, draft.editor_ids, data_dir, plan_id, values
    )
    files[REPORT] = text
    try:
        folder = write(data_dir, plan_id, files, agencies_text(data_dir / "agencies.yml", bodies, plan_id))
    except OSError as err:
        raise Refused(
            f"không ghi được bản nháp vào {data_dir} ({err.strerror or err}); không có gì thay đổi",
            f"the draft could not be written in {data_dir} ({err.strerror or err}); nothing was changed",
        ) from None
    try:
        load_site(data_dir)
        problems: list[Problem] = []
    except DataError as err:
        problems = err.problems
    return Imported(folder, text, len(bodies.proposals), sum(len(s) for s in bodies.added.values()), problems)
