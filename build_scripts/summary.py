"""What the site-wide pages read of one explainer: its summary, kept apart from its page.

The indexes, the home page, the feed, the timeline, the actors' pages and the glossary
each read every explainer, but only a small part of it: the title, the summary and the
dates, the actors and their roles, the positions and quotes, the sources they cite, the
events, and the glossary terms it uses. A summary holds that part, and not the
background, figures, map, what to watch or the revisions (but the date of the newest),
which only the explainer's own page shows, nor the YAML it was parsed from.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from build_scripts.models import Explainer
from build_scripts.validate import Loaded

OWN_PAGE_ONLY: dict[str, object] = {
    "key_facts": [],
    "background": [],
    "documents": [],
    "figures": [],
    "series": [],
    "map": None,
    "what_to_watch": [],
    "revisions": [],
}
"""The parts of an explainer that only its own page shows, left out of its summary."""


@dataclass(frozen=True)
class Summary:
    """One valid explainer as the site-wide pages read it."""

    slug: str
    model: Explainer
    """The validated explainer without the parts only its own page shows (`OWN_PAGE_ONLY`)."""
    terms: tuple[str, ...]
    """The glossary terms it uses (listed, found in its text or on its map), by id, sorted."""
    revised: date
    """When it was last revised: the date of its newest revision, or of its publication."""
    on_timeline: str
    """A digest of what the timeline shows of it: its title, its events and the sources they cite."""


def summary(loaded: Loaded, terms: tuple[str, ...]) -> Summary:
    """The summary of one valid explainer that uses the glossary `terms`."""
    model = loaded.model
    shown = model.model_dump_json(include={"title", "timeline", "sources"})
    on_timeline = hashlib.blake2b(shown.encode(), digest_size=20).hexdigest()
    return Summary(loaded.slug, model.model_copy(update=OWN_PAGE_ONLY), terms, model.last_revised(), on_timeline)
