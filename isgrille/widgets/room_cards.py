"""The room's profile cards: one project's card, or every project's at once in one PDF.

The screen holds no logic: on a click it hands the project picked (or all of
them) to the ``one`` or ``every`` function it was given
(:mod:`isgrille.delivery.room_view` draws them with
:mod:`isgrille.delivery.card_files`) and links the files it gets back — data
URIs, no server needed. Drawing takes a moment, so it happens on the click;
a failure is a French sentence, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as w

from ..analysis.room import RoomSnapshot, project_labels
from ..analysis.tidy import ProjectRecord
from .card_download import Download, links_html
from .text import STYLE, escape

__all__ = ["RoomCards", "links_html", "room_cards"]


class RoomCards(w.VBox):
    """``project`` picks a project, ``one_button`` prepares its card, ``all_button`` every card in one PDF;
    ``links`` then offers the files, ``message`` says what went wrong."""

    def __init__(
        self,
        one: Callable[[ProjectRecord], Sequence[Download]],
        every: Callable[[Sequence[ProjectRecord]], Sequence[Download]],
    ):
        self._one, self._every = one, every
        self.records: list[ProjectRecord] = []
        self.project = w.Dropdown(
            options=[],
            description="Projet\u00a0:",
            style={"description_width": "initial"},
            layout=w.Layout(width="100%"),
        )
        self.one_button = w.Button(
            description="Préparer la fiche de ce projet", icon="download", layout=w.Layout(width="auto")
        )
        self.all_button = w.Button(
            description="Préparer toutes les fiches (un seul PDF)", icon="file-pdf-o", layout=w.Layout(width="auto")
        )
        self.one_button.on_click(lambda _: self.prepare_one())
        self.all_button.on_click(lambda _: self.prepare_all())
        self.links = w.HTML()
        self.message = w.HTML()
        super().__init__(
            [
                w.HTML(STYLE),
                self.project,
                w.HBox([self.one_button, self.all_button], layout=w.Layout(flex_flow="row wrap")),
                self.links,
                self.message,
            ]
        )
        self._enable()

    def show(self, snapshot: RoomSnapshot) -> None:
        """The room's projects as choices (the one picked stays picked)."""
        self.records = list(snapshot.cohort.projects)
        options = list(zip(project_labels(self.records), range(len(self.records)), strict=True))
        picked = self.project.label  # read before the options change (which resets it)
        self.project.options = options
        self.project.value = dict(options).get(picked, 0 if options else None)
        self._enable()

    def _enable(self) -> None:
        empty = not self.records
        self.one_button.disabled = self.all_button.disabled = empty
        self.message.value = (
            "<p>Aucun projet dans la salle pour l'instant\u00a0: pas de fiche à préparer.</p>" if empty else ""
        )

    def prepare_one(self) -> list[Download]:
        if self.project.value is None:
            return []
        return self._prepare(lambda: self._one(self.records[self.project.value]))

    def prepare_all(self) -> list[Download]:
        return self._prepare(lambda: self._every(self.records)) if self.records else []

    def _prepare(self, build: Callable[[], Sequence[Download]]) -> list[Download]:
        self.links.value, self.message.value = "", "<p>Préparation…</p>"
        try:
            files = list(build())
        except Exception as exc:  # noqa: BLE001 — a French sentence, never a traceback
            self.message.value = (
                f'<div class="isg-notice">Les fiches n\'ont pas pu être préparées\u00a0: '
                f"{escape(str(exc) or type(exc).__name__)}</div>"
            )
            return []
        self.message.value = ""
        self.links.value = links_html(files)
        return files


def room_cards(
    one: Callable[[ProjectRecord], Sequence[Download]], every: Callable[[Sequence[ProjectRecord]], Sequence[Download]]
) -> RoomCards:
    """The cards screen: ``one(record)`` and ``every(records)`` make the files to download."""
    return RoomCards(one, every)
