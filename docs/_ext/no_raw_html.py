"""No raw HTML from content reaches the pages: it is shown as text instead.

``make check`` rejects raw HTML in chapters and data (``handbook.rawhtml``); the build is the
second line of defence.  Markdown's inline and block HTML becomes ``raw`` nodes; each one that
is not an allowed inline tag (``<sub>``, ``<sup>``, ``<br>``, ``<abbr title>``) is replaced by
its text as code (inline or a block), which the writers escape.  The ``{raw}`` directive and
role are switched off (docutils' ``raw_enabled``), so they fail the strict build.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from handbook.rawhtml import is_safe_html


class EscapeRawHtml(SphinxTransform):
    """Replace raw HTML from the source with literal text (escaped on output)."""

    default_priority = 100  # straight after parsing, before Sphinx's own transforms

    def apply(self, **kwargs) -> None:
        for node in list(self.document.findall(nodes.raw)):
            if "html" not in node.get("format", "").split() or is_safe_html(node.astext()):
                continue
            text = node.astext()
            if isinstance(node.parent, nodes.TextElement):
                node.replace_self(nodes.literal(text, text, classes=["escaped-html"]))
            else:
                node.replace_self(nodes.literal_block(text, text, language="text",
                                                      classes=["escaped-html"]))


def disable_raw(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """docutils' switch for the raw directive and role, set before any page is read."""
    env.settings["raw_enabled"] = False


def setup(app: Sphinx) -> dict:
    app.add_transform(EscapeRawHtml)
    app.connect("env-before-read-docs", disable_raw)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
