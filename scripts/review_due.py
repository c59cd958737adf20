#!/usr/bin/env python3
"""List the evidence questions due for review, as ``path:line: message``.

A question is due when its evidence was last searched more than MONTHS months (default 6)
before the review date of the chapter that answers it. Exits 1 if any is due.

Usage: python scripts/review_due.py [--months N] [--root DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from handbook.chapters import scan_pages
from handbook.check import Layout
from handbook.questions import chapter_texts, months, read_questions, review_due

ROOT = Path(__file__).resolve().parent.parent



def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--months", type=int, default=6,
                        help="how long before the chapter's review a search may be (default 6)")
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root")
    args = parser.parse_args(argv)
    layout = Layout(args.root.resolve())
    questions, problems = read_questions(layout.questions, layout.root)
    for problem in problems:
        print(problem)
    chapters = chapter_texts(scan_pages(layout.docs, layout.root), layout.docs)
    due = review_due(questions, chapters, months(args.months))
    for problem in due:
        print(problem)
    print(f"{len(due)} of {len(questions)} question(s) due for review "
          f"(searched more than {args.months} months before their chapter's review).")
    return 1 if due or problems else 0


if __name__ == "__main__":
    sys.exit(main())
