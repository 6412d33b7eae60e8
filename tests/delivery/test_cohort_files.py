"""Tests of isgrille.delivery.cohort_files: the tables ``cohort`` writes, safe for spreadsheets, and its charts."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from isgrille import load_grid, load_quiz
from isgrille.analysis.tidy import load_cohort
from isgrille.content.loading import data_dir
from isgrille.delivery.cohort_files import CHARTS, QUIZ_COLUMNS, RATING_COLUMNS, export_frame, write_charts, write_tables

EXAMPLES = data_dir() / "examples"


def test_text_cells_are_neutralised_numbers_and_booleans_kept():
    frame = pd.DataFrame({
        "text": pd.Series(["=A1", "-2", "ok", None], dtype=object),
        "cat": pd.Categorical(["+x", "y", "+x", None]),
        "n": pd.array([1, None, -3, 0], dtype="Int64"),
        "b": [True, False, True, False],
    })
    out = export_frame(frame, {"t": "text", "c": "cat", "n": "n", "b": "b"})
    assert list(out.columns) == ["t", "c", "n", "b"]
    assert out["t"].tolist() == ["'=A1", "'-2", "ok", ""]
    assert out["c"].astype(object).tolist()[:3] == ["'+x", "y", "'+x"]
    assert out["n"].tolist()[0] == 1 and out["n"].tolist()[2] == -3 and pd.isna(out["n"].tolist()[1])
    assert out["b"].tolist() == ["oui", "non", "oui", "non"]


def test_categories_that_would_merge_once_neutralised_stay_apart():
    frame = pd.DataFrame({"cat": pd.Categorical(["=a", "'=a", "b"])})
    assert export_frame(frame, {"c": "cat"})["c"].tolist() == ["'=a", "'=a", "b"]


@pytest.fixture
def cohort():
    return load_cohort(EXAMPLES / "results_fictional.json", EXAMPLES / "cohort_fictional.csv", grid=load_grid())


def test_tables_have_french_columns_and_one_row_per_rating(cohort, tmp_path):
    written, notes = write_tables(cohort, tmp_path)
    assert [p.name for p in written] == ["cohorte.csv", "quiz.csv"] and notes == []
    with (tmp_path / "cohorte.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(RATING_COLUMNS)
    assert len(rows) == len(cohort.ratings)
    with (tmp_path / "quiz.csv").open(encoding="utf-8", newline="") as handle:
        quiz = list(csv.DictReader(handle))
    assert list(quiz[0]) == list(QUIZ_COLUMNS) and len(quiz) == len(cohort.quiz)


def test_a_failed_write_keeps_the_previous_table(cohort, tmp_path, monkeypatch):
    (tmp_path / "cohorte.csv").write_text("ancien", encoding="utf-8")
    import isgrille.results.atomic as atomic

    def failing_replace(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(OSError):
        write_tables(cohort, tmp_path)
    assert (tmp_path / "cohorte.csv").read_text(encoding="utf-8") == "ancien"


def test_charts_are_pngs_and_an_empty_quiz_is_said(cohort, tmp_path):
    written, notes = write_charts(cohort, load_quiz(), tmp_path)
    assert sorted(p.name for p in written) == sorted(name for name, _ in CHARTS.values())
    table_only = load_cohort(EXAMPLES / "cohort_fictional.csv", grid=load_grid())
    (tmp_path / "x").mkdir()
    written, notes = write_charts(table_only, load_quiz(), tmp_path / "x")
    assert len(written) == 2 and notes == ["quiz_affirmations_manquees.png non écrit : aucune réponse au quiz"]
