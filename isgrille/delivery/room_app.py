"""The live room's Solara app: the participants' page at ``/``, the trainer's at ``/formateur``.

The room's server (:mod:`~.room_server`) serves this module with Solara
(``SOLARA_APP=isgrille.delivery.room_app``); :data:`routes` are its pages,
each with :func:`Plain` as layout (Solara's default layout would show a tab
for every route). The gate has checked the cookies before any page is
served; each page checks them again in its session (Solara's client-side
router can reach a route without an HTTP request), and builds nothing for a
session whose cookie does not hold.
"""

from __future__ import annotations

import solara

from .room_participant import ParticipantApp
from .room_trainer import TrainerPage

__all__ = ["Plain", "routes"]


@solara.component
def Plain(children: list = []) -> solara.Element:  # noqa: B006 (Solara's layout signature)
    """The pages' layout: their content and nothing else (no tabs, no app bar)."""
    return solara.Column(children=children, gap="0", style={"padding": "0", "max-width": "100%"})


#: The labels are the pages' titles until their components set their own.
routes = [
    solara.Route(path="/", component=ParticipantApp, label="Salle de l'atelier", layout=Plain),
    solara.Route(path="formateur", component=TrainerPage, label="Salle de l'atelier — formateur", layout=Plain),
]
