"""Tests of isgrille.analysis.assessment_keys: assessments numbered on codes, one per project, its levels."""

from __future__ import annotations

import pandas as pd

from isgrille.analysis.assessment_keys import (
    KEY,
    first_assessor,
    latest_per_project,
    level_matrix,
    number_assessments,
    positions,
)
from isgrille.content.model import Criterion, Dimension, Grid

GRID = Grid(("Bas", "Haut"), (Dimension("d", "D", (Criterion("a", "A", ("x", "y")), Criterion("b", "B", ("x", "y")))),))


def rows(*assessments):
    """A ratings frame from (project, assessor, date, level of a, level of b)."""
    out = [
        ("f.csv", project, "", assessor, date, "d", criterion, criterion.upper(), level)
        for project, assessor, date, *levels in assessments
        for criterion, level in zip("ab", levels, strict=True)
    ]
    frame = pd.DataFrame(out, columns=[*KEY, "dimension", "criterion", "criterion_label", "level_index"])
    return frame.astype({"level_index": "Int64"})


def test_an_assessment_is_its_key_even_when_its_rows_are_apart():
    frame = rows(("P", "moi", "", 0, 1), ("Q", "moi", "", 1, 1))
    frame = pd.concat([frame, frame.iloc[[0]]], ignore_index=True)  # P's first row again, at the end
    ids, keys = number_assessments(frame)
    assert ids.tolist() == [0, 0, 1, 1, 0]
    assert keys["project"].tolist() == ["P", "Q"] and keys.index.tolist() == [0, 2]
    assert keys.equals(frame[KEY].drop_duplicates().assign(_id=[0, 1]))


def test_missing_values_are_one_key_and_an_empty_frame_has_none():
    frame = rows(("P", "moi", "", 0, 1), ("P", "moi", "", 1, 1)).astype({"date": object})
    frame.loc[2:, "date"] = None
    ids, keys = number_assessments(frame)
    assert ids.tolist() == [0, 0, 1, 1] and len(keys) == 2
    ids, keys = number_assessments(frame.iloc[:0])
    assert len(ids) == 0 and list(keys.columns) == [*KEY, "_id"]


def test_the_latest_of_the_preferred_assessor_stands_for_the_project():
    frame = rows(
        ("P", "formateur", "2026-11-30", 1, 1),
        ("P", "moi", "2026-11-01", 0, 0),
        ("P", "moi", "2026-11-20", 1, None),
        ("P", "moi", "", 0, 1),
        ("Q", "formateur", "", None, 0),
    )
    ids, keys = number_assessments(frame)
    chosen = latest_per_project(first_assessor(keys, "moi"))
    assert chosen["date"].tolist() == ["2026-11-20", ""] and chosen["assessor"].tolist() == ["moi", "formateur"]
    matrix = level_matrix(frame, ids, chosen, GRID)
    assert matrix.index.tolist() == ["P", "Q"] and matrix.columns.tolist() == ["a", "b"]
    assert matrix.astype(object).where(matrix.notna(), None).values.tolist() == [[1, None], [None, 0]]


def test_a_criterion_rated_twice_in_one_assessment_keeps_its_last_row():
    frame = rows(("P", "moi", "", 0, 1), ("P", "moi", "", 1, 0))
    ids, keys = number_assessments(frame)
    assert level_matrix(frame, ids, latest_per_project(keys), GRID).values.tolist() == [[1, 0]]


def test_positions_are_looked_up_per_distinct_value():
    assert positions(pd.Series(["b", "b", "a", "b"]), {"a": 0, "b": 1}).tolist() == [1, 1, 0, 1]
