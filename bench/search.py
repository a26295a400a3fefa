"""Search benchmark (issue 14): what a reader downloads and waits for to see results,
with the site's own search and with Pagefind tuned, on the shipped site and on sites of
10 and 50 plans.

``make bench`` runs it after ``make build``. The shipped site is site/; the larger ones
are built in a temporary folder from made-up plans (bench/make_plans.py), and each site
is also copied and searched with Pagefind (bench/pagefind_variant.py). Each site is
served from 127.0.0.1 the way GitHub Pages serves it (gzip for text; Pagefind's files
are compressed already) and searched in Debian's Chromium. For each query, in a fresh
browser context (empty cache), it opens the home page of the query's language, opens
the search, types the query at a brisk phone typist's pace, and records

- KiB: every response body of the search's files (opener, code, index, excerpts) the
  server sent from the page's load until the results of the whole query are in the
  page;
- ms: from the last keystroke to the next frame after those results are in the page;

then the same for a second query typed into the same dialog (warm). On Lighthouse's
slow-phone profile (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU 4x slower,
emulated through the DevTools protocol) it records, for the first query, the ms from
the click on the search button to the results when the query is pasted at once (the
download is all there is to wait for), and the ms after the last key when it is typed.

On the shipped site both engines also answer the query set (tests/search_queries.yml),
and the weight of pages without the search opened is recorded. Timings are medians over
``--runs`` runs; the budget is 80 KiB to first results. Results: a table on stdout and
bench/results-search.md.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import math
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

# The browser and the site build as the tests have them; the query set.
from conftest import CHROMIUM, CHROMIUM_ARGS, build_site  # noqa: E402
from make_plans import make_plans  # noqa: E402
from pagefind_variant import pagefind_site  # noqa: E402
from search_queries import QUERIES, Result, misses  # noqa: E402

from plansite.load import load_site  # noqa: E402
from plansite.search import build_index  # noqa: E402

BYTES_BUDGET = 80 * 1024
PAGE_BUDGET = 100 * 1024
KEY_DELAY_MS = 150
PLAN_COUNTS = (1, 10, 50)
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv"}
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


# -- a static host that counts what it sends ------------------------------------------


class Ledger:
    """Every response body sent: (monotonic time, path, bytes)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sent: list[tuple[float, str, int]] = []

    def add(self, path: str, size: int) -> None:
        with self.lock:
            self.sent.append((time.monotonic(), path, size))

    def since(self, start: float, end: float) -> list[tuple[str, int]]:
        with self.lock:
            return [(path, size) for at, path, size in self.sent if start <= at <= end]


class _Host(http.server.SimpleHTTPRequestHandler):
    ledger: Ledger

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        body = path.read_bytes()
        gzipped = path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            body = gzip.compress(body, 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.ledger.add(self.path.split("?")[0], len(body))
        return _Body(body)


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextmanager
def host(site: Path) -> Iterator[tuple[str, Ledger]]:
    ledger = Ledger()
    handler = type("Host", (_Host,), {"ledger": ledger})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", ledger
    finally:
        server.shutdown()
        server.server_close()


def is_search_file(path: str) -> bool:
    return any(part in path for part in SEARCH_FILES)


# -- a reader searching ---------------------------------------------------------------------

# Records the search button's click, the last keystroke (as the input event it makes:
# characters typed through an input method fire no keydown) and the frame after each
# change of the results, with the query they are for.
WATCH = """
window.__bench = { opened: 0, lastKey: 0, changed: 0, query: null };
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-ps-open]")) window.__bench.opened = performance.now();
}, true);
document.addEventListener("input", () => { window.__bench.lastKey = performance.now(); }, true);
document.addEventListener("DOMContentLoaded", () => {
  const target = document.querySelector("[data-ps-results]");
  new MutationObserver(() => requestAnimationFrame(() => {
    window.__bench.changed = performance.now();
    window.__bench.query = target.dataset.query ?? null;
  })).observe(target, { attributes: true, childList: true, subtree: true, characterData: true });
});
"""


def new_page(browser: Browser, slow: bool) -> Page:
    context = browser.new_context(viewport={"width": 400, "height": 800})
    context.add_init_script(WATCH)
    page = context.new_page()
    if slow:
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", SLOW_PHONE)
        session.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    return page


def wait_for_results(page: Page, query: str) -> None:
    page.wait_for_function("q => window.__bench.query === q && window.__bench.changed > window.__bench.lastKey", arg=query, timeout=120_000)


def after(page: Page, start: str) -> float:
    """Milliseconds from ``start`` (a mark of WATCH) to the last change of the results."""
    changed, mark = page.evaluate(f"[window.__bench.changed, window.__bench.{start}]")
    return float(changed - mark) if changed > mark else math.nan


@dataclass
class Measure:
    lang: str
    query: str
    bytes: int
    ms: float
    warm_query: str
    warm_bytes: int
    warm_ms: float
    files: list[tuple[str, int]]


def measure(browser: Browser, base: str, ledger: Ledger, lang: str, query: str, warm_query: str) -> Measure:
    page = new_page(browser, slow=False)
    start = time.monotonic()
    page.goto(base + ("en/" if lang == "en" else ""), wait_until="networkidle")
    page.click("[data-ps-open]")
    page.type("[data-ps-input]", query, delay=KEY_DELAY_MS)
    wait_for_results(page, query)
    files = [(path, size) for path, size in ledger.since(start, time.monotonic()) if is_search_file(path)]
    cold = after(page, "lastKey")
    page.fill("[data-ps-input]", "")
    wait_for_results(page, "")
    warm_start = time.monotonic()
    page.type("[data-ps-input]", warm_query, delay=KEY_DELAY_MS)
    wait_for_results(page, warm_query)
    warm = after(page, "lastKey")
    warm_files = [size for path, size in ledger.since(warm_start, time.monotonic()) if is_search_file(path)]
    page.context.close()
    return Measure(lang, query, sum(size for _, size in files), cold, warm_query, sum(warm_files), warm, files)


@dataclass
class SlowMeasure:
    lang: str
    query: str
    open_ms: float  # from the click on the search button to the results, the query pasted at once
    typed_ms: float  # from the last key to the results, the query typed


def measure_slow(browser: Browser, base: str, lang: str, query: str) -> SlowMeasure:
    timings = []
    for typed in (False, True):
        page = new_page(browser, slow=True)
        page.goto(base + ("en/" if lang == "en" else ""), wait_until="networkidle")
        page.click("[data-ps-open]")
        if typed:
            page.type("[data-ps-input]", query, delay=KEY_DELAY_MS)
        else:
            page.fill("[data-ps-input]", query)
        wait_for_results(page, query)
        timings.append(after(page, "lastKey" if typed else "opened"))
        page.context.close()
    return SlowMeasure(lang, query, *timings)


def page_weights(browser: Browser, base: str, ledger: Ledger) -> list[tuple[str, int]]:
    weights = []
    for path in PAGES:
        page = new_page(browser, slow=False)
        start = time.monotonic()
        page.goto(base + path, wait_until="networkidle")
        weights.append((path or "/", sum(size for _, size in ledger.since(start, time.monotonic()))))
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
            pages[lang] = new_page(browser, slow=False)
            pages[lang].goto(base + ("en/" if lang == "en" else ""), wait_until="networkidle")
            pages[lang].click("[data-ps-open]")
        page = pages[lang]
        page.fill("[data-ps-input]", "")
        wait_for_results(page, "")
        page.type("[data-ps-input]", entry["query"], delay=20)
        wait_for_results(page, entry["query"])
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
    slow: list[list[SlowMeasure]] = field(default_factory=list)
    failures: dict[str, list[str]] | None = None  # the query set's misses; None if not run
    weights: list[tuple[str, int]] = field(default_factory=list)

    def worst(self, values: Iterable[float]) -> float:
        known = [value for value in values if not math.isnan(value)]
        return max(known) if known else math.nan

    def column(self, pick: str) -> list[float]:
        """The median over runs of ``pick`` for each query."""
        runs = self.measures if pick in Measure.__dataclass_fields__ else self.slow
        return [median(getattr(run[i], pick) for run in runs) for i in range(len(runs[0]))]


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
    build_index(build.site)
    return build.site


def bench(browser: Browser, plans: int, engine: str, site: Path, runs: int) -> Run:
    run = Run(plans, engine)
    with host(site) as (base, ledger):
        for _ in range(runs):
            run.measures.append([measure(browser, base, ledger, *query) for query in BENCH_QUERIES])
            run.slow.append([measure_slow(browser, base, lang, query) for lang, query, _ in BENCH_QUERIES])
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
        f"Written by `bench/search.py` (`make bench`). {platform.processor() or platform.machine()}, {os.cpu_count()} cores "
        f"(shared); Chromium {browser_version}; Python {platform.python_version()}; Pagefind {version('pagefind')}; "
        f"Playwright {version('playwright')}. The site served from 127.0.0.1 with gzip; typing {KEY_DELAY_MS} ms a key; "
        f"medians of {runs} runs, empty cache for each first query; worst over the queries. Slow phone: Lighthouse's "
        f"mobile profile (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU {CPU_SLOWDOWN}x slower) emulated "
        "through the DevTools protocol. 1 plan is the shipped site; 10 and 50 are made-up plans (bench/make_plans.py). "
        "— : the results did not change after the last keystroke.",
        "",
        "| plans | search | KiB to first results | ms after last key | KiB, next query | slow phone: ms from opening to results (query pasted) | slow phone: ms after last key (typed) | query set |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for plans in by_size:
        for run in (r for r in results if r.plans == plans):
            quality_cell = "—" if run.failures is None else f"{len(QUERIES) - len(run.failures)}/{len(QUERIES)}"
            lines.append(
                f"| {plans} | {ENGINES[run.engine]} | {kib(run.worst(run.column('bytes')))} | {ms(run.worst(run.column('ms')))} | "
                f"{kib(run.worst(run.column('warm_bytes')))} | {ms(run.worst(run.column('open_ms')))} | "
                f"{ms(run.worst(run.column('typed_ms')))} | {quality_cell} |"
            )
    lines += ["", f"Budget: everything the search loads to its first results ≤ {kib(BYTES_BUDGET)} KiB (gzip):", ""]
    for run in results:
        worst = run.worst(run.column("bytes"))
        verdict = "holds" if worst <= BYTES_BUDGET else "FAILS"
        lines.append(f"- {run.plans} plan{'s' if run.plans > 1 else ''}, {ENGINES[run.engine]}: {kib(worst)} KiB — {verdict}.")
    for run in results:
        lines += [
            "",
            f"## {run.plans} plan{'s' if run.plans > 1 else ''}, {ENGINES[run.engine]}",
            "",
            "| lang | first query | KiB to first results | ms after last key | slow phone: ms from opening | slow phone: ms after last key | then | KiB | ms |",
            "| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
        ]
        columns = {name: run.column(name) for name in ("bytes", "ms", "warm_bytes", "warm_ms", "open_ms", "typed_ms")}
        for i, first in enumerate(run.measures[0]):
            lines.append(
                f"| {first.lang} | {first.query} | {kib(columns['bytes'][i])} | {ms(columns['ms'][i])} | {ms(columns['open_ms'][i])} | "
                f"{ms(columns['typed_ms'][i])} | {first.warm_query} | {kib(columns['warm_bytes'][i])} | {ms(columns['warm_ms'][i])} |"
            )
        lines += ["", "What the first query downloads (first run):", "", "| file | KiB |", "| --- | ---: |"]
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
