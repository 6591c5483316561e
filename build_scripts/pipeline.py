"""The whole generator, stage by stage: content/ in, pages out.

The stages, in the order a cold run takes them (`_Run._make` and `_Linker.link`):

1. read: every content file's bytes (`load.read`);
2. validate: each file parsed and checked against its model (`validate.check_file`);
3. link: the shared files (`link.shared`, `link.shared_wording`), then each explainer on its own against them
   (`link.explainer`: references, dates, evidence, wording), then the site from the
   explainers' summaries (`link.site`);
4. render: each explainer's own pages (`explainer_page.explainer_pages`, share images by
   `share.pngs`), each actor's page (`site_pages.actor_pages`) and the site-wide pages
   (`render.render`);
5. write: only the pages whose bytes differ from those on disk (`write.write`).

Each explainer is validated, linked and, when the shared files are valid, drawn in one call
(`_link_and_draw`), on every core (`workers.each`): its pages are kept only if no file has a
problem.

Every command comes in here for validated content: `check` (and its `--archive` and
`--against`: `content`), `build`, the MkDocs hook (`make site`, `make serve`, `make serve TOPIC=`) and
the glossary extension. This is the one place that decides what is reused from the cache
(`cache.py`), so every command shares the same entries:

- each file parsed and validated, under its name and bytes;
- each explainer checked and linked on its own (`link.explainer`), with its summary, under
  its file's key and the shared files' (actors, glossary, maps);
- each explainer's own pages (page, data, share image rendered to PNG), under its linked key
  and the site's identity; and with them the size and digest of each page;
- each actor's page and the glossary terms it uses, under the actors' file, the glossary and
  the linked keys of the explainers that name the actor;
- the outcome of each run: for `check`, its problems or warnings; for the pages, the list of
  pages with where each is kept, its size and its digest, and the site-wide pages.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from build_scripts import link, search, share, workers
from build_scripts.backrefs import gather, mentions
from build_scripts.cache import Cache
from build_scripts.errors import ContentError, Problem
from build_scripts.explainer_page import Made, explainer_pages
from build_scripts.focus import focus
from build_scripts.identity import Identity
from build_scripts.link import Linked, Shared
from build_scripts.load import Files, display_path, read
from build_scripts.models import ActorRegistry, Explainer, GeoFile, Glossary
from build_scripts.render import DEFAULT_IDENTITY, GENERATED, render
from build_scripts.site_pages import actor_pages
from build_scripts.validate import Checked, Content, Loaded, assemble, check_file
from build_scripts.write import WriteReport, digest, write

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


@dataclass(frozen=True)
class Refused:
    """The outcome of a run on invalid content: every problem, and no pages."""

    problems: list[Problem]


@dataclass(frozen=True)
class Report:
    """The outcome of `check` on valid content: its warnings, and how much there is."""

    warnings: list[Problem]
    explainers: int
    actors: int
    terms: int


@dataclass(frozen=True)
class Ref:
    """Where a page is kept in the cache (the entry, a dict of pages by path), its size and its digest."""

    entry: str
    size: int
    digest: str


@dataclass(frozen=True)
class Manifest:
    """The outcome of a run that made pages: each page's `Ref`, by path, and the warnings."""

    pages: dict[str, Ref]
    warnings: list[Problem]


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
            linked = _Linker(files, keys, problems, cache).link()
            outcome = cache.put(key, linked.report() if isinstance(linked, _Linked) else linked)
        cache.tidy()
    if isinstance(outcome, Refused):
        raise ContentError(outcome.problems)
    return outcome


def content(content_dir: Path) -> Content:
    """Every valid file of a content folder with its YAML, parsed and validated through the cache."""
    files, _ = read(content_dir)
    calls = _checks(files)
    cache = Cache.beside(content_dir)
    with _running(cache):
        found = cache.each(check_file, calls, Checked)
    checked = {(name, raw): result for (name, raw, _), result in zip(calls, found, strict=True)}
    pick = partial(_pick, checked)
    explainers = {slug: checked[file] for slug, file in files.explainers.items()}
    maps = {name: checked[file] for name, file in files.maps.items()}
    return assemble(pick(files.actors), pick(files.glossary), explainers, maps)[0]


def glossary(path: Path) -> Glossary | None:
    """A glossary file (content/glossary.yaml), parsed and validated through the cache of its
    content folder; None while it is missing or not valid."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    cache = Cache.beside(path.parent)
    with _running(cache):
        (found,) = cache.each(check_file, [(display_path(path), raw, Glossary)], Checked)
    return found.model if isinstance(found.model, Glossary) else None


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
    """Each file's key, by its name and bytes."""
    return {(call[0], call[1]): cache.key(*call) for call in _checks(files)}


@dataclass(frozen=True)
class _Linked:
    """Valid content, linked: the shared files, each explainer's linked key, and the site."""

    common: link.Shared
    linked: dict[str, str]
    """Each explainer's key in the cache for `link.explainer`, by slug."""
    site: link.Site
    actor_terms: dict[str, frozenset[str]]

    def report(self) -> Report:
        site = self.site
        return Report(sorted(site.warnings), len(site.explainers), len(site.actors), len(site.terms))


class _Linker:
    """Load, validate and link, reusing each file's and each explainer's results while their inputs are unchanged."""

    def __init__(
        self,
        files: Files,
        keys: dict[File, str],
        problems: list[Problem],
        cache: Cache,
        *,
        focused: bool = False,
        draws: Identity | None = None,
    ) -> None:
        self.files, self.keys, self.problems, self.cache = files, keys, problems, cache
        self.focused = focused  # one explainer of several: what no page uses cannot be known
        self.draws = draws
        """The identity to draw the pages of each explainer linked now with, while it is at hand; None: none."""
        self.drawn: dict[str, Made] = {}
        """The pages drawn with the explainers linked, by slug."""
        shared = [f for f in (files.actors, files.glossary, *files.maps.values()) if f]
        self.shared_keys = [keys[f] for f in shared]

    def link(self) -> _Linked | Refused:
        files, cache = self.files, self.cache
        checked = self._checked([f for f in (files.actors, files.glossary, *files.maps.values()) if f])
        shared = partial(_pick, checked)
        maps = {name: checked[file] for name, file in files.maps.items()}
        content, problems = assemble(shared(files.actors), shared(files.glossary), {}, maps)
        problems = self.problems + problems
        common, found = link.shared(content)
        problems += found
        wording = cache.key("shared wording", *self.shared_keys)
        problems += cache.once(wording, partial(link.shared_wording, content, common), link.Wording).problems
        keys = {
            slug: cache.key("linked", self.keys[file], *self.shared_keys) for slug, file in files.explainers.items()
        }
        linked = {slug: cache.get(key) for slug, key in keys.items()}
        missing = [slug for slug, found in linked.items() if not isinstance(found, link.Linked)]
        draws = None if problems else self.draws  # the shared files' problems leave nothing to draw
        for slug, (result, drawn) in zip(missing, self._link(missing, common, draws), strict=True):
            linked[slug] = cache.put(keys[slug], result)
            if drawn is not None:
                self.drawn[slug] = drawn
        results = [x for _, x in sorted(linked.items()) if isinstance(x, link.Linked)]
        problems += [p for x in results for p in x.problems]
        if problems:
            return Refused(sorted(set(problems)))
        refs = gather([x.summary for x in results if x.summary], common.registry.actors)
        actors = self.keys[files.actors] if files.actors else ""
        glossary = self.keys[files.glossary] if files.glossary else ""
        terms = {
            actor_id: cache.once(
                cache.key(
                    "actor terms", actor_id, actors, glossary, *[keys[slug] for slug in mentions(refs, actor_id)]
                ),
                partial(link.terms_of_actor, common, refs, actor_id),
                frozenset,
            )
            for actor_id in common.registry.actors
        }
        return _Linked(common, keys, link.site(common, results, terms, every_explainer=not self.focused), terms)

    def _link(self, slugs: list[str], common: Shared, draws: Identity | None) -> list[tuple[Linked, Made | None]]:
        """Parse (unless kept), check and link each of these explainers, and draw the pages of each that is
        valid with the identity `draws`, if any: on every core (`_link_and_draw`). Each parse made is kept."""
        files, cache = self.files, self.cache
        keys = [cache.call_key(check_file, *files.explainers[slug], Explainer) for slug in slugs]
        kept = [cache.get(key) for key in keys]
        calls = [
            (slug, *files.explainers[slug], parsed if isinstance(parsed, Checked) else None)
            for slug, parsed in zip(slugs, kept, strict=True)
        ]
        made = workers.each(_link_and_draw, calls, _Context(common, draws))
        for key, parsed, (checked, _, _) in zip(keys, kept, made, strict=True):
            if not isinstance(parsed, Checked):
                cache.put(key, checked)
        return [(result, drawn) for _, result, drawn in made]

    def loaded(self, slug: str) -> Loaded:
        """One explainer with its YAML (parsed and validated through the cache)."""
        found = self._checked([self.files.explainers[slug]])[self.files.explainers[slug]]
        assert found.doc is not None and found.model is not None, "only valid explainers are rendered"
        return Loaded(slug, found.doc, found.model)

    def _checked(self, files: list[File]) -> dict[File, Checked[Any]]:
        models = _models(self.files)
        calls = [(name, raw, models[name, raw]) for name, raw in files]
        return dict(zip(files, self.cache.each(check_file, calls, Checked), strict=True))


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
        self.key = self.cache.key("pages", list(self.keys.values()), self.problems, topic, self.identity_json)

    def manifest(self, *, again: bool = False) -> Manifest:
        """The pages of this run (made now unless kept, or if `again`); raise ContentError on invalid content."""
        cache = self.cache
        outcome = None if again else cache.get(self.key)
        if not isinstance(outcome, Manifest | Refused):
            outcome = cache.put(self.key, self._make())
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

    def _make(self) -> Manifest | Refused:
        """The stages, on content that changed since the last run."""
        linker = _Linker(
            self.files, self.keys, self.problems, self.cache, focused=self.topic is not None, draws=self.identity
        )
        linked = linker.link()
        if isinstance(linked, Refused):
            return linked
        site = focus(linked.site) if self.topic is not None else linked.site
        own = self._own(linker, linked, site)
        actors = self._actors(linked, site)
        pages = render(site, self.identity, own, actors)  # Jinja templates to Markdown
        made = {path: page for path, page in pages.items() if isinstance(page, str)}  # the site-wide pages
        key = self.cache.key("site pages", self.key)
        self.cache.put(key, made)
        refs = {path: page if isinstance(page, Ref) else _ref(key, page) for path, page in pages.items()}
        return Manifest(refs, sorted(site.warnings))

    def _own(self, linker: _Linker, linked: _Linked, site: link.Site) -> dict[str, dict[str, Ref]]:
        """Each explainer's own pages (page, data, share image): made only for those whose inputs changed.

        They read its file, the actors', the glossary's, every map file and the identity
        (`explainer_page.explainer_pages`): its linked key and the identity."""
        cache = self.cache
        keys = {
            x.slug: cache.key("explainer pages", linked.linked[x.slug], self.identity_json) for x in site.explainers
        }
        indexes = {slug: cache.get(cache.key("index", key)) for slug, key in keys.items()}
        missing = [slug for slug, index in indexes.items() if not isinstance(index, dict)]
        undrawn = [slug for slug in missing if slug not in linker.drawn]
        calls = [(linker.loaded(slug), site.terms_of[slug]) for slug in undrawn]
        made = workers.each(_draw, calls, _Context(linked.common, self.identity))
        drawn = linker.drawn | dict(zip(undrawn, made, strict=True))
        cards = [
            (slug, path, page.svg)
            for slug in missing
            for path, page in drawn[slug].items()
            if isinstance(page, share.Card)
        ]
        images = cache.each(share.png, [(svg,) for _, _, svg in cards], bytes, together=_pngs)
        rendered = {(slug, path): image for (slug, path, _), image in zip(cards, images, strict=True)}
        for slug in missing:
            pages = {
                path: rendered[slug, path] if isinstance(page, share.Card) else page
                for path, page in drawn[slug].items()
            }
            cache.put(keys[slug], pages)
            indexes[slug] = cache.put(
                cache.key("index", keys[slug]), {p: _ref(keys[slug], page) for p, page in pages.items()}
            )
        return {slug: index for slug, index in indexes.items() if isinstance(index, dict)}

    def _actors(self, linked: _Linked, site: link.Site) -> dict[str, Ref]:
        """Each actor's page: made only for those whose inputs changed (the actors' file, the
        glossary and the explainers that name the actor)."""
        cache, files = self.cache, self.files
        actors = self.keys[files.actors] if files.actors else ""
        keys = {
            actor_id: cache.key(
                "actor page", actor_id, actors, *[linked.linked[slug] for slug in mentions(site.refs, actor_id)]
            )
            for actor_id in site.actors
        }
        found = {actor_id: cache.get(key) for actor_id, key in keys.items()}
        missing = [actor_id for actor_id, page in found.items() if not isinstance(page, dict)]
        for actor_id, page in actor_pages(site, missing).items():
            found[actor_id] = cache.put(keys[actor_id], {f"actors/{actor_id}.md": page})
        refs = {}
        for actor_id, entry in found.items():
            assert isinstance(entry, dict)
            refs[actor_id] = _ref(keys[actor_id], entry[f"actors/{actor_id}.md"])
        return refs


@dataclass(frozen=True)
class _Context:
    """What every explainer is linked and drawn with, sent once to each worker."""

    common: link.Shared
    identity: Identity | None
    """The identity to draw its pages with; None: link it only."""


def _link_and_draw(
    context: _Context, slug: str, name: str, raw: bytes, checked: Checked[Explainer] | None
) -> tuple[Checked[Explainer], link.Linked, Made | None]:
    """One explainer parsed (unless `checked` already), checked and linked, and its pages drawn if it is
    valid and the context has an identity to draw them with."""
    checked = checked or check_file(name, raw, Explainer)
    result = link.explainer(slug, checked, context.common)
    if context.identity is None or result.summary is None or result.problems:
        return checked, result, None
    assert checked.doc is not None and checked.model is not None, "a valid explainer has both"
    return checked, result, _draw(context, Loaded(slug, checked.doc, checked.model), result.summary.terms)


def _draw(context: _Context, loaded: Loaded, used: tuple[str, ...]) -> Made:
    """One valid explainer's pages, drawn."""
    assert context.identity is not None, "pages are drawn with an identity"
    return explainer_pages(loaded, used, context.common, context.identity)


def _ref(entry: str, page: str | bytes) -> Ref:
    data = page.encode("utf-8") if isinstance(page, str) else page
    return Ref(entry, len(data), digest(data))


def _pngs(calls: list[tuple[Any, ...]]) -> list[bytes]:
    return share.pngs([svg for (svg,) in calls])


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


def _models(files: Files) -> dict[File, type]:
    models: dict[File, type] = {}
    if files.actors:
        models[files.actors] = ActorRegistry
    if files.glossary:
        models[files.glossary] = Glossary
    models |= dict.fromkeys(files.explainers.values(), Explainer)
    models |= dict.fromkeys(files.maps.values(), GeoFile)
    return models


def _checks(files: Files) -> list[tuple[str, bytes, type]]:
    """The arguments of `check_file` for each file: its name, its bytes, its model."""
    return [(name, raw, model) for (name, raw), model in _models(files).items()]


def _pick(checked: dict[File, Checked[Any]], file: File | None) -> Checked[Any] | None:
    return None if file is None else checked[file]


@contextmanager
def _running(cache: Cache) -> Iterator[None]:
    """A run: the garbage collector paused (a run makes millions of objects that live until it ends),
    and, however it ends, its cache entries on disk when it returns."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        cache.flush()
