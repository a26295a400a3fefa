"""Building the site and driving the browser, as the tests and the benchmarks do.

``build_site`` builds a site from any data folder with `make build`'s own command, in a
project folder of its own; ``CHROMIUM`` and ``CHROMIUM_ARGS`` are how every browser test
and benchmark starts Debian's Chromium (Playwright's own download cannot work here).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

ROOT = Path(__file__).resolve().parents[2]

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class Build:
    returncode: int
    output: str
    site: Path


def build_site(data: Path, workdir: Path, env: dict[str, str] | None = None) -> Build:
    """Build the site from ``data`` in ``workdir`` with `make build`'s command, and report the result."""
    if (workdir / "mkdocs.yml").exists():
        # Built here before: build again from the same project folder.
        return _run_build(data, workdir, env)
    for name in ("mkdocs.yml", "macros.py", "hooks.py"):
        shutil.copy(ROOT / name, workdir / name)
    shutil.copytree(ROOT / "overrides", workdir / "overrides")
    # mkdocs.yml watches these folders; they must exist beside it.
    (workdir / "plansite").symlink_to(ROOT / "plansite")
    if not (workdir / "data").exists():
        (workdir / "data").symlink_to(data)
    # Only the hand-written pages, as a fresh clone has them; the rest is generated below.
    tracked = subprocess.run(["git", "ls-files", "docs"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for name in tracked:
        (workdir / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, workdir / name)
    (workdir / "docs").mkdir(exist_ok=True)
    return _run_build(data, workdir, env)


def _run_build(data: Path, workdir: Path, env: dict[str, str] | None) -> Build:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "plansite", "--data", str(data), "build"],
        cwd=workdir,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    return Build(done.returncode, done.stdout + done.stderr, workdir / "site")


class SiteBuilder(Protocol):
    """``build_site``, as the tests' ``site_builder`` fixture hands it over: a test that
    takes that fixture runs MkDocs, and is marked ``build`` (tests/conftest.py)."""

    def __call__(self, data: Path, workdir: Path, env: dict[str, str] | None = None) -> Build: ...
