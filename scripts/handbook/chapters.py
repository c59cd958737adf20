"""Scan the MyST pages under ``docs/`` for what the validators check, with line numbers.

The scan is textual (fast, no Sphinx start-up); Sphinx's own strict build checks the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from glossary.problems import Problem, display_path
from glossary.text import CITE_ROLES, ROLE, split_target
from glossary.yamlsource import load_yaml_text
from handbook.claims import VERDICTS
from handbook.rawhtml import scan_line, stitch_roles

FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|:{3,}|~{3,})(?P<info>.*)$")
#: A directive option line, such as ``:alt: ...``.
OPTION = re.compile(r"^\s*:[\w-]+:")
LINK = re.compile(r"\]\((?P<url>[^)\s]*(?:\s[^)]*)?)\)|<(?P<auto>[a-z]+://[^>]*)>")
LITERAL_DIRECTIVES = {"code-block", "code", "literalinclude", "doctest", "testcode",
                      "testoutput", "mermaid", "math", "raw"}
#: Evidence labels for {evidence} badges in the text -> what the badge says.
EVIDENCE_LEVELS = {
    "guideline": "Guideline",
    "systematic-review": "Systematic review",
    "trial": "Randomised trial",
    "observational": "Observational",
    "mechanistic": "Mechanistic",
    "expert-opinion": "Expert opinion",
}


@dataclass
class Page:
    """What one page contains, each item with its line."""

    path: str
    is_chapter: bool
    front_matter: dict = field(default_factory=dict)
    front_matter_lines: dict = field(default_factory=dict)
    citations: list[tuple[str, int]] = field(default_factory=list)
    terms: list[tuple[str, int]] = field(default_factory=list)
    links: list[tuple[str, int]] = field(default_factory=list)
    evidence: list[tuple[str, int]] = field(default_factory=list)
    verdicts: list[tuple[str, int]] = field(default_factory=list)
    claims: list[tuple[str, int]] = field(default_factory=list)
    directives: list[tuple[str, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _front_matter(lines: list[str], page: Page) -> int:
    """Parse a leading ``---`` YAML block; return the index of the first body line."""
    if not lines or lines[0].strip() != "---":
        return 0
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            data, problems = load_yaml_text("\n".join(lines[1:end]), page.path)
            page.problems += [Problem(p.path, p.line + 1, p.message, p.hint) for p in problems]
            if isinstance(data, dict):
                page.front_matter = dict(data)
                page.front_matter_lines = {k: v + 1 for k, v in data.key_lines.items()}
            return end + 1
    page.problems.append(Problem(page.path, 1, "front matter is not closed",
                                 'end it with a line holding only "---"'))
    return 0


def scan_page(path: Path, root: Path, is_chapter: bool) -> Page:
    """Scan one Markdown page."""
    page = Page(display_path(path, root), is_chapter)
    try:
        lines = stitch_roles(path.read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError) as exc:
        page.problems.append(Problem(page.path, 1, f"cannot read page: {exc}", "save it as UTF-8"))
        return page
    start = _front_matter(lines, page)
    for number, line in enumerate(lines[:start], start=1):  # substitutions are Markdown too
        page.problems += [Problem(page.path, number, message, hint)
                          for message, hint in scan_line(line)]
    literal_fence: str | None = None   # inside a code block: skip until it closes
    open_directives: list[str] = []     # fences of the directives we are inside
    option_line = 0                      # the line of the directive option just read
    for number, line in enumerate(lines[start:], start=start + 1):
        fence = FENCE.match(line)
        if option_line and line[:1].isspace() and line.strip() and not OPTION.match(line):
            page.problems.append(Problem(
                page.path, number, "a directive option continues on this line, but MyST reads "
                "only the first line of an option (the rest becomes the caption)",
                "write the whole option (e.g. :alt:) on one line"))
        option_line = number if open_directives and OPTION.match(line) else 0
        if literal_fence:
            if fence and fence["fence"].startswith(literal_fence) and not fence["info"].strip():
                literal_fence = None
            continue
        if fence:
            info = fence["info"].strip()
            directive = re.match(r"\{(?P<name>[\w:-]+)\}\s*(?P<arg>.*)", info)
            if not info and open_directives and fence["fence"] == open_directives[-1]:
                open_directives.pop()
            elif directive:
                page.directives.append((directive["name"], number))
                if directive["name"] == "seed-claim":
                    page.claims.append((directive["arg"].strip(), number))
                if directive["name"] == "raw":
                    page.problems.append(Problem(
                        page.path, number, "the {raw} directive passes markup through unchecked",
                        "write the content in Markdown or MyST instead"))
                if directive["name"] in LITERAL_DIRECTIVES:
                    literal_fence = fence["fence"]
                else:
                    open_directives.append(fence["fence"])
            elif fence["fence"][0] in "`~":
                literal_fence = fence["fence"]
            continue
        page.problems += [Problem(page.path, number, message, hint)
                          for message, hint in scan_line(line)]
        for match in ROLE.finditer(line):
            name, content = match["name"], match["content"]
            if name in CITE_ROLES:
                page.citations += [(k.strip(), number) for k in content.split(",") if k.strip()]
            elif name == "term":
                page.terms.append((split_target(content)[1], number))
            elif name == "evidence":
                page.evidence.append((content.strip(), number))
            elif name == "verdict":
                page.verdicts.append((content.strip(), number))
        for match in LINK.finditer(line):
            page.links.append(((match["url"] or match["auto"] or "").strip(), number))
    return page


def check_page(page: Page, today: date | None = None) -> list[Problem]:
    """Rules for one page: links, evidence labels and, for chapters, the required parts."""
    problems = list(page.problems)
    today = today or date.today()
    for url, line in page.links:
        parts = urlsplit(url)
        if parts.scheme == "http":
            problems.append(Problem(page.path, line, f"link uses http: {url}",
                                    "use the https:// address"))
        elif parts.scheme == "https" and (not parts.netloc or "." not in parts.netloc
                                          or " " in url):
            problems.append(Problem(page.path, line, f"malformed link: {url}",
                                    "write a full https://host/path address without spaces"))
        elif parts.scheme.lower() in ("javascript", "vbscript", "data"):
            continue  # reported as script by the raw HTML scan
        elif parts.scheme not in ("", "https", "mailto"):
            problems.append(Problem(page.path, line, f"unsupported link scheme: {url}",
                                    "link with https:// or to a page of the handbook"))
    for value, line in page.evidence:
        if value not in EVIDENCE_LEVELS:
            problems.append(Problem(page.path, line, f'evidence label "{value}" is not in the set',
                                    "use one of: " + ", ".join(EVIDENCE_LEVELS)))
    for value, line in page.verdicts:
        if value not in VERDICTS:
            problems.append(Problem(page.path, line, f'verdict "{value}" is not on the scale',
                                    "use one of: " + ", ".join(VERDICTS)))
    if not page.is_chapter:
        return problems
    if "in-brief" not in {name for name, _ in page.directives}:
        problems.append(Problem(page.path, 1, 'chapter has no "In brief" summary',
                                "add a ```{in-brief} block after the title"))
    reviewed = page.front_matter.get("last_reviewed")
    line = page.front_matter_lines.get("last_reviewed", 1)
    if reviewed is None:
        problems.append(Problem(page.path, 1, "chapter has no last_reviewed date",
                                "add front matter: ---, last_reviewed: YYYY-MM-DD, ---"))
    elif not isinstance(reviewed, date):
        problems.append(Problem(page.path, line, f'last_reviewed "{reviewed}" is not a date',
                                "write it as YYYY-MM-DD"))
    elif reviewed > today:
        problems.append(Problem(page.path, line, f"last_reviewed {reviewed} is in the future",
                                "use the date of the review"))
    if not page.citations:
        problems.append(Problem(page.path, 1, "chapter cites no source",
                                "every factual statement needs a {cite:p}`key` citation"))
    if "bibliography" not in {name for name, _ in page.directives}:
        problems.append(Problem(page.path, 1, "chapter has no reference list",
                                "end it with ## References and a ```{bibliography} block"))
    return problems


def scan_pages(docs: Path, root: Path) -> list[Page]:
    """Scan every Markdown page under *docs*; chapters are ``index.md`` and ``chapters/*``."""
    pages = []
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs)
        if any(part.startswith(("_", ".")) for part in relative.parts):
            continue
        is_chapter = relative.parts[0] == "chapters" or relative.as_posix() == "index.md"
        pages.append(scan_page(path, root, is_chapter))
    return pages
