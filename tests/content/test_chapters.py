"""Editorial standards that can be measured: reading grade, length, sources per chapter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import textstat

from glossary.text import cite_keys, plain_text
from tests.conftest import REPO

DOCS = REPO / "docs"
CHAPTERS = sorted((DOCS / "chapters").glob("*.md"))
IN_BRIEF = re.compile(r"^(`{3,}|:{3,})\{in-brief\}\s*\n(?P<body>.*?)^\1\s*$", re.M | re.S)
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
# Content issue I: the answer and the science; II: practice.
SCIENCE = ["words", "epidemiology", "mechanisms", "autoimmune-evidence", "comorbidities",
           "evidence-rating"]
#: Short by design: the claims table and the front page.
SHORT = {"claims"}


def in_brief(path: Path) -> str:
    match = IN_BRIEF.search(path.read_text(encoding="utf-8"))
    assert match, f"{path.name}: no in-brief block"
    return plain_text(match["body"])


def body_words(path: Path) -> int:
    text = FRONT_MATTER.sub("", path.read_text(encoding="utf-8"))
    text = re.sub(r"^(`{3,}|:{3,})\{bibliography\}.*?^\1", "", text, flags=re.M | re.S)
    return len(plain_text(text).split())


@pytest.mark.parametrize("path", [DOCS / "index.md", *CHAPTERS], ids=lambda p: p.stem)
def test_in_brief_reads_at_grade_9_or_below(path: Path):
    grade = textstat.flesch_kincaid_grade(in_brief(path))
    assert grade <= 9, f"{path.name}: In brief reads at grade {grade}; use shorter sentences and words"


@pytest.mark.parametrize("path", [p for p in CHAPTERS if p.stem not in SHORT], ids=lambda p: p.stem)
def test_chapters_are_substantial(path: Path):
    # Long enough to answer its questions, short enough to read in one sitting.
    assert 1500 <= body_words(path) <= 5500, f"{path.name}: {body_words(path)} words"


def test_the_science_chapters_cite_at_least_50_distinct_sources():
    keys = set()
    for slug in SCIENCE:
        keys.update(cite_keys((DOCS / "chapters" / f"{slug}.md").read_text(encoding="utf-8")))
    assert len(keys) >= 50, len(keys)


def test_reading_grade_measure_is_not_constant():
    easy = "The cat sat on the mat. It was warm."
    hard = ("Epidermal barrier dysfunction precipitates immunological sensitisation through "
            "percutaneous allergen penetration, perpetuating chronic inflammatory dermatoses.")
    assert textstat.flesch_kincaid_grade(easy) < 9 < textstat.flesch_kincaid_grade(hard)
