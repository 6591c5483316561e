"""The command line: `python -m build_scripts check|build`."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from build_scripts.errors import ContentError
from build_scripts.pipeline import build, generate

EXIT_OK, EXIT_INVALID, EXIT_BUG = 0, 1, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m build_scripts", description=__doc__)
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")
    check = verbs.add_parser("check", help="validate content/ and write nothing")
    gen = verbs.add_parser("build", help="write the generated Markdown under docs/")
    for sub in (check, gen):
        sub.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    gen.add_argument("--docs", type=Path, default=Path("docs"), help="docs folder (default: docs)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one verb; exit 0 on success, 1 on invalid content, 3 on a bug."""
    args = _parser().parse_args(argv)
    try:
        if args.verb == "check":
            generated = generate(args.content)
            warnings = generated.warnings
            print(f"{args.content.as_posix()}: no problems ({len(generated.pages)} pages)")
        else:
            report, warnings = build(args.content, args.docs)
            print(f"{args.docs.as_posix()}: {report}")
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.", file=sys.stderr)
        return EXIT_INVALID
    except Exception:  # a bug, not a content mistake: keep the traceback for the report
        traceback.print_exc()
        print("internal error: please report it with the traceback above.", file=sys.stderr)
        return EXIT_BUG
    return EXIT_OK
