"""The learner's session panel: project name, where results are saved, download and resume.

On Binder a session can die at any time: this panel says where the results
are, offers a download link that needs no server (a ``data:`` URI) and
takes back a downloaded file to resume on a new session.
"""

from __future__ import annotations

import ipywidgets as w

from ..content.errors import ContentError
from ..results.learner import LearnerResults
from ..results.store import ResultsStore, results_data_uri
from .text import STYLE, escape

__all__ = ["SessionPanel", "session_panel", "example_notice"]

BINDER_NOTE = ("Sur Binder, la session peut s'arrêter sans prévenir (inactivité, fermeture de l'onglet) : "
               "<strong>téléchargez vos résultats</strong> à la fin de chaque séquence, et rechargez le fichier "
               "ici pour reprendre.")


class SessionPanel(w.VBox):
    """``project`` names the project; ``download`` links the file; ``upload`` resumes from one."""

    def __init__(self, store: ResultsStore, filename: str = "mes_resultats.json"):
        self.store, self.filename = store, filename
        results = store.load()
        self.project = w.Text(value=results.project, description="Mon projet :", placeholder="Nom du projet",
                              style={"description_width": "initial"}, layout=w.Layout(width="30em"))
        self.project.observe(lambda change: self._rename(change["new"]), names="value")
        self.upload = w.FileUpload(accept=".json", multiple=False, description="Reprendre un fichier")
        self.upload.observe(lambda change: self._resume(change["new"]), names="value")
        self.download = w.HTML()
        self.message = w.HTML()
        if store.notice:
            self.message.value = f'<div class="isg-notice">{escape(store.notice)}</div>'
        super().__init__([w.HTML(STYLE), self.project, w.HBox([self.download, self.upload]), self.message,
                          w.HTML(f"<p><small>{BINDER_NOTE}</small></p>")])
        self.refresh()
        store.subscribe(self.refresh)  # any screen's save renews the link

    def refresh(self, results: LearnerResults | None = None) -> None:
        """Renew the download link with the current results."""
        results = results if results is not None else self.store.load()
        where = f"enregistrés dans <code>{escape(str(self.store.path))}</code>" if self.store.path else "non enregistrés sur disque"
        self.download.value = (
            f'<a download="{escape(self.filename)}" href="{results_data_uri(results, self.store.grid)}" '
            f'class="jupyter-button" style="padding: 0.3em 0.8em; text-decoration: none">⬇ Télécharger mes résultats</a> '
            f"<small>(résultats {where})</small>"
        )

    def _rename(self, name: str) -> None:
        self.store.update(lambda r: setattr(r, "project", name))

    def _resume(self, files) -> None:
        if not files:
            return
        upload = files[0]
        try:
            text = bytes(upload["content"]).decode("utf-8-sig")
            results = LearnerResults.from_json(text, self.store.grid, upload["name"])
        except UnicodeDecodeError:
            self.message.value = f'<div class="isg-notice">{escape(upload["name"])} : le fichier n\'est pas encodé en UTF-8.</div>'
            return
        except ContentError as exc:
            self.message.value = f'<div class="isg-notice">Fichier non repris : {escape(str(exc))}</div>'
            return
        self.store.replace(results)
        self.project.value = results.project
        self.message.value = (f"<p>✔ Résultats repris depuis {escape(upload['name'])} : relancez les carnets "
                              "(Exécuter tout) pour les voir partout.</p>")


def session_panel(store: ResultsStore) -> SessionPanel:
    """The panel each notebook shows at its top and bottom."""
    return SessionPanel(store)


def example_notice(kit) -> w.HTML | None:
    """When a notebook shows the fictional example (``kit.is_example``), say so plainly; else None."""
    if not kit.is_example:
        return None
    return w.HTML(
        f'{STYLE}<div class="isg-notice">Vous n\'avez pas encore évalué votre projet : ce carnet montre le '
        f"projet fictif d'exemple <strong>{escape(kit.store.load().project)}</strong>. Ce que vous y saisissez "
        "n'est pas enregistré. Évaluez votre projet dans la séquence 2, puis revenez ici.</div>"
    )
