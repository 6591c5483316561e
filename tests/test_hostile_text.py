"""Hostile text anywhere in the content, built through MkDocs: text stays text, or the build says why.

Strings drawn from markup, Markdown link and attribute syntax and control characters go into
string fields of every file of the sample topics (explainers, actors, glossary, maps), then
the site is built as `make site` builds it and as `python -m build_scripts build` writes it.
Every run ends one of two ways:

- refused: exit code 1, one `path:line:col: field: message` line per mistake, no traceback,
  and nothing written (no site/, no generated page under docs/);
- built: every output holds the text as text: no element, attribute or script in any page
  (inline pictures included) that the unmodified site does not have, beyond the emphasis and
  links contributors may write; every JSON file and JSON-LD block, the feed and the sitemap
  parse; every share image is a 1200 × 630 PNG; and the search index holds no markup.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from build_scripts import scan
from build_scripts.load import load
from build_scripts.validate import validate
from build_scripts.write import GENERATED
from tests import atom
from tests.sites import SAMPLE, environment, lay_out, mkdocs_build
from tests.test_fuzz import examples

pytestmark = pytest.mark.slow

MARKUP = [
    '"><svg onload=alert("x")>',
    '[click me](javascript:alert("x"))',
    '</title><script>alert("x")</script>',
    "<!--",
    "-->",
    "]]>",
    "&lt;script&gt;",
    "&amp;",
    "&#60;b&#62;",
    "&",
    "<3",
    "< b",
    '"',
    "'",
    "`",
    "*",
    "**",
    "_",
    "[",
    "]",
    "](",
    "[x](https://example.org/a)",
    "[x]: https://example.org",
    '{: onclick="alert(1)" }',
    "{{ x }}",
    "{% raw %}",
    "|",
    "#",
    "\\",
    "\\u003c/script>",
    "javascript:alert(1)",
    "onerror=alert(1)",
    "%3Cscript%3E",
    "\x00",
    "\x1b",
    "\u202e",
    "\u200b",
    "\n",
    "\n\n",
    "\t",
    "- ",
    "1. ",
    "> ",
    "---",
    ":",
    " ",
]
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=8)
PAYLOADS = st.lists(st.one_of(st.sampled_from(MARKUP), WORDS), min_size=1, max_size=6).map("".join)

Key = str | int
FieldPath = tuple[str, tuple[Key, ...]]
"""A string field: the file (relative to content/) and the keys that lead to it."""

ALLOWED_NEW_TAGS = frozenset({"em", "strong", "a"})
"""Elements a contributor may add with the Markdown subset: emphasis, strong emphasis, links."""
_LINE = re.compile(r"^\S+:\d+:\d+: \S.*$")
_TAG_IN_TEXT = re.compile(r"<[A-Za-z!/?]")
_FIELD_LINE = re.compile(r"^(ERROR|WARNING)\s+-\s+(.*)$")


def _files(content: Path) -> list[str]:
    return sorted(p.relative_to(content).as_posix() for p in content.rglob("*") if p.suffix in (".yaml", ".geojson"))


def _strings(value: Any, path: tuple[Key, ...] = ()) -> Iterator[tuple[Key, ...]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))
    elif isinstance(value, str):
        yield path


@cache
def _fields() -> tuple[list[FieldPath], list[FieldPath]]:
    """Every string field of the sample topics: (contributor text, everything else: ids, kinds, addresses)."""
    documents, _ = load(SAMPLE)
    content, _ = validate(documents)
    assert content.actors and content.glossary
    models: dict[str, Any] = {"actors.yaml": content.actors[1], "glossary.yaml": content.glossary[1]}
    models |= {f"explainers/{x.slug}.yaml": x.model for x in content.explainers}
    texts = {(file, tuple(path)) for file, model in models.items() if model for path, *_ in model.texts()}
    every = [(file, path) for file in _files(SAMPLE) for path in _strings(_read(SAMPLE / file))]
    return [f for f in every if f in texts], [f for f in every if f not in texts]


def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _write(path: Path, data: Any) -> None:
    if path.suffix == ".geojson":
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1 << 20), encoding="utf-8")


def _edited(root: Path, edits: list[tuple[FieldPath, str, bool]]) -> Path:
    """A project around a copy of the sample topics with each edit made: text appended, or put in place."""
    project = lay_out(root, SAMPLE)
    for file in sorted({file for (file, _), _, _ in edits}):
        data = _read(project / "content" / file)
        for (_, path), value, append in (e for e in edits if e[0][0] == file):
            parent = data
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]] = parent[path[-1]] + value if append else value
        _write(project / "content" / file, data)
    return project


def _refused_cleanly(run: subprocess.CompletedProcess[str], summary: str) -> list[str]:
    """What is wrong with a refusal: exit 1, every problem on a located line, the summary last, no traceback."""
    wrong = []
    if run.returncode != 1:
        wrong.append(f"exit code {run.returncode}, not 1")
    printed = run.stderr + run.stdout  # MkDocs prints the summary of its refusal on standard output
    if "Traceback" in printed or "internal error" in printed:
        wrong.append("a traceback")
    lines = [line for line in printed.splitlines() if line.strip() and not line.startswith("INFO")]
    if not lines or not re.fullmatch(summary, lines[-1]):
        wrong.append(f"the last line is {lines[-1:]!r}, not the summary")
    for line in lines[:-1]:
        problem = match.group(2) if (match := _FIELD_LINE.match(line)) else line
        if not _LINE.match(problem):
            wrong.append(f"not a located problem: {line!r}")
    return wrong


def _element_kinds(html: str) -> set[tuple[str, str]]:
    """Every (element, attribute) pair a page holds, with ("element", "") for each element."""
    kinds: set[tuple[str, str]] = set()

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            kinds.add((tag, ""))
            kinds.update((tag, name) for name, _ in attrs)

    collector = Collect(convert_charrefs=True)
    collector.feed(html)
    collector.close()
    return kinds


@cache
def _baseline() -> frozenset[tuple[str, str]]:
    """The elements and attributes of the unmodified sample site's pages."""
    with tempfile.TemporaryDirectory() as folder:
        project = lay_out(Path(folder), SAMPLE)
        built = mkdocs_build(project)
        assert built.returncode == 0, built.stderr
        return frozenset().union(*(_element_kinds(p.read_text()) for p in (project / "site").rglob("*.html")))


def _text_stays_text(site: Path) -> list[str]:
    """What in a built site is not text where content's text went."""
    wrong = [f"scan: {finding}" for finding in scan.scan(site)]
    allowed = _baseline() | {(tag, "") for tag in ALLOWED_NEW_TAGS} | {("a", "href"), ("a", "title")}
    for page in sorted(site.rglob("*.html")):
        for tag, attribute in sorted(_element_kinds(page.read_text(encoding="utf-8")) - allowed):
            wrong.append(f"{page.relative_to(site)}: <{tag}{' ' + attribute if attribute else ''}> is new")
    for data in sorted(site.rglob("*.json")):
        try:
            json.loads(data.read_text(encoding="utf-8"))
        except ValueError as exc:
            wrong.append(f"{data.relative_to(site)}: not JSON ({exc})")
    for xml in (site / "feed.xml", site / "sitemap.xml"):
        try:
            etree.fromstring(xml.read_bytes())
        except etree.ParseError as exc:
            wrong.append(f"{xml.name}: not XML ({exc})")
    wrong += [f"feed.xml: {problem}" for problem in atom.problems((site / "feed.xml").read_bytes())]
    for image in sorted(site.rglob("share.png")):
        head = image.read_bytes()[:24]
        if head[:8] != b"\x89PNG\r\n\x1a\n" or head[16:24] != (1200).to_bytes(4, "big") + (630).to_bytes(4, "big"):
            wrong.append(f"{image.relative_to(site)}: not a 1200 × 630 PNG")
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        record = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        texts = [record.get("content", ""), *record.get("meta", {}).values()]
        if any(_TAG_IN_TEXT.search(str(text)) for text in texts):
            wrong.append(f"search index {fragment.name}: markup in the indexed text")
    return wrong


def _generated(docs: Path) -> list[str]:
    return sorted(name for name in GENERATED if (docs / name).exists())


EDITS = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(_fields()[0]), st.sampled_from(_fields()[0]), st.sampled_from(_fields()[1])),
        PAYLOADS,
        st.booleans(),
    ),
    min_size=1,
    max_size=6,
    unique_by=lambda edit: edit[0],
)
GLOSSARY_SHORT: FieldPath = ("glossary.yaml", ("terms", 0, "short"))
ACTOR_NAME: FieldPath = ("actors.yaml", ("actors", 0, "name"))
SUMMARY: FieldPath = ("explainers/dam-dispute.yaml", ("summary",))


@settings(max_examples=examples(8), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=EDITS)
# Each of these once ended in "internal error" instead of the glossary's located problem.
@example(edits=[(GLOSSARY_SHORT, ' "><svg onload=alert("x")> ', True)])
@example(edits=[(GLOSSARY_SHORT, ' [click me](javascript:alert("x")) ', True)])
@example(edits=[(GLOSSARY_SHORT, ' </title><script>alert("x")</script> ', True)])
@example(edits=[(ACTOR_NAME, " &lt;script&gt; *x* {{ y }} |a| <3 `z` ", True), (SUMMARY, " &amp; [b]: c", True)])
def test_hostile_text_stays_text_or_is_refused(edits: list[tuple[FieldPath, str, bool]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = _edited(Path(folder), edits)
        generator = subprocess.run(
            [sys.executable, "-m", "build_scripts", "build"],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
            env=environment(PYTHONPATH=str(Path(__file__).resolve().parent.parent)),
        )
        built = mkdocs_build(project)
        if built.returncode == 0:
            assert generator.returncode == 0, generator.stderr
            assert _text_stays_text(project / "site") == []
            return
        assert _refused_cleanly(built, r"\d+ problems? in content/; nothing was written\.") == [], built.stderr
        assert not (project / "site").exists()
        assert _refused_cleanly(generator, r"\d+ problems? found; nothing was written\.") == [], generator.stderr
        assert _generated(project / "docs") == []


def test_the_fields_cover_every_file_and_both_kinds() -> None:
    """The edits reach every content file, through its text fields and its other strings."""
    texts, others = _fields()
    assert {file for file, _ in texts} == {"actors.yaml", "glossary.yaml", *_explainer_files()}
    assert {file for file, _ in others} == set(_files(SAMPLE))
    assert GLOSSARY_SHORT in texts and ACTOR_NAME in texts and SUMMARY in texts


def _explainer_files() -> list[str]:
    return [f for f in _files(SAMPLE) if f.startswith("explainers/")]
