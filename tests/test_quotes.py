"""Quotes in translation, attributed differently by two sources, and dated: each checked and shown.

The sample's ferry strike (tests/fixtures/sample) quotes Ben South in the Gazette's
translation from French, and in the wire's other words, whose translator the wire does not
name; Ana North's words, which the wire gives to her ministry; and Ben South in May 2020,
when he was prime minister (he is president on the explainer's date).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.fields import PartialDate
from build_scripts.models import Actor, Office
from build_scripts.pipeline import generate
from tests.sites import article
from tests.test_evidence import check, line_of
from tests.test_validate import edit

FERRY = "content/explainers/ferry-strike.yaml"
PAGE = "explainers/ferry-strike.md"


def quote_block(page: str, words: str) -> list[str]:
    """The lines of the block quote on a page that starts with `words`."""
    start = page.index(f"> “{words}")
    return page[start:].split("\n\n", 1)[0].splitlines()


def test_a_translated_quote_says_from_which_language_and_by_whom(sample: Path) -> None:
    block = quote_block(generate(sample).text(PAGE), "Pay the crews")
    assert block[0] == "> “Pay the crews and let the boats sail.” (translated from French by The River Gazette)"


def test_each_attribution_is_shown_with_its_source_and_its_words(sample: Path) -> None:
    page = generate(sample).text(PAGE)
    assert quote_block(page, "Pay the crews")[2:] == [
        "> — [Ben South](../actors/ben-south.md), President of Southland, 2 April 2024 [\\[1\\]](#words-q0-0)",
        ">",
        "> Sources differ: [\\[2\\]](#words-q0-0-a0) gives it as “Pay the crews and let the ferries sail.” (translated"
        " from French; the source does not say by whom), from [Ben South](../actors/ben-south.md), President of"
        " Southland.",
    ]
    assert quote_block(page, "The crews will be paid")[2:] == [
        "> — [Ana North](../actors/ana-north.md), Water Minister of Northland [\\[1\\]](#words-q1-0)",
        ">",
        "> Sources differ: [\\[2\\]](#words-q1-0-a0) attributes these words to [Ministry of Water of"
        " Northland](../actors/northland-water-ministry.md).",
    ]
    for entry in (
        '- Ben South: “Pay the crews and let the ferries sail.” — [\\[2\\]](#source-wire): Mr South said: "Pay the'
        ' crews and let the ferries sail."\n    {: #words-q0-0-a0 }',
        "- Ministry of Water of Northland: “The crews will be paid by Friday” — [\\[2\\]](#source-wire): The ministry"
        ' said: "The crews will be paid by Friday."\n    {: #words-q1-0-a0 }',
    ):
        assert entry in page


def test_the_office_shown_is_the_one_held_when_the_words_were_said(sample: Path) -> None:
    pages = generate(sample).pages
    block = quote_block(str(pages[PAGE]), "\\[F\\]erries")
    assert (
        block[2]
        == "> — [Ben South](../actors/ben-south.md), Prime Minister of Southland, May 2020 [\\[1\\]](#words-q0-1)"
    )
    actor = str(pages["actors/ben-south.md"])
    assert quote_block(actor, "\\[F\\]erries")[2].startswith("> — Ben South, Prime Minister of Southland, May 2020.")
    assert quote_block(actor, "Pay the crews")[2].startswith("> — Ben South, President of Southland, 2 April 2024.")


def test_the_actor_page_names_the_translation_and_the_other_attributions(sample_site: Path) -> None:
    quotes = [q.text for q in article(sample_site, "actors/ben-south/index.html").iter("blockquote")]
    (paid,) = [q for q in quotes if "let the boats sail" in q]
    assert "(translated from French by The River Gazette)" in paid
    assert (
        "Sources differ: River ferries stop, 1 April 2024, gives the words as “Pay the crews and let the ferries"
        in paid
    )
    ministry = [q.text for q in article(sample_site, "actors/northland-water-ministry/index.html").iter("blockquote")]
    assert len(ministry) == 1
    assert "— Ministry of Water of Northland. Source: River ferries stop" in ministry[0]
    assert "attributes the words to Ana North" in ministry[0]


def test_an_office_covers_a_date_only_when_held_throughout_it() -> None:
    president = Office(title="President", start=PartialDate(2021, 6), end=PartialDate(2024, 12))
    assert president.held_throughout(PartialDate(2021, 6)) and president.held_throughout(PartialDate(2024))
    assert not president.held_throughout(PartialDate(2021)) and not president.held_throughout(PartialDate(2025, 1))
    south = Actor(
        id="ben-south",
        name="Ben South",
        kind="person",
        description="A politician.",
        office="Former president",
        offices=[Office(title="Prime Minister", start=PartialDate(2015), end=PartialDate(2021, 5)), president],
    )
    assert south.office_on(PartialDate(2020, 5)) == "Prime Minister"
    assert south.office_on(PartialDate(2021)) == "Former president"  # no office held all year: the undated one


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            ("        translated_by: The River Gazette\n", ""),
            "positions[0].quotes[0]",
            "say who translated the words, as the source says, in translated_by; when the source does not say,"
            " write translated_by: not stated by the source",
        ),
        (
            (
                "            translated_from: French\n            translated_by: not stated",
                "            translated_by: not stated",
            ),
            "positions[0].quotes[0].other_attributions[0]",
            "say in translated_from which language the words were translated from",
        ),
        (
            (
                "            text: Pay the crews and let the ferries sail.\n",
                "            text: '“Pay the crews and let the ferries sail.”'\n",
            ),
            "positions[0].quotes[0].other_attributions[0].text",
            "remove the quotation marks around the quote; the page adds its own",
        ),
    ],
)
def test_a_translation_names_its_translator_and_its_language(
    sample: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], field: str, message: str
) -> None:
    edit(sample, "explainers/ferry-strike.yaml", *change)
    (problem,) = check(capsys)
    assert problem.split(":", 3)[3] == f" {field}: {message}"


MINISTRY = """excerpt: 'The ministry said: "The crews will be paid."'"""


def test_each_attribution_must_stand_in_its_excerpt(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(sample, "explainers/ferry-strike.yaml", '"The crews will be paid by Friday."', '"The crews will be paid."')
    edit(sample, "explainers/ferry-strike.yaml", "let the ferries sail.\n", "let the ships sail.\n")
    assert check(capsys) == [
        f"{FERRY}:{line_of('text: Pay the crews and let the ships sail.', FERRY)}:19: positions[0].quotes[0]"
        ".other_attributions[0].text: the quote is not in this excerpt word for word: 'Pay the crews and let the"
        " ships sail.' is not there",
        f"{FERRY}:{line_of(MINISTRY, FERRY)}:22:"
        " positions[1].quotes[0].other_attributions[0].excerpt: the quote is not in this excerpt word for word:"
        " 'The crews will be paid by Friday' is not there",
    ]


def test_an_attribution_that_says_what_the_quote_says_is_refused(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        sample,
        "explainers/ferry-strike.yaml",
        "          - speaker: northland-water-ministry",
        "          - speaker: ana-north",
    )
    line = line_of("- speaker: ana-north", FERRY)
    assert check(capsys) == [
        f"{FERRY}:{line}:13: positions[1].quotes[0].other_attributions[0]: this attribution gives the quote's words to"
        " the quote's speaker: name the other speaker the source gives, or give the words as this source reports"
        " them in text"
    ]


@pytest.mark.parametrize(
    ("said", "message"),
    [
        ("2024-04-03", "2024-04-03 is after the date of its source, 'gazette' (2024-04-02)"),
        (
            "2024-03-30",
            "the excerpt does not state the date (30 March or March 30 or 2024-03-30) and it is not the source's date"
            " (2024-04-02): quote the words that date the quote, or leave out said",
        ),
    ],
)
def test_a_quotes_date_is_stated_in_its_excerpt_or_is_its_sources(
    sample: Path, capsys: pytest.CaptureFixture[str], said: str, message: str
) -> None:
    edit(sample, "explainers/ferry-strike.yaml", "said: 2024-04-02", f"said: {said}")
    assert check(capsys) == [f"{FERRY}:{line_of(f'said: {said}', FERRY)}:15: positions[0].quotes[0].said: {message}"]


def test_a_person_whose_offices_do_not_cover_a_quotes_date_is_refused(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        sample, "actors.yaml", "        start: 2015\n        end: 2021-06", "        start: 2015\n        end: 2020-04"
    )
    assert check(capsys) == [
        f"{FERRY}:{line_of('said: 2020-05', FERRY)}:15: positions[0].quotes[1].said: Ben South held none of their"
        " offices in content/actors.yaml throughout 2020-05 (when the quote was said): add the office held then,"
        " with its dates"
    ]


def test_an_attributions_words_are_not_the_sites_voice(sample: Path) -> None:
    """A loaded term in a translation's words, or in who translated it, is the source's, not ours."""
    edit(sample, "explainers/ferry-strike.yaml", "let the ferries sail.", "stop the land grab.")
    edit(
        sample,
        "explainers/ferry-strike.yaml",
        '"Pay the crews and let the ferries sail."',
        '"Pay the crews and stop the land grab."',
    )
    edit(
        sample, "explainers/ferry-strike.yaml", "translated_by: The River Gazette", "translated_by: the land grab desk"
    )
    assert generate(sample).pages
