"""Chapter furniture: the ``{in-brief}`` box, ``{evidence}`` badges and the review line.

* ``{in-brief}`` wraps the plain-language summary every chapter opens with.
* ``{evidence}`level``` renders a small badge saying how strong the evidence is.
* A chapter's ``last_reviewed`` front matter becomes a line under its title, with a
  "how to cite this page" note.
"""

from __future__ import annotations

from datetime import date

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from handbook.chapters import EVIDENCE_LEVELS

logger = logging.getLogger(__name__)


class InBrief(SphinxDirective):
    """The plain-language summary at the top of a chapter."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        box = nodes.admonition(classes=["in-brief"])
        box += nodes.title("In brief", "In brief")
        box += self.parse_content_to_nodes()
        self.set_source_info(box)
        return [box]


class EvidenceRole(SphinxRole):
    """``{evidence}`systematic-review``` -> a labelled badge."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        level = self.text.strip()
        if level not in EVIDENCE_LEVELS:
            logger.warning('evidence label "%s" is not one of: %s', level,
                           ", ".join(EVIDENCE_LEVELS), location=self.get_location())
            return [nodes.inline(level, level)], []
        badge = nodes.inline(EVIDENCE_LEVELS[level], "Evidence: " + EVIDENCE_LEVELS[level],
                             classes=["evidence-badge", f"evidence-{level}"])
        return [badge], []


def add_review_line(app: Sphinx, doctree: nodes.document) -> None:
    """Insert "Last reviewed ..." and "How to cite" under the title of a chapter."""
    env = app.env
    docname = env.current_document.docname
    reviewed = env.metadata.get(docname, {}).get("last_reviewed")
    if not reviewed:
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not isinstance(section[0], nodes.title):
        return
    try:
        shown = date.fromisoformat(str(reviewed)).strftime("%-d %B %Y")
    except ValueError:
        logger.warning('last_reviewed "%s" is not a YYYY-MM-DD date', reviewed,
                       location=(docname, 1))
        return
    title = section[0].astext()
    line = nodes.paragraph(classes=["review-line"])
    line += nodes.strong("Last reviewed: ", "Last reviewed: ")
    line += nodes.Text(shown + ". ")
    line += nodes.emphasis("How to cite this page: ", "How to cite this page: ")
    line += nodes.Text(f"{app.config.author}. “{title}”. {app.config.project}, "
                       f"reviewed {shown}.")  # the date names the year once
    section.insert(1, line)


def setup(app: Sphinx) -> dict:
    app.add_directive("in-brief", InBrief)
    app.add_role("evidence", EvidenceRole())
    app.connect("doctree-read", add_review_line)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
