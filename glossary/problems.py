"""Problems found in handbook data, reported as ``path:line: message``.

Every checker in the project returns :class:`Problem` objects instead of raising, so a
contributor sees all the problems of a run at once.

>>> print(Problem("glossary/terms/ige.yaml", 3, "term is empty", "write the display term"))
glossary/terms/ige.yaml:3: term is empty (hint: write the display term)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One actionable problem: where it is, what is wrong, how to fix it."""

    path: str
    line: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


def display_path(path: str | Path, root: Path | None = None) -> str:
    """Return *path* relative to *root* (default: the working directory) when possible."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to((root or Path.cwd()).resolve()))
    except ValueError:
        return str(path)
