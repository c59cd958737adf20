""""What the source says": each reference, wherever it is listed, shows its recorded excerpts.

The excerpts come from ``docs/sources/<key>.yaml`` (read with the validators' loader,
:mod:`handbook.sources`). In HTML they sit in a ``<details>`` disclosure under the reference,
which opens by keyboard and touch with no script; in the PDF they are printed as quotations.
A page is rewritten when the record of a source its reference lists show changes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from handbook.sources import SourceRecord, read_sources

logger = logging.getLogger(__name__)

TITLE = "What the source says"
WHERE = {"abstract": "abstract", "full-text": "full text", "table": "a table",
         "summary": "summary", "web-page": "web page"}


class source_excerpts(nodes.General, nodes.Element):
    """The excerpts of one reference (a disclosure in HTML, quotations elsewhere)."""


def _folder(app: Sphinx) -> Path:
    return Path(app.srcdir) / app.config.source_excerpts_folder


def load_records(app: Sphinx) -> dict[str, SourceRecord]:
    """The source records, read once per process; problems are ``make check``'s to report."""
    cached = getattr(app, "_handbook_source_records", None)
    if cached is None:
        cached, _ = read_sources(_folder(app), today=date.max)
        app._handbook_source_records = cached
    return cached


def excerpts_node(record: SourceRecord) -> source_excerpts:
    """The reader's view of one record: each excerpt quoted, then the link to the record."""
    box = source_excerpts(classes=["source-excerpts"])
    for excerpt in record.excerpts:
        quote = nodes.block_quote(classes=["source-excerpt"])
        quote += nodes.paragraph(excerpt.text, f"“{excerpt.text}”")
        read = date.fromisoformat(excerpt.read)
        seen = (f"From the {WHERE.get(excerpt.where, excerpt.where)}, "
                f"read {read.day} {read:%B %Y}.")
        quote += nodes.attribution(seen, seen)
        box += quote
    link = nodes.paragraph(classes=["source-record"])
    link += nodes.Text("The record: ")
    link += nodes.reference(record.record, record.record, refuri=record.record)
    box += link
    return box


class AddSourceExcerpts(SphinxPostTransform):
    """After sphinxcontrib-bibtex has filled the reference lists (priority 5)."""

    default_priority = 6

    def run(self, **kwargs) -> None:
        records = load_records(self.app)
        keys = {citation.citation_id: citation.key
                for citation in self.env.get_domain("cite").citations}
        entries = (node for node in self.document.findall(nodes.Element)
                   if isinstance(node, nodes.citation | nodes.list_item) and node["ids"])
        # A book's one document holds every reference list: quote each source there once.
        once = self.app.builder.format == "latex"
        shown: set[str] = set()
        for entry in list(entries):
            key = keys.get(entry["ids"][0], "")
            record = records.get(key)
            if record is None or not record.excerpts or (once and key in shown):
                continue
            shown.add(key)
            entry += excerpts_node(record)


def outdated_pages(app: Sphinx, env: BuildEnvironment, added: set, changed: set,
                   removed: set) -> list[str]:
    """Pages whose reference lists show a source whose record changed since the last build."""
    folder = _folder(app)
    stamps = {p.stem: p.stat().st_mtime_ns for p in folder.glob("*.yaml")} if folder.is_dir() else {}
    before = getattr(env, "handbook_source_stamps", None)
    env.handbook_source_stamps = stamps
    if before is None:
        return []
    keys = {k for k in stamps.keys() | before.keys() if stamps.get(k) != before.get(k)}
    if not keys:
        return []
    domain = env.get_domain("cite")
    pages = {citation.bibliography_key.docname for citation in domain.citations
             if citation.key in keys}
    return sorted(pages - removed)


def visit_html(self, node: source_excerpts) -> None:
    self.body.append(f'<details class="source-excerpts"><summary>{TITLE}</summary>\n')


def depart_html(self, node: source_excerpts) -> None:
    self.body.append("</details>\n")


def visit_latex(self, node: source_excerpts) -> None:
    self.body.append("\n\n\\par\\smallskip\\noindent\\textit{" + TITLE + ":}\\par\n")


def visit_text(self, node: source_excerpts) -> None:
    self.new_state(0)
    self.add_text(TITLE + ":")
    self.end_state()


def depart_plain(self, node: source_excerpts) -> None:
    pass


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinxcontrib.bibtex")
    app.add_config_value("source_excerpts_folder", "sources", "env", types=[str])
    app.add_node(source_excerpts, html=(visit_html, depart_html),
                 epub=(visit_html, depart_html), latex=(visit_latex, depart_plain),
                 text=(visit_text, depart_plain))
    app.add_post_transform(AddSourceExcerpts)
    app.connect("env-get-outdated", outdated_pages)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
