"""Stage 2, validate: turn parsed documents into typed models, naming every mistake."""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from build_scripts.errors import Problem, did_you_mean
from build_scripts.load import Documents, parse_bytes
from build_scripts.models import ActorRegistry, Explainer, GeoFile, Glossary
from build_scripts.text import text_problem_at
from build_scripts.yamlload import Data, Document, Path

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Loaded:
    """One valid explainer with the document it came from (for locating later problems)."""

    slug: str
    doc: Document
    model: Explainer


@dataclass(frozen=True)
class Content:
    """Every valid model; a shared file that failed is None, a failed explainer is absent.

    `documents` holds every explainer that parsed, valid or not, for the checks that read
    the YAML itself.
    """

    actors: tuple[Document, ActorRegistry] | None
    glossary: tuple[Document, Glossary] | None
    explainers: list[Loaded]
    documents: list[Document]
    maps: dict[str, GeoFile] = field(default_factory=dict)
    """The valid GeoJSON files of content/maps/, keyed like `maps/<name>.geojson`."""
    map_files: frozenset[str] = frozenset()
    """The name of every file in content/maps/, valid or not."""


@dataclass(frozen=True)
class Checked(Generic[M]):
    """One file parsed and validated: the unit of work that is done once per version of a file."""

    doc: Document | None
    """None when the file is not valid YAML."""
    model: M | None
    """None when the file is not valid."""
    problems: list[Problem]


def check_file(shown: str, raw: bytes, model: type[M]) -> Checked[M]:
    """Parse one file's bytes and validate the document against `model`."""
    doc, problems = parse_bytes(shown, raw)
    if doc is None:
        return Checked(None, None, problems)
    result, problems = validate_document(doc, model)
    return Checked(doc, result, problems)


def assemble(
    actors: Checked[ActorRegistry] | None,
    glossary: Checked[Glossary] | None,
    explainers: dict[str, Checked[Explainer]],
    maps: dict[str, Checked[GeoFile]] | None = None,
) -> tuple[Content, list[Problem]]:
    """Gather the checked files into the Content, with every problem found in them."""
    maps = maps or {}
    problems = [p for c in (actors, glossary, *explainers.values(), *maps.values()) if c for p in c.problems]
    loaded = [Loaded(slug, c.doc, c.model) for slug, c in sorted(explainers.items()) if c.doc and c.model]
    documents = [c.doc for _, c in sorted(explainers.items()) if c.doc]
    geo = {name: c.model for name, c in sorted(maps.items()) if c.model}
    return Content(_valid(actors), _valid(glossary), loaded, documents, geo, frozenset(maps)), problems


def _valid(checked: Checked[M] | None) -> tuple[Document, M] | None:
    return (checked.doc, checked.model) if checked and checked.doc and checked.model else None


def validate(docs: Documents) -> tuple[Content, list[Problem]]:
    """Validate each document against its model, gathering every problem."""

    def checked(doc: Document | None, model: type[M]) -> Checked[M] | None:
        return None if doc is None else Checked(doc, *validate_document(doc, model))

    explainers = {slug: Checked(doc, *validate_document(doc, Explainer)) for slug, doc in docs.explainers.items()}
    maps = {  # a file that did not parse is named, with no model; load() has reported it
        name: checked(doc, GeoFile) or Checked(None, None, []) for name, doc in docs.maps.items()
    }
    return assemble(checked(docs.actors, ActorRegistry), checked(docs.glossary, Glossary), explainers, maps)


def validate_document(doc: Document, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate one document; return the model, or None and its problems."""
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), f"expected a mapping of fields (key: value), got {_describe(doc.data)}")]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, [_problem(doc, model, error) for error in exc.errors()]


def _problem(doc: Document, model: type[BaseModel], error: Any) -> Problem:
    path: Path = tuple(error["loc"])
    kind = error["type"]
    given: Data = error.get("input")
    if kind == "extra_forbidden":
        name = str(path[-1])
        hint = did_you_mean(name, _fields_at(model, path[:-1]))
        return doc.problem(path, f"unknown field '{name}'{hint}", key=True)
    if kind == "missing":
        return doc.problem(path, "required field is missing", key=True)
    if given is None and kind.endswith("_type"):
        return doc.problem(path, "is empty; give a value")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return doc.problem(path, f"expected a mapping of fields (key: value), got {_describe(given)}")
    if kind == "list_type":
        return doc.problem(path, f"expected a list (lines starting with '- '), got {_describe(given)}")
    if kind == "string_type":
        return doc.problem(path, f"expected text, got {_describe(given)}")
    if kind == "too_short" and isinstance(given, list):
        least = error["ctx"]["min_length"]
        return doc.problem(path, f"needs at least {least} item{'s' if least != 1 else ''}")
    if kind == "text" and isinstance(given, str) and (found := text_problem_at(given)):
        return doc.problem(path, found[0], at=(given, found[1]))  # at the offending characters
    if kind == "literal_error":
        return doc.problem(path, f"{str(given)[:40]!r} is not allowed: expected {error['ctx']['expected']}")
    return doc.problem(path, str(error["msg"]).removeprefix("Value error, "))


def _describe(value: Data) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"text {value[:40]!r}"


def _fields_at(model: type[BaseModel], path: Path) -> list[str]:
    """Return the field names of the model found at `path` under `model`."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if _is_model(current) else None
        if field is None:
            return []
        current = _inner_model(field.annotation)
    return list(current.model_fields) if _is_model(current) else []


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _inner_model(annotation: Any) -> Any:
    """Find the model class inside `list[X]`, `X | None` and the like."""
    if _is_model(annotation):
        return annotation
    for arg in typing.get_args(annotation):
        if (found := _inner_model(arg)) is not None:
            return found
    return None
