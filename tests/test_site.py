"""End to end: build the sample topics with `mkdocs build --strict` and read the HTML it writes.

The sample (tests/fixtures/sample) is the tests' own content, so these tests can name its
figures, people and terms; tests/test_live_site.py checks whatever content/ holds.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from build_scripts.glossary_links import load_terms
from build_scripts.pipeline import generate
from tests import atom
from tests.htmltree import parse
from tests.sites import FIXTURES, SAMPLE, article, build_project, mkdocs_build, page, rows

DAM = "explainers/dam-dispute/index.html"
FERRY = "explainers/ferry-strike/index.html"


def test_the_published_urls_exist(sample_site: Path) -> None:
    for rel in [
        DAM,
        FERRY,
        "explainers/index.html",
        "actors/index.html",
        "actors/ana-north/index.html",
        "glossary/index.html",
        "timeline/index.html",
        "methodology/index.html",
        "index.html",
    ]:
        assert (sample_site / rel).is_file(), rel


@pytest.mark.parametrize(
    ("figure", "claimant"),
    [
        ("12,000 people", "Southland"),
        ("3,000–4,000 people", "Northland"),
        ("40 metres", "Not stated; reported by the source"),
        ("7 villages", "Delta Council"),
    ],
)
def test_every_figure_stands_in_one_row_with_its_claimant(sample_site: Path, figure: str, claimant: str) -> None:
    matching = [row for row in rows(article(sample_site, DAM)) if row[1:2] == [figure]]
    assert len(matching) == 1, matching
    assert matching[0][0] == claimant
    assert re.fullmatch(r"\[\d\]", matching[0][-1])


def test_key_figures_are_at_a_glance_with_their_claimants(sample_site: Path) -> None:
    body = article(sample_site, DAM)
    glance = body.find("h2", id="at-a-glance")
    items = [li.text for li in body.iter("li") if "per " in li.text][:2]
    assert glance
    assert items[0].startswith("People displaced by the reservoir: 12,000 people, in the flooded valley, per Southland")
    assert items[1].startswith("Villages flooded: 7 villages, per Delta Council")


@pytest.mark.parametrize(
    ("person", "words"),
    [
        ("Ana North, Water Minister of Northland, in a written statement", "not one drop more"),
        ("Ana North, Water Minister of Northland", "[T]raffic on Unity Bridge [...] will not be affected"),
        ("Ben South, President of Southland, at a news conference", "fields turn to dust"),
    ],
)
def test_every_quote_names_its_speaker_office_and_context(sample_site: Path, person: str, words: str) -> None:
    quotes = [q.text for q in article(sample_site, DAM).iter("blockquote")]
    assert any(words in q and f"— {person} [" in q for q in quotes), quotes


def test_the_explainer_links_to_the_glossary_and_actor_pages(sample_site: Path) -> None:
    links = {a.attrs.get("href", "") for a in article(sample_site, DAM).iter("a")}
    assert {"../../glossary/#weir-accord", "../../glossary/#river-line", "../../actors/ana-north/"} <= links


def test_the_explainer_has_its_sections_in_order(sample_site: Path) -> None:
    headings = [h.text.rstrip("¶").strip() for h in article(sample_site, DAM).iter("h2")]
    assert headings == [
        "At a glance",
        "Map",
        "Background",
        "Timeline",
        "Actors and key people",
        "Positions",
        "Figures",
        "Glossary",
        "What to watch",
        "Sources",
        "What the sources say",
        "Corrections and updates",
        "Cite this page",
    ]


def test_a_shorter_explainer_leaves_out_what_it_does_not_have(sample_site: Path) -> None:
    headings = [h.text.rstrip("¶").strip() for h in article(sample_site, FERRY).iter("h2")]
    assert "What to watch" not in headings
    assert "Glossary" in headings  # "ferry corridor" is named in its text


def test_citations_point_at_numbered_sources(sample_site: Path) -> None:
    root = article(sample_site, DAM)
    assert root.find("li", id="source-gazette").text.startswith("Dam filled as neighbours trade blame. The River")
    statement = root.find("li", id="source-ministry-statement").text
    assert "Address not recorded: read out to reporters; the ministry published no text." in statement
    assert "Publisher not recorded: the wire story carries no agency's name." in root.find("li", id="source-wire").text
    links = {a.attrs["href"] for a in root.iter("a")}
    assert "https://example.org/wire/dam-%28update%29" in links


def test_an_actor_page_gathers_its_quotes_and_where_it_appears(sample_site: Path) -> None:
    body = article(sample_site, "actors/ben-south/index.html")
    assert body.find("h1").text.startswith("Ben South")
    quotes = [q.text for q in body.iter("blockquote")]
    assert any("fields turn to dust" in q for q in quotes)
    assert any("let the boats sail" in q for q in quotes)
    assert "Southland" in body.text
    links = {a.attrs["href"] for a in body.iter("a")}
    assert {"../../explainers/dam-dispute/", "../../explainers/ferry-strike/"} <= links


def test_an_organisation_lists_its_members(sample_site: Path) -> None:
    body = article(sample_site, "actors/northland-water-ministry/index.html")
    assert "../ana-north/" in {a.attrs["href"] for a in body.iter("a")}


def test_the_glossary_has_an_anchor_and_appears_in_links_for_every_term(sample_site: Path) -> None:
    body = article(sample_site, "glossary/index.html")
    names = [h.text.rstrip("¶").strip() for h in body.iter("h2")]
    assert names == ["east crossing", "ferry corridor", "river line", "Weir Accord"]  # alphabetical, any case
    for term_id in ("east-crossing", "ferry-corridor", "river-line", "weir-accord"):
        assert body.find("h2", id=term_id)
    appears = [p for p in body.iter("p") if p.text.startswith("Appears in:")]
    assert len(appears) == len(names)
    ferry = {a.attrs["href"] for a in appears[1].iter("a")}
    assert ferry == {"../explainers/ferry-strike/"}


def test_the_glossary_shows_contested_names_and_the_sites_own_wording(sample_site: Path) -> None:
    crossing = article(sample_site, "glossary/index.html").text.split("east crossing", 1)[1]
    assert "This site's own wording: the east crossing." in crossing
    assert "Names used by each party: Northland: Unity Bridge Southland: Dam Road Bridge" in crossing


def test_the_glossary_lists_actor_pages_that_use_a_term(sample_site: Path) -> None:
    body = article(sample_site, "glossary/index.html")
    appears = [p for p in body.iter("p") if p.text.startswith("Appears in:")]
    assert any(a.attrs["href"] == "../actors/northland/" for p in appears for a in p.iter("a"))


def test_the_home_page_lists_the_explainers_newest_first(sample_site: Path) -> None:
    body = article(sample_site, "index.html")
    listed = [a.text for h in body.iter("h3") for a in h.iter("a") if "headerlink" not in a.attrs.get("class", "")]
    assert listed == ["The Weir ferry strike", "The Weir dam dispute"]
    assert "Covers reporting up to 2 April 2024" in body.text


def test_the_home_page_lists_the_ten_newest_and_links_to_all(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    source = (content / "explainers" / "ferry-strike.yaml").read_text(encoding="utf-8")
    for day in range(10, 21):
        text = source.split("\nrevisions:")[0] + "\n"  # a page first published that day, with a source of that day
        for field in ("published:", "as_of:", "    date:"):
            text = text.replace(f"{field} 2024-04-02\n", f"{field} 2024-04-{day}\n", 1)
        text = text.replace("title: The Weir ferry strike", f"title: Ferry strike day {day}")
        (content / "explainers" / f"ferry-strike-{day}.yaml").write_text(text, encoding="utf-8")
    home = generate(content).text("index.md")
    listed = re.findall(r"^### \[(.+)\]\(explainers/(.+)\.md\)$", home, flags=re.MULTILINE)
    assert listed == [(f"Ferry strike day {day}", f"ferry-strike-{day}") for day in range(20, 10, -1)]
    assert "[All 13 explainers](explainers/index.md)" in home


def test_the_navigation_lists_sections_not_topics(sample_site: Path) -> None:
    nav = page(sample_site, DAM).find("nav", class_="md-tabs")
    assert [a.text for a in nav.iter("a")] == ["Home", "Explainers", "Timeline", "Actors", "Glossary", "How we work"]


def test_the_timeline_gathers_every_explainers_events_in_order(sample_site: Path) -> None:
    items = [li.text for li in article(sample_site, "timeline/index.html").iter("li")]
    assert [item.split(":", 1)[0] for item in items] == [
        "22 September 2019",
        "March 2024",
        "15 March 2024",
        "17 March 2024",
        "28 or 29 March 2024 — sources differ (28 March 2024 per Ferries idle as crews strike, The River Gazette, 2"
        " April 2024; 29 March 2024 per River ferries stop, 1 April 2024)",
        "1 April 2024",
    ]


def test_contributor_text_is_shown_literally_everywhere(literal_site: Path) -> None:
    html = (literal_site / "explainers" / "literal-text" / "index.html").read_text(encoding="utf-8")
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


def test_invalid_content_stops_mkdocs_and_writes_nothing(tmp_path: Path) -> None:
    assert build_project(tmp_path, FIXTURES / "minimal" / "content").returncode == 0
    built = tmp_path / "site" / "explainers" / "bridge-dispute" / "index.html"
    before = built.read_bytes()
    docs = sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "docs").rglob("*"))
    source = tmp_path / "content" / "explainers" / "bridge-dispute.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("title: The", "titel: The"), encoding="utf-8")
    result = mkdocs_build(tmp_path, "--dirty")
    assert result.returncode == 1
    assert "content/explainers/bridge-dispute.yaml:1:1: titel: unknown field 'titel' (did you mean 'title'?)" in (
        result.stderr
    )
    assert "2 problems in content/; nothing was written." in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert built.read_bytes() == before
    assert sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "docs").rglob("*")) == docs


def test_pages_the_command_line_left_in_docs_are_replaced_by_fresh_ones(tmp_path: Path) -> None:
    """`python -m build_scripts build` writes docs/; MkDocs builds from the content, not from those files."""
    stale = tmp_path / "docs" / "explainers"
    stale.mkdir(parents=True)
    (stale / "bridge-dispute.md").write_text("# An old version\n", encoding="utf-8")
    (stale / "removed-topic.md").write_text("# A removed topic\n", encoding="utf-8")
    result = build_project(tmp_path, FIXTURES / "minimal" / "content")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site" / "explainers"
    assert article(tmp_path / "site", "explainers/bridge-dispute/index.html").find("h1").text.startswith("The bridge")
    assert not (site / "removed-topic").exists()


@pytest.mark.parametrize(
    ("words", "term_id"),
    [("Weir Accord", "weir-accord"), ("river line", "river-line"), ("east crossing", "east-crossing")],
)
def test_terms_in_the_explainer_link_to_the_glossary_with_a_tooltip(
    sample_site: Path, words: str, term_id: str
) -> None:
    links = [
        a for a in article(sample_site, DAM).iter("a") if a.text == words and a.attrs.get("class") == "glossary-term"
    ]
    assert links, f"{words} is not linked"
    assert {a.attrs["href"] for a in links} == {f"../../glossary/#{term_id}"}
    short = load_terms(SAMPLE / "glossary.yaml").tooltips[term_id]
    assert {a.attrs["title"] for a in links} == {short}


def test_hand_written_pages_get_glossary_links_too(sample_site: Path) -> None:
    links = [a for a in article(sample_site, "about/index.html").iter("a") if a.text == "Weir Accord"]
    assert [a.attrs["href"] for a in links] == ["../glossary/#weir-accord"]


@pytest.mark.parametrize(
    ("rel", "source"),
    [
        (DAM, "content/explainers/dam-dispute.yaml"),
        ("actors/southland/index.html", "content/actors.yaml"),
        ("actors/index.html", "content/actors.yaml"),
        ("glossary/index.html", "content/glossary.yaml"),
        ("timeline/index.html", None),
        ("explainers/index.html", None),
        ("index.html", None),
        ("methodology/index.html", "build_scripts/templates/methodology.md.j2"),
    ],
)
def test_every_edit_link_opens_the_file_the_page_comes_from(sample_site: Path, rel: str, source: str | None) -> None:
    edits = [a.attrs["href"] for a in page(sample_site, rel).iter("a") if a.attrs.get("title") == "Edit this page"]
    assert edits == ([f"https://github.com/example/explainers/edit/main/{source}"] if source else [])


def test_the_build_fails_when_the_output_holds_script(tmp_path: Path) -> None:
    """Hand-written pages may hold raw HTML; the post-build scan still refuses live script."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "about.md").write_text('# About\n\n<img src="x" onerror="alert(1)">\n', encoding="utf-8")
    result = build_project(tmp_path, FIXTURES / "minimal" / "content")
    assert result.returncode == 1
    assert "unsafe output: about/index.html: <img onerror=...>: event-handler attribute" in result.stderr


def test_the_build_fails_when_a_copied_html_file_holds_script(tmp_path: Path) -> None:
    """An HTML file under docs/ is copied as it is, not built as a page; it is scanned all the same."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "raw.html").write_text("<p>Raw</p><script>alert(1)</script>\n", encoding="utf-8")
    result = build_project(tmp_path, FIXTURES / "minimal" / "content")
    assert result.returncode == 1
    assert "unsafe output: raw.html: inline <script> the theme does not ship: 'alert(1)'" in result.stderr


def test_no_repository_widget_that_would_call_a_third_party_api(sample_site: Path) -> None:
    html = (sample_site / DAM).read_text(encoding="utf-8")
    assert "md-source" not in html  # Material's repository facts, fetched from the host's API


def test_a_site_published_under_a_sub_path_builds_strictly(tmp_path: Path) -> None:
    """As GitHub Pages publishes a project: https://OWNER.github.io/REPO/."""
    result = build_project(tmp_path, SAMPLE, SITE_URL="https://example.github.io/explainers/")
    assert result.returncode == 0, result.stderr
    not_found = (tmp_path / "site" / "404.html").read_text(encoding="utf-8")
    assert 'src="/explainers/assets/javascripts/' in not_found
    explainer = (tmp_path / "site" / DAM).read_text(encoding="utf-8")
    assert 'href="https://example.github.io/explainers/explainers/dam-dispute/"' in explainer  # canonical
    feed = (tmp_path / "site" / "feed.xml").read_text(encoding="utf-8")
    assert atom.problems(feed, require_self=True) == []
    assert 'href="https://example.github.io/explainers/feed.xml"' in feed


def test_a_strict_build_stops_on_a_placeholder_left_in(tmp_path: Path) -> None:
    """`check` and a preview only warn of a scaffold's TODO; a page is not published with one."""
    content = tmp_path / "topics"
    shutil.copytree(SAMPLE, content)
    text = (content / "explainers" / "ferry-strike.yaml").read_text(encoding="utf-8")
    text = text.replace("summary: Ferry crews", "summary: TODO Ferry crews", 1)
    (content / "explainers" / "ferry-strike.yaml").write_text(text, encoding="utf-8")
    built = build_project(tmp_path / "project", content)
    assert built.returncode == 1
    assert "summary: placeholder text left in (TODO): fill it in before the page is published" in built.stderr
    assert "Aborted with 1 warnings in strict mode!" in built.stdout + built.stderr
