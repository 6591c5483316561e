"""Shared fixtures: a clean environment per test, small content trees, the two built sites, the golden switch."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from build_scripts.cache import CACHE_ENV
from tests.sites import ADDRESSES, EDIT_URI, FIXTURES, ROOT, SAMPLE, build_project, mkdocs_build


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Start the slow tests first: on several cores (`pytest -n auto`) the others fill in around them."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite the golden files instead of comparing")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Each test starts with the environment of a plain local run, and an empty cache folder of its own."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path_factory.mktemp("cache")))
    for name in ("GITHUB_ACTIONS", *ADDRESSES):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Write `files` ({relative path: text}, dedented) under root and return root."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def minimal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the smallest valid content tree, in a working folder of its own.

    The working folder is tmp_path, so problems name files as `content/...`.
    """
    shutil.copytree(FIXTURES / "minimal" / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "content"


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample topics (tests/fixtures/sample), in a working folder of its own."""
    shutil.copytree(SAMPLE, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "content"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample topics (tests/fixtures/sample), built strictly once per session; returns site/."""
    root = tmp_path_factory.mktemp("sample")
    write_tree(root, {"docs/about.md": "# About\n\nWe follow the Weir Accord closely.\n"})  # a hand-written page
    result = build_project(root, SAMPLE, SITE_EDIT_URI=EDIT_URI)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def literal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The literal-text fixture topic (markup-like text everywhere), built strictly once per session."""
    root = tmp_path_factory.mktemp("literal")
    result = build_project(root, FIXTURES / "literal-text" / "content")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def live_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of whatever content/ holds, built strictly once per session; returns site/."""
    out = tmp_path_factory.mktemp("live")
    result = mkdocs_build(ROOT, "--site-dir", str(out), SITE_EDIT_URI=EDIT_URI)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return out
