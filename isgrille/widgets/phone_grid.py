"""The grid on a phone: each level a full-width choice showing its whole descriptor; the live profile.

:class:`RatingCards` lists the criteria of any grid (any number of
dimensions, criteria and levels), each with one full-width choice per level
— the level's name and its whole descriptor, wrapping, never cut — and
« Non renseigné ». It saves nothing itself: it calls the ``on_rate`` it was
given. :class:`PhoneAssessment` is the learner's self-assessment (saved in
their store, the profile redrawn under the criteria, sized to the phone:
:class:`PhoneProfile`, the radar and its values as in
:class:`~isgrille.widgets.profile.ProfileView`, but drawn on a
:class:`SharedRadar`, whose frame is drawn once per grid for every
participant of the process instead of once per participant);
:class:`PhoneRating` rates another project (the room's « Booster »),
through a ``save`` callback that receives every rating at once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence

import ipywidgets as w
from ipywidgets.widgets.widget_string import HTMLStyle

from ..analysis.scoring import Profile, score_assessment
from ..content.model import NB, Assessment, Criterion, Grid, plain_text
from ..plots.live_radar import LiveRadar
from ..results.learner import SELF, LearnerResults
from ..results.store import ResultsStore
from .assessment import NOT_RATED_LABEL
from .profile import RADAR_TITLE
from .status import SaveStatus
from .text import STYLE, chart_alt, escape, image_html, profile_table_html
from .welcome import adaptation_html

__all__ = [
    "NOT_RATED_VALUE",
    "PhoneAssessment",
    "PhoneProfile",
    "PhoneRating",
    "RatingCards",
    "SharedRadar",
    "level_options",
    "phone_assessment",
    "phone_rating",
    "shared_radar",
]

#: The value of the « Non renseigné » choice (a level index is 0 or more; None is « no choice yet »).
NOT_RATED_VALUE = -1


def level_options(grid: Grid, criterion: Criterion) -> list[tuple[str, int]]:
    """``(text shown, value)`` per choice: « level : descriptor » (plain text), then « Non renseigné ».

    >>> from isgrille.content.model import Dimension
    >>> c = Criterion("c", "C", ("rien", "**un peu**"))
    >>> level_options(Grid(("Bas", "Haut"), (Dimension("d", "D", (c,)),)), c)
    [('Bas\\xa0: rien', 0), ('Haut\\xa0: un peu', 1), ('Non renseigné', -1)]
    """
    options = []
    for index, level in enumerate(grid.levels):
        text = plain_text(criterion.descriptors[index]).strip() if index < len(criterion.descriptors) else ""
        options.append((f"{level}{NB}: {text}" if text else level, index))
    return [*options, (NOT_RATED_LABEL, NOT_RATED_VALUE)]


def _value(ratings: Mapping[str, int | None], criterion_id: str) -> int | None:
    if criterion_id not in ratings:
        return None
    level = ratings[criterion_id]
    return NOT_RATED_VALUE if level is None else level


class SharedRadar:
    """One grid's :class:`~isgrille.plots.live_radar.LiveRadar`, shared by many sessions: one draws at a time.

    The images of the last :attr:`KEEP` distinct profiles are kept: a room
    opening « Grille » shows the same empty profile to everyone who has not
    rated yet, drawn once.
    """

    KEEP = 256

    def __init__(self, grid: Grid):
        self._radar = LiveRadar(grid)
        self._lock = threading.Lock()
        self._drawn: OrderedDict[tuple, bytes] = OrderedDict()

    def png(self, assessments: Sequence[Assessment], labels: Sequence[str]) -> bytes:
        key = (tuple(labels), tuple(tuple(sorted(a.ratings.items(), key=lambda kv: kv[0])) for a in assessments))
        with self._lock:
            if key in self._drawn:
                self._drawn.move_to_end(key)
                return self._drawn[key]
            png = self._drawn[key] = self._radar.png(assessments, labels)
            if len(self._drawn) > self.KEEP:
                self._drawn.popitem(last=False)
            return png


_RADARS: dict[Grid, SharedRadar] = {}
_RADARS_LOCK = threading.Lock()


def shared_radar(grid: Grid) -> SharedRadar:
    """The process's :class:`SharedRadar` of ``grid`` (its frame drawn on first use)."""
    with _RADARS_LOCK:
        if grid not in _RADARS:
            if len(_RADARS) >= 8:  # tests and rooms use a few grids at most
                _RADARS.clear()
            _RADARS[grid] = SharedRadar(grid)
        return _RADARS[grid]


class PhoneProfile(w.VBox):
    """The profile on a phone: ``chart`` (the radar, ``png``, with ``alt``), then ``table`` (its values)."""

    def __init__(self, grid: Grid, radar: SharedRadar | None = None):
        self.grid, self.radar = grid, radar if radar is not None else shared_radar(grid)
        self.png, self.alt = b"", ""
        self.chart = w.HTML()
        self.table = w.HTML()
        caption = w.HTML(
            "<h3>Profil du projet</h3><p>Ses valeurs sont aussi dans le tableau sous le graphique.</p>"
            + adaptation_html(grid, named=True)
        )
        super().__init__([caption, self.chart, self.table], layout=w.Layout(width="100%"))

    def show(self, profiles: Sequence[Profile], labels: Sequence[str]) -> None:
        """Draw these profiles (one grid) with these legend labels."""
        self.png = self.radar.png([p.assessment for p in profiles], labels)
        self.alt = chart_alt(RADAR_TITLE, profiles, labels)
        self.chart.value = image_html(self.png, self.alt)
        self.table.value = profile_table_html(profiles, labels)


class RatingCards(w.VBox):
    """``pickers[criterion_id]`` is a criterion's choice; a choice calls ``on_rate(criterion_id, level)``.

    ``level`` is the level's index, or None for « Non renseigné ».
    """

    def __init__(self, grid: Grid, ratings: Mapping[str, int | None], on_rate: Callable[[str, int | None], None]):
        self.grid, self.on_rate = grid, on_rate
        self._loading = False
        self.pickers: dict[str, w.ToggleButtons] = {}
        # One layout and one style shared by the cards' widgets: each would otherwise open two more
        # widgets of its own, and a room builds this screen for every phone at once.
        plain, card = w.Layout(), w.Layout(margin="0 0 1em 0")
        text, choices = HTMLStyle(), w.ToggleButtonsStyle()
        children = []
        for dimension in grid.dimensions:
            children.append(w.HTML(f"<h3>{escape(dimension.label)}</h3>", layout=plain, style=text))
            for criterion in dimension.criteria:
                picker = w.ToggleButtons(
                    options=level_options(grid, criterion),
                    value=_value(ratings, criterion.id),
                    layout=plain,
                    style=choices,
                )
                picker.add_class("isg-choices")
                picker.observe(lambda change, cid=criterion.id: self._rate(cid, change["new"]), names="value")
                self.pickers[criterion.id] = picker
                heading = w.HTML(f'<h4 class="isg-criterion">{escape(criterion.label)}</h4>', layout=plain, style=text)
                children.append(w.VBox([heading, picker], layout=card))
        super().__init__(children)
        self.add_class("isg-rating-cards")

    def set_ratings(self, ratings: Mapping[str, int | None]) -> None:
        """Show these ratings (nothing is saved)."""
        self._loading = True
        try:
            for cid, picker in self.pickers.items():
                picker.value = _value(ratings, cid)
        finally:
            self._loading = False

    def ratings(self) -> dict[str, int | None]:
        """The choices made so far (« Non renseigné » as None; criteria without a choice left out)."""
        return {
            cid: (None if p.value == NOT_RATED_VALUE else p.value)
            for cid, p in self.pickers.items()
            if p.value is not None
        }

    def _rate(self, criterion_id: str, value: int | None) -> None:
        if self._loading or value is None:
            return
        self.on_rate(criterion_id, None if value == NOT_RATED_VALUE else value)


class PhoneAssessment(w.VBox):
    """The learner's self-assessment on a phone: ``cards`` (saved in ``store``), then ``profile``."""

    def __init__(self, grid: Grid, store: ResultsStore, assessor: str = SELF, radar: SharedRadar | None = None):
        self.grid, self.store, self.assessor = grid, store, assessor
        results = store.load()
        self.status = SaveStatus(store)
        self.cards = RatingCards(grid, results.assessment(assessor).ratings, self._rate)
        self.profile = PhoneProfile(grid, radar)
        super().__init__([w.HTML(STYLE), self.cards, self.status, self.profile])
        self.add_class("isg-phone-grid")
        self.redraw(results)

    def _rate(self, criterion_id: str, level: int | None) -> None:
        self.redraw(self.status.save(lambda r: r.rate(criterion_id, level, self.assessor)))

    def redraw(self, results: LearnerResults | None = None) -> None:
        """Redraw the profile from ``results`` (default: re-read from the store)."""
        results = results if results is not None else self.store.load()
        self.profile.show([score_assessment(self.grid, results.assessment(self.assessor))], ["Mon projet"])


class PhoneRating(w.VBox):
    """Rating another project: ``title`` names it, ``cards`` rate it, ``message`` says what went wrong.

    Each choice calls ``save(ratings)`` with every rating made so far; :meth:`wait` hides the
    criteria behind a sentence (no project to rate), :meth:`rate` shows them for a project.
    """

    def __init__(self, grid: Grid, save: Callable[[dict[str, int | None]], None] | None = None):
        self.grid, self.save = grid, save
        self.title = w.HTML()
        self.cards = RatingCards(grid, {}, self._rate)
        self.message = w.HTML()
        super().__init__([w.HTML(STYLE), self.title, self.message, self.cards])
        self.add_class("isg-phone-rating")
        self.wait("")

    def wait(self, sentence: str) -> None:
        """No project to rate: show ``sentence`` (plain text) only."""
        self.save = None
        self.title.value = f"<p><strong>{escape(sentence)}</strong></p>" if sentence else ""
        self.message.value = ""
        self.cards.layout.display = "none"

    def rate(
        self, project: str, ratings: Mapping[str, int | None], save: Callable[[dict[str, int | None]], None]
    ) -> None:
        """Rate ``project`` (its name, learner text), starting from ``ratings``; each choice calls ``save``."""
        self.save = save
        self.title.value = (
            f"<h3>Le projet qui pitche{NB}: «{NB}{escape(project or 'Projet sans nom')}{NB}»</h3>"
            "<p>Notez-le critère par critère pendant et après son pitch.</p>"
        )
        self.message.value = ""
        self.cards.set_ratings(ratings)
        self.cards.layout.display = None

    def _rate(self, criterion_id: str, level: int | None) -> None:
        if self.save is None:
            return
        try:
            self.save(self.cards.ratings())
        except Exception as exc:  # noqa: BLE001 — said in French on screen, never a traceback
            self.message.value = (
                f'<div class="isg-notice" role="alert">Votre note n\'a pas pu être enregistrée'
                f"{NB}: {escape(str(exc) or type(exc).__name__)}</div>"
            )
        else:
            self.message.value = ""


def phone_assessment(grid: Grid, store: ResultsStore) -> PhoneAssessment:
    """Rate one's own project on ``grid`` on a phone, saved in ``store``."""
    return PhoneAssessment(grid, store)


def phone_rating(grid: Grid) -> PhoneRating:
    """Rate the project that pitches (see :meth:`PhoneRating.rate`)."""
    return PhoneRating(grid)
