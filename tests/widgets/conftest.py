"""Shared fixtures of the widget tests: the shipped content, loaded once.

The content objects are frozen, so sharing them between tests is safe; every
test that saves gets its own store in ``tmp_path``.
"""

from __future__ import annotations

import pytest

import isgrille
from isgrille.content.concepts_file import Concepts
from isgrille.content.model import Grid, Quiz
from isgrille.content.workshop_file import Workshop


@pytest.fixture(scope="session")
def grid() -> Grid:
    return isgrille.load_grid()


@pytest.fixture(scope="session")
def quiz() -> Quiz:
    return isgrille.load_quiz()


@pytest.fixture(scope="session")
def concepts() -> Concepts:
    return isgrille.load_concepts()


@pytest.fixture(scope="session")
def workshop() -> Workshop:
    return isgrille.load_workshop()


@pytest.fixture
def path(tmp_path):
    """Where a test's learner results are saved."""
    return tmp_path / "r.json"


@pytest.fixture
def store(grid, path) -> isgrille.ResultsStore:
    """A file-backed store of the shipped grid, empty."""
    return isgrille.ResultsStore(grid, path)
