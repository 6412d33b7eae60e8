"""open_room: where it reads (room, folder, uploads, nothing), the refresh picking up a newcomer, cards."""

from __future__ import annotations

import isgrille
from isgrille.content.loading import CONTENT_ENV, load_workshop
from isgrille.delivery.room_view import BOOSTER_SEQUENCE, open_room

from ..packs import pack_without
from ..rooms import HOSTILE, make_room, visitor
from ..widgets.reading import table_rows, text_of

URL = "http://10.1.2.3:8866/voila/render/00_accueil.ipynb?token=abcd2345"


def test_in_a_room_it_reads_the_room_and_shows_its_address(tmp_path):
    grid, quiz = isgrille.load_grid(), isgrille.load_quiz()
    room = make_room(tmp_path / "salle", grid, quiz)
    view = open_room(start=False, environ={"ISGRILLE_ROOM": str(room), "ISGRILLE_ROOM_URL": URL})
    assert "Code de la salle\u00a0: abcd2345" in text_of(view.panel.address.value)
    assert len(table_rows(view.panel.joined.value)) == 4 and "dddddddd4" in view.panel.problems.value
    assert view.panel._upload is None  # visitors' files only, no upload in a room
    assert view.refresh() is False  # nothing changed
    visitor(room, "eeeeeeee5", grid, "Nouvelle venue", rated=2)
    view.tick()
    assert "Nouvelle venue" in view.panel.joined.value and len(view.profile.project.options) == 1
    assert [label for label, _ in view.booster.project.options][-1] == "Nouvelle venue"


def test_a_failed_refresh_is_said_in_french_and_the_next_one_works(tmp_path, monkeypatch):
    grid, quiz = isgrille.load_grid(), isgrille.load_quiz()
    room = make_room(tmp_path / "salle", grid, quiz)
    view = open_room(start=False, environ={"ISGRILLE_ROOM": str(room)})
    real = view.reader.read
    monkeypatch.setattr(view.reader, "read", lambda force=False: (_ for _ in ()).throw(OSError("disque plein")))
    view.tick()
    assert "La mise à jour a échoué (disque plein)\u00a0: nouvel essai dans 5 secondes." in text_of(
        view.panel.status.value
    )
    monkeypatch.setattr(view.reader, "read", real)
    view.tick(force=True)
    assert "Lu à" in text_of(view.panel.status.value)


def test_outside_a_room_it_is_empty_with_a_french_message_then_reads_uploads(tmp_path):
    grid = isgrille.load_grid()
    view = open_room(start=False, environ={})
    assert "aucune salle en cours" in text_of(view.panel.where.value)
    assert "Personne n'a encore rejoint la salle" in view.panel.joined.value
    source = visitor(tmp_path, "aaaaaaaa1", grid, HOSTILE, rated=1)
    message = view.upload("mes_resultats.json", source.read_bytes())
    assert "ajouté" in message and "trop volumineux" in view.upload("x.json", b" " * 10_000_000)
    view.tick()
    assert "&lt;img src=x" in view.panel.joined.value and HOSTILE not in view.panel.joined.value


def test_a_folder_named_by_the_trainer_and_the_cards(tmp_path):
    grid, quiz = isgrille.load_grid(), isgrille.load_quiz()
    room = make_room(tmp_path / "homes", grid, quiz)
    view = open_room(room, start=False, environ={})
    assert "le dossier" in text_of(view.panel.where.value)
    view.cards.project.value = 0
    files = view.cards.prepare_one()
    assert [f.filename for f in files] == ["fiche_Recyclerie.pdf", "fiche_Recyclerie.html"]
    assert files[0].data.startswith(b"%PDF")
    everything = view.cards.prepare_all()
    assert everything[0].data.count(b"/Type /Page\n") + everything[0].data.count(b"/Type /Page ") >= 1
    assert "fiches_salle.pdf" in view.cards.links.value


def test_a_pack_without_an_exchange_opens_with_a_booster_without_topics(tmp_path, monkeypatch):
    pack = pack_without(tmp_path / "mon_atelier", BOOSTER_SEQUENCE, "exchange")
    monkeypatch.setenv(CONTENT_ENV, str(pack))
    assert load_workshop().sequence(BOOSTER_SEQUENCE).exchange is None
    grid, quiz = isgrille.load_grid(), isgrille.load_quiz()
    room = make_room(tmp_path / "homes", grid, quiz)
    view = open_room(room, start=False, environ={})
    assert view.booster.topics == []
    labels = [label for label, _ in view.booster.project.options]
    view.booster.project.value = view.booster.project.options[labels.index("Recyclerie")][1]
    assert "Recyclerie" in view.booster.title.value and view.booster.message.value == ""
    assert view.booster.sheet is not None and view.booster.sheet.boxes == {}  # an exchange sheet with no topic
