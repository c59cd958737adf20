"""The Eczema & Autoimmunity Handbook glossary: load, validate and query the terms.

The data live in ``glossary/terms/<id>.yaml``, one file per term.

>>> from glossary import load_glossary
>>> g = load_glossary()
>>> entry = g.lookup("IgE")
>>> entry.id, entry.category
('ige', 'immunology')
>>> entry.anchor
'term-ige'
"""

from glossary.loader import SCHEMA_PATH, TERMS_DIR, load_glossary, read_entry, read_terms
from glossary.model import CATEGORIES, Entry, Glossary
from glossary.problems import Problem
from glossary.rules import check_glossary

__all__ = ["CATEGORIES", "SCHEMA_PATH", "TERMS_DIR", "Entry", "Glossary", "Problem",
           "check_glossary", "load_glossary", "read_entry", "read_terms"]
