"""The JSON Schema is itself valid, matches the model, and is referenced from term files."""

import json

import jsonschema

from glossary import CATEGORIES, SCHEMA_PATH, TERMS_DIR


def test_schema_is_a_valid_json_schema():
    schema = json.loads(SCHEMA_PATH.read_text())
    jsonschema.validators.validator_for(schema).check_schema(schema)


def test_schema_categories_match_the_model():
    schema = json.loads(SCHEMA_PATH.read_text())
    assert schema["properties"]["category"]["enum"] == list(CATEGORIES)


def test_schema_accepts_a_good_entry_and_rejects_bad_ones():
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text()))
    good = {"term": "IgE", "category": "immunology", "sources": ["langan2020atopic"],
            "definition": "An antibody class linked to allergy and atopy."}
    assert list(validator.iter_errors(good)) == []
    for bad in ({**good, "category": "misc"}, {**good, "sources": []},
                {**good, "colour": "red"}, {**good, "definition": "short"},
                {**good, "see_also": ["Not A Slug"]}, {**good, "identifiers": {"mesh": "X1"}}):
        assert list(validator.iter_errors(bad)), bad


def test_every_term_file_points_editors_to_the_schema():
    missing = [p.name for p in TERMS_DIR.glob("*.yaml")
               if not p.read_text().startswith("# yaml-language-server: $schema=../schema.json")]
    assert missing == []
