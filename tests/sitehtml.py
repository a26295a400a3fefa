"""Reading built pages without plansite: sections by heading id, links, text, tables.

Used by the agency, matrix and downloads tests. Knows only HTML and the site's
directory URLs (``x/`` is ``x/index.html``), never how the pages were made.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from conftest import DATA, PLAN_ID


def page_file(site: Path, url: str) -> Path:
    """The file of a site-relative URL such as "agencies/phong-y-te/" or "data/x.csv"."""
    path = site / url
    return path / "index.html" if url.endswith("/") or url == "" else path


def read(site: Path, url: str) -> str:
    file = page_file(site, url)
    assert file.is_file(), f"no page at {url}"
    return file.read_text(encoding="utf-8")


def article(page: str) -> str:
    """The page's own content, without the theme's navigation."""
    start = page.index("<article")
    return page[start : page.index("</article>", start)]


def section(page: str, heading_id: str) -> str | None:
    """From the heading with ``heading_id`` to the next heading of the same or a higher level."""
    match = re.search(rf'<h([1-6])[^>]*\bid="{re.escape(heading_id)}"', page)
    if match is None:
        return None
    level = int(match.group(1))
    end = re.compile(rf"<h[1-{level}][\s>]").search(page, match.end())
    return page[match.start() : end.start() if end else len(page)]


def text(fragment: str) -> str:
    """The words of an HTML fragment: tags dropped (block tags leave a space), entities
    decoded, spaces collapsed."""
    spaced = re.sub(r"</?(?:p|li|ul|ol|h[1-6]|t[hdr]|table|caption|div|br)\b[^>]*>", " ", fragment)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", spaced))).strip()


@dataclass
class Link:
    href: str
    text: str
    attrs: dict[str, str] = field(default_factory=dict)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self._open: list[Link] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            values = {k: v or "" for k, v in attrs}
            link = Link(values.get("href", ""), "", values)
            self.links.append(link)
            self._open.append(link)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            link = self._open.pop()
            link.text = re.sub(r"\s+", " ", link.text).strip()

    def handle_data(self, data: str) -> None:
        for link in self._open:
            link.text += data


def links(fragment: str) -> list[Link]:
    parser = _Links()
    parser.feed(fragment)
    return parser.links


def resolve(page_url: str, href: str) -> tuple[str, str]:
    """(site-relative URL, anchor) that ``href`` on the page at ``page_url`` points to."""
    target, _, anchor = href.partition("#")
    if not target:
        return page_url, anchor
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_url.rstrip("/") + "/x"), target))
    assert not joined.startswith(".."), f"{href} leaves the site from {page_url}"
    joined = "" if joined == "." else joined
    return joined + ("/" if target.endswith("/") and joined else ""), anchor


def ids(page: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', page))


def table_rows(fragment: str) -> list[list[str]]:
    """The cells of every row of the first table in ``fragment``, as HTML fragments."""
    table = fragment[fragment.index("<table") : fragment.index("</table>")]
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)]


# -- the data, read as plain YAML ----------------------------------------------


def raw(name: str) -> dict[str, Any]:
    path = DATA / name if (DATA / name).is_file() else DATA / "plans" / PLAN_ID / name
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def raw_tasks() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(block, task) for every sub-task of the plan, in order, straight from tasks.yml."""
    return [(block, task) for area in raw("tasks.yml")["areas"] for block in area["blocks"] for task in block["tasks"]]
