"""YAML files read with their node trees, so every problem can name file, line and key.

Used by ``load`` and ``checks``; knows nothing of the plan's schema.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


@dataclasses.dataclass(frozen=True)
class Problem:
    """One thing wrong in the data, located as precisely as the parser allows."""

    file: Path
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        key = f" [{self.path}]" if self.path else ""
        return f"{where}{key}: {self.message}"


class DataError(Exception):
    """Raised with every problem found; its message lists them all, one per line."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        lines = [f"{count} problem{'s' if count != 1 else ''} in the data:"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class Source:
    """One YAML file: its parsed value and its node tree, to find lines by key path."""

    def __init__(self, path: Path, value: Any, node: yaml.Node | None) -> None:
        self.path = path
        self.value = value
        self.node = node

    def line(self, loc: Loc) -> int | None:
        node = self.node
        found = node
        for key in loc:
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if k.value == key), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                node = node.value[key]
            else:
                node = None
            if node is None:
                break
            found = node
        return found.start_mark.line + 1 if found is not None else None

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem(self.path, self.line(loc), _dotted(loc), message)


def _dotted(loc: Iterable[str | int]) -> str:
    out = ""
    for key in loc:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def read(path: Path, problems: list[Problem]) -> Source | None:
    try:
        raw = path.read_bytes()
    except OSError as err:
        problems.append(Problem(path, None, "", f"cannot be read: {err.strerror}"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        bad_line = raw[: err.start].count(b"\n") + 1
        problems.append(Problem(path, bad_line, "", f"is not UTF-8 (byte {raw[err.start]:#04x}); save it as UTF-8"))
        return None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        value = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        mark_line = mark.line + 1 if mark is not None else None
        what = getattr(err, "problem", None) or str(err)
        context = getattr(err, "context", None)
        problems.append(Problem(path, mark_line, "", f"YAML syntax error: {what}" + (f" ({context})" if context else "")))
        return None
    if value is None:
        problems.append(Problem(path, None, "", "is empty; expected a YAML mapping"))
        return None
    return Source(path, value, node)


def _expected(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        return "unknown key (check its spelling)"
    if kind == "too_short":
        least = err.get("ctx", {}).get("min_length", 1)
        return f"the list is empty; expected at least {least} item{'s' if least != 1 else ''}"
    if kind == "string_pattern_mismatch":
        return f"expected an id of lower-case ASCII letters and digits joined by '-', '_' or '.' (got {err.get('input')!r})"
    return f"{err['msg']} (got {err.get('input')!r})"


def validate(source: Source, model: type[M], problems: list[Problem]) -> M | None:
    try:
        return model.model_validate(source.value)
    except ValidationError as err:
        for item in err.errors():
            loc: Loc = tuple(item["loc"])
            message = _expected(dict(item))
            if item["type"] == "missing" and loc and loc[-1] == "en":
                message = "English text is missing (language: en)"
            elif item["type"] == "missing" and loc and loc[-1] == "vi":
                message = "Vietnamese text is missing (language: vi)"
            problems.append(source.problem(loc, message))
        return None


def load(path: Path, model: type[M], problems: list[Problem]) -> tuple[Source | None, M | None]:
    source = read(path, problems)
    if source is None:
        return None, None
    return source, validate(source, model, problems)
