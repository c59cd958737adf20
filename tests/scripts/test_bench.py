"""make bench: a smoke run on the fixture handbook, and results kept when a scenario fails."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURE, REPO

BENCH = REPO / "scripts" / "bench.py"
QUICK_SCENARIOS = {
    "clean strict HTML build", "no-op rebuild", "rebuild after editing one chapter",
    "rebuild after editing one glossary definition",
    "rebuild after removing a glossary term (fails loudly)", "make check",
    "floor: Sphinx start-up (no-op, one page)", "floor: parse the YAML data and BibTeX",
}


def load_bench():
    """scripts/bench.py as a module (it is a script, not part of a package)."""
    spec = importlib.util.spec_from_file_location("bench", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


@pytest.mark.sphinx_build
@pytest.mark.slow
def test_bench_runs_every_scenario_once_on_the_fixture(tmp_path: Path):
    result = subprocess.run([sys.executable, str(BENCH), "--root", str(FIXTURE), "--runs", "1",
                             "--slow-runs", "1", "--quick", "--out", str(tmp_path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((tmp_path / "bench.json").read_text())
    assert report["errors"] == {}
    assert set(report["results"]) == QUICK_SCENARIOS
    assert all(row["runs"] == 1 and row["median_s"] > 0 for row in report["results"].values())
    assert len(report["targets"]) == 4
    table = (tmp_path / "bench.md").read_text()
    assert all(f"| {name} |" in table for name in QUICK_SCENARIOS)


def test_each_result_is_written_at_once_and_a_failure_keeps_the_others(tmp_path: Path):
    bench = load_bench()
    record = bench.Recorder(tmp_path)
    record.run("make check", lambda: [0.2, 0.3, 0.25])
    assert json.loads((tmp_path / "bench.json").read_text())["results"]["make check"]["median_s"] == 0.25

    def missing_folder() -> list[float]:
        raise FileNotFoundError("docs/_templates")

    record.run("floor: Sphinx start-up (no-op, one page)", missing_folder)
    report = json.loads((tmp_path / "bench.json").read_text())
    assert report["results"]["make check"]["runs"] == 3
    error = report["errors"]["floor: Sphinx start-up (no-op, one page)"]
    assert error == "FileNotFoundError: docs/_templates"
    assert "failed: FileNotFoundError" in (tmp_path / "bench.md").read_text()


def test_make_test_is_held_to_two_minutes_when_measured():
    bench = load_bench()
    name = "make test (no venv bootstrap)"
    assert bench.summarise({name: [110.0, 119.5, 131.0]})["targets"]["make test <= 120 s"] is True
    assert bench.summarise({name: [118.0, 121.0, 125.0]})["targets"]["make test <= 120 s"] is False
    assert "make test <= 120 s" not in bench.summarise({"make check": [0.5]})["targets"]
