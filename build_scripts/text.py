"""Contributor text: a small Markdown subset, checked on load and escaped on output.

Allowed: `*emphasis*` or `_emphasis_`, `**strong**`, and `[label](https://...)` links.
Everything else a contributor types is shown literally: it is escaped so that Markdown,
its extensions and the browser all read it as text. Raw HTML is refused outright.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import urlsplit

_LINK = r"\[(?P<label>[^\[\]\n]+)\]\((?P<url>[^()\s]*)\)"
_STRONG = r"\*\*(?P<strong>[^*\s](?:[^*]*[^*\s])?)\*\*"
_EM = r"\*(?P<em>[^*\s](?:[^*]*[^*\s])?)\*|(?<!\w)_(?P<em2>[^_\s](?:[^_]*[^_\s])?)_(?!\w)"
_INLINE = re.compile(f"{_LINK}|{_STRONG}|{_EM}")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^\s)>]*)")
_TAG = re.compile(r"<[A-Za-z!/?]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_SPACE = re.compile(r"\s+")
_ENTITY_START = re.compile(r"&(?=#?\w+;)")
_LIST_START = re.compile(r"^(\d+)([.)])")
_URL_FORBIDDEN = re.compile(r"[\s<>\"'`\\{}|^\x00-\x1f\x7f]")
_QUOTATION_MARKS = {'"': '"', "'": "'", "“": "”", "‘": "’", "«": "»"}
"""Each opening quotation mark, with the mark that closes it."""

# Backslash escapes rather than entities where Python-Markdown knows them: they come back
# as plain characters in the tree, where later treeprocessors (glossary links) read text.
_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "{": "\\{",
        "}": "\\}",
        "[": "\\[",
        "]": "\\]",
        "#": "\\#",
        "!": "\\!",
        ">": "\\>",
        "|": "\\|",
        "<": "&lt;",
    }
)


def wrapped_in_quotation_marks(text: str) -> bool:
    """Tell whether one pair of quotation marks encloses the whole text, like "We stay."

    Not when the opening mark is closed before the end ("A" and "B"); an apostrophe between
    letters (Russia's) closes nothing.
    """
    opening = text[:1]
    close = _QUOTATION_MARKS.get(opening)
    if close is None or len(text) < 2 or text[-1] != close:
        return False
    depth = 1
    for i in range(1, len(text) - 1):
        if text[i] == close and not _apostrophe(text, i):
            depth -= 1
            if depth == 0:
                return False
        elif text[i] == opening != close:  # a quotation inside, in the same style
            depth += 1
    return True


def _apostrophe(text: str, i: int) -> bool:
    """Tell whether the mark at `i` is an apostrophe: ' or ’ between two letters or digits."""
    return text[i] in "'’" and text[i - 1].isalnum() and text[i + 1 : i + 2].isalnum()


def url_problem(url: str) -> str | None:
    """Say what is wrong with a link address, or return None when it is a safe http(s) URL."""
    if _URL_FORBIDDEN.search(url):
        return "a URL may not contain spaces, quotes, angle brackets or control characters"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"only http and https URLs are allowed, not {url[:40]!r}"
    if not parts.hostname:
        return f"the URL {url[:40]!r} has no host"
    if "@" in parts.netloc:
        return "a URL may not carry a user name or password"
    return None


def text_problem(text: str) -> str | None:
    """Say what is wrong with a piece of contributor text, or return None."""
    found = text_problem_at(text)
    return found[0] if found else None


def text_problem_at(text: str) -> tuple[str, int] | None:
    """Say what is wrong with a piece of contributor text and where it starts in it, or return None."""
    if found := _CONTROL.search(text):
        return f"control or invisible character U+{ord(found.group()):04X} is not allowed", found.start()
    if found := _TAG.search(text):
        shown = text[found.start() : found.start() + 10]
        return f"raw HTML is not allowed (found {shown!r}); write plain text", found.start()
    if "](" not in text:  # no link, nor anything shaped like a link target
        return None
    for match in _INLINE.finditer(text):
        if match.group("url") is not None and (problem := url_problem(match.group("url"))):
            return f"link [{match.group('label')}]: {problem}", match.start()
    # Anything else shaped like a link target is refused too, rather than shown half-parsed.
    for match in _LINK_TARGET.finditer(text):
        if problem := url_problem(match.group(1)):
            return f"link: {problem}", match.start(1)
    return None


def normalize(text: str, *, paragraphs: bool) -> str:
    """Fold white space: one line, or paragraphs separated by one blank line."""
    if not paragraphs:
        return _SPACE.sub(" ", text).strip()
    parts = (_SPACE.sub(" ", part).strip() for part in _BLANK_LINE.split(text.strip()))
    return "\n\n".join(part for part in parts if part)


@lru_cache(maxsize=1 << 16)  # the same text is rendered on several pages
def escape(text: str) -> str:
    """Escape text so that Markdown and HTML show it literally."""
    out = _ENTITY_START.sub("&amp;", text).translate(_ESCAPES)
    if out[:1] in ("-", "+"):
        out = "\\" + out
    return _LIST_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", out, count=1)


def _tokens(text: str) -> Iterator[tuple[str, str, str]]:
    """Yield (kind, text, url) for each run: 'text', 'em', 'strong' or 'link'."""
    pos = 0
    for match in _INLINE.finditer(text):
        if match.start() > pos:
            yield "text", text[pos : match.start()], ""
        if match.group("label") is not None:
            yield "link", match.group("label"), match.group("url")
        elif match.group("strong") is not None:
            yield "strong", match.group("strong"), ""
        else:
            yield "em", match.group("em") or match.group("em2"), ""
        pos = match.end()
    if pos < len(text):
        yield "text", text[pos:], ""


def _inline_markdown(text: str) -> str:
    out = []
    for kind, run, url in _tokens(text):
        if kind == "link":
            out.append(f"[{escape(run)}]({url})")
        elif kind == "strong":
            out.append(f"**{escape(run)}**")
        elif kind == "em":
            out.append(f"*{escape(run)}*")
        else:
            out.append(escape(run))
    # Escaping the first run only guards the start of the line it begins.
    return "".join(out)


@lru_cache(maxsize=1 << 16)  # the same text is rendered on several pages
def to_markdown(text: str) -> str:
    """Render checked contributor text as Markdown, one paragraph per blank-line block."""
    return "\n\n".join(_inline_markdown(part) for part in text.split("\n\n"))


@lru_cache(maxsize=1 << 16)  # the same text is rendered on several pages
def to_plain(text: str) -> str:
    """Drop the markup and return the words, for titles, metadata and data files."""
    return " ".join("".join(run for _, run, _ in _tokens(part)) for part in text.split("\n\n"))
