"""Property-based tests: arbitrary text in every text field, arbitrary YAML into the loader.

Whatever a contributor types either comes back on the page as the same words, with no
live markup, or is refused with a located problem; the loader never crashes.
"""

from __future__ import annotations

import json
import os
import shutil
import string
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from build_scripts import text as textmod
from build_scripts.errors import ContentError
from build_scripts.glossary_links import GlossaryLinkExtension
from build_scripts.pipeline import generate
from build_scripts.scan import _parse
from build_scripts.yamlload import LOADERS, MAX_DEPTH, decode, parse
from tests.htmltree import parse as parse_html
from tests.sites import FIXTURES

SCALE = int(os.environ.get("FUZZ", "1"))
"""How many times the default number of examples to try: `make fuzz` runs a long search with FUZZ=100."""


def examples(count: int) -> int:
    """The number of examples a property tries: modest by default, so that `make test` stays quick."""
    return count * SCALE


SETTINGS = settings(
    max_examples=examples(10), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Characters that mean something to YAML, Markdown, its extensions or HTML, plus letters,
# digits, spaces and any other Unicode.
SYNTAX = "\\`*_{}[]()#+-.!|<>&\"':;=~^%@/?,\t\n\r "
TEXT = st.text(
    alphabet=st.one_of(st.sampled_from(SYNTAX), st.sampled_from(string.ascii_letters + string.digits), st.characters()),
    min_size=1,
    max_size=60,
)

# (where the text goes in the minimal explainer, the line it replaces)
FIELDS = {
    "title": "title: The bridge dispute",
    "summary": "summary: Northland and Southland disagree over who may use the bridge.",
    "heading": "  - heading: What is the bridge?",
    "body": "    body: The only crossing on the river line.",
    "role": "    role: Closed the bridge.",
    "stance": "    stance: Keeps the bridge closed",
    "quote": "      - text: The bridge is unsafe.",
    "measure": "  - measure: Vehicles turned back\n    value: 120",
    "event": "    text: Northland closes the bridge.",
    "source title": "    title: Bridge closed",
}


@pytest.fixture(scope="module")
def explainer() -> str:
    return (FIXTURES / "minimal" / "content" / "explainers" / "bridge-dispute.yaml").read_text(encoding="utf-8")


def render_html(content: Path, slug: str) -> str:
    page = generate(content).text(f"explainers/{slug}.md")
    extensions: list[Any] = [
        "attr_list",
        "tables",
        "toc",
        GlossaryLinkExtension(glossary=str(content / "glossary.yaml")),
    ]
    return markdown.markdown(page, extensions=extensions)


@pytest.mark.parametrize("field", sorted(FIELDS))
@SETTINGS
@given(value=TEXT)
@example(value="00")  # once became "1. 00. The River Gazette": a nested list
@example(value="- a\n\n---\n\n1) b\n\n> c\n\n    d")
@example(value="<3 & &amp; &lt;script&gt; [x]: y {: #z }")
def test_any_text_is_shown_literally_or_refused(
    field: str, value: str, explainer: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    content = tmp_path_factory.mktemp("content")
    shutil.copytree(FIXTURES / "minimal" / "content", content, dirs_exist_ok=True)
    old = FIELDS[field]
    key, _, rest = old.partition(": ")
    extra = rest.partition("\n")[2]
    new = f"{key}: {json.dumps(value)}" + (f"\n{extra}" if extra else "")  # a JSON string is a YAML scalar
    (content / "explainers" / "bridge-dispute.yaml").write_text(explainer.replace(old, new, 1), encoding="utf-8")
    try:
        html = render_html(content, "bridge-dispute")
    except ContentError as exc:
        assert all(p.path.endswith("bridge-dispute.yaml") and p.line > 0 for p in exc.problems)
        return
    expected = " ".join(textmod.to_plain(textmod.normalize(value, paragraphs=field == "body")).split())
    shown = parse_html(html).text
    assert expected in shown
    found = _parse(html)
    assert found.findings == [] and found.inline_scripts == [] and found.external_scripts == []


KEYS = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=10)
SCALARS = st.one_of(st.none(), st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20))
TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=4)),
    max_leaves=20,
)


def depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    return 0


@pytest.mark.slow
@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
@settings(max_examples=examples(200), deadline=None)
@given(tree=st.dictionaries(KEYS, TREES, min_size=1, max_size=4))
def test_yaml_structures_round_trip_as_text(loader: type, tree: dict[str, Any]) -> None:
    dumped = yaml.safe_dump(tree, allow_unicode=True)
    try:
        doc = parse("x.yaml", decode("x.yaml", dumped.encode("utf-8")), loader=loader)
    except ContentError as exc:
        # Only what the loader refuses on purpose: control characters PyYAML may write out.
        assert depth(tree) > MAX_DEPTH or all("control character" in p.message for p in exc.problems), exc
        return
    assert doc.data == tree


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
@settings(max_examples=examples(300), deadline=None)
@given(
    raw=st.one_of(
        st.binary(max_size=200), st.text(alphabet=st.sampled_from(SYNTAX + "ab1\n"), max_size=200).map(str.encode)
    )
)
def test_any_bytes_give_a_document_or_located_problems(loader: type, raw: bytes) -> None:
    try:
        parse("x.yaml", decode("x.yaml", raw), loader=loader)
    except ContentError as exc:
        assert exc.problems and all(p.line >= 1 and p.col >= 1 for p in exc.problems)


@settings(max_examples=examples(300), deadline=None)
@given(raw=st.text(alphabet=st.sampled_from(SYNTAX + "ab1\n-"), max_size=120))
def test_both_parsers_give_the_same_verdict(raw: str) -> None:
    """Both parsers refuse the same texts, and read the others into the same data."""
    verdicts: list[object] = []
    for loader in LOADERS:
        try:
            verdicts.append(parse("x.yaml", raw, loader=loader).data)
        except ContentError:
            verdicts.append(ContentError)
    assert all(verdict == verdicts[0] for verdict in verdicts), verdicts
