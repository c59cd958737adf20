#!/usr/bin/env python3
"""ONLINE: confirm that every DOI resolves (doi.org) and every PMID exists in PubMed with a
title matching the entry's (NCBI E-utilities).  Run by ``make linkcheck``; never by the tests.

Responses are cached in _build/citation-cache.json; delete it to check afresh.  Set
NCBI_API_KEY (and NCBI_EMAIL) to use NCBI's higher rate limit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from handbook.bibliography import load_bibliography
from handbook.resolver import Transport, resolve

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bib", type=Path, default=ROOT / "docs" / "references.bib")
    parser.add_argument("--cache", type=Path, default=ROOT / "_build" / "citation-cache.json")
    args = parser.parse_args(argv)
    bib = load_bibliography(args.bib, ROOT)
    problems = resolve(bib, Transport(cache_path=args.cache))
    for problem in problems:
        print(problem)
    print(f"{len(bib.entries)} entries checked; {len(problems)} problem(s).",
          file=sys.stderr if problems else sys.stdout)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
