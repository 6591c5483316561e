"""A count over time: one party's numbers at several dates, checked like figures, drawn as a step line.

The sample's ferry strike (tests/fixtures/sample) has the union's count of its meetings with
the ferry operators: 3 by December 2023, 8 by 1 March 2024 and 12 by 2 April 2024.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path

import pytest

from build_scripts import pictures
from build_scripts.models import Series
from build_scripts.pipeline import generate
from tests.sites import article, rows
from tests.test_evidence import check, line_of
from tests.test_validate import edit

FERRY = "content/explainers/ferry-strike.yaml"
SVG = "{http://www.w3.org/2000/svg}"


def series(*points: tuple[str, str]) -> Series:
    return Series.model_validate(
        {
            "measure": "Meetings held",
            "unit": "meetings",
            "claimed_by": "union",
            "points": [{"value": v, "as_of": d, "source": "s", "excerpt": "x"} for v, d in points],
        }
    )


def test_a_count_is_drawn_as_an_accessible_step_line() -> None:
    counted = series(("3", "2023-12"), ("8", "2024-03-01"), ("12", "2024-04-02"))
    for layout in (pictures.WIDE, pictures.NARROW):
        svg = pictures.steps("count-0", counted, "The union", layout)
        root = etree.fromstring(svg)
        assert root.get("role") == "img" and root.get("viewBox", "").split()[2] == str(layout.width)
        assert root.findtext(f"{SVG}title") == "Count over time: Meetings held"
        assert root.findtext(f"{SVG}desc") == (
            "Meetings held, as counted by The union: 3 meetings as of December 2023; 8 meetings as of 1 March 2024;"
            " 12 meetings as of 2 April 2024."
        )
        texts = [t.text for t in root.iter(f"{SVG}text")]
        assert texts == ["3 meetings", "8 meetings", "12 meetings", "December 2023", "1 March 2024", "2 April 2024"]
        assert "currentColor" in svg and "script" not in svg and "href" not in svg
        (path,) = root.iter(f"{SVG}path")
        steps = path.get("d", "")
        # from the first point, along to each later date, then up to its count: a step, not a slope
        assert steps.startswith("M") and steps.count("H") == 2 and steps.count("V") == 2 and "L" not in steps


def test_the_counts_rise_with_their_values_and_their_dates_run_left_to_right() -> None:
    root = etree.fromstring(pictures.steps("c", series(("3", "2023-12"), ("12", "2024-04-02")), "The union"))
    dots = [(float(c.get("cx", "")), float(c.get("cy", ""))) for c in root.iter(f"{SVG}circle")]
    assert dots[0][0] < dots[1][0] and dots[0][1] > dots[1][1]


def test_labels_too_close_to_share_a_line_are_set_on_the_next() -> None:
    counted = series(("3", "2024-03-01"), ("4", "2024-03-02"), ("5", "2025-03-01"))
    root = etree.fromstring(pictures.steps("c", counted, "The union", pictures.NARROW))
    lines = {t.text: float(t.get("y", "")) for t in root.iter(f"{SVG}text")}
    assert lines["1 March 2024"] < lines["2 March 2024"] and lines["1 March 2025"] == lines["1 March 2024"]
    assert lines["3 meetings"] > lines["4 meetings"]  # counts rise above one another


def test_the_page_charts_the_count_with_a_table_of_its_points_and_sources(sample_site: Path) -> None:
    body = article(sample_site, "explainers/ferry-strike/index.html")
    titles = [t.text for t in body.iter("title")]
    assert titles.count("Count over time: Meetings between the union and the ferry operators") == 2  # wide, narrow
    assert not [t for t in titles if t.startswith("Claims compared") or t.startswith("Figures compared")]
    counted = [row for row in rows(body) if row and row[1].endswith("meetings")]
    assert counted == [
        ["December 2023", "3 meetings", "[3]"],
        ["1 March 2024", "8 meetings", "[3]"],
        ["2 April 2024", "12 meetings", "[1]"],
    ]
    assert "One party's count at several dates, not rival claims, as given by Ferry Workers' Union:" in body.text


def test_each_points_words_are_listed_with_the_sources(sample: Path) -> None:
    page = generate(sample).text("explainers/ferry-strike.md")
    assert (
        "- Meetings between the union and the ferry operators: 8 meetings as of 1 March 2024, Ferry Workers' Union —"
        " [\\[3\\]](#source-union-bulletin): The Ferry Workers' Union has now met the operators eight times.\n"
        "    {: #words-s0-1 }"
    ) in page


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (
            ("      - value: 8\n", "      - value: 9\n"),
            ("- value: 9", 16, "series[0].points[1].value"),
            "9 is not in the point's excerpt, in digits or in words",
        ),
        (
            ("excerpt: The Ferry Workers' Union has now met", "excerpt: It has now met"),
            ("excerpt: It has now met", 18, "series[0].points[1].excerpt"),
            "the excerpt does not name who gives the number, Ferry Workers' Union: quote the words that do, or add"
            " the source's words for them to the actor's other_names",
        ),
        (
            ("        as_of: 2024-03-01\n", "        as_of: 2023-12-20\n"),
            ("- value: 3", 7, "series[0].points"),
            "points[1] (2023-12-20) does not come after points[0] (2023-12): list the points oldest first, one per"
            " date",
        ),
    ],
)
def test_each_point_is_checked_like_a_figure(
    sample: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], where: tuple[str, int, str], message: str
) -> None:
    edit(sample, "explainers/ferry-strike.yaml", *change)
    text, column, field = where
    assert check(capsys) == [f"{FERRY}:{line_of(text, FERRY)}:{column}: {field}: {message}"]


def test_a_count_over_time_and_a_figure_have_measures_of_their_own(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        sample,
        "explainers/ferry-strike.yaml",
        "measure: Meetings between the union and the ferry operators",
        "measure: Fall in river trade",
    )
    line = line_of("series:", FERRY) + 1
    assert check(capsys) == [
        f"{FERRY}:{line}:14: series[0].measure: 'Fall in river trade' is also the measure of figures[0]: a count"
        " over time is shown apart from other numbers; give each its own measure"
    ]
