"""An event whose sources give different dates: each date with its source's words, never one alone.

The sample's ferry strike (tests/fixtures/sample) has the strike called on 28 or 29 March
2024: the Gazette gives one date, the wire the other.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as etree
from pathlib import Path

import pytest

from build_scripts import pictures
from build_scripts.explainer_page import share_card
from build_scripts.fields import PartialDate, either
from build_scripts.identity import Identity
from build_scripts.link import link
from build_scripts.load import load
from build_scripts.models import Event
from build_scripts.pipeline import generate
from build_scripts.validate import validate
from tests.sites import article
from tests.test_evidence import check, line_of
from tests.test_validate import edit

FERRY = "content/explainers/ferry-strike.yaml"
SVG = "{http://www.w3.org/2000/svg}"
SHOWN = "28 or 29 March 2024 — sources differ"


def disputed(*dates: str) -> Event:
    return Event.model_validate(
        {"text": "Talks.", "dates": [{"date": d, "source": f"s{n}", "excerpt": "x"} for n, d in enumerate(dates)]}
    )


@pytest.mark.parametrize(
    ("dates", "shown"),
    [
        (["2021-04-20", "2021-04-19"], "19 or 20 April 2021"),
        (["2021-04-30", "2021-05-01"], "30 April or 1 May 2021"),
        (["2020-12", "2021-01-01"], "December 2020 or 1 January 2021"),
        (["2021-04", "2021-04-19"], "April 2021 or 19 April 2021"),
        (["2021-04-19", "2021-04-21", "2021-04-20"], "19, 20 or 21 April 2021"),
    ],
)
def test_the_dates_sources_give_are_all_named_earliest_first(dates: list[str], shown: str) -> None:
    assert either(PartialDate.parse(d) for d in dates) == shown
    event = disputed(*dates)
    assert event.when() == shown and event.disputed()
    assert event.first() == min(PartialDate.parse(d) for d in dates)


def test_an_event_with_a_date_is_not_disputed() -> None:
    event = Event.model_validate(
        {"date": "2021-04-19", "text": "Talks.", "evidence": [{"source": "s", "excerpt": "x"}]}
    )
    assert event.when() == "19 April 2021" and not event.disputed()


def test_the_explainer_lists_the_event_by_its_earliest_date_with_each_source(sample: Path) -> None:
    page = generate(sample).text("explainers/ferry-strike.md")
    events = page.split('<div class="timeline-events" markdown="1">\n\n', 1)[1].split("\n\n</div>", 1)[0]
    assert events.splitlines() == [
        "- **28 or 29 March 2024** (sources differ: 28 March 2024 per [\\[1\\]](#words-t0); 29 March 2024 per"
        " [\\[2\\]](#words-t0)): The Ferry Workers' Union calls a strike. [\\[1\\]](#words-t0)[\\[2\\]](#words-t0)",
        "- **1 April 2024**: The ferry crews stop work. [\\[1\\]](#words-t1)",
    ]
    assert (
        "- 28 or 29 March 2024: The Ferry Workers' Union calls a strike. — [\\[1\\]](#source-gazette): The union called"
        " the strike on 28 March. — [\\[2\\]](#source-wire): The strike was called on 29 March, the union said.\n"
        "    {: #words-t0 }"
    ) in page


def test_the_event_is_placed_by_the_earliest_date_a_source_gives(sample: Path) -> None:
    edit(sample, "explainers/ferry-strike.yaml", "      - date: 2024-03-29\n", "      - date: 2024-04-05\n")
    edit(sample, "explainers/ferry-strike.yaml", "called on 29 March, the union", "called on 5 April, the union")
    generated = generate(sample)
    for page in (generated.text("explainers/ferry-strike.md"), generated.text("timeline/index.md")):
        assert page.index("calls a strike") < page.index("The ferry crews stop work.")


def test_the_timeline_drawing_says_the_sources_differ(sample: Path) -> None:
    page = generate(sample).text("explainers/ferry-strike.md")
    found = re.search(r'<svg [^>]*aria-labelledby="timeline-title timeline-desc".*?</svg>', page)
    assert found
    drawing = etree.fromstring(found.group())
    assert next(t.text for t in drawing.iter(f"{SVG}text")) == SHOWN
    assert drawing.findtext(f"{SVG}desc") == (
        "2 events from 28 or 29 March 2024 to 1 April 2024, each listed with its sources after this drawing."
        " The sources differ on the date of 1 of them."
    )


def test_the_share_image_names_both_dates(sample: Path) -> None:
    content, _ = validate(load(sample)[0])
    site, _ = link(content)
    ferry = next(x for x in site.explainers if x.slug == "ferry-strike")
    assert f">{SHOWN}</text>" in share_card(ferry, site.terms, site.maps, Identity(), site.actors).svg


def test_the_data_gives_every_date_and_no_single_one(sample: Path) -> None:
    data = json.loads(generate(sample).text("explainers/ferry-strike/explainer.json"))
    (event,) = [e for e in data["explainer"]["timeline"] if e["dates"]]
    assert event["date"] is None
    assert [(d["date"], d["source"]) for d in event["dates"]] == [("2024-03-28", "gazette"), ("2024-03-29", "wire")]


def test_the_sites_timeline_gives_each_date_with_its_source(sample_site: Path) -> None:
    items = [li.text for li in article(sample_site, "timeline/index.html").iter("li")]
    (item,) = [i for i in items if "calls a strike" in i]
    assert item.startswith(
        f"{SHOWN} (28 March 2024 per Ferries idle as crews strike, The River Gazette, 2 April 2024; 29 March 2024"
        " per River ferries stop, 1 April 2024): The Ferry Workers' Union calls a strike."
    )


def test_a_date_not_in_its_excerpt_is_refused(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(sample, "explainers/ferry-strike.yaml", "called on 29 March, the union", "called on Friday, the union")
    line = line_of("- date: 2024-03-29", FERRY)
    assert check(capsys) == [
        f"{FERRY}:{line}:15: timeline[1].dates[1].date: the excerpt does not state this date (29 March or March 29"
        " or 2024-03-29): quote the words of the source that give it"
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "      - date: 2024-03-29\n",
            "      - date: 2024-03-28\n",
            "dates is for sources that differ: give two different dates, or one date as date",
        ),
        (
            "  - dates:\n",
            "  - date: 2024-03-28\n    dates:\n",
            "give either date or, when sources differ, dates; not both",
        ),
        (
            "    text: The Ferry Workers' Union calls a strike.\n",
            "    text: The Ferry Workers' Union calls a strike.\n    date_basis: The Gazette says so.\n",
            "with dates, each excerpt states its own date: leave out date_basis",
        ),
    ],
)
def test_dates_are_for_sources_that_differ(
    sample: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, message: str
) -> None:
    edit(sample, "explainers/ferry-strike.yaml", old, new)
    (problem,) = check(capsys)
    assert problem.endswith(f": timeline[1]: {message}")


def test_a_timeline_draws_a_disputed_date_on_a_line_of_its_own() -> None:
    events = [disputed("2021-04-19", "2021-04-20")]
    for layout in (pictures.WIDE, pictures.NARROW):
        drawn = etree.fromstring(pictures.timeline("t", events, layout))
        assert [t.text for t in drawn.iter(f"{SVG}text")] == ["19 or 20 April 2021 — sources differ", "Talks."]
        assert drawn.findtext(f"{SVG}desc") == (
            "1 event dated 19 or 20 April 2021, each listed with its sources after this drawing. The sources differ"
            " on the date of it."
        )
