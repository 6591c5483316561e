"""A catalogue of broken explainers: `check` names each mistake with its exact place.

Each file in tests/catalogue/ is an explainer with mistakes; tests/catalogue/expected.txt
holds what `check` must print for it, one line per mistake. After an intended change of
wording, run `make goldens` and review the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_scripts import cli
from tests.sites import FIXTURES

CATALOGUE = Path(__file__).resolve().parent / "catalogue"
EXPECTED = CATALOGUE / "expected.txt"
CASES = sorted(p.name for p in CATALOGUE.glob("*.yaml"))


def check_output(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> list[str]:
    shutil.copytree(FIXTURES / "minimal" / "content", tmp_path / "content")
    shutil.copy(CATALOGUE / case, tmp_path / "content" / "explainers" / case)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[-1].endswith("found; nothing was written.")
    return lines[:-1]


def expected() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {case: [] for case in CASES}
    for line in EXPECTED.read_text(encoding="utf-8").splitlines():
        case = line.split(":", 1)[0].removeprefix("content/explainers/")
        found.setdefault(case, []).append(line)
    return found


def test_the_catalogue_is_large_enough() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES)
def test_each_broken_file_gets_its_exact_messages(
    case: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    update_goldens: bool,
) -> None:
    found = check_output(case, tmp_path, monkeypatch, capsys)
    assert found, "every case must be an error"
    assert all(line.startswith(f"content/explainers/{case}:") for line in found)
    if update_goldens:
        table = expected()
        table[case] = found
        EXPECTED.write_text("".join(f"{line}\n" for c in sorted(table) for line in table[c]), encoding="utf-8")
    assert found == expected()[case]
