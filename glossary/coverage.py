"""Which technical words do the chapters use without a glossary entry?

Candidates are medicine names (international non-proprietary name stems such as -mab,
-citinib, -limus, -olone), cytokines and receptors (IL-13, IFN-γ, TNF, TSLP, JAK1 ...) and
MeSH headings that occur in the text. A candidate used at least :data:`MIN_USES` times must
have an entry, or be listed with a reason in ``glossary/not-terms.yaml``.

>>> sorted(set(c for c, _ in candidates_in("Dupilumab blocks IL-4 and IL-13; so does tralokinumab.")))
['IL-13', 'IL-4', 'dupilumab', 'tralokinumab']
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from glossary.model import Glossary
from glossary.problems import Problem, display_path
from glossary.text import ROLE, split_target
from glossary.yamlsource import load_yaml_file

MIN_USES = 3
#: International non-proprietary name stems of the medicines the chapters discuss.
INN = re.compile(r"\b[A-Za-z]+(?:mab|citinib|tinib|limus|olone|asone|isone|ilast|trexate|"
                 r"sporin|thioprine|phenolate|cept|lizumab|nolone)\b")
#: Cytokines, their receptors and signalling molecules.
CYTOKINE = re.compile(r"\b(?:IL-\d+(?:R?[A-Z]?\d?)?|IFN-?[γgamma]+|TNF(?:-?α)?|TSLP|TGF-?β|"
                      r"OX40L?|JAK\d|STAT\d|TYK2)\b")


def candidates_in(text: str) -> Iterator[tuple[str, int]]:
    """``(candidate, offset)`` for each medicine name and cytokine in *text*."""
    for match in INN.finditer(text):
        yield match[0].lower(), match.start()
    for match in CYTOKINE.finditer(text):
        yield match[0], match.start()


def mesh_candidates_in(text: str, headings: dict[str, str]) -> Iterator[tuple[str, int]]:
    """``(heading, offset)`` for each MeSH heading (normalised form -> heading) in *text*,
    longest first, never two overlapping."""
    words = list(re.finditer(r"[A-Za-z][A-Za-z0-9'-]*", text))
    lowered = [w[0].lower() for w in words]
    taken = [False] * len(words)
    firsts = _first_words(id(headings), headings)
    for size in (4, 3, 2, 1):
        for i in range(len(words) - size + 1):
            if lowered[i] not in firsts or any(taken[i:i + size]):
                continue
            heading = headings.get(" ".join(lowered[i:i + size]))
            if heading:
                taken[i:i + size] = [True] * size
                yield heading, words[i].start()


NOT_TERMS = "not-terms.yaml"


def load_not_terms(path: Path) -> tuple[dict[str, int], list[Problem]]:
    """``glossary/not-terms.yaml``: words that are not glossary terms, each with a reason.

    Returns word (case folded) -> line, and the problems found in the file.
    """
    if not path.exists():
        return {}, []
    shown = display_path(path)
    data, problems = load_yaml_file(path, shown)
    words: dict[str, int] = {}
    for item in data if isinstance(data, list) else []:
        line = getattr(item, "line", 1)
        listed = item.get("words") if isinstance(item, dict) else None
        if not isinstance(listed, list) or not listed:
            problems.append(Problem(shown, line, "each group needs words: [...] and reason:",
                                    "- words: [Diagnosis, Population]\n  reason: everyday words"))
            continue
        if len(str(item.get("reason") or "").split()) < 3:
            problems.append(Problem(shown, line, "this group has no reason",
                                    "say in a few words why these are not glossary terms"))
        for word in listed:
            words[str(word).casefold()] = getattr(listed, "line", line)
    return words, problems


def coverage_problems(texts: list[tuple[str, str, list[int]]], glossary: Glossary,
                      mesh_forms: dict[str, str], not_terms: dict[str, int],
                      not_terms_path: str) -> list[Problem]:
    """Candidates used :data:`MIN_USES` times or more with neither an entry nor a reason."""
    problems = []
    texts = [(item[0], without_names(item[1], glossary, item[3] if len(item) > 3 else None),
              item[2]) for item in texts]
    found: dict[str, list[tuple[str, int, int]]] = {}
    spelling: dict[str, str] = {}
    for finder in (candidates_in, lambda t: mesh_candidates_in(t, mesh_forms)):
        for name, places in count(texts, finder).items():
            key = spelling.setdefault(name.casefold(), name)
            found.setdefault(key, []).extend(places)
    for name, places in sorted(found.items()):
        places = sorted(set(places))  # a medicine found both by its stem and in MeSH: once
        if len(places) < MIN_USES:
            continue
        known = glossary.lookup(name) or glossary.by_identifier("mesh", _mesh_id(name))
        if known is not None:
            if name.casefold() in not_terms:
                problems.append(Problem(not_terms_path, not_terms[name.casefold()],
                                        f'"{name}" has a glossary entry ({known.id})',
                                        "remove it from this list"))
            continue
        if name.casefold() in not_terms:
            continue
        path, line, _ = places[0]
        problems.append(Problem(path, line,
                                f'"{name}" is used {len(places)} times in the chapters but has no '
                                "glossary entry",
                                f"add glossary/terms/<id>.yaml (or a synonym to an entry), or list "
                                f"it in {not_terms_path} with the reason it is not a term"))
    return problems


def without_names(text: str, glossary: Glossary, raw: str | None = None) -> str:
    """*text* with every glossary name blanked: words inside a name ("dermatitis" in "atopic
    dermatitis") are not candidates of their own. *raw* is the page before :func:`prose`
    (same offsets), whose names the first-mention check has already found."""
    from handbook.term_links import all_name_matches

    chars = list(text)
    for start, end, _ in all_name_matches(raw if raw is not None else text, glossary):
        chars[start:end] = [c if c == "\n" else " " for c in text[start:end]]
    return "".join(chars)


def _mesh_id(heading: str) -> str:
    from glossary.mesh import heading_ids

    return heading_ids().get(heading, "")


#: Roles whose text is not prose (citations, cross-references, labels).
NOT_PROSE_ROLES = ("cite", "ref", "doc", "evidence", "verdict", "numref")


def prose(text: str) -> str:
    """*text* with citations and references blanked and other roles reduced to their words,
    keeping every offset (so lines stay right)."""
    def replace(match: re.Match[str]) -> str:
        if match["name"].startswith(NOT_PROSE_ROLES):
            return " " * len(match[0])
        words = split_target(match["content"])[0]
        return (words + " " * len(match[0]))[:len(match[0])]

    return ROLE.sub(replace, text)


_FIRSTS: dict[int, frozenset[str]] = {}


def _first_words(key: int, headings: dict[str, str]) -> frozenset[str]:
    """The words that start some heading form (most words of a text start none)."""
    if key not in _FIRSTS:
        _FIRSTS[key] = frozenset(form.split(" ", 1)[0] for form in headings)
    return _FIRSTS[key]


def count(texts: Iterable[tuple[str, str, list[int]]], finder
          ) -> dict[str, list[tuple[str, int, int]]]:
    """candidate -> [(path, line, offset), ...] over ``(path, text, line starts)`` triples."""
    import bisect

    found: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for path, text, starts in texts:
        for name, offset in finder(text):
            found[name].append((path, bisect.bisect_right(starts, offset), offset))
    return found
