"""The command line: `python -m build_scripts check|build|new|schema|place|outline`.

Each verb imports what it needs when it runs, so that `build` and `check` on content that did not
change start in a fraction of a second."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from build_scripts import identity, npm, pipeline, scaffold
from build_scripts.errors import ContentError, Problem, problems_count
from build_scripts.pipeline import Report, build

EXIT_OK, EXIT_INVALID, EXIT_BUG = 0, 1, 3
ARCHIVE_ENV = "EXPLAINERS_ARCHIVE"
"""The folder of archived sources that `check` verifies every excerpt against, unless `--archive` names one."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m build_scripts", description=__doc__)
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")
    check = verbs.add_parser("check", help="validate content/ and write nothing")
    gen = verbs.add_parser("build", help="write the generated Markdown under docs/")
    for sub in (check, gen):
        sub.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    check.add_argument(
        "--archive",
        type=Path,
        default=os.environ.get(ARCHIVE_ENV) or None,
        metavar="DIR",
        help=f"verify every excerpt against DIR/<source id>.txt (default: ${ARCHIVE_ENV})",
    )
    check.add_argument(
        "--against",
        metavar="REF",
        help="require a new revision for every published quote, figure or date changed since the git ref REF",
    )
    gen.add_argument("--docs", type=Path, default=Path("docs"), help="docs folder (default: docs)")
    gen.add_argument(
        "--site-url",
        default=os.environ.get("SITE_URL") or None,
        metavar="URL",
        help="the published address, for the feed's and the data's absolute links (default: $SITE_URL)",
    )
    new = verbs.add_parser("new", help="start a new explainer, content/explainers/<slug>.yaml")
    new.add_argument("slug", help="the page's address: lowercase words joined by hyphens")
    new.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    verbs.add_parser("schema", help="write the JSON Schemas and the field reference in CONTRIBUTING.md")
    place = verbs.add_parser("place", help="look a place up in the gazetteer (GeoNames): its coordinates, what to cite")
    place.add_argument("name", help="the place's name as GeoNames gives it, like Goris (any case, accents optional)")
    place.add_argument("--country", metavar="CC", help="only in this country (ISO 3166-1 alpha-2 code, like AM)")
    outline = verbs.add_parser(
        "outline", help="list a country's provinces, or copy one's outline (Natural Earth) into content/maps/"
    )
    outline.add_argument("code", help="a country (AM) to list its provinces, or a province (AM-SU) to copy")
    outline.add_argument("file", nargs="?", help="where to write the province's outline, like maps/syunik.geojson")
    outline.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    return parser


def _annotate(problem: Problem, level: str) -> str:
    """Format a problem as a GitHub Actions workflow command, so it shows on the pull request."""

    def data(value: str) -> str:
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(value: str) -> str:
        return data(value).replace(":", "%3A").replace(",", "%2C")

    field = f"{problem.field}: " if problem.field else ""
    where = f"file={prop(problem.path)},line={problem.line},col={problem.col}"
    return f"::{level} {where},title={prop('content ' + level)}::{data(field + problem.message)}"


def _report(problems: list[Problem], *, level: str) -> None:
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem if level == "error" else f"warning: {problem}", file=sys.stderr)
        if github:
            print(_annotate(problem, level))


def _check(content: Path, *, archived: Path | None, against: str | None) -> Report:
    """Find every problem a build would; with an archive or a git ref, check the excerpts and the log too."""
    problems: list[Problem] = []
    try:
        report = pipeline.check(content)
    except ContentError as exc:
        problems, report = exc.problems, Report([], 0, 0, 0)
    if archived is not None or against is not None:
        from build_scripts import against as against_ref  # noqa: PLC0415 (imported when used: see above)
        from build_scripts import archive  # noqa: PLC0415

        validated = pipeline.content(content)
        if archived is not None:
            found, unarchived = archive.check(validated.explainers, archived)
            problems += found
            report = replace(report, warnings=sorted(report.warnings + unarchived))
        if against is not None:
            problems += against_ref.check(validated, against)
    if problems:
        raise ContentError(sorted(set(problems)))
    return report


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run one verb; exit 0 on success, 1 on invalid content, 3 on a bug."""
    args = _parser().parse_args(argv)
    try:
        if args.verb == "check":
            report = _check(args.content, archived=args.archive, against=args.against)
            counts = ", ".join(
                _count(n, what)
                for n, what in (
                    (report.explainers, "explainer"),
                    (report.actors, "actor"),
                    (report.terms, "glossary term"),
                )
            )
            _report(report.warnings, level="warning")
            warned = f", {_count(len(report.warnings), 'warning')} above" if report.warnings else ""
            print(f"{args.content.as_posix()}: no problems{warned} ({counts})")
        elif args.verb == "build":
            site = identity.from_file()
            if args.site_url:  # given on the command line, or in $SITE_URL when mkdocs.yml has none
                site = site.model_copy(update={"url": args.site_url.rstrip("/") + "/"})
            written, warnings = build(args.content, args.docs, site)
            print(f"{args.docs.as_posix()}: {written}")
            _report(warnings, level="warning")
        elif args.verb == "new":
            path = scaffold.new(args.content, args.slug)
            print(f"{path.as_posix()}: created; fill it in, then run `make check-content`")
        elif args.verb == "place":
            from build_scripts import gazetteer  # noqa: PLC0415

            found_text, found = gazetteer.report(args.name, args.country)
            print(found_text, end="", file=sys.stdout if found else sys.stderr)
            return EXIT_OK if found else EXIT_INVALID
        elif args.verb == "outline":
            from build_scripts import subdivisions  # noqa: PLC0415

            code, file = args.code, args.file
            try:
                print(subdivisions.write(code, file, args.content) if file else subdivisions.listing(code), end="")
            except subdivisions.OutlineError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return EXIT_INVALID
        else:
            from build_scripts import schema  # noqa: PLC0415

            changed = schema.write(Path.cwd())
            print("\n".join(f"{rel}: updated" for rel in changed) or "schemas and field reference: up to date")
    except (scaffold.RefusedError, npm.PackageMissing) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except identity.IdentityError as exc:  # mkdocs.yml's identity: each field and what is wrong
        print(exc, file=sys.stderr)
        return EXIT_INVALID
    except ContentError as exc:
        _report(exc.problems, level="error")
        print(f"{problems_count(len(exc.problems))} found; nothing was written.", file=sys.stderr)
        return EXIT_INVALID
    except Exception:  # a bug, not a content mistake: keep the traceback for the report
        traceback.print_exc()
        print("internal error: please report it with the traceback above.", file=sys.stderr)
        return EXIT_BUG
    return EXIT_OK
