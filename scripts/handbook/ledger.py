"""The evidence ledger: every number the handbook states is held to its source's own words.

Each statement (sentence, table row, list item; a glossary definition or note; a claim's reason;
a row of figure data) is split into numbers. Every number that states a finding must be among
the numbers of an excerpt of a source that the statement cites (``docs/sources/<key>.yaml``).
Three roles say what else a number may be:

``{derived}`shown <arithmetic @key>```
    worked out from source figures; the figures are traced and the arithmetic is redone.
``{claimed}`shown <claim-id>```
    a figure a seed article claims; it must be in that claim's words in ``claims.yaml``.
``{own}`shown```
    a number about the handbook itself or an illustration of a scale, not a finding.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from glossary.problems import Problem, display_path
from glossary.text import ROLE, cite_keys
from handbook.derived import SPELLED_SHARE, agrees, evaluate, is_unit_factor, parse_derived
from handbook.numeric import Number, findings, numbers, values
from handbook.sources import SourceRecord
from handbook.statements import Statement, block_statements, page_statements

LEDGER_ROLES = {"derived", "claimed", "own"}
HAS_DIGIT = re.compile(r"\d")


@dataclass
class LedgerReport:
    """What the ledger found: problems and the counts for the summary line."""

    problems: list[Problem] = field(default_factory=list)
    statements: int = 0
    traced: int = 0
    derived: int = 0
    claimed: int = 0
    own: int = 0

    @property
    def passed(self) -> int:
        return self.traced + self.derived + self.claimed + self.own

    def summary(self) -> str:
        share = 100 * self.passed // self.statements if self.statements else 100
        return (f"Evidence ledger: {self.statements} numeric statements checked: "
                f"{self.traced} traced to their sources' words, {self.derived} with derived "
                f"numbers, {self.claimed} quoting a seed claim, {self.own} the handbook's own; "
                f"{share}% accounted for.")


def _fmt(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def _nearest(value: Decimal, records: list[SourceRecord], limit: int = 4) -> list[str]:
    pool = {v for record in records for v in record.all_values}
    return [_fmt(v) for v in sorted(pool, key=lambda v: (abs(v - value), v))[:limit]]


class Ledger:
    """Checks statements against source records and the seed claims."""

    def __init__(self, records: dict[str, SourceRecord], claims: dict[str, str],
                 root: Path | None = None) -> None:
        self.records = records
        self.claims = claims
        self.root = root
        self.report = LedgerReport()

    # -- one number ---------------------------------------------------------------------
    def _trace(self, statement: Statement, written: str, value: Decimal, line: int,
               keys: Iterable[str]) -> bool:
        keys = tuple(keys)
        problems = self.report.problems
        if not keys:
            problems.append(Problem(
                statement.path, line, f"{written} has no cited source in its sentence",
                "cite the source that gives it in the same sentence, table row or list item, "
                "or mark it {derived}`... <figures @key>` if it is worked out"))
            return False
        found = [self.records[k] for k in keys if k in self.records]
        if any(record.excerpt_with(value) for record in found):
            return True
        names = ", ".join(keys)
        if not any(record.excerpts for record in found):
            hint = (f"record the sentence of the source that gives it in "
                    f"docs/sources/{keys[0]}.yaml (excerpts:), or correct the number")
        else:
            hint = ("nearest numbers there: " + ", ".join(_nearest(value, found))
                    + f"; correct the number, or add the words that give it to "
                      f"docs/sources/{keys[0]}.yaml")
        problems.append(Problem(statement.path, line,
                                f"{written} is not in the recorded words of {names}", hint))
        return False

    # -- one statement ------------------------------------------------------------------
    def check(self, statement: Statement) -> None:
        """Check every number of *statement* and count it for the summary."""
        text = statement.text
        roles = ([m for m in ROLE.finditer(text) if m["name"] in LEDGER_ROLES]
                 if "}`" in text and any(f"{{{r}}}" in text for r in LEDGER_ROLES) else [])
        plain = list(findings(text)) if HAS_DIGIT.search(text) else []
        shares = (list(SPELLED_SHARE.finditer(_outside_roles(text))) if " in " in text
                  else [])
        if not (plain or roles or shares):
            return
        self.report.statements += 1
        ok = True
        for number in plain:
            ok &= self._trace(statement, _as_written(statement.text, number), number.value,
                              statement.line_at(number.start),
                              _clause_keys(statement, number.start))
        for share in shares:
            ok = False
            self.report.problems.append(Problem(
                statement.path, statement.line_at(share.start()),
                f'"{share[0]}" is a share worked out from a source, not marked as derived',
                f"write {{derived}}`{share[0]} <figure @key>` with the figure it comes from"))
        kinds = set()
        for role in roles:
            line = statement.line_at(role.start())
            kinds.add(role["name"])
            ok &= getattr(self, "_" + role["name"])(statement, role["content"], line)
        if not ok:
            return
        if "derived" in kinds:
            self.report.derived += 1
        elif "claimed" in kinds:
            self.report.claimed += 1
        elif plain:
            self.report.traced += 1
        else:
            self.report.own += 1

    def _derived(self, statement: Statement, content: str, line: int) -> bool:
        derived = parse_derived(content)
        if derived is None:
            self.report.problems.append(Problem(
                statement.path, line, f"{{derived}}`{content}` does not say what it comes from",
                "write {derived}`shown <arithmetic on source figures @key>`"))
            return False
        unknown = [k for k in derived.keys if k not in self.records]
        if unknown:
            self.report.problems.append(Problem(
                statement.path, line, f'{{derived}} names unknown source "{unknown[0]}"',
                "use a BibTeX key that has a file in docs/sources/"))
            return False
        ok = True
        for number in numbers(derived.expression):
            if is_unit_factor(number.value):
                continue  # x 100 for a percentage, x 1,000 for a rate, x 10 for ten years
            ok &= self._trace(statement, number.text, number.value, line,
                              statement.cited + derived.keys)
        result = evaluate(derived.expression)
        if result is None:
            self.report.problems.append(Problem(
                statement.path, line, f'cannot work out "{derived.expression}"',
                "use numbers with + - * / and brackets, e.g. <16.2 - 9.2>"))
            return False
        if not agrees(derived.shown, result):
            self.report.problems.append(Problem(
                statement.path, line,
                f'"{derived.shown}" does not agree with {derived.expression} = {result:g}',
                "show the result rounded to the precision you write it with; for 'N in M', "
                "M is N × 100 / the percentage"))
            return False
        return ok

    def _claimed(self, statement: Statement, content: str, line: int) -> bool:
        derived = parse_derived(content)
        claim_id = derived.expression if derived else ""
        if claim_id not in self.claims:
            self.report.problems.append(Problem(
                statement.path, line, f'{{claimed}}`{content}` names no claim in claims.yaml',
                "write {claimed}`shown <claim-id>` with the id of the seed claim it quotes"))
            return False
        said = values(self.claims[claim_id])
        for number in numbers(derived.shown):
            if number.value not in said:
                self.report.problems.append(Problem(
                    statement.path, line,
                    f'{_as_written(derived.shown, number)} is not in the words of claim "{claim_id}"',
                    "quote the claim's figure as docs/data/claims.yaml gives it"))
                return False
        return True

    def _own(self, statement: Statement, content: str, line: int) -> bool:
        if not numbers(content):
            self.report.problems.append(Problem(
                statement.path, line, f"{{own}}`{content}` holds no number",
                "mark only the number itself, e.g. {own}`12 months`"))
            return False
        return True


def _clause_keys(statement: Statement, offset: int) -> tuple[str, ...]:
    """The keys cited in the clause (between semicolons) around *offset*, else the statement's.

    "5% {cite:p}`a`; 1.97 {cite:p}`b`" holds 5% to *a* alone and 1.97 to *b* alone.
    """
    start = statement.text.rfind(";", 0, offset) + 1
    end = statement.text.find(";", offset)
    clause = statement.text[start:end if end >= 0 else len(statement.text)]
    return tuple(dict.fromkeys(cite_keys(clause))) or statement.cited


def _as_written(text: str, number: Number) -> str:
    """The number with its per cent sign, as a reader sees it: "19.4%"."""
    end = number.start + len(number.text)
    return number.text + "%" if text[end:end + 1] == "%" else number.text


def _outside_roles(text: str) -> str:
    """*text* with every role and code span blanked out (offsets kept)."""
    return ROLE.sub(lambda m: " " * len(m[0]), text)


# -- where statements come from -------------------------------------------------------------
def yaml_field_lines(raw_lines: list[str], key_line: int) -> list[tuple[int, str]]:
    """The file lines of the YAML text field whose key is on *key_line*, as ``(line, text)``.

    The text is read from the file, not from the parsed value, so that each word keeps its line.
    """
    first = raw_lines[key_line - 1]
    indent = len(first) - len(first.lstrip(" -"))
    head = first.split(":", 1)[1].strip() if ":" in first else ""
    lines = [] if head in ("", ">-", ">", "|", "|-", ">+", "|+") else [(key_line, head)]
    for number in range(key_line + 1, len(raw_lines) + 1):
        text = raw_lines[number - 1]
        if text.strip() and len(text) - len(text.lstrip()) <= indent:
            break
        if text.strip():
            lines.append((number, text.strip()))
    return lines


def text_field_statements(path: str, key_line: int, sources: tuple[str, ...],
                          raw_lines: list[str]) -> Iterator[Statement]:
    """The sentences of one YAML text field, falling back on the item's ``sources``."""
    lines = yaml_field_lines(raw_lines, key_line)
    if lines:
        yield from block_statements(path, lines, context=sources)


def csv_statements(path: Path, root: Path | None, text_columns: tuple[str, ...],
                   number_columns: tuple[str, ...], key_column: str) -> Iterator[Statement]:
    """One statement per row of a figure's CSV data, citing the row's source."""
    shown = display_path(path, root)
    try:
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    except (OSError, UnicodeDecodeError, csv.Error):
        return  # the figure's own checks report unreadable data
    for number, row in enumerate(rows, start=2):
        parts = [str(row.get(c) or "") for c in number_columns]
        parts += [str(row.get(c) or "") for c in text_columns]
        key = str(row.get(key_column) or "").strip()
        yield Statement(shown, " | ".join(parts), number, (key,) if key else (), (),
                        ((0, number),))


def page_statements_of(paths: Iterable[Path], root: Path | None) -> Iterator[Statement]:
    """The statements of every page in *paths*."""
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the page scan reports unreadable pages
        yield from page_statements(text, display_path(path, root))
