"""Compiled theme templates are kept between builds and render the same pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import sphinx_build
from tests.extensions.test_glossary_build import edit

pytestmark = pytest.mark.sphinx_build


def test_templates_are_cached_and_cached_ones_render_the_same_page(handbook: Path):
    first = sphinx_build(handbook)
    assert first.returncode == 0, first.output
    cache = handbook / "_build/doctrees/jinja-bytecode/html"
    assert sorted(cache.glob("*.cache")), "no compiled templates were cached"
    page = first.html("chapters/one")
    edit(handbook / "docs/chapters/one.md", "# Chapter one", "# Chapter one")  # newer mtime only
    again = sphinx_build(handbook)
    assert again.returncode == 0, again.output
    written = re.findall(r"writing output\.\.\. \[.*?\] (\S+)", again.output)
    assert "chapters/one" in written, again.output  # rewritten, with the cached templates
    # Sphinx adds ?v=<checksum> to static file links once they exist from an earlier build
    assert without_checksums(again.html("chapters/one")) == without_checksums(page)


def without_checksums(html: str) -> str:
    return re.sub(r"\?v=[0-9a-f]+", "", html)
