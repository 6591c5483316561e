"""The tests' own Atom check (tests/atom.py): it passes a valid feed and names each breach of RFC 4287."""

from __future__ import annotations

import pytest

from tests import atom

HEAD = '<feed xmlns="http://www.w3.org/2005/Atom">'
SELF = '<link rel="self" type="application/atom+xml" href="https://example.org/feed.xml"/>'
FEED_PARTS = "<id>urn:example:feed</id><title>Example</title><updated>2024-04-03T00:00:00Z</updated>"
AUTHOR = "<author><name>Example</name></author>"
ENTRY = (
    "<entry><id>urn:example:one</id><title>One</title><updated>2024-04-02T00:00:00Z</updated>"
    '<link rel="alternate" type="text/html" href="https://example.org/one/"/></entry>'
)
VALID = f"{HEAD}{FEED_PARTS}{SELF}{AUTHOR}{ENTRY}</feed>"


def test_a_valid_feed_passes() -> None:
    assert atom.problems(VALID, require_self=True) == []
    assert atom.problems(VALID.replace(SELF, ""), require_self=False) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (HEAD, '<feed xmlns="http://www.w3.org/2005/Atom-not">', "the root element must be atom:feed"),
        ("<id>urn:example:feed</id>", "", "feed: 4.1.1: must contain exactly one atom:id"),
        ("<title>Example</title>", "", "feed: 4.1.1: must contain exactly one atom:title"),
        ("<title>One</title>", "<title>One</title><title>Two</title>", "4.1.2: must contain exactly one atom:title"),
        ("<updated>2024-04-02T00:00:00Z</updated>", "", "4.1.2: must contain exactly one atom:updated"),
        (AUTHOR, "", "4.1.2: no atom:author, and the feed has none"),
        (AUTHOR, "<author><uri>https://example.org/</uri></author>", "3.2: atom:author must contain exactly one"),
        ("2024-04-02T00:00:00Z", "2024-04-02", "3.3: atom:updated '2024-04-02' is not an RFC 3339 date-time"),
        ("2024-04-02T00:00:00Z", "2024-04-02t00:00:00z", "is not an RFC 3339 date-time"),
        ("2024-04-02T00:00:00Z", "2024-02-30T00:00:00Z", "is not an RFC 3339 date-time"),
        ("urn:example:one", "one", "4.2.6: atom:id 'one' is not an absolute IRI"),
        ('href="https://example.org/feed.xml"', 'href="feed.xml"', "4.2.7.2: the self link must be absolute"),
        ('rel="self" type="application/atom+xml"', 'rel="self"', "4.2.7.2: the self link must be absolute"),
        (SELF, "", "feed: 4.2.7.2: wanted one self link, has 0"),
        ('<link rel="alternate" type="text/html" href="https://example.org/one/"/>', "", "must have an alternate"),
        ('type="text/html"', 'type="html"', "4.2.7.3: atom:link type 'html' is not a media type"),
        (
            'href="https://example.org/one/"/>',
            'href="https://example.org/one/"/><link type="text/html" href="/two/"/>',
            "two alt",
        ),
        ('href="https://example.org/one/"', 'href=""', "4.2.7.1: atom:link must have an href"),
        ("<title>One</title>", '<title type="markdown">One</title>', "3.1.1: atom:title type must be text"),
        ("</entry>", "<summary>A</summary><summary>B</summary></entry>", "must not contain more than one atom:summary"),
        ("</entry>", '<content src="https://example.org/x"/></entry>', "content by reference or Base64 needs"),
        ("</feed>", f"{ENTRY}</feed>", "two entries have the id 'urn:example:one'"),
        ("</feed>", "", "not well-formed XML"),
    ],
)
def test_each_breach_is_named(old: str, new: str, expected: str) -> None:
    assert old in VALID
    found = atom.problems(VALID.replace(old, new, 1), require_self=True)
    assert any(expected in problem for problem in found), found
