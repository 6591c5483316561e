"""The stages of a run on content that changed, each reusing from the cache what did not.

`make` is the whole of it, in the order a cold run takes the stages:

1. validate: each file parsed and checked against its model (`validate.check_file`);
2. link: the shared files (`link.shared`, `link.shared_wording`), then each explainer on its own against them
   (`link.explainer`: references, dates, evidence, wording), then the site from the
   explainers' summaries (`link.site`);
3. render: each explainer's own pages (`explainer_page.explainer_pages`, share images by
   `share.pngs`), each actor's page (`site_pages.actor_pages`) and the site-wide pages
   (`render.render`), those that read only a part of the content kept each on its own (`_parts`).

Each explainer is validated, linked and, when the shared files are valid, drawn in one call
(`_link_and_draw`), on every core (`workers.each`): its pages are kept only if no file has a
problem.

`pipeline.py` reads the files, looks the run up in the cache, and comes here only when it is
not there; which entries are kept, and under what keys, is in its docstring.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from build_scripts import link, share, workers
from build_scripts.backrefs import gather, mentions
from build_scripts.cache import Cache
from build_scripts.errors import Problem
from build_scripts.explainer_page import Made, explainer_pages
from build_scripts.focus import focus
from build_scripts.identity import Identity
from build_scripts.link import Linked, Shared
from build_scripts.load import Files
from build_scripts.models import ActorRegistry, Explainer, GeoFile, Glossary
from build_scripts.opendata import SCHEMA_FILE
from build_scripts.outcome import Manifest, Ref, Refused, Report
from build_scripts.render import render
from build_scripts.site_pages import actor_pages, members_of
from build_scripts.validate import Checked, Content, Loaded, assemble, check_file
from build_scripts.write import digest

File = tuple[str, bytes]


def make(
    files: Files,
    keys: dict[File, str],
    problems: list[Problem],
    cache: Cache,
    identity: Identity,
    *,
    topic: str | None,
    run_key: str,
    again: bool = False,
) -> Manifest | Refused:
    """The pages of a run (the run keyed `run_key`, of one `topic` or of all), or every problem:
    made only for what changed since the last run. `again`: a page kept is taken only if its
    entry is still there (an earlier run's list named one that was gone)."""
    linker = _Linker(files, keys, problems, cache, focused=topic is not None, draws=identity)
    linked = linker.link()
    if isinstance(linked, Refused):
        return linked
    site = focus(linked.site) if topic is not None else linked.site
    kept = partial(_kept, cache, again)
    own = _own(cache, linker, linked, site, identity, kept=kept)
    actors = _actors(cache, keys, files, linked, site, kept=kept)
    parts = _parts(cache, keys, files, site, identity)
    reused = {path: index[path] for path, key in parts.items() if (index := kept(key)) is not None}
    pages = render(site, identity, own, actors, reused)  # Jinja templates to Markdown
    for path, key in parts.items():
        page = pages[path]
        if not isinstance(page, Ref):
            pages[path] = _keep(cache, key, {path: page})[path]
    made = {path: page for path, page in pages.items() if isinstance(page, str)}  # the other site-wide pages
    key = cache.key("site pages", run_key)
    cache.put(key, made)
    refs = {path: page if isinstance(page, Ref) else _ref(key, page) for path, page in pages.items()}
    return Manifest(refs, sorted(site.warnings))


def check(files: Files, keys: dict[File, str], problems: list[Problem], cache: Cache) -> Report | Refused:
    """What `check` finds: every problem, or the warnings and counts of valid content."""
    linked = _Linker(files, keys, problems, cache).link()
    return linked.report() if isinstance(linked, _Linked) else linked


def content(files: Files, cache: Cache) -> Content:
    """Every valid file with its YAML, parsed and validated through the cache."""
    checked = _checked(cache, files, files.each())
    pick = partial(_pick, checked)
    explainers = {slug: checked[file] for slug, file in files.explainers.items()}
    maps = {name: checked[file] for name, file in files.maps.items()}
    return assemble(pick(files.actors), pick(files.glossary), explainers, maps)[0]


def glossary(name: str, raw: bytes, cache: Cache) -> Glossary | None:
    """A glossary file parsed and validated through the cache; None if it is not valid."""
    (found,) = cache.each(check_file, [(name, raw, Glossary)], Checked)
    return found.model if isinstance(found.model, Glossary) else None


@dataclass(frozen=True)
class _Linked:
    """Valid content, linked: the shared files, each explainer's linked key, and the site."""

    common: link.Shared
    linked: dict[str, str]
    """Each explainer's key in the cache for `link.explainer`, by slug."""
    site: link.Site

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
        self.shared = [f for f in (files.actors, files.glossary, *files.maps.values()) if f]
        self.shared_keys = [keys[f] for f in self.shared]

    def link(self) -> _Linked | Refused:
        files, cache = self.files, self.cache
        checked = _checked(cache, files, self.shared)
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
        actors, glossary = _key_of(self.keys, files.actors), _key_of(self.keys, files.glossary)
        terms = {
            actor_id: cache.once(
                cache.key(
                    "actor terms", actor_id, actors, glossary, *[keys[slug] for slug in mentions(refs, actor_id)]
                ),
                partial(link.terms_of_actor, common, refs, actor_id),
                frozenset,
                small=True,
            )
            for actor_id in common.registry.actors
        }
        site = link.site(common, results, terms, every_explainer=not self.focused, gathered=refs)
        return _Linked(common, keys, site)

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
        file = self.files.explainers[slug]
        found = _checked(self.cache, self.files, [file])[file]
        assert found.doc is not None and found.model is not None, "only valid explainers are rendered"
        return Loaded(slug, found.doc, found.model)


def _kept(cache: Cache, again: bool, key: str) -> dict[str, Ref] | None:
    """The size and digest of each page kept under `key`, by path (its index); None if they are not kept.
    With `again`, only if the pages themselves are still there too."""
    index = cache.get(cache.key("index", key), small=True)
    if not isinstance(index, dict) or (again and not isinstance(cache.get(key), dict)):
        return None
    return index


def _own(
    cache: Cache,
    linker: _Linker,
    linked: _Linked,
    site: link.Site,
    identity: Identity,
    *,
    kept: Callable[[str], dict[str, Ref] | None],
) -> dict[str, dict[str, Ref]]:
    """Each explainer's own pages (page, data, share image): made only for those whose inputs changed.

    They read its file, the actors', the glossary's, every map file and the identity
    (`explainer_page.explainer_pages`): its linked key and the identity."""
    identity_json = identity.model_dump_json()
    keys = {x.slug: cache.key("explainer pages", linked.linked[x.slug], identity_json) for x in site.explainers}
    indexes = {slug: kept(key) for slug, key in keys.items()}
    missing = [slug for slug, index in indexes.items() if index is None]
    undrawn = [slug for slug in missing if slug not in linker.drawn]
    calls = [(linker.loaded(slug), site.terms_of[slug]) for slug in undrawn]
    made = workers.each(_draw, calls, _Context(linked.common, identity))
    drawn = linker.drawn | dict(zip(undrawn, made, strict=True))
    cards = [
        (slug, path, page.svg) for slug in missing for path, page in drawn[slug].items() if isinstance(page, share.Card)
    ]
    images = cache.each(share.png, [(svg,) for _, _, svg in cards], bytes, together=_pngs)
    rendered = {(slug, path): image for (slug, path, _), image in zip(cards, images, strict=True)}
    for slug in missing:
        pages = {
            path: rendered[slug, path] if isinstance(page, share.Card) else page for path, page in drawn[slug].items()
        }
        indexes[slug] = _keep(cache, keys[slug], pages)
    return {slug: index for slug, index in indexes.items() if index is not None}


def _actors(
    cache: Cache,
    file_keys: dict[File, str],
    files: Files,
    linked: _Linked,
    site: link.Site,
    *,
    kept: Callable[[str], dict[str, Ref] | None],
) -> dict[str, Ref]:
    """Each actor's page: made only for those whose inputs changed (the actors' file, the
    glossary, the explainers that name the actor, and its members among the site's actors, which
    a one-topic preview cuts down)."""
    actors = _key_of(file_keys, files.actors)
    members = members_of(site.actors)
    keys = {
        actor_id: cache.key(
            "actor page",
            actor_id,
            actors,
            [member.id for member in members.get(actor_id, [])],
            *[linked.linked[slug] for slug in mentions(site.refs, actor_id)],
        )
        for actor_id in site.actors
    }
    indexes = {actor_id: kept(key) for actor_id, key in keys.items()}
    missing = [actor_id for actor_id, index in indexes.items() if index is None]
    for actor_id, page in actor_pages(site, missing).items():
        indexes[actor_id] = _keep(cache, keys[actor_id], {f"actors/{actor_id}.md": page})
    return {actor_id: index[f"actors/{actor_id}.md"] for actor_id, index in indexes.items() if index is not None}


def _parts(
    cache: Cache, file_keys: dict[File, str], files: Files, site: link.Site, identity: Identity
) -> dict[str, str]:
    """The key of each site-wide page that reads only a part of the content, by path: kept on its own, it is
    made again only when that part changed (the indexes, the home page and the feed read what most edits change)."""
    actors, glossary = _key_of(file_keys, files.actors), _key_of(file_keys, files.glossary)
    identity_json = identity.model_dump_json()
    refs = site.refs
    reads: dict[str, list[object]] = {
        SCHEMA_FILE: [identity.url],  # and the models, as every key does the code
        "methodology.md": [identity_json],
        "actors/index.md": [actors, list(site.actors)],
        "timeline/index.md": [[(x.slug, x.on_timeline) for x in site.explainers]],
        "glossary/index.md": [
            glossary,
            actors,
            identity_json,
            list(site.actors),
            list(site.terms),
            list(site.glossary_sources),
            [(term, [(x.slug, x.model.title) for x in used]) for term, used in refs.explainers_of_term.items()],
            [(term, [actor.id for actor in used]) for term, used in refs.actors_of_term.items()],
        ],
    }
    return {path: cache.key("site page", path, *inputs) for path, inputs in reads.items()}


def _key_of(file_keys: dict[File, str], file: File | None) -> str:
    """A shared file's key; empty when there is no such file."""
    return file_keys[file] if file else ""


def _keep(cache: Cache, key: str, pages: dict[str, str | bytes]) -> dict[str, Ref]:
    """Keep pages under `key`, and their index (`_kept`); return the index."""
    cache.put(key, pages)
    return cache.put(cache.key("index", key), {path: _ref(key, page) for path, page in pages.items()}, small=True)


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


def _models(files: Files) -> dict[File, type]:
    models: dict[File, type] = {}
    if files.actors:
        models[files.actors] = ActorRegistry
    if files.glossary:
        models[files.glossary] = Glossary
    models |= dict.fromkeys(files.explainers.values(), Explainer)
    models |= dict.fromkeys(files.maps.values(), GeoFile)
    return models


def _checked(cache: Cache, files: Files, which: list[File]) -> dict[File, Checked[Any]]:
    """Each of `which` (files of `files`) parsed and validated against its model, through the cache."""
    models = _models(files)
    calls = [(name, raw, models[name, raw]) for name, raw in which]
    return dict(zip(which, cache.each(check_file, calls, Checked), strict=True))


def _pick(checked: dict[File, Checked[Any]], file: File | None) -> Checked[Any] | None:
    return None if file is None else checked[file]
