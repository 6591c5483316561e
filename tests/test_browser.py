"""The built sites in a real headless Chromium: rendering, tooltips, search, phones, accessibility.

Two sites are built with `mkdocs build --strict` and served from localhost: the sample
topics (tests/fixtures/sample), on which the behaviour of the pages is tested, and
whatever content/ holds, every explainer of which must render cleanly, fit a phone and
pass axe. Chromium is Debian's (`make test` installs it), driven by Playwright. Every
request the browser makes is recorded, and anything not for localhost is refused before
it leaves. `make screenshots` writes screenshots of each explainer on a desktop and a phone,
in light and dark, to build/screenshots/ for review.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Route, expect, sync_playwright

from build_scripts import pictures, search
from tests.sites import ROOT, explainer_slugs

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
pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812, "is_mobile": True, "has_touch": True}
SAMPLE_EXPLAINER = "explainers/dam-dispute/index.html"  # the sample topic with every kind of picture
SAMPLE_DOCUMENTS = "explainers/ferry-strike/index.html"  # the one with a document, a disputed date and a count
LIVE_EXPLAINERS = [f"explainers/{slug}/index.html" for slug in explainer_slugs(ROOT / "content")]
SECTION_PAGES = [
    "index.html",
    "explainers/index.html",
    "actors/index.html",
    "glossary/index.html",
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


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """Report errors, but not a browser that stopped a download: it left the page, or closed."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _serve(directory: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def sample_url(sample_site: Path) -> Iterator[str]:
    """The sample site (built once per session), served on a free localhost port."""
    yield from _serve(sample_site)


@pytest.fixture(scope="module")
def live_url(live_site: Path) -> Iterator[str]:
    """The live site (built once per session), served on a free localhost port."""
    yield from _serve(live_site)


@pytest.fixture(scope="module")
def sub_path_url(sample_site: Path) -> Iterator[str]:
    """The sample site published under a path, as GitHub Pages publishes a project (/REPO/)."""
    for root in _serve(sample_site.parent):
        yield f"{root}{sample_site.name}/"


@pytest.fixture(scope="module")
def planted_url(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A copy of the sample site whose home page shows text that looks like markup, indexed again."""
    site = tmp_path_factory.mktemp("planted") / "site"
    shutil.copytree(sample_site, site)
    home = site / "index.html"
    text = home.read_text(encoding="utf-8")
    assert "</h1>" in text
    planted = '<p>Planted &lt;img src=x onerror="window.planted=1"&gt; &lt;b&gt;bold&lt;/b&gt; text</p>'
    home.write_text(text.replace("</h1>", "</h1>" + planted, 1), encoding="utf-8")
    search.index(site)
    yield from _serve(site)


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
def visit(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Any]:
    """Open a page of the sample or the live site in a fresh context: visit(rel, site=..., width=...) -> Visit.

    The page counts as open once it has loaded; with settle=True, once nothing more has been
    fetched for half a second, so that errors from late requests are caught too.
    """
    contexts = []

    def open_page(
        rel: str, site: str = "sample", width: int = 1280, height: int = 900, settle: bool = False, **options: Any
    ) -> Visit:
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
        base_url = request.getfixturevalue(f"{site}_url")  # the live site is built only if a test asks for it
        page.goto(base_url + rel.removesuffix("index.html"), wait_until="networkidle" if settle else "load")
        return seen

    yield open_page
    for context in contexts:
        context.close()


def wide_pictures_are_drawn_at_text_width(seen: Visit, selectors: list[str]) -> None:
    article = seen.page.locator("article")
    for picture in selectors:
        drawing = article.locator(f"{picture}:visible")
        assert drawing.count() == 1 and drawing.get_attribute("class") == "picture-wide", picture
        box = drawing.bounding_box()
        assert box is not None and box["width"] > 600, f"{picture} is drawn at {box}"


def test_the_explainer_renders_with_no_console_errors_and_only_local_requests(visit: Any) -> None:
    seen = visit(SAMPLE_EXPLAINER, settle=True)
    assert seen.page.locator("article h1").inner_text().startswith("The Weir dam dispute")
    wide_pictures_are_drawn_at_text_width(seen, [TIMELINE, CLAIMS])
    assert seen.problems == []
    # Nothing of the search is fetched until the reader searches: only its small loader.
    assert [url for url in seen.requests if "/pagefind/" in url] == []
    assert [url.rsplit("/", 1)[1] for url in seen.requests if "/javascripts/search.js" in url] == ["search.js"]


@pytest.mark.parametrize("reach", ["mouse", "keyboard"])
def test_hovering_or_tabbing_to_a_glossary_link_shows_its_definition(visit: Any, reach: str) -> None:
    seen = visit(SAMPLE_EXPLAINER)
    link = seen.page.locator("article a.glossary-term", has_text="river line").first
    if reach == "mouse":
        link.hover()
    else:  # step off the link and back with the keyboard, as someone tabbing through would arrive
        link.focus()
        seen.page.keyboard.press("Shift+Tab")
        seen.page.keyboard.press("Tab")
    expect(link).to_have_attribute("aria-describedby", re.compile(r"."))
    tooltip = seen.page.locator(f"#{link.get_attribute('aria-describedby')}")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().startswith("The border between Northland and Southland")
    assert seen.problems == []


SEARCH_BUTTON = ".md-header button.explainers-search"
SEARCH_DIALOG = "dialog.pf-modal"


def results_for(seen: Visit, query: str) -> list[str]:
    """Type a query into the open search dialog; return the addresses its results lead to, pages and sections."""
    dialog = seen.page.locator(SEARCH_DIALOG)
    expect(dialog.locator("input")).to_be_focused()
    seen.page.keyboard.type(query, delay=20)
    expect(dialog.locator("pagefind-summary")).to_contain_text(query)
    dialog.locator(".pf-result-link").first.wait_for()
    expect(dialog.locator("ul.pf-results")).to_have_attribute("aria-busy", "false")
    links = dialog.locator(".pf-result-link, .pf-heading-link").all()
    return [urljoin(seen.page.url, link.get_attribute("href") or "") for link in links]


@pytest.mark.parametrize(
    ("query", "target"),
    [
        ("Weir Accord", "glossary/#weir-accord"),  # a glossary term
        ("Ana North", "actors/ana-north/"),  # an actor
        ("Ferry Workers", "actors/ferry-union/"),  # an actor's other name
        ("fields turn to dust", "explainers/dam-dispute/"),  # the words of a quote
        ("Dam Road Bridge", "glossary/#east-crossing"),  # one party's name for a place
    ],
)
def test_site_search_finds_terms_and_actors(
    visit: Any, sample_site: Path, sample_url: str, query: str, target: str
) -> None:
    seen = visit("index.html")
    seen.page.locator(SEARCH_BUTTON).click()
    assert results_for(seen, query)
    # Results arrive one fragment at a time: wait for the one sought, not just the first.
    link = seen.page.locator(f'{SEARCH_DIALOG} :is(.pf-result-link, .pf-heading-link)[href$="{target}"]')
    expect(link.first).to_be_attached()
    assert sample_url + target in [urljoin(seen.page.url, a.get_attribute("href") or "") for a in link.all()]
    assert seen.problems == []
    # A search fetches the pages it shows, not the whole site's text.
    pages = [url for url in seen.requests if url.startswith(f"{sample_url}{search.BUNDLE}/fragment/")]
    assert 0 < len(pages) < len(list((sample_site / search.BUNDLE / "fragment").iterdir()))


@pytest.mark.parametrize("shortcut", ["/", "s", "Control+k"])
def test_the_search_works_from_the_keyboard(visit: Any, sample_url: str, shortcut: str) -> None:
    seen = visit(SAMPLE_EXPLAINER)
    button = seen.page.locator(SEARCH_BUTTON)
    seen.page.keyboard.press(shortcut)
    expect(seen.page.locator(SEARCH_DIALOG)).to_be_visible()
    seen.page.keyboard.press("Escape")
    expect(seen.page.locator(SEARCH_DIALOG)).to_be_hidden()
    expect(button).to_be_focused()
    seen.page.keyboard.press("Enter")
    assert results_for(seen, "Ana North")
    seen.page.keyboard.press("ArrowDown")  # to the first result, the actor's own page
    expect(seen.page.locator(":focus")).to_have_attribute("href", "/actors/ana-north/")
    with seen.page.expect_navigation():
        seen.page.keyboard.press("Enter")
    assert seen.page.url == sample_url + "actors/ana-north/"
    assert seen.problems == []


def test_what_is_typed_while_the_search_loads_is_not_lost(visit: Any) -> None:
    seen = visit(SAMPLE_EXPLAINER)
    seen.page.keyboard.press("/")
    seen.page.keyboard.type("Ana North")  # at once: the dialog is still being fetched
    expect(seen.page.locator(f"{SEARCH_DIALOG} input")).to_have_value("Ana North")
    expect(seen.page.locator(f"{SEARCH_DIALOG} pagefind-summary")).to_contain_text("Ana North")
    assert seen.problems == []


def test_the_search_leads_to_pages_under_the_path_the_site_is_published_at(visit: Any, sub_path_url: str) -> None:
    seen = visit("index.html", site="sub_path")
    seen.page.locator(SEARCH_BUTTON).click()
    results_for(seen, "Ana North")
    # a result is drawn once its page's fragment has loaded: wait for the actor's own page among them
    link = seen.page.locator(f"{SEARCH_DIALOG} .pf-result-link[href$='actors/ana-north/']").first
    expect(link).to_be_attached()
    assert urljoin(seen.page.url, link.get_attribute("href") or "") == sub_path_url + "actors/ana-north/"
    assert seen.problems == []


def test_text_that_looks_like_markup_stays_text_in_the_search_results(visit: Any) -> None:
    seen = visit("index.html", site="planted")
    seen.page.locator(SEARCH_BUTTON).click()
    assert results_for(seen, "planted")
    excerpts = seen.page.locator(f"{SEARCH_DIALOG} .pf-result-excerpt")
    assert "onerror" in excerpts.first.inner_text()
    assert seen.page.locator(f"{SEARCH_DIALOG} :is(img, b)").count() == 0
    assert seen.page.evaluate("window.planted") is None
    assert seen.problems == []


@pytest.mark.slow
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_or_critical_violations_in_the_search_dialog(
    visit: Any, scheme: Literal["light", "dark"]
) -> None:
    seen = visit("index.html", color_scheme=scheme)
    seen.page.locator(SEARCH_BUTTON).click()
    assert results_for(seen, "Weir")
    assert axe_violations(seen, scheme) == []


def test_pictures_on_a_phone_are_the_stacked_drawings_with_legible_text(visit: Any) -> None:
    seen = visit(SAMPLE_EXPLAINER, **PHONE)
    for picture in (TIMELINE, CLAIMS):
        drawing = seen.page.locator(f"article {picture}:visible")
        assert drawing.count() == 1 and drawing.get_attribute("class") == "picture-narrow", picture
        box = drawing.bounding_box()
        assert box is not None
        text_pixels = 13 * box["width"] / pictures.NARROW.width  # the drawings' text is 13 units high
        assert text_pixels >= 11, f"{picture}: text drawn at {text_pixels:.1f} pixels"


DRAWN_TEXT = """() => [...document.querySelectorAll("article svg")]
  .filter((svg) => svg.getClientRects().length > 0)
  .map((svg) => {
    const edges = (r) => [r.left, r.top, r.right, r.bottom];
    const texts = [...svg.querySelectorAll("text")].map((t) => [t.textContent, ...edges(t.getBoundingClientRect())]);
    return [svg.getAttribute("aria-labelledby"), edges(svg.getBoundingClientRect()), texts];
  })"""


def overlaps_in_drawings(seen: Visit) -> list[str]:
    """Every pair of texts that touch or overlap within one visible drawing, and every text
    that runs out of its drawing, measured in the browser with the fonts it really used."""
    found = []
    drawings = seen.page.evaluate(DRAWN_TEXT)
    assert drawings, "no drawing is visible"
    for name, (left, top, right, bottom), texts in drawings:
        for i, (words, x0, y0, x1, y1) in enumerate(texts):
            if x0 < left - 0.5 or x1 > right + 0.5 or y0 < top - 0.5 or y1 > bottom + 0.5:
                found.append(f"{name}: {words!r} runs out of the drawing")
            for other, u0, v0, u1, v1 in texts[i + 1 :]:
                if x0 < u1 + 1 and u0 < x1 + 1 and y0 < v1 and v0 < y1:
                    found.append(f"{name}: {words!r} touches {other!r}")
    return found


@pytest.mark.live
@pytest.mark.parametrize("width", [375, 768, 1280, "print"])
@pytest.mark.parametrize("rel", LIVE_EXPLAINERS)
def test_no_text_in_a_live_drawing_touches_another(visit: Any, rel: str, width: int | str) -> None:
    seen = visit(rel, site="live", width=794 if width == "print" else width)
    if width == "print":
        seen.page.emulate_media(media="print")
    assert overlaps_in_drawings(seen) == []


@pytest.mark.parametrize("rel", [SAMPLE_EXPLAINER, SAMPLE_DOCUMENTS])
@pytest.mark.parametrize("width", [375, 768, 1280, "print"])
def test_no_text_in_a_drawing_touches_another_at_any_width_or_in_print(visit: Any, rel: str, width: int | str) -> None:
    if width == "print":  # an A4 page's width at 96 dots per inch, with the print stylesheet
        seen = visit(rel, width=794)
        seen.page.emulate_media(media="print")
    else:
        seen = visit(rel, width=width)
    assert overlaps_in_drawings(seen) == []


@pytest.mark.parametrize(("screen", "side_by_side"), [({"width": 1280}, True), (PHONE, False)])
def test_a_clauses_texts_stand_side_by_side_on_a_desktop_and_one_under_another_on_a_phone(
    visit: Any, screen: dict[str, Any], side_by_side: bool
) -> None:
    seen = visit(SAMPLE_DOCUMENTS, **screen)
    texts = seen.page.locator("article .clause-versions").first.locator(".clause-version")
    boxes = [box for box in (texts.nth(n).bounding_box() for n in range(texts.count())) if box]
    assert len(boxes) == 3
    tops, lefts = {round(box["y"]) for box in boxes}, {round(box["x"]) for box in boxes}
    assert (len(tops), len(lefts)) == ((1, 3) if side_by_side else (3, 1))
    widths = seen.page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1]
    assert seen.page.locator("article mark:visible").count() == 7
    assert seen.problems == []


def test_the_timeline_is_shown_once_on_screen_and_its_list_reaches_keyboard_users(visit: Any) -> None:
    seen = visit(SAMPLE_EXPLAINER)
    listed = seen.page.locator("article .timeline-events")
    assert seen.page.locator(f"article {TIMELINE}:visible").count() == 1
    box = listed.bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1, "the events are shown twice"
    assert listed.locator("li").count() >= 2  # still there for screen readers
    listed.locator("a").first.focus()  # a keyboard user tabbing into it sees where the focus is
    box = listed.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 20
    seen.page.emulate_media(media="print")
    assert not listed.is_visible() and seen.page.locator(f"article {TIMELINE}:visible").count() == 1


def pictures_on(seen: Visit) -> list[str]:
    """The kinds of picture an explainer page carries."""
    return [selector for selector in (TIMELINE, CLAIMS) if seen.page.locator(f"article {selector}").count()]


@pytest.mark.live
@pytest.mark.parametrize("rel", LIVE_EXPLAINERS)
def test_each_live_explainer_renders_cleanly_with_its_pictures(visit: Any, rel: str) -> None:
    seen = visit(rel, site="live", settle=True)
    assert seen.page.locator("article h1").count() == 1
    wide_pictures_are_drawn_at_text_width(seen, pictures_on(seen))
    assert seen.problems == []


def first_actor_page(site: Path) -> str:
    """An actor page of the built site: the first its actors index links to."""
    index = (site / "actors" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'href="(\.\./)?([a-z0-9-]+)/"', index.split("<article", 1)[1])
    assert found, "the actors index links to no actor"
    return f"actors/{found.group(2)}/index.html"


@pytest.mark.live
@pytest.mark.parametrize("rel", [*LIVE_EXPLAINERS, *SECTION_PAGES, "an actor page"])
def test_live_pages_fit_a_375_pixel_phone_without_sideways_scrolling(visit: Any, live_site: Path, rel: str) -> None:
    rel = first_actor_page(live_site) if rel == "an actor page" else rel
    seen = visit(rel, site="live", **PHONE, device_scale_factor=2)
    widths = seen.page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1] == 375, f"{rel} is {widths[0]} pixels wide"
    assert seen.problems == []


@pytest.mark.screenshots  # pictures for reviewers, not a check: `make screenshots` takes them, and CI
@pytest.mark.parametrize("rel", LIVE_EXPLAINERS)
def test_screenshots_of_each_explainer_on_a_desktop_and_a_phone(visit: Any, rel: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    slug = rel.split("/")[1]
    for name, width, height in [("desktop", 1280, 900), ("mobile", 390, 844)]:
        for scheme in ("light", "dark"):
            seen = visit(rel, site="live", width=width, height=height, color_scheme=scheme)
            target = SCREENSHOTS / f"{slug}-{name}-{scheme}.png"
            seen.page.screenshot(path=str(target), full_page=True)
            pictures = seen.page.locator("article svg[role=img]:visible")
            for i in range(pictures.count()):  # each drawing on its own too, for a closer look
                label = (pictures.nth(i).get_attribute("aria-labelledby") or f"picture-{i}").split("-")[0]
                pictures.nth(i).screenshot(path=str(SCREENSHOTS / f"{slug}-{name}-{scheme}-{label}-{i}.png"))
            assert target.stat().st_size > 10_000
            assert seen.problems == []


COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""The axe rules a change of colour scheme can change the verdict of; the dark pass runs only these."""


def axe_violations(seen: Visit, scheme: Literal["light", "dark"]) -> list[str]:
    """What axe-core finds of serious or critical impact on the page, in the light or the dark scheme.

    The light pass runs every rule; the dark one, on the same page loaded again with the reader
    preferring dark, runs the rules about colour, the only thing the scheme changes.
    """
    if seen.page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") != (scheme == "dark"):
        # The theme picks its palette from the preference as a page loads, unless it stored one
        # (it stores the palette it shows when the page unloads).
        seen.page.add_init_script("localStorage.clear()")
        seen.page.emulate_media(color_scheme=scheme)
        seen.page.reload(wait_until="load")
    palette = "slate" if scheme == "dark" else "default"
    seen.page.wait_for_function(f"document.body.dataset.mdColorScheme === '{palette}'")
    seen.page.add_script_tag(path=str(AXE))
    options = {"resultTypes": ["violations"]} | ({"runOnly": COLOUR_RULES} if scheme == "dark" else {})
    result = seen.page.evaluate("options => axe.run(document, options)", options)
    assert result["passes"], "axe checked nothing"
    return [
        f"{scheme}: {violation['id']} ({violation['impact']}): {violation['help']}: "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in result["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


@pytest.mark.slow
@pytest.mark.parametrize("rel", [SAMPLE_EXPLAINER, SAMPLE_DOCUMENTS])
def test_axe_finds_no_serious_or_critical_violations_on_the_sample(visit: Any, rel: str) -> None:
    seen = visit(rel)
    assert axe_violations(seen, "light") + axe_violations(seen, "dark") == []


@pytest.mark.live
@pytest.mark.slow
@pytest.mark.parametrize("rel", [*LIVE_EXPLAINERS, *SECTION_PAGES, "an actor page"])
def test_axe_finds_no_serious_or_critical_violations_on_live_pages(visit: Any, live_site: Path, rel: str) -> None:
    rel = first_actor_page(live_site) if rel == "an actor page" else rel
    seen = visit(rel, site="live")
    assert axe_violations(seen, "light") + axe_violations(seen, "dark") == []
