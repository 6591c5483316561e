"""Stage 1, load: read the files of content/ and parse each one as strict YAML."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from build_scripts import memo
from build_scripts.errors import ContentError, Problem
from build_scripts.fields import RESERVED
from build_scripts.yamlload import Document, decode, parse

ACTORS = "actors.yaml"
GLOSSARY = "glossary.yaml"
EXPLAINERS = "explainers"
MAPS = "maps"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Documents:
    """The parsed files of one content folder; a file that failed to parse is None."""

    actors: Document | None
    glossary: Document | None
    explainers: dict[str, Document]
    maps: dict[str, Document | None] = field(default_factory=dict)
    """The GeoJSON files of content/maps/, keyed like `maps/<name>.geojson`; None if it did not parse."""


def display_path(path: Path) -> str:
    """Name a file as contributors see it: relative to the working folder when inside it."""
    try:  # absolute(), not resolve(): a symbolic link is named as itself
        return path.absolute().relative_to(Path.cwd().absolute()).as_posix()
    except ValueError:
        return path.as_posix()


def read_document(path: Path) -> tuple[Document | None, list[Problem]]:
    """Read and parse one file, returning its problems instead of raising.

    A file whose bytes were parsed before in this process is not parsed again.
    """
    shown = display_path(path)
    if path.is_symlink():
        return None, [Problem(shown, 1, 1, "", "symbolic links are not allowed in content/")]
    try:
        stat = path.stat()
        # While serving, a file whose size and modification time have not changed is not read again.
        seen = _seen.get(shown)
        if seen and seen[0] == (stat.st_mtime_ns, stat.st_size) and memo.holds(("parse", shown, seen[1])):
            return memo.remember(("parse", shown, seen[1]), lambda: (None, []))
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown, 1, 1, "", f"cannot read the file: {exc.strerror}")]
    digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
    _seen[shown] = ((stat.st_mtime_ns, stat.st_size), digest)
    return memo.remember(("parse", shown, digest), lambda: _parse(shown, raw, digest))


_seen: dict[str, tuple[tuple[int, int], str]] = {}


def _parse(shown: str, raw: bytes, digest: str) -> tuple[Document | None, list[Problem]]:
    try:
        doc = parse(shown, decode(shown, raw))
    except ContentError as exc:
        return None, exc.problems
    doc.digest = digest
    return doc, []


def load(content_dir: Path) -> tuple[Documents, list[Problem]]:
    """Parse actors.yaml, glossary.yaml and every explainers/<slug>.yaml, in name order."""
    problems: list[Problem] = []
    shared: dict[str, Document | None] = {}
    for name in (ACTORS, GLOSSARY):
        path = content_dir / name
        if not path.exists():
            problems.append(Problem(display_path(path), 1, 1, "", "file is missing"))
            shared[name] = None
            continue
        shared[name], found = read_document(path)
        problems += found

    explainers: dict[str, Document] = {}
    folder = content_dir / EXPLAINERS
    if folder.is_symlink():
        problems.append(Problem(display_path(folder), 1, 1, "", "symbolic links are not allowed in content/"))
        return Documents(shared[ACTORS], shared[GLOSSARY], {}), problems
    names = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    for name in names:
        path = folder / name
        slug, dot, ext = name.partition(".")
        if name.startswith("."):
            continue
        if path.is_dir() or dot != "." or ext != "yaml":
            problems.append(Problem(display_path(path), 1, 1, "", "explainers/ holds only <slug>.yaml files"))
            continue
        if not SLUG.match(slug):
            message = f"file name {slug!r} is not a slug: use lowercase words joined by hyphens"
            problems.append(Problem(display_path(path), 1, 1, "", message))
            continue
        if slug in RESERVED:
            message = f"'{slug}' is a name the site uses for itself; choose another file name"
            problems.append(Problem(display_path(path), 1, 1, "", message))
            continue
        doc, found = read_document(path)
        problems += found
        if doc is not None:
            explainers[slug] = doc
    maps, found = _maps(content_dir / MAPS)
    return Documents(shared[ACTORS], shared[GLOSSARY], explainers, maps), problems + found


def _maps(folder: Path) -> tuple[dict[str, Document | None], list[Problem]]:
    """Parse every content/maps/<name>.geojson (JSON is YAML: each value keeps its line and column)."""
    maps: dict[str, Document | None] = {}
    problems: list[Problem] = []
    if folder.is_symlink():
        return maps, [Problem(display_path(folder), 1, 1, "", "symbolic links are not allowed in content/")]
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        name, dot, ext = path.name.partition(".")
        if path.name.startswith("."):
            continue
        if path.is_dir() or dot != "." or ext != "geojson" or not SLUG.match(name):
            problems.append(Problem(display_path(path), 1, 1, "", "maps/ holds only <name>.geojson files"))
            continue
        maps[f"{MAPS}/{path.name}"], found = read_document(path)
        problems += found
    return maps, problems
