"""The one cache: results of pure functions, by a hash of their inputs and of the code.

`pipeline.py` and `stages.py` are its only users. A result is stored under `key(inputs)`, a hash of the
inputs themselves (the bytes of a content file, the keys of other results) and of
`CODE_VERSION` (every file of this package and the lock files of its dependencies, Python's
and npm's, whose map outlines and fonts the pages are drawn with), so a
result is reused only while all of those are byte for byte the same: nothing ever needs
invalidating, and a stale result cannot be found.

Results live in this process's memory (for `mkdocs serve`, between rebuilds) and on disk,
in the git-ignored folder `.cache/explainers/` beside `content/` (or `$EXPLAINERS_CACHE`),
so that every new process (`make site`, the command line, a second CI run) starts warm.
A pipeline's entries are written by a thread of their own while its run goes on; the run
waits for them before it tidies the folder, and the process before it ends.
Each entry on disk carries its key and a checksum of its bytes, and is unpickled with only
this package's own data types (its dataclasses and models), dates, sets and frozensets allowed. An entry that is
corrupt, truncated, foreign or for another key is ignored and rewritten, never trusted;
a folder that cannot be written only makes the cache cold.

Every command shares the one folder, and none throws away what another stored: an entry
is removed only when the folder has grown past a generous bound (`LIMIT`, or four times
what the run that tidies it used, whichever is larger), the least recently used first,
down to three quarters of the bound, and never one the run used itself (`tidy`). Reading an
entry marks it used (its file's modification time).
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import hashlib
import importlib
import io
import os
import pickle
import queue
import sys
import threading
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from build_scripts import workers

T = TypeVar("T")

CACHE_ENV = "EXPLAINERS_CACHE"
MAGIC = b"explainers cache 1\n"
LIMIT = 2 * 2**30
"""The bytes the folder may hold before its least recently used entries are removed (`tidy`)."""
LEFT = 3 / 4
"""The share of the bound a folder is tidied down to: a full folder is not read again by the very next run."""
_PACKAGE = Path(__file__).resolve().parent
_SAFE_BUILTINS = {("builtins", "set"): set, ("builtins", "frozenset"): frozenset, ("datetime", "date"): date}


def _code_version() -> str:
    """A hash of every file of this package and of the dependency lock files beside it, if any."""
    digest = hashlib.blake2b(sys.version.encode(), digest_size=16)
    files = sorted(p for p in _PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in [*files, _PACKAGE.parent / "requirements.lock", _PACKAGE.parent / "package-lock.json"]:
        if path.is_file():
            digest.update(path.relative_to(_PACKAGE.parent).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


CODE_VERSION = _code_version()

TALLY = "tally"
"""The file in the cache folder that holds the bytes of its entries and when they were last counted (ns since
the epoch): as the last run that tidied the folder counted them, plus what every process wrote since (each adds
its own when it tidies, and what it wrote after that when it ends). While that is within the bound, a run reads
no folder (at 54,000 entries, 0.4 s). Processes at the same moment may each add to the tally and one of them be
lost, so the folder is counted again once the tally passes the bound, and at least every `RECOUNT_NS`."""
RECOUNT_NS = 3600 * 10**9

_written: dict[Path, int] = {}
"""The bytes this process wrote to each cache folder since it last added them to the folder's tally.
An entry written again is counted twice: the folder is tidied sooner, never later."""

_memory: dict[Path | None, dict[str, object]] = {}
"""This process's results by cache folder and key; only those of each folder's latest run are kept."""


class Cache:
    """Results by key, in memory and in one folder on disk (None: in memory only)."""

    def __init__(self, folder: Path | None, *, background: bool = False) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self.memory = _memory.setdefault(folder, {})
        self.background = background
        """Write entries to disk in a thread of their own (`_writer`), while the run goes on; `flush` waits for them."""
        self.recalled: dict[str, object] = {}
        """The small results the last run of the same name kept together (`recall`), by key."""
        self.small: dict[str, object] = {}
        """The small results this run used (`get` and `put` with small=True), to be kept together (`keep`)."""
        self.recall_key: str | None = None

    @classmethod
    def beside(cls, content_dir: Path) -> Cache:
        """The cache of the project whose content folder is `content_dir`, written to in the background."""
        chosen = os.environ.get(CACHE_ENV)
        folder = Path(chosen) if chosen else content_dir.absolute().parent / ".cache" / "explainers"
        return cls(folder, background=True)

    @staticmethod
    def key(*inputs: object) -> str:
        """The key of a result computed from `inputs` (bytes, text, numbers, keys, and tuples or lists of them)."""
        digest = hashlib.blake2b(CODE_VERSION.encode(), digest_size=20)
        digest.update(pickle.dumps(inputs, protocol=5))
        return digest.hexdigest()

    @classmethod
    def call_key(cls, function: Callable[..., object], *args: object) -> str:
        """The key of `function(*args)`'s result, as `each` stores it."""
        return cls.key(function.__module__, function.__qualname__, *args)

    def get(self, key: str, *, small: bool = False) -> object | None:
        """The result stored under `key`, or None. A `small` one is looked for among those recalled too,
        and kept with the others this run uses (`keep`)."""
        self.used.add(key)
        if key in self.memory:
            value = self.memory[key]
        elif small and key in self.recalled:
            value = self.memory[key] = self.recalled[key]
        else:
            value = self._read(key)
            if value is not None:
                self.memory[key] = value
        if small and value is not None:
            self.small[key] = value
        return value

    def put(self, key: str, value: T, *, small: bool = False) -> T:
        """Store `value` under `key`, and return it; a `small` one is kept with the others this run uses (`keep`)."""
        self.used.add(key)
        self.memory[key] = value
        self._write(key, value)
        if small:
            self.small[key] = value
        return value

    def once(self, key: str, compute: Callable[[], T], kind: type[T], *, small: bool = False) -> T:
        """The result under `key` if it is a `kind`; else compute, store and return it."""
        found = self.get(key, small=small)
        return found if isinstance(found, kind) else self.put(key, compute(), small=small)

    def recall(self, name: str) -> None:
        """Read the small results that the last run of this `name` used, kept together in one entry (`keep`).

        A run after one edit reads thousands of small results (each explainer's and each actor's page
        sizes and digests, the terms of each actor's page): one file instead of thousands. Each is
        still found only under its own key, so what is recalled can only spare reading it."""
        self.recall_key = self.key("recalled", name)
        found = self.get(self.recall_key)
        self.recalled = found if isinstance(found, dict) else {}

    def keep(self) -> None:
        """Keep together the small results this run used, for the next run of the same name (`recall`);
        a run that used none (refused) leaves the last one's."""
        if self.recall_key is not None and self.small and self.small.keys() != self.recalled.keys():
            self.put(self.recall_key, dict(self.small))
            self.recalled = dict(self.small)

    def each(
        self,
        function: Callable[..., T],
        calls: Sequence[tuple[Any, ...]],
        kind: type[T],
        *,
        together: Callable[[list[tuple[Any, ...]]], list[T]] | None = None,
    ) -> list[T]:
        """`function(*args)` for each of `calls`, reusing stored results; missing ones computed on every core,
        or all at once by `together` (which returns what `function` would for each call, in order)."""
        keys = [self.call_key(function, *args) for args in calls]
        results: list[object | None] = [self.get(key) for key in keys]
        missing = [i for i, result in enumerate(results) if not isinstance(result, kind)]
        todo = [calls[i] for i in missing]
        computed = together(todo) if together and todo else workers.each(function, todo)
        for i, value in zip(missing, computed, strict=True):
            results[i] = self.put(keys[i], value)
        return [result for result in results if isinstance(result, kind)]

    def forget_unused(self) -> None:
        """Drop from this process's memory every result this run did not use (the disk keeps them)."""
        for key in set(self.memory) - self.used:
            del self.memory[key]

    def flush(self) -> None:
        """Wait until every entry stored so far is on disk."""
        _writer.flush()

    def tidy(self, limit: int = LIMIT) -> None:
        """Keep the folder within `limit` bytes, or four times what this run used if that is more:
        remove the least recently used entries this run did not use until it fits. Entries still being
        written are waited for first. The folder is read only when its tally (`TALLY`) passes the bound,
        or is old; a process that wrote nothing since it last tidied leaves it alone. The small results the
        run used are kept together first (`keep`)."""
        self.keep()
        if self.folder is None or not _written.get(self.folder):
            return
        self.flush()
        tallied = _tally(self.folder)
        fresh = tallied is not None and time.time_ns() - tallied[1] < RECOUNT_NS
        if tallied is not None and fresh and tallied[0] + _written[self.folder] <= limit:
            _record(self.folder, tallied)  # within the bound, as last counted: nothing read
            return
        try:
            entries = [(e.stat().st_mtime_ns, e.stat().st_size, e.name) for e in os.scandir(self.folder)]
        except OSError:
            return
        entries = [e for e in entries if e[2].endswith(".pickle")]
        total = sum(size for _, size, _ in entries)
        used = sum(size for _, size, name in entries if name.removesuffix(".pickle") in self.used)
        bound = max(limit, 4 * used)
        left = bound if total <= bound else bound * LEFT
        for _, size, name in sorted(entries):  # the least recently used first
            if total <= left:
                break
            if name.removesuffix(".pickle") in self.used:
                continue
            try:
                (self.folder / name).unlink()
            except OSError:
                continue
            total -= size
        _written[self.folder] = 0
        _set_tally(self.folder, total, time.time_ns())

    def _path(self, key: str) -> Path | None:
        return None if self.folder is None else self.folder / f"{key}.pickle"

    def _read(self, key: str) -> object | None:
        path = self._path(key)
        if path is None:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        header = MAGIC + key.encode() + b"\n"
        if not data.startswith(header) or len(data) < len(header) + 41:
            return None
        checksum, payload = data[len(header) : len(header) + 40], data[len(header) + 41 :]
        if hashlib.blake2b(payload, digest_size=20).hexdigest().encode() != checksum:
            return None
        try:
            value: object = _Unpickler(io.BytesIO(payload)).load()
        except Exception:  # anything but this package's own data: not ours, not trusted
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: the last to be removed when the folder is tidied
        return value

    def _write(self, key: str, value: object) -> None:
        path = self._path(key)
        if path is None:
            return
        payload = pickle.dumps(value, protocol=5)
        checksum = hashlib.blake2b(payload, digest_size=20).hexdigest().encode()
        data = MAGIC + key.encode() + b"\n" + checksum + b"\n" + payload
        _written[path.parent] = _written.get(path.parent, 0) + len(data)
        if self.background:
            _writer.put(path, data)
        else:
            _store(path, data)


def _store(path: Path, data: bytes) -> None:
    """Write one entry whole or not at all (the cache's files have nothing to do with the pages' write
    transaction: plain os calls); a folder that cannot be written only leaves the entry out."""
    temporary = path.parent / f".{path.stem}.{os.getpid()}.{threading.get_ident()}.new"
    try:
        os.makedirs(path.parent, exist_ok=True)  # noqa: PTH103
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)  # noqa: PTH105 (whole or not at all, even with another process writing)
    except OSError:
        return


def _tally(folder: Path) -> tuple[int, int] | None:
    """The folder's tally: its bytes, and when they were last counted; None if it has none that can be read."""
    try:
        size, counted = (int(part) for part in (folder / TALLY).read_bytes().split())
    except (OSError, ValueError):
        return None
    return size, counted


def _set_tally(folder: Path, size: int, counted: int) -> None:
    _store(folder / TALLY, f"{size} {counted}".encode())


def _record(folder: Path, tallied: tuple[int, int] | None) -> None:
    """Add what this process wrote to the folder since it last did to the folder's tally (`tallied`, as
    `_tally` read it), if it has one."""
    written = _written.pop(folder, 0)
    if written and tallied is not None:
        _set_tally(folder, tallied[0] + written, tallied[1])


class _Writer:
    """One thread that writes entries to disk while the run that stored them goes on: creating
    thousands of files costs seconds of waiting, which the thread spends beside the run's own work.
    Whatever it still holds is written before the process ends (`atexit`)."""

    def __init__(self) -> None:
        self.queue: queue.Queue[tuple[Path, bytes]] = queue.Queue()
        self.owner: int | None = None  # the process whose thread this is (a forked worker's copy has none)
        self.starting = threading.Lock()

    def put(self, path: Path, data: bytes) -> None:
        with self.starting:
            if self.owner != os.getpid():
                self.queue = queue.Queue()
                self.owner = os.getpid()
                threading.Thread(target=self._run, args=(self.queue,), name="cache writer", daemon=True).start()
            self.queue.put((path, data))

    def flush(self) -> None:
        if self.owner == os.getpid():
            self.queue.join()

    @staticmethod
    def _run(entries: queue.Queue[tuple[Path, bytes]]) -> None:
        while True:
            path, data = entries.get()
            try:
                _store(path, data)
            except Exception:  # whatever fails, the entry is only left out: the thread goes on
                pass
            finally:
                entries.task_done()


_writer = _Writer()


@atexit.register
def _at_exit() -> None:
    """Before the process ends: every entry on disk, and what it wrote added to each folder's tally."""
    _writer.flush()
    for folder in list(_written):
        _record(folder, _tally(folder))


class _Unpickler(pickle.Unpickler):
    """Unpickle only this package's own data types (its dataclasses and pydantic models), dates, sets and
    frozensets: never a function, a command, or a class that does work when it is made."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _SAFE_BUILTINS:
            return _SAFE_BUILTINS[module, name]
        if module.startswith("build_scripts.") and module != "build_scripts.__main__":
            found = getattr(importlib.import_module(module), name, None)  # imported if it is not yet
            if isinstance(found, type) and found.__module__ == module and _holds_data(found):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")


def _holds_data(cls: type) -> bool:
    """A dataclass or a pydantic model (pydantic is loaded by then if the class is one)."""
    pydantic = sys.modules.get("pydantic")
    return dataclasses.is_dataclass(cls) or (pydantic is not None and issubclass(cls, pydantic.BaseModel))
