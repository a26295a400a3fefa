"""A local stand-in for GitHub Pages, for tests: the site under a path prefix, and
404.html with status 404 for anything missing or outside the prefix."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves ``directory`` under ``prefix`` only; anything else is the site's 404 page."""

    prefix = "/"

    def __init__(self, *args: object, directory: str, prefix: str, **kwargs: object) -> None:
        self.prefix = prefix
        super().__init__(*args, directory=directory, **kwargs)  # type: ignore[arg-type]

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / "\0outside")
        return super().translate_path("/" + clean[len(self.prefix) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path, prefix: str) -> Iterator[str]:
    """``site`` served on 127.0.0.1 under ``prefix``; yields the site's address."""
    handler = functools.partial(PagesHandler, directory=str(site), prefix=prefix)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
