"""A radar redrawn fast, for the self-assessment's live profile.

Redrawing the whole radar takes a few hundred milliseconds (dozens of
texts); a learner clicking through twelve criteria should see the profile
follow at once. :class:`LiveRadar` draws the frame (wedges, rings, labels)
once with :func:`~isgrille.plots.radar.plot_profile`, keeps it as a bitmap, and on
each change only draws the series over it (blitting) and encodes the PNG.
The result looks exactly like ``plot_profile``'s; ``bench/bench_notebooks.py``
measures the gain.
"""

from __future__ import annotations

import io
from typing import Sequence

from PIL import Image

from ..content.model import Assessment, Grid
from .radar import draw_profile_series, plot_profile

__all__ = ["LiveRadar"]


class LiveRadar:
    """The radar of one grid; :meth:`png` draws some assessments and returns PNG bytes."""

    def __init__(self, grid: Grid, dpi: int = 80):
        self.grid = grid
        self.ax = plot_profile(grid, [])
        figure = self.ax.figure
        figure.set_dpi(dpi)
        figure.canvas.draw()  # lays the frame out once (constrained layout)…
        figure.set_layout_engine("none")  # …and keeps that layout for every series drawn after
        self._background = figure.canvas.copy_from_bbox(figure.bbox)
        self._series: list = []

    def png(self, assessments: Sequence[Assessment], labels: Sequence[str]) -> bytes:
        """PNG of the frame with these assessments drawn on it."""
        for artist in self._series:
            artist.remove()
        self._series = draw_profile_series(self.ax, self.grid, list(assessments), list(labels))
        canvas = self.ax.figure.canvas
        canvas.restore_region(self._background)
        for artist in self._series:
            self.ax.draw_artist(artist)
        width, height = canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="png", compress_level=1)
        return buffer.getvalue()
