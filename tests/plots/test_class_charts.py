"""Tests of isgrille.plots.class_charts: the cohort heatmap, the diverging level bars and their alt texts.

The charts take what the analysis computed; here the matrices and counts are
written by hand (the analysis has its own tests), on grids of 2 to 7 levels.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from isgrille.content.model import NOT_RATED, Criterion, Dimension, Grid
from isgrille.plots.class_charts import (
    MEDIAN_ABOVE,
    distribution_alt,
    diverging_starts,
    heatmap_alt,
    level_colours,
    plot_cohort_heatmap,
    plot_level_distribution,
    text_colour,
)
from isgrille.plots.export import figure_png

from ..grids import make_grid
from .drawing import PNG, dollar_grid, texts, unparsed_texts

HOSTILE = ["$\\frac{a}{b}$", "<b>gras</b>"]


def matrix_of(rows: dict[str, list[int | None]], grid: Grid) -> pd.DataFrame:
    """A projects × criteria matrix as project_matrix returns it."""
    return pd.DataFrame(
        list(rows.values()),
        index=pd.Index(list(rows), name="project"),
        columns=pd.Index([c.id for c in grid.criteria], name="criterion"),
        dtype="Int64",
    )


def counts_of(rows: list[list[int]], grid: Grid) -> pd.DataFrame:
    """Counts per criterion × (levels, then « non renseigné ») as level_counts returns them."""
    return pd.DataFrame(rows, index=[c.id for c in grid.criteria], columns=[*grid.levels, NOT_RATED])


def hatched_cells(ax) -> list:
    return [p for p in ax.patches if isinstance(p, Rectangle) and p.get_hatch()]


def test_heatmap_cells_say_their_level_and_not_rated_is_hatched():
    grid = make_grid([2, 1], 3)
    ax = plot_cohort_heatmap(matrix_of({"P": [0, 2, None], "Q": [1, None, None]}, grid), grid)
    assert texts(ax) == ["N0", "N2", "–", "N1", "–", "–"]
    assert len(hatched_cells(ax)) == 3
    assert [(p.get_x(), p.get_y()) for p in hatched_cells(ax)] == [(1.5, -0.5), (0.5, 0.5), (1.5, 0.5)]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["P", "Q"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Critère 0.0", "Critère 0.1", "Critère 1.0"]
    assert ax.get_title() == "Niveaux par projet et par critère"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Critères", "Projets")


def test_heatmap_text_contrasts_with_its_cell():
    grid = make_grid([2], 5)
    ax = plot_cohort_heatmap(matrix_of({"P": [0, 4]}, grid), grid)
    dark, light = level_colours(5)[0], level_colours(5)[-1]
    assert [to_hex(t.get_color()).upper() for t in ax.texts] == ["#FFFFFF", "#000000"]
    assert (text_colour(dark), text_colour(light)) == ("#FFFFFF", "#000000")
    image = ax.get_images()[0]
    assert [to_hex(image.cmap(image.norm(v))) for v in (0, 4)] == [dark, light]


def test_heatmap_colorbar_names_the_levels():
    grid = make_grid([3], 4)
    ax = plot_cohort_heatmap(matrix_of({"P": [0, 1, 3]}, grid), grid)
    colorbar = ax.figure.axes[-1]
    assert [t.get_text() for t in colorbar.get_yticklabels()] == ["N0", "N1", "N2", "N3"]
    assert "non renseigné" in colorbar.get_ylabel()


@pytest.mark.parametrize(
    ("levels", "marks", "keys"),
    [
        (
            ("Inexistant", "Faible", "Intermédiaire", "Fort"),
            ["1", "2", "3", "4"],
            ["1\u00a0: Inexistant", "2\u00a0: Faible", "3\u00a0: Intermédiaire", "4\u00a0: Fort"],
        ),  # initials collide: numbers
        (
            ("Embryonnaire", "Structuré", "Consolidé"),
            ["E", "S", "C"],
            ["E\u00a0: Embryonnaire", "S\u00a0: Structuré", "C\u00a0: Consolidé"],
        ),
    ],
)
def test_small_cells_show_a_short_mark_explained_by_the_colorbar(levels, marks, keys):
    criteria = tuple(Criterion(f"c{i}", f"C{i}", tuple("x" * len(levels))) for i in range(14))
    grid = Grid(levels, (Dimension("d", "D", criteria),))
    ax = plot_cohort_heatmap(matrix_of({"P": [i % len(levels) for i in range(14)]}, grid), grid)
    assert texts(ax)[: len(levels)] == marks
    assert [t.get_text() for t in ax.figure.axes[-1].get_yticklabels()] == keys


def test_large_cohort_draws_the_first_projects_and_says_how_many_more():
    grid = make_grid([2], 2)
    matrix = matrix_of({f"Projet {i}": [i % 2, None] for i in range(163)}, grid)
    ax = plot_cohort_heatmap(matrix, grid)
    assert len(ax.get_yticklabels()) == 40 and len(ax.texts) == 80
    assert ax.get_yticklabels()[-1].get_text() == "Projet 39"
    assert ax.get_title().endswith("\n… et 123 autres projets")
    one_more = plot_cohort_heatmap(matrix.iloc[:6], grid, max_rows=5)
    assert one_more.get_title().endswith("… et 1 autre projet")
    assert "autre" not in plot_cohort_heatmap(matrix.iloc[:5], grid, max_rows=5).get_title()
    assert heatmap_alt(matrix, grid).startswith("Tableau des niveaux de 40 des 163 projets (lignes) sur 2 critères")
    with pytest.raises(ValueError, match="max_rows\u00a0: au moins 1 projet à afficher"):
        plot_cohort_heatmap(matrix, grid, max_rows=0)


def test_heatmap_draws_hostile_project_names_as_typed():
    grid = dollar_grid()
    ax = plot_cohort_heatmap(matrix_of({HOSTILE[0]: [0, 1, 2, None], HOSTILE[1]: [2, 2, 0, 1]}, grid), grid)
    assert [t.get_text() for t in ax.get_yticklabels()] == HOSTILE
    assert figure_png(ax.figure).startswith(PNG) and unparsed_texts(ax.figure) == []


def test_heatmap_of_no_project_says_so():
    grid = make_grid([2], 3)
    ax = plot_cohort_heatmap(matrix_of({}, grid), grid)
    assert texts(ax) == ["aucun projet à afficher"]
    assert figure_png(ax.figure).startswith(PNG)


def test_heatmap_on_given_axes():
    grid = make_grid([1], 2)
    fig, ax = plt.subplots()
    try:
        assert plot_cohort_heatmap(matrix_of({"P": [1]}, grid), grid, ax=ax) is ax
        assert texts(ax) == ["N1"]
    finally:
        plt.close(fig)


def test_heatmap_in_a_subfigure_fits_its_marks_to_the_subfigure_width():
    levels = ("Embryonnaire du projet", "Structuré du projet", "Consolidé du projet")
    criteria = tuple(Criterion(f"c{i}", f"C{i}", ("x", "y", "z")) for i in range(3))
    grid = Grid(levels, (Dimension("d", "D", criteria),))
    matrix = matrix_of({"P": [0, 1, 2], "Q": [2, None, 1]}, grid)

    def drawn(ax) -> tuple[list[str], list[str]]:
        assert plot_cohort_heatmap(matrix, grid, ax=ax) is ax
        return texts(ax), [t.get_text() for t in ax.figure.axes[-1].get_yticklabels()]

    left, _ = Figure(figsize=(12, 4)).subfigures(1, 2)  # each 6 inches wide
    in_subfigure = drawn(left.add_subplot())
    assert in_subfigure == drawn(Figure(figsize=(6, 4)).add_subplot())  # a figure as wide as the subfigure
    assert in_subfigure[0] == ["E", "S", "C", "C", "–", "S"]  # initials: the labels do not fit 6 inches
    assert drawn(Figure(figsize=(12, 4)).add_subplot())[0][:3] == list(levels)  # they fit the whole figure


def test_heatmap_alt_counts_the_empty_cells():
    grid = make_grid([2], 3)
    alt = heatmap_alt(matrix_of({"P": [0, None], "Q": [None, None]}, grid), grid)
    assert alt == (
        "Tableau des niveaux de 2 projets (lignes) sur 2 critères (colonnes), du plus foncé «\u00a0N0\u00a0» "
        "au plus clair «\u00a0N2\u00a0»\u202f; 3 cases non renseignées."
    )


def bar_widths(ax) -> np.ndarray:
    """Levels × criteria: the width of each segment."""
    return np.array([[bar.get_width() for bar in container] for container in ax.containers])


@pytest.mark.parametrize("levels", [2, 3, 5, 7])
def test_each_criterion_bar_is_100_percent_of_its_rated_answers(levels):
    grid = make_grid([2, 1], levels)
    rows = [[k + 1 for k in range(levels)] + [2], [1] * levels + [0], [0] * levels + [3]]
    ax = plot_level_distribution(counts_of(rows, grid), grid)
    widths = bar_widths(ax)
    assert widths.shape == (levels, 3)
    assert widths.sum(axis=0) == pytest.approx([100, 100, 0])
    assert widths[:, 1] == pytest.approx([100 / levels] * levels)
    assert widths[:, 0] == pytest.approx([100 * (k + 1) / sum(range(1, levels + 1)) for k in range(levels)])
    lefts = np.array([[bar.get_x() for bar in container] for container in ax.containers])
    half = levels // 2
    assert (lefts[:half, :2] < 0).all() and (lefts[levels - half :, :2] >= 0).all()
    # lower levels end left of 0 where the next one starts: the bar is one unbroken row
    assert lefts[1:, :2] == pytest.approx(lefts[:-1, :2] + widths[:-1, :2])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(grid.levels)


def test_diverging_positions_by_hand():
    assert diverging_starts(np.array([[25.0, 50.0, 25.0]])).tolist() == [[-50.0, -25.0, 25.0]]
    assert diverging_starts(np.array([[10.0, 30.0, 40.0, 20.0]])).tolist() == [[-40.0, -30.0, 0.0, 40.0]]
    assert diverging_starts(np.array([[60.0, 40.0]])).tolist() == [[-60.0, 0.0]]


def test_medians_marked_above_the_median_segment():
    grid = make_grid([3], 3)
    counts = counts_of([[1, 2, 1, 0], [0, 0, 4, 1], [0, 0, 0, 2]], grid)
    medians = pd.Series([1, 2, None], index=[c.id for c in grid.criteria], dtype="Int64")
    ax = plot_level_distribution(counts, grid, medians)
    (marker,) = [line for line in ax.get_lines() if line.get_label() == "médiane"]
    assert list(marker.get_xdata()) == pytest.approx([0.0, 50.0])  # middle of 'N1' (-25…25), of 'N2' (0…100)
    assert list(marker.get_ydata()) == pytest.approx([-MEDIAN_ABOVE, 1 - MEDIAN_ABOVE])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["N0", "N1", "N2", "médiane"]
    notes = texts(ax)
    assert "4 réponses · médiane\u00a0: N1" in notes
    assert "4 réponses · médiane\u00a0: N2 · 1 «\u00a0non renseigné\u00a0»" in notes
    assert "0 réponse · 2 «\u00a0non renseigné\u00a0»" in notes


def test_counts_readable_in_wide_segments_and_axis_in_percent():
    grid = make_grid([1], 4)
    ax = plot_level_distribution(counts_of([[20, 1, 9, 30, 0]], grid), grid)
    assert [t for t in texts(ax) if t.isdigit()] == ["20", "9", "30"]  # 1 in 60 is too thin to hold it
    assert ax.get_xlim() == (-75, 75)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["50\u00a0%", "0\u00a0%", "50\u00a0%"]
    assert "%" in ax.get_xlabel() and ax.get_title() == "Répartition des niveaux par critère"


@pytest.mark.parametrize("levels", [2, 7])
def test_levels_differ_in_colour_and_lower_ones_are_hatched(levels):
    grid = make_grid([1], levels)
    ax = plot_level_distribution(counts_of([[1] * levels + [0]], grid), grid)
    faces = [to_hex(container[0].get_facecolor()) for container in ax.containers]
    hatches = [container[0].get_hatch() for container in ax.containers]
    assert len(set(faces)) == levels and "#ffffff" not in faces
    assert [str(h) for h in hatches] == ["xx"] * (levels // 2) + [""] * (levels - levels // 2)


def test_distribution_draws_math_like_labels_as_typed():
    grid = dollar_grid()
    counts = counts_of([[1, 2, 3, 0]] * 4, grid)
    medians = pd.Series([2] * 4, index=[c.id for c in grid.criteria], dtype="Int64")
    ax = plot_level_distribution(counts, grid, medians)
    assert [t.get_text() for t in ax.get_yticklabels()] == [c.label for c in grid.criteria]
    assert "6 réponses · médiane\u00a0: un_peu $\\alpha$" in texts(ax)
    assert figure_png(ax.figure).startswith(PNG) and unparsed_texts(ax.figure) == []


def test_distribution_alt():
    grid = make_grid([2], 3)
    alt = distribution_alt(counts_of([[1, 2, 0, 1], [0, 0, 3, 0]], grid), grid)
    assert alt == (
        "Barres divergentes\u00a0: pour chacun des 2 critères, la part de chaque niveau parmi 6 réponses "
        "renseignées (1 «\u00a0non renseigné\u00a0»), de «\u00a0N0\u00a0» à gauche à «\u00a0N2\u00a0» à droite."
    )
