"""Golden files: the generated Markdown for the real content and the fixture topics.

After an intended change, run `make goldens` and review the diff of tests/goldens/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_scripts.pipeline import generate
from tests.conftest import FIXTURES, ROOT

GOLDENS = Path(__file__).resolve().parent / "goldens"
CASES = {"real": ROOT / "content"} | {p.name: p / "content" for p in sorted(FIXTURES.iterdir()) if p.is_dir()}


@pytest.mark.parametrize("case", sorted(CASES))
def test_generated_markdown_matches_the_goldens(case: str, update_goldens: bool) -> None:
    pages = generate(CASES[case]).pages
    folder = GOLDENS / case
    if update_goldens:
        shutil.rmtree(folder, ignore_errors=True)
        for rel, text in pages.items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_text(text, encoding="utf-8", newline="\n")
    expected = {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file()
    }
    assert sorted(pages) == sorted(expected), "pages added or removed: run `make goldens` and review the diff"
    for rel, text in pages.items():
        assert text == expected[rel], f"{rel} differs from its golden: run `make goldens` and review the diff"


def test_generation_is_deterministic() -> None:
    assert generate(CASES["real"]).pages == generate(CASES["real"]).pages
