"""Problems found in handbook data, reported as ``path:line: message``.

Every checker in the project returns :class:`Problem` objects instead of raising, so a
contributor sees all the problems of a run at once.

>>> print(Problem("glossary/terms/ige.yaml", 3, "term is empty", "write the display term"))
glossary/terms/ige.yaml:3: term is empty (hint: write the display term)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
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
    base = root or Path.cwd()
    if path.is_absolute() and base.is_absolute():
        try:  # the common case, without touching the file system
            return str(path.relative_to(base))
        except ValueError:
            pass
    try:
        return str(path.resolve().relative_to(_resolved(base)))
    except ValueError:
        return str(path)


@lru_cache(maxsize=16)
def _resolved(path: Path) -> Path:
    return path.resolve()
