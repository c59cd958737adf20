"""The questions the handbook answers and the searches behind them (``docs/questions/*.yaml``).

* ``{evidence-questions}``: every question with its chapter, search dates and counts, then the
  record of each search: words, where, when, what was found, included and excluded (and why).
* ``{evidence-flow}``: one PRISMA-style summary figure of all the searches (records found,
  screened, sources included, records excluded with reasons), drawn by ``figures``.
* Each chapter's review line says up to when its evidence was searched.

The data are read with the validators' loader (:mod:`handbook.questions`); ``make check``
reports their problems.
"""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

import figures
from glossary.yamlsource import folder_stamp
from handbook.questions import Question, read_questions


def _folder(app: Sphinx) -> Path:
    return Path(app.srcdir) / app.config.evidence_questions_folder


#: folder -> (each question file's name, mtime and size; the questions read from them)
_cache: dict[Path, tuple[tuple, list[Question]]] = {}


def load_questions(app: Sphinx) -> list[Question]:
    """The questions, read again only when a question file was added, changed or removed."""
    folder = _folder(app)
    stamp = folder_stamp(folder)
    if folder not in _cache or _cache[folder][0] != stamp:
        _cache[folder] = (stamp, read_questions(folder)[0])
    return _cache[folder][1]


def _shown(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def searched_up_to(questions: list[Question], chapter: str) -> date | None:
    """The date by which every question of *chapter* had been searched (the oldest search)."""
    dates = [q.last_searched for q in questions if q.chapter == chapter]
    return min(dates) if dates else None


class EvidenceQuestions(SphinxDirective):
    """The table of questions, then each question's searches and choices."""

    def run(self) -> list[nodes.Node]:
        questions = load_questions(self.env.app)
        for path in sorted(_folder(self.env.app).glob("*.yaml")):
            self.env.note_dependency(str(path))
        lines = ["| Question | Chapter | Searched | Searches | Found | Screened | Included "
                 "| Excluded |", "|---|---|---|---|---|---|---|---|"]
        for q in questions:
            lines.append(f"| {{ref}}`{q.question} <question-{q.id}>` | {{doc}}`/chapters/{q.chapter}` "
                         f"| {_shown(q.last_searched)} | {len(q.searches)} | {q.found} "
                         f"| {q.screened} | {len(q.included)} | {len(q.excluded)} |")
        body = self.parse_text_to_nodes("\n".join(lines))
        for q in questions:
            body += self.question_section(q)
        return body

    def question_section(self, q: Question) -> list[nodes.Node]:
        text = [f"(question-{q.id})=", "```{rubric} " + q.question, "```", "",
                f"Answered in {{doc}}`/chapters/{q.chapter}`; evidence last searched "
                f"{_shown(q.last_searched)}.", "", "Searches:", ""]
        text += [f"- {_shown(date.fromisoformat(s.date))}, {s.where}: *{s.query}* "
                 f"({s.found} found, {s.screened} screened)" for s in q.searches]
        text += ["", "Included:", ""]
        text += [f"- {{cite:t}}`{key}`: {why}" for key, why, _ in q.included] or ["- none"]
        if q.excluded:
            text += ["", "Excluded:", ""]
            text += [f"- {record}: {reason}" for record, reason, _ in q.excluded]
        if q.absence:
            text += ["", "What the searches did not find:", ""]
            text += [f"- “{says}”" for says, _ in q.absence]
        return self.parse_text_to_nodes("\n".join(text))


class EvidenceFlow(SphinxDirective):
    """A PRISMA-style summary of all the searches."""

    def run(self) -> list[nodes.Node]:
        questions = load_questions(self.env.app)
        totals = {"questions": len(questions),
                  "searches": sum(len(q.searches) for q in questions),
                  "found": sum(q.found for q in questions),
                  "screened": sum(q.screened for q in questions),
                  "included": len({k for q in questions for k, _, _ in q.included}),
                  "excluded": sum(len(q.excluded) for q in questions)}
        alt = (f"Flow of the handbook's evidence searches: {totals['searches']} searches for "
               f"{totals['questions']} questions found {totals['found']} records; "
               f"{totals['screened']} were screened; {totals['included']} sources are cited and "
               f"{totals['excluded']} screened records were excluded, each with a reason.")
        figure = nodes.figure(classes=["data-figure"])
        figure += figures.generated_image(kind="searchflow", rows=[totals], alt=alt)
        figure += nodes.caption("How the evidence was searched.", "How the evidence was searched.")
        figure += nodes.legend("", nodes.paragraph(alt, alt))
        return [figure]


def draw_search_flow(rows: list[dict], target: Path) -> None:
    """Boxes from records found to sources included, with the excluded beside them."""
    plt = figures._figure_setup()
    t = rows[0]
    fig, ax = plt.subplots(figsize=(7.5, 3.6))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    ax.axis("off")
    box = {"boxstyle": "round,pad=0.5", "linewidth": 1, "facecolor": "#e8f1f8",
           "edgecolor": "#1f5f8b"}
    side = {**box, "facecolor": "#fdf0e6", "edgecolor": "#b35c00"}
    steps = [(8.6, f"{t['searches']} searches for {t['questions']} questions\n"
                    f"{t['found']} records found"),
             (5.0, f"{t['screened']} records screened\n(title and abstract read)"),
             (1.4, f"{t['included']} sources included\n(cited in the answering chapters)")]
    for y, label in steps:
        ax.text(3.2, y, label, ha="center", va="center", bbox=box)
    for (y1, _), (y2, _) in itertools.pairwise(steps):
        ax.annotate("", xy=(3.2, y2 + 1.0), xytext=(3.2, y1 - 1.0),
                    arrowprops={"arrowstyle": "-|>", "color": "#555555"})
    ax.text(8.0, 3.2, f"{t['excluded']} records excluded\n(each with its reason)",
            ha="center", va="center", bbox=side)
    ax.annotate("", xy=(6.3, 3.2), xytext=(3.2, 3.2),
                arrowprops={"arrowstyle": "-|>", "color": "#555555"})
    fig.tight_layout()
    fig.savefig(target, metadata={"Date": None} if target.suffix == ".svg" else
                {"CreationDate": None})
    plt.close(fig)


def add_search_date(app: Sphinx, doctree: nodes.document) -> None:
    """After "Last reviewed" under a chapter's title: "Evidence searched up to …"."""
    docname = app.env.current_document.docname
    if not docname.startswith("chapters/"):
        return
    day = searched_up_to(load_questions(app), docname.split("/", 1)[1])
    line = next(iter(doctree.findall(lambda n: isinstance(n, nodes.paragraph)
                                     and "review-line" in n["classes"])), None)
    if day is None or line is None:
        return
    for path in sorted(_folder(app).glob("*.yaml")):
        app.env.note_dependency(str(path))
    label = "Evidence searched up to: "
    line.insert(2, nodes.strong(label, label))
    line.insert(3, nodes.Text(_shown(day) + ". "))


def outdated_pages(app: Sphinx, env: BuildEnvironment, added: set, changed: set,
                   removed: set) -> list[str]:
    """A new or deleted question file changes the methods page and the chapters' lines."""
    folder = _folder(app)
    names = sorted(p.name for p in folder.glob("*.yaml")) if folder.is_dir() else []
    before = getattr(env, "handbook_question_files", None)
    env.handbook_question_files = names
    if before is None or before == names:
        return []
    return sorted(d for d in env.found_docs if d.startswith("chapters/")
                  or d == app.config.evidence_questions_page)


def setup(app: Sphinx) -> dict:
    app.setup_extension("figures")
    app.add_config_value("evidence_questions_folder", "questions", "env", types=[str])
    app.add_config_value("evidence_questions_page", "methods", "env", types=[str])
    figures.DRAW["searchflow"] = draw_search_flow
    app.add_directive("evidence-questions", EvidenceQuestions)
    app.add_directive("evidence-flow", EvidenceFlow)
    app.connect("doctree-read", add_search_date, priority=600)
    app.connect("env-get-outdated", outdated_pages)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
