"""Maps: places and outlines checked like every other claim, drawn as static, accessible SVG."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree as etree

import pytest

from build_scripts import maps, share
from build_scripts.models import GeoFile, Map
from build_scripts.pictures import NARROW, WIDE
from build_scripts.pipeline import generate
from tests.test_validate import edit, problems

DAM = "explainers/dam-dispute.yaml"
SHOWN = f"content/{DAM}"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "      lat: 47.8\n      lon: 9.0\n",
            "      lat: 48.8\n      lon: 9.0\n",
            f"{SHOWN}:189:12: map.places[1].lat: 48.8 is north of the map's bounds (north: 48.0)",
        ),
        (
            "      lat: 47.5\n      lon: 9.3\n      source: survey\n",
            "      lat: 47.5\n      lon: 9.3\n      source: surevy\n",
            f"{SHOWN}:186:15: map.places[0].source: unknown source 'surevy' (did you mean 'survey'?)",
        ),
        (
            "    - term: east-crossing\n",
            "    - term: east-crosing\n",
            f"{SHOWN}:192:13: map.places[2].term: unknown glossary term 'east-crosing' (did you mean 'east-crossing'?)",
        ),
        (
            "    - name: Northport\n      kind: capital\n",
            "    - kind: capital\n",
            f"{SHOWN}:187:7: map.places[1]: give the place a name, or the id of its glossary term as term",
        ),
        (
            "    - file: maps/weir-river.geojson\n",
            "    - file: maps/weir-rivers.geojson\n",
            f"{SHOWN}:203:13: map.outlines[0].file: no file content/maps/weir-rivers.geojson"
            " (did you mean 'maps/weir-river.geojson'?)",
        ),
        (
            "    - file: maps/weir-river.geojson\n",
            "    - file: ../weir-river.geojson\n",
            f"{SHOWN}:203:13: map.outlines[0].file: '../weir-river.geojson' is not a map file: write"
            " maps/<name>.geojson, the name in lowercase words joined by hyphens",
        ),
        (
            "      licence: public domain\n      note:",
            "      note:",
            f"{SHOWN}:207:7: map.outlines[1].licence: required field is missing",
        ),
    ],
)
def test_check_refuses_a_place_or_outline_it_cannot_vouch_for(sample: Path, old: str, new: str, expected: str) -> None:
    edit(sample, DAM, old, new)
    found = problems(sample)
    assert any(p.startswith(expected) for p in found), found


EXCLAVE = "    - name: Eastmark\n      kind: exclave\n      country: northland\n"


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (
            "    - name: Eastmark\n      kind: exclave\n",
            f"{SHOWN}:196:7: map.places[3]: an exclave needs the id of the state it belongs to as country",
        ),
        (
            "    - name: Eastmark\n      kind: region\n      country: northland\n",
            f"{SHOWN}:196:7: map.places[3]: only an exclave names its country: a region does not take country",
        ),
        (
            "    - name: Eastmark\n      kind: exclave\n      country: river-commission\n",
            f"{SHOWN}:198:16: map.places[3].country: 'river-commission' is of kind organisation:"
            " an exclave belongs to a state",
        ),
        (
            "    - name: Eastmark\n      kind: exclave\n      country: nortland\n",
            f"{SHOWN}:198:16: map.places[3].country: unknown actor 'nortland' (did you mean 'northland'?)",
        ),
    ],
)
def test_an_exclave_names_the_state_it_belongs_to(sample: Path, new: str, expected: str) -> None:
    edit(sample, DAM, EXCLAVE, new)
    assert problems(sample) == [expected]


def test_an_exclave_is_labelled_with_its_country_beneath_and_described_as_one() -> None:
    marks = [maps.Mark("Eastmark", "exclave", 9.3, 47.6, "Northland & co")]
    for layout in (WIDE, NARROW, share.LAYOUT):
        root = etree.fromstring(maps.draw("m", chart(), marks, [], layout))
        name, country = (t for t in root.iter(f"{SVG}text") if t.text in ("Eastmark", "NORTHLAND & CO"))
        assert name.get("font-style") == "italic" and country.get("font-size") == str(maps.FONT - 2)
        assert name.get("x") == country.get("x") and name.get("text-anchor") == country.get("text-anchor") == "middle"
        assert float(country.get("y", 0)) - float(name.get("y", 0)) == maps.SECOND_LINE  # beneath, clear of it
        assert root.findtext(f"{SVG}desc", "").startswith(
            "A map: Rivers & dams. Places marked: Eastmark, an exclave of Northland & co."
        )
    assert "<circle" not in maps.draw("m", chart(), marks, [])  # no dot: the name stands over an area


def test_the_list_under_the_map_says_whose_exclave_it_is(sample: Path) -> None:
    page = generate(sample).text("explainers/dam-dispute.md")
    assert (
        "- **Eastmark** (exclave of [Northland](../actors/northland.md); this site places its name at"
        " 47\\.430° N, 9.850° E [\\[4\\]](#source-survey))\n"
    ) in page
    assert page.count(">NORTHLAND</text>") == 2  # beneath Eastmark, in the wide and the narrow drawing


def test_an_outline_must_lie_within_the_map(sample: Path) -> None:
    edit(sample, "maps/weir-river.geojson", "[9.9, 47.7]", "[10.9, 47.7]")
    assert problems(sample) == [
        f"{SHOWN}:203:13: map.outlines[0].file: 1 point(s) of content/maps/weir-river.geojson lie outside"
        " the map's bounds, first (10.9, 47.7) as longitude, latitude"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            '"LineString"',
            '"Point"',
            "content/maps/weir-river.geojson:7:19: features[0].geometry: type 'Point' is not a line or an area:"
            " use LineString, MultiLineString, Polygon, MultiPolygon",
        ),
        ("[[8.6, 47.45],", "[8.6, [47.45],", "content/maps/weir-river.geojson:7:"),
        ("[9.9, 47.7]", "[9.9, 97.7]", "content/maps/weir-river.geojson:7:"),
    ],
)
def test_a_geojson_file_is_checked_where_it_is_wrong(sample: Path, old: str, new: str, expected: str) -> None:
    edit(sample, "maps/weir-river.geojson", old, new)
    found = problems(sample)
    assert any(p.startswith(expected) for p in found), found


def test_a_wrong_geometry_type_is_one_problem_with_a_suggestion(sample: Path) -> None:
    edit(sample, "maps/weir-river.geojson", '"LineString"', '"Linestring"')
    assert problems(sample) == [
        "content/maps/weir-river.geojson:7:19: features[0].geometry: type 'Linestring' is not a line or an area:"
        " use LineString, MultiLineString, Polygon, MultiPolygon (did you mean 'LineString'?)"
    ]


def test_a_place_beyond_an_edge_is_named_by_the_coordinate_and_the_edge(sample: Path) -> None:
    edit(sample, DAM, "      lat: 47.8\n      lon: 9.0\n", "      lat: 47.8\n      lon: 10.5\n")
    assert problems(sample) == [f"{SHOWN}:190:12: map.places[1].lon: 10.5 is east of the map's bounds (east: 10.1)"]


def test_maps_holds_only_geojson_files(sample: Path) -> None:
    (sample / "maps" / "notes.txt").write_text("x", encoding="utf-8")
    assert problems(sample) == ["content/maps/notes.txt:1:1: maps/ holds only <name>.geojson files"]


def chart(**changes: object) -> Map:
    base: dict[str, object] = {
        "title": "Rivers & dams",
        "bounds": {"west": 8.5, "south": 47.3, "east": 10.1, "north": 48.0},
        "places": [{"name": "X", "lat": 47.5, "lon": 9.0, "source": "s"}],
    }
    return Map.model_validate(base | changes)


RIVER = GeoFile.model_validate(
    {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[8.6, 47.4], [9.9, 47.7]]}}
)


def test_a_map_is_accessible_static_svg_over_real_country_outlines() -> None:
    marks = [maps.Mark("<script>alert(1)</script>", "town", 9.0, 47.5), maps.Mark("Valley & co", "region", 9.5, 47.6)]
    svg = maps.draw("map", chart(), marks, [maps.Drawn("River", RIVER)])
    root = etree.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "map-title map-desc"
    assert root.findtext(f"{SVG}title") == "Rivers & dams"
    assert root.findtext(f"{SVG}desc") == (
        "A map: Rivers & dams. Places marked: <script>alert(1)</script>; Valley & co. Lines and areas: River."
        " Each is listed with its sources below."
    )
    assert "<script" not in svg and "href" not in svg and "currentColor" in svg
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert labels[:2] == ["<script>alert(1)</script>", "Valley & co"]
    assert {"GERMANY", "SWITZERLAND", "AUSTRIA"} <= set(labels)  # Natural Earth's outlines, clipped
    width, height = (float(v) for v in root.get("viewBox", "").split()[2:])
    assert width == WIDE.width and 400 < height < 600  # the bounds' shape, at this latitude
    for path in root.iter(f"{SVG}path"):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d", ""))]
        assert all(-0.1 <= n <= width + 0.1 for n in numbers[0::2] if path.get("fill") != "none")


def test_labels_are_placed_apart_from_each_other_and_inside_the_frame() -> None:
    crowded = [maps.Mark(f"Town {i}", "town", 9.0 + i * 0.01, 47.5) for i in range(4)]
    crowded += [maps.Mark("A region", "region", 9.0, 47.5), maps.Mark("An exclave", "exclave", 9.02, 47.5, "Southland")]
    for layout in (WIDE, NARROW, share.LAYOUT):
        root = etree.fromstring(maps.draw("m", chart(), crowded, [], layout))
        boxes = []
        for text in root.iter(f"{SVG}text"):
            x, y = float(text.get("x", 0)), float(text.get("y", 0))
            size = float(text.get("font-size", maps.FONT))
            width = len(text.text or "") * maps.CHAR
            x -= width / 2 if text.get("text-anchor") == "middle" else 0
            boxes.append((x, y - size, x + width, y + 2))
        width = float(root.get("viewBox", "").split()[2])
        assert all(left >= 0 and right <= width for left, _, right, _ in boxes)
        drawn = [t.text for t in root.iter(f"{SVG}text")]
        assert drawn[0] == "Town 0" and len([d for d in drawn if d and d.startswith("Town")]) >= 2
        assert {"A region", "An exclave", "SOUTHLAND"} <= set(drawn), layout.name
        for i, (l1, t1, r1, b1) in enumerate(boxes):
            for l2, t2, r2, b2 in boxes[i + 1 :]:
                assert not (l1 < r2 and l2 < r1 and t1 < b2 and t2 < b1), layout.name


def test_the_explainer_shows_its_map_with_each_place_its_names_and_its_source(sample: Path) -> None:
    page = generate(sample).text("explainers/dam-dispute.md")
    section = page.split("## Map", 1)[1].split("## Background", 1)[0]
    assert section.count('<svg xmlns="http://www.w3.org/2000/svg"') == 2  # wide and narrow
    # The gazetteer is cited for the coordinates; the names by party lead to the glossary, which says who uses them.
    assert (
        "- **the east crossing** (town, 47\\.640° N, 9.350° E [\\[4\\]](#source-survey)). Called “Unity Bridge”"
        " by [Northland](../actors/northland.md); “Dam Road Bridge” by [Southland](../actors/southland.md)"
        " ([glossary](../glossary/index.md#east-crossing))\n"
    ) in section
    assert (
        "- **Weir valley** (region, no boundary drawn; this site places its name at 47\\.500° N, 9.300° E [\\[4\\]]"
        in section
    )
    assert "**Weir river** (drawn in long dashes; licence: public domain [\\[4\\]](#source-survey))" in section
    assert "(drawn as a shaded area; as filled in March 2024; licence: public domain [\\[4\\]]" in section
    assert "\nThe map shows no road: the survey does not map them.\n" in section
    assert "Natural Earth" in section


def test_a_changed_geojson_file_changes_the_page(sample: Path) -> None:
    before = generate(sample).text("explainers/dam-dispute.md")
    edit(sample, "maps/weir-river.geojson", "[9.4, 47.62]", "[9.4, 47.82]")
    assert generate(sample).text("explainers/dam-dispute.md") != before
