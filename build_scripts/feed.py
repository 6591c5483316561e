"""The Atom feed (RFC 4287) of the most recently revised explainers, `feed.xml` at the site's root.

With the site's address (`site_url`) configured, every link is absolute and the feed names
its own address in a `self` link of type `application/atom+xml`, as feed readers and
validators expect. Without one the feed has no `self` link: RFC 4287 recommends one (a
SHOULD), and its value is the feed's preferred address, which a relative reference cannot
give; the other links are then relative to the feed, as the RFC allows.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from build_scripts import siteurl, text
from build_scripts.identity import Identity
from build_scripts.summary import Summary

FEED = "feed.xml"
"""Where the feed is published, from the site's root."""
FEED_ENTRIES = 50
"""How many explainers the feed lists, the most recently revised first."""
ATOM = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml"


def atom_feed(newest_first: list[Summary], identity: Identity) -> str:
    """An Atom feed of the most recently revised explainers, in the order given, by the site's publisher."""
    site_url = identity.url
    etree.register_namespace("", ATOM)
    feed = etree.Element(f"{{{ATOM}}}feed")

    def add(parent: etree.Element, tag: str, value: str | None = None, **attrs: str) -> etree.Element:
        element = etree.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = value
        return element

    def href(path: str) -> str:
        """The address of a page: absolute when the site's address is known, else relative to the feed."""
        return siteurl.absolute(site_url, path) or path

    newest = newest_first[0].revised.isoformat() if newest_first else "1970-01-01"
    add(feed, "title", identity.name)
    add(feed, "subtitle", f"{identity.name}: explainers, newest updates first.")
    add(feed, "id", "urn:explainers:feed")
    add(feed, "updated", f"{newest}T00:00:00Z")
    self_address = siteurl.absolute(site_url, FEED)
    if self_address:
        add(feed, "link", rel="self", type=ATOM_TYPE, href=self_address)
    add(feed, "link", rel="alternate", type="text/html", href=href("explainers/"))
    author = add(feed, "author")
    add(author, "name", identity.by)
    if identity.home:
        add(author, "uri", identity.home)
    if identity.licence:
        add(feed, "rights", f"{identity.licence}{f' ({identity.licence_url})' if identity.licence_url else ''}")
    for loaded in newest_first[:FEED_ENTRIES]:
        entry = add(feed, "entry")
        add(entry, "title", text.to_plain(loaded.model.title))
        add(entry, "id", f"urn:explainers:{loaded.slug}")
        add(entry, "published", f"{loaded.model.published.isoformat()}T00:00:00Z")
        add(entry, "updated", f"{loaded.revised.isoformat()}T00:00:00Z")
        add(entry, "link", rel="alternate", type="text/html", href=href(f"explainers/{loaded.slug}/"))
        add(entry, "summary", text.to_plain(loaded.model.summary))
    etree.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + etree.tostring(feed, encoding="unicode") + "\n"
