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
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, ClassVar

import email_validator
import phonenumbers
from annotated_types import MaxLen
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    TypeAdapter,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from plansite import limits
from plansite.languages import AUTHORITATIVE, CODES, LANGUAGES, TRANSLATIONS
from plansite.messages import shorten

ID_PATTERN = r"^[a-z0-9]+(?:[-._][a-z0-9]+)*$"
# Ids name files and page addresses: 64 characters is twice the longest one in use.
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
# The models name the authoritative text ``vi``: the plans are Vietnamese documents.
assert AUTHORITATIVE == "vi", "languages.yml must list Vietnamese first: the plans' texts are Vietnamese"

# Characters no text of the plan holds and that change how a text reads or hide in it:
# control characters (Tab and line breaks included: texts are one line), the bidi
# controls and marks, zero-width and other format characters (the soft hyphen, the
# invisible operators U+2061-2064, the Mongolian vowel separator), variation selectors,
# and letters that show as a blank (the Hangul fillers, the braille blank). Vietnamese
# needs none of them. Written as regex escapes, so that the JSON Schema carries the same
# pattern for the editor's VS Code; what lies beyond U+FFFF is refused by ``_visible``.
INVISIBLE = (
    r"\x00-\x1f\x7f-\x9f\xad\u034f\u061c\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    r"\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u2028\u2029\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb"
)
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


# Beyond U+FFFF: the tag characters (U+E0000-E007F), the variation selectors' supplement,
# the musical and shorthand format controls; and private-use and unassigned characters,
# which no font a reader has shows as the editor meant.
_UNSEEN_CATEGORIES = {"Cf": "an invisible format character", "Co": "a private-use character", "Cn": "an unassigned character"}
_SUPPLEMENT_SELECTORS = re.compile("[\U000e0100-\U000e01ef]")
# Unikey and other Vietnamese keyboards write a letter and its accents as one character
# with "Unicode dựng sẵn" (precomposed, NFC, as the whole plan is), and as a letter
# followed by combining accents with "Unicode tổ hợp", which looks the same but is not the same text.
_NOT_NFC = (
    "is a combining accent typed after its letter; the letter and its accents must be one character, as in the "
    "rest of the plan (Unicode NFC): retype the word with the keyboard set to Unicode dựng sẵn (Unikey: Bảng mã Unicode)"
)


def _visible(text: str) -> str:
    """Refuse what ``_plain_text``'s pattern cannot hold (characters beyond U+FFFF, private-use
    and unassigned ones), and text not in Unicode's composed form (NFC), which shows as
    the same letters as its NFC form but is not equal to it, in a search or a check."""
    if not text.isprintable() or _SUPPLEMENT_SELECTORS.search(text):
        for index, char in enumerate(text):
            what = _UNSEEN_CATEGORIES.get(unicodedata.category(char))
            if what or _SUPPLEMENT_SELECTORS.match(char):
                name = unicodedata.name(char, "").lower()
                shown = f"{what or 'an invisible variation selector'}{f' ({name})' if name else ''} (U+{ord(char):04X})"
                raise ValueError(f"character {index + 1} of the text is {shown}; delete it (it often comes with pasted text)")
    if not unicodedata.is_normalized("NFC", text):
        for index, char in enumerate(text):
            pair = text[max(index - 1, 0) : index + 1]
            if unicodedata.normalize("NFC", char) != char:
                name = unicodedata.name(char, "a character").lower()
                raise ValueError(
                    f"character {index + 1} of the text is {name} (U+{ord(char):04X}), which Unicode writes as "
                    f"{unicodedata.normalize('NFC', char)!r}: type that character instead"
                )
            if unicodedata.combining(char) and unicodedata.normalize("NFC", pair) != pair:
                raise ValueError(f"character {index + 1} of the text ({unicodedata.name(char, '').lower()}) {_NOT_NFC}")
        raise ValueError(f"the text is not in Unicode's composed form: {_NOT_NFC.split('; ', 1)[1]}")
    return text


def _text_schema(kind: limits.TextKind) -> dict[str, Any]:
    """The JSON Schema of one text of ``kind``, as the editor's VS Code checks it."""
    return {
        "type": "string",
        "minLength": 1,
        "maxLength": kind.chars,
        "pattern": f"^(?=.*\\S)[^{INVISIBLE}]*$",
        "patternErrorMessage": "Blank, or holds an invisible character (control, direction, format or zero-width): delete it",
    }


# Every text: not blank, none of the characters above, in NFC, at most a paragraph long;
# the kinds below hold less.
NonEmpty = Annotated[
    str,
    StringConstraints(min_length=1, max_length=limits.PARAGRAPH.chars),
    AfterValidator(_plain_text),
    AfterValidator(_visible),
    WithJsonSchema(_text_schema(limits.PARAGRAPH)),
]
NameText = Annotated[NonEmpty, StringConstraints(max_length=limits.NAME.chars), WithJsonSchema(_text_schema(limits.NAME))]
TitleText = Annotated[NonEmpty, StringConstraints(max_length=limits.TITLE.chars), WithJsonSchema(_text_schema(limits.TITLE))]

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


def _list_limits(schema: dict[str, Any]) -> None:
    """Every list and table of keys in the JSON Schema gets ``limits.LIST_ITEMS`` unless it has its own."""
    for prop in schema.get("properties", {}).values():
        if prop.get("type") == "array":
            prop.setdefault("maxItems", limits.LIST_ITEMS)
        elif prop.get("type") == "object" and isinstance(prop.get("additionalProperties"), dict):
            prop.setdefault("maxProperties", limits.LIST_ITEMS)


class Model(BaseModel):
    """Base: unknown keys are errors, so a misspelt key never goes unnoticed; no list
    holds more than its limit (``limits.LIST_ITEMS`` unless the field sets its own)."""

    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra=_list_limits)

    @field_validator("*", mode="before")
    @classmethod
    def _not_too_many(cls, value: object, info: ValidationInfo) -> object:
        """Refuse a list longer than its limit before any of its items is validated, so a
        list of 100,000 items costs one message, not one per item."""
        if isinstance(value, (list, dict)) and info.field_name is not None:
            field = cls.model_fields[info.field_name]
            most = next((m.max_length for m in field.metadata if isinstance(m, MaxLen)), limits.LIST_ITEMS)
            if len(value) > most:
                raise ValueError(f"holds {len(value):,} items; at most {most:,} are allowed here (see the limits in the editor's guide)")
        return value


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


def _fits(kind: limits.TextKind) -> Callable[[Text], Text]:
    """A validator: each language of a ``Text`` holds at most ``kind.chars`` characters."""

    def check(text: Text) -> Text:
        for lang, value in text:
            if isinstance(value, str) and len(value) > kind.chars:
                raise ValueError(
                    f"is {len(value):,} characters long in {lang}; {kind.what} holds at most {kind.chars:,}: shorten it (language: {lang})"
                )
        return text

    return check


def _translated_schema(kind: limits.TextKind) -> dict[str, Any]:
    """``Text``'s JSON Schema, each language's text at most ``kind.chars`` long."""
    schema = Text.model_json_schema()
    schema.pop("title", None)
    schema.pop("description", None)
    schema["properties"] = {lang: _text_schema(kind) for lang in schema["properties"]}
    return schema


# Texts in both languages that are names or titles (the others hold a paragraph at most).
Name = Annotated[Text, AfterValidator(_fits(limits.NAME)), WithJsonSchema(_translated_schema(limits.NAME))]
Title = Annotated[Text, AfterValidator(_fits(limits.TITLE)), WithJsonSchema(_translated_schema(limits.TITLE))]


class AgencyKind(StrEnum):
    district_office = "district_office"
    district_body = "district_body"
    collective = "collective"
    recipient = "recipient"
    higher_level = "higher_level"


class Agency(Model):
    id: Id
    kind: AgencyKind
    name: Name
    spellings: list[NameText] = Field(min_length=1)
    member_of: list[Id] = []
    # The day the body ceased to operate (the district level ended): its page says so
    # first, and the yearly report of a plan it issued stops before that day.
    ended: Date | None = None


class AgenciesFile(Model):
    agencies: list[Agency] = Field(min_length=1, max_length=limits.AGENCIES)


class Unit(Model):
    """A unit of the targets' figures; ``min`` and ``max`` bound every figure given in it."""

    id: Id
    label: Name
    min: Number | None = None
    max: Number | None = None

    @model_validator(mode="after")
    def _range_is_whole(self) -> Unit:
        if self.min is not None and self.max is not None and self.max <= self.min:
            raise ValueError("max must be greater than min")
        return self


class UnitsFile(Model):
    units: list[Unit] = Field(max_length=limits.UNITS)


class GlossaryBasis(StrEnum):
    established = "established"
    chosen = "chosen"


class Term(Multilingual):
    """A glossary entry: the Vietnamese term (``vi``) and its one rendering in each other language."""

    id: Id
    basis: GlossaryBasis
    note: Text | None = None


class GlossaryFile(Model):
    terms: list[Term] = Field(max_length=limits.TERMS)


class DocumentKind(StrEnum):
    resolution = "resolution"
    action_programme = "action_programme"
    plan = "plan"


class Document(Model):
    """A document in the chain this plan implements (number and date as the plan cites them)."""

    id: Id
    kind: DocumentKind
    number: NameText | None = None
    date: Date | None = None
    issuer: Id
    title: Title | None = None
    implements: list[Id] = []


class Heading(Model):
    number: NameText
    heading: Title


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
    # Not every plan looks beyond its targets' year ("Tầm nhìn đến năm 2045").
    vision: NumberedText | None = None


class Objectives(Heading):
    general: NumberedText
    specific: SpecificObjectives


class ImplementationItem(Model):
    number: NameText | None = None
    addressed_to: list[Id] = Field(min_length=1)
    text: Text


class Reporting(Model):
    """The yearly report of IV.3, the plan's one dated duty."""

    item: NameText
    from_: list[Id] = Field(alias="from", min_length=1)
    to: Id
    via: Id
    deadline_text: Title
    due_month: int = Field(strict=True, ge=1, le=12)
    due_day: int = Field(strict=True, ge=1, le=31)
    first_year: Year
    what: Text


class Implementation(Heading):
    items: list[ImplementationItem]
    reporting: Reporting


class Recipient(Model):
    text: Title
    agency: Id | None = None


class Recipients(Model):
    heading: Title
    items: list[Recipient]


class Signature(Model):
    authority: list[Name]
    signer: NameText


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
    number: NameText
    date: Date
    place: NameText
    issuer: Id
    doc_type: Name
    title: Title
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
    # The plan says "phấn đấu" (strive for) before this level: its reading keeps the word.
    strive: StrictBool = False
    measure: Title | None = None
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
    group: Name
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
    text: Title
    kind: TimelineKind
    from_year: Year | None = None

    @model_validator(mode="after")
    def _year_when_needed(self) -> Timeline:
        if (self.kind is TimelineKind.from_year) != (self.from_year is not None):
            raise ValueError("from_year is given exactly when kind is 'from_year'")
        return self


class Task(Model):
    id: Id
    label: NameText | None = None
    title: Title
    text: Text
    mentions: list[Id] = []

    @property
    def numbered(self) -> bool:
        """Does the plan print the task's number ("2.1." for 2.1)? Its bullets ("-"), its
        letters ("a)" for 8.a) and its unnumbered paragraphs have ids the editors gave."""
        return self.label is not None and self.label.rstrip(".") == self.id


class Block(Model):
    """Sub-tasks that share one assignment: lead, coordinating agencies and timeline."""

    tasks: list[Task] = Field(min_length=1)
    lead_text: TitleText
    lead: list[Id] = Field(min_length=1)
    coordinate_text: TitleText
    coordinate: list[Id] = []
    timeline: Timeline


class Area(Model):
    id: Id
    number: NameText
    title: Title
    blocks: list[Block] = Field(min_length=1)


class TasksFile(Model):
    areas: list[Area] = Field(min_length=1, max_length=limits.AREAS)


class GroupItems(Model):
    """Ids of a plan's targets (section II.2.1) and sub-tasks (section III)."""

    targets: list[Id] = Field(default=[], max_length=limits.GROUP_ITEMS)
    tasks: list[Id] = Field(default=[], max_length=limits.GROUP_ITEMS)


def _language_code(value: str) -> str:
    if value not in LANGUAGES:
        raise ValueError(f"unknown language {shorten(value)}; the languages' keys are {', '.join(CODES)} (languages.yml)")
    return value


LanguageCode = Annotated[str, AfterValidator(_language_code), WithJsonSchema({"type": "string", "enum": list(CODES)})]


def _searchable(value: str) -> str:
    if not re.search(r"[^\W_]", value):
        raise ValueError(f"{shorten(value)} has no word to search for (no letter or digit)")
    return value


def _distinct(terms: list[str]) -> list[str]:
    seen: set[str] = set()
    for term in terms:
        key = " ".join(term.casefold().split())
        if key in seen:
            raise ValueError(f"{shorten(term)} is listed twice")
        seen.add(key)
    return terms


# A word or phrase readers type for a page (search_terms), with a word in it; at most
# the length of a name (the property test fills every text with a long hostile string).
SearchTerm = Annotated[NonEmpty, StringConstraints(max_length=500), AfterValidator(_searchable)]
# The terms of one language: at least one, each once.
SearchTerms = Annotated[list[SearchTerm], Field(min_length=1, max_length=30), AfterValidator(_distinct)]


class Group(GroupItems):
    """A group of people the plan serves (editorial: a reading aid, not the plan's text):
    its name, an optional one-line summary, and the targets and sub-tasks that concern it,
    in the order its page shows them (what the plan sets out most concretely first).
    ``related`` names the groups a sentence of the plan names together with this one (each
    lists the other); ``named_as`` the plan's own words for the group, in each language,
    marked wherever the page quotes them; ``search_terms`` the words readers use for it that
    its page need not hold, by language (the site search finds the page by them; they are
    not shown)."""

    id: Id
    name: Name
    summary: Title | None = None
    related: list[Id] = []
    named_as: list[Name] = []
    search_terms: dict[LanguageCode, SearchTerms] = {}


class GroupsFile(Model):
    """groups.yml: the plan read by group of people. ``general`` holds the targets and
    sub-tasks that concern no particular group, so that every item has a place."""

    groups: list[Group] = Field(min_length=1, max_length=limits.GROUPS)
    general: GroupItems = GroupItems()


# -- data/site.yml: the site itself (issue 12) --------------------------------------

# The repository's web address: a repository on GitHub, https://github.com/OWNER/NAME, as
# GitHub spells owners (letters, digits, single hyphens inside) and names (letters, digits,
# '.', '_', '-'; not '.' or '..'), so that it is written into links without escaping and
# the edit and feedback links can lead nowhere else.
REPOSITORY_PATTERN = r"^https://github\.com/[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$"
# What site.yml holds until the maintainers write the real address: a build with it (and
# no REPOSITORY_URL) shows readers no link to GitHub (plansite/theme.py).
PLACEHOLDER_REPOSITORY = "https://github.com/OWNER/REPOSITORY"


def _repository(value: str) -> str:
    if not re.fullmatch(REPOSITORY_PATTERN, value):
        raise ValueError(f"expected the address of a repository on GitHub, https://github.com/<owner>/<repository> (got {shorten(value)})")
    return value


RepositoryUrl = Annotated[str, AfterValidator(_repository), Field(json_schema_extra={"pattern": REPOSITORY_PATTERN})]

# A branch name as git allows it (git check-ref-format --branch), in a closed alphabet:
# parts of letters, digits, '.', '_' and '-' joined by '/'; no part begins with '.', no
# '..', no '.lock' at the end of a part, no '.' at the end, no '-' at the start. So the
# edit links ({repository}/edit/{branch}/…) stay inside the repository.
BRANCH_PATTERN = r"^(?!-)(?!.*\.\.)(?!.*\.$)(?!.*\.lock(?:/|$))(?!(?:.*/)?\.)[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*$"


def _branch(value: str) -> str:
    if len(value) > limits.NAME.chars or not re.fullmatch(BRANCH_PATTERN, value):
        raise ValueError(
            "expected a branch name as git writes it, such as main or release/2024: letters, digits, '.', '_' and '-', "
            f"parts joined by '/', no part starting with '.', no '..' (got {shorten(value)})"
        )
    return value


Branch = Annotated[str, AfterValidator(_branch), Field(json_schema_extra={"pattern": BRANCH_PATTERN, "maxLength": limits.NAME.chars})]


def _email(value: str) -> str:
    """An e-mail address: its syntax, checked by email-validator (no look-up on the network)."""
    try:
        email_validator.validate_email(value, check_deliverability=False)
    except email_validator.EmailNotValidError as err:
        raise ValueError(f"{shorten(value)} is not a valid e-mail address (such as gopy@example.org): {err}") from None
    return value


def _telephone(value: str) -> str:
    """A telephone number, Vietnamese or international with +: checked by phonenumbers (libphonenumber)."""
    try:
        number = phonenumbers.parse(value, "VN")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValueError(f"{shorten(value)} is not a valid telephone number (such as 0210 1234 567, or +84 210 1234 567)")
    return value


Email = Annotated[NonEmpty, StringConstraints(max_length=254), AfterValidator(_email)]
Telephone = Annotated[NonEmpty, StringConstraints(max_length=30), AfterValidator(_telephone)]


class Contact(Model):
    """How readers reach the people who run the site: an e-mail address, a telephone
    number, or both. "Góp ý, báo lỗi" offers them before GitHub, which needs an account."""

    email: Email | None = None
    telephone: Telephone | None = None

    @model_validator(mode="after")
    def _some_way(self) -> Contact:
        if self.email is None and self.telephone is None:
            raise ValueError("give an email, a telephone, or both (or leave contact out)")
        return self


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
    areas: dict[Id, Name] = {}


class SiteSettings(Model):
    """site.yml: the site's name, who runs it, where its sources are, and the editors'
    aids to each plan."""

    name: Name
    # One sentence on what the site is: the home page opens with it.
    description: Title
    # Who runs the site (not the body that issued the documents).
    publisher: Name
    # How to reach them; without it, feedback goes through the repository's issues only.
    contact: Contact | None = None
    # Where readers can obtain the original documents (a register's name and address),
    # only where one is known; without it the footer says who holds originals in general.
    original: Title | None = None
    # The GitHub repository; the build prefers the REPOSITORY_URL variable (set by the workflow).
    repository: RepositoryUrl
    # The branch the site is published from: "Sửa trang này" edits the data there.
    branch: Branch = "main"
    plans: dict[Id, PlanGuide] = {}
