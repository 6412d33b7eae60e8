"""The card's page: its texts, black-and-white cues, and nothing drawn outside the A4 page."""

from __future__ import annotations

import io

import pytest
from matplotlib.text import Text

from isgrille.analysis.card import card_data
from isgrille.content.model import Assessment
from isgrille.plots.card import CardSheet, plot_card
from tests.grids import make_grid

from .drawing import series_lines, unparsed_texts

LONG = "Une très longue phrase " * 40


def texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def outside_the_page(fig) -> list[str]:
    """The visible texts whose drawn extent leaves the figure."""
    fig.canvas.draw()
    renderer, page = fig.canvas.get_renderer(), fig.bbox
    found = []
    for text in fig.findobj(Text):
        if text.get_visible() and text.get_text().strip():
            box = text.get_window_extent(renderer)
            if box.x0 < page.x0 or box.y0 < page.y0 or box.x1 > page.x1 or box.y1 > page.y1:
                found.append(text.get_text()[:30])
    return found


def assert_inside(fig) -> None:
    assert not outside_the_page(fig)


def test_the_check_sees_a_text_off_the_page(grid):
    fig = plot_card(card_data(grid, "P", []), grid)
    fig.text(0.98, 0.5, "dépasse la page")
    assert outside_the_page(fig) == ["dépasse la page"]


def sample_card(grid, assessors=("autoévaluation", "formateur"), project="La Recyclerie", note="Ouvrir le collectif"):
    assessments = [Assessment(project, {c.id: (i + k) % len(grid.levels) for i, c in enumerate(grid.criteria)}, name)
                   for k, name in enumerate(assessors)]
    first = grid.criteria[0].id
    return card_data(grid, project, assessments, learner="Camille", date="2024-05-02", axes={first: note},
                     pitch={"a": "Une recyclerie de quartier", "b": LONG})


def test_the_page_shows_name_axes_and_pitch(grid, pair):
    card = card_data(grid, pair[0].project, pair, axes={"richesse_collectif": "Ouvrir le collectif"},
                     pitch={"a": "Une recyclerie de quartier"})
    fig = plot_card(card, grid)
    assert [round(v, 2) for v in fig.get_size_inches()] == [8.27, 11.69]
    shown = " ".join(texts(fig))
    assert card.project in shown and "Richesse du collectif : Faible → Intermédiaire" in shown
    assert "Mon axe : Ouvrir le collectif" in shown and "Une recyclerie de quartier" in shown
    assert "(scaling up)" in shown or "*" not in shown  # the grid's emphasis marks are not drawn
    assert_inside(fig)


def test_each_series_has_its_own_line_style_and_marker(grid):
    card = sample_card(grid, assessors=[f"pair {i}" for i in range(6)])
    fig = plot_card(card, grid)
    radar = next(ax for ax in fig.axes if ax.name == "polar")
    cues = [(line.get_linestyle(), line.get_marker()) for line in series_lines(radar)]
    assert len(cues) == 6 and len(set(cues)) == 6
    bars = next(ax for ax in fig.axes if ax.name != "polar")
    assert len({patch.get_hatch() for patch in bars.get_legend().get_patches()}) == 6
    assert_inside(fig)


@pytest.mark.parametrize("shape", [[1], [10, 10, 10], [4, 4, 4, 4, 4, 4, 4, 4, 4, 4]])
def test_one_to_forty_criteria_stay_on_the_page(shape):
    grid = make_grid(shape, 4)
    fig = plot_card(sample_card(grid), grid)
    assert_inside(fig)
    assert "Critère 0.0" in " ".join(texts(fig))


def test_hostile_texts_are_shortened_and_drawn_plainly(grid):
    name = "W" * 300
    card = sample_card(grid, assessors=["M" * 80, "$x^$", "a_b $\\frac{1}{2}$"], project=name, note="W" * 2000)
    fig = plot_card(card, grid)
    assert_inside(fig)
    assert any(t.endswith("…") and t.startswith("WWW") for t in texts(fig))
    assert not unparsed_texts(fig)


def test_a_card_without_assessment_says_so(grid):
    card = card_data(grid, "Vide", [])
    shown = " ".join(texts(plot_card(card, grid)))
    assert "Aucune évaluation" in shown and "Aucun axe" in shown


def png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=50)
    return buffer.getvalue()


def test_a_sheet_shows_each_card_as_a_fresh_figure_would(grid):
    other = make_grid([3, 2], 5)
    sheet = CardSheet()
    cards = [(sample_card(grid), grid), (card_data(grid, "Vide", []), grid), (sample_card(other), other),
             (sample_card(grid, assessors=["a", "b", "c", "d"], project="Autre"), grid)]
    for card, its_grid in cards:
        fig = sheet.draw(card, its_grid)
        assert fig is sheet.fig and png(fig) == png(plot_card(card, its_grid))
        assert texts(fig).count("Vide") == (card.project == "Vide") and len(fig.axes) == 2
    assert_inside(fig)
