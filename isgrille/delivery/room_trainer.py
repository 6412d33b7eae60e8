"""The trainer's page of the live room, for the projector: the steps, the room code, who joined, the room's views.

:func:`TrainerPage` (route ``/formateur``) builds nothing but a French refusal without the trainer's signed cookie.
Then, at 1280×720: a button per step (a click moves every participant's screen through the hub), the room code, its
address, QR and who joined, and the room's view of the step. A :class:`Watcher` thread per trainer session re-reads
the room every :data:`INTERVAL` seconds, only when files changed, until the session ends; it saves the room's medians
of the pitching project in that project's results file as « la salle ». Whatever a participant typed is escaped.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeAlias

import ipywidgets as w
import solara

from ..analysis.card import card_from_record
from ..analysis.room import (
    RoomReader,
    RoomSnapshot,
    VoteTally,
    project_labels,
    ratings_key,
    room_matrix,
    visitors,
    vote_tallies,
)
from ..analysis.room_live import ROOM_ASSESSOR, raters, rating_summary, room_assessment, word_counts
from ..analysis.tidy import ProjectRecord
from ..content.attribution import attribution_of
from ..results.learner import SELF
from ..results.room_ratings import Mark, read_room_ratings_if_changed, save_room_assessment
from ..results.room_state import STEPS, RoomState
from ..widgets.card_download import Download
from ..widgets.class_view import levels_html
from ..widgets.concepts import dimensions_html
from ..widgets.room_cards import RoomCards
from ..widgets.room_live_ratings import live_ratings_html
from ..widgets.room_panel import plural, qr_html
from ..widgets.room_profile import matrix_html
from ..widgets.room_votes import votes_html
from ..widgets.room_words import words_html
from ..widgets.text import STYLE, escape, inline_markdown
from ..widgets.timer import CountdownWidget
from ..widgets.welcome import attribution_html
from .card_files import card_downloads, class_downloads
from .room_hub import current_context, deliver, start_thread
from .room_site import LICENCE_PATH, RoomSite, is_trainer, session_cookies, site

__all__ = ["INTERVAL", "PROJECTOR_CSS", "REFUSAL", "TrainerPage", "Watcher"]

INTERVAL = 2.0  #: seconds between two readings of the room
BOOSTER_SEQUENCE = 4
#: The pitching project's ratings as last read: its folder, each rater's ratings, a French problem ("" if none).
LiveRatings: TypeAlias = "tuple[str, dict[str, dict[str, int | None]], str]"
REFUSAL = "<h1>Accès refusé</h1><p>Page réservée au formateur : ouvrez l'adresse avec la clé donnée au lancement.</p>"
#: The projector's CSS: large type, high contrast (WCAG 2.1 AA), 44 px buttons, nothing past 1280 px.
PROJECTOR_CSS = """
.isg-projector { font-size: 22px; line-height: 1.4; color: #111; background: #fff; width: 100%; max-width: 100vw;
  box-sizing: border-box; padding: 8px 16px; overflow-x: hidden; }
.isg-projector .widget-html, .isg-projector .widget-html-content { font-size: 22px; line-height: 1.4; width: 100%;
  max-width: 100%; height: auto; color: #111; white-space: normal; }
.isg-projector h1 { font-size: 1.6em; margin: 0.2em 0; } .isg-projector h2 { font-size: 1.3em; margin: 0.2em 0; }
.isg-projector .v-btn.v-btn, .isg-projector .jupyter-button { min-height: 44px; min-width: 44px; height: auto;
  font-size: 20px; text-transform: none; letter-spacing: normal; color: #0b3d91; border: 2px solid #0b3d91;
  background-color: #fff; width: auto; padding: 4px 16px; }
.isg-projector .v-btn.v-btn.isg-current { background-color: #0b3d91 !important; color: #fff !important;
  text-decoration: underline 3px; }
.isg-projector .v-btn.v-btn--disabled, .isg-projector .jupyter-button:disabled { color: #555 !important;
  border-color: #888; }
.isg-projector :focus-visible { outline: 3px solid #1a56c4; outline-offset: 2px; }
.isg-projector .v-input--switch label { font-size: 20px; color: #111; } .isg-projector table { max-width: 100%; }
.isg-projector .widget-dropdown { width: 100%; height: auto; } .isg-projector .widget-dropdown > * { font-size: 20px;
  min-height: 44px; height: auto; color: #111; width: auto; }
.isg-projector .widget-html-content code { font-size: 20px !important; } .isg-projector summary { min-height: 44px; }
.isg-projector .isg-statement { font-size: 1.5em; } .isg-timer { font-size: 3.5em; } .isg-code { margin: 0; }
.isg-code strong { font-size: 2.4em; letter-spacing: 0.1em; font-family: monospace; }
.isg-qr-small img { width: 6.5em !important; } .isg-qr-large img { width: 14em !important; }
.isg-qr .isg-card { margin: 0; padding: 0; border: 0; background: none; } .isg-qr p { display: none; }
"""


def Html(value: str) -> Any:  # HTML prepared (and escaped) by the widgets' functions
    return w.HTML.element(value=value)


def folder_of(record: ProjectRecord) -> str:  # the room folder id of a project's results file
    return Path(record.source).parent.name


class Watcher:
    """Every ``interval`` s (or at once when ``wake`` is set), the room (``on_snapshot``) and the pitching project's
    ratings (``on_live((folder, ratings, problem))``, their medians saved by :meth:`save`), when they changed.

    It reads in a thread of no session and calls both inside ``session`` (the trainer's, set when the thread starts)
    with :func:`~isgrille.delivery.room_hub.deliver`."""

    def __init__(
        self,
        room: RoomSite,
        on_snapshot: Callable[[RoomSnapshot], None],
        on_live: Callable[[LiveRatings], None],
        interval: float | None = None,
    ):
        self.room, self.on_snapshot, self.on_live, self.interval = room, on_snapshot, on_live, interval or INTERVAL
        self.reader = RoomReader([room.folder], room.kit.grid, room.kit.quiz, room=True)
        self.first = self.reader.read(force=True)
        self._seen: Mark | None = None  # the ratings file as last read
        self._saved: tuple[str, dict[str, int | None]] | None = None  # the medians last saved
        self.wake, self.stop = threading.Event(), threading.Event()
        self.unsubscribe: Callable[[], None] = lambda: None  # from the hub, when the page follows it
        self.session: Any = None  # the trainer's kernel context (None: none, as in scripts)

    def start(self, session: Any) -> None:
        self.session = session
        start_thread(self.run, "isgrille-trainer-watch")

    def close(self) -> None:
        self.unsubscribe()
        self.stop.set()
        self.wake.set()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                if (snapshot := self.reader.read()) is not None:
                    deliver(self.session, self.on_snapshot, snapshot)
                self.read_live(self.room.hub.state.pitching)
            except Exception:  # one failed reading never stops the page: the next one tries again
                logging.getLogger(__name__).exception("reading the room failed")
            self.wake.wait(self.interval)
            self.wake.clear()

    def read_live(self, folder: str) -> None:
        ok = bool(folder)  # the room state holds a folder id or nothing (RoomState checks it)
        found = read_room_ratings_if_changed(self.room.folder, folder, self._seen) if ok else None
        if found is not None:
            ratings, problem, self._seen = found
            deliver(self.session, self.on_live, (folder, ratings, problem or self.save(folder, ratings)))

    def save(self, folder: str, ratings: dict[str, dict[str, int | None]]) -> str:
        """The room's medians into the project's file as « la salle » (locked); a French problem, or ""."""
        assessment = room_assessment(rating_summary(self.room.kit.grid, ratings))
        if raters(ratings) and (folder, assessment) != self._saved:
            try:
                save_room_assessment(self.room.folder, folder, self.room.kit.grid, ROOM_ASSESSOR, assessment)
                self._saved = (folder, assessment)
            except Exception as exc:  # noqa: BLE001 — said on the page in French
                return f"Les notes de la salle n'ont pas pu être enregistrées dans le fichier du projet : {exc}"
        return ""


@solara.component
def TrainerPage() -> Any:
    """The trainer's page: a French refusal without the trainer's cookie, else the projector's screen."""
    solara.Title("Salle isgrille — formateur")
    cookies = session_cookies()
    if not is_trainer(cookies, site().secret):
        return solara.Column(children=[Html(REFUSAL)], classes=["isg-projector"])
    return TrainerScreen()


@solara.component
def TrainerScreen() -> Any:
    room = site()
    state, set_state = solara.use_state(room.hub.state)
    nothing: LiveRatings = ("", {}, "")  # no project pitching yet
    live, set_live = solara.use_state(nothing)
    watcher = solara.use_memo(lambda: Watcher(room, lambda s: set_snapshot(s), lambda v: set_live(v)), [])
    snapshot, set_snapshot = solara.use_state(watcher.first)

    def newest(new: RoomState) -> None:  # the hub's dispatcher and a click may race: the newer state wins
        set_state(lambda old: new if new.version >= old.version else old)

    def follow() -> Callable[[], None]:  # the hub's changes and the room's files, until the session ends
        watcher.unsubscribe = room.hub.subscribe(newest)
        watcher.start(current_context())
        return watcher.close

    solara.use_effect(follow, [])

    def act(**changes: object) -> None:
        newest(room.hub.set(**changes))
        if "pitching" in changes:
            watcher.wake.set()

    with solara.Column(classes=["isg-projector"], gap="8px") as page:
        solara.Style(PROJECTOR_CSS)
        Html(STYLE)
        StepBar(state, act)
        Header(room, state, snapshot)
        view = {"quiz": QuizView, "booster": BoosterView, "fiche": CardsView}.get(state.step, HtmlView)
        view(room=room, state=state, snapshot=snapshot, act=act, live=live)
    return page


@solara.component
def StepBar(state: RoomState, act: Callable[..., None]) -> Any:
    with solara.Row(gap="6px", style={"flex-wrap": "wrap", "align-items": "center"}) as bar:
        for step, label in STEPS:  # the current one: pressed, « ▶ », filled and underlined (not colour alone)
            now = step == state.step
            aria = {"aria-label": label, "aria-pressed": "true" if now else "false"}
            solara.Button(
                f"▶ {label}" if now else label,
                on_click=partial(act, step=step),
                classes=["isg-current"] * now,
                attributes=aria,
            )
        solara.Switch(label="Navigation libre", value=state.free, on_value=lambda free: act(free=free))
    return bar


@solara.component
def Header(room: RoomSite, state: RoomState, snapshot: RoomSnapshot | None) -> Any:
    qr = solara.use_memo(lambda: qr_html(room.url) if room.url else "", [room.url])
    joined = visitors(snapshot.cohort) if snapshot is not None else []
    names = ", ".join(escape(v.label) for v in joined) or "personne pour l'instant"
    problem = f'<p class="isg-notice">{escape(room.hub.problem)}</p>' if room.hub.problem else ""
    return Html(
        f'<div style="display: flex; gap: 1em; align-items: flex-start"><div style="flex: 1 1 auto; '
        f'min-width: 0"><p class="isg-code">Code de la salle : <strong>{escape(room.code)}</strong></p>'
        f'<p>Adresse : <code style="word-break: break-all">{escape(room.url)}</code></p>'
        f"<details{' open' if state.step == 'accueil' else ''}><summary><strong>"
        f"{plural(len(joined), 'projet a rejoint', 'projets ont rejoint')} la salle</strong></summary>"
        f"<p>{names}</p></details>{problem}</div>"
        f'<div class="isg-qr isg-qr-{"large" if state.step == "accueil" else "small"}" style="flex: 0 0 auto">'
        f"{qr}</div></div>"
    )


@solara.component
def HtmlView(room: RoomSite, state: RoomState, snapshot: RoomSnapshot | None, **_: Any) -> Any:
    cohort = snapshot.cohort if snapshot is not None else None
    key = (
        snapshot
        if cohort is None or state.step not in ("grille", "axes")
        else (ratings_key(cohort), tuple(record.project for record in cohort.projects))
    )  # the chart only when it changed
    page = solara.use_memo(lambda: step_html(state.step, room, cohort), [state.step, key])
    return Html(page)


def step_html(step: str, room: RoomSite, cohort: Any) -> str:
    """The room's view of the steps shown as HTML: the welcome, the dimensions, the word cloud, the map."""
    if step == "accueil":
        return (
            f"<h1>Bienvenue : {escape(room.kit.workshop.title)}</h1><p>Scannez le code QR ou ouvrez l'adresse "
            "sur votre téléphone, tapez le code si on vous le demande, puis nommez votre projet.</p>"
            + attribution_html(room.kit.workshop, room.kit.grid, href=LICENCE_PATH)
        )
    if step == "dimensions":
        return dimensions_html(room.kit.concepts)
    if step == "pitch":
        texts = [str(record.pitch.get("a", "")) for record in cohort.projects] if cohort is not None else []
        return words_html(word_counts(texts), projects=sum(bool(text.strip()) for text in texts))
    grid = room.kit.grid  # « Grille » and « Axes »: the projects × criteria map and the levels per criterion
    return (
        matrix_html(room_matrix(cohort), grid) + "<h2>Les niveaux par critère</h2>" + levels_html(cohort.ratings, grid)
        if cohort is not None
        else matrix_html([], grid)
    )


@solara.component
def QuizView(room: RoomSite, state: RoomState, snapshot: RoomSnapshot | None, act: Callable[..., None], **_: Any):
    quiz = room.kit.quiz
    tallies = solara.use_memo(
        lambda: {t.statement: t for t in vote_tallies(snapshot.cohort.quiz, quiz)} if snapshot is not None else {},
        [snapshot],
    )
    item = quiz.items[index := min(state.quiz_index, len(quiz.items) - 1)]
    tally = tallies.get(item.id) or VoteTally(
        item.id, item.statement, dict.fromkeys(quiz.choices, 0), 0, 0, item.answer, item.explanation
    )
    with solara.Column() as view:
        Html(
            f"<h2>Affirmation {index + 1} / {len(quiz.items)}</h2>"
            f'<p class="isg-statement">{inline_markdown(item.statement)}</p><p role="status">'
            f"{plural(tally.answered, 'participant a répondu', 'participants ont répondu')}</p>"
        )
        with solara.Row(style={"flex-wrap": "wrap"}):
            solara.Button("Précédente", on_click=lambda: act(quiz_index=index - 1), disabled=index == 0)
            if not state.revealed:
                solara.Button("Révéler", on_click=lambda: act(revealed=True))
            solara.Button("Suivante", on_click=lambda: act(quiz_index=index + 1), disabled=index >= len(quiz.items) - 1)
        Html(
            votes_html(tally)
            if state.revealed
            else "<p><em>Votes masqués : cliquez sur « Révéler » quand la salle a voté.</em></p>"
        )
    return view


@solara.component
def BoosterView(
    room: RoomSite,
    state: RoomState,
    snapshot: RoomSnapshot | None,
    act: Callable[..., None],
    live: LiveRatings,
    **_: Any,
) -> Any:
    grid = room.kit.grid
    records = list(snapshot.cohort.projects) if snapshot is not None else []
    options = [(label, folder_of(r)) for label, r in zip(project_labels(records), records, strict=True)]
    chosen = state.pitching if state.pitching in [folder for _, folder in options] else ""
    timer = solara.use_memo(lambda: countdown(room, act), [])
    solara.use_effect(
        lambda: timer.reset() if timer.started and not state.timer_started else None,
        [state.pitching, state.timer_started],
    )
    ratings = live[1] if live[0] == chosen else {}
    own = next(
        (a.ratings for r in records if folder_of(r) == chosen for a in reversed(r.assessments) if a.assessor == SELF),
        {},
    )  # the project's latest self-assessment
    with solara.Column() as view:
        w.Dropdown.element(
            options=[("— choisir le projet qui pitche —", ""), *options],
            value=chosen,
            description="Projet qui pitche :",
            style={"description_width": "initial"},
            on_value=lambda folder: act(pitching=folder),
        )
        solara.Column(children=[timer])  # classic ipywidgets: made once (use_memo), mounted
        label = {folder: label for label, folder in options}.get(chosen, "")
        saved = f"Médianes enregistrées dans le fichier du projet (évaluateur « {ROOM_ASSESSOR} »)."
        status = (live[0] == chosen and live[2]) or (saved if raters(ratings) else "Notes de la salle attendues…")
        Html(
            live_ratings_html(grid, rating_summary(grid, ratings), own, raters(ratings), label, status)
            if chosen
            else "<p>Choisissez le projet qui pitche : les notes de la salle arrivent ici en direct.</p>"
        )
    return view


def countdown(room: RoomSite, act: Callable[..., None]) -> CountdownWidget:
    """The pitch countdown, resumed where it is when the page is opened again."""
    minutes = pitch.minutes if (pitch := room.kit.workshop.sequence(BOOSTER_SEQUENCE).pitch) is not None else 2
    timer = CountdownWidget(minutes, f"Pitch ({minutes:g} min max)")
    timer.start_button.on_click(lambda _: act(timer_started=time.time()))
    if 0 <= (elapsed := time.time() - room.hub.state.timer_started) < timer.total:
        timer.play.value = int(elapsed)
        timer.start()
    return timer


@solara.component
def CardsView(room: RoomSite, snapshot: RoomSnapshot | None, **_: Any) -> Any:
    pitch, grid = room.kit.workshop.sequence(BOOSTER_SEQUENCE).pitch, room.kit.grid
    outline = pitch.outline if pitch is not None else None
    signed = attribution_of(room.kit.workshop, grid)  # every card says whose work it reproduces

    def one(record: ProjectRecord) -> list[Download]:
        return card_downloads(card_from_record(grid, record, outline), grid, "Fiche", signed)

    cards = solara.use_memo(lambda: RoomCards(one, lambda records: class_downloads(grid, records, outline, signed)), [])
    solara.use_effect(lambda: cards.show(snapshot) if snapshot is not None else None, [snapshot])
    return solara.Column(children=[cards])
