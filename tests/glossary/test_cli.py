"""``python -m glossary``: define, search, list, and "did you mean" for unknown words."""

import subprocess
import sys

from glossary.cli import main
from tests.conftest import REPO


def test_define_prints_the_entry(capsys):
    assert main(["define", "AD"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Atopic dermatitis\n")
    assert "sources:" in out


def test_unknown_word_exits_1_with_suggestions(capsys):
    assert main(["define", "atopic dermatitus"]) == 1
    err = capsys.readouterr().err
    assert '"atopic dermatitus" is not in the glossary.' in err
    assert "Did you mean: Atopic dermatitis" in err


def test_search_lists_hits_and_fails_on_none(capsys):
    assert main(["search", "itchy"]) == 0
    assert "Atopic dermatitis" in capsys.readouterr().out
    assert main(["search", "qwertyuiop"]) == 1


def test_runs_as_a_module():
    result = subprocess.run([sys.executable, "-m", "glossary", "define", "ige"], cwd=REPO,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.startswith("IgE\nalso: immunoglobulin E")


def test_define_finds_an_entry_by_its_mesh_id(capsys):
    from glossary.cli import main

    assert main(["define", "D003876"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Atopic dermatitis") and "MeSH: D003876" in out
