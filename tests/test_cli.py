"""The command line: exit codes, one line per mistake, and writes that touch only what changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

from build_scripts import cli, link, pipeline, stages, usage, write
from build_scripts.errors import Problem
from tests.sites import ROOT
from tests.test_validate import EXPLAINER, edit


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under folder with its bytes and modification time."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_check_passes_and_writes_nothing(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check"]) == 0
    assert capsys.readouterr().out == "content: no problems (1 explainer, 3 actors, 1 glossary term)\n"
    assert not Path("docs").exists()


def test_build_writes_pages_then_leaves_unchanged_files_alone(
    minimal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["build"]) == 0
    assert capsys.readouterr().out == "docs: 14 written, 0 removed, 0 unchanged\n"
    before = snapshot(Path("docs"))
    assert cli.main(["build"]) == 0
    assert capsys.readouterr().out == "docs: 0 written, 0 removed, 14 unchanged\n"
    assert snapshot(Path("docs")) == before


@pytest.mark.parametrize("how", ["option", "environment"])
def test_build_takes_the_site_address_for_the_feed_and_the_data(
    minimal: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    site = "https://example.org/explainers/"
    if how == "environment":
        monkeypatch.setenv("SITE_URL", site)
    assert cli.main(["build", *(["--site-url", site] if how == "option" else [])]) == 0
    feed = (Path("docs") / "feed.xml").read_text(encoding="utf-8")
    assert f'<link rel="self" type="application/atom+xml" href="{site}feed.xml" />' in feed
    data = (Path("docs") / "explainers" / "bridge-dispute" / "explainer.json").read_text(encoding="utf-8")
    assert f'"$schema": "{site}explainers/explainer.schema.json"' in data


def test_an_edit_rewrites_only_the_pages_it_changes(minimal: Path) -> None:
    pipeline.build(minimal, Path("docs"))
    edit(
        minimal,
        "explainers/bridge-dispute.yaml",
        "Northland says the bridge is unsafe.",
        "It is unsafe, says Northland.",
    )
    report, _ = pipeline.build(minimal, Path("docs"))
    assert report.written == [
        "actors/northland.md",
        "explainers/bridge-dispute.md",
        "explainers/bridge-dispute/explainer.json",
    ]


def files_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths read with Path.read_bytes from now on, in order."""
    read: list[str] = []
    real = Path.read_bytes

    def reading(path: Path) -> bytes:
        read.append(path.as_posix())
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", reading)
    return read


def test_a_page_left_as_the_last_build_wrote_it_is_not_read_again(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline.build(minimal, Path("docs"))
    for page in Path("docs").rglob("*"):  # written a while ago: past the clock's tick, the stamps are trusted
        os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns - 10**10))
    pipeline.build(minimal, Path("docs"))  # reads each file once more, its status changed, and stamps it
    read = files_read(monkeypatch)
    report, _ = pipeline.build(minimal, Path("docs"))
    assert report.written == []
    assert [path for path in read if "/docs/" in f"/{path}"] == []


def test_a_page_just_written_is_read_again_though_its_status_is_unchanged(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within the clock's tick a file may change again and keep its status: its stamp is not trusted yet."""
    monkeypatch.setattr(write, "FINE_RACY_NS", 60 * 10**9)  # the doubt, stretched so that the test cannot race it
    pipeline.build(minimal, Path("docs"))
    read = files_read(monkeypatch)
    pipeline.build(minimal, Path("docs"))
    assert "docs/explainers/bridge-dispute.md" in read


@pytest.mark.parametrize(("nanoseconds", "read_again"), [(0, True), (1, False)])
def test_a_file_system_that_keeps_whole_seconds_gets_longer_doubt(
    minimal: Path, monkeypatch: pytest.MonkeyPatch, nanoseconds: int, read_again: bool
) -> None:
    """A file's time on a whole second may come from a clock that ticks once a second or two."""
    monkeypatch.setattr(write, "RACY_NS", 60 * 10**9)  # stretched so that the test cannot race it
    pipeline.build(minimal, Path("docs"))
    seconds = time.time_ns() // 10**9 - 10  # ten seconds ago: on a whole second, or a nanosecond past it
    for page in Path("docs").rglob("*"):
        os.utime(page, ns=(page.stat().st_atime_ns, seconds * 10**9 + nanoseconds))
    pipeline.build(minimal, Path("docs"))  # their status changed: each is read once more, and stamped
    read = files_read(monkeypatch)
    pipeline.build(minimal, Path("docs"))
    assert ("docs/explainers/bridge-dispute.md" in read) is read_again


def test_a_page_changed_on_disk_since_the_last_build_is_written_again_whatever_its_size(minimal: Path) -> None:
    pipeline.build(minimal, Path("docs"))
    page = Path("docs") / "explainers" / "bridge-dispute.md"
    before = page.read_bytes()
    page.write_bytes(before.replace(b"Northland", b"Southland", 1))  # the same size, a new modification time
    report, _ = pipeline.build(minimal, Path("docs"))
    assert report.written == ["explainers/bridge-dispute.md"]
    assert page.read_bytes() == before


def test_a_mistake_in_the_glossary_is_reported_beside_the_site_configuration(
    minimal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`build` reads the identity from mkdocs.yml without loading the Markdown extensions it
    names: the glossary's, loaded, once turned the glossary's mistakes into a crash."""
    shutil.copy(ROOT / "mkdocs.yml", "mkdocs.yml")
    edit(minimal, "glossary.yaml", "short:", "shrt:")
    assert cli.main(["build"]) == 1
    said = capsys.readouterr().err
    assert said.splitlines()[-1] == "2 problems found; nothing was written."
    assert "content/glossary.yaml:2:5: terms[0].short: required field is missing" in said
    assert "Traceback" not in said and not Path("docs").exists()


def test_pages_of_removed_topics_are_removed(minimal: Path) -> None:
    pipeline.build(minimal, Path("docs"))
    (Path("docs") / "explainers" / "old-topic.md").write_text("stale", encoding="utf-8")
    hand_written = Path("docs") / "about.md"
    hand_written.write_text("mine", encoding="utf-8")
    report, _ = pipeline.build(minimal, Path("docs"))
    assert report.removed == ["explainers/old-topic.md"]
    assert hand_written.read_text(encoding="utf-8") == "mine"


def test_invalid_content_reports_every_mistake_and_leaves_docs_as_it_was(
    minimal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["build"]) == 0
    before = snapshot(Path("docs"))
    edit(minimal, "explainers/bridge-dispute.yaml", "    claimed_by: southland\n", "    claimed_by: southlnd\n")
    edit(minimal, "explainers/bridge-dispute.yaml", "Northland says", "Now Northland says")
    edit(minimal, "glossary.yaml", "short:", "shrt:")
    capsys.readouterr()
    assert cli.main(["build"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{EXPLAINER}:37:17: figures[0].claimed_by: unknown actor 'southlnd' (did you mean 'southland'?)",
        "content/glossary.yaml:2:5: terms[0].short: required field is missing",
        "content/glossary.yaml:5:5: terms[0].shrt: unknown field 'shrt' (did you mean 'short'?)",
        "3 problems found; nothing was written.",
    ]
    assert snapshot(Path("docs")) == before


@pytest.mark.parametrize(("verb", "stage"), [("check", (link, "explainer")), ("build", (stages, "render"))])
def test_a_bug_is_not_blamed_on_the_content(
    minimal: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    verb: str,
    stage: tuple[object, str],
) -> None:
    def broken(*_: object) -> dict[str, str]:
        raise RuntimeError("boom")

    monkeypatch.setattr(*stage, broken)
    assert cli.main([verb]) == 3
    err = capsys.readouterr().err
    assert "Traceback" in err and "internal error: please report it" in err


def test_the_module_runs_as_a_command_without_a_traceback(minimal: Path) -> None:
    edit(minimal, "explainers/bridge-dispute.yaml", "published: 2024-01-02", "published: 2024-02-30")
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts", "check"],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert result.stderr == (
        f"{EXPLAINER}:3:12: published: '2024-02-30' is not a real date\n1 problem found; nothing was written.\n"
    )
    assert result.stdout == ""


def test_the_command_leaves_what_its_run_made_out_of_the_collectors_sight(minimal: Path) -> None:
    """What a run makes lives until the process ends, so collecting could only walk it: when the run
    hands back to the collector, and as the interpreter shuts down. `python -m build_scripts` keeps the
    collector off and freezes what is left (a benchmark measures what that saves)."""
    script = (
        "import gc, runpy\n"
        "try:\n"
        "    runpy.run_module('build_scripts', run_name='__main__')\n"
        "except SystemExit as end:\n"
        "    print(end.code, gc.isenabled(), gc.get_freeze_count() > 1000)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, "build"],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert result.stdout.splitlines()[-1] == "0 False True", result.stderr


DAM = "content/explainers/dam-dispute.yaml"


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_a_typo_in_an_actor_id_is_named_with_its_place_and_a_suggestion(
    sample: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sample / "explainers" / "dam-dispute.yaml"
    line = line_of(path, "        speaker: ben-south")
    path.write_text(path.read_text(encoding="utf-8").replace("speaker: ben-south", "speaker: ben-sout", 1), "utf-8")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert cli.main(["check"]) == 1
    out = capsys.readouterr()
    expected = f"{DAM}:{line}:18: positions[1].quotes[0].speaker: unknown actor 'ben-sout' (did you mean 'ben-south'?)"
    assert out.err.splitlines() == [expected, "1 problem found; nothing was written."]
    assert out.out == ""

    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert cli.main(["check"]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines() == [
        f"::error file={DAM},line={line},col=18,title=content error::positions[1].quotes[0].speaker: unknown actor"
        " 'ben-sout' (did you mean 'ben-south'?)"
    ]


def test_github_annotations_escape_what_workflow_commands_treat_as_syntax() -> None:
    problem = Problem("content/a,b:c.yaml", 3, 4, "x", "50% of\nlines")
    assert cli._annotate(problem, "warning") == (
        "::warning file=content/a%2Cb%3Ac.yaml,line=3,col=4,title=content warning::x: 50%25 of%0Alines"
    )


def test_warnings_are_annotations_too(
    minimal: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    edit(minimal, "explainers/bridge-dispute.yaml", "title: The bridge dispute", "title: TODO")
    assert cli.main(["check"]) == 0
    out = capsys.readouterr()
    assert out.err.splitlines() == [
        f"warning: {EXPLAINER}:1:8: title: placeholder text left in (TODO): fill it in before the page is published"
    ]
    annotation = f"::warning file={EXPLAINER},line=1,col=8,title=content warning::title: {usage.PLACEHOLDER}"
    assert out.out.splitlines()[-2:] == [
        annotation,
        "content: no problems, 1 warning above (1 explainer, 3 actors, 1 glossary term)",
    ]


def test_new_refuses_a_taken_or_malformed_slug(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["new", "bridge-dispute"]) == 1
    assert capsys.readouterr().err == "error: content/explainers/bridge-dispute.yaml already exists\n"
    assert cli.main(["new", "Bridge_Dispute"]) == 1
    assert "is not a slug" in capsys.readouterr().err
    assert cli.main(["new", "another-bridge"]) == 0
    assert (minimal / "explainers" / "another-bridge.yaml").is_file()


@pytest.mark.parametrize("crash_at", range(1, 8))  # 7 moves: 3 old pages aside, 3 new in, 1 removed
def test_a_crash_in_the_middle_of_writing_leaves_the_previous_output(
    minimal: Path, monkeypatch: pytest.MonkeyPatch, crash_at: int
) -> None:
    pipeline.build(minimal, Path("docs"))
    (Path("docs") / "explainers" / "stale.md").write_text("a page of a removed topic", encoding="utf-8")
    before = snapshot(Path("docs"))
    edit(minimal, "explainers/bridge-dispute.yaml", "Northland says the bridge", "Northland now says the bridge")
    edit(minimal, "actors.yaml", "A state north of the river.", "A state on the north bank.")
    calls = 0
    real_replace = Path.replace

    def crashing_replace(self: Path, target: str | Path) -> Path:
        nonlocal calls
        calls += 1
        if calls == crash_at:
            raise OSError("disk full (injected)")
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", crashing_replace)
    with pytest.raises(OSError, match="injected"):
        pipeline.build(minimal, Path("docs"))
    assert snapshot(Path("docs")) == before
    assert [p.name for p in Path("docs").rglob(".*")] == []


def test_a_write_that_succeeds_leaves_no_temporary_files(minimal: Path) -> None:
    pipeline.build(minimal, Path("docs"))
    edit(minimal, "explainers/bridge-dispute.yaml", "Northland says the bridge", "Northland now says the bridge")
    pipeline.build(minimal, Path("docs"))
    assert [p.name for p in Path("docs").rglob(".*")] == []


def test_a_crash_while_staging_leaves_the_previous_output(minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline.build(minimal, Path("docs"))
    before = snapshot(Path("docs"))
    edit(minimal, "actors.yaml", "A state north of the river.", "A state on the north bank.")
    real_mkstemp = tempfile.mkstemp
    calls = 0

    def crashing_mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError("no space left (injected)")
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", crashing_mkstemp)
    with pytest.raises(OSError, match="injected"):
        pipeline.build(minimal, Path("docs"))
    assert snapshot(Path("docs")) == before
    assert [p.name for p in Path("docs").rglob(".*")] == []


def test_one_invalid_topic_among_twenty_lists_every_error_and_writes_nothing(
    minimal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = (minimal / "explainers" / "bridge-dispute.yaml").read_text(encoding="utf-8")
    for i in range(19):
        (minimal / "explainers" / f"topic-{i:02d}.yaml").write_text(source, encoding="utf-8")
    assert cli.main(["build"]) == 0
    before = snapshot(Path("docs"))
    broken = source.replace("published: 2024-01-02", "published: 2024-02-30")
    (minimal / "explainers" / "topic-07.yaml").write_text(broken, encoding="utf-8")
    typo = source.replace("claimed_by: southland", "claimed_by: southlands")
    (minimal / "explainers" / "topic-15.yaml").write_text(typo, encoding="utf-8")
    edit(minimal, "explainers/bridge-dispute.yaml", "Northland says", "Now Northland says")  # a valid change
    capsys.readouterr()
    assert cli.main(["build"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "content/explainers/topic-07.yaml:3:12: published: '2024-02-30' is not a real date",
        "content/explainers/topic-15.yaml:37:17: figures[0].claimed_by: unknown actor 'southlands'"
        " (did you mean 'southland'?)",
        "2 problems found; nothing was written.",
    ]
    assert snapshot(Path("docs")) == before
