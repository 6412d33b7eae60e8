"""Tests of isgrille/widgets/status.py, and of every screen that saves when the save fails.

A full disk is simulated by making the atomic rename fail with ENOSPC (the
error a full disk gives); a read-only folder by a read-only store. For each
screen the learner changes a value: the French message shows right beside
it (``role="alert"``), what they typed stays on screen and in the store's
memory, the download link holds it, and the next successful save — on any
screen — clears the message and writes everything.
"""

from __future__ import annotations

import errno
import json

import pytest

from isgrille import LearnerResults, ResultsStore, read_results
from isgrille.widgets.assessment import AssessmentWidget
from isgrille.widgets.axes import AxesWidget
from isgrille.widgets.booster import ExchangeSheet
from isgrille.widgets.concepts import DimensionsChecklist
from isgrille.widgets.ecosystem import DirectoryWidget
from isgrille.widgets.pitch import PitchWidget
from isgrille.widgets.quiz import QuizWidget
from isgrille.widgets.session import SessionPanel
from isgrille.widgets.status import SaveStatus, save_status

from .reading import decode_data_uri, text_of

FULL = "vos résultats n'ont pas pu être enregistrés (disque plein)"
DOWNLOAD = "téléchargez vos résultats avec le bouton «\u00a0Télécharger mes résultats\u00a0»"


def full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def disk_full(monkeypatch):
    """Make every save fail as on a full disk; call the returned function to free the disk again."""
    monkeypatch.setattr("isgrille.results.atomic.os.replace", full)
    return monkeypatch.undo


def test_a_successful_save_shows_nothing(store, path, grid):
    status = save_status(store)
    results = status.save(lambda r: r.pitch.__setitem__("a", "un"))
    assert status.value == "" and results.pitch == {"a": "un"}
    assert read_results(path, grid).pitch == {"a": "un"}


def test_a_failed_save_shows_the_french_message_as_an_alert(store, path, disk_full):
    status = SaveStatus(store)
    results = status.save(lambda r: r.pitch.__setitem__("a", "gardé"))
    assert results.pitch == {"a": "gardé"}  # the results kept in memory, for the screen to go on with
    assert 'role="alert"' in status.value and 'class="isg-notice"' in status.value
    assert (
        text_of(status.value)
        == f"{path}: {FULL}\u202f; ce que vous avez saisi est gardé dans cette page\u00a0: {DOWNLOAD}"
    )
    assert "No space" not in status.value


def test_the_message_is_escaped(grid, tmp_path, disk_full):
    store = ResultsStore(grid, tmp_path / "<img src=x onerror=alert(1)>" / "r.json")
    status = SaveStatus(store)
    status.save(lambda r: r.pitch.__setitem__("a", "x"))
    assert "<img" not in status.value and "&lt;img src=x onerror=alert(1)&gt;" in status.value


def test_the_message_goes_with_the_next_successful_save_on_any_screen(store, path, grid, disk_full):
    here, elsewhere = SaveStatus(store), SaveStatus(store)
    here.save(lambda r: r.pitch.__setitem__("a", "gardé"))
    assert FULL in text_of(here.value) and elsewhere.value == ""
    disk_full()  # space freed
    elsewhere.save(lambda r: r.pitch.__setitem__("b", "ailleurs"))
    assert here.value == "" and elsewhere.value == ""
    assert read_results(path, grid).pitch == {"a": "gardé", "b": "ailleurs"}


def test_replace_shows_a_failure_too(store, disk_full):
    status = SaveStatus(store)
    kept = status.replace(LearnerResults(project="Repris"))
    assert kept.project == "Repris" and FULL in text_of(status.value)


# --- every screen that saves -------------------------------------------------------------
#
# Each case builds its screen, then returns ``act`` (the learner's input), the status beside
# that input, ``stored`` (is the input in these results?) and ``shown`` (is it still on screen?).


def _assessment(grid, store, content):
    widget = AssessmentWidget(grid, store)
    level = grid.levels[2]
    return (
        widget,
        lambda: setattr(widget.pickers["caractere_collectif"], "value", level),
        widget.status,
        lambda r: r.assessment().ratings == {"caractere_collectif": 2},
        lambda: widget.pickers["caractere_collectif"].value == level,
    )


def _axes(grid, store, content):
    store.update(lambda r: r.rate("caractere_collectif", 0))
    widget = AxesWidget(grid, store)
    box = widget.boxes["caractere_collectif"]
    return (
        widget,
        lambda: setattr(box, "value", "Ouvrir le bureau"),
        widget.statuses["caractere_collectif"],
        lambda r: r.axes == {"caractere_collectif": "Ouvrir le bureau"},
        lambda: box.value == "Ouvrir le bureau",
    )


def _booster(grid, store, content):
    topic = "Retour sur le pitch IS"
    widget = ExchangeSheet(content["workshop"].sequence(4).exchange.topics, store)
    return (
        widget,
        lambda: setattr(widget.boxes[topic], "value", "Clair"),
        widget.statuses[topic],
        lambda r: r.exchange == {topic: "Clair"},
        lambda: widget.boxes[topic].value == "Clair",
    )


def _concepts(grid, store, content):
    widget = DimensionsChecklist(content["concepts"], store)
    return (
        widget,
        lambda: setattr(widget.boxes["sociale"], "value", True),
        widget.status,
        lambda r: r.innovation_dimensions == ["sociale"],
        lambda: widget.boxes["sociale"].value and "1 dimension cochée" in text_of(widget.summary.value),
    )


def _ecosystem(grid, store, content):
    widget = DirectoryWidget(content["workshop"], store)
    return (
        widget,
        lambda: setattr(widget.stage, "value", "incuber"),
        widget.status,
        lambda r: r.stage == "incuber",
        lambda: widget.stage.value == "incuber",
    )


def _pitch(grid, store, content):
    pitch = content["workshop"].sequence(2).pitch
    widget = PitchWidget(pitch.outline, store, pitch.minutes)
    return (
        widget,
        lambda: setattr(widget.boxes["a"], "value", "Une recyclerie"),
        widget.statuses["a"],
        lambda r: r.pitch == {"a": "Une recyclerie"},
        lambda: "Une recyclerie" in text_of(widget.preview.value),
    )


def _quiz(grid, store, content):
    widget = QuizWidget(content["quiz"], store)
    return (
        widget,
        lambda: setattr(widget.choices[0], "value", "VRAI"),
        widget.status,
        lambda r: r.quiz == {"reponses_nouvelles": "VRAI"},
        lambda: (
            "Score\u00a0: 1 / 1" in text_of(widget.score.value) and "Bonne réponse" in text_of(widget.feedback.value)
        ),
    )


def _session(grid, store, content):
    widget = SessionPanel(store)
    return (
        widget,
        lambda: setattr(widget.project, "value", "Ma recyclerie"),
        widget.status,
        lambda r: r.project == "Ma recyclerie",
        lambda: widget.project.value == "Ma recyclerie",
    )


SCREENS = {
    "assessment": _assessment,
    "axes": _axes,
    "booster": _booster,
    "concepts": _concepts,
    "ecosystem": _ecosystem,
    "pitch": _pitch,
    "quiz": _quiz,
    "session": _session,
}


@pytest.fixture
def content(quiz, concepts, workshop):
    return {"quiz": quiz, "concepts": concepts, "workshop": workshop}


@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_full_disk_shows_the_message_beside_the_input_and_keeps_the_work(screen, grid, path, content, monkeypatch):
    store = ResultsStore(grid, path)
    widget, act, status, stored, shown = SCREENS[screen](grid, store, content)
    panel = widget if screen == "session" else SessionPanel(store)
    before = path.read_bytes() if path.exists() else None
    with monkeypatch.context() as patch:
        patch.setattr("isgrille.results.atomic.os.replace", full)
        act()
        assert FULL in text_of(status.value) and DOWNLOAD in text_of(status.value)
        assert 'role="alert"' in status.value
        assert shown()  # what the learner entered stays on screen, and the screen went on working
        assert stored(store.load())  # kept in memory
        document = json.dumps(decode_data_uri(panel.download.value))
        assert stored(LearnerResults.from_json(document, grid))  # and in the download link
        assert (path.read_bytes() if path.exists() else None) == before
    store.update(lambda r: setattr(r, "learner", "Camille"))  # space freed: the next save, from anywhere, writes it all
    assert status.value == ""
    assert stored(read_results(path, grid))


def test_a_read_only_store_says_so_where_the_learner_types(grid, path, workshop):
    store = ResultsStore(grid, path, readonly=True)
    pitch = workshop.sequence(2).pitch
    widget = PitchWidget(pitch.outline, store, pitch.minutes)
    widget.boxes["b"].value = "Mon besoin"
    assert "ouvert en lecture seule" in text_of(widget.statuses["b"].value)
    assert widget.statuses["a"].value == "" and "Mon besoin" in text_of(widget.preview.value)
    assert not path.exists()
