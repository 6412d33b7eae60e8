"""Tests of isgrille.analysis.scoring: hand-worked profiles, the ordinal figure, axes and gaps, then properties on random grids."""

from __future__ import annotations

import re
import statistics

import pytest
from hypothesis import given

from isgrille import load_assessments, load_grid
from isgrille.analysis.scoring import (
    LevelSummary,
    compare_assessments,
    figure_rule,
    find_improvement_axes,
    reference_level,
    score_assessment,
    share_label,
    summarise_levels,
)
from isgrille.content.model import Assessment
from isgrille.content.typography import ascii_spacing

from ..grids import grids, grids_and_assessments


@pytest.mark.parametrize(
    "ranks, counts, median, at_least, share",
    [
        ([0, 1, 2], (1, 1, 1), "N1", 2, 2 / 3),
        ([2, 2, 2], (0, 0, 3), "N2", 3, 1.0),
        ([0, 0], (2, 0, 0), "N0", 0, 0.0),
        ([0, 1, 1, 2], (1, 2, 1), "N1", 3, 0.75),
        ([0, 0, 2, 2], (2, 0, 2), "N2", 2, 0.5),  # even count: the upper middle level
        ([1, None, None], (0, 1, 0), "N1", 1, 1.0),
    ],
)
def test_summarise_levels_by_hand(ranks, counts, median, at_least, share):
    summary = summarise_levels(("N0", "N1", "N2"), ranks)  # reference: N1, the middle level
    assert summary.counts == counts
    assert summary.median == median
    assert summary.reference == "N1"
    assert (summary.at_least, summary.share) == (at_least, pytest.approx(share))
    assert summary.not_rated == ranks.count(None)


def test_nothing_rated_has_no_median_nor_share():
    summary = summarise_levels(("a", "b"), [None, None])
    assert (summary.rated, summary.median, summary.at_least, summary.share, summary.not_rated) == (0, None, 0, None, 2)


def test_no_mean_of_levels_is_offered_any_more():
    summary = summarise_levels(("N0", "N1", "N2"), [0, 2])
    assert not hasattr(summary, "percent")
    assert not any(name in dir(LevelSummary) for name in ("percent", "mean", "average"))


# --- the reference level and the sentence that explains the figure -----------

ATIS_LEVELS = ("Inexistant", "Faible", "Intermédiaire", "Fort")


@pytest.mark.parametrize(
    "levels, reference",
    [
        (ATIS_LEVELS, "Intermédiaire"),
        (("Non", "En partie", "Oui"), "En partie"),
        (("Bas", "Haut"), "Haut"),
        (("1", "2", "3", "4", "5"), "3"),
        (("a", "b", "c", "d", "e", "f"), "d"),
    ],
)
def test_reference_level_is_the_first_of_the_upper_half(levels, reference):
    assert reference_level(levels) == reference
    assert summarise_levels(levels, []).reference == reference


def test_a_scale_of_one_level_has_no_reference():
    with pytest.raises(ValueError, match="au moins deux niveaux"):
        reference_level(("Seul",))


def test_the_rule_for_the_atis_grid_word_for_word():
    assert figure_rule(ATIS_LEVELS) == (
        "Les niveaux sont ordinaux\u00a0: le kit donne le niveau médian des critères notés et la part "
        "d'entre eux au niveau «\u00a0Intermédiaire\u00a0» ou au-dessus, jamais de moyenne."
    )
    assert share_label(ATIS_LEVELS) == "% des critères notés au moins «\u00a0Intermédiaire\u00a0»"


def test_on_two_levels_the_reference_is_the_top_and_nothing_is_above():
    assert figure_rule(("Non", "Oui")).endswith("au niveau «\u00a0Oui\u00a0», jamais de moyenne.")


def test_the_ami_grid_figure_by_hand():
    grid = load_grid()
    overall = score_assessment(grid, load_assessments(grid=grid)[0]).overall  # La Recyclerie du Val
    assert overall.counts == (0, 3, 5, 3) and overall.not_rated == 1
    assert (overall.median, overall.reference, overall.at_least, overall.rated) == (
        "Intermédiaire",
        "Intermédiaire",
        8,
        11,
    )
    assert overall.share == pytest.approx(8 / 11)


def test_profile_by_hand(small_grid):
    assessment = Assessment("P", {"c0_0": 2, "c0_1": None, "c1_0": 0})
    profile = score_assessment(small_grid, assessment)
    assert [(s.criterion_id, s.level) for s in profile.criteria] == [("c0_0", "N2"), ("c0_1", None), ("c1_0", "N0")]
    assert profile.dimension("d0").summary.counts == (0, 0, 1)
    assert profile.dimension("d0").summary.not_rated == 1
    assert profile.dimension("d1").summary.median == "N0"
    assert (profile.overall.at_least, profile.overall.rated, profile.overall.share) == (1, 2, 0.5)


def test_missing_criterion_counts_as_not_rated(small_grid):
    profile = score_assessment(small_grid, Assessment("P", {"c0_0": 1}))
    assert profile.overall.not_rated == 2 and profile.overall.rated == 1


@pytest.mark.parametrize(
    "ratings, message",
    [
        ({"zz": 1}, "critère 'zz' inconnu"),
        ({"c0_0": 3}, re.escape("niveau 3 hors de la grille (attendu\u00a0: 0 à 2, ou None)")),
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
        "integration_beneficiaires",
        "consistance_contenu",
        "viabilite_economique",
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
def test_median_and_share_agree_with_a_count_by_hand(case):
    grid, assessment = case
    ranks = [r for r in assessment.ratings.values() if r is not None]
    overall = score_assessment(grid, assessment).overall
    reference = grid.levels.index(reference_level(grid.levels))
    assert reference == len(grid.levels) // 2 and 0 < reference <= grid.top_index
    if not ranks:
        assert overall.median is None and overall.share is None and overall.at_least == 0
        return
    assert overall.median_index == statistics.median_high(ranks)
    assert overall.at_least == sum(1 for r in ranks if r >= reference)
    assert overall.share == pytest.approx(overall.at_least / len(ranks))
    assert 0.0 <= overall.share <= 1.0


@given(grids_and_assessments())
def test_the_figure_is_ordinal_relabelling_levels_keeps_it(case):
    """Only the order of levels matters: other names, same counts, same share, same median rank."""
    grid, assessment = case
    overall = score_assessment(grid, assessment).overall
    renamed = summarise_levels(tuple(f"L{i * i}" for i in range(len(grid.levels))), list(assessment.ratings.values()))
    assert (renamed.at_least, renamed.share, renamed.median_index) == (
        overall.at_least,
        overall.share,
        overall.median_index,
    )


@given(grids())
def test_the_rule_and_label_name_the_reference_of_any_grid(grid):
    reference = reference_level(grid.levels)
    rule, label = figure_rule(grid.levels), share_label(grid.levels)
    assert f"«\u00a0{reference}\u00a0»" in rule and f"«\u00a0{reference}\u00a0»" in label
    assert rule.endswith(", jamais de moyenne.")
    assert ("ou au-dessus" in rule) == (reference != grid.levels[-1])
    assert ascii_spacing(rule) == [] and ascii_spacing(label) == []


@given(grids_and_assessments())
def test_axes_are_the_rated_criteria_below_the_top(case):
    grid, assessment = case
    axes = find_improvement_axes(grid, assessment)
    expected = [
        c.id for c in grid.criteria if assessment.level(c.id) is not None and assessment.level(c.id) < grid.top_index
    ]
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
