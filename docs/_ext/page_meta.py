"""Page metadata for search engines and link previews, and a sitemap for a published site.

* Every web page gets ``<meta name="description">`` and Open Graph ``og:title``,
  ``og:description``, ``og:type`` and ``og:site_name``.  The description is the page's
  ``description`` front matter, else its "In brief" summary, else its first paragraph, cut to
  about 160 characters; pages without text (the index, search) get ``page_meta_description``,
  or failing that the front page's description.
* With ``html_baseurl`` set (conf.py reads it from ``READTHEDOCS_CANONICAL_URL``) pages also
  get ``og:url`` (Sphinx and the theme add the canonical link), and the build writes
  ``sitemap.xml``.  Without a base URL there is neither: nothing points at a guessed address.

Nothing here reaches the network.
"""

from __future__ import annotations

import html
from pathlib import Path
from xml.sax.saxutils import escape

from docutils import nodes
from sphinx.application import Sphinx

LIMIT = 160


def shorten(text: str, limit: int = LIMIT) -> str:
    """*text* on one line, cut at a word boundary to at most *limit* characters.

    >>> shorten("A  short\\nsummary.")
    'A short summary.'
    >>> shorten("word " * 50, 20)
    'word word word word…'
    >>> shorten("One sentence here. " * 20, 50)
    'One sentence here. One sentence here.'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit + 1]
    sentence = max(head.rfind(". "), head.rfind("? "), head.rfind("! "))
    if sentence >= limit // 2:  # whole sentences when they fill at least half
        return head[:sentence + 1]
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def find_description(doctree: nodes.document) -> str:
    """The "In brief" summary's first paragraph, else the page's first ordinary paragraph."""
    for box in doctree.findall(nodes.admonition):
        if "in-brief" in box["classes"]:
            paragraph = next(iter(box.findall(nodes.paragraph)), None)
            if paragraph is not None:
                return paragraph.astext()
    for paragraph in doctree.findall(nodes.paragraph):
        if "review-line" in paragraph["classes"]:
            continue
        if not any(isinstance(parent, (nodes.admonition, nodes.table, nodes.list_item))
                   for parent in _ancestors(paragraph)):
            return paragraph.astext()
    return ""


def _ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def note_description(app: Sphinx, doctree: nodes.document) -> None:
    """Keep each page's description in its metadata (merged by Sphinx after parallel reads)."""
    metadata = app.env.metadata[app.env.current_document.docname]
    text = metadata.get("description") or find_description(doctree)
    if text:
        metadata["description"] = shorten(str(text))


def is_web(app: Sphinx) -> bool:
    return app.builder.format == "html" and not app.builder.name.startswith("epub")


def add_meta_tags(app: Sphinx, pagename: str, templatename: str, context: dict,
                  doctree: nodes.document | None) -> None:
    """Description and Open Graph tags in the page's ``<head>``."""
    if not is_web(app):
        return
    env = app.env
    description = (env.metadata.get(pagename, {}).get("description")
                   or app.config.page_meta_description
                   or env.metadata.get(app.config.root_doc, {}).get("description"))
    title = env.titles[pagename].astext() if pagename in env.titles else \
        html.unescape(str(context.get("title") or app.config.project))
    tags = [("name", "description", description), ("property", "og:title", title),
            ("property", "og:description", description),
            ("property", "og:type", "article" if doctree is not None else "website"),
            ("property", "og:site_name", app.config.project)]
    if context.get("pageurl"):
        tags.append(("property", "og:url", context["pageurl"]))
    lines = [f'<meta {kind}="{name}" content="{html.escape(str(value))}">'
             for kind, name, value in tags if value]
    context["metatags"] = (context.get("metatags") or "") + "\n    ".join(["", *lines]) + "\n"


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """``sitemap.xml`` listing every page, when the site has a base URL."""
    base = app.config.html_baseurl
    target = Path(app.outdir) / "sitemap.xml"
    if exception is not None or not is_web(app):
        return
    if not base:
        target.unlink(missing_ok=True)  # left by an earlier build that had a base URL
        return
    base = base if base.endswith("/") else base + "/"
    urls = [base + app.builder.get_target_uri(docname) for docname in sorted(app.env.found_docs)]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
             *(f"  <url><loc>{escape(url)}</loc></url>" for url in urls), "</urlset>", ""]
    text = "\n".join(lines)
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.add_config_value("page_meta_description", "", "html", types=frozenset({str}))
    app.connect("doctree-read", note_description, priority=600)  # after the review line
    app.connect("html-page-context", add_meta_tags)
    app.connect("build-finished", write_sitemap)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
