"""The learner's session panel: project name, where results are saved, download and resume.

On Binder a session can die at any time: this panel says where the results
are, offers a download link that needs no server (a ``data:`` URI) and
takes back a downloaded file to resume on a new session. The link always
holds the work on screen, saved or not. A file to resume from is refused
above ``MAX_BYTES["results"]`` before it is even decoded; a valid one
replaces the current work only after the current file is kept as a dated
copy beside it (``mes_resultats.avant-reprise-DATE.json``), named on screen.

In the live room (a kernel started by ``python -m isgrille room``, where
``$ISGRILLE_ROOM`` is set) the panel says that the work is saved on the
trainer's computer, in a file of this browser's own, and can be downloaded.
"""

from __future__ import annotations

import os

import ipywidgets as w

from ..content.errors import ContentError
from ..content.limits import MAX_BYTES, size_label
from ..results.learner import LearnerResults
from ..results.store import ResultsStore, SaveError, results_data_uri
from .status import SaveStatus
from .text import STYLE, escape

__all__ = ["SessionPanel", "example_notice", "session_panel"]

BINDER_NOTE = (
    "Sur Binder, la session peut s'arrêter sans prévenir (inactivité, fermeture de l'onglet)\u00a0: "
    "<strong>téléchargez vos résultats</strong> à la fin de chaque séquence, et rechargez le fichier "
    "ici pour reprendre."
)
ROOM_NOTE = (
    "Vous êtes dans la salle de l'atelier\u00a0: vos résultats sont enregistrés sur l'ordinateur du formateur, "
    "dans un fichier propre à ce navigateur. Rouvrez le lien de la salle dans ce même navigateur pour "
    "les retrouver, et <strong>téléchargez-les</strong> pour les garder."
)
#: Set in the kernels of the live room (the room folder).
ROOM_ENV = "ISGRILLE_ROOM"


class SessionPanel(w.VBox):
    """``project`` names the project; ``download`` links the file; ``upload`` resumes from one.

    ``status`` says when a save failed; ``message`` tells of the file (set aside, read-only)
    and of a resume. ``room``: in the live room (default: when ``$ISGRILLE_ROOM`` is set).
    """

    def __init__(self, store: ResultsStore, filename: str = "mes_resultats.json", room: bool | None = None):
        self.store, self.filename = store, filename
        self.room = bool(os.environ.get(ROOM_ENV)) if room is None else room
        results = store.load()
        self.project = w.Text(
            value=results.project,
            description="Mon projet\u00a0:",
            placeholder="Nom du projet",
            style={"description_width": "initial"},
            layout=w.Layout(width="30em"),
        )
        self.project.observe(lambda change: self._rename(change["new"]), names="value")
        self.upload = w.FileUpload(accept=".json", multiple=False, description="Reprendre un fichier")
        self.upload.observe(lambda change: self._resume(change["new"]), names="value")
        self.download = w.HTML()
        self.status = SaveStatus(store)
        self.message = w.HTML()
        if store.notice:
            self._notice(store.notice)
        super().__init__(
            [
                w.HTML(STYLE),
                self.project,
                self.status,
                w.HBox([self.download, self.upload]),
                self.message,
                w.HTML(f"<p><small>{ROOM_NOTE if self.room else BINDER_NOTE}</small></p>"),
            ]
        )
        self.refresh()
        store.subscribe(self.refresh)  # any screen's save renews the link

    def refresh(self, results: LearnerResults | None = None) -> None:
        """Renew the download link with the current results."""
        results = results if results is not None else self.store.load()
        path = f"<code>{escape(str(self.store.path))}</code>"
        where = (
            "non enregistrés sur disque"
            if self.store.path is None
            else f"non enregistrés\u00a0: {path} est en lecture seule"
            if self.store.readonly
            else "enregistrés sur l'ordinateur du formateur"
            if self.room
            else f"enregistrés dans {path}"
        )
        self.download.value = (
            f'<a download="{escape(self.filename)}" href="{results_data_uri(results, self.store.grid)}" '
            f'class="jupyter-button" style="padding: 0.3em 0.8em; text-decoration: none">⬇ Télécharger mes résultats</a> '
            f"<small>(résultats {where})</small>"
        )

    def _rename(self, name: str) -> None:
        self.status.save(lambda r: setattr(r, "project", name))

    def _notice(self, text: str) -> None:
        self.message.value = f'<div class="isg-notice">{escape(text)}</div>'

    def _resume(self, files) -> None:
        if not files:
            return
        upload = files[0]
        name, content = upload["name"], memoryview(upload["content"])
        limit = MAX_BYTES["results"]
        if content.nbytes > limit:
            self._notice(
                f"Fichier non repris\u00a0: {name} est trop volumineux ({size_label(content.nbytes)}\u202f; "
                f"au plus {size_label(limit)}) pour être un fichier de résultats du kit."
            )
            return
        try:
            results = LearnerResults.from_json(content.tobytes().decode("utf-8-sig"), self.store.grid, name)
        except UnicodeDecodeError:
            self._notice(f"Fichier non repris\u00a0: {name} n'est pas encodé en UTF-8.")
            return
        except ContentError as exc:
            self._notice(f"Fichier non repris\u00a0: {exc}")
            return
        try:
            copy = self.store.keep_copy("avant-reprise")
        except SaveError as exc:
            self._notice(f"Fichier non repris\u00a0: {exc}")
            return
        results = self.status.replace(results)
        self.project.value = results.project
        kept = f" Votre travail précédent est gardé dans le fichier {copy.name}." if copy is not None else ""
        if self.store.unsaved:
            self._notice(f"Résultats repris depuis {name}, mais pas enregistrés (voir le message ci-dessus).{kept}")
        else:
            self.message.value = (
                f"<p>✔ Résultats repris depuis {escape(name)}\u00a0: relancez les carnets "
                "(menu Exécution › Exécuter toutes les cellules) pour les voir partout."
                f"{escape(kept)}</p>"
            )


def session_panel(store: ResultsStore) -> SessionPanel:
    """The panel each notebook shows at its top and bottom."""
    return SessionPanel(store)


def example_notice(kit) -> w.HTML | None:
    """When a notebook shows the fictional example (``kit.is_example``), say so plainly; else None."""
    if not kit.is_example:
        return None
    return w.HTML(
        f'{STYLE}<div class="isg-notice">Vous n\'avez pas encore évalué votre projet\u00a0: ce carnet montre le '
        f"projet fictif d'exemple <strong>{escape(kit.store.load().project)}</strong>. Ce que vous y saisissez "
        "n'est pas enregistré. Évaluez votre projet dans la séquence 2, puis revenez ici.</div>"
    )
