"""Who publishes the site: its name, publisher, logo, corrections address and content licence.

They are set in one place, `mkdocs.yml` (`site_name`, `site_url` and `extra.identity`), and
used by the header (the theme's name and logo), the feed's author, the JSON-LD of every
page, each explainer's cite block and the methodology page. A fork changes them there and
nowhere else; what it leaves out falls back to something true: the publisher is the site's
name, and with no corrections address readers are pointed to the edit links.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

_ADDRESS = r"^(https?://[^\s<>\"]+|mailto:[^\s<>\"@]+@[^\s<>\"]+)$"


class Identity(BaseModel):
    """The site's identity, from `site_name`, `site_url` and `extra.identity` in mkdocs.yml."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    name: str = Field("Explainers", min_length=1)
    """The site's name (`site_name`), shown in the header, the feed and the cite block."""
    url: str | None = Field(None, pattern=r"^https?://[^\s<>\"]+/$")
    """The published address (`site_url`, ending in /); without it, no absolute links are written."""
    publisher: str | None = Field(None, min_length=1)
    """Who publishes the site and answers for it: a newsroom or a group. Default: the site's name."""
    publisher_url: str | None = Field(None, pattern=r"^https?://[^\s<>\"]+$")
    """The publisher's own address. Default: the site's address."""
    logo: str | None = Field(None, pattern=r"^[A-Za-z0-9_./-]+\.(svg|png)$")
    """The logo, a file under docs/ like `images/logo.svg`; shown in the header and named in the JSON-LD."""
    corrections: str | None = Field(None, pattern=_ADDRESS)
    """Where readers report a mistake: a `mailto:` or `https://` address. Default: none, and the
    pages point to their edit links."""
    licence: str | None = Field(None, min_length=1)
    """The licence of the site's own text, like `CC BY 4.0`; quotes remain their speakers' and sources'."""
    licence_url: str | None = Field(None, pattern=r"^https?://[^\s<>\"]+$")
    """The licence's address."""

    @field_validator("url", mode="before")
    @classmethod
    def _slash(cls, value: Any) -> Any:
        return value + "/" if isinstance(value, str) and value and not value.endswith("/") else value or None

    @property
    def by(self) -> str:
        """The publisher's name."""
        return self.publisher or self.name

    @property
    def home(self) -> str | None:
        """The publisher's address."""
        return self.publisher_url or self.url

    def absolute(self, path: str) -> str | None:
        """The published address of a path of the site, like `explainers/x/`; None without `url`."""
        return urljoin(self.url, path) if self.url else None

    def organization(self) -> dict[str, Any]:
        """The publisher as a schema.org Organization."""
        found: dict[str, Any] = {"@type": "Organization", "name": self.by}
        if self.home:
            found["url"] = self.home
        if self.logo and (logo := self.absolute(self.logo)):
            found["logo"] = {"@type": "ImageObject", "url": logo}
        return found


DEFAULT_IDENTITY = Identity()
"""The identity of a site whose configuration names none: the defaults a fork starts from."""


class IdentityError(ValueError):
    """mkdocs.yml's identity is not valid; the message names each field and what is wrong."""


def from_config(config: Mapping[str, Any]) -> Identity:
    """The identity in a loaded MkDocs configuration (its `site_name`, `site_url` and `extra.identity`)."""
    extra = config.get("extra") or {}
    given = extra.get("identity") or {}
    if not isinstance(given, Mapping):
        raise IdentityError("mkdocs.yml: extra.identity: should be a mapping of fields")
    fields = {"name": config.get("site_name"), "url": config.get("site_url"), **given}
    try:
        return Identity.model_validate({k: v for k, v in fields.items() if v is not None})
    except ValidationError as exc:
        lines = [f"mkdocs.yml: extra.identity.{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
        raise IdentityError("\n".join(lines)) from None


def from_file(path: Path = Path("mkdocs.yml")) -> Identity:
    """The identity in an mkdocs.yml, read with MkDocs' own YAML loader (its !ENV tags included);
    the defaults when the folder has none.

    Only the file is read: MkDocs' configuration is not validated here, since that loads the
    theme, the hooks and the Markdown extensions, and one of those reads content/, whose
    mistakes `check` and `build` report with their places."""
    if not path.is_file():
        return Identity()
    from mkdocs.exceptions import ConfigurationError  # noqa: PLC0415 (imports only `build` needs)
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load  # noqa: PLC0415

    loader = get_yaml_loader()
    loader.add_constructor("!relative", lambda loader, node: None)  # paths for extensions, not the identity
    try:
        with path.open("rb") as handle:
            config = yaml_load(handle, loader)
    except ConfigurationError as exc:
        raise IdentityError(f"{path.as_posix()}: {exc}") from None
    if not isinstance(config, Mapping):
        raise IdentityError(f"{path.as_posix()}: should be a mapping of settings")
    return from_config(config)
