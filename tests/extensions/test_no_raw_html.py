"""The build escapes raw HTML from content instead of passing it through, and sets a CSP."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import sphinx_build

pytestmark = pytest.mark.sphinx_build
CHAPTER = "docs/chapters/one.md"
FILAGGRIN = "A skin barrier protein made in the outer layer of the skin."


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_raw_html_in_a_chapter_and_a_glossary_entry_is_shown_as_text(handbook: Path):
    edit(handbook / CHAPTER, "## Names",
         'Inline <img src="x.png" onerror="alert(1)"> and H<sub>2</sub>O.\n\n'
         "<script>alert('block')</script>\n\n"
         "See [this](javascript:alert(2)).\n\n## Names")
    edit(handbook / "glossary/terms/filaggrin.yaml", FILAGGRIN,
         FILAGGRIN + " <script>alert('entry')</script>")
    build = sphinx_build(handbook)
    assert build.returncode == 0, build.output
    chapter, glossary = build.html("chapters/one"), build.html("glossary/index")
    for html in (chapter, glossary):
        soup = BeautifulSoup(html, "html.parser")
        assert not [s for s in soup.find_all("script") if "alert" in s.get_text()]
        assert not [e for e in soup.find_all(True) if any(a.startswith("on") for a in e.attrs)]
        assert not soup.select('a[href^="javascript:"]')
    text = BeautifulSoup(chapter, "html.parser").get_text()
    assert '<img src="x.png" onerror="alert(1)">' in text   # shown, as code
    assert "<script>alert('block')</script>" in text
    assert "H<sub>2</sub>O" in chapter  # an allowed inline tag stays
    assert "<script>" in BeautifulSoup(glossary, "html.parser").get_text()
    data = (build.outdir / "_static" / "glossary-data.js").read_text(encoding="utf-8")
    assert "<script" not in data and "\\u003cscript\\u003ealert('entry')" in data
    assert "<script" not in (build.outdir / "glossary.json").read_text(encoding="utf-8")


def test_the_raw_directive_fails_the_strict_build(handbook: Path):
    edit(handbook / CHAPTER, "## Names", "```{raw} html\n<b>bold</b>\n```\n\n## Names")
    build = sphinx_build(handbook)
    assert build.returncode != 0
    assert re.search(r"chapters/one\.md:15: .*\"raw\" directive disabled", build.output), build.output
    assert "<b>bold</b>" not in (build.outdir / "chapters" / "one.html").read_text(encoding="utf-8")


def test_every_page_carries_a_content_security_policy(built_handbook):
    build = built_handbook
    for page in build.outdir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert policy, page
        assert "script-src 'self'" in policy[1] and "unsafe-inline" not in policy[1], page
        assert html.index("Content-Security-Policy") < html.index("<script"), page
