"""Text on a printed page: wrapped and shortened to its column, measured, and rewrapped if it still overflows.

:func:`fit_lines` wraps a text to a number of characters a line and cuts it
to a number of lines, ending on « … ». :class:`Page` writes such texts on a
figure at places given in inches from the top-left corner, remembers each
one's column, and once laid out (:meth:`Page.refit`) measures them and
rewraps narrower any that still reaches beyond it (a line of « W » is twice
as wide as one of « i »), and narrows a legend (:func:`fit_legend`) given
to it. :func:`fit_radar` does the same for a radar's spoke labels and
legend. Used by :mod:`.card`; text is plain (no mathtext).

>>> fit_lines("Une recyclerie de quartier qui répare", 16, 2)
['Une recyclerie', 'de quartier qui…']
"""

from __future__ import annotations

import re
import textwrap

from matplotlib.figure import Figure
from matplotlib.text import Text

from ..content.model import (
    Grid,
    plain_text as unmarked,  # the content's emphasis marks dropped
)
from .style import PLAIN_TEXT, TEXT_COLOUR, agg_canvas

__all__ = ["EM", "LINE", "Page", "fit_legend", "fit_lines", "fit_radar", "one_line", "unmarked"]

#: A usual character width, in ems (the first guess; :meth:`Page.refit` corrects it).
EM = 0.5
#: Line height, in ems.
LINE = 1.3
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


#: The content's light emphasis (``**gras**``, ``*italique*``, ``++souligné++``), drawn without its marks.


def fit_lines(text: str, chars: int, max_lines: int) -> list[str]:
    """``text`` wrapped to ``chars`` a line, blank lines dropped, at most ``max_lines`` (the last ending « … »).

    >>> fit_lines("un deux trois quatre", 9, 1)
    ['un deux…']
    >>> fit_lines("abc\\n\\ndéf", 10, 3)
    ['abc', 'déf']
    """
    chars = max(2, chars)
    limit = (chars + 1) * (max_lines + 1) * 2  # enough to fill the lines; a 2 MB pitch is not wrapped whole
    cut = len(text) > limit
    lines: list[str] = []
    for paragraph in _CONTROL.sub(" ", text[:limit]).splitlines():
        lines += textwrap.wrap(paragraph, chars)
    if cut and len(lines) < max_lines:
        lines.append("…")  # more than shown, though fewer lines (blank ones dropped)
    elif cut:
        lines.append("")  # more than shown: the last line ends on « … » below
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        lines[-1] = (last if len(last) < chars else last[: chars - 1].rstrip()) + "…"
    return lines


class Page:
    """Texts placed in inches from the top-left corner, each remembered with its column so it can be refitted."""

    def __init__(self, fig: Figure, size: tuple[float, float]):
        self.fig, (self.width, self.height) = fig, size
        self.fitted: list[tuple[Text, str, int, int, float]] = []
        self.legend: tuple | None = None  #: (a legend, left, right in inches) to narrow once laid out

    def text(self, x: float, y: float, text: str, width: float, size: float, max_lines: int = 1, **props) -> int:
        """Write ``text`` at (x, y) inches within ``width``; return the number of lines used."""
        chars = int(width * 72 / (EM * size))
        lines = fit_lines(text, chars, max_lines)
        if not lines:
            return 0
        artist = self.fig.text(
            x / self.width,
            1 - y / self.height,
            "\n".join(lines),
            fontsize=size,
            va="top",
            ha="left",
            linespacing=1.15,
            color=TEXT_COLOUR,
            **PLAIN_TEXT,
            **props,
        )
        self.fitted.append((artist, text, chars, max_lines, (x + width) / self.width))
        return len(lines)

    def refit(self) -> None:
        """Rewrap (narrower) every text reaching beyond its column once laid out; fewer columns to the legend."""
        renderer = agg_canvas(self.fig).get_renderer()
        width = self.fig.bbox.width
        for artist, text, chars, max_lines, right in self.fitted:
            for _ in range(4):
                extent = artist.get_window_extent(renderer)
                if extent.x1 <= right * width or chars <= 2:
                    break
                chars = max(2, int(chars * (right * width - extent.x0) / extent.width * 0.95))
                artist.set_text("\n".join(fit_lines(text, chars, max_lines)))
        if self.legend is not None:
            legend, low, high = self.legend
            fit_legend(legend, renderer, low * self.fig.dpi, high * self.fig.dpi)


def fit_radar(ax, grid: Grid, renderer, low: float, high: float) -> None:
    """Shorten the spokes' labels, then narrow the legend, until they lie between ``low`` and ``high`` pixels."""
    labels = [criterion.label for criterion in grid.criteria]
    chars = [16] * len(labels)
    size = ax.get_xticklabels()[0].get_fontsize()
    for _ in range(4):
        ax.set_xticklabels(
            ["\n".join(fit_lines(label, c, 2)) for label, c in zip(labels, chars, strict=True)],
            fontsize=size,
            **PLAIN_TEXT,
        )
        ax.xaxis.get_tightbbox(renderer)  # places the tick labels
        over = False
        for i, tick in enumerate(ax.get_xticklabels()):
            box = tick.get_window_extent(renderer)
            room = min(box.x1, high) - max(box.x0, low)
            if box.x0 < low or box.x1 > high:
                chars[i], over = max(2, int(chars[i] * room / box.width * 0.95)), True
        if not over:
            break
    legend = ax.get_legend()
    if legend is not None:
        fit_legend(legend, renderer, low, high)


def fit_legend(legend, renderer, low: float, high: float) -> None:
    """Fewer columns in ``legend`` until it lies between ``low`` and ``high`` pixels (or has one column)."""
    while legend._ncols > 1:
        box = legend.get_window_extent(renderer)
        if low <= box.x0 and box.x1 <= high:
            break
        legend.set_ncols(legend._ncols - 1)


def one_line(text: str, chars: int) -> str:
    """``text`` on one line of at most ``chars`` characters (« ? » when blank)."""
    return (fit_lines(text, chars, 1) or ["?"])[0]
