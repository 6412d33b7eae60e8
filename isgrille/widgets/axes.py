"""Improvement axes: for each criterion below the top level, the next level as a target.

The targets come from the core (:func:`isgrille.find_improvement_axes`); the
learner writes their own axis for each in a text box, saved as they type.
"""

from __future__ import annotations

import ipywidgets as w

from ..analysis.scoring import find_improvement_axes
from ..content.model import Grid
from ..results.learner import SELF
from ..results.store import ResultsStore
from .status import SaveStatus
from .text import STYLE, escape, inline_markdown

__all__ = ["AxesWidget", "axes_widget"]


class AxesWidget(w.VBox):
    """``boxes[criterion_id]`` is the learner's text for that criterion's axis; ``statuses[criterion_id]``
    under it says when that text could not be saved."""

    def __init__(self, grid: Grid, store: ResultsStore, assessor: str = SELF):
        self.grid, self.store, self.assessor = grid, store, assessor
        self.boxes: dict[str, w.Textarea] = {}
        self.statuses: dict[str, SaveStatus] = {}
        self.body = w.VBox()
        self.refresh_button = w.Button(
            description="Actualiser d'après ma grille",
            icon="refresh",
            tooltip="Recalculer les axes après avoir changé des niveaux",
            layout=w.Layout(width="auto"),
        )  # the whole label, never cut off
        self.refresh_button.on_click(lambda _: self.refresh())
        super().__init__([w.HTML(STYLE), self.refresh_button, self.body])
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the list from the current ratings, keeping what the learner wrote."""
        results = self.store.load()
        axes = find_improvement_axes(self.grid, results.assessment(self.assessor))
        if not axes:
            rated = any(level is not None for level in results.assessment(self.assessor).ratings.values())
            self.body.children = [
                w.HTML(
                    "<p>Tous les critères notés sont au niveau le plus haut\u00a0: pas d'axe à proposer.</p>"
                    if rated
                    else "<p>Aucun axe pour l'instant\u00a0: notez d'abord votre projet sur la grille "
                    "(les critères au niveau le plus haut ou non renseignés n'ont pas d'axe).</p>"
                )
            ]
            return
        children = []
        for axis in axes:
            box = self.boxes.get(axis.criterion_id)
            if box is None:
                box = w.Textarea(
                    value=results.axes.get(axis.criterion_id, ""),
                    placeholder="Mon axe d'amélioration pour ce critère…",
                    description="Mon axe\u00a0:",
                    layout=w.Layout(width="100%", height="4em"),
                )
                box.observe(lambda change, cid=axis.criterion_id: self._save(cid, change["new"]), names="value")
                self.boxes[axis.criterion_id] = box
                self.statuses[axis.criterion_id] = SaveStatus(self.store)
            children.append(
                w.VBox(
                    [
                        w.HTML(
                            f'<div class="isg-card"><strong>{escape(axis.label)}</strong> — aujourd\'hui\u00a0: '
                            f"{escape(axis.current_level)}\u202f; prochain niveau\u00a0: <strong>{escape(axis.target_level)}</strong>"
                            f"<br>{inline_markdown(axis.target_descriptor)}</div>"
                        ),
                        box,
                        self.statuses[axis.criterion_id],
                    ]
                )
            )
        self.body.children = children

    def _save(self, criterion_id: str, text: str) -> None:
        self.statuses[criterion_id].save(lambda r: r.axes.__setitem__(criterion_id, text))


def axes_widget(grid: Grid, store: ResultsStore, assessor: str = SELF) -> AxesWidget:
    """The improvement axes of the learner's own assessment."""
    return AxesWidget(grid, store, assessor)
