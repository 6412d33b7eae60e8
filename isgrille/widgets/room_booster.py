"""Séquence 4 on the projector: the project that pitches, its profile and axes, the countdown, its exchange sheet.

The trainer picks a project of the room (one that has its own results file);
the screen opens that file through the store it is handed by ``open_store``
(a :class:`~isgrille.results.store.ResultsStore`: locked, so the visitor's own
kernel saving at the same moment loses nothing) and shows the project's
profile (every assessment on its radar), its improvement axes with the
learner's notes (read only), the pitch countdown and the exchange sheet of
:mod:`.booster`: what the trainer types there lands in that project's file.
A file that cannot be opened is a French sentence, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as w

from ..analysis.room import RoomSnapshot, project_labels
from ..analysis.scoring import find_improvement_axes, score_assessment
from ..content.model import Grid
from ..results.learner import SELF
from ..results.store import ResultsStore
from .booster import ExchangeSheet
from .profile import ProfileView
from .text import STYLE, escape, inline_markdown
from .timer import CountdownWidget

__all__ = ["RoomBooster", "axes_html", "room_booster"]


def axes_html(grid: Grid, results) -> str:
    """The improvement axes of the project's self-assessment, each with the learner's note (escaped)."""
    axes = find_improvement_axes(grid, results.assessment(SELF))
    if not axes:
        return "<p>Pas d'axe d'amélioration\u00a0: le projet n'a pas encore noté de critère sous le niveau le plus haut.</p>"
    items = []
    for axis in axes:
        note = results.axes.get(axis.criterion_id, "").strip()
        said = f"<br>Son axe\u00a0: «\u00a0{escape(note)}\u00a0»" if note else ""
        items.append(
            f"<li><strong>{escape(axis.label)}</strong> — aujourd'hui\u00a0: {escape(axis.current_level)}\u202f; "
            f"prochain niveau\u00a0: <strong>{escape(axis.target_level)}</strong> "
            f"({inline_markdown(axis.target_descriptor)}){said}</li>"
        )
    return f"<h3>Axes d'amélioration</h3><ul>{''.join(items)}</ul>"


class RoomBooster(w.VBox):
    """``project`` picks who pitches; then ``profile``, ``axes``, ``timer`` and ``sheet`` (an
    :class:`ExchangeSheet` on that project's file, None until a project is picked); ``message`` says
    what went wrong."""

    def __init__(self, grid: Grid, topics: Sequence[str], minutes: float, open_store: Callable[[str], ResultsStore]):
        self.grid, self.topics, self.open_store = grid, list(topics), open_store
        self.sources: list[str] = []
        self.store: ResultsStore | None = None
        self.sheet: ExchangeSheet | None = None
        self.project = w.Dropdown(
            options=[],
            description="Projet qui pitche\u00a0:",
            style={"description_width": "initial"},
            layout=w.Layout(width="100%"),
        )
        self.message = w.HTML()
        self.title = w.HTML()
        self.profile = ProfileView(grid)
        self.axes = w.HTML()
        self.timer = CountdownWidget(minutes, f"Pitch ({minutes:g} min max)")
        self.sheet_box = w.VBox()
        self._quiet = False
        self.project.observe(lambda _: None if self._quiet else self.pick(), names="value")
        super().__init__(
            [w.HTML(STYLE), self.project, self.message, self.title, self.timer, self.profile, self.axes, self.sheet_box]
        )
        self.pick()

    def show(self, snapshot: RoomSnapshot) -> None:
        """The room's projects that have a results file, as choices; the project picked stays picked."""
        records = snapshot.cohort.projects
        options = [
            (label, record.source)
            for label, record in zip(project_labels(records), records, strict=True)
            if record.source.lower().endswith(".json")
        ]
        if options == list(self.project.options):
            return
        keep = self.project.value
        self._quiet = True  # options set, then the value: one pick at most, not one per step
        try:
            self.project.options = options
            self.project.value = keep if keep in [source for _, source in options] else None
        finally:
            self._quiet = False
        if self.project.value != keep or keep is None:
            self.pick()

    def pick(self) -> None:
        """Open the picked project's file and show its screens (the countdown back to the start)."""
        source = self.project.value
        self.message.value, self.store, self.sheet = "", None, None
        self.sheet_box.children = []
        self.timer.reset()
        if source is None:
            self.title.value = (
                "<p>Choisissez le projet qui pitche\u00a0: son profil, ses axes et sa fiche d'échange "
                "s'affichent ici.</p>"
                if self.project.options
                else "<p>Aucun projet dans la salle pour l'instant.</p>"
            )
            self.profile.layout.display = "none"
            self.axes.value = ""
            return
        try:
            self.store = self.open_store(source)
            results = self.store.load()
        except Exception as exc:  # noqa: BLE001 — a French sentence, never a traceback
            self.message.value = (
                f'<div class="isg-notice">Le fichier de ce projet n\'a pas pu être ouvert\u00a0: '
                f"{escape(str(exc) or type(exc).__name__)}</div>"
            )
            self.title.value, self.axes.value = "", ""
            self.profile.layout.display = "none"
            return
        learner = f" ({escape(results.learner)})" if results.learner else ""
        self.title.value = f"<h2>{escape(results.project or 'Projet sans nom')}{learner}</h2>"
        rated = [
            assessor
            for assessor, ratings in results.assessments.items()
            if any(level is not None for level in ratings.values())
        ]
        if rated:
            self.profile.layout.display = None
            self.profile.show([score_assessment(self.grid, results.assessment(a)) for a in rated], rated)
        else:
            self.profile.layout.display = "none"
        self.axes.value = axes_html(self.grid, results)
        self.sheet = ExchangeSheet(self.topics, self.store)
        self.sheet_box.children = [self.sheet]


def room_booster(
    grid: Grid, topics: Sequence[str], minutes: float, open_store: Callable[[str], ResultsStore]
) -> RoomBooster:
    """The booster screen: ``open_store(path)`` opens a project's results file for its exchange sheet."""
    return RoomBooster(grid, topics, minutes, open_store)
