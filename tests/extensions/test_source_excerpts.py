"""Build the fixture handbook: each reference shows "What the source says", derived numbers
carry their working, and editing a source record updates the pages that list it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import sphinx_build
from tests.extensions.test_glossary_build import edit

pytestmark = pytest.mark.sphinx_build
SOURCE = "docs/sources/abuabara2019clinical.yaml"


def entry(html: str, key: str) -> str:
    """The HTML of one reference-list entry."""
    match = re.search(rf'id="cite-\d+-{key}".*?(?=<div class="citation"|</div>\s*</div>|</li>)',
                      html, re.S)
    assert match, f"no entry for {key}"
    return match.group(0)


def test_each_reference_with_excerpts_shows_them_in_a_disclosure(built_handbook):
    built = built_handbook
    html = entry(built.html("chapters/one"), "abuabara2019clinical")
    assert '<details class="source-excerpts"><summary>What the source says</summary>' in html
    assert "The annual period prevalence of atopic eczema ranged from 5% to 15%" in html
    assert "From the abstract, read 30 November 2026." in html
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/31260715/"' in html


def test_a_reference_without_excerpts_has_no_disclosure(built_handbook):
    built = built_handbook
    assert "source-excerpts" not in entry(built.html("chapters/one"), "langan2020atopic")


def test_derived_numbers_carry_their_working(built_handbook):
    built = built_handbook
    assert ('<abbr class="derived-number" title="Worked out by the handbook from 15 - 5">'
            "10 points</abbr>") in built.html("chapters/one")


def test_editing_a_source_record_updates_the_page(handbook: Path, first_build):
    edit(handbook / SOURCE, "only\n      38% had symptom onset", "only\n      38 % had symptom onset")
    rebuild = sphinx_build(handbook)
    assert rebuild.returncode == 0, rebuild.output
    assert "only 38 % had symptom onset" in first_build.html("chapters/one")


def test_the_skos_export_follows_an_edited_record_address(handbook: Path, first_build):
    """The addresses are kept between builds; an edited record replaces them."""
    skos = first_build.outdir / "glossary.skos.jsonld"
    assert '"@id": "https://pubmed.ncbi.nlm.nih.gov/32738956/"' in skos.read_text()
    edit(handbook / "docs/sources/langan2020atopic.yaml", "pubmed.ncbi.nlm.nih.gov/32738956/",
         "www.thelancet.com/journals/lancet/article/PIIS0140-6736(20)31286-1/")
    rebuild = sphinx_build(handbook)
    assert rebuild.returncode == 0, rebuild.output
    text = skos.read_text()
    assert "32738956" not in text and "PIIS0140-6736(20)31286-1" in text


def test_the_pdf_source_prints_the_excerpts_and_derived_workings(handbook: Path):
    build = sphinx_build(handbook, builder="latex")
    assert build.returncode == 0, build.output
    tex = next(build.outdir.glob("*.tex")).read_text()
    assert "\\textit{What the source says:}" in tex
    assert "The annual period prevalence of atopic eczema ranged from 5\\% to 15\\%" in tex
    with_excerpts = [p for p in (handbook / "docs/sources").glob("*.yaml")
                     if "text:" in p.read_text()]
    assert tex.count("\\textit{What the source says:}") == len(with_excerpts)  # once each
    assert "10 points\\footnote{Worked out by the handbook from 15 \\sphinxhyphen{} 5.}" in tex
