"""The whole generator, stage by stage: content/ in, Markdown pages out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from build_scripts.errors import ContentError, Problem
from build_scripts.link import link
from build_scripts.load import load
from build_scripts.render import GENERATED, render
from build_scripts.validate import validate
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


def generate(content_dir: Path) -> Generated:
    """Turn a content folder into Markdown pages, or raise ContentError.

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
    return Generated(render(site), sorted(site.warnings))  # Jinja templates to Markdown


def build(content_dir: Path, docs_dir: Path) -> tuple[WriteReport, list[Problem]]:
    """Generate the pages and write them under docs_dir; write nothing if any input is invalid."""
    generated = generate(content_dir)
    report = write(generated.pages, docs_dir, owned=GENERATED)  # only changed files; stale ones removed
    return report, generated.warnings
