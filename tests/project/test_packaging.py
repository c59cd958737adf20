"""The project is installed into the venv: its packages and command work from any directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

BIN = Path(sys.executable).parent


def run(*cmd: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def test_python_m_glossary_works_outside_the_repository(tmp_path: Path):
    result = run(sys.executable, "-m", "glossary", "define", "AD", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Atopic dermatitis")


def test_console_command_is_installed(tmp_path: Path):
    result = run(str(BIN / "handbook-glossary"), "define", "AD", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Atopic dermatitis" in result.stdout


def test_packages_import_from_the_working_tree(tmp_path: Path):
    result = run(sys.executable, "-c", "import glossary, handbook.check;"
                 "print(glossary.__file__); print(handbook.check.__file__)", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    # Editable: the files of a working tree (this one, or the one make bench copied from).
    glossary_file, handbook_file = (Path(p) for p in result.stdout.split())
    assert glossary_file.parts[-2:] == ("glossary", "__init__.py")
    assert handbook_file.parts[-3:] == ("scripts", "handbook", "check.py")
    assert glossary_file.parents[1] == handbook_file.parents[2]
    assert "site-packages" not in glossary_file.parts


def test_conf_py_adds_only_the_extensions_folder_to_sys_path(tmp_path: Path):
    script = ("import runpy, sys; before = list(sys.path);"
              f"runpy.run_path({str(REPO / 'docs' / 'conf.py')!r});"
              "print([p for p in sys.path if p not in before])")
    result = run(sys.executable, "-c", script, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == repr([str(REPO / "docs" / "_ext")])


def test_check_script_runs_from_another_directory(tmp_path: Path):
    result = run(sys.executable, str(REPO / "scripts" / "check.py"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed" in result.stdout
