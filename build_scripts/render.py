"""Stage 4, render: turn the linked Site into Markdown pages with Jinja templates.

Every value a template prints is escaped as literal text unless it is `Md`, Markdown
made here on purpose: contributor text can only reach a page through `text.to_markdown`.
"""

from __future__ import annotations

import html
import json
import urllib.parse
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import jinja2

from build_scripts import pictures, text
from build_scripts.backrefs import Said
from build_scripts.fields import MONTHS, PartialDate
from build_scripts.link import Site
from build_scripts.models import Actor, Event, Explainer, Figure, GlossaryTerm, Involvement, Position, Source
from build_scripts.validate import Loaded

TEMPLATES = Path(__file__).parent / "templates"
GENERATED = ("actors", "explainers", "feed.xml", "glossary", "index.md", "timeline")
"""The folders and files under docs/ that the generator owns; they are git-ignored.

The home page is generated too, so that it lists the explainers, newest first.

The feed sits at the root: the theme takes every `<link rel="alternate">` for a translation
and asks for a sitemap.xml beside it, which exists only at the root.
"""

HOME_LATEST = 10
"""How many explainers the home page lists, those with the newest events first."""

KIND_PLURALS = {
    "state": "States",
    "organisation": "Organisations",
    "armed-group": "Armed groups",
    "de-facto-authority": "De facto authorities",
    "person": "People",
}
KIND_LABELS = {
    "state": "State",
    "organisation": "Organisation",
    "armed-group": "Armed group",
    "de-facto-authority": "De facto authority",
    "person": "Person",
}


class Md(str):
    """Markdown built by the renderer, printed as it is."""


def _finalize(value: Any) -> str:
    if isinstance(value, Md):
        return value
    if value is None:
        return ""
    return text.escape(str(value))


def md(value: str | None) -> Md:
    """Render checked contributor text (the Markdown subset) as Markdown."""
    return Md(text.to_markdown(value) if value else "")


def day(value: date | PartialDate | None) -> str:
    """Format a date for readers: 19 September 2023."""
    if value is None:
        return ""
    if isinstance(value, PartialDate):
        return value.display()
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def amount(figure: Figure) -> str:
    """Format a figure's value or range with its unit: 469 people, 5–10 people."""
    return figure.amount()


def front_matter(**fields: str) -> Md:
    """Front matter whose values are safe even where a theme prints them unescaped.

    Text is HTML-escaped; `jsonld` is JSON in which <, > and & are written as \\u escapes,
    so it cannot close the script element it is printed in.
    """
    lines = []
    for key, value in fields.items():
        safe = _script_safe(value) if key == "jsonld" else html.escape(value)
        lines.append(f"{key}: {json.dumps(safe, ensure_ascii=False)}")
    return Md("---\n" + "\n".join(lines) + "\n---\n")


def _script_safe(data: str) -> str:
    return data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def json_ld(loaded: Loaded, terms: list[GlossaryTerm]) -> str:
    """Schema.org JSON-LD for an explainer: a NewsArticle about the glossary terms it uses."""
    model = loaded.model
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": text.to_plain(model.title),
        "description": text.to_plain(model.summary),
        "datePublished": model.published.isoformat(),
        "dateModified": model.last_revised().isoformat(),
        "keywords": list(model.tags),
        "citation": [
            {"@type": "CreativeWork", "name": text.to_plain(s.title), **({"url": s.url} if s.url else {})}
            for s in model.sources
        ],
        "about": {
            "@type": "DefinedTermSet",
            "name": "Glossary",
            "hasDefinedTerm": [
                {
                    "@type": "DefinedTerm",
                    "termCode": t.id,
                    "name": text.to_plain(t.term),
                    "description": text.to_plain(t.short),
                }
                for t in terms
            ],
        },
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def event_key(event: Event) -> tuple[PartialDate, str]:
    """Order events by date (a year before its months, a month before its days), then text."""
    return event.date, event.text


def _environment() -> jinja2.Environment:
    """The Jinja environment every page is rendered in; built once, when this module is loaded."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,  # the output is Markdown; _finalize escapes for Markdown instead
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(md=md, day=day, amount=amount, plain=text.to_plain, kind=KIND_LABELS.get)
    env.globals.update(
        front_matter=front_matter,
        source_line=source_line,
        source_of=source_of,
        source_brief=source_brief,
        plural=KIND_PLURALS,
    )
    return env


def _template(name: str) -> jinja2.Template:
    """A template of build_scripts/templates/, compiled once per process."""
    return _ENV.get_template(name)


class _Citations:
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


class _Words:
    """The sources' words behind an explainer's claims, in the order the page shows them.

    A claim's citation links to its entry, which shows the words and names the source.
    """

    def __init__(
        self, actors: Mapping[str, Actor], explainer: Explainer, timeline: list[Event], cite: _Citations
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
            claimant = text.escape(_claimant(actors, figure))
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


def _figure_groups(explainer: Explainer) -> list[tuple[str, list[Figure]]]:
    """Group figures that count the same measure, keeping the order of first mention."""
    groups: dict[str, tuple[str, list[Figure]]] = {}
    for figure in explainer.figures:
        groups.setdefault(figure.measure.casefold(), (figure.measure, []))[1].append(figure)
    return list(groups.values())


def _claimant(actors: Mapping[str, Actor], figure: Figure) -> str:
    if figure.claimed_by is None:
        return "not stated; reported by the source"
    return text.to_plain(actors[figure.claimed_by].name)


def _actor_link(actors: Mapping[str, Actor], actor_id: str) -> Md:
    """Link to an actor's page from any generated page (all sit one folder deep)."""
    return Md(f"[{text.escape(text.to_plain(actors[actor_id].name))}](../actors/{actor_id}.md)")


def _at_a_glance(actors: Mapping[str, Actor], groups: list[tuple[str, list[Figure]]], words: _Words) -> list[Md]:
    """One line per key figure; the parts of one total stand together on one line."""

    def attribution(figure: Figure, numbers: str = "number") -> str:
        if figure.claimed_by is None:
            return f"as reported by the source, which does not say who gave the {numbers}"
        return f"per {_actor_link(actors, figure.claimed_by)}"

    lines = []
    for measure, figures in groups:
        keyed = [f for f in figures if f.key]
        if not keyed:
            continue
        if figures[0].part is not None:  # a breakdown: every part, or the line would mislead
            parts = " and ".join(
                f"**{text.escape(f.amount())}**" + (f" ({md(f.part)})" if f.part != f.unit else "") for f in figures
            )
            first = figures[0]
            lines.append(
                Md(f"{md(measure)}: {parts}, {attribution(first, 'numbers')} ({day(first.as_of)}) {words(first)}")
            )
            continue
        for f in keyed:
            scope = f", {md(f.scope)}" if f.scope else ""
            amount = f"**{text.escape(f.amount())}**"
            lines.append(Md(f"{md(measure)}: {amount}{scope}, {attribution(f)} ({day(f.as_of)}) {words(f)}"))
    return lines


def _alphabetical(terms: Iterable[GlossaryTerm]) -> list[GlossaryTerm]:
    return sorted(terms, key=lambda t: (t.term.casefold(), t.id))


def _involved(actors: Mapping[str, Actor], explainer: Explainer) -> list[tuple[str, list[Involvement]]]:
    """Split the explainer's actors into organisations and people, keeping their order."""
    known = [i for i in explainer.actors if i.actor in actors]
    people = [i for i in known if actors[i.actor].kind == "person"]
    others = [i for i in known if actors[i.actor].kind != "person"]
    return [("Actors", others), ("Key people", people)]


def render(site: Site) -> dict[str, str | bytes]:
    """Render every generated page, keyed by its path under docs/: one function per kind of page."""
    pages = _Pages()
    refs = site.refs
    for x in site.explainers:
        terms = [site.terms[t] for t in site.terms_of.get(x.slug, [])]
        pages[f"explainers/{x.slug}.md"] = explainer_page(x, site.actors, terms)
        pages[f"explainers/{x.slug}/explainer.json"] = explainer_json(x)
    newest_first = sorted(site.explainers, key=lambda x: (-x.model.as_of.toordinal(), x.slug))
    pages["explainers/index.md"] = explainers_index(newest_first)
    pages["index.md"] = home_page(newest_first)
    pages["feed.xml"] = atom_feed(sorted(site.explainers, key=lambda x: (-x.model.last_revised().toordinal(), x.slug)))
    pages["timeline/index.md"] = timeline_page(site.explainers)
    for actor in site.actors.values():
        members = [a for a in site.actors.values() if a.affiliation == actor.id]
        positions, quotes = refs.positions_of.get(actor.id, []), refs.quotes_by.get(actor.id, [])
        appears = refs.explainers_of_actor.get(actor.id, [])
        pages[f"actors/{actor.id}.md"] = actor_page(
            actor, site.actors, members=members, positions=positions, quotes=quotes, appears=appears
        )
    pages["actors/index.md"] = actors_index(site.actors)
    pages["glossary/index.md"] = glossary_page(
        site.terms, site.glossary_sources, site.actors, refs.explainers_of_term, refs.actors_of_term
    )
    return dict(sorted(pages.items()))


def explainer_page(loaded: Loaded, actors: Mapping[str, Actor], terms: Iterable[GlossaryTerm]) -> str:
    """An explainer's page, with the actors it names and the glossary terms it uses."""
    terms = _alphabetical(terms)
    timeline = sorted(loaded.model.timeline, key=event_key)
    figure_groups = _figure_groups(loaded.model)
    cite = _Citations(loaded.model.sources)
    words = _Words(actors, loaded.model, timeline, cite)

    def office(actor_id: str) -> str | None:
        """A person's office as it was on the explainer's date."""
        return actors[actor_id].office_on(loaded.model.as_of)

    claimant = partial(_claimant, actors)
    return _template("explainer.md.j2").render(
        actors=actors,
        actor_link=partial(_actor_link, actors),
        jsonld=json_ld(loaded, terms),
        loaded=loaded,
        e=loaded.model,
        cite=cite,
        words=words,
        office=office,
        at_a_glance=_at_a_glance(actors, figure_groups, words),
        figure_groups=figure_groups,
        timeline=timeline,
        involved=_involved(actors, loaded.model),
        terms=terms,
        timeline_svg=Md(pictures.both(partial(pictures.timeline, "timeline", timeline))) if timeline else Md(""),
        charts={
            measure: Md(pictures.both(partial(pictures.claims, f"claims-{i}", measure, figures, claimant)))
            for i, (measure, figures) in enumerate(figure_groups)
            if len(figures) > 1 and figures[0].part is None  # parts of one total are never "compared"
        },
    )


def explainers_index(newest_first: list[Loaded]) -> str:
    """The list of every explainer, newest events first."""
    return _template("explainers.md.j2").render(explainers=newest_first)


def home_page(newest_first: list[Loaded]) -> str:
    """The home page, listing the explainers with the newest events."""
    latest = newest_first[:HOME_LATEST]
    return _template("home.md.j2").render(latest=latest, more=len(newest_first) > len(latest), count=len(newest_first))


def timeline_page(explainers: list[Loaded]) -> str:
    """Every explainer's events on one timeline."""
    events = sorted(
        ((event, loaded) for loaded in explainers for event in loaded.model.timeline),
        key=lambda pair: (*event_key(pair[0]), pair[1].slug),
    )
    return _template("timeline.md.j2").render(events=events)


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
    return _template("actor.md.j2").render(
        actor_link=partial(_actor_link, actors),
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
    return _template("actors.md.j2").render(by_kind=by_kind)


def glossary_page(
    terms: Mapping[str, GlossaryTerm],
    sources: Mapping[str, Source],
    actors: Mapping[str, Actor],
    explainers_of: Mapping[str, list[Loaded]],
    actors_of: Mapping[str, list[Actor]],
) -> str:
    """The glossary, alphabetical, with the pages that use each term."""
    return _template("glossary.md.j2").render(
        actor_link=partial(_actor_link, actors),
        terms=_alphabetical(terms.values()),
        by_id=terms,
        sources=sources,
        explainers_of=explainers_of,
        actors_of=actors_of,
    )


class _Pages(dict[str, str | bytes]):
    """Rendered pages by path; a second page for the same path is a bug, never an overwrite."""

    def __setitem__(self, path: str, text: str | bytes) -> None:
        if path in self:
            raise ValueError(f"two pages would be written to docs/{path}")
        super().__setitem__(path, text)


def href(url: str) -> str:
    """Percent-encode what could end a Markdown link early; the URL was checked on load."""
    return urllib.parse.quote(url, safe=":/?#@!$&'*+,;=%~[]")


def source_line(source: Source) -> Md:
    """Describe a source for readers: title, publisher, date and link where known."""
    parts = [text.to_plain(source.title)]
    if source.publisher:
        parts.append(text.to_plain(source.publisher))
    if source.date:
        parts.append(day(source.date))
    # Escaped as one line: "00" followed by ". " would otherwise start a list.
    line = text.escape(". ".join(parts) + ".")
    if source.url:
        line += f" [Read the source]({href(source.url)})"
    missing = [name for name, value in (("publisher", source.publisher), ("address", source.url)) if not value]
    if missing:
        line += f" {' and '.join(missing).capitalize()} not recorded."
    return Md(line)


def explainer_json(loaded: Loaded) -> str:
    """The explainer's validated content as JSON, published next to its page."""
    # The model's own JSON encoder (pydantic's, compiled) writes the same text as
    # json.dumps(..., ensure_ascii=False, indent=2) three times as fast (the goldens hold both to the same bytes).
    explainer = loaded.model.model_dump_json(indent=2).replace("\n", "\n  ")
    slug = json.dumps(loaded.slug, ensure_ascii=False)
    return f'{{\n  "slug": {slug},\n  "page": "./",\n  "explainer": {explainer}\n}}\n'


FEED_ENTRIES = 50
ATOM = "http://www.w3.org/2005/Atom"


def atom_feed(newest_first: list[Loaded]) -> str:
    """An Atom feed of the most recently revised explainers; links are relative to the feed."""
    etree.register_namespace("", ATOM)
    feed = etree.Element(f"{{{ATOM}}}feed")

    def add(parent: etree.Element, tag: str, value: str | None = None, **attrs: str) -> etree.Element:
        element = etree.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = value
        return element

    newest = newest_first[0].model.last_revised().isoformat() if newest_first else "1970-01-01"
    add(feed, "title", "Explainers")
    add(feed, "subtitle", "Explainers, newest updates first.")
    add(feed, "id", "urn:explainers:feed")
    add(feed, "updated", f"{newest}T00:00:00Z")
    add(feed, "link", rel="self", href="feed.xml")
    add(feed, "link", rel="alternate", href="explainers/")
    add(add(feed, "author"), "name", "Explainers")
    for loaded in newest_first[:FEED_ENTRIES]:
        entry = add(feed, "entry")
        add(entry, "title", text.to_plain(loaded.model.title))
        add(entry, "id", f"urn:explainers:{loaded.slug}")
        add(entry, "published", f"{loaded.model.published.isoformat()}T00:00:00Z")
        add(entry, "updated", f"{loaded.model.last_revised().isoformat()}T00:00:00Z")
        add(entry, "link", rel="alternate", type="text/html", href=f"explainers/{loaded.slug}/")
        add(entry, "summary", text.to_plain(loaded.model.summary))
    etree.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + etree.tostring(feed, encoding="unicode") + "\n"


def source_brief(source: Source) -> Md:
    """Name a source in one phrase, linked where its address is known: *Title*, Publisher, date."""
    title = text.escape(text.to_plain(source.title))
    parts = [f"[*{title}*]({href(source.url)})" if source.url else f"*{title}*"]
    if source.publisher:
        parts.append(text.escape(text.to_plain(source.publisher)))
    if source.date:
        parts.append(day(source.date))
    return Md(", ".join(parts))


def source_of(explainer: Explainer, source_id: str) -> Md:
    """Name one of an explainer's sources by id, for pages outside the explainer."""
    return source_brief(next(s for s in explainer.sources if s.id == source_id))


_ENV = _environment()  # last: its globals are the functions above
