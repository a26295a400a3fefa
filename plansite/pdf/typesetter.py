"""HTML to PDF with WeasyPrint: one typesetter per build, its fonts and stylesheet loaded once.

Each document is an HTML template under ``templates/`` (``autoescape``: every value from
the data is HTML-escaped, and only the plan's own emphasis becomes markup, through the
``emph`` filter), laid out by WeasyPrint with ``document.css``. The fonts are Noto Serif
from Debian's ``fonts-noto-core`` (every Vietnamese letter and tone mark), embedded and
subset. WeasyPrint fetches nothing but those font files: any other address a document or
the stylesheet names stops the build (``LocalFetcher``). Anything WeasyPrint warns about
(a CSS rule it ignores, a glyph it lacks) stops the build too, with its words. The PDF's
dates come from the build's date, never the clock, so two builds give the same bytes.

Laying a document out takes WeasyPrint a tenth of a second to a second, so a build keeps
what it made in a cache folder, by the digest of everything that decides the bytes (the
document's HTML, the stylesheet, the font files, the versions of WeasyPrint and Pango):
building again with nothing changed, as ``make test`` does after ``make build``, lays
nothing out. Used by ``documents``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import escape

from plansite.markdown import emphasis, plain

TEMPLATES = Path(__file__).parent / "templates"
STYLESHEET = TEMPLATES / "document.css"
# Where Debian and Ubuntu put fonts-noto-core's Noto Serif; document.css names these files.
FONT_DIR = Path("/usr/share/fonts/truetype/noto")
FONTS = ("NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf", "NotoSerif-BoldItalic.ttf")
# Tagged PDF: its structure (headings, paragraphs, tables) for screen readers and reflow.
PDF_OPTIONS = {"pdf_tags": True}
INSTALL_HINT = "make build installs them when run as root; else: sudo apt-get install fonts-noto-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"


class PdfError(Exception):
    """A PDF document could not be made; the message says which and why."""


def _fetcher_class() -> type:
    """``LocalFetcher``, made when WeasyPrint is first imported (it needs Pango)."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    allowed = {(FONT_DIR / name).as_uri() for name in FONTS}

    class LocalFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type information
        """Fetches the fonts, and refuses every other address: nothing leaves the build."""

        def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
            if url not in allowed:
                raise FatalURLFetchingError(f"a PDF document asks for {url!r}: the PDF documents may load only their fonts")
            return super().fetch(url, headers)

    return LocalFetcher


class _Warnings(logging.Handler):
    """Collects what WeasyPrint warns about while it lays a document out."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _strict(name: str) -> Iterator[None]:
    """Turns WeasyPrint's warnings while making ``name`` into a ``PdfError``."""
    logger = logging.getLogger("weasyprint")
    handler = _Warnings()
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
    if handler.messages:
        raise PdfError(f"{name}: WeasyPrint could not lay it out as written:\n" + "\n".join(handler.messages))


def w3c_date(moment: dt.datetime) -> str:
    """The build's date as the PDF metadata takes it (``dcterms.created``), in UTC."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Typesetter:
    """Turns the templates into PDF bytes; fonts, stylesheet and templates are loaded once.
    With a ``cache`` folder, a document made before with the same inputs is read from it."""

    def __init__(self, cache: Path | None = None) -> None:
        missing = [name for name in FONTS if not (FONT_DIR / name).is_file()]
        if missing:
            raise PdfError(f"the PDF documents need the Noto Serif fonts ({', '.join(missing)} are not in {FONT_DIR}): {INSTALL_HINT}")
        try:
            import weasyprint
            from weasyprint.text.fonts import FontConfiguration
        except OSError as err:
            raise PdfError(f"WeasyPrint cannot start ({err}): {INSTALL_HINT}") from None
        from weasyprint.text.ffi import pango

        self._weasyprint = weasyprint
        self._cache = cache
        self._cached: set[Path] = set()
        fonts = [(name, (FONT_DIR / name).stat().st_size, (FONT_DIR / name).stat().st_mtime_ns) for name in FONTS]
        inputs = (STYLESHEET.read_text(encoding="utf-8"), fonts, weasyprint.__version__, pango.pango_version(), PDF_OPTIONS)
        self._inputs = repr(inputs).encode()
        self._fetcher = _fetcher_class()()
        self._fonts = FontConfiguration()
        with _strict(STYLESHEET.name):
            self._css = weasyprint.CSS(
                string=STYLESHEET.read_text(encoding="utf-8"),
                base_url=FONT_DIR.as_uri() + "/",
                url_fetcher=self._fetcher,
                font_config=self._fonts,
            )
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            undefined=jinja2.StrictUndefined,
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["emph"] = partial(emphasis, escaper=escape)
        self.env.filters["plain"] = plain

    def html(self, template: str, context: dict[str, Any]) -> str:
        """The HTML of a document: ``template`` filled in, every value escaped."""
        return self.env.get_template(template).render(context)

    def pdf(self, name: str, html: str) -> bytes:
        """The PDF of ``html``; ``name`` says which document in an error."""
        from weasyprint.urls import FatalURLFetchingError

        cached = None
        if self._cache is not None:
            cached = self._cache / (hashlib.sha256(self._inputs + html.encode()).hexdigest() + ".pdf")
            self._cached.add(cached)
            if cached.is_file():
                return cached.read_bytes()
        with _strict(name):
            try:
                document = self._weasyprint.HTML(string=html, url_fetcher=self._fetcher).render(
                    stylesheets=[self._css], font_config=self._fonts
                )
            except FatalURLFetchingError as err:
                raise PdfError(f"{name}: {err}") from None
            content: bytes = document.write_pdf(**PDF_OPTIONS)
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_suffix(".partial")
            partial.write_bytes(content)
            partial.replace(cached)
        return content

    def prune(self) -> None:
        """Remove from the cache what this typesetter did not ask for (older documents)."""
        if self._cache is not None and self._cache.is_dir():
            for path in self._cache.iterdir():
                if path not in self._cached:
                    path.unlink()
