#!/usr/bin/env python3
"""Benchmark the handbook's builds and checks on this machine (``make bench``).

Each scenario runs at least five times in a scratch copy of the repository (the working
tree is never touched); the report gives the median and the spread (min–max) in seconds,
next to the floors that bound them: Sphinx's own start-up (a no-op build of a one-page
project with the same configuration) and the time to parse the glossary YAML and the
BibTeX alone.  Results are written as JSON and as a Markdown table.

Each result is written as soon as it is measured (``bench.json`` and ``bench.md`` grow as the
run goes), so a scenario that fails costs only its own result; the failure is recorded and
the run goes on, exiting 1 at the end.

``--root`` benchmarks another handbook laid out like this repository (the tests run
``--root tests/fixtures/handbook --runs 1 --slow-runs 1 --quick`` as a smoke test);
``--quick`` leaves out ``make test`` and ``make pdf``.

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
# Handbooks other than this repository (the test fixture) find our extensions through this.
ENV = {**os.environ, "HANDBOOK_REPO": str(ROOT)}


def sphinx(root: Path, *args: str, out: str = "html", check: bool = True) -> None:
    cmd = [str(BIN / "sphinx-build"), "-b", "html", "-n", "-W", "--keep-going", "-q", "--no-color",
           "-j", "auto",
           "-d", str(root / "_build" / "doctrees"), *args, str(root / "docs"),
           str(root / "_build" / out)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=root, env=ENV)
    if check and result.returncode != 0:
        raise RuntimeError(f"build failed:\n{result.stdout}\n{result.stderr}")


def run(cmd: list[str], cwd: Path) -> None:
    result = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=cwd, env=ENV)
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


def scratch_copy(root: Path) -> Path:
    target = Path(tempfile.mkdtemp(prefix="handbook-bench-")) / "repo"
    ignore = shutil.ignore_patterns(".venv", "_build", ".git", "__pycache__", ".pytest_cache",
                                    ".hypothesis", ".ruff_cache")
    shutil.copytree(root, target, ignore=ignore)
    (target / ".venv").symlink_to(ROOT / ".venv")
    return target


def one_page_project(repo: Path) -> Path:
    """The same configuration with a single page: the start-up floor."""
    project = repo.parent / "one-page"
    (project / "docs").mkdir(parents=True)
    conf = (repo / "docs" / "conf.py").read_text()
    for name in ("DOCS", "HERE"):  # the handbook's and the test fixture's spelling
        conf = conf.replace(f"{name} = Path(__file__).resolve().parent",
                            f'{name} = Path({str(repo / "docs")!r})')
    (project / "docs" / "conf.py").write_text(conf)
    (project / "docs" / "index.md").write_text("# One page\n\nNothing else.\n")
    for folder in ("_static", "_templates"):  # only those the handbook has
        if (repo / "docs" / folder).is_dir():
            shutil.copytree(repo / "docs" / folder, project / "docs" / folder)
    shutil.copy(repo / "docs" / "references.bib", project / "docs" / "references.bib")
    return project


def pick(folder: Path, preferred: str) -> Path:
    """*preferred* in *folder*, or its first file of the same kind."""
    path = folder / preferred
    return path if path.exists() else sorted(folder.glob("*" + path.suffix))[0]


class Recorder:
    """Keeps the results and rewrites bench.json and bench.md after each scenario."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.results: dict[str, list[float]] = {}
        self.errors: dict[str, str] = {}
        out.mkdir(parents=True, exist_ok=True)

    def run(self, name: str, timing: Callable[[], list[float]]) -> None:
        """Measure one scenario; a failure is recorded, and the run goes on."""
        try:
            self.results[name] = timing()
        except Exception as exc:  # a scenario's failure must not lose the others' results
            self.errors[name] = f"{type(exc).__name__}: {exc}"[:2000]
            print(f"{name}: FAILED\n{self.errors[name]}", file=sys.stderr)
        else:
            times = self.results[name]
            print(f"{name}: median {statistics.median(times):.2f} s over {len(times)} run(s)",
                  flush=True)
        self.write()

    def write(self) -> str:
        report = summarise(self.results, self.errors)
        (self.out / "bench.json").write_text(json.dumps(report, indent=2) + "\n")
        table = markdown(report)
        (self.out / "bench.md").write_text(table)
        return table


def scenarios(repo: Path, runs: int, slow_runs: int, record: Recorder, quick: bool = False) -> None:
    """Measure every scenario in the scratch copy *repo*, recording each result at once."""
    build = repo / "_build"
    chapter = pick(repo / "docs" / "chapters", "mechanisms.md")
    term = pick(repo / "glossary" / "terms", "filaggrin.yaml")
    chapter_text, term_text = chapter.read_text(), term.read_text()
    counter = iter(range(10_000))

    def clean() -> None:
        shutil.rmtree(build, ignore_errors=True)

    def restore(path: Path, text: str) -> None:
        path.write_text(text)
        touch_ahead(path)
        sphinx(repo)

    record.run("clean strict HTML build", lambda: measure(slow_runs, lambda: sphinx(repo), before=clean))
    record.run("no-op rebuild", lambda: (sphinx(repo), measure(runs, lambda: sphinx(repo)))[1])
    record.run("rebuild after editing one chapter", lambda: measure(
        runs, lambda: sphinx(repo),
        before=lambda: (chapter.write_text(chapter_text + f"\nEdit {next(counter)}.\n"),
                        touch_ahead(chapter))))
    restore(chapter, chapter_text)
    record.run("rebuild after editing one glossary definition", lambda: measure(
        runs, lambda: sphinx(repo),
        before=lambda: (term.write_text(term_text.replace("definition: >-", "definition: >-\n  Edited "
                                                          f"{next(counter)}.", 1)), touch_ahead(term))))
    restore(term, term_text)
    # The build fails on purpose (pages still link the term): time it all the same.
    record.run("rebuild after removing a glossary term (fails loudly)", lambda: measure(
        runs, lambda: sphinx(repo, check=False), before=term.unlink,
        after=lambda: restore(term, term_text)))
    record.run("make check", lambda: measure(
        runs, lambda: run([PYTHON, str(ROOT / "scripts" / "check.py"), "--root", str(repo)], repo)))
    if not quick:
        record.run("make test (no venv bootstrap)", lambda: measure(
            slow_runs, lambda: run(["make", "--no-print-directory", "test", f"PYTHON={PYTHON}"], repo)))
        if shutil.which("xelatex") and shutil.which("latexmk"):
            record.run("make pdf", lambda: measure(
                slow_runs, lambda: run(["make", "--no-print-directory", "pdf"], repo), before=clean))

    def start_up_floor() -> list[float]:
        one_page = one_page_project(repo)
        sphinx(one_page)
        return measure(runs, lambda: sphinx(one_page))

    record.run("floor: Sphinx start-up (no-op, one page)", start_up_floor)
    # The libraries alone (fastest YAML loader, pybtex), without our line tracking and rules:
    # every data file make check reads (glossary, source records, questions) and the BibTeX.
    record.run("floor: parse the YAML data and BibTeX", lambda: measure(
        runs, lambda: run([PYTHON, "-c", "import yaml, pybtex.database; from pathlib import Path;"
                           "L = getattr(yaml, 'CSafeLoader', yaml.SafeLoader);"
                           "[yaml.load(p.read_text(), Loader=L) for d in ('glossary/terms',"
                           " 'docs/sources', 'docs/questions') for p in Path(d).glob('*.yaml')];"
                           "pybtex.database.parse_file('docs/references.bib')"], repo)))


#: Each target: the scenarios it compares, and the test on their medians.
TARGETS: dict[str, tuple[tuple[str, ...], Callable[..., bool]]] = {
    "no-op rebuild <= 1.2 x start-up floor":
        (("no-op rebuild", "floor: Sphinx start-up (no-op, one page)"), lambda a, b: a <= 1.2 * b),
    "editing one chapter <= 30% of a clean build":
        (("rebuild after editing one chapter", "clean strict HTML build"), lambda a, b: a <= 0.3 * b),
    # make check now also holds every number to its sources' words (issue 12), checks the
    # evidence questions, MeSH IDs, first mentions and coverage: the limit is one second.
    "make check < 1 s": (("make check",), lambda a: a < 1.0),
    # (3 x before the ledger; its statement cutting and number matching cost about as much as
    # parsing the data again)
    "make check <= 5 x parse floor":
        (("make check", "floor: parse the YAML data and BibTeX"), lambda a, b: a <= 5 * b),
    # Issue 15: on two cores with the whole toolchain (Chromium, TeX Live, epubcheck).
    "make test <= 120 s": (("make test (no venv bootstrap)",), lambda a: a <= 120),
}


def summarise(results: dict[str, list[float]], errors: dict[str, str] | None = None) -> dict:
    """Medians and spreads so far; targets whose scenarios are all measured."""
    rows = {name: {"median_s": round(statistics.median(t), 3), "min_s": round(min(t), 3),
                   "max_s": round(max(t), 3), "runs": len(t)} for name, t in results.items()}
    med = {name: row["median_s"] for name, row in rows.items()}
    targets = {name: test(*(med[s] for s in needs)) for name, (needs, test) in TARGETS.items()
               if all(s in med for s in needs)}
    return {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                        "cpus": os.cpu_count()},
            "results": rows, "errors": dict(errors or {}), "targets": targets}


def markdown(report: dict) -> str:
    lines = ["| scenario | median (s) | min–max (s) | runs |", "| --- | ---: | ---: | ---: |"]
    for name, row in report["results"].items():
        lines.append(f"| {name} | {row['median_s']:.2f} | {row['min_s']:.2f}–{row['max_s']:.2f} "
                     f"| {row['runs']} |")
    for name, error in report["errors"].items():
        lines.append(f"| {name} | failed: {error.splitlines()[0][:80]} | | |")
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
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the handbook to benchmark (default: this repository)")
    parser.add_argument("--quick", action="store_true", help="leave out make test and make pdf")
    args = parser.parse_args(argv)
    record = Recorder(args.out)
    repo = scratch_copy(args.root.resolve())
    try:
        scenarios(repo, args.runs, args.slow_runs, record, quick=args.quick)
    finally:
        shutil.rmtree(repo.parent, ignore_errors=True)
    print(record.write())
    print(f"Written to {args.out / 'bench.json'} and {args.out / 'bench.md'}")
    return 1 if record.errors else 0


if __name__ == "__main__":
    sys.exit(main())
