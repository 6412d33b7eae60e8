"""Tests of isgrille.delivery.score_table: results files told from cohort CSVs, and scored per assessor."""

from __future__ import annotations

import json

import pytest

from isgrille import load_grid
from isgrille.content.errors import ContentError
from isgrille.content.loading import data_dir
from isgrille.delivery.score_table import is_results_file, load_for_score, score_rows

from ..results.samples import sample

GRID = load_grid()


@pytest.mark.parametrize(
    "name, text, expected",
    [
        ("mes_resultats.json", "n'importe quoi", True),
        ("RESULTATS.JSON", "", True),
        ("export.txt", '{"format": "isgrille-results"}', True),
        ("export", '\ufeff\n  \t{"format": 1}', True),
        ("cohorte.csv", "project,assessor\n", False),
        ("cohorte.txt", "project,{x}\n", False),
        ("vide", "", False),
    ],
)
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
        ("Ma recyclerie <b>", "autoévaluation"),
        ("Ma recyclerie <b>", "formateur"),
    ]
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
    assert rows[0] == ["project", "assessor", "scope", *GRID.levels, "not_rated", "median", "at_least", "share"]
    per_block = len(GRID.dimensions) + 1
    assert len(rows) == 1 + per_block * len(assessments)
    assert [row[2] for row in rows[1 : 1 + per_block]] == [d.id for d in GRID.dimensions] + ["overall"]
    assert {row[1] for row in rows[1:]} == {a.assessor for a in assessments}


def test_rows_give_the_median_and_the_share_never_a_mean():
    from isgrille.content.model import Assessment

    ids = [c.id for c in GRID.criteria]
    # two criteria « Fort », one « Faible », one « Inexistant » (reference: « Intermédiaire »), the rest not rated
    assessment = Assessment("P", {ids[0]: 3, ids[1]: 3, ids[2]: 1, ids[3]: 0}, "formateur")
    header, *rows = score_rows(GRID, (assessment,))
    overall = dict(zip(header, rows[-1], strict=True))
    assert overall["scope"] == "overall"
    assert (overall["median"], overall["at_least"], overall["share"]) == ("Fort", 2, 0.5)
    assert overall["not_rated"] == len(ids) - 4
    assert not {"percent", "mean", "moyenne"} & set(header)


def test_a_scope_with_nothing_rated_has_no_median_and_no_share():
    from isgrille.content.model import Assessment

    header, *rows = score_rows(GRID, (Assessment("P", {}, "formateur"),))
    for row in rows:
        scope = dict(zip(header, row, strict=True))
        assert (scope["median"], scope["at_least"], scope["share"]) == (None, 0, None)


def test_share_is_rounded_to_three_decimals():
    from isgrille.content.model import Assessment

    ids = [c.id for c in GRID.criteria]
    header, *rows = score_rows(GRID, (Assessment("P", {ids[0]: 2, ids[1]: 0, ids[2]: 1}, "formateur"),))
    assert dict(zip(header, rows[-1], strict=True))["share"] == 0.333
