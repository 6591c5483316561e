"""Corrections on the record: a published quote, figure or date changed since a git ref needs a revision.

`check --against REF` (CI gives it the pull request's base branch) reads each explainer as
it was at REF and compares what it published: the quotes (with their other attributions and
dates), the figures and counts over time, the events' dates and texts, the key facts, the
wording of documents' clauses, and the publication and as-of dates. When any of them changed or went, and the
explainer's `revisions` gained no entry, each change is named where it stands now.

Shared entries are held to the same log: a glossary term or an actor that an explainer's
page shows (its listed terms, its map's terms, its actors' names, kinds and offices) and
that changed since REF needs a new entry in that explainer's `revisions`, since the page
changed with it.

The log itself is kept as published: an entry there at REF may not be edited or removed.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TypeAlias, TypeVar

from build_scripts.errors import ContentError, Problem
from build_scripts.models import Actor, ActorRegistry, Explainer, Glossary, GlossaryTerm, Model
from build_scripts.validate import Content, validate_document
from build_scripts.yamlload import Document, decode, parse
from build_scripts.yamlload import Path as YamlPath

M = TypeVar("M", bound=Model)
Claims: TypeAlias = dict[tuple[str, ...], tuple[str, str, YamlPath]]
"""{what it is: (how readers see it, how to name it, where it stands)}."""


def claims(model: Explainer) -> Claims:
    """What an explainer published that a correction would change, keyed so that versions compare."""
    found: Claims = {
        ("published",): (model.published.isoformat(), "the publication date", ("published",)),
        ("as_of",): (model.as_of.isoformat(), "the as-of date", ("as_of",)),
    }
    for i, position in enumerate(model.positions):
        for j, quote in enumerate(position.quotes):
            key = ("quote", position.actor, quote.speaker, str(j))
            shown = quote.text + "".join(f" / {a.speaker}: {a.text or quote.text}" for a in quote.other_attributions)
            shown += f" ({quote.said})" if quote.said else ""
            found[key] = (shown, f"the quote of {quote.speaker}", ("positions", i, "quotes", j, "text"))
    for i, figure in enumerate(model.figures):
        key = ("figure", figure.measure.casefold(), figure.claimed_by or "", figure.part or "")
        scope = f" {figure.scope}" if figure.scope else ""
        shown = f"{figure.amount()}{scope} as of {figure.as_of}"
        found[key] = (shown, f"the figure {figure.measure!r}", ("figures", i))
    for i, event in enumerate(model.timeline):
        dated = " or ".join(str(d) for d in event.given())
        found[("event", str(i))] = (f"{dated}: {event.text}", f"timeline event {i + 1}", ("timeline", i))
    for i, series in enumerate(model.series):
        for j, point in enumerate(series.points):
            shown = f"{series.amount(point)} as of {point.as_of}"
            found[("count", series.measure.casefold(), str(j))] = (
                shown,
                f"the count {series.measure!r}",
                ("series", i, "points", j),
            )
    for i, fact in enumerate(model.key_facts):
        found[("fact", fact.label.casefold())] = (fact.shown(), f"the key fact {fact.label!r}", ("key_facts", i))
    for i, document in enumerate(model.documents):
        for j, clause in enumerate(document.clauses):
            for k, wording in enumerate(clause.wording):
                where = ("documents", i, "clauses", j, "wording", k, "text")
                named = f"{document.id} clause {clause.number} ({wording.version})"
                found[("clause", document.id, clause.number, wording.version)] = (wording.text, named, where)
    return found


def shown_shared(model: Explainer) -> list[tuple[str, str, YamlPath]]:
    """The shared entries an explainer's page shows: ("term" or "actor", id, where the page names it)."""
    found: list[tuple[str, str, YamlPath]] = [("term", term, ("glossary", i)) for i, term in enumerate(model.glossary)]
    if model.map:
        places = [("places", i, p.term) for i, p in enumerate(model.map.places)]
        places += [("outlines", i, o.term) for i, o in enumerate(model.map.outlines)]
        found += [("term", term, ("map", kind, i, "term")) for kind, i, term in places if term]
    found += [("actor", involved.actor, ("actors", i, "actor")) for i, involved in enumerate(model.actors)]
    return found


def shown_term(term: GlossaryTerm) -> str:
    """What pages show of a glossary term: its names, definition, date and the parties' names."""
    return _fields(term, "term", "short", "as_of", "neutral_name", "names_by_party")


def shown_actor(actor: Actor) -> str:
    """What pages show of an actor: its name, kind and offices."""
    return _fields(actor, "name", "kind", "office", "offices")


def _fields(model: Model, *names: str) -> str:
    return model.model_dump_json(include=set(names))


def check(content: Content, ref: str) -> list[Problem]:
    """Name each published claim changed since `ref` in an explainer whose revisions gained no entry,
    and each shared entry it shows that changed since then."""
    problems: list[Problem] = []
    shared = _shared_changes(content, ref)
    for loaded in content.explainers:
        before = _at(ref, Path(loaded.doc.path), Explainer)
        if before is None:
            continue  # new since the ref, or not valid there: nothing was published to compare
        problems += _log_kept(loaded.doc, loaded.model, before, ref)
        added = [r for r in loaded.model.revisions if r not in before.revisions]
        if added:
            continue
        now = claims(loaded.model)
        for key, (then, name, _) in claims(before).items():
            shown, _, where = now.get(key, ("(removed)", name, ()))
            if shown != then:
                problems.append(
                    loaded.doc.problem(
                        where,
                        f"{name} changed since {ref} ({then!r} became {shown!r}) and the revisions have no new"
                        " entry: add one under `revisions:` with its date, kind (correction or update), what"
                        " changed and why",
                    )
                )
        for kind, entry, where in shown_shared(loaded.model):
            if (kind, entry) in shared:
                problems.append(
                    loaded.doc.problem(
                        where,
                        f"the {'glossary term' if kind == 'term' else 'actor'} {entry!r} changed since {ref} in"
                        f" {shared[kind, entry]}, and this page shows it: add an entry under `revisions:` saying"
                        " what changed on this page",
                    )
                )
    return problems


def _log_kept(doc: Document, now: Explainer, before: Explainer, ref: str) -> list[Problem]:
    """The log is kept as it was published: each entry there at `ref` stands unchanged, in its place.
    A correction of an entry is a new entry, not an edit of the old one."""
    for i, entry in enumerate(before.revisions):
        if i >= len(now.revisions) or now.revisions[i] != entry:
            where: YamlPath = ("revisions", i) if i < len(now.revisions) else ("revisions",)
            message = (
                f"the revision of {entry.date.isoformat()} ({entry.kind}) was published at {ref} and has been changed"
                " or removed: keep the published entries as they were, and say what was wrong with one in a new entry"
            )
            return [doc.problem(where, message)]
    return []


def _shared_changes(content: Content, ref: str) -> dict[tuple[str, str], str]:
    """The glossary terms and actors whose shown fields changed since `ref`, with the file they are in."""
    changed: dict[tuple[str, str], str] = {}
    if content.glossary is not None:
        doc, glossary = content.glossary
        then = _at(ref, Path(doc.path), Glossary)
        old = {t.id: shown_term(t) for t in then.terms} if then else {}
        changed |= {("term", t.id): doc.path for t in glossary.terms if t.id in old and old[t.id] != shown_term(t)}
    if content.actors is not None:
        doc, registry = content.actors
        before = _at(ref, Path(doc.path), ActorRegistry)
        old = {a.id: shown_actor(a) for a in before.actors} if before else {}
        changed |= {("actor", a.id): doc.path for a in registry.actors if a.id in old and old[a.id] != shown_actor(a)}
    return changed


def _at(ref: str, path: Path, model: type[M]) -> M | None:
    """A content file as it was at `ref`, validated; None if it did not exist or was not valid."""
    shown = subprocess.run(["git", "show", f"{ref}:./{path.as_posix()}"], capture_output=True, check=False)
    if shown.returncode != 0:
        message = shown.stderr.decode("utf-8", "replace").strip()
        if "exists on disk, but not in" in message or "does not exist in" in message:
            return None
        raise ContentError([Problem(path.as_posix(), 1, 1, "", f"git cannot read it at {ref!r}: {message}")])
    try:
        doc = parse(path.as_posix(), decode(path.as_posix(), shown.stdout))
    except ContentError:
        return None
    found, _ = validate_document(doc, model)
    return found
