"""The claims from the seed articles: ``docs/data/claims.yaml``, checked and queryable."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from glossary.problems import Problem, display_path
from glossary.yamlsource import load_yaml_file

#: Verdict slug -> label shown on the badge.  Ordered from best to worst supported.
VERDICTS = {
    "supported": "Supported",
    "partly-supported": "Partly supported",
    "contested": "Contested",
    "unsupported": "Unsupported",
    "marketing": "Marketing",
}
#: The seed articles the project started from.
SEEDS = {"overview": "General overview article", "clinic": "Clinic marketing page"}
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FIELDS = ("id", "seed", "claim", "verdict", "reason", "sources", "chapter")


@dataclass(frozen=True)
class Claim:
    id: str
    seed: str
    claim: str
    verdict: str
    reason: str
    sources: tuple[str, ...]
    chapter: str
    path: str = ""
    line: int = 1
    key_lines: dict = field(default_factory=dict, compare=False, hash=False)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


def load_claims(path: Path, root: Path | None = None) -> tuple[list[Claim], list[Problem]]:
    """Read the claims file; every defect becomes a problem, never an exception."""
    shown = display_path(path, root)
    if not path.exists():
        return [], []
    data, problems = load_yaml_file(path, shown)
    if data is None:
        return [], problems
    if not isinstance(data, list):
        return [], [*problems, Problem(shown, 1, "the claims file must be a list of claims",
                                       "start each claim with '- id: ...'")]
    claims, seen = [], {}
    for item in data:
        line = getattr(item, "line", getattr(data, "line", 1))
        if not isinstance(item, dict):
            problems.append(Problem(shown, line, "a claim must be a mapping", "see the first claim"))
            continue

        def bad(key: str, message: str, hint: str, item: dict = item) -> None:
            problems.append(Problem(shown, item.line_of(key), message, hint))

        for key in item:
            if key not in FIELDS:
                bad(key, f'unknown key "{key}"', "allowed keys: " + ", ".join(FIELDS))
        claim_id = str(item.get("id") or "")
        if not ID.match(claim_id):
            bad("id", f'claim id "{claim_id}" is missing or not a slug', "e.g. gut-immune-fraction")
        elif claim_id in seen:
            bad("id", f'duplicate claim id "{claim_id}" (first at line {seen[claim_id]})',
                "give each claim its own id")
        seen.setdefault(claim_id, item.line_of("id"))
        for key in ("claim", "reason"):
            if not str(item.get(key) or "").strip():
                bad(key, f'claim "{claim_id}" has no {key}', f"write the {key} in one sentence")
        if item.get("verdict") not in VERDICTS:
            bad("verdict", f'verdict "{item.get("verdict")}" is not on the scale',
                "use one of: " + ", ".join(VERDICTS))
        if item.get("seed") not in SEEDS:
            bad("seed", f'seed "{item.get("seed")}" is unknown', "use one of: " + ", ".join(SEEDS))
        sources = item.get("sources") or []
        if not isinstance(sources, list) or not sources:
            bad("sources", f'claim "{claim_id}" cites no source',
                "list the verified keys that support the verdict")
            sources = []
        claims.append(Claim(claim_id, str(item.get("seed")), str(item.get("claim") or "").strip(),
                            str(item.get("verdict")), str(item.get("reason") or "").strip(),
                            tuple(str(s) for s in sources), str(item.get("chapter") or ""),
                            shown, item.line, dict(item.key_lines)))
    return claims, problems


def check_claims(claims: list[Claim], bib_keys: set[str], chapters: set[str],
                 boxes: dict[str, list[tuple[str, int]]]) -> list[Problem]:
    """Cross-checks: cited keys exist, the discussing chapter exists and has the box;
    every box in a chapter names a claim that exists.  *boxes* maps page path to
    ``[(claim id, line)]``."""
    problems = []
    by_id = {claim.id: claim for claim in claims}
    boxed = {claim_id for found in boxes.values() for claim_id, _ in found}
    for claim in claims:
        for key in claim.sources:
            if key not in bib_keys:
                problems.append(Problem(claim.path, claim.line_of("sources"),
                                        f'citation key "{key}" is not in docs/references.bib',
                                        "add the verified entry or fix the key"))
        if claim.chapter and claim.chapter not in chapters:
            problems.append(Problem(claim.path, claim.line_of("chapter"),
                                    f'chapter "{claim.chapter}" does not exist',
                                    "use a file name from docs/chapters/ without .md"))
        elif claim.chapter and claim.id not in boxed:
            problems.append(Problem(claim.path, claim.line_of("chapter"),
                                    f'chapter "{claim.chapter}" has no box for claim "{claim.id}"',
                                    f"add :::{{seed-claim}} {claim.id} to that chapter"))
    for path, found in boxes.items():
        for claim_id, line in found:
            if claim_id not in by_id:
                problems.append(Problem(path, line, f'seed-claim "{claim_id}" is not in the claims file',
                                        "add it to docs/data/claims.yaml or fix the id"))
    return problems + near_duplicates(claims)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2}


def near_duplicates(claims: list[Claim], threshold: float = 0.5) -> list[Problem]:
    """Claims whose words mostly repeat an earlier claim's: one sentence, one verdict.

    >>> a = Claim("a", "clinic", "Eczema is caused by a leaky gut.", "unsupported", "r", (), "")
    >>> b = Claim("b", "clinic", "Eczema is caused by the leaky gut", "marketing", "r", (), "",
    ...           "c.yaml", 9)
    >>> [p.message for p in near_duplicates([a, b])]
    ['claim "b" repeats claim "a" (80% of their words shared): one seed sentence, one claim']
    """
    problems, seen = [], []
    for claim in claims:
        words = _words(claim.claim)
        for other, other_words in seen:
            union = words | other_words
            shared = len(words & other_words) / len(union) if union else 0
            if shared >= threshold:
                problems.append(Problem(
                    claim.path, claim.line_of("claim"),
                    f'claim "{claim.id}" repeats claim "{other.id}" ({shared:.0%} of their words '
                    "shared): one seed sentence, one claim",
                    "merge the two into one claim with one verdict, and point every box at it"))
                break
        seen.append((claim, words))
    return problems
