"""Check that every external address in the content still answers.

`python -m build_scripts.linkcheck` lists each source URL and each link in contributor
text with where it is used, asks each host once per address (HEAD, then GET where HEAD
is refused), prints a report, adds it to the GitHub step summary when there is one, and
exits 1 when any address is broken. It changes nothing and opens nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from build_scripts.errors import ContentError
from build_scripts.link import link
from build_scripts.load import load
from build_scripts.models import Model
from build_scripts.validate import validate

_TEXT_LINK = re.compile(r"\]\((https?://[^()\s]+)\)")
USER_AGENT = "explainers-linkcheck/1"


@dataclass(frozen=True)
class Result:
    """What one address answered."""

    url: str
    ok: bool
    detail: str


def addresses(content_dir: Path) -> dict[str, list[str]]:
    """Map every external address in the content to the files and fields that use it."""
    documents, problems = load(content_dir)
    content, found = validate(documents)
    _, more = link(content)
    if problems + found + more:
        raise ContentError(problems + found + more)
    used: defaultdict[str, list[str]] = defaultdict(list)
    models: list[tuple[str, Model]] = [(loaded.doc.path, loaded.model) for loaded in content.explainers]
    if content.glossary:
        models.append((content.glossary[0].path, content.glossary[1]))
    if content.actors:
        models.append((content.actors[0].path, content.actors[1]))
    for path, model in models:
        for source in getattr(model, "sources", []):
            if isinstance(source.url, str):
                used[source.url].append(f"{path}: source '{source.id}'")
        for where, _, _, text in model.texts():
            for url in _TEXT_LINK.findall(text):
                used[url].append(f"{path}: {'.'.join(map(str, where))}")
    return dict(sorted(used.items()))


def probe(url: str, *, timeout: float = 10.0) -> Result:
    """Ask for one address, without following it anywhere but its own redirects."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return Result(url, True, f"{response.status}")
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue  # some servers refuse HEAD; ask again with GET
            return Result(url, False, f"{exc.code} {exc.reason}")
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            return Result(url, False, f"unreachable: {reason}")
    return Result(url, False, "refused")  # pragma: no cover - the GET above returns


def report(used: dict[str, list[str]], results: list[Result]) -> str:
    """A Markdown report: broken addresses first, with where each is used."""
    broken = [r for r in results if not r.ok]
    lines = [f"# Link check: {len(broken)} broken of {len(results)} addresses", ""]
    if not results:
        lines.append("The content has no external addresses.")
    if results:
        lines += ["| address | answer | used in |", "| --- | --- | --- |"]
        for result in sorted(results, key=lambda r: (r.ok, r.url)):
            mark = "ok" if result.ok else "**broken**"
            lines.append(f"| {result.url} | {mark} ({result.detail}) | {'<br>'.join(used[result.url])} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Check every address; exit 0 when all answer, 1 when any is broken or the content is invalid."""
    parser = argparse.ArgumentParser(prog="python -m build_scripts.linkcheck", description=__doc__)
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for each address")
    args = parser.parse_args(argv)
    try:
        used = addresses(args.content)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda url: probe(url, timeout=args.timeout), used))
    text = report(used, results)
    print(text, end="")
    if summary := os.environ.get("GITHUB_STEP_SUMMARY"):
        with Path(summary).open("a", encoding="utf-8") as handle:
            handle.write(text)
    return 1 if any(not r.ok for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
