"""Property-based tests: corrupting the glossary YAML or the BibTeX never causes a traceback,
and a corruption that breaks the data is always reported."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.check import Layout, run_checks
from tests.conftest import FIXTURE

TERM = "glossary/terms/filaggrin.yaml"
BIB = "docs/references.bib"
SOURCE = "docs/sources/abuabara2019clinical.yaml"
CHAPTER = "docs/chapters/one.md"
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("fuzz") / "handbook"
    shutil.copytree(FIXTURE, target)
    return target


def check_with(root: Path, relative: str, text: str) -> list:
    original = (FIXTURE / relative).read_text(encoding="utf-8")
    (root / relative).write_text(text, encoding="utf-8")
    try:
        return run_checks(Layout(root))
    finally:
        (root / relative).write_text(original, encoding="utf-8")


def original(relative: str) -> str:
    return (FIXTURE / relative).read_text(encoding="utf-8")


@SETTINGS
@given(data=st.data(), relative=st.sampled_from([TERM, BIB, SOURCE, CHAPTER]))
def test_any_mutation_never_raises(root: Path, data: st.DataObject, relative: str):
    text = original(relative)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 20)))
    alphabet = [*"{}[]:,=@\"'#\n\t -&*!|>%\\", "é", "\x00", "ß"]
    junk = data.draw(st.text(alphabet=st.sampled_from(alphabet), max_size=8))
    problems = check_with(root, relative, text[:start] + junk + text[end:])
    assert all(p.path and p.line >= 1 and p.message for p in problems)


@SETTINGS
@given(data=st.data())
def test_truncated_term_file_is_reported(root: Path, data: st.DataObject):
    text = original(TERM)
    cut = data.draw(st.integers(0, text.index("sources:") + len("sources: [lang")))
    assert check_with(root, TERM, text[:cut]) != []


@SETTINGS
@given(data=st.data())
def test_unbalanced_bracket_in_a_term_value_is_reported(root: Path, data: st.DataObject):
    lines = original(TERM).splitlines(keepends=True)
    candidates = [i for i, line in enumerate(lines) if line.startswith(("term:", "category:",
                                                                        "plurals:", "sources:"))]
    i = data.draw(st.sampled_from(candidates))
    key, value = lines[i].split(":", 1)
    lines[i] = f"{key}: {data.draw(st.sampled_from('[{'))}{value.strip()}\n"
    assert check_with(root, TERM, "".join(lines)) != []


@SETTINGS
@given(data=st.data())
def test_truncated_bibliography_is_reported(root: Path, data: st.DataObject):
    text = original(BIB)
    cut = data.draw(st.integers(1, len(text.rstrip()) - 1))
    assert check_with(root, BIB, text[:cut]) != []


@SETTINGS
@given(data=st.data())
def test_stray_brace_or_deleted_field_in_bibliography_is_reported(root: Path, data: st.DataObject):
    lines = original(BIB).splitlines(keepends=True)
    if data.draw(st.booleans()):
        # in a field line: BibTeX ignores whatever lies between entries
        i = data.draw(st.sampled_from([i for i, line in enumerate(lines)
                                       if line.startswith((" ", "\t"))]))
        column = data.draw(st.integers(0, len(lines[i]) - 1))
        lines[i] = lines[i][:column] + "{" + lines[i][column:]
    else:  # a required field
        required = ("author", "title", "journal", "year", "evidence")
        del lines[data.draw(st.sampled_from([i for i, line in enumerate(lines)
                                             if line.strip().startswith(required)]))]
    assert check_with(root, BIB, "".join(lines)) != []


@SETTINGS
@given(data=st.data())
def test_any_changed_digit_in_a_cited_number_is_reported(root: Path, data: st.DataObject):
    text = original(CHAPTER)
    sentence = text.index("In each cohort")
    end = text.index("(odds ratio")
    roles = [m.span() for m in re.finditer(r"`[^`]*`", text)]
    digits = [i for i in range(sentence, end) if text[i].isdigit()
              and text[i - 1] not in "0123456789," and not any(a <= i < b for a, b in roles)]
    i = data.draw(st.sampled_from(digits))
    new = data.draw(st.sampled_from([d for d in "3456789" if d != text[i]]))
    changed = text[:i] + new + text[i + 1:]
    line = text[:i].count("\n") + 1
    found = [str(p) for p in check_with(root, CHAPTER, changed)]
    assert any(p.startswith(f"{CHAPTER}:{line}: ") and "is not in the recorded words" in p
               for p in found), found
