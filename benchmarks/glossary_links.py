"""Measure what glossary linking costs per page, at 20 and 500 glossary terms.

Run: `make bench-glossary` (or `.venv/bin/python benchmarks/glossary_links.py`).
The page is the real Nagorno-Karabakh explainer as the generator writes it; the glossary
is the real one padded with made-up terms to the size measured. Each figure is the best
of several rounds, in milliseconds per page.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import markdown
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_scripts.glossary_links import GlossaryLinkExtension  # noqa: E402
from build_scripts.pipeline import generate  # noqa: E402

EXTENSIONS = ["attr_list", "tables", "toc"]
WORDS = "amber basalt cobalt delta ember fjord garnet harbor indigo juniper kestrel lagoon".split()


def padded_glossary(size: int) -> str:
    """The real glossary plus made-up two-word terms, to `size` terms in all."""
    data = yaml.safe_load((ROOT / "content" / "glossary.yaml").read_text(encoding="utf-8"))
    for i in range(size - len(data["terms"])):
        a, b = WORDS[i % len(WORDS)], WORDS[(i // len(WORDS)) % len(WORDS)]
        data["terms"].append({"id": f"filler-{i}", "term": f"{a} {b} {i}", "short": "A made-up term."})
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def per_page_ms(page: str, extensions: list[object], rounds: int = 7, repeat: int = 20) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(repeat):
            markdown.Markdown(extensions=extensions).convert(page)  # a new instance per page, as MkDocs does
        best = min(best, (time.perf_counter() - start) / repeat)
    return best * 1000


def main() -> None:
    page = generate(ROOT / "content").pages["explainers/nagorno-karabakh-2023.md"]
    baseline = per_page_ms(page, list(EXTENSIONS))
    print(f"page: {len(page):,} characters of Markdown (the Nagorno-Karabakh explainer)")
    print(f"{'terms':>6} {'without links':>14} {'with links':>11} {'cost of linking':>16}")
    with tempfile.TemporaryDirectory() as folder:
        for size in (20, 500):
            glossary = Path(folder) / f"glossary-{size}.yaml"
            glossary.write_text(padded_glossary(size), encoding="utf-8")
            with_links = per_page_ms(page, [*EXTENSIONS, GlossaryLinkExtension(glossary=str(glossary))])
            print(f"{size:>6} {baseline:>11.2f} ms {with_links:>8.2f} ms {with_links - baseline:>13.2f} ms")


if __name__ == "__main__":
    main()
