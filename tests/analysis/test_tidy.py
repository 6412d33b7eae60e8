"""Tests of isgrille.analysis.tidy: one cohort from results files, folders and cohort tables.

The shipped fictional results file and cohort are read together (frames,
projects, quiz answers against ``score_quiz``). A class folder is built in
``tmp_path`` with good files, a cohort table, a broken file, a results file of
another grid, the store's dated copy, a named pipe, a directory symlink loop
and a link out of the folder: the good files load, each bad one is listed
with its French reason, and nothing hangs or is read twice. Bad sources given
directly (missing, of an unknown kind, an empty folder), an unexpected
exception, the progress wrapper and the summary are checked too.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

from isgrille.analysis import tidy as tidy_module
from isgrille.analysis.cohort import default_cohort_path
from isgrille.analysis.quiz import score_quiz
from isgrille.analysis.tidy import Cohort, ProjectRecord, load_cohort
from isgrille.content.errors import Problem
from isgrille.content.loading import data_dir, load_grid, load_quiz
from isgrille.results.learner import LearnerResults

from ..contract import AMI_CRITERIA
from ..grids import make_grid

RESULTS = data_dir() / "examples" / "results_fictional.json"
CRITERIA = AMI_CRITERIA
ACCEPTED = (
    "attendu\u00a0: un fichier .json (résultats d'un apprenant), .csv ou .xlsx (tableau d'une cohorte), "
    "ou un dossier qui en contient"
)
HEADER = "project,assessor," + ",".join(CRITERIA) + "\n"


@pytest.fixture(scope="module")
def grid():
    return load_grid()


@pytest.fixture(scope="module")
def shipped() -> Cohort:
    return load_cohort(default_cohort_path(), RESULTS)


def results_text(grid, project: str, learner: str = "", quiz: dict | None = None, **ratings) -> str:
    results = LearnerResults(project=project, learner=learner, quiz=quiz or {}, saved_at="2026-11-26T10:00:00+00:00")
    for criterion_id, level in ratings.items():
        results.rate(criterion_id, level)
    return results.to_json(grid)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def messages(cohort: Cohort) -> dict[str, str]:
    return {problem.path: problem.message for problem in cohort.problems}


def test_the_shipped_results_and_cohort(shipped):
    assert shipped.problems == () and shipped.sources_read == 2
    ratings = shipped.ratings
    assert ratings.shape == (10 * 12, 10)
    assert ratings["source"].tolist()[0] == str(default_cohort_path())  # sources in the order given
    assert ratings["source"].tolist()[-1] == str(RESULTS)
    mine = ratings[ratings["source"] == str(RESULTS)]
    assert mine["criterion"].tolist() == CRITERIA * 2  # the grid's order, assessment after assessment
    assert mine["assessor"].tolist() == ["autoévaluation"] * 12 + ["formateur"] * 12
    assert set(mine["learner"]) == {"Camille (fictif)"} and set(mine["date"]) == {"2026-11-26"}
    last = mine[mine["criterion"] == "ouverture_recherche"]
    assert pd.isna(last["level"].iloc[0]) and last["level"].iloc[1] == "Inexistant"
    assert last["level_index"].tolist()[1] == 0
    table = ratings[ratings["source"] == str(default_cohort_path())]
    assert set(table["learner"]) == {""} and len(table) == 8 * 12


def test_the_shipped_projects(shipped):
    records = {(record.source, record.project): record for record in shipped.projects}
    assert len(records) == len(shipped.projects) == 6  # the table's Recyclerie joins the learner's file
    mine = records[str(RESULTS), "La Recyclerie du Val (fictif)"]
    assert (mine.learner, mine.date) == ("Camille (fictif)", "2026-11-26")
    assert [a.assessor for a in mine.assessments] == ["autoévaluation", "formateur", "autoévaluation", "formateur"]
    assert mine.assessments[1].ratings["ouverture_recherche"] == 0
    assert set(mine.axes) == {"richesse_collectif", "viabilite_economique"} and set(mine.pitch) == {"a", "b", "c"}
    assert mine.exchange == {}
    tabled = [record for record in shipped.projects if record.source == str(default_cohort_path())]
    assert sum(len(record.assessments) for record in tabled) == 8 - 2  # every other row, one record per project
    assert all(record.learner == "" and record.axes == {} for record in tabled)
    assert all(len({a.project for a in record.assessments}) == 1 for record in tabled)


def test_the_quiz_frame_agrees_with_score_quiz(shipped):
    quiz = load_quiz()
    answers = json.loads(RESULTS.read_text(encoding="utf-8"))["quiz"]
    expected = {item.item_id: item.correct for item in score_quiz(quiz, answers).items if item.given is not None}
    frame = shipped.quiz
    assert frame["statement"].tolist() == list(answers)
    assert dict(zip(frame["statement"], frame["correct"], strict=True)) == expected
    assert set(frame["source"]) == {str(RESULTS)} and set(frame["learner"]) == {"Camille (fictif)"}
    assert frame["correct"].dtype == bool


def test_statements_unknown_to_the_quiz_are_skipped(grid, tmp_path):
    path = write(tmp_path / "r.json", results_text(grid, "P", quiz={"inconnue": "VRAI", "publics_fragiles": "FAUX"}))
    cohort = load_cohort(path, grid=grid)
    assert cohort.quiz[["statement", "answer"]].values.tolist() == [["publics_fragiles", "FAUX"]]
    assert cohort.quiz["correct"].tolist() == [load_quiz().item("publics_fragiles").answer == "FAUX"]


@pytest.fixture
def classroom(grid, tmp_path) -> Path:
    """A trainer's folder: two learners, a cohort table, and every kind of bad file."""
    root = tmp_path / "classe"
    write(
        root / "alice" / "resultats" / "mes_resultats.json",
        results_text(grid, "Projet d'Alice", "Alice", {"publics_fragiles": "VRAI"}, caractere_collectif=2),
    )
    write(
        root / "bob" / "notebooks" / "resultats" / "mes_resultats.json",
        results_text(grid, "Projet de Bob", "Bob", caractere_collectif=1, richesse_collectif=None),
    )
    write(
        root / "bob" / "resultats" / "mes_resultats.avant-reprise-20261129-141500.json",
        results_text(grid, "Ancienne copie"),
    )  # the store's dated copy: left out
    write(
        root / "cohorte.csv",
        HEADER + "Projet C,autoévaluation" + ",Faible" * 12 + "\n" + "Projet C,formateur" + ",Fort" * 12 + "\n",
    )
    write(root / "carol" / "resultats" / "mes_resultats.json", '{"format": "isgrille-results", "version": 1,')
    write(
        root / "dan" / "resultats" / "mes_resultats.json",
        LearnerResults(project="Autre grille", assessments={"autoévaluation": {"c0_0": 1}}).to_json(make_grid([1], 3)),
    )
    os.mkfifo(root / "eve.json")
    (root / "alice" / "boucle").symlink_to("..")  # a folder that leads back up: never followed
    (root / "alice" / "cycle.json").symlink_to("cycle.json")  # a link to itself
    write(tmp_path / "dehors.json", results_text(grid, "Hors du dossier"))
    (root / "dehors.json").symlink_to(tmp_path / "dehors.json")
    write(root / "notes.txt", "pas lu")  # another kind of file in a folder: left out silently
    write(
        root / "alice" / ".ipynb_checkpoints" / "mes_resultats-checkpoint.json", results_text(grid, "Projet d'Alice")
    )  # a hidden folder: left out
    return root


def test_a_folder_loads_its_good_files_and_lists_the_bad(grid, classroom):
    seen: list[list[Path]] = []

    def progress(files):
        seen.append(list(files))
        return seen[-1]

    cohort = load_cohort(classroom, grid=grid, progress=progress)
    records = {record.project: record for record in cohort.projects}
    assert set(records) == {"Projet d'Alice", "Projet de Bob", "Projet C"}
    assert cohort.sources_read == 3
    assert len(records["Projet C"].assessments) == 2 and records["Projet C"].source == str(classroom / "cohorte.csv")
    assert cohort.ratings.shape == (4 * 12, 10)
    assert cohort.quiz["learner"].tolist() == ["Alice"]
    found = messages(cohort)
    carol, dan = (str(classroom / name / "resultats" / "mes_resultats.json") for name in ("carol", "dan"))
    assert found[carol].startswith("JSON invalide")
    assert found[dan] == (
        "fichier d'une autre grille (identifiant «\u00a0grid\u00a0»)\u202f; le lot est lu avec la grille "
        "«\u00a0Grille de caractérisation de l'AMI Innovation sociale\u00a0» (option --grid pour en choisir "
        "une autre)"
    )
    [problem] = [problem for problem in cohort.problems if problem.path == dan]
    assert (problem.field, problem.line) == ("grid", 5)
    assert found[str(classroom / "eve.json")] == (
        "ce n'est pas un fichier ordinaire (tube nommé, socket ou périphérique)\u00a0: non lu"
    )
    assert found[str(classroom / "alice" / "cycle.json")].startswith("lien symbolique cassé")
    outside = found[str(classroom / "dehors.json")]  # long paths are shortened in the message
    assert outside.startswith("lien qui mène hors de /") and outside.endswith(")\u00a0: non lu")
    assert len(cohort.problems) == 5
    # the progress wrapper saw every file to read, once: not the refused ones, nothing through the loop
    [files] = seen
    assert sorted(files) == [
        classroom / "alice" / "resultats" / "mes_resultats.json",
        classroom / "bob" / "notebooks" / "resultats" / "mes_resultats.json",
        Path(carol),
        classroom / "cohorte.csv",
        Path(dan),
    ]
    assert not any("boucle" in path.parts for path in files) and not any("avant-reprise" in p.name for p in files)
    assert "2 sources écartées" not in cohort.summary() and "5 sources écartées (5 problèmes ci-dessous)." in (
        cohort.summary()
    )


def test_a_file_given_twice_is_read_once(grid, classroom):
    alice = classroom / "alice" / "resultats" / "mes_resultats.json"
    cohort = load_cohort(alice, alice, grid=grid)
    assert cohort.sources_read == 1 and len(cohort.projects) == 1


def test_bad_sources_given_directly(grid, tmp_path):
    (tmp_path / "vide").mkdir()
    os.mkfifo(tmp_path / "tube.json")
    write(tmp_path / "notes.txt", "x")
    write(tmp_path / "LISEZMOI", "x")
    good = write(tmp_path / "r.json", results_text(grid, "P"))
    cohort = load_cohort(
        tmp_path / "absent.json",
        tmp_path / "notes.txt",
        tmp_path / "LISEZMOI",
        tmp_path / "vide",
        tmp_path / "tube.json",
        good,
        grid=grid,
    )
    assert messages(cohort) == {
        str(tmp_path / "absent.json"): f"fichier ou dossier introuvable ({ACCEPTED})",
        str(tmp_path / "notes.txt"): f"type de fichier inconnu, «\u00a0.txt\u00a0» ({ACCEPTED})",
        str(tmp_path / "LISEZMOI"): f"type de fichier inconnu, sans extension ({ACCEPTED})",
        str(tmp_path / "vide"): "dossier sans fichier de résultats ni tableau de cohorte "
        "(attendu\u00a0: des fichiers .json, .csv ou .xlsx)",
        str(tmp_path / "tube.json"): "ce n'est pas un fichier ordinaire (tube)\u00a0: donnez le chemin d'un fichier",
    }
    assert cohort.sources_read == 1 and [record.project for record in cohort.projects] == ["P"]


def test_a_bad_cohort_table_keeps_its_problems(grid, tmp_path):
    table = write(tmp_path / "cohorte.csv", HEADER + "P,autoévaluation" + ",Très fort" * 12 + "\n")
    cohort = load_cohort(table, grid=grid)
    assert len(cohort.problems) == 12 and all(problem.line == 2 for problem in cohort.problems)
    assert cohort.problems[0].column == "caractere_collectif" and cohort.ratings.empty and cohort.sources_read == 0


def test_any_other_exception_is_one_problem(grid, tmp_path, monkeypatch):
    good = write(tmp_path / "a.json", results_text(grid, "A"))
    bad = write(tmp_path / "b.json", results_text(grid, "B"))
    real = tidy_module.read_results

    def flaky(path, grid, **options):
        if Path(path) == bad:
            raise RuntimeError("boom\nbang")
        return real(path, grid, **options)

    monkeypatch.setattr(tidy_module, "read_results", flaky)
    cohort = load_cohort(good, bad, grid=grid)
    assert cohort.problems == (Problem(str(bad), "fichier illisible (RuntimeError)\u00a0: boom bang"),)
    assert [record.project for record in cohort.projects] == ["A"]


def test_any_grid_reads_its_own_files(tmp_path):
    grid = make_grid([2, 1], 5)
    results = LearnerResults(project="P", assessments={"autoévaluation": {"c0_1": 4}, "formateur": {}})
    path = write(tmp_path / "r.json", results.to_json(grid))
    cohort = load_cohort(path, grid=grid)
    assert cohort.problems == ()
    assert cohort.ratings["level"].tolist()[1] == "N4" and cohort.ratings["level_index"].notna().sum() == 1
    assert cohort.ratings.shape == (2 * 3, 10) and list(cohort.ratings["level"].cat.categories) == list(grid.levels)
    assert cohort.projects[0].date == ""  # never saved by the store: no date


def test_the_summary(shipped, tmp_path):
    assert shipped.summary().splitlines() == [
        "Lot lu avec la grille «\u00a0Grille de caractérisation de l'AMI Innovation sociale\u00a0»\u00a0: 2 fichiers lus.",
        "6 projets, 10 évaluations, 1 apprenant nommé.",
        "3 réponses au quiz.",
    ]
    nothing = load_cohort(tmp_path / "absent.csv")
    assert nothing.summary().splitlines()[1:] == [
        "0 projet, 0 évaluation, 0 apprenant nommé.",
        "0 réponse au quiz.",
        "1 source écartée (1 problème ci-dessous).",
    ]
    assert (
        isinstance(nothing.projects, tuple)
        and nothing.ratings.empty
        and list(nothing.quiz.columns) == ["source", "project", "learner", "statement", "answer", "correct"]
    )


def test_records_are_frozen(shipped):
    with pytest.raises(AttributeError):
        shipped.projects[0].project = "autre"  # type: ignore[misc]
    assert isinstance(shipped.projects[0], ProjectRecord)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_cycle_collector_is_paused_while_reading_and_left_as_it_was(grid, tmp_path, enabled):
    import gc

    path = write(tmp_path / "r.json", results_text(grid, "P"))
    during = []

    def progress(files):
        during.append(gc.isenabled())
        return files

    (gc.enable if enabled else gc.disable)()
    try:
        load_cohort(path, grid=grid, progress=progress)
        assert during == [False] and gc.isenabled() is enabled
        with pytest.raises(KeyboardInterrupt):
            load_cohort(path, grid=grid, progress=lambda files: (_ for _ in ()).throw(KeyboardInterrupt))
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_the_quiz_is_read_only_when_answers_are_found_and_may_be_given(grid, tmp_path, monkeypatch):
    from isgrille.content import loading
    from isgrille.content.model import Quiz, QuizItem

    monkeypatch.setattr(loading, "load_quiz", lambda: pytest.fail("the quiz was read"))
    assert load_cohort(default_cohort_path(), grid=grid).quiz.empty
    path = write(tmp_path / "r.json", results_text(grid, "P", quiz={"q1": "VRAI", "q2": "VRAI", "q3": "FAUX"}))
    quiz = Quiz(("VRAI", "FAUX"), (QuizItem("q1", "…", "VRAI", "…"), QuizItem("q2", "…", "FAUX", "…")))
    cohort = load_cohort(path, grid=grid, quiz=quiz)
    assert cohort.quiz[["statement", "correct"]].values.tolist() == [["q1", True], ["q2", False]]


def test_a_table_joins_the_learners_file_of_its_project_but_two_files_stay_apart(tmp_path):
    from isgrille.content.loading import data_dir

    folder = data_dir() / "examples" / "classe_fictive"
    cohort = load_cohort(folder, grid=load_grid())
    names = [record.project for record in cohort.projects]
    assert len(names) == len(set(names)) == 6
    recyclerie = next(r for r in cohort.projects if r.project == "La Recyclerie du Val (fictif)")
    assert recyclerie.learner == "Camille (fictif)" and recyclerie.pitch  # the learner's file is the base
    assert recyclerie.source.endswith("mes_resultats.json") and recyclerie.date == "2026-11-26"
    assert sorted((a.assessor, a.date) for a in recyclerie.assessments) == [
        ("autoévaluation", "2026-09-15"),
        ("autoévaluation", "2026-11-26"),
        ("formateur", "2026-09-15"),
        ("formateur", "2026-11-26"),
    ]
    grid = load_grid()
    for name in ("a", "b"):  # two learners who left the default name
        results = LearnerResults(learner=name)
        results.rate(grid.criteria[0].id, 1)
        (tmp_path / f"{name}.json").write_text(results.to_json(grid), encoding="utf-8")
    twins = load_cohort(tmp_path / "a.json", tmp_path / "b.json", grid=grid)
    assert [r.learner for r in twins.projects] == ["a", "b"]


def test_the_lock_file_excel_leaves_beside_an_open_workbook_is_not_read(tmp_path):
    import shutil

    shutil.copy(data_dir() / "examples" / "cohorte_classeur.xlsx", tmp_path / "classe.xlsx")
    (tmp_path / "~$classe.xlsx").write_bytes(b"\x0bCamille" + bytes(150))  # what Excel writes there
    cohort = load_cohort(tmp_path, grid=load_grid())
    assert cohort.problems == () and cohort.sources_read == 1 and len(cohort.projects) == 6
