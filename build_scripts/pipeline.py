"""The whole generator, stage by stage: content/ in, Markdown pages out."""

from __future__ import annotations

from pathlib import Path

from build_scripts.errors import ContentError
from build_scripts.link import link
from build_scripts.load import load
from build_scripts.render import GENERATED, render
from build_scripts.validate import validate
from build_scripts.write import WriteReport, write


def generate(content_dir: Path) -> dict[str, str]:
    """Turn a content folder into {path under docs/: Markdown}, or raise ContentError.

    Every stage runs even when an earlier one found problems, so one run names every
    mistake; nothing is rendered unless there are none.
    """
    documents, problems = load(content_dir)  # strict YAML, with line and column
    content, found = validate(documents)  # typed models
    problems += found
    site, found = link(content)  # ids that must exist do
    problems += found
    if problems:
        raise ContentError(problems)
    return render(site)  # Jinja templates to Markdown


def build(content_dir: Path, docs_dir: Path) -> WriteReport:
    """Generate the pages and write them under docs_dir; write nothing if any input is invalid."""
    pages = generate(content_dir)
    return write(pages, docs_dir, owned=GENERATED)  # only changed files; stale ones removed
