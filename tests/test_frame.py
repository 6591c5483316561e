"""An explainer's own dates: the page's first publication and revisions, and what its sources cover."""

from __future__ import annotations

from pathlib import Path

from build_scripts.glossary_links import load_terms
from build_scripts.pipeline import generate
from tests.test_validate import EXPLAINER, edit, problems


def test_an_as_of_date_later_than_every_source_is_refused(minimal: Path) -> None:
    edit(minimal, "explainers/bridge-dispute.yaml", "as_of: 2024-01-02\n", "as_of: 2024-01-03\n")
    assert problems(minimal) == [
        f"{EXPLAINER}:4:8: as_of: as_of (2024-01-03) is later than the newest source, 'report' of 2024-01-02:"
        " the page would claim to cover reporting its sources do not give; give the date of the newest source"
        " it reports from"
    ]


def test_a_source_dated_after_the_page_needs_a_revision_of_its_date(minimal: Path) -> None:
    edit(minimal, "explainers/bridge-dispute.yaml", "    date: 2024-01-02\n", "    date: 2024-01-09\n")
    assert problems(minimal) == [
        f"{EXPLAINER}:9:11: sources[0].date: this source is dated 2024-01-09, after the page was last published"
        " or revised (2024-01-02): `published` is the page's own first publication; a source added later comes"
        " with a revision entry of its date"
    ]
    with (minimal / "explainers" / "bridge-dispute.yaml").open("a", encoding="utf-8") as file:
        file.write(
            "revisions:\n  - date: 2024-01-09\n    kind: update\n    what: Added the report of 9 January.\n"
            "    why: It gives the reopening date.\n"
        )
    page = generate(minimal).text("explainers/bridge-dispute.md")
    head = "*First published 2 January 2024 · Covers reporting up to 2 January 2024 · Last revised 9 January 2024*"
    assert head in page


def test_a_page_published_long_after_its_sources_shows_both_dates(minimal: Path) -> None:
    edit(minimal, "explainers/bridge-dispute.yaml", "published: 2024-01-02\n", "published: 2026-11-24\n")
    page = generate(minimal).text("explainers/bridge-dispute.md")
    assert "*First published 24 November 2026 · Covers reporting up to 2 January 2024*" in page
    assert "First published 24 November 2026; covers reporting up to 2 January 2024; last revised 24 November" in page


def test_a_dated_definition_shows_its_date_wherever_it_is_shown(sample: Path) -> None:
    pages = generate(sample)
    dated = "The stretch of river where ferries could cross between the two states, closed by the strike."
    assert f"**{dated}** *(as of April 2024)*" in pages.text("glossary/index.md")
    assert f"{dated} *(as of April 2024)*\n- [river line]" in pages.text("explainers/ferry-strike.md")
    assert f'"description":"{dated} (as of April 2024)"' in pages.text("glossary/index.md").replace("\\", "")
    assert load_terms(sample / "glossary.yaml").tooltips["ferry-corridor"] == f"{dated} (as of April 2024)"


def test_a_definition_dated_after_its_sources_is_refused(sample: Path) -> None:
    cited = "    sources: [weir-accord-text]\n"
    edit(sample, "glossary.yaml", cited, cited + "    as_of: 2020\n")
    assert problems(sample) == [
        "content/glossary.yaml:21:12: terms[0].as_of: the definition is dated 2020 but its newest source is of"
        " 2019-09-22: date it when its sources describe it"
    ]


def test_what_to_watch_says_when_it_stood_and_shows_an_outcome_with_its_sources_words(sample: Path) -> None:
    page = generate(sample).text("explainers/dam-dispute.md")
    assert (
        "*Questions the sources, published up to 17 March 2024, left open; this page has not followed them since,"
        " except where an outcome is given.*"
    ) in page
    outcome = "**Outcome, 17 March 2024:** Southland asks the Weir River Commission to call both states to a meeting."
    assert f"- Whether either state takes the dispute to the commission. {outcome} [\\[3\\]](#words-w0)\n" in page
    words = "On 17 March Southland asked the Weir River Commission to call both states to a meeting."
    assert words in page.split("## What the sources say", 1)[1]


def test_without_an_outcome_the_page_says_it_has_not_followed_the_questions(sample: Path) -> None:
    text = (sample / "explainers" / "dam-dispute.yaml").read_text(encoding="utf-8")
    start = text.index("    outcome:\n")
    end = text.index("  - text: How much water")
    (sample / "explainers" / "dam-dispute.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    page = generate(sample).text("explainers/dam-dispute.md")
    assert "this page has not followed them since.*" in page and "Outcome" not in page


def test_an_outcome_is_dated_by_its_sources_words_like_any_event(sample: Path) -> None:
    edit(
        sample,
        "explainers/dam-dispute.yaml",
        "      date: 2024-03-17\n      text: Southland asks",
        "      date: 2024-03-16\n      text: Southland asks",
    )
    (problem,) = problems(sample)
    assert problem.startswith("content/explainers/dam-dispute.yaml:") and ": what_to_watch[0].outcome.date: " in problem
