"""Tests of isgrille.plots.radar: what plot_profile draws — spokes, rings, series, legend — on any grid."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from matplotlib.figure import Figure

from isgrille.content.model import Assessment, Dimension, Grid
from isgrille.plots.export import figure_png
from isgrille.plots.radar import draw_profile_series, plot_profile
from isgrille.plots.style import MARKERS, PALETTE

from ..grids import make_grid
from .drawing import (
    MATH_LIKE,
    PNG,
    dollar_grid,
    expected_values,
    polar_axes,
    same,
    series_lines,
    texts,
    unparsed_texts,
)


def test_one_spoke_per_criterion_with_wrapped_labels(grid, pair):
    ax = plot_profile(grid, pair)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert len(ax.get_xticks()) == len(grid.criteria) == 12
    assert [label.replace("\n", " ") for label in labels] == [c.label for c in grid.criteria]
    assert "Caractère collectif du projet" not in labels
    assert all(max(map(len, label.split("\n"))) <= 18 for label in labels)
    assert any("\n" in label for label in labels)


def test_wrap_width_is_a_parameter(grid, pair):
    ax = plot_profile(grid, pair, wrap=100)
    assert not any("\n" in t.get_text() for t in ax.get_xticklabels())


def test_radial_ticks_are_the_levels(grid, pair):
    ax = plot_profile(grid, pair)
    assert list(ax.get_yticks()) == list(range(len(grid.levels)))
    assert [t.get_text() for t in ax.get_yticklabels()] == list(grid.levels)
    low, high = ax.get_ylim()
    assert low == 0 and high > grid.top_index


def test_series_data_are_the_ratings_with_nan_gaps_and_closed(grid, pair):
    ax = plot_profile(grid, pair)
    lines = series_lines(ax)
    assert len(lines) == 2
    for line, assessment in zip(lines, pair, strict=True):
        expected = expected_values(grid, assessment)
        ydata = list(line.get_ydata())
        assert same(ydata[:-1], expected)
        assert same(ydata[-1:], expected[:1])  # closed back to the first criterion
        assert list(line.get_xdata())[-1] == next(iter(line.get_xdata()))
    assert math.isnan(lines[0].get_ydata()[11])  # 'ouverture_recherche' is not rated


def test_series_differ_in_colour_and_in_a_second_cue(grid, pair):
    first, second = series_lines(plot_profile(grid, pair))
    assert first.get_color() != second.get_color()
    assert first.get_linestyle() != second.get_linestyle()
    assert first.get_marker() != second.get_marker()
    assert first.get_color() == PALETTE[0] and second.get_marker() == MARKERS[1]


def test_legend_defaults_to_assessors_and_takes_labels(grid, pair):
    legend = plot_profile(grid, pair).get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["autoévaluation", "formateur"]
    legend = plot_profile(grid, pair, labels=["Équipe", "Formatrice"]).get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["Équipe", "Formatrice"]


def test_labels_must_match_the_series(grid, pair):
    with pytest.raises(ValueError, match="1 étiquette"):
        plot_profile(grid, pair, labels=["seule"])


def test_dimension_labels_are_drawn(grid, pair):
    shown = texts(plot_profile(grid, pair))
    assert {"Portage", "Contenu", "Contexte"} <= set(shown)


def test_long_dimension_labels_are_fitted_not_dropped():
    base = make_grid([1, 1, 1, 1, 1, 1, 1, 1], 4)
    long = "Une dimension au nom vraiment très long pour la place disponible"
    grid = Grid(base.levels, tuple(Dimension(d.id, long, d.criteria) for d in base.dimensions))
    shown = texts(plot_profile(grid, []))
    assert len(shown) == 8
    assert all(text.startswith("Une") and len(text) < len(long) for text in shown)


def test_title(grid, pair):
    assert plot_profile(grid, pair, title="La Recyclerie").get_title() == "La Recyclerie"
    assert plot_profile(grid, pair).get_title() == ""


def test_single_assessment_is_accepted(grid, pair):
    ax = plot_profile(grid, pair[0])
    assert len(series_lines(ax)) == 1


def test_non_polar_axes_are_refused(grid, pair):
    ax = Figure().add_subplot()
    with pytest.raises(ValueError, match="axes polaires"):
        plot_profile(grid, pair, ax=ax)


def test_a_given_polar_axes_is_drawn_on_and_returned(grid, pair):
    ax = polar_axes()
    assert plot_profile(grid, pair, ax=ax) is ax
    assert len(series_lines(ax)) == 2


def test_out_of_range_rating_is_refused(grid):
    with pytest.raises(ValueError, match="hors de la grille"):
        plot_profile(grid, Assessment("P", {"caractere_collectif": 9}))


@pytest.mark.parametrize("shape", [[1], [2], [1, 1]])
def test_degenerate_radars(shape):
    grid = make_grid(shape, 2)
    ratings = [{c.id: 1 for c in grid.criteria}, {c.id: None for c in grid.criteria}]
    ax = plot_profile(grid, [Assessment("P", r) for r in ratings])
    assert len(ax.get_xticks()) == len(grid.criteria)
    assert figure_png(ax).startswith(PNG)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_grid_shape_draws(data):
    shape = data.draw(st.lists(st.integers(1, 6), min_size=1, max_size=6), label="shape")
    grid = make_grid(shape, data.draw(st.integers(2, 7), label="levels"))
    rating = st.one_of(st.none(), st.integers(0, grid.top_index))
    assessments = [
        Assessment(f"P{n}", {c.id: data.draw(rating) for c in grid.criteria}, f"A{n}")
        for n in range(data.draw(st.integers(1, 3), label="series"))
    ]
    ax = plot_profile(grid, assessments)
    assert len(ax.get_xticks()) == len(grid.criteria)
    assert [t.get_text() for t in ax.get_yticklabels()] == list(grid.levels)
    for line, assessment in zip(series_lines(ax), assessments, strict=True):
        assert same(list(line.get_ydata())[:-1], expected_values(grid, assessment))
    ax.figure.canvas.draw()


def test_draw_profile_series_returns_what_it_drew(grid, pair):
    ax = plot_profile(grid, [])
    assert series_lines(ax) == [] and ax.get_legend() is None
    artists = draw_profile_series(ax, grid, pair, ["un", "deux"])
    lines = series_lines(ax)
    assert artists[:2] == lines and artists[2] is ax.get_legend()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["un", "deux"]
    for artist in artists:
        artist.remove()
    assert series_lines(ax) == [] and ax.get_legend() is None


def test_no_series_no_legend(grid):
    assert draw_profile_series(plot_profile(grid, []), grid, [], []) == []


def test_learners_text_is_drawn_as_it_is_in_legend_and_title(grid, pair):
    ax = plot_profile(grid, pair, labels=MATH_LIKE, title=MATH_LIKE[0])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == MATH_LIKE
    assert ax.get_title() == MATH_LIKE[0]
    assert figure_png(ax).startswith(PNG)  # mathtext would raise on "$x^$"
    assert unparsed_texts(ax.figure) == []


def test_a_grid_whose_labels_hold_dollars_draws(pair):
    grid = dollar_grid()
    ax = plot_profile(grid, Assessment("$P$", {"c0": 1, "c3": 2}, "$x^$"))
    assert figure_png(ax).startswith(PNG)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["$0", "$x^$", "un_peu $\\alpha$"]
    assert "Budget en $x^$" in texts(ax) and unparsed_texts(ax.figure) == []


def test_draw_profile_series_legend_is_plain_text(grid, pair):
    ax = plot_profile(grid, [])
    draw_profile_series(ax, grid, pair, MATH_LIKE)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == MATH_LIKE
    assert figure_png(ax).startswith(PNG) and unparsed_texts(ax.figure) == []
