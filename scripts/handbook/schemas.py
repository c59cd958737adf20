"""JSON Schema validation of a loaded YAML file, with ``path:line`` problems.

Valid files (nearly all) are passed by the schema compiled with fastjsonschema; a file it
rejects is validated again with jsonschema, which reports every error with its path.

Used for every data folder with one YAML file per item and a ``schema.json`` beside them
(source records, evidence questions).
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path

import fastjsonschema

from glossary.problems import Problem
from glossary.yamlsource import LineDict


@cache
def validator(schema_path: Path):
    """The validator for *schema_path* (the schema itself is checked on first use).

    jsonschema is imported only here, when a file fails the fast check: its import is slow.
    """
    import jsonschema

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@cache
def fast_validator(schema_path: Path):
    """The schema compiled to Python (fastjsonschema): a quick yes for valid data."""
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    return fastjsonschema.compile(schema)


def is_valid(data: object, schema_path: Path) -> bool:
    """Whether *data* passes the schema, by the compiled validator."""
    try:
        fast_validator(schema_path)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _line(data: LineDict, path: list) -> int:
    node, line = data, data.line
    for part in path:
        if isinstance(node, dict) and part in node:
            line, node = node.line_of(part), node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            line = getattr(node, "line", line)
        else:
            break
    return line


def dates_as_text(node: object) -> object:
    """YAML reads ``2026-11-30`` as a date; the schemas expect the text."""
    if isinstance(node, dict):
        for key, value in node.items():
            node[key] = dates_as_text(value)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            node[index] = dates_as_text(value)
    elif isinstance(node, date):
        return node.isoformat()
    return node


def schema_problems(data: LineDict, schema_path: Path, shown: str) -> list[Problem]:
    """Every way *data* breaks the schema at *schema_path*, at the line of the bad value."""
    problems = []
    dates_as_text(data)
    if is_valid(data, schema_path):  # most files: no need to collect every error
        return problems
    for error in sorted(validator(schema_path).iter_errors(data), key=lambda e: list(e.path)):
        where = ".".join(str(p) for p in error.absolute_path) or "file"
        hint = f"see {schema_path.parent.name}/{schema_path.name} for the format"
        if error.validator == "enum":
            hint = "use one of: " + ", ".join(error.validator_value)
        elif error.validator == "additionalProperties":
            hint = "allowed keys: " + ", ".join(sorted(error.schema.get("properties", {})))
        message = error.message if len(error.message) < 160 else error.message[:157] + "..."
        problems.append(Problem(shown, _line(data, list(error.absolute_path)),
                                f"{where}: {message}", hint))
    return problems


def load_checked(path: Path, shown: str, schema_path: Path, what: str
                 ) -> tuple[LineDict | None, list[Problem]]:
    """One YAML mapping read and checked against its schema: ``(data, problems)``, with
    ``data`` ``None`` when the file cannot be used. *what* names the file's keys for the
    message, e.g. ``"a source record (record:, seen:, excerpts:)"``."""
    from glossary.yamlsource import load_yaml_file

    data, problems = load_yaml_file(path, shown)
    if data is None:
        return None, problems
    if not isinstance(data, dict):
        return None, [*problems, Problem(shown, 1, f"{what} must be one mapping",
                                         f"start from an existing file in {path.parent.name}/")]
    found = schema_problems(data, schema_path, shown)
    return (None, problems + found) if found else (data, problems)
