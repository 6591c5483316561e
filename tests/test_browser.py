"""The built site in a real headless Chromium: rendering, tooltips, search, phones, accessibility.

The site is built with `mkdocs build --strict` and served from localhost; Chromium is
Debian's (`make test` installs it), driven by Playwright. Every request the browser makes
is recorded, and anything not for localhost is refused before it leaves. Screenshots of
the explainer on a desktop and a phone are written to build/screenshots/ for review.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Route, expect, sync_playwright

from build_scripts import pictures
from tests.conftest import ROOT
from tests.test_site import EXPLAINER, mkdocs_build

SCREENSHOTS = ROOT / "build" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_HOSTS = {"127.0.0.1"}
# The flags keep Chromium from calling home (no update checks, metrics or QUIC probes), and
# let it run as root in a container, where its sandbox cannot start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]
TIMELINE = 'svg[aria-labelledby^="timeline-"]'
CLAIMS = 'svg[aria-labelledby^="claims-"]'
PAGES = [EXPLAINER, "actors/maria-zakharova/index.html", "glossary/index.html"]  # an explainer, an actor, the glossary
PHONE = {"width": 375, "height": 812, "is_mobile": True, "has_touch": True}
OTHER_PAGES = [
    "index.html",
    "explainers/index.html",
    "actors/index.html",
    "timeline/index.html",
    "methodology/index.html",
]


def chromium_path() -> str:
    """Debian's Chromium, or the browser named by $CHROMIUM (GitHub's runners ship Google Chrome)."""
    for candidate in [os.environ.get("CHROMIUM"), shutil.which("chromium"), shutil.which("google-chrome")]:
        if candidate:
            return candidate
    pytest.fail("no Chromium found: `make test` installs Debian's chromium package, or set $CHROMIUM")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real site, built strictly and served on a free localhost port."""
    out = tmp_path_factory.mktemp("served")
    handler = functools.partial(_Quiet, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_port}/"
    result = mkdocs_build(ROOT, "--site-dir", str(out), SITE_URL=url)
    assert result.returncode == 0, result.stderr
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """One page in a fresh browser context, with everything it asked for and complained about."""

    page: Page
    requests: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        """Console errors, failed or refused requests, and HTTP errors, in the order they came."""
        return self.errors + [f"refused, not localhost: {url}" for url in self.refused]


def _guard(visit: Visit, route: Route, request: Request) -> None:
    visit.requests.append(request.url)
    if urlsplit(request.url).hostname in LOCAL_HOSTS or request.url.startswith(("data:", "blob:")):
        route.continue_()
    else:
        visit.refused.append(request.url)
        route.abort("blockedbyclient")


def _console(visit: Visit, message: ConsoleMessage) -> None:
    if message.type == "error":
        visit.errors.append(f"{message.text} ({message.location.get('url', '')})")


@pytest.fixture
def visit(browser: Browser, base_url: str) -> Iterator[Any]:
    """Open site pages in a fresh context: visit(rel, width=..., height=...) -> Visit."""
    contexts = []

    def open_page(rel: str, width: int = 1280, height: int = 900, **options: Any) -> Visit:
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        seen = Visit(page)
        context.route("**/*", functools.partial(_guard, seen))
        page.on("console", functools.partial(_console, seen))
        page.on("pageerror", lambda error: seen.errors.append(f"uncaught: {error}"))
        page.on("requestfailed", lambda request: seen.errors.append(f"failed: {request.url}"))
        page.on(
            "response",
            lambda response: (
                seen.errors.append(f"HTTP {response.status}: {response.url}") if response.status >= 400 else None
            ),
        )
        page.goto(base_url + rel.removesuffix("index.html"), wait_until="networkidle")
        return seen

    yield open_page
    for context in contexts:
        context.close()


def test_the_explainer_renders_with_no_console_errors_and_only_local_requests(visit: Any) -> None:
    seen = visit(EXPLAINER)
    article = seen.page.locator("article")
    assert article.locator("h1").inner_text().startswith("Azerbaijan's September 2023 military operation")
    for picture in (TIMELINE, CLAIMS):
        drawing = article.locator(f"{picture}:visible")
        assert drawing.count() == 1 and drawing.get_attribute("class") == "picture-wide", picture
        box = drawing.bounding_box()
        assert box is not None and box["width"] > 600, f"{picture} is drawn at {box}"
    assert seen.problems == []
    assert any(url.endswith("/search/search_index.json") for url in seen.requests), seen.requests


@pytest.mark.parametrize("reach", ["mouse", "keyboard"])
def test_hovering_or_tabbing_to_a_glossary_link_shows_its_definition(visit: Any, reach: str) -> None:
    seen = visit(EXPLAINER)
    link = seen.page.locator("article a.glossary-term", has_text="Zangezur corridor").first
    if reach == "mouse":
        link.hover()
    else:  # step off the link and back with the keyboard, as someone tabbing through would arrive
        link.focus()
        seen.page.keyboard.press("Shift+Tab")
        seen.page.keyboard.press("Tab")
    expect(link).to_have_attribute("aria-describedby", re.compile(r"."))
    tooltip = seen.page.locator(f"#{link.get_attribute('aria-describedby')}")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().startswith("A proposed transport route")
    assert seen.problems == []


@pytest.mark.parametrize(
    ("query", "target"),
    [
        ("Zangezur", "glossary/#zangezur-corridor"),
        ("Zakharova", "actors/maria-zakharova/"),
        ("Pashinyan", "actors/nikol-pashinyan/"),
    ],
)
def test_site_search_finds_terms_and_actors(visit: Any, base_url: str, query: str, target: str) -> None:
    seen = visit("index.html")
    box = seen.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    results = seen.page.locator(".md-search-result__item a")
    results.first.wait_for()
    # The theme adds ?h=<query> to each result, to highlight the words on the page it opens.
    found = [urlsplit(link.get_attribute("href") or "")._replace(query="").geturl() for link in results.all()]
    assert base_url + target in found
    assert seen.problems == []


@pytest.mark.parametrize("rel", [*PAGES, *OTHER_PAGES])
def test_pages_fit_a_375_pixel_phone_without_sideways_scrolling(visit: Any, rel: str) -> None:
    seen = visit(rel, **PHONE, device_scale_factor=2)
    widths = seen.page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1] == 375, f"{rel} is {widths[0]} pixels wide"
    assert seen.problems == []


def test_pictures_on_a_phone_are_the_stacked_drawings_with_legible_text(visit: Any) -> None:
    seen = visit(EXPLAINER, **PHONE)
    for picture in (TIMELINE, CLAIMS):
        drawing = seen.page.locator(f"article {picture}:visible")
        assert drawing.count() == 1 and drawing.get_attribute("class") == "picture-narrow", picture
        box = drawing.bounding_box()
        assert box is not None
        text_pixels = 13 * box["width"] / pictures.NARROW.width  # the drawings' text is 13 units high
        assert text_pixels >= 11, f"{picture}: text drawn at {text_pixels:.1f} pixels"


def test_screenshots_of_the_explainer_on_a_desktop_and_a_phone(visit: Any) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, width, height in [("desktop", 1280, 900), ("mobile", 375, 812)]:
        for scheme in ("light", "dark"):
            seen = visit(EXPLAINER, width=width, height=height, color_scheme=scheme)
            target = SCREENSHOTS / f"explainer-{name}-{scheme}.png"
            seen.page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 10_000
            for picture, selector in [("timeline", TIMELINE), ("claims", CLAIMS)]:
                drawing = seen.page.locator(f"article {selector}:visible").first
                drawing.screenshot(path=str(SCREENSHOTS / f"{picture}-{name}-{scheme}.png"))
            assert seen.problems == []


@pytest.mark.parametrize(
    ("rel", "scheme"),
    [(rel, scheme) for rel in PAGES for scheme in ("light", "dark")] + [(rel, "light") for rel in OTHER_PAGES],
)
def test_axe_finds_no_serious_or_critical_violations(visit: Any, rel: str, scheme: str) -> None:
    seen = visit(rel, color_scheme=scheme)
    seen.page.add_script_tag(path=str(AXE))
    result = seen.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{violation['id']} ({violation['impact']}): {violation['help']}: "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in result["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert serious == []
    assert result["passes"], "axe checked nothing"
