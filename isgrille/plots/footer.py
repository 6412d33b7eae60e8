"""The attribution's footer: whose work a card or a chart reproduces, in small grey text at the figure's bottom.

A card or a chart that leaves the kit reproduces the workshop's content, so
it carries the attribution's lines (:meth:`~isgrille.content.attribution.Attribution.lines`:
the work, its author, licence, « adapté », then the grid and its origin).
Plots draw what they are given: the caller builds the attribution
(:func:`~isgrille.content.attribution.attribution_of`) and passes its lines.
:func:`draw_footer` writes them at a place given in inches, wrapped to a
width (each line of the attribution starts a line; a very long one is cut
after :data:`MOST_LINES` lines with « … »), measured and rewrapped narrower
if it still overflows; :func:`footer_height` says beforehand how much room
they take, so a page keeps that room for them. :func:`add_footer` puts them
under a chart, the chart's layout shrunk to leave them room.

>>> from isgrille.plots.style import new_axes
>>> ax = new_axes((6, 3))
>>> add_footer(ax.figure, ["Une œuvre, CC BY-NC-SA 4.0, adapté.", "Grille G."]).get_text()
'Une œuvre, CC BY-NC-SA 4.0, adapté.\\nGrille G.'
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.text import Text

from .page_text import EM, fit_lines
from .style import PLAIN_TEXT

__all__ = [
    "CHART_FOOTER_SIZE",
    "FOOTER_COLOUR",
    "FOOTER_GID",
    "FOOTER_SIZE",
    "MOST_LINES",
    "add_footer",
    "draw_footer",
    "footer_height",
    "footer_lines",
]

#: The footer's size on a page, in points, and its grey (7.5:1 on white: WCAG AAA).
FOOTER_SIZE = 7.0
CHART_FOOTER_SIZE = 8.0  # under a chart shown on a screen
FOOTER_COLOUR = "#555555"
#: The footer's ``gid``: how a test or a caller finds it on a figure.
FOOTER_GID = "isgrille-attribution"
#: Most lines one line of the attribution takes once wrapped (the metadata keep it whole).
MOST_LINES = 4
_SPACING = 1.2  # line height, in ems
_MARGIN = 0.15  # inches between the footer and the figure's edges (charts)


def footer_lines(lines: Sequence[str], width: float, size: float = FOOTER_SIZE) -> list[str]:
    """``lines`` wrapped to ``width`` inches at ``size`` points, each starting a new line.

    >>> footer_lines(["un deux trois", "quatre"], 0.5, 6.5)
    ['un deux', 'trois', 'quatre']
    """
    chars = int(width * 72 / (EM * size))
    return [part for line in lines if line.strip() for part in fit_lines(line, chars, MOST_LINES)]


def footer_height(lines: Sequence[str], width: float, size: float = FOOTER_SIZE) -> float:
    """Inches the footer of ``lines`` takes when wrapped to ``width`` inches (0 when there is nothing to say)."""
    count = len(footer_lines(lines, width, size))
    return count * size * _SPACING / 72


def draw_footer(
    fig: Figure, lines: Sequence[str], left: float, bottom: float, width: float, size: float = FOOTER_SIZE
) -> Text | None:
    """Write ``lines`` on ``fig``, their bottom ``bottom`` inches above the figure's, from ``left`` over ``width``.

    Measured once drawn, they are rewrapped narrower while they reach past
    ``width`` (they then take a line or two more: :func:`footer_height` is an
    estimate, measured with the usual character width). Return the Text, or
    None when ``lines`` are blank.
    """
    fig_width, fig_height = fig.get_size_inches()
    wrapped = footer_lines(lines, width, size)
    if not wrapped:
        return None
    text = fig.text(
        left / fig_width,
        bottom / fig_height,
        "\n".join(wrapped),
        ha="left",
        va="bottom",
        fontsize=size,
        color=FOOTER_COLOUR,
        linespacing=_SPACING,
        gid=FOOTER_GID,
        **PLAIN_TEXT,
    )
    renderer = fig.canvas.get_renderer() if hasattr(fig.canvas, "get_renderer") else None
    if renderer is None:  # a canvas that cannot measure: the estimate stands
        return text
    right = (left + width) * fig.dpi
    chars = int(width * 72 / (EM * size))
    for _ in range(4):
        extent = text.get_window_extent(renderer)
        if extent.x1 <= right or chars <= 10:
            break
        chars = max(10, int(chars * (right - extent.x0) / extent.width * 0.95))
        text.set_text("\n".join(p for line in lines if line.strip() for p in fit_lines(line, chars, MOST_LINES)))
    return text


def add_footer(fig: Figure, lines: Sequence[str], size: float = CHART_FOOTER_SIZE) -> Text | None:
    """The footer under a chart: across the figure, the chart's layout shrunk above it; the Text, or None.

    With a constrained layout (:func:`~isgrille.plots.style.new_axes`) the
    axes, their labels and legends are laid out above the footer's room;
    otherwise the subplots' bottom is raised to clear it.
    """
    width = fig.get_figwidth() - 2 * _MARGIN
    text = draw_footer(fig, lines, _MARGIN, _MARGIN, width, size)
    if text is None:
        return None
    renderer = fig.canvas.get_renderer() if hasattr(fig.canvas, "get_renderer") else None
    height = (
        text.get_window_extent(renderer).height / fig.dpi if renderer is not None else footer_height(lines, width, size)
    )
    room = min(0.5, (height + 2 * _MARGIN) / fig.get_figheight())
    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.set(rect=(0, room, 1, 1 - room))
    elif engine is None and renderer is not None:  # the axes' labels raised above the footer
        lows = [box.y0 for ax in fig.axes if (box := ax.get_tightbbox(renderer)) is not None]  # None: not drawn
        if lows:
            fig.subplots_adjust(bottom=fig.subplotpars.bottom + max(0.0, room - min(lows) / fig.bbox.height))
    return text
