"""The official text, read independently of plansite: the tests' yardstick.

It knows only the document's printed conventions (blank lines between paragraphs,
"1.1." numbering, "- " bullets, *emphasis*), never the data files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The two sentences the printed original splits across a page break (issue #2).
PAGE_BREAKS = ("hiệu quả hoạt động của\n\ncác cơ quan", "tín dụng hỗ\n\ntrợ cho")
LEAD = "- *Cơ quan chủ trì tham mưu:* "
COORDINATE = "- *Cơ quan phối hợp thực hiện:* "
TIMELINE = "- *Thời gian thực hiện:* "


def joined(text: str, page_breaks: tuple[str, ...] = PAGE_BREAKS) -> str:
    for split in page_breaks:
        assert split in text, f"page break not found in the source: {split!r}"
        text = text.replace(split, split.replace("\n\n", " "))
    return text


def units(text: str, page_breaks: tuple[str, ...] = PAGE_BREAKS) -> list[str]:
    """Every paragraph and every line of a multi-line block, markup stripped, in order."""
    out = []
    for paragraph in joined(text, page_breaks).split("\n\n"):
        for line in paragraph.replace("*", "").splitlines():
            line = re.sub(r"^- ", "", line.strip())
            if line:
                out.append(re.sub(r"\s+", " ", line))
    return out


def not_in_order(flat: str, expected: list[str]) -> list[str]:
    """The paragraphs of ``expected`` that ``flat`` does not hold word for word, in order."""
    position = 0
    missing = []
    for unit in expected:
        found = flat.find(unit, position)
        if found < 0:
            missing.append(unit if flat.find(unit) < 0 else f"(out of order) {unit}")
        else:
            position = found + len(unit)
    return missing


@dataclass
class SourceTask:
    id: str
    text: str  # as printed, numbering included, emphasis markers kept
    lead_line: str
    coordinate_line: str
    timeline_line: str


def tasks(text: str) -> list[SourceTask]:
    """Section III's sub-tasks, with the assignment lines that follow them.

    Ids as the site documents them: the plan's "1.1"; "5.1"… for area 5's bullets in
    order; "7" for area 7's single paragraph; "8.a" for "a)".
    """
    body = joined(text)
    body = body[body.index("III. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU") : body.index("IV. TỔ CHỨC THỰC HIỆN")]
    paragraphs = [p.strip() for p in body.split("\n\n")[1:] if p.strip()]
    found: list[SourceTask] = []
    pending: list[SourceTask] = []
    area = ""
    bullets = 0
    for paragraph in paragraphs:
        if match := re.match(r"^(\d)\. ", paragraph):
            area, bullets = match.group(1), 0
        elif paragraph.startswith(LEAD):
            for task in pending:
                task.lead_line = paragraph[len(LEAD) :]
        elif paragraph.startswith(COORDINATE):
            for task in pending:
                task.coordinate_line = paragraph[len(COORDINATE) :]
        elif paragraph.startswith(TIMELINE):
            for task in pending:
                task.timeline_line = paragraph[len(TIMELINE) :]
            found += pending
            pending = []
        else:
            if match := re.match(r"^(\d\.\d)\. ", paragraph):
                task_id = match.group(1)
            elif match := re.match(r"^([a-z])\) ", paragraph):
                task_id = f"{area}.{match.group(1)}"
            elif paragraph.startswith("- "):
                bullets += 1
                task_id = f"{area}.{bullets}"
            else:
                task_id = area
            pending.append(SourceTask(task_id, paragraph, "", "", ""))
    assert not pending, "sub-tasks without an assignment block at the end of section III"
    return found
