"""Load YAML while keeping line numbers and refusing duplicate keys.

PyYAML silently keeps the last of two identical mapping keys; this loader reports them.
Mappings come back as :class:`LineDict` objects that remember the line of each key.

>>> data, problems = load_yaml_text("term: IgE\\nterm: IgG\\n", "x.yaml")
>>> [str(p) for p in problems]  # doctest: +NORMALIZE_WHITESPACE
['x.yaml:2: duplicate key "term" (first at line 1)
  (hint: keep one "term:" line and delete the other)']
>>> data.line_of("term")
1
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from glossary.problems import Problem


class LineDict(dict):
    """A dict that remembers the 1-based line of the mapping and of each key."""

    line: int = 1

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        """Line of *key*, or of the mapping itself when the key is absent."""
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A list that remembers its 1-based line."""

    line: int = 1


#: libyaml's parser when PyYAML was built with it (its wheels are), else the pure-Python one:
#: same results and marks, about five times faster on the glossary.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _loader_class(path: str, problems: list[Problem]) -> type[yaml.SafeLoader]:
    class Loader(_SafeLoader):
        pass

    def construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
        loader.flatten_mapping(node)
        result = LineDict()
        result.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str | int | float | bool) and key is not None:
                problems.append(Problem(path, line, "a mapping key must be plain text",
                                        "remove the brackets or braces around the key"))
                continue
            key = str(key)
            if key in result.key_lines:
                problems.append(Problem(
                    path, line, f'duplicate key "{key}" (first at line {result.key_lines[key]})',
                    f'keep one "{key}:" line and delete the other'))
                continue
            result.key_lines[key] = line
            result[key] = loader.construct_object(value_node, deep=True)
        return result

    def construct_sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> LineList:
        result = LineList(loader.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        return result

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
    return Loader


def load_yaml_text(text: str, path: str) -> tuple[Any, list[Problem]]:
    """Parse *text*; return ``(data, problems)``. *data* is ``None`` after a syntax error."""
    problems: list[Problem] = []
    try:
        data = yaml.load(text, Loader=_loader_class(path, problems))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or exc.context or "invalid YAML"
        return None, [Problem(path, line, f"YAML syntax error: {what}",
                              "check indentation, colons and quotes on this line and the one above")]
    except yaml.YAMLError as exc:  # errors without a position
        return None, [Problem(path, 1, f"YAML error: {exc}", "fix the YAML syntax")]
    return data, problems


def load_yaml_file(path: Path, shown_as: str | None = None) -> tuple[Any, list[Problem]]:
    """Read and parse one YAML file, reporting unreadable files as problems too."""
    name = shown_as or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(name, 1, f"not UTF-8 text ({exc.reason})", "save the file as UTF-8")]
    except OSError as exc:
        return None, [Problem(name, 1, f"cannot read file: {exc.strerror}", "check the path")]
    return load_yaml_text(text, name)


def folder_stamp(folder: Path, pattern: str = "*.yaml") -> tuple[tuple[str, int, int], ...]:
    """Name, modification time and size of each *pattern* file in *folder*: it changes when a
    file is added, edited or removed, so readers can keep what they parsed until then."""
    return tuple((p.name, (stat := p.stat()).st_mtime_ns, stat.st_size)
                 for p in sorted(folder.glob(pattern)))
