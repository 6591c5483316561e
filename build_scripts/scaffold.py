"""`python -m build_scripts new <slug>`: start an explainer that already passes `check`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from build_scripts.load import EXPLAINERS, SLUG

TEMPLATE = """\
# yaml-language-server: $schema=../schema/explainer.schema.json
# A new explainer. Replace every TODO, then run `make check-content` and `make serve`.
# Every field is described in CONTRIBUTING.md ("Field reference"); your editor shows the
# same help as you type. Refer to actors and glossary terms by their ids.

# The page title: neutral and plain.
title: "TODO: {slug}"

# One paragraph a reader can stop after. Attribute every claim.
summary: >
  TODO: summarise the topic in one paragraph.

# First published, and the date up to which the explainer reports events (YYYY-MM-DD).
published: {today}
as_of: {today}

# Topic tags: lowercase words joined by hyphens.
tags: []

# Every source the explainer cites, numbered on the page in this order. Never guess: when
# the title, publisher or address is not known, say why in title_not_recorded,
# publisher_not_recorded or url_not_recorded instead. Leave out the date when unknown.
sources:
  - id: source-1
    title: "TODO: the source's own title"
    publisher: "TODO: the outlet or institution"
    # date: 2024-01-31
    url: https://example.org/TODO

# Background sections in reading order; headings phrased as readers' questions work well.
background:
  - heading: "TODO: What is this about?"
    body: |
      TODO: a few short paragraphs, separated by blank lines.
    sources: [source-1]
    # Sentences a reader may want to check, each with the source's own words for it:
    # claims:
    #   - text: A sentence of the body above, word for word.
    #     source: source-1
    #     excerpt: The source's own words that support it, copied exactly.

# The actors involved (ids from content/actors.yaml) and their role in this story. Every
# actor named below (a position's actor, a quote's speaker, a figure's claimed_by, a
# timeline event's actors) must also be listed here, each with its role.
actors: []
#  - actor: some-actor-id
#    role: What this actor did in this story.

# Who says what: a neutral stance label, a summary, and quotes exactly as reported.
positions: []
#  - actor: some-actor-id
#    stance: A short, neutral label
#    summary: The position in neutral words.
#    sources: [source-1]
#    quotes:
#      - text: The exact words, without quotation marks around them
#        speaker: some-actor-id
#        source: source-1
#        excerpt: The source's words around the quote, copied exactly.
#        context: on social media

# Every number, with who claims it and the source's words that give it. Figures with the
# same measure are rival claims, side by side in one unit; or, each with a `part:`, the
# parts of one total (like soldiers and civilians of one death toll).
figures: []
#  - measure: People killed
#    value: 5            # or low: and high: for a range
#    unit: people
#    scope: in the region, since the fighting began
#    as_of: 2024-01-31   # YYYY, YYYY-MM or YYYY-MM-DD
#    claimed_by: some-actor-id   # or source_voice: true when the source gives no claimant
#    source: source-1
#    excerpt: The source's words with the number and who claims it, copied exactly.
#    key: true           # show under "At a glance"

# Dated events, as precisely as the sources allow, each with the source's words for it.
timeline: []
#  - date: 2024-01
#    text: What happened, in one neutral sentence.
#    actors: [some-actor-id]
#    evidence:
#      - source: source-1
#        excerpt: The source's words for the event, with its date, copied exactly.
#    # When no excerpt states the date: how it follows. The dates named here must agree with date.
#    date_basis: The source, dated Wednesday 20 September 2023, says "on Tuesday".

# Glossary terms (ids from content/glossary.yaml) that the text does not name but readers need.
glossary: []

# Optional: a locator map. Coordinates come from a gazetteer listed under sources
# (`python -m build_scripts place NAME` looks one up in GeoNames and prints what to paste);
# lines and areas from GeoJSON files in content/maps/ (longitude before latitude; their
# properties are not used; `python -m build_scripts outline CODE maps/<name>.geojson` copies
# a province's). Country outlines are drawn for you.
# map:
#   title: Where the places are
#   bounds: {{west: 43.8, south: 38.4, east: 50.4, north: 41.6}}
#   places:
#     - name: A town       # or term: a-glossary-id, whose names by party the page lists
#       kind: town         # capital, town, region (a name with no dot or boundary), or
#                          # exclave (with country: the id of the state it belongs to)
#       lat: 40.18
#       lon: 44.51
#       source: source-1   # the gazetteer
#   outlines:
#     - file: maps/a-road.geojson   # lowercase words joined by hyphens
#       name: A road
#       source: source-1
#       licence: CC BY 4.0
#       note: "schematic: a straight line between the two towns"
#   note: What the map does not show, where readers might expect it.

# Optional: what readers might watch for next, as things stand on as_of. Once a source
# reports what came of one, add its outcome (a dated event with the source's words) and a
# revision entry.
what_to_watch: []
#  - text: Whether talks resume.
#    outcome:
#      date: 2024-02-01
#      text: The two sides meet in Geneva.
#      evidence:
#        - source: source-1
#          excerpt: The two sides met in Geneva on 1 February 2024.

# Corrections and updates after publication, oldest first; a change to a published quote,
# figure or date needs one.
revisions: []
#  - date: 2024-02-01
#    kind: correction   # or update
#    what: What changed.
#    why: Why.
"""


class RefusedError(Exception):
    """The slug cannot be used."""


def new(content_dir: Path, slug: str, *, today: date | None = None) -> Path:
    """Write content/explainers/<slug>.yaml from the template; refuse a bad or taken slug."""
    if not SLUG.match(slug):
        raise RefusedError(f"{slug!r} is not a slug: use lowercase words joined by hyphens, like 'bridge-dispute'")
    folder = content_dir / EXPLAINERS
    taken = {p.stem.casefold() for p in folder.glob("*.yaml")} if folder.is_dir() else set()
    path = folder / f"{slug}.yaml"
    if slug.casefold() in taken:
        raise RefusedError(f"{path.as_posix()} already exists")
    folder.mkdir(parents=True, exist_ok=True)
    text = TEMPLATE.format(slug=slug, today=(today or date.today()).isoformat())
    with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
        handle.write(text)
    return path
