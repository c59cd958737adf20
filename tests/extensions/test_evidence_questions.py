"""Build the fixture handbook: the methods page lists every question with its searches and a
summary flow figure, and each chapter says up to when its evidence was searched."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import sphinx_build
from tests.extensions.test_glossary_build import edit

pytestmark = pytest.mark.sphinx_build
QUESTION = "docs/questions/onset.yaml"


def test_methods_page_lists_questions_searches_and_choices(built_handbook):
    built = built_handbook
    html = built.html("methods")
    assert 'id="question-onset"' in html and "When in life does atopic eczema start?" in html
    assert "atopic eczema onset birth cohort adults" in html and "(10 found, 4 screened)" in html
    assert "two national birth cohorts followed to middle age" in html
    assert "superseded by the birth cohorts" in html
    assert "no study has followed these cohorts past the age of 50" in html


def test_flow_figure_is_drawn_with_its_message_as_alt_text(built_handbook):
    built = built_handbook
    html = built.html("methods")
    assert "searchflow-" in html
    assert "evidence searches: 1 searches for 1 questions found 10 records; 4 were screened; " \
           "1 sources are cited and 1 screened records were excluded" in html
    svg = next((built.outdir / "_images").glob("searchflow-*.svg")).read_text()
    assert "10 records found" in svg and "1 records excluded" in svg


def test_chapter_says_up_to_when_its_evidence_was_searched(built_handbook):
    built = built_handbook
    assert "Evidence searched up to: </strong>30 November 2026." in built.html("chapters/one")


def test_a_new_question_updates_the_methods_page_and_the_chapter(handbook: Path, first_build):
    text = (handbook / QUESTION).read_text()
    (handbook / "docs/questions/cohorts.yaml").write_text(
        text.replace("When in life does atopic eczema start?", "Which cohorts were followed?")
        .replace("last_searched: 2026-11-30", "last_searched: 2026-10-01")
        .replace("date: 2026-11-30", "date: 2026-10-01"))
    rebuild = sphinx_build(handbook)
    assert rebuild.returncode == 0, rebuild.output
    assert "Which cohorts were followed?" in first_build.html("methods")
    assert "Evidence searched up to: </strong>1 October 2026." in first_build.html("chapters/one")


def test_editing_a_question_updates_the_methods_page(handbook: Path, first_build):
    edit(handbook / QUESTION, "found: 10", "found: 12")
    rebuild = sphinx_build(handbook)
    assert rebuild.returncode == 0, rebuild.output
    assert "(12 found, 4 screened)" in first_build.html("methods")
