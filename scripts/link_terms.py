#!/usr/bin/env python3
"""Link the first mention of each glossary term in every chapter section.

Usage: python scripts/link_terms.py [--fix] [--root DIR] [PAGE ...]

Without --fix, lists the unlinked first mentions as ``path:line`` and exits 1 if there are
any; with --fix, rewrites the pages so that each becomes a ``{term}`` link. Write
``{no-term}`word``` for a mention that should stay plain.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from glossary.loader import read_terms
from glossary.model import Glossary
from glossary.problems import display_path
from handbook.term_links import link_first_mentions, unlinked_first_mentions

ROOT = Path(__file__).resolve().parent.parent



def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fix", action="store_true", help="rewrite the pages with the links")
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root")
    parser.add_argument("pages", nargs="*", type=Path,
                        help="pages to treat (default: docs/index.md and docs/chapters/*.md)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    entries, _ = read_terms(root / "glossary" / "terms", root)
    glossary = Glossary(entries)
    pages = args.pages or [root / "docs" / "index.md",
                           *sorted((root / "docs" / "chapters").glob("*.md"))]
    remaining = 0
    for path in pages:
        text = path.read_text(encoding="utf-8")
        shown = display_path(path, root)
        if args.fix:
            fixed = link_first_mentions(text, glossary)
            if fixed != text:
                path.write_text(fixed, encoding="utf-8")
                print(f"{shown}: linked {len(unlinked_first_mentions(text, shown, glossary))} "
                      "first mention(s)")
            continue
        for mention in unlinked_first_mentions(text, shown, glossary):
            remaining += 1
            print(f"{mention.path}:{mention.line}: first mention of \"{mention.text}\" is not a "
                  "glossary link")
    return 1 if remaining else 0


if __name__ == "__main__":
    sys.exit(main())
