#!/usr/bin/env python3
"""Benchmark the handbook's builds and checks on this machine (``make bench``).

Each scenario runs at least five times in a scratch copy of the repository (the working
tree is never touched); the report gives the median and the spread (min–max) in seconds,
next to the floors that bound them: Sphinx's own start-up (a no-op build of a one-page
project with the same configuration) and the time to parse the glossary YAML and the
BibTeX alone.  Results are written as JSON and as a Markdown table.

Timings live here, never in the tests; the tests assert what is re-read instead.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent


def sphinx(root: Path, *args: str, out: str = "html", check: bool = True) -> None:
    cmd = [str(BIN / "sphinx-build"), "-b", "html", "-n", "-W", "--keep-going", "-q", "--no-color",
           "-j", "auto",
           "-d", str(root / "_build" / "doctrees"), *args, str(root / "docs"),
           str(root / "_build" / out)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=root)
    if check and result.returncode != 0:
        raise RuntimeError(f"build failed:\n{result.stdout}\n{result.stderr}")


def run(cmd: list[str], cwd: Path) -> None:
    result = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=cwd)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")


def measure(runs: int, action: Callable[[], None], before: Callable[[], None] | None = None,
            after: Callable[[], None] | None = None) -> list[float]:
    """Time *action* *runs* times; *before* and *after* run outside the timing."""
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
        if after:
            after()
    return times


def touch_ahead(path: Path) -> None:
    """Give an edited file an mtime clearly after the last build (see the incremental tests)."""
    future = time.time_ns() + 2_000_000_000
    os.utime(path, ns=(future, future))


def scratch_copy() -> Path:
    target = Path(tempfile.mkdtemp(prefix="handbook-bench-")) / "repo"
    ignore = shutil.ignore_patterns(".venv", "_build", ".git", "__pycache__", ".pytest_cache",
                                    ".hypothesis", ".ruff_cache")
    shutil.copytree(ROOT, target, ignore=ignore)
    (target / ".venv").symlink_to(ROOT / ".venv")
    return target


def one_page_project(repo: Path) -> Path:
    """The same configuration with a single page: the start-up floor."""
    project = repo.parent / "one-page"
    (project / "docs").mkdir(parents=True)
    conf = (repo / "docs" / "conf.py").read_text()
    conf = conf.replace('DOCS = Path(__file__).resolve().parent',
                        f'DOCS = Path({str(repo / "docs")!r})')
    (project / "docs" / "conf.py").write_text(conf)
    (project / "docs" / "index.md").write_text("# One page\n\nNothing else.\n")
    shutil.copytree(repo / "docs" / "_static", project / "docs" / "_static")
    shutil.copytree(repo / "docs" / "_templates", project / "docs" / "_templates")
    shutil.copy(repo / "docs" / "references.bib", project / "docs" / "references.bib")
    return project


def scenarios(repo: Path, runs: int, slow_runs: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {}
    build = repo / "_build"
    chapter = repo / "docs" / "chapters" / "mechanisms.md"
    term = repo / "glossary" / "terms" / "filaggrin.yaml"
    chapter_text, term_text = chapter.read_text(), term.read_text()

    def clean() -> None:
        shutil.rmtree(build, ignore_errors=True)

    results["clean strict HTML build"] = measure(slow_runs, lambda: sphinx(repo), before=clean)
    sphinx(repo)
    results["no-op rebuild"] = measure(runs, lambda: sphinx(repo))
    counter = iter(range(10_000))
    results["rebuild after editing one chapter"] = measure(
        runs, lambda: sphinx(repo),
        before=lambda: (chapter.write_text(chapter_text + f"\n<!-- edit {next(counter)} -->\n"),
                        touch_ahead(chapter)))
    chapter.write_text(chapter_text)
    touch_ahead(chapter)
    sphinx(repo)
    results["rebuild after editing one glossary definition"] = measure(
        runs, lambda: sphinx(repo),
        before=lambda: (term.write_text(term_text.replace("definition: >-", "definition: >-\n  Edited "
                                                          f"{next(counter)}.", 1)), touch_ahead(term)))
    term.write_text(term_text)
    touch_ahead(term)
    sphinx(repo)

    def remove_term() -> None:
        term.unlink()

    def restore_term() -> None:
        term.write_text(term_text)
        touch_ahead(term)
        sphinx(repo)

    # The build fails on purpose (pages still link the term): time it all the same.
    results["rebuild after removing a glossary term (fails loudly)"] = measure(
        runs, lambda: sphinx(repo, check=False), before=remove_term, after=restore_term)
    results["make check"] = measure(runs, lambda: run([PYTHON, "scripts/check.py"], repo))
    results["make test (no venv bootstrap)"] = measure(
        slow_runs, lambda: run(["make", "--no-print-directory", "test", f"PYTHON={PYTHON}"], repo))
    if shutil.which("xelatex") and shutil.which("latexmk"):
        results["make pdf"] = measure(slow_runs, lambda: run(["make", "--no-print-directory", "pdf"], repo),
                                      before=clean)
    one_page = one_page_project(repo)
    sphinx(one_page)
    results["floor: Sphinx start-up (no-op, one page)"] = measure(runs, lambda: sphinx(one_page))
    # The libraries alone (fastest YAML loader, pybtex), without our line tracking and rules.
    results["floor: parse glossary YAML and BibTeX"] = measure(
        runs, lambda: run([PYTHON, "-c", "import yaml, pybtex.database; from pathlib import Path;"
                           "L = getattr(yaml, 'CSafeLoader', yaml.SafeLoader);"
                           "[yaml.load(p.read_text(), Loader=L)"
                           " for p in Path('glossary/terms').glob('*.yaml')];"
                           "pybtex.database.parse_file('docs/references.bib')"], repo))
    return results


def summarise(results: dict[str, list[float]]) -> dict:
    rows = {name: {"median_s": round(statistics.median(t), 3), "min_s": round(min(t), 3),
                   "max_s": round(max(t), 3), "runs": len(t)} for name, t in results.items()}
    med = {name: row["median_s"] for name, row in rows.items()}
    start_floor = med["floor: Sphinx start-up (no-op, one page)"]
    parse_floor = med["floor: parse glossary YAML and BibTeX"]
    targets = {
        "no-op rebuild <= 1.2 x start-up floor":
            med["no-op rebuild"] <= 1.2 * start_floor,
        "editing one chapter <= 30% of a clean build":
            med["rebuild after editing one chapter"] <= 0.3 * med["clean strict HTML build"],
        "make check < 0.5 s": med["make check"] < 0.5,
        "make check <= 3 x parse floor": med["make check"] <= 3 * parse_floor,
    }
    return {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                        "cpus": os.cpu_count()},
            "results": rows, "targets": targets}


def markdown(report: dict) -> str:
    lines = ["| scenario | median (s) | min–max (s) | runs |", "| --- | ---: | ---: | ---: |"]
    for name, row in report["results"].items():
        lines.append(f"| {name} | {row['median_s']:.2f} | {row['min_s']:.2f}–{row['max_s']:.2f} "
                     f"| {row['runs']} |")
    lines += ["", "| target | met |", "| --- | --- |"]
    lines += [f"| {name} | {'yes' if ok else 'NO'} |" for name, ok in report["targets"].items()]
    machine = report["machine"]
    lines += ["", f"Python {machine['python']} on {machine['platform']}, {machine['cpus']} CPUs."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each fast scenario (>= 5)")
    parser.add_argument("--slow-runs", type=int, default=5,
                        help="runs of the clean build, make test and make pdf (>= 5 for the record)")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "bench")
    args = parser.parse_args(argv)
    repo = scratch_copy()
    try:
        report = summarise(scenarios(repo, args.runs, args.slow_runs))
    finally:
        shutil.rmtree(repo.parent, ignore_errors=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench.json").write_text(json.dumps(report, indent=2) + "\n")
    table = markdown(report)
    (args.out / "bench.md").write_text(table)
    print(table)
    print(f"Written to {args.out / 'bench.json'} and {args.out / 'bench.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
