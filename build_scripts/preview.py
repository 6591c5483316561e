"""The preview's problem banner: what `make serve` shows on every page while content/ is invalid.

The preview keeps serving the last good pages; the banner says why they are not the newest
and lists every problem as `path:line:col: field: message`. Problems quote contributor
text, so every character is escaped: nothing in them can become markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from build_scripts.errors import problems_count

BANNER_ID = "content-problems"
_STYLE = (
    "position:fixed;left:0;right:0;bottom:0;z-index:1000;max-height:45vh;overflow:auto;margin:0;"
    "padding:.8rem 1.2rem;background:#fff4f4;color:#5c0011;border-top:.25rem solid #c62828;"
    "font:.8rem/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 -.2rem .6rem #0003"
)
_BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)


def banner(problems: Sequence[str]) -> str:
    """The banner's HTML for these problems (one line each), every character of them escaped."""
    heading = (
        f"{problems_count(len(problems))} in content/: this preview shows the last good pages, "
        "and updates by itself when you save a fix."
    )
    lines = "\n".join(html.escape(problem) for problem in problems)
    return (
        f'<div id="{BANNER_ID}" role="alert" style="{_STYLE}">'
        f"<strong>{html.escape(heading)}</strong>"
        f'<pre style="margin:.4rem 0 0;white-space:pre-wrap;font:inherit">{lines}</pre></div>'
    )


def with_banner(page: bytes, problems: Sequence[str]) -> bytes:
    """Put the banner at the start of an HTML page's body; the page is unchanged when there are no problems."""
    if not problems:
        return page
    shown = banner(problems).encode("utf-8")
    body = _BODY.search(page)
    at = body.end() if body else 0
    return page[:at] + shown + page[at:]
