"""Valid HTML: the Nu HTML Checker finds no error of ours on any page of the built sites.

The checker (tests/nu.py) runs once over every page of the fixture sites (the sample
topics built locally and as the deploy job builds them, and the literal-text topic), and
once over every page of the site built from whatever content/ holds. Only the theme's own listed
errors (tests/nu.THEME_ERRORS) are let through, and each of those must still occur: an
allowance the theme no longer needs is removed, not kept.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import nu
from tests.sites import EDIT_URI, SAMPLE, build_project

PUBLISHED = "https://example.github.io/explainers/"
PLANTED = """<!DOCTYPE html>
<html lang="en"><head><title>A page with a known mistake</title></head>
<body><label for="nowhere">A label that names no control</label></body></html>
"""


@pytest.mark.slow
def test_every_page_of_the_fixture_sites_is_valid_html(sample_site: Path, literal_site: Path, tmp_path: Path) -> None:
    # The sample topics once more as the deploy job builds them, with a published address
    # (canonical links, Open Graph addresses) and edit links.
    result = build_project(tmp_path / "published", SAMPLE, SITE_URL=PUBLISHED, SITE_EDIT_URI=EDIT_URI)
    assert result.returncode == 0, result.stderr
    published = tmp_path / "published" / "site"
    # A page with a mistake of the kind the theme once made on pages left out of the
    # navigation, checked in the same run: the checker runs, and what it finds is heard.
    planted = tmp_path / "planted.html"
    planted.write_text(PLANTED, encoding="utf-8")
    sites = (sample_site, literal_site, published)
    checked, messages = nu.check(*sites, planted)
    assert checked == sorted([*nu.html_files(*sites), planted.resolve()])
    caught = [m for m in messages if m.file == planted.resolve()]
    assert [(m.kind, m.line) for m in caught] == [("error", 3)], nu.ours(caught)
    assert "for" in caught[0].text and "label" in caught[0].text
    site_messages = [m for m in messages if m.file != planted.resolve()]
    assert nu.ours(site_messages) == []
    used = {nu.allowance(m) for m in site_messages}
    assert [known for known in nu.THEME_ERRORS if known not in used] == [], "remove allowances no longer needed"


@pytest.mark.live
@pytest.mark.slow
def test_every_page_of_the_live_site_is_valid_html(live_site: Path) -> None:
    checked, messages = nu.check(live_site)
    assert checked == nu.html_files(live_site)
    assert nu.ours(messages) == []


def test_a_theme_error_is_allowed_only_on_the_theme_s_own_element() -> None:
    drawer = nu.THEME_ERRORS[0]
    theirs = nu.Message(Path("a.html"), 1, "error", drawer.message, f'<input class="md-toggle" {drawer.markup}>')
    mine = nu.Message(Path("a.html"), 9, "error", drawer.message, '<input type="checkbox" autocomplete="off">')
    warning = nu.Message(Path("a.html"), 1, "warning", drawer.message, drawer.markup)
    assert nu.allowance(theirs) is drawer
    assert nu.ours([theirs, mine, warning]) == [str(mine), str(warning)]
