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
    assessments = [
        Assessment(project, {c.id: (i + k) % len(grid.levels) for i, c in enumerate(grid.criteria)}, name)
        for k, name in enumerate(assessors)
    ]
    first = grid.criteria[0].id
    return card_data(
        grid,
        project,
        assessments,
        learner="Camille",
        date="2024-05-02",
        axes={first: note},
        pitch={"a": "Une recyclerie de quartier", "b": LONG},
    )


def test_the_page_shows_name_axes_and_pitch(grid, pair):
    card = card_data(
        grid,
        pair[0].project,
        pair,
        axes={"richesse_collectif": "Ouvrir le collectif"},
        pitch={"a": "Une recyclerie de quartier"},
    )
    fig = plot_card(card, grid)
    assert [round(v, 2) for v in fig.get_size_inches()] == [8.27, 11.69]
    shown = " ".join(texts(fig))
    assert card.project in shown and "Richesse du collectif\u00a0: Faible → Intermédiaire" in shown
    assert "Mon axe\u00a0: Ouvrir le collectif" in shown and "Une recyclerie de quartier" in shown
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
    cards = [
        (sample_card(grid), grid),
        (card_data(grid, "Vide", []), grid),
        (sample_card(other), other),
        (sample_card(grid, assessors=["a", "b", "c", "d"], project="Autre"), grid),
    ]
    for card, its_grid in cards:
        fig = sheet.draw(card, its_grid)
        assert fig is sheet.fig and png(fig) == png(plot_card(card, its_grid))
        assert texts(fig).count("Vide") == (card.project == "Vide") and len(fig.axes) == 2
    assert_inside(fig)


def attribution(grid, workshop=None):
    from isgrille.content.attribution import attribution_of
    from isgrille.content.loading import load_workshop

    return attribution_of(workshop or load_workshop(), grid)


def foreign(grid):
    """A grid of somebody else's, and a workshop of another organisation under another licence."""
    import dataclasses

    from isgrille.content.loading import load_workshop

    mine = dataclasses.replace(grid, id="maison", title="Grille de X", source="Grille maison de X", adaptation="")
    workshop = load_workshop().model_copy(
        update={"title": "Atelier de X", "organisation": "Collectif X", "license": "CC BY 4.0", "adaptation": ""}
    )
    return mine, attribution(mine, workshop)


def footer_of(fig):
    from isgrille.plots.footer import FOOTER_GID

    found = [t for t in fig.texts if t.get_gid() == FOOTER_GID]
    assert len(found) == 1
    return found[0]


def overlapping_the_footer(fig) -> list[str]:
    """What is drawn over the footer's box: visible texts, and the axes with their labels and legends."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    footer = footer_of(fig)
    box = footer.get_window_extent(renderer)
    found = [
        t.get_text()[:30]
        for t in fig.findobj(Text)
        if t is not footer and t.get_visible() and t.get_text().strip() and t.get_window_extent(renderer).overlaps(box)
    ]
    return found + [f"axes {ax.name}" for ax in fig.axes if ax.get_tightbbox(renderer).overlaps(box)]


@pytest.mark.parametrize("shape", [None, [10, 10, 10]])
def test_the_footer_says_whose_work_it_is_and_nothing_overlaps_it(grid, shape):
    grid = grid if shape is None else make_grid(shape, 4)
    card = sample_card(grid, assessors=[f"pair {i}" for i in range(6)], note=LONG)
    fig = plot_card(card, grid, attribution=attribution(grid))
    footer = footer_of(fig).get_text().replace("\n", " ")
    for said in ("Établi – Innovation sociale", "ATIS", "CC BY-NC-SA 4.0", "adapté", "Grille\u00a0:"):
        assert said in footer
    if shape is None:
        assert "Grille de caractérisation" in footer and "Avise" in footer
    assert overlapping_the_footer(fig) == []
    assert_inside(fig)
    assert "Porteur·euse\u00a0: Camille" in " ".join(texts(fig))


def test_a_grid_and_workshop_from_elsewhere_carry_their_own_attribution(grid):
    mine, signed = foreign(make_grid([2, 3], 4))
    fig = plot_card(sample_card(mine), mine, attribution=signed)
    footer = footer_of(fig).get_text().replace("\n", " ")
    assert "Grille maison de X" in footer and "Collectif X" in footer and "CC BY 4.0" in footer
    assert "adapté" not in footer
    assert not [t for t in texts(fig) if "ATIS" in t]


def test_without_an_attribution_no_footer_is_drawn(grid):
    from isgrille.plots.footer import FOOTER_GID

    assert not [t for t in plot_card(sample_card(grid), grid).texts if t.get_gid() == FOOTER_GID]


def test_the_overlap_check_sees_a_text_on_the_footer(grid):
    fig = plot_card(card_data(grid, "P", []), grid, attribution=attribution(grid))
    fig.text(0.1, 0.02, "sur le pied de page", fontsize=12)
    assert overlapping_the_footer(fig) == ["sur le pied de page"]
