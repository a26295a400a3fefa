"""Links: no internal link, resource or #anchor of the built site leads nowhere, in
either language (checked over the HTML, plansite.sitecheck); external links are
checked by ``make linkcheck-external``, which needs the internet and is not part of
the tests, so here it runs against a local server standing in for the web.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from quality import ROOT, serve_as_published

from plansite.sitecheck import Site, broken_links, external_links


def test_no_internal_link_or_anchor_is_broken(quality_site: Site) -> None:
    pages = quality_site.pages()
    assert any(file.parts[-3:-1] == ("en", "glossary") for file in pages), "both languages are built"
    problems = broken_links(quality_site)
    assert not problems, f"{len(problems)} broken links:\n" + "\n".join(problems)


def _write(root: Path, path: str, body: str) -> None:
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(f'<!doctype html><html lang="en"><title>t</title>{body}</html>', "utf-8")


def test_the_link_check_finds_every_kind_of_broken_link(tmp_path: Path) -> None:
    _write(tmp_path, "index.html", '<link rel="stylesheet" href="/x/s.css"><h1 id="top">t</h1><a href="a/">a</a><a href="a/#here">ok</a>')
    _write(
        tmp_path,
        "a/index.html",
        '<p id="here"><a href="../#top">up</a> <a href="../b/">no page</a> <a href="../#nowhere">no anchor</a>'
        ' <a href="https://example.org/x/a/#here">absolute</a> <a href="https://example.org/">out</a>'
        ' <img src="../missing.png" alt="m"></p>',
    )
    (tmp_path / "s.css").write_text("p {}", "utf-8")
    problems = broken_links(Site(tmp_path, "https://example.org/x/"))
    assert problems == [
        "a/index.html: ../b/ -> no such file",
        "a/index.html: ../#nowhere -> no id 'nowhere' in index.html",
        "a/index.html: ../missing.png -> no such file",
    ]


def test_the_external_link_check_names_each_dead_link_and_where_it_is(tmp_path: Path) -> None:
    # A "web" of two pages: one that answers and one that does not.
    web = tmp_path / "web"
    _write(web, "alive.html", "here")
    _write(web, "404.html", "gone")
    site = tmp_path / "site"
    with serve_as_published(Site(web, "https://example.org/")) as other:
        _write(site, "index.html", f'<link rel="canonical" href="https://plan.example/"><a href="{other}alive.html">a</a>')
        _write(site, "en/index.html", f'<a href="{other}dead.html">d</a><a href="../">home</a>')
        assert set(external_links(Site(site, "https://plan.example/"))) == {f"{other}alive.html", f"{other}dead.html"}
        command = [sys.executable, "-m", "plansite", "linkcheck-external", "--site", str(site)]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 1, done
    assert done.stderr.strip() == f"{other}dead.html: HTTP 404 (linked from en/index.html)"
    assert "1 external links answer, 1 do not" in done.stdout
