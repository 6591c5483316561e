"""Stage 5, write: put the rendered pages under docs/, touching only what changed.

The write is a transaction. Every changed page is first written beside its target as a
temporary file; then each target is swapped in, keeping the old file as a backup; the
backups are removed only when every swap has succeeded. If anything fails on the way,
the old files are put back and the temporary files removed, so docs/ is as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

Status = tuple[int, int, int, int, int]
"""A file's size, modification and change times (ns), inode and device."""
Stamp = tuple[Status, str, int]
"""A file as a write left it or found it: its status, its digest, and when that was seen (ns since the epoch)."""
RACY_NS = 2_000_000_000
"""A stamp is trusted only for a file last modified this long before it was taken: a file changed again
within one tick of a coarse clock (some file systems keep times to the second, or to two) keeps its status."""
FINE_RACY_NS = 50_000_000
"""The same, on a file system that keeps times finer than a second (its file's time is not a whole second):
there the clock a file's time comes from ticks every few milliseconds at most."""


GENERATED = ("actors", "explainers", "feed.xml", "glossary", "index.md", "methodology.md", "timeline")
"""The folders and files under docs/ that the generator owns; they are git-ignored.

The home page is generated too, so that it lists the explainers, newest first, and so is
the methodology page, which names the site's publisher, licence and corrections address.

The feed sits at the root: the theme takes every `<link rel="alternate">` for a translation
and asks for a sitemap.xml beside it, which exists only at the root.
"""


@dataclass
class WriteReport:
    """What a write did, path by path (relative to the output folder)."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    stamps: dict[str, Stamp] = field(default_factory=dict)
    """Each page's file as the write left it, for the next write's `stamps` (pages given `known` only)."""

    def __str__(self) -> str:
        return f"{len(self.written)} written, {len(self.removed)} removed, {self.unchanged} unchanged"


def write(
    pages: Mapping[str, str | bytes],
    out_dir: Path,
    *,
    owned: tuple[str, ...],
    known: Mapping[str, tuple[int, str]] | None = None,
    stamps: Mapping[str, Stamp] | None = None,
) -> WriteReport:
    """Write `pages` under `out_dir` and remove other files in the `owned` folders, all or nothing.

    A page whose bytes are already on disk is left alone, so its modification time (which
    `mkdocs serve` watches) does not change. `known` gives the size and `digest` of pages by
    path: a file on disk is compared with those instead, and the page itself is read from
    `pages` only if it must be written. `stamps` (an earlier write's `WriteReport.stamps`)
    say which files hold which digest while their status (size, times, inode) is unchanged:
    such a file is not read again.
    """
    known, stamps = known or {}, stamps or {}
    report = WriteReport()
    changes: dict[Path, bytes | None] = {}  # None: remove
    for rel in sorted(pages):
        target = out_dir / rel
        if rel in known and (stamp := _matches(target, *known[rel], stamps.get(rel))):
            report.unchanged += 1
            report.stamps[rel] = stamp
            continue
        content = pages[rel]
        data = content.encode("utf-8") if isinstance(content, str) else content
        if _holds(target, data):
            report.unchanged += 1
        else:
            changes[target] = data
            report.written.append(rel)
    for folder in owned:
        for rel in _files(out_dir, folder):
            if rel not in pages:
                changes[out_dir / rel] = None
                report.removed.append(rel)
    _Transaction(changes).run()
    for rel in report.written:
        if rel in known:
            with contextlib.suppress(OSError):
                report.stamps[rel] = (_stat(out_dir / rel), known[rel][1], time.time_ns())
    if report.removed:
        for folder in owned:
            _remove_empty_folders(out_dir / folder)
    return report


def digest(data: bytes) -> str:
    """A page's digest, to tell whether a file on disk holds it without holding the page."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _matches(target: Path, size: int, expected: str, stamp: Stamp | None) -> Stamp | None:
    """The stamp of the file at `target` if it has this size and digest, else None; it is read only if
    its earlier `stamp` does not say so (the same status, seen well after the file was last modified)."""
    try:
        now = _stat(target)
        if now[0] != size:
            return None
        guard = RACY_NS if now[1] % 1_000_000_000 == 0 else FINE_RACY_NS
        if stamp is not None and stamp[0] == now and stamp[1] == expected and now[1] < stamp[2] - guard:
            return stamp
        return (now, expected, time.time_ns()) if digest(target.read_bytes()) == expected else None
    except OSError:
        return None


def _stat(target: Path) -> Status:
    found = target.stat()
    return found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino, found.st_dev


def _files(root: Path, folder: str) -> list[str]:
    """Every file (or link) under root/folder, as sorted paths relative to root; folder may be a file."""
    if (root / folder).is_file():
        return [folder]
    found: list[str] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(root / current))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            rel = f"{current}/{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                pending.append(rel)
            else:
                found.append(rel)
    return sorted(found)


def _holds(target: Path, data: bytes) -> bool:
    """Tell whether the file at `target` holds exactly `data`."""
    try:
        if target.stat().st_size != len(data):
            return False
        return target.read_bytes() == data
    except OSError:
        return False


class _Transaction:
    """Apply file changes all together, or not at all."""

    def __init__(self, changes: dict[Path, bytes | None]) -> None:
        self.changes = changes
        self.staged: dict[Path, Path] = {}  # target -> temporary file with its new bytes
        self.backups: dict[Path, Path] = {}  # target -> its old file, moved aside
        self.created: list[Path] = []  # targets that did not exist before
        self.made_dirs: list[Path] = []

    def run(self) -> None:
        try:
            for target, data in self.changes.items():
                if data is not None:
                    self.staged[target] = self._stage(target, data)
            for target in self.changes:
                self._swap(target)
        except BaseException:
            self._roll_back()
            raise
        for backup in self.backups.values():
            backup.unlink(missing_ok=True)

    def _stage(self, target: Path, data: bytes) -> Path:
        for parent in reversed(target.parents):
            if not parent.exists():
                parent.mkdir()
                self.made_dirs.append(parent)
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".new")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        return Path(name)

    def _swap(self, target: Path) -> None:
        if target.exists() or target.is_symlink():
            fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old")
            os.close(fd)
            backup = Path(name)
            try:
                target.replace(backup)
            except BaseException:
                backup.unlink(missing_ok=True)
                raise
            self.backups[target] = backup
        else:
            self.created.append(target)
        if target in self.staged:
            self.staged[target].replace(target)
            del self.staged[target]

    def _roll_back(self) -> None:
        for target in self.created:
            target.unlink(missing_ok=True)
        for target, backup in self.backups.items():
            backup.replace(target)
        for temporary in self.staged.values():
            temporary.unlink(missing_ok=True)
        for folder in reversed(self.made_dirs):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()


def _remove_empty_folders(root: Path) -> None:
    if not root.is_dir():
        return
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
