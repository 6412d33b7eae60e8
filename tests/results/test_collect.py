"""Tests of isgrille.results.collect: a class's results files gathered by the trainer."""

from __future__ import annotations

import pytest

from isgrille import load_grid
from isgrille.content.errors import Problem
from isgrille.results.collect import collect_results
from isgrille.results.learner import LearnerResults
from isgrille.results.store import save_results


@pytest.fixture(scope="module")
def grid():
    return load_grid()


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


def test_default_pattern_finds_results_at_any_depth_and_reports_other_json(grid, tmp_path):
    save_results(LearnerResults(project="Haut"), tmp_path / "a.json", grid)
    save_results(LearnerResults(project="Profond"), tmp_path / "x" / "y" / "b.json", grid)
    (tmp_path / "x" / "notes.txt").write_text("pas du JSON", encoding="utf-8")
    other = tmp_path / "x" / "config.json"
    other.write_text('{"theme": "sombre"}', encoding="utf-8")
    found, problems = collect_results(tmp_path, grid)
    assert {path.relative_to(tmp_path).as_posix(): r.project for path, r in found.items()} == {
        "a.json": "Haut", "x/y/b.json": "Profond",
    }
    assert problems and {p.path for p in problems} == {str(other)}
    assert {p.field for p in problems} >= {"format", "theme"}


def test_files_set_aside_and_folders_are_skipped(grid, tmp_path):
    save_results(LearnerResults(project="Gardé"), tmp_path / "r.json", grid)
    (tmp_path / "r.illisible-20260101-120000.json").write_text("{", encoding="utf-8")
    (tmp_path / "dossier.json").mkdir()
    found, problems = collect_results(tmp_path, grid)
    assert [r.project for r in found.values()] == ["Gardé"]
    assert problems == []


def test_an_empty_folder_gives_nothing(grid, tmp_path):
    assert collect_results(tmp_path, grid) == ({}, [])


def test_every_problem_of_a_bad_file_names_it(grid, tmp_path):
    bad = tmp_path / "r.json"
    bad.write_text('{"format": "isgrille-results", "version": 1, "quiz": 3, "axes": []}', encoding="utf-8")
    found, problems = collect_results(tmp_path, grid)
    assert found == {}
    assert [(p.path, p.field) for p in problems] == [(str(bad), "quiz"), (str(bad), "axes")]
    assert all(isinstance(p, Problem) for p in problems)
