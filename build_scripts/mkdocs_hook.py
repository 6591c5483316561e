"""MkDocs hook: run the generator before every build and watch content/ while serving.

Registered in mkdocs.yml under `hooks:`, so `mkdocs build` and `mkdocs serve` alone
regenerate the pages. The generator itself knows nothing of MkDocs.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.pages import Page

from build_scripts.errors import ContentError
from build_scripts.pipeline import build
from build_scripts.render import GENERATED
from build_scripts.scan import scan, site_path

log = logging.getLogger("mkdocs.hooks.explainers")


def _content_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / "content"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Drop edit links when no edit address is configured (SITE_EDIT_URI unset)."""
    if not config.edit_uri:
        config.edit_uri = None
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Regenerate the Markdown under docs/; stop the build, writing nothing, on invalid content."""
    try:
        report, warnings = build(_content_dir(config), Path(config.docs_dir))
    except ContentError as exc:
        for problem in exc.problems:
            log.error(str(problem))
        count = len(exc.problems)
        raise Abort(f"{count} problem{'s' if count != 1 else ''} in content/; nothing was written.") from None
    for warning in warnings:  # logged as information: they must not fail a strict build
        log.info(f"warning: {warning}")
    log.info(f"Explainer pages: {report}")


def on_post_build(config: MkDocsConfig) -> None:
    """Fail the build if the site holds script the theme did not ship (see build_scripts/scan.py)."""
    findings = scan(Path(config.site_dir), site_path(config.site_url))
    if findings:
        for finding in findings:
            log.error(f"unsafe output: {finding}")
        raise Abort(f"{len(findings)} unsafe element(s) or attribute(s) in the built site.")


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild when a content file changes."""
    server.watch(str(_content_dir(config)))
    return server


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Point a generated page's edit link at its YAML source, never at the generated Markdown.

    Pages gathered from many files (the timeline, the list of explainers) have no edit link.
    """
    if page.file.src_uri.split("/", 1)[0] not in GENERATED:
        return context
    source = page.meta.get("source")
    page.edit_url = None
    if isinstance(source, str) and config.edit_uri:
        # edit_uri ends in the docs folder (".../edit/main/docs/"); the source path is from the repo root.
        page.edit_url = urljoin(config.edit_uri.rstrip("/") + "/", "../" + source)
    return context
