"""The room's Solara app: two pages, no tabs, each page its own component."""

from __future__ import annotations

from isgrille.delivery import room_app
from isgrille.delivery.room_participant import ParticipantApp
from isgrille.delivery.room_trainer import TrainerPage


def test_two_pages_with_the_plain_layout_and_french_titles() -> None:
    pages = {route.path: route for route in room_app.routes}
    assert set(pages) == {"/", "formateur"}
    assert pages["/"].component is ParticipantApp and pages["formateur"].component is TrainerPage
    assert all(route.layout is room_app.Plain for route in room_app.routes)  # Solara's default shows tabs
    assert all("Salle de l'atelier" in route.label for route in room_app.routes)
