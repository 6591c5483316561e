"""Evidence: every quote, figure, dated event and marked claim, checked against the source's words it carries.

Each claim carries an excerpt: the words of its source that support it, copied exactly.
Here they are compared mechanically: a quote must stand in its excerpt word for word; a
figure's number must be in its excerpt (in digits or words), and its claimant named
there unless the source states the number in its own voice; an event's date must be
stated in one of its excerpts unless the event says how the date was derived; a marked
claim must stand in its section. Figures of one measure are either rival claims with one
unit, or the parts of one total.

Comparisons ignore the difference between straight and curly quotation marks and between
runs of white space; in a quote, `[...]` and `…` mark words left out and `[words]` words put
in by the editor. Nothing else is forgiven.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from build_scripts import text
from build_scripts.errors import Problem
from build_scripts.fields import MONTHS, PartialDate
from build_scripts.models import Actor, Attributed, Explainer, Figure, Quote, Source, format_number
from build_scripts.validate import Loaded
from build_scripts.yamlload import Document
from build_scripts.yamlload import Path as YamlPath

_MARKS = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "\u00a0": " "})
_SPACE = re.compile(r"\s+")
EDITORIAL = re.compile(r"\[(?:\.\.\.|…)\]|…|\.\.\.|\[[^\]]*\]")
"""The editorial marks a quote may carry: words left out (`[...]`, `…`, `...`) or put in (`[and]`)."""
_DIGITS = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_TOKENS = re.compile(r"[A-Za-z]+|\d[\d,]*(?:\.\d+)?")


def flatten(words: str) -> str:
    """Text with one kind of quotation mark and single spaces, for comparing words."""
    return _SPACE.sub(" ", words.translate(_MARKS)).strip()


def normalise(words: str) -> str:
    """Contributor text (the Markdown subset) as plain words, flattened for comparing."""
    return flatten(text.to_plain(words))


def excerpts(explainer: Explainer) -> Iterator[tuple[YamlPath, str, str]]:
    """Every excerpt of an explainer: (where it stands, the source's id, the source's words)."""
    for i, section in enumerate(explainer.background):
        for j, claim in enumerate(section.claims):
            yield ("background", i, "claims", j, "excerpt"), claim.source, claim.excerpt
    for i, event in enumerate(explainer.timeline):
        for j, evidence in enumerate(event.evidence):
            yield ("timeline", i, "evidence", j, "excerpt"), evidence.source, evidence.excerpt
    for i, position in enumerate(explainer.positions):
        for j, quote in enumerate(position.quotes):
            yield ("positions", i, "quotes", j, "excerpt"), quote.source, quote.excerpt
    for i, figure in enumerate(explainer.figures):
        yield ("figures", i, "excerpt"), figure.source, figure.excerpt
    yield from _more_excerpts(explainer)


def stands_in(excerpt: str, archived: str) -> bool:
    """Tell whether the excerpt stands word for word in a source's archived text (already flattened)."""
    return _find(normalise(excerpt), archived, 0) >= 0


def _find(piece: str, haystack: str, start: int) -> int:
    """Where `piece` stands in `haystack` from `start` as whole words, or -1."""
    found = _whole(re.escape(piece), piece).search(haystack, start)
    return found.start() if found else -1


def _whole(pattern: str, piece: str) -> re.Pattern[str]:
    """`pattern` matching only where `piece` would not start or end inside a word."""
    before = r"(?<!\w)" if piece[:1].isalnum() else ""
    after = r"(?!\w)" if piece[-1:].isalnum() else ""
    return re.compile(before + pattern + after)


def missing_from(quote: str, excerpt: str) -> str | None:
    """The first stretch of `quote` that does not stand, in order, in `excerpt`; None when all do.

    Words left out (`[...]`, `…`) may stand for any words; words put in (`[and]`) for any
    words or none; a capital put in (`[T]raffic`) for the letter in either case.
    """
    haystack = normalise(excerpt)
    at = 0
    quote = normalise(quote)
    marks = list(EDITORIAL.finditer(quote))
    bounds = [0, *(p for m in marks for p in m.span()), len(quote)]
    for n in range(0, len(bounds), 2):
        piece = quote[bounds[n] : bounds[n + 1]]
        letter = marks[n // 2 - 1].group() if n and re.fullmatch(r"\[[A-Za-z]\]", marks[n // 2 - 1].group()) else ""
        if letter and piece[:1].isalpha():  # "[T]raffic": the editor changed the case of a first letter
            piece = piece.strip()
            pattern = f"[{letter[1].upper()}{letter[1].lower()}]" + re.escape(piece)
            match = _whole(pattern, "x" + piece).search(haystack, at)
        else:
            piece = piece.strip()
            if not piece:
                continue
            match = _whole(re.escape(piece), piece).search(haystack, at)
        if match is None:
            return (letter + piece) if letter else piece
        at = match.end()
    return None


def numbers_in(words: str) -> set[float]:
    """Every number `words` state: in digits (`2,000`, `4.5`, `2 million`) or in words (`four`, `two thousand`)."""
    found: set[float] = set()
    run: list[str] = []  # the number words read so far

    def close() -> None:
        if run:
            found.add(_value(run))
            run.clear()

    tokens = [t.rstrip(",") for t in _TOKENS.findall(normalise(words))]
    for i, token in enumerate(tokens):
        word = token.lower()
        if _DIGITS.match(token):
            close()
            number = float(token.replace(",", ""))
            following = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
            found.add(number * _SCALES.get(following, 1))
            found.add(number)
        elif word in _SCALES and i and _DIGITS.match(tokens[i - 1]):
            continue  # the scale of the number before it: "2 million"
        elif word in _UNITS or (word in _SCALES and (run or word != "hundred")):
            run.append(word)
        elif word == "and" and run[-1:] == ["hundred"]:
            continue  # "two hundred and five" is one number; "three and four" are two
        else:
            close()
    close()
    return found


def _value(words: list[str]) -> float:
    total = current = 0
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        else:
            total += max(current, 1) * _SCALES[word]
            current = 0
    return float(total + current)


def names(actor: Actor, excerpt: str) -> bool:
    """Tell whether `excerpt` names the actor, by its name or one of its other names."""
    haystack = normalise(excerpt).casefold()
    return any(_find(normalise(name).casefold(), haystack, 0) >= 0 for name in (actor.name, *actor.other_names))


def date_forms(when: PartialDate) -> list[str]:
    """The ways a source may write a date: 19 September 2023, September 19, 2023-09-19, September 2023, 2023."""
    if not when.month:
        return [str(when.year)]
    month = MONTHS[when.month - 1]
    if not when.day:
        return [f"{month} {when.year}", str(when)]
    return [f"{when.day} {month}", f"{month} {when.day}", str(when)]


def states(when: PartialDate, excerpt: str) -> bool:
    """Tell whether `excerpt` states the date (a day without its year counts)."""
    haystack = normalise(excerpt).casefold()
    return any(_find(form.casefold(), haystack, 0) >= 0 for form in date_forms(when))


def check(doc: Document, explainer: Explainer, actors: Mapping[str, Actor]) -> list[Problem]:
    """Compare every claim of one explainer with the excerpt it carries; check its figure groups."""
    return list(_problems(doc, explainer, actors))


def _problems(doc: Document, explainer: Explainer, actors: Mapping[str, Actor]) -> Iterator[Problem]:
    for i, section in enumerate(explainer.background):
        body = normalise(section.body)
        for j, claim in enumerate(section.claims):
            if missing_from(claim.text, body):
                yield doc.problem(
                    ("background", i, "claims", j, "text"), "this sentence is not in the section's body word for word"
                )
    for i, position in enumerate(explainer.positions):
        for j, quote in enumerate(position.quotes):
            if (gap := missing_from(quote.text, quote.excerpt)) is not None:
                yield doc.problem(
                    ("positions", i, "quotes", j, "text"),
                    f"the quote is not in its excerpt word for word: {gap[:60]!r} is not there",
                )
    for i, figure in enumerate(explainer.figures):
        yield from _figure(doc, i, figure, actors)
    yield from _figure_groups(doc, explainer)
    for i, event in enumerate(explainer.timeline):
        if event.date is None:  # sources differ: each date stands in its own excerpt (_disputed_dates)
            continue
        if event.date_basis is None and not any(states(event.date, e.excerpt) for e in event.evidence):
            yield doc.problem(
                ("timeline", i, "date"),
                f"no excerpt states the date ({' or '.join(date_forms(event.date))}): quote the words that date"
                " the event, or say in date_basis how the date follows from the source",
            )


def _figure(doc: Document, i: int, figure: Figure, actors: Mapping[str, Actor]) -> Iterator[Problem]:
    stated = numbers_in(figure.excerpt)
    for field, number in (("value", figure.value), ("low", figure.low), ("high", figure.high)):
        if number is not None and number not in stated:
            shown = f"{int(number):,}" if number.is_integer() else f"{number:,}"
            yield doc.problem(("figures", i, field), f"{shown} is not in the figure's excerpt, in digits or in words")
    claimant = actors.get(figure.claimed_by or "")
    if claimant is not None and not names(claimant, figure.excerpt):
        yield doc.problem(
            ("figures", i, "excerpt"),
            f"the excerpt does not name who claims the number, {claimant.name}: quote the words that do, add"
            " the source's words for them to the actor's other_names, or set source_voice: true if the"
            " source gives the number in its own voice",
        )


def _figure_groups(doc: Document, explainer: Explainer) -> Iterator[Problem]:
    """Figures of one measure are rival claims with one unit, or all the parts of one total."""
    groups: dict[str, list[int]] = {}
    for i, figure in enumerate(explainer.figures):
        groups.setdefault(figure.measure.casefold(), []).append(i)
    for members in groups.values():
        figures = [explainer.figures[i] for i in members]
        parts = [f.part is not None for f in figures]
        measure = figures[0].measure
        if any(parts) and not all(parts):
            lacking = members[parts.index(False)]
            yield doc.problem(
                ("figures", lacking, "measure"),
                f"the figures of {measure!r} are the parts of one total, but this one has no part:"
                " give each a part, or none if they are rival claims of one number",
            )
        elif not any(parts):
            for i, figure in zip(members[1:], figures[1:], strict=True):
                if figure.unit != figures[0].unit:
                    yield doc.problem(
                        ("figures", i, "unit"),
                        f"{figure.unit!r} differs from {figures[0].unit!r} (figures[{members[0]}]): rival claims"
                        " of one number are compared in one unit; if these figures are the parts of one"
                        " total, give each a part",
                    )


def stale(loaded: Loaded) -> Problem | None:
    """Warn when an explainer's as-of date is older than its newest source or event."""
    model = loaded.model
    dated = [(s.date, f"source '{s.id}'") for s in model.sources if s.date]
    dated += [(e.first().earliest(), f"the timeline event of {e.when()}") for e in model.timeline]
    if not dated:
        return None
    newest, what = max(dated)
    if newest <= model.as_of:
        return None
    message = f"as_of ({model.as_of.isoformat()}) is older than {what} ({newest.isoformat()}); update it"
    return loaded.doc.problem(("as_of",), message)


def offices(loaded: Loaded, actors: Mapping[str, Actor]) -> list[Problem]:
    """Refuse a person whose dated offices say nothing of the explainer's date, or of the date one of
    their quotes was said: the page would show no office, or the wrong one."""
    day = loaded.model.as_of
    problems = []
    for i, involvement in enumerate(loaded.model.actors):
        actor = actors.get(involvement.actor)
        if actor is not None and actor.offices and not any(o.held_on(day) for o in actor.offices):
            problems.append(
                loaded.doc.problem(
                    ("actors", i, "actor"),
                    f"{actor.name} held none of their offices in content/actors.yaml on {day.isoformat()} (this"
                    " explainer's as_of): add the office held then, with its dates",
                )
            )
    for path, _, said in _attributed(loaded.model):
        actor = actors.get(said.speaker)
        if said.said is None or actor is None or not actor.offices:
            continue
        if not any(o.held_throughout(said.said) for o in actor.offices):
            message = (
                f"{actor.name} held none of their offices in content/actors.yaml throughout {said.said} (when the"
                " quote was said): add the office held then, with its dates"
            )
            problems.append(loaded.doc.problem((*path, "said"), message))
    return problems


def _more_excerpts(explainer: Explainer) -> Iterator[tuple[YamlPath, str, str]]:
    """The excerpts of the disputed dates, quotes' other attributions, counts, key facts and documents."""
    for i, fact in enumerate(explainer.key_facts):
        yield ("key_facts", i, "excerpt"), fact.source, fact.excerpt
    for i, event in enumerate(explainer.timeline):
        for j, given in enumerate(event.dates):
            yield ("timeline", i, "dates", j, "excerpt"), given.source, given.excerpt
    for path, quote, said in _attributed(explainer):
        if said is not quote:  # the quote's own excerpt is listed with the quotes
            yield (*path, "excerpt"), said.source, said.excerpt
    for i, series in enumerate(explainer.series):
        for j, point in enumerate(series.points):
            yield ("series", i, "points", j, "excerpt"), point.source, point.excerpt
    for i, document in enumerate(explainer.documents):
        printed_in = {version.id: version.source for version in document.versions}
        for j, clause in enumerate(document.clauses):
            for k, wording in enumerate(clause.wording):
                if wording.version in printed_in:  # an unknown version is named by references.documents
                    yield (
                        ("documents", i, "clauses", j, "wording", k, "text"),
                        printed_in[wording.version],
                        wording.text,
                    )


def _attributed(explainer: Explainer) -> Iterator[tuple[YamlPath, Quote, Attributed]]:
    """Every attribution of every quote, with where it stands: the quote's own, then the others."""
    for i, position in enumerate(explainer.positions):
        for j, quote in enumerate(position.quotes):
            yield ("positions", i, "quotes", j), quote, quote
            for k, other in enumerate(quote.other_attributions):
                yield ("positions", i, "quotes", j, "other_attributions", k), quote, other


def check_parts(doc: Document, explainer: Explainer, actors: Mapping[str, Actor]) -> list[Problem]:
    """Compare the rest of one explainer with its excerpts: the dates of events whose sources
    differ, each attribution of a quote and the date it was said, the counts over time and the
    key facts."""
    sources = {source.id: source for source in explainer.sources}
    problems = list(_disputed_dates(doc, explainer))
    for path, quote, said in _attributed(explainer):
        problems += _attribution(doc, path, quote, said, sources)
    problems += _counts(doc, explainer, actors)
    problems += _key_facts(doc, explainer)
    return problems


def _disputed_dates(doc: Document, explainer: Explainer) -> Iterator[Problem]:
    for i, event in enumerate(explainer.timeline):
        for j, given in enumerate(event.dates):
            if not states(given.date, given.excerpt):
                yield doc.problem(
                    ("timeline", i, "dates", j, "date"),
                    f"the excerpt does not state this date ({' or '.join(date_forms(given.date))}): quote the"
                    " words of the source that give it",
                )


def _attribution(
    doc: Document, path: YamlPath, quote: Quote, said: Attributed, sources: Mapping[str, Source]
) -> Iterator[Problem]:
    """One attribution of a quote: its words in its excerpt (the quote's own are checked with the
    quotes), and the date it was said in its excerpt or its source's."""
    words = said.text or quote.text
    if said is not quote and (gap := missing_from(words, said.excerpt)) is not None:
        field = "text" if said.text else "excerpt"
        yield doc.problem((*path, field), f"the quote is not in this excerpt word for word: {gap[:60]!r} is not there")
    if said is not quote and said.speaker == quote.speaker and words == quote.text:
        yield doc.problem(
            path,
            "this attribution gives the quote's words to the quote's speaker: name the other speaker the"
            " source gives, or give the words as this source reports them in text",
        )
    if said.said is not None:
        yield from _said_on(doc, (*path, "said"), said, sources.get(said.source))


def _said_on(doc: Document, path: YamlPath, said: Attributed, source: Source | None) -> Iterator[Problem]:
    when = said.said
    assert when is not None
    published = source.date if source else None
    if published is not None and when.earliest() > published:
        yield doc.problem(path, f"{when} is after the date of its source, '{said.source}' ({published.isoformat()})")
    elif not states(when, said.excerpt) and not (published is not None and when.covers(published)):
        dated = f"the source's date ({published.isoformat()})" if published else "dated by the source"
        yield doc.problem(
            path,
            f"the excerpt does not state the date ({' or '.join(date_forms(when))}) and it is not {dated}:"
            " quote the words that date the quote, or leave out said",
        )


def _counts(doc: Document, explainer: Explainer, actors: Mapping[str, Actor]) -> Iterator[Problem]:
    """Each count's number and claimant in its excerpt; a measure counted over time is not also a figure's."""
    measures = {
        figure.measure.casefold(): f"figures[{i}]" for i, figure in reversed(list(enumerate(explainer.figures)))
    }
    for i, series in enumerate(explainer.series):
        claimant = actors.get(series.claimed_by)
        for j, point in enumerate(series.points):
            if point.value not in numbers_in(point.excerpt):
                yield doc.problem(
                    ("series", i, "points", j, "value"),
                    f"{format_number(point.value)} is not in the point's excerpt, in digits or in words",
                )
            if claimant is not None and not names(claimant, point.excerpt):
                yield doc.problem(
                    ("series", i, "points", j, "excerpt"),
                    f"the excerpt does not name who gives the number, {claimant.name}: quote the words that do,"
                    " or add the source's words for them to the actor's other_names",
                )
        first = measures.setdefault(series.measure.casefold(), f"series[{i}]")
        if first != f"series[{i}]":
            yield doc.problem(
                ("series", i, "measure"),
                f"{series.measure!r} is also the measure of {first}: a count over time is shown apart from"
                " other numbers; give each its own measure",
            )


def _key_facts(doc: Document, explainer: Explainer) -> Iterator[Problem]:
    for i, fact in enumerate(explainer.key_facts):
        if fact.date is not None and not states(fact.date, fact.excerpt):
            yield doc.problem(
                ("key_facts", i, "date"),
                f"the excerpt does not state the date ({' or '.join(date_forms(fact.date))}): quote the words"
                " of the source that give it",
            )
        if fact.text is not None and _find(normalise(fact.text).casefold(), normalise(fact.excerpt).casefold(), 0) < 0:
            yield doc.problem(
                ("key_facts", i, "text"),
                "the fact's words are not in its excerpt: quote the words of the source that state it",
            )
