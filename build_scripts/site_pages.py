"""The site-wide pages: the indexes, the home page, the methodology, the feed, the
timeline, the actors' pages and the glossary.

Each reads every explainer (or every actor or term), so each is made again on every run
that changes content; an explainer's own pages are `explainer_page.py`'s.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator, Mapping
from functools import partial

from build_scripts import opendata, pictures
from build_scripts.backrefs import Said
from build_scripts.explainer_page import alphabetical, defined_term, event_key
from build_scripts.feed import FEED, atom_feed
from build_scripts.identity import Identity
from build_scripts.link import Site
from build_scripts.models import Actor, GlossaryTerm, Position, Source
from build_scripts.templating import KIND_LABELS, actor_link, template
from build_scripts.validate import Loaded

HOME_LATEST = 10
"""How many explainers the home page lists, those with the newest events first."""


def site_pages(site: Site, identity: Identity) -> Iterator[tuple[str, str]]:
    """Every page that is not an explainer's own, with its path under docs/."""
    refs = site.refs
    yield opendata.SCHEMA_FILE, opendata.explainer_schema(identity.url)
    newest_first = sorted(site.explainers, key=lambda x: (-x.model.as_of.toordinal(), x.slug))
    yield "explainers/index.md", explainers_index(newest_first)
    yield "index.md", home_page(newest_first)
    yield "methodology.md", methodology_page(identity)
    revised_first = sorted(site.explainers, key=lambda x: (-x.model.last_revised().toordinal(), x.slug))
    yield FEED, atom_feed(revised_first, identity)
    yield "timeline/index.md", timeline_page(site.explainers)
    for actor in site.actors.values():
        members = [a for a in site.actors.values() if a.affiliation == actor.id]
        positions, quotes = refs.positions_of.get(actor.id, []), refs.quotes_by.get(actor.id, [])
        appears = refs.explainers_of_actor.get(actor.id, [])
        yield (
            f"actors/{actor.id}.md",
            actor_page(actor, site.actors, members=members, positions=positions, quotes=quotes, appears=appears),
        )
    yield "actors/index.md", actors_index(site.actors)
    yield (
        "glossary/index.md",
        glossary_page(
            site.terms,
            site.glossary_sources,
            site.actors,
            refs.explainers_of_term,
            refs.actors_of_term,
            identity=identity,
        ),
    )


def methodology_page(identity: Identity) -> str:
    """How the site works, with who publishes it, its licence and where to report a mistake."""
    return template("methodology.md.j2").render(identity=identity)


def explainers_index(newest_first: list[Loaded]) -> str:
    """The list of every explainer, newest events first."""
    return template("explainers.md.j2").render(explainers=newest_first)


def home_page(newest_first: list[Loaded]) -> str:
    """The home page, listing the explainers with the newest events."""
    latest = newest_first[:HOME_LATEST]
    return template("home.md.j2").render(latest=latest, more=len(newest_first) > len(latest), count=len(newest_first))


def timeline_page(explainers: list[Loaded]) -> str:
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
    positions: list[tuple[Loaded, Position]],
    quotes: list[Said],
    appears: list[Loaded],
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
    explainers_of: Mapping[str, list[Loaded]],
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
