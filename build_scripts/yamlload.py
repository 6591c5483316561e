"""Parse untrusted YAML strictly into plain data that remembers where each node stood.

Every scalar stays the text the contributor wrote: YAML 1.1's implicit conversions
(`no` to False, `0123` to 83, `2023-09-20` to a date) never happen here. The models
decide what a field's text means. Only an empty value, `~` and `null` become None.

Refused, each as a Problem with its line and column: anchors, aliases and merge keys,
explicit tags, several documents in one file, keys that are not plain text, duplicate
keys, nesting deeper than MAX_DEPTH, files over MAX_BYTES, and bytes that are not UTF-8.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple, TypeAlias

import yaml

from build_scripts.errors import ContentError, Problem

# libyaml's parser is several times faster; the tests hold both parsers to the same verdicts.
LOADERS: tuple[type, ...] = tuple(
    loader for loader in (getattr(yaml, "CSafeLoader", None), yaml.SafeLoader) if loader is not None
)

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 24
MAX_FLOW_DEPTH = 1000  # libyaml's own limit; checked before parsing, where the pure-Python parser is quadratic

Data: TypeAlias = "dict[str, Data] | list[Data] | str | None"
Path: TypeAlias = tuple[str | int, ...]

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff]")
_BLOCK_COMMENT = re.compile(r"[|>][1-9+-]{0,2}#")
_MATTERS = re.compile(r"[\n#'\"\[\]{}|>:?,-]")
_NONBLANK = re.compile(r"[^ \t]")
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks, by which its marks count
_KEY_LINE = re.compile(r"(?P<dashes> *(?:- +)*)(?P<key>[A-Za-z_][\w-]*):(?: (?P<value>.*))?$")
_NOT_PLAIN = frozenset("'\"[{|>&*!%@`#")
_NOT_SPACE = re.compile(r"\S")
_OTHER_ENCODINGS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


class Mark(NamedTuple):
    """A 1-based line and column (a tuple: a file has thousands, and tuples of numbers cost the collector nothing)."""

    line: int
    col: int


@dataclass
class Document:
    """One parsed file: its data and where every value (and mapping key) stood.

    A pickled document carries its text instead of its marks, which are found again (by
    parsing the text once more) only if a problem needs locating: most never do.
    """

    path: str
    data: Data
    values: dict[Path, Mark] = field(default_factory=dict)
    keys: dict[Path, Mark] = field(default_factory=dict)
    text: str = field(default="", repr=False)
    """The YAML text the document was parsed from."""
    _spans: dict[Path, tuple[int, int]] | None = field(default=None, repr=False, compare=False)
    """Where each scalar's characters stand in `text` (start and end index), found when first needed."""

    def __getstate__(self) -> tuple[str, Data, str]:
        return self.path, self.data, self.text

    def __setstate__(self, state: tuple[str, Data, str]) -> None:
        self.path, self.data, self.text = state
        self.values, self.keys, self._spans = {}, {}, None

    def _marks(self) -> None:
        """Find every mark again from the text, after unpickling."""
        if not self.values and self.text:
            again = parse(self.path, self.text)
            self.values, self.keys = again.values, again.keys

    def locate(self, path: Path, *, key: bool = False) -> Mark:
        """Return where `path` stood, or its nearest known parent."""
        self._marks()
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            found = table.get(path[:end]) or self.values.get(path[:end])
            if found:
                return found
        return Mark(1, 1)

    def locate_in(self, path: Path, value: str, index: int) -> Mark:
        """Return where character `index` of `value`, the text at `path`, stood in the file.

        `value` may have its white space folded (as the models fold it): the characters
        that are not white space are counted, in the value and in the scalar as written. A
        plain scalar, a block scalar (`|` or `>`) and a quoted one without escapes hold the
        value's characters one for one; for any other, the scalar's start is returned.
        """
        start = self.locate(path)
        if self._spans is None:
            self._spans = scalar_spans(self.text) if self.text else {}
        span = self._spans.get(path)
        if span is None:
            return start
        written = [m.start() for m in _NOT_SPACE.finditer(self.text, span[0], span[1])]
        wanted = len(_NOT_SPACE.findall(value, 0, index))
        if wanted >= len(written) or "".join(self.text[i] for i in written) != "".join(_NOT_SPACE.findall(value)):
            return start
        line, col = _line_col(self.text[: written[wanted]])
        return Mark(line, col)

    def problem(self, path: Path, message: str, *, key: bool = False, at: tuple[str, int] | None = None) -> Problem:
        """Build a Problem at `path` in this file.

        With `at`, (the text at `path`, an index into it), the problem stands at that
        character of the text, where the file holds it (`locate_in`)."""
        mark = self.locate_in(path, *at) if at else self.locate(path, key=key)
        return Problem(self.path, mark.line, mark.col, format_path(path), message)


def format_path(path: Path) -> str:
    """Format a data path as `figures[2].claimed_by`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _mark(node: yaml.Event | yaml.MarkedYAMLError) -> Mark:
    start = node.start_mark if isinstance(node, yaml.Event) else node.problem_mark
    if start is None:
        return Mark(1, 1)
    return Mark(start.line + 1, start.column + 1)


def decode(path: str, raw: bytes) -> str:
    """Decode UTF-8 bytes (a leading byte-order mark is dropped), or raise ContentError.

    Refused before any parsing: files over MAX_BYTES, UTF-16 and UTF-32, bytes that are not
    UTF-8 (lone surrogates included), and control characters other than tab and newline.
    """
    if len(raw) > MAX_BYTES:
        raise ContentError([Problem(path, 1, 1, "", f"file is {len(raw)} bytes; the limit is {MAX_BYTES}")])
    for bom, name in _OTHER_ENCODINGS:
        if raw.startswith(bom):
            raise ContentError([Problem(path, 1, 1, "", f"the file is {name} text; save it as UTF-8")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw[: exc.start].decode("utf-8", "replace"))
        message = f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        raise ContentError([Problem(path, line, col, "", message)]) from None
    text = text.removeprefix("\ufeff")
    if found := _CONTROL.search(text):
        line, col = _line_col(text[: found.start()])
        message = f"control character U+{ord(found.group()):04X} is not allowed"
        raise ContentError([Problem(path, line, col, "", message)])
    return text


def _line_col(before: str) -> tuple[int, int]:
    """The 1-based line and column of the character that follows `before`."""
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def parse(path: str, text: str, *, loader: type = LOADERS[0]) -> Document:
    """Parse one YAML document strictly, or raise ContentError listing what is wrong."""
    doc = Document(path, None, text=text)
    problems: list[Problem] = []
    if (tab := text.find("\t")) >= 0:
        # YAML allows tabs in a few places, and its two parsers disagree on which: refuse them all.
        line, col = _line_col(text[:tab])
        raise ContentError([Problem(path, line, col, "", "tab character: indent and separate with spaces")])
    if found := _prescan(text):
        mark, message = found
        raise ContentError([Problem(path, mark.line, mark.col, "", message)])
    try:
        events = yaml.parse(text, Loader=loader)
        _Builder(doc, events, problems).build()
    except yaml.MarkedYAMLError as exc:
        mark, message = _explain(exc, text)
        problems.append(Problem(path, mark.line, mark.col, "", f"invalid YAML: {message}"))
    except yaml.YAMLError as exc:  # a reader error without a mark
        problems.append(Problem(path, 1, 1, "", f"invalid YAML: {exc}"))
    if problems:
        raise ContentError(problems)
    return doc


def scalar_spans(text: str, *, loader: type = LOADERS[0]) -> dict[Path, tuple[int, int]]:
    """Where the characters of each scalar of a parsed document stand in its text: (start, end) indexes.

    A quoted scalar's span leaves out its quotation marks; a block scalar's, its header line."""
    starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
    scalars: dict[Path, yaml.ScalarEvent] = {}
    _Builder(Document("", None), yaml.parse(text, Loader=loader), [], scalars).build()
    found: dict[Path, tuple[int, int]] = {}
    for path, event in scalars.items():
        if event.start_mark is None or event.end_mark is None:  # pragma: no cover - both parsers mark every event
            continue
        start = starts[event.start_mark.line] + event.start_mark.column
        end, style = starts[event.end_mark.line] + event.end_mark.column, event.style
        if style in ("|", ">"):
            start = next((s for s in starts if s > start), end)
        elif style:
            start, end = start + 1, end - 1
        found[path] = (start, end)
    return found


def _explain(exc: yaml.MarkedYAMLError, text: str) -> tuple[Mark, str]:
    """Say what a YAML syntax error in `text` means, the same way for libyaml and the pure-Python parser."""
    problem, context = str(exc.problem or ""), str(exc.context or "")
    mark = _mark(exc)
    opened = Mark(exc.context_mark.line + 1, exc.context_mark.column + 1) if exc.context_mark else mark
    if "quoted scalar" in context and "end of stream" in problem:
        return opened, "this quotation mark is never closed"
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        return mark, f"the '{bracket}' opened at line {opened.line}, column {opened.col} is not closed"
    if "mapping values are not allowed" in problem:
        if found := _misindented(_LINE_BREAK.split(text), mark):
            return found
        return mark, "unexpected ': ' here: indent this line like the lines above it, or quote a value containing ': '"
    if "block" in context or "expected key" in problem:
        message = "this line's indentation does not match the lines above it"
        if aligned := _aligned_with(_LINE_BREAK.split(text), mark.line):
            column, line = aligned
            message += f": start it at column {column}, like line {line}"
        return mark, message
    return mark, problem or context or "not valid YAML"


@dataclass(frozen=True)
class _Line:
    """A line that starts with a mapping key, maybe after list dashes; columns are 1-based."""

    number: int
    columns: tuple[int, ...]
    """Where each of its dashes stands, then where its key starts."""
    colon: int
    """Where the colon after its key stands."""
    plain: bool
    """Whether a plain value (not quoted, not a block or a bracket) follows the key."""

    @property
    def key(self) -> int:
        """Where its key starts."""
        return self.columns[-1]


def _key_line(lines: list[str], number: int) -> _Line | None:
    """Read line `number` (1-based) as a key line, or return None when it is not one."""
    found = _KEY_LINE.match(lines[number - 1])
    if found is None:
        return None
    dashes = tuple(m.start() + 1 for m in re.finditer("-", found.group("dashes")))
    value = (found.group("value") or "").strip()
    plain = bool(value) and value[0] not in _NOT_PLAIN
    return _Line(number, (*dashes, found.start("key") + 1), found.end("key") + 1, plain)


def _lines_above(lines: list[str], number: int) -> Iterator[int]:
    """Yield the numbers of the lines above line `number` that hold content, nearest first."""
    for above in range(number - 1, 0, -1):
        stripped = lines[above - 1].strip()
        if stripped and not stripped.startswith("#"):
            yield above


def _next_key_line(lines: list[str], numbers: Iterator[int]) -> _Line | None:
    """Read the next of `numbers` as a key line; None when there is none or it is not one."""
    number = next(numbers, None)
    return None if number is None else _key_line(lines, number)


def _misindented(lines: list[str], mark: Mark) -> tuple[Mark, str] | None:
    """Find the line whose indentation makes line N's ': ' unexpected, or None.

    The parser read line N as more of the plain value that line S (the content line above)
    started. Either S is indented less than the lines around it, or N is indented more than
    S. Unless N starts with a key, it is more likely a continued value containing ': ',
    which the caller explains.
    """
    if not 0 < mark.line <= len(lines):
        return None
    wrong = _key_line(lines, mark.line)
    above = _lines_above(lines, mark.line)
    start = _next_key_line(lines, above)
    if wrong is None or wrong.colon != mark.col or start is None or not start.plain:
        return None
    before = _next_key_line(lines, above)
    if before is not None and (found := _dedented(lines, start, before, wrong)):
        return found
    # A continued value is indented more than its key; a list item cannot stand beside a key.
    if wrong.columns[0] <= start.key or len(wrong.columns) > 1:
        return None
    if _off_step(lines, start, wrong):
        # S, not N, breaks the file's steps of indentation: move S so that its key lines up with N.
        column = start.columns[0] + wrong.columns[0] - start.key
        return Mark(start.number, start.columns[0]), (
            f"this line's indentation does not match the lines around it: start it at column {column},"
            f" so that its key lines up with line {wrong.number}"
        )
    return Mark(wrong.number, wrong.key), (
        f"this line is indented more than line {start.number}: start it at column {start.key},"
        f" like line {start.number}, or quote line {start.number}'s value if this line continues it"
    )


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _off_step(lines: list[str], start: _Line, wrong: _Line) -> bool:
    """Tell whether S is indented off the file's step (the steps of the other lines) and N is not."""
    others = {
        _indent(line) for n, line in enumerate(lines, 1) if line.strip() and n not in (start.number, wrong.number)
    }
    step = math.gcd(*others)
    return step > 1 and (start.columns[0] - 1) % step != 0 and (wrong.columns[0] - 1) % step == 0


def _aligned_with(lines: list[str], number: int) -> tuple[int, int] | None:
    """Where line `number`, which matches no indentation above it, most likely belongs: (column, line).

    A list item lines up with the nearest item above it; a key with the key of the content
    line above, when that is further right.
    """
    if not 0 < number <= len(lines):
        return None
    here = lines[number - 1]
    if here.lstrip(" ").startswith("- "):
        for above in _lines_above(lines, number):
            line = lines[above - 1]
            if line.lstrip(" ").startswith("- ") and _indent(line) != _indent(here):
                return _indent(line) + 1, above
        return None
    previous = _next_key_line(lines, _lines_above(lines, number))
    if previous is not None and previous.key > _indent(here) + 1:
        return previous.key, previous.number
    return None


def _dedented(lines: list[str], start: _Line, before: _Line, wrong: _Line) -> tuple[Mark, str] | None:
    """Say where line S (`start`) belongs, when it fell out of the structure around it.

    S fell out when its key is left of the key of P (`before`, the content line above it)
    and line N (`wrong`) lines up with P or with a list or mapping around P: the structure
    goes on past S.
    """
    if start.key >= before.key:
        return None
    indent = wrong.columns[0]
    around = _enclosing(lines, before, start.key)
    if not any(indent in line.columns for line in around):
        return None
    # S belongs in the innermost mapping that still holds line N's structure.
    home = min((line for line in around if line.key >= indent), key=lambda line: line.key)
    message = f"this line is indented less than the lines around it: start it at column {home.key}"
    return Mark(start.number, start.key), f"{message}, like line {home.number}"


def _enclosing(lines: list[str], line: _Line, floor: int) -> list[_Line]:
    """Return `line` and the key lines it is nested under, nearest first, while right of `floor`."""
    found = [line]
    for number in _lines_above(lines, line.number):
        if found[-1].columns[0] <= floor:
            break
        outer = _key_line(lines, number)
        indent = len(lines[number - 1]) - len(lines[number - 1].lstrip(" ")) + 1
        if indent >= found[-1].columns[0]:
            continue  # an earlier sibling, or inside one
        if outer is None or outer.key <= floor:
            break
        found.append(outer)
    return found


def _prescan(text: str) -> tuple[Mark, str] | None:
    """Find, before parsing, what one of the two parsers would take and the other refuse.

    A quick lexical pass: quoted scalars (which start where a value starts) and comments
    are skipped. It finds flow brackets ([ and {) nested deeper than MAX_FLOW_DEPTH (where
    the pure-Python parser is also quadratic), and a block scalar's `|` or `>` followed by
    `#` with no space, a `?` inside a plain value in brackets (libyaml takes these, the
    pure-Python parser does not), and a `:` right before `]`, `}` or `,` (the other way round).
    It jumps from one character that matters to the next, so plain text costs little.
    """
    opened: list[int] = []  # where each bracket still open was opened
    i = 0
    value_start = True  # whether a value could start here (nothing but blanks since an indicator)
    last = -1  # where the last character that matters was
    while (found := _MATTERS.search(text, i)) is not None:
        i = found.start()
        char = text[i]
        if value_start and last + 1 < i and _NONBLANK.search(text, last + 1, i):
            value_start = False
        last = i
        if char == "\n":
            value_start = True
        elif char == "#" and (i == 0 or text[i - 1] in " \t\n"):
            i = text.find("\n", i)
            if i < 0:
                return None
            last = i - 1
            continue
        elif char in "'\"" and value_start:
            i = _quote_end(text, i)
            last, value_start = i - 1, False
            continue
        elif char == ":" and opened and text[i + 1 : i + 2] in ("]", "}", ","):
            message = "a ':' inside [ ] or { } needs a space after it, or a quoted value"
            return _mark_at(text, i), message + _still_open(text, opened[-1], i)
        elif char == "?" and opened and not value_start:
            message = "a '?' inside [ ] or { } must be in a quoted value, like \"what?\""
            return _mark_at(text, i), message + _still_open(text, opened[-1], i)
        elif char in "|>" and value_start and _BLOCK_COMMENT.match(text, i):
            return _mark_at(text, i), f"put a space between '{char}' and the '#' of a comment"
        elif char in "[{" and value_start:  # a bracket inside a plain value opens nothing
            opened.append(i)
            if len(opened) > MAX_FLOW_DEPTH:
                return _mark_at(text, i), f"nested deeper than {MAX_FLOW_DEPTH} levels of brackets"
        elif char in "]}" and opened:
            opened.pop()
        if char != "\n":
            # A value may start after an opening bracket, a comma in brackets, or an indicator
            # (":", "-", "?") followed by white space.
            followed_by_space = text[i + 1 : i + 2] in ("", " ", "\t", "\n")
            in_brackets = bool(opened)
            value_start = (
                (char in "[{" and value_start) or (char == "," and in_brackets) or (char in ":-?" and followed_by_space)
            )
        i += 1
    return None


def _still_open(text: str, bracket: int, here: int) -> str:
    """For a bracket opened on an earlier line than `here`: where, since it may be one never closed."""
    if "\n" not in text[bracket:here]:
        return ""
    where = _mark_at(text, bracket)
    return f" (inside the '{text[bracket]}' opened at line {where.line}, column {where.col}: is it closed?)"


def _mark_at(text: str, index: int) -> Mark:
    line, col = _line_col(text[:index])
    return Mark(line, col)


def _quote_end(text: str, start: int) -> int:
    """Return the index just past the quoted scalar starting at `start` (or the end of text)."""
    quote, i = text[start], start + 1
    while i < len(text):
        if quote == '"' and text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            if quote == "'" and text[i + 1 : i + 2] == "'":
                i += 2
                continue
            return i + 1
        i += 1
    return len(text)


class _Builder:
    """Turn a YAML event stream into Data, recording marks and refusing what we do not allow."""

    def __init__(
        self,
        doc: Document,
        events: Iterator[yaml.Event],
        problems: list[Problem],
        scalars: dict[Path, yaml.ScalarEvent] | None = None,
    ) -> None:
        self.doc = doc
        self.events = events
        self.problems = problems
        self.scalars = scalars
        """When given, each scalar's event is kept here, by its path."""

    def fail(self, event: yaml.Event, path: Path, message: str) -> None:
        mark = _mark(event)
        self.problems.append(Problem(self.doc.path, mark.line, mark.col, format_path(path), message))

    def build(self) -> None:
        documents = 0
        for event in self.events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.fail(event, (), "a file holds one YAML document; remove the extra '---'")
                    return
                self.doc.data = self.node(next(self.events), (), 0)
        if documents == 0:
            self.problems.append(Problem(self.doc.path, 1, 1, "", "the file is empty"))

    def node(self, event: yaml.Event, path: Path, depth: int) -> Data:
        if isinstance(event, yaml.AliasEvent):
            self.fail(event, path, "aliases (*name) are not allowed; write the value out")
            return None
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            self.fail(event, path, "anchors (&name) are not allowed; write the value out")
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            self.fail(event, path, f"explicit tags ({tag}) are not allowed")
        self.doc.values[path] = _mark(event)
        if depth > MAX_DEPTH:
            self.fail(event, path, f"nested deeper than {MAX_DEPTH} levels")
            self._skip(event)
            return None
        if isinstance(event, yaml.ScalarEvent):
            if self.scalars is not None:
                self.scalars[path] = event
            if not event.style and event.value in _NULLS:  # plain style: None or ""
                return None
            return str(event.value)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Data] = []
            for child in self.events:
                if isinstance(child, yaml.SequenceEndEvent):
                    return items
                items.append(self.node(child, (*path, len(items)), depth + 1))
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(path, depth)
        raise AssertionError(f"unexpected YAML event {event!r}")  # pragma: no cover

    def mapping(self, path: Path, depth: int) -> dict[str, Data]:
        result: dict[str, Data] = {}
        for key_event in self.events:
            if isinstance(key_event, yaml.MappingEndEvent):
                return result
            if not isinstance(key_event, yaml.ScalarEvent) or key_event.anchor or key_event.tag:
                self.fail(key_event, path, "keys must be plain text")
                self._skip(key_event)
                self._skip(next(self.events))
                continue
            value_event = next(self.events)
            key = key_event.value
            child = (*path, key)
            if key == "<<" and not key_event.style:
                self.fail(key_event, path, "merge keys (<<) are not allowed; write the values out")
                self._skip(value_event)
                continue
            if key in result:
                first = self.doc.keys[child]
                self.fail(key_event, child, f"duplicate key '{key}' (first defined at line {first.line})")
                self._skip(value_event)
                continue
            self.doc.keys[child] = _mark(key_event)
            result[key] = self.node(value_event, child, depth + 1)
        raise AssertionError("unterminated mapping")  # pragma: no cover

    def _skip(self, event: yaml.Event) -> None:
        """Consume the rest of a collection whose start event was already read."""
        if not isinstance(event, yaml.CollectionStartEvent):
            return
        level = 1
        for child in self.events:
            if isinstance(child, yaml.CollectionStartEvent):
                level += 1
            elif isinstance(child, yaml.CollectionEndEvent):
                level -= 1
                if level == 0:
                    return
