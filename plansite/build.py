"""Build the whole site, atomically: ``python -m plansite build`` (``make build``).

1. load and check the data: on any problem, list them all and stop;
2. copy the files the check read, and only those, to ``build/data/``, the copy the site
   generator renders from (so a file edited during a build or a preview never reaches a
   page unchecked, and nothing the check refused, a link for one, is ever copied);
3. write the page stubs, the navigation, the open-data files and the PDF documents
   under ``docs/``, and the list of those files with their sizes;
4. run MkDocs (strict) into a new folder, with ``SOURCE_DATE_EPOCH`` set from the
   history, never the clock, so two builds of one commit are byte-identical;
5. minify the site's own stylesheets and scripts (their sources keep their comments), take
   the templates' indentation out of the pages, add the Content-Security-Policy to every
   page, build the search index, and write what reading offline needs (the manifest, the
   sizes shown, the worker's version);
6. only then put the new folder in the place of ``site/``.

Any failure prints its real reason and leaves ``site/`` as it was, byte for byte.
``cached_renderer`` is what ``macros.py`` renders pages with: the data is loaded
once per process however many language builds MkDocs runs.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import rcssmin  # type: ignore[import-untyped]  # no type information shipped
import rjsmin  # type: ignore[import-untyped]  # no type information shipped
import yaml

from plansite import csp, editions, offline, registry, search, theme
from plansite.families.base import REFERENCE
from plansite.languages import CODES
from plansite.load import SiteData, load_site
from plansite.models import PLACEHOLDER_REPOSITORY, MissingText
from plansite.opendata.dictionary import ColumnsError
from plansite.opendata.files import export
from plansite.opendata.listing import read_listing, write_listing
from plansite.opendata.writers import CellTooLong
from plansite.pages import GUIDE, write_pages
from plansite.pdf.documents import write_documents
from plansite.pdf.typesetter import PdfError
from plansite.render import Renderer
from plansite.routes import RouteConflict
from plansite.source import DataError
from plansite.strings import lookup


class BuildError(Exception):
    """A step of the build failed; the message says which and why."""


def fingerprint(data_dir: Path) -> tuple[tuple[str, int, int, int], ...]:
    """Every entry under ``data_dir`` with its type, size and modification time, as it is:
    links are not followed (``load`` refuses them), so none can lead the walk elsewhere."""
    found = []
    for folder, folders, files in os.walk(data_dir):
        for name in sorted(folders + files):
            path = Path(folder, name)
            info = path.lstat()
            found.append((path.relative_to(data_dir).as_posix(), info.st_mode, info.st_size, info.st_mtime_ns))
    return tuple(sorted(found))


# Beside the data snapshot: the list of open-data files (paths and sizes) the pages show.
LISTING = "data-files.json"
_RENDERERS: dict[tuple[str, str | None], tuple[tuple[object, ...], Renderer]] = {}


def cached_renderer(data_dir: Path, site_url: str | None) -> Renderer:
    """A renderer of the data in ``data_dir`` and the file listing beside it, loaded again
    only when one of them changed (MkDocs builds each language in the same process)."""
    key = (str(data_dir.resolve()), site_url)
    listing = data_dir.with_name(LISTING)
    current = (*fingerprint(data_dir), listing.stat().st_mtime_ns if listing.is_file() else None)
    cached = _RENDERERS.get(key)
    if cached is None or cached[0] != current:
        files = read_listing(listing) if listing.is_file() else None
        _RENDERERS[key] = (current, Renderer(load_site(data_dir), site_url=site_url, listing=files))
    return _RENDERERS[key][1]


def source_date_epoch(project: Path, site: SiteData) -> str:
    """The build's date: ``SOURCE_DATE_EPOCH`` when set, else the last commit's, else
    the newest plan's date (a copy without history); never the clock."""
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if given:
        return given
    try:
        done = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=project, capture_output=True, text=True, check=False, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        done = None
    if done is not None and done.returncode == 0 and done.stdout.strip().isdigit():
        return done.stdout.strip()
    newest = max(data.plan.date for data in site.plans.values())
    return str(int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp()))


def site_url(project: Path) -> str:
    """Where the site is published, as ``mkdocs.yml`` sets it: the ``SITE_URL`` variable,
    else the default written there (the PDF documents print it; the tests serve under it)."""

    class Loader(yaml.SafeLoader):
        pass

    def env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        assert isinstance(node, yaml.SequenceNode)
        *names, default = loader.construct_sequence(node)
        return next((os.environ[name] for name in names if name in os.environ), default)

    Loader.add_constructor("!ENV", env)
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)  # a SafeLoader
    url = str(config["site_url"])
    return url if url.endswith("/") else url + "/"


def snapshot(data_dir: Path, files: tuple[str, ...], target: Path) -> None:
    """``target`` becomes a copy of the ``files`` of ``data_dir`` the loader read (paths
    relative to it), and of nothing else."""
    fresh = target.with_name(target.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    for name in files:
        copy = fresh / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(data_dir / name, copy, follow_symlinks=False)
    shutil.rmtree(target, ignore_errors=True)
    fresh.rename(target)


def prepare(data_dir: Path, project: Path, pdf: bool = True) -> SiteData:
    """Steps 1-3: check the data, snapshot it, write stubs, navigation, open data and, with
    ``pdf``, the PDF documents. Raises ``DataError`` (every problem) before anything is
    written, and ``BuildError`` when the PDF documents cannot be made."""
    site = load_site(data_dir)
    work = project / "build"
    snapshot(data_dir, site.files, work / "data")
    try:
        write_pages(site, project / "docs", work)
        files = export(site, project / "docs" / "data")
    except (RouteConflict, CellTooLong) as err:
        raise BuildError(f"cannot write the pages and the open data: {err}") from None
    if not pdf:
        write_listing([file.listed() for file in files], work / LISTING)
        return site
    built = dt.datetime.fromtimestamp(int(source_date_epoch(project, site)), dt.UTC)
    start = time.perf_counter()
    try:
        documents = write_documents(site, project / "docs" / "data", built, site_url(project), work / "pdf-cache")
    except PdfError as err:
        raise BuildError(f"cannot make the PDF documents: {err}") from None
    # What the PDFs cost, said on every build (bench/build.py reads this line).
    print(
        f"PDF documents: {len(documents)} files, {sum(d.size for d in documents)} bytes, in {time.perf_counter() - start:.2f} s", flush=True
    )
    write_listing([file.listed() for file in [*files, *documents]], work / LISTING)
    return site


def run_mkdocs(project: Path, out: Path, epoch: str) -> None:
    env = {**os.environ, "PLANSITE_DATA": str(project / "build" / "data"), "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        # Everything MkDocs said but its INFO lines: the reason is among them.
        said = [line for line in (done.stdout + done.stderr).splitlines() if not line.startswith("INFO")]
        raise BuildError("MkDocs could not build the site:\n" + "\n".join(said))


def minify_assets(out: Path) -> None:
    """The site's own stylesheets under ``out/assets`` and its scripts (``assets/js``)
    without their comments and spaces: every page loads them, so their bytes count on every
    first visit (Material's own come minified, ``*.min.css``, ``*.min.js``)."""
    for sheet in sorted((out / "assets").rglob("*.css")):
        if not sheet.name.endswith(".min.css"):
            sheet.write_text(rcssmin.cssmin(sheet.read_text(encoding="utf-8")), encoding="utf-8")
    for script in sorted((out / "assets" / "js").glob("*.js")):
        script.write_text(rjsmin.jsmin(script.read_text(encoding="utf-8")), encoding="utf-8")


# Whitespace between two tags with a line break in it: the templates' indentation and blank
# lines. Shown, it is one space either way, so it becomes one line break. Left as they are:
# the elements whose whitespace is their content (pre, textarea, code and kbd, which print
# with their spaces) and scripts and styles (whose exact text the security policy hashes).
# An attribute's value holding a bare ">", a line break and a "<" would be taken for it:
# none does, as the templates escape both in every value they write.
_BETWEEN_TAGS = re.compile(r">[ \t\r\n]*\n[ \t\r\n]*<")
_KEPT_AS_WRITTEN = re.compile(r"<(pre|textarea|code|kbd|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)


def squeeze(html: str) -> str:
    """``html`` without the whitespace between tags that a reader never sees (see above).

    About 10 % of a page's bytes; compressed, 4 %, which brings the full text of the plan
    under the 14.6 KB a phone's connection receives in its first round trip (Lighthouse's
    first paint on a slow connection: 1.05 s before, 0.90 s after)."""
    parts, start = [], 0
    for kept in _KEPT_AS_WRITTEN.finditer(html):
        parts += [_BETWEEN_TAGS.sub(">\n<", html[start : kept.start()]), kept.group(0)]
        start = kept.end()
    parts.append(_BETWEEN_TAGS.sub(">\n<", html[start:]))
    return "".join(parts)


def finish_pages(out: Path) -> list[str]:
    """Every page of ``out`` squeezed (``squeeze``) and given its security policy
    (``csp.with_policy``), in one reading and one writing of each; the problems (pages
    that cannot have a policy) are returned."""
    problems = []
    for page in sorted(out.rglob("*.html")):
        try:
            page.write_text(csp.with_policy(squeeze(page.read_text(encoding="utf-8"))), encoding="utf-8")
        except csp.UnknownInlineScript as err:
            problems.append(f"{page.relative_to(out)}: {err}")
    return problems


def search_facts(site: SiteData) -> dict[str, search.PageFacts]:
    """Each published page's plan, search weight and readers' terms (facts of its family),
    by URL; the editor's guide's pages, hand-written, count as reading aids."""
    facts = {}
    for page, lang in registry.published(site):
        family = registry.FAMILIES[page.kind]
        terms = family.search_terms(site, page, lang) if family.search_terms else ()
        facts[page_url(page.path, lang)] = search.PageFacts(page.plan, family.search_weight, terms)
    for lang in CODES:
        for path in GUIDE:
            facts[page_url(path, lang)] = search.PageFacts(None, REFERENCE)
    return facts


def page_url(path: str, lang: str) -> str:
    """The site-relative URL of the page of ``path`` in ``lang``: "en/plans/p/targets/", "" for the home page."""
    directory = editions.page_directory(path, lang)
    return directory + "/" if directory else ""


def build(data_dir: Path, project: Path, site_dir: Path) -> SiteData:
    """The whole build; ``site_dir`` is replaced only when every step succeeded."""
    site = prepare(data_dir, project)
    work = project / "build"
    new = work / "site.new"
    shutil.rmtree(new, ignore_errors=True)
    try:
        run_mkdocs(project, new, source_date_epoch(project, site))
        minify_assets(new)
        problems = finish_pages(new)
        if problems:
            raise BuildError("cannot add the Content-Security-Policy:\n" + "\n".join(problems))
        try:
            offers = {code: lookup(code, "search_elsewhere") for code in CODES}
            search.build_index(new, search_facts(site), offers)
        except search.SearchIndexError as err:
            raise BuildError(f"cannot build the search index: {err}") from None
        try:
            offline.write_manifest(new)
        except offline.OfflineError as err:
            raise BuildError(f"cannot make the site readable offline: {err}") from None
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    old = work / "site.old"
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    new.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    return site


def main(data_dir: Path, project: Path, site_dir: Path) -> int:
    try:
        site = build(data_dir, project, site_dir)
    except DataError as err:
        print(err, file=sys.stderr)
        print(f"The site was not built; {site_dir} is unchanged.", file=sys.stderr)
        return 1
    except (BuildError, ColumnsError, MissingText) as err:
        # A step the data passed but the code could not take (a column without a meaning,
        # a text needed in a language the check did not require): said, never a traceback.
        print(err, file=sys.stderr)
        print(f"The site was not built; {site_dir} is unchanged.", file=sys.stderr)
        return 1
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    print(f"built {site_dir}: {pages} pages, {len(site.plans)} plan(s), {len(site.agencies)} agencies")
    if theme.repository(site.settings, os.environ) is None:
        print(PLACEHOLDER_NOTE.format(placeholder=PLACEHOLDER_REPOSITORY, variable=theme.REPOSITORY_VARIABLE))
    return 0


# A build of the repository's placeholder is a good build (a preview, a fork): it says
# what its readers will not see, in one line.
PLACEHOLDER_NOTE = (
    "note: the repository is still the placeholder {placeholder} (data/site.yml; {variable} is not set): "
    "the pages show no GitHub feedback, edit or source link"
)
