"""Shared fixtures of the chart tests: the shipped grid and one project's two assessments.

Matplotlib's backend is set to Agg for the tests only, before anything
imports pyplot; the plots package itself never picks a backend.
"""

from __future__ import annotations

import os

os.environ.setdefault("MPLBACKEND", "Agg")

import pytest

from isgrille import load_assessments, load_grid
from isgrille.content.model import Assessment, Grid


@pytest.fixture(scope="session")
def grid() -> Grid:
    return load_grid()


@pytest.fixture(scope="session")
def pair(grid) -> list[Assessment]:
    """La Recyclerie du Val: its self-assessment and the trainer's (one criterion not rated)."""
    cohort = load_assessments(grid=grid)
    assert (cohort[0].project, cohort[6].assessor) == (cohort[6].project, "formateur")
    return [cohort[0], cohort[6]]
