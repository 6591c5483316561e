"""Numbers in text, read in digits (`2,000`, `4.5`, `2 million`) and in words (`four`, `two
thousand`), and the word that says what each counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_scripts.eventdates import WEEKDAYS
from build_scripts.fields import MONTHS
from build_scripts.matching import normalise

_DIGITS = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
"""Ordinals in words, which a count may be stated in ("the seventh meeting"); `8th` is read as 8 already."""
_TOKENS = re.compile(r"[A-Za-z]+|\d[\d,]*(?:\.\d+)?")
_YEAR = re.compile(r"(?:1[89]|2[01])\d\d")


@dataclass(frozen=True)
class Number:
    """A number stated in a text: in digits (`2,000`, `2 million`) or in words (`four`, `two thousand`)."""

    value: float
    """The number as written: `2 million` is 2,000,000."""
    values: frozenset[float]
    """Every number it may be read as: `2 million` is 2 and 2,000,000."""
    first: int
    """The index of its first token."""
    last: int
    """The index of its last token (the scale of `2 million`)."""
    year: bool = False
    """True for four digits that may be a year, like 2020."""


def read(words: str) -> tuple[list[Number], list[re.Match[str]]]:
    """Every number a normalised text states, and the text's tokens (words and numbers)."""
    matches = list(_TOKENS.finditer(words))
    tokens = [m.group().rstrip(",") for m in matches]
    found: list[Number] = []
    run: list[int] = []  # the indexes of the number words read so far

    def close() -> None:
        if run:
            value = _value([tokens[i].lower() for i in run])
            found.append(Number(value, frozenset({value}), run[0], run[-1]))
            run.clear()

    for i, token in enumerate(tokens):
        word = token.lower()
        if _DIGITS.match(token):
            close()
            number = float(token.replace(",", ""))
            scale = _SCALES.get(tokens[i + 1].lower() if i + 1 < len(tokens) else "", 1)
            year = bool(_YEAR.fullmatch(token)) and scale == 1
            found.append(Number(number * scale, frozenset({number, number * scale}), i, i + (scale > 1), year))
        elif word in _SCALES and i and _DIGITS.match(tokens[i - 1]):
            continue  # the scale of the number before it: "2 million"
        elif word in _UNITS or (word in _SCALES and (run or word != "hundred")):
            run.append(i)
        elif word == "and" and run and tokens[run[-1]].lower() == "hundred":
            continue  # "two hundred and five" is one number; "three and four" are two
        else:
            close()
    close()
    return found, matches


def numbers_in(words: str) -> set[float]:
    """Every number `words` state: in digits (`2,000`, `4.5`, `2 million`), in words (`four`, `two
    thousand`) or as an ordinal (`seventh`, `8th`), for a figure's or a count's excerpt. (A claim's
    own numbers are read without ordinals: "first" there rarely counts anything.)"""
    normal = normalise(words)
    found = {value for number in read(normal)[0] for value in number.values}
    return found | {float(_ORDINALS[token.lower()]) for token in _TOKENS.findall(normal) if token.lower() in _ORDINALS}


def _value(words: list[str]) -> float:
    total = current = 0
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        else:
            total += max(current, 1) * _SCALES[word]
            current = 0
    return float(total + current)


WINDOW = 4
"""How many words after a number may say what it counts."""
_NOT_COUNTED = frozenset(
    {
        "a", "an", "and", "or", "but", "nor", "to", "in", "on", "at", "by", "for", "from", "with", "as", "than",
        "more", "less", "over", "under", "about", "some", "any", "all", "were", "was", "are", "is", "be", "been",
        "being", "had", "has", "have", "will", "would", "could", "who", "whom", "which", "that", "per", "cent",
        "percent", "times",
    }
)  # fmt: skip
"""Words after a number that say nothing of what it counts."""
_IRREGULAR = {"people": "person", "persons": "person", "children": "child", "men": "man", "women": "woman"}


def counted(number: Number, tokens: list[re.Match[str]]) -> int | None:
    """The index of the word that says what a number counts: the word after it (or after its `of the`)."""
    i = number.last + 1
    if i < len(tokens) and tokens[i].group().lower() == "of":
        i += 1
        if i < len(tokens) and tokens[i].group().lower() in ("the", "a", "an", "its", "their"):
            i += 1
    if i >= len(tokens):
        return None
    word = tokens[i].group()
    if not word.isalpha() or word.lower() in _NOT_COUNTED or word in MONTHS or word in WEEKDAYS:
        return None
    return i


def following(number: Number, found: list[Number], tokens: list[re.Match[str]]) -> list[re.Match[str]]:
    """The words that may say what `number` counts: the WINDOW words after it, none past the next number."""
    end = min([n.first for n in found if n.first > number.last] + [number.last + 1 + WINDOW])
    return tokens[number.last + 1 : end]


def counts(counted: str, following: list[re.Match[str]]) -> bool:
    """Tell whether one of the words `following` a number is `counted`, singular and plural alike."""

    def forms(word: str) -> set[str]:
        word = _IRREGULAR.get(word.lower(), word.lower())
        return {word, f"{word}s", f"{word}es", f"{word[:-1]}ies" if word.endswith("y") else word}

    return any(forms(counted) & forms(word.group()) for word in following)


def pronoun(number: Number, tokens: list[re.Match[str]], words: str) -> bool:
    """Tell whether a number read from words is the pronoun `one`: no one, the one, one another, one-sided."""
    if number.first != number.last or tokens[number.first].group().lower() != "one":
        return False
    before = tokens[number.first - 1].group().lower() if number.first else ""
    after = tokens[number.last + 1].group().lower() if number.last + 1 < len(tokens) else ""
    hyphen = words[tokens[number.last].end() : tokens[number.last].end() + 1] == "-"
    return (
        before in ("no", "any", "every", "each", "some", "the", "this", "that", "which") or after == "another" or hyphen
    )
