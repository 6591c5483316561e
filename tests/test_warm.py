"""Reused work never shows: after any edit, a warm rebuild gives what a cold one gives."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from build_scripts.cache import CACHE_ENV
from build_scripts.errors import ContentError
from build_scripts.pipeline import generate
from tests.test_validate import edit


def cold(content: Path) -> dict[str, str | bytes]:
    """Generate with an empty cache, as a new process on a fresh clone would."""
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, folder)
        return generate(content).pages


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        ("explainers/bridge-dispute.yaml", "Northland says the bridge", "Northland now says the bridge"),
        ("actors.yaml", "name: Ana North", "name: Anna North"),
        ("actors.yaml", "Northland's foreign minister.", "The foreign minister of Northland."),
        ("glossary.yaml", "short: The border along the river.", "short: The frontier along the river."),
        ("glossary.yaml", "other_names: [the line]", "other_names: [the line, the bridge]"),
    ],
)
def test_a_warm_rebuild_after_an_edit_equals_a_cold_build(minimal: Path, rel: str, old: str, new: str) -> None:
    warm_before = generate(minimal).pages
    assert warm_before == cold(minimal)
    generate(minimal)  # warm the caches again
    edit(minimal, rel, old, new)
    warm_after = generate(minimal).pages
    assert warm_after != warm_before
    assert warm_after == cold(minimal)


def test_a_glossary_edit_changes_the_terms_found_in_an_unchanged_explainer(minimal: Path) -> None:
    edit(minimal, "explainers/bridge-dispute.yaml", "glossary: [river-line]", "glossary: []")  # found in its text only
    warm_before = generate(minimal).pages
    edit(minimal, "glossary.yaml", "term: river line", "term: frontier")  # which its text does not use
    warm_after = generate(minimal).pages
    assert warm_after != warm_before
    assert warm_after == cold(minimal)


def test_an_edit_that_breaks_a_file_is_reported_though_the_old_version_was_cached(minimal: Path) -> None:
    generate(minimal)
    edit(minimal, "explainers/bridge-dispute.yaml", "claimed_by: southland", "claimed_by: southlnd")
    with pytest.raises(ContentError, match="unknown actor 'southlnd'"):
        generate(minimal)
    edit(minimal, "explainers/bridge-dispute.yaml", "claimed_by: southlnd", "claimed_by: southland")
    assert generate(minimal).pages == cold(minimal)
