"""Build benchmark (issue 14): what a build costs at 1, 10 and 50 plans, ours against plain MkDocs.

For each size, a data folder from ``make_plans``: distinct plans derived from plan 81, not
copies, the same first plans at every size (plan ``k`` is derived the same way whatever the
count), so that the weight of one plan's pages can be compared across sizes: a plan's
text is its own, only what grows with the number of plans (a menu listing them) can make
it heavier. Then, each in a fresh project folder and a fresh process, ``--runs`` times:

- **whole build**: ``python -m plansite build`` as ``make build`` runs it (check the data,
  stubs, open data, MkDocs, security policy, search index, swap);
- **ours**: ``mkdocs build`` of this site, the data pages rendered by ``macros.py``;
- **plain**: ``mkdocs build`` of the very same pages written out as Markdown beforehand,
  with Material and static-i18n and without the macros plugin: what MkDocs costs
  anyway, so ``ours / plain`` is what our rendering adds (target ≤ 1.3).

The whole build also says what its PDF documents (``plansite.pdf``) took: reported apart,
as what the PDFs add to the build.

Timings are medians of wall-clock seconds on this machine; peak memory is the largest
resident set of the build's processes (``getrusage(RUSAGE_CHILDREN)``, so each measured
command runs in a process of its own). Results: a table on stdout and
``bench/results-build.md``; a budget that fails is shown as failing and makes the
command exit with status 1.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from toolkit.plans import make_plans  # noqa: E402

SIZES = (1, 10, 50)
RATIO_BUDGET = 1.3
# A page's cost and a plan page's weight must not grow with the number of plans (issue 24).
GROWTH_BUDGET = 1.2
RESULTS = ROOT / "bench" / "results-build.md"
PDF_LINE = re.compile(r"^PDF documents: (\d+) files, (\d+) bytes, in ([\d.]+) s$", re.MULTILINE)


@dataclass
class Run:
    seconds: float
    peak_mib: float
    output: str = ""

    @property
    def pdf(self) -> tuple[int, int, float]:
        """(files, bytes, seconds) of the PDF documents, as the whole build reports them."""
        found = PDF_LINE.search(self.output)
        if found is None:
            raise SystemExit(f"the build did not say what its PDF documents took:\n{self.output}")
        return int(found.group(1)), int(found.group(2)), float(found.group(3))


@dataclass
class Size:
    plans: int
    pages: int
    whole: list[Run]
    ours: list[Run]
    plain: list[Run]
    # The heaviest HTML page of the first plan (the same plan at every size), and of the
    # whole site, in bytes.
    heaviest_plan_page: tuple[int, str] = (0, "")
    heaviest_page: tuple[int, str] = (0, "")

    @property
    def ms_per_page(self) -> float:
        """What our MkDocs step costs a page, in milliseconds."""
        return Size.median(self.ours) / self.pages * 1000

    @staticmethod
    def median(runs: list[Run]) -> float:
        return statistics.median(run.seconds for run in runs)

    @property
    def ratio(self) -> float:
        return self.median(self.ours) / self.median(self.plain)


def measured(command: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run ``command`` in a process of its own: its wall time and its peak memory."""
    probe = [
        sys.executable,
        "-c",
        "import resource, subprocess, sys, time, json\n"
        "start = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:])\n"
        "seconds = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps([done.returncode, seconds, peak]), file=sys.stderr)\n",
        *command,
    ]
    done = subprocess.run(probe, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    code, seconds, peak_kib = json.loads(done.stderr.strip().splitlines()[-1])
    if code != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{done.stdout}\n{done.stderr}")
    return Run(seconds, peak_kib / 1024, done.stdout)


def project(work: Path) -> Path:
    """A copy of the site's project folder (code linked, docs copied) in ``work``."""
    work.mkdir(parents=True)
    for name in ("mkdocs.yml", "macros.py", "hooks.py"):
        shutil.copy(ROOT / name, work / name)
    for name in ("overrides", "plansite"):
        (work / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "docs", work / "docs", ignore=shutil.ignore_patterns("data", "plans", "agencies", "*.md"))
    for guide in (ROOT / "docs").glob("guide*.md"):  # the editor's guide's pages, in every language
        shutil.copy(guide, work / "docs" / guide.name)
    return work


def plain_project(ours: Path, work: Path) -> Path:
    """``ours`` after a build, its data pages written out as Markdown, without the macros plugin."""
    shutil.copytree(ours, work, symlinks=True, ignore=shutil.ignore_patterns("site", "site.new", "search"))
    environment = {**os.environ, "PLANSITE_DATA": str(work / "build" / "data")}
    script = (
        "import sys; from pathlib import Path\n"
        "from plansite.build import cached_renderer\n"
        "from plansite import registry\n"
        "renderer = cached_renderer(Path(sys.argv[1]), None)\n"
        "pages = {p.path: p for p in registry.all_pages(renderer.site)}\n"
        "for stub in Path(sys.argv[2]).rglob('*.md'):\n"
        "    text = stub.read_text(encoding='utf-8')\n"
        "    if 'plansite_page:' not in text: continue\n"
        "    head, _, _ = text.partition('\\n---\\n')\n"
        "    import json, re\n"
        "    path = json.loads(re.search(r'^plansite_page: (.*)$', head, re.M).group(1))\n"
        "    lang = json.loads(re.search(r'^plansite_lang: (.*)$', head, re.M).group(1))\n"
        "    stub.write_text(head + '\\n---\\n\\n' + renderer.render(pages[path], lang), encoding='utf-8')\n"
    )
    subprocess.run([sys.executable, "-c", script, str(work / "build" / "data"), str(work / "docs")], cwd=work, env=environment, check=True)
    config = yaml.safe_load(re.sub(r"!ENV \[SITE_URL, (\"[^\"]*\")\]", r"\1", (work / "mkdocs.yml").read_text(encoding="utf-8")))
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "macros" in p)]
    config["watch"] = []
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # The guide calls a macro; without the plugin its call would show as text: drop it.
    for guide in (work / "docs").glob("guide*.md"):
        guide.write_text(re.sub(r"\{\{.*?\}\}", "", guide.read_text(encoding="utf-8")), encoding="utf-8")
    return work


def measure_size(plans: int, runs: int, scratch: Path) -> Size:
    data = scratch / f"data-{plans}"
    make_plans(ROOT / "data", data, plans)
    first_plan = min(path.name for path in (data / "plans").iterdir())
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1713830400"}
    whole, ours, plain = [], [], []
    pages = 0
    for run in range(runs):
        folder = project(scratch / f"ours-{plans}-{run}")
        whole.append(measured([sys.executable, "-m", "plansite", "--data", str(data), "build"], folder, env))
        built = list((folder / "site").rglob("*.html"))
        pages = len(built)
        weights = [(path.stat().st_size, path.relative_to(folder / "site").as_posix()) for path in built]
        heaviest_plan_page = max(weight for weight in weights if f"plans/{first_plan}/" in weight[1])
        heaviest_page = max(weights)
        mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(folder / "site-mkdocs")]
        ours.append(measured(mkdocs, folder, {**env, "PLANSITE_DATA": str(folder / "build" / "data")}))
        flat = plain_project(folder, scratch / f"plain-{plans}-{run}")
        plain.append(measured([*mkdocs[:-1], str(flat / "site-mkdocs")], flat, env))
        shutil.rmtree(folder)
        shutil.rmtree(flat)
        print(
            f"  {plans} plan(s), run {run + 1}: whole {whole[-1].seconds:.1f} s (PDFs {whole[-1].pdf[2]:.1f} s), "
            f"ours {ours[-1].seconds:.1f} s, plain {plain[-1].seconds:.1f} s"
        )
    return Size(plans, pages, whole, ours, plain, heaviest_plan_page, heaviest_page)


def report(sizes: list[Size], runs: int) -> tuple[str, bool]:
    versions = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "mkdocs-static-i18n")
    )
    lines = [
        "# Build benchmark",
        "",
        f"Written by `bench/build.py` (`make bench`). {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"{versions}. Medians of {runs} runs, each in a fresh folder and process; seconds of wall-clock time; "
        "peak memory is the largest resident set of the build's processes.",
        "",
        "| plans | pages | whole build (s) | pages/s | peak MiB | ours: mkdocs (s) | ms per page | plain mkdocs (s) | ours / plain "
        "| heaviest page of the first plan (KiB) | heaviest page (KiB) | PDF files | PDF MB | PDFs (s) | PDFs / whole |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    holds = True
    for size in sizes:
        whole = Size.median(size.whole)
        peak = max(run.peak_mib for run in size.whole)
        files, pdf_bytes, _ = size.whole[0].pdf
        pdf_seconds = statistics.median(run.pdf[2] for run in size.whole)
        lines.append(
            f"| {size.plans} | {size.pages} | {whole:.2f} | {size.pages / whole:.0f} | {peak:.0f} | {Size.median(size.ours):.2f} "
            f"| {size.ms_per_page:.0f} | {Size.median(size.plain):.2f} | {size.ratio:.2f} "
            f"| {size.heaviest_plan_page[0] / 1024:.1f} ({size.heaviest_plan_page[1]}) | {size.heaviest_page[0] / 1024:.1f} ({size.heaviest_page[1]}) "
            f"| {files} | {pdf_bytes / 1e6:.2f} | {pdf_seconds:.2f} | {pdf_seconds / whole:.0%} |"
        )
        holds &= size.ratio <= RATIO_BUDGET
    worst = max(size.ratio for size in sizes)
    lines += ["", f"- Budget, ours ≤ {RATIO_BUDGET}x plain MkDocs at every size: worst {worst:.2f}x — {'holds' if holds else 'FAILS'}."]
    if len(sizes) > 1:
        first = sizes[0]
        per_page = max(size.ms_per_page / first.ms_per_page for size in sizes)
        weight = max(size.heaviest_plan_page[0] / first.heaviest_plan_page[0] for size in sizes)
        holds &= per_page <= GROWTH_BUDGET and weight <= GROWTH_BUDGET
        lines.append(
            f"- Budget, MkDocs' time per page at most {GROWTH_BUDGET}x one plan's at every size: worst {per_page:.2f}x — "
            f"{'holds' if per_page <= GROWTH_BUDGET else 'FAILS'}."
        )
        lines.append(
            f"- Budget, the heaviest page of the first plan (the same plan at every size) at most {GROWTH_BUDGET}x "
            f"its weight in a site of one plan: worst {weight:.2f}x — "
            f"{'holds' if weight <= GROWTH_BUDGET else 'FAILS'}. The pages that list every plan (the home page, an agency's "
            "page, the downloads) grow with the plans they list, by design; the heaviest page overall is shown for them."
        )
    return "\n".join(lines) + "\n", holds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="plansite-bench-") as scratch:
        sizes = []
        for plans in args.sizes:
            print(f"{plans} plan(s)…", flush=True)
            sizes.append(measure_size(plans, args.runs, Path(scratch)))
    text, holds = report(sizes, args.runs)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 0 if holds else 1


if __name__ == "__main__":
    start = time.perf_counter()
    code = main()
    print(f"({time.perf_counter() - start:.0f} s)", file=sys.stderr)
    sys.exit(code)
