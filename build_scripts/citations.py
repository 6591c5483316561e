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
        for n, event in enumerate(timeline):
            label = Md(f"{day(event.date)}: {md(event.text)}")
            self._add(event, f"t{n}", label, [(e.source, e.excerpt) for e in event.evidence], event.date_basis)
        for i, position in enumerate(explainer.positions):
            for j, quote in enumerate(position.quotes):
                speaker = text.escape(text.to_plain(actors[quote.speaker].name))
                self._add(quote, f"q{i}-{j}", Md(f"{speaker}: “{md(quote.text)}”"), [(quote.source, quote.excerpt)])
        for i, figure in enumerate(explainer.figures):
            claimant = text.escape(claimant_name(actors, figure))
            label = Md(f"{md(figure.measure)}: {text.escape(figure.amount())}, {claimant}")
            self._add(figure, f"f{i}", label, [(figure.source, figure.excerpt)])

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
