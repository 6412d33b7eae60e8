"""The self-assessment: for each criterion, its level descriptors and a choice; a live profile.

Each choice is saved in the learner's results and the profile — radar and
its table of values — is redrawn from the core's :func:`score_assessment`.
The same widget takes a second assessment of a project (a peer's, the
trainer's) by naming another ``assessor``.
"""

from __future__ import annotations

from typing import Callable

import ipywidgets as w

from ..content.model import NOT_RATED, Criterion, Grid
from ..results.learner import SELF, LearnerResults
from ..results.store import ResultsStore
from ..analysis.scoring import score_assessment
from .profile import ProfileView
from .status import SaveStatus
from .text import STYLE, escape, table_html

__all__ = ["AssessmentWidget", "assessment_widget", "NOT_RATED_LABEL"]

NOT_RATED_LABEL = NOT_RATED.capitalize()


class AssessmentWidget(w.VBox):
    """``pickers[criterion_id]`` is the criterion's level choice; ``profile`` the live profile.

    ``status`` (above the profile, which stays in sight beside the criteria) says when a choice
    could not be saved; the profile then follows the choices kept in memory.
    """

    def __init__(self, grid: Grid, store: ResultsStore, assessor: str = SELF,
                 compare_with: str | None = None, on_change: Callable[[], None] | None = None):
        self.grid, self.store, self.assessor = grid, store, assessor
        self.compare_with = compare_with
        self.on_change = on_change
        ratings = store.load().assessment(assessor).ratings
        self.status = SaveStatus(store)
        self.pickers: dict[str, w.ToggleButtons] = {}
        sections = []
        for dimension in grid.dimensions:
            cards = [w.HTML(f"<h3>{escape(dimension.label)}</h3>")]
            for criterion in dimension.criteria:
                picker = w.ToggleButtons(
                    options=[*grid.levels, NOT_RATED_LABEL],
                    value=self._label(ratings.get(criterion.id), criterion.id in ratings),
                    description="Niveau :", style={"description_width": "initial", "button_width": "auto"},
                    tooltips=[*grid.levels, "Je ne sais pas encore"],
                )
                picker.observe(lambda change, cid=criterion.id: self._rate(cid, change["new"]), names="value")
                self.pickers[criterion.id] = picker
                cards.append(w.VBox([w.HTML(self._descriptors_html(criterion)), picker],
                                    layout=w.Layout(margin="0 0 1em 0", flex="0 0 auto")))
            sections.append(w.VBox(cards, layout=w.Layout(flex="0 0 auto")))
        self.profile = ProfileView(grid)
        # The criteria scroll in their own column, so the profile stays in sight beside them.
        criteria = w.VBox(sections, layout=w.Layout(flex="3 1 0%", min_width="28em", max_height="80vh",
                                                     overflow="auto"))
        side = w.VBox([self.status, self.profile])
        super().__init__([w.HTML(STYLE), w.HBox([criteria, side], layout=w.Layout(flex_flow="row wrap"))])
        self.redraw()

    def _label(self, level: int | None, present: bool) -> str | None:
        if level is not None:
            return self.grid.levels[level]
        return NOT_RATED_LABEL if present else None

    def _descriptors_html(self, criterion: Criterion) -> str:
        return f"<h4>{escape(criterion.label)}</h4>" + table_html(
            self.grid.levels, [criterion.descriptors], row_headers=False, css="isg-table isg-levels"
        )

    def _rate(self, criterion_id: str, label: str | None) -> None:
        level = None if label in (None, NOT_RATED_LABEL) else self.grid.levels.index(label)
        self.redraw(self.status.save(lambda r: r.rate(criterion_id, level, self.assessor)))
        if self.on_change is not None:
            self.on_change()

    def redraw(self, results: LearnerResults | None = None) -> None:
        """Redraw the profile from the saved ratings (``results`` if just saved, else re-read)."""
        results = results if results is not None else self.store.load()
        profiles = [score_assessment(self.grid, results.assessment(self.assessor))]
        labels = [self.assessor]
        if self.compare_with and results.assessments.get(self.compare_with):
            profiles.insert(0, score_assessment(self.grid, results.assessment(self.compare_with)))
            labels.insert(0, self.compare_with)
        self.profile.show(profiles, labels)


def assessment_widget(grid: Grid, store: ResultsStore, assessor: str = SELF,
                      compare_with: str | None = None,
                      on_change: Callable[[], None] | None = None) -> AssessmentWidget:
    """Rate every criterion of ``grid`` as ``assessor``; ``compare_with`` overlays another assessor."""
    return AssessmentWidget(grid, store, assessor, compare_with, on_change)
