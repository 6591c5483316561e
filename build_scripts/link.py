"""Stage 3, link: check what the files say of each other, and gather the back-references.

Four jobs, each in its own module: every id used names something that exists
(`references`), each page's own dates agree with its sources' (`frame`), every claim stands
in its source's words (`evidence`), and the texts' wording is linted while the glossary
terms they use are found (`usage`). Then the
back-references (`backrefs`) are built from the valid explainers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from build_scripts import backrefs, evidence, frame, references, usage
from build_scripts.backrefs import BackRefs
from build_scripts.errors import Problem
from build_scripts.models import Actor, GeoFile, GlossaryTerm, Source
from build_scripts.validate import Content, Loaded


@dataclass(frozen=True)
class Site:
    """Everything the pages are rendered from, with its cross-references resolved."""

    actors: dict[str, Actor]
    terms: dict[str, GlossaryTerm]
    glossary_sources: dict[str, Source]
    explainers: list[Loaded]
    terms_of: dict[str, list[str]]
    """Glossary term ids each explainer uses (listed or found in its text), by slug."""
    refs: BackRefs
    warnings: list[Problem]
    """Problems that do not stop the build."""
    maps: dict[str, GeoFile] = field(default_factory=dict)
    """The lines and areas of content/maps/ that maps draw, keyed like `maps/<name>.geojson`."""


def link(content: Content, scans: Mapping[str, usage.Scan] | None = None) -> tuple[Site, list[Problem]]:
    """Check every cross-reference in the content and build the Site.

    `scans` holds each explainer's wording scan by slug (`usage.lint`), when the caller made
    them (`pipeline.py` keeps those of unchanged files); without it each is made here."""
    registry, problems = references.check(content)  # ids that must exist do
    problems += [p for loaded in content.explainers for p in frame.check(loaded)]  # the page's own dates
    problems += frame.glossary(*content.glossary) if content.glossary else []
    problems += references.maps(content)  # maps' files exist, and what they draw lies within their bounds
    problems += references.documents(content)  # the versions and clauses documents and positions name exist
    if registry.actors_known:
        for loaded in content.explainers:
            problems += evidence.check(loaded.doc, loaded.model, registry.actors)  # claims in their sources' words
            problems += evidence.check_parts(loaded.doc, loaded.model, registry.actors)  # dates, attributions, counts
            problems += evidence.offices(loaded, registry.actors)
    warnings = [w for loaded in content.explainers if (w := evidence.stale(loaded))]
    wording = usage.lint(content, scans)  # terms used, contested names, placeholders
    refs = backrefs.gather(content.explainers, registry.actors, wording.terms_of, wording.terms_in)
    warnings += wording.warnings + usage.unused_terms(content, registry.terms, refs)
    site = Site(
        registry.actors,
        registry.terms,
        registry.glossary_sources,
        content.explainers,
        wording.terms_of,
        refs,
        warnings,
        content.maps,
    )
    return site, problems + wording.problems
