"""One topic and what it links to: the site cut down for `make serve TOPIC=<slug>`."""

from __future__ import annotations

from dataclasses import replace

from build_scripts.backrefs import BackRefs
from build_scripts.link import Site


def focus(site: Site) -> Site:
    """Keep only the actors the site's explainers and glossary name, and those they belong to.

    Given a site linked from one explainer, the pages rendered from the result are that
    explainer's, its actors', the glossary and the indexes, whatever the size of content/.
    """
    wanted = {i.actor for x in site.explainers for i in x.model.actors}
    wanted |= {party.actor for term in site.terms.values() for party in term.names_by_party}
    pending = list(wanted)
    while pending:  # and the actors each belongs to, for the "Part of" links
        parent = site.actors[pending.pop()].affiliation
        if parent is not None and parent not in wanted:
            wanted.add(parent)
            pending.append(parent)
    refs = site.refs
    return replace(
        site,
        actors={k: v for k, v in site.actors.items() if k in wanted},
        refs=BackRefs(
            {k: v for k, v in refs.positions_of.items() if k in wanted},
            {k: v for k, v in refs.quotes_by.items() if k in wanted},
            {k: v for k, v in refs.explainers_of_actor.items() if k in wanted},
            refs.explainers_of_term,
            {k: [a for a in v if a.id in wanted] for k, v in refs.actors_of_term.items()},
        ),
    )
