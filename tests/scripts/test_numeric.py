"""The number extractor: forms of the same number are equal, non-findings are left out, and no
input makes it raise."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook.numeric import findings, numbers, same, values


@pytest.mark.parametrize(("a", "b"), [
    ("1,045", "1045"),            # thousands separator
    ("19.1%", "19.1 per cent"),   # per cent and %
    ("19.10%", "19.1%"),          # trailing zero
    ("P < 0.001", "p<.001"),      # P-value spacing, leading zero left out
    ("−0.5", "-0.5"),             # unicode minus
    ("1·97", "1.97"),             # the Lancet's raised decimal point
    ("0.5", "a fall of 0.5"),     # the sign is not compared
])
def test_forms_of_one_number_are_equal(a: str, b: str):
    assert same(a, b)


@pytest.mark.parametrize("text", ["8.4–10.1", "8.4-10.1", "8.4 to 10.1", "8.4 − 10.1"])
def test_ranges_give_both_ends(text: str):
    assert [n.value for n in numbers(text)] == [Decimal("8.4"), Decimal("10.1")]


def test_spaced_thousands_and_spelled_numbers_in_sources():
    assert {Decimal(385853), Decimal(17), Decimal(8)} <= values(
        "385 853 children in seventeen studies, eight of them")


@pytest.mark.parametrize(("text", "expected"), [
    ("IL-4, IL-13 and Th2 cells; IgG4; COVID-19", []),          # names
    ("in 2019 and 1958, on 22 November 2026 or 2026-11-22", []),  # years and dates
    ("type 2 inflammation in a phase 3 trial; phases 2 and 3", []),  # labels
    ("9.2% (95% CI 8.4–10.1%)", ["9.2", "8.4", "10.1"]),         # CI level is not a finding
    ("the 1990s, 3rd place, phase 2a", []),                       # glued to letters
    ("see {term}`IL-31` and [page](https://x.org/a/123)", []),    # roles and link addresses
    ("2,068 participants", ["2,068"]),                            # a count with a comma
])
def test_findings_leave_out_what_is_not_a_finding(text: str, expected: list[str]):
    assert [n.text for n in findings(text)] == expected


number = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(value=number)
def test_formatting_variants_have_one_value(value: Decimal):
    plain = f"{value:f}"
    grouped = f"{value:,f}"
    assert same(plain, grouped)
    assert same(plain, plain + "%") and same(plain, plain + " per cent")
    assert same(plain, "−" + plain)
    assert value in values(f"the rate was {grouped} (95% CI …)")


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_no_input_makes_it_raise(text: str):
    list(findings(text))
    values(text)
