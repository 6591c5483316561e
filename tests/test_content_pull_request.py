"""A contributor's pull request, tried as CI tries it: content changed, nothing else, and CI stays green.

The repository's files are copied to a temporary folder and committed there as the base
branch. Then the content is changed as CONTRIBUTING.md says a contributor changes it: a
new topic started with `new` and filled in, a correction to each existing one (a figure
with its excerpt, a timeline event, an entry in its revisions), or a topic removed. Then
what CI runs on content runs on the copy: the content check against the base branch, the
strict build, and every test marked `live` (those that check the built site and the
content files, whatever they hold). A test that pinned the live content would fail here.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
from collections.abc import Iterable
from itertools import count
from pathlib import Path
from typing import Any

import pytest
import yaml

from build_scripts.fields import MONTHS
from build_scripts.yamlload import decode, parse
from tests.sites import ROOT, environment, explainer_slugs

NEW = "harbour-closure"
"""The new topic's slug, unless content/ has one by that name (then `unused` numbers it)."""
AUTHORITY = "harbour-authority"
"""The new topic's actor, likewise."""
LIVE = "pytest.mark.live"


def repository_copy(dest: Path) -> Path:
    """Copy the files git knows of (tracked, or new and not ignored) to dest, as a fresh clone has them."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the files of a pull request cannot be told apart")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for rel in sorted(set(filter(None, listed.split("\0")))):
        if (ROOT / rel).is_file():  # a file deleted in the working tree is not part of the change
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, dest / rel)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")  # installed tools, not part of a change
    git = ["git", "-c", "user.name=CI", "-c", "user.email=ci@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=dest, check=True)
    subprocess.run([*git, "add", "-A"], cwd=dest, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "The base branch"], cwd=dest, check=True)
    return dest


def run(copy: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the copy's own code with this interpreter, in the copy."""
    env = {k: v for k, v in environment().items() if not k.startswith("PYTEST_")}  # not a worker of this run
    env |= {"PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([*args], cwd=copy, capture_output=True, text=True, check=False, env=env)


def unused(name: str, taken: Iterable[str]) -> str:
    """`name`, or `name-2`, `name-3`...: the first that content/ does not hold, so that a contributor's
    topic or actor of that name cannot collide with the one this test adds."""
    taken = set(taken)
    return next(candidate for n in count(1) if (candidate := name if n == 1 else f"{name}-{n}") not in taken)


def fill_in(path: Path, slug: str = NEW, actor: str = AUTHORITY) -> None:
    """Replace the TODOs of a new topic and fill its sections, as a contributor does."""
    text = path.read_text(encoding="utf-8")
    filled = {
        f'title: "TODO: {slug}"': "title: The harbour closure",
        "  TODO: summarise the topic in one paragraph.": "  The harbour authority closed the port for a week.",
        '    title: "TODO: the source\'s own title"': "    title: Harbour shut",
        '    publisher: "TODO: the outlet or institution"': "    publisher: The Port Courier",
        "    url: https://example.org/TODO": "    url: https://example.org/port-courier/harbour-shut",
        '  - heading: "TODO: What is this about?"': "  - heading: Why did the harbour close?",
        "      TODO: a few short paragraphs, separated by blank lines.": "      The quays need repair.",
        "actors: []": f"actors:\n  - actor: {actor}\n    role: Closed the harbour.",
        "positions: []": (
            f"positions:\n  - actor: {actor}\n    stance: Says the closure is needed\n"
            "    summary: The authority says the quay walls are unsafe.\n    sources: [source-1]\n"
            "    quotes:\n      - text: The walls must be repaired before ships return.\n"
            f"        speaker: {actor}\n        source: source-1\n"
            "        excerpt: 'The Harbour Authority said: \"The walls must be repaired before ships return.\"'"
        ),
        "figures: []": (
            "figures:\n  - measure: Days closed\n    value: 7\n    unit: days\n    as_of: 2024-05\n"
            f"    claimed_by: {actor}\n    source: source-1\n    key: true\n"
            "    excerpt: The Harbour Authority says the port will stay shut for seven days."
        ),
        "timeline: []": (
            f"timeline:\n  - date: 2024-05-02\n    text: The harbour closes.\n    actors: [{actor}]\n"
            "    evidence:\n      - source: source-1\n        excerpt: The port closed on 2 May 2024."
        ),
    }
    for todo, value in filled.items():
        assert todo in text, f"the template of `new` no longer has {todo!r}"
        text = text.replace(todo, value, 1)
    assert "TODO:" not in text
    path.write_text(text, encoding="utf-8")
    actors = path.parent.parent / "actors.yaml"
    actors.write_text(
        actors.read_text(encoding="utf-8").rstrip("\n")
        + f"\n  - id: {actor}\n    name: Harbour Authority\n    kind: organisation\n"
        "    description: The body that runs the port.\n",
        encoding="utf-8",
    )


class _Plain(yaml.SafeDumper):
    """Write YAML as a contributor does: plain values (`value: 469`, `key: true`), no anchors or aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _plain_text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # Tagged as what the plain text reads as, the text is written plain rather than quoted.
    tag: str = dumper.resolve(yaml.ScalarNode, data, (True, False))  # type: ignore[no-untyped-call]
    return dumper.represent_scalar(tag, data)


_Plain.add_representer(str, _plain_text)


def plus_one(number: str) -> str:
    """A figure's number, one more: `2,000` becomes `2001`."""
    value = float(number.replace(",", "")) + 1
    return str(int(value)) if value.is_integer() else str(value)


def correct(path: Path) -> None:
    """Correct a topic whatever it holds, as CONTRIBUTING says: a figure with its excerpt, an event, a revision."""
    text = decode(path.as_posix(), path.read_bytes())
    data: Any = parse(path.as_posix(), text).data
    figures = data.get("figures") or []
    source = data["sources"][0]["id"]
    if figures:
        figure = figures[0]
        for field in ("value", "low", "high"):
            if figure.get(field):
                figure[field] = plus_one(figure[field])
                figure["excerpt"] += f" (The corrected number is {figure[field]}.)"
    else:
        figures.append({"measure": "Pages", "value": "1", "unit": "pages", "as_of": "2024", "source_voice": "true"})
        figures[-1] |= {"source": source, "excerpt": "It has 1 page."}
    data["figures"] = figures
    day = datetime.date.fromisoformat(data["sources"][0].get("date") or data["as_of"])
    event = {  # dated as its basis says: the day of the source
        "date": day.isoformat(),
        "text": "A correction adds this event.",
        "evidence": [{"source": source, "excerpt": "Words of the source."}],
        "date_basis": f"The source is dated {day.day} {MONTHS[day.month - 1]} {day.year} and dates the event that day.",
    }
    data["timeline"] = [*(data.get("timeline") or []), event]
    last = max([data["published"], data["as_of"], *(r["date"] for r in data.get("revisions") or [])])
    revision = {
        "date": (datetime.date.fromisoformat(last) + datetime.timedelta(days=1)).isoformat(),
        "kind": "correction",
        "what": "A figure was wrong.",
        "why": "The source gives another number.",
    }
    data["revisions"] = [*(data.get("revisions") or []), revision]
    comments = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))  # the schema line
    dumped = yaml.dump(data, Dumper=_Plain, allow_unicode=True, sort_keys=False, width=100_000)
    path.write_text(comments + dumped, encoding="utf-8")


def require(result: subprocess.CompletedProcess[str], what: str) -> None:
    assert result.returncode == 0, f"{what} failed:\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}"


@pytest.mark.slow
@pytest.mark.parametrize("change", ["add a topic and correct one", "remove a topic"])
def test_a_content_pull_request_passes_what_ci_runs(tmp_path: Path, change: str) -> None:
    copy = repository_copy(tmp_path / "repo")
    explainers = copy / "content" / "explainers"
    slugs = explainer_slugs(copy / "content")
    if change == "remove a topic":
        assert slugs, "content/ holds no explainer to remove"
        (explainers / f"{slugs[0]}.yaml").unlink()
    else:
        actors = yaml.safe_load((copy / "content" / "actors.yaml").read_text(encoding="utf-8"))["actors"]
        new, actor = unused(NEW, slugs), unused(AUTHORITY, (a["id"] for a in actors))
        require(run(copy, sys.executable, "-m", "build_scripts", "new", new), "python -m build_scripts new")
        fill_in(explainers / f"{new}.yaml", new, actor)
        for slug in slugs:
            correct(explainers / f"{slug}.yaml")

    # As CI checks a pull request: against its base branch, so that no correction goes unlogged.
    check = run(copy, sys.executable, "-m", "build_scripts", "check", "--against", "HEAD")
    require(check, "the content check")
    if change != "remove a topic":  # removing a topic may leave a glossary term unused, which is a warning
        assert "warning" not in check.stderr, check.stderr
    # The live tests build the copy's site with `mkdocs build --strict` (tests/conftest.py, live_site)
    # and check every explainer it holds. Only the files that mark tests `live` are collected.
    files = [
        p.relative_to(copy).as_posix() for p in sorted((copy / "tests").glob("test_*.py")) if LIVE in p.read_text()
    ]
    assert "tests/test_live_site.py" in files
    # The browser tests open the same kinds of page whichever the change; the first variant runs them.
    selection = "live and not browser" if change == "remove a topic" else "live"
    tests = run(
        copy, sys.executable, "-m", "pytest", "-m", selection, "-p", "no:cacheprovider", "-v", "-n", "0", *files
    )
    require(tests, "the tests of the live content")
    if change == "remove a topic":
        assert f"[{slugs[0]}]" not in tests.stdout
    else:  # the new topic was among those checked
        assert f"[{new}] PASSED" in tests.stdout
        assert f"[explainers/{new}/index.html] PASSED" in tests.stdout
    assert " passed" in tests.stdout
