"""Shared fixtures: the real data, the built site, and a way to build a site from any data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from plansite.load import SiteData, load_site

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SITE = ROOT / "site"
SOURCE = ROOT.parent / "shared" / "source" / "ke-hoach-81-KH-UBND-2024.txt"
PLAN_ID = "81-kh-ubnd-2024"


@pytest.fixture(scope="session")
def site_data() -> SiteData:
    return load_site(DATA)


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The site `make test` built into site/ before running the tests."""
    if not (SITE / "index.html").is_file():
        pytest.fail("site/ is not built: run the tests through `make test`")
    return SITE


@pytest.fixture(scope="session")
def official_text() -> str:
    if not SOURCE.is_file():
        pytest.fail(f"the official text is missing: {SOURCE}")
    return SOURCE.read_text(encoding="utf-8")


@dataclass
class Build:
    returncode: int
    output: str
    site: Path


def build_site(data: Path, workdir: Path) -> Build:
    """Build the site from ``data`` in ``workdir``, as `make build` does, and report the result."""
    for name in ("mkdocs.yml", "macros.py"):
        shutil.copy(ROOT / name, workdir / name)
    shutil.copytree(ROOT / "overrides", workdir / "overrides")
    shutil.copytree(ROOT / "docs", workdir / "docs", ignore=shutil.ignore_patterns("plans", "data", "index*.md", "glossary*.md"))
    env = {**os.environ, "PLANSITE_DATA": str(data), "NO_MKDOCS_2_WARNING": "1"}
    steps = [
        [
            sys.executable,
            "-m",
            "plansite",
            "--data",
            str(data),
            "pages",
            "--docs",
            str(workdir / "docs"),
            "--nav",
            str(workdir / "build" / "nav.yml"),
        ],
        [sys.executable, "-m", "plansite", "--data", str(data), "export", "--out", str(workdir / "docs" / "data")],
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(workdir / "mkdocs.yml"), "-d", str(workdir / "site")],
    ]
    output = ""
    for step in steps:
        done = subprocess.run(step, cwd=workdir, env=env, capture_output=True, text=True, check=False)
        output += done.stdout + done.stderr
        if done.returncode:
            return Build(done.returncode, output, workdir / "site")
    return Build(0, output, workdir / "site")


@pytest.fixture
def copy_of_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
