"""The one static server of the tests and the benchmark: a built site served on
127.0.0.1 the way GitHub Pages serves it.

- under a path prefix (``/`` or a project site's ``/repo/``);
- a folder's address serves its ``index.html``, and a folder named without its final
  ``/`` is redirected (301) to it, as is the prefix itself;
- anything missing, or outside the prefix, is ``404.html`` with status 404;
- text is sent gzip-compressed (level 6) when the request accepts gzip, with the
  MIME types GitHub Pages gives (``text/javascript`` for module scripts, ``.wasm``,
  ``.ics``, ``.xlsx``…); HEAD is answered with the headers alone;
- one thread per connection, HTTP/1.1 keep-alive, no log lines;
- a ``Ledger``, if given, records every response: when, what, status, bytes sent.

The page-weight check (``toolkit.links.transfer_size``) compresses with the same rule.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import mimetypes
import posixpath
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# zlib's default level, the usual server setting; slightly larger files than level 9,
# so the safer estimate of what a reader downloads.
GZIP_LEVEL = 6
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".webmanifest": "application/manifest+json; charset=utf-8",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".wasm": "application/wasm",
    ".ico": "image/x-icon",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".webp": "image/webp",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".gz": "application/gzip",
}
# Sent compressed: text, and the formats that are text underneath. Images, fonts,
# spreadsheets, WebAssembly and Pagefind's index files (gzip already) go as they are.
COMPRESSED = ("text/", "application/json", "application/manifest+json", "application/xml", "image/svg+xml", "image/x-icon")


def content_type(path: str) -> str:
    """The Content-Type a file is served with (unknown kinds: application/octet-stream)."""
    suffix = posixpath.splitext(path)[1].lower()
    return TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


def is_compressed(path: str) -> bool:
    """Whether the file is sent gzip-compressed to a browser that accepts it."""
    return content_type(path).startswith(COMPRESSED)


def compress(body: bytes) -> bytes:
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)


def _content(file: Path, gzipped: bool) -> bytes:
    """The body of ``file`` as sent, compressed once per version of the file."""
    stat = file.stat()
    return _cached_content(file, stat.st_mtime_ns, stat.st_size, gzipped)


@functools.lru_cache(maxsize=4096)
def _cached_content(file: Path, mtime_ns: int, size: int, gzipped: bool) -> bytes:
    content = file.read_bytes()
    return compress(content) if gzipped else content


@dataclass(frozen=True)
class Response:
    at: float  # time.monotonic() when the response was sent
    path: str  # the request's path, without its query
    status: int
    sent: int  # bytes of the body on the wire (compressed if it was)


class Ledger:
    """Every response a server sent, in order."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._responses: list[Response] = []

    def add(self, response: Response) -> None:
        with self._lock:
            self._responses.append(response)

    @property
    def responses(self) -> list[Response]:
        with self._lock:
            return list(self._responses)

    def between(self, start: float, end: float) -> list[Response]:
        """The responses sent from ``start`` to ``end`` (time.monotonic() values)."""
        return [response for response in self.responses if start <= response.at <= end]


class _PagesHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 60  # an idle keep-alive connection is closed after this many seconds
    site: Path
    prefix: str
    ledger: Ledger | None

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _answer(self, body: bool) -> None:
        raw_path, _, query = self.path.partition("?")
        raw_path = raw_path.split("#", 1)[0]
        path = urllib.parse.unquote(raw_path)
        if path + "/" == self.prefix:
            self._redirect(raw_path + "/" + ("?" + query if query else ""), raw_path)
            return
        relative = posixpath.normpath("/" + path[len(self.prefix) :]).lstrip("/") if path.startswith(self.prefix) else None
        target = self.site / relative if relative is not None else None
        if target is not None and target.is_dir():
            if not path.endswith("/"):
                self._redirect(raw_path + "/" + ("?" + query if query else ""), raw_path)
                return
            target = target / "index.html"
        if target is not None and target.is_file():
            self._send(200, target, raw_path, body)
        else:
            self._send(404, self.site / "404.html", raw_path, body)

    def _send(self, status: int, file: Path, path: str, body: bool) -> None:
        found = file.is_file()
        gzipped = found and is_compressed(file.name) and "gzip" in self.headers.get("Accept-Encoding", "")
        content = _content(file, gzipped) if found else b"Not Found"
        kind = content_type(file.name) if found else "text/plain; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(content)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        # Recorded before the body goes: a client that has it finds it in the ledger.
        self._record(path, status, len(content) if body else 0)
        if body:
            self.wfile.write(content)

    def _redirect(self, location: str, path: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self._record(path, 301, 0)
        self.end_headers()

    def _record(self, path: str, status: int, sent: int) -> None:
        if self.ledger is not None:
            self.ledger.add(Response(time.monotonic(), path, status, sent))

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that closes a connection mid-answer is no error of the site's.
        pass


@contextlib.contextmanager
def serve(site: Path, prefix: str = "/", *, ledger: Ledger | None = None) -> Iterator[str]:
    """``site`` served on 127.0.0.1 under ``prefix``; yields its address, ending in ``prefix``."""
    if not (prefix.startswith("/") and prefix.endswith("/")):
        raise ValueError(f"the prefix must start and end with '/': {prefix!r}")
    handler = type("PagesHandler", (_PagesHandler,), {"site": site, "prefix": prefix, "ledger": ledger})
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
