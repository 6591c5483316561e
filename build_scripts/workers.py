"""Work spread over every core: one call per item, in worker processes when there are enough.

A worker receives the context the calls share (the shared files, linked; the site's
identity) once, when it starts, and each call's own arguments with the call: at 1,000
explainers the context is sent twice, not a thousand times.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

PARALLEL_FROM = 48
"""Make this many calls or more on every core; below it, starting the workers costs more than it saves."""

_context: dict[str, Any] = {}
"""The context of the calls this worker process makes, under "context"."""


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def each(function: Callable[..., T], calls: Sequence[tuple[Any, ...]], context: Any = None) -> list[T]:
    """`function(context, *args)` for each of `calls`, in order; on every core when there are enough calls.

    Without a context, `function(*args)`."""
    workers = cores()
    if len(calls) < PARALLEL_FROM or workers < 2:
        return [_call(function, context, args) for args in calls]
    with ProcessPoolExecutor(max_workers=workers, initializer=_install, initargs=(context,)) as pool:
        chunk = max(1, len(calls) // (workers * 4))
        return list(pool.map(_InWorker(function), calls, chunksize=chunk))


def _call(function: Callable[..., T], context: Any, args: tuple[Any, ...]) -> T:
    return function(*args) if context is None else function(context, *args)


def _install(context: Any) -> None:
    _context["context"] = context


class _InWorker:
    """A call as a picklable one-argument callable, made in a worker with the context it was started with."""

    def __init__(self, function: Callable[..., Any]) -> None:
        self.function = function

    def __call__(self, args: tuple[Any, ...]) -> Any:
        return _call(self.function, _context["context"], args)
