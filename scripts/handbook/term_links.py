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
from dataclasses import dataclass
from functools import lru_cache

from glossary.model import Glossary
from glossary.text import ROLE, split_target
from handbook.chapters import FENCE, LITERAL_DIRECTIVES

HEADING = re.compile(r"^#{1,6}\s")
#: Lines that are not prose: front matter, comments, targets, directive options, tables' rules.
NOT_PROSE = re.compile(r"^\s*(?:%|\(.*\)=\s*$|<!--|:[\w-]+:|\|[\s|:-]+\|\s*$)")
OPTION = re.compile(r"^\s*:[\w-]+:")
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


def _pattern(names: list[str]) -> re.Pattern[str]:
    """One case-insensitive pattern for *names*, longest first, as whole words."""
    return _compiled(tuple(sorted(names, key=len, reverse=True)))


@lru_cache(maxsize=64)
def _compiled(names: tuple[str, ...]) -> re.Pattern[str]:
    parts = [re.escape(n).replace(r"\ ", r"\s+") for n in names]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


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
    owner, exact = _names(glossary)
    folded_exact = {name.casefold() for name in exact}
    flat = " ".join(text.split()).casefold()
    pattern = _pattern([name for name in owner if name in flat])  # only names the page uses
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
        for match in pattern.finditer(text, start, end):
            if not blocked[match.start()]:
                events.append((match.start(), "text", match))
        for offset, kind, item in sorted(events, key=lambda e: e[0]):
            if kind == "role":
                seen.add(item)
                continue
            written = " ".join(item[0].split())
            entry_id = owner.get(written.casefold())
            if entry_id is None or entry_id in seen:
                continue
            if written not in exact and written.casefold() in folded_exact:
                continue  # "ad" is not "AD"
            seen.add(entry_id)
            found.append(Mention(path, bisect.bisect_right(starts, offset), item[0], entry_id,
                                 item.start(), item.end()))
    return found


def link_first_mentions(text: str, glossary: Glossary) -> str:
    """*text* with every unlinked first mention made a ``{term}`` link."""
    for mention in sorted(unlinked_first_mentions(text, "", glossary),
                          key=lambda m: m.start, reverse=True):
        words = " ".join(mention.text.split())
        text = text[:mention.start] + "{term}`" + words + "`" + text[mention.end:]
    return text
