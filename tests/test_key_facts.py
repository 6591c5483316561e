"""Key facts that are not figures, like the day a document was signed: at a glance, in the source's words.

The sample's ferry strike (tests/fixtures/sample) has two: the date the ferry agreement was
signed, and the number of its article on the crossing at Weirton.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.pipeline import generate
from tests.sites import article
from tests.test_evidence import check, line_of
from tests.test_validate import edit

FERRY = "content/explainers/ferry-strike.yaml"


def test_key_facts_lead_at_a_glance_before_the_key_figures(sample: Path) -> None:
    page = generate(sample).text("explainers/ferry-strike.md")
    glance = page.split("## At a glance\n\n", 1)[1].split("\n\n", 1)[0]
    assert glance.splitlines() == [
        "- The ferry agreement signed: **14 May 2018** [\\[1\\]](#words-k0)",
        "- The agreement's article on the crossing at Weirton: **article 9** [\\[1\\]](#words-k1)",
        "- Fall in river trade: **50 per cent**, per [Southland](../actors/southland.md) (2 April 2024)"
        " [\\[1\\]](#words-f0)",
    ]
    assert (
        "- The ferry agreement signed: 14 May 2018 — [\\[1\\]](#source-gazette): The two states signed the ferry"
        " agreement on 14 May 2018.\n    {: #words-k0 }"
    ) in page


def test_an_explainer_with_only_key_facts_has_a_glance(sample: Path) -> None:
    edit(sample, "explainers/ferry-strike.yaml", "    key: true\n", "")
    page = generate(sample).text("explainers/ferry-strike.md")
    assert "## At a glance\n\n- The ferry agreement signed" in page
    assert "Fall in river trade: **" not in page


def test_the_built_page_shows_the_facts_first(sample_site: Path) -> None:
    body = article(sample_site, "explainers/ferry-strike/index.html")
    glance = next(ul for ul in body.iter("ul"))
    assert [li.text for li in glance.iter("li")][:2] == [
        "The ferry agreement signed: 14 May 2018 [1]",
        "The agreement's article on the crossing at Weirton: article 9 [1]",
    ]


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (
            ("ferry agreement on 14 May 2018.", "ferry agreement in May."),
            ("date: 2018-05-14", 11, "key_facts[0].date"),
            "the excerpt does not state the date (14 May or May 14 or 2018-05-14): quote the words of the source"
            " that give it",
        ),
        (
            ("    text: article 9\n", "    text: article 19\n"),
            ("text: article 19", 11, "key_facts[1].text"),
            "the fact's words are not in its excerpt: quote the words of the source that state it",
        ),
        (
            ("    text: article 9\n", "    text: article 9\n    date: 2018-05-14\n"),
            ("- label: The agreement's article", 5, "key_facts[1]"),
            "give the fact as text or as date (one of the two)",
        ),
    ],
)
def test_a_key_fact_stands_in_its_excerpt(
    sample: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], where: tuple[str, int, str], message: str
) -> None:
    edit(sample, "explainers/ferry-strike.yaml", *change)
    text, column, field = where
    assert check(capsys) == [f"{FERRY}:{line_of(text, FERRY)}:{column}: {field}: {message}"]


def test_a_facts_words_match_whatever_their_case(sample: Path) -> None:
    edit(sample, "explainers/ferry-strike.yaml", "    text: article 9\n", "    text: Article 9\n")
    assert "The agreement's article on the crossing at Weirton: **Article 9**" in generate(sample).text(
        "explainers/ferry-strike.md"
    )


def test_a_key_fact_in_the_sites_voice_is_linted(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(
        sample,
        "explainers/ferry-strike.yaml",
        "  - label: The ferry agreement signed",
        "  - label: The land grab signed",
    )
    (problem,) = check(capsys)
    assert ": key_facts[0].label: 'land grab' is a loaded term, used by Southland" in problem
