"""The class charts of a cohort, each with its French text alternative, from the tidy frames.

One place pairs the core's figures (:mod:`isgrille.analysis.distribution`,
:mod:`isgrille.analysis.quiz_tally`) with their drawing
(:mod:`.class_charts`, :mod:`.quiz_charts`), so the command line
(``cohort``) and the screens (notebook ``06_analyse``) draw the same charts.
Each function returns ``(ax, alt)``, or None when there is nothing to draw.
Given an ``attribution`` (:func:`~isgrille.content.attribution.attribution_of`
of the workshop and the grid: whose content the chart shows, under which
licence), a chart shows it as a footer (:func:`~isgrille.plots.footer.add_footer`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from matplotlib.axes import Axes

from ..content.attribution import Attribution
from ..content.model import Grid, Quiz
from .footer import add_footer
from .style import figure_of

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["class_figures", "heatmap_figure", "levels_figure", "quiz_figure"]

Drawn: TypeAlias = "tuple[Axes, str] | None"


def _signed(drawn: tuple[Axes, str], attribution: Attribution | None) -> tuple[Axes, str]:
    """The chart with ``attribution``'s footer under it (none without one)."""
    if attribution is not None:
        add_footer(figure_of(drawn[0]), attribution.lines())
    return drawn


def heatmap_figure(
    ratings: pandas.DataFrame, grid: Grid, max_rows: int = 40, attribution: Attribution | None = None
) -> Drawn:
    """Projects × criteria: each project's latest levels (self-assessment first)."""
    from ..analysis.distribution import project_matrix
    from .class_charts import heatmap_alt, plot_cohort_heatmap

    if ratings.empty:
        return None
    matrix = project_matrix(ratings, grid)
    return _signed(
        (plot_cohort_heatmap(matrix, grid, max_rows=max_rows), heatmap_alt(matrix, grid, max_rows)), attribution
    )


def levels_figure(ratings: pandas.DataFrame, grid: Grid, attribution: Attribution | None = None) -> Drawn:
    """Per criterion, how the ratings spread over the levels (diverging bars), and their median."""
    from ..analysis.distribution import level_counts, level_medians
    from .class_charts import distribution_alt, plot_level_distribution

    if ratings.empty:
        return None
    counts = level_counts(ratings, grid)
    medians = level_medians(ratings, grid, counts=counts)
    return _signed(
        (plot_level_distribution(counts, grid, medians=medians), distribution_alt(counts, grid)), attribution
    )


def quiz_figure(answers: pandas.DataFrame, quiz: Quiz, attribution: Attribution | None = None) -> Drawn:
    """The quiz's statements, most missed first: the points to discuss."""
    from ..analysis.quiz_tally import quiz_misses
    from .quiz_charts import plot_quiz_misses, quiz_misses_alt

    if answers.empty:
        return None
    misses = quiz_misses(answers, quiz)
    return _signed((plot_quiz_misses(misses), quiz_misses_alt(misses)), attribution)


def class_figures(
    ratings: pandas.DataFrame,
    grid: Grid,
    answers: pandas.DataFrame,
    quiz: Quiz,
    keys: tuple[str, ...] = ("heatmap", "levels", "quiz"),
    attribution: Attribution | None = None,
) -> dict[str, Drawn]:
    """The charts by key, ``keys`` of ``heatmap``, ``levels``, ``quiz`` (None for one with nothing to draw)."""
    draw = {
        "heatmap": lambda: heatmap_figure(ratings, grid, attribution=attribution),
        "levels": lambda: levels_figure(ratings, grid, attribution),
        "quiz": lambda: quiz_figure(answers, quiz, attribution),
    }
    return {key: draw[key]() for key in keys}
