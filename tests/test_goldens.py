"""Golden files: the generated Markdown of the tests' own fixture topics.

After an intended change, run `make goldens` and review the diff of tests/goldens/. The
live content has no goldens: a correction to it must not need a change under tests/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_scripts.cache import CACHE_ENV
from build_scripts.pipeline import generate
from tests.sites import FIXTURES

GOLDENS = Path(__file__).resolve().parent / "goldens"
CASES = {p.name: p / "content" for p in sorted(FIXTURES.iterdir()) if p.is_dir()}


@pytest.mark.parametrize("case", sorted(CASES))
def test_generated_markdown_matches_the_goldens(case: str, update_goldens: bool) -> None:
    # The share images are pictures, checked in tests/test_sharing.py; goldens hold the text.
    pages = {rel: data.encode("utf-8") for rel, data in generate(CASES[case]).pages.items() if isinstance(data, str)}
    folder = GOLDENS / case
    if update_goldens:
        shutil.rmtree(folder, ignore_errors=True)
        for rel, data in pages.items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_bytes(data)
    expected = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert sorted(pages) == sorted(expected), "pages added or removed: run `make goldens` and review the diff"
    for rel, text in pages.items():
        assert text == expected[rel], f"{rel} differs from its golden: run `make goldens` and review the diff"


@pytest.mark.parametrize("case", sorted(CASES))
def test_generation_is_deterministic(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = generate(CASES[case]).pages
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "another"))  # a second cold run: an empty cache
    assert generate(CASES[case]).pages == first
