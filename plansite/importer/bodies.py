"""The bodies a plan names, matched to ``agencies.yml``; those not yet known become proposals.

Used by ``draft``. A name written exactly as one of an agency's spellings is that
agency. A name written nearly so (other capitals, "hoá" for "hóa", "Lao động- Thương
binh" for "Lao động - Thương binh", "Ủy ban nhân dân" for "UBND", or without the
trailing "huyện") is that agency too, and where the plan's lines must resolve through
the spellings (``lead_text``, ``coordinate_text``) the new spelling is added to it for
an editor to confirm. Any other name becomes a proposed agency, Vietnamese name only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from plansite.checks import SPELLING_SEPARATORS
from plansite.models import ID_PATTERN, AgenciesFile, AgencyKind

# Old and new placement of the tone mark on oa, oe, uy (both are correct Vietnamese):
# matched alike, written as the plan writes them.
_TONES = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe"}
_TONES |= {"uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
_TONE = re.compile("|".join(_TONES))
# Words that end a name with its level of government, and may be left out in running text.
_LEVEL = re.compile(r"\s+(?:huyện|tỉnh|thị xã|thành phố|xã)$")
# The long forms of the abbreviations plans use in names.
_LONG = {"ubnd": "ủy ban nhân dân", "hđnd": "hội đồng nhân dân", "mttqvn": "mặt trận tổ quốc việt nam"}
# A person's title before a body's name: "Thủ trưởng các cơ quan", "Chủ tịch UBND các xã".
TITLE_WORDS = r"thủ trưởng|chủ tịch|lãnh đạo|giám đốc|trưởng"
TITLE = rf"(?:{TITLE_WORDS})\s+"
# Between two names of one list.
_BETWEEN = re.compile(rf"\s*(?:[;,]\s*|\s+và\s+|\s+)(?:{TITLE})?")
_LIST_GOES_ON = re.compile(r"\s*(?:[;,]|và\s|$)")


def fold(text: str) -> str:
    """``text`` for matching only: lower case, one tone placement, en dashes as hyphens; same length."""
    lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text).replace("\u2013", "-")
    return _TONE.sub(lambda m: _TONES[m.group()], lowered)


def _pattern(variant: str) -> str:
    """A folded name as a regex: any spacing around hyphens, any run of spaces."""
    parts = re.split(r"(\s*-\s*|\s+)", variant)
    return "".join((r"\s*-\s*" if "-" in part else r"\s+") if i % 2 else re.escape(part) for i, part in enumerate(parts))


def slug(name: str) -> str:
    """An id from a Vietnamese name: "Phòng Tư pháp" -> "phong-tu-phap"."""
    plain = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    words = re.findall(r"[a-z0-9]+", plain)
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > 60:
            break
        out = f"{out}-{word}" if out else word
    return out or "co-quan"


@dataclass
class Proposal:
    """A body the plan names that agencies.yml does not know: an entry for an editor to confirm."""

    id: str
    kind: AgencyKind
    name: str
    spellings: list[str]
    at: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Name:
    """A body's name found in the plan: where it is, and the agency it is (None: not found)."""

    start: int
    end: int
    agency: str | None
    near: bool = False


def guess_kind(name: str) -> AgencyKind:
    folded = fold(name)
    if folded.startswith("phòng "):
        return AgencyKind.district_office
    if folded.startswith("các ") or " các " in folded:
        return AgencyKind.collective
    if folded.startswith(("sở ", "bộ ", "tỉnh ủy", "ủy ban nhân dân tỉnh", "ubnd tỉnh", "ban chấp hành trung ương", "chính phủ")):
        return AgencyKind.higher_level
    return AgencyKind.district_body


class Bodies:
    """The known agencies, the names matched so far, and the proposals and spellings to add."""

    def __init__(self, agencies: AgenciesFile) -> None:
        self.spellings = {s: a.id for a in agencies.agencies for s in a.spellings}
        self.names = {a.id: a.name.vi for a in agencies.agencies}
        self.ids = {a.id for a in agencies.agencies}
        variants: dict[str, set[str]] = {}
        exact: dict[str, str] = {}
        for agency in agencies.agencies:
            for written in {agency.name.vi, *agency.spellings}:
                exact[fold(written)] = agency.id
                for variant in _variants(fold(written)):
                    variants.setdefault(variant, set()).add(agency.id)
        # A variant two agencies share names neither; a known spelling always names its own.
        self.variants = {v: ids.pop() for v, ids in variants.items() if len(ids) == 1} | exact
        self._compile()
        self.proposals: dict[str, Proposal] = {}
        self.added: dict[str, list[str]] = {}  # agency id -> spellings to add

    def _compile(self) -> None:
        ordered = sorted(self.variants, key=len, reverse=True)
        self._regex = re.compile("|".join(f"(?:{_pattern(v)})" for v in ordered)) if ordered else None
        # Near matches may add the level a spelling leaves out: "Phòng Y tế huyện".
        self._patterns = [(re.compile(_pattern(v) + r"(?:\s+(?:huyện|tỉnh|thị xã|thành phố))?"), v) for v in ordered]

    def match_at(self, text: str, pos: int) -> Name | None:
        """The longest known name starting at ``pos`` of ``text``."""
        exact = max((s for s in self.spellings if text.startswith(s, pos) and _ends_word(text, pos + len(s))), key=len, default=None)
        if exact is not None:
            return Name(pos, pos + len(exact), self.spellings[exact])
        folded = fold(text)
        best: Name | None = None
        for pattern, variant in self._patterns:
            found = pattern.match(folded, pos)
            if found and _ends_word(folded, found.end()) and (best is None or found.end() > best.end):
                best = Name(pos, found.end(), self.variants[variant], near=True)
        return best

    def find_all(self, text: str) -> list[Name]:
        """Every known name in running text, left to right, the longest at each place."""
        if self._regex is None:
            return []
        folded = fold(text)
        out = []
        pos = 0
        while found := self._regex.search(folded, pos):
            start = found.start()
            if start > 0 and folded[start - 1].isalnum():
                pos = start + 1
                continue
            name = self.match_at(text, start)
            if name is None:
                pos = start + 1
                continue
            out.append(name)
            pos = name.end
        return out

    def runs(self, text: str) -> list[list[Name]]:
        """The lists of names in running text ("Thủ trưởng các cơ quan, ban ngành; UBND các xã")."""
        runs: list[list[Name]] = []
        for name in self.find_all(text):
            if runs and _BETWEEN.fullmatch(fold(text[runs[-1][-1].end : name.start])):
                runs[-1].append(name)
            else:
                runs.append([name])
        return runs

    def split_line(self, line: str, at: int, kind: AgencyKind | None = None) -> list[Name]:
        """The bodies an assignment line names, in order; unknown ones proposed, near ones given the spelling."""
        text = line.rstrip().rstrip(".")
        out: list[Name] = []
        pos = _after_separators(text, 0)
        while pos < len(text):
            name = self.match_at(text, pos)
            if name is not None and not _LIST_GOES_ON.match(text, name.end):
                # "các cơ quan, ban ngành liên quan" is not "Các cơ quan, ban ngành huyện".
                name = None
            if name is None:
                written = text[pos : self._unknown_end(text, pos)].rstrip(" ,;")
                name = Name(pos, pos + len(written), self.propose(written, at, kind))
            elif name.near and name.agency is not None:
                self.add_spelling(name.agency, text[name.start : name.end])
            out.append(name)
            pos = max(_after_separators(text, name.end), name.end + 1)
        return out

    def _unknown_end(self, text: str, pos: int) -> int:
        """Where an unknown name at ``pos`` ends: at "; ", or at ", " or " và " before a capital or a known name."""
        for gap in re.finditer(r";\s*|,\s+|\s+và\s+", text[pos:]):
            after = pos + gap.end()
            if gap.group().startswith(";") or text[after : after + 1].isupper() or self.match_at(text, after):
                return pos + gap.start()
        return len(text)

    def add_spelling(self, agency_id: str, written: str) -> None:
        if agency_id in self.ids and written not in self.spellings:
            self.added.setdefault(agency_id, []).append(written)
            self.spellings[written] = agency_id

    def propose(self, written: str, at: int, kind: AgencyKind | None = None) -> str:
        """The id of a proposed agency for a name agencies.yml does not know (the same name once)."""
        folded = fold(written)
        for proposal in self.proposals.values():
            if fold(proposal.name) == folded:
                if written not in proposal.spellings:
                    proposal.spellings.append(written)
                proposal.at.append(at)
                self.spellings[written] = proposal.id
                return proposal.id
        base = slug(written)
        agency_id, n = base, 1
        while agency_id in self.ids or agency_id in self.proposals or not re.fullmatch(ID_PATTERN, agency_id):
            n += 1
            agency_id = f"{base}-{n}"
        self.proposals[agency_id] = Proposal(agency_id, kind or guess_kind(written), written, [written], [at])
        self.spellings[written] = agency_id
        # Named again further on, in running text too, it is the same proposed body.
        self.variants[folded] = agency_id
        self._compile()
        return agency_id


def _variants(folded: str) -> set[str]:
    out = {folded}
    shorter = _LEVEL.sub("", folded)
    # Without "huyện", a name needs three words still: "UBND các xã" is not "UBND các".
    if shorter != folded and len(shorter.split()) >= 3:
        out.add(shorter)
    for short, long in _LONG.items():
        out |= {v.replace(short, long) for v in out if short in v} | {v.replace(long, short) for v in out if long in v}
    return out


def _after_separators(text: str, pos: int) -> int:
    found = SPELLING_SEPARATORS.match(text, pos)
    return found.end() if found else pos


def _ends_word(text: str, end: int) -> bool:
    return end >= len(text) or not text[end].isalnum()
