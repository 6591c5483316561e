"""Absolute addresses of the site's files, from the published address (`site_url`), when there is one."""

from __future__ import annotations

from urllib.parse import urljoin


def absolute(site_url: str | None, path: str) -> str | None:
    """The absolute address of `path` (from the site's root), or None when no site address is configured.

    The site address may end in a slash or not (`SITE_URL` as people write it; MkDocs adds one):
    `https://example.org/docs` and `https://example.org/docs/` both put `feed.xml` at
    `https://example.org/docs/feed.xml`.
    """
    if not site_url:
        return None
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", path)
