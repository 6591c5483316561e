"""The whole generator: content/ in, pages out, every part of the work reused while its inputs are unchanged.

A run reads every content file's bytes (`load.read`) and looks itself up in the cache under
their keys. Only if it is not there does it import and run the stages (`stages.make`:
validate, link, render), each of which reuses what did not change; then `build` writes
only the pages whose bytes differ from those on disk (`write.write`). `build`, `check` and
`generate` on content that did not change load none of the stages (`content` and
`glossary`, which return validated models, do).

Every command comes in here for validated content: `check` (and its `--archive` and
`--against`: `content`), `build`, the MkDocs hook (`make site`, `make serve`, `make serve TOPIC=`) and
the glossary extension. This module and `stages.py` are the one place that decides what is reused
from the cache (`cache.py`), so every command shares the same entries:

- each file parsed and validated, under its name and bytes;
- each explainer checked and linked on its own (`link.explainer`), with its summary, under
  its file's key and the shared files' (actors, glossary, maps);
- each explainer's own pages (page, data, share image rendered to PNG), under its linked key
  and the site's identity; and with them the size and digest of each page;
- each actor's page and the glossary terms it uses, under the actors' file, the glossary and
  the linked keys of the explainers that name the actor;
- each site-wide page that reads only a part of the content (the glossary, the timeline, the actors'
  index, the methodology, the data's schema), under that part;
- the outcome of each run (`outcome.py`): for `check`, its problems or warnings; for the pages,
  the list of pages with where each is kept, its size and its digest, and the site-wide pages.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from build_scripts import search
from build_scripts.cache import Cache
from build_scripts.errors import ContentError, Problem
from build_scripts.identity import DEFAULT_IDENTITY, Identity
from build_scripts.load import Files, display_path, read
from build_scripts.outcome import Manifest, Ref, Refused, Report
from build_scripts.write import GENERATED, WriteReport, write

if TYPE_CHECKING:
    from build_scripts.models import Glossary
    from build_scripts.validate import Content

__all__ = ["Generated", "Manifest", "Ref", "Refused", "Report", "build", "check", "content", "generate", "glossary"]

File = tuple[str, bytes]


@dataclass(frozen=True)
class Generated:
    """The pages, keyed by their path under docs/, and the warnings that did not stop them."""

    pages: dict[str, str | bytes]
    warnings: list[Problem]

    def text(self, path: str) -> str:
        """The text of one generated page (Markdown, JSON or XML)."""
        page = self.pages[path]
        if not isinstance(page, str):
            raise TypeError(f"{path} holds bytes, not text")
        return page


def generate(content_dir: Path, identity: Identity = DEFAULT_IDENTITY, *, topic: str | None = None) -> Generated:
    """Turn a content folder into pages, or raise ContentError.

    Every stage runs even when an earlier one found problems, so one run names every
    mistake; nothing is rendered unless there are none. Each part of the work is kept in
    the cache (above): a run on the same bytes does nothing but read and hash them, and
    after an edit only what reads the edited file is made again.

    `identity` says who publishes the site (`identity.py`); its published address, when
    known, makes the feed's, the data's and the JSON-LD's links absolute.

    With a `topic` (an explainer's slug), only that explainer is read, and only the pages
    it links to are made: its own, its actors', the glossary and the indexes.
    """
    run = _Run(content_dir, identity, topic)
    with _running(run.cache):
        manifest = run.manifest()
        pages = run.bodies(manifest)
        if pages is None:  # an entry it names is gone: make them all again
            manifest = run.manifest(again=True)
            pages = run.bodies(manifest)
        run.tidy()
    assert pages is not None, "the pages of a run made now are in memory"
    return Generated({path: pages[path] for path in manifest.pages}, manifest.warnings)


def build(
    content_dir: Path, docs_dir: Path, identity: Identity = DEFAULT_IDENTITY
) -> tuple[WriteReport, list[Problem]]:
    """Generate the pages and write them under docs_dir; write nothing if any input is invalid.

    A page already on disk is recognised by its size and digest, so a run with nothing to
    write reads no page from the cache; and a file left as the last write left it (its size,
    times, inode and device, seen well after it was modified) is not even read."""
    run = _Run(content_dir, identity, None)
    cache = run.cache
    with _running(cache):
        manifest = run.manifest()
        known = {path: (ref.size, ref.digest) for path, ref in manifest.pages.items()}
        stamps_key = cache.key("docs stamps", str(docs_dir.absolute()))  # the files as the last write left them
        stamps = cache.get(stamps_key)
        stamped = stamps if isinstance(stamps, dict) else None
        try:
            report = write(_Lazy(run, manifest), docs_dir, owned=GENERATED, known=known, stamps=stamped)
        except _Gone:  # an entry it names is gone: make them all again
            manifest = run.manifest(again=True)
            report = write(_Lazy(run, manifest), docs_dir, owned=GENERATED)
        if report.stamps != stamped:
            cache.put(stamps_key, report.stamps)
        run.tidy()
    return report, manifest.warnings


def check(content_dir: Path) -> Report:
    """Find every problem a build would, without making any page; raise ContentError if there are any."""
    files, problems = read(content_dir)
    cache = Cache.beside(content_dir)
    keys = _keys(files, cache)
    key = cache.key("check", list(keys.values()), problems)
    with _running(cache):
        outcome = cache.get(key)
        if not isinstance(outcome, Report | Refused):
            from build_scripts import stages  # noqa: PLC0415 (only when something must be made: see above)

            cache.recall(f"check of {content_dir.absolute()}")
            outcome = cache.put(key, stages.check(files, keys, problems, cache))
        cache.tidy()
    if isinstance(outcome, Refused):
        raise ContentError(outcome.problems)
    return outcome


def content(content_dir: Path) -> Content:
    """Every valid file of a content folder with its YAML, parsed and validated through the cache."""
    from build_scripts import stages  # noqa: PLC0415

    files, _ = read(content_dir)
    cache = Cache.beside(content_dir)
    with _running(cache):
        return stages.content(files, cache)


def glossary(path: Path) -> Glossary | None:
    """A glossary file (content/glossary.yaml), parsed and validated through the cache of its
    content folder; None while it is missing or not valid."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    from build_scripts import stages  # noqa: PLC0415

    cache = Cache.beside(path.parent)
    with _running(cache):
        return stages.glossary(display_path(path), raw, cache)


def search_index(site_dir: Path, content_dir: Path) -> search.Indexing | search.Restored:
    """Index a built site for its search: Pagefind's index of the same pages, kept in the cache under
    their digests, is written back at once; else Pagefind indexes them, and its index is kept once written."""
    cache = Cache.beside(content_dir)
    key = cache.key("search index", search.pages(site_dir))
    kept = cache.get(key)
    if isinstance(kept, search.Bundle):
        return search.Restored(site_dir, kept)

    def keep(index: search.Bundle) -> None:
        cache.put(key, index)
        cache.flush()  # on disk by the time the index is: a new process finds it

    return search.Indexing(site_dir, written=keep)


def _keys(files: Files, cache: Cache) -> dict[File, str]:
    """Each file's key, by its name (which says what it holds) and its bytes."""
    return {file: cache.key(*file) for file in files.each()}


class _Gone(Exception):
    """A page's entry is no longer in the cache."""


class _Run:
    """One run that makes pages: its key, and where each part of its work is kept."""

    def __init__(self, content_dir: Path, identity: Identity, topic: str | None) -> None:
        self.files, self.problems = read(content_dir, only=topic)  # every content file's bytes; misnamed: problems
        self.cache = Cache.beside(content_dir)
        self.keys = _keys(self.files, self.cache)
        self.identity, self.topic = identity, topic
        self.identity_json = identity.model_dump_json()
        # What the last run of the same kind used (`Cache.recall`): a preview's identity is not a build's.
        self.name = f"pages of {content_dir.absolute()} {topic or ''} {self.identity_json}"
        self.key = self.cache.key("pages", list(self.keys.values()), self.problems, topic, self.identity_json)

    def manifest(self, *, again: bool = False) -> Manifest:
        """The pages of this run (made now unless kept, or if `again`); raise ContentError on invalid content."""
        cache = self.cache
        outcome = None if again else cache.get(self.key)
        if not isinstance(outcome, Manifest | Refused):
            from build_scripts import stages  # noqa: PLC0415

            cache.recall(self.name)
            made = stages.make(
                self.files,
                self.keys,
                self.problems,
                cache,
                self.identity,
                topic=self.topic,
                run_key=self.key,
                again=again,
            )
            outcome = cache.put(self.key, made)
        if isinstance(outcome, Refused):
            raise ContentError(outcome.problems)
        return outcome

    def bodies(self, manifest: Manifest) -> dict[str, str | bytes] | None:
        """Every page of the manifest; None if an entry it names is gone."""
        entries: dict[str, object] = {}
        for ref in manifest.pages.values():
            if ref.entry not in entries:
                entries[ref.entry] = self.cache.get(ref.entry)
        pages = {}
        for path, ref in manifest.pages.items():
            entry = entries[ref.entry]
            page = entry.get(path) if isinstance(entry, dict) else None
            if not isinstance(page, str | bytes):
                return None
            pages[path] = page
        return pages

    def page(self, manifest: Manifest, path: str) -> str | bytes:
        """One page of the manifest; raise _Gone if its entry is gone."""
        entry = self.cache.get(manifest.pages[path].entry)
        page = entry.get(path) if isinstance(entry, dict) else None
        if not isinstance(page, str | bytes):
            raise _Gone(path)
        return page

    def tidy(self) -> None:
        """Keep the cache within its bound; a one-topic preview keeps this process's memory of the whole site too."""
        if self.topic is None:
            self.cache.forget_unused()
        self.cache.tidy()


class _Lazy(Mapping[str, str | bytes]):
    """A run's pages, each read from the cache only when asked for."""

    def __init__(self, run: _Run, manifest: Manifest) -> None:
        self.run, self.manifest = run, manifest

    def __getitem__(self, path: str) -> str | bytes:
        return self.run.page(self.manifest, path)

    def __contains__(self, path: object) -> bool:
        return path in self.manifest.pages

    def __iter__(self) -> Iterator[str]:
        return iter(self.manifest.pages)

    def __len__(self) -> int:
        return len(self.manifest.pages)


@contextmanager
def _running(cache: Cache) -> Iterator[None]:
    """A run: the garbage collector paused (a run makes millions of objects that live until it ends, and
    then go to the oldest generation without being walked), and, however it ends, its cache entries on
    disk when it returns."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if not gc.get_freeze_count():  # (unfreezing would also release what the process froze itself)
                gc.freeze()
                gc.unfreeze()
            gc.enable()
        cache.flush()
