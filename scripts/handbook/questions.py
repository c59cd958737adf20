"""Evidence questions: ``docs/questions/<id>.yaml``, one per question the handbook answers.

Each records the searches run for the question (words, where, date, how many records were
found and screened), the sources included (cited by the answering chapter) and those excluded
with a reason, the chapter's "no study has…" statements that the searches back, and the date
the evidence was last searched. The checks here keep chapters and searches in step; the
``evidence_questions`` extension shows them on the methods page and under chapter titles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from glossary.problems import Problem, display_path
from glossary.text import cite_keys, plain_text
from handbook.schemas import load_checked
from handbook.statements import page_statements


def months(count: float) -> timedelta:
    """*count* average calendar months."""
    return timedelta(days=round(count * 365.25 / 12))


#: How long before a chapter's review a question's search may have been run.
DEFAULT_MAX_AGE = months(6)
#: A statement that nothing has been shown, which needs a search behind it.
ABSENCE = re.compile(
    r"\b(?:no|none of the)\s+(?:(?:published|randomised|randomized|controlled|clinical|large|"
    r"good|single|such|other|prospective|trial)\s+)*(?:study|studies|trial|trials|evidence|"
    r"review|reviews)\b[^.;]{0,80}?\b(?:has|have|had|shows?|showed|shown|found|finds|tested|"
    r"supports?|exists?|reported)\b"
    r"|\b(?:has|have) never been (?:tested|shown|studied|reported)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Search:
    query: str
    where: str
    date: str
    found: int
    screened: int


@dataclass
class Question:
    """What ``docs/questions/<id>.yaml`` holds, with the line of each part."""

    id: str
    question: str
    chapter: str
    path: str
    searches: list[Search]
    included: list[tuple[str, str, int]]          # key, why, line
    excluded: list[tuple[str, str, int]]          # record, reason, line
    absence: list[tuple[str, int]]                # words of the chapter, line
    last_searched: date
    order: int = 1000
    key_lines: dict = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)

    @property
    def found(self) -> int:
        return sum(s.found for s in self.searches)

    @property
    def screened(self) -> int:
        return sum(s.screened for s in self.searches)


def read_question(path: Path, root: Path | None) -> tuple[Question | None, list[Problem]]:
    """Read one question file; every defect is a problem, never an exception."""
    shown = display_path(path, root)
    data, problems = load_checked(path, shown, path.parent / "schema.json",
                                  "a question file (question:, chapter:, searches:, ...)")
    if data is None:
        return None, problems
    question = Question(
        id=path.stem, question=str(data["question"]), chapter=str(data["chapter"]), path=shown,
        searches=[Search(str(s["query"]), str(s["where"]), str(s["date"]), int(s["found"]),
                         int(s["screened"])) for s in data["searches"]],
        included=[(str(i["key"]), str(i["why"]), i.line) for i in data["included"]],
        excluded=[(str(e["record"]), str(e["reason"]), e.line)
                  for e in data.get("excluded") or []],
        absence=[(str(a["says"]), a.line) for a in data.get("absence") or []],
        last_searched=date.fromisoformat(str(data["last_searched"])),
        order=int(data.get("order", 1000)), key_lines=dict(data.key_lines))
    for search in data["searches"]:
        if int(search["screened"]) > int(search["found"]):
            problems.append(Problem(shown, search.line,
                                    "a search screened more records than it found",
                                    "screened counts the records read out of those found"))
        if str(search["date"]) > question.last_searched.isoformat():
            problems.append(Problem(shown, search.line,
                                    f"search dated {search['date']} is after last_searched",
                                    "set last_searched to the date of the newest search"))
    return question, problems


def read_questions(folder: Path, root: Path | None = None
                   ) -> tuple[list[Question], list[Problem]]:
    """Every question in *folder*, ordered as on the methods page, and their problems."""
    questions, problems = [], []
    if not folder.is_dir():
        return questions, problems
    for path in sorted(folder.glob("*.yaml")):
        question, found = read_question(path, root)
        problems += found
        if question is not None:
            questions.append(question)
    return sorted(questions, key=lambda q: (q.order, q.id)), problems


@dataclass(frozen=True)
class ChapterText:
    """What the question checks need from a chapter."""

    path: str
    text: str
    cited: frozenset[str]
    last_reviewed: date | None


def check_questions(questions: list[Question], chapters: dict[str, ChapterText],
                    bib_keys: set[str], today: date | None = None) -> list[Problem]:
    """Included sources cited by the chapter; absence statements backed; every chapter asked."""
    problems = []
    today = today or date.today()
    asked: dict[str, list[Question]] = {}
    for question in questions:
        asked.setdefault(question.chapter, []).append(question)
        chapter = chapters.get(question.chapter)
        if chapter is None:
            problems.append(Problem(question.path, question.line_of("chapter"),
                                    f'chapter "{question.chapter}" does not exist',
                                    "use the file name of a chapter in docs/chapters/"))
            continue
        if question.last_searched > today:
            problems.append(Problem(question.path, question.line_of("last_searched"),
                                    f"last_searched {question.last_searched} is in the future",
                                    "give the date of the newest search"))
        for key, _, line in question.included:
            if key not in bib_keys:
                problems.append(Problem(question.path, line,
                                        f'included source "{key}" is not in the bibliography',
                                        "add its verified entry or fix the key"))
            elif key not in chapter.cited:
                problems.append(Problem(question.path, line,
                                        f"included source {key} is not cited in {chapter.path}",
                                        "cite it where the chapter answers the question, or move "
                                        "it to excluded: with the reason"))
        text = plain_text(chapter.text).lower()
        for says, line in question.absence:
            if plain_text(says).lower() not in text:
                problems.append(Problem(question.path, line,
                                        f'"{says}" is not in {chapter.path}',
                                        "copy the chapter's words exactly"))
    for name, chapter in chapters.items():
        if name not in asked:
            problems.append(Problem(chapter.path, 1, "no evidence question is answered here",
                                    f"add docs/questions/<id>.yaml with chapter: {name} and "
                                    "the searches behind the chapter"))
            continue
        backed = [plain_text(says).lower() for q in asked[name] for says, _ in q.absence]
        for statement in page_statements(chapter.text, chapter.path):
            lower = statement.text.lower()
            if "no " not in lower and "none" not in lower and "never" not in lower:
                continue  # the quick test: no statement of absence here
            words = plain_text(statement.text).lower()
            for match in ABSENCE.finditer(words):
                if not any(says in words for says in backed):
                    problems.append(Problem(
                        chapter.path, statement.line,
                        f'"{match[0]}…" says nothing was found, but no search backs it',
                        f"add the statement's words under absence: in the question for {name}, "
                        "with the searches that found nothing, or reword it"))
    return problems


def review_due(questions: list[Question], chapters: dict[str, ChapterText],
               max_age: timedelta = DEFAULT_MAX_AGE) -> list[Problem]:
    """Questions whose last search is older than *max_age* before their chapter's review."""
    due = []
    for question in questions:
        chapter = chapters.get(question.chapter)
        if chapter is None or chapter.last_reviewed is None:
            continue
        if question.last_searched < chapter.last_reviewed - max_age:
            due.append(Problem(question.path, question.line_of("last_searched"),
                               f"due for review: evidence last searched {question.last_searched}, "
                               f"more than {max_age.days} days before {chapter.path} was "
                               f"reviewed ({chapter.last_reviewed})",
                               "run the searches again, update the chapter and this file"))
    return due


def chapter_texts(pages: list, docs: Path) -> dict[str, ChapterText]:
    """The chapters (``docs/chapters/*.md``) by name, from the page scan."""
    chapters = {}
    for page in pages:
        path = Path(page.path)
        if path.parent.name != "chapters":
            continue
        try:
            text = (docs / "chapters" / path.name).read_text(encoding="utf-8")
        except OSError:
            continue
        reviewed = page.front_matter.get("last_reviewed")
        chapters[path.stem] = ChapterText(page.path, text, frozenset(cite_keys(text)),
                                          reviewed if isinstance(reviewed, date) else None)
    return chapters
