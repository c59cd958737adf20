"""``make review-due``: questions searched long before their chapter's review are listed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

QUESTION = "docs/questions/onset.yaml"


def run(root: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "scripts" / "review_due.py"),
                           "--root", str(root), *options],
                          capture_output=True, text=True, check=False)


def test_nothing_is_due_when_searches_are_recent(handbook: Path):
    result = run(handbook)
    assert result.returncode == 0, result.stdout
    assert "0 of 1 question(s) due for review" in result.stdout


def test_an_old_search_is_listed_with_its_line(handbook: Path):
    path = handbook / QUESTION
    path.write_text(path.read_text().replace("2026-11-30", "2025-12-01"))
    result = run(handbook)
    assert result.returncode == 1
    assert (f"{QUESTION}:20: due for review: evidence last searched 2025-12-01, more than "
            "183 days before docs/chapters/one.md was reviewed (2026-11-22)") in result.stdout
    assert run(handbook, "--months", "12").returncode == 0


def test_make_check_warns_but_passes(handbook: Path):
    path = handbook / QUESTION
    path.write_text(path.read_text().replace("2026-11-30", "2025-12-01"))
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "check.py"), "--root",
                             str(handbook)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning: docs/questions/onset.yaml:20: due for review" in result.stderr
