"""Tests of isgrille.delivery.kit: open_kit, the content and the learner's results store in one call.

Every results file is in ``tmp_path`` (the default one is redirected there
through ``ISGRILLE_RESULTS``); the shipped example must never be written to.
"""

from __future__ import annotations

import errno
import json
import os

import pytest

from isgrille import ContentError, load_grid
from isgrille.content.loading import data_dir
from isgrille.delivery.kit import DEFAULT, Kit, example_results_path, grid_path_from_env, open_kit
from isgrille.results.learner import SELF, LearnerResults
from isgrille.results.store import SaveError, read_results, save_results

SMALL_GRID = """\
kind: grid
id: grille_courte
levels: [Bas, Moyen, Haut]
dimensions:
  - id: portage
    label: Portage
    criteria:
      - id: collectif
        label: Caractère collectif
        descriptors: {Bas: seul, Moyen: à deux, Haut: un collectif}
"""


@pytest.fixture(scope="module")
def ami_grid():
    return load_grid()


@pytest.fixture
def results_path(tmp_path, monkeypatch):
    """The learner's results file, also where the default one is redirected."""
    path = tmp_path / "resultats" / "mes_resultats.json"
    monkeypatch.setenv("ISGRILLE_RESULTS", str(path))
    return path


def rated(project: str, **ratings) -> LearnerResults:
    results = LearnerResults(project=project)
    for criterion_id, level in ratings.items():
        results.rate(criterion_id, level)
    return results


def test_in_memory_kit_holds_the_shipped_content():
    kit = open_kit(results_path=None)
    assert isinstance(kit, Kit)
    assert (len(kit.grid.criteria), len(kit.quiz.items), kit.store.path, kit.is_example) == (12, 7, None, False)
    assert kit.grid == load_grid()
    assert [s.number for s in kit.workshop.sequences] == [1, 2, 3, 4]
    assert next(d.id for d in kit.concepts.definitions) == "oslo"
    kit.store.update(lambda r: r.rate("caractere_collectif", 2))
    assert kit.store.load().assessment().ratings == {"caractere_collectif": 2}


def test_a_results_file_is_created_on_the_first_save(results_path, ami_grid):
    kit = open_kit(results_path=results_path)
    assert kit.store.path == results_path and not kit.is_example
    assert not results_path.exists()  # opening writes nothing
    kit.store.update(lambda r: r.quiz.update(publics_fragiles="FAUX"))
    assert read_results(results_path, ami_grid).quiz == {"publics_fragiles": "FAUX"}


def test_an_existing_results_file_is_read(results_path, ami_grid):
    save_results(rated("Ma recyclerie", caractere_collectif=1), results_path, ami_grid)
    kit = open_kit(results_path=str(results_path))
    assert kit.store.load().project == "Ma recyclerie"
    assert kit.store.load().assessment().ratings == {"caractere_collectif": 1}


def test_default_results_path_follows_the_environment(results_path, ami_grid):
    save_results(rated("Par défaut"), results_path, ami_grid)
    for kit in (open_kit(), open_kit(results_path=DEFAULT)):
        assert kit.store.path == results_path
        assert kit.store.load().project == "Par défaut"


@pytest.mark.parametrize("learner_file", ["absent", "nothing-rated"])
def test_example_if_empty_shows_the_example_and_leaves_the_learner_file_alone(results_path, ami_grid, learner_file):
    if learner_file == "nothing-rated":
        save_results(LearnerResults(project="Mon projet", quiz={"publics_fragiles": "VRAI"}), results_path, ami_grid)
    before = results_path.read_bytes() if results_path.exists() else None

    kit = open_kit(results_path=results_path, example_if_empty=True)
    assert kit.is_example
    assert kit.store.path is None  # in memory: nothing the learner does here is written
    example = json.loads(example_results_path().read_text(encoding="utf-8"))
    shown = kit.store.load()
    assert shown.project == example["project"]["name"] and shown.project.endswith("(fictif)")
    assert set(shown.assessments) == {SELF, "formateur"}
    kit.store.update(lambda r: r.rate("caractere_collectif", 0))

    after = results_path.read_bytes() if results_path.exists() else None
    assert after == before
    assert json.loads(example_results_path().read_text(encoding="utf-8")) == example


def test_example_if_empty_keeps_a_learner_who_has_rated(results_path, ami_grid):
    save_results(rated("Mon projet", rupture_existant=3), results_path, ami_grid)
    kit = open_kit(results_path=results_path, example_if_empty=True)
    assert not kit.is_example
    assert kit.store.path == results_path
    assert kit.store.load().assessment().ratings == {"rupture_existant": 3}


def test_example_if_empty_in_memory(ami_grid):
    kit = open_kit(results_path=None, example_if_empty=True)
    assert kit.is_example and kit.store.load().project.endswith("(fictif)")


def test_grid_path_loads_another_grid(tmp_path, results_path):
    grid_path = tmp_path / "grille.yaml"
    grid_path.write_text(SMALL_GRID, encoding="utf-8")
    kit = open_kit(results_path=results_path, grid_path=grid_path)
    assert (kit.grid.id, kit.grid.levels) == ("grille_courte", ("Bas", "Moyen", "Haut"))
    assert [c.id for c in kit.grid.criteria] == ["collectif"]
    assert kit.store.grid is kit.grid
    kit.store.update(lambda r: r.rate("collectif", 1))
    saved = json.loads(results_path.read_text(encoding="utf-8"))
    assert saved["grid"] == "grille_courte"
    assert saved["assessments"] == [{"assessor": SELF, "ratings": {"collectif": "Moyen"}}]
    assert len(kit.quiz.items) == 7  # the rest of the content is the shipped one


# --- a results path the kit cannot use: open_kit still opens, and says why ---------------


@pytest.mark.parametrize("kind", ["bashrc", "other_json", "folder"])
def test_a_path_that_is_not_a_kit_file_is_left_untouched_and_work_stays_in_memory(tmp_path, monkeypatch, kind):
    path = tmp_path / ("dossier" if kind == "folder" else ".bashrc" if kind == "bashrc" else "autre.json")
    if kind == "folder":
        path.mkdir()
        before = None
    else:
        path.write_bytes(b"export PATH=$HOME/bin:$PATH\n" if kind == "bashrc" else b'{"outil": "autre"}')
        before = (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_ino)
    monkeypatch.setenv("ISGRILLE_RESULTS", str(path))
    kit = open_kit()
    assert kit.store.path is None  # in memory
    assert kit.store.notice.startswith(f"{path}: ")
    assert "il n'a pas été modifié\u202f; choisissez un autre chemin" in kit.store.notice
    assert "ISGRILLE_RESULTS" in kit.store.notice and "«\u00a0Télécharger mes résultats\u00a0»" in kit.store.notice
    kit.store.update(lambda r: r.quiz.update(publics_fragiles="FAUX"))
    assert kit.store.load().quiz == {"publics_fragiles": "FAUX"}
    if before is not None:
        assert (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_ino) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_a_folder_that_cannot_be_written_gives_a_read_only_store(results_path, ami_grid, monkeypatch):
    save_results(rated("Mon projet", caractere_collectif=2), results_path, ami_grid)
    before = results_path.read_bytes()
    folder = str(results_path.parent)
    real_access = os.access
    monkeypatch.setattr(
        "isgrille.results.kitfile.os.access", lambda p, mode: False if str(p) == folder else real_access(p, mode)
    )
    kit = open_kit()
    assert kit.store.readonly and kit.store.path == results_path
    assert kit.store.notice.startswith(
        f"Vos résultats ne pourront pas être enregistrés dans {results_path} (dossier {folder} en lecture seule)"
    )
    assert kit.store.load().assessment().ratings == {"caractere_collectif": 2}
    with pytest.raises(SaveError, match="ouvert en lecture seule"):
        kit.store.update(lambda r: r.rate("rupture_existant", 1))
    assert kit.store.load().assessment().ratings == {"caractere_collectif": 2, "rupture_existant": 1}
    assert results_path.read_bytes() == before


def test_an_unreadable_file_in_a_folder_that_cannot_be_written(results_path, monkeypatch):
    results_path.parent.mkdir(parents=True)
    broken = b'{"format": "isgrille-results", "version": 1, cut'
    results_path.write_bytes(broken)

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("isgrille.results.store.ResultsLock.__enter__", read_only)
    kit = open_kit(example_if_empty=False)
    assert kit.store.readonly
    assert "n'a pas pu être lu" in kit.store.notice and "système de fichiers en lecture seule" in kit.store.notice
    assert results_path.read_bytes() == broken
    assert sorted(p.name for p in results_path.parent.iterdir()) == [results_path.name]


def test_the_example_keeps_the_learner_files_notice(tmp_path, monkeypatch):
    path = tmp_path / "autre.json"
    path.write_text('{"outil": "autre"}', encoding="utf-8")
    kit = open_kit(results_path=path, example_if_empty=True)
    assert kit.is_example and "ce n'est pas un fichier de résultats du kit" in kit.store.notice


@pytest.fixture
def small_grid_file(tmp_path):
    path = tmp_path / "grille_courte.yaml"
    path.write_text(SMALL_GRID, encoding="utf-8")
    return path


def test_the_environment_names_the_grid_when_none_is_given(small_grid_file, results_path, monkeypatch):
    monkeypatch.setenv("ISGRILLE_GRID", str(small_grid_file))
    kit = open_kit()
    assert (kit.grid.id, [c.id for c in kit.grid.criteria], kit.grid_path) == (
        "grille_courte",
        ["collectif"],
        small_grid_file,
    )
    assert open_kit(grid_path=data_dir() / "grid.yaml").grid.id == "ami_is_nouvelle_aquitaine"


@pytest.mark.parametrize("value", ["", "   "])
def test_an_empty_environment_variable_means_the_shipped_grid(value, results_path, monkeypatch):
    monkeypatch.setenv("ISGRILLE_GRID", value)
    kit = open_kit()
    assert (kit.grid.id, kit.grid_path) == ("ami_is_nouvelle_aquitaine", None)


def test_the_shipped_grid_named_explicitly_shows_no_path(results_path, monkeypatch):
    monkeypatch.setenv("ISGRILLE_GRID", str(data_dir() / "grid.yaml"))
    assert open_kit().grid_path is None


def test_a_given_grid_path_wins_over_the_environment(small_grid_file, results_path, monkeypatch, tmp_path):
    monkeypatch.setenv("ISGRILLE_GRID", str(tmp_path / "absente.yaml"))
    assert open_kit(grid_path=small_grid_file).grid.id == "grille_courte"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "absente.yaml"),
        ("kind: grid\nid: x\nlevels: [Seul]\ndimensions: []\n", "levels"),
    ],
)
def test_a_bad_grid_file_in_the_environment_is_a_french_content_error(
    content, expected, tmp_path, monkeypatch, results_path
):
    path = tmp_path / "absente.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    monkeypatch.setenv("ISGRILLE_GRID", str(path))
    with pytest.raises(ContentError) as raised:
        open_kit()
    assert str(path) in str(raised.value) and expected in str(raised.value)


def test_no_example_for_another_grid_an_empty_profile_and_a_french_note(small_grid_file, results_path):
    kit = open_kit(grid_path=small_grid_file, example_if_empty=True)
    assert not kit.is_example
    assert not any(kit.store.load().assessments.values())
    assert "le projet fictif d'exemple n'existe que pour la grille de l'AMI Innovation sociale" in kit.store.notice
    assert "«\u00a0grille_courte\u00a0»" in kit.store.notice
    assert not results_path.exists()  # nothing written on opening


def test_another_grid_with_ratings_has_no_note(small_grid_file, results_path):
    grid = load_grid(small_grid_file)
    save_results(rated("Mon projet", collectif=1), results_path, grid)
    kit = open_kit(grid_path=small_grid_file, example_if_empty=True)
    assert (kit.is_example, kit.store.notice, kit.store.load().project) == (False, "", "Mon projet")


# --- a shipped grid by name ------------------------------------------------------------

KEY_QUESTIONS = data_dir() / "grids" / "questions_cles.yaml"


@pytest.mark.parametrize("value", ["questions_cles", " QUESTIONS_CLES ", str(KEY_QUESTIONS)])
def test_the_environment_may_name_a_shipped_grid(value, results_path, monkeypatch):
    monkeypatch.setenv("ISGRILLE_GRID", value)
    kit = open_kit()
    assert (kit.grid.id, len(kit.grid.criteria), kit.grid.levels) == ("questions_cles", 7, ("Non", "En partie", "Oui"))
    assert kit.grid_path == KEY_QUESTIONS  # not the workshop's grid: the welcome card names its file
    assert kit.grid.adaptation.startswith("Grille adaptée par le kit isgrille")


@pytest.mark.parametrize("value", ["ami", "ami_is_nouvelle_aquitaine"])
def test_the_workshop_grid_by_name_is_the_default_one(value, results_path, monkeypatch):
    monkeypatch.setenv("ISGRILLE_GRID", value)
    kit = open_kit()
    assert (kit.grid.id, kit.grid_path, kit.grid) == ("ami_is_nouvelle_aquitaine", None, load_grid())
    assert open_kit(grid_path="questions_cles").grid.id == "questions_cles"  # the argument takes names too


def test_an_unknown_grid_name_is_a_french_content_error_listing_the_shipped_ones(results_path, monkeypatch):
    monkeypatch.setenv("ISGRILLE_GRID", "questions-cles")
    with pytest.raises(ContentError) as raised:
        open_kit()
    assert str(raised.value) == grid_error("questions-cles")
    with pytest.raises(ContentError):
        grid_path_from_env()
    assert not results_path.exists()


def grid_error(value: str) -> str:
    return (
        f"{value}: grille introuvable\u00a0: ce n'est ni un fichier existant, ni le nom d'une grille livrée avec le "
        "kit (attendu\u00a0: le chemin d'un fichier de grille, ou l'un des noms ami, ami_is_nouvelle_aquitaine, "
        "questions_cles)"
    )


def test_the_example_of_the_ami_grid_is_not_shown_with_the_key_questions(results_path):
    kit = open_kit(grid_path="questions_cles", example_if_empty=True)
    assert not kit.is_example and not any(kit.store.load().assessments.values())
    assert (
        "le projet fictif d'exemple n'existe que pour la grille de l'AMI Innovation sociale, pas pour la grille "
        "«\u00a0Questions clés pour l'analyse d'un projet d'innovation sociale\u00a0»\u00a0: évaluez votre projet dans la "
        "séquence 2, puis revenez ici."
    ) in kit.store.notice
    assert not results_path.exists()


def test_the_key_questions_example_opens_on_its_grid(tmp_path):
    shipped = data_dir() / "examples" / "questions_cles/results_fictional.json"
    copy = tmp_path / "resultats.json"
    copy.write_bytes(shipped.read_bytes())
    kit = open_kit(results_path=copy, grid_path="questions_cles", example_if_empty=True)
    results = kit.store.load()
    assert (kit.is_example, kit.store.notice, results.project) == (False, "", "Le Vélo-Bus des Écoliers (fictif)")
    assert set(results.assessments) == {SELF, "formateur"}


def test_each_shipped_grid_has_its_fictional_class_and_another_grid_none(tmp_path):
    from isgrille.content.loading import shipped_grids
    from isgrille.delivery.kit import class_sources

    for grid_id, path in shipped_grids().items():
        sources = class_sources(load_grid(path))
        assert len(sources) == 1 and sources[0].is_dir(), grid_id
    mine = tmp_path / "grille.yaml"
    text = shipped_grids()["questions_cles"].read_text(encoding="utf-8").replace("id: questions_cles", "id: ma_grille")
    mine.write_text(text, encoding="utf-8")
    assert load_grid(mine).id == "ma_grille" and class_sources(load_grid(mine)) == []


# --- in the live room: one file per visitor ------------------------------------------------


def _room_env(monkeypatch, room, username: str | None, secret: str = "ab" * 32) -> None:
    from tornado.web import create_signed_value

    monkeypatch.setenv("ISGRILLE_ROOM", str(room))
    monkeypatch.setenv("ISGRILLE_ROOM_SECRET", secret)
    monkeypatch.setenv("ISGRILLE_ROOM_COOKIE", "isgrille-salle-8866")
    header = ""
    if username is not None:
        value = create_signed_value(bytes.fromhex(secret), "isgrille-salle-8866", json.dumps({"username": username}))
        header = f'isgrille-salle-8866="{value.decode()}"'
    monkeypatch.setenv("HTTP_COOKIE", header)


def test_in_the_room_each_visitor_has_their_own_file(tmp_path, results_path, monkeypatch, ami_grid):
    room = tmp_path / "salle"
    kits = {}
    for username in ("visiteur1", "visiteur2", "visiteur1"):
        _room_env(monkeypatch, room, username)
        kit = open_kit()
        assert kit.store.path.parent.parent == room and kit.store.path.name == "mes_resultats.json"
        if username not in kits:
            kit.store.update(lambda r, name=username: setattr(r, "project", f"Projet de {name}"))
        kits.setdefault(username, []).append(kit)
    first, again = kits["visiteur1"]
    assert again.store.path == first.store.path and again.store.load().project == "Projet de visiteur1"
    assert kits["visiteur2"][0].store.path != first.store.path
    assert sorted(read_results(p, ami_grid).project for p in room.glob("*/mes_resultats.json")) == [
        "Projet de visiteur1",
        "Projet de visiteur2",
    ]
    assert not results_path.exists()  # $ISGRILLE_RESULTS is not the room's


def test_in_the_room_without_a_valid_cookie_work_stays_in_memory(tmp_path, monkeypatch):
    room = tmp_path / "salle"
    _room_env(monkeypatch, room, None)
    kit = open_kit()
    assert kit.store.path is None and "ce navigateur n'a pas été reconnu" in kit.store.notice
    kit.store.update(lambda r: setattr(r, "project", "Perdu"))
    assert not room.exists()
    _room_env(monkeypatch, room, "visiteur1", secret="cd" * 32)
    monkeypatch.setenv("ISGRILLE_ROOM_SECRET", "ab" * 32)  # signed with another key
    assert open_kit().store.path is None


def test_in_the_room_an_explicit_file_is_still_used(tmp_path, monkeypatch):
    _room_env(monkeypatch, tmp_path / "salle", "visiteur1")
    assert open_kit(results_path=tmp_path / "mien.json").store.path == tmp_path / "mien.json"
    assert open_kit(results_path=None).store.path is None
