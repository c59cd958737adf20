"""The glossary as a SKOS concept scheme in JSON-LD (W3C Simple Knowledge Organization System).

Each entry is a ``skos:Concept`` with its term as ``prefLabel``, abbreviations and synonyms as
``altLabel``, plurals as ``hiddenLabel``, the plain definition as ``definition``, see-also
links as ``related``, its category as ``broader`` (categories are the scheme's top concepts),
its MeSH descriptor as ``closeMatch`` and its sources as ``dct:source``.

>>> from glossary import load_glossary
>>> scheme = to_skos(load_glossary(), "glossary/index.html", "Handbook")
>>> concept = next(c for c in scheme["@graph"] if c["@id"].endswith("#term-ige"))
>>> concept["skos:prefLabel"], concept["skos:closeMatch"]
({'@value': 'IgE', '@language': 'en'}, [{'@id': 'http://id.nlm.nih.gov/mesh/D007073'}])
"""

from __future__ import annotations

from glossary.model import CATEGORIES, Glossary
from glossary.text import plain_text

CONTEXT = {"skos": "http://www.w3.org/2004/02/skos/core#",
           "dct": "http://purl.org/dc/terms/"}
MESH = "http://id.nlm.nih.gov/mesh/"


def _text(value: str) -> dict:
    return {"@value": value, "@language": "en"}


def to_skos(glossary: Glossary, page: str, title: str, base: str = "",
            sources: dict[str, str] | None = None) -> dict:
    """The JSON-LD document. *page* is the glossary page's address (relative to *base*);
    *sources* maps BibTeX keys to the address of their records."""
    sources = sources or {}
    scheme = f"{page}#glossary-scheme"
    context = dict(CONTEXT, **({"@base": base} if base else {}))
    graph: list[dict] = [{
        "@id": scheme, "@type": "skos:ConceptScheme", "skos:prefLabel": _text(title),
        "skos:hasTopConcept": [{"@id": f"{page}#category-{c}"} for c in CATEGORIES]}]
    for slug, label in CATEGORIES.items():
        graph.append({"@id": f"{page}#category-{slug}", "@type": "skos:Concept",
                      "skos:prefLabel": _text(label), "skos:inScheme": {"@id": scheme},
                      "skos:topConceptOf": {"@id": scheme},
                      "skos:narrower": [{"@id": f"{page}#{e.anchor}"}
                                        for e in glossary.by_category(slug)]})
    for entry in glossary:
        concept = {
            "@id": f"{page}#{entry.anchor}", "@type": "skos:Concept",
            "skos:inScheme": {"@id": scheme},
            "skos:prefLabel": _text(entry.term),
            "skos:altLabel": [_text(n) for n in (*entry.abbreviations, *entry.synonyms)],
            "skos:hiddenLabel": [_text(n) for n in entry.plurals],
            "skos:definition": _text(entry.short_definition),
            "skos:broader": [{"@id": f"{page}#category-{entry.category}"}],
            "skos:related": [{"@id": f"{page}#term-{other}"} for other in entry.see_also
                             if other in glossary],
            "skos:notation": entry.id,
            "dct:source": [{"@id": sources[key]} if key in sources else key
                           for key in entry.sources],
        }
        if entry.note:
            concept["skos:scopeNote"] = _text(plain_text(entry.note))
        if "mesh" in entry.identifiers:
            concept["skos:closeMatch"] = [{"@id": MESH + entry.identifiers["mesh"]}]
        graph.append(concept)
    return {"@context": context, "@graph": graph}
