"""An explainer's citations, and "What the sources say": the sources' words behind each claim.

Each source is numbered in the order the sources are listed; a claim's citation leads to
its entry, which shows the source's words and names the source.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from build_scripts import text
from build_scripts.models import Actor, Event, Explainer, Figure, Source
from build_scripts.templating import Md, day, md


class Citations:
    """Numbered citations of one explainer's sources, in the order the sources are listed."""

    def __init__(self, sources: list[Source]) -> None:
        self.number = {source.id: n for n, source in enumerate(sources, start=1)}

    def __call__(self, *source_ids: str) -> Md:
        ids = sorted(dict.fromkeys(source_ids), key=self.number.__getitem__)
        return Md("".join(f"[\\[{self.number[s]}\\]](#source-{s})" for s in ids))


@dataclass(frozen=True)
class Words:
    """The words of the sources behind one claim on an explainer page, with the anchor that leads to them."""

    anchor: str
    label: Md
    excerpts: list[tuple[str, str]]
    """(source id, the source's words), one for each source of the claim."""
    basis: str | None = None
    """How the claim's date follows from the source, when no excerpt states it."""


class SourceWords:
    """The sources' words behind an explainer's claims, in the order the page shows them.

    A claim's citation links to its entry, which shows the words and names the source.
    """

    def __init__(
        self, actors: Mapping[str, Actor], explainer: Explainer, timeline: list[Event], cite: Citations
    ) -> None:
        self.cite = cite
        self.entries: list[Words] = []
        self._by_owner: dict[int, Words] = {}
        for i, section in enumerate(explainer.background):
            for j, claim in enumerate(section.claims):
                self._add(claim, f"b{i}-{j}", Md(f"“{md(claim.text)}”"), [(claim.source, claim.excerpt)])
        for i, fact in enumerate(explainer.key_facts):
            self._add(fact, f"k{i}", Md(f"{md(fact.label)}: {md(fact.shown())}"), [(fact.source, fact.excerpt)])
        for n, event in enumerate(timeline):
            label = Md(f"{text.escape(event.when())}: {md(event.text)}")
            given = [(d.source, d.excerpt) for d in event.dates] + [(e.source, e.excerpt) for e in event.evidence]
            self._add(event, f"t{n}", label, given, event.date_basis)
        for i, watch in enumerate(explainer.what_to_watch):
            if watch.outcome is not None:
                outcome = watch.outcome
                label = Md(f"{md(watch.text)} Outcome, {text.escape(outcome.when())}: {md(outcome.text)}")
                given = [(d.source, d.excerpt) for d in outcome.dates] + [
                    (e.source, e.excerpt) for e in outcome.evidence
                ]
                self._add(outcome, f"w{i}", label, given, outcome.date_basis)
        for i, position in enumerate(explainer.positions):
            for j, quote in enumerate(position.quotes):
                for k, said in enumerate(quote.attributions()):  # the quote's own, then the others
                    speaker = text.escape(text.to_plain(actors[said.speaker].name))
                    label = Md(f"{speaker}: “{md(said.text or quote.text)}”")
                    self._add(said, f"q{i}-{j}" + (f"-a{k - 1}" if k else ""), label, [(said.source, said.excerpt)])
        for i, figure in enumerate(explainer.figures):
            claimant = text.escape(claimant_name(actors, figure))
            label = Md(f"{md(figure.measure)}: {text.escape(figure.amount())}, {claimant}")
            self._add(figure, f"f{i}", label, [(figure.source, figure.excerpt)])
        for i, series in enumerate(explainer.series):
            claimant = text.escape(text.to_plain(actors[series.claimed_by].name))
            for j, point in enumerate(series.points):
                amount = text.escape(series.amount(point))
                label = Md(f"{md(series.measure)}: {amount} as of {day(point.as_of)}, {claimant}")
                self._add(point, f"s{i}-{j}", label, [(point.source, point.excerpt)])

    def _add(
        self, owner: object, anchor: str, label: Md, excerpts: list[tuple[str, str]], basis: str | None = None
    ) -> None:
        entry = Words(f"words-{anchor}", label, excerpts, basis)
        self.entries.append(entry)
        self._by_owner[id(owner)] = entry

    def __call__(self, owner: object) -> Md:
        """The citation of a claim: its sources' numbers, each leading to the claim's words."""
        entry = self._by_owner[id(owner)]
        numbers = sorted({self.cite.number[source] for source, _ in entry.excerpts})
        return Md("".join(f"[\\[{n}\\]](#{entry.anchor})" for n in numbers))

    def dates_given(self, event: Event) -> Md:
        """For an event whose sources give different dates, which source gives which date, each
        leading to the event's words: ` (sources differ: 19 April 2021 per [1]; 20 April 2021 per [2])`."""
        if not event.disputed():
            return Md("")
        anchor, number = self.of(event).anchor, self.cite.number
        given = "; ".join(f"{day(d.date)} per [\\[{number[d.source]}\\]](#{anchor})" for d in event.dates)
        return Md(f" (sources differ: {given})")

    def of(self, owner: object) -> Words:
        """The entry of one claim."""
        return self._by_owner[id(owner)]

    def line(self, entry: Words) -> Md:
        """An entry as readers see it: the claim, then each source's number and words, then how it is dated."""
        shown = entry.label + "".join(f" — {self.cite(source)}: {md(excerpt)}" for source, excerpt in entry.excerpts)
        return Md(shown + (f" *Date:* {md(entry.basis)}" if entry.basis else ""))


def claimant_name(actors: Mapping[str, Actor], figure: Figure) -> str:
    """Who gives a figure, as readers see it: the claimant's name, or that the source does not say."""
    if figure.claimed_by is None:
        return "not stated; reported by the source"
    return text.to_plain(actors[figure.claimed_by].name)
