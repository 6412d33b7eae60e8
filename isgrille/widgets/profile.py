"""A project's profile on screen: the radar as an image, and the same values as a table.

The table is the chart's text alternative (screen readers, printing, a
projector too dim for colours). Drawing is :mod:`isgrille.plots`' job,
through :class:`~isgrille.plots.live_radar.LiveRadar` so that a redraw after each
rating is fast; this view only shows the PNG in an ``ipywidgets.Image``.
"""

from __future__ import annotations

from typing import Sequence

import ipywidgets as w

from ..content.model import Grid
from ..plots.live_radar import LiveRadar
from ..plots.export import figure_png
from ..plots.summary import plot_dimension_summary
from ..analysis.scoring import Profile
from .text import profile_table_html

__all__ = ["ProfileView", "profile_view", "summary_view"]


class ProfileView(w.VBox):
    """``image`` holds the radar (PNG); ``table`` its values."""

    def __init__(self, grid: Grid, width: str = "30em"):
        self.grid = grid
        self.radar = LiveRadar(grid)
        self.image = w.Image(format="png", layout=w.Layout(width="100%", height="auto"))
        self.table = w.HTML()
        # ipywidgets' Image has no alt text (and its tooltip breaks it in JupyterLab): the caption says
        # where the chart's values are, for screen readers and for a projector too dim for colours.
        caption = w.HTML("<h3>Profil du projet</h3><p><small>Radar du profil : ses valeurs sont dans le "
                         "tableau sous le graphique.</small></p>")
        super().__init__([caption, self.image, self.table],
                         layout=w.Layout(flex="2 1 0%", min_width=width))

    def show(self, profiles: Sequence[Profile], labels: Sequence[str]) -> None:
        """Draw these profiles (one grid) with these legend labels."""
        self.image.value = self.radar.png([p.assessment for p in profiles], labels)
        self.table.value = profile_table_html(profiles, labels)


def profile_view(grid: Grid, profiles: Sequence[Profile], labels: Sequence[str]) -> ProfileView:
    """A profile view already showing ``profiles``."""
    view = ProfileView(grid)
    view.show(profiles, labels)
    return view


def summary_view(grid: Grid, profiles: Sequence[Profile], labels: Sequence[str]) -> w.VBox:
    """The per-dimension bars of some profiles, with the same values as a table beside them."""
    ax = plot_dimension_summary(grid, list(profiles), labels=list(labels))
    image = w.Image(value=figure_png(ax), format="png", layout=w.Layout(max_width="48em", height="auto"))
    return w.VBox([image, w.HTML(profile_table_html(profiles, labels, "Valeurs par dimension"))])
