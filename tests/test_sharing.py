"""Pages that share well: share images, Open Graph and Twitter tags, JSON-LD a processor accepts,
and the site's identity set in one place and used everywhere it shows."""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

import pytest

from build_scripts import cli, share
from build_scripts.explainer_page import share_card
from build_scripts.identity import Identity, IdentityError, from_config
from build_scripts.link import link
from build_scripts.load import load
from build_scripts.validate import validate
from tests import schemaorg
from tests.sites import SAMPLE, build_project, lay_out, mkdocs_build, page

SITE_URL = "https://example.org/explainers/"
CONTACT = "mailto:corrections@example.org"
DAM = "explainers/dam-dispute/index.html"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site built as the deploy job builds it: with its address and a corrections contact."""
    root = tmp_path_factory.mktemp("published")
    result = build_project(root, SAMPLE, SITE_URL=SITE_URL, SITE_CORRECTIONS=CONTACT)
    assert result.returncode == 0, result.stderr
    return root / "site"


def json_ld(site: Path, rel: str) -> dict[str, Any]:
    scripts = [s for s in page(site, rel).iter("script") if s.attrs.get("type") == "application/ld+json"]
    assert len(scripts) == 1, f"{rel} has {len(scripts)} JSON-LD blocks"
    data: dict[str, Any] = json.loads(scripts[0].text)
    return data


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_each_explainer_has_a_1200_by_630_share_image(published: Path) -> None:
    for slug in ("dam-dispute", "ferry-strike"):
        assert png_size((published / "explainers" / slug / "share.png").read_bytes()) == (1200, 630)


def test_open_graph_and_twitter_point_at_the_share_image(published: Path) -> None:
    metas = list(page(published, DAM).iter("meta"))
    og = {m.attrs["property"]: m.attrs["content"] for m in metas if "property" in m.attrs}
    named = {m.attrs["name"]: m.attrs["content"] for m in metas if "name" in m.attrs}
    image = SITE_URL + "explainers/dam-dispute/share.png"
    assert og["og:image"] == image and named["twitter:image"] == image
    assert (og["og:image:width"], og["og:image:height"], og["og:image:type"]) == ("1200", "630", "image/png")
    assert og["og:image:alt"] == "The Weir dam dispute: the title and dates, with a map"
    assert named["twitter:card"] == "summary_large_image"
    assert og["og:url"] == SITE_URL + "explainers/dam-dispute/"


def test_the_explainer_is_a_complete_news_article_to_a_json_ld_processor(published: Path) -> None:
    expanded = schemaorg.expand(json_ld(published, DAM))
    assert schemaorg.problems(expanded) == []
    (article,) = expanded
    assert article["@type"] == ["http://schema.org/NewsArticle"]
    address = SITE_URL + "explainers/dam-dispute/"
    assert schemaorg.values(article, "url") == [address]
    assert schemaorg.values(article, "mainEntityOfPage")[0]["@id"] == address
    assert schemaorg.values(article, "datePublished") == ["2024-03-16"]
    assert schemaorg.values(article, "dateModified") == ["2024-03-18"]
    (image,) = schemaorg.values(article, "image")
    assert schemaorg.values(image, "url") == [SITE_URL + "explainers/dam-dispute/share.png"]
    for role in ("author", "publisher"):
        (who,) = schemaorg.values(article, role)
        assert who["@type"] == ["http://schema.org/Organization"]
        assert schemaorg.values(who, "name") == ["Explainers"]
        (logo,) = schemaorg.values(who, "logo")
        assert schemaorg.values(logo, "url") == [SITE_URL + "images/logo.svg"]
    terms = schemaorg.values(article, "mentions")
    assert [schemaorg.values(t, "termCode")[0] for t in terms] == ["east-crossing", "river-line", "weir-accord"]
    assert schemaorg.values(article, "license") == ["https://creativecommons.org/licenses/by/4.0/"]


def test_the_glossary_is_a_defined_term_set(published: Path) -> None:
    expanded = schemaorg.expand(json_ld(published, "glossary/index.html"))
    assert schemaorg.problems(expanded) == []
    (glossary,) = expanded
    assert glossary["@type"] == ["http://schema.org/DefinedTermSet"] and glossary["@id"] == SITE_URL + "glossary/"
    terms = schemaorg.values(glossary, "hasDefinedTerm")
    anchors = {a.attrs["id"] for a in page(published, "glossary/index.html").iter() if "id" in a.attrs}
    assert len(terms) >= 4
    for term in terms:
        assert term["@id"] == SITE_URL + "glossary/#" + schemaorg.values(term, "termCode")[0]
        assert term["@id"].rsplit("#", 1)[1] in anchors  # each term's address is its entry on the page
        assert schemaorg.values(term, "inDefinedTermSet") == [SITE_URL + "glossary/"]


def test_the_checker_finds_what_the_vocabulary_does_not_allow() -> None:
    wrong = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "termCode": "x",
        "author": {"@type": "Orgnization"},
    }
    assert sorted(schemaorg.problems(schemaorg.expand(wrong))) == [
        "[0].author[0]: unknown type Orgnization",
        "[0]: termCode does not apply to NewsArticle",
    ]


def test_the_identity_shows_in_the_header_the_feed_the_cite_block_and_the_methodology(published: Path) -> None:
    header = page(published, DAM).find("header")
    assert header.find("img") is not None and header.find("img").attrs["src"].endswith("images/logo.svg")
    feed = (published / "feed.xml").read_text(encoding="utf-8")
    assert "<author>\n    <name>Explainers</name>\n    <uri>https://example.org/explainers/</uri>" in feed
    assert "<rights>CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)</rights>" in feed
    cite = page(published, DAM).find("article").text
    dates = "First published 16 March 2024; covers reporting up to 17 March 2024"
    assert f"Explainers. The Weir dam dispute. {dates}" in cite
    assert SITE_URL + "explainers/dam-dispute/" in cite and "available under CC BY 4.0" in cite
    methodology = page(published, "methodology/index.html")
    links = [a.attrs.get("href") for a in methodology.find("article").iter("a")]
    assert CONTACT in links and "https://creativecommons.org/licenses/by/4.0/" in links


def test_a_fork_without_identity_gets_true_defaults() -> None:
    found = from_config({"site_name": "Harbour Watch", "site_url": "https://harbour.example/news"})
    assert found.by == "Harbour Watch" and found.home == "https://harbour.example/news/"
    assert found.corrections is None and found.organization() == {
        "@type": "Organization",
        "name": "Harbour Watch",
        "url": "https://harbour.example/news/",
    }
    assert Identity().absolute("glossary/") is None  # no published address: no absolute links


def test_a_mistake_in_the_identity_is_named_and_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(IdentityError, match=r"mkdocs.yml: extra.identity.corrections: String should match pattern"):
        from_config({"site_name": "X", "extra": {"identity": {"corrections": "javascript:alert(1)"}}})
    project = lay_out(tmp_path, SAMPLE)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("licence: CC BY 4.0", "licence: ''"), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    said = result.stdout + result.stderr
    assert "mkdocs.yml: extra.identity.licence: String should have at least 1 character" in said
    assert "Traceback" not in said
    monkeypatch.chdir(project)  # `python -m build_scripts build` reads the same file
    assert cli.main(["build"]) == 1
    said = capsys.readouterr().err
    assert said == "mkdocs.yml: extra.identity.licence: String should have at least 1 character\n"


def test_the_share_image_is_the_same_bytes_every_time_and_escapes_its_text() -> None:
    card = share.card("Site <b>", 'A "title" & <script>alert(1)</script>', "Events as of 1 May 2024", None)
    assert "<script>" not in card and "&lt;script&gt;" in card and "Site &lt;b&gt;" in card
    first = share.png(card)
    assert png_size(first) == (1200, 630) and share.png(card) == first
    assert share.png(card.replace("1 May", "2 May")) != first


def test_the_share_images_map_credits_who_gave_the_places_coordinates(sample: Path) -> None:
    content, _ = validate(load(sample)[0])
    site, _ = link(content)
    dam = next(x for x in content.explainers if x.slug == "dam-dispute")
    card = share_card(dam, site.terms, site.maps, Identity(), site.actors).svg
    assert ">Map: Natural Earth; places: Weir River Commission</text>" in card
