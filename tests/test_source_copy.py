"""The repository's copy of the official text is the document as received, byte for byte."""

from __future__ import annotations

import hashlib

from conftest import ROOT, SOURCE

# Where the team receives documents, beside the repository (absent on GitHub's runners).
RECEIVED = ROOT.parent / "shared" / "source" / SOURCE.name


def test_the_copy_is_the_document_as_received() -> None:
    recorded = dict(reversed(line.split()) for line in (SOURCE.parent / "SHA256SUMS").read_text(encoding="utf-8").splitlines())
    assert hashlib.sha256(SOURCE.read_bytes()).hexdigest() == recorded[SOURCE.name]
    # Where the received document is at hand (this team's machines), compare with it too.
    if RECEIVED.is_file():
        assert SOURCE.read_bytes() == RECEIVED.read_bytes()
