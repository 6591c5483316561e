"""Pictures: static, accessible SVG that follows the theme's colours and shows text literally."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path

from build_scripts import pictures
from build_scripts.models import Event, Figure
from build_scripts.pipeline import generate
from tests.test_validate import edit

SVG = "{http://www.w3.org/2000/svg}"


def event(date: str, words: str) -> Event:
    return Event.model_validate({"date": date, "text": words, "evidence": [{"source": "s", "excerpt": "x"}]})


def figure(**fields: str) -> Figure:
    base = {"measure": "Killed", "unit": "people", "as_of": "2024", "source": "s", "claimed_by": "a", "excerpt": "x"}
    return Figure.model_validate(base | fields)


def test_the_timeline_is_accessible_static_svg() -> None:
    svg = pictures.timeline("timeline", [event("2023", "A year."), event("2023-09-19", "A day, & < more >.")])
    root = etree.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "timeline-title timeline-desc"
    assert root.findtext(f"{SVG}title") == "Timeline"
    assert (
        root.findtext(f"{SVG}desc")
        == "2 events from 2023 to 19 September 2023: 2023: A year.; 19 September 2023: A day, & < more >."
    )
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == ["2023", "A year.", "19 September 2023", "A day, & < more >."]
    assert "currentColor" in svg and "script" not in svg and "href" not in svg


def test_claims_of_one_measure_are_bars_side_by_side() -> None:
    svg = pictures.claims(
        "claims-0",
        "Killed",
        [figure(value="120"), figure(low="40", high="60", claimed_by="b")],
        lambda f: {"a": "Southland", "b": "Northland"}[f.claimed_by or ""],
    )
    root = etree.fromstring(svg)
    bars = [(float(r.get("x", "")), float(r.get("width", ""))) for r in root.iter(f"{SVG}rect")]
    assert bars[0] == (260.0, 300.0)  # 120 is the longest claim: the whole width
    assert bars[1] == (360.0, 50.0)  # 40 to 60 of 120
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert labels == ["Southland", "120 people", "Northland", "40–60 people"]
    assert root.findtext(f"{SVG}desc") == "Killed: 120 people, Southland; 40–60 people, Northland"


def test_an_explainer_gets_a_timeline_and_a_chart_per_contested_measure(minimal: Path) -> None:
    page = generate(minimal).text("explainers/bridge-dispute.md")
    figures = re.findall(r'<figure class="explainer-picture">(.*?)</figure>', page)
    drawings = [re.findall(r"<svg.*?</svg>", figure) for figure in figures]
    titles = [[etree.fromstring(svg).findtext(f"{SVG}title") for svg in svgs] for svgs in drawings]
    assert titles == [["Timeline"] * 2, ["Claims compared: Vehicles turned back"] * 2]
    classes = [[etree.fromstring(svg).get("class") for svg in svgs] for svgs in drawings]
    assert classes == [["picture-wide", "picture-narrow"]] * 2


def test_a_measure_claimed_once_has_no_chart(minimal: Path) -> None:
    edit(
        minimal,
        "explainers/bridge-dispute.yaml",
        "  - measure: Vehicles turned back\n    low: 40",
        "  - measure: Lorries turned back\n    low: 40",
    )
    page = generate(minimal).text("explainers/bridge-dispute.md")
    assert "Claims compared" not in page


def test_the_phone_layout_stacks_text_under_dates_and_claimants_in_a_narrower_drawing() -> None:
    events = [event("2023", "A year."), event("2023-09-19", "A day.")]
    wide = etree.fromstring(pictures.timeline("timeline", events))
    narrow = etree.fromstring(pictures.timeline("timeline", events, pictures.NARROW))
    assert wide.get("viewBox", "").split()[2] == "720" and narrow.get("viewBox", "").split()[2] == "360"
    assert narrow.get("aria-labelledby") == "timeline-narrow-title timeline-narrow-desc"
    placed = [(t.text, t.get("x"), t.get("y")) for t in narrow.iter(f"{SVG}text")]
    assert placed == [
        ("2023", "30", "16"),
        ("A year.", "30", "34"),
        ("19 September 2023", "30", "64"),
        ("A day.", "30", "82"),
    ]
    assert [t.get("x") for t in wide.iter(f"{SVG}text")] == ["30", "170", "30", "170"]
    long_event = event("2023", "word " * 40)
    lines = [t.text for t in etree.fromstring(pictures.timeline("t", [long_event], pictures.NARROW)).iter(f"{SVG}text")]
    assert max(len(line or "") for line in lines) <= pictures.NARROW.wrap


def test_the_phone_layout_puts_each_claimant_above_its_bar() -> None:
    svg = pictures.claims(
        "claims-0", "Killed", [figure(value="120"), figure(value="60")], lambda f: "Southland", pictures.NARROW
    )
    root = etree.fromstring(svg)
    bars = [(float(r.get("x", "")), float(r.get("y", "")), float(r.get("width", ""))) for r in root.iter(f"{SVG}rect")]
    assert bars == [(0.0, 31.0, 200.0), (0.0, 79.0, 100.0)]
    labels = [(t.text, t.get("y")) for t in root.iter(f"{SVG}text")]
    assert labels == [("Southland", "23"), ("120 people", "43"), ("Southland", "71"), ("60 people", "91")]
    assert root.findtext(f"{SVG}title") == "Figures compared: Killed"  # one party's figures are no rival claims


def test_both_layouts_are_drawn_wide_first() -> None:
    drawn = pictures.both(lambda layout: f"<{layout.name}/>")
    assert drawn == "<wide/><narrow/>"
