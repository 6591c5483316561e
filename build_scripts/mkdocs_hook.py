"""MkDocs hook: run the generator on every build, hand its pages to MkDocs, index the site, keep the preview alive.

Registered in mkdocs.yml under `hooks:`, so `mkdocs build` and `mkdocs serve` alone
regenerate the pages and index the built site for its search (build_scripts/search.py,
through the cache: the index of pages indexed before is written back, not made again;
while serving, anew after the pages reload, so that a save is not kept waiting for it). The
generated pages go to MkDocs as files in memory: nothing is
written under docs/, so a save in content/ makes one rebuild, not a second one for the
generator's own writes. (`python -m build_scripts build` writes the same pages to docs/
for other tools; they are replaced here by the fresh ones.) The generator itself knows
nothing of MkDocs.

`make serve TOPIC=<slug>` previews one explainer with its actors, the glossary and the
indexes, built in seconds whatever the size of content/; a build never does.

While serving, invalid content does not stop the preview: it keeps the last good pages,
and every page it serves carries a banner listing the problems, until a save fixes them.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from build_scripts import identity, preview, scan, search, usage
from build_scripts.errors import ContentError, problems_count
from build_scripts.identity import DEFAULT_IDENTITY, Identity
from build_scripts.load import GLOSSARY
from build_scripts.pipeline import generate, search_index
from build_scripts.scan import site_path
from build_scripts.write import GENERATED

log = logging.getLogger("mkdocs.hooks.explainers")
CONTENT = "content"
GLOSSARY_EXTENSION = "build_scripts.glossary_links"
TOPIC_ENV = "EXPLAINERS_TOPIC"
"""While serving, preview only this explainer and what it links to (`make serve TOPIC=<slug>`)."""


@dataclass
class _Run:
    """What this process knows between builds: whether it serves, the last good pages, the problems, the scan."""

    serving: bool = False
    topic: str | None = None
    """The one explainer previewed (`make serve TOPIC=<slug>`), or None for the whole site."""
    pages: dict[str, str | bytes] = field(default_factory=dict)
    changed: frozenset[str] = frozenset()
    identity: Identity = DEFAULT_IDENTITY
    problems: list[str] = field(default_factory=list)
    files: Files = field(default_factory=lambda: Files([]))
    allowed: set[str] = field(default_factory=set)
    """The inline scripts of the theme's own 404 page."""
    findings: dict[str, list[str]] = field(default_factory=dict)
    """What the scan found in each built page, by its path under site/."""
    indexing: search.Indexing | None = None
    """The preview's search index run, in the background."""


_run = _Run()


class _GeneratedFile(File):
    """A generated page in memory, which a dirty build (`mkdocs serve --dirty`) redoes only when it changed."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)  # noqa: PTH113 (a page of thousands: no Path)


def _project(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml: content/ is beside it."""
    return Path(config.config_file_path).parent


def _content_dir(config: MkDocsConfig) -> Path:
    return _project(config) / CONTENT


def _owned(src_uri: str) -> bool:
    return src_uri.split("/", 1)[0] in GENERATED


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    """Note whether this process serves a preview, which outlives invalid content, and of which topic."""
    _run.serving = command == "serve"
    _run.topic = (os.environ.get(TOPIC_ENV) or None) if _run.serving else None  # never a partial build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Read the site's identity (its logo goes to the header), drop edit links when no edit
    address is configured (SITE_EDIT_URI unset), and point the glossary extension at the
    glossary beside mkdocs.yml, wherever the build runs from."""
    try:
        _run.identity = identity.from_config(config)
    except identity.IdentityError as exc:
        raise Abort(str(exc)) from None
    if GLOSSARY_EXTENSION in config.markdown_extensions:
        options = config.mdx_configs.setdefault(GLOSSARY_EXTENSION, {})
        glossary = Path(options.get("glossary", Path(CONTENT) / GLOSSARY))
        options["glossary"] = str(glossary if glossary.is_absolute() else _project(config) / glossary)
    if _run.identity.logo:
        config.theme["logo"] = _run.identity.logo
    if not config.edit_uri:
        config.edit_uri = None
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Generate the pages; on invalid content stop the build, or while serving keep the last good pages."""
    if _run.indexing is not None:  # the preview's search, still indexing pages this build replaces
        _run.indexing.stop()
    try:
        generated = generate(_content_dir(config), _run.identity, topic=_run.topic)
    except ContentError as exc:
        problems = [str(problem) for problem in exc.problems]
        for problem in problems:
            log.error(problem)
        how_many = problems_count(len(problems))
        if not _run.serving:
            raise Abort(f"{how_many} in content/; nothing was written.") from None
        log.error(f"{how_many} in content/: the preview keeps the last good pages until a save fixes them.")
        _run.problems, _run.changed = problems, frozenset()
        return
    for warning in generated.warnings:  # logged as information: they must not fail a strict build,
        if warning.message == usage.PLACEHOLDER and not _run.serving:  # but for a page not yet written
            log.warning(str(warning))
        else:
            log.info(f"warning: {warning}")
    previous = _run.pages
    _run.changed = frozenset(path for path, text in generated.pages.items() if previous.get(path) != text)
    removed = len(set(previous) - set(generated.pages))
    unchanged = len(generated.pages) - len(_run.changed)
    _run.pages, _run.problems = generated.pages, []
    if previous:  # a preview's rebuild
        changed = len(_run.changed)
        log.info(f"Explainer pages: {changed} changed since the last build, {removed} removed, {unchanged} unchanged")
    else:
        log.info(f"Explainer pages: {len(generated.pages)} generated")
    if not _run.serving:
        # A one-off build keeps what the generator made until it ends: moving it out of the
        # collector's sight spares MkDocs' collections from walking it again and again. A
        # preview would keep each rebuild's objects forever, so it does not.
        gc.freeze()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Give MkDocs the generated pages, in place of any the command line left under docs/."""
    for stale in [file for file in files if _owned(file.src_uri)]:
        files.remove(stale)
    for path, text in _run.pages.items():
        file = _GeneratedFile.generated(config, path, content=text)
        assert isinstance(file, _GeneratedFile)
        file.changed = path in _run.changed
        files.append(file)
    _run.files = files
    return files


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Learn the theme's own inline scripts from its 404 page, built before any page; scan it too."""
    if template_name == "404.html":
        _run.allowed = scan.theme_scripts(output)
        _run.findings[template_name] = scan.scan_page(output, template_name, _run.allowed, site_path(config.site_url))
    return output


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Scan each built page for script the theme did not ship while it is in memory (see build_scripts/scan.py)."""
    rel = page.file.dest_uri
    _run.findings[rel] = scan.scan_page(output, rel, _run.allowed, site_path(config.site_url))
    return output


def on_post_build(config: MkDocsConfig) -> None:
    """Fail the build if the site holds script the theme did not ship (see build_scripts/scan.py); index its search.

    Pages were scanned as they were built (in a `--dirty` rebuild, the pages not rebuilt keep
    their findings); here any HTML file copied as it is is scanned. While serving, the
    findings join the preview's problem banner instead, and the search is indexed in the
    background, while the pages reload.
    """
    site_dir = Path(config.site_dir)
    built = {"404.html"} | {file.dest_uri for file in _run.files.documentation_pages()}
    _run.findings = {rel: found for rel, found in _run.findings.items() if rel in built}
    findings = [finding for _, found in sorted(_run.findings.items()) for finding in found]
    for file in _run.files.static_pages():
        if file.dest_uri.endswith(".html") and (site_dir / file.dest_uri).is_file():
            html = (site_dir / file.dest_uri).read_text(encoding="utf-8", errors="replace")
            findings += scan.scan_page(html, file.dest_uri, _run.allowed, site_path(config.site_url))
    findings = sorted(findings)
    for finding in findings:
        log.error(f"unsafe output: {finding}")
    if findings and not _run.serving:
        raise Abort(f"{len(findings)} unsafe element(s) or attribute(s) in the built site.")
    _run.problems += [f"unsafe output: {finding}" for finding in findings]
    if _run.serving:  # in the background: not even the pages are read (to look the index up) before they reload
        _run.indexing = search.Indexing(site_dir)
        threading.Thread(target=_wait_in_background, args=(_run.indexing,), daemon=True).start()
        return
    try:
        _wait_for_index(search_index(site_dir, _content_dir(config)))
    except search.SearchIndexError as exc:
        raise Abort(str(exc)) from None


def _wait_for_index(indexing: search.Indexing | search.Restored) -> None:
    """Wait until the search index is written and log how long it took; raise SearchIndexError if it failed."""
    log.info(f"Search index written to {search.BUNDLE}/ in {indexing.wait():.2f} seconds")


def _wait_in_background(indexing: search.Indexing) -> None:
    """While serving: the same, with a failure logged, unless a newer build stopped the run."""
    try:
        _wait_for_index(indexing)
    except search.SearchIndexError as exc:
        if not indexing.stopped:
            log.error(str(exc))


class _Compiled(BytecodeCache):
    """The theme's templates as Jinja compiled them, by template and source checksum, for this process.

    MkDocs makes a new Jinja environment on every build, so a preview would compile the
    theme's templates again on every save (0.47 s); Jinja checks each template's source
    against the checksum it was compiled from, so a changed template is compiled anew."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_compiled = _Compiled()


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """While serving, keep the theme's compiled templates from one rebuild to the next."""
    if _run.serving:
        env.bytecode_cache = _compiled
    return env


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild when a content file changes, and show the content's problems on every page served."""
    server.watch(str(_content_dir(config)))
    # MkDocs' live-reload server puts its reload script into every HTML page it serves
    # through this one method; the banner goes in with it, so it reaches every page
    # without rebuilding any. (MkDocs 1.6; pinned in requirements.lock.)
    inject = server._inject_js_into_html

    def inject_with_banner(content: bytes, epoch: int) -> bytes:
        return preview.with_banner(inject(content, epoch), _run.problems)

    server._inject_js_into_html = inject_with_banner
    return server


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Point a generated page's edit link at its YAML source, never at the generated Markdown.

    Pages gathered from many files (the timeline, the list of explainers) have no edit link.
    """
    if not _owned(page.file.src_uri):
        return context
    source = page.meta.get("source")
    page.edit_url = None
    if isinstance(source, str) and config.edit_uri:
        # edit_uri ends in the docs folder (".../edit/main/docs/"); the source path is from the repo root.
        page.edit_url = urljoin(config.edit_uri.rstrip("/") + "/", "../" + source)
    return context
