"""Page weight: what a first visit to any page loads, compressed as GitHub Pages
serves it, stays within 80 KiB (issue 20, item 7: every page family and the editor's
guide; Lighthouse counts the same files with their HTTP headers, about 1.5 KiB more). Computed from the built files (toolkit.links: the
HTML and what it references, text gzip-compressed at level 6 as toolkit.server sends
it), and checked against what the browser really asked for in the sweep of every
page. How the weight is counted is tested in tests/test_toolkit.py.
"""

from __future__ import annotations

import statistics

from quality import WIDTHS, Visit
from toolkit.links import Site, first_visit_files, first_visit_weight

BUDGET = 80 * 1024


def test_every_page_loads_at_most_80_kib_on_a_first_visit(quality_site: Site) -> None:
    weights = {file.relative_to(quality_site.root).as_posix(): first_visit_weight(quality_site, file) for file in quality_site.pages()}
    over = {page: weight for page, weight in weights.items() if weight > BUDGET}
    summary = f"max {max(weights.values()) / 1024:.1f} KiB, median {statistics.median(weights.values()) / 1024:.1f} KiB"
    lines = [f"{page}: {weight / 1024:.1f} KiB" for page, weight in over.items()]
    assert not over, f"over {BUDGET // 1024} KiB ({summary}):\n" + "\n".join(lines)


def test_the_browser_loads_only_what_the_weight_counts(browser_sweep: dict[int, list[Visit]], quality_site: Site) -> None:
    problems = []
    for width in WIDTHS:
        for visit in browser_sweep[width]:
            counted = set(first_visit_files(quality_site, visit.page))
            for url in visit.requests:
                if url == visit.url:
                    continue
                file = quality_site.file(quality_site.site_url + url.removeprefix(visit.root)) if url.startswith(visit.root) else None
                if file not in counted:
                    problems.append(f"{width}px {visit.url}: {url} is loaded but not counted")
    assert not problems, "\n".join(problems)
