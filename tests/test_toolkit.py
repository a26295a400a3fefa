"""The test toolkit itself (tests/toolkit/): the server answers like GitHub Pages, the
HTML reader reads small pages right, and the link checker finds each kind of broken
link. Each test builds the little site or page it reads."""

from __future__ import annotations

import gzip
import http.client
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from toolkit.html import parse, resolve, text
from toolkit.links import Site, broken_links, first_visit_files, first_visit_weight, root_absolute, unreachable
from toolkit.server import Ledger, serve

# -- the server ----------------------------------------------------------------------

NOT_FOUND = "<!doctype html><title>Không tìm thấy</title><h1>404</h1>"
FILES = {
    "index.html": "<!doctype html><title>home</title>" + "Kế hoạch 81 " * 100,
    "404.html": NOT_FOUND,
    "a/index.html": "<!doctype html><title>a</title>",
    "app.js": "export const x = 1;\n" * 50,
    "search.json": '{"q": "nước"}',
    "pf.wasm": "\0asm not really",
    "dates.ics": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
    "tasks.xlsx": "PK not really",
    "tasks.csv": "id,text\n1,Kế hoạch\n",
    "style.css": "body { color: #111 }\n" * 50,
    "logo.png": "\x89PNG not really",
    "index.pf_meta": "gzip already",
}


@pytest.fixture(scope="module")
def pages_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("served")
    site = root / "site"
    for name, content in FILES.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(content, encoding="utf-8")
    (root / "secret.txt").write_text("outside the site", encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def served(pages_site: Path) -> Iterator[tuple[str, Ledger]]:
    ledger = Ledger()
    with serve(pages_site, "/repo/", ledger=ledger) as base:
        yield base, ledger


def body(base: str, path: str, method: str = "GET", gzip_ok: bool = False) -> tuple[int, dict[str, str], bytes]:
    address = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=10)
    connection.request(method, path, headers={"Accept-Encoding": "gzip, br"} if gzip_ok else {})
    response = connection.getresponse()
    content = response.read()
    connection.close()
    return response.status, {name.lower(): value for name, value in response.getheaders()}, content


def test_the_server_yields_its_address_ending_in_the_prefix(served: tuple[str, Ledger]) -> None:
    base, _ = served
    assert base.startswith("http://127.0.0.1:") and base.endswith("/repo/")
    status, headers, content = body(base, "/repo/")
    assert status == 200 and content == FILES["index.html"].encode()
    assert headers["content-type"] == "text/html; charset=utf-8"


def test_a_folder_serves_its_index_and_without_its_slash_is_redirected(served: tuple[str, Ledger]) -> None:
    base, _ = served
    assert body(base, "/repo/a/")[0] == 200 and body(base, "/repo/a/")[2] == FILES["a/index.html"].encode()
    for path, location in (("/repo/a", "/repo/a/"), ("/repo", "/repo/"), ("/repo/a?x=1", "/repo/a/?x=1")):
        status, headers, _ = body(base, path)
        assert (status, headers.get("location")) == (301, location), path


@pytest.mark.parametrize(
    "path", ["/repo/missing.html", "/repo/a/missing/", "/elsewhere/index.html", "/index.html", "/", "/repo/../secret.txt"]
)
def test_anything_missing_or_outside_the_prefix_is_the_404_page(served: tuple[str, Ledger], path: str) -> None:
    base, _ = served
    status, headers, content = body(base, path)
    assert (status, content) == (404, NOT_FOUND.encode())
    assert headers["content-type"] == "text/html; charset=utf-8"


def test_the_path_cannot_climb_out_of_the_site(served: tuple[str, Ledger]) -> None:
    base, _ = served
    for path in ("/repo/%2e%2e/secret.txt", "/repo/a/../../secret.txt", "/repo/..%2fsecret.txt"):
        status, _, content = body(base, path)
        assert status == 404 and b"outside" not in content, path


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("app.js", "text/javascript; charset=utf-8"),
        ("search.json", "application/json; charset=utf-8"),
        ("pf.wasm", "application/wasm"),
        ("dates.ics", "text/calendar; charset=utf-8"),
        ("tasks.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("tasks.csv", "text/csv; charset=utf-8"),
        ("style.css", "text/css; charset=utf-8"),
        ("logo.png", "image/png"),
        ("index.pf_meta", "application/octet-stream"),
    ],
)
def test_each_kind_of_file_has_its_content_type(served: tuple[str, Ledger], name: str, kind: str) -> None:
    base, _ = served
    status, headers, content = body(base, "/repo/" + name)
    assert (status, headers["content-type"]) == (200, kind)
    assert content == FILES[name].encode("utf-8")


@pytest.mark.parametrize("name", ["index.html", "app.js", "search.json", "dates.ics", "tasks.csv", "style.css"])
def test_text_is_gzip_compressed_when_the_browser_accepts_it(served: tuple[str, Ledger], name: str) -> None:
    base, _ = served
    status, headers, content = body(base, "/repo/" + name, gzip_ok=True)
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert gzip.decompress(content) == FILES[name].encode("utf-8")
    assert int(headers["content-length"]) == len(content)
    assert "content-encoding" not in body(base, "/repo/" + name)[1], "sent compressed to a client that did not ask"


@pytest.mark.parametrize("name", ["logo.png", "tasks.xlsx", "pf.wasm", "index.pf_meta"])
def test_images_spreadsheets_and_binary_files_go_as_they_are(served: tuple[str, Ledger], name: str) -> None:
    base, _ = served
    status, headers, content = body(base, "/repo/" + name, gzip_ok=True)
    assert status == 200 and "content-encoding" not in headers and content == FILES[name].encode("utf-8")


def test_head_answers_the_headers_alone(served: tuple[str, Ledger]) -> None:
    base, _ = served
    status, headers, content = body(base, "/repo/app.js", method="HEAD")
    assert (status, content) == (200, b"") and int(headers["content-length"]) == len(FILES["app.js"])
    status, headers, content = body(base, "/repo/nothing", method="HEAD")
    assert (status, content) == (404, b"") and int(headers["content-length"]) == len(NOT_FOUND.encode())


def test_the_ledger_records_every_response_with_the_bytes_sent(pages_site: Path) -> None:
    ledger = Ledger()
    with serve(pages_site, "/", ledger=ledger) as base:
        sent = [len(body(base, path, gzip_ok=True)[2]) for path in ("/app.js", "/nothing", "/a")]
    assert [(r.path, r.status, r.sent) for r in ledger.responses] == [("/app.js", 200, sent[0]), ("/nothing", 404, sent[1]), ("/a", 301, 0)]
    assert sent[0] < len(FILES["app.js"]), "the ledger counts the compressed bytes"
    first, *_, last = ledger.responses
    assert ledger.between(first.at, last.at) == ledger.responses and ledger.between(last.at + 1, last.at + 2) == []


def test_a_site_without_a_404_page_still_answers_404(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("home", encoding="utf-8")
    with serve(tmp_path) as base:
        assert body(base, "/gone")[0] == 404
    with pytest.raises(ValueError, match="prefix"):
        serve(tmp_path, "repo").__enter__()


# -- the HTML reader ---------------------------------------------------------------------

PAGE = """<!doctype html>
<html lang="en"><head><title>Plan &amp; tasks</title><link rel="canonical" href="https://x.org/p/">
<script>var hidden = "<p>not text</p>";</script></head>
<body><nav><a href="../">Home</a></nav>
<article>
<h1 id="title">The   plan</h1>
<p>It says <span lang="vi">Kế hoạch</span> in <a href="#one" class="x y">two
  words</a>.<br>Next line</p>
<h2 id="one">One</h2><p>first<img src="i.png" srcset="s.png 1x, l.png 2x" alt=""></p>
<h3 id="one-a">One a</h3><p>deeper</p>
<h2 id="two">Two</h2>
<table><caption>Cap</caption><tr><th>A</th><th>B</th></tr><tr><td><a href="t/">t</a></td><td>2 <abbr title="lead">L</abbr></td></tr></table>
<a name="old"></a>
</article></body></html>"""


def test_the_reader_gives_the_tree_and_its_source() -> None:
    page = parse(PAGE)
    title = page.find("title")
    assert title is not None and title.text() == "Plan & tasks"
    assert page.canonical() == "https://x.org/p/"
    h1 = page.by_id("title")
    assert h1 is not None and h1.html == '<h1 id="title">The   plan</h1>' and h1.words() == "The plan"
    link = page.find("a", href="#one")
    assert link is not None and link.classes == ["x", "y"] and [e.tag for e in link.ancestors()][:2] == ["p", "article"]
    assert link.within(lambda e: e.tag == "article") and not link.within(lambda e: e.tag == "nav")


def test_text_follows_blocks_and_language() -> None:
    article = parse(PAGE).article()
    assert article.lines()[:3] == ["The plan", "It says Kế hoạch in two words.", "Next line"]
    assert "not text" not in parse(PAGE).words(), "scripts are not text"
    languages = {node.text: node.lang for node in article.text_nodes()}
    assert languages["Kế hoạch"] == "vi" and languages["first"] == "en"
    assert text("<p>a&nbsp;b</p><p>c</p>d") == "a b c d", "entities decoded, every space collapsed"


def test_sections_run_to_the_next_heading_of_the_same_level() -> None:
    article = parse(PAGE).article()
    one = article.section("one")
    assert one is not None and one.words() == "One first One a deeper"
    one_a = article.section("one-a")
    assert one_a is not None and one_a.words() == "One a deeper"
    two = article.section("two")
    assert two is not None and two.find("table") is not None
    assert article.section("nowhere") is None


def test_links_references_ids_and_tables() -> None:
    page = parse(PAGE)
    assert [(link.href, link.text) for link in page.article().links()] == [("#one", "two words"), ("t/", "t"), ("", "")]
    assert [(ref.attribute, ref.url) for ref in page.references()] == [
        ("href", "https://x.org/p/"),
        ("href", "../"),
        ("href", "#one"),
        ("src", "i.png"),
        ("srcset", "s.png"),
        ("srcset", "l.png"),
        ("href", "t/"),
    ]
    assert page.ids() == {"title", "one", "one-a", "two", "old"}
    rows = page.table_rows()
    assert [[cell.words() for cell in row] for row in rows] == [["A", "B"], ["t", "2 L"]]
    abbr = rows[1][1].find("abbr")
    assert abbr is not None and abbr.attrs["title"] == "lead"


def test_what_comes_next_and_what_comes_before() -> None:
    page = parse(PAGE)
    article = page.article()
    one, title, table, nav = page.by_id("one"), page.by_id("title"), page.find("table"), page.find("nav")
    assert one is not None and title is not None and table is not None and nav is not None
    following = one.next_sibling()
    assert following is not None and following.words() == "first", "the element right after"
    following = title.next_sibling()
    assert following is not None and following.tag == "p", "white space between is skipped"
    span = page.find("span")
    assert span is not None and span.next_sibling() is None, "words come between"
    old = page.find("a", name="old")
    assert old is not None and old.next_sibling() is None and page.next_sibling() is None, "nothing follows"
    before = article.before(table)
    assert before.words() == "The plan It says Kế hoạch in two words. Next line One first One a deeper Two"
    assert [link.href for link in before.links()] == ["#one"] and before.find("table") is None
    with pytest.raises(ValueError, match="not inside"):
        article.before(nav)


def test_resolve_follows_directory_urls() -> None:
    assert resolve("agencies/a/", "../b/#x") == ("agencies/b/", "x")
    assert resolve("agencies/a/", "#x") == ("agencies/a/", "x")
    assert resolve("", "data/t.csv") == ("data/t.csv", "")
    with pytest.raises(AssertionError):
        resolve("a/", "../../x/")


# -- the link checker --------------------------------------------------------------------


def write(root: Path, path: str, body: str) -> None:
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(f'<!doctype html><html lang="en"><title>t</title>{body}</html>', "utf-8")


@pytest.fixture
def linked_site(tmp_path: Path) -> Site:
    """A site of three pages with one broken link of each kind (and links that work)."""
    write(tmp_path, "index.html", '<link rel="stylesheet" href="s.css"><h1 id="top">t</h1><a href="a/">a</a><a href="a/#here">ok</a>')
    write(
        tmp_path,
        "a/index.html",
        '<p id="here"><a href="../#top">up</a> <a href="../b/">no page</a> <a href="../#nowhere">no anchor</a>'
        ' <a href="https://example.org/x/a/#here">absolute</a> <a href="https://example.org/">out</a>'
        ' <a href="mailto:x@example.org">mail</a> <img src="../missing.png" alt="m"></p>',
    )
    write(tmp_path, "lost/index.html", '<a href="/x/">root-absolute</a>')
    write(tmp_path, "404.html", '<a href="/x/">home</a>')
    (tmp_path / "s.css").write_text("p { background: url(/x/i.png) }", "utf-8")
    return Site(tmp_path, "https://example.org/x/")


def test_the_link_check_finds_missing_files_and_anchors(linked_site: Site) -> None:
    assert broken_links(linked_site) == [
        "a/index.html: ../b/ -> no such file",
        "a/index.html: ../#nowhere -> no id 'nowhere' in index.html",
        "a/index.html: ../missing.png -> no such file",
    ]


def test_the_link_check_finds_root_absolute_urls(linked_site: Site) -> None:
    assert root_absolute(linked_site) == ["lost/index.html: href=/x/", "s.css: url(/x/i.png)"]


def test_the_link_check_finds_pages_no_link_leads_to(linked_site: Site) -> None:
    assert unreachable(linked_site) == ["lost/index.html"]
    assert unreachable(linked_site, homes=("", "lost/")) == []


def test_the_served_link_check_finds_what_fails_on_the_server(linked_site: Site) -> None:
    """Under another prefix, a root-absolute URL leaves the site; missing files answer 404."""
    with serve(linked_site.root, "/fork/") as base:
        problems = broken_links(linked_site, base)
    assert f"lost/index.html: /x/ -> leaves {base}" in problems
    assert "a/index.html: ../b/ -> no such file" in problems
    assert len(problems) == 4, problems
    write(linked_site.root, "a/index.html", '<p id="here"><a href="../b/">back</a></p>')
    (linked_site.root / "b").mkdir()
    (linked_site.root / "b" / "index.html").write_text("<p>here</p>", "utf-8")
    (linked_site.root / "lost" / "index.html").unlink()
    with serve(linked_site.root, "/x/") as base:
        assert broken_links(linked_site, base) == []


# -- what a first visit loads ----------------------------------------------------------


def test_the_weight_is_the_compressed_page_and_what_it_loads(tmp_path: Path) -> None:
    words = "Kế hoạch 81/KH-UBND " * 200
    files = {
        "index.html": f'<link rel="stylesheet" href="s.css"><link rel="canonical" href="https://x.org/"><script src="a.js"></script>'
        f'<img src="i.png" alt="i"><a href="b/">not loaded</a><p>{words}</p>',
        "s.css": "@font-face { src: url('f.woff2') } body { background: url(data:image/png;base64,AAAA) }",
        "a.js": "console.log(1);" * 100,
        "i.png": "\x89PNG not compressed again",
        "f.woff2": "a font",
        "b/index.html": "another page",
    }
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(content, "utf-8")
    site = Site(tmp_path, "https://x.org/")

    def compressed(name: str) -> int:
        return len(gzip.compress((tmp_path / name).read_bytes(), compresslevel=6, mtime=0))

    expected = compressed("index.html") + compressed("s.css") + compressed("a.js") + (tmp_path / "i.png").stat().st_size + len(b"a font")
    assert [file.name for file in first_visit_files(site, tmp_path / "index.html")] == ["index.html", "s.css", "a.js", "i.png", "f.woff2"]
    assert first_visit_weight(site, tmp_path / "index.html") == expected
    (tmp_path / "f.woff2").unlink()
    with pytest.raises(ValueError, match=r"s\.css loads f\.woff2"):
        first_visit_files(site, tmp_path / "index.html")
