"""The list of open-data files as pages show it: each file's path, size and kind, without
its bytes.

``build`` writes it once (``build/data-files.json``) when it writes the files, and the
site generator's process reads it back, so the agency and downloads pages show the
sizes of the very files published without making every file a second time.
"""

from __future__ import annotations

import dataclasses
import json
from enum import StrEnum
from pathlib import Path


class FileKind(StrEnum):
    """Who a file is made for: the pages list the files by it."""

    data = "data"  # tables for programs and spreadsheets: ids, _vi and _en columns
    calendar = "calendar"  # deadlines for a calendar application
    duty_sheet = "duty_sheet"  # an agency's duties, in words, to read and print (XLSX and PDF)
    full_text = "full_text"  # a plan's full text as a PDF document, to read, print and pass on


@dataclasses.dataclass(frozen=True)
class ListedFile:
    """One open-data file as the pages list it: its path under the data folder and its size."""

    path: str
    size: int
    format: str
    plan_id: str | None = None
    agency_id: str | None = None
    tables: tuple[str, ...] = ()
    lang: str | None = None
    kind: FileKind = FileKind.data


def write_listing(files: list[ListedFile], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([dataclasses.asdict(file) for file in files], ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


def read_listing(path: Path) -> list[ListedFile]:
    return [
        ListedFile(**{**entry, "tables": tuple(entry["tables"]), "kind": FileKind(entry["kind"])})
        for entry in json.loads(path.read_text(encoding="utf-8"))
    ]
