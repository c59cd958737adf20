"""Command line: ``python -m glossary define WORD`` and ``python -m glossary search TEXT``."""

from __future__ import annotations

import argparse
import sys
import textwrap

from glossary.loader import load_glossary
from glossary.model import CATEGORIES, Entry, Glossary
from glossary.text import plain_text

MESH_RECORD = "https://meshb.nlm.nih.gov/record/ui?ui="


def format_entry(entry: Entry, glossary: Glossary, width: int = 78) -> str:
    """The entry as terminal text."""
    lines = [entry.term]
    aka = [*entry.abbreviations, *entry.synonyms]
    if aka:
        lines.append("also: " + ", ".join(aka))
    lines.append(f"[{CATEGORIES.get(entry.category, entry.category)}]")
    lines.append("")
    lines += textwrap.wrap(entry.short_definition, width)
    if entry.note:
        lines.append("")
        lines += textwrap.wrap(plain_text(entry.note), width)
    related = glossary.related(entry.id)
    if related:
        lines += ["", "see also: " + ", ".join(other.term for other in related)]
    lines.append("sources: " + ", ".join(entry.sources))
    if "mesh" in entry.identifiers:
        lines.append(f"MeSH: {entry.identifiers['mesh']} ({MESH_RECORD}{entry.identifiers['mesh']})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m glossary",
                                     description="Look words up in the handbook's glossary.")
    commands = parser.add_subparsers(dest="command", required=True)
    define = commands.add_parser("define", help="print the entry for a word, abbreviation "
                                 "or MeSH ID (D003876)")
    define.add_argument("word", nargs="+")
    search = commands.add_parser("search", help="list entries whose text contains every word")
    search.add_argument("text", nargs="+")
    commands.add_parser("list", help="list every term, by category")
    args = parser.parse_args(argv)
    glossary = load_glossary()

    if args.command == "define":
        word = " ".join(args.word)
        entry = glossary.lookup(word)
        if entry is None:
            close = glossary.suggest(word) or [e.term for e in glossary.search(word)[:3]]
            message = f'"{word}" is not in the glossary.'
            if close:
                message += " Did you mean: " + ", ".join(close) + "?"
            print(message, file=sys.stderr)
            return 1
        print(format_entry(entry, glossary))
        return 0

    if args.command == "search":
        hits = glossary.search(" ".join(args.text))
        if not hits:
            print(f'No entry mentions "{" ".join(args.text)}".', file=sys.stderr)
            return 1
        for entry in hits:
            print(f"{entry.term:<32} {textwrap.shorten(entry.short_definition, 60)}")
        return 0

    for category, heading in CATEGORIES.items():
        entries = glossary.by_category(category)
        if entries:
            print(f"{heading}:")
            for entry in entries:
                print(f"  {entry.term}")
    return 0
