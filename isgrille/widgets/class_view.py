"""A class on screen: the cohort's charts as images with their French text alternative.

Each function takes the tidy frames of a cohort
(:func:`~isgrille.analysis.tidy.load_cohort`) and returns HTML: the chart
drawn by :mod:`isgrille.plots.class_figures` as an ``<img>`` whose ``alt``
says what it shows (escaped, like every text here), or a short French
sentence when there is nothing to draw. Notebook ``06_analyse`` shows them;
a trainer's view of the room can too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..content.model import Grid, Quiz
from .text import escape, image_html

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["chart_html", "cohort_summary_html", "frame_html", "heatmap_html", "levels_html", "quiz_misses_html"]


def chart_html(drawn, nothing: str) -> str:
    """``drawn`` — ``(ax, alt)`` or None — as an inline PNG ``<img>``, or ``nothing`` as a status line."""
    from ..plots.export import figure_png

    if drawn is None:
        return f'<p role="status">{escape(nothing)}</p>'
    ax, alt = drawn
    return image_html(figure_png(ax), alt)


def heatmap_html(ratings: pandas.DataFrame, grid: Grid, max_rows: int = 40) -> str:
    """Projects × criteria: each project's latest levels (self-assessment first)."""
    from ..plots.class_figures import heatmap_figure

    return chart_html(heatmap_figure(ratings, grid, max_rows), "Aucune évaluation\u00a0: pas de carte des projets.")


def levels_html(ratings: pandas.DataFrame, grid: Grid) -> str:
    """Per criterion, how the class's ratings spread over the levels, and their median."""
    from ..plots.class_figures import levels_figure

    return chart_html(levels_figure(ratings, grid), "Aucune évaluation\u00a0: pas de répartition des niveaux.")


def quiz_misses_html(answers: pandas.DataFrame, quiz: Quiz) -> str:
    """The quiz's statements, most missed first: the points to discuss."""
    from ..plots.class_figures import quiz_figure

    return chart_html(quiz_figure(answers, quiz), "Aucune réponse au quiz.")


def cohort_summary_html(summary: Sequence[str], problems: Sequence[object] = ()) -> str:
    """What a cohort holds (its summary lines), then the sources set aside and why, all escaped.

    >>> cohort_summary_html(["2 projets"], ["a.json: <illisible>"])  # doctest: +NORMALIZE_WHITESPACE
    '<ul><li>2 projets</li></ul><details><summary>1 source écartée</summary>\
<ul><li>a.json: &lt;illisible&gt;</li></ul></details>'
    """
    from ..content.limits import MAX_PROBLEMS

    page = "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in summary) + "</ul>"
    if problems:
        plural = "s" if len(problems) > 1 else ""
        listed = "".join(f"<li>{escape(str(problem))}</li>" for problem in list(problems)[:MAX_PROBLEMS])
        more = f"<li>… et {len(problems) - MAX_PROBLEMS} de plus</li>" if len(problems) > MAX_PROBLEMS else ""
        page += (
            f"<details><summary>{len(problems)} source{plural} écartée{plural}</summary>"
            f"<ul>{listed}{more}</ul></details>"
        )
    return page


def frame_html(frame: pandas.DataFrame, label: str) -> str:
    """A pandas table (cells escaped) in a region named ``label``, as wide as the page and no wider.

    Its columns share the width and long cells wrap, so nothing scrolls: a scrolling box would
    need the keyboard focus (WCAG 2.1.1), which the slides' sanitiser strips from outputs.

    >>> import pandas as pd
    >>> page = frame_html(pd.DataFrame({"projet": ["<b>"]}), "Projets")
    >>> page.startswith('<div role="region" aria-label="Projets">'), "&lt;b&gt;" in page
    (True, True)
    """
    table = frame.to_html(border=0, na_rep="—").replace(
        "<table ", '<table style="width: 100%; table-layout: fixed; word-wrap: break-word; font-size: 0.85em" ', 1
    )
    return f'<div role="region" aria-label="{escape(label)}">{table}</div>'
