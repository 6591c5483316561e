"""Quoted words in the site's own voice: each quoted passage stands in one of the explainer's excerpts.

Words that the site's own text (a summary, a section's body, a role, a note) puts in
quotation marks are someone's words, so they stand word for word in an excerpt of the same
explainer, by the rules quotes follow (`matching.py`): straight and curly
quotation marks, and runs of white space, count as the same.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from build_scripts import matching
from build_scripts.errors import Problem
from build_scripts.yamlload import Document, Path, format_path

QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
"""A passage in quotation marks, straight or curly."""


def unquoted(doc: Document, path: Path, text: str, excerpts: list[tuple[Path, str]]) -> Iterator[Problem]:
    """A problem for each passage of `text` in quotation marks that stands in none of `excerpts`.

    `excerpts` are (where each stands, its words normalised) for every excerpt of the explainer."""
    for found in QUOTED.finditer(text):
        words = found.group()[1:-1]
        quote = matching.normalise(words)
        if not words.strip() or any(matching.stands_normalised(quote, excerpt) for _, excerpt in excerpts):
            continue
        message = f"{words!r} is in quotation marks but in no excerpt of this explainer word for word"
        nearest = _nearest(words, excerpts)
        if nearest is not None:
            where, difference = nearest
            message += (
                f"; the nearest is {format_path(where)}, where {difference.describe('quotation', 'excerpt', 'it')}"
            )
        yield doc.problem(path, message, at=(text, found.start() + 1))


def _nearest(words: str, excerpts: list[tuple[Path, str]]) -> tuple[Path, matching.Difference] | None:
    """The excerpt that holds the longest run (two words at least) of the quotation's words, and where it differs.

    Of excerpts that hold runs as long, the one whose differing word is most like the quotation's."""
    found = [(where, d) for where, excerpt in excerpts if (d := matching.difference(words, excerpt)) and d.matched > 1]
    if not found:
        return None
    return max(found, key=lambda f: (f[1].matched, difflib.SequenceMatcher(None, f[1].has, f[1].other or "").ratio()))
