"""The glossary's data model: :class:`Entry` and the queryable :class:`Glossary`."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import MappingProxyType

from glossary.text import plain_text

#: Category slug -> heading shown to readers.  The JSON Schema lists the same slugs.
CATEGORIES = MappingProxyType({
    "condition": "Conditions",
    "immunology": "Immunology",
    "genetics-and-skin-barrier": "Genetics and the skin barrier",
    "microbes-and-environment": "Microbes and environment",
    "treatment": "Treatment",
    "test-and-diagnosis": "Tests and diagnosis",
    "epidemiology-and-evidence": "Epidemiology and evidence",
    "diet-and-nutrition": "Diet and nutrition",
})


@dataclass(frozen=True)
class Entry:
    """One glossary entry, as read from ``glossary/terms/<id>.yaml``."""

    id: str
    term: str
    definition: str
    category: str
    abbreviations: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    plurals: tuple[str, ...] = ()
    note: str = ""
    see_also: tuple[str, ...] = ()
    #: see-also ids that deliberately do not link back
    see_also_one_way: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    identifiers: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    path: str = ""
    line: int = 1
    #: line of each YAML key, for messages
    key_lines: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

    @property
    def names(self) -> tuple[str, ...]:
        """Every text that links to this entry: term, abbreviations, synonyms, plurals."""
        return (self.term, *self.abbreviations, *self.synonyms, *self.plurals)

    @property
    def anchor(self) -> str:
        """The stable HTML anchor: depends on the id only, never on the display text."""
        return f"term-{self.id}"

    @property
    def short_definition(self) -> str:
        """The definition as plain text (roles resolved to their titles, citations dropped)."""
        return plain_text(self.definition)

    def line_of(self, key: str) -> int:
        """The line of *key* in the entry's file (the entry's first line if absent)."""
        return self.key_lines.get(key, self.line)

    def as_dict(self) -> dict:
        """A JSON-ready dict (the format of ``glossary.json``)."""
        return {
            "id": self.id, "term": self.term, "category": self.category,
            "abbreviations": list(self.abbreviations), "synonyms": list(self.synonyms),
            "plurals": list(self.plurals), "definition": self.definition,
            "definition_text": self.short_definition, "note": self.note,
            "see_also": list(self.see_also), "sources": list(self.sources),
            "identifiers": dict(self.identifiers),
        }


class Glossary:
    """All entries, with look-ups by id, name, category and text.

    >>> from glossary import load_glossary
    >>> g = load_glossary()
    >>> g.lookup("ad").term
    'Atopic dermatitis'
    >>> g.lookup("Atopic Eczema").id
    'atopic-dermatitis'
    >>> g.lookup("no such thing") is None
    True
    """

    def __init__(self, entries: list[Entry]) -> None:
        self._entries = {entry.id: entry for entry in sorted(entries, key=_sort_key)}
        self._names: dict[str, Entry] = {}
        for entry in self._entries.values():
            for name in (entry.id, *entry.names):
                self._names.setdefault(name.casefold(), entry)

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        """Entries in A–Z order of their display term."""
        return iter(self._entries.values())

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._entries

    def __getitem__(self, entry_id: str) -> Entry:
        return self._entries[entry_id]

    def lookup(self, name: str) -> Entry | None:
        """Find an entry by id, term, abbreviation, synonym or plural, ignoring case, or by
        its MeSH descriptor ID.

        >>> from glossary import load_glossary
        >>> load_glossary().lookup("D003876").term
        'Atopic dermatitis'
        """
        found = self._names.get(name.strip().casefold())
        return found if found is not None else self.by_identifier("mesh", name.strip().upper())

    def by_identifier(self, scheme: str, value: str) -> Entry | None:
        """The entry that carries an external identifier, e.g. ``("mesh", "D007073")``.

        >>> from glossary import load_glossary
        >>> load_glossary().by_identifier("mesh", "D007073").id
        'ige'
        """
        return next((entry for entry in self if entry.identifiers.get(scheme) == value), None)

    def by_category(self, category: str) -> list[Entry]:
        """Entries of one category, A–Z.

        >>> from glossary import load_glossary
        >>> "filaggrin" in [e.id for e in load_glossary().by_category("genetics-and-skin-barrier")]
        True
        """
        return [entry for entry in self if entry.category == category]

    def related(self, entry_id: str) -> list[Entry]:
        """Entries this one points to with see-also, then entries that point to it."""
        entry = self._entries[entry_id]
        forward = [self._entries[i] for i in entry.see_also if i in self._entries]
        backward = [other for other in self if entry_id in other.see_also
                    and other not in forward]
        return forward + backward

    def search(self, text: str) -> list[Entry]:
        """Entries whose names, definition or note contain every word of *text*.

        Entries whose name matches come first.

        >>> from glossary import load_glossary
        >>> [e.id for e in load_glossary().search("filaggrin")][:1]
        ['filaggrin']
        """
        words = text.casefold().split()
        if not words:
            return []
        hits = []
        for entry in self:
            names = " ".join(entry.names).casefold()
            body = " ".join((names, plain_text(entry.definition), plain_text(entry.note)))
            if all(word in body.casefold() for word in words):
                hits.append((0 if all(w in names for w in words) else 1, entry))
        return [entry for _, entry in sorted(hits, key=lambda hit: hit[0])]

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Terms of the entries whose names are close to *name*, for "did you mean ...?".

        >>> from glossary import load_glossary
        >>> load_glossary().suggest("filagrin")
        ['Filaggrin']
        """
        names = {n.casefold(): entry for entry in self for n in entry.names}
        close = difflib.get_close_matches(name.casefold(), names, n=limit * 3, cutoff=0.75)
        terms = dict.fromkeys(names[match].term for match in close)
        return list(terms)[:limit]


def _sort_key(entry: Entry) -> tuple[str, str]:
    return (entry.term.casefold(), entry.id)
