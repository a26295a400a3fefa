"""The one internal link checker of the tests, and what a first visit to a page loads.

A built site is its output folder and the address it is published at (``site_url``,
``https://host/prefix/``). Over its HTML (``toolkit.html``) and CSS it finds:

- ``broken_links``: an internal URL (an ``href``, ``src``, ``srcset``, ``poster``,
  ``action``… that resolves under ``site_url``) that names no file, or whose
  ``#fragment`` names no id of the page; with ``served``, the site is also read
  through a server (``toolkit.server``) at that address, and every URL under it must
  answer 200, and none may leave it for another path of the same host;
- ``root_absolute``: a URL that starts with ``/`` and so ignores the path the site is
  published under (the 404 page alone may: it is served at every address);
- ``unreachable``: a page that no chain of links leads to from the home page.

``first_visit_files`` and ``first_visit_weight`` follow what a page loads (its HTML's
resources, and what its stylesheets use), as GitHub Pages sends it (``toolkit.server``).
"""

from __future__ import annotations

import posixpath
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.html import Element, Reference, parse, read
from toolkit.server import compress, is_compressed

# <link rel> values whose target the browser fetches when the page loads.
FETCHED_LINK_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "prefetch", "manifest"}
_LOADED_SRC_TAGS = {"script", "img", "iframe", "source", "audio", "video", "embed", "track", "input"}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
# Schemes that name no file of the site.
_NOT_FILES = ("mailto:", "tel:", "data:", "javascript:")


@dataclass
class Site:
    """A built site: its output folder and the address it is published at."""

    root: Path
    site_url: str

    def __post_init__(self) -> None:
        if not self.site_url.endswith("/"):
            raise ValueError(f"site_url must end with '/': {self.site_url!r}")

    def pages(self) -> list[Path]:
        """Every HTML file of the build, sorted."""
        return sorted(self.root.rglob("*.html"))

    def where(self, file: Path) -> str:
        return file.relative_to(self.root).as_posix()

    def url(self, file: Path) -> str:
        """The published address of ``file``: a folder's ``index.html`` is the folder."""
        relative = self.where(file)
        if relative == "index.html" or relative.endswith("/index.html"):
            relative = relative[: -len("index.html")]
        return self.site_url + relative

    def file(self, url: str) -> Path | None:
        """The file an internal address serves, or None when it is external or missing."""
        path = urllib.parse.urldefrag(url).url.split("?", 1)[0]
        if not path.startswith(self.site_url):
            return None
        relative = urllib.parse.unquote(path[len(self.site_url) :])
        if posixpath.normpath("/" + relative).startswith("/.."):
            return None
        target = self.root / relative
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def is_internal(self, url: str) -> bool:
        return url.startswith(self.site_url)

    def page(self, file: Path) -> Element:
        """The parsed HTML of ``file``."""
        return read(file)

    def resolve(self, file: Path, reference: str) -> str:
        """``reference`` in ``file`` as an absolute address."""
        return urllib.parse.urljoin(self.url(file), reference.strip())

    def is_404_page(self, file: Path) -> bool:
        return file == self.root / "404.html"


# -- internal links ----------------------------------------------------------------


@dataclass
class _Fetched:
    status: int
    page: Element | None  # the parsed body, for HTML


@dataclass
class _Server:
    """The site read through a server at ``base``, each address once."""

    base: str
    answers: dict[str, _Fetched] = field(default_factory=dict)

    def get(self, url: str) -> _Fetched:
        if url not in self.answers:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    is_html = response.headers.get_content_type() == "text/html"
                    body = response.read()
                    self.answers[url] = _Fetched(response.status, parse(body.decode("utf-8")) if is_html else None)
            except urllib.error.HTTPError as err:
                self.answers[url] = _Fetched(err.code, None)
        return self.answers[url]


def _checked_references(page: Element) -> list[Reference]:
    return [ref for ref in page.references() if ref.url and not ref.url.startswith(_NOT_FILES)]


def broken_links(site: Site, served: str | None = None) -> list[str]:
    """Every internal URL or #fragment of every page that leads nowhere, one line each.

    With ``served`` (the address a server serves ``site.root`` at), the pages are also
    read at their served address, and every URL under it must answer 200 there; a URL
    to another path of that host leaves the site. The 404 page is read at the site's
    published path only (it is served anywhere, so it uses root-absolute URLs).
    """
    server = _Server(served) if served else None
    published_path = urllib.parse.urlsplit(site.site_url).path
    problems = []
    for file in site.pages():
        where = site.where(file)
        for ref in _checked_references(site.page(file)):
            url = site.resolve(file, ref.url)
            problem = _on_disk(site, url)
            if server is not None and not (site.is_404_page(file) and urllib.parse.urlsplit(server.base).path != published_path):
                problem = problem or _through(server, server.base + site.url(file)[len(site.site_url) :], ref.url)
            if problem:
                problems.append(f"{where}: {ref.url} -> {problem}")
    return problems


def _on_disk(site: Site, url: str) -> str | None:
    if not site.is_internal(url):
        return None
    target = site.file(url)
    fragment = urllib.parse.unquote(urllib.parse.urlsplit(url).fragment)
    if target is None:
        return "no such file"
    if fragment and target.suffix == ".html" and fragment not in site.page(target).ids():
        return f"no id {fragment!r} in {site.where(target)}"
    return None


def _through(server: _Server, page_address: str, reference: str) -> str | None:
    url, fragment = urllib.parse.urldefrag(urllib.parse.urljoin(page_address, reference))
    origin = "{0.scheme}://{0.netloc}/".format(urllib.parse.urlsplit(server.base))
    if not url.startswith(origin):
        return None
    if not url.startswith(server.base):
        return f"leaves {server.base}"
    answer = server.get(url)
    if answer.status != 200:
        return f"HTTP {answer.status} at {url}"
    if fragment and answer.page is not None and urllib.parse.unquote(fragment) not in answer.page.ids():
        return f"no id {fragment!r} at {url}"
    return None


def root_absolute(site: Site) -> list[str]:
    """Every URL that starts with "/" (not "//"), in HTML pages and stylesheets, but the 404 page's."""
    found = []
    for file in site.pages():
        if site.is_404_page(file):
            continue
        found += [f"{site.where(file)}: {ref.attribute}={ref.url}" for ref in site.page(file).references() if _is_root_absolute(ref.url)]
    for sheet in sorted(site.root.rglob("*.css")):
        found += [f"{site.where(sheet)}: url({url})" for url in _css_urls(sheet) if _is_root_absolute(url)]
    return found


def _is_root_absolute(url: str) -> bool:
    return url.startswith("/") and not url.startswith("//")


def unreachable(site: Site, homes: Iterable[str] = ("",)) -> list[str]:
    """Every page (but the 404 page) that no chain of ``<a>`` links leads to from ``homes``
    (site-relative addresses; by default the home page)."""
    start = [file for home in homes if (file := site.file(site.site_url + home)) is not None]
    reached, queue = set(start), list(start)
    while queue:
        file = queue.pop()
        for link in site.page(file).iter("a", "area"):
            target = site.file(site.resolve(file, link.attrs.get("href", "")))
            if target is not None and target.suffix == ".html" and target not in reached:
                reached.add(target)
                queue.append(target)
    return [site.where(file) for file in site.pages() if file not in reached and not site.is_404_page(file)]


# -- what a first visit loads ------------------------------------------------------


def loaded_references(page: Element) -> list[str]:
    """The URLs a browser fetches when it loads ``page``: stylesheets, icons, scripts,
    images (every srcset candidate, as the weight must not depend on the screen)…"""
    return [ref.url for ref in page.references() if _is_loaded(ref)]


def _is_loaded(ref: Reference) -> bool:
    tag, attrs = ref.element.tag, ref.element.attrs
    if tag == "link":
        return ref.attribute == "href" and bool(set(attrs.get("rel", "").lower().split()) & FETCHED_LINK_RELS)
    if ref.attribute in ("src", "srcset"):
        return tag in _LOADED_SRC_TAGS and (tag != "input" or attrs.get("type") == "image")
    return (ref.attribute, tag) in (("poster", "video"), ("data", "object"))


def _css_urls(sheet: Path) -> list[str]:
    return [match.group(2) or match.group(4) for match in _CSS_URL.finditer(sheet.read_text(encoding="utf-8"))]


def first_visit_files(site: Site, page: Path) -> list[Path]:
    """The page and every file it loads on a first visit: what its HTML references,
    and what those stylesheets import or use (``url(…)``), each once.

    An external or missing resource raises ValueError: the site loads nothing from
    another origin, and a missing file is a broken page.
    """
    files = [page]
    queue = [(page, reference) for reference in loaded_references(site.page(page))]
    while queue:
        referrer, reference = queue.pop(0)
        base = site.url(referrer) if referrer.suffix == ".html" else site.site_url + site.where(referrer)
        url = urllib.parse.urljoin(base, reference)
        if url.startswith("data:"):
            continue
        target = site.file(url)
        if target is None:
            raise ValueError(f"{site.where(referrer)} loads {reference}: not a file of the site")
        if target in files:
            continue
        files.append(target)
        if target.suffix == ".css":
            queue += [(target, url) for url in _css_urls(target)]
    return files


def transfer_size(file: Path) -> int:
    """The bytes of ``file`` on the wire, as the server sends it to a browser (text gzip-compressed)."""
    content = file.read_bytes()
    return len(compress(content)) if is_compressed(file.name) else len(content)


def first_visit_weight(site: Site, page: Path) -> int:
    """Bytes a first visit to ``page`` transfers."""
    return sum(transfer_size(file) for file in first_visit_files(site, page))
