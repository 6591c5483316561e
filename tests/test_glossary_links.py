"""The glossary extension: first use per section becomes a link with a tooltip; some places never."""

from __future__ import annotations

import subprocess
from pathlib import Path

import markdown
import pytest

from build_scripts.glossary_links import GlossaryLinkExtension
from tests.conftest import write_tree
from tests.htmltree import Element, parse
from tests.sites import FIXTURES, MKDOCS, environment, lay_out

GLOSSARY = """
terms:
  - id: zangezur-corridor
    term: Zangezur corridor
    short: A proposed route across southern Armenia.
  - id: 2020-truce
    term: 2020 truce
    other_names: [2020 ceasefire]
    short: The ceasefire of November 2020 & its "terms".
  - id: humanitarian-corridor
    term: humanitarian corridor
    short: A route for civilians to leave.
"""


@pytest.fixture
def convert(tmp_path: Path) -> object:
    write_tree(tmp_path, {"glossary.yaml": GLOSSARY})

    def run(source: str) -> Element:
        extension = GlossaryLinkExtension(glossary=str(tmp_path / "glossary.yaml"))
        md = markdown.Markdown(extensions=["toc", "attr_list", "tables", extension])
        return parse(md.convert(source))

    return run


def links(root: Element) -> list[tuple[str, str, str]]:
    return [
        (a.text, a.attrs["href"], a.attrs["title"])
        for a in root.iter("a")
        if "glossary-term" in a.attrs.get("class", "")
    ]


def test_a_term_becomes_a_link_with_its_definition_as_tooltip(convert) -> None:  # type: ignore[no-untyped-def]
    assert links(convert("Erdoğan mentioned the Zangezur corridor.")) == [
        ("Zangezur corridor", "/glossary/index.md#zangezur-corridor", "A proposed route across southern Armenia."),
    ]


def test_only_the_first_use_per_section_is_linked(convert) -> None:  # type: ignore[no-untyped-def]
    root = convert(
        "The 2020 truce, the 2020 ceasefire and the 2020 truce.\n\n"
        "Again the 2020 truce.\n\n## Next section\n\nThe 2020 ceasefire once more."
    )
    assert [text for text, _, _ in links(root)] == ["2020 truce", "2020 ceasefire"]


@pytest.mark.parametrize(
    "source",
    [
        "# The Zangezur corridor",
        "## About the 2020 truce {: #about }",
        "`the Zangezur corridor`",
        "    the Zangezur corridor in a code block",
        "[the Zangezur corridor](https://example.org)",
        "![the Zangezur corridor](https://example.org/x.png)",
        "<span title='the Zangezur corridor'>x</span>",
        "Text\n{: title='the Zangezur corridor' }",
    ],
)
def test_no_link_in_headings_code_links_or_attributes(convert, source: str) -> None:  # type: ignore[no-untyped-def]
    assert links(convert(source)) == []


def test_terms_inside_emphasis_lists_quotes_and_tables_are_linked(convert) -> None:  # type: ignore[no-untyped-def]
    root = convert(
        "Some *humanitarian corridors* opened.\n\n"
        "## List\n\n- the Zangezur corridor\n\n"
        "## Quote\n\n> the 2020 truce held\n\n"
        "## Table\n\n| a | b |\n|---|---|\n| the 2020 truce | x |\n"
    )
    assert [text for text, _, _ in links(root)] == [
        "humanitarian corridors",
        "Zangezur corridor",
        "2020 truce",
        "2020 truce",
    ]


def test_text_around_a_link_is_kept_in_order(convert) -> None:  # type: ignore[no-untyped-def]
    root = convert("Before the 2020 truce, between, humanitarian corridors; after.")
    assert root.find("p").text == "Before the 2020 truce, between, humanitarian corridors; after."


def test_a_term_is_not_linked_in_its_own_glossary_entry(convert) -> None:  # type: ignore[no-untyped-def]
    root = convert("## 2020 truce {: #2020-truce }\n\nThe 2020 truce and the Zangezur corridor.")
    assert [text for text, _, _ in links(root)] == ["Zangezur corridor"]


def test_tooltips_are_attribute_values_not_markup(convert) -> None:  # type: ignore[no-untyped-def]
    ((_, _, title),) = links(convert("the 2020 truce"))
    assert title == 'The ceasefire of November 2020 & its "terms".'


def test_escaped_characters_do_not_hide_or_break_terms(convert) -> None:  # type: ignore[no-untyped-def]
    root = convert("a \\*star\\* then the 2020 truce \\[1\\]")
    assert root.find("p").text == "a *star* then the 2020 truce [1]"
    assert [text for text, _, _ in links(root)] == ["2020 truce"]


def test_an_invalid_glossary_links_nothing_and_raises_nothing(tmp_path: Path) -> None:
    """The generator reports the glossary's mistakes with their places; the extension must not
    raise while MkDocs loads it, which MkDocs would show as a crash."""
    write_tree(tmp_path, {"glossary.yaml": "terms:\n  - id: x\n"})
    md = markdown.Markdown(extensions=[GlossaryLinkExtension(glossary=str(tmp_path / "glossary.yaml"))])
    assert md.convert("the 2020 truce") == "<p>the 2020 truce</p>"


def test_a_missing_glossary_links_nothing(tmp_path: Path) -> None:
    md = markdown.Markdown(extensions=[GlossaryLinkExtension(glossary=str(tmp_path / "none.yaml"))])
    assert md.convert("the 2020 truce") == "<p>the 2020 truce</p>"


def test_a_glossary_made_invalid_keeps_its_last_valid_terms(tmp_path: Path) -> None:
    """While a preview serves the last good pages, they keep their glossary links."""
    write_tree(tmp_path, {"glossary.yaml": GLOSSARY})
    md = markdown.Markdown(extensions=[GlossaryLinkExtension(glossary=str(tmp_path / "glossary.yaml"))])
    assert "glossary-term" in md.convert("the 2020 truce")
    write_tree(tmp_path, {"glossary.yaml": GLOSSARY + "  - id: broken\n"})
    assert "glossary-term" in md.reset().convert("the 2020 truce")
    write_tree(tmp_path, {"glossary.yaml": GLOSSARY.replace("2020 truce", "2021 truce")})
    assert "glossary-term" in md.reset().convert("the 2021 truce"), "a corrected glossary is read again"


def test_mkdocs_run_from_another_folder_links_the_terms_beside_its_configuration(tmp_path: Path) -> None:
    project = lay_out(tmp_path / "project", FIXTURES / "minimal" / "content")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [MKDOCS, "build", "--strict", "-q", "-f", str(project / "mkdocs.yml")],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
        env=environment(),
    )
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "explainers" / "bridge-dispute" / "index.html").read_text(encoding="utf-8")
    assert 'class="glossary-term"' in page
