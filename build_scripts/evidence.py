"""Evidence: every quote, figure, dated event and marked claim, checked against the source's words it carries.

Each claim carries an excerpt: the words of its source that support it, copied exactly.
Here they are compared mechanically: a quote must stand in its excerpt word for word (a
mismatch is named at its first differing word); a figure's number must be in its excerpt
(in digits or words), and its claimant named there unless the source states the number in
its own voice; an event's date must be stated in one of its excerpts, or agree with what
its date_basis and excerpts say of it; a marked claim must stand in its section, and each
number it states be in its excerpt, followed there by what it counts. Figures of one
measure are either rival claims with one unit, or the parts of one total. The rest is held
to its excerpts the same way (`check_parts`): each date of an event whose sources differ,
each other attribution of a quote and the date a quote was said, the numbers and claimant
of a count over time, and a key fact's words or date.

Comparisons follow the rules of `matching.py`; numbers are read by `numbers.py`, and the
dates a date_basis names by `eventdates.py`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

from build_scripts import eventdates, numbers
from build_scripts.errors import Problem
from build_scripts.fields import MONTHS, PartialDate
from build_scripts.matching import difference, find, in_text, normalise, word_at
from build_scripts.models import Actor, Attributed, Claim, Event, Explainer, Figure, Quote, Source, format_number
from build_scripts.numbers import numbers_in
from build_scripts.validate import Loaded
from build_scripts.yamlload import Document
from build_scripts.yamlload import Path as YamlPath


def excerpts(explainer: Explainer) -> Iterator[tuple[YamlPath, str, str]]:
    """Every excerpt of an explainer: (where it stands, the source's id, the source's words)."""
    for i, section in enumerate(explainer.background):
        for j, claim in enumerate(section.claims):
            yield ("background", i, "claims", j, "excerpt"), claim.source, claim.excerpt
    for path, event in events(explainer):
        for j, evidence in enumerate(event.evidence):
            yield (*path, "evidence", j, "excerpt"), evidence.source, evidence.excerpt
    for i, position in enumerate(explainer.positions):
        for j, quote in enumerate(position.quotes):
            yield ("positions", i, "quotes", j, "excerpt"), quote.source, quote.excerpt
    for i, figure in enumerate(explainer.figures):
        yield ("figures", i, "excerpt"), figure.source, figure.excerpt
    yield from _more_excerpts(explainer)


def names(actor: Actor, excerpt: str) -> bool:
    """Tell whether `excerpt` names the actor, by its name or one of its other names."""
    haystack = normalise(excerpt).casefold()
    return any(find(normalise(name).casefold(), haystack, 0) >= 0 for name in (actor.name, *actor.other_names))


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
    return any(find(form.casefold(), haystack, 0) >= 0 for form in date_forms(when))


def check(doc: Document, explainer: Explainer, actors: Mapping[str, Actor]) -> list[Problem]:
    """Compare every claim of one explainer with the excerpt it carries; check its figure groups."""
    return list(_problems(doc, explainer, actors))


def _problems(doc: Document, explainer: Explainer, actors: Mapping[str, Actor]) -> Iterator[Problem]:
    dated = {s.id: s.date for s in explainer.sources}
    for i, section in enumerate(explainer.background):
        for j, claim in enumerate(section.claims):
            where = ("background", i, "claims", j, "text")
            if found := difference(claim.text, section.body):
                differs = found.describe("sentence", "body", "the body")
                message = f"this sentence is not in the section's body word for word: {differs}"
                yield _at_word(doc, where, claim.text, found.number, message)
            yield from _claim_numbers(doc, where, claim, dated.get(claim.source))
    for i, position in enumerate(explainer.positions):
        for j, quote in enumerate(position.quotes):
            if found := difference(quote.text, quote.excerpt):
                where = ("positions", i, "quotes", j, "text")
                yield _at_word(doc, where, quote.text, found.number, found.describe("quote", "excerpt", "its excerpt"))
    for i, figure in enumerate(explainer.figures):
        yield from _figure(doc, i, figure, actors)
    yield from _figure_groups(doc, explainer)
    for path, event in events(explainer):
        yield from _event(doc, path, event, dated)


def events(explainer: Explainer) -> Iterator[tuple[YamlPath, Event]]:
    """Every dated event of an explainer, with where it stands: the timeline's, then what-to-watch outcomes."""
    yield from ((("timeline", i), event) for i, event in enumerate(explainer.timeline))
    for i, watch in enumerate(explainer.what_to_watch):
        if watch.outcome is not None:
            yield ("what_to_watch", i, "outcome"), watch.outcome


def _at_word(doc: Document, path: YamlPath, words: str, number: int, message: str) -> Problem:
    """A problem at word `number` of the text at `path`, where the file holds it."""
    start = word_at(words, number)
    return doc.problem(path, message, at=None if start is None else (words, start))


def _claim_numbers(doc: Document, path: YamlPath, claim: Claim, published: date | None) -> Iterator[Problem]:
    """Every number a claim states is in its excerpt, counting what the excerpt counts there.

    A year may be the year of the source's date (`published`) instead: "in March" in an
    article of 16 March 2024 is March 2024."""
    said = normalise(claim.text)
    excerpt = normalise(claim.excerpt)
    said_numbers, tokens = numbers.read(said)
    stated, excerpt_tokens = numbers.read(excerpt)
    for number in said_numbers:
        if numbers.pronoun(number, tokens, said):
            continue
        start = in_text(claim.text, tokens[number.first].start())
        at = None if start is None else (claim.text, start)
        written = said[tokens[number.first].start() : tokens[number.last].end()]
        same = [n for n in stated if number.value in n.values]
        if not same and not (number.year and published and number.value == published.year):
            yield doc.problem(path, f"{written!r} is not in the claim's excerpt, in digits or in words", at=at)
        if not same:
            continue
        counted = numbers.counted(number, tokens)
        if counted is None or number.year:
            continue
        windows = [(n, numbers.following(n, stated, excerpt_tokens)) for n in same]
        if not any(numbers.counts(tokens[counted].group(), window) for _, window in windows):
            first, window = windows[0]
            theirs = excerpt[
                excerpt_tokens[first.first].start() : (window[-1] if window else excerpt_tokens[first.last]).end()
            ]
            yield doc.problem(
                path,
                f"{said[tokens[number.first].start() : tokens[counted].end()]!r} differs from the excerpt's"
                f" {theirs!r}: the word after a number (or after its 'of') says what it counts, and follows the"
                " number in the excerpt too, within four words",
                at=at,
            )


def _event(doc: Document, where: YamlPath, event: Event, dated: Mapping[str, date | None]) -> Iterator[Problem]:
    """An event's date is stated by an excerpt, or agrees with what its date_basis and excerpts say.

    `dated` gives each source's date, by id."""
    if event.date is None:  # sources differ: each date stands in its own excerpt (_disputed_dates)
        return
    if event.date_basis is not None:
        said = [eventdates.Said(("date_basis",), normalise(event.date_basis))]
        said += [
            eventdates.Said(("evidence", j, "excerpt"), normalise(e.excerpt)) for j, e in enumerate(event.evidence)
        ]
        texts: dict[YamlPath, str] = {("date_basis",): event.date_basis}
        texts |= {("evidence", j, "excerpt"): e.excerpt for j, e in enumerate(event.evidence)}
        for found in eventdates.check(event.date, said, [(s, dated.get(s)) for s in event.sources]):
            start = None if found.at is None else in_text(texts[found.field], found.at)
            at = None if start is None else (texts[found.field], start)
            yield doc.problem((*where, *found.field), found.message, at=at)
        return
    stating = [j for j, e in enumerate(event.evidence) if states(event.date, e.excerpt)]
    if not stating:
        yield doc.problem(
            (*where, "date"),
            f"no excerpt states the date ({' or '.join(date_forms(event.date))}): quote the words that date"
            " the event, or say in date_basis how the date follows from the source",
        )
        return
    if not event.date.day or any(_states_year(event.date, event.evidence[j].excerpt) for j in stating):
        return
    if any((day := dated.get(event.evidence[j].source)) and day.year == event.date.year for j in stating):
        return  # the year is the source's
    j = stating[0]
    source = event.evidence[j].source
    day = dated.get(source)
    form = next(
        f for f in date_forms(event.date) if find(f.casefold(), normalise(event.evidence[j].excerpt).casefold(), 0) >= 0
    )
    yield doc.problem(
        (*where, "date"),
        f"evidence[{j}].excerpt gives {form!r} but no year, and source '{source}' "
        + (f"is dated {day.isoformat()}" if day else "has no date")
        + f": say in date_basis how the year {event.date.year} follows from the source"
        + ("" if day else ", or give the source its date"),
    )


def _states_year(when: PartialDate, excerpt: str) -> bool:
    """Tell whether `excerpt` states a day's date with its year: 19 September 2023, September 19, 2023."""
    month = MONTHS[when.month - 1]
    forms = [f"{when.day} {month} {when.year}", f"{month} {when.day}, {when.year}", f"{month} {when.day} {when.year}"]
    haystack = normalise(excerpt).casefold()
    return any(find(form.casefold(), haystack, 0) >= 0 for form in [*forms, str(when)])


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
    """Refuse a person whose dated offices say nothing of the date the page shows them on (when their
    latest words here were said, or else the explainer's date), or of the date one of their quotes
    was said: the page would show no office, or the wrong one."""
    problems = []
    for i, involvement in enumerate(loaded.model.actors):
        actor = actors.get(involvement.actor)
        if actor is None or not actor.offices:
            continue
        quoted = loaded.model.last_said(actor.id)
        day = quoted or PartialDate(loaded.model.as_of.year, loaded.model.as_of.month, loaded.model.as_of.day)
        if not any(o.held_throughout(day) for o in actor.offices):
            when = (
                f"throughout {quoted} (when their latest words here were said)"
                if quoted
                else f"on {day} (this explainer's as_of)"
            )
            problems.append(
                loaded.doc.problem(
                    ("actors", i, "actor"),
                    f"{actor.name} held none of their offices in content/actors.yaml {when}: add the office held"
                    " then, with its dates",
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
    for path, event in events(explainer):
        for j, given in enumerate(event.dates):
            yield (*path, "dates", j, "excerpt"), given.source, given.excerpt
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
    for path, event in events(explainer):
        for j, given in enumerate(event.dates):
            if not states(given.date, given.excerpt):
                yield doc.problem(
                    (*path, "dates", j, "date"),
                    f"the excerpt does not state this date ({' or '.join(date_forms(given.date))}): quote the"
                    " words of the source that give it",
                )


def _attribution(
    doc: Document, path: YamlPath, quote: Quote, said: Attributed, sources: Mapping[str, Source]
) -> Iterator[Problem]:
    """One attribution of a quote: its words in its excerpt (the quote's own are checked with the
    quotes), and the date it was said in its excerpt or its source's."""
    words = said.text or quote.text
    if said is not quote and (found := difference(words, said.excerpt)):
        differs = found.describe("quote", "excerpt", "this excerpt")
        if said.text:
            yield _at_word(doc, (*path, "text"), said.text, found.number, differs)
        else:  # the quote's own words, which stand in its own excerpt: this excerpt differs
            yield doc.problem((*path, "excerpt"), differs)
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
        if fact.text is not None and find(normalise(fact.text).casefold(), normalise(fact.excerpt).casefold(), 0) < 0:
            yield doc.problem(
                ("key_facts", i, "text"),
                "the fact's words are not in its excerpt: quote the words of the source that state it",
            )
