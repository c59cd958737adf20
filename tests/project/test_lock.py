"""requirements.lock installs only hash-checked packages from the package index."""

from __future__ import annotations

import re

import pytest

from tests.conftest import REPO

REQUIREMENT = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s\\;]+)")
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")
OPTION = re.compile(r"^\s*(-[a-zA-Z]\b|--[a-z-]+)")


def lock_problems(text: str) -> list[str]:
    """What is wrong with a lock file: sources other than the index, options, unhashed pins."""
    problems = []
    # Join continuation lines so each requirement is one logical line.
    logical = re.sub(r"\\\n", " ", text).splitlines()
    for number, line in enumerate(logical, start=1):
        line = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if not line:
            continue
        if OPTION.match(line):
            problems.append(f"{number}: option line {line.split()[0]!r} (only --hash is allowed)")
            continue
        match = REQUIREMENT.match(line)
        if not match:
            problems.append(f"{number}: not a name==version pin: {line[:60]!r}")
            continue
        if re.search(r"(^|\s)(file:|/|\.\.?/)|\s@\s|://", line.replace(match[0], "", 1)
                     .replace("--hash=sha256:", "")):
            problems.append(f"{number}: {match['name']} names a local or URL source")
        options = set(re.findall(r"--[a-z-]+", line))
        if options - {"--hash"}:
            problems.append(f"{number}: {match['name']} carries {sorted(options - {'--hash'})}")
        if not HASH.search(line):
            problems.append(f"{number}: {match['name']} has no sha256 hash")
    return problems


def test_the_lock_pins_every_package_with_hashes_and_no_other_source():
    text = (REPO / "requirements.lock").read_text(encoding="utf-8")
    assert lock_problems(text) == []
    pins = [m["name"] for line in text.splitlines() if (m := REQUIREMENT.match(line))]
    assert {"sphinx", "myst-parser", "pip", "setuptools"} <= set(pins)


@pytest.mark.parametrize("bad, expected", [
    ("--extra-index-url file:///opt/pypi/simple\n", "option line '--extra-index-url'"),
    ("--find-links /opt/wheels\n", "option line '--find-links'"),
    ("--index-url https://example.org/simple\n", "option line '--index-url'"),
    ("-e ./local\n", "option line '-e'"),
    ("sphinx==9.0.4\n", "sphinx has no sha256 hash"),
    ("mypkg @ file:///opt/wheels/mypkg.whl\n", "not a name==version pin"),
    (f"sphinx==9.0.4 --hash=sha256:{'0' * 64} --no-binary :all:\n", "carries ['--no-binary']"),
])
def test_lock_problems_catches_each_bad_form(bad: str, expected: str):
    good = f"furo==2025.12.19 \\\n    --hash=sha256:{'a' * 64}\n    # via x\n"
    assert lock_problems(good) == []
    found = lock_problems(good + bad)
    assert any(expected in problem for problem in found), found
