"""« Télécharger ma fiche projet »: a button that builds the learner's card, then links to its files.

The widget holds no logic of its own: on a click it loads the learner's
current results from the store and hands them, with the grid, to the
``build`` function it was given (``isgrille.delivery.card_files`` makes the
PDF and the web page), then shows each file as a download link that needs
no server — a ``data:`` URI, as the session panel's results link. Building
takes a second, so it happens on the click, not on every change; a failure
is a French sentence under the button, never a traceback.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from typing import NamedTuple

import ipywidgets as w

from ..content.model import Grid
from ..results.learner import LearnerResults
from ..results.store import ResultsStore
from .text import STYLE, escape

__all__ = ["CardDownload", "Download", "card_download", "links_html"]

LABEL = "Télécharger ma fiche projet"
_LINK = 'class="jupyter-button" style="padding: 0.3em 0.8em; text-decoration: none; margin-right: 0.5em"'


class Download(NamedTuple):
    """One file to offer: the link's words, the file's name, its MIME type and its bytes."""

    label: str
    filename: str
    mime: str
    data: bytes


def links_html(files: Sequence[Download], lead: str = "") -> str:
    """Download links for these files, after ``lead`` (names and words escaped; the data inline)."""
    return (
        f"<p>{escape(lead)}"
        + " ".join(
            f'<a download="{escape(f.filename)}" href="data:{f.mime};base64,{base64.b64encode(f.data).decode("ascii")}" '
            f"{_LINK}>⬇ {escape(f.label)}</a>"
            for f in files
        )
        + "</p>"
    )


class CardDownload(w.VBox):
    """``button`` builds the files; ``links`` then offers them; ``message`` says what went wrong, if anything."""

    def __init__(self, grid: Grid, store: ResultsStore, build: Callable[[Grid, LearnerResults], Sequence[Download]]):
        self.grid, self.store, self.build = grid, store, build
        self.button = w.Button(
            description=LABEL,
            icon="download",
            layout=w.Layout(width="auto"),
            tooltip="Préparer la fiche de mon projet (PDF et page web) à partir de mes résultats",
        )
        self.button.on_click(lambda _: self.prepare())
        self.links = w.HTML()
        self.message = w.HTML()
        super().__init__([w.HTML(STYLE), self.button, self.links, self.message])

    def prepare(self) -> list[Download]:
        """Build the files from the current results and show their links; return them."""
        self.message.value = ""
        self.button.disabled, self.button.description = True, "Préparation de la fiche…"
        try:
            files = list(self.build(self.grid, self.store.load()))
        except Exception as exc:  # noqa: BLE001 — said in French under the button, never a traceback
            self.links.value = ""
            self.message.value = (
                f'<div class="isg-notice">La fiche n\'a pas pu être préparée\u00a0: '
                f"{escape(str(exc) or type(exc).__name__)}</div>"
            )
            return []
        finally:
            self.button.disabled, self.button.description = False, LABEL
        self.links.value = links_html(files, "Votre fiche est prête\u00a0: ")
        return files


def card_download(
    grid: Grid, store: ResultsStore, build: Callable[[Grid, LearnerResults], Sequence[Download]]
) -> CardDownload:
    """The download button of the learner's card; ``build(grid, results)`` makes the files."""
    return CardDownload(grid, store, build)
