"""Tests of isgrille.results: the results file round-trips, is validated, and is never lost."""

from __future__ import annotations

import base64
import json

import pytest

from isgrille import load_grid
from isgrille.content.errors import ContentError
from isgrille.content.loading import data_dir
from isgrille.delivery.validate import validate_file
from isgrille.results.learner import SELF, LearnerResults
from isgrille.results.store import (
    ResultsStore,
    default_results_path,
    read_results,
    results_data_uri,
    save_results,
)

from .grids import make_grid


@pytest.fixture(scope="module")
def grid():
    return load_grid()


def sample(grid) -> LearnerResults:
    results = LearnerResults(project="Ma recyclerie <b>", learner="Camille", stage="incuber")
    results.quiz = {"publics_fragiles": "FAUX"}
    results.innovation_dimensions = ["sociale"]
    results.rate("caractere_collectif", 1)
    results.rate("rupture_existant", None)
    results.rate("caractere_collectif", 3, assessor="formateur")
    results.axes = {"caractere_collectif": "Associer deux bénévoles"}
    results.pitch = {"a": "Une recyclerie", "b": "", "c": "Des questions ?"}
    results.exchange = {"retour": "Clair"}
    return results


def test_round_trip(grid):
    original = sample(grid)
    text = original.to_json(grid)
    data = json.loads(text)
    assert (data["format"], data["version"], data["grid"]) == ("isgrille-results", 1, "ami_is_nouvelle_aquitaine")
    assert data["assessments"][0]["ratings"] == {"caractere_collectif": "Faible", "rupture_existant": None}
    again = LearnerResults.from_json(text, grid)
    assert again.assessments == original.assessments
    assert (again.project, again.stage, again.quiz, again.axes, again.pitch, again.exchange) == (
        original.project, original.stage, original.quiz, original.axes, original.pitch, original.exchange
    )
    assert again.assessment("formateur").ratings == {"caractere_collectif": 3}
    assert again.assessment().assessor == SELF


def test_any_grid_round_trips():
    grid = make_grid([1, 2], 5)
    results = LearnerResults()
    results.rate("c1_1", 4)
    assert LearnerResults.from_json(results.to_json(grid), grid).assessments == {SELF: {"c1_1": 4}}


def test_shipped_example_results_are_valid(grid):
    path = data_dir() / "examples" / "results_fictional.json"
    assert validate_file(path) == "results"
    results = read_results(path, grid)
    assert results.project.endswith("(fictif)")
    assert set(results.assessments) == {SELF, "formateur"}


def problems(text: str, grid, name="r.json"):
    with pytest.raises(ContentError) as excinfo:
        LearnerResults.from_json(text, grid, name)
    return excinfo.value.problems


def base(**changes) -> dict:
    data = {"format": "isgrille-results", "version": 1, "assessments": [
        {"assessor": SELF, "ratings": {"caractere_collectif": "Faible"}}]}
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "text, line, field, message",
    [
        ("{\n  \"format\": \n}", 3, None, "JSON invalide (valeur attendue, colonne 1)"),
        ("[1, 2]", None, None, "le fichier doit contenir un objet JSON {…}, pas une liste"),
        (json.dumps(base(format="autre")), 1, "format", "valeur 'autre' invalide (attendu : 'isgrille-results')"),
        (json.dumps(base(version=2), indent=1), 3, "version",
         "fichier de résultats en version 2, plus récente que ce kit (attendu : 1) : mettez le kit à jour"),
        (json.dumps(base(couleur="bleu")), 1, "couleur", None),
        (json.dumps(base(assessments=[{"assessor": SELF, "ratings": {"inconnu": "Faible"}}]), indent=1), 8,
         "assessments[0].ratings.inconnu", None),
        (json.dumps(base(assessments=[{"assessor": SELF, "ratings": {"caractere_collectif": "Très fort"}}]), indent=1),
         8, "assessments[0].ratings.caractere_collectif",
         "niveau 'Très fort' inconnu (attendu : Inexistant, Faible, Intermédiaire, Fort ou vide pour « non renseigné »)"),
        (json.dumps(base(assessments=[{"assessor": "a", "ratings": {}}, {"assessor": "a", "ratings": {}}])), 1,
         "assessments[1].assessor", "évaluateur 'a' en double (déjà en position 1)"),
    ],
)
def test_bad_results_files(grid, text, line, field, message):
    [problem] = problems(text, grid)
    assert (problem.path, problem.line, problem.field) == ("r.json", line, field)
    if message is not None:
        assert problem.message == message
    if field == "couleur":
        assert problem.message.startswith("champ 'couleur' inconnu (attendu : format, version")
    if field == "assessments[0].ratings.inconnu":
        assert problem.message.startswith("critère 'inconnu' inconnu (attendu : caractere_collectif")


def test_save_is_atomic_and_stamped(grid, tmp_path, monkeypatch):
    path = tmp_path / "sub" / "r.json"
    save_results(sample(grid), path, grid)
    before = path.read_text(encoding="utf-8")
    assert json.loads(before)["saved_at"]

    def broken(*args, **kwargs):
        raise OSError("disque plein")

    monkeypatch.setattr("isgrille.results.atomic.os.replace", broken)
    with pytest.raises(OSError):
        save_results(LearnerResults(project="autre"), path, grid)
    assert path.read_text(encoding="utf-8") == before


def test_data_uri_holds_the_file(grid):
    uri = results_data_uri(sample(grid), grid)
    assert uri.startswith("data:application/json;base64,")
    decoded = base64.b64decode(uri.split(",", 1)[1]).decode("utf-8")
    assert json.loads(decoded)["project"]["name"] == "Ma recyclerie <b>"


def test_default_path(monkeypatch, tmp_path):
    monkeypatch.delenv("ISGRILLE_RESULTS", raising=False)
    assert default_results_path().as_posix() == "resultats/mes_resultats.json"
    monkeypatch.setenv("ISGRILLE_RESULTS", str(tmp_path / "x.json"))
    assert default_results_path() == tmp_path / "x.json"


class TestStore:
    def test_in_memory(self, grid):
        store = ResultsStore(grid)
        store.update(lambda r: r.rate("caractere_collectif", 2))
        assert store.load().assessment().ratings == {"caractere_collectif": 2}

    def test_two_notebooks_do_not_undo_each_other(self, grid, tmp_path):
        path = tmp_path / "r.json"
        quiz_notebook, grid_notebook = ResultsStore(grid, path), ResultsStore(grid, path)
        quiz_notebook.update(lambda r: r.quiz.update(publics_fragiles="FAUX"))
        grid_notebook.update(lambda r: r.rate("caractere_collectif", 1))
        quiz_notebook.update(lambda r: r.quiz.update(tous_secteurs="VRAI"))
        final = read_results(path, grid)
        assert final.quiz == {"publics_fragiles": "FAUX", "tous_secteurs": "VRAI"}
        assert final.assessment().ratings == {"caractere_collectif": 1}

    def test_resumes_from_an_existing_file(self, grid, tmp_path):
        path = tmp_path / "r.json"
        save_results(sample(grid), path, grid)
        assert ResultsStore(grid, path).load().project == "Ma recyclerie <b>"

    def test_unreadable_file_is_set_aside_not_overwritten(self, grid, tmp_path):
        path = tmp_path / "r.json"
        path.write_text('{"format": "isgrille-results", "version": 1, "quiz": 3}', encoding="utf-8")
        store = ResultsStore(grid, path)
        [aside] = list(tmp_path.glob("r.illisible-*.json"))
        assert aside.read_text(encoding="utf-8").endswith('"quiz": 3}')
        assert "n'a pas pu être lu" in store.notice and aside.name in store.notice
        store.update(lambda r: r.rate("caractere_collectif", 0))
        assert read_results(path, grid).assessment().ratings == {"caractere_collectif": 0}
        assert aside.exists()

    def test_replace_with_an_uploaded_file(self, grid, tmp_path):
        store = ResultsStore(grid, tmp_path / "r.json")
        uploaded = LearnerResults.from_json(sample(grid).to_json(grid), grid)
        store.replace(uploaded)
        assert read_results(tmp_path / "r.json", grid).learner == "Camille"


def test_cli_validates_results(tmp_path, grid):
    from isgrille.delivery.cli import main

    good = tmp_path / "ok.json"
    save_results(sample(grid), good, grid)
    bad = tmp_path / "ko.json"
    bad.write_text(json.dumps(base(version=2)), encoding="utf-8")
    assert main(["validate", str(good)]) == 0
    assert main(["validate", str(good), str(bad)]) == 1


def test_store_tells_subscribers_of_every_save(grid, tmp_path):
    store = ResultsStore(grid, tmp_path / "r.json")
    heard = []
    store.subscribe(lambda results: heard.append(dict(results.quiz)))
    store.update(lambda r: r.quiz.update(publics_fragiles="FAUX"))
    store.replace(LearnerResults(quiz={"tous_secteurs": "VRAI"}))
    assert heard == [{"publics_fragiles": "FAUX"}, {"tous_secteurs": "VRAI"}]


def test_collect_results_reads_a_class_and_reports_bad_files(grid, tmp_path):
    from isgrille.results.collect import collect_results

    for name in ("alice", "bob"):
        results = LearnerResults(project=f"Projet de {name}")
        results.quiz["publics_fragiles"] = "FAUX"
        save_results(results, tmp_path / name / "resultats" / "mes_resultats.json", grid)
    (tmp_path / "carol" / "resultats").mkdir(parents=True)
    (tmp_path / "carol" / "resultats" / "mes_resultats.json").write_text("{", encoding="utf-8")
    found, problems = collect_results(tmp_path, grid, "*/resultats/*.json")
    assert sorted(r.project for r in found.values()) == ["Projet de alice", "Projet de bob"]
    assert [p.path for p in problems] == [str(tmp_path / "carol" / "resultats" / "mes_resultats.json")]
