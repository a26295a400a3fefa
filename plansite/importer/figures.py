"""The targets in a bullet of specific objectives: each clause, its figure, comparator and unit.

Used by ``draft``. A bullet is cut into clauses at ";" and at the end of a sentence,
and a clause again at ", " where each part states a figure of its own ("đạt 99,5%,
cấp trung học cơ sở tối thiểu đạt 97,5%"). A part without a figure stays with the part
before it ("Bảo đảm 100% …, có mức sống …"), or with the figure after it when it names
what is measured ("Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ đạt 35-40%"), or
stands alone as a target without a figure. A list of counts per so many people ("45
giường bệnh viện, 13 bác sĩ … trên 10.000 dân") is one target per count, each with what
it counts as its measure. Units are those of ``units.yml``, found by their Vietnamese
label; a figure in no known unit is left for an editor (the target keeps its words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plansite.importer.bodies import fold

NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
# The words before a figure that say how it compares, longest first (folded text).
COMPARATORS = tuple(
    (fold(words), comparator)
    for words, comparator in (
        ("không thấp hơn", "ge"),
        ("không dưới", "ge"),
        ("tối thiểu đạt", "ge"),
        ("đạt tối thiểu", "ge"),
        ("đạt ít nhất", "ge"),
        ("ít nhất", "ge"),
        ("tối thiểu", "ge"),
        ("không vượt quá", "le"),
        ("không quá", "le"),
        ("tối đa", "le"),
        ("dưới", "lt"),
        ("thấp hơn", "lt"),
        ("trên", "gt"),
        ("cao hơn", "gt"),
        ("hơn", "gt"),
        ("đạt khoảng", "approx"),
        ("khoảng", "approx"),
        ("xấp xỉ", "approx"),
        ("đạt", "eq"),
        ("bằng", "eq"),
    )
)
# A part that names what is measured, whose figure follows after a comma.
_SUBJECT = re.compile(r"^(?:tỷ lệ|tỉ lệ|số|chỉ số|mức|tổng số)\s")
_CLAUSES = re.compile(r";\s*|\.\s+(?=[A-ZĐÀ-Ỹ0-9])|\.\s*$")
_PARTS = re.compile(r",\s+|\s+và\s+")
_PER_PEOPLE = re.compile(rf"(?:trên|/)\s*(?P<n>{NUMBER})\s*dân\s*$")


@dataclass(frozen=True)
class Reading:
    """One target of a bullet: where its clause is in the bullet's text, and its figure if it has one."""

    start: int
    end: int
    comparator: str | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    measure: str | None = None
    # For the review report: why the reading needs a second look.
    doubt: str | None = None


@dataclass(frozen=True)
class _Figure:
    start: int
    comparator: str
    value: float
    value_max: float | None
    unit: str


def number(written: str) -> float:
    """A figure as the plan writes it ("10.000", "99,5", "04") as a number."""
    return float(written.replace(".", "").replace(",", "."))


class Figures:
    """Reads targets with the units of ``units.yml`` (Vietnamese label -> id)."""

    def __init__(self, units: dict[str, str]) -> None:
        self.per_people: dict[float, str] = {}
        plain: dict[str, str] = {}
        for label, unit_id in units.items():
            per = _PER_PEOPLE.search(fold(label))
            if per and per.start() == 0:
                self.per_people[number(per.group("n"))] = unit_id
            else:
                plain[fold(label).replace("m²", "m2")] = unit_id
        self.units = {_unit_key(label): unit_id for label, unit_id in plain.items()}
        labels = "|".join(re.escape(label).replace("m2", "m[2²]").replace(r"\ ", r"\s*") for label in sorted(plain, key=len, reverse=True))
        end = r"(?![\w²])"
        self._range = re.compile(rf"(?:từ\s+)?(?P<a>{NUMBER})\s*%?\s*(?:-|đến)\s*(?P<b>{NUMBER})\s*(?P<u>{labels}){end}")
        self._single = re.compile(rf"(?P<a>{NUMBER})\s*(?P<u>{labels}){end}")

    def read(self, text: str) -> list[Reading]:
        """The targets of one bullet, in order."""
        out: list[Reading] = []
        for start, end, _ in _spans(text, _CLAUSES, 0, len(text)):
            out += self._clause(text, start, end)
        return out

    def _clause(self, text: str, start: int, end: int) -> list[Reading]:
        folded = fold(text)
        per = _PER_PEOPLE.search(folded, start, end)
        if per and number(per.group("n")) in self.per_people:
            return self._counts(text, start, end, per.start(), self.per_people[number(per.group("n"))])
        parts = [(first, last, after, self._figures(folded, first, last)) for first, last, after in _spans(text, _PARTS, start, end)]
        groups: list[tuple[int, int, list[_Figure]]] = []
        i = 0
        while i < len(parts):
            first, last, after, figures = parts[i]
            following = parts[i + 1] if i + 1 < len(parts) else None
            # A part without a figure that names what the next part's figure measures, or is
            # joined to it by "và" ("cấp trung học phổ thông và tương đương … 72,3%"), goes with it.
            if not figures and following and following[3] and (after == "và" or _SUBJECT.match(folded[first:last])):
                groups.append((first, following[1], following[3]))
                i += 2
                continue
            if groups and not figures:
                groups[-1] = (groups[-1][0], last, groups[-1][2])
            else:
                groups.append((first, last, figures))
            i += 1
        return [self._reading(first, last, figures) for first, last, figures in groups]

    def _reading(self, start: int, end: int, figures: list[_Figure]) -> Reading:
        if not figures:
            return Reading(start, end)
        figure = figures[0]
        doubt = "nhiều con số trong một chỉ tiêu: đã lấy con số đầu" if len(figures) > 1 else None
        return Reading(start, end, figure.comparator, figure.value, figure.value_max, figure.unit, doubt=doubt)

    def _figures(self, folded: str, start: int, end: int) -> list[_Figure]:
        found: list[_Figure] = []
        taken = 0
        for pattern in (self._range, self._single):
            for match in pattern.finditer(folded, start, end):
                if match.start() < taken or (start < match.start() and folded[match.start() - 1].isalnum()):
                    continue
                unit = self.units[_unit_key(match.group("u"))]
                # Ages say who is concerned ("trẻ em dưới 5 tuổi"), except life expectancy.
                if fold(match.group("u")) == "tuổi" and "tuổi thọ" not in folded[start:end]:
                    continue
                ranged = pattern is self._range
                before = folded[start : match.start()].rstrip()
                after = folded[match.end() : end].lstrip()
                comparator = "range" if ranged else "ge" if after.startswith("trở lên") else _comparator(before)
                if ranged and after.startswith("trở lên"):
                    continue
                value_max = number(match.group("b")) if ranged else None
                found.append(_Figure(match.start(), comparator, number(match.group("a")), value_max, unit))
                taken = match.end()
            if found:
                break
        return sorted(found, key=lambda f: f.start)

    def _counts(self, text: str, start: int, end: int, per_start: int, unit: str) -> list[Reading]:
        """ "45 giường bệnh viện, 13 bác sĩ, 04 dược sĩ … trên 10.000 dân": one target per count."""
        clause_end = end
        out = []
        for part_start, part_end, _ in _spans(text, _PARTS, start, per_start):
            count = re.search(rf"(?<![\w.,])(?P<n>{NUMBER})\s+(?P<what>\D+)$", text[part_start:part_end].rstrip())
            if count is None:
                continue
            before = fold(text[part_start : part_start + count.start()]).rstrip()
            out.append(
                Reading(start, clause_end, _comparator(before), number(count.group("n")), None, unit, measure=count.group("what").strip())
            )
        return out or [Reading(start, end, doubt="một danh sách con số trên số dân mà không đọc được")]


def _unit_key(label: str) -> str:
    return re.sub(r"\s+", "", label).replace("²", "2")


def _comparator(before: str) -> str:
    for words, comparator in COMPARATORS:
        if before.endswith(words) and (len(before) == len(words) or not before[-len(words) - 1].isalnum()):
            return comparator
    return "eq"


def _spans(text: str, separators: re.Pattern[str], start: int, end: int) -> list[tuple[int, int, str]]:
    """The stretches of ``text[start:end]`` between ``separators``, trimmed, none empty, each with the separator after it."""
    spans = []
    pos = start
    for separator in separators.finditer(text, start, end):
        spans.append((pos, separator.start(), separator.group().strip()))
        pos = separator.end()
    spans.append((pos, end, ""))
    out = []
    for first, last, after in spans:
        while first < last and text[first] in " -":
            first += 1
        while last > first and text[last - 1] in " .;,":
            last -= 1
        if last > first:
            out.append((first, last, after))
    return out
