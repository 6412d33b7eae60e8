"""Tests of isgrille/widgets/booster.py: the exchange sheet of sequence 4.

One box per topic of the exchange; the tests type notes and check they are
saved under their topic and shown again, and that the project's name in the
heading is shown as text.
"""

from __future__ import annotations

import pytest

from isgrille import LearnerResults, ResultsStore, read_results
from isgrille.widgets.booster import ExchangeSheet, exchange_sheet

from .reading import text_of

TOPICS = [
    "Retour sur le pitch IS",
    "Conseils sur les pistes d'amélioration pour booster son innovation sociale",
    "Pistes concrètes d'accompagnement et/ou de financement",
]


@pytest.fixture(scope="module")
def topics(workshop):
    return workshop.sequence(4).exchange.topics


def heading(sheet: ExchangeSheet) -> str:
    return text_of(sheet.children[0].value)


def test_one_box_per_topic_labelled_with_its_title(topics, store, path):
    sheet = exchange_sheet(topics, store)
    assert list(sheet.boxes) == TOPICS
    # the topic is the box's own label (a <label> for the textarea), above it
    assert [row.children[0].description for row in sheet.children[1:]] == TOPICS
    assert [row.children[0] for row in sheet.children[1:]] == list(sheet.boxes.values())
    assert all(box.layout.flex_flow == "column" for box in sheet.boxes.values())
    assert all(box.value == "" for box in sheet.boxes.values())
    assert heading(sheet) == "Fiche d'échange — Mon projet"
    assert not path.exists()


@pytest.mark.parametrize("topic", TOPICS)
def test_notes_are_saved_under_their_topic(topics, store, path, grid, topic):
    sheet = ExchangeSheet(topics, store)
    sheet.boxes[topic].value = "Voir la Fabrique à initiatives"
    assert read_results(path, grid).exchange == {topic: "Voir la Fabrique à initiatives"}
    sheet.boxes[topic].value = "Voir l'incubateur"
    assert ResultsStore(grid, path).load().exchange == {topic: "Voir l'incubateur"}


def test_notes_of_every_topic_are_kept_together(topics, store, path, grid):
    sheet = ExchangeSheet(topics, store)
    for n, topic in enumerate(TOPICS):
        sheet.boxes[topic].value = f"note {n}"
    assert read_results(path, grid).exchange == {t: f"note {n}" for n, t in enumerate(TOPICS)}


def test_notes_saved_earlier_are_shown_again(topics, grid, path):
    ResultsStore(grid, path).replace(LearnerResults(project="Recyclerie", exchange={TOPICS[1]: "Contacter ATIS"}))
    sheet = ExchangeSheet(topics, ResultsStore(grid, path))
    assert sheet.boxes[TOPICS[1]].value == "Contacter ATIS"
    assert sheet.boxes[TOPICS[0]].value == ""
    assert heading(sheet) == "Fiche d'échange — Recyclerie"


@pytest.mark.parametrize("project", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"])
def test_project_name_is_shown_escaped(topics, grid, project):
    store = ResultsStore(grid)
    store.update(lambda r: setattr(r, "project", project))
    sheet = ExchangeSheet(topics, store)
    html = sheet.children[0].value
    assert project not in html and "&lt;" in html
    assert heading(sheet) == f"Fiche d'échange — {project}"


def test_topic_titles_are_shown_as_text(grid):
    sheet = ExchangeSheet(["<b>Retour</b>"], ResultsStore(grid))
    box = sheet.boxes["<b>Retour</b>"]
    assert box.description == "<b>Retour</b>" and not box.description_allow_html  # a label's text, never HTML
