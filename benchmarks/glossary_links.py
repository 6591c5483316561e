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
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import yaml
from markdown import Extension

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_scripts.glossary_links import GlossaryLinker, GlossaryLinkExtension  # noqa: E402
from build_scripts.pipeline import generate  # noqa: E402

EXTENSIONS = ["attr_list", "tables", "toc"]
WORDS = [
    "amber",
    "basalt",
    "cobalt",
    "delta",
    "ember",
    "fjord",
    "garnet",
    "harbor",
    "indigo",
    "juniper",
    "kestrel",
    "lagoon",
]


def padded_glossary(size: int) -> str:
    """The real glossary plus made-up two-word terms, to `size` terms in all."""
    data = yaml.safe_load((ROOT / "content" / "glossary.yaml").read_text(encoding="utf-8"))
    for i in range(size - len(data["terms"])):
        a, b = WORDS[i % len(WORDS)], WORDS[(i // len(WORDS)) % len(WORDS)]
        data["terms"].append({"id": f"filler-{i}", "term": f"{a} {b} {i}", "short": "A made-up term."})
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def per_page_ms(page: str, extensions: list[str | Extension], rounds: int = 7, repeat: int = 20) -> float:
    """Best time to convert the page, with a new Markdown instance each time as MkDocs does."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(repeat):
            markdown.Markdown(extensions=extensions).convert(page)
        best = min(best, (time.perf_counter() - start) / repeat)
    return best * 1000


def linking_ms(page: str, glossary: Path, rounds: int = 7, repeat: int = 20) -> float:
    """Best time spent in the glossary linker itself for one page (the tree walk and matching)."""
    spent = 0.0
    original = GlossaryLinker.run

    def timed(self: GlossaryLinker, root: etree.Element) -> None:
        nonlocal spent
        start = time.perf_counter()
        original(self, root)
        spent += time.perf_counter() - start

    best = float("inf")
    GlossaryLinker.run = timed  # type: ignore[method-assign]
    try:
        for _ in range(rounds):
            spent = 0.0
            for _ in range(repeat):
                extension = GlossaryLinkExtension(glossary=str(glossary))
                markdown.Markdown(extensions=[*EXTENSIONS, extension]).convert(page)
            best = min(best, spent / repeat)
    finally:
        GlossaryLinker.run = original  # type: ignore[method-assign]
    return best * 1000


def main() -> None:
    page = generate(ROOT / "content").text("explainers/nagorno-karabakh-2023.md")
    baseline = per_page_ms(page, list(EXTENSIONS))
    print(f"page: {len(page):,} characters of Markdown (the Nagorno-Karabakh explainer)")
    print(f"converting the page without the extension: {baseline:.2f} ms")
    print(f"{'terms':>6} {'linker, per page':>17} {'page with links':>16}")
    with tempfile.TemporaryDirectory() as folder:
        for size in (20, 500):
            glossary = Path(folder) / f"glossary-{size}.yaml"
            glossary.write_text(padded_glossary(size), encoding="utf-8")
            linker = linking_ms(page, glossary)
            total = per_page_ms(page, [*EXTENSIONS, GlossaryLinkExtension(glossary=str(glossary))])
            print(f"{size:>6} {linker:>14.2f} ms {total:>13.2f} ms")


if __name__ == "__main__":
    main()
