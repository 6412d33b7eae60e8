"""Sequence 4: the exchange sheet filled in while the group gives feedback on a pitch.

One text box per topic of the exchange (retour sur le pitch, conseils, pistes
d'accompagnement et de financement), saved with the learner's results.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as w

from ..results.store import ResultsStore
from .status import SaveStatus
from .text import STYLE, escape

__all__ = ["ExchangeSheet", "exchange_sheet"]


class ExchangeSheet(w.VBox):
    """``boxes[topic]``: the notes for that topic; ``statuses[topic]`` under it says when they could not be saved."""

    def __init__(self, topics: Sequence[str], store: ResultsStore):
        self.store = store
        saved = store.load().exchange
        self.boxes: dict[str, w.Textarea] = {}
        self.statuses: dict[str, SaveStatus] = {}
        rows = []
        for topic in topics:
            # The topic is the box's label (above it), so a screen reader names the box.
            box = w.Textarea(
                value=saved.get(topic, ""),
                placeholder="Notes…",
                description=topic,
                style={"description_width": "initial"},
                layout=w.Layout(width="100%", height="6em", flex_flow="column"),
            )
            box.observe(lambda change, t=topic: self._save(t, change["new"]), names="value")
            self.boxes[topic] = box
            self.statuses[topic] = SaveStatus(store)
            rows.append(w.VBox([box, self.statuses[topic]]))
        self.heading = w.HTML()
        super().__init__([self.heading, *rows])
        self._show(store.load())
        store.subscribe(self._show)

    def _save(self, topic: str, text: str) -> None:
        self.statuses[topic].save(lambda r: r.exchange.__setitem__(topic, text))

    def _show(self, results) -> None:
        self.heading.value = f"{STYLE}<h3>Fiche d'échange — {escape(results.project or 'Mon projet')}</h3>"


def exchange_sheet(topics: Sequence[str], store: ResultsStore) -> ExchangeSheet:
    """The exchange sheet of sequence 4."""
    return ExchangeSheet(topics, store)
