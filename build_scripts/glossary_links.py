"""A Python-Markdown extension that links glossary terms where readers meet them.

The first occurrence of each term in each section of a page (a heading starts a new
section) becomes a link to its glossary entry, with the short definition as the link's
title, which Material shows as a tooltip (`content.tooltips`). Text inside headings,
links, code and preformatted blocks is left alone, and so are attribute values.

In mkdocs.yml (the `glossary` option defaults to content/glossary.yaml; under MkDocs the
hook, `mkdocs_hook.py`, reads it from beside mkdocs.yml, wherever the build runs from):

    markdown_extensions:
      - build_scripts.glossary_links

The glossary is read when a page is converted, not when MkDocs loads its configuration,
through the generator's own way in (`pipeline.glossary`, which shares its cache), and a
mistake in it never raises: the generator reports it with its place and stops the
build before any page is converted, while a preview keeps the terms last read.

Links point at `/glossary/index.md#<term-id>`; MkDocs makes them relative and checks
the anchor (`validation: links: absolute_links: relative_to_docs`). Zensical (0.0.73)
leaves such links as they are, so under Zensical they only work at the site's root.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from build_scripts import pipeline
from build_scripts.models import Glossary
from build_scripts.terms import Matcher

SKIP = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style", "svg", "abbr", "button", "textarea"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_PLACEHOLDER = re.compile("\x02[^\x03]*\x03")  # Python-Markdown's stash and escape markers


@dataclass(frozen=True)
class Terms:
    """What the extension needs of the glossary: a matcher and each term's tooltip."""

    matcher: Matcher
    tooltips: dict[str, str]

    @classmethod
    def from_glossary(cls, glossary: Glossary) -> Terms:
        """Index every name and other name of every term."""
        names = [(t.id, name) for t in glossary.terms for name in (t.term, *t.other_names)]
        return cls(Matcher(names), {t.id: t.definition() for t in glossary.terms})


_NO_TERMS = Terms(Matcher([]), {})
_cache: dict[str, tuple[tuple[int, int], Terms]] = {}
"""By glossary path: the version of the file last read (its mtime and size), and its last valid terms."""


def load_terms(path: Path) -> Terms:
    """The glossary's terms, read once per version of the file.

    Never raises: while the file is missing or invalid, the last valid terms read from it are
    kept (none at first). The generator reports the glossary's problems with their places, and
    stops the build before any page is converted (`mkdocs_hook.py`); an exception here would
    surface inside MkDocs as a crash instead.
    """
    resolved = str(path.resolve())
    version, last = _cache.get(resolved, ((0, 0), _NO_TERMS))
    try:
        stat = path.stat()
    except OSError:
        return last
    if (stat.st_mtime_ns, stat.st_size) != version:
        glossary = pipeline.glossary(path)  # the generator's own reading, through its cache
        terms = last if glossary is None else Terms.from_glossary(glossary)
        _cache[resolved] = (stat.st_mtime_ns, stat.st_size), terms
    return _cache[resolved][1]


class GlossaryLinker(Treeprocessor):
    """Link the first occurrence of each term per section."""

    def __init__(self, md: Markdown, glossary: Path, page: str) -> None:
        super().__init__(md)
        self.glossary = glossary
        self.page = page
        self.terms = _NO_TERMS

    def run(self, root: etree.Element) -> None:
        # Read when a page is converted, not when MkDocs loads its configuration: by then the
        # generator has checked the glossary and reported any mistake in it.
        self.terms = load_terms(self.glossary)
        if self.terms.matcher:
            self._walk(root, _Section())

    def _walk(self, element: etree.Element, section: _Section) -> None:
        children = list(element)  # before links are inserted
        inserted = 0  # links inserted so far, all before the child at hand
        if element.text:
            element.text, inserted = self._link(element.text, section, element, 0)
        for i, child in enumerate(children):
            if child.tag in HEADINGS:
                section.start(child.get("id"))
            elif child.tag not in SKIP:
                self._walk(child, section)
            if child.tail:
                child.tail, added = self._link(child.tail, section, element, i + inserted + 1)
                inserted += added

    def _link(self, value: str, section: _Section, parent: etree.Element, index: int) -> tuple[str, int]:
        """Link the terms in `value` not yet linked in this section; return the text before the first
        link, and how many links there are.

        The links (each carrying the text that follows it as its tail) are inserted into
        `parent` at `index`.
        """
        if not self.terms.matcher.may_hold(value):  # most texts: nothing to link
            return value, 0
        links: list[etree.Element] = []
        head, pos = value, 0
        for start, end in _plain_spans(value):
            for found in self.terms.matcher.find(value[start:end]):
                if found.term_id in section.linked or found.term_id == section.heading_id:
                    continue
                section.linked.add(found.term_id)
                begin, finish = start + found.start, start + found.end
                if links:
                    links[-1].tail = value[pos:begin]
                else:
                    head = value[:begin]
                link = etree.Element(
                    "a",
                    {"href": f"/{self.page}#{found.term_id}", "title": self.terms.tooltips[found.term_id]},
                )
                link.set("class", "glossary-term")
                link.text = value[begin:finish]
                links.append(link)
                pos = finish
        if links:
            links[-1].tail = value[pos:]
            for offset, link in enumerate(links):
                parent.insert(index + offset, link)
        return head, len(links)


class _Section:
    """The terms already linked in the current section, and the section's anchor."""

    def __init__(self) -> None:
        self.linked: set[str] = set()
        self.heading_id: str | None = None

    def start(self, heading_id: str | None) -> None:
        self.linked = set()
        self.heading_id = heading_id


def _plain_spans(value: str) -> list[tuple[int, int]]:
    """The stretches of `value` between Python-Markdown's placeholders."""
    spans, pos = [], 0
    for marker in _PLACEHOLDER.finditer(value):
        spans.append((pos, marker.start()))
        pos = marker.end()
    spans.append((pos, len(value)))
    return spans


class GlossaryLinkExtension(Extension):
    """Register the glossary linker."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "glossary": ["content/glossary.yaml", "Path of the glossary YAML file"],
            "page": ["glossary/index.md", "The glossary page, relative to the docs folder"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        linker = GlossaryLinker(md, Path(self.getConfig("glossary")), self.getConfig("page"))
        # Priority 0, registered after Python-Markdown's unescape step and before MkDocs
        # rewrites links, so text is final and our links are made relative like any other.
        md.treeprocessors.register(linker, "glossary_links", 0)


def makeExtension(**kwargs: Any) -> GlossaryLinkExtension:
    """Create the extension (Python-Markdown calls this by the module's name)."""
    return GlossaryLinkExtension(**kwargs)
