"""The draft written as YAML an editor can read, and written whole or not at all.

Used by ``run``. Each file opens with the same key explanations, in Vietnamese and
English, as the same file of a plan already in ``data/plans/`` (read from there, so
they are kept in one place), after a first paragraph that says what the draft is.
Values are quoted exactly where YAML 1.2, which the project's loader and the editors'
VS Code read, would take them for something else ('1.1' is a number unquoted); there
are no anchors or aliases, which the loader refuses. The plan's folder is written into
a temporary folder beside ``plans/`` and renamed into place, and ``agencies.yml`` (new
agencies proposed, spellings added) is replaced the same way, after it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from plansite.importer.bodies import Bodies
from plansite.importer.draft import Data
from plansite.source import DataFolder, PlanLoader, Problem, read

REPORT = "bao-cao-nhap.md"
# The first paragraph of each file's header, before the keys copied from another plan.
INTROS = {
    "plan.yml": (
        "KẾ HOẠCH SỐ {number}: phần đầu văn bản, mục I, II (trừ các chỉ tiêu, trong targets.yml), mục III (đầu đề; "
        "các nhiệm vụ trong tasks.yml), mục IV, nơi nhận, chữ ký. Bản nháp do “python -m plansite import” viết từ "
        "{source}: mỗi đoạn văn có vi, nguyên văn văn bản, đúng từng chữ; chưa có bản dịch. Đọc {report} trước khi sửa.",
        "PLAN NO. {number}: the document's header, sections I, II (but the targets, in targets.yml), III (its "
        "heading; the tasks are in tasks.yml), IV, the recipients, the signature. A draft written by “python -m "
        "plansite import” from {source}: every text has vi, the official wording, word for word; no translation yet. "
        "Read {report} before editing.",
    ),
    "targets.yml": (
        "CÁC CHỈ TIÊU của kế hoạch số {number} (bản nháp): từng gạch đầu dòng của mục tiêu cụ thể, và các chỉ tiêu "
        "máy đã đọc trong đó. Xem {report}.",
        "THE TARGETS of plan no. {number} (a draft): each bullet of the specific objectives, and the targets the "
        "importer read in it. See {report}.",
    ),
    "tasks.yml": (
        "CÁC NHIỆM VỤ của kế hoạch số {number} (bản nháp): các nhóm nhiệm vụ, theo thứ tự của văn bản. Xem {report}.",
        "THE TASKS of plan no. {number} (a draft): the task areas, in the document's order. See {report}.",
    ),
}
KEYS_LINES = ("# Các khóa:", "# The keys:")
EDITORS_ID = "  # mã do người biên tập đặt: văn bản không đánh số / numbered by the editors: the plan gives none"
GROUP_NOTE = "# group: tên nhóm do người biên tập đặt (văn bản không có) / a group name for the editors to choose"
STATUS_NOTE = "# Lời của người biên tập, không phải lời văn bản: viết tình trạng hiện nay của văn bản và nguồn.\n"
STATUS_NOTE += "# The editors' words, not the plan's: write where the document stands today, and the sources.\n"


class _Dumper(yaml.SafeDumper):
    """Block style, lists indented under their key, quotes where YAML 1.2 would misread, no aliases."""

    yaml_implicit_resolvers = PlanLoader.yaml_implicit_resolvers

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False)


def header(name: str, data_dir: Path, plan_id: str, values: dict[str, str]) -> str:
    """The comment block a data file opens with: schema line, what the draft is, the keys as another plan explains them."""
    vi, en = (text.format(**values) for text in INTROS[name])
    schema = f"# yaml-language-server: $schema=../../../schemas/{name.removesuffix('.yml')}.schema.json"
    keys = _keys(name, data_dir, plan_id)
    paragraphs = [[schema], _comment(vi) + keys[0], _comment(en) + keys[1]]
    return "\n#\n".join("\n".join(lines) for lines in paragraphs) + "\n"


def _comment(text: str, width: int = 88) -> list[str]:
    lines, line = [], "#"
    for word in text.split():
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = "#"
        line += f" {word}"
    return [*lines, line]


def _keys(name: str, data_dir: Path, plan_id: str) -> tuple[list[str], list[str]]:
    """The "Các khóa:" and "The keys:" parts of the header of ``name`` in another plan's folder."""
    plans = data_dir / "plans"
    for folder in sorted(plans.iterdir()) if plans.is_dir() else []:
        path = folder / name
        if folder.name == plan_id or not path.is_file():
            continue
        comments = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                break
            comments.append(line)
        parts: list[list[str]] = []
        collecting = False
        for line in comments:
            if line in KEYS_LINES:
                parts.append([line])
            elif collecting and line != "#":
                parts[-1].append(line)
            # A blank comment line ends the keys.
            collecting = line != "#" and (collecting or line in KEYS_LINES)
        if len(parts) == 2:
            return parts[0], parts[1]
    return [], []


def render(draft_files: dict[str, Data], editor_ids: Iterable[str], data_dir: Path, plan_id: str, values: dict[str, str]) -> dict[str, str]:
    """The text of each file of the draft's folder, header first."""
    out = {}
    for name, data in draft_files.items():
        text = dump(data)
        if name == "plan.yml":
            text = _spaced(text, r"^(?:documents|preamble|purposes|objectives|tasks_section|implementation|recipients|signature):")
            text = text.replace("\nstatus:", "\n\n" + STATUS_NOTE + "status:")
        elif name == "targets.yml":
            text = _spaced(text, r"^  - id: b\d+$")
            text = re.sub(r"^(    group:)$", rf"    {GROUP_NOTE}\n\1", text, flags=re.MULTILINE)
        elif name == "tasks.yml":
            text = _spaced(text, r"^  - id: '\d+'$")
            for task_id in editor_ids:
                text = re.sub(rf"^(\s*- id: '{re.escape(task_id)}')$", rf"\1{EDITORS_ID}", text, count=1, flags=re.MULTILINE)
        out[name] = header(name, data_dir, plan_id, values) + text
    return out


def _spaced(text: str, pattern: str) -> str:
    """A blank line before each line matching ``pattern`` but the first: the file's parts, apart."""
    lines = text.splitlines()
    out: list[str] = []
    seen = False
    for line in lines:
        if re.match(pattern, line):
            if seen:
                out.append("")
            seen = True
        out.append(line)
    return "\n".join(out) + "\n"


def agencies_text(path: Path, bodies: Bodies, plan_id: str) -> str | None:
    """agencies.yml with the spellings added to known agencies and the proposed ones at the end; None if unchanged."""
    if not bodies.added and not bodies.proposals:
        return None
    text = path.read_text(encoding="utf-8")
    problems: list[Problem] = []
    source = read(DataFolder(path.parent), path, problems)
    assert source is not None and isinstance(source.node, yaml.MappingNode), problems
    items = next(value for key, value in source.node.value if key.value == "agencies")
    lines = text.splitlines()
    note = f"cách viết thêm khi nhập kế hoạch {plan_id}: xác nhận / spelling added by the import of plan {plan_id}: confirm"
    # From the end of the file backwards, so that earlier line numbers stay right.
    inserts: list[tuple[int, str]] = []
    for entry in items.value:
        agency_id = next((v.value for k, v in entry.value if k.value == "id"), None)
        if agency_id not in bodies.added:
            continue
        spellings = next(v for k, v in entry.value if k.value == "spellings")
        added = [json.dumps(s, ensure_ascii=False) for s in bodies.added[agency_id]]
        if spellings.flow_style:
            row, column = spellings.end_mark.line, spellings.end_mark.column - 1
            lines[row] = f"{lines[row][:column]}, {', '.join(added)}{lines[row][column:]}  # {note}"
        else:
            last = spellings.value[-1]
            indent = " " * (last.start_mark.column - 2)
            inserts += [(last.end_mark.line + 1, f"{indent}- {spelling}  # {note}") for spelling in added]
    for row, line in sorted(inserts, reverse=True):
        lines.insert(row, line)
    if bodies.proposals:
        dash = items.value[0].start_mark.column - 2 if items.value else 2
        entries = [{"id": p.id, "kind": p.kind.value, "name": {"vi": p.name}, "spellings": p.spellings} for p in bodies.proposals.values()]
        block = dump({"agencies": entries}).splitlines()[1:]
        lines += [
            "",
            f"{' ' * dash}# Đề xuất khi nhập kế hoạch {plan_id}: người biên tập xác nhận tên, loại (kind), cách viết;",
            f"{' ' * dash}# tên tiếng Anh (name.en) không bắt buộc. Proposed by the import of plan {plan_id}: confirm.",
            *(line[2:] if dash < 2 else " " * (dash - 2) + line for line in block),
        ]
    return "\n".join(lines) + "\n"


def write(data_dir: Path, plan_id: str, files: dict[str, str], agencies: str | None) -> Path:
    """The plan's folder, and agencies.yml if it changed, each replaced whole; nothing half-written."""
    final = data_dir / "plans" / plan_id
    # Beside plans/, not in it: the loader reads every folder in plans/ as a plan.
    temp = Path(tempfile.mkdtemp(prefix=f".import-{plan_id}-", dir=data_dir))
    try:
        folder = temp / plan_id
        folder.mkdir()
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        if agencies is not None:
            (temp / "agencies.yml").write_text(agencies, encoding="utf-8")
        final.parent.mkdir(exist_ok=True)
        folder.rename(final)
        if agencies is not None:
            try:
                os.replace(temp / "agencies.yml", data_dir / "agencies.yml")
            except OSError:
                final.rename(folder)
                raise
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return final
