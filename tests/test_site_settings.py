"""data/site.yml: the site's name, publisher, repository and the editors' aids to each
plan. Broken settings stop the load with file, line, key and what was expected; the
repository comes from REPOSITORY_URL when the workflow sets it.

Each test breaks a copy of the real data in one way; line numbers are found in the
broken file's own text, not taken from the loader.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import PLAN_ID, problems

from plansite import theme
from plansite.load import SiteData
from plansite.source import Problem


def only(found: list[Problem]) -> Problem:
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def replace(path: Path, old: str, new: str) -> int:
    """Replace ``old`` in ``path`` once; return the 1-based line where the change is."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_the_settings_load_with_the_site(site_data: SiteData) -> None:
    raw = yaml.safe_load((Path(__file__).resolve().parent.parent / "data" / "site.yml").read_text(encoding="utf-8"))
    assert site_data.settings.name.vi == raw["name"]["vi"] and site_data.settings.name["en"] == raw["name"]["en"]
    assert set(site_data.settings.plans) == set(raw["plans"]) <= set(site_data.plans)


def test_a_missing_settings_file_is_named(copy_of_data: Path) -> None:
    (copy_of_data / "site.yml").unlink()
    problem = only(problems(copy_of_data))
    assert problem.file == copy_of_data / "site.yml"


def test_an_unknown_plan_is_named_with_its_line(copy_of_data: Path) -> None:
    path = copy_of_data / "site.yml"
    line = replace(path, f"  {PLAN_ID}:\n", "  81-kh-ubnd-2042:\n")
    problem = only(problems(copy_of_data))
    assert (problem.file, problem.path) == (path, "plans.81-kh-ubnd-2042")
    assert problem.line is not None and line <= problem.line <= line + 3  # the key, or the first line of its value
    assert problem.message == "unknown plan id '81-kh-ubnd-2042'; expected a folder name under data/plans/"


def test_an_unknown_task_area_is_named(copy_of_data: Path) -> None:
    path = copy_of_data / "site.yml"
    line = replace(path, '      "8":\n', '      "9":\n')
    problem = only(problems(copy_of_data))
    assert problem.path == f"plans.{PLAN_ID}.areas.9"
    assert problem.line is not None and line <= problem.line <= line + 1  # the key, or the first line of its value
    assert problem.message.startswith("unknown task area '9'; expected one of ['1', '2'")


def test_the_vision_year_must_be_the_one_the_plan_names(copy_of_data: Path) -> None:
    path = copy_of_data / "site.yml"
    line = replace(path, "vision_year: 2045", "vision_year: 2050")
    problem = only(problems(copy_of_data))
    assert (problem.line, problem.path) == (line, f"plans.{PLAN_ID}.vision_year")
    assert "2050 is not the year the vision heading names" in problem.message


def test_an_event_before_the_plan_is_refused(copy_of_data: Path) -> None:
    path = copy_of_data / "site.yml"
    line = replace(path, "date: 2025-07-01", "date: 2023-07-01")
    problem = only(problems(copy_of_data))
    assert (problem.line, problem.path) == (line, f"plans.{PLAN_ID}.events[0].date")
    assert problem.message == "2023-07-01 is not after the plan's date 2024-04-23"


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        "http://github.com/o/r",
        'https://github.com/o/r"onmouseover="x',
        "https://github.com/o r",
        # any https address once was accepted: the edit and feedback links then led elsewhere
        "https://attacker.example/o/r",
        "https://github.com/o/r/tree/main",
        "https://github.com/o/..",
    ],
)
def test_the_repository_must_be_a_repository_on_github(copy_of_data: Path, address: str) -> None:
    path = copy_of_data / "site.yml"
    line = replace(path, "repository: https://github.com/OWNER/REPOSITORY", f"repository: '{address}'")
    problem = only(problems(copy_of_data))
    assert (problem.line, problem.path) == (line, "repository")
    assert problem.message == f"expected the address of a repository on GitHub, https://github.com/<owner>/<repository> (got {address!r})"


def test_a_short_label_needs_both_languages(copy_of_data: Path) -> None:
    path = copy_of_data / "site.yml"
    replace(path, "        en: Social security\n", "")
    problem = only(problems(copy_of_data))
    assert problem.path == f"plans.{PLAN_ID}.areas.5.en"


# -- the repository address: from the workflow, else the file -----------------------


def test_the_workflow_variable_wins_over_the_placeholder(site_data: SiteData) -> None:
    assert theme.repository(site_data.settings, {}) == "https://github.com/OWNER/REPOSITORY"
    given = {"REPOSITORY_URL": "https://github.com/minh-long/ke-hoach-81"}
    assert theme.repository(site_data.settings, given) == "https://github.com/minh-long/ke-hoach-81"


@pytest.mark.parametrize("address", ["javascript:alert(1)", "https://github.com/o/r?x=<b>", "github.com/o/r"])
def test_a_bad_workflow_variable_stops_the_build(site_data: SiteData, address: str) -> None:
    with pytest.raises(ValueError, match="REPOSITORY_URL"):
        theme.repository(site_data.settings, {"REPOSITORY_URL": address})
