"""Each page shows when its data last changed, from git, in the reader's language.

Dates are set by the test on commits it makes in a scratch repository, so the
expectations do not come from the code under test.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from plansite import dates, pages, routes
from plansite.load import load_site

ROOT = Path(__file__).resolve().parent.parent
PLAN = "81-kh-ubnd-2024"


def git(cwd: Path, *args: str, when: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@example.org"
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository holding a copy of data/: everything committed on 23/4/2024, then
    the glossary changed on 2/1/2025."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "data")
    git(tmp_path, "commit", "-qm", "plan", when="2024-04-23T09:00:00+07:00")
    glossary = tmp_path / "data" / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git(tmp_path, "commit", "-qam", "glossary", when="2025-01-02T15:00:00+07:00")
    return tmp_path


def stub_date(docs: Path, path: str, lang: str) -> str:
    stub = (docs / pages.localized(path, lang)).read_text(encoding="utf-8")
    match = re.search(r"^revision_date: (.*)$", stub, flags=re.M)
    assert match, f"{path} ({lang}) has no revision_date"
    return html.unescape(json.loads(match.group(1)))


def test_each_page_dates_the_data_it_is_made_from(repo: Path) -> None:
    site = load_site(repo / "data")
    pages.write_pages(site, repo / "docs", repo / "build")
    docs = repo / "docs"
    assert stub_date(docs, routes.targets(PLAN).path, "vi") == "Dữ liệu trang này cập nhật lần cuối ngày 23/4/2024"
    assert stub_date(docs, routes.targets(PLAN).path, "en") == "Data on this page last updated 23 April 2024"
    assert stub_date(docs, routes.area(PLAN, "1").path, "vi").endswith(" 23/4/2024")
    assert stub_date(docs, routes.glossary().path, "vi").endswith(" 02/01/2025")
    assert stub_date(docs, routes.glossary().path, "en").endswith(" 2 January 2025")
    # The home page summarises everything, the glossary included.
    assert stub_date(docs, routes.home().path, "vi").endswith(" 02/01/2025")


def test_a_later_change_to_a_plan_file_dates_its_pages(repo: Path) -> None:
    tasks = repo / "data" / "plans" / PLAN / "tasks.yml"
    tasks.write_text(tasks.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git(repo, "commit", "-qam", "tasks", when="2025-03-05T08:00:00+07:00")
    site = load_site(repo / "data")
    assert dates.last_changed(dates.page_sources(site, routes.area(PLAN, "1"))) == dt.date(2025, 3, 5)
    assert dates.last_changed(dates.page_sources(site, routes.glossary())) == dt.date(2025, 1, 2)


def test_uncommitted_data_is_dated_by_the_last_commit_never_the_clock(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    units = repo / "data" / "units.yml"
    units.write_text(units.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    site = load_site(repo / "data")
    # The last commit of the repository, not of the files (they changed since).
    assert dates.last_changed(dates.page_sources(site, routes.targets(PLAN))) == dt.date(2025, 1, 2)
    assert dates.last_changed(dates.page_sources(site, routes.glossary())) == dt.date(2025, 1, 2)


def test_uncommitted_data_is_dated_by_source_date_epoch_when_set(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    units = repo / "data" / "units.yml"
    units.write_text(units.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 2, 3, 12, tzinfo=dt.UTC).timestamp())))
    site = load_site(repo / "data")
    assert dates.last_changed(dates.page_sources(site, routes.targets(PLAN))) == dt.date(2026, 2, 3)
    # Committed data keeps the date of its commit.
    assert dates.last_changed(dates.page_sources(site, routes.glossary())) == dt.date(2025, 1, 2)


def test_shallow_clone_says_it_does_not_know(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    clone = tmp_path_factory.mktemp("shallow") / "clone"
    git(repo, "clone", "-q", "--depth", "1", repo.as_uri(), str(clone))
    site = load_site(clone / "data")
    assert dates.last_changed(dates.page_sources(site, routes.targets(PLAN))) is None


def test_without_git_history_the_page_says_so(copy_of_data: Path, tmp_path: Path) -> None:
    site = load_site(copy_of_data)
    pages.write_pages(site, tmp_path / "docs", tmp_path / "build")
    # Said plainly for citizens, without developer words (git, "bản dựng").
    assert stub_date(tmp_path / "docs", routes.targets(PLAN).path, "vi") == "Chưa rõ ngày cập nhật dữ liệu"
    assert stub_date(tmp_path / "docs", routes.glossary().path, "en") == "Date of the last data update not known"


def test_built_site_shows_the_date_of_the_last_commit_to_the_glossary(built_site: Path) -> None:
    glossary = ROOT / "data" / "glossary.yml"
    dirty = subprocess.run(["git", "status", "--porcelain", str(glossary)], cwd=ROOT, capture_output=True, text=True).stdout
    # Uncommitted data is dated by the last commit of all (the build sets no SOURCE_DATE_EPOCH of its own).
    paths = [] if dirty else ["--", str(glossary)]
    stamp = subprocess.run(["git", "log", "-1", "--format=%cs", *paths], cwd=ROOT, capture_output=True, text=True)
    expected = dt.date.fromisoformat(stamp.stdout.strip())
    vi = (built_site / "glossary" / "index.html").read_text(encoding="utf-8")
    en = (built_site / "en" / "glossary" / "index.html").read_text(encoding="utf-8")
    # As official documents write dates: 07/12/2026, 22/01/2024, 23/4/2024 (languages.yml).
    month = f"{expected.month:02}" if expected.month <= 2 else str(expected.month)
    assert f"cập nhật lần cuối ngày {expected.day:02}/{month}/{expected.year}" in vi
    assert f"last updated {expected.day} {expected:%B} {expected.year}" in en
