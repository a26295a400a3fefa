"""Search benchmark (issue 5): what a reader downloads and waits for to see results.

``make bench`` runs it after ``make build``. It serves site/ on 127.0.0.1 the way a
static host does (gzip for text; Pagefind's index files are compressed already) and
drives Debian's Chromium. For each query, in a fresh browser context (empty cache),
it opens the home page of the query's language, opens the search, types the query at
a brisk phone typist's pace, and records

- bytes: every response body of the search's files (code, index, excerpts) the
  server sent from the page's load until the results of the whole query are in the
  page (the page's own HTML, CSS and JavaScript excluded);
- ms: from the last keystroke to the next frame after those results are in the page;

then the same for a second query typed into the same dialog (warm). It also records
what each kind of page weighs on first load, without opening the search, and how many
queries of tests/search_queries.yml find their expected pages in the top three.

``--engine material`` measures Material's own search plugin instead, on a variant
build in a temporary folder, for the comparison in bench/SEARCH.md. Timings are
medians over ``--runs`` runs; budgets: 150 KiB and 300 ms to first results.
Results: a table on stdout and bench/results-search[-material].md.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

# The browser, the query set and its expectations, as the tests have them.
import test_search as queryset  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

from plansite.load import load_site  # noqa: E402
from plansite.search import fold  # noqa: E402

BYTES_BUDGET = 150 * 1024
MS_BUDGET = 300
PAGE_BUDGET = 100 * 1024
KEY_DELAY_MS = 150
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv"}
# (language, first query, second query): with and without diacritics, English, ids.
QUERIES = [
    ("vi", "nước sạch", "bảo hiểm y tế"),
    ("vi", "nuoc sach", "bao hiem y te"),
    ("vi", "người có công", "thất nghiệp"),
    ("vi", "đa dạng sinh kế", "81/KH-UBND"),
    ("en", "clean water", "health insurance"),
    ("en", "42-NQ/TW", "2.2"),
]
PAGES = ["", "en/", "plans/81-kh-ubnd-2024/targets/", "plans/81-kh-ubnd-2024/area-6/", "plans/81-kh-ubnd-2024/full-text/", "glossary/"]


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


# -- the two engines, as a reader drives them ---------------------------------------------

# Records the last keystroke (as the input event it makes: characters typed through
# an input method fire no keydown) and the frame after each change of the results.
WATCH = """
window.__bench = { lastKey: 0, changed: 0, query: null };
document.addEventListener("input", () => { window.__bench.lastKey = performance.now(); }, true);
"""


@dataclass
class Engine:
    name: str
    open_selector: str  # what the reader clicks to search
    input_selector: str
    results_selector: str  # the element whose changes show results
    files: tuple[str, ...]  # what in a path marks a file the search loads

    def is_search_file(self, path: str) -> bool:
        return any(part in path for part in self.files)

    def watch(self, page: Page) -> None:
        page.evaluate(
            """selector => {
                const target = document.querySelector(selector);
                new MutationObserver(() => requestAnimationFrame(() => {
                    window.__bench.changed = performance.now();
                    window.__bench.query = target.dataset.query ?? null;
                })).observe(target, { attributes: true, childList: true, subtree: true, characterData: true });
            }""",
            self.results_selector,
        )

    def wait_for_results(self, page: Page, query: str) -> None:
        if self.name == "pagefind":
            page.wait_for_function("q => window.__bench.query === q && window.__bench.changed > window.__bench.lastKey", arg=query)
            return
        # Material's results carry no query: wait until they stop changing. They may not
        # change at all after the last keystroke (the same results, or none, as before).
        page.wait_for_timeout(1500)
        settled = 0.0
        while settled != page.evaluate("window.__bench.changed"):
            settled = page.evaluate("window.__bench.changed")
            page.wait_for_timeout(400)

    def top(self, page: Page, base: str) -> list[queryset.Result]:
        selector = ".ps-result" if self.name == "pagefind" else ".md-search-result__item"
        script = "items => items.map(i => [...i.querySelectorAll('a')].map(a => a.href))"
        hrefs: list[list[str]] = page.eval_on_selector_all(selector, script)
        results = []
        for links in hrefs:
            pages = {link.split("#")[0].removeprefix(base) for link in links}
            anchors = tuple(link.split("#")[1] if "#" in link else "" for link in links)
            results.append(queryset.Result(sorted(pages)[0], anchors))
        return results


PAGEFIND = Engine("pagefind", "[data-ps-open]", "[data-ps-input]", "[data-ps-results]", ("/pagefind/", "/assets/search/"))
# Material fetches its whole index, and lunr, as each page loads.
MATERIAL = Engine(
    "material", "label[for=__search]", ".md-search__input", ".md-search-result", ("search_index.json", "/workers/search", "/lunr/")
)


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


def latency(page: Page) -> float:
    """Milliseconds from the last keystroke to the results; NaN if they did not change after it."""
    changed, last_key = page.evaluate("[window.__bench.changed, window.__bench.lastKey]")
    return float(changed - last_key) if changed > last_key else math.nan


def median(values: Iterable[float]) -> float:
    known = [value for value in values if not math.isnan(value)]
    return statistics.median(known) if known else math.nan


def ms(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:.0f}"


def measure(browser: Browser, engine: Engine, base: str, ledger: Ledger, lang: str, query: str, warm_query: str) -> Measure:
    context = browser.new_context(viewport={"width": 400, "height": 800})
    context.add_init_script(WATCH)
    page = context.new_page()
    start = time.monotonic()
    page.goto(base + ("en/" if lang == "en" else ""), wait_until="networkidle")
    engine.watch(page)
    page.click(engine.open_selector)
    page.type(engine.input_selector, query, delay=KEY_DELAY_MS)
    engine.wait_for_results(page, query)
    done = time.monotonic()
    cold = latency(page)
    files = [(path, size) for path, size in ledger.since(start, done) if engine.is_search_file(path)]
    page.fill(engine.input_selector, "")
    page.wait_for_timeout(300)
    warm_start = time.monotonic()
    page.type(engine.input_selector, warm_query, delay=KEY_DELAY_MS)
    engine.wait_for_results(page, warm_query)
    warm = latency(page)
    warm_files = [(path, size) for path, size in ledger.since(warm_start, time.monotonic()) if engine.is_search_file(path)]
    context.close()
    return Measure(lang, query, sum(s for _, s in files), cold, warm_query, sum(s for _, s in warm_files), warm, files)


def page_weights(browser: Browser, base: str, ledger: Ledger) -> list[tuple[str, int]]:
    weights = []
    for path in PAGES:
        context = browser.new_context()
        page = context.new_page()
        start = time.monotonic()
        page.goto(base + path, wait_until="networkidle")
        weights.append((path or "/", sum(size for _, size in ledger.since(start, time.monotonic()))))
        context.close()
    return weights


def quality(browser: Browser, engine: Engine, base: str) -> tuple[int, int, list[str]]:
    """How many queries of the set have every expected page in their top three (anchors not checked)."""
    site = load_site(ROOT / "data")
    passed, failures = 0, []
    pages: dict[str, Page] = {}
    for entry in queryset.QUERIES:
        lang = entry["lang"]
        if lang not in pages:
            context = browser.new_context(viewport={"width": 400, "height": 800})
            context.add_init_script(WATCH)
            pages[lang] = context.new_page()
            pages[lang].goto(base + ("en/" if lang == "en" else ""), wait_until="networkidle")
            engine.watch(pages[lang])
            pages[lang].click(engine.open_selector)
        page = pages[lang]
        page.fill(engine.input_selector, "")
        page.type(engine.input_selector, entry["query"], delay=20)
        engine.wait_for_results(page, entry["query"])
        top = engine.top(page, base)
        other = [r.page for r in top if r.page.startswith("en/") != (lang == "en")]
        missing = [e.label for e in queryset.expectations(site, entry) if not any(r.page in e.pages for r in top[: queryset.TOP])]
        if missing or other:
            failures.append(f"{lang}: {entry['query']!r}: missing {missing}, other language {other}")
        else:
            passed += 1
    for page in pages.values():
        page.context.close()
    return passed, len(queryset.QUERIES), failures


# -- Material's search, on a variant build --------------------------------------------------


def build_material_variant(work: Path) -> Path:
    """The site built with Material's search plugin and Material's own header and search partials."""
    overrides = work / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    for partial in ("header.html", "search.html"):
        (overrides / "partials" / partial).unlink()
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("INHERIT: build/nav.yml", f"INHERIT: {ROOT / 'build' / 'nav.yml'}\ndocs_dir: {ROOT / 'docs'}")
    config = config.replace("custom_dir: overrides", f"custom_dir: {overrides}")
    config = config.replace("plugins:\n", "plugins:\n  - search\n", 1)
    config = config.replace("module_name: macros", f"module_name: {ROOT / 'macros'}")
    config = re.sub(r"(?m)^watch:\n(?:  - .*\n)+", "", config)  # for `mkdocs serve` only
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = work / "site"
    env = {**os.environ, "PLANSITE_DATA": str(ROOT / "data"), "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(work / "mkdocs.yml"), "-d", str(site)], check=True, env=env, cwd=ROOT
    )
    return site


def material_projection(site: Path) -> list[str]:
    """What option (a) would download: Material's index split by language, with a folded copy of each text."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    scripts = site / "assets" / "javascripts"
    code = [*scripts.glob("workers/search.*.min.js"), scripts / "lunr" / "min" / "lunr.stemmer.support.min.js"]
    code += [scripts / "lunr" / "min" / f"lunr.{name}.min.js" for name in ("multi", "vi")]
    code_size = sum(len(gzip.compress(path.read_bytes(), 6)) for path in code)

    def gz(docs: list[dict[str, Any]]) -> int:
        return len(gzip.compress(json.dumps({"config": index["config"], "docs": docs}, ensure_ascii=False).encode(), 6))

    lines = [
        "",
        "Option (a), projected from this build's index: Material's search with the index split by language",
        "and a folded copy of each title and text added (what the browser would download before the first results):",
        "",
        "| index | KiB |",
        "| --- | ---: |",
        f"| search_index.json as built (both languages) | {kib(gz(index['docs']))} |",
    ]
    for lang in ("vi", "en"):
        docs = [doc for doc in index["docs"] if doc["location"].startswith("en/") == (lang == "en")]
        folded = [{**doc, "folded": fold(doc["title"] + " " + doc["text"])} for doc in docs]
        lines.append(f"| {lang} only, with a folded field | {kib(gz(folded))} |")
    lines.append(f"| search worker + lunr.stemmer.support + lunr.multi + lunr.vi | {kib(code_size)} |")
    return lines


# -- report -------------------------------------------------------------------------------


def kib(size: float) -> str:
    return f"{size / 1024:.1f}"


def report(
    engine: Engine, runs: list[list[Measure]], weights: list[tuple[str, int]], score: tuple[int, int, list[str]] | None, extra: list[str]
) -> str:
    lines = [
        f"# Search benchmark: {engine.name}",
        "",
        f"Written by `bench/search.py{' --engine material' if engine is MATERIAL else ''}` "
        f"(`make bench`). Chromium {CHROMIUM}, {os.cpu_count()} cores, site served from 127.0.0.1 with gzip; "
        f"typing {KEY_DELAY_MS} ms a key; medians of {len(runs)} runs, empty cache for the first query; "
        "— : the results did not change after the last keystroke.",
        "",
        "| lang | first query | KiB to first results | ms after last key | then | KiB | ms |",
        "| --- | --- | ---: | ---: | --- | ---: | ---: |",
    ]
    worst_bytes, worst_ms = 0.0, 0.0
    for i, first in enumerate(runs[0]):
        same = [run[i] for run in runs]
        size = median(m.bytes for m in same)
        cold_ms = median(m.ms for m in same)
        warm_size = median(m.warm_bytes for m in same)
        warm_ms = median(m.warm_ms for m in same)
        worst_bytes = max(worst_bytes, size, warm_size)
        worst_ms = max([worst_ms, *(value for value in (cold_ms, warm_ms) if not math.isnan(value))])
        lines.append(
            f"| {first.lang} | {first.query} | {kib(size)} | {ms(cold_ms)} | {first.warm_query} | {kib(warm_size)} | {ms(warm_ms)} |"
        )
    lines += [
        "",
        f"- Budget, bytes to first results ≤ {kib(BYTES_BUDGET)} KiB: worst {kib(worst_bytes)} KiB — "
        f"{'holds' if worst_bytes <= BYTES_BUDGET else 'BROKEN'}.",
        f"- Budget, results < {MS_BUDGET} ms after the last keystroke: worst median {worst_ms:.0f} ms — "
        f"{'holds' if worst_ms < MS_BUDGET else 'BROKEN'}.",
        *(
            [
                f"- Query set (tests/search_queries.yml): {score[0]}/{score[1]} find every expected page in the top "
                f"{queryset.TOP}, with no result in the other language (anchors not checked here; tests/test_search.py checks them).",
            ]
            if score
            else []
        ),
        "",
        "What the first query downloads (first run):",
        "",
        "| file | KiB |",
        "| --- | ---: |",
        *(f"| {path} | {kib(size)} |" for path, size in runs[0][0].files),
        "",
        f"First load of a page, search not opened (budget {kib(PAGE_BUDGET)} KiB, everything it loads):",
        "",
        "| page | KiB |",
        "| --- | ---: |",
        *(f"| {path} | {kib(size)} |" for path, size in weights),
    ]
    lines += extra
    if score and score[2]:
        lines += ["", "Queries that miss:", "", *(f"- {failure}" for failure in score[2])]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=["pagefind", "material"], default="pagefind")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-quality", action="store_true", help="do not run the query set")
    args = parser.parse_args()
    engine = PAGEFIND if args.engine == "pagefind" else MATERIAL
    with tempfile.TemporaryDirectory() as work:
        site = ROOT / "site" if engine is PAGEFIND else build_material_variant(Path(work))
        if not (site / "index.html").is_file():
            print("site/ is not built: run `make bench`", file=sys.stderr)
            return 1
        with host(site) as (base, ledger), sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            runs = [[measure(browser, engine, base, ledger, *query) for query in QUERIES] for _ in range(args.runs)]
            weights = page_weights(browser, base, ledger)
            score = None if args.skip_quality else quality(browser, engine, base)
            extra = material_projection(site) if engine is MATERIAL else []
            browser.close()
    text = report(engine, runs, weights, score, extra)
    suffix = "" if engine is PAGEFIND else "-material"
    (ROOT / "bench" / f"results-search{suffix}.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
