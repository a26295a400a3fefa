"""Page weight: what a first visit to any page loads, compressed as GitHub Pages
serves it, stays within 100 KiB. Computed from the built files (plansite.sitecheck:
the HTML and what it references, text gzip-compressed at level 6), and checked
against what the browser really asked for in the sweep of every page.
"""

from __future__ import annotations

import gzip
import statistics
from pathlib import Path

from quality import WIDTHS, Visit

from plansite.sitecheck import Site, first_visit_files, first_visit_weight

BUDGET = 100 * 1024


def test_every_page_loads_at_most_100_kib_on_a_first_visit(quality_site: Site) -> None:
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


def test_the_weight_is_the_compressed_page_and_what_it_loads(tmp_path: Path) -> None:
    text = "Kế hoạch 81/KH-UBND " * 200
    files = {
        "index.html": f'<link rel="stylesheet" href="s.css"><link rel="canonical" href="https://x.org/"><script src="a.js"></script>'
        f'<img src="i.png" alt="i"><a href="b/">not loaded</a><p>{text}</p>',
        "s.css": "@font-face { src: url('f.woff2') } body { background: url(data:image/png;base64,AAAA) }",
        "a.js": "console.log(1);" * 100,
        "i.png": "\x89PNG not compressed again",
        "f.woff2": "a font",
        "b/index.html": "another page",
    }
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(content, "utf-8")
    site = Site(tmp_path, "https://x.org/")

    def compressed(name: str) -> int:
        return len(gzip.compress((tmp_path / name).read_bytes(), compresslevel=6, mtime=0))

    expected = compressed("index.html") + compressed("s.css") + compressed("a.js") + (tmp_path / "i.png").stat().st_size + len(b"a font")
    assert [file.name for file in first_visit_files(site, tmp_path / "index.html")] == ["index.html", "s.css", "a.js", "i.png", "f.woff2"]
    assert first_visit_weight(site, tmp_path / "index.html") == expected
