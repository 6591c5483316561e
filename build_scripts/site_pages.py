"""The site-wide pages: the indexes, the home page, the methodology, the feed, the
timeline, the actors' pages and the glossary.

Each reads every explainer's summary (`summary.py`) or every actor or term; an actor's page
reads only the explainers that name it. An explainer's own pages are `explainer_page.py`'s.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import TypeVar

from build_scripts import opendata, pictures
from build_scripts.backrefs import Said
from build_scripts.explainer_page import alphabetical, defined_term, event_key
from build_scripts.feed import FEED, atom_feed
from build_scripts.identity import Identity
from build_scripts.link import Site
from build_scripts.models import Actor, GlossaryTerm, Position, Source
from build_scripts.summary import Summary
from build_scripts.templating import KIND_LABELS, actor_link, template

P = TypeVar("P")

HOME_LATEST = 10
"""How many explainers the home page lists, those with the newest events first."""


def site_pages(
    site: Site, identity: Identity, actors: Mapping[str, P] | None = None, kept: Mapping[str, P] | None = None
) -> Iterator[tuple[str, str | P]]:
    """Every page that is not an explainer's own, with its path under docs/.

    `actors` holds each actor's page by id (`actor_pages`), when the caller made them;
    without it each is made here. A page in `kept`, by path, is given as it is there instead
    of being made."""
    kept = kept or {}

    def page(path: str, make: Callable[[], str]) -> tuple[str, str | P]:
        return path, kept[path] if path in kept else make()

    refs = site.refs
    yield page(opendata.SCHEMA_FILE, lambda: opendata.explainer_schema(identity.url))
    newest_first = sorted(site.explainers, key=lambda x: (-x.model.as_of.toordinal(), x.slug))
    yield page("explainers/index.md", lambda: explainers_index(newest_first))
    yield page("index.md", lambda: home_page(newest_first))
    yield page("methodology.md", lambda: methodology_page(identity))
    revised_first = sorted(site.explainers, key=lambda x: (-x.revised.toordinal(), x.slug))
    yield page(FEED, lambda: atom_feed(revised_first, identity))
    yield page("timeline/index.md", lambda: timeline_page(site.explainers))
    made = actor_pages(site, list(site.actors)) if actors is None else actors
    for actor_id in site.actors:
        yield f"actors/{actor_id}.md", made[actor_id]
    yield page("actors/index.md", lambda: actors_index(site.actors))
    yield page(
        "glossary/index.md",
        lambda: glossary_page(
            site.terms,
            site.glossary_sources,
            site.actors,
            refs.explainers_of_term,
            refs.actors_of_term,
            identity=identity,
        ),
    )


def actor_pages(site: Site, wanted: list[str]) -> dict[str, str]:
    """The pages of the `wanted` actors, by id: each reads the actors' file and the explainers
    that name the actor (`backrefs.mentions`), nothing else."""
    refs = site.refs
    members = members_of(site.actors)
    return {
        actor_id: actor_page(
            site.actors[actor_id],
            site.actors,
            members=members.get(actor_id, []),
            positions=refs.positions_of.get(actor_id, []),
            quotes=refs.quotes_by.get(actor_id, []),
            appears=refs.explainers_of_actor.get(actor_id, []),
        )
        for actor_id in wanted
    }


def members_of(actors: Mapping[str, Actor]) -> dict[str, list[Actor]]:
    """The actors that belong to each actor (its members, by `affiliation`), by the id of the one they belong to."""
    members: dict[str, list[Actor]] = {}
    for actor in actors.values():
        if actor.affiliation is not None:
            members.setdefault(actor.affiliation, []).append(actor)
    return members


def methodology_page(identity: Identity) -> str:
    """How the site works, with who publishes it, its licence and where to report a mistake."""
    return template("methodology.md.j2").render(identity=identity)


def explainers_index(newest_first: list[Summary]) -> str:
    """The list of every explainer, newest events first."""
    return template("explainers.md.j2").render(explainers=newest_first)


def home_page(newest_first: list[Summary]) -> str:
    """The home page, listing the explainers with the newest events."""
    latest = newest_first[:HOME_LATEST]
    return template("home.md.j2").render(latest=latest, more=len(newest_first) > len(latest), count=len(newest_first))


def timeline_page(explainers: list[Summary]) -> str:
    """Every explainer's events on one timeline."""
    events = sorted(
        ((event, loaded) for loaded in explainers for event in loaded.model.timeline),
        key=lambda pair: (*event_key(pair[0]), pair[1].slug),
    )
    years = [(year, list(group)) for year, group in itertools.groupby(events, key=lambda pair: pair[0].first().year)]
    return template("timeline.md.j2").render(years=years, dated=pictures.dated)


def actor_page(
    actor: Actor,
    actors: Mapping[str, Actor],
    *,
    members: list[Actor],
    positions: list[tuple[Summary, Position]],
    quotes: list[Said],
    appears: list[Summary],
) -> str:
    """An actor's page: who they are, their positions and words, and the explainers they appear in."""
    return template("actor.md.j2").render(
        actor_link=partial(actor_link, actors),
        actor=actor,
        members=members,
        positions=positions,
        quotes=quotes,
        appears=appears,
    )


def actors_index(actors: Mapping[str, Actor]) -> str:
    """Every actor by kind, then by name."""
    by_name = sorted(actors.values(), key=lambda a: (a.name.casefold(), a.id))
    by_kind = {kind: [a for a in by_name if a.kind == kind] for kind in KIND_LABELS}
    return template("actors.md.j2").render(by_kind=by_kind)


def glossary_page(
    terms: Mapping[str, GlossaryTerm],
    sources: Mapping[str, Source],
    actors: Mapping[str, Actor],
    explainers_of: Mapping[str, list[Summary]],
    actors_of: Mapping[str, list[Actor]],
    *,
    identity: Identity,
) -> str:
    """The glossary, alphabetical, with the pages that use each term."""
    in_order = alphabetical(terms.values())
    return template("glossary.md.j2").render(
        actor_link=partial(actor_link, actors),
        jsonld=glossary_json_ld(in_order, identity),
        terms=in_order,
        by_id=terms,
        sources=sources,
        explainers_of=explainers_of,
        actors_of=actors_of,
    )


def glossary_json_ld(terms: list[GlossaryTerm], identity: Identity) -> str:
    """Schema.org JSON-LD for the glossary page: a DefinedTermSet of every term."""
    page = identity.absolute("glossary/")
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        **({"@id": page, "url": page} if page else {}),
        "name": f"{identity.name}: glossary",
        "publisher": identity.organization(),
        "hasDefinedTerm": [defined_term(t, identity) for t in terms],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
