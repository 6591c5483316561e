"""The cache: reused while the inputs are the same, never trusted when its entries are not its own."""

from __future__ import annotations

import gc
import hashlib
import importlib
import os
import pickle
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from build_scripts import cache, link, pipeline, stages
from build_scripts.cache import CACHE_ENV, Cache
from build_scripts.errors import ContentError
from build_scripts.identity import Identity
from build_scripts.load import parse_bytes
from build_scripts.opendata import SCHEMA_FILE
from build_scripts.outcome import Ref
from build_scripts.pipeline import generate
from tests.test_validate import edit
from tests.test_warm_equals_cold import UNNAMED

KEY = re.compile(r"[0-9a-f]{40}")
"""A cache key."""


def cold(content: Path, folder: Path, *, topic: str | None = None) -> dict[str, str | bytes]:
    """Generate (the whole site, or a one-topic preview) with an empty cache folder and nothing in memory."""
    cache._memory.clear()
    shutil.rmtree(folder, ignore_errors=True)
    return generate(content, topic=topic).pages


@pytest.fixture
def folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


class _Command:
    """A pickle that runs a command when loaded: what a planted entry would hold."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, (f"touch {self.marker}",)


def _entry(key: str, payload: bytes) -> bytes:
    """An entry as the cache writes it: header, key, checksum, payload."""
    checksum = hashlib.blake2b(payload, digest_size=20).hexdigest().encode()
    return cache.MAGIC + key.encode() + b"\n" + checksum + b"\n" + payload


def test_garbage_in_the_cache_is_ignored_and_rewritten(minimal: Path, folder: Path, tmp_path: Path) -> None:
    expected = cold(minimal, folder)
    entries = sorted(folder.glob("*.pickle"))
    assert len(entries) >= 4  # the run, the two shared files, the explainer
    good = {entry.name: entry.read_bytes() for entry in entries}
    marker = tmp_path / "ran"
    kinds: dict[str, Callable[[str, bytes], bytes]] = {
        "empty": lambda key, data: b"",
        "random bytes": lambda key, data: os.urandom(300),
        "truncated": lambda key, data: data[:-7],
        "one byte changed": lambda key, data: data[:-20] + bytes([data[-20] ^ 1]) + data[-19:],
        "another key's entry": lambda key, data: _entry("0" * 40, data[len(cache.MAGIC) + 82 :]),
        "a command": lambda key, data: _entry(key, pickle.dumps(_Command(marker))),
        "a value of the wrong kind": lambda key, data: _entry(key, pickle.dumps(["a list"])),
    }
    for kind, plant in kinds.items():
        for entry in entries:
            entry.write_bytes(plant(entry.name.removesuffix(".pickle"), good[entry.name]))
        cache._memory.clear()  # a new process: only the disk
        assert generate(minimal).pages == expected, kind
        assert not marker.exists()
        rewritten = {entry.name: entry.read_bytes() for entry in sorted(folder.glob("*.pickle"))}
        assert rewritten == good, f"{kind}: not rewritten"


def test_every_kind_of_garbage_is_refused_by_the_reader(folder: Path, tmp_path: Path) -> None:
    store = Cache(folder)
    key = store.key("inputs")
    store.put(key, ["a", "value"])
    assert Cache(folder)._read(key) == ["a", "value"]
    marker = tmp_path / "ran"
    for data in (
        b"",
        b"not a cache entry",
        _entry(key, b"\x80\x05garbage"),
        _entry(key, pickle.dumps(_Command(marker))),
        _entry(store.key("other inputs"), pickle.dumps(["a", "value"])),
        _entry(key, pickle.dumps(["a", "value"]))[:-1],
    ):
        (folder / f"{key}.pickle").write_bytes(data)
        assert Cache(folder)._read(key) is None
    assert not marker.exists()


class _Makes:
    """A pickle that makes an object of a class of this package when loaded, with the arguments given."""

    def __init__(self, cls: type, *args: object) -> None:
        self.cls, self.args = cls, args

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return self.cls, self.args


def test_only_the_packages_data_types_come_out_of_the_cache(folder: Path) -> None:
    """Its dataclasses and models hold data; its other classes do work when made (a cache, a search run)."""
    folder.mkdir()
    key = Cache.key("inputs")
    ref = Ref("entry", 3, "digest")
    for planted, expected in ((_Makes(Ref, "entry", 3, "digest"), ref), (_Makes(Cache, None), None)):
        (folder / f"{key}.pickle").write_bytes(_entry(key, pickle.dumps(planted)))
        assert Cache(folder)._read(key) == expected


def test_a_run_on_unchanged_content_does_nothing_but_hash(minimal: Path, folder: Path) -> None:
    first = generate(minimal)

    def fail(*args: object) -> None:
        raise AssertionError("a stage ran on unchanged content")

    for process in (False, True):
        if process:
            cache._memory.clear()  # a new process, with the cache on disk
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(stages, "make", fail)
            patch.setattr("build_scripts.validate.parse_bytes", fail)
            assert generate(minimal) == first


def test_a_new_process_on_unchanged_content_imports_no_stage(minimal: Path, folder: Path, tmp_path: Path) -> None:
    """`build`, `check` and the pages of a run kept whole start without the models or the stages, and store nothing."""
    pipeline.build(minimal, tmp_path / "docs")
    for page in (tmp_path / "docs").rglob("*"):  # written a while ago: their stamps are trusted
        os.utime(page, (page.stat().st_mtime - 10, page.stat().st_mtime - 10))
    pipeline.build(minimal, tmp_path / "docs")
    pipeline.check(minimal)
    generate(minimal)
    script = (
        "import sys; from pathlib import Path; from build_scripts import pipeline; "
        "content, docs = Path(sys.argv[1]), Path(sys.argv[2]); "
        "pipeline.build(content, docs); pipeline.check(content); pipeline.generate(content); "
        "print(' '.join(sorted(sys.modules)))"
    )
    entries = {entry.name: entry.stat().st_ino for entry in folder.iterdir()}
    found = subprocess.run(
        [sys.executable, "-c", script, str(minimal), str(tmp_path / "docs")], capture_output=True, text=True, check=True
    )
    assert {entry.name: entry.stat().st_ino for entry in folder.iterdir()} == entries  # and nothing stored again
    loaded = set(found.stdout.split())
    assert "build_scripts.pipeline" in loaded
    assert loaded.isdisjoint({"build_scripts.stages", "build_scripts.models", "build_scripts.link", "jinja2"})


def test_a_run_hands_what_it_made_to_the_oldest_generation_without_walking_it(minimal: Path, folder: Path) -> None:
    """A run pauses the collector: what it makes lives until it ends. Handed back as young objects,
    all of it would be walked at the next allocation (0.3 s after one edit at 1,000 explainers)."""
    assert gc.isenabled()
    started: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(seen)
    try:
        generate(minimal)
    finally:
        gc.callbacks.remove(seen)
    assert started == []
    assert gc.isenabled()


def test_a_run_leaves_what_the_process_froze_frozen(minimal: Path, folder: Path) -> None:
    """A one-off site build freezes the generator's pages (mkdocs_hook.py); the glossary read for each
    page's links is a run too, and must not hand them back to the collector."""
    kept: list[list[object]] = [[] for _ in range(100)]  # frozen here: what the process keeps out of sight
    gc.freeze()
    try:
        generate(minimal)
        watched = {id(o) for o in gc.get_objects()}  # the collector's generations; not what is frozen
    finally:
        gc.unfreeze()
    assert watched.isdisjoint(map(id, kept))


def test_after_one_edit_only_that_file_is_parsed_again(minimal: Path, folder: Path) -> None:
    for name in ("a-topic", "b-topic", "c-topic"):
        shutil.copy(minimal / "explainers" / "bridge-dispute.yaml", minimal / "explainers" / f"{name}.yaml")
    generate(minimal)
    cache._memory.clear()  # a new process, with the cache on disk
    parsed: list[str] = []
    real = parse_bytes

    def counted(shown: str, raw: bytes) -> object:
        parsed.append(shown)
        return real(shown, raw)

    edit(minimal, "explainers/b-topic.yaml", "title: The bridge dispute", "title: The B dispute")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("build_scripts.validate.parse_bytes", counted)
        warm = generate(minimal).pages
    assert parsed == ["content/explainers/b-topic.yaml"]
    assert warm == cold(minimal, folder)


PARTS = {
    "build_scripts.opendata.explainer_schema": SCHEMA_FILE,
    "build_scripts.site_pages.methodology_page": "methodology.md",
    "build_scripts.site_pages.actors_index": "actors/index.md",
    "build_scripts.site_pages.timeline_page": "timeline/index.md",
    "build_scripts.site_pages.glossary_page": "glossary/index.md",
    "build_scripts.site_pages.explainers_index": "explainers/index.md",
}
"""The site-wide pages that read only a part of the content, and one that reads what most edits change."""


@pytest.mark.parametrize(
    ("old", "new", "made"),
    [
        ("Northland and Southland disagree", "Northland and Southland differ", {"explainers/index.md"}),
        (
            "text: The bridge is inspected.",
            "text: The bridge is surveyed.",
            {"explainers/index.md", "timeline/index.md"},
        ),
        (
            "title: The bridge dispute",
            "title: The B dispute",
            {"explainers/index.md", "timeline/index.md", "glossary/index.md"},
        ),
    ],
)
def test_a_site_wide_page_is_made_again_only_when_what_it_reads_changed(
    minimal: Path, folder: Path, old: str, new: str, made: set[str]
) -> None:
    """Each is kept on its own, under the part of the content it reads (and the site's identity)."""
    generate(minimal)
    cache._memory.clear()  # a new process, with the cache on disk
    edit(minimal, "explainers/bridge-dispute.yaml", old, new)
    with _counted() as making:
        warm = generate(minimal).pages
    assert set(making) == made
    assert warm == cold(minimal, folder)


def test_the_site_wide_pages_that_show_its_identity_are_made_again_for_another(minimal: Path, folder: Path) -> None:
    generate(minimal)
    elsewhere = Identity(url="https://example.org/elsewhere/")
    with _counted() as making:
        moved = generate(minimal, elsewhere).pages
    assert set(making) >= {SCHEMA_FILE, "methodology.md", "glossary/index.md"}
    assert making.keys().isdisjoint({"actors/index.md", "timeline/index.md"})
    assert '"$id": "https://example.org/elsewhere/explainers/explainer.schema.json"' in str(moved[SCHEMA_FILE])
    cache._memory.clear()
    assert moved == generate(minimal, elsewhere).pages


@contextmanager
def _counted() -> Iterator[dict[str, int]]:
    """How many times each page of `PARTS` is made while in the block, by path."""
    making: dict[str, int] = {}
    with pytest.MonkeyPatch.context() as patch:
        for target, path in PARTS.items():
            module, name = target.rsplit(".", 1)
            real = getattr(importlib.import_module(module), name)

            def counted(*args: Any, _real: Any = real, _path: str = path, **kwargs: Any) -> Any:
                making[_path] = making.get(_path, 0) + 1
                return _real(*args, **kwargs)

            patch.setattr(target, counted)
        yield making


def test_a_preview_after_a_build_lists_an_actors_members_as_it_would_cold(minimal: Path, folder: Path) -> None:
    """An actor's page lists its members among the site's actors, which a one-topic preview cuts down
    (focus.py) while the same explainers name the actor."""
    actors = minimal / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8") + UNNAMED)
    assert "Bob North" in str(generate(minimal).pages["actors/northland.md"])
    warm = generate(minimal, topic="bridge-dispute").pages["actors/northland.md"]
    assert warm == cold(minimal, folder, topic="bridge-dispute")["actors/northland.md"]
    assert "Bob North" not in str(warm)


def test_invalid_content_is_refused_again_from_the_cache(minimal: Path, folder: Path) -> None:
    edit(minimal, "explainers/bridge-dispute.yaml", "claimed_by: southland", "claimed_by: southlnd")
    with pytest.raises(ContentError) as first:
        generate(minimal)
    cache._memory.clear()
    with pytest.raises(ContentError) as again:
        generate(minimal)
    assert again.value.problems == first.value.problems


def test_pages_tidied_away_while_their_list_and_sizes_were_kept_are_made_again(
    minimal: Path, folder: Path, tmp_path: Path
) -> None:
    expected = cold(minimal, folder)
    store = Cache(folder)
    removed = 0
    for entry in folder.glob("*.pickle"):  # every entry that holds pages, as tidying may remove them
        found = store._read(entry.stem)
        if isinstance(found, dict) and found and all(isinstance(page, str | bytes) for page in found.values()):
            entry.unlink()
            removed += 1
    assert removed >= 3  # the explainer's own pages, an actor's page, the site-wide pages
    cache._memory.clear()
    assert generate(minimal).pages == expected
    for entry in folder.glob("*.pickle"):
        found = store._read(entry.stem)
        if isinstance(found, dict) and found and all(isinstance(page, str | bytes) for page in found.values()):
            entry.unlink()
    cache._memory.clear()
    report, _ = pipeline.build(minimal, tmp_path / "docs")
    assert len(report.written) == len(expected)


def test_after_one_edit_the_small_results_are_read_together_not_one_by_one(minimal: Path, folder: Path) -> None:
    for name in ("a-topic", "b-topic", "c-topic"):
        shutil.copy(minimal / "explainers" / "bridge-dispute.yaml", minimal / "explainers" / f"{name}.yaml")
    generate(minimal)
    edit(minimal, "explainers/b-topic.yaml", "title: The bridge dispute", "title: The B dispute")
    cache._memory.clear()  # a new process, with the cache on disk
    read: list[str] = []
    real = Cache._read

    def counted(self: Cache, key: str) -> object | None:
        found = real(self, key)
        if found is not None:
            read.append(key)
        return found

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Cache, "_read", counted)
        warm = generate(minimal).pages
    entries = {key: real(Cache(folder), key) for key in read}
    bundles = [v for v in entries.values() if isinstance(v, dict) and v and all(KEY.fullmatch(k) for k in v)]
    assert len(bundles) == 1  # the small results the last run used: each page's size and digest, each actor's terms
    assert len(bundles[0]) >= 8  # four explainers' indexes, their actors' pages' and terms
    assert set(read).isdisjoint(bundles[0])
    assert warm == cold(minimal, folder)


def test_a_cache_folder_that_cannot_be_written_only_makes_the_run_cold(
    minimal: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocked / "cache"))
    assert generate(minimal).pages == cold(minimal, tmp_path / "unused")


def test_the_key_changes_with_the_code(monkeypatch: pytest.MonkeyPatch) -> None:
    before = Cache.key("same inputs")
    monkeypatch.setattr(cache, "CODE_VERSION", "another version")
    assert Cache.key("same inputs") != before


def test_check_and_build_keep_each_others_entries(minimal: Path, folder: Path, tmp_path: Path) -> None:
    """Whatever the identity, a build after a check (and a check after a build) starts warm."""
    site = Identity(name="Another site", url="https://example.org/news/")
    pipeline.build(minimal, tmp_path / "docs", site)
    pipeline.check(minimal)
    before = {entry.name for entry in folder.glob("*.pickle")}
    cache._memory.clear()  # a new process, with the cache on disk

    def fail(*args: object) -> None:
        raise AssertionError("work was done again")

    with pytest.MonkeyPatch.context() as patch:
        for stage in ("check_file", "explainer_pages", "render"):
            patch.setattr(stages, stage, fail)
        patch.setattr(link, "explainer", fail)
        report, _ = pipeline.build(minimal, tmp_path / "docs", site)
        pipeline.check(minimal)
    assert report.written == []
    assert before <= {entry.name for entry in folder.glob("*.pickle")}


def test_a_check_finds_every_problem_a_build_finds(minimal: Path, folder: Path, tmp_path: Path) -> None:
    edit(minimal, "explainers/bridge-dispute.yaml", "claimed_by: southland", "claimed_by: southlnd")
    edit(minimal, "glossary.yaml", "term: river line", "term: River Line\n    other_names: [river line, river line]")
    with pytest.raises(ContentError) as built:
        pipeline.build(minimal, tmp_path / "docs")
    cache._memory.clear()
    shutil.rmtree(folder)
    with pytest.raises(ContentError) as checked:
        pipeline.check(minimal)
    assert checked.value.problems == built.value.problems
    assert len(checked.value.problems) >= 2


def tallied(folder: Path) -> int:
    """The bytes of the folder as its tally has them."""
    return int((folder / cache.TALLY).read_bytes().split()[0])


def test_the_least_recently_used_entries_go_first_and_only_past_the_bound(minimal: Path, folder: Path) -> None:
    generate(minimal)
    store = Cache(folder)
    old, recent = store.key("old"), store.key("recent")
    store.put(old, "x" * 50_000)
    store.put(recent, "y" * 50_000)
    tidier = Cache(folder)
    tidier.put(store.key("run's own"), "a run that used none of these, and wrote")
    os.utime(folder / f"{old}.pickle", (1, 1))  # used long ago
    size = sum(entry.stat().st_size for entry in folder.glob("*.pickle"))
    tidier.tidy(limit=size)  # within the bound: nothing goes
    assert (folder / f"{old}.pickle").is_file()
    tidier.put(store.key("more"), "written since")
    tidier.tidy(limit=size - 1000)  # past it: the least recently used go first, down to three quarters of it
    assert not (folder / f"{old}.pickle").is_file()
    assert (folder / f"{recent}.pickle").is_file()
    assert sum(entry.stat().st_size for entry in folder.glob("*.pickle")) <= (size - 1000) * cache.LEFT
    left = sorted(folder.glob("*.pickle"))
    Cache(folder).tidy(limit=0)  # nothing written since the last tidy: the folder cannot have grown, nothing goes
    assert sorted(folder.glob("*.pickle")) == left
    big = store.key("big")
    store.put(big, "b" * 300_000)  # another run's, used by no one since
    user = Cache(folder)
    assert user.get(recent) == "y" * 50_000
    user.put(user.key("user's own"), "z")
    user.tidy(limit=0)  # everything but what the run used is past the bound: only what the run used stays
    assert not (folder / f"{big}.pickle").is_file()
    assert (folder / f"{recent}.pickle").is_file()


def test_a_folder_is_read_only_when_its_tally_passes_the_bound_or_is_old(
    minimal: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(minimal)  # counts the folder as it tidies, and keeps the count in its tally
    size = sum(entry.stat().st_size for entry in folder.glob("*.pickle"))
    assert tallied(folder) == size
    scans: list[object] = []
    real = os.scandir

    def counting(path: object) -> object:
        scans.append(path)
        return real(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", counting)
    store = Cache(folder)
    store.tidy(limit=0)
    assert scans == []  # nothing written: nothing read
    monkeypatch.setattr(cache, "_written", {})  # a new process
    store = Cache(folder)
    store.put(store.key("small"), "s")
    store.tidy(limit=size + 60_000)
    assert scans == []  # within the bound as the tally says: nothing read
    store.put(store.key("big"), "z" * 100_000)
    store.tidy(limit=size + 60_000)
    assert scans == [folder]  # past it: counted again, and tidied
    entries = [entry for entry in folder.iterdir() if entry.suffix == ".pickle"]
    assert tallied(folder) == sum(entry.stat().st_size for entry in entries)
    (folder / cache.TALLY).write_text("garbled", encoding="utf-8")
    store.put(store.key("small"), "s")
    store.tidy(limit=size + 60_000)
    assert scans == [folder, folder]  # a tally that cannot be read: counted again
    (folder / cache.TALLY).write_text(f"0 {time.time_ns() - cache.RECOUNT_NS - 1}", encoding="utf-8")
    store.put(store.key("small"), "s")
    store.tidy(limit=size + 60_000)
    assert scans == [folder, folder, folder]  # within the bound, but counted too long ago: counted again


def test_what_a_process_writes_after_its_last_tidy_is_added_to_the_tally_when_it_ends(
    minimal: Path, folder: Path
) -> None:
    generate(minimal)
    before = tallied(folder)
    store = Cache(folder, background=True)
    store.put(store.key("late"), "l" * 10_000)  # like the search index, kept after the run tidied
    cache._at_exit()
    assert tallied(folder) == before + (folder / f"{store.key('late')}.pickle").stat().st_size
    cache._at_exit()  # counted once
    assert tallied(folder) == before + (folder / f"{store.key('late')}.pickle").stat().st_size


def flushed(store: Cache) -> bool:
    """Tell whether the store's entries were all written within ten seconds (a dead writer never writes them)."""
    flushing = threading.Thread(target=store.flush, daemon=True)
    flushing.start()
    flushing.join(timeout=10)
    return not flushing.is_alive()


def test_a_write_that_raises_leaves_its_entry_out_and_the_writer_going(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Cache(folder, background=True)
    real = cache._store
    failing = {"first": True}

    def store_once_badly(path: Path, data: bytes) -> None:
        if failing.pop("first", False):
            raise ValueError("not an OSError")
        real(path, data)

    monkeypatch.setattr(cache, "_store", store_once_badly)
    monkeypatch.setattr(cache, "_writer", cache._Writer())  # a writer of its own: the process's is left alone
    store.put(store.key("lost"), "a")
    assert flushed(store)
    store.put(store.key("kept"), "b")
    assert flushed(store)  # the writer went on to write it
    assert not (folder / f"{store.key('lost')}.pickle").exists()
    assert Cache(folder)._read(store.key("kept")) == "b"
