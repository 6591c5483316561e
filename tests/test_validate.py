"""Model validation: each mistake is named with its file, line, column and field path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_scripts.errors import ContentError
from build_scripts.pipeline import generate

EXPLAINER = "content/explainers/bridge-dispute.yaml"


def problems(content: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        generate(content)
    return [str(p) for p in caught.value.problems]


def edit(content: Path, rel: str, old: str, new: str) -> None:
    path = content / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_fixture_is_valid(minimal: Path) -> None:
    assert "explainers/bridge-dispute.md" in generate(minimal).pages


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    claimed_by: southland\n",
            "    claimd_by: southland\n",
            f"{EXPLAINER}:37:5: figures[0].claimd_by: unknown field 'claimd_by' (did you mean 'claimed_by'?)",
        ),
        (
            "title: The bridge dispute\n",
            "",
            f"{EXPLAINER}:1:1: title: required field is missing",
        ),
        (
            "title: The bridge dispute\n",
            "title:\n",
            f"{EXPLAINER}:1:7: title: is empty; give a value",
        ),
        (
            "title: The bridge dispute\n",
            "title: [a, b]\n",
            f"{EXPLAINER}:1:8: title: expected text, got a list",
        ),
        (
            "published: 2024-01-02\n",
            "published: 2024-02-30\n",
            f"{EXPLAINER}:3:12: published: '2024-02-30' is not a real date",
        ),
        (
            "published: 2024-01-02\n",
            "published: 2 January 2024\n",
            f"{EXPLAINER}:3:12: published: '2 January 2024' is not a date: write YYYY-MM-DD, like 2023-09-20",
        ),
        (
            "    value: 120\n",
            "    value: lots\n",
            f"{EXPLAINER}:34:12: figures[0].value: 'lots' is not a number: write digits, like 2000 or 2,000 or 4.5",
        ),
        (
            "    value: 120\n",
            "    value: .nan\n",
            f"{EXPLAINER}:34:12: figures[0].value: '.nan' is not a number: write digits, like 2000 or 2,000 or 4.5",
        ),
        (
            "    value: 120\n",
            "    value: 1234567890123456\n",
            f"{EXPLAINER}:34:12: figures[0].value: a number may have at most 15 digits",
        ),
        (
            "    key: true\n",
            "    key: yes\n",
            f"{EXPLAINER}:39:10: figures[0].key: 'yes' is not a flag: write true or false",
        ),
        (
            "    claimed_by: southland\n",
            "",
            f"{EXPLAINER}:33:5: figures[0]: say who claims this number with claimed_by (or set source_voice: true)",
        ),
        (
            "    low: 40\n",
            "    low: 80\n",
            f"{EXPLAINER}:41:5: figures[1]: low is greater than high",
        ),
        (
            "    as_of: 2024-01\n",
            "    as_of: 2024-13\n",
            f"{EXPLAINER}:45:12: figures[1].as_of: '2024-13' is not a real date",
        ),
        (
            "  - actor: southland\n    role: Wants it reopened.\n",
            "  - actor: South_Land\n    role: Wants it reopened.\n",
            f"{EXPLAINER}:18:12: actors[1].actor: 'South_Land' is not an id: use lowercase words joined by hyphens,"
            " like 'nikol-pashinyan'",
        ),
        (
            "    url: https://example.org/bridge\n",
            "    url: javascript:alert(1)\n",
            f"{EXPLAINER}:10:10: sources[0].url: only http and https URLs are allowed, not 'javascript:alert(1)'",
        ),
        (
            "    title: Bridge closed\n",
            "",
            f"{EXPLAINER}:6:5: sources[0]: give the source's title in title, or, when it is not known, say why in"
            " title_not_recorded",
        ),
        (
            "    title: Bridge closed\n",
            "    title: Bridge closed\n    title_not_recorded: the copy has no headline\n",
            f"{EXPLAINER}:6:5: sources[0]: give either title or title_not_recorded, not both",
        ),
        (
            "    body: The only crossing on the river line.\n",
            "    body: The only <script>alert(1)</script> crossing.\n",
            f"{EXPLAINER}:13:20: background[0].body: raw HTML is not allowed (found '<script>al'); write plain text",
        ),
        (
            "summary: Northland and Southland disagree over who may use the bridge.\n",
            "summary: See [the map](ftp://example.org/map).\n",
            f"{EXPLAINER}:2:14: summary: link [the map]: only http and https URLs are allowed, not 'ftp://example.org/map'",
        ),
        (
            "as_of: 2024-01-02\n",
            "as_of: 2024-13-02\n",
            f"{EXPLAINER}:4:8: as_of: '2024-13-02' is not a real date",
        ),
        (
            "    kind: state\n    description: A state south",
            "    kind: country\n    description: A state south",
            "content/actors.yaml:8:11: actors[1].kind: 'country' is not allowed: expected 'state', 'organisation',"
            " 'armed-group', 'de-facto-authority' or 'person'",
        ),
    ],
)
def test_each_mistake_is_named_where_it_stands(minimal: Path, old: str, new: str, expected: str) -> None:
    rel = "actors.yaml" if expected.startswith("content/actors.yaml") else "explainers/bridge-dispute.yaml"
    edit(minimal, rel, old, new)
    assert problems(minimal) == [expected]


QUOTE = "      - text: The bridge is unsafe.\n"


@pytest.mark.parametrize(
    "written",
    [
        "“The bridge is unsafe.”",
        "‘The bridge’s unsafe.’",
        "«The bridge is unsafe.»",
        "'\"The bridge is unsafe.\"'",
        '"\\"The bridge is unsafe.\\""',
        "\"'The bridge is unsafe.'\"",
        "\"'The bridge isn't safe.'\"",
        "“The bridge is “unsafe”, he said.”",
    ],
)
def test_a_quote_in_its_own_quotation_marks_is_refused(minimal: Path, written: str) -> None:
    edit(minimal, "explainers/bridge-dispute.yaml", QUOTE, f"      - text: {written}\n")
    assert problems(minimal) == [
        f"{EXPLAINER}:28:15: positions[0].quotes[0].text: remove the quotation marks around the quote;"
        " the page adds its own"
    ]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ('He said "no" today', 'He said "no" today'),
        ("Northland's bridge is unsafe.", "Northland's bridge is unsafe."),
        ('\'"Open" and "closed" mean the same here\'', '"Open" and "closed" mean the same here'),
        ("“Open” and “closed” are its words", "“Open” and “closed” are its words"),
        ("\"'Open' and 'closed' are its words\"", "'Open' and 'closed' are its words"),
        ("«Ouvert» et «fermé»", "«Ouvert» et «fermé»"),
        ("The word is “unsafe”", "The word is “unsafe”"),
    ],
)
def test_quotation_marks_inside_a_quote_are_kept(minimal: Path, written: str, shown: str) -> None:
    edit(minimal, "explainers/bridge-dispute.yaml", QUOTE, f"      - text: {written}\n")
    excerpt = json.dumps(f"Ana North said: {shown}", ensure_ascii=False)  # a YAML double-quoted value
    edit(minimal, "explainers/bridge-dispute.yaml", "'Ana North said: The bridge is unsafe.'", excerpt)
    assert f"> “{shown}”" in generate(minimal).text("explainers/bridge-dispute.md")


def test_yaml_1_1_booleans_and_octals_stay_text(minimal: Path) -> None:
    edit(minimal, "explainers/bridge-dispute.yaml", "title: The bridge dispute", "title: no")
    edit(minimal, "explainers/bridge-dispute.yaml", "role: Closed the bridge.", "role: 0123")
    pages = generate(minimal).pages
    assert "# no\n" in pages["explainers/bridge-dispute.md"]
    assert "(state): 0123\n" in pages["explainers/bridge-dispute.md"]


def test_the_file_must_be_a_mapping(minimal: Path) -> None:
    (minimal / "glossary.yaml").write_text("- a\n- b\n", encoding="utf-8")
    assert problems(minimal) == [
        "content/glossary.yaml:1:1: expected a mapping of fields (key: value), got a list",
    ]


def test_all_mistakes_in_all_files_are_reported_at_once(minimal: Path) -> None:
    edit(minimal, "explainers/bridge-dispute.yaml", "    claimed_by: southland\n", "    claimd_by: southland\n")
    edit(minimal, "explainers/bridge-dispute.yaml", "published: 2024-01-02", "published: 2024-02-30")
    edit(minimal, "glossary.yaml", "    short:", "    shrt:")
    (minimal / "explainers" / "Bad_Name.yaml").write_text("title: x\n", encoding="utf-8")
    assert problems(minimal) == [
        "content/explainers/Bad_Name.yaml:1:1: file name 'Bad_Name' is not a slug:"
        " use lowercase words joined by hyphens",
        f"{EXPLAINER}:3:12: published: '2024-02-30' is not a real date",
        f"{EXPLAINER}:37:5: figures[0].claimd_by: unknown field 'claimd_by' (did you mean 'claimed_by'?)",
        "content/glossary.yaml:2:5: terms[0].short: required field is missing",
        "content/glossary.yaml:5:5: terms[0].shrt: unknown field 'shrt' (did you mean 'short'?)",
    ]


@pytest.mark.parametrize("value", [".inf", "-.inf", ".NaN", "inf", "nan", "1e999", "0x10", "1_000", "٣"])
def test_figures_must_be_finite_numbers_in_digits(minimal: Path, value: str) -> None:
    edit(minimal, "explainers/bridge-dispute.yaml", "    value: 120\n", f"    value: {value}\n")
    assert problems(minimal) == [
        f"{EXPLAINER}:34:12: figures[0].value: {value!r} is not a number: write digits, like 2000 or 2,000 or 4.5"
    ]


def test_a_byte_order_mark_changes_nothing(minimal: Path) -> None:
    before = generate(minimal).pages
    path = minimal / "explainers" / "bridge-dispute.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert generate(minimal).pages == before


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://en.example.org/wiki/Bridge_(river)", "(https://en.example.org/wiki/Bridge_%28river%29)"),
        ("https://example.org/a) [x](https://evil.example", None),
        ("https://example.org/é?q=a b", None),
    ],
)
def test_a_url_cannot_break_out_of_its_link(minimal: Path, url: str, shown: str | None) -> None:
    edit(minimal, "explainers/bridge-dispute.yaml", "url: https://example.org/bridge", f'url: "{url}"')
    if shown is None:
        assert "sources[0].url: a URL may not contain spaces" in problems(minimal)[0]
    else:
        page = generate(minimal).text("explainers/bridge-dispute.md")
        assert f"[Read the source]{shown}" in page
