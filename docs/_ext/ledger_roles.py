"""Roles that say what kind of number the text states, for the evidence ledger.

* ``{derived}`about 1 in 10 <10.2%>``` — worked out from source figures;
* ``{claimed}`70–80% <gut-immune-fraction>``` — a figure a seed article claims;
* ``{own}`12 months``` — a number about the handbook itself or an illustration.

Readers see the number as written; ``make check`` (``scripts/handbook/ledger.py``) holds the
figures to the sources' recorded words. A derived number carries its working as a tooltip.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole

from handbook.derived import parse_derived


class DerivedRole(SphinxRole):
    """``{derived}`shown <arithmetic @key>``` -> the shown text, marked as worked out."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        derived = parse_derived(self.text)
        shown = derived.shown if derived else self.text
        node = nodes.abbreviation(shown, shown, classes=["derived-number"])
        if derived:
            node["explanation"] = f"Worked out by the handbook from {derived.expression}"
        return [node], []


class PlainRole(SphinxRole):
    """``{claimed}`shown <claim>``` and ``{own}`shown```: the shown text only."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        derived = parse_derived(self.text)
        shown = derived.shown if derived else self.text
        return [nodes.inline(shown, shown, classes=[f"{self.name}-number"])], []


def setup(app: Sphinx) -> dict:
    app.add_role("derived", DerivedRole())
    app.add_role("claimed", PlainRole())
    app.add_role("own", PlainRole())
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
