"""Figures drawn at build time from data files in the repository.

* ``{forest-plot} /data/associations.csv``: odds/risk/hazard ratios with confidence
  intervals, one row per published association; every row names its source.
* ``{pathway-figure} /data/pathways.yaml``: each immune pathway and the medicines that
  target it.

Both are vector graphics (SVG in HTML, PDF in LaTeX) drawn with matplotlib into the build
directory, never into the source tree, and followed by a table of the same data with
citations, which is also the text alternative.  Writing is deterministic, so parallel and
serial builds give identical files.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import inspect
import os
import re
import shutil
import textwrap
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from glossary.yamlsource import load_yaml_file

logger = logging.getLogger(__name__)
FOREST_COLUMNS = ("condition", "measure", "estimate", "ci_low", "ci_high", "population", "source")
PATHWAY_KEYS = ("pathway", "signal", "drugs", "drug_class", "sources")


class generated_image(nodes.General, nodes.Inline, nodes.Element):
    """An image drawn when the page is written: ``kind`` and ``rows`` say what to draw."""


# -- reading the data --------------------------------------------------------------------

def read_forest(path: Path) -> tuple[list[dict], list[str]]:
    """Rows of the associations CSV, and problems as ``line: message`` strings."""
    problems, rows = [], []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in FOREST_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            return [], [f"1: missing column(s) {', '.join(missing)}"]
        for line, row in enumerate(reader, start=2):
            try:
                values = [float(row[k]) for k in ("estimate", "ci_low", "ci_high")]
            except (TypeError, ValueError):
                problems.append(f"{line}: estimate, ci_low and ci_high must be numbers")
                continue
            low, estimate, high = values[1], values[0], values[2]
            if not 0 < low <= estimate <= high:
                problems.append(f"{line}: need 0 < ci_low <= estimate <= ci_high")
                continue
            if not (row.get("source") or "").strip():
                problems.append(f"{line}: every row must name its source key")
                continue
            rows.append({**row, "estimate": estimate, "ci_low": low, "ci_high": high})
    return rows, problems


def read_pathways(path: Path) -> tuple[list[dict], list[str]]:
    data, found = load_yaml_file(path)
    problems = [f"{p.line}: {p.message}" for p in found]
    if not isinstance(data, list):
        return [], [*problems, "1: the file must be a list of pathways"]
    rows = []
    for item in data:
        if not isinstance(item, dict) or any(not item.get(k) for k in PATHWAY_KEYS
                                             if k != "drugs") or "drugs" not in item:
            line = getattr(item, "line", 1)
            problems.append(f"{line}: each pathway needs {', '.join(PATHWAY_KEYS)}")
            continue
        rows.append(dict(item))
    return rows, problems


# -- drawing -----------------------------------------------------------------------------

#: matplotlib settings for every figure.  SVG keeps text as text; PDF embeds TrueType fonts
#: (type 42), never Type 3 bitmaps-in-disguise, so the book's text stays searchable and sharp.
STYLE = {"svg.fonttype": "none", "svg.hashsalt": "handbook", "pdf.fonttype": 42,
         "font.family": "DejaVu Sans", "font.size": 9}


def _figure_setup():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(STYLE)
    return plt


def draw_forest(rows: list[dict], target: Path) -> None:
    plt = _figure_setup()
    height = 0.45 * len(rows) + 1.0
    fig, ax = plt.subplots(figsize=(7.5, height))
    for i, row in enumerate(reversed(rows)):
        ax.plot([row["ci_low"], row["ci_high"]], [i, i], color="#1f5f8b", linewidth=1.6)
        ax.plot([row["estimate"]], [i], marker="s", color="#1f5f8b", markersize=6)
        ax.annotate(f"{row['estimate']:.2f} ({row['ci_low']:.2f}–{row['ci_high']:.2f})",
                    (1.02, i), xycoords=("axes fraction", "data"), va="center")
    ax.axvline(1.0, color="#555555", linestyle="--", linewidth=1)
    ax.set_xscale("log")
    low = min(r["ci_low"] for r in rows)
    high = max(r["ci_high"] for r in rows)
    ax.set_xlim(min(0.8, low * 0.9), max(1.25, high * 1.1))
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([f"{r['condition']} ({r['measure']})" for r in reversed(rows)])
    ticks = [t for t in (0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8) if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]]
    ax.set_xticks(ticks)
    ax.set_xticklabels([f"{t:g}" for t in ticks])
    ax.set_xlabel("Ratio (log scale): above 1 = more common with atopic dermatitis")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    fig.savefig(target, metadata={"Date": None} if target.suffix == ".svg" else
                {"CreationDate": None})
    plt.close(fig)


def draw_pathways(rows: list[dict], target: Path) -> None:
    plt = _figure_setup()
    height = 0.9 * len(rows) + 0.8
    fig, ax = plt.subplots(figsize=(7.5, height))
    ax.set_xlim(0, 10)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.axis("off")
    box = {"boxstyle": "round,pad=0.4", "linewidth": 1}
    for i, row in enumerate(reversed(rows)):
        left = "\n".join(textwrap.wrap(f"{row['pathway']}: {row['signal']}", 38))
        drugs = ", ".join(row["drugs"]) or "No targeted medicine yet"
        right = "\n".join(textwrap.wrap(f"{drugs} ({row['drug_class']})", 34))
        ax.text(0.1, i, left, va="center", ha="left",
                bbox={**box, "facecolor": "#e8f1f8", "edgecolor": "#1f5f8b"})
        ax.text(9.9, i, right, va="center", ha="right",
                bbox={**box, "facecolor": "#fdf0e6", "edgecolor": "#b35c00"})
        ax.annotate("", xy=(4.9, i), xytext=(6.2, i),
                    arrowprops={"arrowstyle": "-|>", "color": "#555555", "linewidth": 1.2})
        ax.text(5.55, i + 0.18, "blocks", ha="center", fontsize=8, color="#333333")
    ax.text(0.1, len(rows) - 0.45, "Pathway and signal", fontweight="bold")
    ax.text(9.9, len(rows) - 0.45, "Medicines that target it", fontweight="bold", ha="right")
    fig.tight_layout()
    fig.savefig(target, metadata={"Date": None} if target.suffix == ".svg" else
                {"CreationDate": None})
    plt.close(fig)


DRAW = {"forest": draw_forest, "pathways": draw_pathways}


@functools.cache
def drawing_version(kind: str) -> str:
    """What a drawing of *kind* depends on besides its data: the code that draws it and
    matplotlib's version (so a cached drawing is never reused after either changes)."""
    code = Path(inspect.getsourcefile(DRAW[kind])).read_bytes() + Path(__file__).read_bytes()
    return hashlib.sha256(code + matplotlib_version().encode()).hexdigest()[:16]


def matplotlib_version() -> str:
    from importlib.metadata import version

    return version("matplotlib")


def render(node: generated_image, outdir: Path, suffix: str, cache: Path | None) -> Path:
    """Draw the node's figure into *outdir* unless an identical one is there already.

    With a *cache* folder (``figures_cache_dir``), a drawing made by an earlier build, in
    any output folder, is copied instead of drawn again, and new drawings are kept there.
    """
    # The style and the drawing code are part of the name, so a changed setting or a
    # changed drawing function never reuses an old drawing.
    key = node["kind"] + repr(node["rows"]) + repr(sorted(STYLE.items())) + drawing_version(node["kind"])
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    target = outdir / f"{node['kind']}-{digest}{suffix}"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    kept = cache / target.name if cache else None
    if kept is not None and kept.exists():
        shutil.copyfile(kept, target)
        return target
    DRAW[node["kind"]](node["rows"], target)
    if suffix == ".svg":  # EPUB forbids the external DTD matplotlib declares
        svg = re.sub(r"<!DOCTYPE[^>]*>\s*", "", target.read_text(encoding="utf-8"), count=1)
        target.write_text(svg, encoding="utf-8")
    if kept is not None:  # written whole, then renamed: parallel builds never read half a file
        kept.parent.mkdir(parents=True, exist_ok=True)
        partial = kept.with_name(f"{kept.name}.{os.getpid()}.part")
        shutil.copyfile(target, partial)
        os.replace(partial, kept)
    return target


def cache_folder(builder) -> Path | None:
    """The ``figures_cache_dir`` folder (relative to conf.py), or None when it is not set."""
    folder = builder.config.figures_cache_dir
    return Path(builder.confdir, folder) if folder else None


def visit_html(self, node: generated_image) -> None:
    outdir = Path(self.builder.outdir) / self.builder.imagedir
    target = render(node, outdir, ".svg", cache_folder(self.builder))
    uri = f"{self.builder.imgpath}/{target.name}"
    self.body.append(f'<img src="{uri}" alt="{self.attval(node["alt"])}" '
                     f'class="generated-figure" />')
    raise nodes.SkipNode


def visit_latex(self, node: generated_image) -> None:
    target = render(node, Path(self.builder.outdir), ".pdf", cache_folder(self.builder))
    self.body.append(r"\sphinxincludegraphics[width=\linewidth]{" + target.name + "}")
    raise nodes.SkipNode


def visit_alt_text(self, node: generated_image) -> None:
    self.body.append(node["alt"])
    raise nodes.SkipNode


def visit_text(self, node: generated_image) -> None:
    self.add_text(node["alt"])
    raise nodes.SkipNode


# -- directives --------------------------------------------------------------------------

def split_caption(paragraph: nodes.paragraph) -> tuple[str | None, list[nodes.Node]]:
    """The first sentence as a plain-text caption, the rest as legend paragraphs.

    Captions stay free of links and citations, which LaTeX cannot put in a list of figures.
    """
    first = paragraph.children[0] if paragraph.children else None
    if isinstance(first, nodes.Text) and ". " in str(first):
        sentence, _, remainder = str(first).partition(". ")
        rest = nodes.paragraph("", "", nodes.Text(remainder), *paragraph.children[1:])
        return sentence + ".", [rest]
    if isinstance(first, nodes.Text) and len(paragraph.children) == 1:
        return str(first), []
    return None, [paragraph]


class DataFigure(SphinxDirective):
    """Common parts: read the data file, make the figure, caption and data table."""

    required_arguments = 1
    has_content = True
    option_spec: ClassVar = {"alt": directives.unchanged_required}
    kind = ""

    def read(self, path: Path) -> tuple[list[dict], list[str]]:
        raise NotImplementedError

    def table(self, rows: list[dict]) -> list[nodes.Node]:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        relative, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(relative)
        if not Path(path).exists():
            logger.warning("data file %s not found", self.arguments[0], location=self.get_location())
            return []
        rows, problems = self.read(Path(path))
        for problem in problems:
            logger.warning("%s: %s", self.arguments[0], problem, location=self.get_location())
        if not rows:
            return []
        if "alt" not in self.options:
            logger.warning("%s needs an :alt: text for readers who cannot see it", self.name,
                           location=self.get_location())
        figure = nodes.figure(classes=["data-figure"])
        figure += generated_image(kind=self.kind, rows=rows, alt=self.options.get("alt", ""))
        if self.content:
            body = self.parse_content_to_nodes()
            caption, rest = split_caption(body[0]) if body and isinstance(body[0], nodes.paragraph) \
                else (None, body[:1])
            figure += nodes.caption(caption, caption) if caption else nodes.caption(
                self.options.get("alt", ""), self.options.get("alt", ""))
            legend = [*rest, *body[1:]]
            if legend:
                figure += nodes.legend("", *legend)
        self.set_source_info(figure)
        return [figure, *self.table(rows)]


class ForestPlot(DataFigure):
    kind = "forest"
    read = staticmethod(read_forest)

    def table(self, rows: list[dict]) -> list[nodes.Node]:
        lines = ["| Condition | Ratio (95% CI) | Population | Source |", "|---|---|---|---|"]
        for r in rows:
            lines.append(f"| {r['condition']} | {r['measure']} {r['estimate']:g} "
                         f"({r['ci_low']:g}–{r['ci_high']:g}) | {r['population']} | "
                         f"{{cite:p}}`{r['source']}` |")
        return self.parse_text_to_nodes("\n".join(lines))


class PathwayFigure(DataFigure):
    kind = "pathways"
    read = staticmethod(read_pathways)

    def table(self, rows: list[dict]) -> list[nodes.Node]:
        lines = ["| Pathway | Signal | Medicines | Sources |", "|---|---|---|---|"]
        for r in rows:
            lines.append(f"| {r['pathway']} | {r['signal']} | {', '.join(r['drugs']) or 'none yet'} "
                         f"({r['drug_class']}) | {{cite:p}}`{','.join(r['sources'])}` |")
        return self.parse_text_to_nodes("\n".join(lines))


def setup(app: Sphinx) -> dict:
    app.add_node(generated_image, html=(visit_html, None), latex=(visit_latex, None),
                 epub=(visit_html, None), text=(visit_text, None),
                 man=(visit_alt_text, None), texinfo=(visit_alt_text, None))
    # A folder (relative to conf.py) where drawings are kept between builds and output
    # folders; empty: each build draws into its own output folder only.
    app.add_config_value("figures_cache_dir", "", "", types=[str])
    app.add_directive("forest-plot", ForestPlot)
    app.add_directive("pathway-figure", PathwayFigure)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
