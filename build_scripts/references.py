"""Check that every id a file uses names something that exists, with a suggestion for a typo.

Which fields hold a reference, and to what, comes from the models' types: a field typed
`ActorId`, `SourceId` or `TermId` (see `fields.Ref`) refers to an actor, one of the same
file's sources, or a glossary term. The checks read the parsed YAML, not the model, so
that a file with a type error elsewhere still has its references checked in the same run.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

from build_scripts.errors import Problem, did_you_mean
from build_scripts.fields import ID, RESERVED, Ref
from build_scripts.models import (
    Actor,
    ActorRegistry,
    Bounds,
    Explainer,
    Glossary,
    GlossaryTerm,
    PrimaryDocument,
    Source,
)
from build_scripts.validate import Content
from build_scripts.yamlload import Data, Document, Path

T = TypeVar("T")
WHAT = {"actor": "actor", "source": "source", "term": "glossary term"}
NAMED = {**WHAT, "version": "version"}
"""What each kind of id names, in messages: the kinds above, and a document's versions."""


@dataclass(frozen=True)
class Registry:
    """What the shared files define, by id; a shared file that failed to validate defines nothing."""

    actors: dict[str, Actor]
    terms: dict[str, GlossaryTerm]
    glossary_sources: dict[str, Source]
    actors_known: bool
    """Whether actors.yaml is valid, so that an unknown actor id is a mistake of its own."""
    terms_known: bool
    """Whether glossary.yaml is valid."""


def check(content: Content) -> tuple[Registry, list[Problem]]:
    """Index the shared files' ids and check every reference of every file against them."""
    problems: list[Problem] = []
    actors: dict[str, Actor] = {}
    if content.actors:
        doc, listed = content.actors
        actors = index(doc, _actor_ids(listed), problems)
        problems += _check_actors(doc, listed, actors)

    terms: dict[str, GlossaryTerm] = {}
    sources: dict[str, Source] = {}
    if content.glossary:
        doc, glossary = content.glossary
        sources = index(doc, [(("sources", i, "id"), s.id, s) for i, s in enumerate(glossary.sources)], problems)
        terms = index(doc, [(("terms", i, "id"), t.id, t) for i, t in enumerate(glossary.terms)], problems)
        known: dict[str, Mapping[str, object]] = {"term": terms, "source": sources}
        if content.actors:
            known["actor"] = actors
        for kind, found in sorted(refs(doc.data, Glossary).items()):
            if kind in known:
                problems += _unknown(doc, found, known[kind], kind)
        problems += _names_used_twice(doc, glossary.terms)

    registry = Registry(actors, terms, sources, content.actors is not None, content.glossary is not None)
    for doc in content.documents:
        problems += _check_explainer(doc, registry)
    return registry, problems


def actors(content: Content) -> dict[str, Actor]:
    """The actors by id, as `check` indexes them: of an id defined twice, the first."""
    if not content.actors:
        return {}
    doc, listed = content.actors
    return index(doc, _actor_ids(listed), [])


def _actor_ids(listed: ActorRegistry) -> list[tuple[Path, str, Actor]]:
    return [(("actors", i, "id"), a.id, a) for i, a in enumerate(listed.actors)]


def paths(model: type[BaseModel], kind: str) -> tuple[Path, ...]:
    """Where, in a file of `model`, ids of `kind` stand ("*" is every item of a list), in field order."""
    found: list[Path] = []
    for name, field in model.model_fields.items():
        for path in _paths_in(field.annotation, field.metadata, kind):
            found.append((name, *path))
    return tuple(found)


def _paths_in(annotation: Any, metadata: Iterable[Any], kind: str) -> Iterator[Path]:
    """The paths below one field's type that hold an id of `kind`."""
    metadata = [*metadata, *getattr(annotation, "__metadata__", ())]
    if any(isinstance(m, Ref) and m.kind == kind for m in metadata):
        yield ()
        return
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield from paths(annotation, kind)
        return
    origin = typing.get_origin(annotation)
    for arg in typing.get_args(annotation):
        if origin is list:
            yield from (("*", *path) for path in _paths_in(arg, (), kind))
        elif origin is not typing.Annotated:  # X | None
            yield from _paths_in(arg, (), kind)


PATHS: dict[type[BaseModel], dict[str, tuple[Path, ...]]] = {
    model: {kind: paths(model, kind) for kind in WHAT} for model in (ActorRegistry, Glossary, Explainer)
}
"""Where each kind of id stands in each kind of file, read once from the models."""


def refs(data: Data, model: type[BaseModel]) -> dict[str, list[tuple[Path, str]]]:
    """Every well-formed id of each kind in parsed YAML of `model`: {kind: [(path, id)]}, in field order."""
    return {kind: [found for pattern in PATHS[model][kind] for found in values(data, pattern)] for kind in WHAT}


def values(data: Data, pattern: Path, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Yield (path, id) for every well-formed id at `pattern` in parsed YAML, in file order."""
    if not pattern:
        if isinstance(data, str) and ID.match(data):
            yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        for i, item in enumerate(data if isinstance(data, list) else []):
            yield from values(item, rest, (*path, i))
    elif isinstance(data, dict) and head in data:
        yield from values(data[head], rest, (*path, head))


def index(doc: Document, items: Iterable[tuple[Path, str, T]], problems: list[Problem]) -> dict[str, T]:
    """Build {id: item} sorted by id, reporting ids defined twice."""
    found: dict[str, T] = {}
    first: dict[str, Path] = {}
    for path, key, item in items:
        if key in found:
            line = doc.locate(first[key]).line
            problems.append(doc.problem(path, f"id '{key}' is defined twice (first at line {line})"))
            continue
        found[key] = item
        first[key] = path
    return dict(sorted(found.items()))


def _ref(doc: Document, path: Path, value: str, known: Mapping[str, object], kind: str) -> Problem | None:
    if value in known:
        return None
    return doc.problem(path, f"unknown {NAMED[kind]} '{value}'{did_you_mean(value, known)}")


def _unknown(doc: Document, found: list[tuple[Path, str]], known: Mapping[str, object], kind: str) -> list[Problem]:
    """A problem for each id in `found` that is not among the `known` ones."""
    return [problem for path, value in found if (problem := _ref(doc, path, value, known, kind))]


def _check_actors(doc: Document, registry: ActorRegistry, actors: dict[str, Actor]) -> list[Problem]:
    problems = _unknown(doc, refs(doc.data, ActorRegistry)["actor"], actors, "actor")
    for i, actor in enumerate(registry.actors):
        if actor.id in RESERVED:
            problems.append(doc.problem(("actors", i, "id"), f"'{actor.id}' is a name the site uses for itself"))
        if actor.affiliation == actor.id:
            problems.append(doc.problem(("actors", i, "affiliation"), "an actor cannot belong to itself"))
    return problems


def _names_used_twice(doc: Document, items: list[GlossaryTerm]) -> list[Problem]:
    problems: list[Problem] = []
    names: dict[str, str] = {}
    for i, term in enumerate(items):
        for name in (term.term, *term.other_names):
            owner = names.setdefault(name.casefold(), term.id)
            if owner != term.id:
                problems.append(doc.problem(("terms", i, "id"), f"the name {name!r} is already used by term '{owner}'"))
    return problems


def _check_explainer(doc: Document, registry: Registry) -> list[Problem]:
    problems: list[Problem] = []
    data = doc.data if isinstance(doc.data, dict) else {}
    found = refs(data, Explainer)
    sources = index(doc, [(p, v, p) for p, v in values(data, ("sources", "*", "id"))], problems)
    if sources:  # with no usable source list, its own error says enough
        problems += _unknown(doc, found["source"], sources, "source")
    involved = index(doc, [(p, v, p) for p, v in values(data, ("actors", "*", "actor"))], problems)
    items = data.get("actors", [])
    listed_actors = isinstance(items, list) and len(involved) == len(items)  # every entry a well-formed id
    if registry.actors_known:
        for path, actor_id in found["actor"]:
            if problem := _ref(doc, path, actor_id, registry.actors, "actor"):
                problems.append(problem)
            elif listed_actors and actor_id not in involved:
                problems.append(doc.problem(path, _unlisted(actor_id)))
        for path, actor_id in values(data, ("map", "places", "*", "country")):  # an exclave's
            owner = registry.actors.get(actor_id)
            if owner is not None and owner.kind != "state":
                problems.append(
                    doc.problem(path, f"'{actor_id}' is of kind {owner.kind}: an exclave belongs to a state")
                )
    if registry.terms_known:
        problems += _unknown(doc, found["term"], registry.terms, "term")
    seen: set[str] = set()
    for path, term_id in found["term"]:
        if path[0] != "glossary":  # a map may name a term the glossary list names too
            continue
        if term_id in seen:
            problems.append(doc.problem(path, f"glossary term '{term_id}' is listed twice"))
        seen.add(term_id)
    return problems


def _unlisted(actor_id: str) -> str:
    """Say that an actor the explainer refers to is missing from its actors, and how to add it."""
    return (
        f"actor '{actor_id}' is not listed under this explainer's actors:"
        f' add "- actor: {actor_id}" with a "role:" under "actors:"'
    )


def maps(content: Content) -> list[Problem]:
    """Each place of an explainer's map lies within its bounds, and each outline names a GeoJSON
    file of content/maps/ that does."""
    problems = []
    for loaded in content.explainers:
        drawn = loaded.model.map
        if drawn is None:
            continue
        for i, place in enumerate(drawn.places):
            for field, message in _outside(drawn.bounds, place.lat, place.lon):
                problems.append(loaded.doc.problem(("map", "places", i, field), message))
        for i, outline in enumerate(drawn.outlines):
            path = ("map", "outlines", i, "file")
            geo = content.maps.get(outline.file)
            if geo is None:
                if outline.file not in content.map_files:  # one that is there but invalid says so itself
                    known = did_you_mean(outline.file, content.map_files)
                    problems.append(loaded.doc.problem(path, f"no file content/{outline.file}{known}"))
                continue
            outside = [(lon, lat) for line in geo.lines() for lon, lat in line if not drawn.bounds.holds(lon, lat)]
            if outside:
                lon, lat = outside[0]
                message = (
                    f"{len(outside)} point(s) of content/{outline.file} lie outside the map's bounds,"
                    f" first ({lon}, {lat}) as longitude, latitude"
                )
                problems.append(loaded.doc.problem(path, message))
    return problems


def _outside(bounds: Bounds, lat: float, lon: float) -> list[tuple[str, str]]:
    """Which of a place's coordinates lies beyond which edge of a map, as (field, message)."""
    found = []
    if lat > bounds.north:
        found.append(("lat", f"{lat} is north of the map's bounds (north: {bounds.north})"))
    if lat < bounds.south:
        found.append(("lat", f"{lat} is south of the map's bounds (south: {bounds.south})"))
    if lon > bounds.east:
        found.append(("lon", f"{lon} is east of the map's bounds (east: {bounds.east})"))
    if lon < bounds.west:
        found.append(("lon", f"{lon} is west of the map's bounds (west: {bounds.west})"))
    return found


def documents(content: Content) -> list[Problem]:
    """In each explainer, every version a clause's wording names is one of its document's, and every
    clause a position is about is one of the explainer's documents'; no id or number is used twice."""
    problems: list[Problem] = []
    for loaded in content.explainers:
        doc, model = loaded.doc, loaded.model
        found = index(doc, [(("documents", i, "id"), d.id, d) for i, d in enumerate(model.documents)], problems)
        for i, document in enumerate(model.documents):
            problems += _versions(doc, ("documents", i), document)
        for i, position in enumerate(model.positions):
            for j, ref in enumerate(position.clauses):
                path: Path = ("positions", i, "clauses", j)
                if ref.document not in found:
                    known = did_you_mean(ref.document, found)
                    problems.append(doc.problem((*path, "document"), f"unknown document '{ref.document}'{known}"))
                    continue
                numbers = {clause.number for clause in found[ref.document].clauses}
                if ref.clause not in numbers:
                    message = (
                        f"document '{ref.document}' has no clause '{ref.clause}'{did_you_mean(ref.clause, numbers)}"
                    )
                    problems.append(doc.problem((*path, "clause"), message))
    return problems


def _versions(doc: Document, where: Path, document: PrimaryDocument) -> list[Problem]:
    """One document: its versions and clause numbers each used once, each wording by a version of its own."""
    problems: list[Problem] = []
    versions = index(doc, [((*where, "versions", j, "id"), v.id, v) for j, v in enumerate(document.versions)], problems)
    index(doc, [((*where, "clauses", j, "number"), c.number, c) for j, c in enumerate(document.clauses)], problems)
    for j, clause in enumerate(document.clauses):
        named = [((*where, "clauses", j, "wording", k, "version"), w.version) for k, w in enumerate(clause.wording)]
        problems += _unknown(doc, named, versions, "version")
        seen: set[str] = set()
        for path, version in named:
            if version in seen:
                problems.append(doc.problem(path, f"version '{version}' gives this clause's wording twice"))
            seen.add(version)
    return problems
