"""Helpers of the quality tests (tests/test_quality_*.py): the site as GitHub Pages
publishes it, and one sweep of a real browser over every built page.

The sweep loads each page once per screen width, records every request the page
makes, runs axe-core on it and keeps the text it shows; the accessibility, request,
weight and no-JavaScript tests all read its results rather than load the pages again.
"""

from __future__ import annotations

import urllib.parse
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Request, Route
from toolkit.links import Site
from toolkit.server import serve

from plansite.build import site_url

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = (375, 1280)  # a small phone, a laptop
# axe-core rule sets: WCAG 2.0 and 2.1, levels A and AA, and Deque's best practices.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations", "incomplete"],
}
# Records every Content-Security-Policy violation of a page (tests/test_csp.py reads them too).
WATCH_POLICY = "window.__violations = [];" + (
    "document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
)
# The address of a page that does not exist, to see the 404 page as it is served.
MISSING = "en/no-such-page/"


def configured_site_url() -> str:
    """site_url as mkdocs.yml sets it: the SITE_URL variable, else the default there."""
    return site_url(ROOT)


def serve_as_published(site: Site) -> AbstractContextManager[str]:
    """Serve ``site`` on localhost under the path of its site_url; yield that local address."""
    return serve(site.root, urllib.parse.urlsplit(site.site_url).path or "/")


def axe_results(page: Page) -> dict[str, list[dict[str, Any]]]:
    """axe-core's violations and incomplete results (what it could not decide) on the page as it is now."""
    response = Axe().run(page, options=AXE_OPTIONS).response
    return {"violations": response["violations"], "incomplete": response["incomplete"]}


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now."""
    return axe_results(page)["violations"]


def undecided(incomplete: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """axe's incomplete results as (rule, element, why it could not decide), one per element."""
    return [
        (result["id"], " ".join(map(str, node["target"])), " ".join((node.get("failureSummary") or "").split()))
        for result in incomplete
        for node in result["nodes"]
    ]


def describe(violations: list[dict[str, Any]]) -> list[str]:
    """One line per violation and element: rule, impact, element, what to fix."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"{violation['id']} ({violation['impact']}) at {' '.join(map(str, node['target']))}: {summary[:300]}")
    return lines


@dataclass
class Visit:
    """One page load: what was asked for, what failed, what axe found, what text showed."""

    page: Path
    url: str
    root: str  # the local address of the site, where site_url is published
    status: int | None = None
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)
    incomplete: list[dict[str, Any]] = field(default_factory=list)  # what axe could not decide
    policy: list[str] = field(default_factory=list)  # Content-Security-Policy violations
    text: str = ""  # what the page's <article> shows (innerText)
    sideways: int = 0  # how far the page scrolls sideways, in CSS pixels


def local_address(site: Site, local_root: str, page: Path) -> str:
    """Where ``page`` is loaded from the local server (the 404 page: at a missing address)."""
    if page == site.root / "404.html":
        return local_root + MISSING
    return local_root + site.url(page)[len(site.site_url) :]


def sweep(browser: Browser, site: Site, local_root: str, width: int, settle: bool = True) -> list[Visit]:
    """Load every page of ``site`` at ``width``, recording requests and axe's violations.

    Requests to any other origin are recorded and refused. Routing every request
    also turns the browser cache off, so each load is a first visit. With ``settle``
    each page is left until its network has been idle for half a second, to record
    requests made late, too.
    """
    origin = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(local_root))
    context = browser.new_context(viewport={"width": width, "height": 800})
    visits: list[Visit] = []

    def route(route: Route, request: Request) -> None:
        if request.url.startswith(origin + "/") or request.url.startswith("data:"):
            route.continue_()
        else:
            visits[-1].foreign.append(request.url)
            route.abort()

    def failed(request: Request) -> None:
        if not request.url.startswith(origin + "/"):
            return
        visits[-1].failed.append(f"{request.url}: {request.failure}")

    def failed_response(url: str, status: int, navigation: bool) -> None:
        # The page's own status is the visit's; the 404 page is meant to have one.
        if status >= 400 and not navigation:
            visits[-1].failed.append(f"{url}: HTTP {status}")

    context.route("**/*", route)
    context.add_init_script(WATCH_POLICY)
    tab = context.new_page()
    tab.on("request", lambda request: visits[-1].requests.append(request.url))
    tab.on("requestfailed", failed)
    tab.on("response", lambda response: failed_response(response.url, response.status, response.request.is_navigation_request()))
    try:
        for page in site.pages():
            visits.append(Visit(page, local_address(site, local_root, page), local_root))
            response = tab.goto(visits[-1].url, wait_until="load")
            visits[-1].status = response.status if response else None
            results = axe_results(tab)
            visits[-1].violations, visits[-1].incomplete = results["violations"], results["incomplete"]
            visits[-1].text = tab.evaluate("() => document.querySelector('article')?.innerText ?? ''")
            visits[-1].sideways = tab.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if settle:
                tab.wait_for_load_state("networkidle")
            visits[-1].policy = tab.evaluate("() => window.__violations")
    finally:
        context.close()
    return visits


# -- the built files ------------------------------------------------------------


def built_file(site: Site, source_path: str, lang: str) -> Path:
    """The HTML file built from the Markdown page ``source_path`` (routes.PageRef.path) in ``lang``."""
    stem = source_path.removesuffix(".md")
    folder = "" if stem == "index" else stem.removesuffix("/index") + "/"
    return site.root / ("" if lang == "vi" else f"{lang}/") / folder / "index.html"


# -- the keyboard ----------------------------------------------------------------

# What the focused element looks like: is it on screen and on top (not wholly under
# a header, a drawer or a table's fixed column), and how well its focus ring (outline or box-shadow) stands
# out against what is behind the element (WCAG's 3:1 for non-text contrast).
FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const rgba = (text) => {
    const m = text.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    return [0, 1, 2].map((i) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a).concat([a]);
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  // What lies behind the element: its ancestors' backgrounds over a white canvas.
  let behind = [255, 255, 255, 1];
  const layers = [];
  for (let node = el.parentElement; node; node = node.parentElement) layers.push(rgba(getComputedStyle(node).backgroundColor));
  for (const layer of layers.reverse()) behind = over(layer, behind);
  const style = getComputedStyle(el);
  let ring = 0;
  if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1) {
    ring = contrast(over(rgba(style.outlineColor), behind), behind);
  }
  if (style.boxShadow !== "none") {
    ring = Math.max(ring, contrast(over(rgba(style.boxShadow), behind), behind));
  }
  const box = el.getClientRects()[0] || el.getBoundingClientRect();
  // On top if not entirely covered: the centre or a point near a corner shows the element.
  const points = [[0.5, 0.5], [0.1, 0.1], [0.9, 0.1], [0.1, 0.9], [0.9, 0.9]].map(([fx, fy]) => [
    Math.min(Math.max(box.left + box.width * fx, 0), innerWidth - 1),
    Math.min(Math.max(box.top + box.height * fy, 0), innerHeight - 1),
  ]);
  const onTop = points.some(([x, y]) => { const hit = document.elementFromPoint(x, y); return !!hit && (hit === el || el.contains(hit)); });
  const classes = typeof el.className === "string" ? el.className.trim().split(/\\s+/).filter(Boolean) : [];
  const name = [el.tagName.toLowerCase() + (el.id ? "#" + el.id : ""), ...classes].join(".");
  // What a screen reader names the control by: aria-labelledby, aria-label, its own text or
  // image text, a title, or the text of its <label> (a checkbox behind an icon).
  const byIds = (ids) => ids.split(/\\s+/).map((id) => (document.getElementById(id) || {}).textContent || "").join(" ");
  const accessible = [
    el.getAttribute("aria-labelledby") ? byIds(el.getAttribute("aria-labelledby")) : "",
    el.getAttribute("aria-label") || "",
    el.innerText || el.textContent || "",
    [...el.querySelectorAll("img[alt], svg title")].map((x) => x.getAttribute("alt") || x.textContent).join(" "),
    el.getAttribute("title") || "",
    el.labels ? [...el.labels].map((l) => l.textContent).join(" ") : "",
  ].map((t) => t.trim()).find(Boolean) || "";
  return {
    element: name + " " + JSON.stringify((el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 40)),
    accessibleName: accessible,
    href: el.getAttribute("href"),
    onScreen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight,
    onTop,
    ring: Math.round(ring * 100) / 100,
  };
}"""


def tab_stops(page: Page, limit: int = 600) -> list[dict[str, Any]]:
    """Press Tab until focus leaves the page or comes round again; the state at each stop.

    After each press it waits (up to three seconds) for the focused element to be in
    view, so that scrolling and a sliding drawer can settle: under load (the whole suite
    on two workers) a drawer's slide has taken more than one second.
    """
    settled = f"""async () => {{
      const deadline = performance.now() + 3000;
      for (;;) {{
        const s = ({FOCUS_STATE})();
        if (!s || (s.onScreen && s.onTop) || performance.now() > deadline) return s;
        await new Promise((frame) => requestAnimationFrame(frame));
      }}
    }}"""
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state: dict[str, Any] | None = page.evaluate(settled)
        if state is None or (stops and state["element"] == stops[0]["element"]):
            return stops
        stops.append(state)
    raise AssertionError(f"focus never left the page after {limit} presses of Tab")
