"""`make build` is atomic and reproducible.

- Two builds of the same files, in different folders, time zones and hash seeds, give
  the same site byte for byte (sitemap.xml.gz, the search index and the PDF documents included).
- A build that fails, at any step, says why and leaves the previous site/ as it was.
- A build of site.yml's placeholder repository (no REPOSITORY_URL) links to no GitHub
  repository, and says so in one line.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from conftest import DATA, PLAN_ID
from toolkit.site import Build, SiteBuilder


def tree(site: Path) -> dict[str, str]:
    """Every file of ``site`` with the SHA-256 of its bytes."""
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory, site_builder: SiteBuilder) -> Build:
    work = tmp_path_factory.mktemp("first")
    # As a fork or a preview builds it: site.yml's placeholder repository, whatever the
    # environment running the tests says (the workflow sets REPOSITORY_URL).
    build = site_builder(DATA, work, {"TZ": "UTC", "PYTHONHASHSEED": "1", "REPOSITORY_URL": ""})
    assert build.returncode == 0, build.output
    return build


def test_two_builds_of_the_same_files_are_byte_identical(first: Build, tmp_path: Path, site_builder: SiteBuilder) -> None:
    other = tmp_path / "another" / "folder"
    other.mkdir(parents=True)
    second = site_builder(DATA, other, {"TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "2", "REPOSITORY_URL": ""})
    assert second.returncode == 0, second.output
    one, two = tree(first.site), tree(second.site)
    assert one.keys() == two.keys()
    different = sorted(name for name in one if one[name] != two[name])
    assert not different, different[:20]
    assert "sitemap.xml.gz" in one and any(name.startswith("search/") for name in one)
    assert any(name.endswith(".pdf") for name in one), "the PDF documents are compared too"


def test_a_build_of_the_placeholder_links_to_no_repository_and_says_so(first: Build) -> None:
    """Once 460 links to github.com/OWNER/REPOSITORY; now none, and one line (not an error)."""
    said = [line for line in first.output.splitlines() if "placeholder" in line]
    assert said == [
        "note: the repository is still the placeholder https://github.com/OWNER/REPOSITORY "
        "(data/site.yml; REPOSITORY_URL is not set): the pages show no GitHub feedback, edit or source link"
    ]
    files = [path for path in first.site.rglob("*") if path.is_file() and path.suffix in {".html", ".xml", ".json", ".js", ".csv", ".txt"}]
    assert len(files) > 100
    assert not [path for path in files if "OWNER/REPOSITORY" in path.read_text(encoding="utf-8")]


def broken_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    targets = data / "plans" / PLAN_ID / "targets.yml"
    text = targets.read_text(encoding="utf-8")
    targets.write_text(text.replace("      - id: t02\n", "      - id: t01\n", 1), encoding="utf-8")
    return data


def test_bad_data_stops_the_build_before_anything_is_touched(first: Build, tmp_path: Path, site_builder: SiteBuilder) -> None:
    before = tree(first.site)
    again = site_builder(broken_data(tmp_path), first.site.parent)
    assert again.returncode == 1
    assert "targets.yml" in again.output and "duplicate target id 't01'" in again.output
    assert "Traceback" not in again.output
    assert tree(first.site) == before


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        # MkDocs (strict) refuses a broken link: its own words reach the terminal.
        ("[a missing page](nowhere.md)", "nowhere.md"),
        # An inline script nobody knows: the security policy step refuses the page.
        ("<script>alert(1)</script>", "an inline script the site does not know"),
    ],
)
def test_a_failing_step_says_why_and_leaves_the_previous_site_whole(
    first: Build, page: str, reason: str, site_builder: SiteBuilder
) -> None:
    before = tree(first.site)
    guide = first.site.parent / "docs" / "guide.md"
    written = guide.read_text(encoding="utf-8")
    guide.write_text(f"{written}\n{page}\n", encoding="utf-8")
    try:
        again = site_builder(DATA, first.site.parent)
    finally:
        guide.write_text(written, encoding="utf-8")
    assert again.returncode == 1, again.output
    assert reason in again.output, again.output
    assert "Traceback" not in again.output
    assert "is unchanged" in again.output
    assert tree(first.site) == before
    assert not (first.site.parent / "build" / "site.new").exists()
