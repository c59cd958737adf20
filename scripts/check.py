#!/usr/bin/env python3
"""Check the handbook offline: glossary, bibliography, chapters and claims.

Usage: python scripts/check.py [--root DIR]

Prints every problem as ``path:line: message (hint: ...)`` and exits 1 if there are any.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from handbook.check import Layout, check_handbook

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="repository root to check (default: this repository)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results = check_handbook(Layout(args.root.resolve()))
    problems = results.problems
    for problem in problems:
        print(problem)
    elapsed = time.perf_counter() - started
    for warning in results.due:
        print(f"warning: {warning}", file=sys.stderr)
    print(results.ledger.summary(), file=sys.stderr if problems else sys.stdout)
    if problems:
        print(f"\n{len(problems)} problem(s) found in {elapsed:.2f} s.", file=sys.stderr)
        return 1
    print(f"All checks passed in {elapsed:.2f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
