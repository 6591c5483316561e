"""Verify every excerpt against an archived copy of its source, kept outside the site.

`check --archive DIR` (or EXPLAINERS_ARCHIVE=DIR) reads DIR/<source id>.txt for each
source an explainer cites, and names each excerpt that does not stand in it word for
word (quotation marks and white space aside). Third-party articles are not ours to
publish: the archive is never part of the site, nor of the repository unless its licence
allows.
"""

from __future__ import annotations

from pathlib import Path

from build_scripts import evidence, matching
from build_scripts.errors import Problem
from build_scripts.validate import Loaded


def check(explainers: list[Loaded], folder: Path) -> tuple[list[Problem], list[Problem]]:
    """Return (excerpts not found in their archived source, sources with no archived copy)."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    texts: dict[str, str | None] = {}
    for loaded in explainers:
        sources = {source.id: i for i, source in enumerate(loaded.model.sources)}
        unarchived: set[str] = set()
        for path, source_id, excerpt in evidence.excerpts(loaded.model):
            if source_id not in texts:
                copy = folder / f"{source_id}.txt"
                texts[source_id] = matching.flatten(copy.read_text(encoding="utf-8")) if copy.is_file() else None
            archived = texts[source_id]
            if archived is None:
                unarchived.add(source_id)
            elif not matching.stands_in(excerpt, archived):
                problems.append(
                    loaded.doc.problem(
                        path, f"the excerpt is not in the archived source {folder.as_posix()}/{source_id}.txt"
                    )
                )
        for source_id in sorted(unarchived):
            where = ("sources", sources[source_id], "id") if source_id in sources else ()
            where_copy = f"{folder.as_posix()}/{source_id}.txt"
            message = f"no archived copy of source '{source_id}' ({where_copy}): its excerpts are not verified"
            warnings.append(loaded.doc.problem(where, message))
    return problems, warnings
