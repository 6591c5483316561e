"""Scan a built site for live script that the theme did not ship.

Run on every page while MkDocs holds it in memory (the MkDocs hook's `on_post_page`), on
the search index after the build, and by hand on a built folder as
`python -m build_scripts.scan site/`. It fails on:

- an event-handler attribute (`onclick`, `onerror`, ...) on any element;
- a script URL (`javascript:`, `vbscript:`, `data:`) in any attribute that loads or links;
- a `<script>` element that is not the theme's: an external script outside the site's
  `assets/javascripts/`, the site's own `javascripts/` and the search's `pagefind/`
  (build_scripts/search.py), or an
  inline script whose text differs from those on the theme's own 404 page (where no
  content reaches); JSON data blocks are allowed;
- `<iframe>`, `<object>`, `<embed>` and `<base>` elements.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from build_scripts import search

URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background"}
)
FORBIDDEN_ELEMENTS = frozenset({"iframe", "object", "embed", "base", "frame", "frameset", "applet"})
_SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_BASE = re.compile(r'new URL\("[^"]*",location\)')
SCRIPT_FOLDERS = ("assets/javascripts/", "javascripts/", f"{search.BUNDLE}/")
"""The site's folders of script: the theme's, the site's own (docs/javascripts/, hand-written,
never from content), and the search's, which Pagefind writes after the build."""


class _Page(HTMLParser):
    """Collect what matters in one HTML document: scripts and dangerous markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self.inline_scripts: list[str] = []
        self.external_scripts: list[str] = []
        self._script: dict[str, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}=...>: event-handler attribute")
            if name in URL_ATTRIBUTES and _SCRIPT_URL.match(_INVISIBLE.sub("", value)):
                self.findings.append(f"<{tag} {name}={value[:40]!r}>: script URL")
        if tag in FORBIDDEN_ELEMENTS:
            self.findings.append(f"<{tag}>: element not allowed")
        if tag == "script":
            self._script, self._text = values, []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            attrs, body = self._script, "".join(self._text)
            self._script = None
            if "src" in attrs:
                self.external_scripts.append(attrs["src"])
            elif attrs.get("type", "").lower() in ("application/json", "application/ld+json"):
                try:
                    json.loads(body)
                except ValueError:
                    self.findings.append("<script type=application/json>: not JSON")
            else:
                self.inline_scripts.append(_BASE.sub("new URL(BASE,location)", body.strip()))


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def _theme_script(src: str, base: str = "/") -> bool:
    """Tell whether an external script is one of the site's own, from the theme or the search.

    Pages link them relatively; the 404 page, which may be shown at any address, links them
    from the site's root path (`base`, the path of `site_url`, like /explainers/).
    """
    if "://" in src or src.startswith("//"):
        return False
    if src.startswith("/"):
        if not src.startswith(base):
            return False
        path = src[len(base) :]
    else:
        path = re.sub(r"^(\.\./|\./)+", "", src)
    return path.startswith(SCRIPT_FOLDERS) and ".." not in path


# A page needs the full parse only if it holds something that could be live script: an
# attribute named on..., a loading attribute whose value does not start like an ordinary
# link (a relative path, "." and ".." included), a script element unlike the theme's, or a
# forbidden element. Most pages hold none.
_EVENT = re.compile(r"on[a-z]+\s*=")  # an event handler where whitespace, a quote or a slash comes before it
_LOADING = re.compile(  # run on the lower-cased page
    r"""\s(?:href|src|action|formaction|xlink:href|data|poster|srcset|background)\s*=\s*["']?"""
    r"""(?!https?://|\.{1,2}(?:/|["'])|/|\#|[\w.-]+(?:/|\.html|\.js|\.css|\.svg|\.png|\.xml|\.json)|["'])"""
)
_FORBIDDEN = re.compile(r"<(?:iframe|object|embed|base|frame|frameset|applet)\b")  # on its own: "<" is skipped to
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_THEME_SRC = re.compile(rf"""^\s+src="(?:\.\./|\./)*(?:{"|".join(map(re.escape, SCRIPT_FOLDERS))})[\w.-]+\.js"$""")
_JSON_BLOCK = re.compile(r"""^\s+(?:id="__config"\s+)?type="application/(?:ld\+)?json"$""")


def _after_space(text: str, at: int) -> bool:
    """Tell whether text[at] follows whitespace, a quotation mark or a slash: where an attribute may start.

    (Found by a regex that starts with the literal "on", which the engine skips ahead to, not with a
    set of characters tried at every position: three times faster over a page.)"""
    return at > 0 and (text[at - 1].isspace() or text[at - 1] in "\"'/")


def _quick_clean(html: str, allowed: set[str]) -> bool:
    """Tell, without parsing, that a page is certainly clean; False means: parse it."""
    lowered = html.lower()
    if _FORBIDDEN.search(lowered) or any(_after_space(lowered, m.start()) for m in _EVENT.finditer(lowered)):
        return False
    if _LOADING.search(lowered):
        return False
    for match in _SCRIPT.finditer(html):
        attrs, body = match.groups()
        if _THEME_SRC.match(attrs) and not body.strip():
            continue
        if _JSON_BLOCK.match(attrs) and "<" not in body:
            try:
                json.loads(body)
            except ValueError:
                return False
            continue
        if attrs or _BASE.sub("new URL(BASE,location)", body.strip()) not in allowed:
            return False
    return lowered.count("<script") == len(_SCRIPT.findall(html))


def site_path(site_url: str | None) -> str:
    """The path a site is published under, from its address: "/" when it has none."""
    path = urlsplit(site_url or "").path or "/"
    return path if path.endswith("/") else f"{path}/"


def theme_scripts(page_404: str) -> set[str]:
    """The inline scripts of the theme's own 404 page (where no content reaches): the ones allowed anywhere."""
    return set(_parse(page_404).inline_scripts)


def scan(site_dir: Path, base: str = "/") -> list[str]:
    """Return every finding in the built site, as `path: what`, sorted.

    `base` is the path the site is published under (the path of `site_url`).
    """
    reference = site_dir / "404.html"
    allowed = theme_scripts(reference.read_text(encoding="utf-8")) if reference.is_file() else set()
    findings: list[str] = []
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8", errors="replace")
        findings += scan_page(html, path.relative_to(site_dir).as_posix(), allowed, base)
    return sorted(findings)


def scan_page(html: str, rel: str, allowed: set[str], base: str) -> list[str]:
    """Return the findings in one HTML page, as `rel: what`; `allowed` are the theme's inline scripts."""
    if allowed and _quick_clean(html, allowed):
        return []
    page = _parse(html)
    findings = [f"{rel}: {finding}" for finding in page.findings]
    findings += [
        f"{rel}: <script src={src!r}>: not a theme script"
        for src in page.external_scripts
        if not _theme_script(src, base)
    ]
    findings += [
        f"{rel}: inline <script> the theme does not ship: {body[:60]!r}"
        for body in page.inline_scripts
        if body not in allowed
    ]
    return findings


def main(argv: Sequence[str] | None = None) -> int:
    """Scan the folder given (default: site/), published under $SITE_URL if set; exit 1 on any finding."""
    args = list(sys.argv[1:] if argv is None else argv)
    site_dir = Path(args[0] if args else "site")
    findings = scan(site_dir, site_path(os.environ.get("SITE_URL")))
    for finding in findings:
        print(f"{site_dir.as_posix()}/{finding}", file=sys.stderr)
    print(
        f"{site_dir.as_posix()}: {len(findings)} unsafe element(s) or attribute(s)"
        if findings
        else f"{site_dir.as_posix()}: no script the theme does not ship, no event handler, no script URL"
    )
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
