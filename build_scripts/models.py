"""The content model: what contributors write in content/, as typed classes.

Each field's docstring is its documentation for contributors; the JSON Schema for
editors and the field reference are generated from them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from build_scripts.fields import Day, Flag, Id, Line, Number, Prose, Url, When, is_text
from build_scripts.text import wrapped_in_quotation_marks
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

    id: Id
    """Short id that figures, quotes and sections cite, like `article`."""
    title: Line
    """The source's own title."""
    publisher: Line | None = None
    """Who published it (a news outlet, a ministry). Leave it out when unknown; never guess."""
    date: Day | None = None
    """When it was published, YYYY-MM-DD."""
    url: Url | None = None
    """Where it can be read: an http or https address. Leave it out when unknown."""


ActorKind = Literal["state", "organisation", "armed-group", "de-facto-authority", "person"]


class Actor(Model):
    """Someone who acts or speaks in a story: a state, organisation, armed group, de facto authority or person."""

    id: Id
    """Id that explainers use to refer to this actor, like `nikol-pashinyan`."""
    name: Line
    """The name readers see, like `Nikol Pashinyan`."""
    kind: ActorKind
    """One of: state, organisation, armed-group, de-facto-authority, person."""
    affiliation: Id | None = None
    """Id of the actor this one belongs to or speaks for: a spokesperson's ministry, a ministry's state."""
    office: Line | None = None
    """A person's office or role, like `Prime Minister of Armenia`."""
    description: Line
    """One neutral sentence saying who or what this is."""
    other_names: list[Line] = []
    """Other names and spellings readers may meet."""


class ActorRegistry(Model):
    """The shared registry of actors, `content/actors.yaml`."""

    actors: list[Actor] = Field(min_length=1)
    """Every actor any explainer refers to."""


class PartyName(Model):
    """The name one party uses for a contested thing."""

    actor: Id
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
    names_by_party: list[PartyName] = []
    """For a contested name: which party uses which name."""
    neutral_name: Line | None = None
    """The wording this site uses in its own voice when the names are contested. When set, the
    names in `names_by_party` may appear in the site's own text only in quotation marks."""
    related: list[Id] = []
    """Ids of related glossary terms."""
    sources: list[Id] = []
    """Ids of the glossary's sources that support the definition."""


class Glossary(Model):
    """The shared glossary, `content/glossary.yaml`."""

    sources: list[Source] = []
    """Sources that glossary definitions cite by id."""
    terms: list[GlossaryTerm] = Field(min_length=1)
    """Every glossary term."""


class Section(Model):
    """One background section, best headed by a reader's question."""

    heading: Line
    """The section heading, like `Why is Nagorno-Karabakh disputed?`."""
    body: Prose
    """The section text, in paragraphs separated by blank lines."""
    sources: list[Id] = Field(min_length=1)
    """Ids of the sources that support this section."""


class Involvement(Model):
    """An actor's part in this story."""

    actor: Id
    """Id of the actor, from the actor registry."""
    role: Line
    """The actor's role in this story, in one neutral line."""


class Quote(Model):
    """Words someone said or wrote, exactly as the source reports them."""

    text: Line
    """The quoted words, without quotation marks around them; the page adds its own."""
    speaker: Id
    """Id of the actor who said or wrote it; list the actor under the explainer's `actors` too."""
    source: Id
    """Id of the source that reports the quote."""
    context: Line | None = None
    """Where or how it was said, like `on social media` or `in a statement on Telegram`."""

    @field_validator("text")
    @classmethod
    def _not_in_quotation_marks(cls, text: str) -> str:
        if wrapped_in_quotation_marks(text):
            raise ValueError("remove the quotation marks around the quote; the page adds its own")
        return text


class Position(Model):
    """Where an actor stands, in summary and in their own words."""

    actor: Id
    """Id of the actor whose position this is; list the actor under the explainer's `actors` too."""
    stance: Line
    """A short, neutral label for the position, like `Calls for an immediate ceasefire`."""
    summary: Prose
    """The position in the site's neutral words; attribute every claim."""
    sources: list[Id] = Field(min_length=1)
    """Ids of the sources that report this position."""
    quotes: list[Quote] = []
    """The actor's (or its people's) own words."""


class Figure(Model):
    """A number someone claims, with who claims it and where it was reported."""

    measure: Line
    """What is counted, like `People killed`. Figures with the same measure are shown side by side."""
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
    claimed_by: Id | None = None
    """Id of the actor who claims the number; list the actor under the explainer's `actors` too.
    Required unless `source_voice` is true."""
    source_voice: Flag = False
    """True when the source states the number in its own voice without saying who gave it."""
    source: Id
    """Id of the source that reports the number."""
    key: Flag = False
    """True to show this figure under "At a glance"."""
    note: Line | None = None
    """A neutral note on how the number was reported."""

    def amount(self) -> str:
        """The value or range with its unit, as readers see it: 469 people, 5–10 people."""

        def number(value: float) -> str:
            return f"{int(value):,}" if value.is_integer() else f"{value:,}"

        if self.value is not None:
            shown = number(self.value)
        else:
            assert self.low is not None and self.high is not None
            shown = f"{number(self.low)}–{number(self.high)}"
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


class Event(Model):
    """One dated event on the timeline."""

    date: When
    """When it happened: YYYY, YYYY-MM or YYYY-MM-DD, as precisely as the sources allow."""
    text: Line
    """What happened, in one neutral sentence."""
    actors: list[Id] = []
    """Ids of the actors involved; list each under the explainer's `actors` too."""
    sources: list[Id] = Field(min_length=1)
    """Ids of the sources that report the event."""


class Explainer(Model):
    """One news topic, `content/explainers/<slug>.yaml`; the file name is the page's address."""

    title: Line
    """The page title, neutral and plain."""
    summary: Line
    """One paragraph a reader can stop after."""
    published: Day
    """When the explainer was first published, YYYY-MM-DD."""
    updated: Day
    """When it was last updated, YYYY-MM-DD; shown as "last updated"."""
    tags: list[Id] = []
    """Topic tags, like `armenia`."""
    sources: list[Source] = Field(min_length=1)
    """Every source the explainer cites; numbered in this order on the page."""
    background: list[Section] = Field(min_length=1)
    """Background sections, in reading order."""
    actors: list[Involvement] = []
    """The actors involved and their role in this story. Every actor the explainer refers to (a
    position's `actor`, a quote's `speaker`, a figure's `claimed_by`, a timeline event's `actors`)
    must be listed here."""
    positions: list[Position] = []
    """Who says what."""
    figures: list[Figure] = []
    """The numbers, each with its claimant and source."""
    timeline: list[Event] = []
    """Dated events; they are shown in date order."""
    glossary: list[Id] = []
    """Ids of the glossary terms this explainer uses."""
    what_to_watch: list[Line] = []
    """Optional: what readers might watch for next, each in one neutral line."""

    @field_validator("updated")
    @classmethod
    def _not_before_published(cls, updated: date, info: ValidationInfo) -> date:
        published = info.data.get("published")
        if published is not None and updated < published:
            raise ValueError(f"is earlier than published ({published.isoformat()})")
        return updated
