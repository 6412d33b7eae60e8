"""The pitch: one text box per part of the outline, a preview, and a countdown.

The preview shows what the learner typed as text (escaped), ready to be read
out or printed; the countdown is :class:`~isgrille.widgets.timer.CountdownWidget`.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as w

from ..results.store import ResultsStore
from .status import SaveStatus
from .text import STYLE, escape
from .timer import countdown_widget

__all__ = ["PitchWidget", "pitch_widget"]


class PitchWidget(w.VBox):
    """``boxes[part_id]`` are the text boxes (``statuses[part_id]`` under each says when it could not be
    saved); ``preview`` shows the pitch; ``timer`` the countdown."""

    def __init__(self, outline: Sequence, store: ResultsStore, minutes: float):
        self.outline, self.store = list(outline), store
        saved = store.load().pitch
        self.boxes: dict[str, w.Textarea] = {}
        self.statuses: dict[str, SaveStatus] = {}
        rows = []
        for part in self.outline:
            box = w.Textarea(
                value=saved.get(part.id, ""), placeholder=part.label, layout=w.Layout(width="100%", height="5em")
            )
            box.observe(lambda change, pid=part.id: self._save(pid, change["new"]), names="value")
            self.boxes[part.id] = box
            self.statuses[part.id] = SaveStatus(store)
            rows.append(
                w.VBox(
                    [w.HTML(f"<strong>{escape(part.id)}) {escape(part.label)}</strong>"), box, self.statuses[part.id]]
                )
            )
        self.preview = w.HTML()
        self.timer = countdown_widget(minutes, f"Pitch ({minutes:g} min max)")
        super().__init__([w.HTML(STYLE), *rows, w.HTML("<h4>Mon pitch</h4>"), self.preview, self.timer])
        self._show(store.load())
        store.subscribe(self._show)  # a renamed project shows at once

    def _save(self, part_id: str, text: str) -> None:
        self.statuses[part_id].save(lambda r: r.pitch.__setitem__(part_id, text))

    def _show(self, results) -> None:
        parts = "".join(
            f"<p><strong>{escape(part.label)}</strong><br>{escape(self.boxes[part.id].value) or '<em>à écrire</em>'}</p>"
            for part in self.outline
        )
        project = results.project
        title = f"<h3>{escape(project)}</h3>" if project else ""
        self.preview.value = f'<div class="isg-card">{title}{parts}</div>'


def pitch_widget(outline: Sequence, store: ResultsStore, minutes: float) -> PitchWidget:
    """The pitch of ``outline`` (the workshop's parts a, b, c) with a ``minutes`` countdown."""
    return PitchWidget(outline, store, minutes)
