"""The site search index: Vietnamese folding and the Pagefind index of the built site.

``make build`` runs ``python -m plansite.search site`` after ``mkdocs build``. The
browser side is ``docs/assets/search/search.js``, which encodes a query the same
way as ``index_text`` encodes the pages (tests/test_search.py checks they agree).

Pagefind (1.5) already folds combining marks for matching and ranks a query's exact
diacritics first, so "nuoc sach" finds "nước sạch" and "xoá" finds "xóa". It does
not fold đ, which has no decomposition in Unicode. The pages are therefore indexed
from a copy in which đ is written ď (d with caron, a letter no Vietnamese or English
text uses): Pagefind folds that to d, keeps "ď" as the exact form, and the browser
turns it back into đ in every title and excerpt it shows. The served pages are not
changed. (A combining stroke, d + U+0335, folds too, but Pagefind then also indexes
each word with the stroke dropped: every đ-word twice.)
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

# đ/Đ as Pagefind indexes them; the same pairs are in search.js.
ENCODED = {"đ": "ď", "Đ": "Ď"}
# Material puts a page's content, and nothing else, in this element.
CONTENT_TAG = '<article class="md-content__inner md-typeset">'
INDEXED_TAG = '<article class="md-content__inner md-typeset" data-pagefind-body>'
# Chrome inside the content element: page actions, the "last updated" line and the
# page address printed on paper.
EXCLUDED = ".md-content__button, .md-source-file, .plansite-print-only"
# Pages that are not content.
SKIPPED = ("404.html",)
_MARKS = re.compile(r"[\u0300-\u036f]")


class SearchIndexError(Exception):
    """The built site cannot be indexed: the message names every page at fault."""


def fold(text: str) -> str:
    """``text`` as an unaccented, lower-case reader types it: "Đẩy mạnh" -> "day manh"."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return _MARKS.sub("", decomposed).replace("đ", "d")


def index_text(text: str) -> str:
    """``text`` as the index sees it: NFC, with đ/Đ written as ď/Ď."""
    text = unicodedata.normalize("NFC", text)
    for letter, encoded in ENCODED.items():
        text = text.replace(letter, encoded)
    return text


def shown_text(text: str) -> str:
    """The inverse of ``index_text`` for what the index returns (titles, excerpts)."""
    for letter, encoded in ENCODED.items():
        text = text.replace(encoded, letter)
    return text


def prepare(site: Path, work: Path) -> list[Path]:
    """Write the copy of ``site``'s pages that Pagefind indexes into ``work``; return the pages."""
    shutil.rmtree(work, ignore_errors=True)
    pages = sorted(path for path in site.rglob("*.html") if path.name not in SKIPPED and not path.is_relative_to(site / "pagefind"))
    problems = []
    written = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        count = html.count(CONTENT_TAG)
        if count != 1:
            problems.append(f"{page}: expected one {CONTENT_TAG}, found {count}")
            continue
        # The results would show these letters as đ/Đ.
        taken = sorted({encoded for encoded in ENCODED.values() if encoded in html})
        if taken:
            problems.append(f"{page}: has {', '.join(taken)}, which the index uses to write đ/Đ")
            continue
        target = work / page.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(index_text(html.replace(CONTENT_TAG, INDEXED_TAG)), encoding="utf-8")
        written.append(target)
    if problems:
        raise SearchIndexError("cannot index the site:\n" + "\n".join(problems))
    if not written:
        raise SearchIndexError(f"no pages to index in {site}")
    return written


def build_index(site: Path, work: Path) -> None:
    """Index ``site`` into ``site/pagefind/``, from the prepared copy in ``work``."""
    prepare(site, work)
    bundle = site / "pagefind"
    shutil.rmtree(bundle, ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(work), "--output-path", str(bundle)]
    subprocess.run([*command, "--exclude-selectors", EXCLUDED, "--silent"], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m plansite.search", description="Build the search index of a built site.")
    parser.add_argument("site", type=Path, help="the built site (site/)")
    parser.add_argument("--work", type=Path, default=Path("build") / "search", help="where the indexed copy goes (default: build/search)")
    args = parser.parse_args(argv)
    try:
        build_index(args.site, args.work)
    except SearchIndexError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"indexed {args.site} into {args.site / 'pagefind'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
