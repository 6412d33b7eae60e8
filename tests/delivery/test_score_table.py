"""Tests of isgrille.delivery.score_table: results files told from cohort CSVs, and scored per assessor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from isgrille import load_grid
from isgrille.content.errors import ContentError
from isgrille.content.loading import data_dir
from isgrille.delivery.score_table import is_results_file, load_for_score, score_rows

from ..results.samples import sample

GRID = load_grid()


@pytest.mark.parametrize("name, text, expected", [
    ("mes_resultats.json", "n'importe quoi", True),
    ("RESULTATS.JSON", "", True),
    ("export.txt", '{"format": "isgrille-results"}', True),
    ("export", '\ufeff\n  \t{"format": 1}', True),
    ("cohorte.csv", "project,assessor\n", False),
    ("cohorte.txt", "project,{x}\n", False),
    ("vide", "", False),
])
def test_results_files_are_told_from_cohorts(tmp_path, name, text, expected):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert is_results_file(path) is expected


def test_a_folder_or_a_missing_file_is_not_a_results_file(tmp_path):
    assert not is_results_file(tmp_path)
    assert not is_results_file(tmp_path / "absent")


def test_a_results_file_gives_one_assessment_per_assessor(tmp_path):
    from isgrille.results.store import save_results

    path = save_results(sample(GRID), tmp_path / "export.txt", GRID)  # a results file under any name
    assessments = load_for_score(path, GRID)
    assert [(a.project, a.assessor) for a in assessments] == [
        ("Ma recyclerie <b>", "autoévaluation"), ("Ma recyclerie <b>", "formateur")]
    assert assessments[1].ratings["caractere_collectif"] == 3


def test_a_cohort_csv_is_read_as_before():
    cohort = load_for_score(data_dir() / "examples" / "cohort_fictional.csv", GRID)
    assert len(cohort) > 1 and load_for_score(None, GRID) == cohort


def test_a_bad_results_file_raises_a_content_error_naming_it(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"format": "autre"}), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_for_score(path, GRID)
    assert str(caught.value).startswith(f"{path}: ")


def test_rows_one_block_per_assessment():
    assessments = load_for_score(data_dir() / "examples" / "results_fictional.json", GRID)
    rows = list(score_rows(GRID, assessments))
    assert rows[0] == ["project", "assessor", "scope", *GRID.levels, "not_rated", "median", "percent"]
    per_block = len(GRID.dimensions) + 1
    assert len(rows) == 1 + per_block * len(assessments)
    assert [row[2] for row in rows[1:1 + per_block]] == [d.id for d in GRID.dimensions] + ["overall"]
    assert {row[1] for row in rows[1:]} == {a.assessor for a in assessments}
