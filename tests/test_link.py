"""Cross-references: every id used must exist, with a suggestion for a typo."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.errors import Problem
from build_scripts.pipeline import generate
from build_scripts.render import _Pages
from tests.test_validate import EXPLAINER, edit, problems


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        (
            "explainers/bridge-dispute.yaml",
            "    claimed_by: southland\n",
            "    claimed_by: southlnd\n",
            f"{EXPLAINER}:37:17: figures[0].claimed_by: unknown actor 'southlnd' (did you mean 'southland'?)",
        ),
        (
            "explainers/bridge-dispute.yaml",
            "        speaker: ana-north\n",
            "        speaker: anna-north\n",
            f"{EXPLAINER}:29:18: positions[0].quotes[0].speaker: unknown actor 'anna-north'"
            " (did you mean 'ana-north'?)",
        ),
        (
            "explainers/bridge-dispute.yaml",
            "        source: report\n",
            "        source: reprot\n",
            f"{EXPLAINER}:30:17: positions[0].quotes[0].source: unknown source 'reprot' (did you mean 'report'?)",
        ),
        (
            "explainers/bridge-dispute.yaml",
            "glossary: [river-line]",
            "glossary: [river-lines]",
            f"{EXPLAINER}:57:12: glossary[0]: unknown glossary term 'river-lines' (did you mean 'river-line'?)",
        ),
        (
            "explainers/bridge-dispute.yaml",
            "    actors: [northland]\n",
            "    actors: [zebraland]\n",
            f"{EXPLAINER}:52:14: timeline[0].actors[0]: unknown actor 'zebraland'",
        ),
        (
            "explainers/bridge-dispute.yaml",
            "  - actor: ana-north\n    role: Announced the closure.\n",
            "",
            f"{EXPLAINER}:27:18: positions[0].quotes[0].speaker: actor 'ana-north' is not listed under this"
            ' explainer\'s actors: add "- actor: ana-north" with a "role:" under "actors:"',
        ),
        (
            "actors.yaml",
            "    affiliation: northland\n",
            "    affiliation: nortland\n",
            "content/actors.yaml:13:18: actors[2].affiliation: unknown actor 'nortland' (did you mean 'northland'?)",
        ),
        (
            "actors.yaml",
            "  - id: southland\n",
            "  - id: northland\n",
            "content/actors.yaml:6:9: actors[1].id: id 'northland' is defined twice (first at line 2)",
        ),
        (
            "glossary.yaml",
            "    short: The border along the river.\n",
            "    short: The border along the river.\n  - id: border\n    term: The Line\n    short: A border.\n",
            "content/glossary.yaml:6:9: terms[1].id: the name 'The Line' is already used by term 'river-line'",
        ),
    ],
)
def test_unknown_and_duplicate_ids(minimal: Path, rel: str, old: str, new: str, expected: str) -> None:
    edit(minimal, rel, old, new)
    found = problems(minimal)
    assert expected in found
    assert len(found) == 1 or "northland' is defined twice" in expected


def test_every_use_of_an_unlisted_actor_says_how_to_list_it(minimal: Path) -> None:
    edit(minimal, "explainers/bridge-dispute.yaml", "  - actor: northland\n    role: Closed the bridge.\n", "")
    message = (
        "actor 'northland' is not listed under this explainer's actors:"
        ' add "- actor: northland" with a "role:" under "actors:"'
    )
    assert problems(minimal) == [
        f"{EXPLAINER}:21:12: positions[0].actor: {message}",
        f"{EXPLAINER}:44:17: figures[1].claimed_by: {message}",
        f"{EXPLAINER}:50:14: timeline[0].actors[0]: {message}",
    ]


def test_an_explainer_without_actors_must_list_the_actors_it_uses(minimal: Path) -> None:
    explainer = minimal / "explainers" / "bridge-dispute.yaml"
    text = explainer.read_text(encoding="utf-8")
    start, end = text.index("actors:\n"), text.index("positions:\n")
    explainer.write_text(text[:start] + text[end:], encoding="utf-8")
    found = problems(minimal)
    assert [p.split(": ", 2)[1] for p in found] == [
        "positions[0].actor",
        "positions[0].quotes[0].speaker",
        "figures[0].claimed_by",
        "figures[1].claimed_by",
        "timeline[0].actors[0]",
    ]
    assert all(p.endswith('with a "role:" under "actors:"') for p in found)


def test_a_broken_registry_does_not_flood_the_explainers_with_unknown_ids(minimal: Path) -> None:
    edit(minimal, "actors.yaml", "actors:", "actorz:")
    assert problems(minimal) == [
        "content/actors.yaml:1:1: actors: required field is missing",
        "content/actors.yaml:1:1: actorz: unknown field 'actorz' (did you mean 'actors'?)",
    ]


def test_a_term_no_page_uses_is_a_warning(minimal: Path) -> None:
    edit(
        minimal,
        "glossary.yaml",
        "terms:\n",
        "terms:\n  - id: unused-term\n    term: unused term\n    short: Not used.\n",
    )
    assert generate(minimal).warnings == [
        Problem("content/glossary.yaml", 2, 9, "terms[0].id", "glossary term 'unused-term' is not used on any page")
    ]


def test_terms_found_in_the_text_count_as_used_without_being_listed(minimal: Path) -> None:
    edit(minimal, "explainers/bridge-dispute.yaml", "glossary: [river-line]", "glossary: []")
    generated = generate(minimal)
    assert generated.warnings == []
    assert "[river line](../glossary/index.md#river-line)" in generated.text("explainers/bridge-dispute.md")


def test_a_contested_name_in_the_sites_own_voice_is_an_error(minimal: Path) -> None:
    edit(
        minimal,
        "glossary.yaml",
        "    short: The border along the river.\n",
        "    short: The border along the river.\n"
        "    neutral_name: the river border\n"
        "    names_by_party:\n"
        "      - actor: northland\n"
        "        name: Northern Shore\n",
    )
    edit(
        minimal,
        "explainers/bridge-dispute.yaml",
        "    body: The only crossing",
        "    body: On the Northern Shore, the crossing",
    )
    edit(
        minimal,
        "explainers/bridge-dispute.yaml",
        "      - text: The bridge is unsafe.",
        "      - text: The Northern Shore is unsafe.",
    )
    edit(
        minimal, "explainers/bridge-dispute.yaml", "said: The bridge is unsafe.", "said: The Northern Shore is unsafe."
    )
    edit(
        minimal,
        "explainers/bridge-dispute.yaml",
        "    text: Northland closes",
        '    text: On the "Northern Shore", Northland closes',
    )
    assert problems(minimal) == [
        f"{EXPLAINER}:13:18: background[0].body: 'Northern Shore' is a name used by Northland: in the site's own"
        " voice write 'the river border', or put the name in quotation marks and say who uses it",
    ]


def test_reserved_names_cannot_be_actor_ids_or_slugs(minimal: Path) -> None:
    edit(minimal, "actors.yaml", "  - id: southland\n", "  - id: index\n")
    explainer = minimal / "explainers" / "bridge-dispute.yaml"
    explainer.write_text(explainer.read_text(encoding="utf-8").replace("southland", "index"), encoding="utf-8")
    (minimal / "explainers" / "404.yaml").write_text("title: x\n", encoding="utf-8")
    (minimal / "explainers" / "com1.yaml").write_text("title: x\n", encoding="utf-8")
    assert problems(minimal) == [
        "content/actors.yaml:6:9: actors[1].id: 'index' is a name the site uses for itself",
        "content/explainers/404.yaml:1:1: '404' is a name the site uses for itself; choose another file name",
        "content/explainers/com1.yaml:1:1: 'com1' is a name the site uses for itself; choose another file name",
    ]


@pytest.mark.parametrize("name", ["Bridge-Dispute.yaml", "bridge-dispüte.yaml", "bridge\u200b-dispute.yaml"])
def test_file_names_that_differ_only_by_case_or_unicode_are_refused(minimal: Path, name: str) -> None:
    (minimal / "explainers" / name).write_text("title: x\n", encoding="utf-8")
    (found,) = problems(minimal)
    assert "is not a slug" in found


def test_symbolic_links_in_content_are_refused(minimal: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("title: x\n", encoding="utf-8")
    (minimal / "explainers" / "linked.yaml").symlink_to(outside)
    assert problems(minimal) == ["content/explainers/linked.yaml:1:1: symbolic links are not allowed in content/"]


def test_a_symbolic_link_as_the_explainers_folder_is_refused(minimal: Path, tmp_path: Path) -> None:
    real = minimal / "explainers"
    real.rename(tmp_path / "elsewhere")
    real.symlink_to(tmp_path / "elsewhere")
    assert problems(minimal) == ["content/explainers:1:1: symbolic links are not allowed in content/"]


def test_two_pages_for_one_path_is_a_bug_not_an_overwrite() -> None:
    pages: _Pages[str] = _Pages()
    pages["actors/x.md"] = "one"
    with pytest.raises(ValueError, match=r"two pages would be written to docs/actors/x\.md"):
        pages["actors/x.md"] = "two"


def test_references_are_checked_even_when_the_same_file_has_other_mistakes(minimal: Path) -> None:
    edit(minimal, "explainers/bridge-dispute.yaml", "published: 2024-01-02", "published: 2024-02-30")
    edit(minimal, "explainers/bridge-dispute.yaml", "    claimed_by: southland\n", "    claimed_by: southlnd\n")
    edit(minimal, "explainers/bridge-dispute.yaml", "        source: report\n", "        source: reprot\n")
    assert problems(minimal) == [
        f"{EXPLAINER}:3:12: published: '2024-02-30' is not a real date",
        f"{EXPLAINER}:30:17: positions[0].quotes[0].source: unknown source 'reprot' (did you mean 'report'?)",
        f"{EXPLAINER}:37:17: figures[0].claimed_by: unknown actor 'southlnd' (did you mean 'southland'?)",
    ]


def test_an_as_of_date_older_than_the_newest_source_or_event_is_a_warning(minimal: Path) -> None:
    assert generate(minimal).warnings == []
    edit(minimal, "explainers/bridge-dispute.yaml", "  - date: 2023\n", "  - date: 2024-02\n")
    edit(minimal, "explainers/bridge-dispute.yaml", "inspected in 2023.", "inspected in February 2024.")
    assert [str(w) for w in generate(minimal).warnings] == [
        f"{EXPLAINER}:4:8: as_of: as_of (2024-01-02) is older than the timeline event of February 2024"
        " (2024-02-01); update it"
    ]
    edit(minimal, "explainers/bridge-dispute.yaml", "  - date: 2024-02\n", "  - date: 2024-01\n")
    edit(minimal, "explainers/bridge-dispute.yaml", "inspected in February 2024.", "inspected in January 2024.")
    edit(minimal, "explainers/bridge-dispute.yaml", "    date: 2024-01-02\n", "    date: 2024-01-05\n")
    edit(minimal, "explainers/bridge-dispute.yaml", "published: 2024-01-02\n", "published: 2024-01-05\n")
    assert [w.message for w in generate(minimal).warnings] == [
        "as_of (2024-01-02) is older than source 'report' (2024-01-05); update it"
    ]


def test_a_glossary_term_no_page_uses_is_a_warning_of_the_whole_site_only(sample: Path) -> None:
    edit(sample, "glossary.yaml", "terms:\n", "terms:\n  - id: tide-gauge\n    term: tide gauge\n    short: A meter.\n")
    warnings = [str(w) for w in generate(sample).warnings]
    assert warnings == ["content/glossary.yaml:11:9: terms[0].id: glossary term 'tide-gauge' is not used on any page"]
    # One topic of two: its pages leave out the terms only the other uses, and no page can be said to use none.
    assert generate(sample, topic="ferry-strike").warnings == []
