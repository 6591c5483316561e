"""The post-build scan: the built sites are clean; planted script of any kind is found."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_scripts import scan


@pytest.fixture
def copy(sample_site: Path, tmp_path: Path) -> Path:
    """A copy of the built sample site, to plant things in."""
    shutil.copytree(sample_site, tmp_path / "site")
    return tmp_path / "site"


def test_the_sample_site_is_clean(sample_site: Path) -> None:
    assert scan.scan(sample_site) == []


def test_a_page_with_the_theme_and_search_loader_scripts_needs_no_full_parse(sample_site: Path) -> None:
    allowed = set(scan._parse((sample_site / "404.html").read_text(encoding="utf-8")).inline_scripts)
    html = (sample_site / "explainers" / "dam-dispute" / "index.html").read_text(encoding="utf-8")
    assert 'src="../../assets/javascripts/' in html and 'src="../../javascripts/search.js"' in html
    assert scan._quick_clean(html, allowed)


@pytest.mark.parametrize("rel", ["index.html", "timeline/index.html", "glossary/index.html"])
def test_a_page_linking_up_to_the_root_needs_no_full_parse(sample_site: Path, rel: str) -> None:
    """The header's link to the home page is `href="."` or `href=".."` on these pages: a relative path."""
    allowed = set(scan._parse((sample_site / "404.html").read_text(encoding="utf-8")).inline_scripts)
    html = (sample_site / rel).read_text(encoding="utf-8")
    assert 'href="."' in html or 'href=".."' in html
    assert scan._quick_clean(html, allowed)


@pytest.mark.parametrize(
    "html",
    ["<svg/onload=alert(1)>", "<a x='1'onclick=y>", '<a x="1"onclick=y>', "<p\tONMOUSEOVER =x>", "<embed src=x>"],
)
def test_an_event_handler_after_a_slash_a_quote_or_any_space_or_a_forbidden_element_is_parsed(html: str) -> None:
    assert not scan._quick_clean(html, set())


@pytest.mark.parametrize("value", ["..javascript:alert(1)", ". javascript:alert(1)", "..\tjavascript:x"])
def test_dots_followed_by_anything_but_a_slash_or_the_end_of_the_value_are_parsed(value: str) -> None:
    assert not scan._quick_clean(f'<a href="{value}">x</a>', set())


@pytest.mark.live
def test_the_live_site_is_clean(live_site: Path) -> None:
    assert scan.scan(live_site) == []


def plant(page: Path, old: str, new: str) -> None:
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "finding"),
    [
        ("<h1", '<h1 onmouseover="alert(1)"', "<h1 onmouseover=...>: event-handler attribute"),
        ("<h1", "<h1 ONCLICK=x", "<h1 onclick=...>: event-handler attribute"),
        ('href="../../actors/northland/"', 'href="javascript:alert(1)"', "script URL"),
        ('href="../../actors/northland/"', 'href=" JaVa\tScRiPt:alert(1)"', "script URL"),
        ("<h1", '<img src="data:text/html,x"><h1', "<img src='data:text/html,x'>: script URL"),
        ("</article>", "<script>alert(1)</script></article>", "inline <script> the theme does not ship"),
        ("</article>", '<script src="https://evil.example/x.js"></script></article>', "not a theme script"),
        ("</article>", '<script src="../../assets/javascripts/../../x.js"></script></article>', "not a theme script"),
        ("</article>", '<iframe src="https://evil.example"></iframe></article>', "<iframe>: element not allowed"),
        ("</article>", '<script type="application/json">{not json</script></article>', "not JSON"),
    ],
)
def test_planted_script_is_found(copy: Path, old: str, new: str, finding: str) -> None:
    plant(copy / "explainers" / "dam-dispute" / "index.html", old, new)
    found = scan.scan(copy)
    assert len(found) == 1
    assert found[0].startswith("explainers/dam-dispute/index.html: ")
    assert finding in found[0]


def test_the_command_exits_1_on_a_finding(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert scan.main([str(copy)]) == 0
    plant(copy / "index.html", "<h1", '<h1 onclick="x"')
    assert scan.main([str(copy)]) == 1
    assert "index.html: <h1 onclick=...>: event-handler attribute" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("src", "base", "theirs"),
    [
        ("../../assets/javascripts/bundle.js", "/", True),
        ("/assets/javascripts/bundle.js", "/", True),
        ("/explainers/assets/javascripts/bundle.js", "/explainers/", True),  # the 404 page under a sub-path
        ("/assets/javascripts/bundle.js", "/explainers/", False),  # outside the site
        ("/explainers/assets/javascripts/../../x.js", "/explainers/", False),
        ("../../pagefind/pagefind-component-ui.js", "/", True),  # the search's, which Pagefind writes
        ("/explainers/pagefind/pagefind-component-ui.js", "/explainers/", True),
        ("../../pagefind/../x.js", "/", False),
        ("../../pagefindx/x.js", "/", False),
        ("//evil.example/assets/javascripts/x.js", "/", False),
    ],
)
def test_theme_scripts_are_known_relative_or_under_the_site_path(src: str, base: str, theirs: bool) -> None:
    assert scan._theme_script(src, base) is theirs


@pytest.mark.parametrize(
    ("site_url", "path"),
    [(None, "/"), ("", "/"), ("https://x.example", "/"), ("https://o.github.io/explainers", "/explainers/")],
)
def test_the_site_path_comes_from_the_site_address(site_url: str | None, path: str) -> None:
    assert scan.site_path(site_url) == path
