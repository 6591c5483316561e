"""Pictures drawn at build time as static, accessible SVG: an explainer's timeline, and bars
comparing the claims made for one measure.

Each picture has a title and a description for screen readers, draws in `currentColor`
(so it follows the theme's light or dark scheme), runs no script and loads nothing.
Every piece of contributor text in it is escaped as XML. Each picture is drawn twice, wide
for desktops and stacked for phones, where a wide drawing scaled down would leave its text
too small to read; docs/stylesheets/explainers.css shows the one that suits the screen.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from build_scripts import text
from build_scripts.models import Event, Figure, Series


@dataclass(frozen=True)
class Layout:
    """How a picture is laid out for one kind of screen; the stylesheet shows one at a time."""

    name: str
    width: int
    wrap: int  # characters per line of event text
    label: int  # characters of a claimant's name before it is clipped
    bar: tuple[int, int]  # where the bars of a claims chart start and end
    stacked: bool  # each claimant on a line of its own, above its bar (dates always are)


WIDE = Layout("wide", 720, wrap=70, label=32, bar=(260, 560), stacked=False)
NARROW = Layout("narrow", 360, wrap=44, label=50, bar=(0, 200), stacked=True)
"""Drawn at 360 units, a phone's 335-pixel column shows the 13-unit text at about 12 pixels."""
_ROW = 22


def both(draw: Callable[[Layout], str]) -> str:
    """A picture in both layouts, wide first: the stylesheet hides the one the screen does not suit."""
    return draw(WIDE) + draw(NARROW)


def _svg(name: str, layout: Layout, title: str, description: str, *, height: int, body: list[str]) -> str:
    name = name if layout is WIDE else f"{name}-{layout.name}"
    ids = f"{name}-title", f"{name}-desc"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="picture-{layout.name}" role="img" width="100%"'
        f' viewBox="0 0 {layout.width} {height}" aria-labelledby="{ids[0]} {ids[1]}"'
        f' style="max-width:{layout.width}px;color:inherit" font-size="13" font-family="inherit">'
        f'<title id="{ids[0]}">{escape(title)}</title><desc id="{ids[1]}">{escape(description)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def timeline(name: str, events: Sequence[Event], layout: Layout = WIDE) -> str:
    """A vertical timeline of one or more events: a dot each, its date in bold on a line of its
    own and its text below it, so that no date can run into its text, whatever the font's widths.

    The explainer lists the same events as text (for screen readers and for keyboard users, who
    reach their sources from there), so the description only says what the drawing spans."""
    body: list[str] = []
    y = 16
    for event in events:
        lines = textwrap.wrap(text.to_plain(event.text), layout.wrap) or [""]
        body.append(f'<circle cx="14" cy="{y - 4}" r="5" fill="currentColor"/>')
        body.append(f'<text x="30" y="{y}" fill="currentColor" font-weight="bold">{escape(dated(event))}</text>')
        y += 18
        for i, line in enumerate(lines):
            body.append(f'<text x="30" y="{y + i * 18}" fill="currentColor">{escape(line)}</text>')
        y += max(1, len(lines)) * 18 + 12
    height = y
    body.insert(0, f'<line x1="14" y1="8" x2="14" y2="{max(height - 24, 8)}" stroke="currentColor" stroke-width="2"/>')
    first, last = events[0].when(), events[-1].when()
    count = "1 event" if len(events) == 1 else f"{len(events)} events"
    span = f"dated {first}" if first == last else f"from {first} to {last}"
    description = f"{count} {span}, each listed with its sources after this drawing."
    if disputed := sum(event.disputed() for event in events):
        description += f" The sources differ on the date of {'it' if len(events) == 1 else f'{disputed} of them'}."
    return _svg(name, layout, "Timeline", description, height=height, body=body)


def dated(event: Event) -> str:
    """An event's date as a timeline shows it: 19 September 2023, or 19 or 20 April 2021 — sources differ."""
    return f"{event.when()} — sources differ" if event.disputed() else event.when()


def claims(
    name: str, measure: str, figures: Sequence[Figure], claimant: Callable[[Figure], str], layout: Layout = WIDE
) -> str:
    """Horizontal bars, one per figure given for the same measure, each labelled with its claimant."""
    top = max((f.high if f.value is None else f.value) or 0 for f in figures) or 1
    start, end = layout.bar
    body: list[str] = []
    y = 8
    for figure in figures:
        low = figure.low if figure.value is None else 0
        high = figure.high if figure.value is None else figure.value
        assert low is not None and high is not None
        x0, x1 = start + low / top * (end - start), start + high / top * (end - start)
        who = claimant(figure)
        amount = _amount(figure)
        body.append(f'<text x="0" y="{y + 15}" fill="currentColor">{escape(_clip(who, layout.label))}</text>')
        if layout.stacked:
            y += 20
        body.append(
            f'<rect x="{x0:.1f}" y="{y + 3}" width="{max(x1 - x0, 2):.1f}" height="16" fill="currentColor"'
            ' fill-opacity="0.55"/>'
        )
        body.append(f'<text x="{x1 + 8:.1f}" y="{y + 15}" fill="currentColor">{escape(amount)}</text>')
        y += _ROW + 6
    description = f"{text.to_plain(measure)}: " + "; ".join(f"{_amount(f)}, {claimant(f)}" for f in figures)
    # Only figures from different parties are rival claims; one party's are a breakdown.
    kind = "Claims compared" if len({claimant(f) for f in figures}) > 1 else "Figures compared"
    return _svg(name, layout, f"{kind}: {text.to_plain(measure)}", description, height=y + 4, body=body)


def _amount(figure: Figure) -> str:
    return text.to_plain(figure.amount())


def _clip(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def steps(name: str, series: Series, claimant: str, layout: Layout = WIDE) -> str:
    """One party's count over time as a step line: the count holds from each date to the next,
    where it steps to the new count; each count stands above its dot and each date below the axis.

    The explainer lists the same points with their sources in a table, so the description names
    every point."""
    points = series.points
    days = [p.as_of.earliest().toordinal() for p in points]
    top = max(p.value for p in points) or 1
    left, right = 8, layout.width - 8
    span = (days[-1] - days[0]) or 1
    xs = [left + (d - days[0]) / span * (right - left) for d in days]
    values = _place([(x, series.amount(p)) for x, p in zip(xs, points, strict=True)], left, right)
    dates = _place([(x, p.as_of.display()) for x, p in zip(xs, points, strict=True)], left, right)
    above = (max(row for _, _, row, _ in values) + 1) * 18
    plot = (above + 8, above + 8 + _PLOT_HEIGHT)  # the y of a count of `top`, and of zero
    ys = [plot[1] - p.value / top * (plot[1] - plot[0]) for p in points]
    path = f"M{xs[0]:.1f} {ys[0]:.1f}" + "".join(f"H{x:.1f}V{y:.1f}" for x, y in zip(xs[1:], ys[1:], strict=True))
    body = [
        f'<line x1="{left}" y1="{plot[1]}" x2="{right}" y2="{plot[1]}" stroke="currentColor" stroke-opacity="0.4"/>',
        f'<path d="{path}" fill="none" stroke="currentColor" stroke-width="2.5"/>',
        *(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="currentColor"/>' for x, y in zip(xs, ys, strict=True)),
    ]
    for (x, label, row, anchor), y in zip(values, ys, strict=True):
        body.append(_label(x, y - 10 - row * 18, label, anchor, bold=True))
    bottom = plot[1]
    for x, label, row, anchor in dates:
        body.append(_label(x, plot[1] + 20 + row * 18, label, anchor))
        bottom = max(bottom, plot[1] + 20 + row * 18)
    counted = "; ".join(f"{series.amount(p)} as of {p.as_of.display()}" for p in points)
    description = f"{text.to_plain(series.measure)}, as counted by {claimant}: {counted}."
    title = f"Count over time: {text.to_plain(series.measure)}"
    return _svg(name, layout, title, description, height=int(bottom) + 8, body=body)


_PLOT_HEIGHT = 120
_CHARACTER = 7.5
"""About how wide a character of the pictures' 13-unit text is, to keep labels apart."""


def _place(labels: list[tuple[float, str]], left: int, right: int) -> list[tuple[float, str, int, str]]:
    """Give each label (x, text) a row, the first in which it clears the labels placed before it, and
    an anchor that keeps it within the picture: (x, text, row, anchor)."""
    placed: list[tuple[float, str, int, str]] = []
    ends: list[float] = []  # where each row's last label ends
    for x, label in labels:
        width = len(label) * _CHARACTER
        anchor, start = "middle", x - width / 2
        if start < left:
            anchor, start = "start", x
        elif start + width > right:
            anchor, start = "end", x - width
        row = next((n for n, end in enumerate(ends) if start > end + 8), len(ends))
        ends[row : row + 1] = [start + width]
        placed.append((x, label, row, anchor))
    return placed


def _label(x: float, y: float, label: str, anchor: str, *, bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="currentColor"{weight}>{escape(label)}</text>'
