"""Find the numbers in a text, and tell findings apart from numbers that only name things.

Numbers are compared by value, whatever form they take: thousands separators, ``per cent`` or
``%``, a unicode minus, an en dash or "to" between the ends of a range, the Lancet's raised
decimal point, a leading zero left out of a P value. Signs are ignored: "a fall of 3.2" and
"-3.2" are the same finding.

>>> [str(n.value) for n in numbers("P < .001; 1,045 people; 8·4–10·1%; −0.5")]
['0.001', '1045', '8.4', '10.1', '0.5']
>>> same("19.1%", "19.10 per cent") and same("1,045", "1045") and same("P<0.001", "p = .001")
True
>>> [n.text for n in findings("IL-4 and Th2 cells rose by 12% in 2019 (95% CI 3.1 to 20)")]
['12', '3.1', '20']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

#: A number: digits with optional thousands commas and decimals, or a decimal without its 0.
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]*\d)|\d+(?:\.\d+)?|(?<!\d)\.\d+")
#: Raised decimal points (Lancet style) and other dots that stand between digits; "Æ" is how
#: some PDF copies of Wiley articles render the raised point ("87Æ9%").
DECIMAL_DOT = re.compile(r"(?<=\d)[·∙⋅Æ](?=\d)")
#: Groups of three digits separated by a space or thin space: "385 853" (some abstracts).
SPACED_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u2009\u202f\u00a0]\d{3})+(?![\d.,]*\d)")

#: Numbers that sources spell out ("eight studies").
_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
          "fourteen fifteen sixteen seventeen eighteen nineteen twenty")
NUMBER_WORDS = {w: i for i, w in enumerate(_UNITS.split())}
NUMBER_WORDS.update(thirty=30, forty=40, fifty=50, sixty=60, seventy=70, eighty=80, ninety=90)
_WORD = "(?:" + "|".join([*NUMBER_WORDS, "hundred", "thousand"]) + ")"
#: A spelled-out number: "eight", "Thirty‐six", "one hundred and six".
SPELLED = re.compile(rf"(?i)\b{_WORD}(?:(?:[\s‐‑-]+|\s+and\s+){_WORD})*\b")

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
#: Nouns after which a number is a label, not a finding: "type 2", "phase 3", "chapter 4".
LABEL_NOUNS = ("types?|phases?|grades?|stages?|class(?:es)?|steps?|chapters?|questions?|"
               "sections?|figures?|tables?|versions?|parts?|waves?|criteri(?:on|a)")
#: Spans whose numbers are never findings, each with the reason shown in the docs.
NOT_FINDINGS = re.compile(
    "|".join([
        r"`[^`]*`",                                              # roles, inline code
        r"\]\([^)]*\)", r"<[a-z]+://[^>]*>", r"https?://\S+",   # link addresses
        r"\[\^[^\]]*\]",                                         # footnote labels
        r"\b\d{4}-\d{2}-\d{2}\b",                                # ISO dates
        rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\b",          # 22 November
        rf"\b(?:{MONTHS})\s+\d{{1,2}}\b(?!,\d)",                  # November 22
        r"\b\d+(?:\.\d+)?\s*(?:%|per ?cent)\s*(?:CI|CrI|UI|PI|confidence|credible|uncertainty"
        r"|prediction)\b",                                       # the level of "95% CI"
        rf"(?i:\b(?:{LABEL_NOUNS}))\s+\d+[a-z]?(?:\s*(?:,|and|or|to|–|-|/)\s*\d+[a-z]?)*\b",
    ]))
#: A number glued to letters is part of a name: IL-4, Th2, IgG4, COVID-19, 2a, 3rd, 1990s.
LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Number:
    """One number as written, with its value and where it starts in the text."""

    text: str
    value: Decimal
    start: int


def _value(text: str) -> Decimal | None:
    try:
        return abs(Decimal(text.replace(",", "")))
    except InvalidOperation:  # pragma: no cover - NUMBER only matches valid forms
        return None


def normalise(text: str) -> str:
    """Write raised decimal points as ``.`` so that the number pattern sees one number."""
    return DECIMAL_DOT.sub(".", text)


def numbers(text: str) -> list[Number]:
    """Every number in *text*, in order (no exclusions: used for a source's words)."""
    text = normalise(text)
    found = []
    for match in NUMBER.finditer(text):
        value = _value(match[0])
        if value is not None:
            found.append(Number(match[0], value, match.start()))
    return found


def values(text: str) -> set[Decimal]:
    """The values of every number in a source's words, spelled-out ones included.

    "385 853" counts both as one number and as two; "Seventeen studies" gives 17.

    >>> sorted(values("Seventeen of 385 853 (eight per cent)"), key=float)
    [Decimal('8'), Decimal('17'), Decimal('385'), Decimal('853'), Decimal('385853')]
    >>> {Decimal(36), Decimal(106)} <= values("Thirty‐six of one hundred and six")
    True
    """
    result = {n.value for n in numbers(text)}
    for match in SPACED_THOUSANDS.finditer(normalise(text)):
        result.add(Decimal(re.sub(r"\D", "", match[0])))
    for match in SPELLED.finditer(text):
        result.update(_spelled_values(match[0]))
    return result


def _spelled_values(phrase: str) -> set[Decimal]:
    """Each word's value and the whole phrase's: "one hundred and six" gives 1, 100, 6, 106."""
    words = [w for w in re.split(r"[\s‐‑-]+", phrase.lower()) if w != "and"]
    found, total, current = set(), 0, 0
    for word in words:
        if word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total, current = total + (current or 1) * 1000, 0
        else:
            found.add(Decimal(NUMBER_WORDS[word]))
            current += NUMBER_WORDS[word]
    found.add(Decimal(total + current))
    return found


def same(a: str, b: str) -> bool:
    """Whether two written numbers have the same value."""
    first, second = numbers(a), numbers(b)
    return bool(first and second) and first[0].value == second[0].value


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in NOT_FINDINGS.finditer(text)]


def _is_name(text: str, start: int, end: int) -> bool:
    """Glued to a letter before (IL-4, Th2) or after (2a, 3rd, 1990s)."""
    before = text[start - 1] if start else ""
    if before in "-‐‑" and start >= 2:
        before = text[start - 2]
    after = text[end] if end < len(text) else ""
    return bool(LETTER.match(before) or LETTER.match(after))


def _is_year(number: Number) -> bool:
    return (len(number.text) == 4 and number.text.isdigit()
            and 1800 <= int(number.text) <= 2099)


def findings(text: str, skip: list[tuple[int, int]] | None = None) -> Iterator[Number]:
    """The numbers in handbook *text* that state findings, in order.

    Years, dates, the level of a confidence interval, labels ("type 2", "phase 3"), names
    (IL-4, IgG4) and anything inside a role, code or link address are not findings; nor is
    anything inside the *skip* spans.
    """
    text = normalise(text)
    spans = _excluded_spans(text) + list(skip or [])
    for number in numbers(text):
        end = number.start + len(number.text)
        if any(a <= number.start < b for a, b in spans):
            continue
        if _is_name(text, number.start, end) or _is_year(number):
            continue
        yield number
