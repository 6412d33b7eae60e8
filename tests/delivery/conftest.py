"""Fixtures shared by the command line's tests: a folder that holds the workshop."""

from __future__ import annotations

import pytest


@pytest.fixture
def workshop(tmp_path):
    """A folder holding the workshop's first notebook (enough for ``present`` and ``room`` to serve it)."""
    notebooks = tmp_path / "atelier"
    notebooks.mkdir()
    (notebooks / "00_accueil.ipynb").write_text("{}", encoding="utf-8")
    return notebooks
