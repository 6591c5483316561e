"""Where glossary terms are used, and contested names used in the site's own voice."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from build_scripts import evidence, matching, references
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
    Glossary,
    GlossaryTerm,
    KeyFact,
    LoadedTerm,
    Model,
    Office,
    PartyName,
    Quote,
    Revision,
    Source,
    SourceDate,
)
from build_scripts.quotations import QUOTED, unquoted
from build_scripts.terms import Matcher
from build_scripts.validate import Content, Loaded
from build_scripts.yamlload import Document, Path

if TYPE_CHECKING:
    from build_scripts.backrefs import BackRefs

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


OWN_PAGE_QUOTED = frozenset({(Revision, "what"), (Revision, "why")})
"""Text in the site's voice whose quotation marks hold the page's own earlier words, not a source's:
the log of corrections ("the page said "war""). Elsewhere in an explainer, quoted words stand in an excerpt."""


def term_index(content: Content) -> TermIndex | None:
    """The index every text is scanned with: the glossary's terms and the actors' names (None without a glossary)."""
    if not content.glossary:
        return None
    return TermIndex(content.glossary[1].terms, references.actors(content), content.glossary[1].loaded_terms)


def scan_explainer(index: TermIndex, loaded: Loaded) -> Scan:
    """Scan one explainer's text with the index of the glossary and the actors: it reads its own
    file, the glossary and the actors only."""
    return index.scan(loaded.doc, loaded.model)


def lint_shared(content: Content, index: TermIndex | None) -> list[Problem]:
    """Contested names in the site's own voice in the glossary's and the actors' texts
    (an explainer's are found by `scan_explainer`)."""
    if index is None:
        return []
    return [
        p
        for doc, model in (s for s in (content.glossary, content.actors) if s)
        for p in index.scan(doc, model).problems
    ]


def terms_used(scan: Scan | None, explainer: Explainer) -> tuple[str, ...]:
    """The glossary terms an explainer uses: found in its text (its `scan`, None without a
    glossary: then none), listed, or shown on its map."""
    if scan is None:
        return ()
    return tuple(sorted(scan.terms | set(explainer.glossary) | _on_map(explainer)))


def _on_map(explainer: Explainer) -> set[str]:
    """The glossary terms of the places, lines and areas an explainer's map shows."""
    if explainer.map is None:
        return set()
    return {p.term for p in explainer.map.places if p.term} | {o.term for o in explainer.map.outlines if o.term}


def unused_terms(
    glossary_file: tuple[Document, Glossary] | None, terms: Mapping[str, GlossaryTerm], refs: BackRefs
) -> list[Problem]:
    """Warn about glossary terms that no page uses."""
    if not glossary_file:
        return []
    doc, glossary = glossary_file
    return [
        doc.problem(("terms", i, "id"), f"glossary term '{term.id}' is not used on any page")
        for i, term in enumerate(glossary.terms)
        if term.id in terms and term.id not in refs.explainers_of_term and term.id not in refs.actors_of_term
    ]


PLACEHOLDER = "placeholder text left in (TODO): fill it in before the page is published"
"""The warning for a scaffold's TODO left in a text: a preview shows it, a strict build stops on it."""


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
        """Walk a file's text once: terms used, contested names in our voice, TODO markers (in a source's
        address too), and, in an explainer, words in quotation marks in our voice that no excerpt holds."""
        used: set[str] = set()
        problems: list[Problem] = []
        warnings: list[Problem] = []
        sources: set[int] = set()
        excerpts = (
            [(where, matching.normalise(words)) for where, _, words in evidence.excerpts(model)]
            if isinstance(model, Explainer)
            else None
        )
        for path, owner, field, text in model.texts():
            kind = (type(owner), field)
            if kind != (Source, "title"):
                used.update(found.term_id for found in self.matcher.find(text))
            if kind not in NOT_OUR_VOICE:
                problems += self._contested(doc, path, text)
                if excerpts is not None and kind not in OWN_PAGE_QUOTED:  # quoted words are a source's
                    problems += unquoted(doc, path, text, excerpts)
            if "TODO" in text:
                warnings.append(doc.problem(path, PLACEHOLDER, at=(text, text.index("TODO"))))
            if isinstance(owner, Source) and id(owner) not in sources:  # its address, once: not a text
                sources.add(id(owner))
                if owner.url and "TODO" in owner.url:
                    at = (owner.url, owner.url.index("TODO"))
                    warnings.append(doc.problem((*path[:-1], "url"), PLACEHOLDER, at=at))
        return Scan(frozenset(used), problems, warnings)

    def _contested(self, doc: Document, path: Path, text: str) -> Iterator[Problem]:
        quoted = [m.span() for m in QUOTED.finditer(text)] if self.uses else []
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
            yield doc.problem(path, message, at=(text, found.start))


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
