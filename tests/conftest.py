"""Shared fixtures: a copy of the fixture handbook and a way to build it with Sphinx."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "handbook"


@dataclass
class Build:
    returncode: int
    output: str
    outdir: Path

    def html(self, page: str) -> str:
        return (self.outdir / f"{page}.html").read_text(encoding="utf-8")


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    """A fresh, writable copy of the fixture handbook (repository layout)."""
    target = tmp_path / "handbook"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture(scope="session")
def built_handbook(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The unchanged fixture handbook, built once per session (per xdist worker): read only."""
    root = tmp_path_factory.mktemp("built") / "handbook"
    shutil.copytree(FIXTURE, root)
    build = sphinx_build(root)
    assert build.returncode == 0, build.output
    return build


def sphinx_build(root: Path, *options: str, builder: str = "html") -> Build:
    """Build ``root/docs`` strictly into ``root/_build/<builder>`` in a subprocess."""
    outdir = root / "_build" / builder
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", builder, "-n", "-W", "--keep-going", "--no-color",
         "-d", str(root / "_build" / "doctrees"), *options, str(root / "docs"), str(outdir)],
        capture_output=True, text=True, check=False, cwd=root,
        env={**os.environ, "HANDBOOK_REPO": str(REPO)})
    return Build(result.returncode, result.stdout + result.stderr, outdir)
