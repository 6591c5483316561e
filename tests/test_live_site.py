"""The live content: every explainer content/ holds, built strictly, is complete on the site.

These tests pin nothing of the content itself (no count, date, title or wording): they
iterate over whatever explainers exist and compare the built pages with the content they
come from. Adding a topic or correcting one never needs a change here.
"""

from __future__ import annotations

import functools
import json
import re
import xml.etree.ElementTree as etree
from pathlib import Path

import jsonschema
import pytest

from build_scripts import evidence, matching, templating, text
from build_scripts.feed import FEED_ENTRIES
from build_scripts.identity import Identity
from build_scripts.link import Site, link
from build_scripts.load import load
from build_scripts.pipeline import generate
from build_scripts.site_pages import HOME_LATEST
from build_scripts.validate import Content, Loaded, validate
from tests import atom
from tests.htmltree import parse
from tests.sites import EDIT_URI, ROOT, article, explainer_slugs, page, rows

pytestmark = pytest.mark.live

CONTENT = ROOT / "content"
SLUGS = explainer_slugs(CONTENT)
ATOM = "{http://www.w3.org/2005/Atom}"


@functools.cache
def validated() -> Content:
    """The live content, loaded and validated (it is valid: `check` and the build say so)."""
    documents, problems = load(CONTENT)
    content, found = validate(documents)
    assert problems + found == []
    return content


@functools.cache
def linked() -> Site:
    """The live content, linked."""
    site, problems = link(validated())
    assert problems == []
    return site


def explainer(slug: str) -> Loaded:
    return next(loaded for loaded in validated().explainers if loaded.slug == slug)


def built(slug: str) -> str:
    return f"explainers/{slug}/index.html"


def test_every_generated_page_is_on_the_site(live_site: Path) -> None:
    for rel in generate(CONTENT).pages:
        published = re.sub(r"(^|/)index\.md$", r"\1index.html", rel)
        published = re.sub(r"\.md$", "/index.html", published)
        assert (live_site / published).is_file(), published


@pytest.mark.parametrize("slug", SLUGS)
def test_each_explainer_is_published_as_its_validated_model(live_site: Path, slug: str) -> None:
    data = json.loads((live_site / "explainers" / slug / "explainer.json").read_text(encoding="utf-8"))
    model = explainer(slug).model.model_dump(mode="json")
    assert data == {"$schema": "../explainer.schema.json", "slug": slug, "page": "./", "explainer": model}
    schema = json.loads((CONTENT / "schema" / "explainer.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data["explainer"])
    published = json.loads((live_site / "explainers" / "explainer.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(published, format_checker=jsonschema.FormatChecker()).validate(data)
    assert 'href="explainer.json"' in (live_site / built(slug)).read_text(encoding="utf-8")


def test_the_feed_has_an_entry_for_each_recently_revised_explainer(live_site: Path) -> None:
    assert atom.problems((live_site / "feed.xml").read_bytes()) == []
    feed = etree.parse(live_site / "feed.xml").getroot()
    entries = {str(e.findtext(f"{ATOM}id")): e for e in feed.findall(f"{ATOM}entry")}
    newest = sorted(validated().explainers, key=lambda x: (-x.model.last_revised().toordinal(), x.slug))[:FEED_ENTRIES]
    assert sorted(entries) == sorted(f"urn:explainers:{x.slug}" for x in newest)
    for loaded in newest:
        entry = entries[f"urn:explainers:{loaded.slug}"]
        assert entry.findtext(f"{ATOM}updated") == f"{loaded.model.last_revised().isoformat()}T00:00:00Z"
        assert entry.findtext(f"{ATOM}title") == text.to_plain(loaded.model.title)
        link = entry.find(f"{ATOM}link")
        assert link is not None and (live_site / str(link.get("href")) / "index.html").is_file()


def test_with_a_site_address_the_feed_and_every_explainer_json_are_valid() -> None:
    site = "https://example.github.io/explainers/"
    pages = generate(CONTENT, Identity(url=site)).pages
    assert atom.problems(pages["feed.xml"], require_self=True) == []
    schema = json.loads(pages["explainers/explainer.schema.json"])
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for slug in SLUGS:
        data = json.loads(pages[f"explainers/{slug}/explainer.json"])
        assert data["$schema"] == schema["$id"] == f"{site}explainers/explainer.schema.json"
        assert [e.message for e in validator.iter_errors(data)] == [], slug


@pytest.mark.parametrize("slug", SLUGS)
def test_each_explainer_has_its_title_dates_and_sharing_tags(live_site: Path, slug: str) -> None:
    model = explainer(slug).model
    root = page(live_site, built(slug))
    (script,) = [s for s in root.iter("script") if s.attrs.get("type") == "application/ld+json"]
    data = json.loads(script.text)
    assert data["@type"] == "NewsArticle" and data["headline"] == text.to_plain(model.title)
    assert data["datePublished"] == model.published.isoformat()
    assert data["dateModified"] == model.last_revised().isoformat()
    og = {m.attrs["property"]: m.attrs["content"] for m in root.iter("meta") if "property" in m.attrs}
    assert og["og:title"] == text.to_plain(model.title)
    assert root.find("h1").text.rstrip("¶").strip() == text.to_plain(model.title)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_quote_stands_with_its_speaker(live_site: Path, slug: str) -> None:
    quotes = [q.text for q in article(live_site, built(slug)).iter("blockquote")]
    for position in explainer(slug).model.positions:
        for quote in position.quotes:
            speaker = text.to_plain(linked().actors[quote.speaker].name)
            words = text.to_plain(quote.text)
            assert any(words in q and f"— {speaker}" in q for q in quotes), (words, speaker)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_figure_stands_in_a_row_with_its_claimant(live_site: Path, slug: str) -> None:
    table = rows(article(live_site, built(slug)))
    for figure in explainer(slug).model.figures:
        claimant = (
            text.to_plain(linked().actors[figure.claimed_by].name)
            if figure.claimed_by
            else "Not stated; reported by the source"
        )
        cells = [figure.part, claimant, figure.amount()] if figure.part else [claimant, figure.amount()]
        assert cells in [row[: len(cells)] for row in table], (figure.measure, figure.amount())


@pytest.mark.parametrize("slug", SLUGS)
def test_each_explainer_is_edited_through_its_yaml(live_site: Path, slug: str) -> None:
    edits = [
        a.attrs["href"] for a in page(live_site, built(slug)).iter("a") if a.attrs.get("title") == "Edit this page"
    ]
    assert edits == [EDIT_URI.replace("/docs/", f"/content/explainers/{slug}.yaml")]


def test_the_home_page_lists_the_newest_explainers(live_site: Path) -> None:
    links = {a.attrs.get("href") for a in article(live_site, "index.html").iter("a")}
    newest = sorted(linked().explainers, key=lambda x: (-x.model.as_of.toordinal(), x.slug))[:HOME_LATEST]
    for loaded in newest:
        assert f"explainers/{loaded.slug}/" in links, loaded.slug


def test_every_glossary_term_and_actor_has_its_place(live_site: Path) -> None:
    glossary = article(live_site, "glossary/index.html")
    for term_id in linked().terms:
        assert glossary.find("h2", id=term_id)
    for actor_id in linked().actors:
        assert (live_site / "actors" / actor_id / "index.html").is_file(), actor_id


def test_no_page_asks_a_third_party_host_for_anything(live_site: Path) -> None:
    for html_file in sorted(live_site.rglob("*.html")):
        root = parse(html_file.read_text(encoding="utf-8"))
        for element in root.iter():
            for attr in ("src", "href"):
                url = element.attrs.get(attr, "")
                loads = element.tag in ("script", "img", "iframe", "source") or (
                    element.tag == "link" and element.attrs.get("rel") not in ("canonical", None)
                )
                if loads:
                    assert not re.match(r"^(https?:)?//", url), f"{html_file}: <{element.tag} {attr}={url}>"


def flat(words: str) -> str:
    """Words as the page shows them as text: plain, one kind of quotation mark, single spaces."""
    return matching.normalise(words)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_claim_leads_to_its_sources_words_on_the_page(live_site: Path, slug: str) -> None:
    body = article(live_site, built(slug))
    entries = {
        li.attrs["id"]: matching.flatten(li.text) for li in body.iter("li") if "words-" in li.attrs.get("id", "")
    }
    links = {a.attrs.get("href", "") for a in body.iter("a")}
    shown = list(evidence.excerpts(explainer(slug).model))
    for _, _, excerpt in shown:
        assert any(flat(excerpt) in text for text in entries.values()), excerpt
    assert {f"#{anchor}" for anchor in entries} <= links, "every entry is reached from its claim"


@pytest.mark.parametrize("slug", SLUGS)
def test_the_page_shows_its_corrections_and_updates(live_site: Path, slug: str) -> None:
    model = explainer(slug).model
    body = article(live_site, built(slug))
    log = body.text.split("Corrections and updates", 1)[1].split("Cite this page", 1)[0]
    for revision in model.revisions:
        assert flat(revision.what) in matching.flatten(log)
    if not model.revisions:
        assert "No corrections or updates since" in log
    if model.revisions:
        assert f"Last revised {templating.day(model.last_revised())}" in body.text
