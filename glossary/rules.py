"""Rules that span several glossary entries (the single-entry format is the JSON Schema).

Both ``scripts/check.py`` and the Sphinx extension call these, so each rule exists once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from glossary.mesh import heading_matches
from glossary.model import Entry, Glossary
from glossary.problems import Problem
from glossary.text import cite_keys, plain_text, term_targets

PLACEHOLDER = re.compile(r"\b(TBD|TODO|FIXME|XXX|lorem ipsum|to be written|placeholder)\b|\.\.\.$",
                         re.IGNORECASE)
MAX_DEFINITION_CHARS = 600


def check_names(entries: Iterable[Entry]) -> list[Problem]:
    """Terms, abbreviations, synonyms and plurals are unique, ignoring case."""
    problems, seen = [], {}
    for entry in entries:
        for key in ("term", "abbreviations", "synonyms", "plurals"):
            values = [entry.term] if key == "term" else getattr(entry, key)
            for name in values:
                folded = name.casefold()
                if folded in seen and seen[folded][0] != entry.id:
                    other_id, other_path, other_line = seen[folded]
                    problems.append(Problem(
                        entry.path, entry.line_of(key),
                        f'"{name}" is already a name of entry "{other_id}" '
                        f"({other_path}:{other_line})",
                        "a link text may point to one entry only: drop it here or there"))
                elif folded in seen:
                    problems.append(Problem(entry.path, entry.line_of(key),
                                            f'"{name}" is listed twice in this entry',
                                            "keep it once"))
                else:
                    seen[folded] = (entry.id, entry.path, entry.line_of(key))
    return problems


def check_entry_text(entry: Entry) -> list[Problem]:
    """No empty, placeholder or over-long definitions."""
    problems = []
    text = plain_text(entry.definition)
    if not text or PLACEHOLDER.search(entry.definition):
        problems.append(Problem(entry.path, entry.line_of("definition"),
                                "definition is empty or a placeholder",
                                "write one to three plain-language sentences"))
    elif len(text) > MAX_DEFINITION_CHARS:
        problems.append(Problem(entry.path, entry.line_of("definition"),
                                f"definition is {len(text)} characters long "
                                f"(at most {MAX_DEFINITION_CHARS})",
                                "keep one to three sentences; move detail to note:"))
    if entry.note and PLACEHOLDER.search(entry.note):
        problems.append(Problem(entry.path, entry.line_of("note"), "note is a placeholder",
                                "write the note or delete the key"))
    return problems


def check_links(glossary: Glossary, bib_keys: set[str] | None) -> list[Problem]:
    """See-also ids exist and are not self; ``{term}`` and citation keys in entries resolve."""
    problems = []
    for entry in glossary:
        for other in entry.see_also:
            if other == entry.id:
                problems.append(Problem(entry.path, entry.line_of("see_also"),
                                        f'see_also names the entry itself ("{other}")',
                                        "remove it"))
            elif other not in glossary:
                close = glossary.suggest(other)
                hint = f"did you mean {close[0]!r}?" if close else "use a file name from glossary/terms/"
                problems.append(Problem(entry.path, entry.line_of("see_also"),
                                        f'see_also id "{other}" does not exist', hint))
        for key in ("definition", "note"):
            text = getattr(entry, key)
            for target in term_targets(text):
                if glossary.lookup(target) is None:
                    problems.append(unknown_term(glossary, target, entry.path, entry.line_of(key)))
            if bib_keys is not None:
                for cite in cite_keys(text):
                    if cite not in bib_keys:
                        problems.append(unknown_cite(cite, entry.path, entry.line_of(key)))
        if bib_keys is not None:
            for cite in entry.sources:
                if cite not in bib_keys:
                    problems.append(unknown_cite(cite, entry.path, entry.line_of("sources")))
    return problems


def check_see_also(glossary: Glossary) -> list[Problem]:
    """Every entry has a see-also; see-also links go both ways unless marked one-way."""
    problems = []
    for entry in glossary:
        if not entry.see_also:
            problems.append(Problem(entry.path, entry.line, f'entry "{entry.id}" has no see_also',
                                    "list one or more related entries in see_also:"))
        for other in entry.see_also:
            if other in glossary and entry.id not in glossary[other].see_also \
                    and other not in entry.see_also_one_way:
                back = glossary[other]
                problems.append(Problem(
                    entry.path, entry.line_of("see_also"),
                    f'see_also "{other}" does not link back to "{entry.id}"',
                    f"add {entry.id} to see_also in {back.path}, or list {other} under "
                    "see_also_one_way: if the link should go one way"))
        for other in entry.see_also_one_way:
            if other not in entry.see_also:
                problems.append(Problem(entry.path, entry.line_of("see_also_one_way"),
                                        f'see_also_one_way "{other}" is not in see_also',
                                        "list it in see_also too, or remove it here"))
    return problems


def check_note_sources(glossary: Glossary) -> list[Problem]:
    """Every key a definition or note cites is listed in the entry's sources."""
    problems = []
    for entry in glossary:
        for key in ("definition", "note"):
            for cite in cite_keys(getattr(entry, key)):
                if cite not in entry.sources:
                    problems.append(Problem(entry.path, entry.line_of(key),
                                            f'{key} cites "{cite}", which is not in sources',
                                            f"add {cite} to sources:"))
    return problems


def check_unused(glossary: Glossary, link_targets: Iterable[str]) -> list[Problem]:
    """Report entries that no chapter and no other entry links to."""
    used = {entry.id for target in link_targets if (entry := glossary.lookup(target))}
    for entry in glossary:
        for target in (*term_targets(entry.definition), *term_targets(entry.note)):
            linked = glossary.lookup(target)
            if linked is not None and linked.id != entry.id:
                used.add(linked.id)
    return [Problem(entry.path, entry.line, f'entry "{entry.id}" is not linked from anywhere',
                    "link it with {term}`" + entry.term + "` where a chapter uses the word, "
                    "or delete the entry")
            for entry in glossary if entry.id not in used]


def check_glossary(glossary: Glossary, bib_keys: set[str] | None = None,
                   link_targets: Iterable[str] | None = None) -> list[Problem]:
    """All cross-entry rules. Pass *link_targets* (every chapter ``{term}`` target) to
    also report unused entries."""
    problems = check_names(glossary)
    for entry in glossary:
        problems += check_entry_text(entry)
    problems += check_links(glossary, bib_keys)
    problems += check_see_also(glossary)
    problems += check_note_sources(glossary)
    if link_targets is not None:
        problems += check_unused(glossary, link_targets)
    return problems


def unknown_term(glossary: Glossary, target: str, path: str, line: int) -> Problem:
    """The problem for a ``{term}`` link that matches no entry, with suggestions."""
    close = glossary.suggest(target)
    hint = (f"did you mean {' or '.join(repr(c) for c in close)}?" if close else
            "add the word to an entry's abbreviations/synonyms/plurals, or create "
            "glossary/terms/<id>.yaml")
    return Problem(path, line, f'{{term}} "{target}" matches no glossary entry', hint)


def unknown_cite(key: str, path: str, line: int) -> Problem:
    """The problem for a citation key missing from the bibliography."""
    return Problem(path, line, f'citation key "{key}" is not in docs/references.bib',
                   "add the verified entry to docs/references.bib or fix the key")


def check_mesh(glossary: Glossary, descriptors: dict[str, str]) -> list[Problem]:
    """MeSH IDs exist in NLM's descriptor list and name what the entry names.

    The descriptor's heading must match the entry's term or one of its other names (MeSH's
    inverted and plural forms allowed), or equal the ``mesh_heading`` recorded in the entry.
    """
    problems = []
    for entry in glossary:
        mesh = entry.identifiers.get("mesh")
        if not mesh:
            continue
        line = entry.line_of("identifiers")
        heading = descriptors.get(mesh)
        recorded = entry.identifiers.get("mesh_heading")
        if heading is None:
            problems.append(Problem(entry.path, line, f"MeSH ID {mesh} is not a MeSH descriptor",
                                    "copy the Unique ID (D followed by digits) from the MeSH "
                                    "record at meshb.nlm.nih.gov"))
        elif recorded is not None and recorded != heading:
            problems.append(Problem(entry.path, line,
                                    f'MeSH {mesh} is "{heading}", not "{recorded}"',
                                    "correct the ID, or write mesh_heading exactly as MeSH does"))
        elif recorded is None and not heading_matches(heading, entry.names):
            problems.append(Problem(entry.path, line,
                                    f'MeSH {mesh} is "{heading}", which is not a name of this entry',
                                    f'check the ID; if "{heading}" is the right descriptor, '
                                    "record it as identifiers: mesh_heading:"))
    return problems
