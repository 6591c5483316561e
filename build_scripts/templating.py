"""What every generated page is written with: Markdown made on purpose, and the Jinja templates.

Every value a template prints is escaped as literal text unless it is `Md`, Markdown
made here on purpose: contributor text can only reach a page through `text.to_markdown`.
"""

from __future__ import annotations

import html
import json
import urllib.parse
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from build_scripts import text
from build_scripts.fields import MONTHS, PartialDate
from build_scripts.models import Actor, Attributed, Explainer, Figure, Source

TEMPLATES = Path(__file__).parent / "templates"

KIND_PLURALS = {
    "state": "States",
    "organisation": "Organisations",
    "armed-group": "Armed groups",
    "de-facto-authority": "De facto authorities",
    "person": "People",
}
KIND_LABELS = {
    "state": "State",
    "organisation": "Organisation",
    "armed-group": "Armed group",
    "de-facto-authority": "De facto authority",
    "person": "Person",
}


class Md(str):
    """Markdown built by the renderer, printed as it is."""


def _finalize(value: Any) -> str:
    if isinstance(value, Md):
        return value
    if value is None:
        return ""
    return text.escape(str(value))


def md(value: str | None) -> Md:
    """Render checked contributor text (the Markdown subset) as Markdown."""
    return Md(text.to_markdown(value) if value else "")


def day(value: date | PartialDate | None) -> str:
    """Format a date for readers: 19 September 2023."""
    if value is None:
        return ""
    if isinstance(value, PartialDate):
        return value.display()
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def amount(figure: Figure) -> str:
    """Format a figure's value or range with its unit: 469 people, 5–10 people."""
    return figure.amount()


def translated(said: Attributed) -> str:
    """Say that quoted words are a translation, and by whom: ` (translated from Russian by …)`, or nothing."""
    translation = said.translation()
    return f" ({translation})" if translation else ""


def front_matter(**fields: str) -> Md:
    """Front matter whose values are safe even where a theme prints them unescaped.

    Text is HTML-escaped; `jsonld` is JSON in which <, > and & are written as \\u escapes,
    so it cannot close the script element it is printed in.
    """
    lines = []
    for key, value in fields.items():
        safe = _script_safe(value) if key == "jsonld" else html.escape(value)
        lines.append(f"{key}: {json.dumps(safe, ensure_ascii=False)}")
    return Md("---\n" + "\n".join(lines) + "\n---\n")


def _script_safe(data: str) -> str:
    return data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def link(label: str, url: str | None) -> Md:
    """A Markdown link with escaped text, or the escaped text alone when there is no address."""
    return Md(f"[{text.escape(label)}]({href(url)})" if url else text.escape(label))


def href(url: str) -> str:
    """Percent-encode what could end a Markdown link early; the URL was checked on load."""
    return urllib.parse.quote(url, safe=":/?#@!$&'*+,;=%~[]")


def actor_link(actors: Mapping[str, Actor], actor_id: str) -> Md:
    """Link to an actor's page from any generated page (all sit one folder deep)."""
    return Md(f"[{text.escape(text.to_plain(actors[actor_id].name))}](../actors/{actor_id}.md)")


def source_line(source: Source) -> Md:
    """Describe a source for readers: title, publisher, date and link where known."""
    parts = [text.to_plain(source.title)]
    if source.publisher:
        parts.append(text.to_plain(source.publisher))
    if source.date:
        parts.append(day(source.date))
    # Escaped as one line: "00" followed by ". " would otherwise start a list.
    line = text.escape(". ".join(parts) + ".")
    if source.url:
        line += f" [Read the source]({href(source.url)})"
    missing = [name for name, value in (("publisher", source.publisher), ("address", source.url)) if not value]
    if missing:
        line += f" {' and '.join(missing).capitalize()} not recorded."
    return Md(line)


def source_brief(source: Source) -> Md:
    """Name a source in one phrase, linked where its address is known: *Title*, Publisher, date."""
    title = text.escape(text.to_plain(source.title))
    parts = [f"[*{title}*]({href(source.url)})" if source.url else f"*{title}*"]
    if source.publisher:
        parts.append(text.escape(text.to_plain(source.publisher)))
    if source.date:
        parts.append(day(source.date))
    return Md(", ".join(parts))


def source_of(explainer: Explainer, source_id: str) -> Md:
    """Name one of an explainer's sources by id, for pages outside the explainer."""
    return source_brief(next(s for s in explainer.sources if s.id == source_id))


def _environment() -> jinja2.Environment:
    """The Jinja environment every page is rendered in; built once, when this module is loaded."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,  # the output is Markdown; _finalize escapes for Markdown instead
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(md=md, day=day, amount=amount, plain=text.to_plain, kind=KIND_LABELS.get, translated=translated)
    env.globals.update(
        front_matter=front_matter,
        link=link,
        source_line=source_line,
        source_of=source_of,
        source_brief=source_brief,
        plural=KIND_PLURALS,
    )
    return env


def template(name: str) -> jinja2.Template:
    """A template of build_scripts/templates/, compiled once per process."""
    return _ENV.get_template(name)


_ENV = _environment()  # last: its globals are the functions above
