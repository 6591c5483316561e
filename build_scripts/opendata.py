"""Each explainer's validated content as JSON next to its page, and the JSON Schema that describes it.

`explainers/<slug>/explainer.json` is an envelope around the explainer's content: the
address of its schema (`$schema`), the explainer's slug, the address of its page, and the
content as validated. The schema, `explainers/explainer.schema.json`, is made from the
envelope model below and so from the content models (build_scripts/schema.py), and embeds
the same definitions as content/schema/explainer.schema.json: a change to the models
changes both.

Addresses are absolute when the site's address (`site_url`) is configured, and relative to
the file otherwise.
"""

from __future__ import annotations

import json
import posixpath

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from build_scripts import schema, siteurl
from build_scripts.fields import Id
from build_scripts.models import Explainer
from build_scripts.validate import Loaded

DATA_FILE = "explainer.json"
"""The file name of an explainer's data, in the folder of its page."""
SCHEMA_FILE = "explainers/explainer.schema.json"
"""Where the data's schema is published, from the site's root: beside the explainers' folders."""

_URI_REFERENCE: JsonDict = {"format": "uri-reference"}


class PublishedExplainer(BaseModel):
    """An explainer's validated content, as published next to its page in `explainer.json`."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True, title="Published explainer")

    schema_: str = Field(alias="$schema", title="Schema", json_schema_extra=_URI_REFERENCE)
    """The address of this file's JSON Schema (absolute when the site's address is configured)."""
    slug: Id
    """The explainer's slug: its page is at `explainers/<slug>/`."""
    page: str = Field(json_schema_extra=_URI_REFERENCE)
    """The address of the explainer's page (absolute when the site's address is configured)."""
    explainer: Explainer
    """The explainer's content as validated, in the format of content/explainers/<slug>.yaml."""


def explainer_json(loaded: Loaded, site_url: str | None) -> str:
    """The explainer's validated content as JSON, in its envelope, published next to its page."""
    page = f"explainers/{loaded.slug}/"
    relative_schema = posixpath.relpath(SCHEMA_FILE, page)
    envelope = PublishedExplainer.model_validate(
        {
            "$schema": siteurl.absolute(site_url, SCHEMA_FILE) or relative_schema,
            "slug": loaded.slug,
            "page": siteurl.absolute(site_url, page) or "./",
            "explainer": loaded.model,
        }
    )
    return json.dumps(envelope.model_dump(mode="json", by_alias=True), ensure_ascii=False, indent=2) + "\n"


def explainer_schema(site_url: str | None) -> str:
    """The JSON Schema of every `explainer.json`, with its own address as `$id` when the site's is known."""
    address = siteurl.absolute(site_url, SCHEMA_FILE)
    return schema.json_schema(PublishedExplainer, **({"$id": address} if address else {}))
