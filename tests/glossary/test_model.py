"""The query API of the glossary package, on the fixture terms and on the real data."""

from pathlib import Path

from glossary import load_glossary
from tests.conftest import FIXTURE

TERMS = FIXTURE / "glossary" / "terms"


def test_lookup_by_term_abbreviation_synonym_plural_and_id_ignores_case():
    g = load_glossary(TERMS)
    for name in ("Atopic dermatitis", "ad", "ATOPIC ECZEMA", "atopic-dermatitis"):
        assert g.lookup(name).id == "atopic-dermatitis"
    assert g.lookup("Filaggrins").id == "filaggrin"
    assert g.lookup("eczema herpeticum") is None


def test_entries_iterate_a_to_z_and_filter_by_category():
    g = load_glossary(TERMS)
    assert [e.id for e in g] == ["atopic-dermatitis", "filaggrin"]
    assert [e.id for e in g.by_category("genetics-and-skin-barrier")] == ["filaggrin"]
    assert g.by_category("treatment") == []


def test_related_lists_see_also_then_back_links():
    g = load_glossary(TERMS)
    assert [e.id for e in g.related("atopic-dermatitis")] == ["filaggrin"]
    assert [e.id for e in g.related("filaggrin")] == ["atopic-dermatitis"]


def test_search_ranks_name_matches_first_and_needs_every_word():
    g = load_glossary(TERMS)
    assert [e.id for e in g.search("filaggrin")] == ["filaggrin", "atopic-dermatitis"]
    assert g.search("barrier protein")[0].id == "filaggrin"
    assert g.search("barrier unicorn") == []
    assert g.search("   ") == []


def test_suggest_offers_close_names():
    g = load_glossary(TERMS)
    assert g.suggest("filagrin") == ["Filaggrin"]
    assert g.suggest("zzzz") == []


def test_anchor_depends_on_id_not_display_text(tmp_path: Path):
    text = (TERMS / "filaggrin.yaml").read_text().replace("term: Filaggrin", "term: Filaggrin protein")
    (tmp_path / "filaggrin.yaml").write_text(text)
    assert load_glossary(tmp_path)["filaggrin"].anchor == "term-filaggrin"


def test_short_definition_is_plain_text():
    entry = load_glossary(TERMS)["atopic-dermatitis"]
    assert entry.short_definition == "A long-lasting itchy skin disease; see filaggrin."


def test_real_glossary_loads_and_every_entry_has_a_definition():
    g = load_glossary()
    assert len(g) > 0
    assert all(entry.short_definition for entry in g)
