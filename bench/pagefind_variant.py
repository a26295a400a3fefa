"""The site with Pagefind instead of the site's own search: the comparison of bench/search.py.

``pagefind_site(site, out)`` copies a built site to ``out`` and gives it the search the
site had before issue 14, tuned: Pagefind 1.5 (from requirements-dev) indexes a copy of
the pages in which Material's content element carries ``data-pagefind-body`` and đ is
written ď (Pagefind does not fold đ), and assets/search/search.js is replaced by the
Pagefind client in bench/pagefind/search.js (the site's client of that time, with its
Vietnamese ranking: exact diacritics, then phrases). Tuned, as issue 14 asks:

- lazy loading: nothing loads before the search opens (or a pointer rests on its
  button), and Pagefind runs on the page's thread, which spares its 12 KiB worker;
- fewer fragments: each result shown costs its page's fragment, so three pages are
  shown (the site showed five), and fragments are only fetched once typing pauses;
- chunk size: Pagefind 1.5 has no setting for it (its CLI has none; it splits an index
  into chunks by itself as it grows), so its chunks are Pagefind's own.

The copy's security policy allows WebAssembly ('wasm-unsafe-eval'), which Pagefind
needs and the site's own search does not.

The site's own opener still fetches search/<lang>.json, which the copy does not have:
that request fails (404) and is not counted.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from plansite.search import CONTENT_CLASS, EXCLUDED, OUTPUT, SKIPPED

HERE = Path(__file__).resolve().parent
CLIENT = HERE / "pagefind" / "search.js"
# đ/Đ as Pagefind indexes them; the same pairs are in bench/pagefind/search.js.
ENCODED = {"đ": "ď", "Đ": "Ď"}
WITHOUT_WASM = "script-src 'self'"
WITH_WASM = "script-src 'self' 'wasm-unsafe-eval'"
CONTENT_TAG = f'<article class="{CONTENT_CLASS} md-typeset">'
INDEXED_TAG = f'<article class="{CONTENT_CLASS} md-typeset" data-pagefind-body>'


def index_text(text: str) -> str:
    for letter, encoded in ENCODED.items():
        text = text.replace(letter, encoded)
    return text


def pagefind_site(site: Path, out: Path) -> Path:
    """A copy of the built ``site`` in ``out`` searched with Pagefind; return ``out``."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(site, out)
    shutil.rmtree(out / OUTPUT)
    work = out.parent / (out.name + "-pagefind-pages")
    shutil.rmtree(work, ignore_errors=True)
    for page in sorted(site.rglob("*.html")):
        if page.name in SKIPPED:
            continue
        html = page.read_text(encoding="utf-8")
        if html.count(CONTENT_TAG) != 1 or any(encoded in html for encoded in ENCODED.values()):
            raise ValueError(f"{page}: cannot be indexed by Pagefind here")
        target = work / page.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(index_text(html.replace(CONTENT_TAG, INDEXED_TAG)), encoding="utf-8")
    command = [sys.executable, "-m", "pagefind", "--site", str(work), "--output-path", str(out / "pagefind")]
    subprocess.run([*command, "--exclude-selectors", ", ".join(EXCLUDED), "--silent"], check=True)
    shutil.rmtree(work)
    shutil.copy(CLIENT, out / "assets" / "search" / "search.js")
    # Pagefind runs WebAssembly, which the site's policy (plansite/csp.py) does not allow.
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        page.write_text(html.replace(WITHOUT_WASM, WITH_WASM, 1), encoding="utf-8")
    return out
