"""The PDF book's figures embed TrueType (or Type 1) fonts, never Type 3."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import sphinx_build

pytestmark = pytest.mark.sphinx_build
SUBTYPE = re.compile(rb"/Subtype\s*/(Type3|Type1C?|TrueType|Type0|CIDFontType[02]|MMType1)\b")


def font_types(pdf: Path) -> set[str]:
    """The font subtypes declared in a PDF (matplotlib writes font dictionaries uncompressed)."""
    return {match.decode() for match in SUBTYPE.findall(pdf.read_bytes())}


def test_latex_figures_have_no_type3_fonts(handbook: Path):
    build = sphinx_build(handbook, builder="latex")
    assert build.returncode == 0, build.output
    figures = sorted(build.outdir.glob("forest-*.pdf"))
    assert figures, build.output
    for pdf in figures:
        types = font_types(pdf)
        assert types and "Type3" not in types, (pdf.name, types)
        assert types & {"TrueType", "CIDFontType2", "Type1"}, (pdf.name, types)


def test_font_types_sees_type3(tmp_path: Path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with plt.rc_context({"pdf.fonttype": 3}):
        fig, ax = plt.subplots()
        ax.set_title("Type 3")
        fig.savefig(tmp_path / "type3.pdf")
        plt.close(fig)
    assert "Type3" in font_types(tmp_path / "type3.pdf")
