"""Broken data stops everything with a message naming file, line, key and what was expected.

Each test breaks a copy of the real data in one way; line numbers are found in the
broken file's own text, not taken from the loader.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PLAN_ID, build_site

from plansite.load import load_site
from plansite.source import DataError, Problem


def problems(data: Path) -> list[Problem]:
    with pytest.raises(DataError) as caught:
        load_site(data)
    return caught.value.problems


def replace(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace ``old`` in ``path``; return the 1-based line where the change is."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {path}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def only(found: list[Problem]) -> Problem:
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def test_yaml_syntax_error(copy_of_data: Path) -> None:
    path = copy_of_data / "agencies.yml"
    line = replace(path, "  - id: phong-noi-vu\n", "  - id: phong-noi-vu\n   kind: [oops\n")
    problem = only(problems(copy_of_data))
    assert problem.file == path
    assert "YAML syntax error" in problem.message
    assert problem.line is not None and line <= problem.line <= line + 3


def test_wrong_type(copy_of_data: Path) -> None:
    path = copy_of_data / "plans" / PLAN_ID / "targets.yml"
    line = replace(path, "value: 23.8", "value: dưới hai mươi") + 0
    problem = only(problems(copy_of_data))
    assert (problem.file, problem.line) == (path, line)
    assert problem.path.endswith(".value")
    assert "valid number" in problem.message and "dưới hai mươi" in problem.message


def test_missing_required_field(copy_of_data: Path) -> None:
    path = copy_of_data / "plans" / PLAN_ID / "plan.yml"
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("place: Minh Long")].count("\n") + 1
    path.write_text(text.replace("place: Minh Long\n", ""), encoding="utf-8")
    problem = only(problems(copy_of_data))
    assert problem.file == path and problem.path == "place"
    assert problem.message == "required key is missing"
    assert problem.line is not None and problem.line <= line


def test_missing_english_names_the_language(copy_of_data: Path) -> None:
    path = copy_of_data / "units.yml"
    text = path.read_text(encoding="utf-8")
    english = next(line for line in text.splitlines() if line.strip().startswith("en: years"))
    path.write_text(text.replace(english + "\n", "", 1), encoding="utf-8")
    problem = only(problems(copy_of_data))
    assert problem.path.endswith("label.en") and "language: en" in problem.message


def test_unknown_key(copy_of_data: Path) -> None:
    path = copy_of_data / "units.yml"
    line = replace(path, "  - id: percent\n", "  - id: percent\n    colour: red\n") + 1
    problem = only(problems(copy_of_data))
    assert (problem.line, problem.path) == (line, "units[0].colour")
    assert "unknown key" in problem.message


def test_unknown_agency_id(copy_of_data: Path) -> None:
    path = copy_of_data / "plans" / PLAN_ID / "tasks.yml"
    line = replace(path, "    - phong-noi-vu\n", "    - phong-khong-co\n")
    found = problems(copy_of_data)
    unknown = [p for p in found if "unknown agency id 'phong-khong-co'" in p.message]
    assert len(unknown) == 1 and (unknown[0].file, unknown[0].line) == (path, line)
    # The same edit also breaks the agreement with the verbatim assignment line.
    assert any("does not match the agencies lead_text names" in p.message for p in found)


def test_duplicate_id(copy_of_data: Path) -> None:
    path = copy_of_data / "plans" / PLAN_ID / "tasks.yml"
    line = replace(path, "id: '1.2'", "id: '1.1'")
    problem = only(problems(copy_of_data))
    assert (problem.file, problem.line) == (path, line)
    assert problem.message.startswith("duplicate task id '1.1' (first used on line ")


def test_empty_file(copy_of_data: Path) -> None:
    path = copy_of_data / "units.yml"
    path.write_text("# nothing here yet\n", encoding="utf-8")
    found = problems(copy_of_data)
    assert any(p.file == path and p.message.startswith("is empty") for p in found)


def test_not_utf8(copy_of_data: Path) -> None:
    path = copy_of_data / "glossary.yml"
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("Ủy ban")].count("\n") + 1
    path.write_bytes(text.encode("utf-16"))
    problem = only(problems(copy_of_data))
    assert problem.file == path and "is not UTF-8" in problem.message
    assert problem.line is not None and problem.line <= line


def test_clause_must_be_in_its_bullet(copy_of_data: Path) -> None:
    path = copy_of_data / "plans" / PLAN_ID / "targets.yml"
    line = replace(path, "vi: Tỷ lệ thất nghiệp chung dưới 2%\n", "vi: Tỷ lệ thất nghiệp chung dưới 3%\n")
    problem = only(problems(copy_of_data))
    assert (problem.line, problem.path) == (line, "bullets[0].targets[1].clause.vi")


def test_every_problem_in_every_file_at_once(copy_of_data: Path) -> None:
    replace(copy_of_data / "units.yml", "  - id: percent\n", "  - id: percent\n    colour: red\n")
    replace(copy_of_data / "plans" / PLAN_ID / "tasks.yml", "id: '1.2'", "id: '1.1'")
    replace(copy_of_data / "plans" / PLAN_ID / "targets.yml", "value: 23.8", "value: many")
    with pytest.raises(DataError) as caught:
        load_site(copy_of_data)
    message = str(caught.value)
    assert message.startswith("3 problems in the data:")
    for name in ("units.yml:", "tasks.yml:", "targets.yml:"):
        assert name in message


def test_the_build_stops_and_prints_every_problem(copy_of_data: Path, tmp_path: Path) -> None:
    replace(copy_of_data / "units.yml", "  - id: percent\n", "  - id: percent\n    colour: red\n")
    replace(copy_of_data / "plans" / PLAN_ID / "tasks.yml", "    - phong-noi-vu\n", "    - phong-khong-co\n")
    workdir = tmp_path / "work"
    workdir.mkdir()
    build = build_site(copy_of_data, workdir)
    assert build.returncode != 0
    assert "units.yml:" in build.output and "unknown key" in build.output
    assert "unknown agency id 'phong-khong-co'" in build.output
    assert not (workdir / "site" / "index.html").exists()
