"""The contributor workflow's files: templates, the pre-commit hook, and the documented commands."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from build_scripts import cli
from build_scripts.models import Explainer
from build_scripts.scaffold import TEMPLATE
from tests.sites import ROOT, SAMPLE


def load(rel: str) -> Any:
    return yaml.safe_load((ROOT / rel).read_text(encoding="utf-8"))


def test_the_correction_form_asks_for_page_wrong_value_right_value_and_source() -> None:
    form = load(".github/ISSUE_TEMPLATE/correction.yml")
    fields = {item["id"]: item for item in form["body"]}
    assert list(fields) == ["page", "wrong", "right", "source"]
    assert all(item["validations"]["required"] for item in fields.values())


def test_the_topic_form_asks_for_sources() -> None:
    form = load(".github/ISSUE_TEMPLATE/propose-topic.yml")
    assert "sources" in {item["id"] for item in form["body"]}


def test_the_pull_request_checklist_covers_attribution() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for needle in ("make check-content", "claimed_by", "speaker", "excerpt", "neutral", "revisions:"):
        assert needle in text


def test_pre_commit_runs_the_content_check() -> None:
    (hook,) = load(".pre-commit-config.yaml")["repos"][0]["hooks"]
    assert hook["entry"] == "make --silent check-content"
    assert hook["files"] == "^content/" and hook["pass_filenames"] is False


def test_every_make_target_named_in_the_docs_exists() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z-]+):", makefile, flags=re.MULTILINE))
    for doc in ("README.md", "CONTRIBUTING.md"):
        named = set(re.findall(r"`make ([a-z-]+)`", (ROOT / doc).read_text(encoding="utf-8")))
        assert named, doc
        assert named <= targets, f"{doc} names missing targets: {named - targets}"


def test_every_verb_named_in_the_docs_exists() -> None:
    usage = subprocess.run(
        [sys.executable, "-m", "build_scripts", "--help"], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    verbs = set(re.findall(r"^    ([a-z]+) ", usage, flags=re.MULTILINE))
    assert verbs == {"check", "build", "new", "schema", "place", "outline"}
    for doc in ("README.md", "CONTRIBUTING.md"):
        named = set(re.findall(r"python -m build_scripts ([a-z]+)", (ROOT / doc).read_text(encoding="utf-8")))
        assert named <= verbs, f"{doc} names missing verbs: {named - verbs}"


def test_the_rule_that_used_actors_must_be_listed_is_written_where_contributors_look() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split("## Field reference")[0]
    docstring = Explainer.model_fields["actors"].description or ""
    for text in (guide, TEMPLATE, docstring):
        assert "must" in text and "listed" in text
        assert all(name in text for name in ("actor", "speaker", "claimed_by", "timeline"))


DOCUMENTED_MISTAKES = {
    "README.md": [("claimed_by: delta-council", "claimed_by: delta-counsil")],
    "CONTRIBUTING.md": [
        ("published: 2024-03-16", "published: 2024-03-32"),
        ("speaker: ben-south", "speaker: ben-sout"),
    ],
}
"""The mistakes made in the sample topic for the example output each document shows."""


@pytest.mark.parametrize("doc", sorted(DOCUMENTED_MISTAKES))
def test_the_documented_check_output_is_what_check_prints(
    doc: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(SAMPLE, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    topic = tmp_path / "content" / "explainers" / "dam-dispute.yaml"
    for right, wrong in DOCUMENTED_MISTAKES[doc]:
        text = topic.read_text(encoding="utf-8")
        assert right in text
        topic.write_text(text.replace(right, wrong, 1), encoding="utf-8")
    assert cli.main(["check"]) == 1
    printed = capsys.readouterr().err
    blocks = re.findall(
        r"^```\n(content/explainers/dam-dispute\.yaml:.*?)^```$", (ROOT / doc).read_text("utf-8"), re.M | re.S
    )
    assert blocks == [printed], f"{doc}: update its example to what `check` prints"
