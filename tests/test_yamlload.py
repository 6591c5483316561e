"""The strict YAML loader: text stays text, and what we refuse is named with its place."""

from __future__ import annotations

import tracemalloc

import pytest

from build_scripts.errors import ContentError
from build_scripts.yamlload import LOADERS, MAX_BYTES, MAX_DEPTH, MAX_FLOW_DEPTH, Mark, decode, parse, scalar_spans


@pytest.fixture(params=LOADERS, ids=lambda loader: loader.__name__, autouse=True)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    """Run every test with libyaml's parser and with the pure-Python one."""
    monkeypatch.setattr(parse, "__kwdefaults__", {"loader": request.param})
    return request.param  # type: ignore[no-any-return]


def problems(text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        parse("x.yaml", text)
    return [str(p) for p in caught.value.problems]


def test_scalars_stay_the_text_that_was_written() -> None:
    doc = parse("x.yaml", "a: no\nb: on\nc: 0123\nd: 2023-09-20\ne: 1e3\nf: 'yes'\ng: 12:30\n")
    assert doc.data == {"a": "no", "b": "on", "c": "0123", "d": "2023-09-20", "e": "1e3", "f": "yes", "g": "12:30"}


def test_only_empty_tilde_and_null_are_none() -> None:
    doc = parse("x.yaml", "a:\nb: ~\nc: null\nd: 'null'\ne: ''\n")
    assert doc.data == {"a": None, "b": None, "c": None, "d": "null", "e": ""}


def test_every_value_and_key_keeps_its_line_and_column() -> None:
    doc = parse("x.yaml", "title: T\nfigures:\n  - value: 5\n    unit: people\n")
    assert doc.values[("figures", 0, "unit")] == Mark(4, 11)
    assert doc.keys[("figures", 0, "unit")] == Mark(4, 5)
    assert doc.locate(("figures", 0, "missing")) == Mark(3, 5)


SCALARS = """\
literal: |
  The first line,
    one more indented,

  and <b> after a blank line.
folded: >-
  Folded
  lines and <i>
  here.
plain: a plain value
  that goes <on>
single: 'it''s <q>'
double: "escaped \\" <q>"
flow: [a, {b: c <d>}]
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (("literal",), Mark(5, 7)),  # a character inside a block scalar, white space folded or not
        (("folded",), Mark(8, 13)),
        (("plain",), Mark(11, 13)),
        (("flow", 1, "b"), Mark(14, 17)),
        (("single",), Mark(12, 9)),  # '' stands for one quotation mark: the value's start
        (("double",), Mark(13, 9)),  # an escape: the value's start
    ],
)
def test_a_character_of_a_value_is_found_where_the_file_holds_it(path: tuple[str | int, ...], expected: Mark) -> None:
    doc = parse("x.yaml", SCALARS)
    value = doc.data
    for part in path:
        value = value[part]  # type: ignore[index]
    assert isinstance(value, str)
    folded = " ".join(value.split())  # as the models fold white space
    assert doc.locate_in(path, folded, folded.index("<")) == expected
    assert doc.problem(path, "x", at=(folded, folded.index("<"))).col == expected.col


def test_both_parsers_place_every_scalar_alike() -> None:
    assert len({str(scalar_spans(SCALARS, loader=loader)) for loader in LOADERS}) == 1


def test_duplicate_keys_name_both_lines() -> None:
    assert problems("a: 1\nb:\n  c: 2\n  c: 3\n") == ["x.yaml:4:3: b.c: duplicate key 'c' (first defined at line 3)"]


def test_every_duplicate_is_reported_in_one_run() -> None:
    found = problems("a: 1\na: 2\nb:\n  - c: 1\n    c: 2\n")
    assert found == [
        "x.yaml:2:1: a: duplicate key 'a' (first defined at line 1)",
        "x.yaml:5:5: b[0].c: duplicate key 'c' (first defined at line 4)",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a: &x 1\nb: *x\n",
            [
                "x.yaml:1:4: a: anchors (&name) are not allowed; write the value out",
                "x.yaml:2:4: b: aliases (*name) are not allowed; write the value out",
            ],
        ),
        ("a:\n  <<: {b: 1}\n", ["x.yaml:2:3: a: merge keys (<<) are not allowed; write the values out"]),
        (
            "a: !!python/name:os.system x\n",
            ["x.yaml:1:4: a: explicit tags (tag:yaml.org,2002:python/name:os.system) are not allowed"],
        ),
        ("a: !!binary aGVsbG8=\n", ["x.yaml:1:4: a: explicit tags (tag:yaml.org,2002:binary) are not allowed"]),
        ("a: 1\n---\nb: 2\n", ["x.yaml:2:1: a file holds one YAML document; remove the extra '---'"]),
        ("? [a, b]\n: 1\n", ["x.yaml:1:3: keys must be plain text"]),
        ("", ["x.yaml:1:1: the file is empty"]),
    ],
)
def test_refused_constructs(text: str, expected: list[str]) -> None:
    assert problems(text) == expected


@pytest.mark.parametrize(("text", "where"), [("a:\n\tb: 1\n", "2:1"), ("a: 1\t\n", "1:5"), ('a: "x\ty"\n', "1:6")])
def test_tabs_are_refused_wherever_they_are(text: str, where: str) -> None:
    assert problems(text) == [f"x.yaml:{where}: tab character: indent and separate with spaces"]


def test_syntax_errors_have_line_and_column() -> None:
    (found,) = problems("a: [1, 2\nb: 3\n")
    assert found.startswith("x.yaml:2:")
    assert "invalid YAML" in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('title: "abc\nb: 1\n', "x.yaml:1:8: invalid YAML: this quotation mark is never closed"),
        (
            "a:\n  b: this goes on\n    over two lines: with a colon\n",
            "x.yaml:3:19: invalid YAML: unexpected ': ' here: indent this line like the lines above"
            " it, or quote a value containing ': '",
        ),
        (
            "a:\n  - 1\n - 2\n",
            "x.yaml:3:2: invalid YAML: this line's indentation does not match the lines above it:"
            " start it at column 3, like line 2",
        ),
        ("a: [1, 2\n", "x.yaml:2:1: invalid YAML: the '[' opened at line 1, column 4 is not closed"),
        ("a: {b: 1\n", "x.yaml:2:1: invalid YAML: the '{' opened at line 1, column 4 is not closed"),
    ],
)
def test_syntax_errors_read_the_same_from_both_parsers(text: str, expected: str) -> None:
    assert problems(text) == [expected]


LESS = "invalid YAML: this line is indented less than the lines around it"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The last key of a list item, dedented: the next item is read as more of its value.
        (
            "actors:\n  - actor: a\n    role: x\n  - actor: b\nrole: y\n  - actor: c\n    role: z\n",
            f"x.yaml:5:1: {LESS}: start it at column 5, like line 4",
        ),
        # A key in the middle of a list item, dedented, with the item's next key after it.
        (
            "figures:\n  - measure: M\n    unit: u\nas_of: 2024\n    source: r\n",
            f"x.yaml:4:1: {LESS}: start it at column 5, like line 3",
        ),
        # After a nested mapping, with a comment and blank lines around: it belongs to the item.
        (
            "figures:\n  - measure: M\n    sub:\n      a: 1\n\n      # note\nkey: true\n\n  - measure: N\n",
            f"x.yaml:7:1: {LESS}: start it at column 5, like line 3",
        ),
        # A dedented key between two keys of a nested mapping.
        ("a:\n  b: 1\nc: 2\n  d: 3\n", f"x.yaml:3:1: {LESS}: start it at column 3, like line 2"),
        # Dedented below a mapping nested two deep: the next line says how deep it belongs.
        ("a:\n  b:\n    c: 1\nd: 2\n  e: 3\n", f"x.yaml:4:1: {LESS}: start it at column 3, like line 2"),
        (
            "a:\r\n  - b: x\r\n    c: y\r\nd: z\r\n  - e: w\r\n",
            f"x.yaml:4:1: {LESS}: start it at column 5, like line 3",
        ),
    ],
)
def test_a_dedented_line_is_reported_where_it_stands(text: str, expected: str) -> None:
    assert problems(text) == [expected]


@pytest.mark.parametrize(
    ("text", "where", "above", "column"),
    [
        ("a: 1\n  b: 2\n", "2:3", 1, 1),
        ("actors:\n  - actor: a\n      role: x\n", "3:7", 2, 5),
        ("a:\n  b: 1\n  c: 2\n\n      d: 3\n", "5:7", 3, 3),
        # The line above is dedented too, but this one lines up with nothing around it.
        ("a:\n  b:\n    c: 1\nd: 2\n      e: 3\n", "5:7", 4, 1),
    ],
)
def test_an_over_indented_line_is_reported_with_the_column_expected(
    text: str, where: str, above: int, column: int
) -> None:
    assert problems(text) == [
        f"x.yaml:{where}: invalid YAML: this line is indented more than line {above}: start it at column {column},"
        f" like line {above}, or quote line {above}'s value if this line continues it"
    ]


UNMATCHED = "invalid YAML: this line's indentation does not match the lines above it"
ITEM = "figures:\n  - measure: M\n    value: 1\n    unit: u\n  - measure: N\n    value: 2\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A key of a list item moved two spaces left: it belongs with the item's other keys.
        (ITEM.replace("    unit: u", "  unit: u"), f"x.yaml:4:3: {UNMATCHED}: start it at column 5, like line 3"),
        # A list item moved to the margin, or one space left: it lines up with the item above.
        (ITEM.replace("  - measure: N", "- measure: N"), f"x.yaml:5:1: {UNMATCHED}: start it at column 3, like line 2"),
        (
            ITEM.replace("  - measure: N", " - measure: N"),
            f"x.yaml:5:2: {UNMATCHED}: start it at column 3, like line 2",
        ),
        # A key under a quote, two spaces left of the quote's text.
        (
            "quotes:\n  - text: T\n    speaker: s\n    source: r\n".replace("    speaker", "  speaker"),
            f"x.yaml:3:3: {UNMATCHED}: start it at column 5, like line 2",
        ),
    ],
)
def test_a_line_that_matches_no_indentation_above_is_told_where_it_belongs(text: str, expected: str) -> None:
    assert problems(text) == [expected]


def test_the_first_item_one_space_off_the_files_steps_is_the_line_blamed() -> None:
    """Not the key under it, which is where the file's two-space steps put it."""
    text = "title: T\nfigures:\n - measure: M\n    value: 1\n    unit: u\n"
    assert problems(text) == [
        "x.yaml:3:2: invalid YAML: this line's indentation does not match the lines around it:"
        " start it at column 3, so that its key lines up with line 4"
    ]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("summary: one line,\n  then another: with a colon\n", "2:15"),
        ("a:\n  b: 1\nc: prose that\n  goes on: over two lines\n", "4:10"),
        ("a: x\n  - b: 1\n", "2:6"),  # a list item cannot stand beside a key, so the value goes on
    ],
)
def test_a_value_that_goes_on_with_a_colon_keeps_the_quoting_hint(text: str, where: str) -> None:
    assert problems(text) == [
        f"x.yaml:{where}: invalid YAML: unexpected ': ' here: indent this line like the lines above it,"
        " or quote a value containing ': '"
    ]


def test_deep_nesting_is_refused() -> None:
    text = "a: " + "[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2) + "\n"
    assert any(f"nested deeper than {MAX_DEPTH} levels" in p for p in problems(text))


def test_decode_rejects_bytes_that_are_not_utf8_with_their_place() -> None:
    with pytest.raises(ContentError) as caught:
        decode("x.yaml", b"a: 1\nb: caf\xe9\n")
    assert [str(p) for p in caught.value.problems] == [
        "x.yaml:2:7: the file is not UTF-8 text (byte 0xe9); save it as UTF-8"
    ]


def test_decode_drops_a_byte_order_mark() -> None:
    assert decode("x.yaml", b"\xef\xbb\xbfa: 1\n") == "a: 1\n"


def test_decode_refuses_oversized_files_before_parsing() -> None:
    with pytest.raises(ContentError, match="the limit is"):
        decode("x.yaml", b"#" * (MAX_BYTES + 1))


def test_an_alias_bomb_fails_fast_and_small() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    bomb = "\n".join(lines) + "\n"
    assert len(bomb) < 500
    tracemalloc.start()
    found = problems(bomb)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 100 * 2**20
    assert found[0] == "x.yaml:1:4: a: anchors (&name) are not allowed; write the value out"
    assert any("aliases (*name) are not allowed" in p for p in found)


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("a: !!set {x, y}\n", "tag:yaml.org,2002:set"),
        ("a: !!python/object/apply:os.system [ls]\n", "tag:yaml.org,2002:python/object/apply:os.system"),
        ("a: !custom value\n", "!custom"),
        ("a: !!str 12\n", "tag:yaml.org,2002:str"),
    ],
)
def test_every_explicit_tag_is_refused(text: str, tag: str) -> None:
    assert problems(text) == [f"x.yaml:1:4: a: explicit tags ({tag}) are not allowed"]


@pytest.mark.parametrize("text", ["? {a: 1}\n: x\n", "!!str k: v\n", "&k k: v\n", "[a]: 1\n"])
def test_keys_must_be_plain_text(text: str) -> None:
    assert any("keys must be plain text" in p for p in problems(text))


def test_very_deep_nesting_is_refused_before_parsing() -> None:
    text = "a: " + "[" * 5000 + "]" * 5000 + "\n"
    assert problems(text) == [f"x.yaml:1:{4 + MAX_FLOW_DEPTH}: nested deeper than {MAX_FLOW_DEPTH} levels of brackets"]


@pytest.mark.parametrize(
    "text", ['a: "' + "[" * 2000 + '"\n', "a: '" + "{" * 2000 + "'\n", "# " + "[" * 2000 + "\na: 1\n"]
)
def test_brackets_in_quotes_and_comments_are_not_nesting(text: str) -> None:
    parse("x.yaml", text)


def test_brackets_inside_a_plain_value_are_text_not_nesting() -> None:
    assert parse("x.yaml", "a: it's " + "[" * 2000 + "\n").data == {"a": "it's " + "[" * 2000}


def test_an_apostrophe_does_not_hide_real_nesting() -> None:
    assert "levels of brackets" in problems("a: [it's, " + "[" * 2000 + "\n")[0]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a: 1\nb: x\x00y\n", "x.yaml:2:5: control character U+0000 is not allowed"),
        (b"a: \x1b[31m\n", "x.yaml:1:4: control character U+001B is not allowed"),
        (b"a: \xc2\x9b\n", "x.yaml:1:4: control character U+009B is not allowed"),
        ("a: 1\n".encode("utf-16"), "x.yaml:1:1: the file is UTF-16 text; save it as UTF-8"),
        ("a: 1\n".encode("utf-32"), "x.yaml:1:1: the file is UTF-32 text; save it as UTF-8"),
        (b"a: \xed\xa0\x80\n", "x.yaml:1:4: the file is not UTF-8 text (byte 0xed); save it as UTF-8"),
    ],
)
def test_bytes_that_are_not_clean_utf8_text_are_refused(raw: bytes, expected: str) -> None:
    with pytest.raises(ContentError) as caught:
        decode("x.yaml", raw)
    assert [str(p) for p in caught.value.problems] == [expected]


def test_a_bracket_left_open_is_named_where_a_later_line_trips_on_it() -> None:
    assert problems("tags: [a, b\ntitle: What now?\n") == [
        "x.yaml:2:16: a '?' inside [ ] or { } must be in a quoted value, like \"what?\""
        " (inside the '[' opened at line 1, column 7: is it closed?)"
    ]
    assert problems("tags: [what?]\n") == [
        "x.yaml:1:12: a '?' inside [ ] or { } must be in a quoted value, like \"what?\""
    ]
