"""The repository's copy of the official text is the document as received, byte for byte.

Every machine compares something: the copy's SHA-256 with the digest recorded in
``sources/SHA256SUMS`` when it was received; where the received document itself is at
hand (the team's ``shared/source/`` beside the repository or a folder above it: the
team's machines and their CI, not GitHub's runners), the copy's bytes with it, and the
recorded digest with its digest, so that the record cannot drift from the document.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from conftest import ROOT, SOURCE

SUMS = SOURCE.parent / "SHA256SUMS"
# One line of `sha256sum`'s output: the digest, two spaces, the file's name.
SUM_LINE = re.compile(r"(?P<digest>[0-9a-f]{64})  (?P<name>[^/\s]+)")


def digest(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()


def recorded_digests(sums: Path) -> dict[str, str]:
    """The digests ``sums`` records, by file name; a line not in `sha256sum`'s form fails the test."""
    recorded = {}
    for number, line in enumerate(sums.read_text(encoding="utf-8").splitlines(), start=1):
        match = SUM_LINE.fullmatch(line)
        assert match, f"{sums.name}:{number} is not a `sha256sum` line: {line!r}"
        recorded[match["name"]] = match["digest"]
    return recorded


def received_document(name: str) -> Path | None:
    """The document as the team received it, when it is on this machine."""
    for folder in ROOT.parents:
        received = folder / "shared" / "source" / name
        if received.is_file():
            return received
    return None


def test_every_text_in_sources_has_its_recorded_digest() -> None:
    recorded = recorded_digests(SUMS)
    texts = sorted(file.name for file in SOURCE.parent.glob("*.txt"))
    assert SOURCE.name in texts
    assert sorted(recorded) == texts, f"{SUMS.name} must record the digest of each text in sources/, and only those"
    for name in texts:
        assert digest(SOURCE.parent / name) == recorded[name], f"sources/{name} is not the document as received ({SUMS.name})"


def test_the_copy_is_the_document_as_received() -> None:
    received = received_document(SOURCE.name)
    if received is None:
        # Only the record to compare with (GitHub's runners): the test above has done so.
        assert digest(SOURCE) == recorded_digests(SUMS)[SOURCE.name]
        return
    assert SOURCE.read_bytes() == received.read_bytes(), f"sources/{SOURCE.name} differs from {received}"
    assert recorded_digests(SUMS)[SOURCE.name] == digest(received), f"{SUMS.name} records another digest than {received}'s"
