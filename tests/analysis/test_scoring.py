"""Tests of isgrille.analysis.scoring: hand-worked profiles, axes and gaps, then properties on random grids."""

from __future__ import annotations

import re
import statistics

import pytest
from hypothesis import given

from isgrille import load_assessments, load_grid
from isgrille.content.model import Assessment
from isgrille.analysis.scoring import (
    compare_assessments,
    find_improvement_axes,
    score_assessment,
    summarise_levels,
)

from ..grids import grids_and_assessments


@pytest.mark.parametrize(
    "ranks, counts, median, percent",
    [
        ([0, 1, 2], (1, 1, 1), "N1", 50.0),
        ([2, 2, 2], (0, 0, 3), "N2", 100.0),
        ([0, 0], (2, 0, 0), "N0", 0.0),
        ([0, 1, 1, 2], (1, 2, 1), "N1", 50.0),
        ([0, 0, 2, 2], (2, 0, 2), "N2", 50.0),  # even count: the upper middle level
        ([1, None, None], (0, 1, 0), "N1", 50.0),
    ],
)
def test_summarise_levels_by_hand(ranks, counts, median, percent):
    summary = summarise_levels(("N0", "N1", "N2"), ranks)
    assert summary.counts == counts
    assert summary.median == median
    assert summary.percent == pytest.approx(percent)
    assert summary.not_rated == ranks.count(None)


def test_nothing_rated_has_no_median_nor_percent():
    summary = summarise_levels(("a", "b"), [None, None])
    assert (summary.rated, summary.median, summary.percent, summary.not_rated) == (0, None, None, 2)


def test_profile_by_hand(small_grid):
    assessment = Assessment("P", {"c0_0": 2, "c0_1": None, "c1_0": 0})
    profile = score_assessment(small_grid, assessment)
    assert [(s.criterion_id, s.level) for s in profile.criteria] == [
        ("c0_0", "N2"), ("c0_1", None), ("c1_0", "N0")
    ]
    assert profile.dimension("d0").summary.counts == (0, 0, 1)
    assert profile.dimension("d0").summary.not_rated == 1
    assert profile.dimension("d1").summary.median == "N0"
    assert profile.overall.percent == pytest.approx(50.0)


def test_missing_criterion_counts_as_not_rated(small_grid):
    profile = score_assessment(small_grid, Assessment("P", {"c0_0": 1}))
    assert profile.overall.not_rated == 2 and profile.overall.rated == 1


@pytest.mark.parametrize(
    "ratings, message",
    [
        ({"zz": 1}, "critère 'zz' inconnu"),
        ({"c0_0": 3}, re.escape("niveau 3 hors de la grille (attendu : 0 à 2, ou None)")),
        ({"c0_0": -1}, "niveau -1 hors de la grille"),
    ],
)
def test_bad_assessment_is_refused(small_grid, ratings, message):
    with pytest.raises((ValueError, KeyError), match=message):
        score_assessment(small_grid, Assessment("P", ratings))


def test_improvement_axes_by_hand(small_grid):
    axes = find_improvement_axes(small_grid, Assessment("P", {"c0_0": 2, "c0_1": 0, "c1_0": None}))
    assert [(a.criterion_id, a.current_level, a.target_level, a.target_descriptor) for a in axes] == [
        ("c0_1", "N0", "N1", "c0_1 au niveau 1")
    ]


def test_improvement_axes_on_the_ami_grid():
    grid = load_grid()
    self_assessment = load_assessments(grid=grid)[0]  # La Recyclerie du Val, self-assessed
    axes = find_improvement_axes(grid, self_assessment)
    by_id = {axis.criterion_id: axis for axis in axes}
    assert "consistance_contenu" not in by_id  # rated Fort: nothing above
    assert "ouverture_recherche" not in by_id  # not rated
    axis = by_id["richesse_collectif"]  # rated Faible
    assert axis.target_level == "Intermédiaire"
    assert axis.target_descriptor.startswith("Le collectif présente une certaine diversité")


def test_gap_by_hand(small_grid):
    gap = compare_assessments(
        small_grid,
        Assessment("P", {"c0_0": 0, "c0_1": 2, "c1_0": None}),
        Assessment("P", {"c0_0": 2, "c0_1": 1, "c1_0": 1}, "formateur"),
    )
    assert [g.steps for g in gap.criteria] == [2, -1, None]
    assert (gap.higher, gap.lower, gap.same, gap.not_comparable) == (1, 1, 0, 1)
    assert [g.criterion_id for g in gap.differing] == ["c0_0", "c0_1"]
    assert gap.second.assessment.assessor == "formateur"


def test_gap_self_vs_trainer_in_the_example_cohort():
    grid = load_grid()
    cohort = load_assessments(grid=grid)
    mine = next(a for a in cohort if a.project.startswith("La Recyclerie") and a.assessor == "autoévaluation")
    trainer = next(a for a in cohort if a.project.startswith("La Recyclerie") and a.assessor == "formateur")
    gap = compare_assessments(grid, mine, trainer)
    assert gap.higher + gap.lower + gap.same + gap.not_comparable == len(grid.criteria)
    # by hand from the CSV: the trainer rates two criteria lower, one higher,
    # and rates « ouverture à la recherche » that the learner left blank
    assert (gap.higher, gap.lower, gap.not_comparable) == (1, 2, 1)
    assert [g.criterion_id for g in gap.differing] == [
        "integration_beneficiaires", "consistance_contenu", "viabilite_economique"
    ]


# --- properties on random grids of any size ---------------------------------


@given(grids_and_assessments())
def test_counts_add_up(case):
    grid, assessment = case
    profile = score_assessment(grid, assessment)
    assert profile.overall.rated + profile.overall.not_rated == len(grid.criteria)
    for i in range(len(grid.levels)):
        assert profile.overall.counts[i] == sum(d.summary.counts[i] for d in profile.dimensions)
    assert len(profile.dimensions) == len(grid.dimensions)


@given(grids_and_assessments())
def test_median_and_percent_agree_with_statistics(case):
    grid, assessment = case
    ranks = [r for r in assessment.ratings.values() if r is not None]
    overall = score_assessment(grid, assessment).overall
    if not ranks:
        assert overall.median is None and overall.percent is None
        return
    assert overall.median_index == statistics.median_high(ranks)
    assert overall.percent == pytest.approx(100 * statistics.fmean(ranks) / grid.top_index)
    assert 0.0 <= overall.percent <= 100.0


@given(grids_and_assessments())
def test_axes_are_the_rated_criteria_below_the_top(case):
    grid, assessment = case
    axes = find_improvement_axes(grid, assessment)
    expected = [c.id for c in grid.criteria if assessment.level(c.id) is not None and assessment.level(c.id) < grid.top_index]
    assert [a.criterion_id for a in axes] == expected
    for axis in axes:
        criterion = grid.criterion(axis.criterion_id)
        target = grid.levels.index(axis.target_level)
        assert target == grid.levels.index(axis.current_level) + 1
        assert axis.target_descriptor == criterion.descriptors[target]


@given(grids_and_assessments(count=2))
def test_gap_is_antisymmetric(case):
    grid, first, second = case
    forward, backward = compare_assessments(grid, first, second), compare_assessments(grid, second, first)
    assert (forward.higher, forward.lower, forward.same) == (backward.lower, backward.higher, backward.same)
    assert forward.higher + forward.lower + forward.same + forward.not_comparable == len(grid.criteria)
    assert compare_assessments(grid, first, first).higher == 0
