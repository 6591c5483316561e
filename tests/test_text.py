"""Contributor text: the allowed Markdown subset renders; everything else stays literal."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from build_scripts import text
from build_scripts.pipeline import generate
from tests.test_validate import edit


def html(source: str) -> str:
    """Render like the site does (the extensions in mkdocs.yml)."""
    return markdown.markdown(text.to_markdown(source), extensions=["attr_list", "tables", "toc"])


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("plain words", "<p>plain words</p>"),
        ("an *emphasised* word", "<p>an <em>emphasised</em> word</p>"),
        ("a **strong** word", "<p>a <strong>strong</strong> word</p>"),
        (
            "see [the report](https://example.org/a_b?x=1&y=2)",
            '<p>see <a href="https://example.org/a_b?x=1&amp;y=2">the report</a></p>',
        ),
        ("snake_case_name stays", "<p>snake_case_name stays</p>"),
    ],
)
def test_the_subset_renders(source: str, expected: str) -> None:
    assert html(source) == expected


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("# not a heading", "# not a heading"),
        ("- not a list", "- not a list"),
        ("1. not a list", "1. not a list"),
        ("> not a quote", "&gt; not a quote"),
        ("`not code`", "`not code`"),
        ("![not an image](https://example.org/x.png)", "!"),
        ("[ref]: https://example.org", "[ref]: https://example.org"),
        ("text {: onclick=alert(1) }", "text {: onclick=alert(1) }"),
        ("a | b | c", "a | b | c"),
        ("&lt;script&gt;", "&amp;lt;script&amp;gt;"),
        ("x < 3 & y > 2", "x &lt; 3 &amp; y &gt; 2"),
        ("!!! note", "!!! note"),
        ("back\\slash", "back\\slash"),
    ],
)
def test_other_syntax_is_shown_literally(source: str, shown: str) -> None:
    rendered = html(source)
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    assert shown in rendered
    assert "<a" not in rendered.replace('<a href="https://example.org/x.png"', "") or "](" in source
    assert "onclick=" not in rendered.replace("{: onclick=alert(1) }", "")


def test_an_image_is_not_made() -> None:
    assert "<img" not in html("![x](https://example.org/x.png)")


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("<b>bold</b>", "raw HTML is not allowed (found '<b>bold</b')"),
        ("<!-- hidden -->", "raw HTML is not allowed"),
        ("[x](javascript:alert(1))", "only http and https URLs are allowed"),
        ("[x](data:text/html,hi)", "only http and https URLs are allowed"),
        ("[x](https://user:pw@example.org)", "may not carry a user name or password"),
        ("[x](https://)", "has no host"),
        ("bidi \u202e override", "U+202E is not allowed"),
        ("nul \x00 byte", "U+0000 is not allowed"),
    ],
)
def test_dangerous_text_is_refused(source: str, problem: str) -> None:
    found = text.text_problem(source)
    assert found is not None and problem in found


def test_white_space_is_folded_into_paragraphs() -> None:
    assert text.normalize("  one\n  line \n\n\n two  ", paragraphs=True) == "one line\n\ntwo"
    assert text.normalize(" one\n\n two ", paragraphs=False) == "one two"


def test_plain_drops_markup() -> None:
    assert text.to_plain("a *b* and [c](https://example.org)") == "a b and c"


def test_text_that_would_start_a_list_once_punctuation_follows_stays_text(minimal: Path) -> None:
    """Found by fuzzing: a source titled "00" became "1. 00. The River Gazette", a nested list."""
    edit(minimal, "explainers/bridge-dispute.yaml", "    title: Bridge closed", '    title: "00"')
    page = generate(minimal).text("explainers/bridge-dispute.md")
    rendered = markdown.markdown(page, extensions=["attr_list", "tables"])
    assert '<li id="source-report">00. The River Gazette. 2 January 2024.' in rendered


def test_a_title_that_would_start_a_list_in_the_citation_stays_text(minimal: Path) -> None:
    edit(minimal, "explainers/bridge-dispute.yaml", "title: The bridge dispute", 'title: "00"')
    page = generate(minimal).text("explainers/bridge-dispute.md")
    rendered = markdown.markdown(page, extensions=["attr_list", "tables", "md_in_html"])
    dates = "First published 2 January 2024; covers reporting up to 2 January 2024; last revised 2 January 2024."
    cited = f"<p>Explainers. 00. {dates}"
    assert cited in rendered
