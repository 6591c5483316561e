"""The content model: what contributors write in content/, as typed classes.

Each field's docstring is its documentation for contributors; the JSON Schema for
editors and the field reference are generated from them.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from build_scripts import text
from build_scripts.fields import (
    ActorId,
    ClauseNumber,
    Day,
    Flag,
    Id,
    Line,
    Number,
    PartialDate,
    Prose,
    SourceId,
    TermId,
    Url,
    When,
    either,
    is_text,
)
from build_scripts.text import to_plain, wrapped_in_quotation_marks
from build_scripts.yamlload import Path


class Model(BaseModel):
    """Base for content models: unknown fields are errors; values never change after load."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    def texts(self, path: Path = ()) -> Iterator[tuple[Path, Model, str, str]]:
        """Yield (path, owner, field name, text) for every piece of contributor text, in order."""
        for name, value in self:
            if isinstance(value, Model):
                yield from value.texts((*path, name))
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, Model):
                        yield from item.texts((*path, name, i))
                    elif isinstance(item, str) and _text_field(type(self), name):
                        yield (*path, name, i), self, name, item
            elif isinstance(value, str) and _text_field(type(self), name):
                yield (*path, name), self, name, value


@cache
def _text_field(model: type[Model], name: str) -> bool:
    return is_text(model.model_fields[name])


class Source(Model):
    """A published document that supports figures, quotes and statements."""

    model_config = ConfigDict(
        json_schema_extra={"anyOf": [{"required": ["title"]}, {"required": ["title_not_recorded"]}]}
    )

    id: Id
    """Short id that figures, quotes and sections cite, like `article`."""
    title: Line | None = None
    """The source's own title. Required unless `title_not_recorded` says why it is not known."""
    title_not_recorded: Line | None = None
    """Instead of `title`, when the source's title is not known (never guess one): why, in the
    site's words, like `the archived copy holds the article's text only`. Readers see "Title
    not recorded" with this reason wherever the source is named."""
    publisher: Line | None = None
    """Who published it (a news outlet, a ministry). Required unless `publisher_not_recorded`
    says why it is not known; never guess."""
    publisher_not_recorded: Line | None = None
    """Instead of `publisher`, when the outlet is not known: why, in the site's words, like `the
    copy the page was written from names no outlet`. Readers see "Publisher not recorded" with
    this reason."""
    date: Day | None = None
    """When it was published, YYYY-MM-DD."""
    url: Url | None = None
    """Where it can be read: an http or https address. Required unless `url_not_recorded` says why
    it is not known."""
    url_not_recorded: Line | None = None
    """Instead of `url`, when no address is known: why, like `printed edition only`. Readers see
    "Address not recorded" with this reason."""

    @model_validator(mode="after")
    def _recorded(self) -> Source:
        wrong = []
        for field, what in (("title", "the source's title"), ("publisher", "who published it"), ("url", "its address")):
            given, reason = getattr(self, field), getattr(self, f"{field}_not_recorded")
            if given is None and reason is None:
                wrong.append(f"give {what} in {field}, or, when it is not known, say why in {field}_not_recorded")
            if given is not None and reason is not None:
                wrong.append(f"give either {field} or {field}_not_recorded, not both")
        if wrong:
            raise ValueError("; ".join(wrong))
        return self

    def unrecorded(self) -> list[tuple[str, str]]:
        """What readers are told is not recorded of the source besides its title, with why: (what, reason)."""
        reasons = [("Publisher", self.publisher_not_recorded), ("Address", self.url_not_recorded)]
        return [(what, to_plain(reason)) for what, reason in reasons if reason]

    def named(self) -> str:
        """The source's title as plain words, or what readers are told instead: Title not recorded (why)."""
        if self.title is not None:
            return to_plain(self.title)
        return f"Title not recorded ({to_plain(self.title_not_recorded or '')})"


ActorKind = Literal["state", "organisation", "armed-group", "de-facto-authority", "person"]


class Office(Model):
    """An office a person held, with the dates it began and ended."""

    title: Line
    """The office, like `US Secretary of State`."""
    start: When
    """When the person took office: YYYY, YYYY-MM or YYYY-MM-DD."""
    end: When | None = None
    """When the person left office; leave it out while they hold it."""

    def held_on(self, day: date) -> bool:
        """Tell whether the office was held on `day`, as far as the dates' precision tells."""
        began = self.start.earliest() <= day
        return began and (self.end is None or day <= self.end.latest())

    def held_throughout(self, when: PartialDate) -> bool:
        """Tell whether the office was held on every day `when` can mean (a quote of March 2020: all March)."""
        return self.held_on(when.earliest()) and self.held_on(when.latest())


class Actor(Model):
    """Someone who acts or speaks in a story: a state, organisation, armed group, de facto authority or person."""

    id: Id
    """Id that explainers use to refer to this actor, like `nikol-pashinyan`."""
    name: Line
    """The name readers see, like `Nikol Pashinyan`."""
    kind: ActorKind
    """One of: state, organisation, armed-group, de-facto-authority, person."""
    affiliation: ActorId | None = None
    """Id of the actor this one belongs to or speaks for: a spokesperson's ministry, a ministry's state."""
    office: Line | None = None
    """A person's office or role, like `Prime Minister of Armenia`, without dates. An explainer
    shows the office from `offices` held on its `as_of` date when there is one, else this."""
    offices: list[Office] = []
    """The offices a person held, with their dates; each explainer shows the one held on its
    `as_of` date, and each dated quote the one held when it was said; `check` refuses a person
    whose dated offices cover none of those dates."""
    description: Line
    """One neutral sentence saying who or what this is."""
    other_names: list[Line] = []
    """Other names and spellings readers may meet, and the words sources use for this actor
    (`Russia's defence ministry`): `check` looks for one of them in a figure's excerpt."""

    def office_on(self, day: date | PartialDate) -> str | None:
        """The office to show next to words of `day` (a date, or a month or year throughout which
        it was held): the dated one held then, or `office`."""
        when = day if isinstance(day, PartialDate) else PartialDate(day.year, day.month, day.day)
        held = [office.title for office in self.offices if office.held_throughout(when)]
        return held[-1] if held else self.office


class ActorRegistry(Model):
    """The shared registry of actors, `content/actors.yaml`."""

    actors: list[Actor] = Field(min_length=1)
    """Every actor any explainer refers to."""


class PartyName(Model):
    """The name one party uses for a contested thing."""

    actor: ActorId
    """Id of the actor (from the actor registry) that uses this name."""
    name: Line
    """The name that actor uses."""


class GlossaryTerm(Model):
    """A term readers need explained, shared by every explainer that uses it."""

    id: Id
    """Id that explainers list under `glossary`, like `zangezur-corridor`."""
    term: Line
    """The term as readers meet it, like `Zangezur corridor`."""
    other_names: list[Line] = []
    """Other names and spellings of the same thing, like `2020 ceasefire`."""
    short: Line
    """One neutral sentence defining the term; shown as a tooltip."""
    explanation: Prose | None = None
    """A longer explanation, in paragraphs separated by blank lines."""
    as_of: When | None = None
    """The date the definition describes, YYYY, YYYY-MM or YYYY-MM-DD, shown with it. Give it when
    the definition states facts that change (who controls a place, who lives there, whether a
    road is open), and word those facts for that date, in the past tense; leave it out only for a
    definition that does not date, like a legal principle."""
    names_by_party: list[PartyName] = []
    """For a contested name: which party uses which name."""
    neutral_name: Line | None = None
    """The wording this site uses in its own voice when the names are contested. When set, the
    names in `names_by_party` may appear in the site's own text only in quotation marks."""
    related: list[TermId] = []
    """Ids of related glossary terms."""
    sources: list[SourceId] = []
    """Ids of the glossary's sources that support the definition."""

    def definition(self) -> str:
        """The short definition as plain words, with the date it describes when it has one (tooltips, data)."""
        return to_plain(self.short) + (f" (as of {self.as_of.display()})" if self.as_of else "")


class LoadedTerm(Model):
    """A word that takes a side, which the site uses in its own voice only in quotation marks."""

    term: Line
    """The word or phrase, like `ethnic cleansing`; any case matches, and plurals."""
    other_forms: list[Line] = []
    """Other forms of it, like `anti-terror` for `anti-terrorist`."""
    used_by: list[ActorId] = Field(min_length=1)
    """Ids of the actors known to use it (from the actor registry)."""
    note: Line | None = None
    """Why the word takes a side, or what the site writes instead."""


class Glossary(Model):
    """The shared glossary, `content/glossary.yaml`."""

    sources: list[Source] = []
    """Sources that glossary definitions cite by id."""
    terms: list[GlossaryTerm] = Field(min_length=1)
    """Every glossary term."""
    loaded_terms: list[LoadedTerm] = []
    """Words that take a side: in the site's own voice (summaries, background, roles, stances,
    timeline, notes, document titles and clause summaries, key facts) each may appear only
    inside quotation marks, attributed to who uses it."""


class Evidence(Model):
    """The words of one source that support a claim."""

    source: SourceId
    """Id of the source."""
    excerpt: Line
    """The source's own words, copied exactly, that support the claim."""


class Claim(Model):
    """A sentence of a background section that states a fact, with the source's words for it."""

    text: Line
    """The sentence, word for word as it stands in the section's body. Each number it states
    (in digits or words) is in `excerpt`, followed there by what it counts: `15 of the
    injured` is not `15 of them`. A year may instead be the year of the source's `date`."""
    source: SourceId
    """Id of the source that supports it."""
    excerpt: Line
    """The source's own words, copied exactly, that support the sentence and give its numbers."""


class Section(Model):
    """One background section, best headed by a reader's question."""

    heading: Line
    """The section heading, like `Why is Nagorno-Karabakh disputed?`."""
    body: Prose
    """The section text, in paragraphs separated by blank lines."""
    sources: list[SourceId] = Field(min_length=1)
    """Ids of the sources that support this section."""
    claims: list[Claim] = []
    """Sentences of the body that state a fact a reader may want to check, each with the
    source's words for it; the page shows those words."""


class Involvement(Model):
    """An actor's part in this story."""

    actor: ActorId
    """Id of the actor, from the actor registry."""
    role: Line
    """The actor's role in this story, in one neutral line."""


TRANSLATOR_NOT_STATED = "not stated by the source"
"""What `translated_by` says when the source does not name who translated the words."""


class Attributed(Model):
    """Words attributed to someone by one source: what a quote and its other attributions share."""

    text: Line | None = None
    """The words as this source gives them, when they differ from the quote's; leave it out
    when the source gives the quote's own words."""
    speaker: ActorId
    """Id of the actor who said or wrote it, as the source says; list the actor under the
    explainer's `actors` too."""
    source: SourceId
    """Id of the source that reports the words."""
    excerpt: Line
    """The source's own words around the quote, copied exactly; the quote must stand in them
    word for word (straight and curly quotation marks, and white space, count as the same)."""
    said: When | None = None
    """When the words were said or written (YYYY, YYYY-MM or YYYY-MM-DD), as the excerpt states
    or as the source's own date gives; the speaker's office is shown as held then."""
    translated_from: Line | None = None
    """For words the source gives in translation: the language they were said in, as readers
    name it, like `Russian`."""
    translated_by: Line | None = None
    """Who translated the words, as the source says, like `the Kremlin's website`; when the source
    does not say, write `not stated by the source`. Required with `translated_from`."""

    @field_validator("text")
    @classmethod
    def _not_in_quotation_marks(cls, text: str | None) -> str | None:
        if text is not None and wrapped_in_quotation_marks(text):
            raise ValueError("remove the quotation marks around the quote; the page adds its own")
        return text

    @model_validator(mode="after")
    def _translator_stated(self) -> Attributed:
        if self.translated_from is not None and self.translated_by is None:
            raise ValueError(
                "say who translated the words, as the source says, in translated_by; when the source"
                f" does not say, write translated_by: {TRANSLATOR_NOT_STATED}"
            )
        if self.translated_by is not None and self.translated_from is None:
            raise ValueError("say in translated_from which language the words were translated from")
        return self

    def translation(self) -> str | None:
        """How readers are told the words are a translation: translated from Russian by the Kremlin's
        website, or translated from Russian; the source does not say by whom."""
        if self.translated_from is None or self.translated_by is None:
            return None
        language = text.to_plain(self.translated_from)
        if self.translated_by.rstrip(".").casefold() == TRANSLATOR_NOT_STATED:
            return f"translated from {language}; the source does not say by whom"
        return f"translated from {language} by {text.to_plain(self.translated_by)}"


class Attribution(Attributed):
    """How another source attributes the same quote: to another speaker, or in other words."""


class Quote(Attributed):
    """Words someone said or wrote, exactly as the source reports them."""

    text: Line
    """The quoted words, without quotation marks around them; the page adds its own."""
    context: Line | None = None
    """Where or how it was said, like `on social media` or `in a statement on Telegram`."""
    other_attributions: list[Attribution] = []
    """When other sources attribute these words to someone else, or give the same speaker's
    words differently: each with its speaker, source and excerpt (and `text` when its words
    differ). The page shows every attribution."""

    def attributions(self) -> list[Attributed]:
        """The quote's own attribution, then the others."""
        return [self, *self.other_attributions]


class ClauseRef(Model):
    """A clause of one of the explainer's documents, named by the document's id and the clause's number."""

    document: Id
    """Id of the document, from the explainer's `documents`."""
    clause: ClauseNumber
    """The clause's number, as the document gives it, like `9`."""


class Position(Model):
    """Where an actor stands, in summary and in their own words."""

    actor: ActorId
    """Id of the actor whose position this is; list the actor under the explainer's `actors` too."""
    stance: Line
    """A short, neutral label for the position, like `Calls for an immediate ceasefire`."""
    summary: Prose
    """The position in the site's neutral words; attribute every claim."""
    sources: list[SourceId] = Field(min_length=1)
    """Ids of the sources that report this position."""
    quotes: list[Quote] = []
    """The actor's (or its people's) own words."""
    clauses: list[ClauseRef] = []
    """The clauses of the explainer's `documents` this position is about, like
    `{document: statement-2020, clause: 9}`; the page links to each."""


class Figure(Model):
    """A number someone claims, with who claims it and where it was reported."""

    measure: Line
    """What is counted, like `People killed`. Figures with the same measure are either rival
    claims of one number (shown side by side; one unit) or, each with a `part`, the parts of
    one total (shown as parts, never compared)."""
    value: Number | None = None
    """The number claimed. Give either `value`, or `low` and `high` for a range."""
    low: Number | None = None
    """The low end of a claimed range."""
    high: Number | None = None
    """The high end of a claimed range."""
    unit: Line
    """What the number counts, like `people` or `soldiers`."""
    scope: Line | None = None
    """Where, when or among whom it was counted, like `in Nagorno-Karabakh, since the operation began`."""
    as_of: When
    """When the number was claimed or applies: YYYY, YYYY-MM or YYYY-MM-DD."""
    claimed_by: ActorId | None = None
    """Id of the actor who claims the number; list the actor under the explainer's `actors` too.
    Required unless `source_voice` is true."""
    source_voice: Flag = False
    """True when the source states the number in its own voice without saying who gave it."""
    source: SourceId
    """Id of the source that reports the number."""
    excerpt: Line
    """The source's own words that give the number (in digits or words) and, unless
    `source_voice` is true, name who claims it; copied exactly."""
    part: Line | None = None
    """For the parts of one total, which part this is, like `soldiers` of `Killed by
    landmines`; leave it out for rival claims of one number."""
    key: Flag = False
    """True to show this figure under "At a glance"."""
    note: Line | None = None
    """A neutral note on how the number was reported."""

    def amount(self) -> str:
        """The value or range with its unit, as readers see it: 469 people, 5–10 people."""
        if self.value is not None:
            shown = format_number(self.value)
        else:
            assert self.low is not None and self.high is not None
            shown = f"{format_number(self.low)}–{format_number(self.high)}"
        return f"{shown} {self.unit}"

    @model_validator(mode="after")
    def _claim_and_value(self) -> Figure:
        if self.value is None and (self.low is None or self.high is None):
            raise ValueError("give a value, or both low and high")
        if self.value is not None and (self.low is not None or self.high is not None):
            raise ValueError("give either a value or a low/high range, not both")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError("low is greater than high")
        if self.claimed_by is None and not self.source_voice:
            raise ValueError("say who claims this number with claimed_by (or set source_voice: true)")
        if self.claimed_by is not None and self.source_voice:
            raise ValueError("claimed_by and source_voice: true contradict each other; keep one")
        return self


def format_number(value: float) -> str:
    """A number as readers see it: 12,000, or 4.5."""
    return f"{int(value):,}" if value.is_integer() else f"{value:,}"


class Count(Model):
    """One value of a count over time, as its claimant gave it at one date."""

    value: Number
    """The number claimed at this date."""
    as_of: When
    """When the number was claimed or applies: YYYY, YYYY-MM or YYYY-MM-DD."""
    source: SourceId
    """Id of the source that reports the number."""
    excerpt: Line
    """The source's own words that give the number (in digits or words) and name who claims it; copied exactly."""


class Series(Model):
    """One party's count of one thing at several dates, like the meetings a working group has held:
    charted as a line over time, never as rival claims."""

    measure: Line
    """What is counted, like `Meetings of the working group`."""
    unit: Line
    """What the numbers count, like `meetings`."""
    claimed_by: ActorId
    """Id of the one actor who gives every number; list the actor under the explainer's `actors` too."""
    points: list[Count] = Field(min_length=2)
    """The numbers, each at its date, oldest first; one per date."""
    note: Line | None = None
    """A neutral note on how the numbers were reported."""

    def amount(self, point: Count) -> str:
        """One point's number with the unit, as readers see it: 12 meetings."""
        return f"{format_number(point.value)} {self.unit}"

    @field_validator("points")
    @classmethod
    def _in_date_order(cls, points: list[Count]) -> list[Count]:
        for n, (before, after) in enumerate(itertools.pairwise(points), start=1):
            if not before.as_of.latest() < after.as_of.earliest():
                raise ValueError(
                    f"points[{n}] ({after.as_of}) does not come after points[{n - 1}] ({before.as_of}):"
                    " list the points oldest first, one per date"
                )
        return points


class KeyFact(Model):
    """A fact shown under "At a glance" that is not a number, like the day a document was signed."""

    label: Line
    """What the fact is, in the site's neutral words, like `Signed` or `The clause on transport links`."""
    text: Line | None = None
    """The fact in words that stand in the excerpt, like `point 9`; or give `date`."""
    date: When | None = None
    """The fact when it is a date (YYYY, YYYY-MM or YYYY-MM-DD), which the excerpt states."""
    source: SourceId
    """Id of the source that states the fact."""
    excerpt: Line
    """The source's own words that state it, copied exactly."""

    @model_validator(mode="after")
    def _one_fact(self) -> KeyFact:
        if (self.text is None) == (self.date is None):
            raise ValueError("give the fact as text or as date (one of the two)")
        return self

    def shown(self) -> str:
        """The fact for readers: its text (Markdown subset), or its date."""
        if self.date is not None:
            return self.date.display()
        assert self.text is not None  # the model requires one of the two
        return self.text


class SourceDate(Model):
    """The date one source gives for an event whose sources give different dates."""

    date: When
    """The date this source gives: YYYY, YYYY-MM or YYYY-MM-DD."""
    source: SourceId
    """Id of the source that gives it."""
    excerpt: Line
    """The source's own words that state the date, copied exactly."""


class Event(Model):
    """One dated event on the timeline."""

    date: When | None = None
    """When it happened: YYYY, YYYY-MM or YYYY-MM-DD, as precisely as the sources allow. When
    sources give different dates, leave it out and give `dates`."""
    dates: list[SourceDate] = []
    """When sources give different dates for the event: each date with the source that gives it
    and its words (two dates at least). The page shows every one of them, never one alone."""
    text: Line
    """What happened, in one neutral sentence."""
    actors: list[ActorId] = []
    """Ids of the actors involved; list each under the explainer's `actors` too."""
    evidence: list[Evidence] = []
    """For each source that reports the event, its own words for it; unless `date_basis`
    says how the date was found, an excerpt states the date (a day and month without a
    year take the year of the source's `date`). May be left out when `dates` gives the
    sources' words."""
    date_basis: Line | None = None
    """How the date follows from the source when no excerpt states it, like `the article,
    dated Wednesday 20 September 2023, says "on Tuesday"`. Every date it and the excerpts
    name (a year, month, day or weekday) must agree with `date` at its precision; a date
    after `dated` is a source's own date, and a weekday without a date is the last such
    day on or before it."""

    @property
    def sources(self) -> list[str]:
        """Ids of the sources that report the event, in order."""
        return list(dict.fromkeys([*(d.source for d in self.dates), *(e.source for e in self.evidence)]))

    def given(self) -> list[PartialDate]:
        """The dates the sources give, earliest first, each once: one unless sources differ."""
        return sorted({d.date for d in self.dates}) if self.date is None else [self.date]

    def first(self) -> PartialDate:
        """The earliest date the sources give, by which the event is placed in order."""
        return self.given()[0]

    def when(self) -> str:
        """The date for readers: 19 September 2023, or 19 or 20 April 2021 when sources differ."""
        return either(self.given())

    def disputed(self) -> bool:
        """Whether the sources give different dates."""
        return self.date is None

    @model_validator(mode="after")
    def _dated_once(self) -> Event:
        if self.date is not None and self.dates:
            raise ValueError("give either date or, when sources differ, dates; not both")
        if self.date is None and not self.dates:
            raise ValueError("give the event's date (or, when sources differ, its dates)")
        if self.dates and len({d.date for d in self.dates}) < 2:
            raise ValueError("dates is for sources that differ: give two different dates, or one date as date")
        if self.dates and self.date_basis is not None:
            raise ValueError("with dates, each excerpt states its own date: leave out date_basis")
        if not self.evidence and not self.dates:
            raise ValueError("give the sources' words for the event in evidence")
        return self


class Watch(Model):
    """Something readers might watch for next, and what came of it once a source reports it."""

    text: Line
    """What to watch for, in one neutral line, as it stood on the explainer's `as_of` date."""
    outcome: Event | None = None
    """What came of it, once a source reports it: a dated event with the source's words, held to
    its sources like a timeline event. Add it with a revision entry (an update)."""


class Revision(Model):
    """One entry of an explainer's log of corrections and updates."""

    date: Day
    """When the change was published, YYYY-MM-DD."""
    kind: Literal["correction", "update"]
    """`correction` when something published was wrong; `update` when news was added."""
    what: Line
    """What changed, like `The number of people evacuated was 469, not 496.`"""
    why: Line
    """Why, like `The figure was mistyped.` or `The ministry gave new figures.`"""


class Version(Model):
    """One published text of a document: who published it, where, and in which language."""

    id: Id
    """Short id that the clauses' `wording` names, like `kremlin-en`."""
    published_by: ActorId
    """Id of the actor who published this text, like a government on its website; list the actor
    under the explainer's `actors` too."""
    source: SourceId
    """Id of the source that carries this text; `check --archive` holds each clause's wording to
    the archived copy of that source."""
    language: Line
    """The language of this text, as readers name it, like `English`; the words of texts in one
    language are compared."""


class ClauseText(Model):
    """One version's wording of a clause."""

    version: Id
    """Id of the document's version that prints this wording."""
    text: Line
    """The clause word for word as that version prints it: the source's own words, copied exactly."""


class Clause(Model):
    """One numbered clause of a document, with each version's wording."""

    model_config = ConfigDict(
        json_schema_extra={"anyOf": [{"required": ["wording"]}, {"required": ["wording_not_found"]}]}
    )

    number: ClauseNumber
    """The clause's number as the document gives it, like `9` or `4.1`."""
    summary: Line | None = None
    """Optional: what the clause says, in one neutral line in the site's own voice."""
    wording: list[ClauseText] = []
    """The clause's wording in each version, one each; the page shows them side by side and marks
    the words that differ between versions in the same language."""
    wording_not_found: Line | None = None
    """Instead of `wording`, when no version's text of the clause could be found (never reconstruct
    one): why, in the site's words, like `the copies found end before point 9`. The page says so,
    and positions can still point at the clause; quote its words in them, attributed to who
    quoted them."""

    @model_validator(mode="after")
    def _worded(self) -> Clause:
        if not self.wording and self.wording_not_found is None:
            raise ValueError(
                "give the clause's wording in each version, or say in wording_not_found why none was found"
            )
        if self.wording and self.wording_not_found is not None:
            raise ValueError("give either wording or wording_not_found, not both")
        return self


class PrimaryDocument(Model):
    """A primary document, like an agreement or a joint statement, with each published version of its text."""

    id: Id
    """Short id that positions name in `clauses`, like `statement-2020`."""
    title: Line
    """What the document is, in the site's neutral words, like `Trilateral statement of 9 November 2020`."""
    signed: When | None = None
    """When it was signed: YYYY, YYYY-MM or YYYY-MM-DD."""
    signatories: list[ActorId] = []
    """Ids of the actors who signed it; list each under the explainer's `actors` too."""
    parts: Literal["article", "clause", "paragraph", "point", "section"] = "clause"
    """What the document calls its numbered parts: `article`, `clause`, `paragraph`, `point` or
    `section`; the page names each clause so, like `Point 9`."""
    versions: list[Version] = Field(min_length=1)
    """The texts of the document as each party published them."""
    clauses: list[Clause] = Field(min_length=1)
    """The clauses the explainer quotes, in the document's order."""


class Bounds(Model):
    """The rectangle of the earth a map shows, in decimal degrees."""

    west: Number
    """The longitude of its left edge (east of Greenwich is positive), like `43.5`."""
    south: Number
    """The latitude of its bottom edge (north of the equator is positive), like `38.3`."""
    east: Number
    """The longitude of its right edge."""
    north: Number
    """The latitude of its top edge."""

    @model_validator(mode="after")
    def _a_region(self) -> Bounds:
        if not (-180 <= self.west < self.east <= 180):
            raise ValueError("west must be less than east, both between -180 and 180")
        if not (-85 <= self.south < self.north <= 85):
            raise ValueError("south must be less than north, both between -85 and 85")
        if self.east - self.west > 60 or self.north - self.south > 40:
            raise ValueError("a map shows a region: at most 60 degrees wide and 40 high")
        return self

    def holds(self, lon: float, lat: float) -> bool:
        """Whether a point lies within the bounds, edges included."""
        return self.west <= lon <= self.east and self.south <= lat <= self.north


class Place(Model):
    """A place a map marks: a town with a dot and its name, or the name of a region."""

    name: Line | None = None
    """The name the map shows, in the site's own neutral wording. Leave it out when `term` is
    given: the map then shows the glossary term's `neutral_name`, or the term itself."""
    term: TermId | None = None
    """Id of the glossary term for the place, when it has one; its `names_by_party` tell readers
    what each party calls the place."""
    kind: Literal["capital", "town", "region", "exclave"] = "town"
    """`capital` or `town` (a dot and its name), `region` (a name in italics, no dot), or
    `exclave`: a part of a country cut off from the rest of it by another country, like
    Nakhchivan; its name in italics, no dot, and beneath it in smaller capitals the name of
    the country it belongs to (`country`): the map names each country only once."""
    lat: Number
    """Latitude in decimal degrees, north positive, like `39.8177`."""
    lon: Number
    """Longitude in decimal degrees, east positive, like `46.7528`."""
    source: SourceId
    """Id of the explainer's source for the coordinates: a gazetteer, never a guess."""
    country: ActorId | None = None
    """For an `exclave` only: id of the state (an actor) it belongs to, whose `name` the map
    prints beneath the exclave's; list the actor under the explainer's `actors` too."""

    @model_validator(mode="after")
    def _named(self) -> Place:
        if self.name is None and self.term is None:
            raise ValueError("give the place a name, or the id of its glossary term as term")
        if self.kind == "exclave" and self.country is None:
            raise ValueError("an exclave needs the id of the state it belongs to as country")
        if self.kind != "exclave" and self.country is not None:
            raise ValueError(f"only an exclave names its country: a {self.kind} does not take country")
        return self


def _check_map_file(value: str) -> str:
    if not re.fullmatch(MAP_FILE, value):
        raise ValueError(
            f"{value!r} is not a map file: write maps/<name>.geojson, the name in lowercase words joined by hyphens"
        )
    return value


MAP_FILE = r"maps/[a-z0-9]+(-[a-z0-9]+)*\.geojson"
MapFile = Annotated[
    str, AfterValidator(_check_map_file), WithJsonSchema({"type": "string", "pattern": f"^{MAP_FILE}$"})
]
"""A GeoJSON file of content/maps/, named from the content folder: `maps/<name>.geojson`."""


class Outline(Model):
    """A line (a road, a route) or an area drawn on a map from a GeoJSON file in content/maps/."""

    file: MapFile
    """The file, like `maps/lachin-corridor.geojson`: longitude and latitude pairs, in a
    LineString, MultiLineString, Polygon or MultiPolygon (a Feature or a FeatureCollection)."""
    name: Line | None = None
    """The name the map's key shows, in the site's neutral wording; or leave it out and give `term`."""
    term: TermId | None = None
    """Id of the glossary term for the line or area, when it has one."""
    source: SourceId
    """Id of the explainer's source for the geometry."""
    licence: Line
    """The licence the geometry is used under, like `CC BY 4.0` or `public domain`."""
    note: Line | None = None
    """How the geometry was made, when readers should know (like `schematic: straight lines
    between the towns the route passes`)."""

    @model_validator(mode="after")
    def _named(self) -> Outline:
        if self.name is None and self.term is None:
            raise ValueError("give the outline a name, or the id of its glossary term as term")
        return self


class Map(Model):
    """A locator map, drawn at build time from public-domain country outlines."""

    title: Line
    """What the map shows, like `Nagorno-Karabakh and its neighbours`."""
    bounds: Bounds
    """The region shown."""
    places: list[Place] = Field(min_length=1)
    """The places marked, each with its coordinates' source; each must lie within `bounds`."""
    outlines: list[Outline] = []
    """Lines and areas drawn from GeoJSON files, each with its source and licence."""
    note: Line | None = None
    """What the map does not show where readers might expect it, like a route no one has agreed."""


class GeoGeometry(BaseModel):
    """A GeoJSON geometry a map can draw: a line or an area, in longitude and latitude pairs."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    type: Literal["LineString", "MultiLineString", "Polygon", "MultiPolygon"]
    """The kind of geometry: a line, several lines, an area or several areas."""
    coordinates: (
        list[tuple[Number, Number]] | list[list[tuple[Number, Number]]] | list[list[list[tuple[Number, Number]]]]
    )
    """[longitude, latitude] pairs, nested as GeoJSON nests them for the geometry's type."""

    def lines(self) -> list[list[tuple[float, float]]]:
        """Every line or ring of the geometry, as (longitude, latitude) pairs."""
        if self.type == "LineString":
            return [list(self.coordinates)]  # type: ignore[arg-type]
        if self.type in ("MultiLineString", "Polygon"):
            return [list(part) for part in self.coordinates]  # type: ignore[arg-type]
        return [list(ring) for polygon in self.coordinates for ring in polygon]  # type: ignore[arg-type]

    @model_validator(mode="before")
    @classmethod
    def _drawable(cls, data: object) -> object:
        """Refuse a geometry that is not a line or an area before its coordinates are read,
        so that one mistake gives one message."""
        kinds = ("LineString", "MultiLineString", "Polygon", "MultiPolygon")
        kind = data.get("type") if isinstance(data, dict) else None
        if isinstance(data, dict) and kind not in kinds:
            close = difflib.get_close_matches(str(kind), kinds, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ValueError(f"type {kind!r} is not a line or an area: use {', '.join(kinds)}{hint}")
        return data

    @model_validator(mode="after")
    def _shaped(self) -> GeoGeometry:
        depth = {"LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}[self.type]
        value: object = self.coordinates
        for _ in range(depth):
            if not isinstance(value, list) or not value:
                raise ValueError(f"a {self.type} needs coordinates nested {depth} lists deep")
            value = value[0]
        if not isinstance(value, tuple):
            raise ValueError(f"a {self.type} needs coordinates nested {depth} lists deep")
        for lon, lat in (point for line in self.lines() for point in line):
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                raise ValueError(f"({lon}, {lat}) is not a longitude and latitude pair")
        return self


class GeoFeature(BaseModel):
    """A GeoJSON Feature; its properties are ignored."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    type: Literal["Feature"]
    """Always `Feature`."""
    geometry: GeoGeometry
    """The line or area."""


class GeoFile(BaseModel):
    """A GeoJSON file under content/maps/: a FeatureCollection or a single Feature."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    type: Literal["FeatureCollection", "Feature"]
    """`FeatureCollection` (with `features`) or a single `Feature` (with `geometry`)."""
    features: list[GeoFeature] = []
    """The features of a FeatureCollection."""
    geometry: GeoGeometry | None = None
    """The geometry of a single Feature."""

    @model_validator(mode="after")
    def _drawable(self) -> GeoFile:
        if self.type == "Feature" and self.geometry is None:
            raise ValueError("a Feature needs a geometry")
        if self.type == "FeatureCollection" and not self.features:
            raise ValueError("a FeatureCollection needs at least one feature")
        return self

    def lines(self) -> list[list[tuple[float, float]]]:
        """Every line or ring in the file, as (longitude, latitude) pairs."""
        geometries = [self.geometry] if self.geometry else [f.geometry for f in self.features]
        return [line for geometry in geometries for line in geometry.lines()]

    def is_area(self) -> bool:
        """Whether the file draws areas (filled) rather than lines."""
        geometries = [self.geometry] if self.geometry else [f.geometry for f in self.features]
        return all(g.type in ("Polygon", "MultiPolygon") for g in geometries)


class Explainer(Model):
    """One news topic, `content/explainers/<slug>.yaml`; the file name is the page's address.

    In the site's own text (the summary, sections, roles, stances, timeline, notes), words in
    quotation marks are someone's: each quoted passage stands word for word in one of the
    explainer's excerpts."""

    title: Line
    """The page title, neutral and plain."""
    summary: Line
    """One paragraph a reader can stop after."""
    published: Day
    """When this page first appeared on the site, YYYY-MM-DD: the page's own date, never its
    sources' (each source has its `date`) nor its events' (the timeline)."""
    as_of: Day
    """The date up to which the explainer's sources report, YYYY-MM-DD: the publication date of
    the newest source it reports events from. The page says it covers reporting up to this date,
    which is not every event of that day; `check` refuses a date later than every dated source."""
    tags: list[Id] = []
    """Topic tags, like `armenia`."""
    sources: list[Source] = Field(min_length=1)
    """Every source the explainer cites; numbered in this order on the page."""
    key_facts: list[KeyFact] = []
    """Facts shown under "At a glance" before the key figures, each with the source's words for it."""
    background: list[Section] = Field(min_length=1)
    """Background sections, in reading order."""
    documents: list[PrimaryDocument] = []
    """Primary documents the explainer is about, with each party's published text of their clauses."""
    actors: list[Involvement] = []
    """The actors involved and their role in this story. Every actor the explainer refers to (a
    position's `actor`, a quote's `speaker`, a figure's `claimed_by`, a timeline event's `actors`,
    a document's `signatories` and who published each version) must be listed here."""
    positions: list[Position] = []
    """Who says what."""
    figures: list[Figure] = []
    """The numbers, each with its claimant and source."""
    series: list[Series] = []
    """Counts one party gives at several dates, each charted over time."""
    timeline: list[Event] = []
    """Dated events; they are shown in date order."""
    glossary: list[TermId] = []
    """Ids of the glossary terms this explainer uses."""
    map: Map | None = None
    """Optional: a locator map of the places the explainer names."""
    what_to_watch: list[Watch] = []
    """Optional: what readers might watch for next, as it stood on the `as_of` date, and what came
    of each item once a source reports it. The page says these are the open questions of that
    date and that it has not followed them since, except where an outcome is given."""
    revisions: list[Revision] = []
    """The log of corrections and updates since publication, oldest first. A change to a
    published quote, figure or date needs an entry, and a published entry is never edited
    or removed: a correction of one is a new entry (`check --against` holds pull requests
    to both)."""

    def last_said(self, actor_id: str) -> PartialDate | None:
        """When the latest dated words this explainer quotes of an actor were said, or None."""
        said = [
            attributed.said
            for position in self.positions
            for quote in position.quotes
            for attributed in (quote, *quote.other_attributions)
            if attributed.speaker == actor_id and attributed.said is not None
        ]
        return max(said, default=None)

    def last_revised(self) -> date:
        """The date of the newest revision, or of publication when there is none."""
        return max([self.published, *(r.date for r in self.revisions)])

    @field_validator("revisions")
    @classmethod
    def _revised_after_publication(cls, revisions: list[Revision], info: ValidationInfo) -> list[Revision]:
        published = info.data.get("published")
        for revision in revisions:
            if published is not None and revision.date < published:
                raise ValueError(f"a revision of {revision.date.isoformat()} is earlier than published")
        if [r.date for r in revisions] != sorted(r.date for r in revisions):
            raise ValueError("list the revisions oldest first")
        return revisions
