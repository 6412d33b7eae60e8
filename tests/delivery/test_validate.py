"""Tests of isgrille.delivery.validate: validate_file, for any file of the kit whatever its kind.

A YAML file is content, recognised by its ``kind`` field or its keys; a
``.csv`` file is a cohort and a ``.json`` file a learner's results, both
checked against the grid given (default: the AMI grid). The suffix decides,
in any case.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from isgrille.content.errors import ContentError, Problem
from isgrille.content.loading import YAML_KINDS, data_dir, default_path, load_grid
from isgrille.delivery.validate import validate_file
from isgrille.results.learner import SELF, LearnerResults
from isgrille.results.store import read_results, save_results

from ..documents import DOCUMENTS, GRID, QUIZ, broken, problems_of


@pytest.fixture(scope="module")
def grid():
    return load_grid()


@pytest.fixture
def write_csv(tmp_path):
    """Write a cohort's CSV text (UTF-8) to a file in tmp_path and return its path."""

    def _write(text: str, name: str = "cohorte.csv") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


def csv_text(*rows: list[str]) -> str:
    return "".join(",".join(cells) + "\n" for cells in rows)


# --- shipped files ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(YAML_KINDS))
def test_every_shipped_file_validates(kind):
    assert validate_file(default_path(kind)) == kind


def test_shipped_cohort_validates():
    assert validate_file(data_dir() / "examples" / "cohort_fictional.csv") == "cohort"


def test_shipped_example_results_are_valid(grid):
    path = data_dir() / "examples" / "results_fictional.json"
    assert validate_file(path) == "results"
    results = read_results(path, grid)
    assert results.project.endswith("(fictif)")
    assert set(results.assessments) == {SELF, "formateur"}


# --- YAML content files ------------------------------------------------------------------


def test_validate_file_reports_like_the_loader(write):
    path = write(broken(QUIZ, "answer: FAUX", "answer: Peut-être"))
    with pytest.raises(ContentError) as excinfo:
        validate_file(path)
    assert excinfo.value.problems == (
        Problem(str(path), "réponse 'Peut-être' inconnue (attendu : VRAI, FAUX)", line=7, field="items[0].answer"),
    )


@pytest.mark.parametrize("kind", list(DOCUMENTS))
def test_validate_file_recognises_a_file_without_kind(write, kind):
    text = broken(DOCUMENTS[kind], f"kind: {kind}\n")
    assert validate_file(write(text)) == kind


def test_validate_file_without_recognisable_kind(write):
    path = write("title: Une grille ?\nlevels: [Bas, Haut]\n")
    assert problems_of(validate_file, path) == (
        Problem(
            str(path),
            "impossible de reconnaître le type de fichier : ajoutez un champ 'kind' "
            "(attendu : grid, quiz, concepts, workshop)",
        ),
    )


# --- cohorts (CSV) and results (JSON), against a grid ---------------------------------------


def test_validate_file_checks_a_csv(write_csv, small_grid):
    path = write_csv(csv_text(["project", "c0_0", "c0_1", "c1_0"], ["P", "N1", "N1", "N1"]))
    assert validate_file(path, small_grid) == "cohort"
    bad = write_csv(csv_text(["project", "c0_0", "c0_1", "c1_0"], ["P", "N1", "N3", "N1"]), name="bad.CSV")
    with pytest.raises(ContentError) as excinfo:
        validate_file(bad, small_grid)
    assert excinfo.value.problems == (
        Problem(str(bad), "niveau 'N3' inconnu (attendu : N0, N1, N2 ou vide pour « non renseigné »)",
                line=2, column="c0_1"),
    )


def test_results_are_checked_against_the_grid_given(tmp_path, small_grid):
    results = LearnerResults(project="P")
    results.rate("c0_0", 2)
    path = save_results(results, tmp_path / "r.JSON", small_grid)
    assert validate_file(path, small_grid) == "results"
    with pytest.raises(ContentError) as excinfo:
        validate_file(path)  # the AMI grid has no criterion c0_0
    [problem] = excinfo.value.problems
    assert (problem.path, problem.field) == (str(path), "assessments[0].ratings.c0_0")
    assert problem.message.startswith("critère 'c0_0' inconnu (attendu : caractere_collectif")


def test_a_csv_is_checked_against_the_ami_grid_by_default(write_csv):
    path = write_csv(csv_text(["project", "c0_0", "c0_1", "c1_0"], ["P", "N1", "N1", "N1"]))
    with pytest.raises(ContentError) as excinfo:
        validate_file(path)
    problems = excinfo.value.problems
    assert {p.line for p in problems} == {1}  # the header: the AMI grid's columns
    assert [p.message for p in problems if p.column == "c0_0"] == [
        "colonne inconnue (attendu : project, assessor, " + ", ".join(c.id for c in load_grid().criteria) + ")"
    ]


def test_the_suffix_decides_not_the_content(write):
    results = write(json.dumps({"format": "isgrille-results", "version": 1, "assessments": [
        {"assessor": SELF, "ratings": {"caractere_collectif": "Fort"}}]}), "r.json")
    assert validate_file(results) == "results"
    as_yaml = write(results.read_text(encoding="utf-8"), "r.yaml")  # JSON is YAML: read as a content file
    assert problems_of(validate_file, as_yaml)[0].message.startswith("impossible de reconnaître le type de fichier")
    grid_as_json = write(GRID, "grille.json")
    assert problems_of(validate_file, grid_as_json)[0].message.startswith("JSON invalide")


def test_a_yaml_file_may_have_any_suffix(write):
    assert validate_file(write(QUIZ, "quiz.yml")) == "quiz"
    assert validate_file(write(GRID, "grille.txt")) == "grid"


def test_missing_file(tmp_path):
    for name in ("absent.yaml", "absent.csv", "absent.json"):
        path = tmp_path / name
        assert problems_of(validate_file, path) == (Problem(str(path), "fichier introuvable"),)
