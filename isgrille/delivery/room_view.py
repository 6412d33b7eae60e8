"""The trainer's view of the room (notebook ``05_salle``): :func:`open_room` reads the room and keeps reading.

Where it reads: the folder given; else, in a room, ``$ISGRILLE_ROOM`` (each
visitor's ``<room>/<id>/mes_resultats.json``); else nothing yet — the trainer
adds learners' files uploaded from the browser (kept in a temporary folder,
each bounded like a resumed file). :class:`RoomView` holds the screens
(:mod:`isgrille.widgets.room_panel`, ``room_votes``, ``room_profile``,
``room_booster``, ``room_cards``) and refreshes them every few seconds on the
kernel's loop, only when a file came, went or changed; a failed refresh is
said in French on the panel and the next one tries again.

>>> view = open_room(start=False, environ={})
>>> view.refresh(), len(view.snapshot.files), view.panel.joined.value[:30]
(False, 0, "<p>Personne n'a encore rejoint")
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..analysis.card import card_from_record
from ..analysis.room import RoomReader, RoomSnapshot, save_upload, vote_tallies
from ..analysis.tidy import ProjectRecord
from ..content.attribution import attribution_of
from ..content.loading import load_grid, load_quiz, load_workshop
from ..results.store import ResultsStore
from ..widgets.card_download import Download
from ..widgets.room_booster import RoomBooster
from ..widgets.room_cards import RoomCards
from ..widgets.room_panel import Refresher, RoomPanel
from ..widgets.room_profile import RoomProfile
from ..widgets.room_votes import RoomVotes
from .card_files import card_downloads, class_downloads
from .kit import grid_path_from_env
from .room_visitor import ROOM_ENV, URL_ENV  # the room folder and the address to give the room

__all__ = ["ROOM_ENV", "URL_ENV", "RoomView", "open_room"]

BOOSTER_SEQUENCE = 4


class RoomView:
    """The room read by ``reader``, on five screens: ``panel``, ``votes``, ``profile``, ``booster``, ``cards``."""

    def __init__(
        self, reader: RoomReader, *, url: str = "", where: str = "", uploads: bool = False, interval: float = 5.0
    ):
        self.reader, self.grid, self.quiz = reader, reader.grid, reader.quiz
        self.snapshot: RoomSnapshot | None = None
        self.upload_dir: Path | None = None
        self.uploaded = 0
        workshop = load_workshop()
        sequence = workshop.sequence(BOOSTER_SEQUENCE)
        self.outline = sequence.pitch.outline if sequence.pitch is not None else None
        self.attribution = attribution_of(workshop, self.grid)  # every card says whose work it reproduces
        minutes = sequence.pitch.minutes if sequence.pitch is not None else 2
        topics = sequence.exchange.topics if sequence.exchange is not None else []  # a pack may have no exchange
        self.refresher = Refresher(self.refresh, interval, on_error=self._failed)  # its failures said by _failed
        self.panel = RoomPanel(
            url, where, lambda: self.tick(force=True), self.toggle_auto, self.upload if uploads else None
        )
        self.votes = RoomVotes(self.quiz)
        self.profile = RoomProfile(self.grid)
        self.booster = RoomBooster(self.grid, topics, minutes, lambda path: ResultsStore(self.grid, path))
        self.cards = RoomCards(self.card_files, self.class_pdf)

    def refresh(self, force: bool = False) -> bool:
        """Read the room again; True when something changed (the screens then show it). May raise."""
        snapshot = self.reader.read(force)
        if snapshot is None:
            return False
        self.snapshot = snapshot
        self.panel.show(snapshot)
        self.votes.show(vote_tallies(snapshot.cohort.quiz, self.quiz))
        self.profile.show(snapshot)
        self.booster.show(snapshot)
        self.cards.show(snapshot)
        return True

    def tick(self, force: bool = False) -> None:
        """One refresh whose failure is said on the panel, in French."""
        try:
            self.refresh(force)
        except Exception as exc:  # noqa: BLE001 — said on the panel; the next tick tries again
            self._failed(exc)

    def start(self) -> bool:
        """Refresh every few seconds on the kernel's loop; False (and said on the panel) when there is none."""
        running = self.refresher.start()
        self.panel.show_auto(running)
        if not running:
            self.panel.auto_button.description = "Lancer la mise à jour automatique"
        return running

    def stop(self) -> None:
        self.refresher.stop()
        self.panel.show_auto(False)

    def toggle_auto(self) -> bool:
        if self.refresher.running:
            self.refresher.stop()
        else:
            self.refresher.start()
        return self.refresher.running

    def upload(self, name: str, content: bytes) -> str:
        """Keep an uploaded file for the next reading; a French sentence saying what became of it."""
        if self.upload_dir is None:
            self.upload_dir = Path(tempfile.mkdtemp(prefix="isgrille-salle-"))
            self.reader.sources.append(self.upload_dir)
        try:
            save_upload(self.upload_dir, name, content, self.uploaded)
        except (ValueError, OSError) as exc:
            return f"Fichier {exc}" if isinstance(exc, ValueError) else f"{name}\u00a0: non ajouté ({exc})"
        self.uploaded += 1
        return f"{name}\u00a0: ajouté (lu à la prochaine mise à jour\u202f; un fichier illisible est signalé plus bas)."

    def card_files(self, record: ProjectRecord) -> list[Download]:
        """One project's card as a PDF and a web page."""
        return card_downloads(card_from_record(self.grid, record, self.outline), self.grid, "Fiche", self.attribution)

    def class_pdf(self, records: Sequence[ProjectRecord]) -> list[Download]:
        """Every project's card in one PDF, one page each."""
        return class_downloads(self.grid, records, self.outline, self.attribution)

    def _failed(self, exc: Exception) -> None:
        self.panel.show_status(
            f"La mise à jour a échoué ({exc or type(exc).__name__})\u00a0: nouvel essai dans "
            f"{self.refresher.interval:g} secondes.",
            failed=True,
        )


def open_room(
    folder: str | Path | None = None,
    *,
    interval: float = 5.0,
    start: bool = True,
    environ: Mapping[str, str] | None = None,
) -> RoomView:
    """The trainer's view of the room, read once and refreshed every ``interval`` seconds (``start``).

    ``folder``: learners' files to read (JupyterHub homes collected…); None
    means the room of ``$ISGRILLE_ROOM``, else no folder (files can be
    uploaded). The grid is ``$ISGRILLE_GRID``'s, as in every notebook.
    """
    env = os.environ if environ is None else environ
    grid = load_grid(grid_path_from_env())
    quiz, url, room = load_quiz(), env.get(URL_ENV, ""), env.get(ROOM_ENV, "")
    if folder is not None:
        reader, where, uploads = RoomReader([folder], grid, quiz), f"le dossier {folder}", True
    elif room:
        reader, where, uploads = RoomReader([room], grid, quiz, room=True), f"la salle ({room})", False
    else:
        reader, uploads = RoomReader([], grid, quiz), True
        where = (
            "aucune salle en cours (pas de variable ISGRILLE_ROOM) ni de dossier\u00a0: lancez la salle avec "
            '«\u00a0python -m isgrille room\u00a0», donnez un dossier à open_room("dossier"), ou ajoutez des '
            "fichiers de résultats ci-dessous"
        )
    view = RoomView(reader, url=url, where=where, uploads=uploads, interval=interval)
    view.tick(force=True)
    if start:
        view.start()
    return view
