"""Index the built site for its search, with Pagefind: the one module that runs Pagefind.

Pagefind reads the built pages and writes, under site/pagefind/, an index split into
small files together with its search box's script and styles. A reader's browser fetches
nothing of the index until they search, and then only the parts their words need, so a
search costs about the same at ten explainers or at thousands.

What is indexed is each page's text, as the theme override marks it (`data-pagefind-body`
in overrides/main.html): not the navigation, header or footer, and not the theme's 404 page.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from build_scripts.write import digest

BUNDLE = "pagefind"
"""The folder of the site Pagefind writes: its index, and the search box's script and styles."""

IGNORED = (".headerlink",)
"""What a page shows inside its text that is not text: the headings' permalink signs (¶)."""


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message holds what it said."""


class Indexing:
    """One run of Pagefind over a built site, under way from its creation until `wait()` returns.

    Any thread may wait for it, any number of times: the preview waits for it in the background.
    """

    def __init__(self, site_dir: Path, *, written: Callable[[Bundle], object] | None = None) -> None:
        """Start indexing the site into site_dir/pagefind/, in place of any earlier index; once it is
        written, give its files to `written`, if any (the first to wait does)."""
        # Pagefind adds to its folder; a page removed since the last build must not stay findable.
        shutil.rmtree(site_dir / BUNDLE, ignore_errors=True)
        command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE, "--quiet"]
        for selector in IGNORED:
            command += ["--exclude-selectors", selector]
        self.site_dir = site_dir
        self.written = written
        self.stopped = False
        self._start = time.perf_counter()
        self._process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self._lock = threading.Lock()
        self._outcome: float | SearchIndexError | None = None

    def wait(self) -> float:
        """Wait until the index is written; return the seconds it took, or raise SearchIndexError."""
        with self._lock:  # Pagefind's output is read once, by the first to wait
            if self._outcome is None:
                said, _ = self._process.communicate()
                self._outcome = time.perf_counter() - self._start
                if self._process.returncode != 0:
                    what = "was stopped" if self.stopped else f"could not index {self.site_dir}"
                    self._outcome = SearchIndexError(
                        f"Pagefind {what} (exit {self._process.returncode}): {said.strip()}"
                    )
                elif self.written is not None:
                    try:
                        written = bundle(self.site_dir)
                    except OSError:  # the index is written; only keeping it failed
                        written = None
                    if written is not None and not self.stopped:  # a newer build's pages may be on disk
                        self.written(written)
        if isinstance(self._outcome, SearchIndexError):
            raise self._outcome
        return self._outcome

    def stop(self) -> None:
        """End the run if it is still under way, its index unfinished: a new build replaces the pages it reads."""
        self.stopped = True
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()


@dataclass(frozen=True)
class Bundle:
    """The files of a written index (site_dir/pagefind/), by their path in it."""

    files: dict[str, bytes]


def bundle(site_dir: Path) -> Bundle:
    """The index written under site_dir/pagefind/."""
    folder = site_dir / BUNDLE
    return Bundle({p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()})


CONFIG_FILES = ("pagefind.yml", "pagefind.yaml", "pagefind.toml", "pagefind.json")
"""Pagefind's own configuration files, which it reads from the folder it runs in."""


def pages(site_dir: Path) -> list[tuple[str, str]]:
    """What Pagefind reads: each HTML page's path and a digest of its bytes, in order, and its own
    configuration (its PAGEFIND_ variables, its files). Its index is the same whenever these are (and
    Pagefind and this module are)."""
    found = sorted((name, value) for name, value in os.environ.items() if name.startswith("PAGEFIND_"))
    found += [(name, digest(Path(name).read_bytes())) for name in CONFIG_FILES if Path(name).is_file()]
    for page in sorted(site_dir.rglob("*.html")):
        rel = page.relative_to(site_dir).as_posix()
        if not rel.startswith(f"{BUNDLE}/"):
            found.append((rel, digest(page.read_bytes())))
    return found


class Restored:
    """An index written from its files kept from an earlier run over the same pages: done when made."""

    def __init__(self, site_dir: Path, kept: Bundle) -> None:
        start = time.perf_counter()
        folder = site_dir / BUNDLE
        shutil.rmtree(folder, ignore_errors=True)
        for rel, data in kept.files.items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_bytes(data)
        self.seconds = time.perf_counter() - start

    def wait(self) -> float:
        """The seconds writing it took."""
        return self.seconds


def index(site_dir: Path) -> float:
    """Index the built site into site_dir/pagefind/, in place of any earlier index; return the seconds it took."""
    return Indexing(site_dir).wait()
