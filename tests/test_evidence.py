"""Evidence: every claim checked against the source's own words it carries, the log of corrections, loaded words.

The rejections are made on a copy of the sample topics (tests/fixtures/sample), as a
contributor's slip would be: one word of a quote, one unit of a figure, a breakdown
charted as rival claims, a loaded word in the site's voice, a changed figure with no
revision, an excerpt that is not in the archived source.
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

import pytest

from build_scripts import cli, eventdates, evidence, matching, numbers
from build_scripts.fields import PartialDate
from build_scripts.load import load
from build_scripts.models import Office
from build_scripts.pipeline import generate
from build_scripts.validate import validate
from tests.test_validate import edit

DAM = "content/explainers/dam-dispute.yaml"
EXPLAINER = "content/explainers/bridge-dispute.yaml"
FERRY = "content/explainers/ferry-strike.yaml"


def line_of(text: str, path: str = DAM) -> int:
    """The first line of a topic that holds `text`, or that is `text` with its indentation."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line == text or (text in line and text.strip() == text))


def check(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    """Run `check` and return the problems it prints (exit code 1 required)."""
    assert cli.main(["check", *args]) == 1
    return [line for line in capsys.readouterr().err.splitlines() if not line.endswith("nothing was written.")]


def refused_in_ferry(
    capsys: pytest.CaptureFixture[str], content: Path, change: tuple[str, str], where: tuple[str, int, str]
) -> str:
    """Make one change to the sample's ferry strike; return the one problem `check` prints for it,
    after making sure it stands where `where` says: (the text of its line, its column, its field)."""
    edit(content, "explainers/ferry-strike.yaml", *change)
    (problem,) = check(capsys)
    text, column, field = where
    ferry = "content/explainers/ferry-strike.yaml"
    place = f"{ferry}:{line_of(text, ferry)}:{column}: {field}: "
    assert problem.startswith(place), problem
    return problem.removeprefix(place)


@pytest.mark.parametrize(
    ("quote", "excerpt"),
    [
        ("The bridge is unsafe.", "She said: “The bridge is unsafe.”"),
        ("It’s “closed”", 'He said “It\'s "closed"” today.'),  # curly and straight marks are the same
        ("one  two\nthree", "one two three"),  # so are runs of white space
        ("disarm and secure […] neutralise", "to “disarm and secure the withdrawal, [and] neutralise their”"),
        ("disarm … neutralise", "disarm and secure, neutralise"),
        ("from our territories, [and] neutralise", "from our territories, [and] neutralise"),
        ("[T]raffic will flow", "He said that traffic will flow."),
    ],
)
def test_a_quote_stands_in_its_excerpt_with_the_documented_marks(quote: str, excerpt: str) -> None:
    assert matching.missing_from(quote, excerpt) is None


@pytest.mark.parametrize(
    ("quote", "excerpt", "missing"),
    [
        ("The bridge is unsafe.", "“The bridge is unsafe,” she said.", "The bridge is unsafe."),  # punctuation
        ("The bridge is closed", "The bridge is unsafe", "The bridge is closed"),  # a word
        ("the bridge is unsafe", "The bridge is unsafe", "the bridge is unsafe"),  # the case of a letter
        ("ridge is unsafe", "The bridge is unsafe", "ridge is unsafe"),  # not whole words
        ("unsafe [...] The bridge", "The bridge is unsafe", "The bridge"),  # out of order
        ("Traffic will flow", "He said that traffic will flow.", "Traffic will flow"),
    ],
)
def test_a_quote_that_differs_from_its_excerpt_names_the_first_words_missing(
    quote: str, excerpt: str, missing: str
) -> None:
    assert matching.missing_from(quote, excerpt) == missing


@pytest.mark.parametrize(
    ("quote", "excerpt", "said"),
    [
        (
            "Armenia needs to keep its pledges, including respect for the Zangezur corridor",
            "“Armenia needs to keep its pledges, including respects for the Zangezur corridor,” Erdoğan said.",
            "at word 8: the quote has 'respect', the excerpt has 'respects'",
        ),
        (
            "The bridge is unsafe.",
            "“The bridge is unsafe,” she said.",
            "at word 4: the quote has 'unsafe.', the excerpt has 'unsafe,\"'",
        ),
        ("the bridge is unsafe", "The bridge is unsafe", "at word 1: the quote has 'the', the excerpt has 'The'"),
        ("Our farms are dry", "My fields are dry", "at word 1: the quote has 'Our', the excerpt has 'My'"),
        ("A B C D", "x A B Z C D", "at word 3: the quote has 'C', the excerpt has 'Z'"),  # a word left out
        (
            "It is unsafe today",
            "“It is unsafe,” she said",
            "at word 4: the quote has 'today', the excerpt has ',\" she'",
        ),
        ("The bridge is unsafe and", "The bridge is unsafe", "at word 5: the quote has 'and', where the excerpt ends"),
        (
            "[T]raffic will flows",
            "He said that traffic will flow.",
            "at word 3: the quote has 'flows', the excerpt has 'flow.'",
        ),
        (
            "We [...] stay here now",
            "We will stay here today",
            "at word 5: the quote has 'now', the excerpt has 'today'",
        ),
        (
            "unsafe [...] The bridge",
            "The bridge is unsafe",
            "at word 3: the quote has 'The', and no word from there on stands in the excerpt after the words before it",
        ),
        ("zzz yyy", "The bridge", "at word 1: the quote has 'zzz', and no word from there on stands in the excerpt"),
    ],
)
def test_a_quote_that_differs_names_its_first_differing_word(quote: str, excerpt: str, said: str) -> None:
    found = matching.difference(quote, excerpt)
    assert found is not None
    assert found.describe("quote", "excerpt", "its excerpt") == f"the quote differs from its excerpt {said}"


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("A 2,000-member force", {2000}),
        ("four soldiers and two civilians", {4, 2}),
        ("469 people, including 185 children", {469, 185}),
        ("between three thousand and four thousand", {3000, 4000}),
        ("two hundred and five", {205}),
        ("twenty-five dead", {25}),
        ("1.5 million", {1.5, 1_500_000}),
        ("it rose by 4.5 per cent", {4.5}),
        ("The last, seventh meeting took place in mid-August", {7}),
        ("chaired the 8th meeting", {8}),
        ("the twelfth and the 21st", {12, 21}),
    ],
)
def test_numbers_are_read_in_digits_and_in_words(words: str, expected: set[float]) -> None:
    assert numbers.numbers_in(words) == expected


@pytest.mark.parametrize(
    ("when", "excerpt", "stated"),
    [
        (PartialDate(2023, 9, 19), "On 19 September the ministry said", True),
        (PartialDate(2023, 9, 19), "September 19, 2023: the ministry said", True),
        (PartialDate(2023, 9, 19), "On Tuesday the ministry said", False),
        (PartialDate(2023, 9, 1), "On 19 September", False),
        (PartialDate(2023, 9), "in September 2023", True),
        (PartialDate(2023), "a 2020 truce", False),
        (PartialDate(2020), "a 2020 truce", True),
    ],
)
def test_a_date_is_stated_in_the_ways_sources_write_it(when: PartialDate, excerpt: str, stated: bool) -> None:
    assert evidence.states(when, excerpt) is stated


@pytest.mark.parametrize(
    ("words", "named"),
    [
        ("dated Wednesday 20 September 2023, says", [("Wednesday 20 September 2023", 2023, 9, 20, 2, True)]),
        ("On Tuesday (19 September)", [("Tuesday", 0, 0, 0, 1, False), ("19 September", 0, 9, 19, None, False)]),
        (
            "September 19, 2023 and 2023-09",
            [("September 19, 2023", 2023, 9, 19, None, False), ("2023-09", 2023, 9, 0, None, False)],
        ),
        (
            "in March 2024, published in 2024",
            [("March 2024", 2024, 3, 0, None, False), ("2024", 2024, 0, 0, None, True)],
        ),
        ("a 2020 truce", [("2020", 2020, 0, 0, None, False)]),
        ("a 2,000-member force, 2000 people, the 1990s, 31 September, it may rain", []),
    ],
)
def test_the_dates_a_text_names_are_read_as_sources_write_them(
    words: str, named: list[tuple[str, int, int, int, int | None, bool]]
) -> None:
    found = [(m.words, m.year, m.month, m.day, m.weekday, m.dated) for m in eventdates.mentions(words)]
    assert found == named


ARTICLE = [("article", datetime.date(2023, 9, 20))]
BASIS = 'The article, dated Wednesday 20 September 2023, says the ministry spoke "On Tuesday" (19 September).'


def said(basis: str, *excerpts: str) -> list[eventdates.Said]:
    """The date_basis and the excerpts of an event, as the check reads them."""
    texts = [eventdates.Said(("date_basis",), matching.normalise(basis))]
    return texts + [eventdates.Said(("evidence", j, "excerpt"), matching.normalise(e)) for j, e in enumerate(excerpts)]


@pytest.mark.parametrize(
    ("when", "texts", "found"),
    [
        (PartialDate(2023, 9, 19), said(BASIS, "On Tuesday, the ministry said"), []),
        (PartialDate(2023, 9), said(BASIS), []),  # at the event's precision
        (
            PartialDate(2023, 9, 18),
            said(BASIS, "On Tuesday, the ministry said"),
            [
                (
                    ("date",),
                    "2023-09-18 disagrees with 'Tuesday' in date_basis and evidence[0].excerpt (19 September 2023:"
                    " the Tuesday on or before the source's date); '19 September' in date_basis",
                )
            ],
        ),
        (
            PartialDate(2023, 8),
            said(BASIS),
            [
                (
                    ("date",),
                    "2023-08 disagrees with 'Tuesday' in date_basis (19 September"
                    " 2023: the Tuesday on or before the source's date); '19 September'"
                    " in date_basis",
                )
            ],
        ),
        (
            PartialDate(2021),
            said('It speaks of "a 2020 truce".'),
            [(("date",), "2021 disagrees with '2020' in date_basis")],
        ),
        (PartialDate(2023, 9, 20), said("The article is dated 20 September 2023."), []),
        (
            PartialDate(2023, 9, 21),
            said("The article is dated 20 September 2023."),
            [
                (
                    ("date",),
                    "2023-09-21 is after '20 September 2023', a source's date in date_basis: an event cannot be dated"
                    " after the source that reports it",
                )
            ],
        ),
        (
            PartialDate(2023, 8, 20),
            said("The article is dated 20 September 2023."),
            [
                (
                    ("date",),
                    "date_basis and the excerpts name no date that agrees with 2023-08-20: say in date_basis how"
                    " the date follows from the source, like: the article, dated Wednesday 20 September 2023, says"
                    ' "on Tuesday"',
                )
            ],
        ),
        (
            PartialDate(2022, 9, 19),
            said('The article says "On 19 September".'),
            [
                (
                    ("date",),
                    "nothing states the year 2022: date_basis, the excerpts and the sources' dates give 2023; say in"
                    " date_basis how the year follows from the source",
                )
            ],
        ),
        (PartialDate(2022, 9, 19), said('The article says "On 19 September", which is 19 September 2022.'), []),
        (
            PartialDate(2023, 9, 19),
            said(BASIS.replace("Wednesday", "Thursday")),
            [(("date_basis",), "'Thursday 20 September 2023': 20 September 2023 was a Wednesday")],
        ),
        (
            PartialDate(2023, 9, 19),
            said(BASIS.replace("20 September", "21 September").replace("Wednesday", "Thursday")),
            [
                (
                    ("date_basis",),
                    "'Thursday 21 September 2023' is not the date of the event's sources: source"
                    " 'article' is dated 2023-09-20",
                )
            ],
        ),
    ],
)
def test_a_date_agrees_with_what_its_basis_and_excerpts_say(
    when: PartialDate, texts: list[eventdates.Said], found: list[tuple[tuple[str], str]]
) -> None:
    assert [(f.field, f.message) for f in eventdates.check(when, texts, ARTICLE)] == found


def test_a_weekday_without_a_source_date_agrees_with_a_day_on_that_weekday() -> None:
    texts = said('The undated leaflet, handed out in 2023, says "on Tuesday".')
    assert eventdates.check(PartialDate(2023, 9, 19), texts, [("leaflet", None)]) == []
    (problem,) = eventdates.check(PartialDate(2023, 9, 20), texts, [("leaflet", None)])
    assert problem.message == "2023-09-20 disagrees with 'Tuesday' in date_basis"


def test_an_office_is_shown_as_it_was_on_the_explainers_date() -> None:
    office = Office(title="President", start=PartialDate(2021, 6), end=PartialDate(2024, 12))
    assert office.held_on(datetime.date(2021, 6, 1)) and office.held_on(datetime.date(2024, 12, 31))
    assert not office.held_on(datetime.date(2021, 5, 31)) and not office.held_on(datetime.date(2025, 1, 1))


def test_the_sample_passes_every_check(sample: Path) -> None:
    assert generate(sample).warnings == []


def test_a_quote_changed_by_one_word_is_refused_at_its_line(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(sample, "explainers/dam-dispute.yaml", "watching their fields turn", "watching their farms turn")
    line = line_of("watching their farms turn")
    assert check(capsys) == [
        f"{DAM}:{line}:46: positions[1].quotes[0].text: the quote differs from its excerpt at word 6:"
        " the quote has 'farms', the excerpt has 'fields'"
    ]


def test_a_figure_changed_by_one_is_refused_at_its_line(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(sample, "explainers/dam-dispute.yaml", "    value: 12000\n", "    value: 12001\n")
    line = line_of("value: 12001")
    assert check(capsys) == [
        f"{DAM}:{line}:12: figures[0].value: 12,001 is not in the figure's excerpt, in digits or in words"
    ]


def test_a_figure_whose_excerpt_does_not_name_its_claimant_is_refused(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(sample, "explainers/dam-dispute.yaml", "excerpt: Southland says 12,000", "excerpt: Officials say 12,000")
    line = line_of("excerpt: Officials say 12,000")
    (problem,) = check(capsys)
    assert problem.startswith(
        f"{DAM}:{line}:14: figures[0].excerpt: the excerpt does not name who claims the number, Southland:"
    )


def test_a_breakdown_charted_as_rival_claims_is_refused(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(sample, "explainers/dam-dispute.yaml", "    unit: children\n    part: children\n", "    unit: children\n")
    line = line_of("    value: 120") - 1
    assert check(capsys) == [
        f"{DAM}:{line}:14: figures[5].measure: the figures of 'Villagers moved by the Delta Council' are the parts"
        " of one total, but this one has no part: give each a part, or none if they are rival claims of one number"
    ]


def test_rival_claims_in_different_units_are_refused(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(
        sample, "explainers/dam-dispute.yaml", "    high: 4000\n    unit: people\n", "    high: 4000\n    unit: homes\n"
    )
    line = line_of("unit: homes")
    (problem,) = check(capsys)
    assert problem.startswith(f"{DAM}:{line}:11: figures[1].unit: 'homes' differs from 'people' (figures[0])")


def test_an_undated_excerpt_needs_a_date_basis(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(
        sample,
        "explainers/dam-dispute.yaml",
        '    date_basis: The Gazette, dated 16 March 2024, says "in March".\n',
        "",
    )
    line = line_of("  - date: 2024-03\n".strip())
    assert check(capsys) == [
        f"{DAM}:{line}:11: timeline[1].date: no excerpt states the date (March 2024 or 2024-03): quote the words"
        " that date the event, or say in date_basis how the date follows from the source"
    ]


def test_a_date_that_disagrees_with_its_date_basis_is_refused(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(sample, "explainers/dam-dispute.yaml", "  - date: 2024-03\n", "  - date: 2024-04\n")
    assert check(capsys) == [
        f"{DAM}:{line_of('- date: 2024-04')}:11: timeline[1].date: 2024-04 disagrees with 'March' in date_basis and"
        " evidence[0].excerpt"
    ]


def test_a_day_and_month_take_their_year_from_the_sources_date(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ferry = "content/explainers/ferry-strike.yaml"
    edit(sample, "explainers/ferry-strike.yaml", "  - date: 2024-04-01\n", "  - date: 2023-04-01\n")
    assert check(capsys) == [
        f"{ferry}:{line_of('- date: 2023-04-01', ferry)}:11: timeline[0].date: evidence[0].excerpt gives '1 April'"
        " but no year, and source 'gazette' is dated 2024-04-02: say in date_basis how the year 2023 follows from"
        " the source"
    ]


def test_words_quoted_in_the_sites_voice_stand_in_an_excerpt(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(
        sample,
        "explainers/dam-dispute.yaml",
        "role: Spoke for Southland.",
        'role: Said the farms were "turning to dust".',
    )
    edit(sample, "explainers/dam-dispute.yaml", "  water that reaches its farms,", "  “water that reached” its farms,")
    role = line_of('    role: Said the farms were "turning to dust".')
    assert check(capsys) == [
        f"{DAM}:6:4: summary: 'water that reached' is in quotation marks but in no excerpt of this explainer word for"
        " word",
        f"{DAM}:{role}:32: actors[4].role: 'turning to dust' is in quotation marks but in no excerpt of this explainer"
        " word for word; the nearest is positions[1].quotes[0].excerpt, where the quotation differs from it at word"
        " 1: the quotation has 'turning', the excerpt has 'turn'",
    ]
    edit(sample, "explainers/dam-dispute.yaml", '"turning to dust"', "“turn to dust”")  # curly or straight marks
    edit(sample, "explainers/dam-dispute.yaml", "“water that reached”", "water that reaches")
    assert cli.main(["check"]) == 0


def test_the_log_of_corrections_may_quote_the_pages_own_words(sample: Path) -> None:
    edit(
        sample,
        "explainers/dam-dispute.yaml",
        "    what: The number",
        '    what: The page said "1,200 people". The number',
    )
    assert generate(sample).pages


@pytest.mark.parametrize(
    ("claim", "excerpt", "said"),
    [
        (
            "Northland began filling a dam upstream of the east crossing in March 2025.",
            "Northland began filling the dam above the east crossing in March.",
            "'2025' is not in the claim's excerpt, in digits or in words",  # a year may only be the source's
        ),
        (
            "Northland began filling a dam upstream of the east crossing in March 2024.",
            "In March 2024, four soldiers were killed.",
            None,
        ),
    ],
)
def test_a_claims_numbers_stand_in_its_excerpt(
    sample: Path, capsys: pytest.CaptureFixture[str], claim: str, excerpt: str, said: str | None
) -> None:
    old_claim = "Northland began filling a dam upstream of the east crossing in March 2024."
    edit(sample, "explainers/dam-dispute.yaml", old_claim, claim)
    edit(sample, "explainers/dam-dispute.yaml", old_claim, claim)
    edit(
        sample, "explainers/dam-dispute.yaml", "excerpt: Northland began filling the dam above", f"excerpt: {excerpt} x"
    )
    edit(
        sample,
        "explainers/dam-dispute.yaml",
        f"excerpt: {excerpt} x the east crossing in March.",
        f"excerpt: {excerpt}",
    )
    if said is None:
        assert cli.main(["check"]) == 0
        return
    line = line_of(f"- text: {claim}")
    assert check(capsys) == [f"{DAM}:{line}:{15 + claim.index('2025')}: background[0].claims[0].text: {said}"]


@pytest.mark.parametrize(
    ("claim", "excerpt", "said"),
    [
        ("5 people were killed", "5 persons were killed and 80 were injured.", None),
        (
            "80 injured, 15 of them civilians",
            "80 were injured, and 15 of the injured were civilians.",
            "'15 of them' differs from the excerpt's '15 of the injured were': the word after a number (or after its"
            " 'of') says what it counts, and follows the number in the excerpt too, within four words",
        ),
        ("80 injured, 15 of the injured", "80 were injured, and 15 of the injured were civilians.", None),
        ("four soldiers and two civilians", "4 soldiers and 2 civilians were killed.", None),
        (
            "four soldiers",
            "four civilians and two soldiers were killed",
            "'four soldiers' differs from the excerpt's 'four civilians and': the word after a number (or after its"
            " 'of') says what it counts, and follows the number in the excerpt too, within four words",
        ),
        ("a 2,000-member force", "A 2,000-member force was deployed.", None),
        (
            "a 2,000-member force",
            "A 2,500-member force was deployed.",
            "'2,000' is not in the claim's excerpt, in digits or in words",
        ),
        ("two million people", "2 million people", None),
        ("no one was hurt at the crossing", "Nobody was hurt at a crossing.", None),
        ("since 19 September", "since Tuesday", "'19' is not in the claim's excerpt, in digits or in words"),
    ],
)
def test_a_claims_numbers_and_what_they_count_are_its_excerpts(
    minimal: Path, capsys: pytest.CaptureFixture[str], claim: str, excerpt: str, said: str | None
) -> None:
    body = f"The only crossing on the river line. Since then {claim}."
    edit(
        minimal,
        "explainers/bridge-dispute.yaml",
        "    body: The only crossing on the river line.\n",
        f"    body: {body}\n",
    )
    claims = f"    claims:\n      - text: {claim}\n        source: report\n        excerpt: '{excerpt}'\n"
    edit(
        minimal,
        "explainers/bridge-dispute.yaml",
        "    sources: [report]\nactors:",
        f"    sources: [report]\n{claims}actors:",
    )
    if said is None:
        assert cli.main(["check"]) == 0
        return
    number = said.split("'")[1].split(" ")[0]
    assert check(capsys) == [f"{EXPLAINER}:16:{15 + claim.index(number)}: background[0].claims[0].text: {said}"]


def test_a_problem_in_a_long_body_stands_at_its_line_and_column(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        sample, "explainers/dam-dispute.yaml", "      both take water from it.", "      both take water <b>from</b> it."
    )
    edit(
        sample,
        "explainers/dam-dispute.yaml",
        "Northland began filling a dam upstream of the east crossing in March 2024.\n    sources",
        "Northland began filling a dam upstream of the east crossing in March 2024.\n"
        "      Southland calls it a\n      land grab.\n    sources",
    )
    edit(
        sample,
        "explainers/dam-dispute.yaml",
        "  Northland has filled a new dam",
        "  Northland has TODO filled a new dam",
    )
    body = line_of("      both take water <b>from</b> it.")
    assert check(capsys) == [
        f"{DAM}:{body}:23: background[0].body: raw HTML is not allowed (found '<b>from</b'); write plain text"
    ]
    edit(sample, "explainers/dam-dispute.yaml", "<b>from</b>", "from")
    (problem,) = check(capsys)
    assert problem.startswith(
        f"{DAM}:{line_of('      land grab.')}:7: background[0].body: 'land grab' is a loaded term"
    )
    edit(sample, "explainers/dam-dispute.yaml", "      land grab.", '      "land grab".')
    edit(sample, "explainers/dam-dispute.yaml", "farmers are watching", "farmers are watching a land grab and")
    edit(
        sample, "explainers/dam-dispute.yaml", "“Our farmers are watching", "“Our farmers are watching a land grab and"
    )
    assert cli.main(["check"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"warning: {DAM}:5:17: summary: placeholder text left in (TODO): fill it in before the page is published"
    ]


def test_a_marked_claim_must_stand_in_its_section(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(
        sample,
        "explainers/dam-dispute.yaml",
        "      Northland began filling a dam upstream",
        "      Northland filled a dam upstream",
    )
    line = line_of("- text: Northland began filling a dam upstream")
    assert check(capsys) == [
        f"{DAM}:{line}:25: background[0].claims[0].text: this sentence is not in the section's body word for word:"
        " the sentence differs from the body at word 2: the sentence has 'began', the body has 'filled'"
    ]


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("    role: Spoke for Southland.", "    role: Spoke against the land grab.", "actors[4].role"),
        (
            "summary: Northland says the dam keeps",
            "summary: Northland, accused of a land grab, says the dam keeps",
            "positions[0].summary",
        ),
        (
            "    text: Northland begins filling the dam.",
            "    text: Northland begins its land grab.",
            "timeline[1].text",
        ),
    ],
)
def test_a_loaded_term_in_the_sites_own_voice_is_refused(
    sample: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, field: str
) -> None:
    edit(sample, "explainers/dam-dispute.yaml", old, new)
    (problem,) = check(capsys)
    assert problem.startswith(f"{DAM}:{line_of(new.strip())}:")
    assert problem.endswith(
        f"{field}: 'land grab' is a loaded term, used by Southland: in the site's own voice put it in quotation"
        ' marks and say who uses it, like: what Southland called "land grab"'
    )


def test_a_loaded_term_in_quotation_marks_or_in_a_quote_is_allowed(sample: Path) -> None:
    edit(
        sample,
        "explainers/dam-dispute.yaml",
        "    role: Spoke for Southland.",
        '    role: Called the dam a "land grab".',
    )
    edit(sample, "explainers/dam-dispute.yaml", "farmers are watching", "farmers are watching a land grab and")
    edit(
        sample, "explainers/dam-dispute.yaml", "“Our farmers are watching", "“Our farmers are watching a land grab and"
    )
    assert generate(sample).pages


def test_a_person_with_no_office_on_the_explainers_date_is_refused(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        sample,
        "actors.yaml",
        "        start: 2021-06\n        end: 2024-12",
        "        start: 2024-06\n        end: 2024-12",
    )
    edit(
        sample, "actors.yaml", "        start: 2015\n        end: 2021-06", "        start: 2015\n        end: 2021-07"
    )
    ferry = "content/explainers/ferry-strike.yaml"
    assert check(capsys) == [
        f"{DAM}:{line_of('- actor: ben-south')}:12: actors[4].actor: Ben South held none of their offices in"
        " content/actors.yaml on 2024-03-17 (this explainer's as_of): add the office held then, with its dates",
        f"{ferry}:{line_of('- actor: ben-south', ferry)}:12: actors[2].actor: Ben South held none of their offices"
        " in content/actors.yaml throughout 2024-04-02 (when their latest words here were said): add the office"
        " held then, with its dates",
        f"{ferry}:{line_of('said: 2024-04-02', ferry)}:15: positions[0].quotes[0].said: Ben South held none of"
        " their offices in content/actors.yaml throughout 2024-04-02 (when the quote was said): add the office held"
        " then, with its dates",
    ]


def test_a_person_is_listed_with_the_office_held_when_last_quoted(sample: Path) -> None:
    """A page that reports years of a dispute lists a person with the office held when their latest
    words on it were said, not on the page's own date."""
    edit(sample, "explainers/ferry-strike.yaml", "        said: 2024-04-02\n", "")  # now only May 2020 is dated
    page = generate(sample).text("explainers/ferry-strike.md")
    listed = (
        "[Ben South](../actors/ben-south.md)**, Prime Minister of Southland as of their latest words here, May 2020"
    )
    assert listed in page


def test_the_explainer_shows_the_office_held_then_and_the_actor_page_every_dated_office(sample: Path) -> None:
    pages = generate(sample).pages
    assert (
        "[Ben South](../actors/ben-south.md), President of Southland, at a news conference"
        in (pages["explainers/dam-dispute.md"])
    )
    assert "Former president" not in pages["explainers/dam-dispute.md"]
    assert (
        "Offices: Prime Minister of Southland (2015–June 2021); President of Southland (June 2021–December 2024)."
        in pages["actors/ben-south.md"]
    )


def test_the_page_shows_its_dates_the_sources_words_and_its_corrections(sample: Path) -> None:
    page = generate(sample).text("explainers/dam-dispute.md")
    assert "*First published 16 March 2024 · Covers reporting up to 17 March 2024 · Last revised 18 March 2024*" in page
    assert "[\\[2\\]](#words-q0-0)" in page  # the quote's citation leads to its words
    assert (
        "- Ana North: “The dam takes not one drop more than the accord allows” — [\\[2\\]](#source-ministry-statement):"
        ' "The dam takes not one drop more than the accord allows," the minister wrote.\n    {: #words-q0-0 }'
    ) in page
    assert '*Date:* The Gazette, dated 16 March 2024, says "in March".' in page
    assert (
        "- **18 March 2024, correction:** The number of people Southland says were displaced is 12,000, not 1,200."
        " *Why:* The figure was mistyped."
    ) in page
    assert "- **3 April 2024, update:** Southland's figure for the fall in trade was added." in (
        generate(sample).text("explainers/ferry-strike.md")
    )


def test_a_page_with_no_revisions_says_so(minimal: Path) -> None:
    page = generate(minimal).text("explainers/bridge-dispute.md")
    assert "No corrections or updates since this explainer was published on 2 January 2024." in page
    assert "*First published 2 January 2024 · Covers reporting up to 2 January 2024*" in page


def test_a_breakdown_is_shown_as_parts_and_never_charted_as_compared(sample: Path) -> None:
    page = generate(sample).text("explainers/dam-dispute.md")
    assert "- Villagers moved by the Delta Council: **300 adults** and **120 children**, per" in page
    assert "The parts of one total, not rival claims:" in page
    assert "Claims compared: Villagers moved" not in page and "Figures compared: Villagers moved" not in page
    assert "Claims compared: People displaced by the reservoir" in page


def commit(folder: Path, message: str) -> None:
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "add", "-A"], cwd=folder, check=True)
    subprocess.run([*git, "commit", "-q", "-m", message], cwd=folder, check=True)


@pytest.fixture
def repository(sample: Path) -> Path:
    """The sample topics committed in a git repository of their own, as a base branch."""
    subprocess.run(["git", "init", "-q"], cwd=sample.parent, check=True)
    commit(sample.parent, "base")
    return sample


def test_a_changed_figure_without_a_log_entry_is_refused_against_the_base(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(repository, "explainers/dam-dispute.yaml", "    value: 12000\n", "    value: 11000\n")
    edit(repository, "explainers/dam-dispute.yaml", "Southland says 12,000 people", "Southland says 11,000 people")
    assert cli.main(["check"]) == 0  # valid content: only the log is missing
    capsys.readouterr()
    line = line_of("  - measure: People displaced by the reservoir")
    assert check(capsys, "--against", "HEAD") == [
        f"{DAM}:{line}:5: figures[0]: the figure 'People displaced by the reservoir' changed since HEAD"
        " ('12,000 people in the flooded valley as of 2024-03-16' became '11,000 people in the flooded valley as of"
        " 2024-03-16') and the revisions have no new"
        " entry: add one under `revisions:` with its date, kind (correction or update), what changed and why"
    ]
    edit(
        repository,
        "explainers/dam-dispute.yaml",
        "    why: The figure was mistyped.\n",
        "    why: The figure was mistyped.\n  - date: 2024-03-19\n    kind: correction\n"
        "    what: Southland's figure is 11,000.\n    why: The Gazette corrected it.\n",
    )
    assert cli.main(["check", "--against", "HEAD"]) == 0


def test_a_figure_counted_somewhere_else_is_a_change_too(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(
        repository,
        "explainers/dam-dispute.yaml",
        "    scope: in the flooded valley\n    as_of: 2024-03-16",
        ("    scope: in the valley and the town\n    as_of: 2024-03-16"),
    )
    assert [p.split(": ", 2)[1] for p in check(capsys, "--against", "HEAD")] == ["figures[0]"]


def test_a_published_log_entry_is_kept_as_it_was(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A correction of a log entry is a new entry: the published ones stay word for word, in their places."""
    edit(repository, "explainers/dam-dispute.yaml", "is 12,000, not 1,200.", "is 12,000.")
    edit(
        repository,
        "explainers/dam-dispute.yaml",
        "    why: The figure was mistyped.\n",
        "    why: The figure was mistyped.\n  - date: 2024-03-19\n    kind: correction\n"
        "    what: The entry above is shorter.\n    why: Style.\n",
    )
    line = line_of("  - date: 2024-03-18")
    assert check(capsys, "--against", "HEAD") == [
        f"{DAM}:{line}:5: revisions[0]: the revision of 2024-03-18 (correction) was published at HEAD and has been"
        " changed or removed: keep the published entries as they were, and say what was wrong with one in a new entry"
    ]
    edit(repository, "explainers/dam-dispute.yaml", "is 12,000.", "is 12,000, not 1,200.")
    assert cli.main(["check", "--against", "HEAD"]) == 0
    edit(
        repository,
        "explainers/dam-dispute.yaml",
        "  - date: 2024-03-18\n    kind: correction\n    what: The number of people Southland says were displaced"
        " is 12,000, not 1,200.\n    why: The figure was mistyped.\n",
        "",
    )
    assert [p.split(": ", 2)[1] for p in check(capsys, "--against", "HEAD")] == ["revisions[0]"]


def test_a_changed_event_date_needs_a_log_entry_too(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repository, "explainers/dam-dispute.yaml", "  - date: 2019-09-22\n", "  - date: 2019-09-23\n")
    edit(repository, "explainers/dam-dispute.yaml", "on 22 September 2019.", "on 23 September 2019.")
    problems = check(capsys, "--against", "HEAD")
    assert [p.split(": ", 2)[1] for p in problems] == ["timeline[0]"]
    assert "timeline event 1 changed since HEAD ('2019-09-22: Northland" in problems[0]


def test_a_shared_entry_changed_needs_a_log_entry_on_every_page_that_shows_it(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A shared glossary term or actor belongs to every page that shows it: each logs the change."""
    edit(repository, "glossary.yaml", "Unity Bridge", "Union Bridge")  # shown by the dam dispute's map
    edit(repository, "actors.yaml", "      - title: President of Southland\n", "      - title: Head of State\n")  # both
    assert cli.main(["check"]) == 0
    capsys.readouterr()
    problems = check(capsys, "--against", "HEAD")
    assert [p.split(": ", 2)[:2] for p in problems] == [
        [f"{DAM}:{line_of('  - actor: ben-south')}:12", "actors[4].actor"],
        [f"{DAM}:{line_of('    - term: east-crossing')}:13", "map.places[2].term"],
        [f"{FERRY}:{line_of('  - actor: ben-south', FERRY)}:12", "actors[2].actor"],
    ]
    assert problems[1].endswith(
        "the glossary term 'east-crossing' changed since HEAD in content/glossary.yaml, and this page shows it:"
        " add an entry under `revisions:` saying what changed on this page"
    )
    edit(
        repository,
        "explainers/dam-dispute.yaml",
        "    why: The figure was mistyped.\n",
        "    why: The figure was mistyped.\n  - date: 2024-03-19\n    kind: update\n"
        "    what: Ben South's office and Northland's name for the east crossing are now those of today.\n"
        "    why: Both changed.\n",
    )
    assert [p.split(":", 1)[0] for p in check(capsys, "--against", "HEAD")] == [FERRY]


def test_an_unknown_ref_is_reported_not_a_crash(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (problem, *_) = check(capsys, "--against", "no-such-branch")
    assert "git cannot read it at 'no-such-branch'" in problem


def archive_of(content: Path, folder: Path) -> Path:
    """Archived copies of the sample's sources, written here: each source's excerpts, in a text of its own."""
    documents, _ = load(content)
    loaded, _ = validate(documents)
    texts: dict[str, list[str]] = {}
    for explainer in loaded.explainers:
        for _, source, excerpt in evidence.excerpts(explainer.model):
            texts.setdefault(source, []).append(matching.normalise(excerpt).replace('"', "“", 1))
    folder.mkdir()
    for source, words in texts.items():
        (folder / f"{source}.txt").write_text("A headline\n\n" + "\n\n  ".join(words) + "\n", encoding="utf-8")
    return folder


def test_every_excerpt_is_found_in_its_archived_source(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archived = archive_of(sample, tmp_path / "archive")
    assert cli.main(["check", "--archive", str(archived)]) == 0
    assert "warning" not in capsys.readouterr().err


def test_an_excerpt_not_in_its_archived_source_is_listed_at_its_line(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    archived = archive_of(sample, tmp_path / "archive")
    edit(sample, "explainers/dam-dispute.yaml", "The dam stands 40 metres high.", "The dam stands 40 metres tall.")
    line = line_of("The dam stands 40 metres tall.")
    expected = f"{DAM}:{line}:14: figures[2].excerpt: the excerpt is not in the archived source {archived}/gazette.txt"
    assert check(capsys, "--archive", str(archived)) == [expected]
    monkeypatch.setenv("EXPLAINERS_ARCHIVE", str(archived))  # the same, named by the environment
    assert check(capsys) == [expected]


def test_a_source_with_no_archived_copy_is_a_warning(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archived = archive_of(sample, tmp_path / "archive")
    (archived / "ministry-statement.txt").unlink()
    assert cli.main(["check", "--archive", str(archived)]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: {DAM}:{line_of('- id: ministry-statement')}:9: sources[1].id: no archived copy of source"
        f" 'ministry-statement' ({archived}/ministry-statement.txt): its excerpts are not verified"
    ]
