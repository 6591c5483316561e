"""Stage 5, write: put the rendered pages under docs/, touching only what changed."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class WriteReport:
    """What a write did, path by path (relative to the output folder)."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{len(self.written)} written, {len(self.removed)} removed, {self.unchanged} unchanged"


def write(pages: dict[str, str], out_dir: Path, *, owned: tuple[str, ...]) -> WriteReport:
    """Write `pages` under `out_dir`; remove other files in the `owned` folders.

    A page whose bytes are already on disk is left alone, so its modification time (which
    `mkdocs serve` watches) does not change. Each file is replaced atomically.
    """
    report = WriteReport()
    for rel, content in sorted(pages.items()):
        target = out_dir / rel
        data = content.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            report.unchanged += 1
            continue
        _atomic_write(target, data)
        report.written.append(rel)
    for folder in owned:
        root = out_dir / folder
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*"), reverse=True):
            rel = path.relative_to(out_dir).as_posix()
            if path.is_dir() and not path.is_symlink():
                if not any(path.iterdir()):
                    path.rmdir()
            elif rel not in pages:
                path.unlink()
                report.removed.append(rel)
    return report


def _atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
