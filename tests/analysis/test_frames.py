"""Tests of isgrille.analysis.frames: the tidy ratings frame against a slow row-by-row oracle, and the quiz frame.

The oracle builds one dict per (assessment, criterion) — the obvious, slow
way — and pandas infers the text columns; ``ratings_frame`` must give the
very same frame (values, dtypes, categories, order) on the shipped grid, on
a generated cohort of 10,000 assessments (compared on a sample of it), and
on random grids of any shape (hypothesis). Edge cases: criteria left out of
an assessment, no assessment at all, a level outside the grid, per-assessment
sources of the wrong length.
"""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from isgrille.analysis.frames import QUIZ_COLUMNS, RATINGS_COLUMNS, quiz_frame, ratings_frame
from isgrille.content.loading import load_grid
from isgrille.content.model import Assessment

from ..contract import RATINGS_COLUMNS as CONTRACT_COLUMNS
from ..grids import grids_and_assessments, make_grid

COLUMNS = CONTRACT_COLUMNS
TEXT = pd.Series(["x"]).dtype  # pandas' own text type, as a frame built by hand infers it


def slow_frame(assessments, grid, sources, learners) -> pd.DataFrame:
    """The oracle: a dict per row."""
    rows = [
        {
            "source": source,
            "project": a.project,
            "learner": learner,
            "assessor": a.assessor,
            "date": a.date,
            "dimension": dimension.id,
            "criterion": criterion.id,
            "criterion_label": criterion.label,
            "level": None if a.ratings.get(criterion.id) is None else grid.levels[a.ratings[criterion.id]],
            "level_index": a.ratings.get(criterion.id),
        }
        for a, source, learner in zip(assessments, sources, learners, strict=True)
        for dimension in grid.dimensions
        for criterion in dimension.criteria
    ]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["level"] = pd.Categorical(frame["level"], categories=list(grid.levels), ordered=True)
    frame["level_index"] = frame["level_index"].astype("Int64")
    return frame


def generated(grid, count: int, seed: int = 0) -> tuple[list[Assessment], list[str], list[str]]:
    """``count`` assessments with repeated projects, assessors, dates, sources; some criteria not rated or left out."""
    rng = random.Random(seed)
    levels = [None, *range(len(grid.levels))]
    assessments, sources, learners = [], [], []
    for n in range(count):
        ratings = {c.id: rng.choice(levels) for c in grid.criteria if rng.random() > 0.05}
        assessments.append(
            Assessment(
                f"Projet {n // 3} é<b>",
                ratings,
                rng.choice(["autoévaluation", "formateur"]),
                rng.choice(["", "2026-11-26", "2027-01-15"]),
            )
        )
        sources.append(f"classe/{n // 50}.csv")
        learners.append(rng.choice(["", "Camille", "Dominique"]))
    return assessments, sources, learners


@pytest.fixture(scope="module")
def grid():
    return load_grid()


def test_the_columns_and_their_types(grid):
    frame = ratings_frame(
        [Assessment("P", {"caractere_collectif": 3, "richesse_collectif": None})], grid, source="cohorte.csv"
    )
    assert list(frame.columns) == COLUMNS == list(RATINGS_COLUMNS)
    assert len(frame) == 12
    assert all(frame[name].dtype == TEXT for name in COLUMNS[:8])
    assert isinstance(frame["level"].dtype, pd.CategoricalDtype) and frame["level"].cat.ordered
    assert list(frame["level"].cat.categories) == ["Inexistant", "Faible", "Intermédiaire", "Fort"]
    assert frame["level_index"].dtype == "Int64"
    assert frame["level"].iloc[0] == "Fort" and frame["level_index"].iloc[0] == 3
    assert frame["level"].isna().sum() == 11 and frame["level_index"].isna().sum() == 11  # None, and left out
    assert frame["criterion"].tolist()[:2] == ["caractere_collectif", "richesse_collectif"]  # the grid's order
    assert set(frame["source"]) == {"cohorte.csv"} and set(frame["learner"]) == {""}
    assert frame["level"].max() == "Fort"  # ordered: comparisons follow the grid's levels


def test_a_generated_cohort_of_10000_assessments_equals_the_oracle_on_a_sample(grid):
    assessments, sources, learners = generated(grid, 10_000)
    frame = ratings_frame(assessments, grid, source=sources, learner=learners)
    assert frame.shape == (120_000, 10)
    picked = [*sorted(random.Random(1).sample(range(10000), 300)), 0, 9999]
    picked = sorted(set(picked))
    rows = np.concatenate([np.arange(12 * i, 12 * i + 12) for i in picked])
    expected = slow_frame(
        [assessments[i] for i in picked], grid, [sources[i] for i in picked], [learners[i] for i in picked]
    )
    pd.testing.assert_frame_equal(frame.iloc[rows].reset_index(drop=True), expected)
    # and the whole cohort's counts agree with its assessments
    rated = sum(value is not None for a in assessments for value in a.ratings.values())
    assert frame["level_index"].notna().sum() == rated


def test_the_same_frame_as_the_oracle_on_a_small_cohort(grid):
    assessments, sources, learners = generated(grid, 40, seed=3)
    pd.testing.assert_frame_equal(
        ratings_frame(assessments, grid, source=sources, learner=learners),
        slow_frame(assessments, grid, sources, learners),
    )


@settings(max_examples=40, deadline=None)
@given(grids_and_assessments(count=3), st.booleans())
def test_any_grid_gives_the_oracles_frame(drawn, one_source):
    grid, *assessments = drawn
    sources = "un.csv" if one_source else ["a.json", "b.json", "c.json"]
    frame = ratings_frame(iter(assessments), grid, source=sources)  # any iterable
    expected = slow_frame(assessments, grid, [sources] * 3 if one_source else sources, [""] * 3)
    pd.testing.assert_frame_equal(frame, expected)
    assert len(frame) == 3 * len(grid.criteria)


def test_one_criterion_and_seven_levels():
    grid = make_grid([1], 7)
    frame = ratings_frame([Assessment("P", {"c0_0": 6}), Assessment("Q", {"c0_0": None})], grid)
    assert frame["level"].tolist()[0] == "N6" and pd.isna(frame["level"].tolist()[1])
    assert list(frame["level"].cat.categories) == [f"N{k}" for k in range(7)]


def test_no_assessment_gives_an_empty_frame_with_the_columns(grid):
    frame = ratings_frame([], grid)
    assert list(frame.columns) == COLUMNS and len(frame) == 0
    assert frame["level_index"].dtype == "Int64" and isinstance(frame["level"].dtype, pd.CategoricalDtype)


@pytest.mark.parametrize("bad", [4, -1, "Fort", 2.5])
def test_a_rating_outside_the_grid_is_refused(grid, bad):
    with pytest.raises(ValueError, match=r"niveau .* hors de la grille \(attendu\xa0: un indice de 0 à 3 ou None\)"):
        ratings_frame(
            [Assessment("P", {"caractere_collectif": 1}), Assessment("Q", {"caractere_collectif": bad})], grid
        )


def test_sources_must_be_one_per_assessment(grid):
    with pytest.raises(ValueError, match="source\u00a0: 1 valeurs pour 2 évaluations"):
        ratings_frame([Assessment("P", {}), Assessment("Q", {})], grid, source=["a.csv"])


def test_the_quiz_frame():
    frame = quiz_frame(["r.json"], ["P"], ["Camille"], ["publics_fragiles"], ["FAUX"], [True])
    assert list(frame.columns) == list(QUIZ_COLUMNS)
    assert frame["correct"].dtype == bool and frame["answer"].dtype == TEXT
    assert frame.to_dict("records") == [
        {
            "source": "r.json",
            "project": "P",
            "learner": "Camille",
            "statement": "publics_fragiles",
            "answer": "FAUX",
            "correct": True,
        }
    ]
    empty = quiz_frame([], [], [], [], [], [])
    assert list(empty.columns) == list(QUIZ_COLUMNS) and len(empty) == 0 and empty["correct"].dtype == bool


@pytest.mark.parametrize(
    "values",
    [
        ["a", "b", "c"] * 4,
        ["a", "b", "a", "b", "a"],
        ["a", "a", "b", "b"] * 3,
        ["x"],
        [None, "a"] * 3,
        ["a", "b", "a", "c"] * 2,
        [float("nan")] * 4,
        [],
        ["b", pd.NA, "b", "a"],
    ],
)
def test_column_codes_are_pandas_factorize(values):
    from isgrille.analysis.frames import column_codes

    series = pd.Series(values, dtype=object)
    codes, uniques = column_codes(series)
    expected_codes, expected = pd.factorize(series)
    assert codes.tolist() == expected_codes.tolist() and list(uniques) == list(expected)
    codes, uniques = column_codes(series.astype("category"))
    assert [uniques[c] if c >= 0 else None for c in codes] == [None if pd.isna(v) else v for v in values]
