"""Locator maps drawn at build time as static, accessible SVG.

A map shows the region of its bounds in an equirectangular projection centred on it (at
this scale, a region of a few hundred kilometres, its distortion is small), with the
country outlines of `atlas` clipped to the frame, the explainer's lines and areas from
content/maps/, and its places, each labelled in the site's own neutral wording. Like the
other pictures it has a title and a description, draws in `currentColor` for the light and
dark schemes, runs no script, loads nothing and comes in two drawings, wide and narrow.
Labels are placed where they do not collide with the labels placed before them, the
places' first, as the browser tests measure; a label with no room left is not drawn (the
list of places under the map names every place).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from math import cos, radians

from build_scripts import atlas
from build_scripts.models import Bounds, GeoFile, Map
from build_scripts.pictures import NARROW, WIDE, Layout

FONT = 13
CHAR = 0.64 * FONT  # a wide sans-serif letter: labels are kept apart by this estimate
Box = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class Mark:
    """A place as the map draws it: its label, kind and coordinates, and an exclave's country."""

    label: str
    kind: str
    lon: float
    lat: float
    country: str | None = None
    """The name of the country an exclave belongs to, which its label gives beneath its own."""


@dataclass(frozen=True)
class Drawn:
    """A line or area as the map draws it: its key's label and its geometry."""

    label: str
    geo: GeoFile


class Frame:
    """The projection of a map's bounds onto a drawing `width` units wide."""

    def __init__(self, bounds: Bounds, width: int) -> None:
        self.bounds = bounds
        self.width = width
        self.stretch = cos(radians((bounds.north + bounds.south) / 2))
        self.scale = width / ((bounds.east - bounds.west) * self.stretch)
        self.height = round((bounds.north - bounds.south) * self.scale)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.bounds.west) * self.stretch * self.scale, (self.bounds.north - lat) * self.scale


def _clip(ring: list[tuple[float, float]], box: Box) -> list[tuple[float, float]]:
    """Sutherland–Hodgman: the part of a closed ring inside the box (its lowest x and y, then its highest)."""
    points = ring
    for axis, limit, low in ((0, box[0], True), (0, box[2], False), (1, box[1], True), (1, box[3], False)):
        if not points:
            break

        def inside(p: tuple[float, float], axis: int = axis, limit: float = limit, low: bool = low) -> bool:
            return p[axis] >= limit if low else p[axis] <= limit

        def cross(
            a: tuple[float, float], b: tuple[float, float], axis: int = axis, limit: float = limit
        ) -> tuple[float, float]:
            t = (limit - a[axis]) / (b[axis] - a[axis])
            return (limit, a[1] + (b[1] - a[1]) * t) if axis == 0 else (a[0] + (b[0] - a[0]) * t, limit)

        kept: list[tuple[float, float]] = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    kept.append(cross(previous, point))
                kept.append(point)
            elif inside(previous):
                kept.append(cross(previous, point))
            previous = point
        points = kept
    return points


def _path(points: Sequence[tuple[float, float]], closed: bool) -> str:
    """SVG path data, dropping points closer than half a unit to the last one kept."""
    kept: list[tuple[float, float]] = []
    for x, y in points:
        if not kept or abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= 0.5:
            kept.append((x, y))
    if len(kept) < (3 if closed else 2):
        return ""
    data = "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in kept)
    return data + "Z" if closed else data


def _crossings(rings: list[Points], y: float) -> list[tuple[float, float]]:
    """Where a horizontal line at `y` runs inside the rings (even-odd rule), as (left, right) spans."""
    xs = []
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
            if (y0 <= y < y1) or (y1 <= y < y0):
                xs.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
    xs.sort()
    return list(zip(xs[0::2], xs[1::2], strict=False))


def _rows(rings: list[Points], ys: Sequence[int]) -> list[list[tuple[float, float]]]:
    """`_crossings` at each of the ascending rows `ys` at once: each edge is met once, at the rows it spans
    (found by bisection), not once per row."""
    xs: list[list[float]] = [[] for _ in ys]
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
            if y0 == y1:
                continue
            for i in range(bisect_left(ys, min(y0, y1)), bisect_left(ys, max(y0, y1))):
                xs[i].append(x0 + (ys[i] - y0) * (x1 - x0) / (y1 - y0))
    return [list(zip(row[0::2], row[1::2], strict=False)) for row in map(sorted, xs)]


def _spans(rings: list[Points], frame: Frame, width: float) -> list[Span]:
    """Every stretch of land wide enough for a name, row by row, widest first: (width, row, left, right)."""
    ys = range(int(FONT), int(frame.height - FONT), 6)
    spans = []
    for row, crossings in zip(ys, _rows(rings, ys), strict=True):
        for left, right in crossings:
            if right - left >= width + 12:
                spans.append((right - left, row, left, right))
    return sorted(spans, key=lambda s: (-s[0], s[1]))


def _inside(country: CountryName, width: float, frame: Frame, taken: list[Box]) -> Box | None:
    """A place for a country's name wholly inside its outline, clear of the labels placed before:
    the middle of the widest stretch of land, tried row by row."""
    height = FONT + 2
    rings = country.rings
    for _, row, left, right in country.spans:
        for centre in ((left + right) / 2, left + 6 + width / 2, right - 6 - width / 2):
            box = (centre - width / 2, row - height / 2, centre + width / 2, row + height / 2)
            if not _fits(box, frame) or _collides(box, taken):
                continue
            if all(any(a <= box[0] and box[2] <= b for a, b in _crossings(rings, y)) for y in (box[1], box[3])):
                return box
    return None


def _area(ring: Sequence[tuple[float, float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True))) / 2


DASHES = [("8 4", "long dashes"), ("0.5 5", "dots"), ("12 4 0.5 4", "dashes and dots"), ("3 3", "short dashes")]
"""How the lines of one map are told apart, in the drawing and in its key."""


def dashes(index: int) -> tuple[str, str]:
    """The dash pattern of a map's `index`th line, and its name for the key."""
    return DASHES[index % len(DASHES)]


def key(index: int, area: bool) -> str:
    """A sample of a line's or an area's style, to stand before its name in the map's key."""
    style = _style(index, area)
    shape = '<rect x="2" y="2" width="36" height="10"' if area else '<path d="M2 7H38"'
    return f'<svg class="map-key" width="40" height="14" viewBox="0 0 40 14" aria-hidden="true">{shape} {style}/></svg>'


def _width(label: str) -> float:
    return len(label) * CHAR


SECOND_LINE = 15
"""From the baseline of an exclave's name to that of its country's, beneath it."""


def _country_width(name: str) -> float:
    return _width(name.upper()) * 0.9


def _country_text(x: float, baseline: float, name: str, anchor: str = "") -> str:
    """A country's name as the map writes it: in smaller, spaced capitals, a little faint."""
    return (
        f'<text x="{x:.1f}" y="{baseline:.1f}" fill="currentColor" fill-opacity="0.75"'
        f' font-size="{FONT - 2}" letter-spacing="1"{anchor}>{escape(name.upper())}</text>'
    )


def _collides(box: Box, taken: list[Box]) -> bool:
    left, top, right, bottom = box
    return any(left < x1 + 2 and x0 < right + 2 and top < y1 + 1 and y0 < bottom + 1 for x0, y0, x1, y1 in taken)


def _fits(box: Box, frame: Frame) -> bool:
    return box[0] >= 2 and box[1] >= 2 and box[2] <= frame.width - 2 and box[3] <= frame.height - 2


Points = list[tuple[float, float]]
Span = tuple[float, int, float, float]  # width, row, left, right


@dataclass(frozen=True)
class CountryName:
    """A country as a drawing names it: its visible area and rings, and the stretches of land wide
    enough for its name."""

    area: float
    name: str
    rings: list[Points]
    spans: list[Span]


@dataclass(frozen=True)
class Outlines:
    """The outlines of the countries in a map's bounds, clipped to a margin around them (in longitude
    and latitude): clipped once, then to the frame of each drawing (wide, narrow, and on the share
    image), which has far fewer points left to clip."""

    countries: list[tuple[str, list[Points]]]
    """Each country in the bounds, in the atlas's order, with its rings clipped."""


MARGIN = 0.02
"""How far past a map's bounds, as a share of its width and height, its outlines are first clipped:
enough for a drawing's frame, whose height is rounded to whole units."""


@lru_cache(maxsize=64)
def outlines(bounds: Bounds) -> Outlines:
    """The outlines of the countries within `bounds`, clipped to a margin around them: once per process
    for each region, so explainers that share a map's bounds share them."""
    dx, dy = (bounds.east - bounds.west) * MARGIN, (bounds.north - bounds.south) * MARGIN
    box = (bounds.west - dx, bounds.south - dy, bounds.east + dx, bounds.north + dy)
    found = []
    for country in atlas.countries():
        w, s, e, n = country.box
        if e < bounds.west or w > bounds.east or n < bounds.south or s > bounds.north:
            continue
        rings = []
        for polygon, boxes in zip(country.polygons, country.ring_boxes, strict=True):
            for ring, (w, s, e, n) in zip(polygon, boxes, strict=True):
                if e < bounds.west or w > bounds.east or n < bounds.south or s > bounds.north:
                    continue
                rings.append(_clip(ring, box))
        found.append((country.name, rings))
    return Outlines(found)


@lru_cache(maxsize=64)
def _countries(bounds: Bounds, width: int) -> tuple[str, list[CountryName]]:
    """The outlines of the countries in a drawing `width` units wide of `bounds`, clipped to its frame,
    and where each could be named: once per process for each region and width (the places that may
    take a name's room are the explainer's, so the name itself is placed by `_places`)."""
    frame = Frame(bounds, width)
    shapes: list[str] = []
    names: list[CountryName] = []
    box = (0.0, 0.0, float(frame.width), float(frame.height))
    for name, rings in outlines(bounds).countries:
        data, visible, area = [], [], 0.0
        for ring in rings:
            projected = _clip([frame(lon, lat) for lon, lat in ring], box)
            data.append(_path(projected, closed=True))
            if len(projected) > 2:
                visible.append(projected)
                area += _area(projected)
        if any(data):
            shapes.append(f'<path d="{"".join(data)}"/>')
            names.append(CountryName(area, name, visible, _spans(visible, frame, _country_width(name))))
    group = (
        '<g fill="currentColor" fill-opacity="0.07" stroke="currentColor" stroke-opacity="0.55"'
        f' stroke-width="0.8" stroke-linejoin="round">{"".join(shapes)}</g>'
    )
    return group, names


def _outlines(frame: Frame, drawn: Sequence[Drawn]) -> list[str]:
    """The explainer's lines (each in its own dashes) and areas (shaded, clipped to the frame)."""
    paths = []
    for i, item in enumerate(drawn):
        area = item.geo.is_area()
        lines = [[frame(lon, lat) for lon, lat in line] for line in item.geo.lines()]
        frame_box = (0.0, 0.0, float(frame.width), float(frame.height))
        path = "".join(_path(_clip(p, frame_box) if area else p, closed=area) for p in lines)
        paths.append(f'<path d="{path}" {_style(i, area)}/>')
    return paths


def _style(index: int, area: bool) -> str:
    if area:
        return 'fill="currentColor" fill-opacity="0.2" stroke="currentColor" stroke-width="1.5"'
    line = 'fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round"'
    return f'{line} stroke-dasharray="{dashes(index)[0]}"'


UNDOTTED = ("region", "exclave")
"""The kinds of place named without a dot: an area's name stands over its point."""


def _options(mark: Mark, x: float, y: float, width: float) -> list[tuple[float, float]]:
    """Where a label may go, best first: a town's beside its dot, a region's over its point."""
    if mark.kind in ("region", "exclave"):
        lefts = [x - width / 2, x - width + 12, x - 12]
        tops = [y - FONT / 2 - 2, y - FONT - 12, y + 8, y - 2 * FONT - 16, y + FONT + 12]
        return [(left, top) for top in tops for left in lefts]
    return [
        (x + 7, y - FONT / 2 - 1),
        (x - 7 - width, y - FONT / 2 - 1),
        (x - width / 2, y - FONT - 8),
        (x - width / 2, y + 6),
        (x + 5, y - FONT - 6),
        (x + 5, y + 4),
        (x - 5 - width, y - FONT - 6),
        (x - 5 - width, y + 4),
    ]


def _places(frame: Frame, marks: Sequence[Mark], names: list[CountryName]) -> tuple[list[str], list[str]]:
    """The dots of the towns, and every label: towns' first, then regions', then countries'."""
    taken: list[Box] = []
    dots, labels = [], []
    towns = [(mark, *frame(mark.lon, mark.lat)) for mark in marks if mark.kind not in UNDOTTED]
    for mark, x, y in towns:
        dots.append(
            f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="currentColor"/>'
            if mark.kind == "capital"
            else f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="currentColor"/>'
        )
        taken.append((x - 4, y - 4, x + 4, y + 4))
    regions = [(mark, *frame(mark.lon, mark.lat)) for mark in marks if mark.kind in UNDOTTED]
    for mark, x, y in [*towns, *regions]:
        width, height = _width(mark.label), FONT + 2
        if mark.country is not None:  # an exclave: its country's name on a second line
            width, height = max(width, _country_width(mark.country)), height + SECOND_LINE
        boxes = [(left, top, left + width, top + height) for left, top in _options(mark, x, y, width)]
        box = next((b for b in boxes if _fits(b, frame) and not _collides(b, taken)), None)
        if box is None:  # no room: the list of places under the map still names it
            continue
        taken.append(box)
        style = ' font-style="italic"' if mark.kind in UNDOTTED else ' font-weight="bold"' * (mark.kind == "capital")
        if mark.country is not None:  # both lines centred on the box
            middle, anchor = (box[0] + box[2]) / 2, ' text-anchor="middle"'
            labels.append(
                f'<text x="{middle:.1f}" y="{box[1] + FONT - 1:.1f}" fill="currentColor"{style}{anchor}>'
                f"{escape(mark.label)}</text>"
            )
            labels.append(_country_text(middle, box[1] + FONT - 1 + SECOND_LINE, mark.country, anchor))
            continue
        labels.append(
            f'<text x="{box[0]:.1f}" y="{box[1] + FONT - 1:.1f}" fill="currentColor"{style}>{escape(mark.label)}</text>'
        )
    for country in sorted(names, key=lambda n: (-n.area, n.name)):
        box = _inside(country, _country_width(country.name), frame, taken)
        if box is not None:  # a country with no room for its name inside the frame goes unnamed
            taken.append(box)
            labels.append(_country_text(box[0], box[1] + FONT - 2, country.name))
    return dots, labels


def draw(
    name: str,
    chart: Map,
    marks: Sequence[Mark],
    drawn: Sequence[Drawn],
    layout: Layout = WIDE,
) -> str:
    """One drawing of a map: country outlines, lines and areas, places and their labels."""
    frame = Frame(chart.bounds, layout.width)
    countries, names = _countries(chart.bounds, layout.width)
    dots, labels = _places(frame, marks, names)
    halo = (  # a ring of the page's background around each label keeps it legible over lines
        '<g style="stroke:var(--md-default-bg-color,#fff)" stroke="#fff" stroke-width="3" stroke-linejoin="round"'
        f' paint-order="stroke">{"".join(labels)}</g>'
    )
    suffix = "" if layout is WIDE else f"-{layout.name}"
    ids = f"{name}{suffix}-title", f"{name}{suffix}-desc"
    description = _describe(chart, marks, drawn)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="picture-{layout.name}" role="img" width="100%"'
        f' viewBox="0 0 {frame.width} {frame.height}" aria-labelledby="{ids[0]} {ids[1]}"'
        f' style="max-width:{layout.width}px;color:inherit" font-size="{FONT}" font-family="inherit">'
        f'<title id="{ids[0]}">{escape(chart.title)}</title><desc id="{ids[1]}">{escape(description)}</desc>'
        f'<rect width="{frame.width}" height="{frame.height}" fill="none" stroke="currentColor" stroke-opacity="0.4"/>'
        + countries
        + "".join(_outlines(frame, drawn))
        + "".join(dots)
        + halo
        + "</svg>"
    )


def _describe(chart: Map, marks: Sequence[Mark], drawn: Sequence[Drawn]) -> str:
    places = "; ".join(f"{m.label}, an exclave of {m.country}" if m.country else m.label for m in marks)
    lines = "; ".join(d.label for d in drawn)
    found = f"A map: {chart.title}. Places marked: {places}."
    return found + (f" Lines and areas: {lines}." if lines else "") + " Each is listed with its sources below."


def both(name: str, chart: Map, marks: Sequence[Mark], drawn: Sequence[Drawn]) -> str:
    """The map's wide drawing and its narrow one, for phones."""
    return draw(name, chart, marks, drawn, WIDE) + draw(name, chart, marks, drawn, NARROW)
