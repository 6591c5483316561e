"""Find glossary terms in running text, the way a reader would recognise them.

- Whole words only; a hyphen joins words ("Karabakh" is not found in "Nagorno-Karabakh").
- A name is matched in the case it is written in, except that a name written in lower
  case may start with a capital (at the start of a sentence): "humanitarian corridor"
  matches "Humanitarian corridors", but "Zangezur corridor" does not match "Zangezur
  Corridor", and no term matches "corridor" alone.
- Plurals and possessives: a name may be followed by "s" or "es" and by "'s" or "'".
- Where names overlap, the longest wins.

Cost: one pass of one regex over the text finds the words that could start a name (the
first words of the names, as their patterns match them); each is looked up in a table of
the names it starts, and matched against those only, so a page costs about the same with
20 terms or 500.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_WORD_START = re.compile(r"(?<![\w-])\w+")
_SUFFIX = r"(?:e?s)?(?:['’]s|(?<=s)['’])?"  # plural, then possessive: 's, or ' after an s
_END = r"(?![\w-])"
_JOINED = re.compile(r"[\w-]")
"""A character a name cannot follow: a letter or digit (it would start inside a word), or a hyphen."""


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
            entry = (len(name), _pattern(name), term_id)
            for form in _first_forms(first.group()):
                table[form].append(entry)
        # A form's row holds the names of every shorter form it starts with too: where the regex finds
        # "Azeris" (the first word of "Azeris of Iran"), "Azeri" in the plural may stand. Longest name
        # first, so that the first match at a position is the longest one.
        self._table = {
            form: sorted(
                (entry for other, entries in table.items() if form.startswith(other) for entry in entries),
                key=lambda e: (-e[0], e[2]),
            )
            for form in table
        }
        # One pass of the regex engine finds the words that could start a name, as a name's pattern
        # would match them; only those are looked up, and the name's own pattern decides (a word may
        # go on: "Caucasuses" is "Caucasus" in the plural). Longest first, so the longest first word
        # is tried first. The regex starts with the words themselves, so the engine skips ahead to
        # their first letters.
        alternatives = "|".join(re.escape(form) for form in sorted(self._table, key=lambda w: (-len(w), w)))
        self._starts = re.compile(rf"(?:{alternatives})") if self._table else None

    def __bool__(self) -> bool:
        return bool(self._table)

    def may_hold(self, text: str) -> bool:
        """Tell, in one pass of the regex engine, whether `text` holds a word a name could start with;
        False means `find` would find nothing."""
        return self._starts is not None and self._starts.search(text) is not None

    def find(self, text: str) -> list[Found]:
        """Return the terms in `text`, left to right, without overlaps (the longest wins)."""
        candidates = list(self._candidates(text))
        if len(candidates) < 2:
            return candidates
        chosen: list[Found] = []
        for found in sorted(candidates, key=lambda f: (f.start - f.end, f.start)):
            if all(found.end <= other.start or found.start >= other.end for other in chosen):
                chosen.append(found)
        return sorted(chosen)

    def _candidates(self, text: str) -> Iterator[Found]:
        if self._starts is None:
            return
        for word in self._starts.finditer(text):
            start = word.start()
            if start and _JOINED.match(text, start - 1):  # inside a word, or after a hyphen
                continue
            for _, pattern, term_id in self._table[word.group()]:
                if match := pattern.match(text, start):
                    yield Found(match.start(), match.end(), term_id)
                    break


def _first_forms(word: str) -> set[str]:
    """The ways a name's first word can start a match: as written, and capitalised if written in lower case."""
    return {word, word[0].upper() + word[1:]} if word[0].islower() else {word}


def _pattern(name: str) -> re.Pattern[str]:
    words = [re.escape(part) for part in name.split()]
    head = words[0]
    if name[0].islower():
        head = f"[{name[0]}{name[0].upper()}]{re.escape(name.split(maxsplit=1)[0][1:])}"
    body = r"\s+".join([head, *words[1:]])
    suffix = _SUFFIX if name[-1].isalpha() else ""
    return re.compile(f"{body}{suffix}{_END}")
