"""The card's data: latest assessment per assessor, axes with notes, pitch labelled by the outline."""

from __future__ import annotations

import pytest

from isgrille import LearnerResults, load_grid, load_workshop
from isgrille.analysis.card import OVERALL, card_data, card_from_results, cards_by_project
from isgrille.content.model import Assessment
from tests.grids import make_grid


@pytest.fixture(scope="module")
def grid():
    return make_grid([2, 1], 3)


def test_latest_assessment_per_assessor_and_its_date(grid):
    old = Assessment("P", {"c0_0": 0}, date="2024-01-10")
    new = Assessment("P", {"c0_0": 2}, date="2024-06-01")
    peer = Assessment("P", {"c1_0": 1}, "pair", date="2024-03-01")
    card = card_data(grid, "P", [new, peer, old])
    assert card.assessors == ("autoévaluation", "pair")
    assert card.profiles[0].assessment is new
    assert card.date == "2024-06-01"
    assert card_data(grid, "P", [new], date="2025-01-01").date == "2025-01-01"


def test_table_summaries_and_axes_with_notes(grid):
    card = card_data(
        grid,
        "P",
        [Assessment("P", {"c0_0": 0, "c0_1": 2}), Assessment("P", {"c0_0": 1}, "formateur")],
        axes={"c0_0": "  Élargir le collectif  ", "c1_0": "sans axe"},
    )
    assert card.table[0] == ("Critère 0.0", ("N0", "N1"))
    assert card.table[2] == ("Critère 1.0", ("non renseigné", "non renseigné"))
    assert [line.label for line in card.dimensions] == ["Dimension 0", "Dimension 1", OVERALL]
    assert card.dimensions[-1].summaries[0].counts == (1, 0, 1)
    assert card.axes_assessor == "autoévaluation"
    assert [(a.criterion_id, a.target_level, a.target_descriptor, a.note) for a in card.axes] == [
        ("c0_0", "N1", "c0_0 au niveau 1", "Élargir le collectif")
    ]


def test_axes_of_the_first_assessor_without_a_self_assessment(grid):
    card = card_data(grid, "P", [Assessment("P", {"c0_1": 0}, "formateur")])
    assert card.axes_assessor == "formateur" and [a.criterion_id for a in card.axes] == ["c0_1"]


def test_pitch_labelled_by_the_outline_then_other_parts():
    outline = load_workshop().sequence(2).pitch.outline
    card = card_data(load_grid(), "P", [], pitch={"b": "Réponse", "z": "en plus", "y": "  "}, outline=outline)
    assert card.pitch[0] == ("a) Mon projet en 2 mots", "")
    assert card.pitch[1][0].startswith("b) Mon innovation sociale") and card.pitch[1][1] == "Réponse"
    assert card.pitch[3:] == (("z)", "en plus"),)
    assert card.profiles == () and card.table == () and card.axes == ()


def test_bad_input_is_refused_in_french(grid):
    with pytest.raises(ValueError, match="porte sur le projet 'Q'"):
        card_data(grid, "P", [Assessment("Q", {})])
    with pytest.raises(ValueError, match="hors de la grille"):
        card_data(grid, "P", [Assessment("P", {"c0_0": 9})])
    with pytest.raises(KeyError, match="inconnu"):
        card_data(grid, "P", [Assessment("P", {"nope": 0})])


def test_card_from_results_keeps_assessors_who_rated():
    grid = load_grid()
    results = LearnerResults(
        project="",
        learner="Camille",
        saved_at="2024-05-02T10:00:00+00:00",
        axes={"caractere_collectif": "Ouvrir"},
        pitch={"a": "Une recyclerie"},
    )
    results.rate("caractere_collectif", 0)
    results.rate("caractere_collectif", None, "formateur")
    card = card_from_results(grid, results)
    assert (card.project, card.learner, card.date, card.assessors) == (
        "Mon projet",
        "Camille",
        "2024-05-02",
        ("autoévaluation",),
    )
    assert card.axes[0].note == "Ouvrir" and card.pitch == (("a)", "Une recyclerie"),)


def test_cards_by_project_groups_a_cohort(grid):
    cards = cards_by_project(grid, [Assessment("A", {}), Assessment("B", {}), Assessment("A", {}, "pair")])
    assert [(c.project, c.assessors) for c in cards] == [("A", ("autoévaluation", "pair")), ("B", ("autoévaluation",))]
