"""Page weight: what a first visit to any page loads, compressed as GitHub Pages
serves it, stays within 80 KiB (issue 20, item 7: every page family and the editor's
guide; Lighthouse counts the same files with their HTTP headers, about 1.5 KiB more). Computed from the built files (toolkit.links: the
HTML and what it references, text gzip-compressed at level 6 as toolkit.server sends
it), and checked against what the browser really asked for in the sweep of every
page. How the weight is counted is tested in tests/test_toolkit.py.
"""

from __future__ import annotations

import statistics

from playwright.sync_api import Page
from quality import WIDTHS, Visit
from toolkit.links import Site, first_visit_files, first_visit_weight

from plansite.build import squeeze

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


# Every case the squeezing must leave as the reader sees it: blocks and inline elements on
# lines of their own, a space between two links written on two lines, and what keeps its
# whitespace (a code block, a text field, inline code, which prints with its spaces, a
# script, an attribute's value).
AS_WRITTEN = """<!doctype html>
<html lang="en">
  <head>
    <style>
      p   { margin: 0 }
    </style>
  </head>
  <body>
    <main>

      <p>
        <a href="#a">one</a>
        <a href="#b">two</a>
      </p>
      <ul>
        <li>  first </li>

        <li><em>second</em>
          <strong>third</strong></li>
      </ul>
      <pre>  keep
    <b>this</b>
        <i>indent</i></pre>
      <textarea>  as <b>
   typed</b></textarea>
      <p>print <code><b>a</b>
      <i>b</i></code> <kbd><b>Ctrl</b>
        <b>C</b></kbd></p>
      <p title="a
        b" data-x="&gt;
   &lt;">title</p>
      <script>window.kept = `<b>x</b>
        <i>y</i>`;</script>
    </main>
  </body>
</html>
"""


def test_squeezing_a_page_changes_nothing_a_reader_sees(page: Page) -> None:
    """The pages are written without the templates' indentation (plansite.build.squeeze):
    in a real browser, the squeezed page shows the same text in the same places."""
    seen = """() => ({
        text: document.body.innerText,
        boxes: [...document.querySelectorAll("body *")].map((e) => e.tagName + " " + JSON.stringify(e.getBoundingClientRect())),
        pre: document.querySelector("pre").textContent,
        field: document.querySelector("textarea").value,
        code: [...document.querySelectorAll("code, kbd")].map((e) => e.textContent),
        attributes: [...document.querySelectorAll("[title]")].map((e) => [e.title, e.dataset.x]),
        script: window.kept,
    })"""
    squeezed = squeeze(AS_WRITTEN)
    assert "</li>\n<li>" in squeezed and "<main>\n<p>" in squeezed
    page.set_content(AS_WRITTEN)
    before = page.evaluate(seen)
    page.set_content(squeezed)
    assert page.evaluate(seen) == before
    assert "one two" in before["text"]


def test_every_page_is_written_squeezed(quality_site: Site) -> None:
    loose = [
        page.relative_to(quality_site.root).as_posix()
        for page in quality_site.pages()
        if squeeze(text := page.read_text(encoding="utf-8")) != text
    ]
    assert not loose, f"pages with the templates' indentation: {loose[:5]}"
