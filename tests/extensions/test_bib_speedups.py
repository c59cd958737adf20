"""The faster reference lists (bib_speedups, bib_style's cache) change speed, never output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pybtex.plugin
import pytest

from tests.conftest import FIXTURE, sphinx_build
from tests.extensions.test_glossary_build import edit

pytestmark = pytest.mark.sphinx_build

OUTPUTS = {".html", ".js", ".json", ".svg"}


def site(outdir: Path) -> dict[Path, bytes]:
    return {p.relative_to(outdir): p.read_bytes() for p in outdir.rglob("*")
            if p.is_file() and p.suffix in OUTPUTS}


def test_output_is_the_same_as_the_librarys_own(handbook: Path, tmp_path: Path):
    fast = sphinx_build(handbook)
    assert fast.returncode == 0, fast.output
    plain_copy = tmp_path / "plain"
    shutil.copytree(FIXTURE, plain_copy)
    conf = plain_copy / "docs/conf.py"
    conf.write_text(conf.read_text().replace('"bib_speedups", ', ""))
    plain = sphinx_build(plain_copy)
    assert plain.returncode == 0, plain.output
    fast_site, plain_site = site(fast.outdir), site(plain.outdir)
    assert fast_site.keys() == plain_site.keys()
    assert [page for page in fast_site if fast_site[page] != plain_site[page]] == []


def test_each_list_holds_the_entries_its_filter_selects(built_handbook):
    build = built_handbook
    one, front, everything = (build.html(page) for page in
                              ("chapters/one", "index", "bibliography"))
    assert "Clinical onset of atopic eczema" in one and "statistical formats" not in one
    assert "statistical formats" in front and "Clinical onset" not in front
    assert all(title in everything for title in
               ("Atopic dermatitis", "Clinical onset", "statistical formats"))


def test_an_edited_entry_is_formatted_again(handbook: Path):
    assert sphinx_build(handbook).returncode == 0
    edit(handbook / "docs/references.bib", "Clinical onset of atopic eczema",
         "Clinical onset of eczema")
    build = sphinx_build(handbook)
    assert build.returncode == 0, build.output
    assert "Clinical onset of eczema" in build.html("chapters/one")
    assert "Clinical onset of atopic eczema" not in build.html("bibliography")


def test_a_noop_rebuild_gives_the_same_site(handbook: Path):
    first = sphinx_build(handbook)
    assert first.returncode == 0, first.output
    before = site(first.outdir)
    again = sphinx_build(handbook)
    assert again.returncode == 0, again.output
    chapters = [page for page in before if page.parts[0] == "chapters"]
    assert chapters and all(site(again.outdir)[page] == before[page] for page in chapters)


def test_plugin_lookups_do_not_scan_installed_packages(monkeypatch):
    from bib_speedups import register_installed_plugins

    register_installed_plugins()
    scans = []
    monkeypatch.setattr(pybtex.plugin, "entry_points", lambda **kw: scans.append(kw) or [])
    backend = pybtex.plugin.find_plugin("pybtex.backends", "plaintext")
    assert backend.__module__ == "pybtex.backends.plaintext"
    assert pybtex.plugin.find_plugin("pybtex.style.names", "plain") is not None
    assert scans == []


def test_unchanged_lists_are_kept_and_a_changed_setting_recomputes_them(handbook: Path):
    assert sphinx_build(handbook).returncode == 0
    kept = "reference lists unchanged since the last build: kept"
    noop = sphinx_build(handbook, "-v")
    assert noop.returncode == 0, noop.output
    assert kept in noop.output
    edit(handbook / "docs/chapters/one.md", "## Barrier", "## The barrier")
    reread = sphinx_build(handbook, "-v")
    assert reread.returncode == 0, reread.output
    assert kept not in reread.output
    assert 'title="Sinéad M. Langan' in reread.html("chapters/one")  # citation tooltip
    untipped = sphinx_build(handbook, "-v", "-D", "bibtex_tooltips=0")
    assert untipped.returncode == 0, untipped.output
    assert kept not in untipped.output
    assert 'title="Sinéad M. Langan' not in untipped.html("chapters/one")
