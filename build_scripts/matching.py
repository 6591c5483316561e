"""How contributor text is compared with a source's words: the rules every quote follows.

Comparisons ignore the difference between straight and curly quotation marks and between
runs of white space; in a quote, `[...]` and `…` mark words left out and `[words]` words put
in by the editor, and `[T]raffic` a capital put in. Nothing else is forgiven.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_scripts.text import to_plain

_MARKS = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "\u00a0": " "})
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\S+")
_NOT_SPACE = re.compile(r"\S")
EDITORIAL = re.compile(r"\[(?:\.\.\.|…)\]|…|\.\.\.|\[[^\]]*\]")
"""The editorial marks a quote may carry: words left out (`[...]`, `…`, `...`) or put in (`[and]`)."""


def flatten(words: str) -> str:
    """Text with one kind of quotation mark and single spaces, for comparing words."""
    return _SPACE.sub(" ", words.translate(_MARKS)).strip()


def normalise(words: str) -> str:
    """Contributor text (the Markdown subset) as plain words, flattened for comparing."""
    return flatten(to_plain(words))


def stands_normalised(quote: str, excerpt: str) -> bool:
    """Tell whether a quote stands in an excerpt, both normalised already, by the rules of `missing_from`."""
    return _gap(quote, excerpt) is None


def stands_in(excerpt: str, archived: str) -> bool:
    """Tell whether the excerpt stands word for word in a source's archived text (already flattened)."""
    return find(normalise(excerpt), archived, 0) >= 0


def find(piece: str, haystack: str, start: int) -> int:
    """Where `piece` stands in `haystack` from `start` as whole words, or -1."""
    found = _whole(re.escape(piece), piece).search(haystack, start)
    return found.start() if found else -1


def _whole(pattern: str, piece: str) -> re.Pattern[str]:
    """`pattern` matching only where `piece` would not start or end inside a word."""
    before = r"(?<!\w)" if piece[:1].isalnum() else ""
    after = r"(?!\w)" if piece[-1:].isalnum() else ""
    return re.compile(before + pattern + after)


def missing_from(quote: str, excerpt: str) -> str | None:
    """The first stretch of `quote` that does not stand, in order, in `excerpt`; None when all do.

    Words left out (`[...]`, `…`) may stand for any words; words put in (`[and]`) for any
    words or none; a capital put in (`[T]raffic`) for the letter in either case.
    """
    gap = _gap(normalise(quote), normalise(excerpt))
    return None if gap is None else gap.letter + gap.words


@dataclass(frozen=True)
class _Gap:
    """The first stretch of a quote (between editorial marks) that does not stand in its excerpt."""

    start: int
    """Where the stretch starts in the quote (at the `[T]` of a capital put in)."""
    letter: str
    """The capital the editor put in before it (`[T]`), or nothing."""
    words: str
    haystack: str
    """The excerpt, normalised."""
    after: int
    """Where in the excerpt the stretches before it ended: it must stand after that."""

    def pattern(self, words: str) -> re.Pattern[str]:
        """The pattern of `words`, the start of the stretch, as whole words."""
        if self.letter:
            return _whole(f"[{self.letter[1].upper()}{self.letter[1].lower()}]" + re.escape(words), "x" + words)
        return _whole(re.escape(words), words)


def _gap(quote: str, haystack: str) -> _Gap | None:
    """The first stretch of a normalised quote that does not stand, in order, in the normalised excerpt."""
    at = 0
    marks = list(EDITORIAL.finditer(quote))
    bounds = [0, *(p for m in marks for p in m.span()), len(quote)]
    for n in range(0, len(bounds), 2):
        start, end = bounds[n], bounds[n + 1]
        mark = marks[n // 2 - 1] if n else None
        # "[T]raffic": the editor changed the case of a first letter
        letter = (
            mark.group()
            if mark and re.fullmatch(r"\[[A-Za-z]\]", mark.group()) and quote[start:end][:1].isalpha()
            else ""
        )
        words = quote[start:end].strip()
        if not words:
            continue
        gap = _Gap(
            mark.start() if letter and mark else start + quote[start:end].index(words[0]), letter, words, haystack, at
        )
        if haystack.find(words, at) < 0:  # not even the words as they are: no pattern can match
            return gap
        match = gap.pattern(words).search(haystack, at)
        if match is None:
            return gap
        at = match.end()
    return None


@dataclass(frozen=True)
class Difference:
    """The first word at which a quote (or a sentence) differs from the words it must stand in."""

    number: int
    """The word's number in the quote, from 1."""
    has: str
    """The quote's word."""
    other: str | None
    """The word the other text has in its place; None where its words end, or where none of
    the quote's words from here on stand in it."""
    lost: bool = False
    """True when none of the quote's words from here on stand in the other text."""
    later: bool = False
    """True when the words before this one stood in the other text: what follows must stand after them."""
    matched: int = 0
    """How many words of the quote, next to this one, stand in the other text where it is compared."""

    def describe(self, what: str, other: str, where: str) -> str:
        """Say where the `what` (quote) differs from `where` (its excerpt), whose words are the `other`'s."""
        said = f"the {what} differs from {where} at word {self.number}: the {what} has {self.has!r}"
        if self.lost:
            return f"{said}, and no word from there on stands in the {other}{' after the words before it' * self.later}"
        if self.other is None:
            return f"{said}, where the {other} ends"
        return f"{said}, the {other} has {self.other!r}"


def difference(quote: str, excerpt: str) -> Difference | None:
    """The first word of `quote` that differs from the stretch of `excerpt` it matches best; None when it stands.

    The same rules as `missing_from`. Within the first stretch that does not stand, the
    longest run of its first words that does is found; the word after it differs. When
    even its first word stands nowhere, the longest run of its later words that does shows
    which word of the excerpt stands in the first word's place.
    """
    quote = normalise(quote)
    gap = _gap(quote, normalise(excerpt))
    if gap is None:
        return None
    before = len(quote[: gap.start].split())
    words = gap.words.split(" ")
    shown = quote.split()  # the quote's words as a reader counts them, editorial marks included

    def word(n: int) -> str:
        return shown[before + n] if before + n < len(shown) else words[n]

    found = None
    for n in range(1, len(words)):  # the longest run of first words that stands
        match = gap.pattern(" ".join(words[:n])).search(gap.haystack, gap.after)
        if match is None:
            break
        found = (n, match)
    if found:
        n, match = found
        rest = gap.haystack[match.end() :].split(maxsplit=2)
        if len(rest) > 1 and not any(c.isalnum() for c in rest[0]):  # punctuation: show the word after it too
            rest = [f"{rest[0]} {rest[1]}"]
        return Difference(before + n + 1, word(n), rest[0] if rest else None, matched=n)
    for length in range(len(words) - 1, 0, -1):  # the first word stands nowhere: align on later words
        for start in range(1, len(words) - length + 1):
            run = " ".join(words[start : start + length])
            if match := _whole(re.escape(run), run).search(gap.haystack, gap.after):
                preceding = gap.haystack[gap.after : match.start()].split()
                other = preceding[-start] if len(preceding) >= start else None
                return Difference(before + 1, word(0), other, matched=length)
    return Difference(before + 1, word(0), None, lost=True, later=gap.after > 0)


def word_at(text: str, number: int) -> int | None:
    """Where word `number` (from 1) of `text`, counted as `normalise` counts, starts in `text`.

    None when the text holds markup, whose removal changes the count."""
    if to_plain(text) != text:
        return None
    found = [m.start() for m in _WORD.finditer(text)]
    return found[number - 1] if 0 < number <= len(found) else None


def in_text(text: str, normalised: int) -> int | None:
    """Where the character at `normalised` in `normalise(text)` stands in `text`; None when text holds markup."""
    if to_plain(text) != text:
        return None
    count = len(_NOT_SPACE.findall(normalise(text), 0, normalised))
    found = [m.start() for m in _NOT_SPACE.finditer(text)]
    return found[count] if count < len(found) else None
