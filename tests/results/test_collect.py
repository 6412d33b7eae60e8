"""Tests of isgrille.results.collect: a class's results files gathered by the trainer.

Every case is a real tree of homes in ``tmp_path``: good files beside a
folder, a named pipe, dangling links, links out of the folder or into
another learner's home, a file nested 990 levels deep, a reader that
raises something unexpected. Each bad match must be reported with its
French sentence, never read when it is not a regular file of its own
home, and never stop the others from being collected.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from isgrille import load_grid
from isgrille.content.errors import ContentError, Problem
from isgrille.results import collect as collect_module
from isgrille.results.collect import (
    DEFAULT_PATTERN,
    HOME_DEPTH,
    Collection,
    collect_class,
    collect_results,
    problems_of,
)
from isgrille.results.learner import LearnerResults
from isgrille.results.store import save_results

RESULTS = "*/resultats/mes_resultats.json"


@pytest.fixture(scope="module")
def grid():
    return load_grid()


def results_file(home: Path) -> Path:
    return home / "resultats" / "mes_resultats.json"


def save(grid, path: Path, project: str) -> Path:
    save_results(LearnerResults(project=project), path, grid)
    return path


@pytest.fixture
def homes(grid, tmp_path) -> Path:
    """Two learners with good files, alice and bob."""
    root = tmp_path / "homes"
    for name in ("alice", "bob"):
        save(grid, results_file(root / name), f"Projet de {name}")
    return root


@pytest.fixture
def reads(monkeypatch) -> list[Path]:
    """The paths collect hands to read_results (the real one), in order."""
    seen: list[Path] = []
    real = collect_module.read_results

    def spy(path, grid):
        seen.append(Path(path))
        return real(path, grid)

    monkeypatch.setattr(collect_module, "read_results", spy)
    return seen


def projects(found) -> list[str]:
    return sorted(results.project for results in found.values())


def messages(problems) -> list[str]:
    return [str(problem) for problem in problems]


# --- what was there before: a class, other JSON, set-aside files ----------------------


def test_collect_results_reads_a_class_and_reports_bad_files(grid, tmp_path):
    for name in ("alice", "bob"):
        results = LearnerResults(project=f"Projet de {name}")
        results.quiz["publics_fragiles"] = "FAUX"
        save_results(results, results_file(tmp_path / name), grid)
    results_file(tmp_path / "carol").parent.mkdir(parents=True)
    results_file(tmp_path / "carol").write_text("{", encoding="utf-8")
    found, problems = collect_results(tmp_path, grid, "*/resultats/*.json")
    assert projects(found) == ["Projet de alice", "Projet de bob"]
    assert [p.path for p in problems] == [str(results_file(tmp_path / "carol"))]


def test_default_pattern_finds_results_at_any_depth_and_reports_other_json(grid, tmp_path):
    save(grid, tmp_path / "a.json", "Haut")
    save(grid, tmp_path / "x" / "y" / "b.json", "Profond")
    (tmp_path / "x" / "notes.txt").write_text("pas du JSON", encoding="utf-8")
    other = tmp_path / "x" / "config.json"
    other.write_text('{"theme": "sombre"}', encoding="utf-8")
    found, problems = collect_results(tmp_path, grid)
    assert {path.relative_to(tmp_path).as_posix(): r.project for path, r in found.items()} == {
        "a.json": "Haut",
        "x/y/b.json": "Profond",
    }
    assert problems and {p.path for p in problems} == {str(other)}
    assert {p.field for p in problems} >= {"format", "theme"}


def test_the_stores_own_copies_are_left_out(grid, tmp_path, reads):
    """Set-asides and the copies kept before a resume are not extra learners."""
    save(grid, tmp_path / "r.json", "Gardé")
    (tmp_path / "r.illisible-20260101-120000.json").write_text("{", encoding="utf-8")
    save(grid, tmp_path / "r.avant-reprise-20260101-120000.json", "Ancien travail")
    found, problems = collect_results(tmp_path, grid)
    assert projects(found) == ["Gardé"] and problems == []
    assert reads == [tmp_path / "r.json"]


def test_an_empty_folder_gives_nothing(grid, tmp_path):
    assert collect_results(tmp_path, grid) == ({}, [])
    assert collect_class(tmp_path, grid, RESULTS) == Collection({}, [], [])


def test_every_problem_of_a_bad_file_names_it(grid, tmp_path):
    bad = tmp_path / "r.json"
    bad.write_text('{"format": "isgrille-results", "version": 1, "quiz": 3, "axes": []}', encoding="utf-8")
    found, problems = collect_results(tmp_path, grid)
    assert found == {}
    assert [(p.path, p.field) for p in problems] == [(str(bad), "quiz"), (str(bad), "axes")]
    assert all(isinstance(p, Problem) for p in problems)


# --- matches that are not a learner's own regular file -------------------------------


def test_a_folder_where_the_file_should_be_is_reported(grid, homes, reads):
    results_file(homes / "carol").mkdir(parents=True)
    found, problems = collect_results(homes, grid, RESULTS)
    assert projects(found) == ["Projet de alice", "Projet de bob"]
    assert messages(problems) == [
        f"{results_file(homes / 'carol')}: c'est un dossier, pas un fichier de résultats\u00a0: non lu"
    ]
    assert results_file(homes / "carol") not in reads


@pytest.mark.timeout(30)  # reading the pipe would wait for a writer for ever
def test_a_named_pipe_is_reported_and_never_opened(grid, homes, reads):
    pipe = results_file(homes / "carol")
    pipe.parent.mkdir(parents=True)
    os.mkfifo(pipe)
    found, problems = collect_results(homes, grid, RESULTS)
    assert projects(found) == ["Projet de alice", "Projet de bob"]
    assert messages(problems) == [
        f"{pipe}: ce n'est pas un fichier ordinaire (tube nommé, socket ou périphérique)\u00a0: non lu"
    ]
    assert reads == [results_file(homes / "alice"), results_file(homes / "bob")]


@pytest.mark.timeout(30)
def test_a_link_to_a_named_pipe_is_not_opened_either(grid, homes, reads):
    os.mkfifo(homes / "carol-tube")
    results_file(homes / "carol").parent.mkdir(parents=True)
    results_file(homes / "carol").symlink_to(homes / "carol-tube")
    _, problems = collect_results(homes, grid, RESULTS)
    assert [p.path for p in problems] == [str(results_file(homes / "carol"))]
    assert "carol" not in " ".join(map(str, reads))


def test_a_dangling_link_is_reported(grid, homes, reads):
    link = results_file(homes / "carol")
    link.parent.mkdir(parents=True)
    link.symlink_to(homes / "carol" / "disparu.json")
    found, problems = collect_results(homes, grid, RESULTS)
    assert projects(found) == ["Projet de alice", "Projet de bob"]
    assert messages(problems) == [f"{link}: lien symbolique cassé (la cible n'existe pas)\u00a0: non lu"]
    assert link not in reads


def test_links_in_a_loop_are_reported(grid, homes):
    link = results_file(homes / "carol")
    link.parent.mkdir(parents=True)
    link.symlink_to(link)
    _, problems = collect_results(homes, grid, RESULTS)
    assert messages(problems) == [f"{link}: lien symbolique cassé (liens en boucle)\u00a0: non lu"]


def test_a_link_out_of_the_folder_is_reported_and_not_read(grid, homes, tmp_path, reads):
    outside = save(grid, tmp_path / "ailleurs" / "secret.json", "Hors de la classe")
    link = results_file(homes / "carol")
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    found, problems = collect_results(homes, grid, RESULTS)
    assert projects(found) == ["Projet de alice", "Projet de bob"]
    # Problem bounds every long word of a message (a long temporary folder too), as it bounds this one.
    assert messages(problems) == [
        str(Problem(str(link), f"lien qui mène hors de {homes} (vers {outside})\u00a0: non lu"))
    ]
    assert link not in reads


def test_a_home_that_is_a_link_out_of_the_folder_is_reported(grid, homes, tmp_path):
    save(grid, results_file(tmp_path / "ailleurs" / "carol"), "Ailleurs")
    (homes / "carol").symlink_to(tmp_path / "ailleurs" / "carol")
    found, problems = collect_results(homes, grid, RESULTS)
    assert projects(found) == ["Projet de alice", "Projet de bob"]
    assert [p.path for p in problems] == [str(results_file(homes / "carol"))]
    assert "lien qui mène hors de" in problems[0].message


def test_a_link_to_another_learners_file_is_reported_not_counted_twice(grid, homes, reads):
    link = results_file(homes / "carol")
    link.parent.mkdir(parents=True)
    link.symlink_to(Path("..") / ".." / "alice" / "resultats" / "mes_resultats.json")
    found, problems = collect_results(homes, grid, RESULTS)
    assert projects(found) == ["Projet de alice", "Projet de bob"]
    assert list(found) == [results_file(homes / "alice"), results_file(homes / "bob")]
    assert messages(problems) == [
        f"{link}: lien vers le fichier d'un autre apprenant (alice/resultats/mes_resultats.json)\u00a0: non lu"
    ]
    assert reads.count(results_file(homes / "alice")) == 1 and link not in reads


def test_a_home_that_is_a_link_to_another_home_is_reported(grid, homes):
    (homes / "carol").symlink_to(homes / "alice")
    found, problems = collect_results(homes, grid, RESULTS)
    assert projects(found) == ["Projet de alice", "Projet de bob"]
    assert messages(problems) == [
        (
            f"{results_file(homes / 'carol')}: lien vers le fichier d'un autre apprenant "
            "(alice/resultats/mes_resultats.json)\u00a0: non lu"
        )
    ]


def test_a_link_to_a_file_matched_directly_is_reported(grid, tmp_path):
    first = save(grid, tmp_path / "remis" / "a.json", "A")
    (tmp_path / "remis" / "b.json").symlink_to("a.json")
    found, problems = collect_results(tmp_path / "remis", grid, "*.json")
    assert list(found) == [first]
    assert messages(problems) == [
        f"{tmp_path / 'remis' / 'b.json'}: lien vers a.json, déjà rassemblé\u00a0: non lu une seconde fois"
    ]


def test_a_link_inside_ones_own_home_is_read(grid, homes):
    own = save(grid, homes / "carol" / "sauvegarde" / "copie.json", "Projet de carol")
    results_file(homes / "carol").parent.mkdir(parents=True)
    results_file(homes / "carol").symlink_to(own)
    found, problems = collect_results(homes, grid, RESULTS)
    assert problems == []
    assert found[results_file(homes / "carol")].project == "Projet de carol"


# --- whatever a file holds, the others are collected ---------------------------------


def test_a_file_nested_990_levels_deep_is_reported_and_the_others_collected(grid, homes, tmp_path):
    deep = results_file(homes / "carol")
    deep.parent.mkdir(parents=True)
    deep.write_text("[" * 990 + "]" * 990, encoding="utf-8")
    found, problems = collect_results(homes, grid, RESULTS)
    assert projects(found) == ["Projet de alice", "Projet de bob"]
    assert len(problems) == 1 and problems[0].path == str(deep) and problems[0].message


def test_any_exception_while_reading_is_a_problem_naming_the_file(grid, homes, monkeypatch):
    real = collect_module.read_results

    def reader(path, grid):
        if "alice" in str(path):
            raise RuntimeError("boum\nsur deux lignes " + "x" * 200)
        return real(path, grid)

    monkeypatch.setattr(collect_module, "read_results", reader)
    found, problems = collect_results(homes, grid, RESULTS)
    assert projects(found) == ["Projet de bob"]
    detail = ("boum sur deux lignes " + "x" * 200)[:79] + "…"
    assert messages(problems) == [f"{results_file(homes / 'alice')}: fichier illisible (RuntimeError)\u00a0: {detail}"]


def test_problems_of_keeps_a_content_errors_own_problems():
    error = ContentError([Problem("r.json", "un", line=1), Problem("r.json", "deux", line=2)])
    assert problems_of("r.json", error) == list(error.problems)
    assert messages(problems_of(Path("r.json"), MemoryError())) == ["r.json: fichier illisible (MemoryError)"]


# --- the folder, the pattern, the homes ----------------------------------------------


def test_a_folder_that_does_not_exist_is_an_error(grid, tmp_path):
    with pytest.raises(ContentError) as caught:
        collect_results(tmp_path / "nulle-part", grid)
    assert str(caught.value) == (
        f"{tmp_path / 'nulle-part'}: dossier introuvable (attendu\u00a0: le dossier qui contient "
        "les dossiers personnels des apprenants, par exemple /home)"
    )


def test_a_file_given_as_the_folder_is_an_error(grid, homes):
    with pytest.raises(ContentError) as caught:
        collect_results(results_file(homes / "alice"), grid)
    assert str(caught.value).startswith(f"{results_file(homes / 'alice')}: ce n'est pas un dossier (attendu\u00a0: ")


@pytest.mark.parametrize("pattern", ["", "/etc/*.json", "../*/resultats/mes_resultats.json"])
def test_a_pattern_outside_the_folder_is_an_error(grid, homes, pattern):
    with pytest.raises(ContentError) as caught:
        collect_results(homes, grid, pattern)
    assert str(caught.value) == (
        f"{homes}: motif '{pattern}' invalide (attendu\u00a0: un chemin relatif sous ce dossier, "
        "sans «\u00a0..\u00a0», par exemple */resultats/mes_resultats.json)"
    )


def test_homes_without_results_are_counted(grid, homes):
    (homes / "carol" / "resultats").mkdir(parents=True)
    (homes / "dan").mkdir()
    (homes / ".cache").mkdir()
    (homes / "lost+found").mkdir()
    (homes / "lisezmoi.txt").write_text("pas un dossier", encoding="utf-8")
    collection = collect_class(homes, grid, RESULTS)
    assert projects(collection.found) == ["Projet de alice", "Projet de bob"]
    assert collection.problems == []
    assert collection.without_results == [homes / "carol", homes / "dan"]


def test_a_home_with_a_reported_file_is_not_without_results(grid, homes):
    results_file(homes / "carol").mkdir(parents=True)
    collection = collect_class(homes, grid, RESULTS)
    assert collection.without_results == [] and len(collection.problems) == 1


def test_a_home_the_trainer_may_not_open_is_reported(grid, homes, monkeypatch):
    real = os.access
    monkeypatch.setattr(collect_module.os, "access", lambda path, mode: real(path, mode) and "bob" not in str(path))
    collection = collect_class(homes, grid, RESULTS)
    assert projects(collection.found) == ["Projet de alice"]
    assert messages(collection.problems) == [
        f"{homes / 'bob'}: dossier illisible (permission refusée)\u00a0: ses fichiers ne sont pas lus"
    ]
    assert collection.without_results == []


def test_a_folder_of_handed_in_files_has_no_homes(grid, tmp_path):
    save(grid, tmp_path / "alice.json", "A")
    (tmp_path / "vide").mkdir()
    collection = collect_class(tmp_path, grid, "*.json")
    assert projects(collection.found) == ["A"] and collection.without_results == []


def test_any_depth_finds_dangling_links_and_does_not_follow_linked_folders(grid, tmp_path):
    save(grid, tmp_path / "a" / "mes_resultats.json", "A")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "mes_resultats.json").symlink_to("absent.json")
    (tmp_path / "boucle").symlink_to(tmp_path)  # followed, it would list every file again and again
    found, problems = collect_results(tmp_path, grid, "**/mes_resultats.json")
    assert projects(found) == ["A"]
    assert [p.path for p in problems] == [str(tmp_path / "b" / "mes_resultats.json")]


@pytest.fixture
def deep_folders(tmp_path):
    """1,100 folders one in the other, removed bottom-up afterwards (pytest's rmtree would recurse too deep)."""
    chain = [tmp_path / "d"]
    for _ in range(1099):
        chain.append(chain[-1] / "d")
    for folder in chain:  # one by one: mkdir(parents=True) itself would recurse too deep
        folder.mkdir()
    yield chain[-1]
    for folder in reversed(chain):
        for entry in folder.iterdir():
            if not entry.is_dir():
                entry.unlink()
        folder.rmdir()


def test_folders_deeper_than_the_recursion_limit_are_walked(grid, tmp_path, deep_folders):
    save(grid, deep_folders / "r.json", "Tout au fond")
    found, problems = collect_results(tmp_path, grid, "**/*.json")
    assert projects(found) == ["Tout au fond"] and problems == []


def test_a_relative_folder_gives_relative_paths(grid, homes, monkeypatch):
    monkeypatch.chdir(homes)
    (Path("carol") / "resultats").mkdir(parents=True)
    results_file(Path("carol")).symlink_to(Path("..") / ".." / "bob" / "resultats" / "mes_resultats.json")
    found, problems = collect_results(".", grid, RESULTS)
    assert list(found) == [results_file(Path("alice")), results_file(Path("bob"))]
    assert [p.path for p in problems] == [str(results_file(Path("carol")))]


def test_every_problem_is_json_free_text_for_a_trainer(grid, homes):
    bad = results_file(homes / "carol")
    bad.parent.mkdir(parents=True)
    bad.write_text(json.dumps({"format": "autre"}), encoding="utf-8")
    _, problems = collect_results(homes, grid, RESULTS)
    assert problems and all(str(p).startswith(f"{bad}: ") and "\n" not in str(p) for p in problems)


def test_a_folder_that_cannot_be_listed_is_reported_once(grid, tmp_path, monkeypatch):
    save(grid, tmp_path / "a" / "r.json", "A")
    (tmp_path / "ferme").mkdir()
    real = os.scandir

    def scandir(path):
        if Path(path).name == "ferme":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(collect_module.os, "scandir", scandir)
    found, problems = collect_results(tmp_path, grid, "**/*.json")
    assert projects(found) == ["A"]
    assert messages(problems) == [
        f"{tmp_path / 'ferme'}: dossier illisible (permission refusée)\u00a0: ses fichiers ne sont pas lus"
    ]


# --- the default pattern: the deploy guide's layouts ----------------------------------


def test_the_default_pattern_finds_every_layout_of_the_deploy_guide(grid, tmp_path):
    root = tmp_path / "home"
    layouts = {
        "top": "resultats/mes_resultats.json",  # notebooks at the top of the home
        "image": "notebooks/resultats/mes_resultats.json",  # repo2docker image
        "puller": "isgrille/notebooks/resultats/mes_resultats.json",  # nbgitpuller clone
    }
    for name, rel in layouts.items():
        save(grid, root / name / rel, f"Projet {name}")
    (root / "vide" / "isgrille" / "notebooks").mkdir(parents=True)
    collection = collect_class(root, grid, DEFAULT_PATTERN)
    assert {path.relative_to(root).as_posix(): r.project for path, r in collection.found.items()} == {
        f"{name}/{rel}": f"Projet {name}" for name, rel in layouts.items()
    }
    assert collection.problems == [] and collection.without_results == [root / "vide"]


def test_the_old_pattern_missed_the_deploy_guide_layouts(grid, tmp_path):
    save(grid, tmp_path / "alice" / "notebooks" / "resultats" / "mes_resultats.json", "A")
    assert collect_class(tmp_path, grid, RESULTS).without_results == [tmp_path / "alice"]
    assert projects(collect_class(tmp_path, grid, DEFAULT_PATTERN).found) == ["A"]


def test_inside_a_home_the_walk_is_bounded_and_skips_hidden_folders(grid, tmp_path, monkeypatch):
    home = tmp_path / "alice"
    deepest = home / "/".join(f"d{k}" for k in range(HOME_DEPTH))  # ``**`` as HOME_DEPTH folders: found
    save(grid, deepest / "resultats" / "mes_resultats.json", "Au plus profond")
    save(grid, deepest / "d" / "resultats" / "mes_resultats.json", "Trop profond")
    save(grid, home / ".cache" / "resultats" / "mes_resultats.json", "Caché")
    listed: list[Path] = []
    real = collect_module.os.scandir
    monkeypatch.setattr(collect_module.os, "scandir", lambda path: (listed.append(Path(path)), real(path))[1])
    collection = collect_class(tmp_path, grid, DEFAULT_PATTERN)
    assert projects(collection.found) == ["Au plus profond"] and collection.problems == []
    assert home / ".cache" not in listed and deepest not in listed  # never listed, so never walked


def test_the_default_pattern_does_not_follow_linked_folders_in_a_home(grid, tmp_path):
    save(grid, tmp_path / "alice" / "resultats" / "mes_resultats.json", "A")
    (tmp_path / "alice" / "boucle").symlink_to(tmp_path / "alice")
    collection = collect_class(tmp_path, grid, DEFAULT_PATTERN)
    assert list(collection.found) == [tmp_path / "alice" / "resultats" / "mes_resultats.json"]
    assert collection.problems == []
