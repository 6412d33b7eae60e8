"""Shared fixtures."""

from __future__ import annotations

import pytest

from isgrille.model import Grid

from .grids import make_grid


@pytest.fixture
def small_grid() -> Grid:
    """2 dimensions (2 and 1 criteria), 3 levels: small enough to work by hand."""
    return make_grid([2, 1], 3)
