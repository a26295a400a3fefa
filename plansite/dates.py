"""When the data behind a page last changed, from the git history of data/.

Used by ``pages`` to put each page's date in its stub (Material shows it at the foot of
the page). Pages are generated, so their own files have no history: the date is that
of the last commit touching the data files the page is made from. Where git cannot
tell (no git, not a repository, a shallow clone), the answer is None and the page says
so. Data edited but not yet committed (a preview) is dated by ``SOURCE_DATE_EPOCH``
when it is set, else by the last commit: never by the clock, so two builds of the
same files are the same.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

from plansite.load import SiteData
from plansite.routes import PageRef


def page_sources(site: SiteData, page: PageRef) -> list[Path]:
    """The data files ``page`` is made from: a plan's folder with the agencies and units
    it names, the glossary, or (the home page, which summarises every plan) all of data/."""
    data_dir = next(iter(site.plans.values())).folder.parents[1]
    if page.plan is not None:
        return [site.plans[page.plan].folder, data_dir / "agencies.yml", data_dir / "units.yml"]
    if page.kind == "glossary":
        return [data_dir / "glossary.yml"]
    return [data_dir]


def _git(cwd: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def last_changed(paths: Sequence[Path]) -> dt.date | None:
    """The day any of ``paths`` last changed, or None when the history cannot tell."""
    cwd = paths[0] if paths[0].is_dir() else paths[0].parent
    if _git(cwd, "rev-parse", "--is-shallow-repository") != "false":
        return None
    names = [str(path.resolve()) for path in paths]
    if _git(cwd, "status", "--porcelain", "--", *names):
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch and epoch.isdigit():
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        committed = _git(cwd, "log", "-1", "--format=%cs")  # the last commit of all
    else:
        committed = _git(cwd, "log", "-1", "--format=%cs", "--", *names)
    return dt.date.fromisoformat(committed) if committed else None
