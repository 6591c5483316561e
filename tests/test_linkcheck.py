"""The weekly link check: finds every address, asks each once, and reports what failed."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from build_scripts import linkcheck
from tests.test_validate import edit


class _Handler(BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        if self.path == "/no-head":
            self.send_response(405)
        else:
            self.send_response(200 if self.path in ("/ok", "/text") else 404)
        self.end_headers()

    def do_GET(self) -> None:
        self.send_response(200 if self.path == "/no-head" else 404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """A web server on this machine's loopback address, for the duration of one test."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_every_address_is_asked_and_broken_ones_fail_the_run(
    minimal: Path, server: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(minimal, "explainers/bridge-dispute.yaml", "https://example.org/bridge", f"{server}/ok")
    edit(minimal, "explainers/bridge-dispute.yaml", "The only crossing", f"The [only]({server}/text) crossing")
    edit(
        minimal,
        "glossary.yaml",
        "terms:",
        f"sources:\n  - id: g\n    title: G\n    publisher: P\n    url: {server}/gone\nterms:",
    )
    edit(minimal, "glossary.yaml", "    short: The border", "    sources: [g]\n    short: The border")
    edit(
        minimal,
        "explainers/bridge-dispute.yaml",
        "  - actor: southland\n    role: Wants it reopened.",
        f"  - actor: southland\n    role: Wants it [reopened]({server}/no-head).",
    )
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert linkcheck.main(["--timeout", "5"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("# Link check: 1 broken of 4 addresses\n")
    rows = [line for line in out.splitlines() if line.startswith(f"| {server}")]
    assert rows[0] == f"| {server}/gone | **broken** (404 Not Found) | content/glossary.yaml: source 'g' |"
    assert f"| {server}/no-head | ok (200) | content/explainers/bridge-dispute.yaml: actors.1.role |" in rows
    assert summary.read_text(encoding="utf-8") == out


def test_no_addresses_is_a_pass(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(
        minimal,
        "explainers/bridge-dispute.yaml",
        "    url: https://example.org/bridge\n",
        "    url_not_recorded: print only\n",
    )
    assert linkcheck.main([]) == 0
    assert "The content has no external addresses." in capsys.readouterr().out


def test_an_unreachable_host_is_broken() -> None:
    result = linkcheck.probe("http://127.0.0.1:9/", timeout=2)
    assert not result.ok and result.detail.startswith("unreachable")
