"""The examples in the docstrings of the installed handbook package hold.

(``glossary`` and ``docs/_ext`` are collected by pytest's ``--doctest-modules``; ``handbook``
is run here through its installed import, so a copy of the tree, as ``make bench`` makes,
does not collect the same module twice.)
"""

from __future__ import annotations

import doctest

import pytest

import handbook.rawhtml


@pytest.mark.parametrize("module", [handbook.rawhtml], ids=lambda m: m.__name__)
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
