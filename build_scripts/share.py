"""Each explainer's share image: the picture a link to it shows when shared (`og:image`).

A 1200 × 630 PNG made at build time: the site's name, the explainer's title, its dates, and
its map (or, without one, the start of its timeline). It is drawn as SVG and rendered by
resvg (the PyPI package svg2png-py): no browser, no network. The fonts are the DejaVu fonts
that `make` installs from npm, never the machine's, so every machine makes the same bytes;
they are loaded once per process, and many images are rendered at once on every core.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

import svg2png_py

from build_scripts.pictures import Layout

FONTS = Path(__file__).resolve().parent.parent / "node_modules" / "dejavu-fonts-ttf" / "ttf"
FONT_FILES = [FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf", FONTS / "DejaVuSans-Oblique.ttf"]
WIDTH, HEIGHT = 1200, 630
INK, PAPER, ACCENT, MUTED = "#1a1a1a", "#ffffff", "#3949ab", "#555555"
PICTURE = (660, 110, 500, 470)  # x, y, width, height of the map or timeline, on the right
LAYOUT = Layout("share", PICTURE[2], wrap=44, label=40, bar=(0, 200), stacked=True)
"""A map drawn for the card at the card's own scale, so that its labels stay legible."""


@dataclass(frozen=True)
class Card:
    """A share image drawn as SVG and not yet rendered to PNG (`png`)."""

    svg: str


class FontsMissing(RuntimeError):
    """The fonts the share images are drawn with are not installed."""


def card(site_name: str, title: str, dates: str, picture: str | None, credit: str | None = None) -> str:
    """The share image as SVG: every piece of text escaped, the picture (an SVG drawing) on the right
    with its credit under it."""
    text_width = PICTURE[0] - 100 if picture else WIDTH - 140
    size, lines = 56, _wrap(title, 56, text_width)
    if len(lines) > 4:
        size, lines = 44, _wrap(title, 44, text_width)
    if len(lines) > 5:
        lines = [*lines[:4], textwrap.shorten(" ".join(lines[4:]), int(text_width / (0.62 * size)), placeholder="…")]
    heading = "".join(
        f'<text x="70" y="{200 + i * size * 1.18:.0f}" font-size="{size}" font-weight="bold" fill="{INK}">'
        f"{escape(line)}</text>"
        for i, line in enumerate(lines)
    )
    body = [
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{PAPER}"/>',
        f'<rect width="{WIDTH}" height="14" fill="{ACCENT}"/>',
        f'<text x="70" y="100" font-size="30" font-weight="bold" fill="{ACCENT}">{escape(site_name)}</text>',
        heading,
        f'<text x="70" y="{HEIGHT - 60}" font-size="26" fill="{MUTED}">{escape(dates)}</text>',
    ]
    if picture:
        x, y, width, height = PICTURE
        body.append(
            f'<svg x="{x}" y="{y}" width="{width}" height="{height}" color="{INK}" overflow="hidden">'
            f"{_nested(picture, width, height)}</svg>"
        )
        if credit:
            body.append(f'<text x="{x}" y="{HEIGHT - 25}" font-size="18" fill="{MUTED}">{escape(credit)}</text>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}"'
        f' viewBox="0 0 {WIDTH} {HEIGHT}" font-family="DejaVu Sans">' + "".join(body) + "</svg>"
    )


def _wrap(title: str, size: int, width: float) -> list[str]:
    """Lines of the title at a font size, by DejaVu Sans Bold's average letter width."""
    return textwrap.wrap(title, max(8, int(width / (0.62 * size))))


def _nested(drawing: str, width: int, height: int) -> str:
    """A page's SVG drawing, fitted into the card's picture box (its own viewBox keeps its shape)."""
    drawing = re.sub(r' style="[^"]*"', "", drawing, count=1)  # the page's sizing is not the card's
    drawing = drawing.replace('width="100%"', f'width="{width}" height="{height}"', 1)
    return drawing.replace('font-family="inherit"', 'font-family="DejaVu Sans"', 1)


def png(svg: str) -> bytes:
    """Render one card's SVG to PNG with the installed DejaVu fonts and nothing else."""
    return bytes(svg2png_py.svg_to_png(svg, _fonts(), options=_OPTIONS))


def pngs(svgs: Sequence[str]) -> list[bytes]:
    """Render many cards' SVG to PNG, in order, on every core (resvg's own threads, the fonts loaded once)."""
    return [bytes(image) for image in svg2png_py.render_many_par(list(svgs), _fonts(), options=_OPTIONS)]


_OPTIONS = svg2png_py.RenderOptions(font_family="DejaVu Sans")


@cache  # the fonts are read once per process, not once per image
def _fonts() -> svg2png_py.FontDatabase:
    """The DejaVu fonts, and no font of the machine's."""
    missing = [str(f) for f in FONT_FILES if not f.is_file()]
    if missing:
        raise FontsMissing(f"{missing[0]} is missing: run `make site`, which installs the npm packages")
    fonts = svg2png_py.FontDatabase()
    for file in FONT_FILES:
        fonts.load_font_file(str(file))
    return fonts
