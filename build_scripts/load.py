"""Stage 1, load: read the files of content/ and parse each one as strict YAML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

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
    """Read and parse one file, returning its problems instead of raising."""
    shown = display_path(path)
    if path.is_symlink():
        return None, [Problem(shown, 1, 1, "", "symbolic links are not allowed in content/")]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown, 1, 1, "", f"cannot read the file: {exc.strerror}")]
    return parse_bytes(shown, raw)


def parse_bytes(shown: str, raw: bytes) -> tuple[Document | None, list[Problem]]:
    """Parse one file's bytes, named `shown` in problems; return the document or its problems."""
    try:
        return parse(shown, decode(shown, raw)), []
    except ContentError as exc:
        return None, exc.problems


@dataclass(frozen=True)
class Files:
    """The bytes of every content file, each with the name problems give it; a file that could not be read is None."""

    actors: tuple[str, bytes] | None
    glossary: tuple[str, bytes] | None
    explainers: dict[str, tuple[str, bytes]]
    """By slug, in name order."""
    maps: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    """The GeoJSON files of content/maps/, keyed like `maps/<name>.geojson`, in name order."""

    def each(self) -> list[tuple[str, bytes]]:
        """Every file that was read, shared files first, the maps' lines and areas last."""
        return (
            [f for f in (self.actors, self.glossary) if f] + list(self.explainers.values()) + list(self.maps.values())
        )


def read(content_dir: Path, *, only: str | None = None) -> tuple[Files, list[Problem]]:
    """Read actors.yaml, glossary.yaml and every explainers/<slug>.yaml, in name order; refuse misnamed files.

    With `only`, read the one explainer of that slug and no other.
    """
    problems: list[Problem] = []
    shared: dict[str, tuple[str, bytes] | None] = {}
    for name in (ACTORS, GLOSSARY):
        path = content_dir / name
        if not path.exists() and not path.is_symlink():
            problems.append(Problem(display_path(path), 1, 1, "", "file is missing"))
            shared[name] = None
            continue
        shared[name] = _read(path, problems)

    explainers: dict[str, tuple[str, bytes]] = {}
    folder = content_dir / EXPLAINERS
    if folder.is_symlink():
        problems.append(Problem(display_path(folder), 1, 1, "", "symbolic links are not allowed in content/"))
        return Files(shared[ACTORS], shared[GLOSSARY], {}), problems
    names = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    if only is not None:
        names = [f"{only}.yaml"]
        if not (folder / names[0]).is_file():
            problems.append(Problem(display_path(folder / names[0]), 1, 1, "", "no such explainer to preview"))
            names = []
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
        if (found := _read(path, problems)) is not None:
            explainers[slug] = found
    return Files(shared[ACTORS], shared[GLOSSARY], explainers, _maps(content_dir / MAPS, problems)), problems


def _maps(folder: Path, problems: list[Problem]) -> dict[str, tuple[str, bytes]]:
    """Read every content/maps/<name>.geojson (JSON is YAML: parsed, each value keeps its line and column)."""
    maps: dict[str, tuple[str, bytes]] = {}
    if folder.is_symlink():
        problems.append(Problem(display_path(folder), 1, 1, "", "symbolic links are not allowed in content/"))
        return maps
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        name, dot, ext = path.name.partition(".")
        if path.name.startswith("."):
            continue
        if path.is_dir() or dot != "." or ext != "geojson" or not SLUG.match(name):
            problems.append(Problem(display_path(path), 1, 1, "", "maps/ holds only <name>.geojson files"))
            continue
        if (found := _read(path, problems)) is not None:
            maps[f"{MAPS}/{path.name}"] = found
    return maps


def _read(path: Path, problems: list[Problem]) -> tuple[str, bytes] | None:
    shown = display_path(path)
    if path.is_symlink():
        problems.append(Problem(shown, 1, 1, "", "symbolic links are not allowed in content/"))
        return None
    try:
        return shown, path.read_bytes()
    except OSError as exc:
        problems.append(Problem(shown, 1, 1, "", f"cannot read the file: {exc.strerror}"))
        return None


def load(content_dir: Path) -> tuple[Documents, list[Problem]]:
    """Read and parse actors.yaml, glossary.yaml and every explainers/<slug>.yaml, in name order."""
    files, problems = read(content_dir)

    def parsed(file: tuple[str, bytes] | None) -> Document | None:
        if file is None:
            return None
        doc, found = parse_bytes(*file)
        problems.extend(found)
        return doc

    explainers = {slug: doc for slug, file in files.explainers.items() if (doc := parsed(file)) is not None}
    maps = {name: parsed(file) for name, file in files.maps.items()}
    return Documents(parsed(files.actors), parsed(files.glossary), explainers, maps), problems
