"""Tests of isgrille.delivery.cohort_files: the tables ``cohort`` writes, safe for spreadsheets, and its charts."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from isgrille import load_grid, load_quiz
from isgrille.analysis.tidy import load_cohort
from isgrille.content.loading import data_dir
from isgrille.delivery.cohort_files import (CHARTS, QUIZ_COLUMNS, RATING_COLUMNS, csv_text, export_frame, write_charts,
                                           write_cohort, write_tables)

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


@pytest.mark.parametrize("sep", [",", ";"])
def test_csv_text_is_what_pandas_writes_of_the_exported_table(sep):
    values = ["a", 'b"c', "d;e", "f,g", "h\ni", "j\rk", "=x", "-1", "", " sp ", "'=a", None]
    rows = 500
    frame = pd.DataFrame({
        "t": pd.Series([values[i % 12] for i in range(rows)], dtype=object),
        "s": pd.Series([values[(i * 7) % 11] for i in range(rows)], dtype=str),
        "c": pd.Categorical([values[(i // 3) % 12] for i in range(rows)]),
        "i": pd.array([[1, -2, None][i % 3] for i in range(rows)], dtype="Int64"),
        "f": [[0.1, 2.0, float("nan")][i % 3] for i in range(rows)],
        "b": [i % 5 == 0 for i in range(rows)],
        "r": [f"v{i}" for i in range(rows)],
    })
    columns = {f"{name}_fr": name for name in frame}
    expected = export_frame(frame, columns).to_csv(index=False, sep=sep, lineterminator="\n")
    assert csv_text(frame, columns, sep) == expected
    assert csv_text(frame, columns, sep, encoding="utf-8") == expected.encode("utf-8")
    assert csv_text(frame.iloc[:0], columns, sep) == sep.join(columns) + "\n"
    for name in ("t", "i", "b"):  # one column: an empty cell is written ""
        alone = {f"{name}_fr": name}
        assert csv_text(frame, alone, sep) == export_frame(frame, alone).to_csv(index=False, sep=sep, lineterminator="\n")


def test_the_written_cohort_table_is_what_pandas_writes(cohort, tmp_path):
    write_tables(cohort, tmp_path, excel=True)
    expected = export_frame(cohort.ratings, RATING_COLUMNS).to_csv(index=False, sep=";", lineterminator="\n")
    assert (tmp_path / "cohorte.csv").read_text(encoding="utf-8") == "\ufeff" + expected


@pytest.mark.parametrize("parallel", [True, False])
def test_write_cohort_writes_the_tables_then_the_charts(cohort, tmp_path, parallel):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    written, notes = write_cohort(cohort, load_quiz(), tmp_path / "a", parallel=parallel)
    tables, table_notes = write_tables(cohort, tmp_path / "b")
    charts, chart_notes = write_charts(cohort, load_quiz(), tmp_path / "b")
    assert [p.name for p in written] == [p.name for p in tables + charts] and notes == table_notes + chart_notes
    for path in written:
        assert path.parent == tmp_path / "a" and path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()


def test_an_error_drawing_the_charts_is_raised_by_write_cohort(cohort, tmp_path, monkeypatch):
    import isgrille.delivery.cohort_files as cohort_files

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cohort_files, "write_charts", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_cohort(cohort, load_quiz(), tmp_path)
    assert (tmp_path / "cohorte.csv").exists()  # the tables were written meanwhile


def test_charts_are_drawn_here_when_the_drawing_process_dies(cohort, tmp_path, monkeypatch):
    import os

    import isgrille.delivery.cohort_files as cohort_files

    here, draw = os.getpid(), cohort_files.write_charts

    def dies_in_the_child(*args):
        if os.getpid() != here:
            os._exit(3)
        return draw(*args)

    monkeypatch.setattr(cohort_files, "write_charts", dies_in_the_child)
    written, notes = write_cohort(cohort, load_quiz(), tmp_path)
    assert {p.name for p in written} >= {name for name, _ in CHARTS.values()} and notes == []
