"""Broken data stops everything with a message naming file, line, key and what was expected.

Each test breaks a copy of the real data in one way; line numbers are found in the
broken file's own text, not taken from the loader.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PLAN_ID, problems
from toolkit.site import SiteBuilder

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


def test_messages_quote_at_most_60_characters_of_a_value(copy_of_data: Path) -> None:
    line = replace(copy_of_data / TARGETS, "value: 23.8", "value: " + "nhiều " * 20_000)
    problem = problem_at(copy_of_data, TARGETS, line, T27_VALUE)
    assert (
        problem.message
        == f"'{('nhiều ' * 10)[:59]}…' is not a valid number; write digits with a decimal point, e.g. 23.8 (no %, words, commas or quotes)"
    )


# YAML 1.1's surprises: read as YAML 1.2 does (as the editor's VS Code does), or refused with the fix.


def test_no_is_a_word_not_false(copy_of_data: Path) -> None:
    replace(copy_of_data / "glossary.yml", "    en: No.\n", "    en: No\n")
    terms = {term.id: term for term in load_site(copy_of_data).glossary.terms}
    assert terms["so-hieu-van-ban"].en == "No"


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
