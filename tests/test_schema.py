"""The JSON Schemas: up to date, named by every content file, and agreeing with the models."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from build_scripts import schema, usage
from build_scripts.pipeline import generate
from build_scripts.scaffold import new
from tests.sites import FIXTURES, ROOT

SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\n")


class Yaml12Loader(yaml.SafeLoader):
    """Resolve scalars as YAML 1.2's core schema does, like the YAML language server in editors."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def content_files() -> list[Path]:
    roots = [ROOT / "content", *(p / "content" for p in sorted(FIXTURES.iterdir()) if p.is_dir())]
    return [path for root in roots for path in sorted(root.rglob("*.yaml"))]


def schema_name(path: Path) -> str:
    return "explainer" if path.parent.name == "explainers" else path.stem


def validator(name: str) -> jsonschema.Draft202012Validator:
    text = (ROOT / schema.SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")
    return jsonschema.Draft202012Validator(json.loads(text), format_checker=jsonschema.FormatChecker())


def test_the_schemas_and_the_field_reference_are_up_to_date() -> None:
    for rel, text in schema.outputs(ROOT).items():
        assert (ROOT / rel).read_text(encoding="utf-8") == text, f"{rel} is stale: run `python -m build_scripts schema`"


def test_the_field_reference_names_every_field_of_every_model() -> None:
    reference = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for model in schema.MODELS.values():
        for spec in [model.model_json_schema(), *model.model_json_schema().get("$defs", {}).values()]:
            for field in spec["properties"]:
                assert f"| `{field}` |" in reference


def cases(paths: list[Path]) -> list[Any]:
    """Parameters for each file; those of the live content are marked `live`."""
    live = ROOT / "content"
    return [
        pytest.param(p, id=p.relative_to(ROOT).as_posix(), marks=[pytest.mark.live] if p.is_relative_to(live) else [])
        for p in paths
    ]


@pytest.mark.parametrize("path", cases([p for p in content_files() if p.is_relative_to(ROOT / "content")]))
def test_every_content_file_names_its_schema(path: Path) -> None:
    match = SCHEMA_LINE.match(path.read_text(encoding="utf-8"))
    assert match, "the first line must be `# yaml-language-server: $schema=...`"
    assert (path.parent / match.group(1)).resolve() == (ROOT / schema.SCHEMA_DIR / f"{schema_name(path)}.schema.json")


@pytest.mark.parametrize("path", cases(content_files()))
def test_every_content_file_is_valid_against_its_schema(path: Path) -> None:
    data: Any = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(schema_name(path)).iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"titel": "x"}, "Additional properties are not allowed ('titel' was unexpected)"),
        ({"published": "2023-02-30"}, "'2023-02-30' is not a 'date'"),
        ({"tags": ["Not An Id"]}, "'Not An Id' does not match"),
    ],
)
def test_the_schema_catches_mistakes(change: dict[str, Any], message: str) -> None:
    path = FIXTURES / "sample" / "content" / "explainers" / "dam-dispute.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
    errors = [e.message for e in validator("explainer").iter_errors(data | change)]
    assert any(message in error for error in errors), errors


def test_a_new_explainer_passes_check_and_its_schema(minimal: Path) -> None:
    path = new(minimal, "fresh-topic")
    assert SCHEMA_LINE.match(path.read_text(encoding="utf-8"))
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
    assert list(validator("explainer").iter_errors(data)) == []
    generated = generate(minimal)
    assert "explainers/fresh-topic.md" in generated.pages
    assert {w.message for w in generated.warnings} == {usage.PLACEHOLDER}


def test_every_todo_of_a_new_explainer_is_warned_about_on_its_line_its_sources_address_too(minimal: Path) -> None:
    path = new(minimal, "fresh-topic")
    lines = path.read_text(encoding="utf-8").splitlines()
    todos = {n for n, line in enumerate(lines, 1) if "TODO" in line and not line.lstrip().startswith("#")}
    assert any("url:" in lines[n - 1] for n in todos)
    warned = {w.line for w in generate(minimal).warnings if w.path.endswith("fresh-topic.yaml")}
    assert warned == todos
