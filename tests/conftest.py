"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from isgrille.content.model import Grid

from .grids import make_grid


@pytest.fixture
def small_grid() -> Grid:
    """2 dimensions (2 and 1 criteria), 3 levels: small enough to work by hand."""
    return make_grid([2, 1], 3)


@pytest.fixture
def write(tmp_path):
    """Write text (UTF-8) or raw bytes to a file in tmp_path and return its path."""

    def _write(content: str | bytes, name: str = "contenu.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write
