"""Charts as bytes: a drawn figure turned into PNG, for a widget or a file.

>>> from isgrille.plots.style import new_axes
>>> figure_png(new_axes((2, 2)))[:4] == b"\\x89PNG"
True
"""

from __future__ import annotations

import io

from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure

__all__ = ["figure_png"]


def figure_png(ax_or_fig: Axes | Figure | SubFigure, dpi: int = 100) -> bytes:
    """The whole figure holding ``ax_or_fig`` as PNG bytes, trimmed to what is drawn."""
    fig = ax_or_fig.figure if isinstance(ax_or_fig, (Axes, SubFigure)) else ax_or_fig
    fig = fig.figure  # the root figure (a Figure is its own)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", facecolor="white")
    return buffer.getvalue()
