"""External links of a built site, for ``python -m plansite linkcheck-external``
(``make linkcheck-external``, and the scheduled link check of the workflows).

It reads only the HTML files in the output folder, so it works the same whatever
generator wrote them. A page is known by its file and its address: ``site_url`` is
where the site is published (``https://host/prefix/``), and a link is external when it
resolves outside it. The tests check internal links themselves (tests/toolkit/links.py).
"""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


class _Links(HTMLParser):
    """The links a reader can follow: ``href`` of ``<a>`` and ``<area>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag in ("a", "area") and href is not None:
            self.links.append(href)


@dataclass
class Site:
    """A built site: its output folder and the address it is published at."""

    root: Path
    site_url: str
    _links: dict[Path, list[str]] = field(default_factory=dict, repr=False, compare=False)

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

    def is_internal(self, url: str) -> bool:
        return url.startswith(self.site_url)

    def links(self, file: Path) -> list[str]:
        """The links of an HTML file, read once."""
        if file not in self._links:
            parser = _Links()
            parser.feed(file.read_text(encoding="utf-8"))
            parser.close()
            self._links[file] = parser.links
        return self._links[file]

    def resolve(self, file: Path, reference: str) -> str:
        """``reference`` in ``file`` as an absolute address (the 404 page is served anywhere: absolute paths)."""
        return urllib.parse.urljoin(self.url(file), reference.strip())


def external_links(site: Site) -> dict[str, list[str]]:
    """Each external http(s) address linked from the site, with the pages that link to it."""
    found: dict[str, list[str]] = {}
    for file in site.pages():
        for reference in site.links(file):
            url = site.resolve(file, reference)
            if urllib.parse.urlsplit(url).scheme in ("http", "https") and not site.is_internal(url):
                found.setdefault(url.split("#")[0], []).append(file.relative_to(site.root).as_posix())
    return found


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
