"""Stage 4, render: turn the linked Site into Markdown pages with Jinja templates.

Every value a template prints is escaped as literal text unless it is `Md`, Markdown
made here on purpose: contributor text can only reach a page through `text.to_markdown`.
"""

from __future__ import annotations

import html
import json
import urllib.parse
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import jinja2

from build_scripts import atlas, maps, opendata, pictures, share, text
from build_scripts.backrefs import Said
from build_scripts.feed import FEED, atom_feed
from build_scripts.fields import MONTHS, PartialDate
from build_scripts.identity import Identity
from build_scripts.link import Site
from build_scripts.models import (
    Actor,
    Event,
    Explainer,
    Figure,
    GeoFile,
    GlossaryTerm,
    Involvement,
    Outline,
    Place,
    Position,
    Source,
)
from build_scripts.validate import Loaded

TEMPLATES = Path(__file__).parent / "templates"
GENERATED = ("actors", "explainers", "feed.xml", "glossary", "index.md", "methodology.md", "timeline")
"""The folders and files under docs/ that the generator owns; they are git-ignored.

The home page is generated too, so that it lists the explainers, newest first, and so is
the methodology page, which names the site's publisher, licence and corrections address.

The feed sits at the root: the theme takes every `<link rel="alternate">` for a translation
and asks for a sitemap.xml beside it, which exists only at the root.
"""

DEFAULT_IDENTITY = Identity()
"""The identity of a site whose configuration names none: the defaults a fork starts from."""

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


def json_ld(loaded: Loaded, terms: list[GlossaryTerm], identity: Identity) -> str:
    """Schema.org JSON-LD for an explainer: a NewsArticle by the site's publisher, about the
    glossary terms it uses. Addresses are absolute, so they are given only when the site's
    published address (`site_url`) is known."""
    model = loaded.model
    page = identity.absolute(f"explainers/{loaded.slug}/")
    image = identity.absolute(share_image(loaded.slug))
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": text.to_plain(model.title),
        "description": text.to_plain(model.summary),
        **({"url": page, "mainEntityOfPage": {"@type": "WebPage", "@id": page}} if page else {}),
        **({"image": {"@type": "ImageObject", "url": image, "width": 1200, "height": 630}} if image else {}),
        "datePublished": model.published.isoformat(),
        "dateModified": model.last_revised().isoformat(),
        "author": identity.organization(),
        "publisher": identity.organization(),
        **({"license": identity.licence_url} if identity.licence_url else {}),
        "keywords": list(model.tags),
        "citation": [
            {
                "@type": "CreativeWork",
                **({"name": text.to_plain(s.title)} if s.title else {"description": s.named()}),
                **({"url": s.url} if s.url else {}),
            }
            for s in model.sources
        ],
        # The glossary's terms are mentioned, not the article's subject: some are one side's words.
        "mentions": [_defined_term(t, identity) for t in terms],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def glossary_json_ld(terms: list[GlossaryTerm], identity: Identity) -> str:
    """Schema.org JSON-LD for the glossary page: a DefinedTermSet of every term."""
    page = identity.absolute("glossary/")
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        **({"@id": page, "url": page} if page else {}),
        "name": f"{identity.name}: glossary",
        "publisher": identity.organization(),
        "hasDefinedTerm": [_defined_term(t, identity) for t in terms],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _defined_term(term: GlossaryTerm, identity: Identity) -> dict[str, object]:
    address = identity.absolute(f"glossary/#{term.id}")
    names = [text.to_plain(n) for n in term.other_names]
    return {
        "@type": "DefinedTerm",
        **({"@id": address, "url": address} if address else {}),
        "termCode": term.id,
        "name": text.to_plain(term.term),
        **({"alternateName": names} if names else {}),
        "description": text.to_plain(term.short),
        **({"inDefinedTermSet": identity.absolute("glossary/")} if address else {}),
    }


def share_image(slug: str) -> str:
    """Where an explainer's share image is published, relative to the site's root."""
    return f"explainers/{slug}/share.png"


def share_card(
    loaded: Loaded, terms: Mapping[str, GlossaryTerm], geo: Mapping[str, GeoFile], identity: Identity
) -> share.Card:
    """The explainer's share image, drawn: its title, dates and map (or the start of its timeline).
    The pipeline renders it to PNG."""
    model = loaded.model
    if model.map:
        marks, drawn = _map_parts(model, terms, geo)
        picture: str | None = maps.draw("share", model.map, marks, drawn, share.LAYOUT)
    elif model.timeline:
        picture = pictures.timeline("share", sorted(model.timeline, key=event_key)[:4], pictures.NARROW)
    else:
        picture = None
    dates = f"Events as of {day(model.as_of)}"
    if model.revisions:
        dates += f" · revised {day(model.last_revised())}"
    credit = atlas.SHORT_CREDIT if model.map else None
    return share.Card(share.card(identity.name, text.to_plain(model.title), dates, picture, credit))


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
        link=link,
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


def _place_label(terms: Mapping[str, GlossaryTerm], place: Place | Outline) -> str:
    """A place's name on the map: its own, or its glossary term's neutral name, or the term."""
    if place.name is not None:
        return place.name
    assert place.term is not None  # the model requires one of the two
    term = terms[place.term]
    return term.neutral_name or term.term


def _place_names(actors: Mapping[str, Actor], terms: Mapping[str, GlossaryTerm], place: Place | Outline) -> Md:
    """What each party calls a place, from its glossary term, which the line links to."""
    if place.term is None or not terms[place.term].names_by_party:
        return Md("")
    users: dict[str, list[str]] = {}
    for party in terms[place.term].names_by_party:
        users.setdefault(party.name, []).append(_actor_link(actors, party.actor))
    named = "; ".join(f"“{md(name)}” by {' and '.join(who)}" for name, who in users.items())
    return Md(f". Called {named} ([glossary](../glossary/index.md#{place.term}))")


def _degrees(place: Place) -> str:
    """A place's coordinates as readers write them, like `39.818° N, 46.753° E`."""
    lat, lon = place.lat, place.lon
    return f"{abs(lat):.3f}° {'N' if lat >= 0 else 'S'}, {abs(lon):.3f}° {'E' if lon >= 0 else 'W'}"


def _map_parts(
    explainer: Explainer, terms: Mapping[str, GlossaryTerm], geo: Mapping[str, GeoFile]
) -> tuple[list[maps.Mark], list[maps.Drawn]]:
    """An explainer's map as the drawing takes it: its places, and its lines and areas."""
    assert explainer.map is not None
    marks = [maps.Mark(_place_label(terms, p), p.kind, p.lon, p.lat) for p in explainer.map.places]
    drawn = [maps.Drawn(_place_label(terms, o), geo[o.file]) for o in explainer.map.outlines]
    return marks, drawn


def _map(explainer: Explainer, terms: Mapping[str, GlossaryTerm], geo: Mapping[str, GeoFile]) -> Md:
    """The explainer's locator map in both drawings, or nothing."""
    if explainer.map is None:
        return Md("")
    return Md(maps.both("map", explainer.map, *_map_parts(explainer, terms, geo)))


def _alphabetical(terms: Iterable[GlossaryTerm]) -> list[GlossaryTerm]:
    return sorted(terms, key=lambda t: (t.term.casefold(), t.id))


def _involved(actors: Mapping[str, Actor], explainer: Explainer) -> list[tuple[str, list[Involvement]]]:
    """Split the explainer's actors into organisations and people, keeping their order."""
    known = [i for i in explainer.actors if i.actor in actors]
    people = [i for i in known if actors[i.actor].kind == "person"]
    others = [i for i in known if actors[i.actor].kind != "person"]
    return [("Actors", others), ("Key people", people)]


Made = dict[str, str | share.Card]
Reuse = Callable[[Loaded, Callable[[], Made]], Made]
"""How an explainer's own pages are made: `make()`, or what gives the same (`pipeline.py`
reuses them while the files they are made from are unchanged)."""


def _make(loaded: Loaded, make: Callable[[], Made]) -> Made:
    return make()


def render(site: Site, identity: Identity = DEFAULT_IDENTITY, reuse: Reuse = _make) -> Made:
    """Render every generated page, keyed by its path under docs/: one function per kind of page.

    The share images come out drawn but not rendered (`share.Card`): rendering them to PNG is
    the slow part, which `pipeline.py` does through its cache, one image per drawing."""
    pages = _Pages()
    refs = site.refs
    for x in site.explainers:
        pages.update(reuse(x, partial(explainer_pages, x, site, identity)))
    pages[opendata.SCHEMA_FILE] = opendata.explainer_schema(identity.url)
    newest_first = sorted(site.explainers, key=lambda x: (-x.model.as_of.toordinal(), x.slug))
    pages["explainers/index.md"] = explainers_index(newest_first)
    pages["index.md"] = home_page(newest_first)
    pages["methodology.md"] = methodology_page(identity)
    revised_first = sorted(site.explainers, key=lambda x: (-x.model.last_revised().toordinal(), x.slug))
    pages[FEED] = atom_feed(revised_first, identity)
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
        site.terms, site.glossary_sources, site.actors, refs.explainers_of_term, refs.actors_of_term, identity=identity
    )
    return dict(sorted(pages.items()))


def explainer_pages(loaded: Loaded, site: Site, identity: Identity) -> Made:
    """An explainer's own pages: its page, its data and its share image.

    They read the explainer's file, the actors, the glossary, the maps' files and the
    identity, and nothing else (not the other explainers)."""
    slug = loaded.slug
    terms = [site.terms[t] for t in site.terms_of.get(slug, [])]
    return {
        f"explainers/{slug}.md": explainer_page(
            loaded, site.actors, terms, glossary=site.terms, geo=site.maps, identity=identity
        ),
        f"explainers/{slug}/{opendata.DATA_FILE}": opendata.explainer_json(loaded, identity.url),
        share_image(slug): share_card(loaded, site.terms, site.maps, identity),
    }


def explainer_page(
    loaded: Loaded,
    actors: Mapping[str, Actor],
    terms: Iterable[GlossaryTerm],
    *,
    glossary: Mapping[str, GlossaryTerm],
    geo: Mapping[str, GeoFile],
    identity: Identity,
) -> str:
    """An explainer's page, with the actors it names, the glossary terms it uses and its map."""
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
        identity=identity,
        jsonld=json_ld(loaded, terms, identity),
        image=share_image(loaded.slug),
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
        map_svg=_map(loaded.model, glossary, geo),
        map_outlines=[(o, geo[o.file].is_area()) for o in loaded.model.map.outlines] if loaded.model.map else [],
        place_label=partial(_place_label, glossary),
        place_names=partial(_place_names, actors, glossary),
        degrees=_degrees,
        map_credit=atlas.CREDIT,
        map_key=lambda i, area: Md(maps.key(i, area)),
        map_dashes=maps.dashes,
        charts={
            measure: Md(pictures.both(partial(pictures.claims, f"claims-{i}", measure, figures, claimant)))
            for i, (measure, figures) in enumerate(figure_groups)
            if len(figures) > 1 and figures[0].part is None  # parts of one total are never "compared"
        },
    )


def methodology_page(identity: Identity) -> str:
    """How the site works, with who publishes it, its licence and where to report a mistake."""
    return _template("methodology.md.j2").render(identity=identity)


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
    *,
    identity: Identity = DEFAULT_IDENTITY,
) -> str:
    """The glossary, alphabetical, with the pages that use each term."""
    alphabetical = _alphabetical(terms.values())
    return _template("glossary.md.j2").render(
        actor_link=partial(_actor_link, actors),
        jsonld=glossary_json_ld(alphabetical, identity),
        terms=alphabetical,
        by_id=terms,
        sources=sources,
        explainers_of=explainers_of,
        actors_of=actors_of,
    )


class _Pages(dict[str, str | share.Card]):
    """Rendered pages by path; a second page for the same path is a bug, never an overwrite."""

    def __setitem__(self, path: str, text: str | share.Card) -> None:
        if path in self:
            raise ValueError(f"two pages would be written to docs/{path}")
        super().__setitem__(path, text)

    def update(self, pages: Mapping[str, str | share.Card]) -> None:  # type: ignore[override]
        """Add pages, each through __setitem__."""
        for path, page in pages.items():
            self[path] = page


def link(label: str, url: str | None) -> Md:
    """A Markdown link with escaped text, or the escaped text alone when there is no address."""
    return Md(f"[{text.escape(label)}]({href(url)})" if url else text.escape(label))


def href(url: str) -> str:
    """Percent-encode what could end a Markdown link early; the URL was checked on load."""
    return urllib.parse.quote(url, safe=":/?#@!$&'*+,;=%~[]")


def source_line(source: Source) -> Md:
    """Describe a source for readers: title, publisher, date and link where known."""
    parts = [source.named()]
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


def source_brief(source: Source) -> Md:
    """Name a source in one phrase, linked where its address is known: *Title*, Publisher, date."""
    title = f"*{text.escape(source.named())}*" if source.title else text.escape(source.named())
    parts = [f"[{title}]({href(source.url)})" if source.url else title]
    if source.publisher:
        parts.append(text.escape(text.to_plain(source.publisher)))
    if source.date:
        parts.append(day(source.date))
    return Md(", ".join(parts))


def source_of(explainer: Explainer, source_id: str) -> Md:
    """Name one of an explainer's sources by id, for pages outside the explainer."""
    return source_brief(next(s for s in explainer.sources if s.id == source_id))


_ENV = _environment()  # last: its globals are the functions above
