"""Compare the versions of a document's clause word by word, to show readers where they differ.

Each party may publish its own text of one document (an agreement, a joint statement), and
the texts can differ in a word that matters: "unblocked" or "restored", "control" or
"monitoring", "Kelbajar" or "Kalbajar". The versions of a clause in one language are
compared word by word (`difflib` on the words; case, punctuation, quotation marks and
white space aside): each version's words that the first version of its language lacks, and
the first version's words that any other lacks, are marked, and each difference is listed in
words for readers who cannot see the marks. Versions in different languages are shown, never compared.

This module says what differs; the page marks it (`<mark>`, made by the renderer, never
taken from content).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

from build_scripts import matching, text
from build_scripts.models import Clause, PrimaryDocument, Version


@dataclass(frozen=True)
class Shown:
    """One version's wording of a clause, in runs of words, each marked when it differs."""

    version: Version
    runs: list[tuple[str, bool]]
    """(words, whether they differ from another version in the same language), in order."""


@dataclass(frozen=True)
class Difference:
    """One place where a version's words differ from the first version's in the same language."""

    first: Version
    first_words: str
    """The first version's words there; empty when it has none."""
    other: Version
    other_words: str
    """The other version's words there; empty when it has none."""


@dataclass(frozen=True)
class Compared:
    """A clause's versions, side by side, with what differs between those of one language."""

    clause: Clause
    shown: list[Shown]
    differences: list[Difference]


def compare(document: PrimaryDocument, clause: Clause) -> Compared:
    """Compare a clause's versions: each against the first version of the same language.

    Words are compared without regard to case or to the punctuation between them: "republic"
    and "Republic", or a comma one text has and another lacks, are no difference a reader needs
    pointed out. A stretch of more than `PAIRED` words that stands where another text has other
    words is told as two differences, each only in its text, since the two need not say the same
    thing in other words."""
    versions = {version.id: version for version in document.versions}
    tokens = [(versions[w.version], _TOKEN.findall(text.to_plain(w.text))) for w in clause.wording]
    words = [[i for i, token in enumerate(found) if _WORD.match(token)] for _, found in tokens]
    keys = [[matching.flatten(found[i]).casefold() for i in at] for (_, found), at in zip(tokens, words, strict=True)]
    differs = [[False] * len(found) for _, found in tokens]
    differences: list[Difference] = []
    first_of: dict[str, int] = {}
    for n, (version, found) in enumerate(tokens):
        first = first_of.setdefault(version.language.casefold(), n)
        if first == n:
            continue
        matcher = difflib.SequenceMatcher(None, keys[first], keys[n], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            left, right = words[first][i1:i2], words[n][j1:j2]
            for i in left:
                differs[first][i] = True
            for j in right:
                differs[n][j] = True
            said = _span(tokens[first][1], left), _span(found, right)
            if len(left) > PAIRED or len(right) > PAIRED:
                differences += [Difference(tokens[first][0], w, version, "") for w in said[:1] if w]
                differences += [Difference(tokens[first][0], "", version, w) for w in said[1:] if w]
            else:
                differences.append(Difference(tokens[first][0], said[0], version, said[1]))
    shown = [Shown(version, _runs(found, marks)) for (version, found), marks in zip(tokens, differs, strict=True)]
    return Compared(clause, shown, differences)


PAIRED = 4
"""The most words a difference may have on either side to be told as one text's words in place
of the other's; longer stretches are told as each only in its text."""


def _span(tokens: list[str], at: list[int]) -> str:
    """The words at the indexes `at` of a text's tokens, with what stands between them."""
    return "".join(tokens[at[0] : at[-1] + 1]).strip() if at else ""


_TOKEN = re.compile(r"\s*(?:[\w'’]+|[^\w\s])")
_WORD = re.compile(r"\s*[\w'’]")
"""A word (with its apostrophes) or a mark of punctuation, with the space before it: "unblocked."
is the word "unblocked" and a full stop, so that only the word is marked; a hyphen is punctuation
too, so that "Nagorno-Karabakh" and "Nagorno Karabakh" are the same words."""


def _runs(tokens: list[str], marks: list[bool]) -> list[tuple[str, bool]]:
    """Join neighbouring tokens that are both marked, or both not, into runs; a space between two
    runs stays outside the marks."""
    runs: list[tuple[str, bool]] = []
    for token, marked in zip(tokens, marks, strict=True):
        if runs and runs[-1][1] == marked:
            runs[-1] = (runs[-1][0] + token, marked)
            continue
        word = token.lstrip()
        if runs and not marked:  # the space before unmarked words opens their run
            word = token
        elif runs:  # the space before marked words closes the unmarked run before them
            runs[-1] = (runs[-1][0] + token[: len(token) - len(word)], False)
        runs.append((word, marked))
    return runs


def anchor(document: PrimaryDocument, clause: Clause | str) -> str:
    """The anchor of a clause on the explainer page, like `clause-statement-2020-9`."""
    number = clause if isinstance(clause, str) else clause.number
    return f"clause-{document.id}-{number.lower().replace('.', '-')}"


def heading(document: PrimaryDocument, clause: Clause | str) -> str:
    """A clause as readers name it: Point 9, Article 4.1."""
    number = clause if isinstance(clause, str) else clause.number
    return f"{document.parts.capitalize()} {number}"


def described(differences: list[Difference], name: Callable[[Version], str]) -> list[str]:
    """Each difference in words, for readers who cannot see the marks: “control” (Northland's text)
    or “monitoring” (Southland's text); “in the dry season” only in Northland's text."""
    lines = []
    for d in differences:
        first, other = f"{name(d.first)}'s text", f"{name(d.other)}'s text"
        if not d.first_words:
            lines.append(f"“{d.other_words}” only in {other}")
        elif not d.other_words:
            lines.append(f"“{d.first_words}” only in {first}")
        else:
            lines.append(f"“{d.first_words}” in {first}, “{d.other_words}” in {other}")
    return lines
