"""Same reference lists and citations as sphinxcontrib-bibtex makes them, computed faster.

Profiling the handbook's builds found three costs that grow with the book (figures for 216 entries,
about 1,200 citations and 16 reference lists):

* **Filtering the lists.** After every build, even one that read nothing, sphinxcontrib-bibtex
  works out which entries go in each ``{bibliography}``; to filter one list it scans every
  citation in the book once per BibTeX entry (4 million set look-ups, 2.5 s of a 4 s no-op
  rebuild). Here the ``cite`` domain is replaced (same name, same data) by a subclass that indexes
  the citing pages of each key once per build; filter expressions, warnings and ordering stay
  the library's own.
* **Finding pybtex plugins.** Every ``{cite}`` looks up pybtex's plain-text backend by name, and
  pybtex answers by scanning the installed packages' entry points each time (7 ms each, 8 s of
  a clean build). Registering the frequently used plugins once at start-up, through pybtex's
  own ``register_plugin``, makes each look-up a dictionary hit.
* **Recomputing unchanged lists.** The lists are worked out again even when no page was read.
  Here they are kept (they are pickled with the environment) unless a page was re-read or
  removed, or a ``bibtex_*`` setting, a BibTeX file or the style's source file changed. As
  with Sphinx's own warnings, a warning from the lists is shown by the build that computed them.

Formatting the entries, the last cost, is cached by ``bib_style``.
``tests/extensions/test_bib_speedups.py`` checks that the output is the library's own.
"""

from __future__ import annotations

import inspect
from collections import defaultdict
from importlib.metadata import entry_points
from pathlib import Path

import pybtex.plugin
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinxcontrib.bibtex.domain import BibtexDomain, _FilterVisitor

logger = logging.getLogger(__name__)


class IndexedBibtexDomain(BibtexDomain):
    """The ``cite`` domain, filtering through an index of citing pages per key."""

    def citing_pages(self) -> dict[str, set[str]]:
        """The pages that cite each key."""
        cited_in = defaultdict(set)
        for citation_ref in self.citation_refs:
            for target in citation_ref.targets:
                cited_in[target.key].add(citation_ref.docname)
        return cited_in

    def clear_doc(self, docname: str) -> None:
        super().clear_doc(docname)
        self.data["lists_stale"] = True  # a page was re-read or removed

    def merge_domaindata(self, docnames, otherdata) -> None:
        super().merge_domaindata(docnames, otherdata)
        self.data["lists_stale"] = True

    def inputs(self) -> tuple:
        """What the lists depend on besides the pages: settings, BibTeX files, style code."""
        config = self.env.config
        settings = tuple(sorted((item.name, repr(item.value)) for item in config
                                if item.name.startswith("bibtex_")))
        bibfiles = tuple((str(path), info.mtime) for path, info in self.bibdata.bibfiles.items())
        style = pybtex.plugin.find_plugin("pybtex.style.formatting", config.bibtex_default_style)
        code = Path(inspect.getfile(style)).stat().st_mtime_ns
        return settings, self.bibdata.encoding, bibfiles, code

    def env_updated(self):
        inputs = self.inputs()
        if not self.data.get("lists_stale", True) and self.data.get("lists_inputs") == inputs:
            logger.verbose("reference lists unchanged since the last build: kept")
            return []
        self._cited_in = self.citing_pages()  # the citations cannot change until it returns
        try:
            return super().env_updated()
        finally:
            del self._cited_in
            self.data["lists_stale"] = False
            self.data["lists_inputs"] = inputs

    def get_filtered_entries(self, bibliography_key):
        """Entries of one list that pass its ``:filter:`` (same rules as the library)."""
        cited_in = getattr(self, "_cited_in", None) or self.citing_pages()
        bibliography = self.bibliographies[bibliography_key]
        for entry in self.get_entries(bibliography.bibfiles):
            key = bibliography.keyprefix + entry.key
            visitor = _FilterVisitor(entry=entry, docname=bibliography_key.docname,
                                     cited_docnames=cited_in.get(key, set()))
            try:
                success = visitor.visit(bibliography.filter_)
            except ValueError as err:
                logger.warning("syntax error in :filter: expression; %s", err,
                               location=(bibliography_key.docname, bibliography.line),
                               type="bibtex", subtype="filter_syntax_error")
                success = bool(cited_in.get(key))
            if success or entry.key in bibliography.keys:
                yield key, entry


#: The pybtex plugins looked up again and again during a build: the plain-text backend (once per
#: citation, by sphinxcontrib-bibtex) and the name styles (once per reference list, by the
#: formatting and referencing styles).
FREQUENT_PLUGINS = (("pybtex.backends", "plaintext"), ("pybtex.style.names", "plain"),
                    ("pybtex.style.names", "last"))


def register_installed_plugins(wanted=FREQUENT_PLUGINS) -> None:
    """Register installed pybtex plugins at run time, where look-ups find them first.

    (``register_plugin`` itself scans the entry points once per call, so only the plugins that
    are looked up often are registered.)
    """
    installed = entry_points()
    for group, name in wanted:
        for plugin in installed.select(group=group, name=name):
            pybtex.plugin.register_plugin(group, name, plugin.load(), force=True)


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinxcontrib.bibtex")
    register_installed_plugins()
    app.add_domain(IndexedBibtexDomain, override=True)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
