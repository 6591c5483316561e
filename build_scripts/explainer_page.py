"""An explainer's own pages: its page (with its JSON-LD), its data and its share image."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import partial

from build_scripts import atlas, documents_section, maps, opendata, pictures, share, text
from build_scripts.citations import Citations, SourceWords, claimant_name
from build_scripts.explainer_map import degrees, locator_map, map_parts, place_label, place_names
from build_scripts.fields import PartialDate
from build_scripts.identity import Identity
from build_scripts.link import Shared
from build_scripts.models import Actor, Event, Explainer, Figure, GeoFile, GlossaryTerm, Involvement, Source
from build_scripts.templating import Md, actor_link, day, md, template
from build_scripts.validate import Loaded

Made = dict[str, str | share.Card]
"""Pages by their path under docs/: text, or a share image drawn but not yet rendered to PNG."""


def explainer_pages(loaded: Loaded, used: Iterable[str], common: Shared, identity: Identity) -> Made:
    """An explainer's own pages: its page, its data and its share image, with the glossary terms
    it `used` (`Summary.terms`).

    They read the explainer's file, the actors, the glossary, the maps' files (`common`) and the
    identity, and nothing else (not the other explainers)."""
    slug = loaded.slug
    actors, glossary = common.registry.actors, common.registry.terms
    terms = [glossary[t] for t in used]
    return {
        f"explainers/{slug}.md": explainer_page(
            loaded, actors, terms, glossary=glossary, geo=common.maps, identity=identity
        ),
        f"explainers/{slug}/{opendata.DATA_FILE}": opendata.explainer_json(loaded, identity.url),
        share_image(slug): share_card(loaded, glossary, common.maps, identity, actors),
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
    terms = alphabetical(terms)
    timeline = sorted(loaded.model.timeline, key=event_key)
    figure_groups = _figure_groups(loaded.model)
    cite = Citations(loaded.model.sources)
    words = SourceWords(actors, loaded.model, timeline, cite)

    def office(actor_id: str, when: PartialDate | None = None) -> str | None:
        """A person's office as it was when their words were said, or else on the explainer's date."""
        return actors[actor_id].office_on(when or loaded.model.as_of)

    claimant = partial(claimant_name, actors)
    return template("explainer.md.j2").render(
        actors=actors,
        actor_link=partial(actor_link, actors),
        identity=identity,
        jsonld=json_ld(loaded, terms, identity),
        image=share_image(loaded.slug),
        loaded=loaded,
        e=loaded.model,
        cite=cite,
        words=words,
        office=office,
        at_a_glance=[*_key_facts(loaded.model, words), *_at_a_glance(actors, figure_groups, words)],
        figure_groups=figure_groups,
        timeline=timeline,
        involved=_involved(actors, loaded.model),
        terms=terms,
        timeline_svg=Md(pictures.both(partial(pictures.timeline, "timeline", timeline))) if timeline else Md(""),
        map_svg=locator_map(loaded.model, glossary, geo, actors),
        map_outlines=[(o, geo[o.file].is_area()) for o in loaded.model.map.outlines] if loaded.model.map else [],
        place_label=partial(place_label, glossary),
        place_names=partial(place_names, actors, glossary),
        degrees=degrees,
        map_credit=atlas.CREDIT,
        map_key=lambda i, area: Md(maps.key(i, area)),
        map_dashes=maps.dashes,
        charts={
            measure: Md(pictures.both(partial(pictures.claims, f"claims-{i}", measure, figures, claimant)))
            for i, (measure, figures) in enumerate(figure_groups)
            if len(figures) > 1 and figures[0].part is None  # parts of one total are never "compared"
        },
        counts=[
            Md(pictures.both(partial(pictures.steps, f"count-{i}", s, text.to_plain(actors[s.claimed_by].name))))
            for i, s in enumerate(loaded.model.series)
        ],
        documents=documents_section.section(loaded.model, actors, cite),
        about=partial(documents_section.about, loaded.model),
    )


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
        "datePublished": model.published.isoformat(),  # the page's own, never its sources'
        "dateModified": model.last_revised().isoformat(),
        "temporalCoverage": _coverage(model),
        "author": identity.organization(),
        "publisher": identity.organization(),
        **({"license": identity.licence_url} if identity.licence_url else {}),
        "keywords": list(model.tags),
        "citation": [_citation(source) for source in model.sources],
        # The glossary's terms are mentioned, not the article's subject: some are one side's words.
        "mentions": [defined_term(t, identity) for t in terms],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _coverage(model: Explainer) -> str:
    """The period the page reports, as an ISO 8601 interval: from its earliest event (open when it
    has none; the earliest date a source gives when sources differ) to the date up to which its
    sources report."""
    start = min((event.first() for event in model.timeline), default=None)
    return f"{start if start else '..'}/{model.as_of.isoformat()}"


def _citation(source: Source) -> dict[str, object]:
    """A source as a schema.org CreativeWork: its title (or why it is not recorded), and its address,
    date and publisher where recorded."""
    return {
        "@type": "CreativeWork",
        **({"name": text.to_plain(source.title)} if source.title else {"description": source.named()}),
        **({"url": source.url} if source.url else {}),
        **({"datePublished": source.date.isoformat()} if source.date else {}),
        **(
            {"publisher": {"@type": "Organization", "name": text.to_plain(source.publisher)}}
            if source.publisher
            else {}
        ),
    }


def defined_term(term: GlossaryTerm, identity: Identity) -> dict[str, object]:
    """A glossary term as a schema.org DefinedTerm, for an explainer's JSON-LD and the glossary's."""
    address = identity.absolute(f"glossary/#{term.id}")
    names = [text.to_plain(n) for n in term.other_names]
    return {
        "@type": "DefinedTerm",
        **({"@id": address, "url": address} if address else {}),
        "termCode": term.id,
        "name": text.to_plain(term.term),
        **({"alternateName": names} if names else {}),
        "description": term.definition(),
        **({"inDefinedTermSet": identity.absolute("glossary/")} if address else {}),
    }


def share_image(slug: str) -> str:
    """Where an explainer's share image is published, relative to the site's root."""
    return f"explainers/{slug}/share.png"


def share_card(
    loaded: Loaded,
    terms: Mapping[str, GlossaryTerm],
    geo: Mapping[str, GeoFile],
    identity: Identity,
    actors: Mapping[str, Actor],
) -> share.Card:
    """The explainer's share image, drawn: its title, dates and map, or the start of its timeline.
    The pipeline renders it to PNG."""
    model = loaded.model
    if model.map:
        marks, drawn = map_parts(model, terms, geo, actors)
        picture: str | None = maps.draw("share", model.map, marks, drawn, share.LAYOUT)
    elif model.timeline:
        picture = pictures.timeline("share", sorted(model.timeline, key=event_key)[:4], pictures.NARROW)
    else:
        picture = None
    dates = f"Reporting up to {day(model.as_of)}"
    if model.revisions:
        dates += f" · revised {day(model.last_revised())}"
    return share.Card(share.card(identity.name, text.to_plain(model.title), dates, picture, _map_credit(model)))


def _map_credit(model: Explainer) -> str | None:
    """Who the share image's map is drawn from: Natural Earth, and the publishers of the places' coordinates."""
    if model.map is None:
        return None
    sources = {source.id: source for source in model.sources}
    named = sorted({text.to_plain(sources[p.source].publisher or "") for p in model.map.places} - {""})
    return atlas.SHORT_CREDIT + (f"; places: {', '.join(named)}" if named else "")


def event_key(event: Event) -> tuple[PartialDate, str]:
    """Order events by date (a year before its months, a month before its days; the earliest a
    source gives when sources differ), then text."""
    return event.first(), event.text


def _figure_groups(explainer: Explainer) -> list[tuple[str, list[Figure]]]:
    """Group figures that count the same measure, keeping the order of first mention."""
    groups: dict[str, tuple[str, list[Figure]]] = {}
    for figure in explainer.figures:
        groups.setdefault(figure.measure.casefold(), (figure.measure, []))[1].append(figure)
    return list(groups.values())


def _key_facts(explainer: Explainer, words: SourceWords) -> list[Md]:
    """One line per key fact, shown at a glance before the key figures."""
    return [Md(f"{md(fact.label)}: **{md(fact.shown())}** {words(fact)}") for fact in explainer.key_facts]


def _at_a_glance(actors: Mapping[str, Actor], groups: list[tuple[str, list[Figure]]], words: SourceWords) -> list[Md]:
    """One line per key figure; the parts of one total stand together on one line."""

    def attribution(figure: Figure, numbers: str = "number") -> str:
        if figure.claimed_by is None:
            return f"as reported by the source, which does not say who gave the {numbers}"
        return f"per {actor_link(actors, figure.claimed_by)}"

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


def alphabetical(terms: Iterable[GlossaryTerm]) -> list[GlossaryTerm]:
    """Glossary terms in the order readers look them up: by term, then id."""
    return sorted(terms, key=lambda t: (t.term.casefold(), t.id))


def _involved(actors: Mapping[str, Actor], explainer: Explainer) -> list[tuple[str, list[Involvement]]]:
    """Split the explainer's actors into organisations and people, keeping their order."""
    known = [i for i in explainer.actors if i.actor in actors]
    people = [i for i in known if actors[i.actor].kind == "person"]
    others = [i for i in known if actors[i.actor].kind != "person"]
    return [("Actors", others), ("Key people", people)]
