"""Open data: each explainer as JSON next to its page, an Atom feed of updates, and JSON-LD."""

from __future__ import annotations

import json
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import jsonschema
import pytest

from build_scripts.identity import Identity
from build_scripts.load import load
from build_scripts.pipeline import generate
from build_scripts.validate import validate
from tests import atom
from tests.htmltree import parse as parse_html
from tests.sites import ROOT, SAMPLE
from tests.test_validate import edit

ATOM = "{http://www.w3.org/2005/Atom}"
DAM = "explainers/dam-dispute/index.html"
SITE = "https://example.github.io/explainers/"


def test_each_explainer_is_published_as_its_validated_model(sample_site: Path) -> None:
    data = json.loads((sample_site / "explainers" / "dam-dispute" / "explainer.json").read_text(encoding="utf-8"))
    documents, _ = load(SAMPLE)
    content, _ = validate(documents)
    (loaded,) = [x for x in content.explainers if x.slug == "dam-dispute"]
    assert data == {
        "$schema": "../explainer.schema.json",
        "slug": "dam-dispute",
        "page": "./",
        "explainer": loaded.model.model_dump(mode="json"),
    }
    schema = json.loads((ROOT / "content" / "schema" / "explainer.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data["explainer"])  # readers can check it with the same schema
    assert [f["measure"] for f in data["explainer"]["figures"]][:2] == ["People displaced by the reservoir"] * 2


def published_schema(data_file: Path) -> dict[str, Any]:
    """The schema an explainer.json names in `$schema`, read from the built site it names."""
    data = json.loads(data_file.read_text(encoding="utf-8"))
    named = urljoin(data_file.resolve().as_uri(), data["$schema"])
    assert named.startswith("file:"), f"{data_file} names a schema off the site: {named}"
    schema: dict[str, Any] = json.loads(Path(unquote(urlsplit(named).path)).read_text(encoding="utf-8"))
    return schema


def test_every_explainer_json_is_valid_against_the_schema_published_next_to_it(sample_site: Path) -> None:
    files = sorted(sample_site.glob("explainers/*/explainer.json"))
    assert [f.parent.name for f in files] == ["dam-dispute", "ferry-strike"]
    for data_file in files:
        schema = published_schema(data_file)
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        data = json.loads(data_file.read_text(encoding="utf-8"))
        assert [e.message for e in validator.iter_errors(data)] == [], data_file
        assert list(validator.iter_errors({**data, "extra": 1})), "the schema must describe the envelope exactly"
        assert list(validator.iter_errors({**data, "explainer": {**data["explainer"], "titel": "x"}}))


def test_the_published_schema_embeds_the_content_schema_of_explainers(sample_site: Path) -> None:
    published = json.loads((sample_site / "explainers" / "explainer.schema.json").read_text(encoding="utf-8"))
    content = json.loads((ROOT / "content" / "schema" / "explainer.schema.json").read_text(encoding="utf-8"))
    assert published["properties"]["explainer"]["$ref"] == "#/$defs/Explainer"
    body = {k: v for k, v in content.items() if k not in ("$schema", "$defs")}
    assert published["$defs"] == {**content["$defs"], "Explainer": body}
    assert "$id" not in published  # no site address configured: no absolute address to give


def test_with_a_site_address_the_data_and_its_schema_are_addressed_absolutely() -> None:
    pages = generate(SAMPLE, Identity(url=SITE)).pages
    data = json.loads(pages["explainers/dam-dispute/explainer.json"])
    schema = json.loads(pages["explainers/explainer.schema.json"])
    assert data["$schema"] == schema["$id"] == f"{SITE}explainers/explainer.schema.json"
    assert data["page"] == f"{SITE}explainers/dam-dispute/"
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)


def test_the_page_links_to_its_data(sample_site: Path) -> None:
    html = (sample_site / DAM).read_text(encoding="utf-8")
    assert 'href="explainer.json"' in html


def test_the_feed_is_valid_atom_newest_update_first(sample_site: Path) -> None:
    text = (sample_site / "feed.xml").read_bytes()
    assert atom.problems(text) == []
    feed = etree.fromstring(text)
    assert feed.findtext(f"{ATOM}updated") == "2024-04-03T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == ["urn:explainers:ferry-strike", "urn:explainers:dam-dispute"]
    dam = entries[1]
    assert dam.findtext(f"{ATOM}published") == "2024-03-16T00:00:00Z"
    assert dam.findtext(f"{ATOM}updated") == "2024-03-18T00:00:00Z"
    assert dam.findtext(f"{ATOM}title") == "The Weir dam dispute"
    link = dam.find(f"{ATOM}link")
    assert link is not None and link.get("href") == "explainers/dam-dispute/"
    assert (sample_site / "explainers" / "dam-dispute" / "index.html").is_file()


def test_without_a_site_address_the_feed_has_no_self_link_and_links_relative_to_itself(sample_site: Path) -> None:
    text = (sample_site / "feed.xml").read_bytes()
    assert [link.get("rel") for link in etree.fromstring(text).iter(f"{ATOM}link") if link.get("rel") == "self"] == []
    for href in atom.hrefs(text):
        assert atom.is_relative(href)
        assert (sample_site / href / "index.html").is_file(), href


def test_with_a_site_address_the_feed_names_itself_and_links_absolutely() -> None:
    text = generate(SAMPLE, Identity(url=SITE)).text("feed.xml")
    assert atom.problems(text, require_self=True) == []
    (self_link,) = [link for link in etree.fromstring(text).iter(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link.attrib == {"rel": "self", "type": "application/atom+xml", "href": f"{SITE}feed.xml"}
    assert atom.hrefs(text) == [
        f"{SITE}feed.xml",
        f"{SITE}explainers/",
        f"{SITE}explainers/ferry-strike/",
        f"{SITE}explainers/dam-dispute/",
    ]


@pytest.mark.parametrize("written", ["https://example.github.io/explainers", "https://example.github.io/explainers/"])
def test_the_site_address_is_taken_with_or_without_its_final_slash(written: str) -> None:
    given = generate(SAMPLE, Identity(url=written)).text("feed.xml")
    assert given == generate(SAMPLE, Identity(url=SITE)).text("feed.xml")


def test_the_explainer_carries_news_article_json_ld_with_its_glossary(sample_site: Path) -> None:
    root = parse_html((sample_site / DAM).read_text(encoding="utf-8"))
    (script,) = [s for s in root.iter("script") if s.attrs.get("type") == "application/ld+json"]
    data = json.loads(script.text)
    assert data["@type"] == "NewsArticle"
    assert data["datePublished"] == "2024-03-16" and data["dateModified"] == "2024-03-18"
    terms = data["mentions"]  # mentioned, not the subject: some terms are one side's words
    assert [t["termCode"] for t in terms] == ["east-crossing", "river-line", "weir-accord"]
    assert all(t["@type"] == "DefinedTerm" and t["description"] for t in terms)
    assert data["citation"][0]["name"] == "Dam filled as neighbours trade blame"


def test_open_graph_and_description_tags(sample_site: Path) -> None:
    root = parse_html((sample_site / DAM).read_text(encoding="utf-8"))
    og = {m.attrs["property"]: m.attrs["content"] for m in root.iter("meta") if "property" in m.attrs}
    assert og["og:type"] == "article"
    assert og["og:title"] == "The Weir dam dispute"
    assert og["og:description"] == root.find("meta", name="description").attrs["content"]
    assert og["og:description"].startswith("Northland has filled a new dam")
    feed = [link for link in root.iter("link") if link.attrs.get("type") == "application/atom+xml"]
    assert [link.attrs["href"] for link in feed] == ["../../feed.xml"]


def test_json_ld_cannot_close_its_script_element(literal_site: Path) -> None:
    html = (literal_site / "explainers" / "literal-text" / "index.html").read_text(encoding="utf-8")
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    body = html[start : html.index("</script>", start)]
    assert "<" not in body and ">" not in body
    assert json.loads(body)["headline"] == 'Quotes " and < angle > & ampersands'


def test_a_source_whose_title_is_not_recorded_says_so_wherever_it_is_named(sample: Path) -> None:
    why = "the statement was read out at a news conference"
    edit(
        sample,
        "explainers/dam-dispute.yaml",
        "    title: Statement on the Weir dam\n",
        f"    title_not_recorded: {why}\n",
    )
    edit(
        sample, "glossary.yaml", "    title: The Weir Accord\n", "    title_not_recorded: the copy has no cover page\n"
    )
    generated = generate(sample)
    page = generated.text("explainers/dam-dispute.md")
    assert (
        f"2. Title not recorded ({why}). Ministry of Water of Northland. 15 March 2024. Address not recorded: read"
        " out to reporters; the ministry published no text." in page
    )
    (jsonld,) = [
        json.loads(json.loads(line[len("jsonld: ") :])) for line in page.splitlines() if line.startswith("jsonld: ")
    ]
    citation = jsonld["citation"][1]
    assert "name" not in citation and citation["description"] == f"Title not recorded ({why})"
    data = json.loads(generated.text("explainers/dam-dispute/explainer.json"))["explainer"]["sources"][1]
    assert (data["title"], data["title_not_recorded"]) == (None, why)
    assert f"Source: Title not recorded ({why}), Ministry of Water of Northland, 15 March 2024; [*Dam filled" in (
        generated.text("actors/northland.md")
    )
    assert "*Sources:* Title not recorded (the copy has no cover page), Governments of Northland and Southland," in (
        generated.text("glossary/index.md")
    )
