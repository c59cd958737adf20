"""Accessibility fixes for markup that the theme and docutils get wrong (found by axe-core).

* Toctree captions (sidebar and pages) carry ``role="heading"`` without the required ``aria-level``.
* Reference lists are ``role="list"`` containers whose entries use the deprecated
  ``doc-biblioentry`` role, so screen readers see a list without list items.

The fixes rewrite the generated HTML of each page; nothing in the sources changes.
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx

CAPTION = re.compile(r'(<p class="caption" role="heading")(?! aria-level)')
CITATION_LIST = re.compile(r'<div role="list" class="citation-list">')
BIBLIOENTRY = re.compile(r' role="doc-biblioentry"')


def fix_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if isinstance(context.get("furo_navigation_tree"), str):
        context["furo_navigation_tree"] = CAPTION.sub(r'\1 aria-level="2"',
                                                      context["furo_navigation_tree"])
    if isinstance(context.get("body"), str):
        body = CAPTION.sub(r'\1 aria-level="2"', context["body"])
        body = CITATION_LIST.sub('<div class="citation-list">', body)
        context["body"] = BIBLIOENTRY.sub("", body)


def setup(app: Sphinx) -> dict:
    # After the theme has computed its navigation tree (default priority 500).
    app.connect("html-page-context", fix_page, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
