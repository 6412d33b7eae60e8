"""Charts as bytes: a drawn figure turned into PNG, for a widget or a file, with its text chunks.

A chart that leaves the kit holds its attribution in the PNG's text chunks
too (``metadata``: :meth:`~isgrille.content.attribution.Attribution.png_metadata`'s
Copyright, Source, Description…), as well as in its visible footer
(:func:`~isgrille.plots.footer.add_footer`).

>>> from isgrille.plots.style import new_axes
>>> figure_png(new_axes((2, 2)))[:4] == b"\\x89PNG"
True
"""

from __future__ import annotations

import io

from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure

__all__ = ["figure_png"]


def figure_png(ax_or_fig: Axes | Figure | SubFigure, dpi: int = 100, metadata: dict[str, str] | None = None) -> bytes:
    """The whole figure holding ``ax_or_fig`` as PNG bytes, trimmed to what is drawn; ``metadata`` as text chunks."""
    fig = ax_or_fig.figure if isinstance(ax_or_fig, (Axes, SubFigure)) else ax_or_fig
    fig = fig.figure  # the root figure (a Figure is its own)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", facecolor="white", metadata=dict(metadata or {}))
    return buffer.getvalue()
