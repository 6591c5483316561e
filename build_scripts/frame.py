"""An explainer's frame: when the page itself was published and revised, and what its sources cover.

The page's dates are its own, not its sources': `published` is the day the page first
appeared on this site, `as_of` the date up to which its sources report. A page cannot
claim coverage its sources do not give, nor cite a source published after its last
revision.
"""

from __future__ import annotations

from build_scripts.errors import Problem
from build_scripts.models import Glossary
from build_scripts.validate import Loaded
from build_scripts.yamlload import Document


def check(loaded: Loaded) -> list[Problem]:
    """Refuse an as-of date later than every dated source, and a source dated after the page's last revision."""
    model, doc = loaded.model, loaded.doc
    problems = []
    dated = [(source.date, source.id) for source in model.sources if source.date]
    if dated and model.as_of > (newest := max(dated))[0]:
        problems.append(
            doc.problem(
                ("as_of",),
                f"as_of ({model.as_of.isoformat()}) is later than the newest source, '{newest[1]}' of"
                f" {newest[0].isoformat()}: the page would claim to cover reporting its sources do not give;"
                " give the date of the newest source it reports from",
            )
        )
    revised = model.last_revised()
    for i, source in enumerate(model.sources):
        if source.date and source.date > revised:
            problems.append(
                doc.problem(
                    ("sources", i, "date"),
                    f"this source is dated {source.date.isoformat()}, after the page was last published or revised"
                    f" ({revised.isoformat()}): `published` is the page's own first publication; a source added"
                    " later comes with a revision entry of its date",
                )
            )
    return problems


def glossary(doc: Document, terms: Glossary) -> list[Problem]:
    """Refuse a definition dated later than every dated source it cites: it would describe what they do not."""
    dates = {source.id: source.date for source in terms.sources if source.date}
    problems = []
    for i, term in enumerate(terms.terms):
        cited = [dates[s] for s in term.sources if s in dates]
        if term.as_of and cited and term.as_of.earliest() > max(cited):
            problems.append(
                doc.problem(
                    ("terms", i, "as_of"),
                    f"the definition is dated {term.as_of} but its newest source is of {max(cited).isoformat()}:"
                    " date it when its sources describe it",
                )
            )
    return problems
