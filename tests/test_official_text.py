"""The official text appears on the Vietnamese site word for word, in order."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from conftest import PLAN_ID
from sourcetext import units

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "div", "br", "tr", "ul", "ol", "table"}


class _Text(HTMLParser):
    """The visible text of an HTML page's main content, blocks separated by newlines."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.depth = 0  # inside <article>
        self.hidden = 0  # inside <script> or <style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        if tag in ("script", "style"):
            self.hidden += 1
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        if tag in ("script", "style"):
            self.hidden -= 1
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.hidden:
            self.parts.append(data)


def page_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return re.sub(r"[ \t\r\f\v]+", " ", "".join(parser.parts))


def test_every_paragraph_of_the_official_text_is_on_the_full_text_page(built_site: Path, official_text: str) -> None:
    text = page_text(built_site / "plans" / PLAN_ID / "full-text" / "index.html")
    flat = re.sub(r"\s+", " ", text)
    position = 0
    missing = []
    for unit in units(official_text):
        found = flat.find(unit, position)
        if found < 0:
            missing.append(unit if flat.find(unit) < 0 else f"(out of order) {unit}")
        else:
            position = found + len(unit)
    assert not missing, "not on the page word for word:\n" + "\n".join(missing)


def test_every_paragraph_is_its_own_block(built_site: Path, official_text: str) -> None:
    """Each paragraph of the original stands alone on its line, as in the original."""
    lines = {
        re.sub(r"\s+", " ", line).strip() for line in page_text(built_site / "plans" / PLAN_ID / "full-text" / "index.html").split("\n")
    }
    loose = [unit for unit in units(official_text) if unit not in lines]
    assert not loose, "merged into another block:\n" + "\n".join(loose)
