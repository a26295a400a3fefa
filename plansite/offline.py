"""Offline reading (issue 22): what a reader's browser may store of the built site, written
into it by ``build`` after the search index.

- ``offline.json`` at the site's root, the manifest: for each language the files a reader
  stores with "save for reading offline" and their total bytes; for every file its bytes
  and its SHA-256 as Subresource Integrity writes it (the browser checks each file it
  stores against it, so a stored copy is all of one build); the build's version;
- that total, written with ``formatting.size`` into the control of every page of the
  language (the ``<span data-offline-size>`` the control's template leaves empty);
- ``sw.js``, the service worker (``docs/sw.js``), with the build's version written in: a
  browser takes a worker whose bytes changed for a new publication, and stores it anew.

A language's files are read from the built site, so that whatever a build adds joins them
without a change here: every page whose ``<html lang>`` is the language; every file of the
site those pages load or link to (stylesheets, scripts, images, and the downloads: open
data, PDFs); every file in the folders of the site's own scripts, which load more on
demand (the search, the saving itself); and the language's search index.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import posixpath
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from plansite import formatting, search

MANIFEST = "offline.json"
WORKER = "sw.js"
# The worker's line that names its build; "dev" in docs/sw.js, the version once built.
_WORKER_VERSION = re.compile(r'^const VERSION = "[^"\n]*";$', re.MULTILINE)
# Loaded by the site's scripts rather than named in a page (docs/assets/search/opener.js
# loads the search, docs/assets/js/site.js the saving): every file in these folders.
SCRIPTS_LOAD = ("assets/js/", "assets/search/")
# Not a page of either language: the page-not-found page, served at any missing address.
NOT_PAGES = ("404.html",)
# Where a template wants the size of its language's files. A "<" in a page's text is
# always escaped, so no text from the data can be taken for it.
_SIZE = re.compile(r"(<span data-offline-size>)[^<]*(</span>)")
_LANG = re.compile(r"<html\b[^>]*\blang=\"([^\"]+)\"")
_REFERENCE = re.compile(r"\b(?:href|src)=\"([^\"]*)\"")
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


class OfflineError(Exception):
    """The built site cannot be made readable offline; the message says why."""


@dataclass(frozen=True)
class Manifest:
    version: str
    sizes: dict[str, int]  # bytes a reader stores, by language
    files: dict[str, list[str]]  # each language's files, by address relative to the site's root


def address(site: Path, file: Path) -> str:
    """A file's address relative to the site's root: a folder's page is the folder ("plans/p/")."""
    relative = file.relative_to(site).as_posix()
    return relative.removesuffix("index.html") if relative == "index.html" or relative.endswith("/index.html") else relative


def page_languages(site: Path) -> dict[str, list[Path]]:
    """The pages of the built site by the language of their ``<html lang>``."""
    pages: dict[str, list[Path]] = {}
    for page in sorted(site.rglob("*.html")):
        if page.relative_to(site).as_posix() in NOT_PAGES:
            continue
        found = _LANG.search(page.read_text(encoding="utf-8"))
        if not found:
            raise OfflineError(f"{page.relative_to(site)}: no <html lang>")
        pages.setdefault(found.group(1), []).append(page)
    return pages


def _target(site: Path, referrer: Path, reference: str) -> Path | None:
    """The file of the site ``reference`` (from ``referrer``) names, if it names one."""
    parts = urllib.parse.urlsplit(html.unescape(reference))
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    relative = posixpath.normpath(posixpath.join(referrer.parent.relative_to(site).as_posix(), urllib.parse.unquote(parts.path)))
    if relative.startswith(".."):
        return None
    target = site / relative
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def loaded_files(site: Path, pages: list[Path]) -> set[Path]:
    """The files other than pages that ``pages`` load or link to, and what their stylesheets load."""
    found: set[Path] = set()
    queue = [(page, reference) for page in pages for reference in _REFERENCE.findall(page.read_text(encoding="utf-8"))]
    while queue:
        referrer, reference = queue.pop()
        target = _target(site, referrer, reference)
        if target is None or target.suffix == ".html" or target in found:
            continue
        found.add(target)
        if target.suffix == ".css":
            queue += [(target, url) for url in _CSS_URL.findall(target.read_text(encoding="utf-8"))]
    return found


def language_files(site: Path, lang: str, pages: list[Path]) -> list[Path]:
    """Every file a reader of ``lang`` stores (see the module's docstring), in address order."""
    index = site / search.OUTPUT
    files = set(pages) | loaded_files(site, pages)
    files |= {file for folder in SCRIPTS_LOAD for file in (site / folder).rglob("*") if file.is_file()}
    files |= {index / f"{lang}.json", *(file for file in (index / lang).rglob("*") if file.is_file())}
    missing = [address(site, file) for file in files if not file.is_file()]
    if missing:
        raise OfflineError(f"missing from the built site: {', '.join(sorted(missing))}")
    return sorted(files, key=lambda file: address(site, file))


def integrity(file: Path) -> str:
    """The file's SHA-256 as Subresource Integrity (and ``fetch``'s ``integrity``) writes it."""
    return "sha256-" + base64.b64encode(hashlib.sha256(file.read_bytes()).digest()).decode("ascii")


def show_sizes(pages: dict[str, list[Path]], files: dict[str, list[Path]]) -> dict[str, int]:
    """Write each language's total into its pages; return the totals.

    The pages are among the files counted, so writing a total changes it by a few bytes:
    written again until what the pages show is the total they make."""
    shown: dict[str, str] = {}
    for _ in range(5):
        totals = {lang: sum(file.stat().st_size for file in files[lang]) for lang in files}
        wanted = {lang: formatting.size(total, lang) for lang, total in totals.items()}
        if wanted == shown:
            return totals
        for lang, text in wanted.items():
            for page in pages[lang]:
                before = page.read_text(encoding="utf-8")
                after = _SIZE.sub(lambda match: match.group(1) + html.escape(text) + match.group(2), before)  # noqa: B023
                if after != before:
                    page.write_text(after, encoding="utf-8")
        shown = wanted
    raise OfflineError("the sizes shown on the pages do not settle")


def write_manifest(site: Path) -> Manifest:
    """Write the sizes into the pages, ``offline.json`` and the worker's version; return the manifest."""
    pages = page_languages(site)
    files = {lang: language_files(site, lang, own) for lang, own in pages.items()}
    sizes = show_sizes(pages, files)
    every = sorted({file for own in files.values() for file in own}, key=lambda file: address(site, file))
    addresses = {lang: [address(site, file) for file in files[lang]] for lang in sorted(files)}
    content = {
        "languages": {lang: {"size": sizes[lang], "files": addresses[lang]} for lang in addresses},
        "files": {address(site, file): [integrity(file), file.stat().st_size] for file in every},
    }
    version = hashlib.sha256(json.dumps(content, sort_keys=True).encode("utf-8")).hexdigest()[:16]
    (site / MANIFEST).write_text(json.dumps({"version": version, **content}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    worker = site / WORKER
    if not worker.is_file():
        raise OfflineError(f"no {WORKER} in the built site (docs/{WORKER})")
    text, count = _WORKER_VERSION.subn(f'const VERSION = "{version}";', worker.read_text(encoding="utf-8"))
    if count != 1:
        raise OfflineError(f'{WORKER} must have one line const VERSION = "…"; it has {count}')
    worker.write_text(text, encoding="utf-8")
    return Manifest(version, sizes, addresses)
