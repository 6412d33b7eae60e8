"""Tests of isgrille.plots.summary: plot_dimension_summary's bars, groups, annotations and legend."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from isgrille.analysis.scoring import score_assessment
from isgrille.content.model import Assessment
from isgrille.plots.summary import plot_dimension_summary

from ..grids import make_grid
from isgrille.plots.export import figure_png

from .drawing import MATH_LIKE, PNG, dollar_grid, polar_axes, profiles_of, texts, unparsed_texts


def test_bars_are_the_percents(grid, pair):
    profiles = profiles_of(grid, pair)
    ax = plot_dimension_summary(grid, profiles)
    assert len(ax.containers) == 2
    for container, profile in zip(ax.containers, profiles):
        expected = [profile.dimension(d.id).summary.percent for d in grid.dimensions]
        expected.append(profile.overall.percent)
        assert [bar.get_width() for bar in container] == pytest.approx(expected)
    assert ax.get_xlabel() == "% du niveau maximal"
    assert ax.get_xlim() == (0, 100)


def test_groups_are_the_dimensions_then_ensemble(grid, pair):
    ax = plot_dimension_summary(grid, profiles_of(grid, pair))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Portage", "Contenu", "Contexte",
                                                            "Ensemble"]


def test_annotations_give_the_median_and_the_not_rated(grid, pair):
    profiles = profiles_of(grid, pair)
    shown = texts(plot_dimension_summary(grid, profiles))
    assert len(shown) == 2 * 4
    first = profiles[0]
    contexte = first.dimension("contexte").summary
    assert contexte.not_rated == 1
    assert f"médiane : {contexte.median} (1 non renseigné)" in shown
    assert f"médiane : {first.overall.median} (1 non renseigné)" in shown
    assert f"médiane : {first.dimension('portage').summary.median}" in shown


def test_plural_of_not_rated():
    grid = make_grid([3], 3)
    profile = score_assessment(grid, Assessment("P", {"c0_0": 2}))
    assert "médiane : N2 (2 non renseignés)" in texts(plot_dimension_summary(grid, profile))


def test_empty_dimension_reads_non_renseigne_and_has_no_bar():
    grid = make_grid([2, 2], 4)
    profile = score_assessment(grid, Assessment("P", {"c0_0": 3, "c0_1": 1}))
    ax = plot_dimension_summary(grid, [profile])
    assert "non renseigné" in texts(ax)
    assert [bar.get_width() for bar in ax.containers[0]] == pytest.approx([200 / 3, 200 / 3])


def test_nothing_rated_at_all():
    grid = make_grid([1, 2], 3)
    ax = plot_dimension_summary(grid, score_assessment(grid, Assessment("P", {})))
    assert texts(ax).count("non renseigné") == 3
    assert len(ax.containers[0]) == 0


def test_bar_series_differ_in_colour_and_hatch(grid, pair):
    ax = plot_dimension_summary(grid, profiles_of(grid, pair), labels=["Équipe", "Formateur"])
    first, second = (container[0] for container in ax.containers)
    assert first.get_facecolor() != second.get_facecolor()
    assert first.get_hatch() != second.get_hatch()
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["Équipe", "Formateur"]


def test_summary_legend_defaults_to_assessors(grid, pair):
    legend = plot_dimension_summary(grid, profiles_of(grid, pair)).get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["autoévaluation", "formateur"]


def test_summary_draws_on_a_given_axes(grid, pair):
    ax = Figure().add_subplot()
    assert plot_dimension_summary(grid, profiles_of(grid, pair), ax=ax) is ax
    with pytest.raises(ValueError, match="axes cartésiens"):
        plot_dimension_summary(grid, profiles_of(grid, pair), ax=polar_axes())


def test_learners_text_is_drawn_as_it_is_in_legend_and_title(grid, pair):
    ax = plot_dimension_summary(grid, profiles_of(grid, pair), labels=MATH_LIKE, title=MATH_LIKE[1])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == MATH_LIKE
    assert ax.get_title() == MATH_LIKE[1]
    assert figure_png(ax).startswith(PNG) and unparsed_texts(ax.figure) == []


def test_a_grid_whose_labels_hold_dollars_draws_its_bars():
    grid = dollar_grid()
    ax = plot_dimension_summary(grid, score_assessment(grid, Assessment("P", {"c0": 1, "c1": 2}, "$x^$")))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Budget en $x^$", "$$", "Ensemble"]
    assert texts(ax)[0] == "médiane : un_peu $\\alpha$"
    assert figure_png(ax).startswith(PNG) and unparsed_texts(ax.figure) == []
