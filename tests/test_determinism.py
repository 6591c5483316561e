"""Same content in, same bytes out: whatever the hash seed, time zone, locale or file order."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts.cache import CACHE_ENV
from build_scripts.explainer_page import event_key
from build_scripts.fields import PartialDate
from build_scripts.models import Event
from tests.sites import SAMPLE, build_project


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_two_builds_in_different_environments_give_identical_sites(tmp_path: Path) -> None:
    environments = [
        {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C"},
        {"PYTHONHASHSEED": "4242", "TZ": "Asia/Tokyo", "LC_ALL": "C.UTF-8"},
    ]
    sites = []
    for i, env in enumerate(environments):
        result = build_project(tmp_path / str(i), SAMPLE, SOURCE_DATE_EPOCH="1700000000", **env)
        assert result.returncode == 0, result.stderr
        sites.append(tmp_path / str(i))
    first, second = tree(sites[0] / "site"), tree(sites[1] / "site")
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []


@pytest.mark.slow
def test_the_command_line_writes_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    outputs = []
    for seed in ("0", "1", "12345"):
        out = tmp_path / seed
        subprocess.run(
            [sys.executable, "-m", "build_scripts", "build", "--content", str(SAMPLE), "--docs", str(out)],
            check=True,
            capture_output=True,
            env=os.environ | {"PYTHONHASHSEED": seed},
        )
        outputs.append(tree(out))
    assert outputs[0] == outputs[1] == outputs[2]


REVERSED = """
import sys
from pathlib import Path

listed = Path.iterdir
Path.iterdir = lambda self: iter(sorted(listed(self), reverse=True))  # every folder listed backwards
from build_scripts import cli

sys.exit(cli.main(sys.argv[1:]))
"""


def test_file_order_on_disk_does_not_matter(minimal: Path, tmp_path: Path) -> None:
    """Two cold runs, each in a process of its own with an empty cache: one lists folders backwards."""
    for name in ("b-topic", "a-topic", "c-topic"):
        shutil.copy(minimal / "explainers" / "bridge-dispute.yaml", minimal / "explainers" / f"{name}.yaml")
    sites = []
    for order, command in (("forward", ["-m", "build_scripts"]), ("backward", ["-c", REVERSED])):
        out = tmp_path / order
        subprocess.run(
            [sys.executable, *command, "build", "--content", str(minimal), "--docs", str(out)],
            check=True,
            capture_output=True,
            env=os.environ | {CACHE_ENV: str(tmp_path / f"cache-{order}")},
        )
        sites.append(tree(out))
    assert sites[0] == sites[1]


def test_timelines_mixing_year_month_and_day_sort_deterministically() -> None:
    def event(date: str, text: str) -> Event:
        return Event.model_validate({"date": date, "text": text, "evidence": [{"source": "s", "excerpt": "x"}]})

    events = [
        event("2023-09-19", "b"),
        event("2023", "year"),
        event("2023-09", "month"),
        event("2023-09-19", "a"),
        event("2022-12-31", "earlier"),
        event("2023-09-02", "day"),
    ]
    expected = ["earlier", "year", "month", "day", "a", "b"]
    assert [e.text for e in sorted(events, key=event_key)] == expected
    rotated = events[3:] + events[:3]
    assert [e.text for e in sorted(rotated, key=event_key)] == expected
    assert PartialDate(2023) < PartialDate(2023, 1) < PartialDate(2023, 1, 1)
