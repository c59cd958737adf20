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


#: Keys of YAML figure data whose values are names or ids, not statements.
NOT_STATEMENTS = {"source", "sources", "term", "id", "guideline"}


def yaml_data_statements(path: Path, root: Path) -> Iterator[Statement]:
    """One statement per mapping that names its sources: its words and numbers, citing them."""
    if not path.exists():
        return
    data, _ = load_yaml_file(path, str(path))
    shown = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)

    def walk(node: object, inherited: tuple[str, ...]) -> Iterator[Statement]:
        if isinstance(node, list):
            for item in node:
                yield from walk(item, inherited)
            return
        if not isinstance(node, dict):
            return
        sources = node.get("sources") or ([node["source"]] if "source" in node else [])
        keys = tuple(str(s) for s in sources) or inherited
        parts = [str(v) for k, v in node.items() if k not in NOT_STATEMENTS
                 and isinstance(v, str | int | float) and not isinstance(v, bool)]
        if parts and keys:
            line = getattr(node, "line", 1)
            yield Statement(shown, " | ".join(parts), line, keys, (), ((0, line),))
        for key, value in node.items():
            if key not in NOT_STATEMENTS:
                yield from walk(value, keys)

    yield from walk(data, ())


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
    autoreactivity = layout.data / "autoreactivity.csv"
    if autoreactivity.exists():
        yield from csv_statements(autoreactivity, root, ("method", "note"),
                                  ("n", "percent", "percent_high"), "source")
    absolute = layout.data / "absolute-risk.csv"
    if absolute.exists():
        yield from csv_statements(absolute, root, ("population",),
                                  ("hazard_ratio", "ci_low", "ci_high", "ci_level",
                                   "extra_per_1000_person_years"), "source")
    for name in ("treatment-steps.yaml", "age-patterns.yaml", "skin-barrier.yaml"):
        yield from yaml_data_statements(layout.data / name, root)
