"""Tests of isgrille.results.walk: the files under a folder matching a pattern, and which of them are plain.

``scan`` is also exercised through every case of ``tests/results/test_collect.py``
(pipes, dangling links, links out of the folder, 990 folders deep…). Here:
what is *plain* (a regular file reached through no link) and what is not,
the suffixes kept, the store's dated copies left out, a link back up never
followed, and a folder that cannot be listed reported once.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from isgrille.results.walk import is_dir, os_reason, scan


@pytest.fixture
def tree(tmp_path) -> Path:
    root = tmp_path / "classe"
    for name in ("a/resultats/mes_resultats.json", "b/x.CSV", "b/notes.txt", "a/r.avant-reprise-20261129-141500.json"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("{}", encoding="utf-8")
    (root / "a" / "haut").symlink_to("..")  # a folder that leads back up
    (root / "lien.json").symlink_to(root / "a" / "resultats" / "mes_resultats.json")
    (root / "casse.json").symlink_to(root / "absent.json")
    os.mkfifo(root / "tube.json")
    (root / "dossier.json").mkdir()
    return root


def test_plain_files_are_told_apart_from_links_pipes_and_folders(tree):
    problems = []
    found = scan(tree, ("**", "*"), problems, suffixes={".json", ".csv"})
    assert problems == []
    assert {path.relative_to(tree).as_posix(): plain for path, plain in found.items()} == {
        "a/resultats/mes_resultats.json": True,
        "b/x.CSV": True,  # suffixes in any case
        "lien.json": False,
        "casse.json": False,
        "tube.json": False,
        "dossier.json": False,
    }


def test_a_link_to_a_folder_is_not_a_plain_way(tree):
    (tree / "raccourci").symlink_to(tree / "a")
    found = scan(tree, ("*", "resultats", "*.json"), [])
    assert found == {
        tree / "a" / "resultats" / "mes_resultats.json": True,
        tree / "raccourci" / "resultats" / "mes_resultats.json": False,
    }


def test_without_suffixes_everything_matching_is_found(tree):
    found = scan(tree, ("b", "*"), [])
    assert sorted(path.name for path in found) == ["notes.txt", "x.CSV"] and all(found.values())


def test_depth_bounds_the_walk_and_hides_hidden_folders(tmp_path):
    for name in ("1/2/3/f.json", ".cache/f.json", "1/f.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}", encoding="utf-8")
    found = scan(tmp_path, ("**", "f.json"), [], depth=2)
    assert sorted(path.relative_to(tmp_path).as_posix() for path in found) == ["1/f.json"]


def test_a_folder_that_cannot_be_listed_is_a_problem(tmp_path, monkeypatch):
    (tmp_path / "ferme").mkdir()
    real = os.scandir
    monkeypatch.setattr(
        os,
        "scandir",
        lambda path: (_ for _ in ()).throw(PermissionError(13, "x")) if str(path).endswith("ferme") else real(path),
    )
    problems = []
    assert scan(tmp_path, ("**", "*.json"), problems) == {}
    assert [(problem.path, problem.message) for problem in problems] == [
        (str(tmp_path / "ferme"), "dossier illisible (permission refusée)\u00a0: ses fichiers ne sont pas lus")
    ]


def test_is_dir_and_os_reason(tree):
    assert is_dir(tree / "a") and is_dir(tree / "a" / "haut") and not is_dir(tree / "tube.json")
    assert not is_dir(tree / "casse.json")
    assert os_reason(OSError(2, "x")) == "la cible n'existe pas" and os_reason(OSError(40, "x")) == "liens en boucle"


def test_hidden_folders_may_be_left_out_at_any_depth(tmp_path):
    for name in ("a/.ipynb_checkpoints/f.json", "a/b/f.json", ".git/f.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}", encoding="utf-8")
    names = lambda found: sorted(path.relative_to(tmp_path).as_posix() for path in found)  # noqa: E731
    assert names(scan(tmp_path, ("**", "*.json"), [], hidden=False)) == ["a/b/f.json"]
    assert len(scan(tmp_path, ("**", "*.json"), [])) == 3
