"""The site's search index: what Pagefind indexes of the built sample site, and indexing again.

The browser tests (tests/test_browser.py) search the sample site as a reader would.
"""

from __future__ import annotations

import gzip
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from build_scripts import cache, pipeline, search
from build_scripts.cache import CACHE_ENV


@dataclass(frozen=True)
class Indexed:
    """One page as the index holds it: its address, title and text."""

    url: str
    title: str
    text: str


def indexed(site: Path) -> dict[str, Indexed]:
    """Every page of the site's search index, by address.

    Pagefind keeps a page in one fragment file: gzip-compressed JSON after a fixed signature.
    """
    pages = {}
    for fragment in sorted((site / search.BUNDLE / "fragment").iterdir()):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[data["url"]] = Indexed(data["url"], data["meta"]["title"], data["content"])
    return pages


def addresses(site: Path) -> list[str]:
    """The address of every page of a built site, but the 404 page."""
    pages = site.rglob("index.html")
    return sorted("/" + page.relative_to(site).as_posix().removesuffix("index.html") for page in pages)


def test_every_page_but_the_404_is_indexed(sample_site: Path) -> None:
    assert sorted(indexed(sample_site)) == addresses(sample_site)
    assert "/404.html" not in indexed(sample_site)


def test_a_page_is_indexed_by_its_own_text_without_the_theme_around_it(sample_site: Path) -> None:
    page = indexed(sample_site)["/explainers/dam-dispute/"]
    assert page.title.startswith("The Weir dam dispute")
    assert page.text.startswith(page.title)  # not "Skip to content", nor the header or the tabs
    assert "Ana North" in page.text
    assert "¶" not in page.text  # the headings' permalinks
    assert "Back to top" not in page.text
    assert "Cite this page" not in page.text and "its content as data" not in page.text  # the cite block


def test_indexing_again_forgets_a_page_that_is_gone(sample_site: Path, tmp_path: Path) -> None:
    site = shutil.copytree(sample_site, tmp_path / "site")
    shutil.rmtree(site / "actors" / "ana-north")
    search.index(site)
    assert sorted(indexed(site)) == addresses(site)
    assert "/actors/ana-north/" not in indexed(site)


def test_a_site_pagefind_cannot_index_is_an_error_with_pagefinds_words(tmp_path: Path) -> None:
    with pytest.raises(search.SearchIndexError, match="not able to build an index"):
        search.index(tmp_path)


def test_a_run_stopped_for_a_newer_build_says_so_and_the_next_run_indexes_everything(
    sample_site: Path, tmp_path: Path
) -> None:
    site = shutil.copytree(sample_site, tmp_path / "site")
    stopped = search.Indexing(site)
    stopped.stop()  # as the preview does when a save starts a build while the last one is indexed
    with pytest.raises(search.SearchIndexError, match="Pagefind was stopped"):
        stopped.wait()
    search.index(site)
    assert sorted(indexed(site)) == addresses(site)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_index_of_pages_indexed_before_is_written_back_byte_for_byte_and_a_changed_page_is_indexed_again(
    sample_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    site = shutil.copytree(sample_site, tmp_path / "site")
    first = pipeline.search_index(site, tmp_path / "content")
    assert isinstance(first, search.Indexing)
    first.wait()
    made = tree(site / search.BUNDLE)
    cache._memory.clear()  # a new process, with the cache on disk

    again = pipeline.search_index(site, tmp_path / "content")
    assert isinstance(again, search.Restored)
    assert again.wait() >= 0
    assert tree(site / search.BUNDLE) == made

    page = site / "explainers" / "dam-dispute" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Ana North", "Ana Northwind", 1), encoding="utf-8")
    changed = pipeline.search_index(site, tmp_path / "content")
    assert isinstance(changed, search.Indexing)
    changed.wait()
    assert "Ana Northwind" in indexed(site)["/explainers/dam-dispute/"].text


def test_a_stopped_run_keeps_no_index(sample_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    site = shutil.copytree(sample_site, tmp_path / "site")
    stopped = pipeline.search_index(site, tmp_path / "content")
    assert isinstance(stopped, search.Indexing)
    stopped.stop()
    with pytest.raises(search.SearchIndexError):
        stopped.wait()
    assert isinstance(pipeline.search_index(site, tmp_path / "content"), search.Indexing)


def test_pagefinds_own_configuration_is_part_of_the_kept_index_key(
    sample_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    site = shutil.copytree(sample_site, tmp_path / "site")
    pipeline.search_index(site, tmp_path / "content").wait()
    assert isinstance(pipeline.search_index(site, tmp_path / "content"), search.Restored)
    monkeypatch.setenv("PAGEFIND_EXCLUDE_SELECTORS", "h2")
    changed = pipeline.search_index(site, tmp_path / "content")
    assert isinstance(changed, search.Indexing)
    changed.wait()
