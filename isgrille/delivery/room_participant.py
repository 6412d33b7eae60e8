"""The live room's participant app: the whole workshop on one page of a phone, following the trainer.

:func:`ParticipantApp` is the room's page at ``/`` (:mod:`~.room_app`). Who
the participant is comes only from their signed cookie
(:func:`~.room_site.participant_of`); without one the page says, in French,
to open the room's link, and builds nothing. A participant's session claims
their seat in the hub (a reload or a second tab replaces the older session)
and subscribes to the trainer's :class:`~isgrille.results.room_state.RoomState`:
when the trainer opens a step, the screen jumps to it; the steps already
opened (all of them in free navigation) can be reopened with the row of
step buttons.

Everything typed is saved in the participant's own results file,
``<room>/<folder>/mes_resultats.json`` (:meth:`~.room_site.RoomSite.results_path`),
through the kit's phone widgets (:mod:`isgrille.widgets.phone_quiz`,
:mod:`~isgrille.widgets.phone_grid`, :mod:`~isgrille.widgets.phone_steps`) and
its existing ones where they fit a phone. :class:`ParticipantSession` builds a
step's widgets when it is first shown, and keeps them for the session: many
participants share one process, so joining costs only the step on screen
(the radar is drawn on « Grille » only). A step not built yet is announced at
once (the step bar marks it, « Chargement… ») and built afterwards by the
room's one builder thread, page after page: a trainer's click reaches every
phone in a second or so, whatever the step costs to build. The phone's CSS is
:data:`~isgrille.widgets.phone_steps.PHONE_CSS`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import ipywidgets as w
import solara

from ..content.attribution import attribution_of
from ..content.errors import ContentError
from ..content.model import NB
from ..results import room_ratings
from ..results.room_state import RESULTS_NAME, STEPS, RoomState, step_label
from ..results.store import ResultsStore, read_results
from ..widgets.axes import AxesWidget
from ..widgets.card_download import CardDownload
from ..widgets.concepts import DimensionsChecklist
from ..widgets.phone_grid import PhoneAssessment, PhoneRating
from ..widgets.phone_quiz import PhoneQuiz
from ..widgets.phone_steps import PHONE_CSS, PhoneWelcome
from ..widgets.pitch import PitchWidget
from ..widgets.welcome import attribution_html
from .room_hub import current_context, deliver
from .room_site import LICENCE_PATH, RoomSite, participant_folder, participant_of, session_cookies, site

__all__ = ["NO_COOKIE", "PHONE_CSS", "ParticipantApp", "ParticipantSession"]

log = logging.getLogger(__name__)
#: Builds the steps the pages have not built yet, one at a time, for the whole room.
_BUILDER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="isgrille-room-step")
#: What a page without the participant's cookie says (and all it shows).
NO_COOKIE = (
    f"Ouvrez le lien de la salle donné par le formateur (ou scannez son code QR){NB}: "
    "cette page ne sait pas encore qui vous êtes."
)
WAITING = "En attente du projet qui pitche."
BROKEN = (
    f'<div class="isg-notice" role="alert">Cette étape n\'a pas pu s\'afficher{NB}: rechargez la page{NB}; '
    "votre travail est enregistré.</div>"
)
OWN_PITCH = f"C'est votre projet qui pitche{NB}: vous ne le notez pas vous-même. À vous la parole{NB}!"


def _pitch(workshop):
    """Sequence 2's pitch (its outline a/b/c starts with « Mon projet en 2 mots »), else the first one."""
    pitches = [s.pitch for s in workshop.sequences if s.pitch is not None]
    try:
        return workshop.sequence(2).pitch or pitches[0]
    except (KeyError, IndexError):
        return pitches[0] if pitches else None


class ParticipantSession:
    """One participant's session: their store, and each step's widgets, built when first shown."""

    def __init__(self, room: RoomSite, participant: str):
        self.room, self.participant = room, participant
        self.folder = participant_folder(participant, room.secret)
        self.grid = room.kit.grid
        path = room.results_path(participant)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.store = ResultsStore(self.grid, path)
        except (OSError, ContentError) as exc:
            self.store = ResultsStore(self.grid)
            self.store.notice = (
                f"{exc}. Vos résultats sont gardés dans cette page seulement{NB}: téléchargez-les "
                "avec le lien «\u00a0Télécharger mes résultats\u00a0» avant de la fermer."
            )
        self.built: dict[str, w.Widget] = {}
        self._building = threading.Lock()
        self.ratings: dict[str, dict[str, int | None]] = {}  # project folder -> my ratings of it
        self.axes: AxesWidget | None = None
        self.shown, self.pitching = "", ""  # the step last shown, the project pitching when it was

    def ready(self, step: str) -> bool:
        """Whether ``step``'s widgets are built (:meth:`build`)."""
        return step in self.built

    def build(self, step: str) -> None:
        """Build ``step``'s widgets if they are not yet (the page's own thread calls it: see :func:`Workshop`)."""
        with self._building:
            if step not in self.built:
                try:
                    self.built[step] = self._build(step)
                except Exception:  # one broken step never breaks the page; said in French
                    log.exception("room step %s failed", step)
                    self.built[step] = w.HTML(BROKEN)

    def view(self, step: str, state: RoomState) -> w.Widget:
        """The widget of ``step`` (built if it is not yet), brought up to date with the trainer's ``state``.

        What it reads from disk — the axes from the ratings, the name of the project that pitches — is read
        when the step is entered or the project changes, not at every change of the room's state.
        """
        self.build(step)
        widget = self.built[step]
        entered, self.shown = step != self.shown, step
        try:
            if step == "axes" and entered and self.axes is not None:
                self.axes.refresh()  # the ratings may have changed since
            elif step == "quiz" and isinstance(widget, PhoneQuiz):
                widget.show(state.quiz_index, state.revealed)
            elif step == "booster" and isinstance(widget, PhoneRating) and (entered or state.pitching != self.pitching):
                self.pitching = state.pitching
                self._booster(widget, state.pitching)
            return widget
        except Exception:  # one broken step never breaks the page; said in French
            log.exception("room step %s failed", step)
            return w.HTML(BROKEN)

    def _build(self, step: str) -> w.Widget:
        kit, store = self.room.kit, self.store
        if step == "quiz":
            return PhoneQuiz(kit.quiz, store)
        if step == "dimensions":
            return w.VBox([w.HTML("<h2>Les dimensions de l'innovation</h2>"), DimensionsChecklist(kit.concepts, store)])
        if step == "grille":
            return w.VBox(
                [
                    w.HTML(
                        "<h2>Ma grille</h2><p>Pour chaque critère, choisissez le niveau qui décrit "
                        "votre projet aujourd'hui.</p>"
                    ),
                    PhoneAssessment(self.grid, store),
                ]
            )
        if step == "axes":
            self.axes = AxesWidget(self.grid, store)
            return w.VBox([w.HTML("<h2>Mes axes d'amélioration</h2>"), self.axes])
        if step == "pitch":
            pitch = _pitch(kit.workshop)
            if pitch is None:
                return w.HTML("<p>L'atelier ne prévoit pas de pitch.</p>")
            return w.VBox([w.HTML("<h2>Mon pitch</h2>"), PitchWidget(pitch.outline, store, pitch.minutes)])
        if step == "booster":
            return PhoneRating(self.grid)
        if step == "fiche":
            pitch = _pitch(kit.workshop)
            outline = pitch.outline if pitch is not None else None

            def build(grid, results):
                from .card_files import results_card_files

                return results_card_files(grid, results, outline, attribution_of(kit.workshop, grid))

            return w.VBox(
                [
                    w.HTML(
                        "<h2>Ma fiche projet</h2><p>Votre fiche (PDF et page web) reprend votre grille, "
                        "votre profil et votre pitch.</p>"
                    ),
                    CardDownload(self.grid, store, build),
                    w.HTML(attribution_html(kit.workshop, self.grid, href=LICENCE_PATH)),
                ]
            )
        return PhoneWelcome(kit.workshop, store, licence_href=LICENCE_PATH)

    def _booster(self, widget: PhoneRating, pitching: str) -> None:
        if not pitching:
            widget.wait(WAITING)
            return
        if pitching == self.folder:
            widget.wait(OWN_PITCH)
            return
        room, rater = self.room.folder, self.folder
        if pitching not in self.ratings:  # my earlier ratings of it (before a reload), else none
            self.ratings[pitching] = dict(room_ratings.read_room_ratings(room, pitching).get(rater, {}))
        rated = self.ratings[pitching]

        def save(ratings: dict[str, int | None]) -> None:
            room_ratings.save_room_rating(room, pitching, rater, ratings)
            rated.clear()
            rated.update(ratings)

        widget.rate(self.project_of(pitching), rated, save)

    def project_of(self, folder: str) -> str:
        """The project named in the results file of the participant whose folder is ``folder`` ("" if none)."""
        try:
            return read_results(self.room.folder / folder / RESULTS_NAME, self.grid).project
        except (ContentError, OSError, ValueError):
            return ""


@solara.component
def ParticipantApp() -> solara.Element:
    """The room's page for a participant, or a French sentence when their cookie does not hold."""
    room = site()
    cookies = session_cookies()
    participant = participant_of(cookies, room.secret)
    if participant is None:
        with solara.Column(classes=["isg-room"]) as main:
            solara.Style(PHONE_CSS)
            solara.Title("Salle de l'atelier")
            solara.HTML(tag="p", unsafe_innerHTML=NO_COOKIE, classes=["isg-no-cookie"])
        return main
    return Workshop(participant)


@solara.component
def Workshop(participant: str) -> solara.Element:
    """A participant's workshop: the step buttons, then the step shown (the trainer's, or one reopened)."""
    room = site()
    session = solara.use_memo(lambda: ParticipantSession(room, participant), [participant])
    # The trainer's state and the step shown, one value: a change of step re-renders the page once.
    (state, shown), set_view = solara.use_state((room.hub.state, room.hub.state.step), key="room-view")
    current = solara.use_ref((room.hub.state, room.hub.state.step))

    def show(new: RoomState, step: str) -> None:
        current.current = (new, step)
        set_view((new, step))

    def connect() -> Callable[[], None]:
        context = current_context()  # this session's kernel (the cleanup may run from another thread)
        room.hub.claim(participant, context)

        def heard(new: RoomState) -> None:
            old, step = current.current
            # the trainer opened a step: everyone goes there; else the participant stays where they are
            show(new, new.step if new.step != old.step else step)

        unsubscribe = room.hub.subscribe(heard, context)
        heard(room.hub.state)  # a change between the first render and the subscription

        def disconnect() -> None:
            unsubscribe()
            room.hub.release(participant, context)

        return disconnect

    solara.use_effect(connect, [participant])
    visible = shown if state.opened(shown) else state.step
    # A step not built yet is announced at once (« Chargement… ») and built afterwards by the room's one builder
    # thread, one page after the other: the hub brings every phone to the trainer's step without waiting for
    # the screens, and a hundred builds in a hundred threads would only fight over the interpreter.
    _, built = solara.use_state(object(), key="built")

    def build_in_background() -> None:
        if not session.ready(visible):
            context = current_context()

            def work() -> None:
                session.build(visible)
                built(object())  # render again, with the step

            _BUILDER.submit(deliver, context, work, locked=False)  # in this session; nothing once it closed

    solara.use_effect(build_in_background, [visible])
    ready = session.ready(visible)
    widget = session.view(visible, state) if ready else None
    with solara.Column(classes=["isg-room"], gap="12px") as main:
        solara.Style(PHONE_CSS)
        solara.Title(f"{room.kit.workshop.title} — {step_label(visible)}")
        with solara.Row(classes=["isg-steps"], gap="8px", style={"flex-wrap": "wrap"}):
            for step, label in STEPS:
                solara.Button(
                    label,
                    on_click=lambda step=step: show(state, step) if state.opened(step) else None,
                    disabled=not state.opened(step),
                    color="primary",
                    outlined=step != visible,
                    classes=["isg-step"],
                    attributes={"aria-current": "step"} if step == visible else {},
                )
        if visible != state.step:
            with solara.Row(classes=["isg-away"], style={"flex-wrap": "wrap", "align-items": "center"}):
                solara.Text(f"Le formateur est à l'étape «{NB}{step_label(state.step)}{NB}».")
                solara.Button(
                    f"Revenir à «{NB}{step_label(state.step)}{NB}»",
                    color="primary",
                    on_click=lambda: show(state, state.step),
                    classes=["isg-step", "isg-follow"],
                )
        if widget is not None:
            solara.Column(children=[widget], classes=["isg-step-body"])
        else:
            solara.HTML(
                tag="p",
                unsafe_innerHTML=f"Chargement de l'étape «{NB}{step_label(visible)}{NB}»…",
                attributes={"role": "status"},
                classes=["isg-loading"],
            )
    return main
