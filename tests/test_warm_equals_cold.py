"""A warm run equals a cold one, byte for byte, after any sequence of edits.

A stateful property: hypothesis applies random edit sequences to a copy of the minimal
fixture topic (add, duplicate, rename and delete an explainer; edit a field of an
explainer, an actor or a glossary term; break a file and mend it; switch between the whole
site and a one-topic preview, and between two identities, all through one cache) and after
every step compares three runs: warm in this process (memory and disk), warm from the disk
alone (as a new process finds it), and cold (an empty cache). At the end of each sequence a
new process builds the whole site from the disk cache, and its files must equal the cold pages.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from build_scripts import cache
from build_scripts.cache import CACHE_ENV
from build_scripts.errors import ContentError
from build_scripts.identity import DEFAULT_IDENTITY, Identity
from build_scripts.pipeline import generate
from tests.sites import FIXTURES
from tests.test_fuzz import examples

SLUGS = ("bridge-dispute", "a-topic", "b-topic", "c-topic")
WORDS = st.lists(st.sampled_from(["The", "bridge", "river", "line", "Northland", "Southland", "TODO", "closed", "—"]))
TEXT = WORDS.map(" ".join)
DAY = st.sampled_from(["2023-12-31", "2024-01-02", "2024-01-03", "2024-02-29", "2024-13-01", "2024"])

# (file, the line's start, the values it may take): one for every kind of field.
FIELDS: list[tuple[str, str, st.SearchStrategy[str]]] = [
    ("explainer", "title: ", TEXT),
    ("explainer", "summary: ", TEXT),
    ("explainer", "published: ", DAY),
    ("explainer", "as_of: ", DAY),
    ("explainer", "    role: ", TEXT),
    ("explainer", "    stance: ", TEXT),
    ("explainer", "    value: ", st.sampled_from(["120", "121", "1,000", "many"])),
    ("explainer", "    claimed_by: ", st.sampled_from(["southland", "northland", "ana-north", "nobody"])),
    ("explainer", "  - date: ", DAY),
    ("explainer", "    text: ", TEXT),
    ("explainer", "glossary: ", st.sampled_from(["[river-line]", "[]", "[river-lines]"])),
    ("actors.yaml", "    name: ", TEXT),
    ("actors.yaml", "    description: ", TEXT),
    ("actors.yaml", "    office: ", TEXT),
    ("actors.yaml", "    kind: ", st.sampled_from(["state", "person", "organisation", "planet"])),
    ("glossary.yaml", "    term: ", TEXT),
    ("glossary.yaml", "    other_names: ", st.sampled_from(["[the line]", "[]", "[the bridge, the line]"])),
    ("glossary.yaml", "    short: ", TEXT),
]
BREAKS = ["titel: x\n", "title: [unclosed\n", "\t\n", "- a list\n", ""]
UNNAMED = (
    "  - id: bob-north\n    name: Bob North\n    kind: person\n    affiliation: northland\n    description: An aide.\n"
)
"""An actor no explainer of the minimal fixture names, a member of one they do: a preview leaves it out."""
ELSEWHERE = Identity(name="Elsewhere", url="https://example.org/elsewhere/")
"""A second site's identity: another address and name, which the feed, the data and the pages show."""


def outcome(content: Path, identity: Identity = DEFAULT_IDENTITY, topic: str | None = None) -> tuple[str, object]:
    """What a run gives: its pages and warnings, or its problems."""
    try:
        generated = generate(content, identity, topic=topic)
    except ContentError as exc:
        return "refused", [str(problem) for problem in exc.problems]
    return "generated", (generated.pages, [str(w) for w in generated.warnings])


class Edits(RuleBasedStateMachine):
    """Random edits to a small site, with the three runs compared after each."""

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="warm-cold-"))
        self.content = self.root / "content"
        shutil.copytree(FIXTURES / "minimal" / "content", self.content)
        with (self.content / "actors.yaml").open("a", encoding="utf-8") as actors:  # a member no explainer names,
            actors.write(UNNAMED)  # whom a preview's page of the body they belong to leaves out
        self.template = (self.content / "explainers" / "bridge-dispute.yaml").read_text(encoding="utf-8")
        self.cache = self.root / "cache"
        self.broken: dict[Path, str] = {}
        self.preview, self.elsewhere = False, False

    def _explainers(self) -> list[Path]:
        return sorted((self.content / "explainers").glob("*.yaml"))

    def _file(self, which: str, index: int) -> Path | None:
        if which != "explainer":
            return self.content / which
        found = self._explainers()
        return found[index % len(found)] if found else None

    @rule(slug=st.sampled_from(SLUGS))
    def add(self, slug: str) -> None:
        (self.content / "explainers" / f"{slug}.yaml").write_text(self.template, encoding="utf-8")

    @rule(index=st.integers(0, 3), slug=st.sampled_from(SLUGS))
    def duplicate(self, index: int, slug: str) -> None:
        target = self.content / "explainers" / f"{slug}.yaml"
        if (source := self._file("explainer", index)) and source != target:
            shutil.copyfile(source, target)

    @rule(index=st.integers(0, 3), slug=st.sampled_from(SLUGS))
    def rename(self, index: int, slug: str) -> None:
        target = self.content / "explainers" / f"{slug}.yaml"
        if (source := self._file("explainer", index)) and source != target:
            source.replace(target)

    @rule(index=st.integers(0, 3))
    def delete(self, index: int) -> None:
        if source := self._file("explainer", index):
            source.unlink()

    @rule(data=st.data(), field=st.sampled_from(FIELDS), index=st.integers(0, 3), which=st.integers(0, 2))
    def edit(self, data: st.DataObject, field: tuple[str, str, st.SearchStrategy[str]], index: int, which: int) -> None:
        name, start, values = field
        path = self._file(name, index)
        if path is None or not path.exists():
            return
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        matching = [i for i, line in enumerate(lines) if line.startswith(start)]
        if matching:
            i = matching[which % len(matching)]
            lines[i] = f"{start}{data.draw(values)}\n"
            path.write_text("".join(lines), encoding="utf-8")

    @rule(breakage=st.sampled_from(BREAKS), name=st.sampled_from(["explainer", "actors.yaml", "glossary.yaml"]))
    def break_file(self, breakage: str, name: str) -> None:
        path = self._file(name, 0)
        if path is None or not path.exists() or path in self.broken:
            return
        self.broken[path] = path.read_text(encoding="utf-8")
        path.write_text(breakage + self.broken[path] if breakage else "", encoding="utf-8")

    @precondition(lambda self: bool(self.broken))
    @rule()
    def mend(self) -> None:
        path, text = self.broken.popitem()
        if path.parent.is_dir():
            path.write_text(text, encoding="utf-8")

    @rule(preview=st.booleans(), elsewhere=st.booleans())
    def view(self, preview: bool, elsewhere: bool) -> None:
        """From now on, run a one-topic preview (of the first explainer) or the whole site, as either identity."""
        self.preview, self.elsewhere = preview, elsewhere

    def _view(self) -> tuple[Identity, str | None]:
        explainers = self._explainers()
        topic = explainers[0].stem if self.preview and explainers else None
        return (ELSEWHERE if self.elsewhere else DEFAULT_IDENTITY), topic

    @invariant()
    def warm_equals_cold(self) -> None:
        identity, topic = self._view()
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv(CACHE_ENV, str(self.cache))
            warm = outcome(self.content, identity, topic)  # memory and disk, as `make serve` runs
            cache._memory.pop(self.cache, None)
            from_disk = outcome(self.content, identity, topic)  # the disk alone, as a new process finds it
        cold = self._cold(identity, topic)
        assert warm == cold
        assert from_disk == cold

    def _cold(self, identity: Identity = DEFAULT_IDENTITY, topic: str | None = None) -> tuple[str, object]:
        with pytest.MonkeyPatch.context() as patch, tempfile.TemporaryDirectory() as empty:
            patch.setenv(CACHE_ENV, empty)
            try:
                return outcome(self.content, identity, topic)
            finally:
                cache._memory.pop(Path(empty), None)

    def teardown(self) -> None:
        try:
            self._new_process()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
            cache._memory.pop(self.cache, None)

    def _new_process(self) -> None:
        """A new process, warm from the disk cache, writes what a cold run of the whole site generates."""
        kind, result = self._cold()
        docs = self.root / "docs"
        done = subprocess.run(
            [sys.executable, "-m", "build_scripts", "build", "--content", str(self.content), "--docs", str(docs)],
            capture_output=True,
            text=True,
            check=False,
            cwd=self.root,  # no mkdocs.yml there: the default identity, as in this process
            env=os.environ | {CACHE_ENV: str(self.cache)},
        )
        if kind == "refused":
            assert done.returncode == 1, done.stderr
            # run in self.root, the process names files from there; this one names them in full
            shown = [
                f"{self.root}/{line}" for line in done.stderr.splitlines() if re.match(r"^content/.*:\d+:\d+:", line)
            ]
            assert shown == result
            return
        assert done.returncode == 0, done.stderr
        assert isinstance(result, tuple)
        pages = result[0]
        written = {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}
        assert written == {rel: page.encode() if isinstance(page, str) else page for rel, page in pages.items()}


Edits.TestCase.settings = settings(
    max_examples=examples(12),
    stateful_step_count=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_warm_equals_cold_after_any_edits = pytest.mark.slow(Edits.TestCase)
