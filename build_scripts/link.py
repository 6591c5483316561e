"""Stage 3, link: check what the files say of each other, and gather the back-references.

Four jobs, each in its own module: every id used names something that exists
(`references`), each page's own dates agree with its sources' (`frame`), every claim stands
in its source's words (`evidence`), and the texts' wording is linted while the glossary
terms they use are found (`usage`). Then the back-references (`backrefs`) are built from
the valid explainers.

The work is split where it can be reused: what the shared files define and say of
themselves (`shared`), each explainer on its own against them (`explainer`: it reads that
explainer's file and the shared files, nothing else, and gives its `Summary`), and the
site gathered from those (`site`). `link` does all three.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from build_scripts import backrefs, evidence, frame, references, usage
from build_scripts.backrefs import BackRefs
from build_scripts.errors import Problem
from build_scripts.models import Actor, Explainer, GeoFile, Glossary, GlossaryTerm, Source
from build_scripts.summary import Summary, summary
from build_scripts.validate import Checked, Content, Loaded
from build_scripts.yamlload import Document


@dataclass(frozen=True)
class Site:
    """Everything the site-wide pages are rendered from, with its cross-references resolved."""

    actors: dict[str, Actor]
    terms: dict[str, GlossaryTerm]
    glossary_sources: dict[str, Source]
    explainers: list[Summary]
    """Each valid explainer's summary, in slug order."""
    refs: BackRefs
    warnings: list[Problem]
    """Problems that do not stop the build."""
    maps: dict[str, GeoFile] = field(default_factory=dict)
    """The lines and areas of content/maps/ that maps draw, keyed like `maps/<name>.geojson`."""

    @property
    def terms_of(self) -> dict[str, tuple[str, ...]]:
        """Glossary term ids each explainer uses (listed, found in its text or on its map), by slug."""
        return {x.slug: x.terms for x in self.explainers}


@dataclass(frozen=True)
class Shared:
    """What every explainer is linked against: the shared files' ids, the wording index and the maps."""

    registry: references.Registry
    index: usage.TermIndex | None
    """None without a valid glossary."""
    glossary: tuple[Document, Glossary] | None
    maps: dict[str, GeoFile]
    map_files: frozenset[str]


@dataclass(frozen=True)
class Linked:
    """One explainer, checked and linked: its summary (None when it is not valid), its problems
    (its YAML's and its model's too) and its warnings."""

    summary: Summary | None
    problems: list[Problem]
    warnings: list[Problem]


def shared(content: Content) -> tuple[Shared, list[Problem]]:
    """Index the shared files and check what they say of themselves: their ids and dates (their
    wording is `shared_wording`'s)."""
    registry, problems = references.shared(content)
    problems += frame.glossary(*content.glossary) if content.glossary else []
    index = usage.term_index(content)
    return Shared(registry, index, content.glossary, content.maps, content.map_files), problems


@dataclass(frozen=True)
class Wording:
    """The problems of the shared files' wording."""

    problems: list[Problem]


def shared_wording(content: Content, common: Shared) -> Wording:
    """Contested names in the site's own voice in the glossary's and the actors' texts, found
    with the index `shared` made: it reads the shared files only."""
    return Wording(usage.lint_shared(content, common.index))


def explainer(slug: str, checked: Checked[Explainer], common: Shared) -> Linked:
    """Check one explainer against the shared files: ids, evidence, wording; and summarise it.

    It reads that explainer's file (as `checked`) and the shared files (`common`), nothing else."""
    problems = list(checked.problems)
    if checked.doc is not None:
        problems += references.explainer(checked.doc, common.registry)
    if checked.doc is None or checked.model is None:
        return Linked(None, problems, [])
    loaded = Loaded(slug, checked.doc, checked.model)
    actors = common.registry.actors
    problems += frame.check(loaded)  # the page's own dates
    problems += references.map_of(loaded, common.maps, common.map_files)
    problems += references.documents_of(loaded)  # the versions and clauses documents and positions name exist
    if common.registry.actors_known:
        problems += evidence.check(loaded.doc, loaded.model, actors)  # claims in their sources' words
        problems += evidence.check_parts(loaded.doc, loaded.model, actors)  # dates, attributions, counts
        problems += evidence.offices(loaded, actors)
    warnings = [w for w in [evidence.stale(loaded)] if w]
    scan = usage.scan_explainer(common.index, loaded) if common.index else None  # terms, contested names
    if scan is not None:
        problems += scan.problems
        warnings += scan.warnings
    return Linked(summary(loaded, usage.terms_used(scan, loaded.model)), problems, warnings)


def site(
    common: Shared,
    linked: Iterable[Linked],
    actor_terms: Mapping[str, Iterable[str]] | None = None,
    *,
    every_explainer: bool = True,
    gathered: BackRefs | None = None,
) -> Site:
    """The site from the explainers, each linked on its own (`explainer`), in slug order.

    `actor_terms` holds the glossary terms each actor's page uses (`terms_of_actor`), when
    the caller found them; without it they are found here. `every_explainer` is False when
    the content holds one explainer of several (a one-topic preview): what no page uses
    cannot be known then, so it is not said. `gathered` is what `backrefs.gather` gives for
    these explainers' summaries, when the caller has it already."""
    linked = list(linked)
    summaries = [x.summary for x in linked if x.summary]
    actors = common.registry.actors
    refs = gathered if gathered is not None else backrefs.gather(summaries, actors)
    if actor_terms is None:
        actor_terms = {a: terms_of_actor(common, refs, a) for a in actors}
    refs = backrefs.with_actor_terms(refs, actors, actor_terms)
    warnings = [w for x in linked for w in x.warnings]
    warnings += usage.unused_terms(common.glossary, common.registry.terms, refs) if every_explainer else []
    registry = common.registry
    return Site(registry.actors, registry.terms, registry.glossary_sources, summaries, refs, warnings, common.maps)


def terms_of_actor(common: Shared, refs: BackRefs, actor_id: str) -> frozenset[str]:
    """The glossary terms an actor's page uses: in its description and office, its positions and its quotes.

    It reads the actors' file, the glossary, and the explainers that quote the actor or give its positions."""
    if common.index is None:
        return frozenset()
    actor = common.registry.actors[actor_id]
    stances = [(p.stance, p.summary) for _, p in refs.positions_of.get(actor_id, [])]
    said = [(s.words(), s.context()) for s in refs.quotes_by.get(actor_id, [])]
    texts = usage.actor_texts(actor, said, stances)
    return frozenset(common.index.terms_in(texts))


def link(content: Content, *, every_explainer: bool = True) -> tuple[Site, list[Problem]]:
    """Check every cross-reference in the content and build the Site: `shared`, `explainer` for
    each explainer that parsed, and `site` (see there for `every_explainer`)."""
    common, problems = shared(content)
    valid = {x.doc.path: x for x in content.explainers}
    linked = []
    for doc in content.documents:
        x = valid.get(doc.path)
        result = explainer(x.slug if x else "", Checked(doc, x.model if x else None, []), common)
        problems += result.problems
        linked.append(result)
    return site(common, linked, every_explainer=every_explainer), problems
