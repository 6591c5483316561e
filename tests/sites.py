"""Whole sites for the tests: a project laid out around a content folder, built as `make site` does.

The tests of the code build the sample topics under tests/fixtures/ (their own content);
the tests of the live content read the site built from whatever content/ holds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from build_scripts.write import GENERATED
from tests.htmltree import Element, parse

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ADDRESSES = ("SITE_URL", "SITE_EDIT_URI", "SITE_CORRECTIONS")
"""The published and edit addresses, read from the environment as in the deploy job; tests
set them themselves or build without them, whatever the shell that runs them has."""
SAMPLE = FIXTURES / "sample" / "content"
"""Two made-up topics that use every part of the content model."""
EDIT_URI = "https://github.com/example/explainers/edit/main/docs/"
MKDOCS = str(Path(sys.executable).parent / "mkdocs")


def environment(**env: str) -> dict[str, str]:
    """The environment of a local build: no published or edit address unless given."""
    return {k: v for k, v in os.environ.items() if k not in ADDRESSES} | {"NO_MKDOCS_2_WARNING": "1"} | env


def mkdocs_build(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` in a project folder, as `make site` does."""
    return subprocess.run(
        [MKDOCS, "build", "--strict", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env=environment(**env),
    )


def lay_out(root: Path, content: Path) -> Path:
    """Copy `content` into a project at root with this repository's configuration, hook and pages."""
    shutil.copytree(content, root / "content")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    (root / "build_scripts").mkdir()
    shutil.copy(ROOT / "build_scripts" / "mkdocs_hook.py", root / "build_scripts" / "mkdocs_hook.py")
    shutil.copytree(ROOT / "docs", root / "docs", ignore=_hand_written, dirs_exist_ok=True)
    return root


def _hand_written(folder: str, names: list[str]) -> list[str]:
    """What not to copy of docs/: the pages `python -m build_scripts build` may have left there."""
    return [name for name in names if Path(folder) == ROOT / "docs" and name in GENERATED]


def build_project(root: Path, content: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Lay out a project around `content` and build it strictly into root/site."""
    return mkdocs_build(lay_out(root, content), **env)


def explainer_slugs(content: Path) -> list[str]:
    """The slugs of the explainers a content folder holds, in order."""
    return sorted(path.stem for path in (content / "explainers").glob("*.yaml"))


def page(site: Path, rel: str) -> Element:
    """A built page, parsed."""
    return parse((site / rel).read_text(encoding="utf-8"))


def article(site: Path, rel: str) -> Element:
    """The article element of a built page: its content, without the theme's navigation."""
    return page(site, rel).find("article")


def rows(root: Element) -> list[list[str]]:
    """The cells of every table row."""
    return [[td.text for td in tr.iter("td")] for tr in root.iter("tr")]
