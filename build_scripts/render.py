"""Stage 4, render: turn the linked Site into Markdown pages with Jinja templates.

One module per kind of page: an explainer's own pages (`explainer_page.py`), and the
site-wide pages (`site_pages.py`), both written with `templating.py`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

from build_scripts.identity import Identity
from build_scripts.link import Site
from build_scripts.site_pages import site_pages

P = TypeVar("P")
V = TypeVar("V")


def render(
    site: Site,
    identity: Identity,
    own: Mapping[str, Mapping[str, P]],
    actors: Mapping[str, P] | None = None,
    kept: Mapping[str, P] | None = None,
) -> dict[str, str | P]:
    """Every generated page, keyed by its path under docs/: each explainer's own, then the site's.

    `own` holds each explainer's own pages by slug, as `explainer_page.explainer_pages`
    makes them (or whatever stands for them: they are passed through), and `actors` each
    actor's page by id, as `site_pages.actor_pages` makes them (made here when not given);
    a site-wide page in `kept`, by path, is passed through instead of being made.
    The share images come out drawn but not rendered (`share.Card`): rendering them to PNG
    is the slow part, which `stages.py` does through the cache, many images at once."""
    pages: _Pages[str | P] = _Pages()
    for x in site.explainers:
        pages.update(own[x.slug].items())
    pages.update(site_pages(site, identity, actors, kept))
    return dict(sorted(pages.items()))


class _Pages(dict[str, V]):
    """Rendered pages by path; a second page for the same path is a bug, never an overwrite."""

    def __setitem__(self, path: str, text: V) -> None:
        if path in self:
            raise ValueError(f"two pages would be written to docs/{path}")
        super().__setitem__(path, text)

    def update(self, pages: Iterable[tuple[str, V]]) -> None:  # type: ignore[override]
        """Add pages, each through __setitem__."""
        for path, page in pages:
            self[path] = page
