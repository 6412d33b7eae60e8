"""The room's participant app, driven without a browser: one Solara kernel per session, one cookie each.

Each session is a :class:`VirtualKernelContext` of its own (the room serves
its participants as virtual kernels of one process); the app reads the
participant's signed cookie from ``solara.lab.cookies``, follows the hub's
state (``hub.set`` by the trainer, ``hub.wait_idle`` until every session
heard it) and saves in the participant's own file.
"""

from __future__ import annotations

import dataclasses
import threading
import time

# isort: off
# First: per-kernel reactives need Solara's server loaded.
import solara.server.starlette

# isort: on
import ipyvuetify as v
import ipywidgets as w
import pytest
import solara
import solara.lab
from solara.server import kernel, kernel_context

from isgrille.delivery.room_participant import NO_COOKIE, OWN_PITCH, WAITING, ParticipantApp
from isgrille.delivery.room_site import PARTICIPANT_COOKIE, open_site, participant_folder, sign
from isgrille.results import room_ratings
from isgrille.results.learner import SELF
from isgrille.results.store import ResultsStore, read_results
from isgrille.widgets.phone_grid import NOT_RATED_VALUE, PhoneAssessment, PhoneRating
from isgrille.widgets.phone_quiz import PhoneQuiz
from isgrille.widgets.phone_steps import PhoneWelcome

from ..grids import make_grid
from ..widgets.reading import text_of

#: What a page says while the step it shows is being built.
LOADING = "Chargement de l'étape"

ALICE, BOB = "participant-alice-0001", "participant-bob-00002"
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def room(tmp_path):
    site = open_site(tmp_path / "salle", "atelier42", "K" * 43, bytes(32))
    yield site
    site.hub.close()


class Session:
    """One browser tab: its kernel context, the rendered app, and helpers to read and click it."""

    def __init__(self, room, participant: str | None, cookie: str | None = None, number: int = 0):
        self.room, self.participant = room, participant
        self.context = kernel_context.VirtualKernelContext(
            id=f"kernel-{participant}-{number}", kernel=kernel.Kernel(), session_id=f"session-{number}"
        )
        token = cookie if cookie is not None else (sign(participant, room.secret) if participant else None)
        with self.context:
            solara.lab.cookies.value = {PARTICIPANT_COOKIE: token} if token else {}
            self.box, self.rc = solara.render(ParticipantApp(), handle_error=False)

    def rendered(self, timeout: float = 30.0) -> None:
        """Wait until the page has rendered every change it heard.

        A change heard while another thread renders the page (the step builder's « render again ») is left by
        reacton to that thread, which renders it once its own pass is over: the hub's ``wait_idle`` says every
        page heard the trainer, not that every page has drawn it yet.
        """
        deadline = time.monotonic() + timeout
        while self.rc._rerender_needed or self.rc._is_rendering:
            assert time.monotonic() < deadline, "the page never rendered what it heard"
            time.sleep(0.01)

    def settle(self, timeout: float = 30.0) -> None:
        """Wait until the page has rendered what it heard and the step shown is built (in a thread of its own)."""
        deadline = time.monotonic() + timeout
        self.rendered(timeout)
        while any(LOADING in html for html in _html(self.box)):
            assert time.monotonic() < deadline, "the step was never built"
            time.sleep(0.01)
        self.rendered(max(deadline - time.monotonic(), 0.0))

    def find(self, cls, **attributes):
        self.settle()
        with self.context:
            return self.rc.find(cls, **attributes)

    def step_button(self, label: str) -> v.Btn:
        return self.find(v.Btn, children=[label]).widget

    def click(self, label: str) -> None:
        with self.context:
            self.step_button(label).click()

    def shown(self, cls):
        """The one widget of class ``cls`` on screen."""
        return self.find(cls).widget

    def text(self) -> str:
        self.settle()
        return text_of(" ".join(_html(self.box)))

    def close(self) -> None:
        if self.context.closed_event.is_set():  # replaced by a later session of the same participant
            return
        with self.context:
            self.rc.close()
        self.context.close()


def _html(widget) -> list[str]:
    """Every text and HTML the page holds, depth first (Vuetify and ipywidgets alike)."""
    found = []
    for name in ("unsafe_innerHTML", "value"):
        value = getattr(widget, name, None)
        if isinstance(value, str) and isinstance(widget, (w.HTML, solara.widgets.HTML)):
            found.append(value)
    for child in getattr(widget, "children", None) or ():
        found.extend([child] if isinstance(child, str) else _html(child))
    return found


@pytest.fixture
def sessions(room):
    opened: list[Session] = []

    def open_session(participant: str | None, cookie: str | None = None) -> Session:
        session = Session(room, participant, cookie, len(opened))
        opened.append(session)
        return session

    yield open_session
    for index, session in enumerate(opened):
        if session.participant and any(later.participant == session.participant for later in opened[index + 1 :]):
            assert session.context.closed_event.wait(10)  # replaced: the hub is closing it
        session.close()


def trainer(room, **changes) -> None:
    room.hub.set(**changes)
    assert room.hub.wait_idle()


def own_file(room, participant: str):
    return read_results(room.results_path(participant), room.kit.grid)


@pytest.mark.parametrize("cookie", [None, "", sign(ALICE, bytes(32)) + "x", sign("court", bytes(32))])
def test_without_a_valid_cookie_nothing_is_built(room, sessions, cookie):
    page = sessions(None, cookie)
    assert page.text() == text_of(NO_COOKIE)
    page.find(v.Btn).assert_empty()
    page.find(w.ToggleButtons).assert_empty()
    assert room.hub.listeners == 0 and room.hub.present() == set()
    assert not any(p.is_dir() for p in room.folder.iterdir()) if room.folder.exists() else True


def test_joins_at_the_trainers_step_and_follows_it(room, sessions):
    trainer(room, step="dimensions")
    page = sessions(ALICE)
    assert room.hub.present() == {ALICE}
    assert page.step_button("Dimensions").outlined is False  # the step shown
    assert page.step_button("Dimensions").attributes == {"aria-current": "step"}
    trainer(room, step="quiz")
    assert isinstance(page.shown(PhoneQuiz), PhoneQuiz)
    trainer(room, step="grille")
    assert isinstance(page.shown(PhoneAssessment), PhoneAssessment)
    page.find(PhoneQuiz).assert_empty()  # only the step shown is on the page
    assert room.results_path(ALICE).parent.is_dir()


def test_a_new_step_is_announced_at_once_and_built_by_the_rooms_builder(room, sessions, monkeypatch):
    from isgrille.delivery.room_participant import ParticipantSession

    release, building = threading.Event(), []
    original = ParticipantSession._build

    def slow_build(self, step):
        if step == "grille":
            building.append(threading.current_thread())
            assert release.wait(30)
        return original(self, step)

    monkeypatch.setattr(ParticipantSession, "_build", slow_build)
    trainer(room, step="quiz")
    pages = [sessions(ALICE), sessions(BOB)]
    room.hub.set(step="grille")
    assert room.hub.wait_idle()  # every page heard the trainer while no grid is built yet
    for page in pages:
        page.rendered()  # and drew it, the grid still not built
        with page.context:
            assert page.rc.find(v.Btn, children=["Grille"]).widget.attributes == {"aria-current": "step"}
        assert any(LOADING in html for html in _html(page.box))
    deadline = time.monotonic() + 30
    while not building:  # the room's builder took the first page's grid, after the pages heard the trainer
        assert time.monotonic() < deadline
        time.sleep(0.01)
    release.set()
    for page in pages:
        assert isinstance(page.shown(PhoneAssessment), PhoneAssessment)
    assert len(building) == 2 and all(t.name.startswith("isgrille-room-step") for t in building)


def test_the_builder_builds_nothing_for_a_session_that_closed_meanwhile(room, sessions, monkeypatch):
    from isgrille.delivery import room_participant

    built, real = [], room_participant.ParticipantSession._build
    monkeypatch.setattr(
        room_participant.ParticipantSession, "_build", lambda s, step: built.append(step) or real(s, step)
    )
    trainer(room, step="quiz")
    page = sessions(ALICE)
    release = threading.Event()
    room_participant._BUILDER.submit(release.wait, 30)  # the builder busy with another page
    room.hub.set(step="grille")
    assert room.hub.wait_idle()
    page.rendered()  # the page asked for the grid
    page.close()  # and left before the builder reached it
    release.set()
    room_participant._BUILDER.submit(lambda: None).result(30)  # the builder went through its queue
    assert "grille" not in built and "quiz" in built


def test_past_steps_reopen_future_ones_only_in_free_navigation(room, sessions):
    trainer(room, step="grille")
    page = sessions(ALICE)
    assert [page.step_button(label).disabled for label in ("Accueil", "Quiz", "Grille", "Axes", "Fiche")] == [
        False,
        False,
        False,
        True,
        True,
    ]
    page.click("Quiz")
    assert isinstance(page.shown(PhoneQuiz), PhoneQuiz)
    assert "Le formateur est à l'étape «\u00a0Grille\u00a0»" in page.text()
    page.click("Axes")  # not opened: nothing moves
    assert isinstance(page.shown(PhoneQuiz), PhoneQuiz)
    trainer(room, quiz_index=1)  # the trainer changed no step: the participant stays where they are
    assert isinstance(page.shown(PhoneQuiz), PhoneQuiz)
    trainer(room, free=True)
    assert page.step_button("Fiche").disabled is False
    page.click("Axes")
    assert "Mes axes d'amélioration" in page.text()
    trainer(room, free=False)  # back to a step that is not opened any more: the trainer's step
    assert isinstance(page.shown(PhoneAssessment), PhoneAssessment)
    page.click("Quiz")
    trainer(room, step="pitch")  # the trainer opens a step: everyone goes there
    assert "Mon pitch" in page.text()


def test_axes_follow_the_ratings_each_time_they_are_shown(room, sessions):
    trainer(room, step="axes")
    page = sessions(ALICE)
    assert "Aucun axe pour l'instant" in page.text()
    criterion = room.kit.grid.criteria[0]
    trainer(room, step="grille")
    page.shown(PhoneAssessment).cards.pickers[criterion.id].value = 0
    trainer(room, step="axes")
    assert criterion.label in page.text() and "Aucun axe" not in page.text()
    page.click("Grille")
    page.click("Axes")  # shown again: still there, rebuilt from the file
    assert criterion.label in page.text()


def test_quiz_answer_saved_in_the_participants_own_file(room, sessions):
    trainer(room, step="quiz", quiz_index=2)
    alice, bob = sessions(ALICE), sessions(BOB)
    quiz = room.kit.quiz
    alice.shown(PhoneQuiz).choices.value = quiz.choices[0]
    assert own_file(room, ALICE).quiz == {quiz.items[2].id: quiz.choices[0]}
    assert not room.results_path(BOB).exists()  # Bob answered nothing: his file holds nothing yet
    assert bob.shown(PhoneQuiz).choices.value is None
    assert participant_folder(ALICE, room.secret) != participant_folder(BOB, room.secret)


def test_revealed_shows_the_answer_and_the_explanation(room, sessions):
    trainer(room, step="quiz", quiz_index=1)
    page = sessions(ALICE)
    item = room.kit.quiz.items[1]
    assert f"Affirmation 2 sur {len(room.kit.quiz.items)}" in page.text()
    assert item.statement in page.text()
    page.shown(PhoneQuiz).choices.value = item.answer
    assert "Bonne réponse" not in page.text()
    trainer(room, revealed=True)
    text = page.text()
    assert f"✔ Bonne réponse\u00a0: {item.answer}" in text
    assert text_of(item.explanation.replace("*", ""))[:40] in text
    trainer(room, quiz_index=2)  # the next statement starts hidden
    assert "Bonne réponse" not in page.text() and room.kit.quiz.items[2].statement in page.text()


def test_grid_rating_saved_and_profile_redrawn(room, sessions):
    trainer(room, step="grille")
    page = sessions(ALICE)
    grid = page.shown(PhoneAssessment)
    before = grid.profile.png
    criterion = room.kit.grid.criteria[4]
    grid.cards.pickers[criterion.id].value = 3
    assert own_file(room, ALICE).assessments[SELF] == {criterion.id: 3}
    assert grid.profile.png != before
    assert room.kit.grid.levels[3] in text_of(grid.profile.table.value)


@pytest.mark.parametrize("shape, levels", [([3, 1], 5), ([1, 1, 1, 1, 1], 2)])
def test_a_grid_of_other_sizes(room, sessions, shape, levels):
    room._kit = dataclasses.replace(room.kit, grid=make_grid(shape, levels))
    trainer(room, step="grille")
    page = sessions(ALICE)
    grid = page.shown(PhoneAssessment)
    assert len(grid.cards.pickers) == sum(shape)
    last = room.kit.grid.criteria[-1]
    assert len(grid.cards.pickers[last.id].options) == levels + 1
    grid.cards.pickers[last.id].value = levels - 1
    grid.cards.pickers[room.kit.grid.criteria[0].id].value = NOT_RATED_VALUE
    assert own_file(room, ALICE).assessments[SELF] == {last.id: levels - 1, room.kit.grid.criteria[0].id: None}


def test_project_name_found_again_after_a_reload(room, sessions):
    first = sessions(ALICE)
    first.shown(PhoneWelcome).project.value = "Ma recyclerie"
    assert own_file(room, ALICE).project == "Ma recyclerie"
    again = sessions(ALICE)  # a reload: a new kernel, the same cookie
    assert again.shown(PhoneWelcome).project.value == "Ma recyclerie"
    credit = again.shown(PhoneWelcome).children[-1].value  # whose work, its licence served by the room itself
    assert "Creative Commons Attribution" in credit and '<a href="/LICENSE-CONTENT"' in credit
    assert first.context.closed_event.wait(10)  # the older session was closed: one per participant
    assert room.hub.present() == {ALICE}
    assert own_file(room, ALICE).project == "Ma recyclerie"


def _name_project(room, participant: str, name: str) -> str:
    path = room.results_path(participant)
    path.parent.mkdir(parents=True, exist_ok=True)
    ResultsStore(room.kit.grid, path).update(lambda r: setattr(r, "project", name))
    return participant_folder(participant, room.secret)


def test_booster_waits_shows_the_pitching_project_as_text_never_ones_own(room, sessions):
    trainer(room, step="booster")
    page = sessions(ALICE)
    assert WAITING in page.text()
    trainer(room, pitching=_name_project(room, BOB, HOSTILE))
    rating = page.shown(PhoneRating)
    assert "<img" not in rating.title.value and "&lt;img src=x onerror=alert(1)&gt;" in rating.title.value
    assert HOSTILE in page.text()
    trainer(room, pitching=participant_folder(ALICE, room.secret))
    assert OWN_PITCH.replace("\u00a0", " ") in page.text().replace("\u00a0", " ")
    assert rating.cards.layout.display == "none"


def test_booster_rating_goes_through_save_room_rating(room, sessions, monkeypatch):
    calls = []
    real = room_ratings.save_room_rating
    monkeypatch.setattr(room_ratings, "save_room_rating", lambda *args: (calls.append(args), real(*args)))
    bob = _name_project(room, BOB, "Le projet de Bob")
    trainer(room, step="booster", pitching=bob)
    page = sessions(ALICE)
    rating = page.shown(PhoneRating)
    assert "Le projet de Bob" in page.text()
    first, second = room.kit.grid.criteria[0].id, room.kit.grid.criteria[1].id
    rating.cards.pickers[first].value = 2
    rating.cards.pickers[second].value = NOT_RATED_VALUE
    alice = participant_folder(ALICE, room.secret)
    assert calls[-1] == (room.folder, bob, alice, {first: 2, second: None})
    assert rating.message.value == ""  # saved: no alert
    assert room_ratings.read_room_ratings(room.folder, bob) == {alice: {first: 2, second: None}}
    assert own_file(room, BOB).assessments.get(SELF, {}) == {}  # Bob's own results untouched
    again = sessions(ALICE)  # a reload finds the ratings given
    assert again.shown(PhoneRating).cards.ratings() == {first: 2, second: None}


def test_a_closed_session_leaves_the_room_and_stops_listening(room, sessions):
    page = sessions(ALICE)
    assert room.hub.listeners == 1 and room.hub.present() == {ALICE}
    page.close()
    assert room.hub.listeners == 0 and room.hub.present() == set()


def test_a_step_that_fails_to_build_is_a_french_sentence_and_the_page_still_follows(room, sessions, monkeypatch):
    from isgrille.delivery.room_participant import ParticipantSession

    real = ParticipantSession._build

    def broken(self, step):
        if step == "quiz":
            raise RuntimeError("boom")
        return real(self, step)

    monkeypatch.setattr(ParticipantSession, "_build", broken)
    page = sessions(ALICE)
    trainer(room, step="quiz")
    assert "Cette étape n'a pas pu s'afficher" in page.text()
    trainer(room, step="grille")
    assert isinstance(page.shown(PhoneAssessment), PhoneAssessment)


def test_the_room_serves_a_trainers_own_pack(tmp_path, monkeypatch):
    """A room opened with ``ISGRILLE_CONTENT``: the phones show the pack's workshop and its OUI / NON quiz."""
    from isgrille.content.loading import CONTENT_ENV

    from ..packs import CHOICES, ORGANISATION, STATEMENTS, TITLE, write_unlike_pack

    monkeypatch.setenv(CONTENT_ENV, str(write_unlike_pack(tmp_path / "pack")))
    site = open_site(tmp_path / "salle", "atelier42", "K" * 43, bytes(32))
    try:
        page = Session(site, ALICE)
        assert TITLE in page.text() and ORGANISATION in page.text()
        trainer(site, step="quiz", quiz_index=STATEMENTS - 1)
        assert f"Affirmation {STATEMENTS} sur {STATEMENTS}" in page.text()
        quiz = page.shown(PhoneQuiz)
        quiz.choices.value = CHOICES[0]
        assert own_file(site, ALICE).quiz == {f"affirmation_{STATEMENTS}": CHOICES[0]}
        page.close()
    finally:
        site.hub.close()
