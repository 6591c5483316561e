"""Where glossary terms are used, and contested names used in the site's own voice."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from build_scripts.errors import Problem
from build_scripts.models import Actor, Explainer, GlossaryTerm, Model, PartyName, Quote, Source
from build_scripts.terms import Matcher
from build_scripts.yamlload import Document, Path

_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')

# Text that is not in the site's own voice: quotations, names, and titles of sources.
NOT_OUR_VOICE = frozenset(
    {
        (Quote, "text"),
        (Actor, "name"),
        (Actor, "other_names"),
        (GlossaryTerm, "term"),
        (GlossaryTerm, "other_names"),
        (PartyName, "name"),
        (Source, "title"),
        (Source, "publisher"),
    }
)


def term_matcher(terms: Iterable[GlossaryTerm]) -> Matcher:
    """Match every name and other name of every term."""
    return Matcher((t.id, name) for t in terms for name in (t.term, *t.other_names))


def terms_in(matcher: Matcher, texts: Iterable[str]) -> set[str]:
    """Return the ids of the terms found in any of `texts`."""
    return {found.term_id for text in texts for found in matcher.find(text)}


def explainer_terms(matcher: Matcher, explainer: Explainer) -> list[str]:
    """Terms an explainer uses: those it lists, and those found in its text."""
    texts = (text for _, owner, name, text in explainer.texts() if (type(owner), name) != (Source, "title"))
    found = terms_in(matcher, texts)
    return sorted(found | set(explainer.glossary))


def actor_texts(actor: Actor, said: Iterable[Quote], stances: Iterable[tuple[str, str]]) -> Iterator[str]:
    """The text shown on an actor's page: description, office, positions and quotes."""
    yield actor.description
    if actor.office:
        yield actor.office
    for stance, summary in stances:
        yield stance
        yield summary
    for quote in said:
        yield quote.text
        if quote.context:
            yield quote.context


def contested_names(
    doc: Document, model: Model, terms: Iterable[GlossaryTerm], actors: dict[str, Actor], root: Path = ()
) -> list[Problem]:
    """Find party names of contested terms used outside quotation marks in the site's own voice."""
    uses: list[tuple[str, list[str], str]] = []  # (name, who uses it, the neutral wording)
    for term in terms:
        if not term.neutral_name:
            continue
        users: defaultdict[str, list[str]] = defaultdict(list)
        for party in term.names_by_party:
            users[party.name].append(actors[party.actor].name if party.actor in actors else party.actor)
        uses += [(name, who, term.neutral_name) for name, who in users.items()]
    if not uses:
        return []
    matcher = Matcher((str(i), name) for i, (name, _, _) in enumerate(uses))
    problems = []
    for path, owner, field, text in model.texts(root):
        if (type(owner), field) in NOT_OUR_VOICE:
            continue
        quoted = [m.span() for m in _QUOTED.finditer(text)]
        for found in matcher.find(text):
            if any(start <= found.start and found.end <= end for start, end in quoted):
                continue
            _, who, neutral = uses[int(found.term_id)]
            message = (
                f"'{text[found.start : found.end]}' is a name used by {_and(who)}: in the site's own voice write"
                f" '{neutral}', or put the name in quotation marks and say who uses it"
            )
            problems.append(doc.problem(path, message))
    return problems


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
