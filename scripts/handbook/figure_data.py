"""The data files of the evidence figures (``docs/data/``): read, checked, with line numbers.

Each reader returns ``(rows, problems)``. ``make check`` reports the problems (and checks
that every row's sources are in the bibliography); the figures extension draws the rows and
shows the problems as build warnings. Numbers in the rows are held to their sources' words by
the evidence ledger (:mod:`handbook.ledger_inputs`).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from glossary.problems import Problem, display_path
from glossary.yamlsource import load_yaml_file
from handbook.schemas import schema_problems

AUTOREACTIVITY = ("study", "year", "design", "method", "group", "n", "percent", "percent_high",
                  "note", "source")
ABSOLUTE_RISK = ("condition", "hazard_ratio", "ci_low", "ci_high", "ci_level",
                 "extra_per_1000_person_years", "population", "source")


def _csv_rows(path: Path, columns: tuple[str, ...], root: Path | None
              ) -> tuple[str, list[tuple[int, dict]], list[Problem]]:
    shown = display_path(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return shown, [], [Problem(shown, 1, f"cannot read the data: {exc}", "save it as UTF-8")]
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        return shown, [], [Problem(shown, 1, f"missing column(s): {', '.join(missing)}",
                                   "the first line names the columns: " + ",".join(columns))]
    try:
        rows = [(line, row) for line, row in enumerate(reader, start=2)]
    except csv.Error as exc:
        return shown, [], [Problem(shown, reader.line_num, f"CSV error: {exc}",
                                   "check the quotes on this line")]
    return shown, rows, []


def _number(row: dict, key: str, shown: str, line: int, problems: list[Problem],
            required: bool = True) -> float | None:
    value = (row.get(key) or "").strip()
    if not value:
        if required:
            problems.append(Problem(shown, line, f"{key} is empty", f"give the {key}"))
        return None
    try:
        return float(value.replace(",", ""))
    except ValueError:
        problems.append(Problem(shown, line, f'{key} "{value}" is not a number',
                                "write digits, e.g. 15.0"))
        return None


def read_autoreactivity(path: Path, root: Path | None = None
                        ) -> tuple[list[dict], list[Problem]]:
    """Share of people with autoantibodies or autoreactive cells, per study and group."""
    shown, raw, problems = _csv_rows(path, AUTOREACTIVITY, root)
    rows = []
    for line, row in raw:
        count = len(problems)
        share = _number(row, "percent", shown, line, problems, required=False)
        high = _number(row, "percent_high", shown, line, problems, required=False)
        n = _number(row, "n", shown, line, problems, required=False)
        year = _number(row, "year", shown, line, problems)
        if share is None and not (row.get("note") or "").strip():
            problems.append(Problem(shown, line, "a row needs a percent or a note",
                                    'give the share, or a note such as "not found"'))
        for value in (share, high):
            if value is not None and not 0 <= value <= 100:
                problems.append(Problem(shown, line, f"{value:g}% is not a share (0–100)",
                                        "write the percentage"))
        if share is not None and high is not None and high < share:
            problems.append(Problem(shown, line, "percent_high is below percent",
                                    "a range goes from low to high"))
        if n is not None and (n <= 0 or n != int(n)):
            problems.append(Problem(shown, line, f"n {n:g} is not a count of people",
                                    "give the number of people in the group"))
        if not (row.get("source") or "").strip():
            problems.append(Problem(shown, line, "the row names no source",
                                    "give the BibTeX key of the study"))
        if len(problems) == count:
            rows.append({**{k: (row.get(k) or "").strip() for k in AUTOREACTIVITY},
                         "percent": share, "percent_high": high, "year": int(year or 0),
                         "n": int(n) if n else None, "line": line})
    return sorted(rows, key=lambda r: (r["year"], r["study"])), problems


def read_absolute_risk(path: Path, root: Path | None = None) -> tuple[list[dict], list[Problem]]:
    """Hazard ratios with the extra cases per 1,000 person-years they amount to."""
    shown, raw, problems = _csv_rows(path, ABSOLUTE_RISK, root)
    rows = []
    for line, row in raw:
        count = len(problems)
        ratio, low, high, extra = (_number(row, k, shown, line, problems) for k in
                                   ("hazard_ratio", "ci_low", "ci_high",
                                    "extra_per_1000_person_years"))
        level = _number(row, "ci_level", shown, line, problems)
        if None not in (ratio, low, high) and not 0 < low <= ratio <= high:
            problems.append(Problem(shown, line, "need 0 < ci_low <= hazard_ratio <= ci_high",
                                    "check the order of the interval"))
        if extra is not None and extra < 0:
            problems.append(Problem(shown, line, "extra cases cannot be negative here",
                                    "this figure shows conditions more common with AD"))
        if level is not None and not 50 <= level < 100:
            problems.append(Problem(shown, line, f"ci_level {level:g} is not a confidence level",
                                    "write 95 or 99"))
        if not (row.get("source") or "").strip():
            problems.append(Problem(shown, line, "the row names no source",
                                    "give the BibTeX key of the study"))
        if len(problems) == count:
            rows.append({"condition": row["condition"].strip(), "hazard_ratio": ratio,
                         "ci_low": low, "ci_high": high, "ci_level": int(level),
                         "extra": extra, "population": row["population"].strip(),
                         "source": row["source"].strip(), "line": line})
    return rows, problems


def read_yaml_data(path: Path, root: Path | None = None) -> tuple[object, list[Problem]]:
    """A YAML data file checked against ``<name>.schema.json`` beside it."""
    shown = display_path(path, root)
    data, problems = load_yaml_file(path, shown)
    schema = path.with_name(path.stem + ".schema.json")
    if data is None:
        return None, problems
    if schema.exists():
        found = schema_problems(data, schema, shown)
        if found:
            return None, problems + found
    return data, problems


def sources_of(data: object) -> list[tuple[str, int]]:
    """Every ``source``/``sources`` key in a loaded data file, with its line."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            line = data.line_of(key) if hasattr(data, "line_of") else 1
            if key == "source" and isinstance(value, str):
                found.append((value, line))
            elif key in ("source", "sources") and isinstance(value, list):
                found += [(str(v), line) for v in value]
            else:
                found += sources_of(value)
    elif isinstance(data, list):
        for item in data:
            found += sources_of(item)
    return found


#: The figure data files: name -> reader (CSV) or None (YAML with a schema).
FILES = {"autoreactivity.csv": read_autoreactivity, "absolute-risk.csv": read_absolute_risk,
         "treatment-steps.yaml": None, "age-patterns.yaml": None, "skin-barrier.yaml": None}


def figure_sources(folder: Path) -> set[str]:
    """Every source key the figure data cite (they count as cited in the bibliography)."""
    keys: set[str] = set()
    for name, reader in FILES.items():
        path = folder / name
        if path.exists():
            if reader is not None:
                keys.update(row["source"] for row in reader(path)[0])
            else:
                keys.update(key for key, _ in sources_of(read_yaml_data(path)[0]))
    return keys


def check_figure_data(folder: Path, bib_keys: set[str], root: Path | None = None
                      ) -> list[Problem]:
    """Problems in every figure data file, and sources missing from the bibliography."""
    problems = []
    for name, reader in FILES.items():
        path = folder / name
        if not path.exists():
            continue
        shown = display_path(path, root)
        if reader is not None:
            rows, found = reader(path, root)
            problems += found
            keys = [(row["source"], row["line"]) for row in rows]
        else:
            data, found = read_yaml_data(path, root)
            problems += found
            keys = sources_of(data)
        problems += [Problem(shown, line, f'source "{key}" is not in the bibliography',
                             "add its verified entry to docs/references.bib or fix the key")
                     for key, line in keys if key not in bib_keys]
    return problems
