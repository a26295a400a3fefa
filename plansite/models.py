"""The schema of everything under ``data/``, in one place.

Used by ``load`` to validate the YAML and by ``schema`` to export JSON Schema for
editors. Field names follow the plan's own vocabulary: ``lead`` and ``coordinate``
are the "Cơ quan chủ trì tham mưu" and "Cơ quan phối hợp thực hiện" lines.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    TypeAdapter,
    WithJsonSchema,
    model_validator,
)

from plansite.languages import AUTHORITATIVE, CODES, LANGUAGES, TRANSLATIONS
from plansite.messages import shorten

ID_PATTERN = r"^[a-z0-9]+(?:[-._][a-z0-9]+)*$"
# Ids name files and page addresses: 64 characters is twice the longest one in use.
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
# The models name the authoritative text ``vi``: the plans are Vietnamese documents.
assert AUTHORITATIVE == "vi", "languages.yml must list Vietnamese first: the plans' texts are Vietnamese"

# Characters no text of the plan holds and that change how a text reads or hide in it:
# control characters (Tab and line breaks included: texts are one line), the bidi
# controls and marks, and zero-width characters. Written as regex escapes, so that
# the JSON Schema carries the same pattern for the editor's VS Code.
INVISIBLE = r"\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u2028\u2029\u061c"
# Lone surrogates come only from escapes such as "\ud800" and cannot be written to a file;
# they stay out of the schema's pattern, where JavaScript would match every emoji.
_INVISIBLE = re.compile(f"[{INVISIBLE}\ud800-\udfff\ufffe\uffff]")
_SPECIAL = {"\t": "a Tab (U+0009); write a space instead", "\n": "a line break; write the text on one line, however long"}


def _plain_text(text: str) -> str:
    if not text.strip():
        raise ValueError("is blank; write the text")
    found = _INVISIBLE.search(text)
    if found:
        char = found.group()
        code = f"U+{ord(char):04X}"
        name = unicodedata.name(char, "control character" if unicodedata.category(char) == "Cc" else "character").lower()
        what = _SPECIAL.get(char, f"an invisible {name} ({code}); delete it (it often comes with pasted text)")
        raise ValueError(f"character {found.start() + 1} of the text is {what}")
    return text


# Every text: not blank, none of the characters above.
NonEmpty = Annotated[
    str,
    StringConstraints(min_length=1),
    AfterValidator(_plain_text),
    WithJsonSchema(
        {
            "type": "string",
            "minLength": 1,
            "pattern": f"^(?=.*\\S)[^{INVISIBLE}]*$",
            "patternErrorMessage": "Blank, or holds an invisible character (control, direction or zero-width): delete it",
        }
    ),
]

# Figures: numbers as YAML reads them (not "23.8" in quotes, not true), finite.
Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
Year = Annotated[int, Field(strict=True, ge=1900, le=2100)]
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date(value: object) -> object:
    """A date written YYYY-MM-DD (YAML 1.2 reads it as a text), and a real one."""
    if isinstance(value, dt.date):
        return value
    fix = "write the date as YYYY-MM-DD, e.g. 2024-04-23"
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise ValueError(f"{fix} (got {shorten(value)})")
    year, month, day = (int(part) for part in value.split("-"))
    if year < 1:
        raise ValueError(f"{value} is not a date: there is no year 0; {fix}")
    if not 1 <= month <= 12:
        raise ValueError(f"{value} is not a date: there is no month {month}; {fix}")
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"{value} is not a date: {calendar.month_name[month]} {year} has no day {day}; {fix}")
    return dt.date(year, month, day)


Date = Annotated[dt.date, BeforeValidator(_date)]


class Model(BaseModel):
    """Base: unknown keys are errors, so a misspelt key never goes unnoticed."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class MissingText(KeyError):
    """A text asked for in a language it has no translation in."""

    def __init__(self, lang: str, text: str) -> None:
        super().__init__(lang)
        self.lang = lang
        self.text = text

    def __str__(self) -> str:
        return f"no {LANGUAGES[self.lang].english} translation of {shorten(self.text)}"


_TRANSLATION_SCHEMA = TypeAdapter(NonEmpty).json_schema()


def _with_translations(schema: dict[str, Any]) -> None:
    """The JSON Schema of a multilingual record: a property per translation of languages.yml."""
    schema.setdefault("properties", {}).update({code: dict(_TRANSLATION_SCHEMA) for code in TRANSLATIONS})
    schema["additionalProperties"] = False


class Multilingual(BaseModel):
    """A record that holds one text in each of the site's languages: ``vi``, the
    official wording, always; each translation (``en``…) where it has been made, as a
    key named by its code in languages.yml. Which translations must be there is not the
    record's business: the check requires them where a page will show them
    (``checks.check_translations``)."""

    model_config = ConfigDict(extra="allow", frozen=True, json_schema_extra=_with_translations)
    # The keys of its texts, for messages that say which keys are expected.
    LANGUAGE_KEYS: ClassVar[tuple[str, ...]] = CODES

    vi: NonEmpty
    __pydantic_extra__: dict[str, NonEmpty] = Field(init=False)

    @model_validator(mode="after")
    def _known_languages(self) -> Multilingual:
        unknown = [key for key in self.__pydantic_extra__ or {} if key not in TRANSLATIONS]
        if unknown:
            codes = ", ".join(CODES)
            raise ValueError(f"unknown key {shorten(unknown[0])} (check its spelling; the languages' keys are {codes}: languages.yml)")
        return self

    def get(self, lang: str) -> str | None:
        """The text in ``lang``, or None where it is not translated yet."""
        if lang == AUTHORITATIVE:
            return self.vi
        if lang not in LANGUAGES:
            raise KeyError(lang)
        return (self.__pydantic_extra__ or {}).get(lang)

    def __getitem__(self, lang: str) -> str:
        found = self.get(lang)
        if found is None:
            raise MissingText(lang, self.vi)
        return found

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the text is written in, in the table's order."""
        return tuple(code for code in CODES if self.get(code) is not None)


class Text(Multilingual):
    """A text in the site's languages: ``vi`` is the official wording, the others translations."""


class AgencyKind(StrEnum):
    district_office = "district_office"
    district_body = "district_body"
    collective = "collective"
    recipient = "recipient"
    higher_level = "higher_level"


class Agency(Model):
    id: Id
    kind: AgencyKind
    name: Text
    spellings: list[NonEmpty] = Field(min_length=1)
    member_of: list[Id] = []


class AgenciesFile(Model):
    agencies: list[Agency] = Field(min_length=1)


class Unit(Model):
    """A unit of the targets' figures; ``min`` and ``max`` bound every figure given in it."""

    id: Id
    label: Text
    min: Number | None = None
    max: Number | None = None

    @model_validator(mode="after")
    def _range_is_whole(self) -> Unit:
        if self.min is not None and self.max is not None and self.max <= self.min:
            raise ValueError("max must be greater than min")
        return self


class UnitsFile(Model):
    units: list[Unit]


class GlossaryBasis(StrEnum):
    established = "established"
    chosen = "chosen"


class Term(Multilingual):
    """A glossary entry: the Vietnamese term (``vi``) and its one rendering in each other language."""

    id: Id
    basis: GlossaryBasis
    note: Text | None = None


class GlossaryFile(Model):
    terms: list[Term]


class DocumentKind(StrEnum):
    resolution = "resolution"
    action_programme = "action_programme"
    plan = "plan"


class Document(Model):
    """A document in the chain this plan implements (number and date as the plan cites them)."""

    id: Id
    kind: DocumentKind
    number: NonEmpty | None = None
    date: Date | None = None
    issuer: Id
    title: Text | None = None
    implements: list[Id] = []


class Heading(Model):
    number: NonEmpty
    heading: Text


class Part(Heading):
    paragraphs: list[Text] = []
    bullets: list[Text] = []


class Purposes(Heading):
    parts: list[Part]


class NumberedText(Heading):
    text: Text
    notes: list[Text] = []


class SpecificObjectives(Heading):
    targets: Heading
    vision: NumberedText


class Objectives(Heading):
    general: NumberedText
    specific: SpecificObjectives


class ImplementationItem(Model):
    number: NonEmpty | None = None
    addressed_to: list[Id] = Field(min_length=1)
    text: Text


class Reporting(Model):
    """The yearly report of IV.3, the plan's one dated duty."""

    item: NonEmpty
    from_: list[Id] = Field(alias="from", min_length=1)
    to: Id
    via: Id
    deadline_text: Text
    due_month: int = Field(strict=True, ge=1, le=12)
    due_day: int = Field(strict=True, ge=1, le=31)
    first_year: Year
    what: Text


class Implementation(Heading):
    items: list[ImplementationItem]
    reporting: Reporting


class Recipient(Model):
    text: Text
    agency: Id | None = None


class Recipients(Model):
    heading: Text
    items: list[Recipient]


class Signature(Model):
    authority: list[Text]
    signer: NonEmpty


class Status(Model):
    text: Text
    sources: list[Text] = Field(min_length=1)


def _translation(code: str) -> str:
    if code not in TRANSLATIONS:
        raise ValueError(f"{shorten(code)} is not a translation's code; expected one of {', '.join(TRANSLATIONS)} (languages.yml)")
    return code


# A language a plan is translated into (languages.yml, not the authoritative one).
Translation = Annotated[str, AfterValidator(_translation), Field(json_schema_extra={"enum": list(TRANSLATIONS)})]


class Plan(Model):
    """plan.yml: the document's header and every section but the targets and tasks."""

    id: Id
    # The languages every text of this plan is translated into (plan.yml, targets.yml,
    # tasks.yml, groups.yml and its part of site.yml): the plan has pages in those
    # editions, and the check requires each text there. Without any, the plan is
    # published in Vietnamese only, and the other editions say it is not translated yet.
    translations: list[Translation] = []
    number: NonEmpty
    date: Date
    place: NonEmpty
    issuer: Id
    doc_type: Text
    title: Text
    documents: list[Document]
    implements: list[Id]
    preamble: Text
    purposes: Purposes
    objectives: Objectives
    tasks_section: Heading
    implementation: Implementation
    recipients: Recipients
    signature: Signature
    status: Status


class Comparator(StrEnum):
    lt = "lt"
    le = "le"
    eq = "eq"
    ge = "ge"
    gt = "gt"
    approx = "approx"
    range = "range"


class Target(Model):
    """One specific target: its clause as the plan words it, and a structured reading."""

    id: Id
    clause: Text
    key: StrictBool = False  # shown on the home page "at a glance" (an editorial choice)
    measure: Text | None = None
    comparator: Comparator | None = None
    value: Number | None = None
    value_max: Number | None = None
    unit: Id | None = None

    @model_validator(mode="after")
    def _reading_is_whole(self) -> Target:
        if self.comparator is None:
            if self.value is not None or self.value_max is not None or self.unit is not None:
                raise ValueError("a qualitative target (no comparator) has no value, value_max or unit")
            return self
        if self.value is None or self.unit is None:
            raise ValueError(f"comparator {self.comparator.value!r} needs a value and a unit")
        if (self.comparator is Comparator.range) != (self.value_max is not None):
            raise ValueError("value_max is given exactly when comparator is 'range'")
        if self.value_max is not None and self.value_max <= self.value:
            raise ValueError("value_max must be greater than value")
        return self


class TargetBullet(Model):
    id: Id
    group: Text
    text: Text
    notes: list[Text] = []
    targets: list[Target] = Field(min_length=1)


class TargetsFile(Model):
    year: Year
    bullets: list[TargetBullet] = Field(min_length=1)


class TimelineKind(StrEnum):
    ongoing = "ongoing"
    from_year = "from_year"


class Timeline(Model):
    text: Text
    kind: TimelineKind
    from_year: Year | None = None

    @model_validator(mode="after")
    def _year_when_needed(self) -> Timeline:
        if (self.kind is TimelineKind.from_year) != (self.from_year is not None):
            raise ValueError("from_year is given exactly when kind is 'from_year'")
        return self


class Task(Model):
    id: Id
    label: NonEmpty | None = None
    title: Text
    text: Text
    mentions: list[Id] = []


class Block(Model):
    """Sub-tasks that share one assignment: lead, coordinating agencies and timeline."""

    tasks: list[Task] = Field(min_length=1)
    lead_text: NonEmpty
    lead: list[Id] = Field(min_length=1)
    coordinate_text: NonEmpty
    coordinate: list[Id] = []
    timeline: Timeline


class Area(Model):
    id: Id
    number: NonEmpty
    title: Text
    blocks: list[Block] = Field(min_length=1)


class TasksFile(Model):
    areas: list[Area] = Field(min_length=1)


class GroupItems(Model):
    """Ids of a plan's targets (section II.2.1) and sub-tasks (section III)."""

    targets: list[Id] = []
    tasks: list[Id] = []


class Group(GroupItems):
    """A group of people the plan serves (editorial: a reading aid, not the plan's text):
    its name, an optional one-line summary, and the targets and sub-tasks that concern it,
    in the order its page shows them (what the plan sets out most concretely first).
    ``related`` names the groups a sentence of the plan names together with this one (each
    lists the other); ``named_as`` the plan's own words for the group, in each language,
    marked wherever the page quotes them."""

    id: Id
    name: Text
    summary: Text | None = None
    related: list[Id] = []
    named_as: list[Text] = []


class GroupsFile(Model):
    """groups.yml: the plan read by group of people. ``general`` holds the targets and
    sub-tasks that concern no particular group, so that every item has a place."""

    groups: list[Group] = Field(min_length=1)
    general: GroupItems = GroupItems()


# -- data/site.yml: the site itself (issue 12) --------------------------------------

# The repository's web address: https, a host and path segments of a closed alphabet,
# so that it is written into links without escaping.
REPOSITORY_PATTERN = r"^https://[a-z0-9.-]+(?:/[A-Za-z0-9._-]+)+$"


def _repository(value: str) -> str:
    if not re.fullmatch(REPOSITORY_PATTERN, value):
        raise ValueError("expected a plain https address such as https://github.com/<owner>/<repository>")
    return value


RepositoryUrl = Annotated[str, AfterValidator(_repository), Field(json_schema_extra={"pattern": REPOSITORY_PATTERN})]
Branch = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*$")]


class SiteEvent(Model):
    """A dated event the plan's text does not hold (it happened later), for the home
    page's timeline: the editors' words, each fact taken from the plan's status sources."""

    date: Date
    text: Text


class PlanGuide(Model):
    """What the editors add around one plan to help readers find their way; none of it
    is the plan's text."""

    # One or two sentences that say where the document stands, at the top of the home
    # page's document box; the plan's status text (plan.yml) follows with its sources.
    status_summary: Text | None = None
    # The year of the plan's vision (its heading names it), for the home page's timeline.
    vision_year: Year | None = None
    events: list[SiteEvent] = []
    # A short menu label for each task area, by area id; the full title stays on the page.
    areas: dict[Id, Text] = {}


class SiteSettings(Model):
    """site.yml: the site's name, who runs it, where its sources are, and the editors'
    aids to each plan."""

    name: Text
    # One sentence on what the site is: the home page opens with it.
    description: Text
    # Who runs the site (not the body that issued the documents).
    publisher: Text
    # How to reach them, as text; without it the footer points to the repository's issues.
    contact: Text | None = None
    # The GitHub repository; the build prefers the REPOSITORY_URL variable (set by the workflow).
    repository: RepositoryUrl
    # The branch the site is published from: "Sửa trang này" edits the data there.
    branch: Branch = "main"
    plans: dict[Id, PlanGuide] = {}
