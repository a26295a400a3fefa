"""The built site works under a sub-path, as GitHub Pages serves a project site
(https://<owner>.github.io/<repo>/), and under any other path a fork may get.

site/ is served under a prefix by a small HTTP server that answers like GitHub Pages
(404.html for a missing page), and every page is crawled from the home page: every
link, stylesheet, script, image, language alternate, the search worker and index, and
every #fragment must resolve under the prefix. No HTML parse needs a browser.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from pages_server import serve

OTHER_PREFIX = "/a-fork/of-the-site/"
LINK_ATTRIBUTES = {"href", "src", "action", "poster"}


@dataclass
class Links(HTMLParser):
    """The URLs an HTML page refers to, and the ids it defines."""

    urls: list[tuple[str, str]] = field(default_factory=list)  # (attribute, value)
    ids: set[str] = field(default_factory=set)
    canonical: str | None = None
    config: str = ""
    search_form: bool = False
    _in_config: bool = False

    def __post_init__(self) -> None:
        super().__init__()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name in LINK_ATTRIBUTES & values.keys():
            self.urls.append((name, values[name]))
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        if tag == "link" and values.get("rel") == "canonical":
            self.canonical = values["href"]
        self._in_config = tag == "script" and values.get("id") == "__config"
        self.search_form = self.search_form or (tag == "form" and values.get("name") == "search")

    def handle_endtag(self, tag: str) -> None:
        self._in_config = False

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config += data


def parse(html: str) -> Links:
    links = Links()
    links.feed(html)
    links.close()
    return links


@dataclass
class Crawl:
    pages: dict[str, Links] = field(default_factory=dict)  # HTML page URL -> its links
    broken: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    fetched: set[str] = field(default_factory=set)


def fetch(url: str) -> tuple[int, str, bytes]:
    """Status, content type and body of ``url`` (redirects followed, as browsers do)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get_content_type(), err.read()


def references(page_url: str, links: Links) -> list[str]:
    """Every URL the page makes the browser load or offers to follow, made absolute."""
    found = [
        urljoin(page_url, value) for _, value in links.urls if value and not value.startswith(("mailto:", "tel:", "data:", "javascript:"))
    ]
    if links.config and links.search_form:
        # Material's search (its bundle starts it where the page has the search form):
        # a worker script and the index under the site's base.
        config = json.loads(links.config)
        found.append(urljoin(page_url, config["search"]))
        found.append(urljoin(page_url, config["base"].rstrip("/") + "/search/search_index.json"))
    return found


def crawl(root: str) -> Crawl:
    """Follow every link on the site's origin from ``root``; note what fails or leaves ``root``."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(root))
    result = Crawl()
    queue = [root]
    fragments: list[tuple[str, str, str]] = []  # (from page, target page, fragment)
    while queue:
        url = queue.pop()
        if url in result.fetched:
            continue
        result.fetched.add(url)
        status, kind, body = fetch(url)
        if status != 200:
            result.broken.append(f"{url} ({status})")
            continue
        if kind != "text/html":
            continue
        links = parse(body.decode("utf-8"))
        result.pages[url] = links
        for reference in references(url, links):
            target, fragment = urldefrag(reference)
            if not target.startswith(origin):
                continue
            if not target.startswith(root):
                result.outside.append(f"{url} -> {reference}")
                continue
            if fragment:
                fragments.append((url, target, fragment))
            queue.append(target)
    for source, target, fragment in fragments:
        page = result.pages.get(target)
        if page is not None and fragment not in page.ids:
            result.broken.append(f"{source} -> {target}#{fragment} (no such id)")
    return result


def published_prefix(site: Path) -> str:
    """The path part of site_url, read from the home page's canonical link."""
    canonical = parse((site / "index.html").read_text(encoding="utf-8")).canonical
    assert canonical, "the home page has no canonical link: is site_url set?"
    return urlsplit(canonical).path


def built_pages(site: Path) -> set[str]:
    """Every page of the site, as its directory URL relative to the site's root."""
    return {str(page.parent.relative_to(site)).replace(".", "") + "/" for page in site.rglob("index.html")}


@pytest.fixture(scope="module", params=["published", "other"])
def crawled(request: pytest.FixtureRequest, built_site: Path) -> Iterator[tuple[str, Crawl]]:
    prefix = published_prefix(built_site) if request.param == "published" else OTHER_PREFIX
    with serve(built_site, prefix) as root:
        yield root, crawl(root)


def test_every_link_resolves_under_the_prefix(crawled: tuple[str, Crawl]) -> None:
    root, result = crawled
    assert not result.broken, f"broken under {root}:\n" + "\n".join(sorted(set(result.broken)))
    assert not result.outside, f"links that leave {root}:\n" + "\n".join(sorted(set(result.outside)))


def test_every_page_is_reached_by_links(crawled: tuple[str, Crawl], built_site: Path) -> None:
    root, result = crawled
    reached = {url[len(root) - 1 :].lstrip("/") for url in result.pages}
    reached = {"/" + path if path else "/" for path in reached}
    expected = {("/" + path.lstrip("/")) for path in built_pages(built_site)}
    assert expected <= reached, f"pages no link leads to: {sorted(expected - reached)}"
    assert len(expected) > 20


def test_canonical_links_name_the_published_address(built_site: Path) -> None:
    prefix = published_prefix(built_site)
    for page in built_site.rglob("index.html"):
        canonical = parse(page.read_text(encoding="utf-8")).canonical
        assert canonical, f"{page} has no canonical link"
        path = str(page.parent.relative_to(built_site)).replace(".", "")
        expected = prefix + (path + "/" if path else "")
        assert urlsplit(canonical).path == expected, f"{page}: {canonical}"


def test_no_page_uses_root_absolute_urls(built_site: Path) -> None:
    """A URL starting with "/" ignores the sub-path; only 404.html may use them (it is
    served at any address, so Material writes it with site_url's path)."""
    offenders = []
    for page in built_site.rglob("*.html"):
        if page.name == "404.html" and page.parent == built_site:
            continue
        for attribute, value in parse(page.read_text(encoding="utf-8")).urls:
            if value.startswith("/") and not value.startswith("//"):
                offenders.append(f"{page.relative_to(built_site)}: {attribute}={value}")
    for sheet in built_site.rglob("*.css"):
        offenders += [
            f"{sheet.relative_to(built_site)}: {m}" for m in re.findall(r"url\(\s*['\"]?/[^/][^)]*\)", sheet.read_text(encoding="utf-8"))
        ]
    assert not offenders, "root-absolute URLs:\n" + "\n".join(offenders)


def test_missing_page_shows_the_404_page_with_working_links(built_site: Path) -> None:
    prefix = published_prefix(built_site)
    with serve(built_site, prefix) as root:
        missing = root + "no/such/page/"
        status, _, body = fetch(missing)
        assert status == 404
        links = parse(body.decode("utf-8"))
        # Links to other pages (its skip link, #not-found, stays on the page itself).
        targets = {urldefrag(url)[0] for url in references(missing, links) if url.startswith(root)} - {missing}
        assert targets, "the 404 page links nowhere on the site"
        broken = [f"{url} ({fetch(url)[0]})" for url in sorted(targets) if fetch(url)[0] != 200]
        assert not broken, "broken links on the 404 page:\n" + "\n".join(broken)
