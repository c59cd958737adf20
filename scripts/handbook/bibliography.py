"""Read ``docs/references.bib`` with pybtex (as Sphinx does) and check every entry.

Line numbers come from a light scan of the file, since pybtex does not keep them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pybtex.errors
from pybtex.database import parse_string
from pybtex.scanner import PybtexError, PybtexSyntaxError

from glossary.problems import Problem, display_path

#: Evidence types: the value of each entry's ``evidence`` field -> label shown to readers.
EVIDENCE_TYPES = {
    "guideline": "Guideline",
    "systematic-review": "Systematic review or meta-analysis",
    "randomised-trial": "Randomised trial",
    "observational": "Cohort, case-control or cross-sectional study",
    "narrative-review": "Narrative review",
    "mechanistic": "Mechanistic or laboratory study",
    "regulatory": "Regulatory notice",
    "web-page": "Web page",
}

#: Required fields per entry type (``author`` may be replaced by ``editor`` or ``organization``).
REQUIRED = {
    "article": ("author", "title", "journal", "year", "evidence"),  # volume/pages: when seen
    "book": ("author", "title", "publisher", "year", "evidence"),
    "incollection": ("author", "title", "booktitle", "publisher", "year", "evidence"),
    "misc": ("author", "title", "year", "url", "evidence"),
    "techreport": ("author", "title", "institution", "year", "evidence"),
}
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
PMID = re.compile(r"^\d{1,9}$")
PMCID = re.compile(r"^PMC\d+$")
KEY = re.compile(r"^[a-z][a-z0-9]*\d{4}[a-z0-9]+$")
ENTRY_START = re.compile(r"^\s*@(?P<type>\w+)\s*[{(]\s*(?P<key>[^,\s]+)\s*,", re.MULTILINE)
FIELD_START = re.compile(r"^\s*(?P<name>[A-Za-z][\w-]*)\s*=", re.MULTILINE)


@dataclass
class BibEntry:
    """One bibliography entry with the line of the entry and of each field."""

    key: str
    type: str
    fields: dict[str, str]
    line: int
    field_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, self.line)


@dataclass
class Bibliography:
    path: str
    entries: dict[str, BibEntry]
    problems: list[Problem]

    @property
    def keys(self) -> set[str]:
        return set(self.entries)


def _line_index(text: str) -> dict[str, list[tuple[int, dict[str, int]]]]:
    """key -> [(entry line, {field: line}), ...]: one item per entry with that key."""
    line_starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def line_at(offset: int) -> int:
        return bisect.bisect_right(line_starts, offset)

    index: dict[str, list[tuple[int, dict[str, int]]]] = {}
    starts = list(ENTRY_START.finditer(text))
    for i, match in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        fields: dict[str, int] = {}
        for fmatch in FIELD_START.finditer(text, match.end(), end):
            fields.setdefault(fmatch["name"].lower(), line_at(fmatch.start()))
        index.setdefault(match["key"], []).append((line_at(match.start()), fields))
    return index


def load_bibliography(path: Path, root: Path | None = None) -> Bibliography:
    """Parse the BibTeX file; syntax errors and duplicate keys become problems."""
    shown = display_path(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return Bibliography(shown, {}, [Problem(shown, 1, f"cannot read bibliography: {exc}",
                                                "check the file exists and is UTF-8")])
    problems: list[Problem] = []
    index = _line_index(text)
    for key, places in index.items():
        for line, _fields in places[1:]:
            problems.append(Problem(shown, line, f'duplicate key "{key}" (first at line {places[0][0]})',
                                    "merge the two entries or give this one its own key"))
    with pybtex.errors.capture() as errors:
        try:
            data = parse_string(text, "bibtex")
        except PybtexError as exc:  # pybtex gives up entirely
            errors.append(exc)
            data = None
    for error in errors:
        if isinstance(error, PybtexSyntaxError):
            problems.append(Problem(shown, error.lineno or 1, f"BibTeX syntax error: {error.args[0]}"
                                    if error.args else "BibTeX syntax error",
                                    "check braces, commas and quotes in this entry"))
        elif "repeated" not in str(error):  # duplicates already reported with their line
            problems.append(Problem(shown, 1, f"BibTeX error: {error}", "fix the entry"))
    entries: dict[str, BibEntry] = {}
    if data is not None:
        for key, entry in data.entries.items():
            line, field_lines = index.get(key, [(1, {})])[0]
            fields = {name.lower(): str(value) for name, value in entry.fields.items()}
            for role, persons in entry.persons.items():
                fields[role.lower()] = " and ".join(str(p) for p in persons)
            entries[key] = BibEntry(key, entry.type.lower(), fields, line, field_lines)
    return Bibliography(shown, entries, problems)


def check_entry(entry: BibEntry, path: str, this_year: int | None = None) -> list[Problem]:
    """Field rules for one entry."""
    problems = []
    this_year = this_year or date.today().year

    def problem(name: str, message: str, hint: str) -> None:
        problems.append(Problem(path, entry.line_of(name), f"{entry.key}: {message}", hint))

    if not KEY.match(entry.key):
        problem("key", f'key "{entry.key}" does not follow firstauthorYEARword',
                "e.g. langan2020atopic: first author, year, first title word, lowercase")
    required = REQUIRED.get(entry.type)
    if required is None:
        problem("type", f"entry type @{entry.type} is not supported",
                "use one of: " + ", ".join(f"@{t}" for t in REQUIRED))
        required = REQUIRED["misc"]
    for name in required:
        if name == "author" and any(f in entry.fields for f in ("author", "editor", "organization")):
            continue
        if not entry.fields.get(name, "").strip():
            problem(name, f"missing field {name}", f"copy {name} from the PubMed or publisher record")
    if entry.type == "article" and not any(entry.fields.get(f) for f in ("doi", "pubmed", "url")):
        problem("doi", "an article needs a doi or a pubmed field (or, when no record showed "
                "either, the publisher's url)", "copy the DOI and PMID from the record you verified")
    doi = entry.fields.get("doi", "")
    if doi and not DOI.match(doi):
        problem("doi", f'DOI "{doi}" is not a bare DOI',
                "write it as 10.NNNN/suffix, without https://doi.org/ and without spaces")
    if "pmid" in entry.fields:
        problem("pmid", "use the field name pubmed, not pmid", "rename pmid = {...} to pubmed = {...}")
    pmid = entry.fields.get("pubmed", "")
    if pmid and not PMID.match(pmid):
        problem("pubmed", f'PMID "{pmid}" is not all digits', "copy the number from PubMed")
    pmcid = entry.fields.get("pmcid", "")
    if pmcid and not PMCID.match(pmcid):
        problem("pmcid", f'PMCID "{pmcid}" is not PMC followed by digits', "e.g. PMC1234567")
    year = entry.fields.get("year", "")
    if year and not (year.isdigit() and 1800 <= int(year) <= this_year + 1):
        problem("year", f'year "{year}" is not plausible', f"a year between 1800 and {this_year + 1}")
    evidence = entry.fields.get("evidence", "")
    if evidence and evidence not in EVIDENCE_TYPES:
        problem("evidence", f'evidence type "{evidence}" is not in the set',
                "use one of: " + ", ".join(EVIDENCE_TYPES))
    url = entry.fields.get("url", "")
    if url and not url.startswith("https://"):
        problem("url", f'URL "{url}" is not https', "use the https:// address")
    return problems


def check_bibliography(bib: Bibliography, cited: set[str] | None = None) -> list[Problem]:
    """Every rule for the whole file. With *cited*, also report entries nobody cites."""
    problems = list(bib.problems)
    seen: dict[tuple[str, str], str] = {}
    for entry in bib.entries.values():
        problems += check_entry(entry, bib.path)
        for name in ("doi", "pubmed"):
            value = entry.fields.get(name, "").lower()
            if not value:
                continue
            if (name, value) in seen:
                problems.append(Problem(bib.path, entry.line_of(name),
                                        f'{entry.key}: same {name} as "{seen[name, value]}"',
                                        "one source, one entry: cite the other key instead"))
            else:
                seen[name, value] = entry.key
        if cited is not None and entry.key not in cited:
            problems.append(Problem(bib.path, entry.line, f"{entry.key}: not cited anywhere",
                                    "cite it in a chapter or glossary entry, or remove it"))
    return problems
