"""Tests of isgrille.plots.summary: plot_dimension_summary's bars (the ordinal share), groups, annotations and legend."""

from __future__ import annotations

import re

import pytest
from matplotlib.figure import Figure

from isgrille.analysis.scoring import score_assessment, share_label
from isgrille.content.model import Assessment
from isgrille.plots.export import figure_png
from isgrille.plots.summary import plot_dimension_summary

from ..grids import make_grid
from .drawing import MATH_LIKE, PNG, dollar_grid, polar_axes, profiles_of, texts, unparsed_texts


def test_bars_are_the_shares_at_or_above_the_reference(grid, pair):
    profiles = profiles_of(grid, pair)
    ax = plot_dimension_summary(grid, profiles)
    assert len(ax.containers) == 2
    for container, profile in zip(ax.containers, profiles, strict=True):
        expected = [100 * profile.dimension(d.id).summary.share for d in grid.dimensions]
        expected.append(100 * profile.overall.share)
        assert [bar.get_width() for bar in container] == pytest.approx(expected)
    # La Recyclerie du Val, self-assessed: 8 of its 11 rated criteria at least « Intermédiaire »
    assert ax.containers[0][-1].get_width() == pytest.approx(100 * 8 / 11)
    assert ax.get_xlabel() == "% des critères notés au moins «\u00a0Intermédiaire\u00a0»" == share_label(grid.levels)
    assert ax.get_xlim() == (0, 100)


@pytest.mark.parametrize("n_levels", [2, 3, 4, 5, 7])
def test_any_scale_draws_its_share_and_names_its_reference(n_levels):
    grid = make_grid([2, 3], n_levels)
    ratings = {c.id: i % n_levels for i, c in enumerate(grid.criteria)}  # 0, 1, 2… around the scale
    profile = score_assessment(grid, Assessment("P", ratings))
    ax = plot_dimension_summary(grid, profile)
    reference = n_levels // 2
    ranks = list(ratings.values())
    assert ax.containers[0][-1].get_width() == pytest.approx(100 * sum(r >= reference for r in ranks) / len(ranks))
    assert ax.get_xlabel() == f"% des critères notés au moins «\u00a0N{reference}\u00a0»"


def test_no_number_on_the_chart_has_a_decimal_point(grid, pair):
    ax = plot_dimension_summary(grid, profiles_of(grid, pair))
    shown = texts(ax) + [t.get_text() for t in ax.get_xticklabels()] + [ax.get_xlabel()]
    assert [t for t in shown if re.search(r"\d\.\d", t)] == []


def test_groups_are_the_dimensions_then_ensemble(grid, pair):
    ax = plot_dimension_summary(grid, profiles_of(grid, pair))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Portage", "Contenu", "Contexte", "Ensemble"]


def test_annotations_give_the_median_the_count_and_the_not_rated(grid, pair):
    profiles = profiles_of(grid, pair)
    shown = texts(plot_dimension_summary(grid, profiles))
    assert len(shown) == 2 * 4
    first = profiles[0]
    contexte = first.dimension("contexte").summary
    assert contexte.not_rated == 1
    assert f"médiane\u00a0: {contexte.median} · {contexte.at_least}/{contexte.rated} (1 non renseigné)" in shown
    assert "médiane\u00a0: Intermédiaire · 8/11 (1 non renseigné)" in shown  # « Ensemble », by hand
    portage = first.dimension("portage").summary
    assert f"médiane\u00a0: {portage.median} · {portage.at_least}/{portage.rated}" in shown


def test_plural_of_not_rated():
    grid = make_grid([3], 3)
    profile = score_assessment(grid, Assessment("P", {"c0_0": 2}))
    assert "médiane\u00a0: N2 · 1/1 (2 non renseignés)" in texts(plot_dimension_summary(grid, profile))


def test_empty_dimension_reads_non_renseigne_and_has_no_bar():
    grid = make_grid([2, 2], 4)
    profile = score_assessment(grid, Assessment("P", {"c0_0": 3, "c0_1": 1}))  # reference: N2
    ax = plot_dimension_summary(grid, [profile])
    assert "non renseigné" in texts(ax)
    assert [bar.get_width() for bar in ax.containers[0]] == pytest.approx([50, 50])


def test_a_share_of_nothing_is_a_bar_of_zero_with_its_annotation():
    grid = make_grid([2], 4)
    ax = plot_dimension_summary(grid, score_assessment(grid, Assessment("P", {"c0_0": 0, "c0_1": 1})))
    assert [bar.get_width() for bar in ax.containers[0]] == [0, 0]
    assert texts(ax) == ["médiane\u00a0: N1 · 0/2"] * 2


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
    assert texts(ax)[0] == "médiane\u00a0: un_peu $\\alpha$ · 2/2"
    assert ax.get_xlabel() == "% des critères notés au moins «\u00a0$x^$\u00a0»"
    assert figure_png(ax).startswith(PNG) and unparsed_texts(ax.figure) == []
