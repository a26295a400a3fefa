"""The Content-Security-Policy holds in a real browser: no page breaks it, and a script
added to a built page afterwards does not run (SECURITY.md, point 6)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from quality import WATCH_POLICY, WIDTHS, Visit
from toolkit.server import serve

from plansite import csp


def violations(page: Page) -> list[str]:
    return list(page.evaluate("window.__violations"))


def test_every_page_has_one_policy(built_site: Path) -> None:
    for path in sorted(built_site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        assert html.count('http-equiv="Content-Security-Policy"') == 1, path
        head = html[: html.index("</head>")]
        # Before any script, so that it governs them all.
        assert head.index("Content-Security-Policy") < head.find("<script") or "<script" not in head, path


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_breaks_the_policy(browser_sweep: dict[int, list[Visit]], width: int) -> None:
    """Every page, as the quality sweep loaded it (both languages, the 404 page included)."""
    visits = browser_sweep[width]
    assert len(visits) > 80
    broken = {visit.url: visit.policy for visit in visits if visit.policy}
    assert not broken, broken


def test_the_search_keeps_the_policy(built_site: Path, browser: Browser) -> None:
    """Opened and used, the search loads its code and index under the same policy."""
    with serve(built_site, "/") as base:
        context = browser.new_context()
        context.add_init_script(WATCH_POLICY)
        tab = context.new_page()
        tab.goto(base)
        tab.keyboard.press("/")
        tab.keyboard.type("nuoc sach", delay=30)
        tab.wait_for_selector(".ps-results li")
        assert not violations(tab)
        context.close()


def test_a_script_added_to_a_built_page_does_not_run(built_site: Path, browser: Browser, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    home = site / "index.html"
    home.write_text(home.read_text(encoding="utf-8").replace("</body>", "<script>window.__injected = 1</script></body>"), encoding="utf-8")
    with serve(site, "/") as base:
        context = browser.new_context()
        context.add_init_script(WATCH_POLICY)
        tab = context.new_page()
        tab.goto(base)
        tab.wait_for_load_state("load")
        assert tab.evaluate("window.__injected") is None
        assert any(v.startswith("script-src") for v in violations(tab))
        # The theme's own inline scripts ran: its scope helper is defined.
        assert tab.evaluate("typeof __md_scope") == "object"
        context.close()


def test_only_known_inline_scripts_are_allowed() -> None:
    assert csp.known(
        '__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
    )
    assert not csp.known("alert(1)")
    # The base URL is the only part allowed to vary, and only with URL characters.
    assert not csp.known(
        '__md_scope=new URL("x\\"),alert(1),(\\"",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
    )
