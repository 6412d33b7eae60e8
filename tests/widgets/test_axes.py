"""Tests of isgrille/widgets/axes.py: one improvement axis per criterion below the top level.

Ratings are put in the store as the assessment screen would; the tests then
check which criteria get a card and a text box, that each card shows the
next level's descriptor, and that what the learner types is saved.
"""

from __future__ import annotations

import ipywidgets as w
import pytest

from isgrille import LearnerResults, ResultsStore, read_results
from isgrille.content.model import Criterion, Dimension, Grid
from isgrille.widgets.axes import AxesWidget, axes_widget

from ..grids import make_grid
from .reading import text_of


def rate(store: ResultsStore, assessor: str = "autoévaluation", **ratings: int | None) -> None:
    store.update(lambda r: [r.rate(cid, level, assessor) for cid, level in ratings.items()])


def cards(widget: AxesWidget) -> list[str]:
    """Text of each axis card, in order."""
    return [text_of(row.children[0].value) for row in widget.body.children if isinstance(row, w.VBox)]


def shown_boxes(widget: AxesWidget) -> list[w.Textarea]:
    return [row.children[1] for row in widget.body.children if isinstance(row, w.VBox)]


def test_nothing_rated_shows_the_empty_message(grid, store):
    widget = axes_widget(grid, store)
    assert widget.boxes == {}
    assert len(widget.body.children) == 1
    assert "Aucun axe pour l'instant" in text_of(widget.body.children[0].value)


def test_one_card_and_box_per_criterion_below_the_top_level(grid, store):
    rate(
        store,
        caractere_collectif=1,
        richesse_collectif=0,
        integration_beneficiaires=3,
        formalisation_gouvernance=None,
        rupture_existant=2,
    )
    widget = AxesWidget(grid, store)
    # in grid order; the top-level, the « non renseigné » and the unrated criteria have no box
    assert list(widget.boxes) == ["caractere_collectif", "richesse_collectif", "rupture_existant"]
    assert shown_boxes(widget) == [widget.boxes[c] for c in widget.boxes]
    texts = cards(widget)
    assert len(texts) == 3
    assert texts[0] == (
        "Caractère collectif du projet — aujourd'hui\u00a0: Faible\u202f; prochain niveau\u00a0: Intermédiaire "
        "Le projet intègre bien l'importance du collectif, mais la composition et/ou le rôle de "
        "celui-ci pourraient être renforcés"
    )
    assert texts[1].startswith(
        "Richesse du collectif — aujourd'hui\u00a0: Inexistant\u202f; prochain niveau\u00a0: Faible "
    )
    assert texts[1].endswith(
        "Le collectif ne mobilise qu'une catégorie d'acteurs ou/et est insuffisamment "
        "diversifié au vu des parties-prenantes"
    )
    assert "prochain niveau\u00a0: Fort" in texts[2]
    assert not any("Intégration des bénéficiaires" in t or "Formalisation" in t for t in texts)
    assert all(box.value == "" for box in widget.boxes.values())


def test_every_criterion_at_the_top_level_has_no_axis(grid, store):
    rate(store, **{c.id: grid.top_index for c in grid.criteria})
    widget = AxesWidget(grid, store)
    assert widget.boxes == {}
    assert text_of(widget.body.children[0].value) == (
        "Tous les critères notés sont au niveau le plus haut\u00a0: pas d'axe à proposer."
    )


@pytest.mark.parametrize("criterion_id", ["caractere_collectif", "rupture_existant", "ouverture_recherche"])
def test_typing_saves_the_axis(grid, store, path, criterion_id):
    rate(store, caractere_collectif=0, rupture_existant=1, ouverture_recherche=2)
    widget = AxesWidget(grid, store)
    widget.boxes[criterion_id].value = "Associer deux bénévoles <b>au bureau</b>"
    assert read_results(path, grid).axes == {criterion_id: "Associer deux bénévoles <b>au bureau</b>"}
    assert ResultsStore(grid, path).load().assessment().ratings["caractere_collectif"] == 0  # ratings kept


def test_refresh_follows_new_ratings_and_keeps_typed_text(grid, store, path):
    rate(store, caractere_collectif=1)
    widget = AxesWidget(grid, store)
    widget.boxes["caractere_collectif"].value = "Ouvrir le bureau"
    rate(store, caractere_collectif=3, rupture_existant=0)  # changed on the grid meanwhile
    assert list(widget.boxes) == ["caractere_collectif"]  # not before the click
    widget.refresh_button.click()
    assert [t.split(" — ")[0] for t in cards(widget)] == ["Rupture avec l'existant"]
    rate(store, caractere_collectif=2)
    widget.refresh_button.click()
    assert [t.split(" — ")[0] for t in cards(widget)] == ["Caractère collectif du projet", "Rupture avec l'existant"]
    assert "prochain niveau\u00a0: Fort" in cards(widget)[0]
    assert shown_boxes(widget)[0].value == "Ouvrir le bureau"
    assert read_results(path, grid).axes == {"caractere_collectif": "Ouvrir le bureau"}


def test_refresh_to_nothing_rated_shows_the_empty_message(grid, store):
    rate(store, viabilite_economique=0)
    widget = AxesWidget(grid, store)
    store.update(lambda r: r.assessments.clear())
    widget.refresh_button.click()
    assert "Aucun axe" in text_of(widget.body.children[0].value)


def test_axes_saved_earlier_are_shown_again(grid, path):
    store = ResultsStore(grid, path)
    store.replace(
        LearnerResults(
            assessments={"autoévaluation": {"ancrage_territorial": 0}},
            axes={"ancrage_territorial": "Rencontrer la mairie"},
        )
    )
    widget = AxesWidget(grid, ResultsStore(grid, path))
    assert widget.boxes["ancrage_territorial"].value == "Rencontrer la mairie"


def test_axes_of_another_assessor(grid, store):
    rate(store, consistance_contenu=0)
    rate(store, "formateur", potentiel_transformation=1)
    widget = AxesWidget(grid, store, assessor="formateur")
    assert list(widget.boxes) == ["potentiel_transformation"]


def test_five_level_grid_targets_the_next_of_five_levels():
    grid = make_grid([2, 1], 5)
    store = ResultsStore(grid)
    rate(store, c0_0=3, c0_1=4, c1_0=0)
    widget = AxesWidget(grid, store)
    assert list(widget.boxes) == ["c0_0", "c1_0"]
    assert cards(widget) == [
        "Critère 0.0 — aujourd'hui\u00a0: N3\u202f; prochain niveau\u00a0: N4 c0_0 au niveau 4",
        "Critère 1.0 — aujourd'hui\u00a0: N0\u202f; prochain niveau\u00a0: N1 c1_0 au niveau 1",
    ]
    widget.boxes["c1_0"].value = "mon axe"
    assert store.load().axes == {"c1_0": "mon axe"}


def test_criterion_label_and_descriptor_are_escaped():
    grid = Grid(("Bas", "Haut"), (Dimension("d", "D", (Criterion("c", "<b>C</b>", ("x", "<script>y</script>")),)),))
    store = ResultsStore(grid)
    rate(store, c=0)
    widget = AxesWidget(grid, store)
    html = widget.body.children[0].children[0].value
    assert "<b>C</b>" not in html and "<script>" not in html
    assert "&lt;b&gt;C&lt;/b&gt;" in html and "&lt;script&gt;y&lt;/script&gt;" in html


def test_the_contents_emphasis_is_rendered_in_the_target_descriptor(grid, store):
    rate(store, potentiel_transformation=2)
    widget = AxesWidget(grid, store)
    [card] = [row.children[0].value for row in widget.body.children]
    assert "(<em>scaling up</em>)" in card and "*scaling up*" not in card


def test_refresh_button_shows_its_whole_label(grid, store):
    widget = AxesWidget(grid, store)
    assert widget.refresh_button.description == "Actualiser d'après ma grille"
    assert widget.refresh_button.layout.width == "auto"  # not ipywidgets' fixed button width
