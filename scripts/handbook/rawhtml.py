"""Find raw HTML in content: chapters, glossary entries, claims and other data files.

Content is Markdown and MyST; HTML in it could carry script into every reader's browser.
A few inline tags that cannot run anything may stay (:data:`ALLOWED`), without attributes
other than those listed.  Everything else is reported, line by line, ignoring inline code.
The build escapes whatever slips through (``docs/_ext/no_raw_html.py``, same allow-list).

>>> [m for m, _ in scan_line('Water is H<sub>2</sub>O; see `<script>` in code.')]
[]
>>> [m for m, _ in scan_line('<img src="x.png" onerror="alert(1)">')]
['raw HTML attribute "onerror" on <img> is an event handler, which runs script']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from glossary.problems import Problem, display_path

#: Inline tags that may stay, each with the attributes it may have.
ALLOWED: dict[str, frozenset[str]] = {
    "sub": frozenset(), "sup": frozenset(), "br": frozenset(), "abbr": frozenset({"title"}),
}
#: Tags that load or run something whatever their attributes.
DANGEROUS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link",
             "meta", "base", "template"}
#: Element names recognised even when the tag continues on the next line.
HTML_NAMES = DANGEROUS | set(ALLOWED) | {
    "a", "img", "div", "span", "p", "svg", "math", "video", "audio", "source", "form", "input",
    "button", "details", "summary", "table", "font", "center", "marquee", "textarea", "select"}
HINT = ("write it in Markdown or MyST; only " + ", ".join(f"<{t}>" for t in ALLOWED)
        + " may stay, and <abbr> with a title only")

CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
TAG = re.compile(r"<(?P<close>/?)(?P<name>[A-Za-z][\w-]*)(?=[\s/>]|$)(?P<attrs>[^<>]*)(?P<end>>?)")
ATTR = re.compile(r"(?P<name>[^\s\"'>/=]+)(?:\s*=\s*(?P<value>\"[^\"]*\"?|'[^']*'?|[^\s\"'>]+))?")
COMMENT = re.compile(r"<!--")
SCRIPT_URL = re.compile(r"\b(?:java|vb)script\s*:|\bdata\s*:\s*text/html", re.IGNORECASE)
RAW_ROLE = re.compile(r"\{raw(?:-[\w-]+)?\}`")
RST_RAW = re.compile(r"^\s*\.\.\s+raw::", re.IGNORECASE)


def safe_tag(name: str, attrs: str) -> bool:
    """Whether ``<name attrs>`` is an allowed tag with allowed attributes only."""
    allowed = ALLOWED.get(name.lower())
    if allowed is None:
        return False
    names = {m["name"].lower() for m in ATTR.finditer(attrs.strip().rstrip("/"))}
    values = " ".join(m["value"] or "" for m in ATTR.finditer(attrs))
    return names <= allowed and not SCRIPT_URL.search(values) and "<" not in values


def is_safe_html(markup: str) -> bool:
    """Whether a piece of HTML holds only allowed tags (the build keeps it as it is).

    >>> is_safe_html("<sub>"), is_safe_html("<abbr title='Atopic dermatitis'>AD</abbr>")
    (True, True)
    >>> is_safe_html("<script>alert(1)</script>"), is_safe_html("<sup onclick=x>")
    (False, False)
    """
    tags = list(TAG.finditer(markup))
    if COMMENT.search(markup) or markup.count("<") != len(tags) or markup.count(">") != len(tags):
        return False
    return all(m["end"] and (safe_tag(m["name"], m["attrs"]) if not m["close"]
                             else m["name"].lower() in ALLOWED and not m["attrs"].strip())
               for m in tags)


def _tag_message(name: str, attrs: str) -> str:
    lower = name.lower()
    if lower in DANGEROUS:
        return f"raw HTML <{lower}> is not allowed in content"
    for match in ATTR.finditer(attrs):
        if match["name"].lower().startswith("on"):
            return (f'raw HTML attribute "{match["name"]}" on <{lower}> is an event handler, '
                    "which runs script")
    if SCRIPT_URL.search(attrs):
        return f"raw HTML <{lower}> links to a javascript: URL"
    if lower in ALLOWED:
        return f"raw HTML <{lower}> has attributes that are not allowed"
    return f"raw HTML <{lower}> is not allowed in content"


def scan_line(line: str) -> list[tuple[str, str]]:
    """``(message, hint)`` for each piece of raw HTML or script on one line of MyST."""
    found = []
    if "<" not in line and ":" not in line and "raw" not in line:
        return found  # no tag, no javascript: link, no raw role or directive
    if RAW_ROLE.search(line):
        found.append(("the {raw} role passes markup through unchecked",
                      "write the text in Markdown or MyST instead"))
    if RST_RAW.match(line):
        found.append(('the reStructuredText "raw" directive passes markup through unchecked',
                      "write the text in Markdown or MyST instead"))
    text = CODE_SPAN.sub(lambda m: " " * len(m[0]), line)
    if COMMENT.search(text):
        found.append(("raw HTML comment <!-- --> in content", "use a MyST comment line: % text"))
    for match in TAG.finditer(text):
        if match["close"] or safe_tag(match["name"], match["attrs"]):
            continue
        if not match["end"] and match["name"].lower() not in HTML_NAMES:
            continue  # "x <y" in prose, not a tag
        found.append((_tag_message(match["name"], match["attrs"]), HINT))
    if SCRIPT_URL.search(text) and not any("javascript:" in m for m, _ in found):
        found.append(("javascript: link (runs script when followed)",
                      "link with https:// or to a page of the handbook"))
    return found


OPEN_ROLE = re.compile(r"\{[\w:-]+\}`[^`]*$")


def stitch_roles(lines: list[str]) -> list[str]:
    """Lines with each role that runs onto the next line completed on its first line.

    ``{term}`Th17 cells`` at a line's end and ``<Th17 cell>`` on the next line make one role:
    the rest of the role is appended to the first line and blanked on the second, so that a
    role's ``<target>`` is never read as an HTML tag, and a role is seen whole.

    >>> stitch_roles(["a {term}`Th17 cells", "  <Th17 cell>` b"])
    ['a {term}`Th17 cells <Th17 cell>`', '                b']
    """
    lines = list(lines)
    for i in range(len(lines) - 1):
        if OPEN_ROLE.search(lines[i]) and "`" in lines[i + 1]:
            end = lines[i + 1].index("`") + 1
            lines[i] = lines[i] + " " + lines[i + 1][:end].strip()
            lines[i + 1] = " " * end + lines[i + 1][end:]
    return lines


def scan_lines(lines: Iterable[tuple[int, str]], shown: str) -> list[Problem]:
    """Problems for numbered lines of one file."""
    return [Problem(shown, number, message, hint)
            for number, line in lines for message, hint in scan_line(line)]


def check_data_file(path: Path, root: Path | None = None) -> list[Problem]:
    """Raw HTML in a YAML or CSV content file (YAML comment lines are skipped)."""
    shown = display_path(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # the loaders report unreadable files
    is_yaml = path.suffix in (".yaml", ".yml")
    lines = [(number, line) for number, line in enumerate(stitch_roles(text.splitlines()),
                                                          start=1)
             if not (is_yaml and line.lstrip().startswith("#"))]
    return scan_lines(lines, shown)


def check_content_files(paths: Iterable[Path], root: Path | None = None) -> list[Problem]:
    """Raw HTML in every given data file."""
    return [problem for path in sorted(paths) for problem in check_data_file(path, root)]
