"""First mentions: in each chapter section, the first mention of a glossary term is a link.

A mention is any of an entry's names (term, abbreviations, synonyms, plurals) as a whole word;
abbreviations must match in case ("AD", not "ad"). The first mention of each entry in a section
must be a ``{term}`` link; a deliberate exception is written ``{no-term}`word```.
:func:`link_first_mentions` makes the links (``scripts/link_terms.py``).

>>> from glossary.model import Entry, Glossary
>>> g = Glossary([Entry("ige", "IgE", "An antibody.", "immunology", synonyms=("immunoglobulin E",))])
>>> [(m.line, m.text) for m in unlinked_first_mentions("## A\\n\\nIgE and {term}`IgE`.\\n", "c.md", g)]
[(3, 'IgE')]
>>> link_first_mentions("## A\\n\\nIgE and IgE.\\n\\n## B\\n\\n{no-term}`IgE` here.\\n", g)
'## A\\n\\n{term}`IgE` and IgE.\\n\\n## B\\n\\n{no-term}`IgE` here.\\n'
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from glossary.model import Glossary
from glossary.text import ROLE, split_target
from handbook.chapters import FENCE, LITERAL_DIRECTIVES, OPTION

HEADING = re.compile(r"^#{1,6}\s")
#: Lines that are not prose: front matter, comments, targets, directive options, tables' rules.
NOT_PROSE = re.compile(r"^\s*(?:%|\(.*\)=\s*$|<!--|:[\w-]+:|\|[\s|:-]+\|\s*$)")
LINK = re.compile(r"\[[^\]]*\]\([^)]*\)|<https?://[^>]*>|https?://\S+|`[^`]*`")


@dataclass(frozen=True)
class Mention:
    """An unlinked first mention."""

    path: str
    line: int
    text: str
    entry_id: str
    start: int
    end: int


#: Directives whose body is a caption or data, not prose (captions stay free of links).
CAPTIONED = {"forest-plot", "pathway-figure", "figure", "evidence-flow", "bibliography",
             "autoreactivity-figure", "absolute-risk-figure", "treatment-steps-figure",
             "age-figure", "skin-barrier-figure"}


@lru_cache(maxsize=8)
def _names(glossary: Glossary) -> tuple[dict[str, str], frozenset[str]]:
    """name (spaces normalised, case folded) -> entry id, and the names that must match in
    case (abbreviations, names with digits)."""
    owner: dict[str, str] = {}
    exact: set[str] = set()
    for entry in glossary:
        for name in entry.names:
            if len(name) >= 2:
                owner.setdefault(" ".join(name.split()).casefold(), entry.id)
                if name.isupper() or any(c.isdigit() for c in name):
                    exact.add(" ".join(name.split()))
    return owner, frozenset(exact)


#: A word as names are matched: letters and digits, joined by hyphens, dashes or apostrophes
#: ("IL-13", "Crohn's", "Wiskott–Aldrich"); other punctuation separates words.
TOKEN = re.compile(r"[^\W_]+(?:[-‐‑–'’][^\W_]+)*")


def _key(name: str) -> str:
    return " ".join(t.casefold() for t in TOKEN.findall(name))


@lru_cache(maxsize=8)
def _by_first_word(glossary: Glossary) -> dict[str, list[tuple[int, str, str]]]:
    """First word -> ``[(number of words, key, entry id)]``, longest names first."""
    owner, _ = _names(glossary)
    index: dict[str, list[tuple[int, str, str]]] = {}
    for name, entry_id in owner.items():
        key = _key(name)
        if key:
            words = key.split(" ")
            index.setdefault(words[0], []).append((len(words), key, entry_id))
    for candidates in index.values():
        candidates.sort(reverse=True)
    return index


def name_matches(text: str, glossary: Glossary, start: int = 0, end: int | None = None
                 ) -> Iterator[tuple[int, int, str]]:
    """``(start, end, entry id)`` for each glossary name in *text*, longest first, whole words,
    never overlapping. Matching is by words, case-folded (callers check abbreviations' case)."""
    index = _by_first_word(glossary)
    words = list(TOKEN.finditer(text, start, len(text) if end is None else end))
    folded = [w[0].casefold() for w in words]
    i = 0
    while i < len(words):
        for size, key, entry_id in index.get(folded[i], ()):
            if " ".join(folded[i:i + size]) == key:
                yield words[i].start(), words[i + size - 1].end(), entry_id
                i += size
                break
        else:
            i += 1


@lru_cache(maxsize=64)
def all_name_matches(text: str, glossary: Glossary) -> tuple[tuple[int, int, str], ...]:
    """Every glossary name in *text* (once per text: first mentions and coverage share it)."""
    return tuple(name_matches(text, glossary))


def _matches_between(matches: tuple[tuple[int, int, str], ...], start: int, end: int
                     ) -> list[tuple[int, int, str]]:
    first = bisect.bisect_left(matches, (start,))
    last = bisect.bisect_left(matches, (end,))
    return list(matches[first:last])


def _sections(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of each section's prose (headings and code left out)."""
    bounds, literal, directives, offset = [0], None, [], 0
    for line in text.splitlines(keepends=True):
        fence = FENCE.match(line)
        if literal is None and HEADING.match(line):
            bounds.append(offset)
        if fence:
            info = fence["info"].strip()
            name = re.match(r"\{(?P<name>[\w:-]+)\}", info)
            if literal and fence["fence"].startswith(literal) and not info:
                literal = None
            elif literal is None and not info and directives and fence["fence"] == directives[-1]:
                directives.pop()
            elif literal is None and name and name["name"] not in LITERAL_DIRECTIVES:
                directives.append(fence["fence"])
            elif literal is None:
                literal = fence["fence"]
        offset += len(line)
    bounds.append(len(text))
    return list(itertools.pairwise(bounds))


def _skipped(text: str) -> list[tuple[int, int]]:
    """Spans that are not prose: headings, code, directive fences and options, links."""
    spans, offset, literal, in_option = [], 0, None, False
    for line in text.splitlines(keepends=True):
        fence = FENCE.match(line)
        if literal:
            spans.append((offset, offset + len(line)))
            if fence and fence["fence"].startswith(literal) and not fence["info"].strip():
                literal = None
        elif fence:
            spans.append((offset, offset + len(line)))
            name = re.match(r"\{(?P<name>[\w:-]+)\}", fence["info"].strip())
            if (name and name["name"] in LITERAL_DIRECTIVES | CAPTIONED) or (
                    not name and fence["info"].strip() and fence["fence"][0] in "`~"):
                literal = fence["fence"]
        elif HEADING.match(line) or NOT_PROSE.match(line) or (
                in_option and line.strip() and line[:1].isspace()):
            spans.append((offset, offset + len(line)))
        in_option = bool(OPTION.match(line)) or (in_option and line[:1].isspace()
                                                  and bool(line.strip()))
        offset += len(line)
    return spans


def _front_matter_end(text: str) -> int:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        return end + 5 if end >= 0 else 0
    return 0


def unlinked_first_mentions(text: str, path: str, glossary: Glossary) -> list[Mention]:
    """Every section's first mention of each entry that is not a ``{term}`` link."""
    _, exact = _names(glossary)
    folded_exact = {name.casefold() for name in exact}
    all_matches = all_name_matches(text, glossary)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    skip = _skipped(text)
    skip.append((0, _front_matter_end(text)))
    roles = []  # (start, end, entry id linked or "" for other roles)
    for match in ROLE.finditer(text):
        linked = ""
        if match["name"] in ("term", "no-term"):
            entry = glossary.lookup(split_target(match["content"])[1])
            linked = entry.id if entry else ""
        roles.append((match.start(), match.end(), linked))
    in_role = bytearray(len(text) + 1)
    for a, b, _ in roles:
        in_role[a:b] = b"\x01" * (b - a)
    blocked = bytearray(in_role)
    for a, b in skip:
        blocked[a:b] = b"\x01" * (b - a)
    for match in LINK.finditer(text):
        if not in_role[match.start()]:
            blocked[match.start():match.end()] = b"\x01" * (match.end() - match.start())
    found = []
    for start, end in _sections(text):
        seen: set[str] = set()
        events = [(a, "role", linked) for a, b, linked in roles if start <= a < end and linked]
        for a, b, entry_id in _matches_between(all_matches, start, end):
            if not blocked[a]:
                events.append((a, "text", (a, b, entry_id)))
        for offset, kind, item in sorted(events, key=lambda e: e[0]):
            if kind == "role":
                seen.add(item)
                continue
            a, b, entry_id = item
            written = " ".join(text[a:b].split())
            if entry_id in seen:
                continue
            if written not in exact and written.casefold() in folded_exact:
                continue  # "ad" is not "AD"
            seen.add(entry_id)
            found.append(Mention(path, bisect.bisect_right(starts, offset), text[a:b], entry_id,
                                 a, b))
    return found


def link_first_mentions(text: str, glossary: Glossary) -> str:
    """*text* with every unlinked first mention made a ``{term}`` link."""
    for mention in sorted(unlinked_first_mentions(text, "", glossary),
                          key=lambda m: m.start, reverse=True):
        words = " ".join(mention.text.split())
        text = text[:mention.start] + "{term}`" + words + "`" + text[mention.end:]
    return text
