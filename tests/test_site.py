"""End to end: build the real site with `mkdocs build --strict` and read the HTML it writes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts.glossary_links import load_terms
from tests.conftest import ADDRESSES, FIXTURES, ROOT
from tests.htmltree import Element, parse


def mkdocs_build(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` in a project folder, as `make site` does."""
    return subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if k not in ADDRESSES} | {"NO_MKDOCS_2_WARNING": "1"} | env,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the real site once, strictly, into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(
        ROOT, "--site-dir", str(out), SITE_EDIT_URI="https://github.com/example/explainers/edit/main/docs/"
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return out


def page(site: Path, rel: str) -> Element:
    return parse((site / rel).read_text(encoding="utf-8"))


def article(site: Path, rel: str) -> Element:
    return page(site, rel).find("article")


def rows(root: Element) -> list[list[str]]:
    """The cells of every table row."""
    return [[td.text for td in tr.iter("td")] for tr in root.iter("tr")]


EXPLAINER = "explainers/nagorno-karabakh-2023/index.html"


def test_the_published_urls_exist(site: Path) -> None:
    for rel in [
        EXPLAINER,
        "explainers/index.html",
        "actors/index.html",
        "actors/maria-zakharova/index.html",
        "glossary/index.html",
        "timeline/index.html",
        "methodology/index.html",
        "index.html",
    ]:
        assert (site / rel).is_file(), rel


@pytest.mark.parametrize(
    ("figure", "claimant"),
    [
        ("5 people", "Nagorno-Karabakh separatist authorities"),
        ("80 people", "Nagorno-Karabakh separatist authorities"),
        ("15 civilians", "Nagorno-Karabakh separatist authorities"),
        ("469 people", "Ministry of Defence of Russia"),
        ("185 children", "Ministry of Defence of Russia"),
        ("4 soldiers", "Not stated; reported by the source"),
        ("2 civilians", "Not stated; reported by the source"),
        ("2,000 members", "Not stated; reported by the source"),
    ],
)
def test_every_figure_of_the_article_stands_in_one_row_with_its_claimant(
    site: Path, figure: str, claimant: str
) -> None:
    matching = [row for row in rows(article(site, EXPLAINER)) if row[1:2] == [figure]]
    assert len(matching) == 1, matching
    assert matching[0][0] == claimant
    assert matching[0][-1] == "[1]"


@pytest.mark.parametrize(
    "person",
    ["Hikmet Hajiyev", "Maria Zakharova", "Antony Blinken", "Josep Borrell", "Emmanuel Macron", "Recep Tayyip Erdoğan"],
)
def test_every_quoted_person_is_named_under_their_quote(site: Path, person: str) -> None:
    quotes = [q.text for q in article(site, EXPLAINER).iter("blockquote")]
    assert any(f"— {person}" in q for q in quotes)


def test_every_person_the_article_names_is_listed(site: Path) -> None:
    body = article(site, EXPLAINER).text
    for person in [
        "Nikol Pashinyan",
        "Ilham Aliyev",
        "Hikmet Hajiyev",
        "Maria Zakharova",
        "Antony Blinken",
        "Josep Borrell",
        "Emmanuel Macron",
        "Recep Tayyip Erdoğan",
    ]:
        assert person in body


def test_the_explainer_links_to_the_glossary_and_actor_pages(site: Path) -> None:
    links = {a.attrs.get("href", "") for a in article(site, EXPLAINER).iter("a")}
    assert "../../glossary/#zangezur-corridor" in links
    assert "../../glossary/#2020-truce" in links
    assert "../../actors/maria-zakharova/" in links


def test_the_explainer_has_its_sections_in_order(site: Path) -> None:
    headings = [h.text.rstrip("¶").strip() for h in article(site, EXPLAINER).iter("h2")]
    assert headings == [
        "At a glance",
        "Background",
        "Timeline",
        "Actors and key people",
        "Positions",
        "Figures",
        "Glossary",
        "What to watch",
        "Sources",
        "Cite this page",
    ]


def test_citations_point_at_numbered_sources(site: Path) -> None:
    root = article(site, EXPLAINER)
    assert root.find("li", id="source-article").text.startswith("Azerbaijan Launches Military Operation")
    assert "Publisher and address not recorded." in root.find("li", id="source-article").text


def test_an_actor_page_gathers_its_quotes(site: Path) -> None:
    body = article(site, "actors/maria-zakharova/index.html")
    assert body.find("h1").text.startswith("Maria Zakharova")
    quotes = [q.text for q in body.iter("blockquote")]
    assert any("does not correspond to reality." in q for q in quotes)
    assert any("a few minutes before the outbreak of hostilities" in q for q in quotes)
    assert "Ministry of Foreign Affairs of Russia" in body.text


def test_the_glossary_has_an_anchor_and_appears_in_links_for_every_term(site: Path) -> None:
    body = article(site, "glossary/index.html")
    terms = list(body.iter("h2"))
    assert len(terms) >= 12
    for term_id in [
        "zangezur-corridor",
        "2020-truce",
        "artsakh",
        "russian-peacekeeping-contingent",
        "humanitarian-corridor",
    ]:
        assert body.find("h2", id=term_id)
    appears = [p for p in body.iter("p") if p.text.startswith("Appears in:")]
    assert len(appears) == len(terms)
    assert all(any(a.attrs["href"] == "../explainers/nagorno-karabakh-2023/" for a in p.iter("a")) for p in appears)


def test_the_navigation_lists_sections_not_topics(site: Path) -> None:
    nav = page(site, EXPLAINER).find("nav", class_="md-tabs")
    assert [a.text for a in nav.iter("a")] == ["Home", "Explainers", "Timeline", "Actors", "Glossary", "How we work"]


def test_no_page_asks_a_third_party_host_for_anything(site: Path) -> None:
    for html_file in sorted(site.rglob("*.html")):
        root = parse(html_file.read_text(encoding="utf-8"))
        for element in root.iter():
            for attr in ("src", "href"):
                url = element.attrs.get(attr, "")
                loads = element.tag in ("script", "img", "iframe", "source") or (
                    element.tag == "link" and element.attrs.get("rel") not in ("canonical", None)
                )
                if loads:
                    assert not re.match(r"^(https?:)?//", url), f"{html_file}: <{element.tag} {attr}={url}>"


def build_project(root: Path, content: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Lay out a project around `content` (this repository's config, hook and pages) and build it."""
    shutil.copytree(content, root / "content")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    (root / "build_scripts").mkdir()
    shutil.copy(ROOT / "build_scripts" / "mkdocs_hook.py", root / "build_scripts" / "mkdocs_hook.py")
    shutil.copytree(ROOT / "docs" / "stylesheets", root / "docs" / "stylesheets")
    shutil.copy(ROOT / "docs" / "methodology.md", root / "docs" / "methodology.md")
    (root / "docs" / "index.md").write_text("# Home\n\n[Explainers](explainers/index.md)\n", encoding="utf-8")
    return mkdocs_build(root, **env)


def test_contributor_text_is_shown_literally_everywhere(tmp_path: Path) -> None:
    result = build_project(tmp_path, FIXTURES / "literal-text" / "content")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "explainers" / "literal-text" / "index.html").read_text(encoding="utf-8")
    root = parse(html)
    title = 'Quotes " and < angle > & ampersands'
    assert root.find("title").text == f"{title} - Explainers"
    assert root.find("h1").text.rstrip("¶").strip() == title
    description = root.find("meta", name="description").attrs["content"]
    assert description == 'Summary with &lt;script&gt; entities, {: onclick="alert(1)" } braces and a "quote".'
    body = root.find("article")
    assert "[ref]: https://example.org/evil" in body.text
    assert '!!! warning "not an admonition"' in body.text
    assert "`not code`" in body.text
    assert not list(body.iter("img"))
    assert [c.text for c in body.iter("code")] == ["explainers/literal-text/", "content/explainers/literal-text.yaml"]
    assert len(list(body.iter("blockquote"))) == 1  # the quote's, not the "> not a quote" line
    assert len(list(body.iter("table"))) == 1  # the figures', not the "| not | a | table |" lines
    for element in root.iter():
        assert not any(name.startswith("on") for name in element.attrs), element


def test_invalid_content_stops_mkdocs_and_leaves_docs_as_it_was(tmp_path: Path) -> None:
    assert build_project(tmp_path, FIXTURES / "minimal" / "content").returncode == 0
    generated = tmp_path / "docs" / "explainers" / "bridge-dispute.md"
    before = generated.read_bytes()
    source = tmp_path / "content" / "explainers" / "bridge-dispute.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("title: The", "titel: The"), encoding="utf-8")
    result = mkdocs_build(tmp_path)
    assert result.returncode == 1
    assert "content/explainers/bridge-dispute.yaml:1:1: titel: unknown field 'titel' (did you mean 'title'?)" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert generated.read_bytes() == before


@pytest.mark.parametrize(
    ("words", "term_id"), [("Zangezur corridor", "zangezur-corridor"), ("2020 truce", "2020-truce")]
)
def test_terms_in_the_explainer_link_to_the_glossary_with_a_tooltip(site: Path, words: str, term_id: str) -> None:
    links = [
        a for a in article(site, EXPLAINER).iter("a") if a.text == words and a.attrs.get("class") == "glossary-term"
    ]
    assert links, f"{words} is not linked"
    assert {a.attrs["href"] for a in links} == {f"../../glossary/#{term_id}"}
    short = load_terms(ROOT / "content" / "glossary.yaml").tooltips[term_id]
    assert {a.attrs["title"] for a in links} == {short}
    assert article(site, "glossary/index.html").find("h2", id=term_id)


def test_hand_written_pages_get_glossary_links_too(site: Path) -> None:
    body = article(site, "index.html")
    assert any("glossary-term" in a.attrs.get("class", "") for a in body.iter("a"))


def test_the_glossary_page_lists_every_term_alphabetically_with_all_it_knows(site: Path) -> None:
    body = article(site, "glossary/index.html")
    names = [h.text.rstrip("¶").strip() for h in body.iter("h2")]
    assert names == sorted(names, key=str.casefold)
    assert len(names) == 13
    zangezur = body.text.split("Zangezur corridor", 1)[1]
    assert "This site's own wording: the proposed transport route through southern Armenia." in zangezur
    assert "Names used by each party: Azerbaijan: Zangezur corridor Turkey: Zangezur corridor" in zangezur
    appears = [p for p in body.iter("p") if p.text.startswith("Appears in:")]
    assert any(a.attrs["href"] == "../actors/recep-tayyip-erdogan/" for p in appears for a in p.iter("a")), (
        "actor pages that use a term are listed"
    )


@pytest.mark.parametrize(
    ("rel", "source"),
    [
        (EXPLAINER, "content/explainers/nagorno-karabakh-2023.yaml"),
        ("actors/turkey/index.html", "content/actors.yaml"),
        ("actors/index.html", "content/actors.yaml"),
        ("glossary/index.html", "content/glossary.yaml"),
        ("timeline/index.html", None),
        ("explainers/index.html", None),
        ("methodology/index.html", "docs/methodology.md"),
    ],
)
def test_every_edit_link_opens_the_file_the_page_comes_from(site: Path, rel: str, source: str | None) -> None:
    edits = [a.attrs["href"] for a in page(site, rel).iter("a") if a.attrs.get("title") == "Edit this page"]
    assert edits == ([f"https://github.com/example/explainers/edit/main/{source}"] if source else [])


def test_the_build_fails_when_the_output_holds_script(tmp_path: Path) -> None:
    """Hand-written pages may hold raw HTML; the post-build scan still refuses live script."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "about.md").write_text('# About\n\n<img src="x" onerror="alert(1)">\n', encoding="utf-8")
    result = build_project(tmp_path, FIXTURES / "minimal" / "content")
    assert result.returncode == 1
    assert "unsafe output: about/index.html: <img onerror=...>: event-handler attribute" in result.stderr


def test_no_repository_widget_that_would_call_a_third_party_api(site: Path) -> None:
    html = (site / EXPLAINER).read_text(encoding="utf-8")
    assert "md-source" not in html  # Material's repository facts, fetched from the host's API


def test_a_site_published_under_a_sub_path_builds_strictly(tmp_path: Path) -> None:
    """As GitHub Pages publishes a project: https://OWNER.github.io/REPO/."""
    result = build_project(tmp_path, ROOT / "content", SITE_URL="https://example.github.io/explainers/")
    assert result.returncode == 0, result.stderr
    not_found = (tmp_path / "site" / "404.html").read_text(encoding="utf-8")
    assert 'src="/explainers/assets/javascripts/' in not_found
    explainer = (tmp_path / "site" / EXPLAINER).read_text(encoding="utf-8")
    assert 'href="https://example.github.io/explainers/explainers/nagorno-karabakh-2023/"' in explainer  # canonical
