"""A stand-in for the room's Solara app in the server's own tests: two tiny pages, "/" and "formateur".

The room's server serves it when ``ISGRILLE_ROOM_APP`` names it
(:data:`isgrille.delivery.room_server.APP_ENV`), so the gate and the server
are tested whatever state the real pages are in.
"""

from __future__ import annotations

import solara


@solara.component
def Plain(children: list = []) -> solara.Element:  # noqa: B006 (Solara's layout signature)
    return solara.Column(children=children)


@solara.component
def Participant() -> solara.Element:
    return solara.Markdown("Page des participants (test)")


@solara.component
def Trainer() -> solara.Element:
    return solara.Markdown("Page du formateur (test)")


routes = [
    solara.Route(path="/", component=Participant, layout=Plain),
    solara.Route(path="formateur", component=Trainer, layout=Plain),
]
