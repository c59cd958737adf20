"""Read ``glossary/terms/*.yaml`` into :class:`~glossary.model.Entry` objects.

Loading never raises for bad input: it returns the entries it could read and a list of
:class:`~glossary.problems.Problem` for everything else, so a contributor sees all of them.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from types import MappingProxyType

import fastjsonschema

from glossary.model import Entry, Glossary
from glossary.problems import Problem, display_path
from glossary.yamlsource import LineDict, load_yaml_file

PACKAGE_DIR = Path(__file__).resolve().parent
TERMS_DIR = PACKAGE_DIR / "terms"
SCHEMA_PATH = PACKAGE_DIR / "schema.json"
@cache
def _fast_validator():
    return fastjsonschema.compile(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def fast_valid(data: object) -> bool:
    """Whether an entry passes the schema (compiled with fastjsonschema: the quick path)."""
    try:
        _fast_validator()(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@cache
def schema_validator():
    """The JSON Schema validator for one entry (the schema is checked on first use).

    Imported on first use: only entries that fail the fast check need jsonschema.
    """
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _line_for(data: LineDict, path: tuple) -> int:
    """The line of the value at a JSON path inside *data* (best effort)."""
    node, line = data, data.line
    for part in path:
        if isinstance(node, dict) and part in node:
            line = node.line_of(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            line = getattr(node, "line", line)
            node = node[part]
        else:
            break
    return line


ESSENTIAL = ("term", "definition", "category")


def _schema_problems(data: LineDict, shown: str) -> tuple[list[Problem], bool]:
    """Schema problems, and whether the entry is too broken to use."""
    problems, fatal = [], False
    if fast_valid(data):
        return problems, fatal
    for error in sorted(schema_validator().iter_errors(data), key=lambda e: list(e.path)):
        where = ".".join(str(p) for p in error.absolute_path) or "entry"
        hint = "see glossary/schema.json for the format"
        line = _line_for(data, tuple(error.absolute_path))
        if error.validator == "required" or (error.absolute_path
                                             and error.absolute_path[0] in ESSENTIAL):
            fatal = True
        if error.validator == "additionalProperties":
            hint = "allowed keys: " + ", ".join(sorted(error.schema.get("properties", {})))
            extra = [k for k in error.instance if k not in error.schema.get("properties", {})]
            if extra and isinstance(error.instance, LineDict):
                line = error.instance.line_of(extra[0])
        elif error.validator == "enum":
            hint = "use one of: " + ", ".join(error.validator_value)
        elif error.validator == "required":
            hint = "add the missing key"
        message = error.message if len(error.message) < 160 else error.message[:157] + "..."
        problems.append(Problem(shown, line, f"{where}: {message}", hint))
    return problems, fatal


def read_entry(path: Path, root: Path | None = None) -> tuple[Entry | None, list[Problem]]:
    """Read one term file; the entry id is the file name without ``.yaml``."""
    shown = display_path(path, root)
    data, problems = load_yaml_file(path, shown)
    if data is None:
        return None, problems
    if not isinstance(data, dict):
        return None, [*problems, Problem(shown, 1, "a term file must hold one mapping "
                                         "(term:, category:, definition:, ...)",
                                         "start from an existing file in glossary/terms/")]
    entry_id = path.stem
    if not ID_PATTERN.match(entry_id):
        problems.append(Problem(shown, 1, f'file name "{path.name}" is not a valid id',
                                "rename it to lowercase words joined by hyphens, e.g. th2-cell.yaml"))
    found, fatal = _schema_problems(data, shown)
    problems += found
    if fatal:
        return None, problems

    def strings(key: str) -> tuple[str, ...]:
        value = data.get(key) or []
        return tuple(str(v).strip() for v in value) if isinstance(value, list) else ()

    identifiers = data.get("identifiers") if isinstance(data.get("identifiers"), dict) else {}
    entry = Entry(
        id=entry_id, term=str(data["term"]).strip(),
        definition=str(data["definition"]).strip(), category=str(data["category"]),
        abbreviations=strings("abbreviations"), synonyms=strings("synonyms"),
        plurals=strings("plurals"), note=str(data.get("note") or "").strip(),
        see_also=strings("see_also"), see_also_one_way=strings("see_also_one_way"),
        sources=strings("sources"),
        identifiers=MappingProxyType({k: str(v) for k, v in identifiers.items()}),
        path=shown, line=data.line, key_lines=MappingProxyType(dict(data.key_lines)),
    )
    return entry, problems


def read_terms(terms_dir: Path = TERMS_DIR, root: Path | None = None
               ) -> tuple[list[Entry], list[Problem]]:
    """Read every ``*.yaml`` file in *terms_dir*; return ``(entries, problems)``."""
    entries, problems = [], []
    if not terms_dir.is_dir():
        return [], [Problem(display_path(terms_dir, root), 1, "glossary folder not found",
                            "create glossary/terms/ with one YAML file per term")]
    for path in sorted(terms_dir.glob("*.yaml")):
        entry, found = read_entry(path, root)
        problems += found
        if entry is not None:
            entries.append(entry)
    for path in sorted(terms_dir.glob("*.yml")):
        problems.append(Problem(display_path(path, root), 1, "term files must end in .yaml",
                                f"rename it to {path.stem}.yaml"))
    return entries, problems


def load_glossary(terms_dir: Path = TERMS_DIR) -> Glossary:
    """Load the glossary for querying, skipping unreadable entries.

    Use :func:`glossary.rules.check_glossary` (or ``make check``) to see the problems.
    """
    entries, _ = read_terms(terms_dir)
    return Glossary(entries)
