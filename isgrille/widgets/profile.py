"""A project's profile on screen: the radar with its text alternative, and the same values as a table.

The chart is an ``<img>`` in an HTML widget, with an ``alt`` text a screen
reader reads (each dimension's median and counts, per assessor: see
:func:`~isgrille.widgets.text.chart_alt`); ipywidgets' ``Image`` has no alt
text. The table beside it holds every criterion's level (screen readers,
printing, a projector too dim for colours). Drawing is :mod:`isgrille.plots`'
job, through :class:`~isgrille.plots.live_radar.LiveRadar` so that a redraw
after each rating is fast; a grid adapted from its source says so under the
title, and the figures' rule (:func:`~isgrille.analysis.scoring.figure_rule`)
under the caption. :func:`comparison_html` says in words how two assessments of a
project differ.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as w

from ..analysis.scoring import AssessmentGap, Profile, figure_rule
from ..content.model import Grid
from ..plots.export import figure_png
from ..plots.live_radar import LiveRadar
from ..plots.summary import plot_dimension_summary
from .text import chart_alt, escape, image_html, profile_table_html
from .welcome import adaptation_html

__all__ = ["ProfileView", "comparison_html", "profile_view", "summary_view"]

RADAR_TITLE = "Radar du profil"
SUMMARY_TITLE = "Barres par dimension"


class ProfileView(w.VBox):
    """``chart`` shows the radar (``png``, with ``alt`` as its text alternative); ``table`` its values."""

    def __init__(self, grid: Grid, width: str = "30em"):
        self.grid = grid
        self.radar = LiveRadar(grid)
        self.png, self.alt = b"", ""
        self.chart = w.HTML()
        self.table = w.HTML()
        caption = w.HTML(
            "<h3>Profil du projet</h3><p><small>Radar du profil\u00a0: ses valeurs sont aussi dans le "
            "tableau sous le graphique. "
            f"{escape(figure_rule(grid.levels))}</small></p>" + adaptation_html(grid, named=True)
        )
        # Not a scroll container of its own (nothing in it takes the focus, so a keyboard could not
        # scroll it: axe's scrollable-region-focusable); the page or the slide scrolls instead.
        super().__init__(
            [caption, self.chart, self.table], layout=w.Layout(flex="2 1 0%", min_width=width, overflow="visible")
        )

    def show(self, profiles: Sequence[Profile], labels: Sequence[str]) -> None:
        """Draw these profiles (one grid) with these legend labels."""
        self.png = self.radar.png([p.assessment for p in profiles], labels)
        self.alt = chart_alt(RADAR_TITLE, profiles, labels)
        self.chart.value = image_html(self.png, self.alt)
        self.table.value = profile_table_html(profiles, labels)


def profile_view(grid: Grid, profiles: Sequence[Profile], labels: Sequence[str]) -> ProfileView:
    """A profile view already showing ``profiles``."""
    view = ProfileView(grid)
    view.show(profiles, labels)
    return view


def summary_view(grid: Grid, profiles: Sequence[Profile], labels: Sequence[str]) -> w.VBox:
    """The per-dimension bars of some profiles (with their text alternative) and the same values as a table."""
    ax = plot_dimension_summary(grid, list(profiles), labels=list(labels))
    chart = w.HTML(
        image_html(figure_png(ax), chart_alt(SUMMARY_TITLE, profiles, labels)), layout=w.Layout(max_width="48em")
    )
    rule = w.HTML(f"<p><small>{escape(figure_rule(grid.levels))}</small></p>")
    return w.VBox([chart, rule, w.HTML(profile_table_html(profiles, labels, "Valeurs par dimension"))])


def _criteria(n: int) -> str:
    return f"{n} critère{'s' if n > 1 else ''}"


def comparison_html(gap: AssessmentGap, first: str, second: str) -> str:
    """Two assessments of a project compared in one French sentence (names escaped).

    ``first`` and ``second`` name who made each assessment (``gap.first``, ``gap.second``).
    """
    a, b = escape(first), escape(second)
    parts = [
        f"Même niveau pour {_criteria(gap.same)}",
        f"niveau plus haut selon «\u00a0{b}\u00a0» que selon «\u00a0{a}\u00a0» pour {_criteria(gap.higher)}",
        f"plus bas pour {_criteria(gap.lower)}",
    ]
    text = ", ".join(parts[:-1]) + f" et {parts[-1]}"
    if gap.not_comparable:
        text += (
            f"\u202f; {_criteria(gap.not_comparable)} non comparable{'s' if gap.not_comparable > 1 else ''}"
            f" (non renseigné{'s' if gap.not_comparable > 1 else ''} d'un côté ou de l'autre)"
        )
    return f"<p>{text}.</p>"
