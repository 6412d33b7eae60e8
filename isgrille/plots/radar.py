"""The radar of a project's profile: one spoke per criterion, the grid's levels as rings.

It takes core objects (a :class:`~isgrille.content.model.Grid` and
:class:`~isgrille.content.model.Assessment` s) and only draws them, on the
``ax`` given or on a standalone figure (:mod:`.style`); turn it into PNG
bytes with :func:`~isgrille.plots.export.figure_png`. Any grid draws: any
number of dimensions, criteria and levels.

>>> from isgrille import load_assessments, load_grid
>>> from isgrille.plots.export import figure_png
>>> grid = load_grid()
>>> ax = plot_profile(grid, load_assessments(grid=grid)[:2])
>>> figure_png(ax)[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
True
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.projections.polar import PolarAxes

from ..analysis.scoring import check_assessment
from ..content.model import Assessment, Grid
from .style import PLAIN_TEXT, TEXT_COLOUR, as_list, new_axes, offset_below, plain, series_labels, series_style

__all__ = ["draw_profile_series", "plot_profile"]

_WEDGES = ("#E4E9F0", "#F6F7F9", "#EDF0F4")  # alternating dimension backgrounds
_BANDS = ("#C9D3E0", "#E3E8EF", "#D6DEE8")  # alternating dimension bands around the outer ring


def _fit(label: str, points: float) -> tuple[str, float]:
    """``label`` wrapped (and shortened if need be) to fit an arc ``points`` long, and its size."""
    for size, lines in ((13, 1), (11, 2), (9, 2)):
        chars = max(4, int(points / (0.62 * size)))  # bold DejaVu Sans: ~0.62 em per character
        wrapped = textwrap.wrap(label, chars)
        if len(wrapped) <= lines:
            return "\n".join(wrapped), size
    rest = textwrap.shorten(" ".join(wrapped[1:]), chars, placeholder="…")
    return f"{wrapped[0]}\n{rest}", size


def plot_profile(
    grid: Grid,
    assessments: Assessment | Sequence[Assessment],
    labels: Sequence[str] | None = None,
    ax: Axes | None = None,
    wrap: int = 18,
    title: str | None = None,
) -> Axes:
    """Radar of one or several assessments: one spoke per criterion, levels as rings.

    Criteria are laid out clockwise from the top in grid order; each dimension
    is a background wedge whose name sits in a band just outside the top ring.
    A criterion left not rated is NaN in the series, so its line has a gap;
    the line is closed back to the first criterion (a gap too if that one is
    not rated). ``labels`` names the series in the legend (default: each
    assessment's ``assessor``). ``ax`` must be polar.
    """
    assessments = as_list(assessments, Assessment)
    for assessment in assessments:
        check_assessment(grid, assessment)
    names = series_labels(labels, [a.assessor for a in assessments])
    if ax is None:
        ax = new_axes((8, 8), polar=True)
    if not isinstance(ax, PolarAxes):  # new_axes(polar=True) makes PolarAxes: only a wrong ``ax`` given is refused
        raise ValueError(
            "plot_profile trace un radar\u00a0: il faut des axes polaires "
            f"(projection='polar'), pas des axes '{ax.name}'"
        )
    criteria = grid.criteria
    n, top = len(criteria), grid.top_index
    step = 2 * math.pi / n
    angles = [i * step for i in range(n)]
    band = 0.2 * top  # room between the top ring and the edge for dimension names
    outer, origin = top + band, -0.2 * top
    # Inches of arc per radian along the middle of the band, to fit dimension names in it.
    box = ax.get_window_extent()  # pixels, before any layout shrinks it a little
    radius = 0.85 * min(box.width, box.height) / ax.figure.dpi / 2
    arc = radius * (top + band / 2 - origin) / (outer - origin)
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    ax.set_rorigin(origin)  # the lowest level is a small ring, not a point
    ax.set_ylim(0, outer)
    ax.grid(False)

    # Dimension wedges, with their name in the band outside the top ring.
    start, last = 0, len(grid.dimensions) - 1
    for k, dimension in enumerate(grid.dimensions):
        count = len(dimension.criteria)
        shade = 2 if k == last and k % 2 == 0 and k else k % 2  # neighbours differ all round
        centre = (start + (count - 1) / 2) * step
        width = count * step
        ax.bar(centre, top, width=width, bottom=0, color=_WEDGES[shade], zorder=0, linewidth=0)
        ax.bar(
            centre,
            band,
            width=width,
            bottom=top,
            color=_BANDS[shade],
            zorder=0,
            edgecolor="white",
            linewidth=2 if last else 0,
        )
        display = math.degrees(math.pi / 2 - centre) % 360
        rotation = (display - 90) % 360
        if 90 < rotation < 270:
            rotation -= 180
        # Straight text leaves a curved band at its ends: use at most ~34° of arc.
        text, size = _fit(dimension.label, min(0.9 * width, 0.6) * arc * 72)
        ax.text(
            centre,
            top + band / 2,
            text,
            rotation=rotation,
            rotation_mode="anchor",
            ha="center",
            va="center",
            fontsize=size,
            fontweight="bold",
            color=TEXT_COLOUR,
            zorder=1,
            **PLAIN_TEXT,
        )
        start += count

    # Rings (levels) and spokes (criteria), drawn by hand so they stay inside the band.
    ring = [i * 2 * math.pi / 180 for i in range(181)]
    for level in range(top + 1):
        ax.plot(ring, [level] * len(ring), color="#9AA5B1", linewidth=0.8, zorder=1)
    for angle in angles:
        ax.plot([angle, angle], [0, top], color="#9AA5B1", linewidth=0.8, zorder=1)
    ax.set_yticks(range(top + 1))
    ax.set_yticklabels(grid.levels, fontsize=9, color="#444444", **PLAIN_TEXT)
    ax.set_rlabel_position(-math.degrees(step / 2))  # on a dimension boundary, clear of names
    for tick in ax.get_yticklabels():
        tick.set_horizontalalignment("right")
        tick.set_bbox({"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
    ax.set_xticks(angles)
    ax.set_xticklabels([textwrap.fill(c.label, wrap) for c in criteria], fontsize=11, color=TEXT_COLOUR, **PLAIN_TEXT)
    ax.tick_params(axis="x", pad=4)
    for angle, tick in zip(angles, ax.get_xticklabels(), strict=False):
        x, y = math.sin(angle), math.cos(angle)  # display direction of the spoke
        tick.set_horizontalalignment("left" if x > 0.1 else "right" if x < -0.1 else "center")
        tick.set_verticalalignment("bottom" if y > 0.1 else "top" if y < -0.1 else "center")
    for spine in ax.spines.values():  # the rings drawn above take their place
        spine.set_color("none")

    draw_profile_series(ax, grid, assessments, names)
    if title:
        ax.set_title(title, fontsize=15, fontweight="bold", pad=30, **PLAIN_TEXT)
    return ax


def draw_profile_series(ax: Axes, grid: Grid, assessments: Sequence[Assessment], names: Sequence[str]) -> list[Artist]:
    """Draw the assessments' lines (and their legend) on a radar framed by :func:`plot_profile`.

    NaN for a criterion not rated leaves a gap in the line. Returns the
    artists drawn, so that a live view can remove them and draw new ones.
    """
    criteria = grid.criteria
    n = len(criteria)
    angles = [i * 2 * math.pi / n for i in range(n)]
    artists: list[Artist] = []
    for i, (assessment, name) in enumerate(zip(assessments, names, strict=False)):
        values = [math.nan if (level := assessment.level(c.id)) is None else level for c in criteria]
        style = series_style(i)
        artists += ax.plot(
            angles + angles[:1],
            values + values[:1],
            label=name,
            color=style["color"],
            linestyle=style["linestyle"],
            marker=style["marker"],
            markersize=8,
            linewidth=2.5,
            markevery=list(range(n)),
            zorder=3 + i,
        )
    if assessments:
        # Below the lowest criterion labels, however many lines they wrap to.
        lines = max(
            [1]
            + [
                label.get_text().count("\n") + 1
                for angle, label in zip(angles, ax.get_xticklabels(), strict=False)
                if math.cos(angle) < -0.5
            ]
        )
        legend = ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, 0),
            ncol=min(len(names), 3),
            bbox_transform=offset_below(ax, 18 + 14 * lines),
            frameon=False,
            fontsize=12,
        )
        plain(legend.get_texts())  # names typed by learners: a "$" is a dollar sign
        artists.append(legend)
    return artists
