"""Where the evidence ledger finds statements: pages, glossary, claims and figure data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from glossary.model import Glossary
from glossary.yamlsource import load_yaml_file
from handbook.claims import Claim
from handbook.ledger import csv_statements, page_statements_of, text_field_statements
from handbook.statements import Statement

if TYPE_CHECKING:
    from handbook.check import Layout

#: The text fields of each figure's YAML data that make statements.
PATHWAY_TEXT = ("pathway", "signal", "drug_class")


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def glossary_statements(glossary: Glossary, root: Path) -> Iterator[Statement]:
    """Definitions and notes, citing their own keys or else the entry's ``sources``."""
    for entry in glossary:
        raw = _lines(root / entry.path)
        for key in ("definition", "note"):
            if key in entry.key_lines and raw:
                yield from text_field_statements(entry.path, entry.line_of(key),
                                                 entry.sources, raw)


def claim_statements(claims: list[Claim], root: Path) -> Iterator[Statement]:
    """Each claim's reason, citing the claim's ``sources`` (the claim itself quotes a seed)."""
    raw: dict[str, list[str]] = {}
    for claim in claims:
        lines = raw.setdefault(claim.path, _lines(root / claim.path))
        if "reason" in claim.key_lines and lines:
            yield from text_field_statements(claim.path, claim.line_of("reason"),
                                             claim.sources, lines)


def pathway_statements(path: Path, root: Path) -> Iterator[Statement]:
    """The text of each pathway row, citing the row's ``sources``."""
    if not path.exists():
        return
    data, _ = load_yaml_file(path, str(path))
    raw = _lines(path)
    shown = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    for item in data if isinstance(data, list) else []:
        if not isinstance(item, dict):
            continue
        sources = tuple(str(s) for s in item.get("sources") or [])
        for key in PATHWAY_TEXT:
            if key in item:
                yield from text_field_statements(shown, item.line_of(key), sources, raw)


def ledger_statements(layout: Layout, glossary: Glossary, claims: list[Claim]
                      ) -> Iterator[Statement]:
    """Every statement the ledger checks: chapters and front page, glossary, claims, data."""
    root = layout.root
    pages = [layout.docs / "index.md", *sorted((layout.docs / "chapters").glob("*.md"))]
    yield from page_statements_of([p for p in pages if p.exists()], root)
    yield from glossary_statements(glossary, root)
    yield from claim_statements(claims, root)
    associations = layout.data / "associations.csv"
    if associations.exists():
        yield from csv_statements(associations, root, ("condition", "population"),
                                  ("estimate", "ci_low", "ci_high"), "source")
    yield from pathway_statements(layout.data / "pathways.yaml", root)
