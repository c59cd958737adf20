"""Build the fixture handbook and check what the extensions put in the HTML."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest

from tests.conftest import sphinx_build


def edit(path: Path, old: str, new: str) -> None:
    """Change a source file and move its mtime clearly past the last build.

    Sphinx compares a file's mtime with the (fine-grained) time it read the page, while
    file systems stamp writes with a coarser clock; on a loaded machine an edit made just
    after a build could otherwise look older than the build.
    """
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    future = time.time_ns() + 2_000_000_000
    os.utime(path, ns=(future, future))

pytestmark = pytest.mark.sphinx_build


@pytest.fixture
def built(built_handbook):
    """The clean fixture handbook, built once for all the tests that only read it."""
    return built_handbook


def test_term_links_resolve_to_stable_anchors(built):
    html = built.html("chapters/one")
    # the term, the abbreviation, the synonym and the plural all land on the same entries
    # (and so does each label of the skin-barrier figure, listed under it)
    assert html.count('href="../glossary/index.html#term-atopic-dermatitis"') == 3
    assert html.count('href="../glossary/index.html#term-filaggrin"') == 3


def test_glossary_page_has_letters_entries_sources_and_used_in(built):
    html = built.html("glossary/index")
    assert 'id="term-filaggrin"' in html and 'id="term-atopic-dermatitis"' in html
    assert 'href="#letter-a"' in html and 'href="#letter-f"' in html
    assert "Also:" in html and "AD, atopic eczema" in html
    assert "meshb.nlm.nih.gov/record/ui?ui=D000091344" in html
    used = re.search(r'id="term-filaggrin".*?glossary-used-in">(.*?)</p>', html, re.S)
    assert used and "Chapter one › Barrier" in used.group(1) and "Chapter one › Names" in used.group(1)
    assert "../chapters/one.html#barrier" in used.group(1)


def test_json_export_and_hover_data(built):
    data = json.loads((built.outdir / "glossary.json").read_text())
    entry = {e["id"]: e for e in data["entries"]}["atopic-dermatitis"]
    assert entry["abbreviations"] == ["AD"]
    assert entry["url"] == "glossary/index.html#term-atopic-dermatitis"
    assert entry["definition_text"] == "A long-lasting itchy skin disease; see filaggrin."
    hover = (built.outdir / "_static" / "glossary-data.js").read_text()
    assert hover.startswith("window.HANDBOOK_GLOSSARY = ")
    assert '"term-filaggrin": {"definition": "A skin barrier protein' in hover
    page = built.html("chapters/one")
    assert "_static/glossary-hover.js" in page and "_static/glossary-data.js" in page
    assert (built.outdir / "_static" / "glossary-hover.js").exists()


def test_chapter_furniture_claim_box_and_figure(built):
    html = built.html("chapters/one")
    assert "In brief" in html and "Last reviewed:" in html and "22 November 2026" in html
    cite = re.search(r"How to cite this page: </em>(.*?)</p>", html, re.S)
    assert cite and cite[1].endswith("Fixture handbook, reviewed 22 November 2026."), cite
    assert cite[1].count("2026") == 1
    assert "Evidence: Guideline" in html
    assert 'id="seed-claim-sample-claim"' in html and "verdict-unsupported" in html
    svg = list((built.outdir / "_images").glob("forest-*.svg"))
    assert len(svg) == 1 and "Any autoimmune disease" in svg[0].read_text()
    assert 'alt="A forest plot."' in html


def test_reference_list_shows_evidence_and_links(built):
    html = built.html("chapters/one")
    assert "Evidence: Narrative review" in html
    assert "https://doi.org/10.1016/S0140-6736(20)31286-1" in html
    assert "https://pubmed.ncbi.nlm.nih.gov/32738956/" in html


def test_nothing_is_loaded_from_another_host(built):
    for page in built.outdir.rglob("*.html"):
        for url in re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', page.read_text()):
            assert not url.startswith(("http:", "https:", "//")), (page, url)


def test_broken_references_fail_with_file_and_line_all_in_one_run(handbook: Path):
    chapter = handbook / "docs/chapters/one.md"
    text = chapter.read_text().replace("{term}`AD`", "{term}`ADX`")
    text = text.replace("{cite:p}`langan2020atopic`", "{cite:p}`nobody2020nothing`")
    chapter.write_text(text + "\nSee {doc}`missing-page`.\n")
    build = sphinx_build(handbook)
    assert build.returncode != 0
    assert re.search(r"chapters/one\.md:13: WARNING: term not in glossary: 'ADX'", build.output)
    assert re.search(r'chapters/one\.md:13: WARNING: could not find bibtex key "nobody2020nothing"',
                     build.output)
    assert "unknown document: 'missing-page'" in build.output


def test_glossary_problems_fail_the_build_at_the_yaml_line(handbook: Path):
    path = handbook / "glossary/terms/filaggrin.yaml"
    path.write_text(path.read_text().replace("plurals: [filaggrins]", "plurals: [filaggrins, AD]"))
    build = sphinx_build(handbook)
    assert build.returncode != 0
    assert re.search(r'filaggrin\.yaml:2: WARNING: "AD" is already a name of entry', build.output)


def test_noop_rebuild_reads_nothing(handbook: Path):
    assert sphinx_build(handbook).returncode == 0
    again = sphinx_build(handbook)
    assert again.returncode == 0
    assert "0 added, 0 changed, 0 removed" in again.output
    assert "reading sources... [" not in again.output
    assert "writing output... [" not in again.output


def test_editing_a_definition_rereads_only_glossary_pages(handbook: Path):
    assert sphinx_build(handbook).returncode == 0
    edit(handbook / "glossary/terms/filaggrin.yaml", "outer layer", "outermost layer")
    build = sphinx_build(handbook)
    assert build.returncode == 0, build.output
    read = re.search(r"reading sources\.\.\. \[.*?\] (.*)", build.output)
    assert read and read.group(1).strip() == "glossary/index", build.output
    assert "outermost layer" in (build.outdir / "_static/glossary-data.js").read_text()


def test_removing_a_term_rebuilds_pages_that_link_it_and_fails(handbook: Path):
    assert sphinx_build(handbook).returncode == 0
    (handbook / "glossary/terms/filaggrin.yaml").unlink()
    ad = handbook / "glossary/terms/atopic-dermatitis.yaml"
    edit(ad, "see_also: [filaggrin]\n", "")
    edit(ad, "; see {term}`filaggrin`", "")
    build = sphinx_build(handbook)
    assert build.returncode != 0
    assert re.search(r"chapters/one\.md:13: WARNING: term not in glossary: 'filaggrin'", build.output)


def test_parallel_and_serial_builds_are_identical(handbook: Path, tmp_path: Path):
    serial = sphinx_build(handbook, "-j", "1")
    assert serial.returncode == 0, serial.output
    first = {p.relative_to(serial.outdir): p.read_bytes() for p in serial.outdir.rglob("*")
             if p.is_file() and p.suffix in {".html", ".svg", ".json", ".js"}}
    import shutil
    shutil.rmtree(handbook / "_build")
    parallel = sphinx_build(handbook, "-j", "2")
    assert parallel.returncode == 0, parallel.output
    second = {p.relative_to(parallel.outdir): p.read_bytes() for p in parallel.outdir.rglob("*")
              if p.is_file() and p.suffix in {".html", ".svg", ".json", ".js"}}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_editing_a_chapter_rereads_and_rewrites_only_it(handbook: Path):
    assert sphinx_build(handbook).returncode == 0
    edit(handbook / "docs/chapters/one.md", "Discussion of the claim.", "Discussion, edited.")
    build = sphinx_build(handbook)
    assert build.returncode == 0, build.output
    assert re.findall(r"reading sources\.\.\. \[.*?\] (\S+)", build.output) == ["chapters/one"], build.output
    written = re.findall(r"writing output\.\.\. \[.*?\] (\S+)", build.output)
    # Sphinx also rewrites the page whose toctree lists the edited one (index). The glossary's
    # "Used in" lists did not change, so the glossary page is not rewritten.
    assert sorted(written) == ["chapters/one", "index"], build.output


def test_linking_a_term_rewrites_the_glossary_used_in(handbook: Path):
    assert sphinx_build(handbook).returncode == 0
    edit(handbook / "docs/chapters/one.md", "Discussion of the claim.",
         "Discussion of {term}`AD`.")
    build = sphinx_build(handbook)
    assert build.returncode == 0, build.output
    written = re.findall(r"writing output\.\.\. \[.*?\] (\S+)", build.output)
    assert sorted(written) == ["chapters/one", "glossary/index", "index"], build.output


def test_removing_a_linking_page_rewrites_the_glossary(handbook: Path):
    first = sphinx_build(handbook)
    assert first.returncode == 0, first.output
    assert "Chapter one" in first.html("glossary/index")
    (handbook / "docs/chapters/one.md").unlink()
    edit(handbook / "docs/index.md", "chapters/one\n", "")
    build = sphinx_build(handbook)
    assert build.returncode == 0, build.output
    assert "Chapter one" not in build.html("glossary/index")


def test_used_in_follows_a_renamed_section(handbook: Path):
    assert sphinx_build(handbook).returncode == 0
    edit(handbook / "docs/chapters/one.md", "## Names", "## Other names")
    build = sphinx_build(handbook)
    assert build.returncode == 0, build.output
    assert "Chapter one › Other names" in build.html("glossary/index")
