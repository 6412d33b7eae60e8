"""Tests of isgrille/widgets/pitch.py: the pitch boxes, their preview and the countdown.

The learner types in the boxes of the workshop's outline (parts a, b, c);
the tests check each part is saved, the preview shows it as text — a
``<script>`` in a pitch must show as text, never run — and the countdown
has the outline's minutes.
"""

from __future__ import annotations

import pytest

from isgrille import LearnerResults, ResultsStore, read_results
from isgrille.widgets.pitch import PitchWidget, pitch_widget

from .reading import text_of

XSS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>']


@pytest.fixture(scope="module")
def pitch2(workshop):
    return workshop.sequence(2).pitch


def test_one_box_per_part_and_an_empty_preview(pitch2, store, path):
    widget = pitch_widget(pitch2.outline, store, pitch2.minutes)
    assert list(widget.boxes) == ["a", "b", "c"]
    assert widget.boxes["a"].placeholder == "Mon projet en 2 mots"
    preview = text_of(widget.preview.value)
    assert preview.count("à écrire") == 3
    assert "Mon projet en 2 mots" in preview
    assert "Mon innovation sociale (à quel besoin je réponds et quelle est ma réponse)" in preview
    assert not path.exists()


@pytest.mark.parametrize("part", ["a", "b", "c"])
def test_typing_in_a_part_saves_it_and_shows_it(pitch2, store, path, grid, part):
    widget = PitchWidget(pitch2.outline, store, pitch2.minutes)
    widget.boxes[part].value = "Une recyclerie solidaire"
    assert read_results(path, grid).pitch == {part: "Une recyclerie solidaire"}
    preview = text_of(widget.preview.value)
    assert "Une recyclerie solidaire" in preview
    assert preview.count("à écrire") == 2


def test_preview_follows_the_outline_order_and_keeps_line_breaks(pitch2, store):
    widget = PitchWidget(pitch2.outline, store, pitch2.minutes)
    widget.boxes["c"].value = "trois"
    widget.boxes["a"].value = "un\ndeux"
    html = widget.preview.value
    assert "un<br>deux" in html
    assert html.index("un<br>deux") < html.index("trois")
    assert text_of(html).count("à écrire") == 1


@pytest.mark.parametrize("payload", XSS)
def test_pitch_text_is_shown_escaped_never_as_markup(pitch2, store, path, grid, payload):
    widget = PitchWidget(pitch2.outline, store, pitch2.minutes)
    widget.boxes["b"].value = payload
    html = widget.preview.value
    assert payload not in html
    assert "<script" not in html and "<img" not in html and "<svg" not in html
    assert payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;") in html
    assert payload in text_of(html)  # the learner reads what they typed
    assert read_results(path, grid).pitch == {"b": payload}  # and it is stored as typed


@pytest.mark.parametrize("project", XSS)
def test_project_name_is_shown_escaped(pitch2, store, project):
    store.update(lambda r: setattr(r, "project", project))
    widget = PitchWidget(pitch2.outline, store, pitch2.minutes)
    html = widget.preview.value
    assert project not in html
    assert "&lt;" in html.split("<h3>")[1]
    assert text_of(html).startswith(project)


def test_pitch_saved_earlier_is_shown_again(pitch2, grid, path):
    ResultsStore(grid, path).replace(LearnerResults(project="Recyclerie", pitch={"a": "déjà écrit"}))
    widget = PitchWidget(pitch2.outline, ResultsStore(grid, path), pitch2.minutes)
    assert widget.boxes["a"].value == "déjà écrit"
    assert text_of(widget.preview.value).startswith("Recyclerie Mon projet en 2 mots déjà écrit")


@pytest.mark.parametrize(("sequence", "time"), [(2, "3:00"), (4, "2:00")])
def test_countdown_has_the_outline_minutes(workshop, grid, sequence, time):
    pitch = workshop.sequence(sequence).pitch
    widget = PitchWidget(pitch.outline, ResultsStore(grid), pitch.minutes)
    assert widget.timer in widget.children
    assert widget.timer.play.max == pitch.minutes * 60
    assert text_of(widget.timer.display.value) == f"Pitch ({pitch.minutes} min max) — prêt {time}"


def test_sequence_4_outline_saves_under_its_own_parts(workshop, grid):
    pitch = workshop.sequence(4).pitch
    store = ResultsStore(grid)
    widget = PitchWidget(pitch.outline, store, pitch.minutes)
    widget.boxes["c"].value = "Booster"
    assert store.load().pitch == {"c": "Booster"}
    assert "Les axes d'amélioration pour booster son innovation sociale Booster" in text_of(widget.preview.value)
