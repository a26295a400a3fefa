"""Internal links, and the built site under a sub-path, as GitHub Pages serves a project
site (https://<owner>.github.io/<repo>/), and under any other path a fork may get.

site/ is served under a prefix by the tests' server (toolkit.server: 404.html for a
missing page, like GitHub Pages), and the link checker (toolkit.links) reads every
page: every link, stylesheet, script, image and language alternate, and every
#fragment, must name a file and an id of the build and answer under the prefix; every
page must be reached by links from the home page; no URL may ignore the prefix.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from toolkit.html import parse
from toolkit.links import Site, broken_links, root_absolute, unreachable
from toolkit.server import serve

OTHER_PREFIX = "/a-fork/of-the-site/"


def published_prefix(site: Site) -> str:
    return urllib.parse.urlsplit(site.site_url).path


@pytest.fixture(scope="module", params=["published", "other"])
def served(request: pytest.FixtureRequest, quality_site: Site) -> Iterator[str]:
    prefix = published_prefix(quality_site) if request.param == "published" else OTHER_PREFIX
    with serve(quality_site.root, prefix) as base:
        yield base


def test_every_link_resolves_under_the_prefix(quality_site: Site, served: str) -> None:
    pages = quality_site.pages()
    assert any(file.parts[-3:-1] == ("en", "glossary") for file in pages), "both languages are built"
    problems = broken_links(quality_site, served)
    assert not problems, f"{len(problems)} broken links under {served}:\n" + "\n".join(problems)


def test_every_page_is_reached_by_links(quality_site: Site) -> None:
    assert len(quality_site.pages()) > 20
    assert unreachable(quality_site) == [], "pages no link leads to from the home page"


def test_canonical_links_name_the_published_address(quality_site: Site) -> None:
    for file in quality_site.root.rglob("index.html"):
        canonical = quality_site.page(file).canonical()
        assert canonical == quality_site.url(file), f"{file}: {canonical}"


def test_no_page_uses_root_absolute_urls(quality_site: Site) -> None:
    """A URL starting with "/" ignores the sub-path; only 404.html may use them (it is
    served at any address, so Material writes it with site_url's path)."""
    offenders = root_absolute(quality_site)
    assert not offenders, "root-absolute URLs:\n" + "\n".join(offenders)


def fetch(url: str) -> tuple[int, bytes]:
    """Status and body of ``url`` (redirects followed, as browsers do)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def test_missing_page_shows_the_404_page_with_working_links(quality_site: Site) -> None:
    with serve(quality_site.root, published_prefix(quality_site)) as root:
        missing = root + "no/such/page/"
        status, body = fetch(missing)
        assert status == 404
        page = parse(body.decode("utf-8"))
        # Links to other pages (its skip link, #not-found, stays on the page itself).
        targets = {urllib.parse.urldefrag(urllib.parse.urljoin(missing, ref.url)).url for ref in page.references()} - {missing}
        targets = {url for url in targets if url.startswith(root)}
        assert targets, "the 404 page links nowhere on the site"
        broken = [f"{url} ({fetch(url)[0]})" for url in sorted(targets) if fetch(url)[0] != 200]
        assert not broken, "broken links on the 404 page:\n" + "\n".join(broken)


def test_the_site_address_comes_from_its_home_page(built_site: Path, quality_site: Site) -> None:
    """The address the checks use is the one the build wrote (SITE_URL at build time)."""
    assert parse((built_site / "index.html").read_text(encoding="utf-8")).canonical() == quality_site.site_url
