"""Results kept between builds in one process (`mkdocs serve`), keyed by what they came from.

Keys hold the content hash of every file a result depends on, so a result is reused
only while those files are byte for byte the same; nothing needs invalidating.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar, cast

T = TypeVar("T")

MAX_ENTRIES = 100_000
_store: dict[Hashable, object] = {}


def remember(key: Hashable, compute: Callable[[], T]) -> T:
    """Return the result stored under `key`, computing and storing it the first time."""
    if key in _store:
        return cast(T, _store[key])
    if len(_store) >= MAX_ENTRIES:  # a long preview session: start again rather than grow
        _store.clear()
    value = compute()
    _store[key] = value
    return value


def holds(key: Hashable) -> bool:
    """Tell whether a result is stored under `key`."""
    return key in _store


def forget() -> None:
    """Drop every stored result (for tests and benchmarks of cold runs)."""
    _store.clear()
