"""Pictures drawn at build time as static, accessible SVG: an explainer's timeline, and bars
comparing the claims made for one measure.

Each picture has a title and a description for screen readers, draws in `currentColor`
(so it follows the theme's light or dark scheme), runs no script and loads nothing.
Every piece of contributor text in it is escaped as XML.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from html import escape

from build_scripts import text
from build_scripts.models import Event, Figure

WIDTH = 720
_ROW = 22
_WRAP = 70


def _svg(name: str, title: str, description: str, height: int, body: list[str]) -> str:
    ids = f"{name}-title", f"{name}-desc"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="explainer-picture" role="img" width="100%"'
        f' viewBox="0 0 {WIDTH} {height}" aria-labelledby="{ids[0]} {ids[1]}"'
        f' style="max-width:{WIDTH}px;color:inherit" font-size="13" font-family="inherit">'
        f'<title id="{ids[0]}">{escape(title)}</title><desc id="{ids[1]}">{escape(description)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def timeline(name: str, events: Sequence[Event]) -> str:
    """A vertical timeline of one or more events: a dot each, its date in bold, its text beside it."""
    body: list[str] = []
    y = 16
    for event in events:
        lines = textwrap.wrap(text.to_plain(event.text), _WRAP) or [""]
        body.append(f'<circle cx="14" cy="{y - 4}" r="5" fill="currentColor"/>')
        body.append(
            f'<text x="30" y="{y}" fill="currentColor" font-weight="bold">{escape(event.date.display())}</text>'
        )
        for i, line in enumerate(lines):
            body.append(f'<text x="170" y="{y + i * 18}" fill="currentColor">{escape(line)}</text>')
        y += max(1, len(lines)) * 18 + 12
    height = y
    body.insert(0, f'<line x1="14" y1="8" x2="14" y2="{max(height - 24, 8)}" stroke="currentColor" stroke-width="2"/>')
    first, last = events[0].date, events[-1].date
    description = f"{len(events)} events from {first.display()} to {last.display()}: " + "; ".join(
        f"{e.date.display()}: {text.to_plain(e.text)}" for e in events
    )
    return _svg(name, "Timeline", description, height, body)


def claims(name: str, measure: str, figures: Sequence[Figure], claimant: Callable[[Figure], str]) -> str:
    """Horizontal bars, one per claim of the same measure, each labelled with its claimant."""
    top = max((f.high if f.value is None else f.value) or 0 for f in figures) or 1
    body: list[str] = []
    y = 8
    for figure in figures:
        low = figure.low if figure.value is None else 0
        high = figure.high if figure.value is None else figure.value
        assert low is not None and high is not None
        x0, x1 = 260 + low / top * 300, 260 + high / top * 300
        who = claimant(figure)
        amount = _amount(figure)
        body.append(f'<text x="0" y="{y + 15}" fill="currentColor">{escape(_clip(who, 38))}</text>')
        body.append(
            f'<rect x="{x0:.1f}" y="{y + 3}" width="{max(x1 - x0, 2):.1f}" height="16" fill="currentColor"'
            ' fill-opacity="0.55"/>'
        )
        body.append(f'<text x="{x1 + 8:.1f}" y="{y + 15}" fill="currentColor">{escape(amount)}</text>')
        y += _ROW + 6
    description = f"{text.to_plain(measure)}: " + "; ".join(f"{_amount(f)}, {claimant(f)}" for f in figures)
    return _svg(name, f"Claims compared: {text.to_plain(measure)}", description, y + 4, body)


def _amount(figure: Figure) -> str:
    return text.to_plain(figure.amount())


def _clip(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
