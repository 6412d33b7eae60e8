"""What every chart of the kit shares: its palette, its second cues, its blank axes.

Series are told apart by colour (Okabe–Ito, safe for colour-blind readers)
and by a second cue — line style and marker on lines, hatching on bars — so
that a chart still reads on a dim projector or printed in black and white.
Charts are drawn on standalone figures that pyplot does not track, so a
widget can redraw as often as it likes without leaking figures, and no
global matplotlib state (backend, ``rcParams``) is ever touched. Text that
comes from data — what learners typed, what a trainer wrote in a grid — is
drawn as it is (:data:`PLAIN_TEXT`): a ``$`` is a dollar sign, never the
start of a formula that would fail to draw.

>>> series_style(1)["linestyle"], series_style(1)["marker"]
('--', 's')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure, SubFigure
from matplotlib.text import Text
from matplotlib.transforms import ScaledTranslation, Transform

__all__ = [
    "HATCHES",
    "LINESTYLES",
    "MARKERS",
    "PALETTE",
    "PLAIN_TEXT",
    "TEXT_COLOUR",
    "agg_canvas",
    "as_list",
    "new_axes",
    "offset_below",
    "plain",
    "series_labels",
    "series_style",
]

#: Okabe–Ito colours, ordered so the first ones contrast most on white.
PALETTE: list[str] = [
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#F0E442",
]
#: Second cue on lines: series ``i`` uses ``LINESTYLES[i % len(LINESTYLES)]``.
LINESTYLES: list[str] = ["-", "--", ":", "-."]
#: Third cue on lines: series ``i`` uses ``MARKERS[i % len(MARKERS)]``.
MARKERS: list[str] = ["o", "s", "^", "D", "v", "P", "X"]
#: Second cue on bars: series ``i`` uses ``HATCHES[i % len(HATCHES)]``.
HATCHES: list[str] = ["", "//", "..", "xx", "\\\\", "oo"]

#: Colour of every label and annotation.
TEXT_COLOUR = "#222222"
#: Text properties of anything drawn from data: no mathtext, no TeX, whatever rcParams say.
PLAIN_TEXT: dict[str, Any] = {"parse_math": False, "usetex": False}


def series_style(i: int) -> dict[str, str]:
    """Colour, line style, marker and hatch of series ``i`` (they cycle independently)."""
    return {
        "color": PALETTE[i % len(PALETTE)],
        "linestyle": LINESTYLES[i % len(LINESTYLES)],
        "marker": MARKERS[i % len(MARKERS)],
        "hatch": HATCHES[i % len(HATCHES)],
    }


def plain(texts: Iterable[Text]) -> None:
    """Draw these texts (e.g. a legend's) as they are: see :data:`PLAIN_TEXT`."""
    for text in texts:
        text.update(PLAIN_TEXT)


def as_list(items, kind: type) -> list:
    """``items`` as a list, a single ``kind`` object being a list of one."""
    return [items] if isinstance(items, kind) else list(items)


def series_labels(labels: Sequence[str] | None, default: list[str]) -> list[str]:
    """The legend's names: ``labels`` if given (one per series, else ValueError), else ``default``."""
    if labels is None:
        return default
    labels = list(labels)
    if len(labels) != len(default):
        raise ValueError(f"labels\u00a0: {len(labels)} étiquette(s) pour {len(default)} série(s) à tracer")
    return labels


def offset_below(ax: Axes, points: float) -> Transform:
    """Axes coordinates moved down by ``points``: a place under the axis labels at any size."""
    return ax.transAxes + ScaledTranslation(0, -points / 72, ax.figure.dpi_scale_trans)


def new_axes(figsize: tuple[float, float], polar: bool = False) -> Axes:
    """Axes on a standalone Figure (not registered with pyplot) with an Agg canvas."""
    fig = Figure(figsize=figsize, layout="constrained")
    FigureCanvasAgg(fig)
    return fig.add_subplot(projection="polar" if polar else None)


def figure_of(ax: Axes) -> Figure:
    """The Figure ``ax`` stands on: a chart the kit draws has one of its own (:func:`new_axes`), never a subfigure.

    TypeError for axes inside a subfigure (a footer or a blitted frame needs the whole figure).
    """
    figure = ax.figure
    if not isinstance(figure, Figure):
        raise TypeError(f"graphique dans une {type(figure).__name__}\u00a0: une Figure à lui seul est attendue")
    return figure


def agg_canvas(fig: Figure | SubFigure) -> FigureCanvasAgg:
    """The Agg canvas of a figure drawn by the kit (:func:`new_axes`, a card's sheet): it measures and blits.

    TypeError for a figure on another canvas (one that cannot measure text).
    """
    canvas = fig.canvas
    if not isinstance(canvas, FigureCanvasAgg):
        raise TypeError(f"une figure sur un canevas Agg est attendue, pas {type(canvas).__name__}")
    return canvas
