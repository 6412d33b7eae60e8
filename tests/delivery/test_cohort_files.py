"""Tests of isgrille.delivery.cohort_files: the tables ``cohort`` writes, safe for spreadsheets, and its charts."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from isgrille import load_grid, load_quiz
from isgrille.analysis.tidy import load_cohort
from isgrille.content.loading import data_dir
from isgrille.delivery.cohort_files import (
    CHARTS,
    QUIZ_COLUMNS,
    RATING_COLUMNS,
    README,
    csv_text,
    export_frame,
    readme_text,
    write_charts,
    write_cohort,
    write_tables,
)

EXAMPLES = data_dir() / "examples"


def test_text_cells_are_neutralised_numbers_and_booleans_kept():
    frame = pd.DataFrame(
        {
            "text": pd.Series(["=A1", "-2", "ok", None], dtype=object),
            "cat": pd.Categorical(["+x", "y", "+x", None]),
            "n": pd.array([1, None, -3, 0], dtype="Int64"),
            "b": [True, False, True, False],
        }
    )
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
    assert len(written) == 2 and notes == ["quiz_affirmations_manquees.png non écrit\u00a0: aucune réponse au quiz"]


@pytest.mark.parametrize("sep", [",", ";"])
def test_csv_text_is_what_pandas_writes_of_the_exported_table(sep):
    values = ["a", 'b"c', "d;e", "f,g", "h\ni", "j\rk", "=x", "-1", "", " sp ", "'=a", None]
    rows = 500
    frame = pd.DataFrame(
        {
            "t": pd.Series([values[i % 12] for i in range(rows)], dtype=object),
            "s": pd.Series([values[(i * 7) % 11] for i in range(rows)], dtype=str),
            "c": pd.Categorical([values[(i // 3) % 12] for i in range(rows)]),
            "i": pd.array([[1, -2, None][i % 3] for i in range(rows)], dtype="Int64"),
            "f": [[0.1, 2.0, float("nan")][i % 3] for i in range(rows)],
            "b": [i % 5 == 0 for i in range(rows)],
            "r": [f"v{i}" for i in range(rows)],
        }
    )
    columns = {f"{name}_fr": name for name in frame}
    expected = export_frame(frame, columns).to_csv(index=False, sep=sep, lineterminator="\n")
    assert csv_text(frame, columns, sep) == expected
    assert csv_text(frame, columns, sep, encoding="utf-8") == expected.encode("utf-8")
    assert csv_text(frame.iloc[:0], columns, sep) == sep.join(columns) + "\n"
    for name in ("t", "i", "b"):  # one column: an empty cell is written ""
        alone = {f"{name}_fr": name}
        assert csv_text(frame, alone, sep) == export_frame(frame, alone).to_csv(
            index=False, sep=sep, lineterminator="\n"
        )


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
    assert [p.name for p in written] == [p.name for p in tables + charts] + [README]
    assert notes == table_notes + chart_notes
    for path in written[:-1]:
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


def foreign_attribution(cohort):
    """A grid of somebody else's (no adaptation), with a workshop of another organisation and licence."""
    import dataclasses

    from isgrille.content.attribution import attribution_of
    from isgrille.content.loading import load_workshop

    grid = dataclasses.replace(cohort.grid, title="Grille de X", source="Grille maison de X", adaptation="")
    workshop = load_workshop().model_copy(
        update={"title": "Atelier de X", "organisation": "Collectif X", "license": "CC BY 4.0", "adaptation": ""}
    )
    return dataclasses.replace(cohort, grid=grid), attribution_of(workshop, grid)


def png_chunks(path) -> dict[str, str]:
    from PIL import Image

    return Image.open(path).text


@pytest.mark.parametrize("parallel", [True, False])
def test_every_file_written_says_whose_work_it_is(cohort, tmp_path, parallel):
    import openpyxl

    written, _ = write_cohort(cohort, load_quiz(), tmp_path, excel=True, parallel=parallel)
    names = [p.name for p in written]
    assert names[-1] == README and {"cohorte.xlsx", "quiz.xlsx"} <= set(names)
    for name, _ in CHARTS.values():
        chunks = png_chunks(tmp_path / name)
        assert chunks["Copyright"] == "ATIS – Catalyseur d'Innovation Sociale, CC BY-NC-SA 4.0", name
        assert "Établi – Innovation sociale" in chunks["Source"] and "adapté" in chunks["Source"]
        assert "Grille de caractérisation de l'AMI Innovation sociale" in chunks["Description"]
    for name in ("cohorte.xlsx", "quiz.xlsx"):
        workbook = openpyxl.load_workbook(tmp_path / name)
        properties = workbook.properties
        assert properties.creator.startswith("ATIS") and "CC BY-NC-SA 4.0" in properties.keywords
        assert "Établi – Innovation sociale" in properties.subject and "Grille\u00a0:" in properties.description
        assert workbook.sheetnames == [name.split(".")[0]] and workbook.active.max_row > 1  # the rows kept
    readme = (tmp_path / README).read_text(encoding="utf-8")
    for name in names[:-1]:
        assert f"- {name}\u00a0: " in readme
    assert "séparateur «\u00a0;\u00a0», pour Excel" in readme
    assert "Grille\u00a0: «\u00a0Grille de caractérisation de l'AMI Innovation sociale\u00a0»" in readme
    assert "Licence\u00a0: Creative Commons Attribution - Pas d'Utilisation Commerciale" in readme
    assert "(ATIS – Catalyseur d'Innovation Sociale, 2020), CC BY-NC-SA 4.0, adapté." in readme


def test_the_readme_lists_only_the_files_written(cohort, tmp_path):
    table_only = load_cohort(EXAMPLES / "cohort_fictional.csv", grid=load_grid())
    written, _ = write_cohort(table_only, load_quiz(), tmp_path, parallel=False)
    readme = (tmp_path / README).read_text(encoding="utf-8")
    listed = [line.split("\u00a0:")[0][2:] for line in readme.splitlines() if line.startswith("- ")]
    assert listed == [p.name for p in written[:-1]] and "quiz_affirmations_manquees.png" not in readme
    assert "xlsx" not in readme and "séparateur «\u00a0,\u00a0»" in readme


def test_a_grid_and_workshop_from_elsewhere_never_say_atis(cohort, tmp_path):
    import openpyxl

    theirs, signed = foreign_attribution(cohort)
    write_cohort(theirs, load_quiz(), tmp_path, excel=True, attribution=signed)
    readme = (tmp_path / README).read_text(encoding="utf-8")
    assert "ATIS" not in readme and "Grille maison de X" in readme and "Collectif X" in readme
    assert "adapté" not in readme and "Licence\u00a0: CC BY 4.0" in readme
    for name, _ in CHARTS.values():
        chunks = png_chunks(tmp_path / name)
        assert not [value for value in chunks.values() if "ATIS" in value]
        assert chunks["Copyright"] == "Collectif X, CC BY 4.0" and "Grille maison de X" in chunks["Description"]
    properties = openpyxl.load_workbook(tmp_path / "cohorte.xlsx").properties
    assert properties.creator == "Collectif X" and "ATIS" not in properties.description


def test_readme_text_is_french():
    from isgrille.content.attribution import attribution_of
    from isgrille.content.loading import load_workshop
    from isgrille.content.typography import ascii_spacing

    text = readme_text(["cohorte.csv", "carte_projets_criteres.png"], attribution_of(load_workshop(), load_grid()))
    assert not ascii_spacing(text) and text.endswith("\n")
