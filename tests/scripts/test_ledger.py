"""The evidence ledger on small inputs: traced, wrong, uncited, derived, claimed and own numbers,
and how statements are cut out of a page."""

from __future__ import annotations

import pytest

from handbook.derived import agrees, evaluate, parse_derived
from handbook.ledger import Ledger
from handbook.sources import Excerpt, SourceRecord
from handbook.statements import page_statements

RECORDS = {
    "volke2022x": SourceRecord(
        "volke2022x", "https://pubmed.ncbi.nlm.nih.gov/1/", "docs/sources/volke2022x.yaml",
        excerpts=(Excerpt("The pooled prevalence was 9.2% (95% CI 8.4-10.1%), highest at "
                          "16.2% in children aged 0-5 years.", "abstract", "2026-11-30"),)),
    "empty2020x": SourceRecord("empty2020x", "https://doi.org/10.1/x", "docs/sources/e.yaml"),
}
CLAIMS = {"gut-share": "70-80% of the immune system lives in the gut."}


def check(text: str) -> Ledger:
    ledger = Ledger(RECORDS, CLAIMS)
    for statement in page_statements(text, "p.md"):
        ledger.check(statement)
    return ledger


def messages(text: str) -> list[str]:
    return [str(p) for p in check(text).report.problems]


def test_traced_numbers_pass_and_are_counted():
    ledger = check("It was 9.2% (8.4 to 10.1) {cite:p}`volke2022x`.\n")
    assert ledger.report.problems == [] and ledger.report.traced == 1


def test_a_changed_number_is_reported_with_the_nearest_ones():
    found = messages("Intro line.\nIt was 9.4% {cite:p}`volke2022x`.\n")
    assert found == ["p.md:2: 9.4% is not in the recorded words of volke2022x "
                     "(hint: nearest numbers there: 9.2, 10.1, 8.4, 5; correct the number, "
                     "or add the words that give it to docs/sources/volke2022x.yaml)"]


def test_a_source_without_excerpts_says_what_to_record():
    assert "record the sentence of the source that gives it in docs/sources/empty2020x.yaml" \
        in messages("It was 9.2% {cite:p}`empty2020x`.\n")[0]


def test_a_number_without_a_citation_in_its_sentence_is_reported():
    found = messages("It was 9.2% {cite:p}`volke2022x`. Later it was 16.2%.\n")
    assert found and found[0].startswith("p.md:1: 16.2% has no cited source in its sentence")


def test_a_line_number_points_at_the_line_of_the_number():
    found = messages("First it rose\nthen it was\n12.5% {cite:p}`volke2022x`.\n")
    assert found[0].startswith("p.md:3: 12.5% is not in")


def test_table_rows_and_list_table_rows_share_their_citations():
    assert messages("| 9.2% | {cite:p}`volke2022x` |\n| --- | --- |\n") == []
    assert messages("* - {cite:t}`volke2022x`\n  - 16.2%\n* - other\n  - 9.2%\n") == [
        "p.md:4: 9.2% has no cited source in its sentence (hint: cite the source that gives it "
        "in the same sentence, table row or list item, or mark it {derived}`... <figures @key>` "
        "if it is worked out)"]


def test_abbreviations_do_not_end_a_sentence():
    assert messages("Volke et al. found 9.2% {cite:p}`volke2022x`.\n") == []


@pytest.mark.parametrize(("text", "ok"), [
    ("A gap of {derived}`7 points <16.2 - 9.2>` {cite:p}`volke2022x`.", True),
    ("A gap of {derived}`7.1 points <16.2 - 9.2>` {cite:p}`volke2022x`.", False),  # arithmetic
    ("About {derived}`one child in six <16.2% @volke2022x>`.", True),             # @key
    ("About {derived}`one child in five <16.2% @volke2022x>`.", False),
    ("About {derived}`1 in 10 <10.3% @volke2022x>`.", False),                      # 10.3 not there
    ("About {derived}`92 per 1,000 <9.2 * 1000 / 100 @volke2022x>`.", True),       # unit factors
    ("About {derived}`one in six`.", False),                                         # no working
    ("About {derived}`1 in 6 <16.2% @nobody2020x>`.", False),                      # unknown key
])
def test_derived_numbers_are_traced_and_their_arithmetic_redone(text: str, ok: bool):
    ledger = check(text + "\n")
    assert (ledger.report.problems == []) is ok, ledger.report.problems
    assert ledger.report.derived == (1 if ok else 0)


def test_a_spelled_out_share_must_be_marked_derived():
    assert messages("About one child in six has it.\n")[0].startswith(
        'p.md:1: "one child in six" is a share worked out from a source, not marked as derived')


def test_claimed_figures_must_be_in_the_claim():
    assert messages("The page says {claimed}`70–80% <gut-share>` of it.\n") == []
    assert messages("The page says {claimed}`90% <gut-share>` of it.\n")[0].startswith(
        'p.md:1: 90% is not in the words of claim "gut-share"')
    assert "names no claim" in messages("It says {claimed}`70% <nope>`.\n")[0]


def test_own_numbers_are_counted_not_traced():
    ledger = check("We review chapters every {own}`12 months`.\n")
    assert ledger.report.problems == [] and ledger.report.own == 1


def test_summary_line_counts_everything():
    ledger = check("It was 9.2% {cite:p}`volke2022x`. Gap {derived}`7 <16.2 - 9.2>` "
                   "{cite:p}`volke2022x`. Then 3% {cite:p}`volke2022x`.\n")
    assert ledger.report.summary().startswith(
        "Evidence ledger: 3 numeric statements checked: 1 traced to their sources' words, "
        "1 with derived numbers")
    assert "66% accounted for" in ledger.report.summary()  # rounded down: never 100% too early


def test_headings_code_and_front_matter_are_not_statements():
    text = "---\nlast_reviewed: 2026-11-22\n---\n# 1. Title 12%\n\n```python\nx = 5\n```\n"
    assert list(page_statements(text, "p.md")) == []


def test_derived_helpers():
    assert parse_derived("no working") is None
    assert evaluate("2 ** 8") is None and evaluate("1/0") is None
    assert agrees("about 2 in 1,000", 0.2) and not agrees("4 to 5", 2.5) and not agrees("most", 1)
