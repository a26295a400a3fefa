"""Live preview: ``python -m plansite serve`` (``make serve``).

MkDocs' own server rebuilds the pages whenever the stubs, the navigation, the data
snapshot, the templates or the code change. This module watches ``data/`` for it:
on every change it checks the data again and, when the data is good, writes the
snapshot, stubs, navigation and open data (``build.prepare``), so titles, menu and
descriptions follow the data as the pages do. When the data is broken, it lists
every problem in the terminal and writes nothing: the server goes on answering
with the last good pages.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from plansite.build import BuildError, fingerprint, prepare
from plansite.source import DataError

POLL_SECONDS = 0.5
# How long MkDocs' server is given to stop before it is killed.
STOP_SECONDS = 10


def refresh(data_dir: Path, project: Path) -> bool:
    """Check the data and, when it is good, write what the server builds from."""
    try:
        prepare(data_dir, project)
    except (DataError, BuildError) as err:
        print(f"\n{err}\nThe preview keeps showing the last good pages until these are fixed.\n", file=sys.stderr, flush=True)
        return False
    print("data checked: the preview is being rebuilt", file=sys.stderr, flush=True)
    return True


class Stopped(Exception):
    """The preview was asked to stop (SIGTERM from a process manager or a task runner)."""


def _stop(signum: int, frame: object) -> None:
    raise Stopped


def serve(data_dir: Path, project: Path, address: str) -> int:
    """Run MkDocs' server and follow the data until stopped by Ctrl-C (SIGINT) or SIGTERM;
    either way the server is stopped too, so it never keeps the port after us."""
    if not refresh(data_dir, project):
        return 1
    env = {**os.environ, "PLANSITE_DATA": str(project / "build" / "data"), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "-f", str(project / "mkdocs.yml"), "--dev-addr", address]
    previous = signal.signal(signal.SIGTERM, _stop)
    server = subprocess.Popen(command, cwd=project, env=env)
    seen = fingerprint(data_dir)
    try:
        while server.poll() is None:
            time.sleep(POLL_SECONDS)
            now = fingerprint(data_dir)
            if now != seen:
                seen = now
                refresh(data_dir, project)
    except (KeyboardInterrupt, Stopped):
        pass
    finally:
        # Not again while stopping: a second signal must not leave the server behind.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        server.terminate()
        try:
            server.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        signal.signal(signal.SIGTERM, previous)
    return 0
