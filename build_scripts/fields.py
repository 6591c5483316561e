"""Field types shared by the content models: ids, text, URLs, dates, numbers, flags."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated, Any, get_args

from pydantic import AfterValidator, BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from build_scripts import text as textmod

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID = re.compile(ID_PATTERN)
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", re.ASCII)
CLAUSE_PATTERN = r"^[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*$"
CLAUSE = re.compile(CLAUSE_PATTERN)
_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$", re.ASCII)
MAX_NUMBER_DIGITS = 15
RESERVED = frozenset(
    {"index", "404", "search", "assets", "sitemap", "tags", "con", "prn", "aux", "nul"}
    | {f"{device}{n}" for device in ("com", "lpt") for n in range(1, 10)}
)
"""Names that may not be slugs or actor ids: the site's own pages and folders, and Windows devices."""
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _error(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


def _check_id(value: str) -> str:
    if not ID.match(value) or len(value) > 80:
        raise _error(
            "id", f"{value[:40]!r} is not an id: use lowercase words joined by hyphens, like 'nikol-pashinyan'"
        )
    return value


def _check_clause(value: str) -> str:
    if not CLAUSE.match(value) or len(value) > 20:
        raise _error(
            "clause",
            f"{value[:40]!r} is not a clause number: write it as the document numbers it, like 9, 4.1 or IV",
        )
    return value


def _check_text(value: str, *, paragraphs: bool) -> str:
    if problem := textmod.text_problem(value):
        raise _error("text", problem)
    value = textmod.normalize(value, paragraphs=paragraphs)
    if not value:
        raise _error("text", "is empty; write some text")
    return value


def _check_line(value: str) -> str:
    return _check_text(value, paragraphs=False)


def _check_prose(value: str) -> str:
    return _check_text(value, paragraphs=True)


def _check_url(value: str) -> str:
    if problem := textmod.url_problem(value):
        raise _error("url", problem)
    return value


def _parse_day(value: Any) -> date:
    if isinstance(value, date):
        return value
    match = _DAY.match(value) if isinstance(value, str) else None
    if not match:
        raise _error("date", f"{str(value)[:40]!r} is not a date: write YYYY-MM-DD, like 2023-09-20")
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        raise _error("date", f"{value!r} is not a real date") from None


def _parse_flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return bool(value == "true")
    raise _error("flag", f"{str(value)[:40]!r} is not a flag: write true or false")


def _parse_number(value: Any) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = repr(value)
    if not isinstance(value, str) or not _NUMBER.match(value.strip()):
        raise _error("number", f"{str(value)[:40]!r} is not a number: write digits, like 2000 or 2,000 or 4.5")
    digits = value.strip().replace(",", "").lstrip("-")
    if len(digits.replace(".", "")) > MAX_NUMBER_DIGITS:
        raise _error("number", f"a number may have at most {MAX_NUMBER_DIGITS} digits")
    return float(digits) * (-1 if value.strip().startswith("-") else 1)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int = 0
    day: int = 0

    def __str__(self) -> str:
        """Format as ISO 8601 at the date's own precision: 2023, 2023-09 or 2023-09-19."""
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p]
        return "-".join(parts)

    def earliest(self) -> date:
        """The first day the date can mean: 2023 is 1 January 2023."""
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        """The last day the date can mean: 2023-02 is 28 February 2023."""
        if self.day:
            return date(self.year, self.month, self.day)
        month = self.month or 12
        following = date(self.year + month // 12, month % 12 + 1, 1)
        return following - timedelta(days=1)

    def display(self) -> str:
        """Format for readers: 2023, September 2023 or 19 September 2023."""
        if not self.month:
            return str(self.year)
        month = f"{MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {month}" if self.day else month

    def covers(self, day: date) -> bool:
        """Tell whether `day` is one of the days the date can mean: 2023-09 covers 19 September 2023."""
        return self.earliest() <= day <= self.latest()

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """Parse YYYY, YYYY-MM or YYYY-MM-DD, refusing impossible dates."""
        if isinstance(value, PartialDate):
            return value
        match = _PARTIAL.match(value) if isinstance(value, str) else None
        if not match:
            raise _error("date", f"{str(value)[:40]!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(part) if part else 0 for part in match.groups())
        try:
            date(year, month or 1, day or 1)
        except ValueError:
            raise _error("date", f"{value!r} is not a real date") from None
        return cls(year, month, day)


def either(dates: Iterable[PartialDate]) -> str:
    """Several dates of one thing for readers, earliest first, each once: 19 or 20 April 2021,
    30 April or 1 May 2021, December 2020 or 1 January 2021."""
    words = [d.display().split(" ") for d in sorted(set(dates))]
    shared = 0  # the words dates of one precision end with (the month and year), written once at the end
    while len({len(w) for w in words}) == 1 and len(words[0]) > shared + 1 and _same_end(words, shared + 1):
        shared += 1
    shown = [" ".join(w[: len(w) - shared]) for w in words[:-1]] + [" ".join(words[-1])]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]


def _same_end(words: list[list[str]], count: int) -> bool:
    return len({tuple(w[-count:]) for w in words}) == 1


Id = Annotated[str, AfterValidator(_check_id), WithJsonSchema({"type": "string", "pattern": ID_PATTERN})]
"""A lowercase kebab-case name, like `nikol-pashinyan`."""


@dataclass(frozen=True)
class Ref:
    """Marks an id field as a reference to something defined elsewhere, which must exist."""

    kind: str
    """What the id names: `actor` (in the actor registry), `source` (in the same file's
    `sources`) or `term` (in the glossary)."""


ActorId = Annotated[Id, Ref("actor")]
"""The id of an actor in the actor registry."""

SourceId = Annotated[Id, Ref("source")]
"""The id of one of the same file's sources."""

TermId = Annotated[Id, Ref("term")]
"""The id of a glossary term."""

ClauseNumber = Annotated[
    str, AfterValidator(_check_clause), WithJsonSchema({"type": ["string", "integer"], "pattern": CLAUSE_PATTERN})
]
"""A clause's number as its document gives it: letters or digits, parts joined by dots or hyphens (`9`, `4.1`, `IV`)."""

Line = Annotated[str, AfterValidator(_check_line), WithJsonSchema({"type": "string", "minLength": 1})]
"""One line of contributor text in the Markdown subset (emphasis, strong, http links)."""

Prose = Annotated[str, AfterValidator(_check_prose), WithJsonSchema({"type": "string", "minLength": 1})]
"""Paragraphs of contributor text in the Markdown subset, separated by blank lines."""

Url = Annotated[
    str, AfterValidator(_check_url), WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})
]
"""An http or https address with a host and no credentials."""

Day = Annotated[
    date,
    BeforeValidator(_parse_day),
    WithJsonSchema({"type": "string", "format": "date"}),
]
"""A calendar date, YYYY-MM-DD."""

When = Annotated[
    PartialDate,
    BeforeValidator(PartialDate.parse),
    PlainSerializer(str),
    # A bare year (2023) is a number to YAML 1.2, which editors speak.
    WithJsonSchema({"type": ["string", "integer"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}),
]
"""A date at year, month or day precision: 2023, 2023-09 or 2023-09-19."""

Flag = Annotated[bool, BeforeValidator(_parse_flag), WithJsonSchema({"type": "boolean"})]
"""true or false, and nothing else (not yes, no, on or off)."""

Number = Annotated[
    float,
    BeforeValidator(_parse_number),
    WithJsonSchema({"type": ["number", "string"], "pattern": r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$"}),
]
"""A finite number, written with digits; thousands may be separated by commas."""


def is_text(field: FieldInfo) -> bool:
    """Tell whether a field holds contributor text (Line or Prose, alone, optional or in a list)."""
    return _has_text_check(field.metadata) or _annotation_is_text(field.annotation)


def _annotation_is_text(annotation: Any) -> bool:
    return _has_text_check(getattr(annotation, "__metadata__", ())) or any(
        _annotation_is_text(arg) for arg in get_args(annotation)
    )


def _has_text_check(metadata: Iterable[Any]) -> bool:
    return any(isinstance(m, AfterValidator) and m.func in (_check_line, _check_prose) for m in metadata)
