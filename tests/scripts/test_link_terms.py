"""``scripts/link_terms.py``: lists unlinked first mentions, and --fix links them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from handbook.check import Layout, run_checks
from tests.conftest import REPO

CHAPTER = "docs/chapters/one.md"


def run(root: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "scripts" / "link_terms.py"), "--root",
                           str(root), *options], capture_output=True, text=True, check=False)


def test_lists_then_links_first_mentions(handbook: Path):
    chapter = handbook / CHAPTER
    text = chapter.read_text()
    chapter.write_text(text.replace("## Names\n\n", "## Names\n\nFilaggrin and atopic\neczema.\n\n"))
    listed = run(handbook)
    assert listed.returncode == 1
    assert f'{CHAPTER}:17: first mention of "Filaggrin" is not a glossary link' in listed.stdout
    assert run(handbook, "--fix").returncode == 0
    fixed = chapter.read_text()
    assert "{term}`Filaggrin` and {term}`atopic eczema`." in fixed
    assert run(handbook).returncode == 0
    assert run_checks(Layout(handbook)) == []
