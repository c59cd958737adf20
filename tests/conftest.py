"""Shared fixtures: a copy of the fixture handbook and a way to build it with Sphinx."""

from __future__ import annotations

import gc
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that reads the built handbook, so ``make test`` can run the rest
    while the handbook is still being built (``-m site`` and ``-m "not site"``); and start
    the slow tests first, so that pytest-xdist's workers are not left waiting for one."""
    for item in items:
        if "site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.site)
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    """A fresh, writable copy of the fixture handbook (repository layout)."""
    target = tmp_path / "handbook"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture
def first_build(handbook: Path) -> Build:
    """The writable copy built once, for tests that edit it and build again."""
    build = sphinx_build(handbook)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def built_handbook(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The unchanged fixture handbook, built once per session (per xdist worker): read only."""
    root = tmp_path_factory.mktemp("built") / "handbook"
    shutil.copytree(FIXTURE, root)
    build = sphinx_build(root)
    assert build.returncode == 0, build.output
    return build


#: Where this pytest process's fixture builds keep their drawn figures (``figures_cache_dir``):
#: each figure is drawn once per session, by the first build that needs it.
FIGURE_CACHE: list[Path] = []


@pytest.fixture(scope="session", autouse=True)
def figure_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    FIGURE_CACHE[:] = [tmp_path_factory.mktemp("figure-cache")]
    return FIGURE_CACHE[0]


def sphinx_build(root: Path, *options: str, builder: str = "html") -> Build:
    """Build ``root/docs`` strictly into ``root/_build/<builder>``, as a fresh process would."""
    outdir = root / "_build" / builder
    cache = ["-D", f"figures_cache_dir={FIGURE_CACHE[0]}"] if FIGURE_CACHE else []
    argv = ["-b", builder, "-n", "-W", "--keep-going", "--no-color",
            "-d", str(root / "_build" / "doctrees"), *cache, *options, str(root / "docs"),
            str(outdir)]
    if sys.platform == "linux":  # where CI runs; fork is unsafe on macOS, absent on Windows
        returncode, output = _build_in_fork(argv, root)
    else:  # pragma: no cover - elsewhere a whole new interpreter per build
        result = subprocess.run([sys.executable, "-m", "sphinx", *argv], capture_output=True,
                                text=True, check=False, cwd=root,
                                env={**os.environ, "HANDBOOK_REPO": str(REPO)})
        returncode, output = result.returncode, result.stdout + result.stderr
    return Build(returncode, output, outdir)


#: The libraries every fixture build imports (with Sphinx's built-in extensions, below).
#: They are imported once per pytest process, and each build runs in a forked child, so a
#: build costs no start-up.
PRELOAD = ("sphinx.cmd.build", "sphinx.builders.html", "sphinx.builders.latex",
           "sphinx.ext.mathjax", "myst_parser.sphinx_ext.main", "sphinx_design",
           "sphinxcontrib.bibtex", "pybtex.database", "pybtex.style.formatting.plain",
           "pybtex.backends.plaintext", "matplotlib.pyplot", "matplotlib.backends.backend_svg",
           "matplotlib.backends.backend_pdf", "yaml", "fastjsonschema", "jsonschema", "requests")
#: Our own code lives here; a child forgets it, so every build imports it afresh.
OWN_CODE = tuple(str(REPO / folder) + os.sep for folder in ("docs", "glossary", "scripts"))


def _build_in_fork(argv: list[str], cwd: Path) -> tuple[int, str]:
    """Run ``sphinx-build argv`` in a forked child; return its exit status and output.

    The child starts from this process's imported libraries but none of our modules, so
    extension state (module caches, registered plugins of ours) never leaks between builds,
    and whatever a build changes in a library dies with the child.
    """
    import sphinx.application

    for name in (*PRELOAD, *sphinx.application.builtin_extensions):
        importlib.import_module(name)
    with tempfile.TemporaryFile() as log:
        pid = os.fork()
        if pid == 0:  # the child: it never returns into pytest
            status = 1
            try:
                status = _child_build(argv, cwd, log.fileno())
            finally:
                os._exit(status)
        _, wait_status = os.waitpid(pid, 0)
        log.seek(0)
        return os.waitstatus_to_exitcode(wait_status), log.read().decode("utf-8", "replace")


def _child_build(argv: list[str], cwd: Path, log: int) -> int:
    """In the forked child: forget our modules and build, writing all output to *log*."""
    gc.freeze()  # the inherited objects are never collected: cheaper collections, no copying
    os.dup2(log, 1)
    os.dup2(log, 2)
    with open(1, "w", encoding="utf-8", closefd=False) as out:
        sys.stdout = sys.stderr = out
        try:
            os.chdir(cwd)
            os.environ["HANDBOOK_REPO"] = str(REPO)
            for name, module in list(sys.modules.items()):
                if str(getattr(module, "__file__", None) or "").startswith(OWN_CODE):
                    del sys.modules[name]
            from sphinx.cmd.build import build_main

            return build_main(argv)
        except BaseException:  # report anything, as the interpreter would
            traceback.print_exc()
            return 1
