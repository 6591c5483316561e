"""Open data: each explainer as JSON next to its page, and an Atom feed of updates."""

from __future__ import annotations

import json
import xml.etree.ElementTree as etree
from pathlib import Path

import jsonschema

from build_scripts.load import load
from build_scripts.validate import validate
from tests.conftest import FIXTURES, ROOT
from tests.htmltree import parse as parse_html
from tests.test_site import build_project, site  # noqa: F401 - site: the module-scoped built site

ATOM = "{http://www.w3.org/2005/Atom}"


def test_each_explainer_is_published_as_its_validated_model(site: Path) -> None:  # noqa: F811
    data = json.loads((site / "explainers" / "nagorno-karabakh-2023" / "explainer.json").read_text(encoding="utf-8"))
    documents, _ = load(ROOT / "content")
    content, _ = validate(documents)
    (loaded,) = content.explainers
    assert data == {"slug": "nagorno-karabakh-2023", "page": "./", "explainer": loaded.model.model_dump(mode="json")}
    schema = json.loads((ROOT / "content" / "schema" / "explainer.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data["explainer"])  # readers can check it with the same schema
    assert {f["measure"] for f in data["explainer"]["figures"]} >= {
        "Killed in the operation",
        "Injured in the operation",
    }


def test_the_page_links_to_its_data(site: Path) -> None:  # noqa: F811
    html = (site / "explainers" / "nagorno-karabakh-2023" / "index.html").read_text(encoding="utf-8")
    assert 'href="explainer.json"' in html


def test_the_feed_is_valid_atom(site: Path) -> None:  # noqa: F811
    feed = etree.parse(site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    entry = entries[0]
    assert entry.findtext(f"{ATOM}id") == "urn:explainers:nagorno-karabakh-2023"
    assert entry.findtext(f"{ATOM}updated") == "2023-09-20T00:00:00Z"
    link = entry.find(f"{ATOM}link")
    assert link is not None and link.get("href") == "explainers/nagorno-karabakh-2023/"
    assert (site / "explainers" / "nagorno-karabakh-2023" / "index.html").is_file()
    assert entry.findtext(f"{ATOM}title", "").startswith("Azerbaijan's September 2023 military operation")


def test_the_explainer_carries_news_article_json_ld_with_its_glossary(site: Path) -> None:  # noqa: F811
    root = parse_html((site / "explainers" / "nagorno-karabakh-2023" / "index.html").read_text(encoding="utf-8"))
    (script,) = [s for s in root.iter("script") if s.attrs.get("type") == "application/ld+json"]
    data = json.loads(script.text)
    assert data["@type"] == "NewsArticle"
    assert data["datePublished"] == "2023-09-20" and data["dateModified"] == "2023-09-20"
    terms = data["about"]["hasDefinedTerm"]
    assert data["about"]["@type"] == "DefinedTermSet"
    assert {t["termCode"] for t in terms} >= {"zangezur-corridor", "2020-truce", "artsakh"}
    assert all(t["@type"] == "DefinedTerm" and t["description"] for t in terms)


def test_open_graph_and_description_tags(site: Path) -> None:  # noqa: F811
    root = parse_html((site / "explainers" / "nagorno-karabakh-2023" / "index.html").read_text(encoding="utf-8"))
    og = {m.attrs["property"]: m.attrs["content"] for m in root.iter("meta") if "property" in m.attrs}
    assert og["og:type"] == "article"
    assert og["og:title"] == "Azerbaijan's September 2023 military operation in Nagorno-Karabakh"
    assert og["og:description"] == root.find("meta", name="description").attrs["content"]
    feed = [link for link in root.iter("link") if link.attrs.get("type") == "application/atom+xml"]
    assert [link.attrs["href"] for link in feed] == ["../../feed.xml"]


def test_json_ld_cannot_close_its_script_element(tmp_path: Path) -> None:
    result = build_project(tmp_path, FIXTURES / "literal-text" / "content")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "explainers" / "literal-text" / "index.html").read_text(encoding="utf-8")
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    body = html[start : html.index("</script>", start)]
    assert "<" not in body and ">" not in body
    assert json.loads(body)["headline"] == 'Quotes " and < angle > & ampersands'
