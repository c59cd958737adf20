"""A rebuild's search index keeps the index entries of the pages it did not rewrite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import sphinx_build
from tests.extensions.test_glossary_build import edit

pytestmark = pytest.mark.sphinx_build


def index_entries(outdir: Path) -> dict:
    text = (outdir / "searchindex.js").read_text()
    return json.loads(text[text.index("(") + 1:text.rindex(")")])["indexentries"]


def test_rebuild_keeps_the_index_entries_of_a_clean_build(handbook: Path):
    clean = sphinx_build(handbook)
    assert clean.returncode == 0, clean.output
    expected = index_entries(clean.outdir)
    assert "filaggrin" in expected  # the glossary's terms are index entries
    edit(handbook / "docs/chapters/one.md", "Discussion of the claim.", "Discussion, edited.")
    rebuilt = sphinx_build(handbook)
    assert rebuilt.returncode == 0, rebuilt.output
    assert "glossary/index" not in rebuilt.output.split("writing output")[-1]  # not rewritten
    assert index_entries(rebuilt.outdir) == expected
    noop = sphinx_build(handbook)
    assert noop.returncode == 0, noop.output
    assert index_entries(noop.outdir) == expected


def test_entries_of_a_removed_page_are_dropped(handbook: Path):
    assert sphinx_build(handbook).returncode == 0
    edit(handbook / "docs/chapters/one.md", "## Names", "(names)=\n## Names\n\n```{index} eczema names\n```")
    assert sphinx_build(handbook).returncode == 0
    assert "eczema names" in index_entries(handbook / "_build/html")
    (handbook / "docs/chapters/one.md").unlink()
    edit(handbook / "docs/index.md", "chapters/one\n", "")
    build = sphinx_build(handbook)
    assert build.returncode == 0, build.output
    assert "eczema names" not in index_entries(build.outdir)
