"""Shared test helpers: small content trees built inline, and the golden-file switch."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from build_scripts import memo

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ADDRESSES = ("SITE_URL", "SITE_EDIT_URI")
"""The published and edit addresses, read from the environment as in the deploy job; tests
set them themselves or build without them, whatever the shell that runs them has."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite the golden files instead of comparing")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with no remembered results, and the environment of a plain local run."""
    memo.forget()
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
