"""Where glossary terms are used, and contested names used in the site's own voice."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_scripts import references
from build_scripts.errors import Problem
from build_scripts.models import (
    Actor,
    Attribution,
    Claim,
    ClauseText,
    Count,
    Evidence,
    Explainer,
    Figure,
    GlossaryTerm,
    KeyFact,
    LoadedTerm,
    Model,
    Office,
    PartyName,
    Quote,
    Source,
    SourceDate,
)
from build_scripts.terms import Matcher
from build_scripts.validate import Content, Loaded
from build_scripts.yamlload import Document, Path

if TYPE_CHECKING:
    from build_scripts.backrefs import BackRefs

_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')

# Text that is not in the site's own voice: quotations, the sources' words (excerpts, the wording of a
# document's clauses, who translated a quote), names, and titles.
NOT_OUR_VOICE = frozenset(
    {
        (Quote, "text"),
        (Quote, "excerpt"),
        (Quote, "translated_by"),
        (Attribution, "text"),
        (Attribution, "excerpt"),
        (Attribution, "translated_by"),
        (Figure, "excerpt"),
        (Count, "excerpt"),
        (KeyFact, "excerpt"),
        (SourceDate, "excerpt"),
        (ClauseText, "text"),
        (Evidence, "excerpt"),
        (Claim, "excerpt"),
        (Office, "title"),
        (LoadedTerm, "term"),
        (LoadedTerm, "other_forms"),
        (Actor, "name"),
        (Actor, "other_names"),
        (GlossaryTerm, "term"),
        (GlossaryTerm, "other_names"),
        (PartyName, "name"),
        (Source, "title"),
        (Source, "publisher"),
    }
)


@dataclass(frozen=True)
class Wording:
    """What the texts of all files hold: the terms each explainer uses, and the problems in their wording."""

    terms_of: dict[str, list[str]]
    """Glossary term ids each explainer uses (listed or found in its text), by slug."""
    terms_in: Callable[[Iterable[str]], set[str]]
    """Find the glossary terms in other texts."""
    problems: list[Problem]
    warnings: list[Problem]


def term_index(content: Content) -> TermIndex | None:
    """The index every text is scanned with: the glossary's terms and the actors' names (None without a glossary)."""
    if not content.glossary:
        return None
    return TermIndex(content.glossary[1].terms, references.actors(content), content.glossary[1].loaded_terms)


def scan_explainer(index: TermIndex, loaded: Loaded) -> Scan:
    """Scan one explainer's text with the index of the glossary and the actors."""
    return index.scan(loaded.doc, loaded.model)


def lint(content: Content, scans: Mapping[str, Scan] | None = None) -> Wording:
    """Scan every valid file's text: glossary terms used, contested names in our voice, placeholders.

    `scans` holds each explainer's scan by slug (`scan_explainer` with `term_index`), when
    the caller made them; without it each is made here. An explainer's scan reads its own
    file, the glossary and the actors only."""
    index = term_index(content)
    if index is None:
        return Wording({}, lambda texts: set(), [], [])
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for doc, model in [shared for shared in (content.glossary, content.actors) if shared]:
        problems += index.scan(doc, model).problems
    terms_of: dict[str, list[str]] = {}
    for loaded in content.explainers:
        scan = scan_explainer(index, loaded) if scans is None else scans[loaded.slug]
        problems += scan.problems
        warnings += scan.warnings
        terms_of[loaded.slug] = sorted(scan.terms | set(loaded.model.glossary) | _on_map(loaded.model))
    return Wording(terms_of, index.terms_in, problems, warnings)


def _on_map(explainer: Explainer) -> set[str]:
    """The glossary terms of the places, lines and areas an explainer's map shows."""
    if explainer.map is None:
        return set()
    return {p.term for p in explainer.map.places if p.term} | {o.term for o in explainer.map.outlines if o.term}


def unused_terms(content: Content, terms: Mapping[str, GlossaryTerm], refs: BackRefs) -> list[Problem]:
    """Warn about glossary terms that no page uses."""
    if not content.glossary:
        return []
    doc, glossary = content.glossary
    return [
        doc.problem(("terms", i, "id"), f"glossary term '{term.id}' is not used on any page")
        for i, term in enumerate(glossary.terms)
        if term.id in terms and term.id not in refs.explainers_of_term and term.id not in refs.actors_of_term
    ]


@dataclass(frozen=True)
class Scan:
    """What one file's text holds: the glossary terms it uses and the problems in its wording."""

    terms: frozenset[str]
    problems: list[Problem]
    warnings: list[Problem]


class TermIndex:
    """Find glossary terms, and contested names used in the site's own voice, in any text."""

    def __init__(
        self, terms: Iterable[GlossaryTerm], actors: Mapping[str, Actor], loaded: Iterable[LoadedTerm] = ()
    ) -> None:
        terms = list(terms)

        def name(actor_id: str) -> str:
            return actors[actor_id].name if actor_id in actors else actor_id

        self.matcher = Matcher((t.id, name) for t in terms for name in (t.term, *t.other_names))
        self.uses: list[tuple[str, list[str], str | None]] = []  # (words, who uses them, the neutral wording)
        for term in terms:
            if not term.neutral_name:
                continue
            users: defaultdict[str, list[str]] = defaultdict(list)
            for party in term.names_by_party:
                users[party.name].append(name(party.actor))
            self.uses += [(words, who, term.neutral_name) for words, who in users.items()]
        for word in loaded:  # a loaded term has no neutral name: it is quoted and attributed
            self.uses += [(form, [name(a) for a in word.used_by], None) for form in (word.term, *word.other_forms)]
        self.contested = Matcher((str(i), words) for i, (words, _, _) in enumerate(self.uses))
        # A neutral wording may hold the parties' names ("Stepanakert/Khankendi"): there they are fine.
        neutral = sorted({n for _, _, n in self.uses if n}, key=lambda n: (-len(n), n))
        self.neutral = re.compile("|".join(map(re.escape, neutral)), re.IGNORECASE) if neutral else None

    def terms_in(self, texts: Iterable[str]) -> set[str]:
        """Return the ids of the terms found in any of `texts`."""
        return {found.term_id for text in texts for found in self.matcher.find(text)}

    def scan(self, doc: Document, model: Model) -> Scan:
        """Walk a file's text once: terms used, contested names in our voice, TODO markers."""
        used: set[str] = set()
        problems: list[Problem] = []
        warnings: list[Problem] = []
        for path, owner, field, text in model.texts():
            kind = (type(owner), field)
            if kind != (Source, "title"):
                used.update(found.term_id for found in self.matcher.find(text))
            if kind not in NOT_OUR_VOICE:
                problems += self._contested(doc, path, text)
            if "TODO" in text:
                warnings.append(doc.problem(path, "placeholder text left in (TODO)"))
        return Scan(frozenset(used), problems, warnings)

    def _contested(self, doc: Document, path: Path, text: str) -> Iterator[Problem]:
        quoted = [m.span() for m in _QUOTED.finditer(text)] if self.uses else []
        if self.neutral is not None:
            quoted += [m.span() for m in self.neutral.finditer(text)]
        for found in self.contested.find(text):
            if any(start <= found.start and found.end <= end for start, end in quoted):
                continue
            _, who, neutral = self.uses[int(found.term_id)]
            words = text[found.start : found.end]
            if neutral is None:
                message = (
                    f"'{words}' is a loaded term, used by {_and(who)}: in the site's own voice put it in"
                    f' quotation marks and say who uses it, like: what {who[0]} called "{words}"'
                )
            else:
                message = (
                    f"'{words}' is a name used by {_and(who)}: in the site's own voice write '{neutral}',"
                    " or put the name in quotation marks and say who uses it"
                )
            yield doc.problem(path, message)


def actor_texts(
    actor: Actor, said: Iterable[tuple[str, str | None]], stances: Iterable[tuple[str, str]]
) -> Iterator[str]:
    """The text shown on an actor's page: description, office, positions, and quotes (their words
    and context)."""
    yield actor.description
    if actor.office:
        yield actor.office
    for stance, summary in stances:
        yield stance
        yield summary
    for words, context in said:
        yield words
        if context:
            yield context


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
