"""Checks over a built site's HTML files: links, anchors, and what a first visit loads.

Used by the quality tests (``tests/test_quality_*.py``) and by ``python -m plansite
linkcheck-external``. It reads only the HTML, CSS and files in the output folder, so
it works the same whatever generator wrote them.

A page is known by its file and its address: ``site_url`` is where the site is
published (``https://host/prefix/``), and a link is internal when it resolves
under it. Every internal link must name a file of the build (a folder's
``index.html``) and, with a ``#fragment``, an id in that file.
"""

from __future__ import annotations

import gzip
import html
import posixpath
import re
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# <link rel> values whose target the browser fetches when the page loads.
FETCHED_LINK_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "prefetch", "manifest"}
# GitHub Pages compresses text with gzip; level 6 is zlib's default and the usual
# server setting, and gives slightly larger files than 9: the safer estimate.
# Images and fonts are already compressed and are sent as they are.
GZIP_LEVEL = 6
COMPRESSED_TYPES = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".map", ".ico"}
_SRC_TAGS = {"script", "img", "iframe", "source", "audio", "video", "embed", "track"}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


@dataclass
class _Parsed:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    """Ids, followed links (``<a>``/``<area>``) and resources fetched on load."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.result = _Parsed()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.result.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.result.ids.add(values["name"])
        if tag in ("a", "area") and "href" in values:
            self.result.links.append(values["href"])
        elif tag == "link" and "href" in values:
            rels = set(values.get("rel", "").lower().split())
            if rels & FETCHED_LINK_RELS:
                self.result.resources.append(values["href"])
        elif "src" in values and (tag in _SRC_TAGS or (tag == "input" and values.get("type") == "image")):
            self.result.resources.append(values["src"])
        elif tag == "object" and "data" in values:
            self.result.resources.append(values["data"])
        if tag == "video" and "poster" in values:
            self.result.resources.append(values["poster"])
        if tag in ("img", "source") and "srcset" in values:
            self.result.resources += [candidate.split()[0] for candidate in values["srcset"].split(",") if candidate.strip()]


@dataclass
class Site:
    """A built site: its output folder and the address it is published at."""

    root: Path
    site_url: str
    _parsed: dict[Path, _Parsed] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.site_url.endswith("/"):
            raise ValueError(f"site_url must end with '/': {self.site_url!r}")

    def pages(self) -> list[Path]:
        """Every HTML file of the build, sorted."""
        return sorted(self.root.rglob("*.html"))

    def url(self, file: Path) -> str:
        """The published address of ``file``: a folder's ``index.html`` is the folder."""
        relative = file.relative_to(self.root).as_posix()
        if relative == "index.html" or relative.endswith("/index.html"):
            relative = relative[: -len("index.html")]
        return self.site_url + relative

    def file(self, url: str) -> Path | None:
        """The file an internal address serves, or None when it is external or missing."""
        path = urllib.parse.urlsplit(url)._replace(query="", fragment="").geturl()
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

    def parsed(self, file: Path) -> _Parsed:
        """The ids, links and resources of an HTML file, read once."""
        if file not in self._parsed:
            self._parsed[file] = _parse(file)
        return self._parsed[file]

    def resolve(self, file: Path, reference: str) -> str:
        """``reference`` in ``file`` as an absolute address (the 404 page is served anywhere: absolute paths)."""
        return urllib.parse.urljoin(self.url(file), reference.strip())


def _parse(file: Path) -> _Parsed:
    collector = _Collector()
    collector.feed(file.read_text(encoding="utf-8"))
    collector.close()
    return collector.result


def broken_links(site: Site) -> list[str]:
    """Every internal link, resource or #fragment of every page that leads nowhere."""
    problems = []
    for file in site.pages():
        parsed = site.parsed(file)
        for reference in parsed.links + parsed.resources:
            url = site.resolve(file, reference)
            if urllib.parse.urlsplit(url).scheme not in ("http", "https") or not site.is_internal(url):
                continue
            target = site.file(url)
            fragment = urllib.parse.unquote(urllib.parse.urlsplit(url).fragment)
            where = file.relative_to(site.root).as_posix()
            if target is None:
                problems.append(f"{where}: {reference} -> no such file")
            elif fragment and target.suffix == ".html" and fragment not in site.parsed(target).ids:
                problems.append(f"{where}: {reference} -> no id {fragment!r} in {target.relative_to(site.root).as_posix()}")
    return problems


def external_links(site: Site) -> dict[str, list[str]]:
    """Each external http(s) address linked from the site, with the pages that link to it."""
    found: dict[str, list[str]] = {}
    for file in site.pages():
        for reference in site.parsed(file).links:
            url = site.resolve(file, reference)
            if urllib.parse.urlsplit(url).scheme in ("http", "https") and not site.is_internal(url):
                found.setdefault(url.split("#")[0], []).append(file.relative_to(site.root).as_posix())
    return found


def first_visit_files(site: Site, page: Path) -> list[Path]:
    """The page and every file it loads on a first visit: what its HTML references,
    and what those stylesheets import or use (``url(…)``), each once.

    An external or missing resource raises ValueError: the site loads nothing from
    another origin, and a missing file is a broken page.
    """
    files = [page]
    queue = [(page, reference) for reference in site.parsed(page).resources]
    while queue:
        referrer, reference = queue.pop(0)
        url = urllib.parse.urljoin(site.url(referrer) if referrer.suffix == ".html" else _file_url(site, referrer), reference)
        if url.startswith("data:"):
            continue
        target = site.file(url)
        if target is None:
            raise ValueError(f"{referrer.relative_to(site.root)} loads {reference}: not a file of the site")
        if target in files:
            continue
        files.append(target)
        if target.suffix == ".css":
            queue += [(target, match.group(2) or match.group(4)) for match in _CSS_URL.finditer(target.read_text(encoding="utf-8"))]
    return files


def _file_url(site: Site, file: Path) -> str:
    return site.site_url + file.relative_to(site.root).as_posix()


def transfer_size(file: Path) -> int:
    """The bytes of ``file`` as served: gzip-compressed if it is text (see GZIP_LEVEL)."""
    content = file.read_bytes()
    return len(gzip.compress(content, compresslevel=GZIP_LEVEL, mtime=0)) if file.suffix in COMPRESSED_TYPES else len(content)


def first_visit_weight(site: Site, page: Path) -> int:
    """Bytes a first visit to ``page`` transfers, text gzip-compressed."""
    return sum(transfer_size(file) for file in first_visit_files(site, page))


def home_canonical(root: Path) -> str:
    """The published address of a built site: the canonical URL of its home page."""
    for link in re.finditer(r"<link\b[^>]*>", (root / "index.html").read_text(encoding="utf-8")):
        tag = link.group()
        href = re.search(r'href="([^"]+)"', tag)
        if re.search(r'rel="canonical"', tag) and href:
            return html.unescape(href.group(1))
    raise ValueError(f"{root / 'index.html'} has no canonical link: pass the site's address")


def check_url(url: str, timeout: float = 20.0) -> str | None:
    """None if ``url`` answers, else what went wrong. HEAD first; GET where HEAD is refused."""
    headers = {"User-Agent": "plansite-linkcheck (+https://github.com/)"}
    problem = None
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except urllib.error.HTTPError as err:
            problem = f"HTTP {err.code}"
            if err.code not in (403, 405, 501):
                return problem
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            return f"{type(err).__name__}: {getattr(err, 'reason', err)}"
    return problem


def check_external_links(site: Site, workers: int = 8) -> dict[str, str]:
    """Each external link that does not answer, with the problem and the pages linking to it."""
    links = external_links(site)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = dict(zip(links, pool.map(check_url, links), strict=True))
    return {url: f"{problem} (linked from {_some(links[url])})" for url, problem in results.items() if problem}


def _some(pages: list[str], shown: int = 3) -> str:
    unique = sorted(set(pages))
    more = f" and {len(unique) - shown} more" if len(unique) > shown else ""
    return ", ".join(unique[:shown]) + more
