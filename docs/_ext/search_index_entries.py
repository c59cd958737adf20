"""Keep the search index's index entries (the glossary terms among them) across rebuilds.

Sphinx 9.0 collects a page's index entries for the search only when it writes that page, and
does not read them back from the previous ``searchindex.js`` (sphinx-doc/sphinx#12599). So after
an incremental build, ``make live`` included, searching no longer finds the index entries of
the pages that were not rewritten. This extension reads them back before the pages are written;
pages that are rewritten replace theirs as usual. A clean build is unaffected.
``tests/extensions/test_search_index_entries.py`` checks that a rebuild's search index equals a
clean build's.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.search import js_index


def previous_index_entries(path: Path, env_version: int) -> dict[str, list[tuple[str, str, str]]]:
    """Index entries per page from a ``searchindex.js`` that this Sphinx wrote, else ``{}``."""
    try:
        frozen = js_index.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(frozen, dict) or frozen.get("envversion") != env_version:
        return {}
    docnames = frozen.get("docnames", [])
    entries: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for entry, places in frozen.get("indexentries", {}).items():
        for doc_index, target, main in places:
            entries[docnames[doc_index]].add((entry, target, "main" if main else ""))
    return {docname: sorted(found) for docname, found in entries.items()}


def restore_index_entries(app: Sphinx, env: BuildEnvironment) -> None:
    """Before writing: give every page the index entries the last build's search index had."""
    if app.builder.format != "html" or not getattr(app.builder, "search", False):
        return
    path = Path(app.outdir) / app.builder.searchindex_filename
    previous = previous_index_entries(path, env.version)
    kept = env._search_index_index_entries
    kept.clear()
    kept.update((docname, found) for docname, found in sorted(previous.items())
                if docname in env.all_docs)


def setup(app: Sphinx) -> dict:
    app.connect("env-updated", restore_index_entries)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
