"""The back-references: who said what where, and which pages use which glossary term."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from build_scripts.models import Actor, Attributed, Explainer, Position, Quote
from build_scripts.summary import Summary


@dataclass(frozen=True)
class Said:
    """A quote by an actor, with the explainer and position it appears in."""

    slug: str
    explainer: Explainer
    position: Position
    quote: Quote
    attribution: Attributed
    """The source's attribution of the words to this actor: the quote itself, or one of its others."""

    def words(self) -> str:
        """The words as this attribution gives them."""
        return self.attribution.text or self.quote.text

    def context(self) -> str | None:
        """Where or how the words were said, when this is the quote's own attribution."""
        return self.quote.context if self.attribution is self.quote else None

    def others(self) -> list[Attributed]:
        """The quote's other attributions, which give its words to someone else or in other words."""
        return [a for a in self.quote.attributions() if a is not self.attribution]


@dataclass(frozen=True)
class BackRefs:
    """For each actor and term, the pages that mention it, in the explainers' order."""

    positions_of: dict[str, list[tuple[Summary, Position]]]
    quotes_by: dict[str, list[Said]]
    explainers_of_actor: dict[str, list[Summary]]
    explainers_of_term: dict[str, list[Summary]]
    actors_of_term: dict[str, list[Actor]]
    """Actors whose pages use each glossary term."""


def gather(explainers: list[Summary], actors: Mapping[str, Actor]) -> BackRefs:
    """Index the explainers by the actors and terms they mention (the actors' own terms: `with_actor_terms`)."""
    positions: defaultdict[str, list[tuple[Summary, Position]]] = defaultdict(list)
    quotes: defaultdict[str, list[Said]] = defaultdict(list)
    by_actor: defaultdict[str, list[Summary]] = defaultdict(list)
    by_term: defaultdict[str, list[Summary]] = defaultdict(list)
    for x in explainers:
        for involvement in x.model.actors:
            by_actor[involvement.actor].append(x)
        for position in x.model.positions:
            positions[position.actor].append((x, position))
            for quote in position.quotes:
                named: set[str] = set()  # each speaker's page shows a quote once, as first attributed to them
                for attribution in quote.attributions():
                    if attribution.speaker not in named:
                        named.add(attribution.speaker)
                        quotes[attribution.speaker].append(Said(x.slug, x.model, position, quote, attribution))
        for term_id in x.terms:
            by_term[term_id].append(x)
    return BackRefs(dict(positions), dict(quotes), dict(by_actor), dict(by_term), {})


def with_actor_terms(refs: BackRefs, actors: Mapping[str, Actor], terms: Mapping[str, Iterable[str]]) -> BackRefs:
    """The back-references with the actors whose pages use each term, given the terms each actor's page uses."""
    actors_of_term: defaultdict[str, list[Actor]] = defaultdict(list)
    for actor in actors.values():
        for term_id in sorted(terms.get(actor.id, ())):
            actors_of_term[term_id].append(actor)
    return replace(refs, actors_of_term=dict(actors_of_term))


def mentions(refs: BackRefs, actor_id: str) -> list[str]:
    """The slugs of the explainers an actor's page reads: those it appears in, gives a position in or is quoted in."""
    slugs = {x.slug for x in refs.explainers_of_actor.get(actor_id, [])}
    slugs |= {x.slug for x, _ in refs.positions_of.get(actor_id, [])}
    slugs |= {said.slug for said in refs.quotes_by.get(actor_id, [])}
    return sorted(slugs)
