"""Tests of isgrille/widgets/assessment.py: the self-assessment with its live profile.

Each test picks levels on the criteria's ToggleButtons and checks what is
stored (level index per criterion, under the right assessor, re-read from
disk) and what is shown (radar PNG bytes, the profile table). Building the
widget draws a radar, so the tests build few of them.
"""

from __future__ import annotations

import re

import ipywidgets as w
import pytest

from isgrille import LearnerResults, ResultsStore, read_results
from isgrille.results.learner import SELF
from isgrille.widgets.assessment import NOT_RATED_LABEL, AssessmentWidget, assessment_widget

from ..grids import make_grid
from .reading import html_values, table_rows, text_of

LEVELS = ["Inexistant", "Faible", "Intermédiaire", "Fort"]


def profile_row(widget: AssessmentWidget, label: str) -> list[str]:
    """The profile table's row for a criterion (or summary) label."""
    rows = [row for row in table_rows(widget.profile.table.value) if row[0] == label]
    assert len(rows) == 1, f"no single row {label!r} in the profile table"
    return rows[0]


def test_every_criterion_has_a_picker_with_the_levels_and_not_rated(grid, store):
    widget = assessment_widget(grid, store)
    assert list(widget.pickers) == [c.id for c in grid.criteria]
    assert len(widget.pickers) == 12
    for picker in widget.pickers.values():
        assert picker.options == (*LEVELS, "Non renseigné")
        assert picker.value is None
    assert widget.profile.png[:8] == b"\x89PNG\r\n\x1a\n"
    assert table_rows(widget.profile.table.value)[0] == ["Critère", SELF]
    assert profile_row(widget, "Caractère collectif du projet") == ["Caractère collectif du projet", "non renseigné"]
    shown = " ".join(html_values(widget))
    # each criterion shows its four descriptors under the level names
    assert "Le projet est porté par une seule personne" in shown
    assert "Le collectif qui porte le projet implique un nombre conséquent d&#x27;acteurs" in shown
    assert all(f'<th scope="col">{level}</th>' in shown for level in ("Inexistant", "Faible", "Fort"))
    assert "<h3>Portage</h3>" in shown


def test_choosing_each_level_stores_its_index_and_redraws_the_profile(grid, store, path):
    widget = AssessmentWidget(grid, store)
    picker = widget.pickers["caractere_collectif"]
    images = [widget.profile.png]
    for index, level in enumerate(LEVELS):
        picker.value = level
        assert read_results(path, grid).assessments == {SELF: {"caractere_collectif": index}}
        assert profile_row(widget, "Caractère collectif du projet")[1] == level
        assert widget.profile.png not in images  # a new picture for each level
        images.append(widget.profile.png)
    picker.value = NOT_RATED_LABEL
    assert read_results(path, grid).assessments == {SELF: {"caractere_collectif": None}}
    assert ResultsStore(grid, path).load().assessment().ratings == {"caractere_collectif": None}
    assert profile_row(widget, "Caractère collectif du projet")[1] == "non renseigné"
    assert widget.profile.png == images[0]  # back to an empty radar


def test_dimension_and_overall_summaries_follow_the_ratings(grid, store):
    widget = AssessmentWidget(grid, store)
    widget.pickers["caractere_collectif"].value = "Fort"
    widget.pickers["richesse_collectif"].value = "Faible"
    assert (
        profile_row(widget, "Portage (médiane, %)")[1]
        == "Fort, 50\u00a0% au moins «\u00a0Intermédiaire\u00a0» (1 sur 2, 2 non renseignés)"
    )
    widget.pickers["integration_beneficiaires"].value = NOT_RATED_LABEL
    assert (
        profile_row(widget, "Portage (médiane, %)")[1]
        == "Fort, 50\u00a0% au moins «\u00a0Intermédiaire\u00a0» (1 sur 2, 2 non renseignés)"
    )
    assert (
        profile_row(widget, "Ensemble (médiane, %)")[1]
        == "Fort, 50\u00a0% au moins «\u00a0Intermédiaire\u00a0» (1 sur 2, 10 non renseignés)"
    )


def test_rebuilt_widget_shows_the_saved_choices(grid, path):
    first = AssessmentWidget(grid, ResultsStore(grid, path))
    first.pickers["caractere_collectif"].value = "Intermédiaire"
    first.pickers["richesse_collectif"].value = NOT_RATED_LABEL
    again = AssessmentWidget(grid, ResultsStore(grid, path))
    assert again.pickers["caractere_collectif"].value == "Intermédiaire"
    assert again.pickers["richesse_collectif"].value == NOT_RATED_LABEL  # chosen « non renseigné »…
    assert again.pickers["integration_beneficiaires"].value is None  # …is not the same as never chosen
    assert profile_row(again, "Caractère collectif du projet")[1] == "Intermédiaire"
    assert again.profile.png == first.profile.png


def test_another_assessor_is_stored_apart_and_compared_with_the_learner(grid, store, path):
    store.replace(LearnerResults(project="Recyclerie", assessments={SELF: {"caractere_collectif": 1}}))
    widget = AssessmentWidget(grid, store, assessor="formateur", compare_with=SELF)
    assert widget.pickers["caractere_collectif"].value is None  # the trainer's own, still empty
    assert table_rows(widget.profile.table.value)[0] == ["Critère", SELF, "formateur"]
    assert profile_row(widget, "Caractère collectif du projet") == [
        "Caractère collectif du projet",
        "Faible",
        "non renseigné",
    ]
    compared = widget.profile.png
    widget.pickers["caractere_collectif"].value = "Fort"
    assert read_results(path, grid).assessments == {
        SELF: {"caractere_collectif": 1},
        "formateur": {"caractere_collectif": 3},
    }
    assert profile_row(widget, "Caractère collectif du projet") == ["Caractère collectif du projet", "Faible", "Fort"]
    assert widget.profile.png != compared


def test_compare_with_an_assessor_who_rated_nothing_shows_one_column(grid, store, path):
    widget = AssessmentWidget(grid, store, assessor="formateur", compare_with="pair")
    widget.pickers["rupture_existant"].value = "Faible"
    assert table_rows(widget.profile.table.value)[0] == ["Critère", "formateur"]
    assert read_results(path, grid).assessments == {"formateur": {"rupture_existant": 1}}


def test_works_on_a_five_level_two_dimension_grid():
    grid = make_grid([2, 3], 5)
    store = ResultsStore(grid)
    calls = []
    widget = AssessmentWidget(grid, store, on_change=lambda: calls.append(store.load().assessment().ratings))
    assert list(widget.pickers) == ["c0_0", "c0_1", "c1_0", "c1_1", "c1_2"]
    assert widget.pickers["c1_2"].options == ("N0", "N1", "N2", "N3", "N4", "Non renseigné")
    shown = " ".join(html_values(widget))
    assert all(f"c1_2 au niveau {k}" in shown for k in range(5))
    widget.pickers["c1_2"].value = "N4"
    widget.pickers["c0_0"].value = "N1"
    assert store.load().assessment().ratings == {"c1_2": 4, "c0_0": 1}
    assert (
        profile_row(widget, "Dimension 1 (médiane, %)")[1]
        == "N4, 100\u00a0% au moins «\u00a0N2\u00a0» (1 sur 1, 2 non renseignés)"
    )
    assert (
        profile_row(widget, "Dimension 0 (médiane, %)")[1]
        == "N1, 0\u00a0% au moins «\u00a0N2\u00a0» (0 sur 1, 1 non renseigné)"
    )
    # on_change is called once per choice, after the choice is saved
    assert calls == [{"c1_2": 4}, {"c1_2": 4, "c0_0": 1}]
    assert "Dimension 1" in text_of(shown)


def test_on_change_not_called_on_opening_nor_for_the_same_value(grid, store):
    calls = []
    widget = AssessmentWidget(grid, store, on_change=lambda: calls.append(1))
    assert calls == []
    widget.pickers["ancrage_territorial"].value = "Fort"
    widget.pickers["ancrage_territorial"].value = "Fort"
    assert calls == [1]


def _descendants(widget):
    for child in getattr(widget, "children", ()):
        yield child
        yield from _descendants(child)


def test_criteria_scroll_in_their_own_column_beside_the_profile():
    grid = make_grid([1, 1], 2)
    widget = AssessmentWidget(grid, ResultsStore(grid))
    pickers = set(widget.pickers.values())
    columns = [
        box
        for box in _descendants(widget)
        if isinstance(box, w.Box)
        and pickers <= set(_descendants(box))
        and widget.profile not in set(_descendants(box))
        and box.layout.max_height
    ]
    assert columns, "no height-limited column holds the criteria"
    assert any(re.search(r"\b(auto|scroll)\b", box.layout.overflow or "") for box in columns)


def test_descriptors_render_the_contents_emphasis(grid, store):
    widget = AssessmentWidget(grid, store)
    shown = " ".join(html_values(widget))
    assert "à une échelle «\u00a0supra\u00a0» (<em>scaling up</em>)</td>" in shown
    assert "*scaling up*" not in shown


def test_who_assesses_is_asked_only_when_wanted(grid, store):
    plain = AssessmentWidget(grid, store)
    assert plain.assessor_box not in set(_descendants(plain))
    widget = AssessmentWidget(grid, store, assessor="formateur", compare_with=SELF, ask_assessor=True)
    assert widget.assessor_box in set(_descendants(widget))
    assert widget.assessor_box.value == "formateur"
    assert widget.assessor_box.description == "Qui évalue\u202f?"  # the input's label
    assert list(widget.assessor_box.options) == ["pair", "formateur"]


def test_naming_the_assessor_saves_the_ratings_under_that_name(grid, store, path):
    calls = []
    widget = AssessmentWidget(
        grid,
        store,
        assessor="formateur",
        compare_with=SELF,
        ask_assessor=True,
        on_change=lambda: calls.append(widget.assessor),
    )
    widget.pickers["caractere_collectif"].value = "Fort"
    widget.assessor_box.value = "  Léa   Martin "
    assert widget.assessor == "Léa Martin"
    assert read_results(path, grid).assessments == {"Léa Martin": {"caractere_collectif": 3}}  # moved, not copied
    assert widget.pickers["caractere_collectif"].value == "Fort"
    assert table_rows(widget.profile.table.value)[0] == ["Critère", "Léa Martin"]
    assert "«\u00a0Léa Martin\u00a0»" in text_of(widget.assessor_note.value)
    widget.pickers["rupture_existant"].value = "Faible"
    assert read_results(path, grid).assessments == {"Léa Martin": {"caractere_collectif": 3, "rupture_existant": 1}}
    assert calls == ["formateur", "Léa Martin", "Léa Martin"]


def test_naming_someone_who_already_rated_shows_their_ratings(grid, store, path):
    store.replace(LearnerResults(assessments={SELF: {"caractere_collectif": 0}, "pair": {"caractere_collectif": 2}}))
    widget = AssessmentWidget(grid, store, assessor="formateur", compare_with=SELF, ask_assessor=True)
    widget.pickers["rupture_existant"].value = "Fort"
    widget.assessor_box.value = "pair"
    assert widget.pickers["caractere_collectif"].value == "Intermédiaire"
    assert widget.pickers["rupture_existant"].value is None
    assert read_results(path, grid).assessments == {  # nothing saved by showing them
        SELF: {"caractere_collectif": 0},
        "pair": {"caractere_collectif": 2},
        "formateur": {"rupture_existant": 3},
    }
    assert profile_row(widget, "Caractère collectif du projet") == [
        "Caractère collectif du projet",
        "Inexistant",
        "Intermédiaire",
    ]


@pytest.mark.parametrize("name", ["", "   ", SELF])
def test_an_empty_name_or_the_compared_one_is_refused_in_french(grid, store, path, name):
    widget = AssessmentWidget(grid, store, assessor="formateur", compare_with=SELF, ask_assessor=True)
    widget.pickers["caractere_collectif"].value = "Faible"
    widget.assessor_box.value = name
    assert widget.assessor == "formateur"
    assert read_results(path, grid).assessments == {"formateur": {"caractere_collectif": 1}}
    assert 'role="alert"' in widget.assessor_note.value
    assert "Indiquez qui évalue\u00a0: «\u00a0pair\u00a0», «\u00a0formateur\u00a0» ou un prénom" in text_of(
        widget.assessor_note.value
    )


def test_the_assessors_name_is_shown_as_text(grid, store):
    widget = AssessmentWidget(grid, store, assessor="formateur", compare_with=SELF, ask_assessor=True)
    widget.assessor_box.value = "<img src=x onerror=alert(1)>"
    assert "<img" not in widget.assessor_note.value and "&lt;img src=x" in widget.assessor_note.value
    assert "<img src=x" not in widget.profile.table.value
    assert "<img src=x" not in widget.profile.chart.value.split(' src="data:')[0].split("alt=", 1)[1]
