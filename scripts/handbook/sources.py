"""Source records: ``docs/sources/<key>.yaml``, one per bibliography entry.

A record says where the source was seen and keeps the source's own words (excerpts) for every
number or specific finding the handbook takes from it. The evidence ledger
(:mod:`handbook.ledger`) holds the text to these words; the ``source_excerpts`` extension shows
them to readers under each reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from glossary.problems import Problem, display_path
from handbook.bibliography import Bibliography
from handbook.numeric import values
from handbook.schemas import load_checked

MAX_WORDS = 60


@dataclass(frozen=True)
class Excerpt:
    """A short verbatim quotation from a source's record."""

    text: str
    where: str
    read: str
    copy: str = ""
    line: int = 1

    @property
    def values(self) -> frozenset[Decimal]:
        return frozenset(values(self.text))


@dataclass
class SourceRecord:
    """What ``docs/sources/<key>.yaml`` holds."""

    key: str
    record: str
    path: str
    seen: tuple[str, ...] = ()
    excerpts: tuple[Excerpt, ...] = ()
    line: int = 1
    _values: dict[Decimal, Excerpt] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for excerpt in self.excerpts:
            for value in excerpt.values:
                self._values.setdefault(value, excerpt)

    def excerpt_with(self, value: Decimal) -> Excerpt | None:
        """The first excerpt whose words hold *value*: the same one wherever it is cited."""
        return self._values.get(value)

    @property
    def all_values(self) -> list[Decimal]:
        return list(self._values)


def _excerpt_problems(excerpt: Excerpt, shown: str, today: date) -> list[Problem]:
    problems = []
    words = len(excerpt.text.split())
    if words > MAX_WORDS:
        problems.append(Problem(shown, excerpt.line,
                                f"excerpt has {words} words, more than {MAX_WORDS}",
                                "quote only the sentence that carries the finding, or split it; "
                                "mark left-out words with …"))
    try:
        read = date.fromisoformat(excerpt.read)
    except ValueError:
        return problems  # the schema reports it
    if read > today:
        problems.append(Problem(shown, excerpt.line, f"read date {read} is in the future",
                                "give the date the words were read"))
    return problems


def read_source(path: Path, root: Path | None, schema: Path,
                today: date | None = None) -> tuple[SourceRecord | None, list[Problem]]:
    """Read one source record; every defect is a problem, never an exception."""
    shown = display_path(path, root)
    data, problems = load_checked(path, shown, schema,
                                  "a source record (record:, seen:, excerpts:)")
    if data is None:
        return None, problems
    excerpts = tuple(
        Excerpt(text=" ".join(str(item["text"]).split()), where=str(item["where"]),
                read=str(item["read"]), copy=str(item.get("copy", "")),
                line=item.line_of("text"))
        for item in data.get("excerpts") or [])
    first: dict[str, int] = {}
    for excerpt in excerpts:
        problems += _excerpt_problems(excerpt, shown, today or date.today())
        if excerpt.text in first:
            problems.append(Problem(shown, excerpt.line,
                                    f"the same excerpt as at line {first[excerpt.text]}",
                                    "delete one of the two"))
        first.setdefault(excerpt.text, excerpt.line)
    record = SourceRecord(key=path.stem, record=str(data["record"]), path=shown,
                          seen=tuple(str(s) for s in data.get("seen") or []),
                          excerpts=excerpts, line=data.line)
    return record, problems


def read_sources(folder: Path, root: Path | None = None, today: date | None = None
                 ) -> tuple[dict[str, SourceRecord], list[Problem]]:
    """Every record in *folder*, by key, and the problems found in them."""
    records: dict[str, SourceRecord] = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        return records, problems
    schema = folder / "schema.json"
    for path in sorted(folder.glob("*.yaml")):
        record, found = read_source(path, root, schema, today)
        problems += found
        if record is not None:
            records[record.key] = record
    return records, problems


def check_sources(records: dict[str, SourceRecord], bib: Bibliography, folder: Path,
                  root: Path | None = None) -> list[Problem]:
    """Each bibliography entry has a record and each record names a bibliography entry."""
    problems = []
    for key, record in records.items():
        if key not in bib.entries:
            problems.append(Problem(record.path, 1,
                                    f'"{key}" is not a key in the bibliography',
                                    "name the file after the BibTeX key, or add the entry"))
    shown = display_path(folder, root)
    for key in sorted(set(bib.entries) - set(records)):
        problems.append(Problem(bib.path, bib.entries[key].line,
                                f"{key} has no source record in {shown}/",
                                f"create {shown}/{key}.yaml with record: (its PubMed, PMC, DOI "
                                "or publisher address) and seen: (where you saw it)"))
    return problems
