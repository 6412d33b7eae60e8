"""Tests of isgrille/widgets/session.py: project name, download link, resuming from a file, the example notice.

The tests type the project's name, decode the download link's ``data:`` URI,
and upload files by assigning ``FileUpload.value`` as the browser does
(ipywidgets 8: a tuple of dicts), then check the message shown and what
the store holds on disk.
"""

from __future__ import annotations

import errno
import json
from datetime import UTC, datetime

import pytest

from isgrille import Kit, LearnerResults, ResultsStore, open_kit, read_results
from isgrille.widgets.booster import ExchangeSheet
from isgrille.widgets.quiz import QuizWidget
from isgrille.widgets.session import SessionPanel, example_notice, session_panel

from .reading import decode_data_uri, text_of


def upload(panel: SessionPanel, content: bytes, name: str = "mes_resultats.json") -> None:
    panel.upload.value = (
        {
            "name": name,
            "type": "application/json",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": datetime.now(UTC),
        },
    )


@pytest.fixture
def earlier(grid) -> LearnerResults:
    """Results a learner downloaded in an earlier session."""
    results = LearnerResults(
        project="La Recyclerie du Val",
        learner="Camille",
        stage="incuber",
        quiz={"publics_fragiles": "FAUX"},
        innovation_dimensions=["sociale"],
        axes={"caractere_collectif": "Ouvrir le bureau"},
        pitch={"a": "Recyclerie"},
    )
    results.rate("caractere_collectif", 1)
    results.rate("rupture_existant", None)
    return results


@pytest.fixture
def current(grid, path) -> ResultsStore:
    """A store holding some work already, on disk."""
    store = ResultsStore(grid, path)
    store.replace(LearnerResults(project="Projet du jour", quiz={"tous_secteurs": "VRAI"}))
    return ResultsStore(grid, path)


def test_shows_the_project_and_where_results_are_saved(current, path):
    panel = session_panel(current)
    assert panel.project.value == "Projet du jour"
    assert f"résultats enregistrés dans {path}" in text_of(panel.download.value)
    assert panel.message.value == ""
    assert panel.upload.accept == ".json" and not panel.upload.multiple


def test_memory_store_says_results_are_not_on_disk(grid):
    panel = SessionPanel(ResultsStore(grid))
    assert "(résultats non enregistrés sur disque)" in text_of(panel.download.value)


def test_typing_the_project_name_saves_it_and_renews_the_link(store, path, grid):
    panel = SessionPanel(store)
    panel.project.value = "Ma <recyclerie>"
    assert read_results(path, grid).project == "Ma <recyclerie>"
    assert decode_data_uri(panel.download.value)["project"]["name"] == "Ma <recyclerie>"


def test_download_link_holds_the_current_results(current, grid):
    panel = SessionPanel(current, filename="camille.json")
    assert 'download="camille.json"' in panel.download.value
    assert "Télécharger mes résultats" in text_of(panel.download.value)
    document = decode_data_uri(panel.download.value)
    assert document["format"] == "isgrille-results"
    assert document["grid"] == "ami_is_nouvelle_aquitaine"
    assert document["project"]["name"] == "Projet du jour"
    assert document["quiz"] == {"tous_secteurs": "VRAI"}
    # and it is a results file the kit reads back
    assert LearnerResults.from_json(json.dumps(document), grid).quiz == {"tous_secteurs": "VRAI"}


def test_download_link_after_refresh_has_work_done_elsewhere(current, grid, quiz):
    panel = SessionPanel(current)
    QuizWidget(quiz, current).choices[0].value = "VRAI"
    panel.refresh()
    assert decode_data_uri(panel.download.value)["quiz"] == {"tous_secteurs": "VRAI", "reponses_nouvelles": "VRAI"}


def test_download_link_follows_work_saved_by_other_screens(current, grid, quiz):
    panel = SessionPanel(current)
    QuizWidget(quiz, current).choices[0].value = "VRAI"
    assert decode_data_uri(panel.download.value)["quiz"] == {"tous_secteurs": "VRAI", "reponses_nouvelles": "VRAI"}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_uploading_a_results_file_replaces_the_results(current, path, grid, earlier, encoding):
    panel = SessionPanel(current)
    upload(panel, earlier.to_json(grid).encode(encoding), "camille.json")
    on_disk = read_results(path, grid)
    assert on_disk.project == "La Recyclerie du Val"
    assert on_disk.quiz == {"publics_fragiles": "FAUX"}  # replaced, not merged
    assert on_disk.assessments == {"autoévaluation": {"caractere_collectif": 1, "rupture_existant": None}}
    assert (on_disk.stage, on_disk.axes, on_disk.pitch) == ("incuber", earlier.axes, earlier.pitch)
    assert ResultsStore(grid, path).load().innovation_dimensions == ["sociale"]
    assert panel.project.value == "La Recyclerie du Val"
    assert text_of(panel.message.value).startswith("✔ Résultats repris depuis camille.json")
    assert decode_data_uri(panel.download.value)["project"]["name"] == "La Recyclerie du Val"


def test_uploaded_results_reach_a_memory_store(grid, earlier):
    store = ResultsStore(grid)
    upload(SessionPanel(store), earlier.to_json(grid).encode())
    assert store.load().quiz == {"publics_fragiles": "FAUX"}


BAD = {
    "bad_json": (b'{"format": "isgrille-results", "version": 1,', "Fichier non repris"),
    "not_json_at_all": (b"ceci n'est pas du JSON", "Fichier non repris"),
    "wrong_level": (None, "niveau 'Tres fort' inconnu"),
    "unknown_criterion": (None, "critère 'critere_inconnu' inconnu"),
    "wrong_format": (b'{"format": "autre", "version": 1}', "Fichier non repris"),
    "newer_version": (b'{"format": "isgrille-results", "version": 9}', "plus récente que ce kit"),
    "not_utf8": ("é".encode("latin-1") + b"{}", "n'est pas encodé en UTF-8"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_an_invalid_upload_says_why_and_changes_nothing(current, path, grid, earlier, case):
    content, message = BAD[case]
    if case == "wrong_level":
        content = earlier.to_json(grid).replace('"Faible"', '"Tres fort"').encode()
    elif case == "unknown_criterion":
        content = (
            earlier.to_json(grid).replace('"caractere_collectif": "Faible"', '"critere_inconnu": "Faible"').encode()
        )
    panel = SessionPanel(current)
    before = path.read_bytes()
    upload(panel, content, "fichier.json")
    assert message in text_of(panel.message.value)
    assert 'class="isg-notice"' in panel.message.value
    assert path.read_bytes() == before
    assert ResultsStore(grid, path).load().project == "Projet du jour"
    assert panel.project.value == "Projet du jour"
    assert decode_data_uri(panel.download.value)["quiz"] == {"tous_secteurs": "VRAI"}


def test_the_uploaded_file_name_is_escaped(current):
    panel = SessionPanel(current)
    upload(panel, b"{", "<img src=x onerror=alert(1)>.json")
    assert "<img" not in panel.message.value
    assert "&lt;img src=x onerror=alert(1)&gt;.json" in panel.message.value


def test_clearing_the_upload_does_nothing(current, path):
    panel = SessionPanel(current)
    upload(panel, b"{", "a.json")
    shown = panel.message.value
    before = path.read_bytes()
    panel.upload.value = ()
    assert panel.message.value == shown
    assert path.read_bytes() == before


def test_an_unreadable_results_file_is_set_aside_and_the_panel_says_so(grid, path):
    broken = '{"format": "isgrille-results", pas du json'
    path.write_text(broken, encoding="utf-8")
    store = ResultsStore(grid, path)
    panel = SessionPanel(store)
    shown = text_of(panel.message.value)
    assert 'class="isg-notice"' in panel.message.value
    assert f"Le fichier {path} n'a pas pu être lu" in shown
    aside = list(path.parent.glob("r.illisible-*.json"))
    assert len(aside) == 1 and aside[0].name in shown
    assert aside[0].read_text(encoding="utf-8") == broken  # kept, never overwritten
    panel.project.value = "Nouveau départ"  # and work goes on
    assert read_results(path, grid).project == "Nouveau départ"


def test_no_example_notice_for_the_learners_own_results(grid, path):
    ResultsStore(grid, path).update(lambda r: r.rate("caractere_collectif", 2))
    kit = open_kit(results_path=path, example_if_empty=True)
    assert not kit.is_example
    assert kit.store.load().assessment().ratings == {"caractere_collectif": 2}
    assert example_notice(kit) is None


def test_example_notice_says_the_example_is_shown_and_nothing_is_saved(tmp_path, workshop):
    path = tmp_path / "r.json"
    kit = open_kit(results_path=path, example_if_empty=True)
    assert kit.is_example and kit.store.path is None
    notice = example_notice(kit)
    text = text_of(notice.value)
    assert 'class="isg-notice"' in notice.value
    assert "projet fictif d'exemple La Recyclerie du Val (fictif)" in text
    assert "n'est pas enregistré" in text
    # what is typed on the example really is not saved in the learner's file
    ExchangeSheet(workshop.sequence(4).exchange.topics, kit.store).boxes["Retour sur le pitch IS"].value = "note"
    assert not path.exists()


def test_example_notice_escapes_the_project_name(grid, quiz, concepts, workshop):
    store = ResultsStore(grid)
    store.update(lambda r: setattr(r, "project", "<script>alert(1)</script>"))
    notice = example_notice(Kit(grid, quiz, concepts, workshop, store, is_example=True))
    assert "<script>" not in notice.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in notice.value


# --- resuming safely: size bound, a dated copy of the current work -------------------------


def test_an_upload_over_the_size_bound_is_refused_before_it_is_read(current, path, grid, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("an oversized upload must not be decoded or parsed")

    monkeypatch.setattr(LearnerResults, "from_json", never)
    panel = SessionPanel(current)
    before = path.read_bytes()
    upload(panel, b"\xff" * 7_000_000, "énorme.json")
    shown = text_of(panel.message.value)
    assert shown == (
        "Fichier non repris\u00a0: énorme.json est trop volumineux (7 Mo\u202f; au plus 2 Mo) "
        "pour être un fichier de résultats du kit."
    )
    assert path.read_bytes() == before and panel.project.value == "Projet du jour"
    assert sorted(p.name for p in path.parent.iterdir()) == [".r.json.lock", "r.json"]


def test_resuming_keeps_the_current_file_as_a_dated_copy_named_on_screen(current, path, grid, earlier):
    panel = SessionPanel(current)
    before = path.read_bytes()
    upload(panel, earlier.to_json(grid).encode(), "camille.json")
    [copy] = path.parent.glob("r.avant-reprise-*.json")
    assert copy.read_bytes() == before  # the work of the day, as it was
    assert f"Votre travail précédent est gardé dans le fichier {copy.name}." in text_of(panel.message.value)
    assert read_results(path, grid).project == "La Recyclerie du Val"
    upload(panel, earlier.to_json(grid).replace("Val", "Lot").encode(), "autre.json")  # resume again
    copies = sorted(path.parent.glob("r.avant-reprise-*.json"))
    assert len(copies) == 2 and copy in copies  # the first copy is never overwritten
    [second] = [c for c in copies if c != copy]
    assert read_results(second, grid).project == "La Recyclerie du Val"
    assert second.name in text_of(panel.message.value)


def test_resuming_in_memory_keeps_no_copy(grid, earlier):
    store = ResultsStore(grid)
    panel = SessionPanel(store)
    upload(panel, earlier.to_json(grid).encode())
    assert store.load().project == "La Recyclerie du Val"
    assert "gardé dans" not in text_of(panel.message.value)


def full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_when_no_copy_can_be_kept_nothing_is_replaced(current, path, grid, earlier, monkeypatch):
    monkeypatch.setattr("isgrille.results.kitfile.os.link", full)
    panel = SessionPanel(current)
    before = path.read_bytes()
    upload(panel, earlier.to_json(grid).encode(), "camille.json")
    assert text_of(panel.message.value) == (
        f"Fichier non repris\u00a0: {path}: copie de sauvegarde impossible (disque plein)\u00a0: rien n'a été remplacé"
    )
    assert path.read_bytes() == before and current.load().project == "Projet du jour"


def test_a_resume_that_cannot_be_saved_is_kept_on_screen_and_said(current, path, grid, earlier, monkeypatch):
    panel = SessionPanel(current)
    before = path.read_bytes()
    monkeypatch.setattr("isgrille.results.atomic.os.replace", full)
    upload(panel, earlier.to_json(grid).encode(), "camille.json")
    assert "disque plein" in text_of(panel.status.value)
    assert "Résultats repris depuis camille.json, mais pas enregistrés" in text_of(panel.message.value)
    assert current.load().project == panel.project.value == "La Recyclerie du Val"
    assert decode_data_uri(panel.download.value)["project"]["name"] == "La Recyclerie du Val"
    assert path.read_bytes() == before


def test_a_read_only_store_says_where_results_are_not_saved(grid, path):
    ResultsStore(grid, path).update(lambda r: setattr(r, "project", "Lu"))
    panel = SessionPanel(ResultsStore(grid, path, readonly=True))
    assert f"(résultats non enregistrés\u00a0: {path} est en lecture seule)" in text_of(panel.download.value)


# --- in the live room ---------------------------------------------------------------------


def test_in_the_room_the_panel_says_the_work_is_on_the_trainers_computer(current, path, monkeypatch):
    monkeypatch.setenv("ISGRILLE_ROOM", str(path.parent))
    panel = session_panel(current)
    text = text_of(panel.download.value) + " ".join(
        text_of(child.value) for child in panel.children if hasattr(child, "value") and isinstance(child.value, str)
    )
    assert "résultats enregistrés sur l'ordinateur du formateur" in text
    assert str(path) not in text  # the trainer's folders are not the visitor's business
    assert "dans un fichier propre à ce navigateur" in text and "Sur Binder" not in text
    assert "⬇ Télécharger mes résultats" in text  # and they can take it home
    panel.project.value = "Projet de la salle"
    assert read_results(path, current.grid).project == "Projet de la salle"


def test_outside_the_room_the_binder_note_stays(current, monkeypatch):
    monkeypatch.delenv("ISGRILLE_ROOM", raising=False)
    panel = SessionPanel(current)
    assert not panel.room and any("Sur Binder" in getattr(child, "value", "") for child in panel.children)
    assert SessionPanel(current, room=True).room
