"""The SKOS export parses as RDF and round-trips the glossary: every entry is a concept with
its labels, definition, related links, category and MeSH match."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from glossary import load_glossary
from glossary.skos import MESH, to_skos

BASE = "https://handbook.example/"
PAGE = "glossary/index.html"
DCT = Namespace("http://purl.org/dc/terms/")


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


@pytest.fixture(scope="module")
def graph(glossary) -> Graph:
    records = {key: f"https://records.example/{key}" for e in glossary for key in e.sources}
    records.pop("langan2020atopic", None)  # a key without a known record stays a plain key
    document = to_skos(glossary, PAGE, "Handbook", BASE, records)
    return Graph().parse(data=json.dumps(document), format="json-ld")


def concept(entry_id: str) -> URIRef:
    return URIRef(f"{BASE}{PAGE}#term-{entry_id}")


def test_every_entry_is_a_concept_in_the_scheme(graph: Graph, glossary):
    scheme = URIRef(f"{BASE}{PAGE}#glossary-scheme")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    for entry in glossary:
        assert (concept(entry.id), RDF.type, SKOS.Concept) in graph
        assert (concept(entry.id), SKOS.inScheme, scheme) in graph


def test_labels_definitions_and_links_round_trip(graph: Graph, glossary):
    for entry in glossary:
        node = concept(entry.id)
        assert set(graph.objects(node, SKOS.prefLabel)) == {Literal(entry.term, lang="en")}
        assert {str(o) for o in graph.objects(node, SKOS.altLabel)} == \
            {*entry.abbreviations, *entry.synonyms}
        assert str(graph.value(node, SKOS.definition)) == entry.short_definition
        assert {str(o) for o in graph.objects(node, SKOS.related)} == \
            {str(concept(other)) for other in entry.see_also if other in glossary}
        assert (node, SKOS.broader, URIRef(f"{BASE}{PAGE}#category-{entry.category}")) in graph
        mesh = entry.identifiers.get("mesh")
        assert set(graph.objects(node, SKOS.closeMatch)) == ({URIRef(MESH + mesh)} if mesh else set())


def test_sources_are_record_addresses_where_known(graph: Graph, glossary):
    for entry in glossary:
        expected = {key if key == "langan2020atopic" else f"https://records.example/{key}"
                    for key in entry.sources}
        assert {str(o) for o in graph.objects(concept(entry.id), DCT.source)} == expected
