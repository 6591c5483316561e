"""Stage 3, link: check that every id an explainer uses exists, and gather back-references."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

from build_scripts import evidence, memo, usage
from build_scripts.errors import Problem, did_you_mean
from build_scripts.fields import ID, RESERVED
from build_scripts.models import Actor, Explainer, GeoFile, GlossaryTerm, Position, Quote, Source
from build_scripts.validate import Content, Loaded
from build_scripts.yamlload import Data, Document, Path

T = TypeVar("T")


@dataclass(frozen=True)
class Said:
    """A quote by an actor, with the explainer and position it appears in."""

    slug: str
    explainer: Explainer
    position: Position
    quote: Quote


@dataclass(frozen=True)
class Site:
    """Everything the pages are rendered from, with its cross-references resolved."""

    actors: dict[str, Actor]
    terms: dict[str, GlossaryTerm]
    glossary_sources: dict[str, Source]
    explainers: list[Loaded]
    positions_of: dict[str, list[tuple[Loaded, Position]]] = field(default_factory=dict)
    quotes_by: dict[str, list[Said]] = field(default_factory=dict)
    explainers_of_actor: dict[str, list[Loaded]] = field(default_factory=dict)
    terms_of: dict[str, list[str]] = field(default_factory=dict)
    """Glossary term ids each explainer uses (listed or found in its text), by slug."""
    explainers_of_term: dict[str, list[Loaded]] = field(default_factory=dict)
    actors_of_term: dict[str, list[Actor]] = field(default_factory=dict)
    """Actors whose pages use each glossary term."""
    warnings: list[Problem] = field(default_factory=list)
    """Problems that do not stop the build."""
    digests: tuple[str, ...] = ()
    """Hashes of the shared files (actors, glossary, maps) every page depends on; empty if unknown."""
    maps: dict[str, GeoFile] = field(default_factory=dict)
    """The lines and areas of content/maps/, keyed like `maps/<name>.geojson`."""


def link(content: Content) -> tuple[Site, list[Problem]]:
    """Check every cross-reference in the content and build the Site."""
    problems: list[Problem] = []
    actors: dict[str, Actor] = {}
    if content.actors:
        doc, registry = content.actors
        actors = _index(doc, [(("actors", i, "id"), a.id, a) for i, a in enumerate(registry.actors)], problems)
        for i, actor in enumerate(registry.actors):
            if actor.id in RESERVED:
                problems.append(doc.problem(("actors", i, "id"), f"'{actor.id}' is a name the site uses for itself"))
            if actor.affiliation is not None:
                problems += _ref(doc, ("actors", i, "affiliation"), actor.affiliation, actors, "actor")
                if actor.affiliation == actor.id:
                    problems.append(doc.problem(("actors", i, "affiliation"), "an actor cannot belong to itself"))

    terms: dict[str, GlossaryTerm] = {}
    glossary_sources: dict[str, Source] = {}
    if content.glossary:
        doc, glossary = content.glossary
        glossary_sources = _index(
            doc, [(("sources", i, "id"), s.id, s) for i, s in enumerate(glossary.sources)], problems
        )
        terms = _index(doc, [(("terms", i, "id"), t.id, t) for i, t in enumerate(glossary.terms)], problems)
        problems += _check_glossary(doc, glossary.terms, terms, glossary_sources, actors if content.actors else None)
        if content.actors:
            for i, word in enumerate(glossary.loaded_terms):
                for j, actor_id in enumerate(word.used_by):
                    problems += _ref(doc, ("loaded_terms", i, "used_by", j), actor_id, actors, "actor")

    # What every explainer's checks depend on besides the explainer itself.
    context = (
        content.actors[0].digest if content.actors else None,
        content.glossary[0].digest if content.glossary else None,
    )
    known_actors = actors if content.actors else None
    known_terms = terms if content.glossary else None
    for doc in content.documents:
        check = partial(_check_explainer, doc, known_actors, known_terms)
        problems += memo.remember(("references", doc.path, doc.digest, context), check)

    if content.actors:
        for loaded in content.explainers:
            problems += evidence.check(loaded.doc, loaded.model, actors)
            problems += _offices(loaded, actors)
    for loaded in content.explainers:
        problems += _map_files(loaded, content)

    digests = (*(d for d in context if d), *content.map_digests) if all(context) else ()
    site = Site(actors, terms, glossary_sources, content.explainers, digests=digests, maps=content.maps)
    _gather(site)
    site.warnings.extend(w for loaded in content.explainers if (w := _stale(loaded)))
    if content.glossary:
        index = usage.TermIndex(terms.values(), actors, content.glossary[1].loaded_terms)
        for doc, model in [content.glossary, *([content.actors] if content.actors else [])]:
            problems += memo.remember(("scan", doc.path, doc.digest, context), partial(index.scan, doc, model)).problems
        for loaded in content.explainers:
            scan = memo.remember(
                ("scan", loaded.doc.path, loaded.doc.digest, context), partial(index.scan, loaded.doc, loaded.model)
            )
            problems += scan.problems
            site.warnings.extend(scan.warnings)
            drawn = loaded.model.map
            on_map = (
                {p.term for p in drawn.places if p.term} | {o.term for o in drawn.outlines if o.term}
                if drawn
                else set()
            )
            site.terms_of[loaded.slug] = sorted(scan.terms | set(loaded.model.glossary) | on_map)
        site.warnings.extend(_term_usage(site, index, content.glossary[0], content.glossary[1].terms))
    return site, problems


def _index(doc: Document, items: Iterable[tuple[Path, str, T]], problems: list[Problem]) -> dict[str, T]:
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


def _ref(doc: Document, path: Path, value: str, known: Mapping[str, object], what: str) -> list[Problem]:
    if value in known:
        return []
    return [doc.problem(path, f"unknown {what} '{value}'{did_you_mean(value, known)}")]


def _check_glossary(
    doc: Document,
    items: list[GlossaryTerm],
    terms: dict[str, GlossaryTerm],
    sources: dict[str, Source],
    actors: dict[str, Actor] | None,
) -> list[Problem]:
    problems: list[Problem] = []
    names: dict[str, str] = {}
    for i, term in enumerate(items):
        for j, related in enumerate(term.related):
            problems += _ref(doc, ("terms", i, "related", j), related, terms, "glossary term")
        for j, source in enumerate(term.sources):
            problems += _ref(doc, ("terms", i, "sources", j), source, sources, "source")
        if actors is not None:
            for j, party in enumerate(term.names_by_party):
                problems += _ref(doc, ("terms", i, "names_by_party", j, "actor"), party.actor, actors, "actor")
        for name in (term.term, *term.other_names):
            owner = names.setdefault(name.casefold(), term.id)
            if owner != term.id:
                problems.append(doc.problem(("terms", i, "id"), f"the name {name!r} is already used by term '{owner}'"))
    return problems


# Where an explainer refers to other things by id ("*" is every item of a list). The
# checks read the parsed YAML, not the model, so that a file with a type error elsewhere
# still has its references checked in the same run.
SOURCE_REFS: tuple[Path, ...] = (
    ("background", "*", "sources", "*"),
    ("positions", "*", "sources", "*"),
    ("positions", "*", "quotes", "*", "source"),
    ("background", "*", "claims", "*", "source"),
    ("figures", "*", "source"),
    ("timeline", "*", "evidence", "*", "source"),
    ("map", "places", "*", "source"),
    ("map", "outlines", "*", "source"),
)
TERM_REFS: tuple[Path, ...] = (
    ("glossary", "*"),
    ("map", "places", "*", "term"),
    ("map", "outlines", "*", "term"),
)
ACTOR_REFS: tuple[Path, ...] = (
    ("actors", "*", "actor"),
    ("positions", "*", "actor"),
    ("positions", "*", "quotes", "*", "speaker"),
    ("figures", "*", "claimed_by"),
    ("timeline", "*", "actors", "*"),
)


def _values(data: Data, pattern: Path, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Yield (path, id) for every well-formed id at `pattern` in parsed YAML, in file order."""
    if not pattern:
        if isinstance(data, str) and ID.match(data):
            yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        for i, item in enumerate(data if isinstance(data, list) else []):
            yield from _values(item, rest, (*path, i))
    elif isinstance(data, dict) and head in data:
        yield from _values(data[head], rest, (*path, head))


def _refs(data: Data, patterns: tuple[Path, ...]) -> list[tuple[Path, str]]:
    return [found for pattern in patterns for found in _values(data, pattern)]


def _check_explainer(
    doc: Document,
    actors: dict[str, Actor] | None,
    terms: dict[str, GlossaryTerm] | None,
) -> list[Problem]:
    problems: list[Problem] = []
    data = doc.data if isinstance(doc.data, dict) else {}
    sources = _index(doc, [(p, v, p) for p, v in _refs(data, (("sources", "*", "id"),))], problems)
    if sources:  # with no usable source list, its own error says enough
        for path, source_id in _refs(data, SOURCE_REFS):
            problems += _ref(doc, path, source_id, sources, "source")
    involved = _index(doc, [(p, v, p) for p, v in _refs(data, (("actors", "*", "actor"),))], problems)
    items = data.get("actors", [])
    listed_actors = isinstance(items, list) and len(involved) == len(items)  # every entry a well-formed id
    if actors is not None:
        for path, actor_id in _refs(data, ACTOR_REFS):
            found = _ref(doc, path, actor_id, actors, "actor")
            problems += found
            if not found and listed_actors and actor_id not in involved:
                problems.append(doc.problem(path, _unlisted(actor_id)))
    listed = _refs(data, (("glossary", "*"),))
    if terms is not None:
        for path, term_id in _refs(data, TERM_REFS):
            problems += _ref(doc, path, term_id, terms, "glossary term")
    seen: set[str] = set()
    for path, term_id in listed:
        if term_id in seen:
            problems.append(doc.problem(path, f"glossary term '{term_id}' is listed twice"))
        seen.add(term_id)
    return problems


def _map_files(loaded: Loaded, content: Content) -> list[Problem]:
    """Each place of an explainer's map lies within its bounds, and each outline names a GeoJSON
    file of content/maps/ that does."""
    drawn = loaded.model.map
    if drawn is None:
        return []
    problems = [
        loaded.doc.problem(("map", "places", i, "lat"), f"({place.lat}, {place.lon}) lies outside the map's bounds")
        for i, place in enumerate(drawn.places)
        if not drawn.bounds.holds(place.lon, place.lat)
    ]
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
            problems.append(
                loaded.doc.problem(
                    path,
                    f"{len(outside)} point(s) of content/{outline.file} lie outside the map's bounds,"
                    f" first ({lon}, {lat}) as longitude, latitude",
                )
            )
    return problems


def _unlisted(actor_id: str) -> str:
    """Say that an actor the explainer refers to is missing from its actors, and how to add it."""
    return (
        f"actor '{actor_id}' is not listed under this explainer's actors:"
        f' add "- actor: {actor_id}" with a "role:" under "actors:"'
    )


def _stale(loaded: Loaded) -> Problem | None:
    """Warn when an explainer's as-of date is older than its newest source or event."""
    model = loaded.model
    dated = [(s.date, f"source '{s.id}'") for s in model.sources if s.date]
    dated += [(e.date.earliest(), f"the timeline event of {e.date.display()}") for e in model.timeline]
    if not dated:
        return None
    newest, what = max(dated)
    if newest <= model.as_of:
        return None
    message = f"as_of ({model.as_of.isoformat()}) is older than {what} ({newest.isoformat()}); update it"
    return loaded.doc.problem(("as_of",), message)


def _offices(loaded: Loaded, actors: dict[str, Actor]) -> list[Problem]:
    """Refuse a person whose dated offices say nothing of the explainer's date: the page would show none."""
    day = loaded.model.as_of
    problems = []
    for i, involvement in enumerate(loaded.model.actors):
        actor = actors.get(involvement.actor)
        if actor is not None and actor.offices and not any(o.held_on(day) for o in actor.offices):
            problems.append(
                loaded.doc.problem(
                    ("actors", i, "actor"),
                    f"{actor.name} held none of their offices in content/actors.yaml on {day.isoformat()} (this"
                    " explainer's as_of): add the office held then, with its dates",
                )
            )
    return problems


def _term_usage(site: Site, index: usage.TermIndex, doc: Document, items: list[GlossaryTerm]) -> list[Problem]:
    """Record which pages use which terms; warn about terms that no page uses."""
    by_term: defaultdict[str, list[Loaded]] = defaultdict(list)
    for loaded in site.explainers:
        for term_id in site.terms_of[loaded.slug]:
            by_term[term_id].append(loaded)
    site.explainers_of_term.update(by_term)
    for actor in site.actors.values():
        said = [s.quote for s in site.quotes_by.get(actor.id, [])]
        positions = site.positions_of.get(actor.id, [])
        stances = [(p.stance, p.summary) for _, p in positions]
        texts = list(usage.actor_texts(actor, said, stances))
        used = memo.remember(("actor terms", site.digests, tuple(texts)), partial(index.terms_in, texts))
        for term_id in sorted(used):
            site.actors_of_term.setdefault(term_id, []).append(actor)
    return [
        doc.problem(("terms", i, "id"), f"glossary term '{term.id}' is not used on any page")
        for i, term in enumerate(items)
        if term.id in site.terms and term.id not in site.explainers_of_term and term.id not in site.actors_of_term
    ]


def _gather(site: Site) -> None:
    """Fill the back-references: who said what where, and which pages use which term."""
    positions: defaultdict[str, list[tuple[Loaded, Position]]] = defaultdict(list)
    quotes: defaultdict[str, list[Said]] = defaultdict(list)
    by_actor: defaultdict[str, list[Loaded]] = defaultdict(list)
    for loaded in site.explainers:
        for involvement in loaded.model.actors:
            by_actor[involvement.actor].append(loaded)
        for position in loaded.model.positions:
            positions[position.actor].append((loaded, position))
            for quote in position.quotes:
                quotes[quote.speaker].append(Said(loaded.slug, loaded.model, position, quote))
    site.positions_of.update(positions)
    site.quotes_by.update(quotes)
    site.explainers_of_actor.update(by_actor)
