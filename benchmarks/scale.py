"""Measure the generator and the site build at 10, 100 and 1,000 explainers.

Run: `make bench` (or `.venv/bin/python benchmarks/scale.py [N ...]`). For each N it lays
out a project in a temporary folder whose content is N copies of the real
Nagorno-Karabakh explainer (same sections, sizes, actors, figures, quotes and glossary
uses; each with its own slug and title) with the real actor registry and glossary, then
prints:

- the generator, cold (a fresh `python -m build_scripts build` with an empty cache): seconds,
  ms per explainer; then a new process with the cache warm and nothing changed, a new
  process after one explainer was edited, and a build in a new process after a `check`
  (**a.check**: the two commands share the cache);
- `make serve TOPIC=topic-0000`: seconds from starting it to its page answering;
- `mkdocs build --strict` as `make site` runs it, first with the generator's cache warm
  but the search index not yet kept, then again with both kept; and the floor: the same
  Markdown built without the generator hook and without the glossary extension, and our
  overhead;
- `make serve` at the largest N: from saving an edit to one explainer to the server
  answering with its new page;
- regeneration after one YAML edit at the largest N: the generator alone, and what
  `make serve` (`mkdocs serve --dirty`) rebuilds, from saving the file to the site being
  ready to reload;
- the HTML size of one explainer page and of the search index;
- peak memory (maximum resident set size) of the build.

Times are wall-clock seconds on this machine, the best of --rounds runs.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from copy import deepcopy
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import yaml

from build_scripts import search

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
REAL = ROOT / "content" / "explainers" / "nagorno-karabakh-2023.yaml"
ENV = os.environ | {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}


GROUP = 10
"""Explainers per group of actors: each group of ten topics has its own copy of the real actors,
as a newsroom's topics each involve their own states, ministries and people."""

_REFERENCE = re.compile(r"^(\s*(?:- )?(?:actor|speaker|claimed_by): )([a-z0-9-]+)$", re.MULTILINE)
_ACTOR_LIST = re.compile(r"^(\s*actors: \[)([^\]]*)\]$", re.MULTILINE)


def _suffixed(match: re.Match[str], suffix: str) -> str:
    return match.group(1) + ", ".join(f"{a.strip()}{suffix}" for a in match.group(2).split(",")) + "]"


def make_project(root: Path, n: int) -> None:
    """Lay out a project with n explainers shaped like the real one."""
    (root / "content" / "explainers").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "glossary.yaml", root / "content" / "glossary.yaml")
    shutil.copytree(ROOT / "content" / "maps", root / "content" / "maps")  # the lines the maps draw
    base = yaml.safe_load((ROOT / "content" / "actors.yaml").read_text(encoding="utf-8"))["actors"]
    registry = list(base)
    for g in range(1, (n + GROUP - 1) // GROUP):
        for actor in base:
            copy = deepcopy(actor)  # (shared lists and offices would be written as aliases)
            copy["id"] = f"{actor['id']}-g{g:03d}"
            if "affiliation" in copy:
                copy["affiliation"] = f"{copy['affiliation']}-g{g:03d}"
            registry.append(copy)
    (root / "content" / "actors.yaml").write_text(
        yaml.safe_dump({"actors": registry}, allow_unicode=True), encoding="utf-8"
    )
    real = REAL.read_text(encoding="utf-8")
    for i in range(n):
        text = re.sub(r"^title: (.*)$", rf"title: \1 (topic {i:04d})", real, count=1, flags=re.MULTILINE)
        if group := i // GROUP:
            suffix = f"-g{group:03d}"
            text = _REFERENCE.sub(rf"\g<1>\g<2>{suffix}", text)
            text = _ACTOR_LIST.sub(partial(_suffixed, suffix=suffix), text)
        (root / "content" / "explainers" / f"topic-{i:04d}.yaml").write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    (root / "build_scripts").mkdir()
    shutil.copy(ROOT / "build_scripts" / "mkdocs_hook.py", root / "build_scripts" / "mkdocs_hook.py")
    (root / "docs").mkdir()
    for folder in ("stylesheets", "images"):  # the hand-written files; the pages are all generated
        shutil.copytree(ROOT / "docs" / folder, root / "docs" / folder)
    (root / "docs" / "index.md").write_text("# Home\n\n[Explainers](explainers/index.md)\n", encoding="utf-8")
    # The floor: the same site without our hook and without the glossary extension.
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\nhooks:\n  - build_scripts/mkdocs_hook.py\n", "\n", config)
    config = re.sub(r"  # Links the first use.*\n  # It reads.*\n  - build_scripts.glossary_links\n", "", config)
    (root / "mkdocs-floor.yml").write_text(config, encoding="utf-8")


@dataclass
class Run:
    seconds: float
    max_rss_mb: float


def run(args: list[str], cwd: Path, rounds: int) -> Run:
    """Run a command `rounds` times; return the best time and the peak memory of any run."""
    best, peak = float("inf"), 0.0
    for _ in range(rounds):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        subprocess.run(args, cwd=cwd, env=ENV, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
        peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    return Run(best, peak / 1024)


def fresh_docs(root: Path) -> None:
    for folder in ("actors", "explainers", "glossary", "timeline"):
        shutil.rmtree(root / "docs" / folder, ignore_errors=True)


def measure(n: int, rounds: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as folder:
        root = Path(folder)
        make_project(root, n)
        build = [str(BIN / "python"), "-m", "build_scripts", "build"]
        generator = float("inf")
        for _ in range(rounds):
            fresh_docs(root)
            shutil.rmtree(root / ".cache", ignore_errors=True)  # cold: an empty cache
            generator = min(generator, run(build, root, 1).seconds)
        warm = run(build, root, rounds).seconds  # a new process, nothing changed
        edited = float("inf")
        for i in range(rounds):
            target = root / "content" / "explainers" / "topic-0001.yaml"
            target.write_text(target.read_text(encoding="utf-8").replace("In ", f"In ({i}) ", 1), encoding="utf-8")
            edited = min(edited, run(build, root, 1).seconds)  # a new process after one edit
        subprocess.run(
            [str(BIN / "python"), "-m", "build_scripts", "check"], cwd=root, env=ENV, check=True, capture_output=True
        )
        after_check = run(build, root, rounds).seconds  # a build after a check, in a new process
        topic = preview_topic(root)
        site = [str(BIN / "mkdocs"), "build", "--strict", "-q"]
        first_site = run(site, root, 1).seconds  # the search index not yet kept: Pagefind indexes every page
        full = run(site, root, rounds)  # as `make site` runs again: the generator and the search index kept
        floor = run(
            [str(BIN / "mkdocs"), "build", "--strict", "-q", "-f", "mkdocs-floor.yml", "-d", "site-floor"], root, rounds
        )
        pages = len(list((root / "site").rglob("*.html")))
        page = root / "site" / "explainers" / "topic-0000" / "index.html"
        return _search(root / "site") | {
            "n": n,
            "generator_s": generator,
            "warm_s": warm,
            "edited_s": edited,
            "after_check_s": after_check,
            "topic_s": topic,
            "first_site_s": first_site,
            "site_s": full.seconds,
            "floor_s": floor.seconds,
            "pages": pages,
            "page_kb": page.stat().st_size / 1024,
            "rss_mb": full.max_rss_mb,
        }


def preview_topic(root: Path) -> float:
    """Seconds from starting `make serve TOPIC=topic-0000` to its page answering."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [str(BIN / "mkdocs"), "serve", "--livereload", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}"]
    start = time.perf_counter()
    server = subprocess.Popen(
        command,
        cwd=root,
        env=ENV | {"EXPLAINERS_TOPIC": "topic-0000"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/explainers/topic-0000/", timeout=1):
                    return time.perf_counter() - start
            except OSError:
                time.sleep(0.05)
    finally:
        server.terminate()
        server.wait(timeout=10)


_SEARCH_FETCHES = re.compile(
    r"pagefind(?:\.js|-worker\.js|-entry\.json|\.en_\w+\.pf_meta|-component-ui\.(?:js|css))|wasm\.en\.pagefind"
)
"""What a reader's first search fetches before any index chunk: the search dialog's script and
styles (a page loads only the site's small loader until then), Pagefind's loader, its worker,
the entry file, the metadata and the WebAssembly for English."""


def serve_edit(n: int, rounds: int) -> float:
    """Seconds from saving an edit to one explainer to `make serve` answering with the new page, at n."""
    with tempfile.TemporaryDirectory(prefix=f"bench-serve-{n}-") as folder:
        root = Path(folder)
        make_project(root, n)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        command = [str(BIN / "mkdocs"), "serve", "--livereload", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}"]
        server = subprocess.Popen(command, cwd=root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        address = f"http://127.0.0.1:{port}/explainers/topic-0001/"
        target = root / "content" / "explainers" / "topic-0001.yaml"
        try:
            _page_with(address, "(topic 0001)")  # the first build, of the whole site
            best = float("inf")
            for i in range(rounds):
                target.write_text(
                    target.read_text(encoding="utf-8").replace("(topic 0001)", f"(topic 0001, edit {i})", 1),
                    encoding="utf-8",
                )
                start = time.perf_counter()
                _page_with(address, f"(topic 0001, edit {i})")
                best = min(best, time.perf_counter() - start)
                target.write_text(
                    target.read_text(encoding="utf-8").replace(f"(topic 0001, edit {i})", "(topic 0001)", 1),
                    encoding="utf-8",
                )
                _page_with(address, f"(topic 0001, edit {i})", present=False)
            return best
        finally:
            server.terminate()
            server.wait(timeout=30)


def _page_with(address: str, words: str, *, present: bool = True) -> None:
    """Wait until the page at `address` holds `words` (or, with `present=False`, answers without them)."""
    while True:
        try:
            with urllib.request.urlopen(address, timeout=5) as answer:
                if (words in answer.read().decode("utf-8")) == present:
                    return
        except OSError:
            pass
        time.sleep(0.02)


def _search(site: Path) -> dict[str, float]:
    """Measure the search index the build wrote, and the time to write it again."""
    seconds = search.index(site)  # the build indexed the site; the same again, timed
    files = [p for p in (site / search.BUNDLE).rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    # A first search fetches the files above, one index chunk and the fragments of the results
    # it shows (counted as five); a second search, another chunk and five other fragments.
    fixed = [p for p in files if _SEARCH_FETCHES.fullmatch(p.name)]
    chunks = sorted((p for p in files if p.parent.name == "index"), key=lambda p: -p.stat().st_size)
    fragments = sorted((p for p in files if p.parent.name == "fragment"), key=lambda p: -p.stat().st_size)
    first, second = [*fixed, *chunks[:1], *fragments[:5]], [*chunks[1:2], *fragments[5:10]]
    return {
        "pagefind_mb": total / 2**20,
        "pagefind_files": len(files),
        "pagefind_query_kb": sum(p.stat().st_size for p in first) / 1024,
        "pagefind_query_gz_kb": sum(len(gzip.compress(p.read_bytes())) for p in first) / 1024,
        "pagefind_second_kb": sum(p.stat().st_size for p in second) / 1024,
        "pagefind_s": seconds,
    }


def regeneration(n: int, rounds: int) -> dict[str, float]:
    """Edit one YAML file and time the generator alone, then what `mkdocs serve --dirty` does."""
    code = f"""
import sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from build_scripts.identity import from_file
from build_scripts.pipeline import build as generate
root = Path.cwd()
site = from_file(root / "mkdocs.yml")                 # the identity the hook builds with, as `build` reads it
build(load_config("mkdocs.yml"))                      # what `make serve` does first
generate(root / "content", root / "docs", site)       # the pages on disk, as the generator keeps them
target = root / "content" / "explainers" / "topic-0001.yaml"
best_gen = best_serve = float("inf")
for i in range({rounds}):
    target.write_text(target.read_text().replace("In September 2023", f"In Sept. 2023 ({{i}})", 1))
    start = time.perf_counter()
    report, _ = generate(root / "content", root / "docs", site)
    best_gen = min(best_gen, time.perf_counter() - start)
    target.write_text(target.read_text().replace(f"In Sept. 2023 ({{i}})", f"In Sept 2023 ({{i}})", 1))
    start = time.perf_counter()
    build(load_config("mkdocs.yml", strict=False), dirty=True)  # what `make serve` does on a save
    best_serve = min(best_serve, time.perf_counter() - start)
print(best_gen, best_serve, len(report.written))
"""
    with tempfile.TemporaryDirectory(prefix=f"bench-regen-{n}-") as folder:
        root = Path(folder)
        make_project(root, n)
        out = subprocess.run(
            [str(BIN / "python"), "-c", code], cwd=root, env=ENV, check=True, capture_output=True, text=True
        ).stdout.split()
        return {"generator_s": float(out[0]), "serve_s": float(out[1]), "written": float(out[2])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10, 100, 1000])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    print(
        f"{'N':>5} {'generator':>10} {'ms/expl.':>9} {'warm':>6} {'1 edit':>7} {'a.check':>8} {'TOPIC':>6} "
        f"{'site 1st':>9} {'site':>8} "
        f"{'floor':>8} "
        f"{'overhead':>9} {'pages':>6} {'ms/page':>8} {'page KB':>8} {'peak MB':>8}"
    )
    results = []
    for n in args.sizes:
        r = measure(n, args.rounds)
        results.append(r)
        print(
            f"{n:>5} {r['generator_s']:>9.2f}s {r['generator_s'] / n * 1000:>9.1f} {r['warm_s']:>5.2f}s "
            f"{r['edited_s']:>6.2f}s {r['after_check_s']:>7.2f}s {r['topic_s']:>5.1f}s {r['first_site_s']:>8.1f}s"
            f" {r['site_s']:>7.1f}s "
            f"{r['floor_s']:>7.1f}s {(r['site_s'] / r['floor_s'] - 1) * 100:>8.1f}% {r['pages']:>6.0f} "
            f"{r['site_s'] / r['pages'] * 1000:>8.1f} {r['page_kb']:>8.1f} {r['rss_mb']:>8.0f}",
            flush=True,
        )
    print("\nSearch: Pagefind's index, written by the build; a search fetches only the parts it needs")
    print(
        f"{'N':>5} {'index total':>12} {'files':>6} {'first search fetches':>21} {'(gzip)':>8} {'second':>8}"
        f" {'indexing':>9}"
    )
    for r in results:
        print(
            f"{r['n']:>5.0f} {r['pagefind_mb']:>9.2f} MB {r['pagefind_files']:>6.0f} "
            f"{r['pagefind_query_kb']:>18.0f} KB {r['pagefind_query_gz_kb']:>5.0f} KB"
            f" {r['pagefind_second_kb']:>5.0f} KB {r['pagefind_s']:>8.1f}s",
            flush=True,
        )
    n = max(args.sizes)
    served = serve_edit(n, args.rounds)
    print(f"\n`make serve` at N = {n}, one edit, from saving it to the page served anew: {served:.2f} s")
    regen = regeneration(n, args.rounds)
    print(
        f"\nAfter editing one explainer at N = {n}: generator {regen['generator_s'] * 1000:.0f} ms "
        f"({regen['written']:.0f} pages rewritten); `mkdocs serve --dirty` rebuild, save to ready: "
        f"{regen['serve_s']:.2f} s"
    )


if __name__ == "__main__":
    main()
