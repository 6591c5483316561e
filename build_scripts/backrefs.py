"""The back-references: who said what where, and which pages use which glossary term."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from build_scripts import usage
from build_scripts.models import Actor, Attributed, Explainer, Position, Quote
from build_scripts.validate import Loaded


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

    positions_of: dict[str, list[tuple[Loaded, Position]]]
    quotes_by: dict[str, list[Said]]
    explainers_of_actor: dict[str, list[Loaded]]
    explainers_of_term: dict[str, list[Loaded]]
    actors_of_term: dict[str, list[Actor]]
    """Actors whose pages use each glossary term."""


def gather(
    explainers: list[Loaded],
    actors: dict[str, Actor],
    terms_of: dict[str, list[str]],
    terms_in: Callable[[Iterable[str]], set[str]],
) -> BackRefs:
    """Index the explainers by the actors and terms they mention; `terms_in` finds the terms in texts."""
    positions: defaultdict[str, list[tuple[Loaded, Position]]] = defaultdict(list)
    quotes: defaultdict[str, list[Said]] = defaultdict(list)
    by_actor: defaultdict[str, list[Loaded]] = defaultdict(list)
    by_term: defaultdict[str, list[Loaded]] = defaultdict(list)
    for loaded in explainers:
        for involvement in loaded.model.actors:
            by_actor[involvement.actor].append(loaded)
        for position in loaded.model.positions:
            positions[position.actor].append((loaded, position))
            for quote in position.quotes:
                named: set[str] = set()  # each speaker's page shows a quote once, as first attributed to them
                for attribution in quote.attributions():
                    if attribution.speaker not in named:
                        named.add(attribution.speaker)
                        quotes[attribution.speaker].append(
                            Said(loaded.slug, loaded.model, position, quote, attribution)
                        )
        for term_id in terms_of.get(loaded.slug, []):
            by_term[term_id].append(loaded)
    actors_of_term: defaultdict[str, list[Actor]] = defaultdict(list)
    for actor in actors.values():
        stances = [(p.stance, p.summary) for _, p in positions.get(actor.id, [])]
        said = [(s.words(), s.context()) for s in quotes.get(actor.id, [])]
        texts = usage.actor_texts(actor, said, stances)
        for term_id in sorted(terms_in(texts)):
            actors_of_term[term_id].append(actor)
    return BackRefs(dict(positions), dict(quotes), dict(by_actor), dict(by_term), dict(actors_of_term))
