"""Tests of isgrille.analysis.distribution: counts, medians, the project matrix and the comparisons.

Frames are built by hand with the shared contract's columns (``ratings_frame``),
so these tests do not depend on the cohort loader.
"""

from __future__ import annotations

import pandas as pd
import pytest

from isgrille.analysis.distribution import (
    RATING_COLUMNS,
    compare_assessors,
    compare_dates,
    dimension_medians,
    level_counts,
    level_medians,
    project_matrix,
)
from isgrille.content.errors import ContentError
from isgrille.content.model import NOT_RATED, Assessment, Grid

from ..grids import make_grid


def ratings_frame(assessments: list[Assessment], grid: Grid, source: str = "cohorte.csv") -> pd.DataFrame:
    """The tidy ratings frame of the shared contract, one row per (assessment, criterion), grid order."""
    rows = [
        (
            source,
            a.project,
            "",
            a.assessor,
            a.date,
            d.id,
            c.id,
            c.label,
            None if a.level(c.id) is None else grid.levels[a.level(c.id)],
            a.level(c.id),
        )
        for a in assessments
        for d in grid.dimensions
        for c in d.criteria
    ]
    frame = pd.DataFrame(rows, columns=list(RATING_COLUMNS))
    frame["level"] = pd.Categorical(frame["level"], categories=list(grid.levels), ordered=True)
    frame["level_index"] = frame["level_index"].astype("Int64")
    return frame


def values(series) -> list:
    """A nullable series as a list, ``None`` for ``<NA>``."""
    return [None if pd.isna(v) else int(v) for v in series]


GRID3 = make_grid([2, 1], 3)  # c0_0, c0_1 in d0; c1_0 in d1; levels N0 N1 N2


def test_counts_per_criterion_and_level_with_not_rated_last():
    frame = ratings_frame(
        [
            Assessment("P", {"c0_0": 0, "c0_1": 2}),
            Assessment("Q", {"c0_0": 0, "c1_0": 1}),
            Assessment("R", {"c0_0": 2, "c0_1": 2, "c1_0": 1}),
        ],
        GRID3,
    )
    counts = level_counts(frame, GRID3)
    assert list(counts.index) == ["c0_0", "c0_1", "c1_0"]
    assert list(counts.columns) == ["N0", "N1", "N2", NOT_RATED]
    assert counts.to_numpy().tolist() == [[2, 0, 1, 0], [0, 0, 2, 1], [0, 2, 0, 1]]
    assert all(dtype.kind == "i" for dtype in counts.dtypes)


@pytest.mark.parametrize(
    ("levels", "ranks", "median"),
    [
        (2, [0, 1], 1),  # even count: the upper middle, as summarise_levels
        (2, [0, 0, 1], 0),
        (3, [0, 1, 2, 2], 2),
        (3, [0, 0, 1, 2], 1),
        (5, [4, 0, 3, None, 1], 3),  # four rated: 0 1 3 4 → upper middle 3
        (5, [None, None], None),  # nothing rated: <NA>
    ],
)
def test_medians_take_the_upper_middle(levels, ranks, median):
    grid = make_grid([1], levels)
    frame = ratings_frame([Assessment(f"P{i}", {"c0_0": r}) for i, r in enumerate(ranks)], grid)
    assert values(level_medians(frame, grid)) == [median]
    assert values(level_medians(frame, grid, counts=level_counts(frame, grid))) == [median]  # counted once


def test_counts_and_medians_of_a_criterion_nobody_rated():
    grid = make_grid([3], 4)
    frame = ratings_frame([Assessment("P", {"c0_0": 3})], grid)
    assert level_counts(frame, grid).loc["c0_2"].tolist() == [0, 0, 0, 0, 1]
    assert values(level_medians(frame, grid)) == [3, None, None]


def test_empty_frame_gives_zero_counts_and_no_median():
    frame = ratings_frame([], GRID3)
    assert level_counts(frame, GRID3).to_numpy().sum() == 0
    assert values(level_medians(frame, GRID3)) == [None, None, None]


def test_dimension_medians_pool_the_criteria():
    frame = ratings_frame(
        [Assessment("P", {"c0_0": 0, "c0_1": 2, "c1_0": 1}), Assessment("Q", {"c0_0": 2, "c0_1": 2})], GRID3
    )
    medians = dimension_medians(frame, GRID3)
    assert list(medians.index) == ["d0", "d1"]
    assert values(medians) == [2, 1]  # d0: 0 2 2 2 → 2; d1: 1 (Q's not rated)


def test_dimension_medians_by_project_in_order_of_appearance():
    frame = ratings_frame(
        [
            Assessment("Q", {"c0_0": 0, "c0_1": 1}),
            Assessment("P", {"c0_0": 2, "c1_0": 0}),
            Assessment("Q", {"c0_0": 0}, "formateur"),
        ],
        GRID3,
    )
    table = dimension_medians(frame, GRID3, by="project")
    assert list(table.index) == ["Q", "P"] and list(table.columns) == ["d0", "d1"]
    assert [values(table.loc[p]) for p in table.index] == [[0, None], [2, 0]]  # Q: 0 1 0 → 0
    assert values(dimension_medians(frame, GRID3, by="assessor").loc["formateur"]) == [0, None]


def test_dimension_medians_refuse_an_unknown_grouping():
    with pytest.raises(ValueError, match="by\u00a0: colonne 'level' impossible"):
        dimension_medians(ratings_frame([], GRID3), GRID3, by="level")


def test_matrix_prefers_the_self_assessment_then_the_first_assessor_and_the_latest_date():
    frame = ratings_frame(
        [
            Assessment("P", {"c0_0": 0}, "formateur"),
            Assessment("P", {"c0_0": 1}, "autoévaluation", "2024-01-10"),
            Assessment("P", {"c0_0": 2, "c0_1": 1}, "autoévaluation", "2024-03-01"),
            Assessment("P", {"c0_0": 0}, "autoévaluation", ""),  # undated counts as oldest
            Assessment("Q", {"c1_0": 2}, "pair"),
            Assessment("Q", {"c1_0": 0}, "formateur"),
        ],
        GRID3,
    )
    matrix = project_matrix(frame, GRID3)
    assert list(matrix.index) == ["P", "Q"] and list(matrix.columns) == ["c0_0", "c0_1", "c1_0"]
    assert values(matrix.loc["P"]) == [2, 1, None]
    assert values(matrix.loc["Q"]) == [None, None, 2]
    assert str(matrix.dtypes.iloc[0]) == "Int64"
    trainer = project_matrix(frame, GRID3, assessor="formateur")
    assert list(trainer.index) == ["P", "Q"] and values(trainer["c0_0"]) == [0, None]
    assert list(project_matrix(frame, GRID3, assessor="pair").index) == ["Q"]


def test_matrix_equal_dates_go_to_the_last_row():
    frame = ratings_frame(
        [Assessment("P", {"c0_0": 0}, date="2024-05-01"), Assessment("P", {"c0_0": 1}, date="2024-05-01")], GRID3
    )
    assert values(project_matrix(frame, GRID3)["c0_0"]) == [1]


def test_compare_self_and_trainer():
    frame = ratings_frame(
        [
            Assessment("P", {"c0_0": 0, "c0_1": 2, "c1_0": 1}),
            Assessment("P", {"c0_0": 2, "c0_1": 1, "c1_0": 1}, "formateur"),
            Assessment("Q", {"c0_0": 1, "c0_1": 1}),
            Assessment("Q", {"c0_0": 2, "c0_1": 0, "c1_0": 2}, "formateur"),
            Assessment("R", {"c0_0": 1}),  # no second assessor: left out
        ],
        GRID3,
    )
    comparison = compare_assessors(frame, GRID3)
    pairs = comparison.pairs
    assert list(pairs["project"]) == ["P"] * 3 + ["Q"] * 3
    assert set(pairs["second_assessor"]) == {"formateur"}
    assert values(pairs["gap"]) == [2, -1, 0, 1, -1, None]
    ranking = comparison.criteria
    assert list(ranking["criterion"]) == ["c0_0", "c0_1", "c1_0"]
    assert ranking[["compared", "differing", "higher", "lower"]].to_numpy().tolist() == [
        [2, 2, 2, 0],
        [2, 2, 0, 2],
        [1, 0, 0, 0],
    ]
    assert values(ranking["largest_gap"]) == [2, 1, 0]


def test_compare_ranks_by_differing_then_largest_gap_then_grid_order():
    frame = ratings_frame(
        [
            Assessment("P", {"c0_0": 0, "c0_1": 0, "c1_0": 0}),
            Assessment("P", {"c0_0": 1, "c0_1": 0, "c1_0": 2}, "formateur"),
        ],
        GRID3,
    )
    ranking = compare_assessors(frame, GRID3, second="formateur").criteria
    assert list(ranking["criterion"]) == ["c1_0", "c0_0", "c0_1"]


def test_compare_with_nobody_to_compare_is_empty():
    frame = ratings_frame([Assessment("P", {"c0_0": 0})], GRID3)
    comparison = compare_assessors(frame, GRID3, second="formateur")
    assert comparison.pairs.empty and comparison.criteria.empty


def test_compare_dates_first_and_last():
    frame = ratings_frame(
        [
            Assessment("P", {"c0_0": 1}, date="2024-06-01"),
            Assessment("P", {"c0_0": 0, "c0_1": 0}, date="2024-01-15"),
            Assessment("P", {"c0_0": 2, "c0_1": 2}, date="2024-03-01"),
            Assessment("P", {"c0_0": 2}, "formateur", date="2024-01-01"),
        ],
        GRID3,
    )
    pairs = compare_dates(frame, GRID3, "P").pairs
    assert set(pairs["first_date"]) == {"2024-01-15"} and set(pairs["second_date"]) == {"2024-06-01"}
    assert values(pairs["gap"]) == [1, None, None]


def test_compare_dates_needs_two_assessments_of_a_known_project():
    frame = ratings_frame([Assessment("P", {"c0_0": 1}), Assessment("P", {"c0_0": 1}, "formateur")], GRID3)
    with pytest.raises(ValueError, match=r"projet 'P'\xa0: 1 évaluation\(s\) par 'autoévaluation', il en faut deux"):
        compare_dates(frame, GRID3, "P")
    with pytest.raises(ValueError, match="projet 'Z' absent du tableau des évaluations"):
        compare_dates(frame, GRID3, "Z")


def test_unknown_criterion_names_the_file_and_column():
    frame = ratings_frame([Assessment("P", {"c0_0": 1})], GRID3, source="classe.csv")
    frame.loc[1, "criterion"] = "intrus"
    with pytest.raises(ContentError) as caught:
        level_counts(frame, GRID3)
    assert str(caught.value) == (
        "classe.csv: colonne 'criterion': critère 'intrus' inconnu de la grille (attendu\u00a0: c0_0, c0_1, c1_0)"
    )


def test_level_out_of_the_grid_names_the_criterion():
    frame = ratings_frame([Assessment("P", {"c0_0": 1})], GRID3)
    frame["level_index"] = frame["level_index"].astype("Int64")
    frame.loc[0, "level_index"] = 3
    with pytest.raises(
        ContentError,
        match=r"cohorte.csv: colonne 'level_index': critère 'c0_0'\xa0: niveau 3 "
        r"hors de la grille \(attendu\xa0: 0 à 2, ou vide\)",
    ):
        project_matrix(frame, GRID3)


def test_missing_columns_are_named():
    frame = ratings_frame([Assessment("P", {"c0_0": 1})], GRID3).drop(columns=["date", "learner"])
    with pytest.raises(ContentError, match="tableau des évaluations: colonnes manquantes\u00a0: learner, date"):
        level_medians(frame, GRID3)


def test_empty_frame_gives_an_empty_matrix_and_no_pairs():
    frame = ratings_frame([], GRID3)
    matrix = project_matrix(frame, GRID3)
    assert matrix.shape == (0, 3) and list(matrix.columns) == ["c0_0", "c0_1", "c1_0"]
    assert compare_assessors(frame, GRID3).pairs.empty


def test_levels_that_are_not_integers_are_refused_in_french():
    frame = ratings_frame([Assessment("P", {"c0_0": 1})], GRID3)
    frame["level_index"] = frame["level_index"].astype(object)
    frame.loc[0, "level_index"] = "Fort"
    with pytest.raises(
        ContentError, match="tableau des évaluations: colonne 'level_index': niveaux\u00a0: nombres entiers"
    ):
        level_counts(frame, GRID3)
