"""Lighthouse benchmark (issue 14): every page family in both languages, mobile, as published.

Serves site/ the way GitHub Pages does (gzip, the 404 page) with the tests' server,
and runs Lighthouse 12 (pinned in bench/lighthouse/package-lock.json, installed by
`make bench`) with its default mobile settings: a slow 4G network (150 ms, 1.6 Mbit/s)
and a 4x slower CPU, simulated. One page of each family, in Vietnamese and in English,
each run ``--runs`` times (the median is reported).

Budgets, from the issue: first contentful paint ≤ 1.3 s and performance 100 on every
page family; accessibility, best practices and SEO 100. A budget that fails is shown
as failing and the command exits with status 1. Results: bench/results-lighthouse.md.

The site is served at the root of the address: under a sub-path (a GitHub project
site) the server has no /robots.txt of ours to give, and Lighthouse's SEO audit then
reads the 404 page as robots.txt; a custom domain serves it at the root as here.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from toolkit.server import serve  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FCP_BUDGET_MS = 1300
RESULTS = ROOT / "bench" / "results-lighthouse.md"
# One page of each family (path under the language's root).
PAGES = {
    "home": "",
    "groups": "plans/81-kh-ubnd-2024/groups/",
    "group": "plans/81-kh-ubnd-2024/groups/ho-ngheo/",
    "targets": "plans/81-kh-ubnd-2024/targets/",
    "area": "plans/81-kh-ubnd-2024/area-5/",
    "matrix": "plans/81-kh-ubnd-2024/matrix/",
    "implementation": "plans/81-kh-ubnd-2024/implementation/",
    "documents": "plans/81-kh-ubnd-2024/documents/",
    "full text": "plans/81-kh-ubnd-2024/full-text/",
    "agencies": "agencies/",
    "agency": "agencies/phong-ldtbxh/",
    "downloads": "downloads/",
    "data dictionary": "data-dictionary/",
    "glossary": "glossary/",
    # The editor's guide: hand-written, the longest page (issue 20, item 7).
    "guide": "guide/",
    "guide 2": "guide-2/",
    "guide 3": "guide-3/",
}


@dataclass
class Result:
    family: str
    lang: str
    scores: dict[str, int]
    fcp_ms: float
    lcp_ms: float
    blocking: int  # render-blocking resources Lighthouse names

    def holds(self) -> bool:
        return self.fcp_ms <= FCP_BUDGET_MS and all(score == 100 for score in self.scores.values())


def run_once(url: str, out: Path) -> dict[str, Any]:
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={FLAGS}",
        "--quiet",
    ]
    subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, timeout=300)
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def measure(url: str, family: str, lang: str, runs: int, scratch: Path) -> Result:
    reports = [run_once(url, scratch / f"{family}-{lang}-{i}.json") for i in range(runs)]

    def median_score(category: str) -> int:
        scores: list[float] = [r["categories"][category]["score"] * 100 for r in reports]
        return round(statistics.median(scores))

    def median_audit(audit: str) -> float:
        return float(statistics.median(r["audits"][audit]["numericValue"] for r in reports))

    blocking = max(len(r["audits"]["render-blocking-resources"].get("details", {}).get("items", [])) for r in reports)
    return Result(
        family,
        lang,
        {c: median_score(c) for c in CATEGORIES},
        median_audit("first-contentful-paint"),
        median_audit("largest-contentful-paint"),
        blocking,
    )


def report(results: list[Result], runs: int) -> tuple[str, bool]:
    version = json.loads((LIGHTHOUSE.parent.parent / "lighthouse" / "package.json").read_text(encoding="utf-8"))["version"]
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    lines = [
        "# Lighthouse benchmark",
        "",
        f"Written by `bench/lighthouse.py` (`make bench`). Lighthouse {version}, {chromium}, mobile (simulated slow 4G and "
        f"4x CPU slowdown), {platform.machine()} with {os.cpu_count()} cores; site served from 127.0.0.1 with gzip; "
        f"medians of {runs} run(s).",
        "",
        "| page | lang | performance | accessibility | best practices | SEO | FCP (ms) | LCP (ms) | render-blocking | budgets |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        s = r.scores
        lines.append(
            f"| {r.family} | {r.lang} | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} "
            f"| {r.fcp_ms:.0f} | {r.lcp_ms:.0f} | {r.blocking} | {'hold' if r.holds() else 'FAIL'} |"
        )
    holds = all(r.holds() for r in results)
    worst = max(r.fcp_ms for r in results)
    lines += [
        "",
        f"- Budget, first contentful paint ≤ {FCP_BUDGET_MS} ms on every page: worst {worst:.0f} ms — "
        f"{'holds' if worst <= FCP_BUDGET_MS else 'FAILS'}.",
        f"- Budget, performance, accessibility, best practices and SEO 100 on every page: "
        f"{'holds' if all(all(v == 100 for v in r.scores.values()) for r in results) else 'FAILS'}.",
    ]
    return "\n".join(lines) + "\n", holds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="+", choices=sorted(PAGES), help="these families only (results printed, not written)")
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        raise SystemExit("Lighthouse is not installed: `make bench` installs it (npm ci in bench/lighthouse)")
    results = []
    with serve(args.site, "/") as base, tempfile.TemporaryDirectory(prefix="lighthouse-") as scratch:
        for family, path in PAGES.items():
            if args.only and family not in args.only:
                continue
            for lang, prefix in (("vi", ""), ("en", "en/")):
                result = measure(base + prefix + path, family, lang, args.runs, Path(scratch))
                print(f"{family} ({lang}): {result.scores} FCP {result.fcp_ms:.0f} ms", flush=True)
                results.append(result)
    text, holds = report(results, args.runs)
    if not args.only:
        RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 0 if holds else 1


if __name__ == "__main__":
    sys.exit(main())
