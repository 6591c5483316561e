"""An independent check of Atom feeds, written from RFC 4287's requirements, for the tests.

No maintained Atom validator is published on PyPI, so the tests hold the feed to the
RFC's MUSTs here, plus the site's own rules: a `self` link, when there is one, is an
absolute address with `type="application/atom+xml"`, and each entry has exactly one
alternate link and a unique id. `problems()` lists every breach, each named by its
section of the RFC; an empty list means the feed passes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections import Counter
from datetime import datetime
from urllib.parse import urlsplit

NS = "http://www.w3.org/2005/Atom"
A = f"{{{NS}}}"
ATOM_TYPE = "application/atom+xml"

RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
"""RFC 3339's date-time, with the uppercase T and Z that RFC 4287 section 3.3 requires."""
MEDIA_TYPE = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+(\s*;.*)?")
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
TEXT_CONSTRUCTS = ("title", "subtitle", "summary", "rights")
PERSON_CONSTRUCTS = ("author", "contributor")
DATE_CONSTRUCTS = ("updated", "published")
AT_MOST_ONE = {
    "feed": ("generator", "icon", "logo", "rights", "subtitle"),
    "entry": ("content", "published", "rights", "source", "summary"),
}


def is_absolute_iri(value: str) -> bool:
    """Tell whether a value is an absolute IRI: a scheme, a colon, and more, with no spaces."""
    scheme, _, rest = value.partition(":")
    return bool(SCHEME.fullmatch(scheme)) and bool(rest) and not re.search(r"\s", value)


def _is_date(value: str) -> bool:
    if not RFC3339.fullmatch(value):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:  # well-formed but impossible, like 2024-02-30
        return False
    return True


def _children(parent: etree.Element, tag: str) -> list[etree.Element]:
    return parent.findall(f"{A}{tag}")


def _exactly_one(parent: etree.Element, where: str, section: str, *tags: str) -> list[str]:
    return [
        f"{where}: {section}: must contain exactly one atom:{tag}, has {len(_children(parent, tag))}"
        for tag in tags
        if len(_children(parent, tag)) != 1
    ]


def _common(element: etree.Element, where: str, kind: str) -> list[str]:
    """The rules feeds and entries share: text, person and date constructs, ids, links."""
    found = _exactly_one(element, where, "4.1.1" if kind == "feed" else "4.1.2", "id", "title", "updated")
    found += [
        f"{where}: {'4.1.1' if kind == 'feed' else '4.1.2'}: must not contain more than one atom:{tag}"
        for tag in AT_MOST_ONE[kind]
        if len(_children(element, tag)) > 1
    ]
    for tag in TEXT_CONSTRUCTS:
        for construct in _children(element, tag):
            if construct.get("type", "text") not in ("text", "html", "xhtml"):
                found.append(f"{where}: 3.1.1: atom:{tag} type must be text, html or xhtml")
            elif construct.get("type") != "xhtml" and len(construct):
                found.append(f"{where}: 3.1.1: atom:{tag} of type text or html must not contain elements")
    for tag in PERSON_CONSTRUCTS:
        for person in _children(element, tag):
            if len(_children(person, "name")) != 1:
                found.append(f"{where}: 3.2: atom:{tag} must contain exactly one atom:name")
    for tag in DATE_CONSTRUCTS:
        for date in _children(element, tag):
            if not _is_date(date.text or ""):
                found.append(f"{where}: 3.3: atom:{tag} {date.text!r} is not an RFC 3339 date-time")
    for identifier in _children(element, "id"):
        if not is_absolute_iri((identifier.text or "").strip()):
            found.append(f"{where}: 4.2.6: atom:id {identifier.text!r} is not an absolute IRI")
    links = _children(element, "link")
    for link in links:
        href, media = link.get("href"), link.get("type")
        if not href:
            found.append(f"{where}: 4.2.7.1: atom:link must have an href")
        if media is not None and not MEDIA_TYPE.fullmatch(media):
            found.append(f"{where}: 4.2.7.3: atom:link type {media!r} is not a media type")
        if link.get("rel", "alternate") == "self" and not (href and is_absolute_iri(href) and media == ATOM_TYPE):
            found.append(f"{where}: 4.2.7.2: the self link must be absolute with type {ATOM_TYPE} (href={href!r})")
    alternates = Counter(
        (link.get("type"), link.get("hreflang")) for link in links if link.get("rel", "alternate") == "alternate"
    )
    if any(count > 1 for count in alternates.values()):
        found.append(f"{where}: {'4.1.1' if kind == 'feed' else '4.1.2'}: two alternate links of one type and language")
    return found


def problems(document: str | bytes, *, require_self: bool = False) -> list[str]:
    """Every breach of RFC 4287 (and of the site's rules above) in an Atom feed document."""
    try:
        feed = etree.fromstring(document)
    except etree.ParseError as exc:
        return [f"not well-formed XML: {exc}"]
    if feed.tag != f"{A}feed":
        return [f"4.1.1: the root element must be atom:feed, is {feed.tag}"]
    found = _common(feed, "feed", "feed")
    selves = [link for link in _children(feed, "link") if link.get("rel") == "self"]
    if len(selves) > 1 or (require_self and not selves):
        found.append(f"feed: 4.2.7.2: wanted one self link, has {len(selves)}")
    entries = _children(feed, "entry")
    feed_author = bool(_children(feed, "author"))
    for n, entry in enumerate(entries):
        where = f"entry {n + 1} ({entry.findtext(f'{A}id')})"
        found += _common(entry, where, "entry")
        source = entry.find(f"{A}source")
        if not (feed_author or _children(entry, "author") or (source is not None and _children(source, "author"))):
            found.append(f"{where}: 4.1.2: no atom:author, and the feed has none")
        alternates = [link for link in _children(entry, "link") if link.get("rel", "alternate") == "alternate"]
        if not _children(entry, "content") and not alternates:
            found.append(f"{where}: 4.1.2: an entry without atom:content must have an alternate link")
        if len(alternates) != 1:
            found.append(f"{where}: wanted exactly one alternate link, has {len(alternates)}")
        for content in _children(entry, "content"):
            encoded = content.get("type", "text") not in ("text", "html", "xhtml") and not _is_xml_or_text(content)
            if (content.get("src") is not None or encoded) and not _children(entry, "summary"):
                found.append(f"{where}: 4.1.2: content by reference or Base64 needs an atom:summary")
    ids = Counter(entry.findtext(f"{A}id") for entry in entries)
    found += [f"entries: two entries have the id {identifier!r}" for identifier, count in ids.items() if count > 1]
    return found


def _is_xml_or_text(content: etree.Element) -> bool:
    media = content.get("type", "")
    return media.startswith("text/") or media.endswith(("/xml", "+xml"))


def hrefs(document: str | bytes) -> list[str]:
    """Every link's href in a feed, in document order."""
    return [str(link.get("href")) for link in etree.fromstring(document).iter(f"{A}link")]


def is_relative(href: str) -> bool:
    """Tell whether an href is a relative reference (no scheme, no host)."""
    parts = urlsplit(href)
    return not parts.scheme and not parts.netloc
