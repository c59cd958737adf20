"""Roles that say what kind of number the text states, for the evidence ledger.

* ``{derived}`about 1 in 10 <10.2%>``` — worked out from source figures;
* ``{claimed}`70–80% <gut-immune-fraction>``` — a figure a seed article claims;
* ``{own}`12 months``` — a number about the handbook itself or an illustration.

Readers see the number as written; ``make check`` (``scripts/handbook/ledger.py``) holds the
figures to the sources' recorded words. A derived number carries its working: a tooltip in
HTML, a footnote in the PDF.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole

from handbook.derived import parse_derived


class derived_number(nodes.Inline, nodes.TextElement):
    """A number worked out by the handbook; ``working`` says from what."""


def visit_derived_html(self, node: derived_number) -> None:
    self.body.append(f'<abbr class="derived-number" title="{self.attval(node["working"])}">')


def depart_derived_html(self, node: derived_number) -> None:
    self.body.append("</abbr>")


def visit_derived_latex(self, node: derived_number) -> None:
    pass


def depart_derived_latex(self, node: derived_number) -> None:
    self.body.append(r"\footnote{" + self.encode(node["working"]) + ".}")


def visit_derived_plain(self, node: derived_number) -> None:
    pass


def depart_derived_plain(self, node: derived_number) -> None:
    pass


class DerivedRole(SphinxRole):
    """``{derived}`shown <arithmetic @key>``` -> the shown text, marked as worked out."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        derived = parse_derived(self.text)
        shown = derived.shown if derived else self.text
        working = f"Worked out by the handbook from {derived.expression}" if derived else ""
        return [derived_number(shown, shown, working=working)], []


class PlainRole(SphinxRole):
    """``{claimed}`shown <claim>``` and ``{own}`shown```: the shown text only."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        derived = parse_derived(self.text)
        shown = derived.shown if derived else self.text
        return [nodes.inline(shown, shown, classes=[f"{self.name}-number"])], []


def setup(app: Sphinx) -> dict:
    app.add_node(derived_number, html=(visit_derived_html, depart_derived_html),
                 epub=(visit_derived_html, depart_derived_html),
                 latex=(visit_derived_latex, depart_derived_latex),
                 text=(visit_derived_plain, depart_derived_plain))
    app.add_role("derived", DerivedRole())
    app.add_role("claimed", PlainRole())
    app.add_role("own", PlainRole())
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
