"""External links: ``make linkcheck-external`` (plansite.sitecheck) checks every link
of the built site to another site; it needs the internet and is not part of the
tests, so here it runs against a local server standing in for the web. Internal links
are checked by tests/test_subpath.py (toolkit.links).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from quality import ROOT
from toolkit.server import serve

from plansite.sitecheck import Site, external_links


def _write(root: Path, path: str, body: str) -> None:
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(f'<!doctype html><html lang="en"><title>t</title>{body}</html>', "utf-8")


def test_the_external_link_check_names_each_dead_link_and_where_it_is(tmp_path: Path) -> None:
    # A "web" of two pages: one that answers and one that does not.
    web = tmp_path / "web"
    _write(web, "alive.html", "here")
    _write(web, "404.html", "gone")
    site = tmp_path / "site"
    with serve(web) as other:
        _write(site, "index.html", f'<link rel="canonical" href="https://plan.example/"><a href="{other}alive.html">a</a>')
        _write(site, "en/index.html", f'<a href="{other}dead.html">d</a><a href="../">home</a>')
        assert set(external_links(Site(site, "https://plan.example/"))) == {f"{other}alive.html", f"{other}dead.html"}
        command = [sys.executable, "-m", "plansite", "linkcheck-external", "--site", str(site)]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 1, done
    assert done.stderr.strip() == f"{other}dead.html: HTTP 404 (linked from en/index.html)"
    assert "1 external links answer, 1 do not" in done.stdout
