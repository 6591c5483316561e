"""The preview (`make serve`): it keeps answering through a broken save, shows the problem, and recovers.

The server is MkDocs' own, started as `make serve` starts it, on a free local port, over a
project laid out around the minimal fixture topic.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import pytest

from build_scripts import mkdocs_hook, preview
from tests.sites import FIXTURES, MKDOCS, environment, lay_out

PAGE = "explainers/bridge-dispute/"
SOURCE = "content/explainers/bridge-dispute.yaml"


def test_the_banner_lists_each_problem_as_text() -> None:
    problems = ["content/x.yaml:3:5: title: unknown field '<script>alert(1)</script>' & more"]
    shown = preview.banner(problems)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown and "<script" not in shown
    assert "&#x27;" in shown and "&amp; more" in shown
    assert shown.startswith(f'<div id="{preview.BANNER_ID}" role="alert"')
    assert "1 problem in content/" in preview.banner(problems)
    assert "2 problems in content/" in preview.banner(problems * 2)


def test_the_banner_opens_the_body_and_is_absent_without_problems() -> None:
    page = b'<html><head><title>x</title></head><body class="a" dir="ltr"><p>text</p></body></html>'
    assert preview.with_banner(page, []) is page
    shown = preview.with_banner(page, ["content/x.yaml:1:1: problem"])
    assert shown.startswith(b'<html><head><title>x</title></head><body class="a" dir="ltr"><div id="content-problems"')
    assert shown.endswith(b"</div><p>text</p></body></html>")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Preview:
    """A running `mkdocs serve` and what it has logged."""

    project: Path
    url: str
    log: Path
    source: str = SOURCE
    """The YAML file that `save` edits."""

    def get(self, rel: str, *, timeout: float = 1.0) -> str:
        """Fetch a page; a server that does not answer within `timeout` seconds fails the test."""
        with urllib.request.urlopen(self.url + rel, timeout=timeout) as response:
            return str(response.read().decode("utf-8"))

    def count(self, words: str) -> int:
        return self.log.read_text(encoding="utf-8").count(words)

    def wait(self, condition: Callable[[], bool], what: str, seconds: float = 20) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            assert time.monotonic() < deadline, f"gave up waiting until {what}:\n{self.log.read_text('utf-8')}"
            time.sleep(0.1)

    def save(self, old: str, new: str) -> None:
        """Edit the topic's YAML as an editor would, and wait for the one rebuild and reload it brings."""
        builds, reloads = self.count("Building documentation"), self.count("Reloading browsers")
        path = self.project / self.source
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        self.wait(lambda: self.count("Reloading browsers") > reloads, "the browsers were told to reload")
        time.sleep(1.5)  # three of the watcher's polls: a second rebuild would have started by now
        assert self.count("Building documentation") == builds + 1
        assert self.count("Reloading browsers") == reloads + 1


def serve(tmp_path: Path, content: Path, topic: str = "") -> Iterator[Preview]:
    """Start `mkdocs serve` as `make serve TOPIC=<topic>` does, over a project around `content`."""
    project = lay_out(tmp_path / "project", content)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        command = [MKDOCS, "serve", "--livereload", "--dirty", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"]
        env = environment(EXPLAINERS_TOPIC=topic)
        server = subprocess.Popen(command, cwd=project, stdout=out, stderr=subprocess.STDOUT, env=env)
        running = Preview(project, f"http://127.0.0.1:{port}/", log)
        try:
            running.wait(lambda: "Serving on" in log.read_text(encoding="utf-8"), "the server started", 60)
            yield running
        finally:
            server.terminate()
            server.wait(timeout=10)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Preview]:
    yield from serve(tmp_path, FIXTURES / "minimal" / "content")


@pytest.fixture
def served_topic(tmp_path: Path) -> Iterator[Preview]:
    yield from serve(tmp_path, FIXTURES / "sample" / "content", topic="ferry-strike")


def test_a_broken_save_keeps_the_last_good_pages_and_shows_the_problem_until_fixed(served: Preview) -> None:
    good = served.get(PAGE)
    assert "The bridge dispute" in good and preview.BANNER_ID not in good

    served.save("title: The bridge dispute", "titel: The bridge dispute")
    broken = served.get(PAGE)  # from the last good build
    assert "<h1" in broken and "The bridge dispute" in broken
    banner = broken.split(f'<div id="{preview.BANNER_ID}"', 1)[1].split("</div>", 1)[0]
    assert f"{SOURCE}:1:1: titel: unknown field &#x27;titel&#x27; (did you mean &#x27;title&#x27;?)" in banner
    assert f"{SOURCE}:1:1: title: required field is missing" in banner
    assert preview.BANNER_ID in served.get("glossary/")  # on every page, not only the broken one's
    assert f"{SOURCE}:1:1: titel: unknown field 'titel'" in served.log.read_text(encoding="utf-8")

    served.save("titel: The bridge dispute", "title: The mended bridge dispute")
    mended = served.get(PAGE)
    assert preview.BANNER_ID not in mended
    assert re.search(r"<h1[^>]*>The mended bridge dispute", mended)


def test_an_unsafe_hand_written_page_is_shown_in_the_banner_not_a_stuck_server(served: Preview) -> None:
    page = served.project / "docs" / "about.md"
    reloads = served.count("Reloading browsers")
    page.write_text('# About\n\n<img src="x" onerror="alert(1)">\n', encoding="utf-8")
    served.wait(lambda: served.count("Reloading browsers") > reloads, "the browsers were told to reload")
    assert "unsafe output: about/index.html: &lt;img onerror=...&gt;: event-handler attribute" in served.get(PAGE)


def test_a_preview_of_one_topic_serves_it_with_what_it_links_to_and_nothing_else(served_topic: Preview) -> None:
    page = served_topic.get("explainers/ferry-strike/")
    assert "<h1" in page and preview.BANNER_ID not in page
    for linked in ("actors/ferry-union/", "actors/southland/", "glossary/", "explainers/", ""):
        served_topic.get(linked)
    with pytest.raises(urllib.error.HTTPError):
        served_topic.get("explainers/dam-dispute/")  # another topic
    with pytest.raises(urllib.error.HTTPError):
        served_topic.get("actors/delta-council/")  # an actor only the other topic names
    assert "dam-dispute" not in served_topic.get("explainers/")

    served_topic.source = "content/explainers/ferry-strike.yaml"
    served_topic.save("title: ", "titel: ")
    assert "titel: unknown field" in served_topic.get("explainers/ferry-strike/")


def test_the_previews_search_is_indexed_again_after_each_save_without_holding_up_the_reload(served: Preview) -> None:
    written = "Search index written to pagefind/"
    served.wait(lambda: served.count(written) == 1, "the first search index was written")
    assert json.loads(served.get("pagefind/pagefind-entry.json"))["languages"]["en"]["page_count"] > 1
    served.save("title: The bridge dispute", "title: The mended bridge dispute")  # waits for the reload only
    served.wait(lambda: served.count(written) == 2, "the search was indexed again")
    assert "ERROR" not in served.log.read_text(encoding="utf-8")


def test_the_preview_compiles_the_themes_templates_once_not_on_every_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs makes a new Jinja environment on every build; the hook keeps what Jinja compiled."""
    (tmp_path / "page.html").write_text("<p>{{ words }}</p>", encoding="utf-8")
    monkeypatch.setattr(mkdocs_hook._run, "serving", True)
    monkeypatch.setattr(mkdocs_hook, "_compiled", mkdocs_hook._Compiled())
    compiled: list[str] = []

    def environment() -> jinja2.Environment:
        env = mkdocs_hook.on_env(jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path)), None, None)  # type: ignore[arg-type]
        real = env.compile

        def compiling(*args: Any, **kwargs: Any) -> Any:
            compiled.append("page.html")
            return real(*args, **kwargs)

        env.compile = compiling  # type: ignore[method-assign]
        return env

    assert environment().get_template("page.html").render(words="first") == "<p>first</p>"
    assert environment().get_template("page.html").render(words="again") == "<p>again</p>"  # a save later
    assert compiled == ["page.html"]
    (tmp_path / "page.html").write_text("<p>{{ words }}!</p>", encoding="utf-8")  # the template changed
    assert environment().get_template("page.html").render(words="new") == "<p>new!</p>"
    assert compiled == ["page.html", "page.html"]
