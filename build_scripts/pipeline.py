"""The whole generator, stage by stage: content/ in, pages out."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from build_scripts import share, usage
from build_scripts.cache import Cache
from build_scripts.errors import ContentError, Problem
from build_scripts.explainer_page import Made, explainer_pages
from build_scripts.focus import focus
from build_scripts.identity import Identity
from build_scripts.link import Site, link
from build_scripts.load import Files, read
from build_scripts.models import ActorRegistry, Explainer, GeoFile, Glossary
from build_scripts.render import DEFAULT_IDENTITY, GENERATED, render
from build_scripts.validate import Checked, Content, Loaded, assemble, check_file
from build_scripts.write import WriteReport, write


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


@dataclass(frozen=True)
class Refused:
    """The outcome of a run on invalid content: every problem, and no pages."""

    problems: list[Problem]


def generate(content_dir: Path, identity: Identity = DEFAULT_IDENTITY, *, topic: str | None = None) -> Generated:
    """Turn a content folder into pages, or raise ContentError.

    Every stage runs even when an earlier one found problems, so one run names every
    mistake; nothing is rendered unless there are none. The result depends on the
    content's bytes and the code only, so it is kept in the cache (`cache.py`): a run on
    the same bytes does nothing but read and hash them, and after an edit only the
    edited files are parsed and validated again.

    `identity` says who publishes the site (`identity.py`); its published address, when
    known, makes the feed's, the data's and the JSON-LD's links absolute.

    With a `topic` (an explainer's slug), only that explainer is read, and only the pages
    it links to are made: its own, its actors', the glossary and the indexes.
    """
    files, problems = read(content_dir, only=topic)  # every content file's bytes; misnamed files are problems
    cache = Cache.beside(content_dir)
    keys = {(call[0], call[1]): cache.key(*call) for call in _checks(files)}  # each file, by its name and bytes
    run = cache.key(list(keys.values()), problems, topic, identity.model_dump_json())
    with _collector_paused():  # millions of small objects, none of them garbage until the run ends
        outcome = cache.get(run)
        if not isinstance(outcome, Generated | Refused):
            outcome = cache.put(run, _generate(files, keys, problems, cache, identity, focused=topic is not None))
            if topic is None:  # a one-topic preview keeps what the whole site's runs stored
                cache.forget_unused()
    if isinstance(outcome, Refused):
        raise ContentError(outcome.problems)
    return outcome


def _generate(
    files: Files,
    keys: dict[tuple[str, bytes], str],
    problems: list[Problem],
    cache: Cache,
    identity: Identity,
    *,
    focused: bool,
) -> Generated | Refused:
    """The stages, on content that changed since the last run."""
    checked = dict(zip(files.each(), cache.each(check_file, _checks(files), Checked), strict=True))
    shared = partial(_checked, checked)
    explainers = {slug: checked[file] for slug, file in files.explainers.items()}
    maps = {name: checked[file] for name, file in files.maps.items()}
    content, found = assemble(shared(files.actors), shared(files.glossary), explainers, maps)  # parsed, typed models
    problems = problems + found
    reuse = _Reuse(files, keys, cache)  # what each explainer's files alone give, kept while they are unchanged
    site, found = link(content, reuse.scans(content), every_explainer=not focused)  # ids exist; back-references
    problems += found
    if problems:
        return Refused(sorted(set(problems)))
    shown = focus(site) if focused else site
    own = {x.slug: reuse.own_pages(x, shown, identity) for x in shown.explainers}  # page, data, share image
    pages = render(shown, identity, own)  # Jinja templates to Markdown, pictures
    return Generated(_rendered(pages, cache), sorted(site.warnings))


def _rendered(pages: dict[str, str | share.Card], cache: Cache) -> dict[str, str | bytes]:
    """The pages, with each share image rendered to PNG: once per drawing, reused while it is unchanged."""
    cards = [(path, page.svg) for path, page in pages.items() if isinstance(page, share.Card)]
    images = dict(
        zip([path for path, _ in cards], cache.each(share.png, [(svg,) for _, svg in cards], bytes), strict=True)
    )
    return {path: images[path] if isinstance(page, share.Card) else page for path, page in pages.items()}


@dataclass(frozen=True)
class _Reuse:
    """An explainer's wording scan and its own pages, reused while the files they read are unchanged.

    Each is kept under a key made of those files' keys (their names and bytes)."""

    files: Files
    keys: dict[tuple[str, bytes], str]
    cache: Cache

    def scans(self, content: Content) -> dict[str, usage.Scan]:
        """Each explainer's wording scan, by slug: it reads its own file, the glossary and the actors."""
        files, index = self.files, usage.term_index(content)
        if index is None:  # without a glossary there is nothing to scan for
            return {}
        scans = {}
        for x in content.explainers:
            key = self.cache.key("wording", *self._keys(files.explainers[x.slug], files.glossary, files.actors))
            scans[x.slug] = self.cache.once(key, partial(usage.scan_explainer, index, x), usage.Scan)
        return scans

    def own_pages(self, loaded: Loaded, site: Site, identity: Identity) -> Made:
        """An explainer's own pages: they read its file, the actors', the glossary's, every map
        file and the identity (as JSON), and nothing else (`explainer_page.explainer_pages`)."""
        files = self.files
        read = self._keys(files.explainers[loaded.slug], files.actors, files.glossary, *files.maps.values())
        key = self.cache.key("explainer pages", *read, identity.model_dump_json())
        return self.cache.once(key, partial(explainer_pages, loaded, site, identity), dict)

    def _keys(self, *files: tuple[str, bytes] | None) -> list[str]:
        return [self.keys[file] for file in files if file]


def _checks(files: Files) -> list[tuple[str, bytes, type]]:
    """The arguments of `check_file` for each file: its name, its bytes, its model."""
    models = [(files.actors, ActorRegistry), (files.glossary, Glossary)]
    models += [(file, Explainer) for file in files.explainers.values()]
    models += [(file, GeoFile) for file in files.maps.values()]
    return [(file[0], file[1], model) for file, model in models if file]


def _checked(checked: dict[tuple[str, bytes], Checked[Any]], file: tuple[str, bytes] | None) -> Checked[Any] | None:
    return None if file is None else checked[file]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the garbage collector: a run makes millions of objects that live until it ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build(
    content_dir: Path, docs_dir: Path, identity: Identity = DEFAULT_IDENTITY
) -> tuple[WriteReport, list[Problem]]:
    """Generate the pages and write them under docs_dir; write nothing if any input is invalid."""
    generated = generate(content_dir, identity)
    report = write(generated.pages, docs_dir, owned=GENERATED)  # only changed files; stale ones removed
    return report, generated.warnings
