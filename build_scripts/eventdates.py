"""A timeline event's date against what its date_basis and excerpts say of it.

An event whose date no excerpt states carries a `date_basis`: how the date follows from
the source. What the basis and the excerpts do say of a date is read from their words: a
date (`20 September 2023`, `September 20, 2023`, `2023-09-20`), a day and month
(`19 September`), a month and year, a month, a year (four digits from 1800 to 2199, like `2020`, but not
`2,000`, `1990s` or `2000 people`) or a weekday
(`Tuesday`). Month and weekday names count only with their capital letter (`may` is not
May). Then:

- every date the basis and the excerpts name agrees with the event's date, at the event's
  precision (an event of 2023-09 agrees with `19 September`);
- a date introduced by `dated` or `published` is a source's own date: it is the date of
  one of the event's sources (when they have one), and the event is not after it;
- a weekday named without a date is the last such day on or before a source's date (the
  ones named with `dated`, and the `date` of each of the event's sources): `On Tuesday`
  in an article dated Wednesday 20 September 2023 is 19 September 2023;
- a day and month named without a year take their year from what is stated: a source's
  date, or a year the basis names; the event's year is among the years stated;
- something states the date: a date the basis or an excerpt names, or else the date of a
  source (`dated ...`) that agrees with the event's date at its precision.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from build_scripts.fields import MONTHS, PartialDate
from build_scripts.yamlload import Path, format_path

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_M = "|".join(MONTHS)
_W = "|".join(WEEKDAYS)
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|2[01])\d\d(?![\w-]|[.,]\d| (?:people|persons|children|men|women)\b)"
_MENTION = re.compile(
    rf"(?<![\w-])(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d\d)(?:-(?P<id>\d\d))?)(?![\w-])"
    rf"|(?:\b(?P<wd1>{_W}),? (?:the )?)?(?<![\d.,])(?P<d1>\d{{1,2}}){_ORDINAL} (?:of )?(?P<m1>{_M})\b"
    rf"(?:,? (?P<y1>{_YEAR}))?"
    rf"|(?:\b(?P<wd2>{_W}),? )?\b(?P<m2>{_M}) (?P<d2>\d{{1,2}}){_ORDINAL}(?![\d]|[.,]\d)(?:,? (?P<y2>{_YEAR}))?"
    rf"|\b(?P<m3>{_M})\b(?:,? (?:of )?(?P<y3>{_YEAR}))?"
    rf"|\b(?P<wd>{_W})\b"
    rf"|(?<![\d.,])(?P<y>{_YEAR})"
)
_DATED = re.compile(r"\b(?:dated|published)(?: on| in)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A date, or part of one, named in a text."""

    words: str
    """The words as written, like `Tuesday` or `19 September`."""
    start: int
    """Where they start in the text."""
    year: int = 0
    month: int = 0
    day: int = 0
    weekday: int | None = None
    """0 for Monday; with a day, the weekday the text gives that day."""
    dated: bool = False
    """True when introduced by `dated` or `published`: a source's own date."""

    def day_named(self) -> date | None:
        """The calendar day, when the text names it in full."""
        return date(self.year, self.month, self.day) if self.year and self.day else None

    def agrees(self, when: PartialDate) -> bool:
        """Tell whether what this names (a weekday aside) agrees with `when` at its precision."""
        return (
            (not self.year or self.year == when.year)
            and (not self.month or not when.month or self.month == when.month)
            and (not self.day or not when.day or self.day == when.day)
        )


def mentions(words: str) -> list[Mention]:
    """The dates and parts of dates a (normalised) text names, in order; impossible days are left out."""
    found = []
    for m in _MENTION.finditer(words):
        groups = {k: v for k, v in m.groupdict().items() if v}
        year = int(groups.get("iy") or groups.get("y1") or groups.get("y2") or groups.get("y3") or groups.get("y") or 0)
        month_name = groups.get("m1") or groups.get("m2") or groups.get("m3")
        month = MONTHS.index(month_name) + 1 if month_name else int(groups.get("im", 0))
        day = int(groups.get("id") or groups.get("d1") or groups.get("d2") or 0)
        weekday_name = groups.get("wd") or groups.get("wd1") or groups.get("wd2")
        weekday = WEEKDAYS.index(weekday_name) if weekday_name else None
        if month > 12 or (day and not _possible(year, month, day)):
            continue
        dated = bool(_DATED.search(words, 0, m.start()))
        found.append(Mention(m.group(), m.start(), year, month, day, weekday, dated))
    return found


def _possible(year: int, month: int, day: int) -> bool:
    try:
        date(year or 2000, month, day)  # 2000 was a leap year: 29 February stands without a year
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Finding:
    """A disagreement between an event's date and what a text says of it."""

    field: Path
    """The field it is in, from the event: `("date",)`, `("date_basis",)`, `("evidence", 0, "excerpt")`."""
    message: str
    at: int | None = None
    """Where the words it names start in that field's normalised text."""


@dataclass(frozen=True)
class Said:
    """One text an event's date is read from, with where it stands."""

    field: Path
    """`("date_basis",)` or `("evidence", j, "excerpt")`."""
    words: str
    """Its words, normalised."""


def check(when: PartialDate, said: list[Said], sources: Sequence[tuple[str, date | None]]) -> list[Finding]:
    """Compare an event's date with what its date_basis and excerpts say (see the module's rules).

    `sources` are the event's sources: (id, the source's date or None)."""
    return list(_findings(when, said, sources))


def _findings(when: PartialDate, texts: list[Said], sources: Sequence[tuple[str, date | None]]) -> Iterator[Finding]:
    said = [(text, m) for text in texts for m in mentions(text.words)]
    source_dates = [d for _, d in sources if d]
    for text, m in said:
        named = m.day_named()
        if named and m.weekday is not None and named.weekday() != m.weekday:
            message = f"{m.words!r}: {_show(named)} was a {WEEKDAYS[named.weekday()]}"
            yield Finding(text.field, message, m.start)
        if m.dated and named and source_dates and named not in source_dates:
            dates = ", ".join(f"source '{s}' is dated {d.isoformat()}" for s, d in sources if d)
            yield Finding(text.field, f"{m.words!r} is not the date of the event's sources: {dates}", m.start)
    anchors = [d for _, m in said if m.dated and (d := m.day_named())] + source_dates
    years = {d.year for d in anchors} | {m.year for _, m in said if m.year}
    fields: dict[tuple[str, str], list[str]] = {}  # what disagrees (the words, what they mean): where it is said
    for text, m in said:
        if not m.dated and (meaning := _disagrees(m, when, anchors)) is not None:
            fields.setdefault((m.words, meaning), []).append(format_path(text.field))
    wrong = [f"{words!r} in {_and(where)}{meaning}" for (words, meaning), where in fields.items()]
    for message in _date_problems(when, said, wrong, years):
        yield Finding(("date",), message)
        break  # one mistaken date, one problem


def _date_problems(
    when: PartialDate, said: list[tuple[Said, Mention]], wrong: list[str], years: set[int]
) -> Iterator[str]:
    """What is wrong with the date itself, most telling first: one mistake is named once."""
    if wrong:
        yield f"{when} disagrees with {'; '.join(wrong)}"
    for text, m in said:
        if m.dated and m.year and when.earliest() > PartialDate(m.year, m.month, m.day).latest():
            yield (
                f"{when} is after {m.words!r}, a source's date in {format_path(text.field)}: an event cannot be"
                " dated after the source that reports it"
            )
    if when.year not in years:
        given = ", ".join(str(y) for y in sorted(years)) or "no year"
        yield (
            f"nothing states the year {when.year}: date_basis, the excerpts and the sources' dates give {given};"
            " say in date_basis how the year follows from the source"
        )
    if all(m.dated for _, m in said) and not any(m.agrees(when) for _, m in said):
        yield (
            f"date_basis and the excerpts name no date that agrees with {when}: say in date_basis how the date"
            ' follows from the source, like: the article, dated Wednesday 20 September 2023, says "on Tuesday"'
        )


def _disagrees(m: Mention, when: PartialDate, anchors: list[date]) -> str | None:
    """None when a mention agrees with `when`; else what it means, when its words do not say it plainly."""
    if m.weekday is None or m.day:
        return None if m.agrees(when) else ""
    days = sorted({a - timedelta(days=(a.weekday() - m.weekday) % 7) for a in anchors})  # the last on or before
    if not days:
        return None if not when.day or when.earliest().weekday() == m.weekday else ""
    if any(Mention("", 0, d.year, d.month, d.day).agrees(when) for d in days):
        return None
    shown = " or ".join(_show(d) for d in days)
    return f" ({shown}: the {WEEKDAYS[m.weekday]} on or before the source's date)"


def _and(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else items[0]


def _show(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
