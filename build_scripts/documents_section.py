"""An explainer page's "Documents": each clause in every party's published text, side by side,
the words that differ marked; and the links positions make to the clauses they are about."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from build_scripts import documents, text
from build_scripts.citations import Citations
from build_scripts.models import Actor, Explainer, Position, Version
from build_scripts.templating import Md, actor_link, template


def section(explainer: Explainer, actors: Mapping[str, Actor], cite: Citations) -> Md:
    """The Documents section, or nothing when the explainer quotes no document."""
    if not explainer.documents:
        return Md("")

    def publisher(version: Version) -> str:
        return text.to_plain(actors[version.published_by].name)

    compared = [(d, [documents.compare(d, clause) for clause in d.clauses]) for d in explainer.documents]
    shown = template("documents.md.j2").render(
        documents=compared,
        actor_link=partial(actor_link, actors),
        cite=cite,
        clause=documents,
        marked=marked,
        differences=lambda found: documents.described(found, publisher),
    )
    return Md(shown.strip("\n"))


def marked(shown: documents.Shown) -> Md:
    """A version's wording of a clause with the words that differ in `<mark>`, made here: never
    from content, whose text is escaped."""
    return Md(
        "".join(f"<mark>{text.escape(run)}</mark>" if differs else text.escape(run) for run, differs in shown.runs)
    )


def about(explainer: Explainer, position: Position) -> Md:
    """The clauses a position is about, each linked to its place in the Documents section."""
    by_id = {d.id: d for d in explainer.documents}
    links = []
    for ref in position.clauses:
        document = by_id[ref.document]
        name = f"{documents.heading(document, ref.clause).lower()} of {text.to_plain(document.title)}"
        links.append(f"[{text.escape(name)}](#{documents.anchor(document, ref.clause)})")
    return Md(f"*About:* {'; '.join(links)}" if links else "")
