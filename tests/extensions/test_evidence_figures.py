"""Build the fixture handbook: each evidence figure is drawn from its data file, with alt text
and a table of the same data, and is drawn again only when its data change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURE, sphinx_build
from tests.extensions.test_glossary_build import edit

pytestmark = pytest.mark.sphinx_build
KINDS = ("autoreactivity", "absoluterisk", "treatmentsteps", "agepatterns", "skinbarrier")


def images(build) -> dict[str, Path]:
    return {path.name.split("-")[0]: path for path in (build.outdir / "_images").glob("*.svg")}


def test_each_figure_is_drawn_with_alt_text_and_a_table(built_handbook):
    built = built_handbook
    html = built.html("chapters/one")
    drawn = images(built)
    for kind in KINDS:
        assert kind in drawn, kind
        assert f'src="../_images/{drawn[kind].name}"' in html
    assert 'alt="Self-reactive IgE in 15.0% of people with AD' in html
    assert "<td><p>2.7%</p></td>" in html                      # autoreactivity table
    assert "1.77 (1.71–1.83, 99% interval)" in html            # absolute-risk table
    assert "conditional against" in html                       # treatment-steps table
    assert "20% (80% remitted)" in html and "under 5%" in html  # age table
    assert "10 records found" not in html


def test_skin_barrier_labels_link_to_the_glossary(built_handbook):
    built = built_handbook
    html = built.html("chapters/one")
    assert 'href="../glossary/index.html#term-filaggrin"' in html
    assert "Filaggrin inside the dead skin cells" in html


def test_figures_are_vector_and_name_their_data(built_handbook):
    built = built_handbook
    svg = images(built)["absoluterisk"].read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "Alopecia areata" in svg and "Extra cases per 1,000 people a year" in svg


def test_a_chapter_edit_does_not_redraw_a_figure_but_a_data_edit_does(handbook: Path, first_build):
    before = {kind: (path.name, path.stat().st_mtime_ns) for kind, path in images(first_build).items()}
    edit(handbook / "docs/chapters/one.md", "A short summary.", "A shorter summary.")
    assert sphinx_build(handbook).returncode == 0
    after = {kind: (path.name, path.stat().st_mtime_ns) for kind, path in images(first_build).items()}
    assert after == before
    edit(handbook / "docs/data/absolute-risk.csv", "1.62,1.54,1.69,99,0.1,UK primary care",
         "1.62,1.54,1.69,99,0.1,UK general practice")
    rebuild = sphinx_build(handbook)
    assert rebuild.returncode == 0, rebuild.output
    names = {path.name for path in (first_build.outdir / "_images").glob("absoluterisk-*.svg")}
    assert len(names - {before["absoluterisk"][0]}) == 1


def test_a_cache_folder_lends_drawings_to_another_build_until_the_data_change(tmp_path: Path):
    cache = tmp_path / "figure-cache"
    first, second = tmp_path / "first", tmp_path / "second"
    for root in (first, second):
        shutil.copytree(FIXTURE, root)
    option = ("-D", f"figures_cache_dir={cache}")
    assert sphinx_build(first, *option).returncode == 0
    kept = sorted(cache.glob("*.svg"))
    assert {path.name.split("-")[0] for path in kept} >= set(KINDS)
    for path in kept:  # mark the kept drawings: a copy carries the mark, a new drawing cannot
        path.write_text(path.read_text() + "<!-- kept -->\n")
    edit(second / "docs/data/absolute-risk.csv", "1.62,1.54,1.69,99,0.1,UK primary care",
         "1.62,1.54,1.69,99,0.1,UK general practice")
    build = sphinx_build(second, *option)
    assert build.returncode == 0, build.output
    marked = {kind: path.read_text().endswith("<!-- kept -->\n") for kind, path in images(build).items()}
    assert marked.pop("absoluterisk") is False  # its data changed: drawn afresh, and kept too
    assert all(marked.values()), marked
    assert len(list(cache.glob("absoluterisk-*.svg"))) == 2
