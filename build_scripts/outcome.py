"""What a run leaves in the cache for the next one: its pages' places, or its problems, or `check`'s report.

They are read back before anything else is imported (`pipeline.py`), so that a run on
content that did not change loads none of the stages.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_scripts.errors import Problem


@dataclass(frozen=True)
class Refused:
    """The outcome of a run on invalid content: every problem, and no pages."""

    problems: list[Problem]


@dataclass(frozen=True)
class Report:
    """The outcome of `check` on valid content: its warnings, and how much there is."""

    warnings: list[Problem]
    explainers: int
    actors: int
    terms: int


@dataclass(frozen=True)
class Ref:
    """Where a page is kept in the cache (the entry, a dict of pages by path), its size and its digest."""

    entry: str
    size: int
    digest: str


@dataclass(frozen=True)
class Manifest:
    """The outcome of a run that made pages: each page's `Ref`, by path, and the warnings."""

    pages: dict[str, Ref]
    warnings: list[Problem]
