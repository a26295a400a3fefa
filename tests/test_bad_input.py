"""Broken data stops everything with a message naming file, line, key and what was expected.

Each test breaks a copy of the real data in one way; line numbers are found in the
broken file's own text, not taken from the loader.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import PLAN_ID, problems
from toolkit.site import SiteBuilder

from plansite import limits
from plansite.build import prepare
from plansite.load import load_site
from plansite.source import DataError, Problem


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


def test_the_build_stops_and_prints_every_problem(copy_of_data: Path, tmp_path: Path, site_builder: SiteBuilder) -> None:
    replace(copy_of_data / "units.yml", "  - id: percent\n", "  - id: percent\n    colour: red\n")
    replace(copy_of_data / "plans" / PLAN_ID / "tasks.yml", "    - phong-noi-vu\n", "    - phong-khong-co\n")
    workdir = tmp_path / "work"
    workdir.mkdir()
    build = site_builder(copy_of_data, workdir)
    assert build.returncode != 0
    assert "units.yml:" in build.output and "unknown key" in build.output
    assert "unknown agency id 'phong-khong-co'" in build.output
    assert not (workdir / "site" / "index.html").exists()


# -- what editors really type (issue 10) -----------------------------------------------

TARGETS = Path("plans") / PLAN_ID / "targets.yml"
PLAN = Path("plans") / PLAN_ID / "plan.yml"
TASKS = Path("plans") / PLAN_ID / "tasks.yml"
T27_VALUE = "bullets[1].targets[17].value"  # "dưới 23,8%": value: 23.8
DATE_FIX = "write the date as YYYY-MM-DD, e.g. 2024-04-23"


def problem_at(data: Path, file: Path, line: int, key: str) -> Problem:
    """The one problem reported, checked to be at ``file``:``line`` [``key``]."""
    problem = only(problems(data))
    assert (problem.file, problem.line, problem.path) == (data / file, line, key), str(problem)
    return problem


def test_duplicate_key_is_refused_naming_both_lines(copy_of_data: Path) -> None:
    line = replace(
        copy_of_data / TARGETS,
        "        comparator: lt\n        value: 2\n",
        "        comparator: lt\n        value: 2\n        value: 50\n",
    )
    first = line + 1
    problem = problem_at(copy_of_data, TARGETS, first + 1, "bullets[0].targets[1].value")
    assert problem.message == (
        f"duplicate key 'value': it is on line {first} and again on line {first + 1} of the same block, "
        "and YAML keeps only the last one; delete the wrong one"
    )


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2024-02-30", f"2024-02-30 is not a date: February 2024 has no day 30; {DATE_FIX}"),
        ("2023-24-11", f"2023-24-11 is not a date: there is no month 24; {DATE_FIX}"),
        ("23/4/2024", f"{DATE_FIX} (got '23/4/2024')"),
        ("20240423", f"{DATE_FIX} (got '20240423')"),
    ],
)
def test_impossible_or_misformatted_date(copy_of_data: Path, written: str, message: str) -> None:
    line = replace(copy_of_data / PLAN, "date: 2024-04-23\n", f"date: {written}\n")
    assert problem_at(copy_of_data, PLAN, line, "date").message == message


@pytest.mark.parametrize("written", [".nan", "-.inf"])
def test_not_a_number_or_infinity(copy_of_data: Path, written: str) -> None:
    line = replace(copy_of_data / TARGETS, "value: 23.8", f"value: {written}")
    problem = problem_at(copy_of_data, TARGETS, line, T27_VALUE)
    assert problem.message == f"{written} is not a number the plan can state; write the figure, e.g. 23.8"


@pytest.mark.parametrize(
    ("written", "shown"),
    [("-5", "-5"), ("1e300", "1e+300"), ("100.5", "100.5")],
)
def test_percentage_outside_0_to_100(copy_of_data: Path, written: str, shown: str) -> None:
    line = replace(copy_of_data / TARGETS, "value: 23.8", f"value: {written}")
    problem = problem_at(copy_of_data, TARGETS, line, T27_VALUE)
    assert problem.message == f"must be from 0 to 100 in the unit 'percent' (got {shown})"


def test_range_maximum_is_checked_against_the_unit_too(copy_of_data: Path) -> None:
    line = replace(copy_of_data / TARGETS, "value_max: 40", "value_max: 140")
    problem = problem_at(copy_of_data, TARGETS, line, "bullets[0].targets[2].value_max")
    assert problem.message == "must be from 0 to 100 in the unit 'percent' (got 140)"


def test_a_figure_per_10000_people_cannot_be_negative(copy_of_data: Path) -> None:
    line = replace(copy_of_data / TARGETS, "        value: 45\n", "        value: -45\n")
    problem = problem_at(copy_of_data, TARGETS, line, "bullets[1].targets[9].value")
    assert problem.message == "must be from 0 to 10000 in the unit 'per_10000_population' (got -45)"


@pytest.mark.parametrize(
    ("month", "day", "message"),
    [
        (4, 31, "April has 30 days, so there is no due date 31 April (due_month: 4, due_day: 31); correct due_day or due_month"),
        (2, 30, "February has 28 days, so there is no due date 30 February (due_month: 2, due_day: 30); correct due_day or due_month"),
        (2, 29, "29 February is not in every year, and the report is due every year; use 28 February or 1 March"),
    ],
)
def test_report_due_date_must_exist_every_year(copy_of_data: Path, month: int, day: int, message: str) -> None:
    line = replace(copy_of_data / PLAN, "    due_month: 10\n    due_day: 29\n", f"    due_month: {month}\n    due_day: {day}\n") + 1
    assert problem_at(copy_of_data, PLAN, line, "implementation.reporting.due_day").message == message


def test_first_report_cannot_be_due_before_the_plan(copy_of_data: Path) -> None:
    line = replace(copy_of_data / PLAN, "first_year: 2024", "first_year: 2023")
    problem = problem_at(copy_of_data, PLAN, line, "implementation.reporting.first_year")
    assert problem.message == (
        "the first report would be due on 2023-10-29, not after the plan's date 2024-04-23; first_year is the first year a report is due"
    )


def test_a_year_far_off_is_refused(copy_of_data: Path) -> None:
    line = replace(copy_of_data / TARGETS, "year: 2030", "year: 20300")
    assert problem_at(copy_of_data, TARGETS, line, "year").message == "must be at most 2100 (got 20300)"


CLAUSE = "vi: Tỷ lệ thất nghiệp chung dưới 2%\n"
CLAUSE_KEY = "bullets[0].targets[1].clause.vi"


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ('"   "', "is blank; write the text"),
        (
            '"Tỷ lệ\\athất"',
            "character 6 of the text is an invisible control character (U+0007); delete it (it often comes with pasted text)",
        ),
        ('"Tỷ lệ\\tthất"', "character 6 of the text is a Tab (U+0009); write a space instead"),
        ('"Tỷ lệ\\nthất"', "character 6 of the text is a line break; write the text on one line, however long"),
        (
            "Tỷ lệ \u202edưới 2%",
            "character 7 of the text is an invisible right-to-left override (U+202E); delete it (it often comes with pasted text)",
        ),
        (
            "Tỷ lệ \u2067dưới 2%",
            "character 7 of the text is an invisible right-to-left isolate (U+2067); delete it (it often comes with pasted text)",
        ),
        (
            "Tỷ lệ\u200f dưới 2%",
            "character 6 of the text is an invisible right-to-left mark (U+200F); delete it (it often comes with pasted text)",
        ),
        (
            "Tỷ lệ\u200b dưới 2%",
            "character 6 of the text is an invisible zero width space (U+200B); delete it (it often comes with pasted text)",
        ),
        ("Tỷ\u2060lệ", "character 3 of the text is an invisible word joiner (U+2060); delete it (it often comes with pasted text)"),
        (
            "Tỷ lệ\ufeff",
            "character 6 of the text is an invisible zero width no-break space (U+FEFF); delete it (it often comes with pasted text)",
        ),
    ],
)
def test_text_blank_or_with_invisible_characters(copy_of_data: Path, written: str, message: str) -> None:
    line = replace(copy_of_data / TARGETS, CLAUSE, f"vi: {written}\n")
    assert problem_at(copy_of_data, TARGETS, line, CLAUSE_KEY).message == message


def test_every_kind_of_text_is_checked(copy_of_data: Path) -> None:
    """Not only Text.vi/en: a spelling, a signer, a glossary term."""
    agencies = replace(copy_of_data / "agencies.yml", "spellings: [Phòng Nội vụ]", 'spellings: ["Phòng\\u200bNội vụ"]')
    signer = replace(copy_of_data / PLAN, "signer: Nguyễn Văn Bẩy", 'signer: "  "')
    term = replace(copy_of_data / "glossary.yml", "    en: No.\n", '    en: "No.\\u202e"\n')
    found = {(p.file.name, p.line, p.path, p.message.split(";")[0]) for p in problems(copy_of_data)}
    assert (
        "agencies.yml",
        agencies,
        "agencies[3].spellings[0]",
        "character 6 of the text is an invisible zero width space (U+200B)",
    ) in found
    assert ("plan.yml", signer, "signature.signer", "is blank") in found
    assert ("glossary.yml", term, "terms[3].en", "character 4 of the text is an invisible right-to-left override (U+202E)") in found


def test_control_character_typed_in_the_file_gives_line_and_column(copy_of_data: Path) -> None:
    line = replace(copy_of_data / TARGETS, CLAUSE, "vi: Tỷ lệ \x1b[31mthất\n")
    column = len("          vi: Tỷ lệ ") + 1
    problem = problem_at(copy_of_data, TARGETS, line, "")
    assert problem.message == (
        f"column {column} holds an escape character (U+001B); delete it (it often comes with text pasted from another program)"
    )


def test_nul_byte_gives_a_line_not_a_position(copy_of_data: Path) -> None:
    path = copy_of_data / "glossary.yml"
    line = replace(path, "    en: No.\n", "    en: N\x00o.\n")
    problem = problem_at(copy_of_data, Path("glossary.yml"), line, "")
    assert problem.message == "column 10 holds a NUL character (U+0000); delete it (it often comes with text pasted from another program)"
    assert "position" not in problem.message


def test_tab_indentation_is_told_in_plain_words(copy_of_data: Path) -> None:
    line = replace(copy_of_data / "units.yml", "  - id: years\n", "  - id: years\n\tcolour: red\n") + 1
    problem = problem_at(copy_of_data, Path("units.yml"), line, "")
    assert problem.message == "YAML syntax error: a Tab character; indent with spaces only (the Tab key inserts a Tab)"


def test_colon_in_a_text_is_told_with_the_fix(copy_of_data: Path) -> None:
    line = replace(copy_of_data / PLAN, "place: Minh Long\n", "place: Nơi nhận: Minh Long\n")
    problem = problem_at(copy_of_data, PLAN, line, "")
    assert (
        problem.message.startswith("YAML syntax error: a second ': ' on one line")
        and 'in double quotes (vi: "Nơi nhận: …")' in problem.message
    )


def test_nested_aliases_are_refused_before_anything_is_expanded(copy_of_data: Path) -> None:
    """The 1 KB edit that once produced 313 MB of messages: one line per anchor and alias."""
    levels = ["a0: &a0 [" + ", ".join(["x"] * 9) + "]"]
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    line = replace(copy_of_data / "units.yml", "units:\n", "\n".join(levels) + "\nunits:\n")
    found = problems(copy_of_data)
    assert len(found) == 17  # 9 anchors, 8 aliases: each named once
    assert found[0] == Problem(
        copy_of_data / "units.yml",
        line,
        "",
        "the anchor &a0 names a part of the file to repeat; anchors (&) and aliases (*) are not allowed here: write the value out in full",
    )
    assert found[2].line == line + 1 and found[2].message.startswith("the alias *a0 repeats another part of the file; ")
    assert len(str(DataError(found))) < 5000


def test_tags_are_refused(copy_of_data: Path) -> None:
    line = replace(copy_of_data / TARGETS, "value: 23.8", "value: !!float 23.8")
    problem = problem_at(copy_of_data, TARGETS, line, "")
    assert problem.message == "the tag '!!float' is not allowed; delete it and write the value plainly"


def test_deep_nesting_is_refused(copy_of_data: Path) -> None:
    line = replace(copy_of_data / "units.yml", "units:\n", "deep: " + "[" * 1000 + "]" * 1000 + "\nunits:\n")
    problem = problem_at(copy_of_data, Path("units.yml"), line, "")
    assert problem.message == "the data is nested more than 20 levels deep; no data file needs this"


def test_messages_quote_at_most_80_characters_of_a_value(copy_of_data: Path) -> None:
    line = replace(copy_of_data / TARGETS, "value: 23.8", "value: " + "nhiều " * 20_000)
    problem = problem_at(copy_of_data, TARGETS, line, T27_VALUE)
    assert (
        problem.message
        == f"'{('nhiều ' * 14)[:79]}…' is not a valid number; write digits with a decimal point, e.g. 23.8 (no %, words, commas or quotes)"
    )


# YAML 1.1's surprises: read as YAML 1.2 does (as the editor's VS Code does), or refused with the fix.


def test_no_is_a_word_not_false(copy_of_data: Path) -> None:
    replace(copy_of_data / "glossary.yml", "    en: No.\n", "    en: No\n")
    terms = {term.id: term for term in load_site(copy_of_data).glossary.terms}
    assert terms["so-hieu-van-ban"]["en"] == "No"


@pytest.mark.parametrize("written", ["1.10", "010"])
def test_id_read_as_a_number_needs_quotes(copy_of_data: Path, written: str) -> None:
    line = replace(copy_of_data / TASKS, "    - id: '1.2'\n", f"    - id: {written}\n")
    problem = problem_at(copy_of_data, TASKS, line, "areas[0].blocks[1].tasks[0].id")
    assert problem.message == f"YAML reads {written} as a number, not a text; put quotes around it: '{written}'"


@pytest.mark.parametrize("written", ["yes", "'true'", "1"])
def test_yes_on_or_quoted_true_is_not_a_boolean(copy_of_data: Path, written: str) -> None:
    line = replace(copy_of_data / TARGETS, "        key: true\n", f"        key: {written}\n")
    problem = problem_at(copy_of_data, TARGETS, line, "bullets[0].targets[1].key")
    shown = "'true'" if written == "'true'" else (written if written == "1" else f"'{written}'")
    assert problem.message == f"expected true or false (got {shown})"


@pytest.mark.parametrize(("written", "shown"), [("1:20", "'1:20'"), ("23,8", "'23,8'"), ('"23.8"', "'23.8'")])
def test_number_written_otherwise_is_refused(copy_of_data: Path, written: str, shown: str) -> None:
    line = replace(copy_of_data / TARGETS, "value: 23.8", f"value: {written}")
    problem = problem_at(copy_of_data, TARGETS, line, T27_VALUE)
    assert problem.message == f"{shown} is not a valid number; write digits with a decimal point, e.g. 23.8 (no %, words, commas or quotes)"


def test_a_text_where_keys_are_expected_names_the_keys(copy_of_data: Path) -> None:
    line = replace(copy_of_data / "units.yml", "    label:\n      vi: năm\n      en: years\n", "    label: năm\n")
    problem = problem_at(copy_of_data, Path("units.yml"), line, "units[1].label")
    assert problem.message == "expected keys here (vi, en), each on its own line as 'key: value' (got 'năm')"


def test_no_python_class_name_in_messages(copy_of_data: Path) -> None:
    path = copy_of_data / "agencies.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("agencies:\n", "- agencies:\n", 1), encoding="utf-8")
    problem = only([p for p in problems(copy_of_data) if p.file == path])
    assert problem.message == "expected keys here (agencies), each on its own line as 'key: value' (got a list)"
    assert "AgenciesFile" not in problem.message


def test_folder_name_that_cannot_be_an_id(copy_of_data: Path) -> None:
    folder = copy_of_data / "plans" / PLAN_ID
    folder.rename(copy_of_data / "plans" / "Kế hoạch 81")
    path = copy_of_data / "plans" / "Kế hoạch 81" / "plan.yml"
    line = path.read_text(encoding="utf-8").splitlines().index(f"id: {PLAN_ID}") + 1
    problem = only(problems(copy_of_data))
    assert (problem.file, problem.line, problem.path) == (path, line, "id")
    assert problem.message == (
        "the plan's folder is named 'Kế hoạch 81', which cannot be an id (lower-case ASCII letters and digits "
        f"joined by '-', '_' or '.'); rename the folder to '{PLAN_ID}'"
    )


def test_unknown_agencies_are_reported_while_agencies_yml_is_broken(copy_of_data: Path) -> None:
    kind = replace(copy_of_data / "agencies.yml", "    kind: district_office\n", "    kind: phong\n")
    lead = replace(copy_of_data / TASKS, "    - phong-noi-vu\n", "    - phong-khong-co\n")
    found = {(p.file.name, p.line, p.message) for p in problems(copy_of_data)}
    assert found == {
        (
            "agencies.yml",
            kind,
            "expected one of 'district_office', 'district_body', 'collective', 'recipient' or 'higher_level' (got 'phong')",
        ),
        ("tasks.yml", lead, "unknown agency id 'phong-khong-co'; expected one of the ids in agencies.yml"),
    }


def test_every_problem_of_several_broken_files_in_one_run(copy_of_data: Path) -> None:
    """A syntax error, refused structure, schema errors and cross-file checks, all at once."""
    agencies = replace(copy_of_data / "agencies.yml", "    kind: district_office\n", "    kind: phong\n")
    units = replace(copy_of_data / "units.yml", "  - id: years\n", "  - id: years\n\tcolour: red\n") + 1
    glossary = replace(copy_of_data / "glossary.yml", "  - id: ke-hoach\n", "  - id: &k ke-hoach\n")
    date = replace(copy_of_data / PLAN, "date: 2024-04-23\n", "date: 2024-02-30\n")
    due = replace(copy_of_data / PLAN, "    due_month: 10\n", "    due_month: 13\n")
    duplicate = (
        replace(
            copy_of_data / TARGETS,
            "        comparator: lt\n        value: 2\n",
            "        comparator: lt\n        value: 2\n        value: 50\n",
        )
        + 2
    )
    nan = replace(copy_of_data / TARGETS, "value: 23.8", "value: .nan")
    unknown = replace(copy_of_data / TASKS, "    - phong-noi-vu\n", "    - phong-khong-co\n")
    quotes = replace(copy_of_data / TARGETS, "      - id: t03\n", "      - id: 3\n")
    found = [(p.file.name, p.line) for p in problems(copy_of_data)]
    assert sorted(found) == sorted(
        [
            ("agencies.yml", agencies),
            ("units.yml", units),
            ("glossary.yml", glossary),
            ("plan.yml", date),
            ("plan.yml", due),
            ("targets.yml", duplicate),
            ("targets.yml", nan),
            ("targets.yml", quotes),
            # tasks.yml is valid: its agency ids are checked against the ids agencies.yml holds
            ("tasks.yml", unknown),
        ]
    )


# -- integrity, round 2 (issue 19): every case of the issue, its exact message ------------

LINK = "; the data folder holds no links: copy the file's content here instead"


def test_a_link_to_a_file_outside_data_is_refused_unread(copy_of_data: Path) -> None:
    """units.yml -> /etc/passwd once printed the password file in the check's messages."""
    units = copy_of_data / "units.yml"
    units.unlink()
    units.symlink_to("/etc/passwd")
    found = problems(copy_of_data)
    assert Problem(units, None, "", f"is a link to '/etc/passwd'{LINK}") in found
    content = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]
    assert not any(content in str(p) for p in found)


def test_a_link_to_a_device_is_refused_unopened(copy_of_data: Path) -> None:
    """-> /dev/zero once read until memory ran out."""
    glossary = copy_of_data / "glossary.yml"
    glossary.unlink()
    glossary.symlink_to("/dev/zero")
    assert Problem(glossary, None, "", f"is a link to '/dev/zero'{LINK}") in problems(copy_of_data)


def test_links_to_a_folder_are_refused_not_followed(copy_of_data: Path, tmp_path: Path) -> None:
    """Two links a -> . and b -> . passed the check, and the build's snapshot then copied
    them without end; one loop -> . ended in a shutil traceback."""
    folder = copy_of_data / "plans" / PLAN_ID
    for name in ("a", "b"):
        (folder / name).symlink_to(".")
    (copy_of_data / "plans" / "loop").symlink_to(".")
    assert problems(copy_of_data) == [
        Problem(copy_of_data / "plans" / "loop", None, "", f"is a link to '.'{LINK}"),
        Problem(folder / "a", None, "", f"is a link to '.'{LINK}"),
        Problem(folder / "b", None, "", f"is a link to '.'{LINK}"),
    ]
    with pytest.raises(DataError):
        prepare(copy_of_data, tmp_path)
    assert not (tmp_path / "build").exists()


def test_a_named_pipe_is_refused_unopened(copy_of_data: Path) -> None:
    pipe = copy_of_data / "plans" / PLAN_ID / "plan.yml"
    pipe.unlink()
    os.mkfifo(pipe)
    assert only(problems(copy_of_data)) == Problem(
        pipe,
        None,
        "",
        "is a named pipe (FIFO), not a file; the data folder holds only files and folders: delete it, and put the file itself here",
    )


def test_a_file_over_the_limit_is_refused_unread(copy_of_data: Path) -> None:
    """A 50 MB glossary note once took the check 150 s and 718 MB."""
    glossary = copy_of_data / "glossary.yml"
    with glossary.open("a", encoding="utf-8") as handle:
        handle.write("# " + "x" * limits.FILE_BYTES + "\n")
    assert only(problems(copy_of_data)) == Problem(
        glossary,
        None,
        "",
        "is larger than 1.0 MiB, the most a data file may hold; no plan needs this much: look for a text pasted many times over",
    )


def test_all_the_files_together_are_capped(copy_of_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "DATA_BYTES", 100_000)
    found = problems(copy_of_data)
    assert found[0].message == (
        "takes the data files together past 0.1 MiB, the most a site may hold; no plan needs this much: look for a text pasted many times over"
    )


def test_the_snapshot_holds_exactly_the_files_read(copy_of_data: Path, tmp_path: Path) -> None:
    (copy_of_data / "notes.txt").write_text("not data\n", encoding="utf-8")
    (copy_of_data / "plans" / PLAN_ID / "old").mkdir()
    (copy_of_data / "plans" / PLAN_ID / "old" / "plan.yml").write_text("x: 1\n", encoding="utf-8")
    site = prepare(copy_of_data, tmp_path, pdf=False)
    copied = sorted(p.relative_to(tmp_path / "build" / "data").as_posix() for p in (tmp_path / "build" / "data").rglob("*") if p.is_file())
    assert copied == sorted(site.files) and len(copied) == 8 and "notes.txt" not in copied


def test_an_agency_or_group_cannot_take_the_index_page(copy_of_data: Path) -> None:
    """An agency or group named index replaced the agencies' (or groups') index page."""
    agencies = replace(copy_of_data / "agencies.yml", "  - id: phong-noi-vu\n", "  - id: index\n")
    groups = replace(copy_of_data / "plans" / PLAN_ID / "groups.yml", "  - id: ho-ngheo\n", "  - id: index\n")
    found = {(p.file.name, p.line, p.path, p.message) for p in problems(copy_of_data)}
    assert (
        "agencies.yml",
        agencies,
        "agencies[3].id",
        "'index' is the name of the page that lists every agency; choose another id",
    ) in found
    assert ("groups.yml", groups, "groups[1].id", "'index' is the name of the page that lists every group; choose another id") in found


def test_an_id_ending_in_a_language_is_refused(copy_of_data: Path) -> None:
    groups = copy_of_data / "plans" / PLAN_ID / "groups.yml"
    # Renamed where the other groups list it as related too: the only problem left is the ending.
    replace(groups, "      - ho-ngheo #", "      - ho-ngheo.en #", count=4)
    line = replace(groups, "  - id: ho-ngheo\n", "  - id: ho-ngheo.en\n")
    problem = problem_at(copy_of_data, Path("plans") / PLAN_ID / "groups.yml", line, "groups[1].id")
    assert problem.message == (
        "an id ending in '.en' would make a page the site reads as another page's copy in that language; choose another ending"
    )


def test_two_task_ids_with_one_anchor_are_refused_naming_both_lines(copy_of_data: Path) -> None:
    """8.a and 8-a were both id="task-8-a": links landed on the wrong task."""
    first = replace(copy_of_data / TASKS, "    - id: 8.a\n", "    - id: 8.a\n")
    second = replace(copy_of_data / TASKS, "    - id: 8.b\n", "    - id: 8-a\n")
    replace(copy_of_data / "plans" / PLAN_ID / "groups.yml", '      - "8.b"', '      - "8-a"')
    problem = problem_at(copy_of_data, TASKS, second, "areas[7].blocks[1].tasks[0].id")
    assert problem.message == (
        f"task id '8-a' makes the same link anchor (#task-8-a) as task '8.a' on line {first}: "
        "links to one would land on the other; change one of the two ids"
    )


def test_the_branch_cannot_lead_out_of_the_repository(copy_of_data: Path) -> None:
    """branch: ../../../attacker/phish/tree/main sent every "Sửa trang này" to another repository."""
    line = replace(copy_of_data / "site.yml", "branch: main", "branch: ../../../attacker/phish/tree/main")
    assert problem_at(copy_of_data, Path("site.yml"), line, "branch").message == (
        "expected a branch name as git writes it, such as main or release/2024: letters, digits, '.', '_' and '-', "
        "parts joined by '/', no part starting with '.', no '..' (got '../../../attacker/phish/tree/main')"
    )


def test_a_name_longer_than_the_limit_is_refused(copy_of_data: Path) -> None:
    """A group name of 506 letters broke the menu file; a 400 KB site name made a 100 MB site."""
    groups = Path("plans") / PLAN_ID / "groups.yml"
    text = (copy_of_data / groups).read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("      vi: ") and "Hộ nghèo" in line)
    line = replace(copy_of_data / groups, old + "\n", "      vi: " + "ă" * 506 + "\n")
    assert problem_at(copy_of_data, groups, line, "groups[1].name").message == (
        "is 506 characters long in vi; a name holds at most 500: shorten it (language: vi)"
    )


def test_a_text_longer_than_a_spreadsheet_cell_is_refused(copy_of_data: Path) -> None:
    line = replace(copy_of_data / TARGETS, CLAUSE, "vi: " + "x" * 40_000 + "\n")
    assert (
        problem_at(copy_of_data, TARGETS, line, CLAUSE_KEY).message
        == "is 40,000 characters long; at most 10,000 are allowed here: shorten it"
    )


def test_too_many_groups_are_refused_in_one_message(copy_of_data: Path) -> None:
    """300 groups made a 96 MB site in 84 s: every page's menu lists every group."""
    path = copy_of_data / "plans" / PLAN_ID / "groups.yml"
    extra = "".join(f"  - id: g{i}\n    name: {{vi: N{i}, en: N{i}}}\n    targets: [t01]\n" for i in range(300))
    line = replace(path, "groups:\n", "groups:\n" + extra)
    problem = problem_at(copy_of_data, Path("plans") / PLAN_ID / "groups.yml", line + 1, "groups")
    assert problem.message == "holds 309 items; at most 20 are allowed here (see the limits in the editor's guide)"


def test_a_long_list_of_unknown_ids_is_one_message(copy_of_data: Path) -> None:
    """100,000 unknown ids once printed 100,000 lines (18 MB); 10,000 show the same (the
    list is refused whole before its items are read) in a tenth of the time."""
    ids = ", ".join(f"x{i}" for i in range(10_000))
    line = replace(copy_of_data / TASKS, "    lead:\n    - phong-noi-vu\n", f"    lead: [phong-noi-vu, {ids}]\n")
    assert only(problems(copy_of_data)) == Problem(
        copy_of_data / TASKS,
        line,
        "areas[0].blocks[1].lead",
        "holds 10,001 items; at most 100 are allowed here (see the limits in the editor's guide)",
    )


def test_the_list_of_problems_is_capped_and_the_rest_counted() -> None:
    message = str(DataError([Problem(Path("units.yml"), n, "", "wrong") for n in range(1, 1501)]))
    lines = message.splitlines()
    assert lines[0] == "1500 problems in the data:" and len(lines) == limits.PROBLEMS + 2
    assert lines[-2] == "  - units.yml:1000: wrong"
    assert lines[-1] == "  - and 500 more problems, not listed; fix these first"


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("Nguyễn Văn \U000e0020Bẩy", "character 12 of the text is an invisible format character (tag space) (U+E0020)"),
        ("\u3164", "character 1 of the text is an invisible hangul filler (U+3164)"),
        ("\u2800", "character 1 of the text is an invisible braille pattern blank (U+2800)"),
        ("Nguyễn Văn Bẩ\u00ady", "character 14 of the text is an invisible soft hyphen (U+00AD)"),
        ("Nguyễn\u2061 Văn Bẩy", "character 7 of the text is an invisible function application (U+2061)"),
        ("Nguyễn\u180e Văn Bẩy", "character 7 of the text is an invisible mongolian vowel separator (U+180E)"),
        ("Nguyễn Văn Bẩy\ufe0f", "character 15 of the text is an invisible variation selector-16 (U+FE0F)"),
        ("Nguyễn Văn Bẩy\ue000", "character 15 of the text is a private-use character (U+E000)"),
        (
            "Nguyễn Văn Ba\u0309\u0302y",
            "character 14 of the text (combining hook above) is a combining accent typed after its letter; the letter and its "
            "accents must be one character, as in the rest of the plan (Unicode NFC): retype the word with the keyboard set to "
            "Unicode dựng sẵn (Unikey: Bảng mã Unicode)",
        ),
    ],
)
def test_text_a_reader_cannot_see_is_refused(copy_of_data: Path, written: str, message: str) -> None:
    """A signer of U+E0020 or U+3164 and a status of U+2800 showed as blanks on the home page."""
    line = replace(copy_of_data / PLAN, "signer: Nguyễn Văn Bẩy", f"signer: {written}")
    found = problem_at(copy_of_data, PLAN, line, "signature.signer").message
    assert found.split("; delete it")[0] == message


def test_an_agency_that_looks_like_another_is_refused(copy_of_data: Path) -> None:
    """A second agency whose name had a Cyrillic letter displayed identically to the real one."""
    path = copy_of_data / "agencies.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: phong-noi-vu\n")
    block = text[start : text.index("  - id:", start + 1)]
    fake = block.replace("id: phong-noi-vu", "id: phong-noi-vu-2").replace("Phòng Nội vụ", "\u0420hòng Nội vụ")
    path.write_text(text + fake, encoding="utf-8")
    offset = fake.splitlines().index(next(x for x in fake.splitlines() if x.strip().startswith("vi:")))
    name, real = text.count("\n") + 1 + offset, text[:start].count("\n") + 1 + offset
    found = [p.message for p in problems(copy_of_data) if p.line == name and "looks the same" in p.message]
    assert found == [
        "'\u0420hòng Nội vụ' looks the same as 'Phòng Nội vụ' of agency 'phong-noi-vu' "
        f"(line {real}) but is written with other characters (character 1 is cyrillic capital letter er (U+0420) "
        "where the other has latin capital letter p (U+0050)): readers cannot tell them apart; retype it"
    ]
