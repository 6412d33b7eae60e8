"""The class charts of a cohort, each with its French text alternative, from the tidy frames.

One place pairs the core's figures (:mod:`isgrille.analysis.distribution`,
:mod:`isgrille.analysis.quiz_tally`) with their drawing
(:mod:`.class_charts`, :mod:`.quiz_charts`), so the command line
(``cohort``) and the screens (notebook ``06_analyse``) draw the same charts.
Each function returns ``(ax, alt)``, or None when there is nothing to draw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from matplotlib.axes import Axes

from ..content.model import Grid, Quiz

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["heatmap_figure", "levels_figure", "quiz_figure", "class_figures"]

Drawn = "tuple[Axes, str] | None"


def heatmap_figure(ratings: "pandas.DataFrame", grid: Grid, max_rows: int = 40) -> Drawn:
    """Projects × criteria: each project's latest levels (self-assessment first)."""
    from ..analysis.distribution import project_matrix
    from .class_charts import heatmap_alt, plot_cohort_heatmap

    if ratings.empty:
        return None
    matrix = project_matrix(ratings, grid)
    return plot_cohort_heatmap(matrix, grid, max_rows=max_rows), heatmap_alt(matrix, grid, max_rows)


def levels_figure(ratings: "pandas.DataFrame", grid: Grid) -> Drawn:
    """Per criterion, how the ratings spread over the levels (diverging bars), and their median."""
    from ..analysis.distribution import level_counts, level_medians
    from .class_charts import distribution_alt, plot_level_distribution

    if ratings.empty:
        return None
    counts = level_counts(ratings, grid)
    medians = level_medians(ratings, grid, counts=counts)
    return plot_level_distribution(counts, grid, medians=medians), distribution_alt(counts, grid)


def quiz_figure(answers: "pandas.DataFrame", quiz: Quiz) -> Drawn:
    """The quiz's statements, most missed first: the points to discuss."""
    from ..analysis.quiz_tally import quiz_misses
    from .quiz_charts import plot_quiz_misses, quiz_misses_alt

    if answers.empty:
        return None
    misses = quiz_misses(answers, quiz)
    return plot_quiz_misses(misses), quiz_misses_alt(misses)


def class_figures(ratings: "pandas.DataFrame", grid: Grid, answers: "pandas.DataFrame",
                  quiz: Quiz, keys: tuple[str, ...] = ("heatmap", "levels", "quiz")) -> dict[str, Drawn]:
    """The charts by key, ``keys`` of ``heatmap``, ``levels``, ``quiz`` (None for one with nothing to draw)."""
    draw = {"heatmap": lambda: heatmap_figure(ratings, grid), "levels": lambda: levels_figure(ratings, grid),
            "quiz": lambda: quiz_figure(answers, quiz)}
    return {key: draw[key]() for key in keys}
