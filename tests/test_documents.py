"""Documents: each party's text of a clause, compared word by word, checked like the sources' words.

The sample's ferry strike (tests/fixtures/sample) quotes two articles of a made-up ferry
agreement in Northland's and Southland's English texts and the union's French one.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from build_scripts import documents
from build_scripts.models import PrimaryDocument
from build_scripts.pipeline import generate
from tests.sites import article
from tests.test_evidence import archive_of, check, commit, line_of
from tests.test_validate import edit

FERRY = "content/explainers/ferry-strike.yaml"
PAGE = "explainers/ferry-strike.md"


def document(*texts: tuple[str, str, str]) -> PrimaryDocument:
    """A document of one clause, numbered 9, in the given (version id, language, wording)."""
    return PrimaryDocument.model_validate(
        {
            "id": "statement",
            "title": "A statement",
            "versions": [
                {"id": v, "published_by": f"party-{v}", "source": f"source-{v}", "language": language}
                for v, language, _ in texts
            ],
            "clauses": [{"number": "9", "wording": [{"version": v, "text": words} for v, _, words in texts]}],
        }
    )


def marked(found: documents.Compared) -> list[str]:
    """Each version's wording with the marked runs in [brackets]."""
    return ["".join(f"[{run}]" if differs else run for run, differs in shown.runs) for shown in found.shown]


@pytest.mark.parametrize(
    ("first", "other", "shown"),
    [
        (
            "All traffic shall be unblocked.",
            "All traffic shall be restored.",
            ["All traffic shall be [unblocked].", "All traffic shall be [restored]."],
        ),
        (
            "under the control of the border service",
            "under the monitoring of the border service",
            ["under the [control] of the border service", "under the [monitoring] of the border service"],
        ),
        (
            "return the Kelbajar district by 15 November",
            "return the Kalbajar district by 15 November",
            ["return the [Kelbajar] district by 15 November", "return the [Kalbajar] district by 15 November"],
        ),
        (  # words one text has and the other lacks are marked in the text that has them
            "The parties shall guarantee the security of transport links.",
            "The parties shall guarantee transport links.",
            [
                "The parties shall guarantee [the security of] transport links.",
                "The parties shall guarantee transport links.",
            ],
        ),
        (  # quotation marks and their styles are not words that differ
            "the “corridor” shall open",
            'the "corridor" shall open',
            ["the “corridor” shall open", 'the "corridor" shall open'],
        ),
    ],
)
def test_the_words_that_differ_between_two_texts_are_marked_and_only_they(
    first: str, other: str, shown: list[str]
) -> None:
    made = document(("a", "English", first), ("b", "English", other))
    assert marked(documents.compare(made, made.clauses[0])) == shown


def test_texts_in_different_languages_are_shown_and_never_compared() -> None:
    made = document(("en", "English", "Traffic shall be unblocked."), ("ru", "Russian", "Движение разблокируется."))
    found = documents.compare(made, made.clauses[0])
    assert marked(found) == ["Traffic shall be unblocked.", "Движение разблокируется."]
    assert found.differences == []


def test_each_text_is_compared_with_the_first_in_its_language_and_each_difference_is_told_in_words() -> None:
    made = document(
        ("a", "English", "Traffic shall be unblocked."),
        ("r", "Russian", "Движение разблокируется."),
        ("b", "English", "Traffic shall be restored."),
        ("c", "English", "Traffic shall be fully unblocked."),
    )
    found = documents.compare(made, made.clauses[0])
    assert marked(found) == [
        "Traffic shall be [unblocked].",
        "Движение разблокируется.",
        "Traffic shall be [restored].",
        "Traffic shall be [fully] unblocked.",
    ]
    names = {"a": "Armenia", "b": "Azerbaijan", "c": "Russia"}
    assert documents.described(found.differences, lambda v: names[v.id]) == [
        "“unblocked” in Armenia's text, “restored” in Azerbaijan's text",
        "“fully” only in Russia's text",
    ]


def test_case_and_punctuation_are_no_difference_and_long_stretches_are_not_paired() -> None:
    made = document(
        ("a", "English", "The republic shall return the Kelbajar region, as agreed by both sides at the talks."),
        (
            "b",
            "English",
            "The Republic shall return the Kalbajar district as agreed with a view to a lasting settlement.",
        ),
    )
    found = documents.compare(made, made.clauses[0])
    assert marked(found) == [
        "The republic shall return the [Kelbajar region], as agreed [by both sides at the talks].",
        "The Republic shall return the [Kalbajar district] as agreed [with a view to a lasting settlement].",
    ]
    names = {"a": "Armenia", "b": "Azerbaijan"}
    assert documents.described(found.differences, lambda v: names[v.id]) == [
        "“Kelbajar region” in Armenia's text, “Kalbajar district” in Azerbaijan's text",
        "“by both sides at the talks” only in Armenia's text",
        "“with a view to a lasting settlement” only in Azerbaijan's text",
    ]


def test_a_hyphen_is_punctuation_so_a_hyphenated_name_matches_its_spaced_spelling() -> None:
    made = document(
        ("a", "English", "A ceasefire in Nagorno Karabakh conflict zone, with Russian peace-keepers."),
        ("b", "English", "A ceasefire in the Nagorno-Karabakh conflict zone, with Russian peace keepers."),
    )
    found = documents.compare(made, made.clauses[0])
    assert marked(found) == [
        "A ceasefire in Nagorno Karabakh conflict zone, with Russian peace-keepers.",
        "A ceasefire in [the] Nagorno-Karabakh conflict zone, with Russian peace keepers.",
    ]
    assert documents.described(found.differences, lambda v: v.id) == ["“the” only in b's text"]


def test_a_clause_stands_in_each_partys_text_side_by_side_with_the_differences_marked(sample: Path) -> None:
    page = generate(sample).text(PAGE)
    section = page.split("\n#### Article 9 {: #clause-ferry-agreement-9 }\n", 1)[1].split("\n## ", 1)[0]
    texts = re.findall(r'<div class="clause-version" markdown="1">\n\n(.*?)\n\n(.*?)\n\n</div>', section)
    assert texts == [
        (
            "**[Northland](../actors/northland.md)'s text**, in English [\\[4\\]](#source-agreement-north)",
            "Traffic at the crossing of <mark>Weirton</mark> shall be <mark>unblocked</mark>.",
        ),
        (
            "**[Southland](../actors/southland.md)'s text**, in English [\\[5\\]](#source-agreement-south)",
            "Traffic at the crossing of <mark>Wierton</mark> shall be <mark>restored</mark>.",
        ),
    ]
    assert section.startswith('\nTraffic at the Weirton crossing.\n\n<div class="clause-versions" markdown="1">')
    assert (
        "*Where the texts differ:* “Weirton” in Northland's text, “Wierton” in Southland's text; “unblocked” in"
        " Northland's text, “restored” in Southland's text."
    ) in section


def test_a_text_in_another_language_is_shown_unmarked(sample: Path) -> None:
    page = generate(sample).text(PAGE)
    assert "\n\nLes bacs traversent la Weir dans le couloir des bacs, sous le contrôle de la Commission.\n\n" in page
    assert page.count("<mark>") == 7  # monitoring/control and the added "along the river line,", Weirton/Wierton,
    # unblocked/restored


def test_marks_come_from_the_page_never_from_the_content(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(sample, "explainers/ferry-strike.yaml", "shall be unblocked.", "shall be <mark>unblocked</mark>.")
    (problem,) = check(capsys)
    assert problem.endswith(
        "documents[0].clauses[1].wording[0].text: raw HTML is not allowed (found '<mark>unbl'); write plain text"
    )


def test_a_clause_whose_text_was_not_found_says_so_and_positions_can_point_at_it(sample: Path) -> None:
    edit(sample, "explainers/ferry-strike.yaml", "        clause: 9\n", "        clause: 12\n")
    page = generate(sample).text("explainers/ferry-strike.md")
    assert "#### Article 12 {: #clause-ferry-agreement-12 }" in page
    shown = "*No published version's text of this article is shown here: the parties' copies of the agreement end"
    assert (
        shown in page and "[article 12 of The Weir Ferry Agreement of 14 May 2018](#clause-ferry-agreement-12)" in page
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "        wording_not_found: the parties' copies of the agreement end before article 12\n",
            "",
            "give the clause's wording in each version, or say in wording_not_found why none was found",
        ),
        (
            "      - number: 9\n        summary: Traffic at the Weirton crossing.\n",
            "      - number: 9\n        summary: Traffic at the Weirton crossing.\n        wording_not_found: none\n",
            "give either wording or wording_not_found, not both",
        ),
    ],
)
def test_a_clause_has_its_wording_or_says_why_it_has_none(
    sample: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, message: str
) -> None:
    edit(sample, "explainers/ferry-strike.yaml", old, new)
    (problem,) = check(capsys)
    assert problem.endswith(message)


def test_a_document_names_its_signatories_and_each_partys_text(sample: Path) -> None:
    page = generate(sample).text(PAGE)
    assert (
        "Signed 14 May 2018 by [Northland](../actors/northland.md) and [Southland](../actors/southland.md)."
        " Texts: [Northland](../actors/northland.md)'s, in English [\\[4\\]](#source-agreement-north);"
        " [Southland](../actors/southland.md)'s, in English [\\[5\\]](#source-agreement-south);"
        " [Ferry Workers' Union](../actors/ferry-union.md)'s, in French [\\[6\\]](#source-agreement-union)."
    ) in page


def test_a_position_links_to_the_clauses_it_is_about(sample_site: Path) -> None:
    body = article(sample_site, "explainers/ferry-strike/index.html")
    links = {
        a.text: a.attrs["href"]
        for a in body.iter("a")
        if a.attrs.get("href", "").startswith("#clause-") and a.attrs.get("class") != "headerlink"
    }
    assert links == {
        "article 9 of The Weir Ferry Agreement of 14 May 2018": "#clause-ferry-agreement-9",
        "article 4 of The Weir Ferry Agreement of 14 May 2018": "#clause-ferry-agreement-4",
    }
    for anchor in links.values():
        heading = body.find("h4", id=anchor[1:])
        assert heading is not None and heading.text.startswith("Article "), anchor


def test_the_built_page_marks_the_differing_words_in_html(sample_site: Path) -> None:
    body = article(sample_site, "explainers/ferry-strike/index.html")
    versions = [div for div in body.iter("div") if div.attrs.get("class") == "clause-version"]
    assert len(versions) == 5
    assert [[m.text for m in v.iter("mark")] for v in versions] == [
        ["monitoring"],
        ["along the river line", "control"],  # the glossary link inside the mark keeps its words
        [],
        ["Weirton", "unblocked"],
        ["Wierton", "restored"],
    ]


WIERTON = "text: Traffic at the crossing of Wierton shall be restored."


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (
            (
                "          - version: south-en\n            text: Traffic",
                "          - version: south-eng\n            text: Traffic",
            ),
            (WIERTON, -1, 22, "documents[0].clauses[1].wording[1].version"),
            "unknown version 'south-eng' (did you mean 'south-en'?)",
        ),
        (
            (
                "          - version: south-en\n            text: Traffic",
                "          - version: north-en\n            text: Traffic",
            ),
            (WIERTON, -1, 22, "documents[0].clauses[1].wording[1].version"),
            "version 'north-en' gives this clause's wording twice",
        ),
        (
            (
                "      - document: ferry-agreement\n        clause: 9",
                "      - document: ferry-agreement\n        clause: 19",
            ),
            ("clause: 19", 0, 17, "positions[0].clauses[0].clause"),
            "document 'ferry-agreement' has no clause '19' (did you mean '9'?)",
        ),
        (
            ("clauses: [{document: ferry-agreement, clause: 4}]", "clauses: [{document: ferry-agreemnt, clause: 4}]"),
            ("clauses: [{document: ferry-agreemnt", 0, 26, "positions[1].clauses[0].document"),
            "unknown document 'ferry-agreemnt' (did you mean 'ferry-agreement'?)",
        ),
        (
            ("      - number: 9\n", "      - number: 9 bis\n"),
            ("- number: 9 bis", 0, 17, "documents[0].clauses[1].number"),
            "'9 bis' is not a clause number: write it as the document numbers it, like 9, 4.1 or IV",
        ),
    ],
)
def test_check_refuses_an_unknown_version_or_clause_with_a_suggestion(
    sample: Path,
    capsys: pytest.CaptureFixture[str],
    change: tuple[str, str],
    where: tuple[str, int, int, str],
    message: str,
) -> None:
    edit(sample, "explainers/ferry-strike.yaml", *change)
    text, offset, column, field = where
    assert check(capsys) == [f"{FERRY}:{line_of(text, FERRY) + offset}:{column}: {field}: {message}"]


def test_a_clause_number_is_used_once_in_a_document(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(sample, "explainers/ferry-strike.yaml", "      - number: 9\n", "      - number: 4\n")
    edit(sample, "explainers/ferry-strike.yaml", "        clause: 9\n", "        clause: 4\n")
    first, second = line_of("      - number: 4", FERRY), line_of("Traffic at the Weirton crossing.", FERRY) - 1
    assert check(capsys) == [
        f"{FERRY}:{second}:17: documents[0].clauses[1].number: id '4' is defined twice (first at line {first})"
    ]


def test_each_wording_is_checked_against_the_archived_copy_of_its_source(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archived = archive_of(sample, tmp_path / "archive")
    assert (archived / "agreement-union.txt").is_file()  # the wordings are excerpts of their sources
    edit(sample, "explainers/ferry-strike.yaml", "shall be restored.", "shall be resumed.")
    line = line_of("text: Traffic at the crossing of Wierton shall be resumed.", FERRY)
    assert check(capsys, "--archive", str(archived)) == [
        f"{FERRY}:{line}:19: documents[0].clauses[1].wording[1].text: the excerpt is not in the archived source"
        f" {archived}/agreement-south.txt"
    ]


def test_a_changed_wording_needs_a_log_entry(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    subprocess.run(["git", "init", "-q"], cwd=sample.parent, check=True)
    commit(sample.parent, "base")
    edit(sample, "explainers/ferry-strike.yaml", "shall be restored.", "shall be resumed.")
    (problem,) = check(capsys, "--against", "HEAD")
    assert "documents[0].clauses[1].wording[1].text: ferry-agreement clause 9 (south-en) changed since HEAD" in problem
