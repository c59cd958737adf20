"""The bibliography style: author–year labels, evidence type, DOI, PubMed and PMC links.

Registered with pybtex as the formatting style ``handbook`` (``bibtex_default_style``).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import ClassVar

from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting.author_year_title import SortingStyle
from pybtex.style.template import field, href, join, optional, sentence, words
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from handbook.bibliography import EVIDENCE_TYPES


class AuthorYearLabels(BaseLabelStyle):
    """Labels such as "Langan et al., 2020" ("2020a", "2020b" when they collide)."""

    def format_labels(self, sorted_entries):
        labels = [self.format_label(entry) for entry in sorted_entries]
        counts, seen = Counter(labels), Counter()
        for label in labels:
            if counts[label] > 1:
                seen[label] += 1
                yield label + "abcdefghijklmnopqrstuvwxyz"[seen[label] - 1]
            else:
                yield label

    def format_label(self, entry) -> str:
        persons = entry.persons.get("author") or entry.persons.get("editor") or []
        if not persons:
            name = entry.fields.get("organization") or entry.fields.get("title", "Anon.")
        else:
            name = " ".join(persons[0].last_names) or str(persons[0])
            name = name.replace("{", "").replace("}", "")
            if len(persons) == 2:
                name += " and " + " ".join(persons[1].last_names)
            elif len(persons) > 2:
                name += " et al."
        return f"{name}, {entry.fields.get('year', 'n.d.')}"


class HandbookStyle(UnsrtStyle):
    """pybtex's ``unsrt`` with our labels, sorting and links."""

    default_label_style = AuthorYearLabels
    default_sorting_style = SortingStyle

    #: Formatted entries, by everything their text depends on. sphinxcontrib-bibtex formats
    #: every entry of every reference list on every build, even a no-op one. During a build this
    #: is a dictionary kept in the build environment (see :func:`reuse_formatted_entries`), so
    #: an entry is formatted once, and again only when it changes.
    formatted: ClassVar[dict] = {}
    #: The keys of :attr:`formatted` used by the current build.
    used: ClassVar[set] = set()

    def format_entry(self, label, entry, bib_data=None):
        key = (label, entry.key, entry.type, tuple(sorted(entry.fields.items())),
               tuple((role, tuple(map(str, people))) for role, people in entry.persons.items()))
        if key not in self.formatted:
            self.formatted[key] = super().format_entry(label, entry, bib_data)
        self.used.add(key)
        return self.formatted[key]

    def format_web_refs(self, e):
        return sentence(sep=" · ")[
            optional[self.format_evidence(e)],
            optional[self.format_doi(e)],
            optional[self.format_pubmed(e)],
            optional[self.format_pmc(e)],
            optional[self.format_url(e)],
        ]

    def format_evidence(self, e):
        label = EVIDENCE_TYPES.get(e.fields.get("evidence", ""), "")
        return words["Evidence:", label] if label else words[field("evidence-missing")]

    def format_doi(self, e):
        return href[join["https://doi.org/", field("doi", raw=True)]][
            join["DOI: ", field("doi", raw=True)]]

    def format_pubmed(self, e):
        return href[join["https://pubmed.ncbi.nlm.nih.gov/", field("pubmed", raw=True), "/"]][
            join["PubMed: ", field("pubmed", raw=True)]]

    def format_pmc(self, e):
        return href[join["https://pmc.ncbi.nlm.nih.gov/articles/", field("pmcid", raw=True), "/"]][
            join["PMC: ", field("pmcid", raw=True)]]

    def format_url(self, e):
        if e.fields.get("doi") or e.fields.get("pubmed"):
            return words[field("no-url-when-doi")]  # optional[] drops it
        url = field("url", raw=True)
        return href[url][url]


register_plugin("pybtex.style.formatting", "handbook", HandbookStyle)


def reuse_formatted_entries(app: Sphinx, env: BuildEnvironment) -> None:
    """Before the reference lists are formatted: start from what earlier builds formatted."""
    code = Path(__file__).stat().st_mtime_ns  # this style edited: format everything again
    if getattr(env, "handbook_formatted_code", None) != code:
        env.handbook_formatted_entries = {}
        env.handbook_formatted_code = code
    HandbookStyle.formatted = env.handbook_formatted_entries
    HandbookStyle.used = set()


def forget_unused_entries(app: Sphinx, env: BuildEnvironment) -> None:
    """After they are formatted: drop entries no list uses any more (edited or removed).

    Nothing is dropped when no list was formatted (``bib_speedups`` kept the last build's).
    """
    if not HandbookStyle.used:
        return
    for key in HandbookStyle.formatted.keys() - HandbookStyle.used:
        del HandbookStyle.formatted[key]


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinxcontrib.bibtex")
    # sphinxcontrib-bibtex formats the lists at env-updated (default priority 500)
    app.connect("env-updated", reuse_formatted_entries, priority=100)
    app.connect("env-updated", forget_unused_entries, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
