"""The cards screen: one project's card or all of them, through the functions it is given."""

from __future__ import annotations

from isgrille.widgets.card_download import Download
from isgrille.widgets.room_cards import RoomCards

from ..rooms import HOSTILE
from .room_fixtures import room, snapshot  # noqa: F401


def test_one_card_and_every_card_are_linked(snapshot):  # noqa: F811
    asked = []
    cards = RoomCards(
        lambda r: asked.append(r.project) or [Download("Fiche", f"{r.project}.pdf", "application/pdf", b"%PDF")],
        lambda rs: [Download("Toutes", "toutes.pdf", "application/pdf", b"%PDF" * len(rs))],
    )
    assert cards.one_button.disabled and "Aucun projet" in cards.message.value
    cards.show(snapshot)
    cards.project.value = 1
    files = cards.one_button.click() or cards.prepare_one()
    assert asked[-1] == HOSTILE and files[0].filename == f"{HOSTILE}.pdf"
    assert HOSTILE not in cards.links.value and 'download="&lt;img' in cards.links.value
    everything = cards.prepare_all()
    assert everything[0].data == b"%PDF" * 3 and "toutes.pdf" in cards.links.value


def test_a_failure_is_a_french_sentence(snapshot):  # noqa: F811
    def fail(_):
        raise ValueError("aucune fiche <x>")

    cards = RoomCards(fail, fail)
    cards.show(snapshot)
    assert (
        cards.prepare_all() == [] and "n'ont pas pu être préparées\u00a0: aucune fiche &lt;x&gt;" in cards.message.value
    )


def test_the_project_picked_stays_picked_when_the_room_is_read_again(snapshot):  # noqa: F811
    cards = RoomCards(lambda r: [], lambda rs: [])
    cards.show(snapshot)
    cards.project.value = 1
    picked = cards.project.label
    cards.show(snapshot)  # the room read again (every few seconds)
    assert cards.project.value == 1 and cards.project.label == picked
