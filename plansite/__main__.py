"""Command line for the chores around the data: ``python -m plansite --help``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from plansite.load import load_site, translation_report
from plansite.opendata.writers import CellTooLong
from plansite.routes import RouteConflict
from plansite.source import DataError

ROOT = Path.cwd()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="plansite", description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder (default: ./data)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate the data and list every problem")
    pages = commands.add_parser("pages", help="write the page stubs and navigation")
    pages.add_argument("--docs", type=Path, default=ROOT / "docs")
    pages.add_argument("--work", type=Path, default=ROOT / "build", help="where the list of stubs written is kept (default: ./build)")
    export = commands.add_parser("export", help="write the open-data files")
    export.add_argument("--out", type=Path, default=ROOT / "docs" / "data")
    schema = commands.add_parser("schema", help="write the JSON Schemas for editors")
    schema.add_argument("--out", type=Path, default=ROOT / "schemas")
    build = commands.add_parser("build", help="check the data and build the whole site; site/ is replaced only on success")
    build.add_argument("--site", type=Path, default=ROOT / "site", help="where the site goes (default: ./site)")
    serve = commands.add_parser("serve", help="preview the site, rebuilt as the data changes")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="the address to serve on (default: 127.0.0.1:8000)")
    links = commands.add_parser("linkcheck-external", help="check that every external link of the built site answers")
    links.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: ./site)")
    links.add_argument("--site-url", help="where the site is published (default: its home page's canonical URL)")
    args = parser.parse_args(argv)

    if args.command == "linkcheck-external":
        from plansite.sitecheck import Site, check_external_links, external_links, home_canonical

        built = Site(args.site, args.site_url or home_canonical(args.site))
        broken = check_external_links(built)
        for url, problem in sorted(broken.items()):
            print(f"{url}: {problem}", file=sys.stderr)
        print(f"{len(external_links(built)) - len(broken)} external links answer, {len(broken)} do not")
        return 1 if broken else 0
    if args.command == "build":
        from plansite.build import main as build_main

        return build_main(args.data, ROOT, args.site)
    if args.command == "serve":
        from plansite.serve import serve as run_server

        return run_server(args.data, ROOT, args.dev_addr)
    if args.command == "schema":
        from plansite.schema import write_schemas

        for path in write_schemas(args.out):
            print(f"wrote {path}")
        return 0
    try:
        return _data_command(args)
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    except (RouteConflict, CellTooLong) as err:
        print(f"plansite {args.command}: {err}", file=sys.stderr)
        return 1
    except Exception as err:
        # The last resort, for a bug the checks missed: one plain line, never a traceback.
        print(
            f"plansite {args.command}: internal error ({type(err).__name__}): a bug in plansite, not a mistake in the data; "
            "please report it with the data that caused it",
            file=sys.stderr,
        )
        return 1


def _data_command(args: argparse.Namespace) -> int:
    """``check``, ``pages`` or ``export``: load the data, then write what the command makes."""
    site = load_site(args.data)
    if args.command == "pages":
        from plansite.languages import CODES
        from plansite.pages import navigation, write_pages
        from plansite.render import Renderer

        written = write_pages(site, args.docs, args.work)
        # The menu of each edition, as hooks.py makes it during the build.
        renderer = Renderer(site)
        entries = sum(len(navigation(renderer, lang)) for lang in CODES)
        print(f"wrote {len(written)} page stubs; the menus hold {entries} top-level entries")
    elif args.command == "export":
        from plansite.opendata.files import write_exports

        files = write_exports(site, args.out)
        print(f"wrote {len(files)} open-data files in {args.out}")
    else:
        print(f"data OK: {len(site.plans)} plan(s), {len(site.agencies)} agencies")
        for line in translation_report(site):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
