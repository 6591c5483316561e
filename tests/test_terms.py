"""Finding glossary terms in text: other names, plurals, case, whole words, overlaps."""

from __future__ import annotations

import pytest

from build_scripts.terms import Matcher

MATCHER = Matcher(
    [
        ("zangezur-corridor", "Zangezur corridor"),
        ("humanitarian-corridor", "humanitarian corridor"),
        ("2020-truce", "2020 truce"),
        ("2020-truce", "2020 ceasefire"),
        ("artsakh", "Artsakh"),
        ("nagorno-karabakh", "Nagorno-Karabakh"),
        ("nagorno-karabakh", "Karabakh"),
        ("south-caucasus", "South Caucasus"),
        ("caucasus", "Caucasus"),
        ("peacekeepers", "Russian peacekeepers"),
        ("peacekeeping", "peacekeeping"),
        ("contingent", "Russian peacekeeping contingent"),
    ]
)


def found(text: str) -> list[tuple[str, str]]:
    return [(text[f.start : f.end], f.term_id) for f in MATCHER.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Zangezur corridor opened", [("Zangezur corridor", "zangezur-corridor")]),
        ("after the 2020 ceasefire held", [("2020 ceasefire", "2020-truce")]),
        ("They call it Artsakh.", [("Artsakh", "artsakh")]),
        ("two humanitarian corridors", [("humanitarian corridors", "humanitarian-corridor")]),
        ("Humanitarian corridors opened", [("Humanitarian corridors", "humanitarian-corridor")]),
        ("the Zangezur corridor's route", [("Zangezur corridor's", "zangezur-corridor")]),
        ("the Russian peacekeepers' base", [("Russian peacekeepers'", "peacekeepers")]),
        ("the Zangezur\n  corridor", [("Zangezur\n  corridor", "zangezur-corridor")]),
        ("'the Zangezur corridor'", [("Zangezur corridor", "zangezur-corridor")]),
        ("peacekeeping's costs", [("peacekeeping's", "peacekeeping")]),
        ("two Caucasuses", [("Caucasuses", "caucasus")]),  # a name of one word takes a plural too
        ("the Artsakhs of old", [("Artsakhs", "artsakh")]),
    ],
)
def test_names_other_names_plurals_and_possessives(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_a_one_word_name_in_the_plural_is_found_where_a_longer_name_starts_with_that_plural() -> None:
    matcher = Matcher([("azeri", "Azeri"), ("azeris-of-iran", "Azeris of Iran")])
    assert [(f.term_id, f.start, f.end) for f in matcher.find("Azeris fled. Azeris of Iran.")] == [
        ("azeri", 0, 6),
        ("azeris-of-iran", 13, 27),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "the Zangezur Corridor",  # a proper name keeps its case
        "a corridor",  # part of a name is not the name
        "ZANGEZUR CORRIDOR",
        "artsakh",  # a capitalised name does not match in lower case
        "Artsakhian",  # whole words only
        "pre-Artsakh",  # a hyphen joins words
        "the 2020 trucemaker",
        "HUMANITARIAN CORRIDOR",
    ],
)
def test_what_does_not_match(text: str) -> None:
    assert found(text) == []


def test_the_longest_term_wins_where_terms_overlap() -> None:
    assert found("the Russian peacekeeping contingent and peacekeeping") == [
        ("Russian peacekeeping contingent", "contingent"),
        ("peacekeeping", "peacekeeping"),
    ]
    assert found("in the South Caucasus, the Caucasus") == [
        ("South Caucasus", "south-caucasus"),
        ("Caucasus", "caucasus"),
    ]
    assert found("Nagorno-Karabakh, or Karabakh") == [
        ("Nagorno-Karabakh", "nagorno-karabakh"),
        ("Karabakh", "nagorno-karabakh"),
    ]


def test_a_longer_match_that_starts_later_beats_a_shorter_overlapping_one() -> None:
    matcher = Matcher([("a", "South Caucasus"), ("b", "Caucasus mountains range")])
    text = "the South Caucasus mountains range"
    assert [(text[f.start : f.end], f.term_id) for f in matcher.find(text)] == [("Caucasus mountains range", "b")]


def test_an_empty_glossary_finds_nothing() -> None:
    assert not Matcher([])
    assert Matcher([]).find("anything") == []
