"""The one HTML reader of the tests: a page (or any fragment) as a tree of elements.

Built on ``html.parser``; every element keeps its place in the source, so a test can
read it as a tree (tags, attributes, text, language) or quote its HTML. What the tests
read most is here by name: the article, a section by its heading's id, links and every
URL a page refers to, ids, tables, the canonical address, the text in blocks.

Used by the link checker (``toolkit.links``) and by the tests of the built site. Knows
only HTML and the site's directory URLs (``x/`` is ``x/index.html``), never how the
pages were made.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements whose text a reader never sees on the page.
INVISIBLE = {"head", "script", "style", "template", "svg", "noscript"}
# Elements that start a new line of text (a block): their text never runs into the next.
BLOCKS = {
    *("address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt", "figcaption", "figure"),
    *("footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section"),
    *("summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"),
}
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Attributes that hold one URL; srcset holds several.
URL_ATTRIBUTES = ("href", "src", "action", "poster", "data")


@dataclass(frozen=True)
class Reference:
    """A URL written in an attribute of an element, as written."""

    attribute: str
    url: str
    element: Element


@dataclass(frozen=True)
class Link:
    """An ``<a>``: its href, its text (spaces collapsed) and the element itself."""

    href: str
    text: str
    element: Element

    @property
    def attrs(self) -> dict[str, str]:
        return self.element.attrs


@dataclass(frozen=True)
class TextNode:
    """A run of visible text, with the element it is in."""

    text: str
    parent: Element

    @property
    def lang(self) -> str | None:
        return self.parent.lang()


@dataclass(eq=False)
class Element:
    """An element (or ``#document``, the root) with its attributes, children and source span."""

    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element | str] = field(default_factory=list)
    start: int = 0  # where the element starts and ends in ``source``
    end: int = 0
    source: str = field(default="", repr=False)

    # -- the tree ----------------------------------------------------------------

    def iter(self, *tags: str) -> Iterator[Element]:
        """This element and every one inside it, in document order (only ``tags`` if given)."""
        if not tags or self.tag in tags:
            yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter(*tags)

    def find(self, *tags: str, **attrs: str) -> Element | None:
        """The first element of ``tags`` (any, if none) whose attributes have the values given."""
        return next((e for e in self.iter(*tags) if all(e.attrs.get(name) == value for name, value in attrs.items())), None)

    def with_class(self, name: str, *tags: str) -> Iterator[Element]:
        return (element for element in self.iter(*tags) if name in element.classes)

    def by_id(self, element_id: str) -> Element | None:
        return next((element for element in self.iter() if element.attrs.get("id") == element_id), None)

    def next_sibling(self) -> Element | None:
        """The element right after this one in its parent, if only white space comes between."""
        if self.parent is None:
            return None
        siblings = self.parent.children
        for child in siblings[siblings.index(self) + 1 :]:
            if isinstance(child, Element):
                return child
            if child.strip():
                return None
        return None

    def ancestors(self) -> Iterator[Element]:
        element = self.parent
        while element is not None:
            yield element
            element = element.parent

    def within(self, test: Callable[[Element], bool]) -> bool:
        """Whether this element or one of its ancestors passes ``test``."""
        return test(self) or any(test(element) for element in self.ancestors())

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def lang(self) -> str | None:
        """The language the element is in: its own lang or its nearest ancestor's."""
        return next((element.attrs["lang"] for element in (self, *self.ancestors()) if "lang" in element.attrs), None)

    # -- text --------------------------------------------------------------------

    def text(self) -> str:
        """All the character data inside, as it is (scripts and titles included)."""
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def text_nodes(self) -> Iterator[TextNode]:
        """Every run of text a reader can see (not blank, not in INVISIBLE elements)."""
        for child in self.children:
            if isinstance(child, str):
                if child.strip():
                    yield TextNode(child, self)
            elif child.tag not in INVISIBLE:
                yield from child.text_nodes()

    def lines(self) -> list[str]:
        """The visible text in blocks (BLOCKS start a new one), spaces collapsed, none empty."""
        parts: list[str] = []
        self._blocks(parts)
        return [line for line in (" ".join(part.split()) for part in "".join(parts).split("\n")) if line]

    def _blocks(self, parts: list[str]) -> None:
        for child in self.children:
            if isinstance(child, str):
                parts.append(child.replace("\n", " "))
            elif child.tag not in INVISIBLE:
                block = child.tag in BLOCKS
                parts.append("\n" if block else "")
                child._blocks(parts)
                parts.append("\n" if block else "")

    def words(self) -> str:
        """The visible text on one line: blocks separated by a space, spaces collapsed."""
        return " ".join(self.lines())

    # -- source ------------------------------------------------------------------

    @property
    def html(self) -> str:
        """The element's HTML as written in the source, its tags included."""
        return self.source[self.start : self.end]

    # -- what pages of the site hold ----------------------------------------------

    def article(self) -> Element:
        """The page's own content (``<article>``), without the theme's navigation."""
        found = self.find("article")
        if found is None:
            raise LookupError("no <article> here")
        return found

    def section(self, heading_id: str) -> Element | None:
        """From the heading with ``heading_id`` to the next heading of the same or a higher level,
        as a fragment of its own (None: no such heading)."""
        heading = next((h for h in self.iter(*HEADINGS) if h.attrs.get("id") == heading_id), None)
        if heading is None:
            return None
        higher = HEADINGS[: int(heading.tag[1])]
        after = (h for h in self.iter(*higher) if h.start >= heading.end)
        end = next((h.start for h in after), self.end)
        return parse(self.source[heading.start : end])

    def before(self, element: Element) -> Element:
        """What comes in this element before ``element`` (one inside it), as a fragment of its own."""
        if self not in element.ancestors():
            raise ValueError(f"<{element.tag}> is not inside <{self.tag}>")
        return parse(self.source[self.start : element.start])

    def links(self) -> list[Link]:
        return [Link(a.attrs.get("href", ""), " ".join(a.text().split()), a) for a in self.iter("a")]

    def references(self) -> list[Reference]:
        """Every URL an attribute names (URL_ATTRIBUTES, and each candidate of a srcset)."""
        found = []
        for element in self.iter():
            for name in URL_ATTRIBUTES:
                if name in element.attrs and (name != "data" or element.tag == "object"):
                    found.append(Reference(name, element.attrs[name].strip(), element))
            for candidate in element.attrs.get("srcset", "").split(","):
                if candidate.strip():
                    found.append(Reference("srcset", candidate.split()[0], element))
        return found

    def ids(self) -> set[str]:
        """Every id, and the name of every ``<a name>``: what a #fragment can point to."""
        named = {a.attrs["name"] for a in self.iter("a") if "name" in a.attrs}
        return {element.attrs["id"] for element in self.iter() if "id" in element.attrs} | named

    def table_rows(self) -> list[list[Element]]:
        """The cells (th and td) of every row of the first table here."""
        table = self.find("table")
        if table is None:
            raise LookupError("no <table> here")
        return [[cell for cell in row.iter("th", "td") if cell.parent is row] for row in table.iter("tr")]

    def canonical(self) -> str | None:
        link = next((e for e in self.iter("link") if "canonical" in e.attrs.get("rel", "").split()), None)
        return link.attrs.get("href") if link else None


class _TreeBuilder(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.root = Element("#document", {}, start=0, end=len(source), source=source)
        self.current = self.root
        self._line_starts = [0] + [match.end() for match in re.finditer("\n", source)]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> Element:
        start = self._offset()
        element = Element(tag, {name: value or "" for name, value in attrs}, self.current, start=start, source=self.source)
        element.end = start + len(self.get_starttag_text() or "")
        self.current.children.append(element)
        return element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = self._element(tag, attrs)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        end = self.source.find(">", start) + 1 or len(self.source)
        open_elements = [self.current, *self.current.ancestors()]
        if not any(element.tag == tag for element in open_elements):
            return  # a stray end tag
        for element in open_elements:
            # Elements left open inside the one closed here end where it ends.
            element.end = end if element.tag == tag else start
            if element.tag == tag:
                self.current = element.parent or self.root
                return

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)

    def close(self) -> None:
        super().close()
        for element in [self.current, *self.current.ancestors()]:
            if element is not self.root:
                element.end = len(self.source)


def parse(source: str) -> Element:
    """The tree of an HTML document or fragment; the root is ``#document``."""
    builder = _TreeBuilder(source)
    builder.feed(source)
    builder.close()
    return builder.root


def text(fragment: str) -> str:
    """The words of an HTML fragment: tags dropped (blocks leave a space), entities
    decoded, spaces collapsed."""
    return parse(fragment).words()


def read(file: Path) -> Element:
    """The tree of an HTML file, parsed once for as long as the file is unchanged."""
    stat = file.stat()
    return _read(file, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=1024)
def _read(file: Path, mtime_ns: int, size: int) -> Element:
    return parse(file.read_text(encoding="utf-8"))


# -- the site's addresses ----------------------------------------------------------


def page_file(site: Path, url: str) -> Path:
    """The file of a site-relative URL such as "agencies/phong-y-te/" or "data/x.csv"."""
    path = site / url
    return path / "index.html" if url.endswith("/") or url == "" else path


def read_page(site: Path, url: str) -> Element:
    """The page at a site-relative URL, which must exist."""
    file = page_file(site, url)
    assert file.is_file(), f"no page at {url}"
    return read(file)


def resolve(page_url: str, href: str) -> tuple[str, str]:
    """(site-relative URL, anchor) that a relative ``href`` on the page at ``page_url`` points to."""
    target, _, anchor = href.partition("#")
    if not target:
        return page_url, anchor
    folder = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    joined = posixpath.normpath(posixpath.join(folder, target))
    assert not joined.startswith(".."), f"{href} leaves the site from {page_url}"
    joined = "" if joined == "." else joined
    return joined + ("/" if target.endswith("/") and joined else ""), anchor
