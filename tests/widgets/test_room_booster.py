"""The booster: pick the project that pitches, its screens, feedback typed lands in that project's file."""

from __future__ import annotations

import pytest

from isgrille.content.errors import ContentError
from isgrille.results.store import ResultsStore, read_results
from isgrille.widgets.room_booster import RoomBooster

from ..rooms import HOSTILE
from .reading import text_of
from .room_fixtures import room, snapshot  # noqa: F401


@pytest.fixture
def booster(grid, workshop):
    sequence = workshop.sequence(4)
    return RoomBooster(grid, sequence.exchange.topics, sequence.pitch.minutes, lambda path: ResultsStore(grid, path))


def test_nothing_is_opened_until_a_project_is_picked(booster, snapshot):  # noqa: F811
    booster.show(snapshot)
    assert booster.project.value is None and booster.sheet is None
    assert "Choisissez le projet qui pitche" in text_of(booster.title.value)
    assert [label for label, _ in booster.project.options] == ["Recyclerie", HOSTILE, "Épicerie"]


def test_feedback_typed_on_the_projector_lands_in_that_projects_file(booster, snapshot, room, grid, workshop):  # noqa: F811
    booster.show(snapshot)
    path = str(room / "aaaaaaaa1" / "mes_resultats.json")
    booster.project.value = path
    assert "Recyclerie (Ana)" in text_of(booster.title.value) and booster.profile.png
    assert "Axes d'amélioration" in booster.axes.value and booster.timer.remaining == 120
    topic = workshop.sequence(4).exchange.topics[0]
    booster.sheet.boxes[topic].value = "Bravo <b>"
    saved = read_results(path, grid)
    assert saved.exchange[topic] == "Bravo <b>" and saved.project == "Recyclerie" and len(saved.quiz) == 2


def test_a_visitor_saving_at_the_same_time_loses_nothing(booster, snapshot, room, grid, workshop):  # noqa: F811
    path = room / "aaaaaaaa1" / "mes_resultats.json"
    visitors_store = ResultsStore(grid, path)  # the visitor's own kernel, open before the trainer's
    booster.show(snapshot)
    booster.project.value = str(path)
    topic = workshop.sequence(4).exchange.topics[1]
    visitors_store.update(lambda r: r.pitch.__setitem__("a", "Mon pitch"))
    booster.sheet.boxes[topic].value = "Conseil"
    visitors_store.update(lambda r: r.rate(grid.criteria[5].id, 2))
    saved = read_results(path, grid)
    assert saved.pitch["a"] == "Mon pitch" and saved.exchange[topic] == "Conseil"
    assert saved.assessments["autoévaluation"][grid.criteria[5].id] == 2


def test_the_hostile_name_is_escaped_and_a_file_that_cannot_be_opened_is_said(booster, snapshot, room, grid, workshop):  # noqa: F811
    booster.show(snapshot)
    booster.project.value = str(room / "bbbbbbbb2" / "mes_resultats.json")
    assert HOSTILE not in booster.title.value and HOSTILE in text_of(booster.title.value)
    sequence = workshop.sequence(4)

    def refuse(path):
        raise ContentError.single(path, "fichier étranger au kit")

    other = RoomBooster(grid, sequence.exchange.topics, 2, refuse)
    other.show(snapshot)
    other.project.value = str(room / "aaaaaaaa1" / "mes_resultats.json")
    assert "n'a pas pu être ouvert" in other.message.value and "fichier étranger au kit" in other.message.value
    assert other.sheet is None


def test_the_picked_project_stays_picked_across_refreshes(booster, snapshot):  # noqa: F811
    booster.show(snapshot)
    booster.project.value = booster.project.options[2][1]
    sheet = booster.sheet
    booster.show(snapshot)
    assert booster.sheet is sheet
