"""Tests of isgrille.content.model: grid look-ups, level matching, assessments from labels."""

from __future__ import annotations

import pytest

from isgrille.content.model import NOT_RATED, Assessment, Grid, fold_label

from ..grids import make_grid


def test_criteria_in_order_and_lookups():
    grid = make_grid([2, 3], 5)
    assert [c.id for c in grid.criteria] == ["c0_0", "c0_1", "c1_0", "c1_1", "c1_2"]
    assert grid.dimension_of("c1_2") == "d1"
    assert grid.top_index == 4


def test_a_grid_has_no_adaptation_note_unless_given():
    grid = make_grid([1], 2)
    assert grid.adaptation == ""
    assert Grid(grid.levels, grid.dimensions, adaptation="Adaptée.").adaptation == "Adaptée."


def test_unknown_criterion_names_the_known_ones():
    grid = make_grid([1], 2)
    with pytest.raises(KeyError) as raised:
        grid.criterion("x")
    assert raised.value.args[0] == "critère 'x' inconnu (attendu\u00a0: c0_0)"


@pytest.mark.parametrize(
    "label, index", [("N1", 1), (" n1 ", 1), ("", None), (NOT_RATED, None), ("Non Renseigne", None)]
)
def test_level_index(label, index):
    assert make_grid([1], 3).level_index(label) == index


def test_level_index_is_accent_and_case_blind():
    from isgrille import load_grid

    grid = load_grid()
    assert grid.level_index("intermediaire") == 2
    assert grid.level_index("FORT") == 3


def test_unknown_level_message():
    with pytest.raises(ValueError, match="niveau 'Très fort' inconnu \\(attendu\u00a0: N0, N1"):
        make_grid([1], 2).level_index("Très fort")


def test_assessment_from_labels():
    grid = make_grid([2], 3)
    assessment = Assessment.from_labels(grid, "P", {"c0_0": "N2", "c0_1": None}, assessor="pair")
    assert assessment.ratings == {"c0_0": 2, "c0_1": None}
    assert assessment.assessor == "pair"
    with pytest.raises(KeyError):
        Assessment.from_labels(grid, "P", {"zz": "N1"})


def test_fold_label():
    assert fold_label("  Intermédiaire ") == "intermediaire"
