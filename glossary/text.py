"""Small helpers for the MyST text inside glossary entries and chapters.

>>> plain_text("The {term}`filaggrin <FLG>` gene {cite:p}`palmer2006common`, see {doc}`x`.")
'The filaggrin gene, see x.'
>>> list(term_targets("Links {term}`AD` and {term}`eczemas <eczema>`."))
['AD', 'eczema']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: A MyST role: {name}`content`.
ROLE = re.compile(r"\{(?P<name>[a-zA-Z][\w:-]*)\}`(?P<content>[^`]*)`")
#: "title <target>" inside a role.
EXPLICIT = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)
CITE_ROLES = {"cite", "cite:p", "cite:t", "cite:ps", "cite:ts", "cite:ct", "cite:cp",
              "cite:year", "cite:author", "cite:label", "footcite", "footcite:p",
              "footcite:t"}


def split_target(content: str) -> tuple[str, str]:
    """Split role content into ``(title, target)``; both equal when no ``<target>`` is given."""
    match = EXPLICIT.match(content.strip())
    if match:
        return match["title"].strip(), match["target"].strip()
    return content.strip(), content.strip()


def term_targets(text: str) -> Iterator[str]:
    """Yield the target of every ``{term}`` role in *text*, in order."""
    for match in ROLE.finditer(text):
        if match["name"] == "term":
            yield split_target(match["content"])[1]


def cite_keys(text: str) -> Iterator[str]:
    """Yield every citation key used by a ``{cite:*}`` role in *text*."""
    for match in ROLE.finditer(text):
        if match["name"] in CITE_ROLES:
            for key in match["content"].split(","):
                if key.strip():
                    yield key.strip()


def plain_text(text: str) -> str:
    """Turn MyST into readable plain text: roles become their titles, citations vanish."""

    def replace(match: re.Match[str]) -> str:
        if match["name"] in CITE_ROLES:
            return "\0"
        return split_target(match["content"])[0]

    out = ROLE.sub(replace, text)
    out = re.sub(r"\s*\0", "", out)                   # drop citations and the space before them
    out = re.sub(r"\*\*(.+?)\*\*|\*(.+?)\*", lambda m: m[1] or m[2], out)  # emphasis
    out = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", out)  # [text](link)
    return re.sub(r"\s+", " ", out).strip()
