"""Country outlines for maps: Natural Earth's public-domain 1:50m countries, as the npm package
world-atlas ships them (TopoJSON), read from node_modules/ where `make` installs it.

1:50m is the scale for a locator map of a region a few hundred kilometres wide: it keeps
small territories such as Nakhchivan, and it draws a map six times faster than 1:10m
(35 ms against 210 ms for the two drawings of the Nagorno-Karabakh map), which counts when
every explainer has one.

Natural Earth draws de facto control where it differs from recognised borders only in
separate layers; its countries layer, used here, follows the internationally recognised
borders (Nagorno-Karabakh lies inside Azerbaijan's outline).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from build_scripts import npm

PACKAGE = npm.NODE_MODULES / "world-atlas"
COUNTRIES = PACKAGE / "countries-50m.json"
CREDIT = "Country outlines: Natural Earth 1:50m, public domain (world-atlas 2.0.2)."
SHORT_CREDIT = "Map: Natural Earth"
"""The credit a share image carries under its map; the places' own sources are on the page."""

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Country:
    """One country's outline: its name and its polygons, each a list of rings of (lon, lat)."""

    name: str
    polygons: list[list[Ring]]
    box: tuple[float, float, float, float]  # west, south, east, north
    ring_boxes: list[list[tuple[float, float, float, float]]]
    """Each ring's own box, like `box`: a map skips the rings (islands, mostly) outside its frame."""


def _box(ring: Ring) -> tuple[float, float, float, float]:
    lons, lats = [lon for lon, _ in ring], [lat for _, lat in ring]
    return min(lons), min(lats), max(lons), max(lats)


@cache  # installed package data, read once per process like the templates
def countries() -> list[Country]:
    """Every country of the atlas, in the atlas's order."""
    topology = npm.read_json(COUNTRIES)
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topology["arcs"]:  # quantised and delta-encoded
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> Ring:
        points: Ring = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    found = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") == "Polygon":
            polygons = [[ring(r) for r in geometry["arcs"]]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = [[ring(r) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        boxes = [[_box(ring) for ring in polygon] for polygon in polygons]
        outer = [b[0] for b in boxes]
        box = (min(b[0] for b in outer), min(b[1] for b in outer), max(b[2] for b in outer), max(b[3] for b in outer))
        found.append(Country(geometry["properties"]["name"], polygons, box, boxes))
    return found
