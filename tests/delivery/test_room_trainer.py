"""The trainer's page, driven without a browser: one Solara kernel context, the trainer's signed cookie.

The room is a folder of results files under ``tmp_path`` (``<folder id>/mes_resultats.json``); the page
reads it through its watcher thread (every :data:`~isgrille.delivery.room_trainer.INTERVAL` seconds, made
short here) and moves the room through the hub. Waits poll for what the page shows, with a deadline.
"""

from __future__ import annotations

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

from isgrille.content.attribution import attribution_of
from isgrille.delivery import room_trainer
from isgrille.delivery.room_site import PARTICIPANT_COOKIE, TRAINER_COOKIE, TRAINER_ID, open_site, sign
from isgrille.delivery.room_trainer import REFUSAL, TrainerPage
from isgrille.results.learner import SELF, LearnerResults
from isgrille.results.room_ratings import save_room_rating
from isgrille.results.store import read_results
from isgrille.widgets.room_cards import RoomCards
from isgrille.widgets.timer import CountdownWidget

from ..rooms import HOSTILE
from ..widgets.reading import table_rows, text_of
from .test_card_files import pdf_info

SECRET = bytes(32)
URL = "http://127.0.0.1:8765/?code=atelier42"
LABELS = ["Accueil", "Quiz", "Dimensions", "Grille", "Axes", "Pitch", "Booster", "Fiche"]


@pytest.fixture
def room(tmp_path, monkeypatch):
    monkeypatch.setattr(room_trainer, "INTERVAL", 0.05)
    site = open_site(tmp_path, "atelier42", "K" * 43, SECRET, url=URL)
    yield site
    site.hub.close()


def project(room, folder: str, name: str, *, level: int | None = None, pitch: str = "", answers=None):
    """``<room>/<folder>/mes_resultats.json``: a project rating every criterion at ``level``."""
    grid = room.kit.grid
    results = LearnerResults(
        project=name, grid_id=grid.id, pitch={"a": pitch} if pitch else {}, quiz=dict(answers or {})
    )
    for criterion in grid.criteria if level is not None else ():
        results.rate(criterion.id, level)
    path = room.folder / folder / "mes_resultats.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(results.to_json(grid), encoding="utf-8")
    return path


class Page:
    """The trainer's page rendered in a kernel context of its own."""

    def __init__(self, cookies: dict):
        self.context = kernel_context.VirtualKernelContext(
            id="trainer", kernel=kernel.Kernel(), session_id="session-trainer"
        )
        with self.context:
            solara.lab.cookies.value = cookies
            self.box, self.rc = solara.render(TrainerPage(), handle_error=False)

    def widgets(self, cls):
        with self.context:
            return self.rc.find(cls).widgets

    def html(self) -> str:
        return " ".join(widget.value for widget in self.widgets(w.HTML))

    def text(self) -> str:
        return text_of(self.html())

    def button(self, label: str) -> v.Btn:
        found = [
            b
            for b in self.widgets(v.Btn)
            if (b.attributes or {}).get("aria-label", b.children[0]) == label or b.children == [label]
        ]
        assert len(found) == 1, f"{label}: {len(found)} buttons"
        return found[0]

    def click(self, label: str) -> None:
        with self.context:
            self.button(label).click()

    def wait_for(self, predicate, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            assert time.monotonic() < deadline, f"not shown in {timeout} s: {self.text()[:400]}"
            time.sleep(0.02)

    def close(self) -> None:
        if self.context.closed_event.is_set():
            return
        with self.context:
            self.rc.close()
        self.context.close()


@pytest.fixture
def pages():
    opened: list[Page] = []

    def open_page(cookies: dict | None = None, trainer: bool = True) -> Page:
        page = Page(cookies if cookies is not None else ({TRAINER_COOKIE: sign(TRAINER_ID, SECRET)} if trainer else {}))
        opened.append(page)
        return page

    yield open_page
    for page in opened:
        page.close()


@pytest.mark.parametrize(
    "cookies",
    [
        {},
        {TRAINER_COOKIE: TRAINER_ID},
        {TRAINER_COOKIE: sign(TRAINER_ID, bytes(31) + b"x")},
        {PARTICIPANT_COOKIE: sign(TRAINER_ID, SECRET)},
        {TRAINER_COOKIE: sign("x", SECRET)},
    ],
)
def test_without_the_trainers_cookie_a_refusal_and_nothing_else(room, pages, cookies):
    project(room, "aaaaaaaa1", "Recyclerie")
    page = pages(cookies)
    assert [widget.value for widget in page.widgets(w.HTML)] == [REFUSAL]
    assert "Accès refusé" in page.text() and page.widgets(v.Btn) == []
    assert "atelier42" not in page.text() and "Recyclerie" not in page.text()
    assert not [t for t in threading.enumerate() if t.name == "isgrille-trainer-watch"]


def test_the_steps_are_buttons_that_move_the_room_the_current_one_pressed(room, pages):
    page = pages()
    assert [(b.attributes or {}).get("aria-label") for b in page.widgets(v.Btn)][:8] == LABELS
    home = page.button("Accueil")
    assert home.attributes["aria-pressed"] == "true" and home.children == ["▶ Accueil"]
    page.click("Quiz")
    assert room.hub.state.step == "quiz"
    assert page.button("Quiz").attributes["aria-pressed"] == "true" and "isg-current" in page.button("Quiz").class_
    home = page.button("Accueil")
    assert home.attributes["aria-pressed"] == "false" and home.children == ["Accueil"]
    page.click("Grille")
    assert room.hub.state.step == "grille" and page.button("Grille").children == ["▶ Grille"]
    assert "pas de carte des projets" in page.text() and "Les niveaux par critère" in page.text()


def test_free_navigation_is_a_toggle(room, pages):
    page = pages()
    switch = page.widgets(v.Switch)[0]
    with page.context:
        switch.v_model = True
    assert room.hub.state.free is True
    with page.context:
        switch.v_model = False
    assert room.hub.state.free is False


def test_the_room_code_the_address_the_qr_and_who_joined(room, pages):
    project(room, "aaaaaaaa1", "Recyclerie")
    page = pages()
    html = page.html()
    assert "<strong>atelier42</strong>" in html and URL.replace("&", "&amp;") in html
    assert 'alt="Code QR pour rejoindre la salle' in html and "isg-qr-large" in html
    assert "1 projet a rejoint la salle Recyclerie" in page.text() and "<details open>" in html
    project(room, "bbbbbbbb2", "Épicerie")  # a newcomer appears without anyone touching the page
    page.wait_for(lambda: "2 projets ont rejoint la salle Recyclerie, Épicerie" in page.text())
    page.click("Quiz")  # past the welcome: the list folds, the QR gets small
    assert "<details>" in page.html() and "isg-qr-small" in page.html() and "isg-qr-large" not in page.html()


def test_a_hostile_project_name_is_text_everywhere(room, pages):
    project(room, "bbbbbbbb2", HOSTILE, level=1, pitch=HOSTILE)
    page = pages()
    for label in LABELS[1:7]:
        page.click(label)
        html = page.html()
        assert "<img src=x" not in html, label
    page.click("Grille")
    assert "&lt;img src=x onerror=alert(1)&gt;" in page.html()
    page.click("Booster")
    dropdown = page.widgets(w.Dropdown)[0]
    assert (HOSTILE, "bbbbbbbb2") in dropdown.options  # an option's label is text, never markup


def test_quiz_votes_hidden_until_revealed_then_the_answer_and_the_next(room, pages):
    quiz = room.kit.quiz
    first = quiz.items[0]
    wrong = next(choice for choice in quiz.choices if choice != first.answer)
    project(room, "aaaaaaaa1", "Recyclerie", answers={first.id: first.answer})
    project(room, "bbbbbbbb2", "Épicerie", answers={first.id: wrong})
    page = pages()
    page.click("Quiz")
    assert "Affirmation 1 / " in page.text() and "2 participants ont répondu" in page.text()
    assert "Votes masqués" in page.text() and "Réponse attendue" not in page.text()
    assert page.button("Précédente").disabled
    page.click("Révéler")
    assert room.hub.state.revealed is True
    assert "Réponse attendue" in page.text() and [wrong, "", "1", "50\u00a0%"] in table_rows(page.html())
    page.click("Suivante")
    assert room.hub.state.quiz_index == 1 and room.hub.state.revealed is False
    assert "Affirmation 2 / " in page.text() and "Votes masqués" in page.text()
    page.click("Précédente")
    assert room.hub.state.quiz_index == 0


def test_the_page_follows_changes_made_elsewhere(room, pages):
    page = pages()
    room.hub.set(step="dimensions")  # another trainer's tab
    page.wait_for(lambda: page.button("Dimensions").attributes["aria-pressed"] == "true")
    assert "Les dimensions de l'innovation" in page.text()


def test_pitch_shows_every_projects_two_words_as_a_cloud(room, pages):
    project(room, "aaaaaaaa1", "Recyclerie", pitch="Recyclerie solidaire")
    project(room, "bbbbbbbb2", "Épicerie", pitch="Épicerie solidaire")
    page = pages()
    page.click("Pitch")
    assert "solidaire (2)" in page.text() and "Mon projet en 2 mots (2 projets)" in page.text()


def test_grid_and_axes_show_the_map_and_the_levels(room, pages):
    project(room, "aaaaaaaa1", "Recyclerie", level=2)
    page = pages()
    page.click("Axes")
    assert "Carte des projets × critères" in page.text() and "Les niveaux par critère" in page.text()
    assert table_rows(page.html())[1][:2] == ["Recyclerie", "3"]


def test_booster_picks_the_project_counts_down_and_shows_the_rooms_ratings_live(room, pages):
    grid = room.kit.grid
    path = project(room, "aaaaaaaa1", "Recyclerie", level=1)
    project(room, "bbbbbbbb2", "Épicerie")
    page = pages()
    page.click("Booster")
    dropdown = page.widgets(w.Dropdown)[0]
    assert dropdown.options[1:] == (("Recyclerie", "aaaaaaaa1"), ("Épicerie", "bbbbbbbb2"))
    with page.context:
        dropdown.value = "aaaaaaaa1"
    assert room.hub.state.pitching == "aaaaaaaa1"
    timer = page.widgets(CountdownWidget)[0]
    assert timer.total == 120
    with page.context:
        timer.start_button.click()
    assert 0 < time.time() - room.hub.state.timer_started < 60
    first, second = grid.criteria[0].id, grid.criteria[1].id
    save_room_rating(room.folder, "aaaaaaaa1", "cccccccc3", {first: 3, second: 0})
    save_room_rating(room.folder, "aaaaaaaa1", "dddddddd4", {first: 0})
    page.wait_for(lambda: "2 participants ont noté le projet «\u00a0Recyclerie\u00a0»" in page.text())
    rows = table_rows(page.html())
    row = next(r for r in rows if r[0] == grid.criteria[0].label)
    assert row == [
        grid.criteria[0].label,
        "Faible (2)",
        "Inexistant (1)",
        "Inexistant (1) – Fort (4)",
        "2",
        "salle −1 ▼",
    ]
    row = next(r for r in rows if r[0] == grid.criteria[1].label)
    assert row[2:5] == ["Inexistant (1)", "Inexistant (1)", "1"]
    page.wait_for(lambda: "la salle" in read_results(path, grid).assessments)
    results = read_results(path, grid)
    assert results.assessments["la salle"][first] == 0 and results.assessments["la salle"][second] == 0
    assert results.assessments["la salle"][grid.criteria[2].id] is None
    assert results.assessments[SELF][first] == 1 and results.project == "Recyclerie"  # the project's own work kept
    save_room_rating(room.folder, "aaaaaaaa1", "dddddddd4", {first: 3})  # a rater changes their mind
    page.wait_for(lambda: read_results(path, grid).assessments["la salle"][first] == 3)
    assert "Médianes enregistrées dans le fichier du projet (évaluateur «\u00a0la salle\u00a0»)" in page.text()


def test_every_card_one_or_all(room, pages):
    project(room, "aaaaaaaa1", "Recyclerie", level=1)
    project(room, "bbbbbbbb2", HOSTILE, level=2)
    page = pages()
    page.click("Fiche")
    cards = page.widgets(RoomCards)[0]
    assert [label for label, _ in cards.project.options] == ["Recyclerie", HOSTILE]
    files = cards.prepare_all()
    assert files[0].filename == "fiches_salle.pdf" and files[0].data.startswith(b"%PDF")
    signed = attribution_of(room.kit.workshop, room.kit.grid)  # the room's workshop signs its cards
    assert pdf_info(files[0].data)["Author"] == signed.author


def test_the_welcome_step_cites_the_work_and_the_licence_served_by_the_room(room, pages):
    page = pages()
    assert "Bienvenue\u00a0: " + room.kit.workshop.title in page.text()
    assert "sous licence Creative Commons" in page.text()
    assert '<a href="/LICENSE-CONTENT" target="_blank">LICENSE-CONTENT</a>' in page.html()


class EndsWhileCopied(dict):
    """Solara's table of each thread's session, whose ``copy()`` (in a session's close) lets every watcher end."""

    def copy(self):
        copied = dict(self)
        for thread in [t for t in threading.enumerate() if t.name == "isgrille-trainer-watch"]:
            thread.join(10)
        return copied


def test_the_session_closes_cleanly_whenever_the_watcher_ends(room, pages, monkeypatch):
    """A watcher ending between the close's copy of that table and its deletions once made the close fail (KeyError):
    the watcher belongs to no session, it enters the trainer's only to deliver what it read."""
    monkeypatch.setattr(kernel_context, "current_context", EndsWhileCopied(kernel_context.current_context))
    project(room, "aaaaaaaa1", "Recyclerie")
    page = pages()
    page.wait_for(lambda: "Recyclerie" in page.text())  # delivered by the watcher, in the trainer's session
    (watcher,) = [t for t in threading.enumerate() if t.name == "isgrille-trainer-watch"]
    assert kernel_context.current_context.get(kernel_context.get_thread_key(watcher)) is not page.context
    page.close()  # the page's effects stop the watcher, then the session closes
    assert page.context.closed_event.is_set() and not watcher.is_alive()


def test_the_watcher_stops_with_the_session(room, pages):
    page = pages()
    assert [t for t in threading.enumerate() if t.name == "isgrille-trainer-watch"]
    page.context.app_object = page.rc  # as the server does: closing the session closes its page
    page.context.close()
    deadline = time.monotonic() + 10
    while [t for t in threading.enumerate() if t.name == "isgrille-trainer-watch" and t.is_alive()]:
        assert time.monotonic() < deadline
        time.sleep(0.02)
