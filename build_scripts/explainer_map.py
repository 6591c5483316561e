"""An explainer's locator map: the parts the drawing takes, and its places as text under it."""

from __future__ import annotations

from collections.abc import Mapping

from build_scripts import maps, text
from build_scripts.models import Actor, Explainer, GeoFile, GlossaryTerm, Outline, Place
from build_scripts.templating import Md, actor_link, md


def place_label(terms: Mapping[str, GlossaryTerm], place: Place | Outline) -> str:
    """A place's name on the map: its own, or its glossary term's neutral name, or the term."""
    if place.name is not None:
        return place.name
    assert place.term is not None  # the model requires one of the two
    term = terms[place.term]
    return term.neutral_name or term.term


def place_names(actors: Mapping[str, Actor], terms: Mapping[str, GlossaryTerm], place: Place | Outline) -> Md:
    """What each party calls a place, from its glossary term, which the line links to."""
    if place.term is None or not terms[place.term].names_by_party:
        return Md("")
    users: dict[str, list[str]] = {}
    for party in terms[place.term].names_by_party:
        users.setdefault(party.name, []).append(actor_link(actors, party.actor))
    named = "; ".join(f"“{md(name)}” by {' and '.join(who)}" for name, who in users.items())
    return Md(f". Called {named} ([glossary](../glossary/index.md#{place.term}))")


def degrees(place: Place) -> str:
    """A place's coordinates as readers write them, like `39.818° N, 46.753° E`."""
    lat, lon = place.lat, place.lon
    return f"{abs(lat):.3f}° {'N' if lat >= 0 else 'S'}, {abs(lon):.3f}° {'E' if lon >= 0 else 'W'}"


def map_parts(
    explainer: Explainer, terms: Mapping[str, GlossaryTerm], geo: Mapping[str, GeoFile], actors: Mapping[str, Actor]
) -> tuple[list[maps.Mark], list[maps.Drawn]]:
    """An explainer's map as the drawing takes it: its places (an exclave with its country's
    name), and its lines and areas."""
    assert explainer.map is not None
    marks = [
        maps.Mark(
            place_label(terms, p), p.kind, p.lon, p.lat, text.to_plain(actors[p.country].name) if p.country else None
        )
        for p in explainer.map.places
    ]
    drawn = [maps.Drawn(place_label(terms, o), geo[o.file]) for o in explainer.map.outlines]
    return marks, drawn


def locator_map(
    explainer: Explainer,
    terms: Mapping[str, GlossaryTerm],
    geo: Mapping[str, GeoFile],
    actors: Mapping[str, Actor],
) -> Md:
    """The explainer's locator map in both drawings, or nothing."""
    if explainer.map is None:
        return Md("")
    return Md(maps.both("map", explainer.map, *map_parts(explainer, terms, geo, actors)))
