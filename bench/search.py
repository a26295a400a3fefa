"""Search benchmark (issue 14): what a reader downloads and waits for to see results,
with the site's own search and with Pagefind tuned, on the shipped site and on sites of
10 and 50 plans.

``make bench`` runs it after ``make build``. The shipped site is site/; the larger ones
are built in a temporary folder from made-up plans (tests/toolkit/plans.py), and each site
is also copied and searched with Pagefind (bench/pagefind_variant.py). Each site is
served from 127.0.0.1 by the tests' server (tests/toolkit/server.py), the way GitHub Pages
serves it (gzip for text; Pagefind's files are compressed already), its ledger counting
the bytes sent; and searched in Debian's Chromium, from the home page of the
query's language, in a fresh browser context (empty cache) for each visit:

- the query pasted at once, on Lighthouse's slow-phone profile (150 ms round trip,
  1.6 Mbit/s down, 750 kbit/s up, CPU 4x slower, emulated through the DevTools
  protocol): KiB, every response body of the search's files (opener, code, text or
  index, excerpts) from the page's load until the first results are in the page (the
  files the page had received by then), and until all of them are (the site's search
  fetches other plans' text once its first results are shown); ms from the click on
  the search button to each;
- the query typed at a brisk phone typist's pace on the slow phone: ms from the last
  key to all results;
- the same on localhost, then a second query in the same dialog (KiB, ms).

On the shipped site both engines also answer the query set (tests/search_queries.yml),
and the weight of pages without the search opened is recorded. Figures are medians over
``--runs`` runs, worst over the queries; the budget is 80 KiB to the first results.
Results: bench/results-search.md (and stdout).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

# The browser, the site build, the server and the made-up plans from the tests' toolkit; the query set.
from pagefind_variant import pagefind_site  # noqa: E402
from search_queries import QUERIES, Result, misses  # noqa: E402
from toolkit.plans import make_plans  # noqa: E402
from toolkit.server import Ledger, serve  # noqa: E402
from toolkit.site import CHROMIUM, CHROMIUM_ARGS, build_site  # noqa: E402

from plansite.load import load_site  # noqa: E402

BYTES_BUDGET = 80 * 1024
PAGE_BUDGET = 100 * 1024
KEY_DELAY_MS = 150
PLAN_COUNTS = (1, 10, 50)
# Lighthouse's mobile throttling: 150 ms RTT, 1.6 Mbit/s (1,638.4 kbit/s) down, 750 kbit/s up, CPU 4x.
SLOW_PHONE = {"offline": False, "latency": 150, "downloadThroughput": 1638.4 * 1024 / 8, "uploadThroughput": 750 * 1024 / 8}
CPU_SLOWDOWN = 4
# (language, first query, second query): with and without diacritics, English, ids.
BENCH_QUERIES = [
    ("vi", "nước sạch", "bảo hiểm y tế"),
    ("vi", "nuoc sach", "bao hiem y te"),
    ("vi", "người có công", "thất nghiệp"),
    ("vi", "đa dạng sinh kế", "81/KH-UBND"),
    ("en", "clean water", "health insurance"),
    ("en", "42-NQ/TW", "2.2"),
]
PAGES = ["", "en/", "plans/81-kh-ubnd-2024/targets/", "plans/81-kh-ubnd-2024/area-6/", "plans/81-kh-ubnd-2024/full-text/", "glossary/"]
ENGINES = {"own": "the site's search", "pagefind": "Pagefind tuned"}
# What in a path marks a file of the search: its opener and code, its index (either engine's).
SEARCH_FILES = ("/assets/search/", "/search/", "/pagefind/")


def is_search_file(path: str) -> bool:
    return any(part in path for part in SEARCH_FILES)


# -- a reader searching ---------------------------------------------------------------------

# Records the search button's click, the last keystroke (as the input event it makes:
# characters typed through an input method fire no keydown), and the frames after the
# results for what is in the field are first in the page (first) and after they are
# complete (all: the site's search fetches other plans' text after its first results,
# and says so in data-complete; Pagefind's first results are all there is).
WATCH = """
window.__bench = { opened: 0, lastKey: 0, first: 0, all: 0, query: null, firstFiles: [] };
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-ps-open]")) window.__bench.opened = performance.now();
}, true);
document.addEventListener("input", () => {
  Object.assign(window.__bench, { lastKey: performance.now(), first: 0, all: 0 });
}, true);
document.addEventListener("DOMContentLoaded", () => {
  const target = document.querySelector("[data-ps-results]");
  const input = document.querySelector("[data-ps-input]");
  new MutationObserver(() => requestAnimationFrame(() => {
    const bench = window.__bench;
    const now = performance.now();
    bench.query = target.dataset.query ?? null;
    if (bench.query !== input.value.trim().replace(/\\s+/g, " ")) return;
    if (!bench.first) {
      bench.first = now;
      // What had arrived for them (the server's count cannot tell: it sends what is asked
      // for at once, and the slow phone's network delays it).
      bench.firstFiles = performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname);
    }
    if (target.dataset.complete !== "false") bench.all ||= now;
  })).observe(target, { attributes: true, childList: true, subtree: true, characterData: true });
});
"""


def new_page(browser: Browser) -> Page:
    context = browser.new_context(viewport={"width": 400, "height": 800})
    context.add_init_script(WATCH)
    return context.new_page()


def slow_down(page: Page) -> None:
    """From now on, the page is on Lighthouse's slow phone."""
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", SLOW_PHONE)
    session.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})


def wait_for_results(page: Page, query: str, mark: str = "first") -> None:
    """Until the results for ``query`` are in the page: the first ones, or ``mark="all"`` of them."""
    page.wait_for_function(f"q => window.__bench.query === q && window.__bench.{mark} > 0", arg=query, timeout=120_000)


def after(page: Page, start: str, mark: str = "first") -> float:
    """Milliseconds from ``start`` (a mark of WATCH: "opened", "lastKey") to the results' ``mark``."""
    end, begin = page.evaluate(f"[window.__bench.{mark}, window.__bench.{start}]")
    return float(end - begin) if end > begin else math.nan


@dataclass
class Measure:
    """One query, in three visits: pasted at once on the slow phone (what the first results
    cost, and how long they take), typed on the slow phone, and typed on localhost (then a
    second query in the same dialog)."""

    lang: str
    query: str
    bytes: int  # pasted: to the first results
    all_bytes: int  # pasted: to all results
    files: list[tuple[str, int]]  # pasted: what the first results took
    open_ms: float  # pasted, slow phone: from the click on the search button to the first results
    open_all_ms: float  # … to all results
    slow_ms: float  # typed, slow phone: from the last key to all results
    ms: float  # typed, localhost: from the last key to all results
    warm_query: str
    warm_bytes: int
    warm_ms: float


def search_bytes(ledger: Ledger, start: float) -> list[tuple[str, int]]:
    """(path, bytes sent) of each of the search's files served since ``start``; not the
    failed requests of the Pagefind copy's opener for the site's own index (pagefind_variant)."""
    sent = ledger.between(start, time.monotonic())
    return [(response.path, response.sent) for response in sent if response.status == 200 and is_search_file(response.path)]


def visit(browser: Browser, base: str, lang: str, slow: bool) -> Page:
    """The home page of ``lang``, loaded, with the search opened (on the slow phone if ``slow``:
    what is measured is the search, so the page itself loads at full speed)."""
    page = new_page(browser)
    page.goto(base + ("en/" if lang == "en" else ""), wait_until="networkidle")
    if slow:
        slow_down(page)
    page.click("[data-ps-open]")
    return page


def measure(browser: Browser, base: str, ledger: Ledger, lang: str, query: str, warm_query: str) -> Measure:
    start = time.monotonic()
    page = visit(browser, base, lang, slow=True)
    page.fill("[data-ps-input]", query)
    wait_for_results(page, query)
    arrived = set(page.evaluate("window.__bench.firstFiles"))
    wait_for_results(page, query, "all")
    sent = search_bytes(ledger, start)
    files = [(path, size) for path, size in sent if path in arrived]
    all_bytes = sum(size for _, size in sent)
    open_ms, open_all_ms = after(page, "opened"), after(page, "opened", "all")
    page.context.close()

    page = visit(browser, base, lang, slow=True)
    page.type("[data-ps-input]", query, delay=KEY_DELAY_MS)
    wait_for_results(page, query, "all")
    slow_ms = after(page, "lastKey", "all")
    page.context.close()

    page = visit(browser, base, lang, slow=False)
    page.type("[data-ps-input]", query, delay=KEY_DELAY_MS)
    wait_for_results(page, query, "all")
    typed_ms = after(page, "lastKey", "all")
    page.fill("[data-ps-input]", "")
    wait_for_results(page, "", "all")
    warm_start = time.monotonic()
    page.type("[data-ps-input]", warm_query, delay=KEY_DELAY_MS)
    wait_for_results(page, warm_query, "all")
    warm_ms = after(page, "lastKey", "all")
    warm_bytes = sum(size for _, size in search_bytes(ledger, warm_start))
    page.context.close()
    first_bytes = sum(size for _, size in files)
    return Measure(lang, query, first_bytes, all_bytes, files, open_ms, open_all_ms, slow_ms, typed_ms, warm_query, warm_bytes, warm_ms)


def page_weights(browser: Browser, base: str, ledger: Ledger) -> list[tuple[str, int]]:
    weights = []
    for path in PAGES:
        page = new_page(browser)
        start = time.monotonic()
        page.goto(base + path, wait_until="networkidle")
        weights.append((path or "/", sum(response.sent for response in ledger.between(start, time.monotonic()))))
        page.context.close()
    return weights


def quality(browser: Browser, base: str) -> dict[str, list[str]]:
    """The queries of the query set that miss, with what they miss (tests/search_queries.py says)."""
    site = load_site(ROOT / "data")
    failures = {}
    pages: dict[str, Page] = {}
    for entry in QUERIES:
        lang = entry["lang"]
        if lang not in pages:
            pages[lang] = new_page(browser)
            pages[lang].goto(base + ("en/" if lang == "en" else ""), wait_until="networkidle")
            pages[lang].click("[data-ps-open]")
        page = pages[lang]
        page.fill("[data-ps-input]", "")
        wait_for_results(page, "", "all")
        page.type("[data-ps-input]", entry["query"], delay=20)
        wait_for_results(page, entry["query"], "all")
        hrefs: list[list[str]] = page.eval_on_selector_all(
            ".ps-result", "items => items.map(i => [...i.querySelectorAll('a')].map(a => a.href))"
        )
        results = [
            Result(links[0].split("#")[0].removeprefix(base), tuple(link.split("#")[1] if "#" in link else "" for link in links))
            for links in hrefs
        ]
        problems = misses(site, entry, results)
        if problems:
            failures[f"{lang}: {entry['query']!r}"] = problems
    for page in pages.values():
        page.context.close()
    return failures


# -- the sites ---------------------------------------------------------------------------------


@dataclass
class Run:
    """One engine on one site: what was measured."""

    plans: int
    engine: str
    measures: list[list[Measure]] = field(default_factory=list)  # per run, per query
    failures: dict[str, list[str]] | None = None  # the query set's misses; None if not run
    weights: list[tuple[str, int]] = field(default_factory=list)

    def worst(self, values: Iterable[float]) -> float:
        known = [value for value in values if not math.isnan(value)]
        return max(known) if known else math.nan

    def column(self, pick: str) -> list[float]:
        """The median over runs of ``pick`` for each query."""
        return [median(getattr(run[i], pick) for run in self.measures) for i in range(len(self.measures[0]))]


def median(values: Iterable[float]) -> float:
    known = [value for value in values if not math.isnan(value)]
    return statistics.median(known) if known else math.nan


def built_site(plans: int, work: Path) -> Path:
    """The site of ``plans`` plans: site/ for the shipped one, else one built from made-up plans."""
    if plans == 1:
        return ROOT / "site"
    data = work / f"data-{plans}"
    make_plans(ROOT / "data", data, plans)
    (work / f"build-{plans}").mkdir()
    build = build_site(data, work / f"build-{plans}")
    if build.returncode:
        raise SystemExit(f"building the site of {plans} plans failed:\n{build.output}")
    # The build indexed it (plansite.build), as `make build` does.
    return build.site


def bench(browser: Browser, plans: int, engine: str, site: Path, runs: int) -> Run:
    run = Run(plans, engine)
    ledger = Ledger()
    with serve(site, "/", ledger=ledger) as base:
        for _ in range(runs):
            run.measures.append([measure(browser, base, ledger, *query) for query in BENCH_QUERIES])
        if plans == 1:
            run.failures = quality(browser, base)
            if engine == "own":
                run.weights = page_weights(browser, base, ledger)
    return run


# -- report -------------------------------------------------------------------------------


def kib(size: float) -> str:
    return f"{size / 1024:.1f}"


def ms(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:.0f}"


def report(results: list[Run], runs: int, browser_version: str) -> str:
    by_size = sorted({run.plans for run in results})
    lines = [
        "# Search benchmark: the site's own search and Pagefind tuned",
        "",
        f"Written by `bench/search.py` (`make bench`; its docstring says what is measured how). {platform.machine()}, "
        f"{os.cpu_count()} cores (shared with other work); Chromium {browser_version}; Python {platform.python_version()}; "
        f"Pagefind {version('pagefind')}; Playwright {version('playwright')}. Sites served from 127.0.0.1 with gzip; "
        f"empty cache for each visit; typing {KEY_DELAY_MS} ms a key. Slow phone: Lighthouse's mobile profile (150 ms round "
        f"trip, 1.6 Mbit/s down, 750 kbit/s up, CPU {CPU_SLOWDOWN}x slower). KiB to first and to all results: the query "
        f"pasted at once. Medians of {runs} runs, worst over the {len(BENCH_QUERIES)} queries. 1 plan is the shipped site; "
        "10 and 50 are made-up plans (tests/toolkit/plans.py). — : no results after the last keystroke.",
        "",
        "| plans | search | KiB to first results | KiB to all results | slow phone: ms from opening to first results "
        "| … to all results | slow phone: ms after last key | ms after last key | KiB, next query | query set |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    names = ("bytes", "all_bytes", "open_ms", "open_all_ms", "slow_ms", "ms", "warm_bytes")
    for plans in by_size:
        for run in (r for r in results if r.plans == plans):
            quality_cell = "—" if run.failures is None else f"{len(QUERIES) - len(run.failures)}/{len(QUERIES)}"
            worst = {name: run.worst(run.column(name)) for name in names}
            lines.append(
                f"| {plans} | {ENGINES[run.engine]} | {kib(worst['bytes'])} | {kib(worst['all_bytes'])} | {ms(worst['open_ms'])} | "
                f"{ms(worst['open_all_ms'])} | {ms(worst['slow_ms'])} | {ms(worst['ms'])} | {kib(worst['warm_bytes'])} | {quality_cell} |"
            )
    lines += ["", f"Budget: everything the search loads to its first results ≤ {kib(BYTES_BUDGET)} KiB (gzip):", ""]
    for run in results:
        to_first, to_all = run.worst(run.column("bytes")), run.worst(run.column("all_bytes"))
        verdict = "holds" if to_first <= BYTES_BUDGET else "FAILS"
        lines.append(
            f"- {run.plans} plan{'s' if run.plans > 1 else ''}, {ENGINES[run.engine]}: {kib(to_first)} KiB — {verdict} "
            f"({kib(to_all)} KiB to all results: {'within' if to_all <= BYTES_BUDGET else 'over'} the budget)."
        )
    for run in results:
        lines += [
            "",
            f"## {run.plans} plan{'s' if run.plans > 1 else ''}, {ENGINES[run.engine]}",
            "",
            "| lang | first query | KiB to first results | KiB to all | slow phone: ms from opening | … to all "
            "| slow phone: ms after last key | ms after last key | then | KiB | ms |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
        ]
        columns = {name: run.column(name) for name in (*names, "warm_ms")}
        for i, first in enumerate(run.measures[0]):
            lines.append(
                f"| {first.lang} | {first.query} | {kib(columns['bytes'][i])} | {kib(columns['all_bytes'][i])} | "
                f"{ms(columns['open_ms'][i])} | {ms(columns['open_all_ms'][i])} | {ms(columns['slow_ms'][i])} | {ms(columns['ms'][i])} | "
                f"{first.warm_query} | {kib(columns['warm_bytes'][i])} | {ms(columns['warm_ms'][i])} |"
            )
        lines += ["", "What the first results of the first query take (first run):", "", "| file | KiB |", "| --- | ---: |"]
        lines += [f"| {path} | {kib(size)} |" for path, size in run.measures[0][0].files]
        if run.failures:
            lines += ["", "Queries of the set that miss:", ""]
            lines += [f"- {query}: {'; '.join(problems)}" for query, problems in run.failures.items()]
        if run.weights:
            lines += ["", f"First load of a page, search not opened (budget {kib(PAGE_BUDGET)} KiB, everything it loads):", ""]
            lines += ["| page | KiB |", "| --- | ---: |", *(f"| {path} | {kib(size)} |" for path, size in run.weights)]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plans", type=int, nargs="+", default=list(PLAN_COUNTS), help="site sizes to measure (default: 1 10 50)")
    args = parser.parse_args()
    if not (ROOT / "site" / "index.html").is_file():
        print("site/ is not built: run `make bench`", file=sys.stderr)
        return 1
    results = []
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp, sync_playwright() as playwright:
        work = Path(tmp)
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for plans in args.plans:
            site = built_site(plans, work)
            variant = pagefind_site(site, work / f"pagefind-{plans}")
            for engine, root in (("own", site), ("pagefind", variant)):
                print(f"measuring {ENGINES[engine]} on {plans} plan(s)…", file=sys.stderr)
                results.append(bench(browser, plans, engine, root, args.runs))
        browser_version = browser.version
        browser.close()
    text = report(results, args.runs, browser_version)
    (ROOT / "bench" / "results-search.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
