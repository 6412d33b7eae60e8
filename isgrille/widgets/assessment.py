"""The self-assessment: for each criterion, its level descriptors and a choice; a live profile.

Each choice is saved in the learner's results and the profile — radar and
its table of values — is redrawn from the core's :func:`score_assessment`.
The same widget takes a second assessment of a project (a peer's, the
trainer's) by naming another ``assessor``; with ``ask_assessor`` the learner
says who assesses (« pair », « formateur » or a name) in a box above the
criteria, and the ratings are saved under that name.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from ..analysis.scoring import score_assessment
from ..content.model import NOT_RATED, Criterion, Grid
from ..results.learner import SELF, LearnerResults
from ..results.store import ResultsStore
from .profile import ProfileView
from .status import SaveStatus
from .text import STYLE, escape, table_html

ASSESSORS = ("pair", "formateur")

__all__ = ["ASSESSORS", "NOT_RATED_LABEL", "AssessmentWidget", "assessment_widget"]

NOT_RATED_LABEL = NOT_RATED.capitalize()


class AssessmentWidget(w.VBox):
    """``pickers[criterion_id]`` is the criterion's level choice; ``profile`` the live profile.

    ``status`` (above the profile, which stays in sight beside the criteria) says when a choice
    could not be saved; the profile then follows the choices kept in memory. ``assessor_box``
    (with ``ask_assessor``) names who assesses: see :meth:`set_assessor`.
    """

    def __init__(
        self,
        grid: Grid,
        store: ResultsStore,
        assessor: str = SELF,
        compare_with: str | None = None,
        on_change: Callable[[], None] | None = None,
        ask_assessor: bool = False,
    ):
        self.grid, self.store, self.assessor = grid, store, assessor
        self.compare_with = compare_with
        self.on_change = on_change
        self._loading = False
        ratings = store.load().assessment(assessor).ratings
        self.status = SaveStatus(store)
        self.assessor_box = w.Combobox(
            value=assessor,
            options=list(ASSESSORS),
            ensure_option=False,
            continuous_update=False,
            description="Qui évalue\u202f?",
            placeholder="pair, formateur ou un prénom",
            style={"description_width": "initial"},
        )
        self.assessor_box.observe(lambda change: self.set_assessor(change["new"]), names="value")
        self.assessor_note = w.HTML()
        self.pickers: dict[str, w.ToggleButtons] = {}
        sections = []
        for dimension in grid.dimensions:
            cards = [w.HTML(f"<h3>{escape(dimension.label)}</h3>")]
            for criterion in dimension.criteria:
                picker = w.ToggleButtons(
                    options=[*grid.levels, NOT_RATED_LABEL],
                    value=self._label(ratings.get(criterion.id), criterion.id in ratings),
                    description="Niveau\u00a0:",
                    style={"description_width": "initial", "button_width": "auto"},
                    tooltips=[*grid.levels, "Je ne sais pas encore"],
                )
                picker.observe(lambda change, cid=criterion.id: self._rate(cid, change["new"]), names="value")
                self.pickers[criterion.id] = picker
                cards.append(
                    w.VBox(
                        [w.HTML(self._descriptors_html(criterion)), picker],
                        layout=w.Layout(margin="0 0 1em 0", flex="0 0 auto"),
                    )
                )
            sections.append(w.VBox(cards, layout=w.Layout(flex="0 0 auto")))
        self.profile = ProfileView(grid)
        # The criteria scroll in their own column, so the profile stays in sight beside them.
        criteria = w.VBox(
            sections, layout=w.Layout(flex="3 1 0%", min_width="28em", max_height="80vh", overflow="auto")
        )
        # Not a scroll container (nothing in it takes the focus: axe's scrollable-region-focusable).
        side = w.VBox([self.status, self.profile], layout=w.Layout(flex="2 1 0%", overflow="visible"))
        top = [w.HTML(STYLE)]
        if ask_assessor:
            top.append(w.HBox([self.assessor_box, self.assessor_note]))
        super().__init__([*top, w.HBox([criteria, side], layout=w.Layout(flex_flow="row wrap"))])
        self.redraw()

    def _label(self, level: int | None, present: bool) -> str | None:
        if level is not None:
            return self.grid.levels[level]
        return NOT_RATED_LABEL if present else None

    def _descriptors_html(self, criterion: Criterion) -> str:
        return f"<h4>{escape(criterion.label)}</h4>" + table_html(
            self.grid.levels, [criterion.descriptors], row_headers=False, css="isg-table isg-levels", markup=True
        )

    def set_assessor(self, name: str) -> None:
        """Save the ratings under ``name`` from now on (learner text: stripped, shown escaped).

        The ratings already entered move to ``name`` when ``name`` has none yet (they were
        that person's); when ``name`` already rated, their ratings are shown instead. An empty
        name, or the one this assessment is compared with, is refused with a French note.
        """
        name = " ".join(name.split())
        if name == self.assessor:
            self.assessor_note.value = ""
            return
        if not name or name in (SELF, self.compare_with):
            self.assessor_note.value = (
                '<p class="isg-bad" role="alert">Indiquez qui évalue\u00a0: «\u00a0pair\u00a0», «\u00a0formateur\u00a0» ou un prénom '
                f"(autre que «\u00a0{escape(self.compare_with or SELF)}\u00a0»).</p>"
            )
            return
        old = self.assessor

        def move(results: LearnerResults) -> None:
            if not results.assessments.get(name) and old in results.assessments:
                results.assessments[name] = results.assessments.pop(old)

        results = self.status.save(move)
        self.assessor = name
        self.assessor_note.value = f"<p>Évaluation enregistrée au nom de «\u00a0{escape(name)}\u00a0».</p>"
        ratings = results.assessment(name).ratings
        self._loading = True
        try:
            for cid, picker in self.pickers.items():
                picker.value = self._label(ratings.get(cid), cid in ratings)
        finally:
            self._loading = False
        self.redraw(results)
        if self.on_change is not None:
            self.on_change()

    def _rate(self, criterion_id: str, label: str | None) -> None:
        if self._loading:
            return
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


def assessment_widget(
    grid: Grid,
    store: ResultsStore,
    assessor: str = SELF,
    compare_with: str | None = None,
    on_change: Callable[[], None] | None = None,
    ask_assessor: bool = False,
) -> AssessmentWidget:
    """Rate every criterion of ``grid`` as ``assessor``; ``compare_with`` overlays another assessor;
    ``ask_assessor`` lets the learner name who assesses."""
    return AssessmentWidget(grid, store, assessor, compare_with, on_change, ask_assessor)
