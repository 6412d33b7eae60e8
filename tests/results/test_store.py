"""Tests of isgrille.results.store: saving and reading a learner's results, and the ResultsStore."""

from __future__ import annotations

import base64
import json

import pytest

from isgrille import load_grid
from isgrille.results.learner import LearnerResults
from isgrille.results.store import (
    ResultsStore,
    default_results_path,
    read_results,
    results_data_uri,
    save_results,
)

from .samples import sample


@pytest.fixture(scope="module")
def grid():
    return load_grid()


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


def test_store_tells_subscribers_of_every_save(grid, tmp_path):
    store = ResultsStore(grid, tmp_path / "r.json")
    heard = []
    store.subscribe(lambda results: heard.append(dict(results.quiz)))
    store.update(lambda r: r.quiz.update(publics_fragiles="FAUX"))
    store.replace(LearnerResults(quiz={"tous_secteurs": "VRAI"}))
    assert heard == [{"publics_fragiles": "FAUX"}, {"tous_secteurs": "VRAI"}]
