"""The Nu HTML Checker (vnu.jar, from the npm package vnu-jar) over whole built sites, in one run of Java.

Java starts slowly, so every page of every folder given is checked in one invocation.
`make test` installs the npm package and, when there is no `java`, Debian's Java runtime.
Every error and warning the checker reports must come from the theme's own markup, and
only the theme errors listed in THEME_ERRORS, each with the reason it is the theme's, are
let through.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.sites import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
OPTIONS = [
    "--format",
    "json",
    "--skip-non-html",  # the sites' JSON, XML, CSS and scripts are checked elsewhere
    "--skip-info-messages",  # errors and warnings only
    "--asciiquotes",  # messages quote with ' and ", as the allowances below are written
    "--exit-zero-always",  # the findings are judged here, against the allowances
    "--verbose",  # name each file checked, on standard output (the report goes to standard error)
]
SKIPPED = "File was not checked. Files must have .html, .xhtml, .htm, or .xht extensions."
"""What --verbose says of each file --skip-non-html passes over: not a finding."""


@dataclass(frozen=True)
class Message:
    """One finding of the checker: an error, a warning, or a file it could not check."""

    file: Path
    line: int
    kind: str
    """`error`, `warning`, or `non-document-error` (the checker could not read the file)."""
    text: str
    extract: str
    """The markup around the finding, as the checker quotes it."""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.kind}: {self.text}\n    {' '.join(self.extract.split())}"


@dataclass(frozen=True)
class ThemeError:
    """An error in markup that Material writes itself, which no configuration or override of ours can remove."""

    message: str
    markup: str
    """Markup the error's extract holds, which singles out the theme's element."""
    why: str


_AUTOCOMPLETE = (
    "Attribute 'autocomplete' is only allowed when the input type is 'color', 'date', 'datetime-local', "
    "'email', 'hidden', 'month', 'number', 'password', 'range', 'search', 'tel', 'text', 'time', 'url', or 'week'."
)
_TOGGLE_WHY = (
    'Material\'s base.html writes autocomplete="off" on the two hidden checkboxes that open the '
    "navigation drawer and the search on phones, so that Firefox does not bring them back ticked when "
    "a reader returns to a page. HTML allows `autocomplete` only on inputs that take typed values. "
    "The two inputs stand outside every template block a theme extension can override "
    "(overrides/main.html), so only a copy of the whole of base.html, which would then miss the "
    "theme's fixes, could change them."
)
THEME_ERRORS = (
    ThemeError(_AUTOCOMPLETE, 'data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off"', _TOGGLE_WHY),
    ThemeError(_AUTOCOMPLETE, 'data-md-toggle="search" type="checkbox" id="__search" autocomplete="off"', _TOGGLE_WHY),
)
"""The only errors allowed on the built sites: the theme's own, each with why it is not ours."""


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        pytest.fail("no `java` found: `make test` installs Debian's default-jre-headless")
    if not VNU.is_file():
        pytest.fail(f"{VNU.relative_to(ROOT)} is missing: `make test` installs the npm packages")
    return java


def _message(entry: dict[str, object]) -> Message:
    url = str(entry.get("url", ""))
    kind = str(entry["type"])
    if kind == "info":  # what is left of the informative messages after --skip-info-messages: warnings
        kind = str(entry.get("subType", "info"))
    return Message(
        file=Path(unquote(urlsplit(url).path)),
        line=int(str(entry.get("lastLine", 0))),
        kind=kind,
        text=str(entry["message"]),
        extract=str(entry.get("extract", "")),
    )


def check(*paths: Path) -> tuple[list[Path], list[Message]]:
    """Check every HTML file under `paths` in one run; return the files checked and the findings."""
    result = subprocess.run(
        [_java(), "-jar", str(VNU), *OPTIONS, *(str(path.resolve()) for path in paths)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stderr)
    checked = sorted(Path(line) for line in result.stdout.splitlines() if line.strip())
    messages = [_message(entry) for entry in report["messages"]]
    return checked, [m for m in messages if not (m.text == SKIPPED and m.file.suffix != ".html")]


def allowance(message: Message) -> ThemeError | None:
    """The theme error a finding is, or None when it is not one of the theme's listed errors."""
    for known in THEME_ERRORS:
        if message.kind == "error" and message.text == known.message and known.markup in message.extract:
            return known
    return None


def ours(messages: list[Message]) -> list[str]:
    """The findings that are not the theme's listed errors, readably: each must be fixed, never allowed."""
    return [str(message) for message in messages if allowance(message) is None]


def html_files(*sites: Path) -> list[Path]:
    """Every HTML file under the folders given, as the checker names them."""
    return sorted(path.resolve() for site in sites for path in site.rglob("*.html"))
