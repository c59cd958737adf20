"""Run every offline validator over the handbook and collect the problems."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from glossary.loader import read_terms
from glossary.model import Glossary
from glossary.problems import Problem
from glossary.rules import check_glossary, unknown_cite, unknown_term
from glossary.text import cite_keys
from handbook.bibliography import check_bibliography, load_bibliography
from handbook.chapters import check_page, scan_pages
from handbook.claims import check_claims, load_claims
from handbook.rawhtml import check_content_files


@dataclass(frozen=True)
class Layout:
    """Where the data live, relative to a repository root (tests point it at fixtures)."""

    root: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def terms(self) -> Path:
        return self.root / "glossary" / "terms"

    @property
    def bibliography(self) -> Path:
        return self.docs / "references.bib"

    @property
    def claims(self) -> Path:
        return self.docs / "data" / "claims.yaml"

    def content_files(self) -> list[Path]:
        """Data whose text reaches the pages: glossary entries, claims, figure data."""
        data = self.docs / "data"
        return [*self.terms.glob("*.yaml"), *data.glob("*.yaml"), *data.glob("*.csv")]


def run_checks(layout: Layout) -> list[Problem]:
    """Every problem in the handbook under *layout*, sorted by file and line."""
    root = layout.root
    entries, problems = read_terms(layout.terms, root)
    glossary = Glossary(entries)
    bib = load_bibliography(layout.bibliography, root)
    pages = scan_pages(layout.docs, root)
    claims, claim_problems = load_claims(layout.claims, root)
    problems += claim_problems
    problems += check_content_files(layout.content_files(), root)

    cited = {key for page in pages for key, _ in page.citations}
    for entry in glossary:
        cited.update(entry.sources, cite_keys(entry.definition), cite_keys(entry.note))
    for claim in claims:
        cited.update(claim.sources)

    problems += check_glossary(glossary, bib.keys,
                               link_targets=[t for page in pages for t, _ in page.terms])
    problems += check_bibliography(bib, cited)
    for page in pages:
        problems += check_page(page)
        problems += [unknown_cite(key, page.path, line)
                     for key, line in page.citations if key not in bib.keys]
        problems += [unknown_term(glossary, target, page.path, line)
                     for target, line in page.terms if glossary.lookup(target) is None]
    chapters = {Path(page.path).stem for page in pages if page.is_chapter}
    problems += check_claims(claims, bib.keys, chapters,
                             {page.path: page.claims for page in pages if page.claims})
    return sorted(set(problems))
