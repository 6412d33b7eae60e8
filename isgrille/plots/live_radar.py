"""A radar redrawn fast, for the self-assessment's live profile.

Redrawing the whole radar takes a few hundred milliseconds (dozens of
texts); a learner clicking through twelve criteria should see the profile
follow at once. :class:`LiveRadar` draws the frame (wedges, rings, labels)
once with :func:`~isgrille.plots.radar.plot_profile`, keeps it as a bitmap, and on
each change only draws the series over it (blitting) and encodes the PNG.
The result looks exactly like ``plot_profile``'s; ``bench/bench_notebooks.py``
measures the gain.

The legend goes under the radar, three series a row. When it needs more room
than the frame was laid out with (four series and more: a second row), the
frame is laid out again around it, once per number of rows, and kept: the
legend always stays whole inside the picture.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

from ..content.model import Assessment, Grid
from .radar import draw_profile_series, plot_profile
from .style import agg_canvas, figure_of

__all__ = ["LiveRadar"]


class LiveRadar:
    """The radar of one grid; :meth:`png` draws some assessments and returns PNG bytes."""

    def __init__(self, grid: Grid, dpi: int = 80):
        self.grid = grid
        self.ax = plot_profile(grid, [])
        self.figure = figure = figure_of(self.ax)
        figure.set_dpi(dpi)
        self._canvas.draw()  # lays the frame out once (constrained layout)…
        figure.set_layout_engine("none")  # …and keeps that layout for every series drawn after
        self._series: list[Artist] = []
        self._layouts: dict[int, tuple] = {}  # legend rows -> (axes position, background), for those laid out
        self._rows = 0  # the legend rows the current layout was made for (0: the frame alone)
        self._layout_for: dict[int, int] = {0: 0}  # legend rows -> the layout they are drawn in
        self._layouts[0] = (self.ax.get_position(), self._canvas.copy_from_bbox(figure.bbox))

    @property
    def _canvas(self) -> FigureCanvasAgg:
        """The figure's Agg canvas (new_axes gives it one), which blits."""
        return agg_canvas(self.figure)

    def png(self, assessments: Sequence[Assessment], labels: Sequence[str]) -> bytes:
        """PNG of the frame with these assessments drawn on it (the legend whole, inside the picture)."""
        for artist in self._series:
            artist.remove()
        self._series = draw_profile_series(self.ax, self.grid, list(assessments), list(labels))
        rows = self._legend_rows()
        if rows not in self._layout_for:  # does a legend of that many rows fit under the frame alone?
            self._use_layout(0)
            self._layout_for[rows] = 0 if self._legend_fits() else rows
        self._use_layout(self._layout_for[rows])
        canvas = self._canvas
        canvas.restore_region(self._layouts[self._rows][1])
        for artist in self._series:
            self.ax.draw_artist(artist)
        width, height = canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    def _legend_rows(self) -> int:
        legend = self.ax.get_legend()
        if legend is None or not self._series:
            return 0
        columns = max(1, getattr(legend, "_ncols", 3))
        return -(-len(legend.get_texts()) // columns)

    def _legend_fits(self) -> bool:
        """Whether the legend drawn now lies inside the figure (no legend: it does)."""
        legend = self.ax.get_legend()
        if legend is None or not self._series:
            return True
        legend.draw(self._canvas.get_renderer())  # places its entries (over the bitmap, restored after)
        box = legend.get_window_extent(self._canvas.get_renderer())
        inside = self.figure.bbox
        return (
            box.x0 >= inside.x0 - 0.5
            and box.y0 >= inside.y0 - 0.5
            and box.x1 <= inside.x1 + 0.5
            and box.y1 <= inside.y1 + 0.5
        )

    def _use_layout(self, rows: int) -> None:
        """Put the frame in the layout made for a legend of ``rows`` rows, laying it out the first time."""
        figure = self.figure
        if rows == self._rows:
            return
        if rows not in self._layouts:
            self.ax.set_in_layout(True)  # set_position (another layout's place) takes it out of the layout
            figure.set_layout_engine("constrained")
            for _ in range(3):  # the legend drawn now is in the layout; room is made for it in a draw or two
                self._canvas.draw()
                if self._legend_fits():
                    break
            figure.set_layout_engine("none")
            for artist in self._series:
                artist.set_visible(False)
            self._canvas.draw()  # the frame alone, in its new place
            for artist in self._series:
                artist.set_visible(True)
            self._layouts[rows] = (self.ax.get_position(), self._canvas.copy_from_bbox(figure.bbox))
        else:
            self.ax.set_position(self._layouts[rows][0])
        self._rows = rows
