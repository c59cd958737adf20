"""Split handbook text into statements: sentences, table rows and list items, with their lines.

A statement knows the citation keys it carries, and the keys of the table row or list item it
sits in, so that a number can be held to the sources cited for it.

>>> [(s.line, s.text, s.keys) for s in page_statements(
...     "Prevalence was 9.2% {cite:p}`a2020x`. It was\\nhighest, 16.2%, in\\ninfants.\\n", "p.md")]
[(1, 'Prevalence was 9.2% {cite:p}`a2020x`.', ('a2020x',)), (1, 'It was highest, 16.2%, in infants.', ())]
>>> [s.keys for s in page_statements("| 9.2% | {cite:p}`a2020x` |\\n| --- | --- |\\n", "p.md")]
[('a2020x',)]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from glossary.text import cite_keys
from handbook.chapters import FENCE, LITERAL_DIRECTIVES, OPTION

#: Words whose full stop does not end a sentence.
ABBREVIATIONS = ("e.g", "i.e", "et al", "vs", "cf", "approx", "ca", "Dr", "Fig", "No", "St",
                 "incl", "resp")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9{*_(\[\"“‘])")
LIST_ITEM = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d+[.)])\s+")
SKIPPED_LINE = re.compile(r"^\s*(?:%|#|\(.*\)=\s*$|<!--|:[\w-]+:|\|[\s|:-]+\|\s*$|```|:::)")


@dataclass(frozen=True)
class Statement:
    """A sentence, table row or list item, with the file line of each of its lines."""

    path: str
    text: str
    line: int
    keys: tuple[str, ...]
    context_keys: tuple[str, ...] = ()
    #: ``(offset in text, file line)`` for each line the statement spans.
    lines: tuple[tuple[int, int], ...] = ()

    def line_at(self, offset: int) -> int:
        """The file line of the character at *offset* in :attr:`text`."""
        line = self.line
        for start, number in self.lines:
            if start > offset:
                break
            line = number
        return line

    @property
    def cited(self) -> tuple[str, ...]:
        """The keys a number in this statement may be held to."""
        return self.keys or self.context_keys


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in SENTENCE_END.finditer(text):
        before = text[start:match.start()].rstrip(".!?\"”’)")
        if before.endswith(ABBREVIATIONS) or re.search(r"\b[A-Z]$", before):
            continue  # "et al." or an initial: the sentence goes on
        yield start, match.start()
        start = match.end()
    if text[start:].strip():
        yield start, len(text)


def block_statements(path: str, lines: list[tuple[int, str]], context: tuple[str, ...] = (),
                     whole: bool = False) -> Iterator[Statement]:
    """The statements of one block of consecutive lines ``[(line number, text), ...]``.

    With *whole*, the block is one statement (a table row); otherwise it is split into
    sentences, which fall back on *context* keys when they cite nothing themselves.
    """
    joined, starts = "", []
    for _, text in lines:
        starts.append(len(joined))
        joined += text.strip() + " "
    joined = joined.rstrip()
    spans = [(0, len(joined))] if whole else list(_sentences(joined))
    for a, b in spans:
        text = joined[a:b].strip()
        if not text:
            continue
        offset = a + len(joined[a:b]) - len(joined[a:b].lstrip())
        first = bisect.bisect_right(starts, offset) - 1
        spanned = tuple((max(0, starts[i] - offset), lines[i][0])
                        for i in range(first, len(lines)) if starts[i] < offset + len(text))
        yield Statement(path=path, text=text, line=lines[first][0],
                        keys=tuple(dict.fromkeys(cite_keys(text))), context_keys=context,
                        lines=spanned)


def page_statements(text: str, path: str) -> Iterator[Statement]:
    """Every statement of a MyST page: prose, list items, table rows, directive bodies.

    Headings, front matter, comments, targets, directive options and code are left out.
    (Cut once per page and text: the ledger and the question checks both read them.)
    """
    return iter(_page_statements(text, path))


@lru_cache(maxsize=64)
def _page_statements(text: str, path: str) -> tuple[Statement, ...]:
    return tuple(_cut_page(text, path))


def _cut_page(text: str, path: str) -> Iterator[Statement]:
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        start = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
    literal: str | None = None
    directives: list[str] = []   # fences of the directives we are inside
    block: list[tuple[int, str]] = []
    in_item = False
    in_option = False

    def flush() -> Iterator[Statement]:
        nonlocal block, in_item
        if block:
            context = tuple(dict.fromkeys(cite_keys(" ".join(t for _, t in block))))
            yield from block_statements(path, block, context if in_item else ())
        block, in_item = [], False

    for number, line in enumerate(lines[start:], start=start + 1):
        fence = FENCE.match(line)
        if literal:
            if fence and fence["fence"].startswith(literal) and not fence["info"].strip():
                literal = None
            continue
        if fence:
            yield from flush()
            info = fence["info"].strip()
            name = re.match(r"\{(?P<name>[\w:-]+)\}", info)
            if not info and directives and fence["fence"] == directives[-1]:
                directives.pop()
            elif name and name["name"] not in LITERAL_DIRECTIVES:
                directives.append(fence["fence"])
            elif name or fence["fence"][0] in "`~":
                literal = fence["fence"]
            continue
        stripped = line.strip()
        if in_option and stripped and line[:1].isspace():
            continue  # the continuation of a directive option such as :alt:
        in_option = bool(OPTION.match(line))
        if not stripped or SKIPPED_LINE.match(line):
            yield from flush()
            continue
        if stripped.startswith("|"):
            yield from flush()
            row = [(number, stripped)]
            yield from block_statements(path, row, whole=True)
            continue
        item = LIST_ITEM.match(line)
        if item and not (in_item and item["indent"]):
            yield from flush()
            in_item = True
            block = [(number, line[item.end():])]
            continue
        if item:  # a nested item (a list-table cell) belongs to its top-level item
            block.append((number, line[item.end():]))
            continue
        block.append((number, stripped.lstrip("> ")))
    yield from flush()
