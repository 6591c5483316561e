"""MkDocs hook: run the generator on every build, hand its pages to MkDocs, index the site, keep the preview alive.

Registered in mkdocs.yml under `hooks:`, so `mkdocs build` and `mkdocs serve` alone
regenerate the pages and index the built site for its search (build_scripts/search.py).
The generated pages go to MkDocs as files in memory: nothing is written under docs/, so
a save in content/ makes one rebuild, not a second one for the generator's own writes.
(`python -m build_scripts build` writes the same pages to docs/ for other tools; they are
replaced here by the fresh ones.) The generator itself knows nothing of MkDocs.

While serving, invalid content does not stop the preview: it keeps the last good pages,
and every page it serves carries a banner listing the problems, until a save fixes them.
The preview's search is indexed after the pages reload, so a save is not kept waiting for
it (Pagefind takes about 30 seconds at 1,000 explainers).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from build_scripts import preview, search
from build_scripts.errors import ContentError, problems_count
from build_scripts.pipeline import generate
from build_scripts.render import GENERATED
from build_scripts.scan import scan, site_path

log = logging.getLogger("mkdocs.hooks.explainers")


@dataclass
class _Run:
    """What this process knows between builds: whether it serves, the last good pages, the problems, the indexing."""

    serving: bool = False
    pages: dict[str, str] = field(default_factory=dict)
    changed: frozenset[str] = frozenset()
    problems: list[str] = field(default_factory=list)
    indexing: search.Indexing | None = None


_run = _Run()


class _GeneratedFile(File):
    """A generated page in memory, which a dirty build (`mkdocs serve --dirty`) redoes only when it changed."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed or not Path(self.abs_dest_path).is_file()


def _content_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / "content"


def _owned(src_uri: str) -> bool:
    return src_uri.split("/", 1)[0] in GENERATED


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    """Note whether this process serves a preview, which outlives invalid content."""
    _run.serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Drop edit links when no edit address is configured (SITE_EDIT_URI unset)."""
    if not config.edit_uri:
        config.edit_uri = None
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Generate the pages; on invalid content stop the build, or while serving keep the last good pages."""
    if _run.indexing is not None:  # the preview's search, still indexing pages this build replaces
        _run.indexing.stop()
    try:
        generated = generate(_content_dir(config))
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
    for warning in generated.warnings:  # logged as information: they must not fail a strict build
        log.info(f"warning: {warning}")
    previous = _run.pages
    _run.changed = frozenset(path for path, text in generated.pages.items() if previous.get(path) != text)
    removed = len(set(previous) - set(generated.pages))
    unchanged = len(generated.pages) - len(_run.changed)
    _run.pages, _run.problems = generated.pages, []
    log.info(f"Explainer pages: {len(_run.changed)} changed, {removed} removed, {unchanged} unchanged")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Give MkDocs the generated pages, in place of any the command line left under docs/."""
    for stale in [file for file in files if _owned(file.src_uri)]:
        files.remove(stale)
    for path, text in _run.pages.items():
        file = _GeneratedFile.generated(config, path, content=text)
        assert isinstance(file, _GeneratedFile)
        file.changed = path in _run.changed
        files.append(file)
    return files


def on_post_build(config: MkDocsConfig) -> None:
    """Fail the build if the site holds script the theme did not ship (see build_scripts/scan.py); index its search.

    While serving, the findings join the preview's problem banner instead, and the search is
    indexed in the background, while the pages reload.
    """
    site_dir = Path(config.site_dir)
    findings = scan(site_dir, site_path(config.site_url))
    for finding in findings:
        log.error(f"unsafe output: {finding}")
    if findings and not _run.serving:
        raise Abort(f"{len(findings)} unsafe element(s) or attribute(s) in the built site.")
    _run.problems += [f"unsafe output: {finding}" for finding in findings]
    indexing = search.Indexing(site_dir)
    if _run.serving:
        _run.indexing = indexing
        threading.Thread(target=_wait_in_background, args=(indexing,), daemon=True).start()
        return
    try:
        _wait_for_index(indexing)
    except search.SearchIndexError as exc:
        raise Abort(str(exc)) from None


def _wait_for_index(indexing: search.Indexing) -> None:
    """Wait until the search index is written and log how long it took; raise SearchIndexError if it failed."""
    log.info(f"Search index written to {search.BUNDLE}/ in {indexing.wait():.2f} seconds")


def _wait_in_background(indexing: search.Indexing) -> None:
    """While serving: the same, with a failure logged, unless a newer build stopped the run."""
    try:
        _wait_for_index(indexing)
    except search.SearchIndexError as exc:
        if not indexing.stopped:
            log.error(str(exc))


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
