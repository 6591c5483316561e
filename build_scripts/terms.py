"""Find glossary terms in running text, the way a reader would recognise them.

- Whole words only; a hyphen joins words ("Karabakh" is not found in "Nagorno-Karabakh").
- A name is matched in the case it is written in, except that a name written in lower
  case may start with a capital (at the start of a sentence): "humanitarian corridor"
  matches "Humanitarian corridors", but "Zangezur corridor" does not match "Zangezur
  Corridor", and no term matches "corridor" alone.
- Plurals and possessives: a name may be followed by "s" or "es" and by "'s" or "'".
- Where names overlap, the longest wins.

Cost: one pass of one regex over the text finds its words; each is looked up, case-folded,
in a table keyed by the first word of every name, and only a word found there is matched
against the names it starts, so a page costs about the same with 20 terms or 500.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_WORD_START = re.compile(r"(?<![\w-])\w+")
_SUFFIX = r"(?:e?s)?(?:['’]s|(?<=s)['’])?"  # plural, then possessive: 's, or ' after an s
_END = r"(?![\w-])"


@dataclass(frozen=True, order=True)
class Found:
    """A term found in a text: where it starts and ends, and the term's id."""

    start: int
    end: int
    term_id: str


class Matcher:
    """Find the names of glossary terms in text."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        """Build from (term id, name) pairs."""
        table: defaultdict[str, list[tuple[int, re.Pattern[str], str]]] = defaultdict(list)
        for term_id, name in names:
            first = _WORD_START.match(name)
            if not first:
                continue
            table[first.group().casefold()].append((len(name), _pattern(name), term_id))
        # Longest name first, so that the first match at a position is the longest one.
        self._table = {key: sorted(entries, key=lambda e: (-e[0], e[2])) for key, entries in table.items()}

    def __bool__(self) -> bool:
        return bool(self._table)

    def find(self, text: str) -> list[Found]:
        """Return the terms in `text`, left to right, without overlaps (the longest wins)."""
        chosen: list[Found] = []
        for found in sorted(self._candidates(text), key=lambda f: (f.start - f.end, f.start)):
            if all(found.end <= other.start or found.start >= other.end for other in chosen):
                chosen.append(found)
        return sorted(chosen)

    def _candidates(self, text: str) -> Iterator[Found]:
        table = self._table
        if not table:
            return
        for word in _WORD_START.finditer(text):  # each word that could start a name, whatever its case
            for _, pattern, term_id in table.get(word.group().casefold(), ()):
                if match := pattern.match(text, word.start()):
                    yield Found(match.start(), match.end(), term_id)
                    break


def _pattern(name: str) -> re.Pattern[str]:
    words = [re.escape(part) for part in name.split()]
    head = words[0]
    if name[0].islower():
        head = f"[{name[0]}{name[0].upper()}]{re.escape(name.split(maxsplit=1)[0][1:])}"
    body = r"\s+".join([head, *words[1:]])
    suffix = _SUFFIX if name[-1].isalpha() else ""
    return re.compile(f"{body}{suffix}{_END}")
